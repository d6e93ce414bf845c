"""Search across languages: the seeds (English) and a Russian document in one database."""

from __future__ import annotations

import shutil
import sqlite3
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
# A word that begins with the stem of another ("мир") without being one of its forms.
MARKETS = """Обзор рынков

Мировой рынок зерна обсуждали в Астане эксперты двух стран.
"""


@pytest.fixture(scope="module")
def both(seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("crosslang")
    db = folder / "both.db"
    shutil.copy(seeds_db, db)
    (folder / "ru").mkdir()
    (folder / "ru" / "lavrov-ru.txt").write_text(RUSSIAN, encoding="utf-8")
    (folder / "ru" / "markets-ru.txt").write_text(MARKETS, encoding="utf-8")
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


def test_a_russian_word_finds_its_forms_only(both: Store) -> None:
    def titles(query: str) -> list[str]:
        return [h["title"] for h in search_documents(both, query, limit=10)[0]]

    assert titles("мировой") == titles("мирового") == ["Обзор рынков"]
    assert "Обзор рынков" not in titles("мир")
    assert titles("рынок AND зерна") == ["Обзор рынков"]


def test_stored_russian_documents_are_indexed_by_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    folder = tmp_path / "ru"
    folder.mkdir()
    (folder / "markets-ru.txt").write_text(MARKETS, encoding="utf-8")
    with Store(path) as store:
        ingest(store, [str(folder)], extract=False, workers=1)
    # The database as it was before migration 0010.
    con = sqlite3.connect(path)
    con.executescript(
        "DROP TABLE documents_fts; CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, "
        "content='documents', content_rowid='rowid', tokenize='porter unicode61 "
        "remove_diacritics 2'); INSERT INTO documents_fts(documents_fts) VALUES ('rebuild'); "
        "ALTER TABLE documents DROP COLUMN stems; DELETE FROM schema_migrations WHERE version = 10;"
    )
    con.close()
    with Store(path) as store:
        hits, _ = search_documents(store, "рынка", limit=10)
        assert [h["title"] for h in hits] == ["Обзор рынков"]


def test_the_kept_bilingual_entities_widen_a_query_as_the_store_does(both: Store) -> None:
    from bilateral.query.crosslang import bilingual_entities, other_language_forms

    kept = bilingual_entities(both)
    assert kept.entities
    for query in ("Lavrov", "Sergey Lavrov", "Лавров", "Лаврова", "Kazakhstan", "Казахстана", "x"):
        assert other_language_forms(both, query, kept) == other_language_forms(both, query)
    hits, _ = search_documents(both, "Lavrov", limit=100, bilingual=kept)
    assert {h["language"] for h in hits} == _languages(both, "Lavrov")


def test_an_agreement_is_found_by_its_name_in_either_language(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "ru.txt").write_text(
        "Встреча президентов\n\nПрезиденты России и Монголии обсудили Договор о всеобъемлющем "
        "стратегическом партнёрстве. Стороны подтвердили значение Договора о партнёрстве.\n",
        encoding="utf-8",
    )
    (tmp_path / "docs" / "en.txt").write_text(
        "Presidents meet\n\nThe presidents of Russia and Mongolia praised the Treaty on "
        "Comprehensive Strategic Partnership between Russia and Mongolia.\n",
        encoding="utf-8",
    )
    with Store(tmp_path / "a.db") as store:
        ingest(store, [str(tmp_path / "docs")], extract=True, workers=1)
        # One English name in both documents: the record's, whichever language reports it.
        names = store.query("SELECT name, name_original FROM agreements ORDER BY name_original")
        assert [tuple(r) for r in names] == [
            ("Treaty on Comprehensive Strategic Partnership between Russia and Mongolia", None),
            (
                "Treaty on Comprehensive Strategic Partnership between Russia and Mongolia",
                "Договор о всеобъемлющем стратегическом партнёрстве",
            ),
        ]
        assert _languages(store, "Treaty on Comprehensive Strategic Partnership") == {"en", "ru"}
        assert _languages(store, "о всеобъемлющем стратегическом партнерстве") == {"en", "ru"}
        assert _languages(store, '"Strategic Partnership"') == {"en", "ru"}
        # A word alone names no agreement.
        assert _languages(store, "Comprehensive") == {"en"}
