from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bilateral.store
from bilateral.model import (
    Claim,
    Document,
    Entity,
    Evidence,
    Extraction,
    Mention,
    Role,
    Sentence,
    Span,
    Turn,
)
from bilateral.store import Store, StoreError

TEXT = "Foreign Minister Sergey Lavrov had talks in Moscow.\n\nQuestion: Trade?\n\nSergey Lavrov: It grew."


def make_doc(text: str = TEXT, doc_id: str = "d1") -> Document:
    return Document(
        id=doc_id,
        source="/x/001.txt",
        text=text,
        title="Talks",
        published="2023-04-11",
        published_precision="day",
        doc_type="transcript",
        speakers=("Sergey Lavrov",),
        paragraphs=(Span(0, 51),),
        sentences=(Sentence(0, 51, 0, None),),
        turns=(Turn(53, 68, "Question", "question"),),
    )


def test_document_round_trips(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.db")
    doc = make_doc()
    assert store.add_document(doc, fingerprint=(1 << 63) + 5)
    assert store.get_document("d1") == doc
    assert dict(store.fingerprints())["d1"] == (1 << 63) + 5
    assert store.schema_version == max(
        int(p.name[:4])
        for p in (Path(bilateral.store.__file__).parent / "migrations").glob("*.sql")
    )


def test_same_document_twice_adds_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.db")
    assert store.add_document(make_doc(), 0)
    assert not store.add_document(make_doc(), 0)
    assert store.count_documents() == 1


def test_extraction_is_replaced_not_appended(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.db")
    doc = make_doc()
    ev = Evidence.of(doc, 17, 30)
    ex = Extraction(
        doc="d1",
        entities=(Entity("person:lavrov", "person", "Sergey Lavrov", ("Lavrov",), None, True),),
        mentions=(Mention("d1", 17, 30, "Sergey Lavrov", "person:lavrov", "person"),),
        claims=(Claim("c1", "trade", 1.0, "USD", None, None, (), None, (ev,)),),
        stages=("entities.v1", "claims.v1"),
    )
    store.add_document(doc, 0, ex)
    store.save_extraction(ex)
    loaded = store.load_extraction("d1")
    assert loaded.mentions == ex.mentions
    assert loaded.claims == ex.claims
    assert loaded.entities == ex.entities
    assert loaded.stages == ex.stages


def test_entity_aliases_merge_across_documents(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.db")
    store.add_document(
        make_doc(), 0, Extraction("d1", entities=(Entity("p:x", "person", "X Y", ("Mr Y",)),))
    )
    doc2 = make_doc(TEXT + " More.", "d2")
    store.add_document(
        doc2, 0, Extraction("d2", entities=(Entity("p:x", "person", "X Y", ("Y",)),))
    )
    ent = store.entity("p:x")
    assert ent is not None and ent.aliases == ("Mr Y", "Y")


def test_failed_write_leaves_nothing_half_written(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.db")
    doc = make_doc()
    bad = Extraction("d1", mentions=(Mention("d1", 0, 1, "F", "e", "person"),), stages=("x",))
    # A mention row with a NULL entity violates NOT NULL: the whole document must roll back.
    broken = Extraction("d1", mentions=(Mention("d1", 0, 1, "F", None, "person"),))  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        store.add_document(doc, 0, broken)
    assert store.count_documents() == 0
    assert store.add_document(doc, 0, bad)


def test_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a bilateral database"):
        Store(junk)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version=999")
    con.close()
    with pytest.raises(StoreError, match="newer than this bilateral"):
        Store(path)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "a.db")


def test_date_filters_compare_at_the_documents_precision(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.db")
    for i, date in enumerate(["2001", "2020-06-09", "2024-11"]):
        doc = make_doc(f"{TEXT} {i}", f"d{i}")
        doc = Document(**{**{f: getattr(doc, f) for f in doc.__slots__}, "published": date})  # type: ignore[attr-defined]
        store.add_document(doc, 0)
    ids = [r["id"] for r in store.document_rows(date_from="2020", date_to="2024-11-30")]
    assert ids == ["d1", "d2"]
    ids = [r["id"] for r in store.document_rows(date_from="2001-05", date_to="2001-12")]
    assert ids == ["d0"]


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=200))
def test_any_text_round_trips(text: str) -> None:
    store = Store(":memory:")
    doc = Document(id="x", source="s", text=text)
    store.add_document(doc, 0)
    assert store.get_document("x") == doc


def test_a_failed_batch_is_undone_whole(tmp_path: Path) -> None:
    store = Store(tmp_path / "a.db")
    broken = Extraction("d2", mentions=(Mention("d2", 0, 1, "F", None, "person"),))  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError), store.batch():
        assert store.add_document(make_doc(doc_id="d1"), 0)
        store.add_document(make_doc(doc_id="d2"), 0, broken)
    assert store.count_documents() == 0 and not store.in_batch
    with store.batch():
        assert store.add_document(make_doc(doc_id="d1"), 0)
        assert not store.add_document(make_doc(doc_id="d1"), 0)
    assert store.count_documents() == 1


def test_ingest_stores_the_rest_of_a_batch_the_database_refuses_part_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bilateral.workflow import ingest

    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"Talks number {i} were held in Astana on 1 May 2020.")
    store = Store(tmp_path / "a.db")
    real = Store._insert_document

    def refuse_the_second(self: Store, doc: Document, *args: object) -> bool:
        if doc.source.endswith("1.txt"):
            raise sqlite3.IntegrityError("refused")
        return real(self, doc, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_insert_document", refuse_the_second)
    summary = ingest(store, [str(folder)], extract=False, workers=1)
    assert summary.added == 2 and store.count_documents() == 2
    assert len(summary.errors) == 1 and "1.txt: not stored (refused)" in summary.errors[0]


def test_worker_results_come_back_in_input_order_and_stopping_early_does_not_hang(
    tmp_path: Path,
) -> None:
    import time

    from bilateral.ingest import RawDocument
    from bilateral.workflow import _build_text, _map

    items = (
        RawDocument(f"/x/{i}.txt", f"Talks number {i} were held on 1 May 2020.", "text")
        for i in range(2000)
    )
    results = _map(_build_text, items, workers=2, extract=False)
    first = [next(results) for _ in range(50)]
    assert [d[0].source for d in first if not isinstance(d, Exception)] == [
        f"/x/{i}.txt" for i in range(50)
    ]
    t0 = time.monotonic()
    results.close()  # the consumer stops: the pool and its feeding thread must wind down
    assert time.monotonic() - t0 < 10


def test_positions_and_plans_round_trip(tmp_path: Path) -> None:
    from bilateral.model import Evidence, Extraction, Plan, Position

    store = Store(tmp_path / "p.db")
    doc = make_doc()
    store.add_document(doc, fingerprint=1)
    ev = (Evidence.of(doc, 0, 5),)
    positions = (Position("p1", "country:NOR", "support", None, "the plan", ev),)
    plans = (
        Plan("l1", ("country:NOR", "country:SWE"), "open an office", "2025-05", "planned", ev),
    )
    store.save_extraction(
        Extraction(doc.id, positions=positions, plans=plans, stages=("positions.v1",))
    )
    back = store.load_extraction(doc.id)
    assert back.positions == positions
    assert back.plans == plans


def test_roles_stored_before_posts_had_terms_read_as_held(tmp_path: Path) -> None:
    from importlib import resources

    from bilateral.store.sqlite import split_sql

    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    script = (resources.files("bilateral.store") / "migrations" / "0001_initial.sql").read_text()
    for statement in split_sql(script):
        con.execute(statement)
    con.execute("PRAGMA user_version=1")
    con.close()
    store = Store(path)  # migrates to the current schema
    doc = make_doc()
    ev = (Evidence.of(doc, 0, 30),)
    store.add_document(doc, 0)
    for ref in ("person:lavrov", "country:RUS"):  # roles name entities (foreign keys)
        store.db.execute("INSERT INTO entities VALUES (?, 'x', ?, '[]', NULL, 0)", (ref, ref))
    store.db.execute(
        "INSERT INTO roles (doc, person, title, of, as_of, source, evidence, stage) "
        "VALUES ('d1', 'person:lavrov', 'Foreign Minister', 'country:RUS', '2023-04-11', 'text', "
        "?, 'roles.v1')",
        ('[{"doc": "d1", "start": 0, "end": 30, "quote": "' + ev[0].quote + '"}]',),
    )
    (role,) = store.load_extraction("d1").roles
    assert (role.start, role.end, role.status) == (None, None, "held")
    later = Role(
        "person:lavrov", "Ambassador", "country:RUS", None, ev, "text", "1994", "2004", "former"
    )
    store.save_extraction(Extraction("d1", roles=(later,), stages=("roles.v1",)))
    assert store.load_extraction("d1").roles == (later,)


def _open_new(path: str, queue: Any, start: Any) -> None:
    start.wait()
    try:
        with Store(path) as s:
            queue.put(s.schema_version)
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put(f"{type(exc).__name__}: {exc}")


def test_first_use_by_many_processes_at_once_migrates_once(tmp_path: Path) -> None:
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    for trial in range(8):
        path = str(tmp_path / f"race{trial}.db")
        queue = ctx.Queue()
        start = ctx.Barrier(6)
        procs = [ctx.Process(target=_open_new, args=(path, queue, start)) for _ in range(6)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        results = [queue.get(timeout=5) for _ in procs]
        with Store(path) as s:
            latest = s.schema_version
        assert results == [latest] * len(procs)
