"""The store-level step after extraction: events merged across documents (crossdoc/events.py),
kept current incrementally.

A write marks what it touched: new events have no merged event yet, and a document extracted
again marks its merged events stale. ``merge_events`` then re-clusters only the blocks (merge
class and month) those touch, each from all of its reports, so the groups are the same whatever
order the documents came in, and the same as clustering everything at once.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from bilateral.crossdoc.events import (
    Report,
    block_of,
    class_types,
    merge_block,
    place_country,
    sides_of,
)
from bilateral.kb import KnowledgeBase, load_kb
from bilateral.model import MergedEvent
from bilateral.store.connection import Connection
from bilateral.store.rows import event_row, evidence_load

_COLUMNS = (
    "id, block, doc, type, date, date_precision, status, location, modality, participants, "
    "plover, cameo, evidence, reports, documents, events"
)


class MergedEvents:
    """Mixed into ``Store``: its merged events, and the step that keeps them current."""

    db: Connection
    _merge_deferred: int
    _kb: KnowledgeBase | None

    # -- keeping them current ----------------------------------------------------------------
    def _mark_merge_stale(self, doc: str) -> None:
        """A document's events are about to be rewritten: its merged events must be redone."""
        self.db.execute(
            "UPDATE merged_events SET stale = 1 WHERE id IN "
            "(SELECT merged FROM merged_event_reports WHERE doc = ?)",
            (doc,),
        )

    @contextmanager
    def deferred_merge(self) -> Iterator[None]:
        """Write many documents, then merge once (ingest and re-extraction): re-clustering a
        busy block after every batch would cost more than the writes."""
        self._merge_deferred += 1
        try:
            yield
        finally:
            self._merge_deferred -= 1
        if not self._merge_deferred:
            self.refresh_crossdoc()

    def _after_write(self) -> None:
        if not self._merge_deferred:
            self.refresh_crossdoc()

    def refresh_crossdoc(self) -> None:
        """The steps across documents after a write (``Store`` adds the links)."""
        self.merge_events()

    def merge_events(self, kb: KnowledgeBase | None = None) -> int:
        """Bring the merged events up to date; the number of blocks clustered again."""
        blocks = self._dirty_blocks()
        if not blocks:
            return 0
        kb = kb or self._merge_kb()
        merged: list[MergedEvent] = []
        doc_of: dict[str, str] = {}
        for block in sorted(blocks):
            reports = self._reports(block, kb)
            doc_of.update((r.event.id, r.doc) for r in reports)
            merged.extend(merge_block(reports, block))
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany(
                "DELETE FROM merged_events WHERE block = ?", [(b,) for b in sorted(blocks)]
            )
            self._insert_merged(merged, doc_of)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return len(blocks)

    def _merge_kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = load_kb()
        return self._kb

    def _dirty_blocks(self) -> set[str]:
        """The blocks of stale merged events, and every block the events of their documents
        and of documents with unmerged events now fall in."""
        q = self.db.execute
        blocks = {r[0] for r in q("SELECT DISTINCT block FROM merged_events WHERE stale = 1")}
        docs = {
            r[0]
            for r in q(
                "SELECT DISTINCT r.doc FROM merged_event_reports r "
                "JOIN merged_events m ON m.id = r.merged WHERE m.stale = 1"
            )
        }
        docs |= {
            r[0]
            for r in q(
                "SELECT DISTINCT e.doc FROM events e "
                "WHERE NOT EXISTS (SELECT 1 FROM merged_event_reports r WHERE r.event = e.id)"
            )
        }
        for doc in sorted(docs):
            for r in q("SELECT * FROM events WHERE doc = ?", (doc,)):
                blocks.add(block_of(event_row(r), doc))
        return blocks

    def _reports(self, block: str, kb: KnowledgeBase) -> list[Report]:
        kind, _, key = block.partition("|")
        sql = (
            "SELECT e.*, d.published AS doc_published FROM events e "
            "JOIN documents d ON d.id = e.doc "
        )
        if kind == "doc":
            rows = self.db.execute(sql + "WHERE e.doc = ?", (key,)).fetchall()
        else:
            # The month's dates through the index on events(date): from "YYYY-MM" up to the
            # next month.
            year, month = int(key[:4]), int(key[5:7])
            upper = f"{year + month // 12:04d}-{month % 12 + 1:02d}"
            rows = self.db.execute(
                sql + "WHERE e.date >= ? AND e.date < ? AND substr(e.date, 1, 7) = ? "
                "AND e.type IN (SELECT value FROM json_each(?))",
                (key, upper, key, json.dumps(class_types(kind))),
            ).fetchall()
        # Each row is read into its event once: the block test and the report use the same one.
        read = [(r, e) for r in rows if block_of(e := event_row(r), r["doc"]) == block]
        roles = self._role_states({r["doc"] for r, _ in read})
        out = []
        for r, event in read:
            out.append(
                Report(
                    event=event,
                    doc=r["doc"],
                    published=r["doc_published"],
                    sides=sides_of(event.participants, event.date, roles.get(r["doc"], {}), kb),
                    place_country=place_country(event.location, kb),
                )
            )
        return out

    def _role_states(self, docs: Iterable[str]) -> dict[str, dict[str, str]]:
        """Per document, the state each person holds a post of there (the first, by name)."""
        out: defaultdict[str, dict[str, str]] = defaultdict(dict)
        rows = self.db.execute(
            "SELECT DISTINCT doc, person, of FROM roles WHERE of LIKE 'country:%' "
            "AND doc IN (SELECT value FROM json_each(?)) ORDER BY doc, person, of",
            (json.dumps(sorted(docs)),),
        )
        for doc, person, state in rows:
            out[doc].setdefault(person, state)
        return dict(out)

    def _insert_merged(self, merged: Sequence[MergedEvent], doc_of: dict[str, str]) -> None:
        self.db.executemany(
            f"INSERT INTO merged_events ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    m.id,
                    m.block,
                    m.doc,
                    m.type,
                    m.date,
                    m.date_precision,
                    m.status,
                    m.location,
                    m.modality,
                    json.dumps(list(m.participants)),
                    m.plover,
                    m.cameo,
                    json.dumps([e.as_dict() for e in m.evidence], ensure_ascii=False),
                    len(m.docs),
                    json.dumps(list(m.docs)),
                    json.dumps(list(m.events)),
                )
                for m in merged
            ],
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO merged_event_reports VALUES (?,?,?)",
            [(m.id, event, doc_of[event]) for m in merged for event in m.events],
        )

    # -- reading them ------------------------------------------------------------------------
    def merged_events(self) -> Iterator[MergedEvent]:
        """Every merged event, in date order (undated last), then by id."""
        for r in self.db.execute(
            f"SELECT {_COLUMNS} FROM merged_events ORDER BY date IS NULL, date, id"
        ):
            yield MergedEvent(
                id=r["id"],
                block=r["block"],
                doc=r["doc"],
                type=r["type"],
                date=r["date"],
                date_precision=r["date_precision"],
                status=r["status"],
                location=r["location"],
                modality=r["modality"],
                participants=tuple(json.loads(r["participants"])),
                plover=r["plover"],
                cameo=r["cameo"],
                events=tuple(json.loads(r["events"])),
                docs=tuple(json.loads(r["documents"])),
                evidence=evidence_load(r["evidence"]),
            )

    def document_briefs(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Document id -> {id, title, published}, for the documents reporting an event."""
        rows = self.db.execute(
            "SELECT id, title, published FROM documents WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(ids))),),
        )
        return {r["id"]: dict(r) for r in rows}
