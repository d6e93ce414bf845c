"""Events merged across documents by the store: kept current after every write, incrementally,
the same whatever order the documents came in."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import bilateral.store
from bilateral.export import export_csv
from bilateral.kb import KnowledgeBase
from bilateral.model import Document, Event, Evidence, Extraction, Role
from bilateral.plover import export_plover
from bilateral.query.records import list_events
from bilateral.store import Store

US, IT = "country:USA", "country:ITA"
BIDEN, MELONI = "person:biden", "person:meloni"
TEXTS = {
    "announce": "The President will welcome the Prime Minister on July 27.",
    "joint": "The President and the Prime Minister met at the White House today.",
    "remarks": "Remarks before the bilateral meeting with the Prime Minister.",
    "later": "The President and the Prime Minister met again today.",
}
PUBLISHED = {
    "announce": "2023-07-12",
    "joint": "2023-07-27",
    "remarks": "2023-07-27",
    "later": "2023-10-02",
}
EVENTS = {  # name: (type, date, status)
    "announce": ("visit", "2023-07-27", "planned"),
    "joint": ("meeting", "2023-07-27", "occurred"),
    "remarks": ("meeting", "2023-07-27", "occurred"),
    "later": ("meeting", "2023-10-02", "occurred"),
}


def doc(name: str) -> Document:
    return Document(id=name, source=f"/wh/{name}.md", text=TEXTS[name], published=PUBLISHED[name])


def extraction(name: str, *, events: bool = True) -> Extraction:
    d = doc(name)
    ev = (Evidence.of(d, 0, len(d.text)),)
    kind, date, status = EVENTS[name]
    found = (
        Event(
            f"e-{name}",
            kind,
            date,
            "day",
            status,
            None,
            None,
            (BIDEN, MELONI),
            "CONSULT",
            "040",
            ev,
        ),
    )
    roles = (Role(BIDEN, "President", US, date, ev), Role(MELONI, "Prime Minister", IT, date, ev))
    return Extraction(name, roles=roles, events=found if events else ())


def fill(path: Path, names: list[str]) -> Store:
    store = Store(path, kb=KnowledgeBase(()))
    for name in names:
        store.add_document(doc(name), 0, extraction(name))
    return store


def merged(store: Store) -> list[tuple[str, str | None, str, tuple[str, ...], tuple[str, ...]]]:
    return [(m.id, m.date, m.status, m.events, m.docs) for m in store.merged_events()]


def test_new_documents_join_the_event_they_report(tmp_path: Path) -> None:
    store = fill(tmp_path / "a.db", ["announce"])
    assert merged(store) == [
        ("e-announce", "2023-07-27", "planned", ("e-announce",), ("announce",))
    ]
    store.add_document(doc("joint"), 0, extraction("joint"))
    store.add_document(doc("later"), 0, extraction("later"))
    store.add_document(doc("remarks"), 0, extraction("remarks"))
    assert merged(store) == [
        (
            "e-joint",
            "2023-07-27",
            "occurred",
            ("e-joint", "e-remarks", "e-announce"),
            ("announce", "joint", "remarks"),
        ),
        ("e-later", "2023-10-02", "occurred", ("e-later",), ("later",)),
    ]
    [first, second] = list_events(store)
    assert (first["id"], first["reports"], second["reports"]) == ("e-joint", 3, 1)
    assert [d["id"] for d in first["documents"]] == ["announce", "joint", "remarks"]
    assert first["documents"][0] == {"id": "announce", "title": None, "published": "2023-07-12"}
    assert [e["doc"] for e in first["evidence"]] == ["joint", "remarks", "announce"]


def test_the_groups_do_not_depend_on_the_order_of_ingest(tmp_path: Path) -> None:
    names = ["announce", "joint", "remarks", "later"]
    forward = fill(tmp_path / "f.db", names)
    backward = fill(tmp_path / "b.db", names[::-1])
    assert merged(forward) == merged(backward)


def test_a_document_extracted_again_leaves_the_event_it_no_longer_reports(tmp_path: Path) -> None:
    store = fill(tmp_path / "r.db", ["announce", "joint"])
    store.save_extraction(extraction("joint", events=False))
    assert merged(store) == [
        ("e-announce", "2023-07-27", "planned", ("e-announce",), ("announce",))
    ]
    store.save_extraction(extraction("joint"))
    assert [m[2:] for m in merged(store)] == [
        ("occurred", ("e-joint", "e-announce"), ("announce", "joint"))
    ]


def test_ingest_merges_once_after_its_last_batch(tmp_path: Path) -> None:
    store = Store(tmp_path / "d.db", kb=KnowledgeBase(()))
    with store.deferred_merge():
        for name in ("announce", "joint"):
            store.add_document(doc(name), 0, extraction(name))
        assert merged(store) == []
    assert [m[3] for m in merged(store)] == [("e-joint", "e-announce")]
    assert store.merge_events() == 0  # nothing left to do


def _tables(path: Path) -> set[str]:
    con = sqlite3.connect(path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    con.close()
    return names


def _forget_merged(path: Path, version: int, record: bool) -> None:
    con = sqlite3.connect(path)
    # A database at version 4 has none of the tables of later migrations (0006: links; 0008: the
    # column of skipped stages; 0010: the index's column of Russian keys; 0012: agreements'
    # original names).
    later = (
        "DROP TABLE links; DROP TABLE link_keys; DROP TABLE link_passages; DROP TABLE link_docs; "
        "ALTER TABLE extractions DROP COLUMN skipped; "
        "DROP TABLE documents_fts; CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, "
        "content='documents', content_rowid='rowid', tokenize='porter unicode61'); "
        "ALTER TABLE documents DROP COLUMN stems; "
        "ALTER TABLE agreements DROP COLUMN name_original; "
        if not record
        else ""
    )
    con.executescript(
        later
        + "DROP TABLE merged_event_reports; DROP TABLE merged_events; "
        + (
            "DELETE FROM schema_migrations WHERE version = 5;"
            if record
            else "DROP TABLE schema_migrations;"
        )
        + f"PRAGMA user_version = {version};"
    )
    con.close()


LATEST = max(
    int(p.name[:4]) for p in (Path(bilateral.store.__file__).parent / "migrations").glob("*.sql")
)


def test_a_migration_is_applied_once_whatever_number_landed_before_it(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    Store(path).close()
    # A database at version 4 from before migrations were recorded gets 0005 and later.
    _forget_merged(path, 4, record=False)
    with Store(path) as store:
        assert store.schema_version == LATEST
    assert {"merged_events", "schema_migrations"} <= _tables(path)
    # A migration numbered below the database's version but never applied to it (numbers are
    # taken by engineers in parallel, and 0002 may land after 0005 ran) is applied: the record
    # of migrations tells, not the version.
    _forget_merged(path, 6, record=True)
    assert "merged_events" not in _tables(path)
    with Store(path) as store:
        assert store.schema_version == 6
    assert "merged_events" in _tables(path)


def test_the_exports_write_one_line_per_merged_event_with_every_report(tmp_path: Path) -> None:
    store = fill(tmp_path / "x.db", ["announce", "joint", "remarks", "later"])
    per_report, per_event = io.StringIO(), io.StringIO()
    assert export_plover(store, per_report) == 4
    assert export_plover(store, per_event, merged=True) == 2
    first, second = [json.loads(x) for x in per_event.getvalue().splitlines()]
    assert (first["id"], first["date"], first["event"], first["reports"]) == (
        "e-joint",
        "2023-07-27",
        ["CONSULT"],
        3,
    )
    assert first["documents"] == ["announce", "joint", "remarks"]
    assert [e["doc"] for e in first["evidence"]] == ["joint", "remarks", "announce"]
    assert first["text"] == TEXTS["joint"] and first["cite_info"]["doc"] == "joint"
    assert (second["id"], second["reports"]) == ("e-later", 1)
    export_csv(store, tmp_path / "csv")
    with (tmp_path / "csv" / "merged_events.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["id"], r["reports"], r["documents"]) for r in rows] == [
        ("e-joint", "3", "announce; joint; remarks"),
        ("e-later", "1", "later"),
    ]
    assert rows[0]["citations"].split("; ")[0] == f"joint:0-{len(TEXTS['joint'])}"
