"""Search across languages: the seeds (English) and a Russian document in one database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bilateral.query.search import search_documents
from bilateral.store import Store
from bilateral.workflow import ingest

# Written for this test.
RUSSIAN = """Переговоры министров иностранных дел

Министр иностранных дел России Сергей Лавров провёл переговоры с коллегой из Казахстана.
Стороны отметили рост товарооборота между двумя странами. По словам Лаврова, в товарообороте
растёт доля национальных валют.
"""


@pytest.fixture(scope="module")
def both(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("crosslang")
    db = folder / "both.db"
    shutil.copy(seeds_db, db)
    (folder / "ru").mkdir()
    (folder / "ru" / "lavrov-ru.txt").write_text(RUSSIAN, encoding="utf-8")
    store = Store(db)
    summary = ingest(store, [str(folder / "ru")], extract=True, workers=1)
    assert summary.errors == []
    return store


def _languages(store: Store, query: str) -> set[str]:
    hits, _ = search_documents(store, query, limit=100)
    return {h["language"] for h in hits}


def test_an_english_name_finds_the_russian_document(both: Store) -> None:
    assert _languages(both, "Lavrov") == {"en", "ru"}


def test_a_russian_name_finds_english_documents(both: Store) -> None:
    assert "en" in _languages(both, "Лавров")
    assert "en" in _languages(both, "Лаврова")


def test_russian_inflection(both: Store) -> None:
    hits, _ = search_documents(both, "товарооборот", limit=10)
    assert [h["language"] for h in hits] == ["ru"]
    snippet = hits[0]["snippet"]
    assert any(
        snippet[a - hits[0]["start"] : b - hits[0]["start"]].startswith("товарооборот")
        for a, b in hits[0]["highlights"]
    )


def test_the_kept_bilingual_entities_widen_a_query_as_the_store_does(both: Store) -> None:
    from bilateral.query.crosslang import bilingual_entities, other_language_forms

    kept = bilingual_entities(both)
    assert kept.entities
    for query in ("Lavrov", "Sergey Lavrov", "Лавров", "Лаврова", "Kazakhstan", "Казахстана", "x"):
        assert other_language_forms(both, query, kept) == other_language_forms(both, query)
    hits, _ = search_documents(both, "Lavrov", limit=100, bilingual=kept)
    assert {h["language"] for h in hits} == _languages(both, "Lavrov")
