from __future__ import annotations

import itertools
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # servers.py

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "gold" / "seeds.jsonl"
CORPUS = SHARED / "corpus" / "diplomatic-11k.jsonl.gz"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not here")
    return SEEDS


@pytest.fixture(scope="session")
def gold_path() -> Path:
    if not GOLD.is_file():
        pytest.skip("../shared/gold/seeds.jsonl is not here")
    return GOLD


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """The seeds ingested once, with extraction, for every test that reads the record."""
    from bilateral.store import Store
    from bilateral.workflow import ingest

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    store = Store(db)
    summary = ingest(store, [str(seeds_dir)], extract=True, workers=1)
    store.close()
    assert summary.errors == []
    return db


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A throwaway PostgreSQL server for the session (tests/servers.py); its URL. In CI a
    missing server is a failure, not a skip."""
    from servers import postgres_available, postgres_server

    why = postgres_available()
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL tests cannot run in CI: {why}")
        pytest.skip(why)
    with postgres_server() as url:
        yield url


@pytest.fixture()
def pg_url(pg_server: str, request: pytest.FixtureRequest) -> str:
    """An empty database of its own on the session's server."""
    from servers import fresh_database

    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:50]
    return fresh_database(pg_server, f"{name}_{next(_DATABASES)}")


_DATABASES = itertools.count()
