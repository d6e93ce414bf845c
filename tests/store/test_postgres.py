"""The PostgreSQL store against a real server (tests/servers.py starts one): the same record as
SQLite's byte for byte, search with tsvector, copies both ways, many writers at once."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilateral.export import export_jsonl
from bilateral.query.search import search
from bilateral.store import Store
from bilateral.store.copy import copy_record
from bilateral.store.postgres import translate, translate_ddl, tsquery
from bilateral.workflow import ingest


def _export(store: Store, path: Path) -> bytes:
    with path.open("w", encoding="utf-8") as f:
        export_jsonl(store, f)
    return path.read_bytes()


# -- the dialect, without a server ----------------------------------------------------------------
def test_sqlite_statements_read_as_postgres() -> None:
    cols = (("events", ("id", "doc", "type"), ("id",)),)
    assert translate("SELECT id FROM documents WHERE id LIKE ? || '%' LIMIT 2") == (
        "SELECT id FROM documents WHERE id ILIKE %s || '%%' LIMIT 2"
    )
    assert translate("SELECT 1 FROM e WHERE e.id IN (SELECT value FROM json_each(?))") == (
        "SELECT 1 FROM e WHERE e.id IN "
        "(SELECT value FROM json_array_elements_text((%s)::json) AS json_each(value))"
    )
    assert translate("SELECT start, end FROM mentions ORDER BY doc, start, end") == (
        'SELECT start, "end" FROM mentions '
        'ORDER BY doc NULLS FIRST, start NULLS FIRST, "end" NULLS FIRST'
    )
    assert translate("INSERT OR REPLACE INTO events VALUES (?,?,?)", cols) == (
        "INSERT INTO events (id, doc, type) VALUES (%s,%s,%s) ON CONFLICT (id) DO UPDATE "
        "SET doc = EXCLUDED.doc, type = EXCLUDED.type, rowid = DEFAULT"
    )
    assert translate("SELECT * FROM t ORDER BY a DESC", params=False) == (
        "SELECT * FROM t ORDER BY a DESC NULLS LAST"
    )
    assert translate("BEGIN IMMEDIATE") == "BEGIN"


def test_migrations_read_as_postgres() -> None:
    assert translate_ddl(
        "CREATE TABLE t (\n  a TEXT NOT NULL, -- why (it is)\n  end INTEGER\n);"
    ) == [
        'CREATE TABLE t (\n  a TEXT COLLATE "C" NOT NULL, \n  "end" BIGINT,\n    rowid BIGSERIAL\n)'
    ]
    assert translate_ddl("CREATE INDEX n ON entities(name COLLATE NOCASE);") == [
        "CREATE INDEX n ON entities(lower(name))"
    ]


def test_search_expressions_read_as_tsquery() -> None:
    def word(text: str) -> str:
        quoted = "'" + text.replace("'", "''") + "'"
        return f"(to_tsquery('english', {quoted}) || to_tsquery('russian', {quoted}))"

    pipeline, trade = word("'caspian' <-> 'pipeline'"), word("'trade':*")
    a, b = word("'a'"), word("'b'")
    # FTS5's precedence: NOT, then AND, then OR.
    assert tsquery('"caspian pipeline" AND "trade"* OR ("a" NOT "b")') == (
        f"(({pipeline} && {trade}) || ({a} && !! {b}))"
    )
    assert tsquery('"a" OR "b" AND "trade"*') == f"({a} || ({b} && {trade}))"
    # A Russian word's key (migration 0010) is matched as written, in the keys' weight.
    assert tsquery('stems : "ключ мир"') == ("to_tsquery('simple', '''ключ'':C <-> ''мир'':C')")


# -- the seeds on a real server ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def pg_seeds(pg_server: str, seeds_dir: Path) -> Iterator[str]:
    from servers import fresh_database

    url = fresh_database(pg_server, "seeds")
    with Store(url) as store:
        summary = ingest(store, [str(seeds_dir)], extract=True, workers=1)
    assert summary.errors == [] and summary.added == 5
    yield url


def test_seeds_export_the_same_lines_on_postgres(
    pg_seeds: str, seeds_db: Path, tmp_path: Path
) -> None:
    with Store(pg_seeds) as pg, Store(seeds_db) as lite:
        assert pg.dialect == "postgresql"
        assert _export(pg, tmp_path / "pg.jsonl") == _export(lite, tmp_path / "lite.jsonl")


def test_search_works_on_postgres(pg_seeds: str, seeds_db: Path) -> None:
    with Store(pg_seeds) as pg, Store(seeds_db) as lite:
        for query in ("Kazakhstan", '"Caspian Pipeline Consortium"', "trade NOT Kazakhstan"):
            found = search(pg, query, limit=50)
            assert {h.doc for h in found} == {h.doc for h in search(lite, query, limit=50)}
        hit = search(pg, "Caspian Pipeline Consortium")[0]
        assert "Caspian" in hit.snippet
        assert pg.fts_count('"pipelin"*') == lite.fts_count('"pipelin"*') > 0


def test_copy_goes_both_ways_and_exports_the_same(
    pg_seeds: str, seeds_db: Path, pg_url: str, tmp_path: Path
) -> None:
    with Store(seeds_db) as lite:
        expected = _export(lite, tmp_path / "lite.jsonl")
        with Store(pg_url) as pg:
            copy_record(lite, pg)
            assert _export(pg, tmp_path / "to-pg.jsonl") == expected
            assert [h.doc for h in search(pg, "Kazakhstan")]
            # Rows written later take keys after the copied ones (mentions' ids, migration 0009).
            last = pg.document_ids()[-1]
            pg.save_extraction(pg.load_extraction(last))
            assert pg.load_extraction(last).mentions == lite.load_extraction(last).mentions
    with Store(pg_seeds) as pg, Store(tmp_path / "back.db") as back:
        copy_record(pg, back)
        assert _export(back, tmp_path / "back.jsonl") == expected
        assert [h.doc for h in search(back, "Kazakhstan")]


def test_copy_refuses_a_store_that_holds_documents(pg_seeds: str, seeds_db: Path) -> None:
    from bilateral.store import StoreError

    with Store(seeds_db) as lite, Store(pg_seeds) as pg, pytest.raises(StoreError, match="empty"):
        copy_record(lite, pg)


def test_english_and_russian_words_are_found_by_their_stems(pg_url: str, tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(
        "Ministers meet\n\nThe two ministers negotiated a new treaty on river navigation.\n"
    )
    (tmp_path / "ru.txt").write_text(
        "Встреча министров\n\nМинистры провели переговоры о судоходстве на реках.\n"
    )
    with Store(pg_url) as pg:
        assert ingest(pg, [str(tmp_path)], extract=False, workers=1).added == 2
        assert [h.title for h in search(pg, "negotiating")] == ["Ministers meet"]
        assert [h.title for h in search(pg, "переговорах")] == ["Встреча министров"]
        assert [h.title for h in search(pg, "navig*")] == ["Ministers meet"]
        assert search(pg, "treaty NOT river") == []


# -- many writers -----------------------------------------------------------------------------------
def _run(threads: list[threading.Thread]) -> None:
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_first_use_by_many_writers_at_once_migrates_once(pg_url: str) -> None:
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            Store(pg_url).close()
        except BaseException as exc:
            errors.append(exc)

    _run([threading.Thread(target=open_store) for _ in range(4)])
    assert errors == []
    with Store(pg_url) as pg:
        versions = [r[0] for r in pg.query("SELECT version FROM schema_migrations ORDER BY 1")]
    assert len(versions) == len(set(versions)) >= 6


def test_many_writers_store_every_document_once(
    pg_url: str, seeds_db: Path, tmp_path: Path
) -> None:
    """Writers in parallel, each its own connection and batch, sharing entities; one document
    offered by two of them at once is stored once."""
    from bilateral.ingest.identity import fingerprint

    with Store(seeds_db) as lite:
        ids = lite.document_ids()
        work = []
        for doc_id in ids:
            doc = lite.get_document(doc_id)
            assert doc is not None
            work.append((doc, fingerprint(doc.text), lite.load_extraction(doc_id)))
        expected = _export(lite, tmp_path / "lite.jsonl").decode().splitlines()
    shares = [[*work[0::2], work[1]], work[1::2]]
    added: list[bool] = []
    errors: list[BaseException] = []

    def write(share: list[tuple[object, int, object]]) -> None:
        try:
            with Store(pg_url) as store, store.batch():
                for doc, fp, extraction in share:
                    added.append(store.add_document(doc, fp, extraction))  # type: ignore[arg-type]
        except BaseException as exc:
            errors.append(exc)

    _run([threading.Thread(target=write, args=(s,)) for s in shares])
    assert errors == []
    assert sorted(added) == [False] + [True] * len(ids)
    with Store(pg_url) as pg:
        pg.refresh_crossdoc()
        got = _export(pg, tmp_path / "pg.jsonl").decode().splitlines()

    # Documents in another order, aliases merged in another order: the same record otherwise.
    def canonical(lines: list[str]) -> list[str]:
        out = []
        for line in lines:
            obj = json.loads(line)
            if obj["kind"] == "entity":
                obj["aliases"] = sorted(obj["aliases"])
            out.append(json.dumps(obj, sort_keys=True, ensure_ascii=False))
        return sorted(out)

    assert canonical(got) == canonical(expected)


def test_the_api_answers_the_same_from_postgres(pg_seeds: str, seeds_db: Path) -> None:
    """Every read endpoint of the workbench, on both stores (search aside: its ranking is each
    store's own)."""
    from fastapi.testclient import TestClient

    from bilateral.web.app import create_app

    paths = [
        "/api/documents", "/api/entities", "/api/entities/country:KAZ", "/api/timeline",
        "/api/graph", "/api/graph?entity=country:KAZ", "/api/pairs",
        "/api/dashboard?a=country:KAZ&b=country:RUS", "/api/events", "/api/claims",
        "/api/agreements", "/api/positions", "/api/plans", "/api/links",
        "/api/ask?q=Who+is+the+President+of+Kazakhstan",
    ]  # fmt: skip
    answers = []
    for db in (pg_seeds, str(seeds_db)):
        # The block runs the app's lifespan, which closes its pooled connections.
        with TestClient(create_app(db, token=None, max_body=5_000_000)) as client:
            got = [(p, *_answer(client, p)) for p in paths]
            answers.append(got)
            for page in ("/", "/entities", "/events", "/claims", "/search?q=Kazakhstan", "/graph"):
                assert client.get(page).status_code == 200, page
    assert [a[:2] for a in answers[0]] == [(p, 200) for p in paths]
    assert answers[0] == answers[1]


def _answer(client: object, path: str) -> tuple[int, str]:
    response = client.get(path)  # type: ignore[attr-defined]
    return response.status_code, response.text
