from __future__ import annotations

from pathlib import Path

import pytest

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
