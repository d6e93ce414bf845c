"""The database opens in Datasette: full-text search through `_search`, and the entity columns
of mentions and roles shown as links to the entities they name (foreign keys)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import pytest

datasette_app = pytest.importorskip("datasette.app")


def _get(db: Path, path: str) -> Any:
    async def run() -> Any:
        ds = datasette_app.Datasette([str(db)], settings={"sql_time_limit_ms": 5000})
        await ds.invoke_startup()
        response = await ds.client.get(path)
        assert response.status_code == 200, response.text[:300]
        return response.json() if ".json" in path else response.text

    return asyncio.run(run())


def test_search_finds_only_matching_documents(seeds_db: Path) -> None:
    con = sqlite3.connect(seeds_db)
    total = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    expected = {
        r[0]
        for r in con.execute(
            "SELECT d.id FROM documents_fts f JOIN documents d ON d.rowid = f.rowid "
            "WHERE documents_fts MATCH 'pipeline'"
        )
    }
    con.close()
    assert 0 < len(expected) < total
    rows = _get(seeds_db, f"/{seeds_db.stem}/documents.json?_search=pipeline&_shape=array&_col=id")
    assert {r["id"] for r in rows} == expected


def test_entity_columns_link_to_entities(seeds_db: Path) -> None:
    db = seeds_db.stem
    data = _get(seeds_db, f"/{db}/mentions.json?_shape=objects&_labels=on&_size=5")
    assert data["primary_keys"] == ["id"]
    first = data["rows"][0]
    assert set(first["entity"]) == {"value", "label"}  # a foreign key, labelled by the name
    assert first["entity"]["label"]
    roles = _get(seeds_db, f"/{db}/roles.json?_shape=objects&_labels=on&_size=5")
    assert roles["primary_keys"] == ["id"]
    assert set(roles["rows"][0]["person"]) == {"value", "label"}
    page = _get(seeds_db, f"/{db}/roles")
    assert f'href="/{db}/entities/person' in page
    assert _get(seeds_db, f"/{db}/times.json?_size=1")["primary_keys"] == ["id"]
