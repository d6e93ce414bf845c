"""The record behind one small interface: documents, their full-text index and extractions, in
SQLite or PostgreSQL (``connect`` picks by the URL; the SQL here runs on both).

A document is stored whole or not at all (its own transaction, or a batch's during ingest): a
crash or kill mid-ingest leaves every stored document whole, and a re-run picks up where it
stopped because ids are content hashes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from bilateral.kb import KnowledgeBase
from bilateral.model import (
    Document,
    Entity,
    Extraction,
    Mention,
    Role,
    Sentence,
    Span,
    TimeExpr,
    Turn,
)
from bilateral.store.connection import Connection, index_keys, is_postgres
from bilateral.store.links import Links
from bilateral.store.merged import MergedEvents
from bilateral.store.rows import (
    EXTRACTION_TABLES,
    action_row,
    agreement_row,
    claim_row,
    event_row,
    evidence_load,
    plan_row,
    position_row,
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _signed64(value: int) -> int:
    return value - (1 << 64) if value >= (1 << 63) else value


def segments_json(
    doc: Document, sentences: Sequence[tuple[int, int, int, int | None]] | None = None
) -> str:
    """The document's paragraphs, sentences and turns as offsets; ``sentences`` as rows (start,
    end, paragraph, turn) in place of the document's own (a text-only ingest makes no Sentence
    objects)."""
    return _SEGMENTS_JSON.encode(
        {
            "paragraphs": [[p.start, p.end] for p in doc.paragraphs],
            "sentences": (
                [[s.start, s.end, s.paragraph, s.turn] for s in doc.sentences]
                if sentences is None
                else sentences  # tuples: written as the same JSON arrays
            ),
            "turns": [[t.start, t.end, t.speaker, t.role] for t in doc.turns],
        }
    )


# One encoder for every document (json.dumps with options builds one per call, a fifth of the
# cost of writing a document's offsets).
_SEGMENTS_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class DocumentRow(NamedTuple):
    """A document as its row in ``documents`` (all but the time it was stored).

    Ingest's worker processes build it, so that the one writing process only inserts: a row
    crosses the process boundary as a few strings, where a Document is thousands of objects
    (its sentences) to pickle and build again."""

    id: str
    source: str
    url: str | None
    external_id: str | None
    title: str | None
    published: str | None
    published_precision: str | None
    doc_type: str
    publisher: str | None
    language: str
    original_language: str | None
    speakers: str  # JSON list
    n_chars: int
    fingerprint: int  # signed, as both databases store 64-bit integers
    text: str
    segments: str  # JSON, see segments_json
    # Russian inflection in the full-text index: the key of every Cyrillic word (migration
    # 0010), computed in Python for either database (None for other languages).
    stems: str | None


def document_row(
    doc: Document,
    fingerprint: int,
    sentences: Sequence[tuple[int, int, int, int | None]] | None = None,
) -> DocumentRow:
    """The document's row; ``sentences`` as in ``segments_json``."""
    return DocumentRow(
        doc.id,
        doc.source,
        doc.url,
        doc.external_id,
        doc.title,
        doc.published,
        doc.published_precision,
        doc.doc_type,
        doc.publisher,
        doc.language,
        doc.original_language,
        json.dumps(list(doc.speakers), ensure_ascii=False),
        len(doc.text),
        _signed64(fingerprint),
        doc.text,
        segments_json(doc, sentences),
        index_keys(f"{doc.title or ''} {doc.text}") if doc.language == "ru" else None,
    )


@dataclass(frozen=True, slots=True)
class SearchHit:
    doc: str
    score: float
    title: str | None
    published: str | None
    doc_type: str
    snippet: str
    start: int
    end: int
    highlights: tuple[tuple[int, int], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "score": round(self.score, 4),
            "title": self.title,
            "published": self.published,
            "doc_type": self.doc_type,
            "snippet": self.snippet,
            "start": self.start,
            "end": self.end,
            "highlights": [list(h) for h in self.highlights],
        }


DOC_LIST_COLUMNS = (
    "id, source, title, published, published_precision, doc_type, publisher, language, "
    "original_language, speakers, n_chars, url, external_id"
)


class Store(MergedEvents, Links):
    def __init__(self, path: str | Path, kb: KnowledgeBase | None = None) -> None:
        """``path`` is a SQLite file or a ``postgresql://`` URL. ``kb`` serves the merging of
        events across documents (persons' states, places' countries); the packaged knowledge
        base is loaded when first needed if none is given."""
        self.path = str(path)
        self._batch = False
        self._merge_deferred = 0
        self._kb = kb
        self._entities: dict[str, tuple[Entity, list[str]]] = {}
        self._unindexed: list[str] = []  # a batch's documents, indexed as it ends
        self.db: Connection = connect(self.path)

    @property
    def errors(self) -> tuple[type[Exception], ...]:
        """What the database raises when it refuses a statement."""
        return self.db.errors

    @property
    def in_transaction(self) -> bool:
        return self.db.in_transaction

    def data_version(self) -> str:
        """Changes whenever another connection commits a write (kept on a connection that
        never writes, for caches of query results)."""
        return self.db.data_version()

    @property
    def dialect(self) -> str:
        return self.db.dialect

    def refresh_crossdoc(self) -> None:
        """After a write: events merged across documents, then plans linked to later ones. One
        writer at a time does this (each reads what all have stored)."""
        with self.db.exclusive("crossdoc"):
            self.merge_events()
            self.update_links()

    @property
    def schema_version(self) -> int:
        return self.db.schema_version

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents ---------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return (
            self.db.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None
        )

    def has_extraction(self, doc_id: str) -> bool:
        row = self.db.execute("SELECT 1 FROM extractions WHERE doc=?", (doc_id,)).fetchone()
        return row is not None

    def fingerprints(self) -> Iterator[tuple[str, int]]:
        for row in self.db.execute("SELECT id, fingerprint FROM documents"):
            yield row[0], row[1] & ((1 << 64) - 1)

    def add_document(
        self,
        doc: Document,
        fingerprint: int,
        extraction: Extraction | None = None,
        near: Sequence[tuple[str, int]] = (),
    ) -> bool:
        """Store a document (and its extraction) whole or not at all. False if it was already
        there. Inside ``batch()`` it joins the batch's transaction, and an error undoes the batch:
        a savepoint per document would make the full-text index flush each one, which is what
        the batch is there to avoid."""
        return self.add_row(document_row(doc, fingerprint), extraction, near)

    def add_row(
        self,
        row: DocumentRow,
        extraction: Extraction | None = None,
        near: Sequence[tuple[str, int]] = (),
    ) -> bool:
        """``add_document`` for a document already made a row (by an ingest worker)."""
        if self._batch:
            return self._insert_document(row, extraction, near)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            added = self._insert_document(row, extraction, near)
            self.db.execute("COMMIT" if added else "ROLLBACK")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        if added and extraction is not None:
            self._after_write()
        return added

    def _insert_document(
        self,
        row: DocumentRow,
        extraction: Extraction | None,
        near: Sequence[tuple[str, int]],
    ) -> bool:
        # Another writer may store the same document at this moment: the key decides.
        cur = self.db.execute(
            f"INSERT OR IGNORE INTO documents ({', '.join(DocumentRow._fields)}, ingested_at) "
            f"VALUES ({'?,' * len(DocumentRow._fields)}?)",
            (*row, _now()),
        )
        if cur.rowcount == 0:
            return False
        if self._batch:
            self._unindexed.append(row.id)
        else:
            self.db.index_document(row.id, row.title or "", row.text, row.language, row.stems)
        for other, distance in near:
            self.db.execute(
                "INSERT OR IGNORE INTO near_duplicates(doc, other, distance) VALUES (?,?,?)",
                (row.id, other, distance),
            )
        if extraction is not None:
            self._write_extraction(extraction)
        return True

    @property
    def in_batch(self) -> bool:
        return self._batch

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction around many ``add_document`` calls: the full-text index writes one
        segment per commit, and committing each document cost a third of ingest time. The
        batch's documents are indexed together as it ends (``index_stored``: a segment per
        statement, and one statement per document cost as much again). A crash
        loses the open batch, never part of a document; a re-run adds what is missing."""
        self.db.execute("BEGIN IMMEDIATE")
        # Entities are written at the end of the batch (in id order), after the rows that name
        # them: their foreign keys are checked at the commit.
        self.db.defer_foreign_keys()
        self._batch = True
        try:
            yield
            if self._unindexed:
                self.db.index_stored(self._unindexed)
                self._unindexed.clear()
            self._flush_entities()
            self.db.execute("COMMIT")
        except BaseException:
            self._entities.clear()
            self._unindexed.clear()
            self.db.execute("ROLLBACK")
            raise
        finally:
            self._batch = False
        self._after_write()

    def document_rows(
        self,
        *,
        doc_type: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        where, args = _doc_filters(doc_type, date_from, date_to)
        sql = f"SELECT {DOC_LIST_COLUMNS} FROM documents {where} ORDER BY published IS NULL, published, id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        return [_doc_row(r) for r in self.db.execute(sql, args)]

    def count_documents(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def resolve_doc_id(self, ref: str) -> str | None:
        """A document by id, id prefix, external id, or source file name (stem)."""
        row = self.db.execute("SELECT id FROM documents WHERE id=?", (ref,)).fetchone()
        if row:
            return str(row[0])
        rows = self.db.execute(
            "SELECT id FROM documents WHERE id LIKE ? || '%' OR external_id=? OR source=? "
            "OR source LIKE '%/' || ? || '.%' OR source LIKE '%/' || ? LIMIT 2",
            (ref, ref, ref, ref, ref),
        ).fetchall()
        return str(rows[0][0]) if len(rows) == 1 else None

    def get_document(self, doc_id: str) -> Document | None:
        row = self.db.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            return None
        seg = json.loads(row["segments"])
        return Document(
            id=row["id"],
            source=row["source"],
            text=row["text"],
            title=row["title"],
            published=row["published"],
            published_precision=row["published_precision"],
            doc_type=row["doc_type"],
            publisher=row["publisher"],
            language=row["language"],
            original_language=row["original_language"],
            speakers=tuple(json.loads(row["speakers"])),
            url=row["url"],
            external_id=row["external_id"],
            paragraphs=tuple(Span(a, b) for a, b in seg["paragraphs"]),
            sentences=tuple(Sentence(a, b, p, t) for a, b, p, t in seg["sentences"]),
            turns=tuple(Turn(a, b, s, r) for a, b, s, r in seg["turns"]),
        )

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT id FROM documents ORDER BY rowid")]

    def near_duplicates(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT doc, other, distance FROM near_duplicates"
        args: tuple[str, ...] = ()
        if doc_id:
            sql += " WHERE doc=? OR other=?"
            args = (doc_id, doc_id)
        return [dict(r) for r in self.db.execute(sql, args)]

    # -- full-text search --------------------------------------------------------------------
    def fts_rows(
        self,
        match: str,
        *,
        where: str = "",
        args: Sequence[Any] = (),
        limit: int,
        offset: int = 0,
    ) -> list[Any]:
        """Ranked matches with their document rows (id, title, published, doc_type, publisher,
        language, text, segments, rank: lower is better). ``match`` is an FTS5 expression;
        ``where`` is a condition on ``documents d`` (with ``args`` for its placeholders) that a
        match's document must meet."""
        return self.db.fts_rows(match, where=where, args=args, limit=limit, offset=offset)

    def fts_count(self, match: str, *, where: str = "", args: Sequence[Any] = ()) -> int:
        return self.db.fts_count(match, where=where, args=args)

    def entity_names_like(self, word: str, limit: int = 50) -> list[tuple[str, str, list[str]]]:
        """(type, name, aliases) of the entities whose name or an alias contains `word` (any case):
        candidates for the search's names in the other language (query/crosslang.py)."""
        pattern = f"%{word}%"
        rows = self.db.execute(
            "SELECT type, name, aliases FROM entities WHERE name LIKE ? OR aliases LIKE ? LIMIT ?",
            (pattern, pattern, limit),
        )
        return [(r["type"], r["name"], json.loads(r["aliases"])) for r in rows]

    def agreement_names_like(self, word: str, limit: int = 50) -> list[tuple[str, str]]:
        """(English name, name as written) of the agreements named in a language other than
        English whose either name contains `word` (ASCII letters in any case): candidates for
        the search's names of an agreement in the other language (query/crosslang.py)."""
        pattern = f"%{word}%"
        rows = self.db.execute(
            "SELECT DISTINCT name, name_original FROM agreements WHERE name_original IS NOT NULL "
            "AND (name LIKE ? OR name_original LIKE ?) ORDER BY name, name_original LIMIT ?",
            (pattern, pattern, limit),
        )
        return [(r["name"], r["name_original"]) for r in rows]

    # -- extractions -------------------------------------------------------------------------
    def save_extraction(self, extraction: Extraction) -> None:
        """Replace a document's extraction; inside ``batch()`` it joins the batch."""
        if self._batch:
            self._write_extraction(extraction)
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self._write_extraction(extraction)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self._after_write()

    def _write_extraction(self, ex: Extraction) -> None:
        doc = ex.doc
        self._mark_merge_stale(doc)
        self._mark_links_stale(doc)
        for table in EXTRACTION_TABLES:
            self.db.execute(f"DELETE FROM {table.name} WHERE doc=?", (doc,))
        stage = {k.split(".")[0]: k for k in ex.stages}
        for ent in ex.entities:
            self._queue_entity(ent)
        self._ensure_named(ex)
        if not self._batch:
            self._flush_entities()
        for table in EXTRACTION_TABLES:
            made = stage.get(table.stage, "")
            self.db.executemany(
                table.insert, [table.values(x, doc, made) for x in getattr(ex, table.field)]
            )
        self.db.execute(
            "INSERT OR REPLACE INTO extractions (doc, stages, extracted_at, skipped) "
            "VALUES (?,?,?,?)",
            (doc, json.dumps(list(ex.stages)), _now(), json.dumps(list(ex.skipped))),
        )

    def _ensure_named(self, ex: Extraction) -> None:
        """Rows naming an entity the extraction does not carry (a stage or a caller that built
        mentions or roles alone) get a stand-in entity, so that the foreign keys of mentions and
        roles hold: named by the mention's words, or by its id when only a role names it. The
        stand-in is queued like any entity: an entity already stored keeps its row."""
        given = {e.id for e in ex.entities}
        wanted: dict[str, tuple[str, str]] = {}
        for m in ex.mentions:
            if m.entity not in given:
                wanted.setdefault(m.entity, (m.type, m.text))
        for r in ex.roles:
            for ref in (r.person, r.of):
                if ref is not None and ref not in given:
                    wanted.setdefault(ref, (ref.split(":", 1)[0], ref))
        for ref, (kind, name) in wanted.items():
            self._queue_entity(Entity(ref, kind, name, (), None, False))

    def _queue_entity(self, ent: Entity) -> None:
        """An entity as a document names it: the first document's row, and every alias in the
        order documents brought them."""
        held = self._entities.get(ent.id)
        if held is None:
            self._entities[ent.id] = (ent, list(ent.aliases))
            return
        aliases = held[1]
        aliases.extend(a for a in ent.aliases if a not in aliases)

    def _flush_entities(self) -> None:
        """Write the queued entities in id order: writers at once then lock shared rows in the
        same order, and none waits for another that waits for it."""
        queued, self._entities = self._entities, {}
        for entity_id in sorted(queued):
            ent, aliases = queued[entity_id]
            self._upsert_entity(ent, aliases)

    def _upsert_entity(self, ent: Entity, aliases: list[str]) -> None:
        select = "SELECT aliases FROM entities WHERE id=?" + self.db.lock_rows()
        row = self.db.execute(select, (ent.id,)).fetchone()
        if row is None:
            cur = self.db.execute(
                "INSERT OR IGNORE INTO entities VALUES (?,?,?,?,?,?)",
                (
                    ent.id,
                    ent.type,
                    ent.name,
                    json.dumps(aliases, ensure_ascii=False),
                    ent.wikidata,
                    int(ent.in_kb),
                ),
            )
            if cur.rowcount:
                return
            row = self.db.execute(select, (ent.id,)).fetchone()  # another writer's, just now
        known = json.loads(row[0])
        merged = known + [a for a in aliases if a not in known]
        if merged != known:
            self.db.execute(
                "UPDATE entities SET aliases=? WHERE id=?",
                (json.dumps(merged, ensure_ascii=False), ent.id),
            )

    def extraction_stages(self) -> dict[str, list[str]]:
        return {
            r[0]: json.loads(r[1]) for r in self.db.execute("SELECT doc, stages FROM extractions")
        }

    def load_extraction(self, doc_id: str) -> Extraction:
        q = self.db.execute
        mentions = tuple(
            Mention(doc_id, r["start"], r["end"], r["text"], r["entity"], r["type"], r["source"])
            for r in q("SELECT * FROM mentions WHERE doc=? ORDER BY start", (doc_id,))
        )
        ids = sorted({m.entity for m in mentions})
        entities = tuple(e for e in (self.entity(i) for i in ids) if e is not None)
        times = tuple(
            TimeExpr(
                r["start"], r["end"], r["text"], r["value"], r["precision"], bool(r["relative"])
            )
            for r in q("SELECT * FROM times WHERE doc=? ORDER BY start", (doc_id,))
        )
        roles = tuple(
            Role(
                r["person"],
                r["title"],
                r["of"],
                r["as_of"],
                evidence_load(r["evidence"]),
                r["source"],
                r["start_date"],
                r["end_date"],
                r["status"],
            )
            for r in q("SELECT * FROM roles WHERE doc=?", (doc_id,))
        )
        events = tuple(event_row(r) for r in q("SELECT * FROM events WHERE doc=?", (doc_id,)))
        agreements = tuple(
            agreement_row(r) for r in q("SELECT * FROM agreements WHERE doc=?", (doc_id,))
        )
        claims = tuple(claim_row(r) for r in q("SELECT * FROM claims WHERE doc=?", (doc_id,)))
        positions = tuple(
            position_row(r)
            for r in q("SELECT * FROM positions WHERE doc=? ORDER BY rowid", (doc_id,))
        )
        plans = tuple(
            plan_row(r) for r in q("SELECT * FROM plans WHERE doc=? ORDER BY rowid", (doc_id,))
        )
        actions = tuple(action_row(r) for r in q("SELECT * FROM actions WHERE doc=?", (doc_id,)))
        row = q("SELECT stages, skipped FROM extractions WHERE doc=?", (doc_id,)).fetchone()
        return Extraction(
            doc=doc_id,
            entities=entities,
            mentions=mentions,
            times=times,
            roles=roles,
            events=events,
            agreements=agreements,
            claims=claims,
            positions=positions,
            plans=plans,
            actions=actions,
            stages=tuple(json.loads(row[0])) if row else (),
            skipped=tuple(json.loads(row[1])) if row else (),
        )

    def entity(self, entity_id: str) -> Entity | None:
        r = self.db.execute("SELECT * FROM entities WHERE id=?", (entity_id,)).fetchone()
        if r is None:
            return None
        return Entity(
            r["id"],
            r["type"],
            r["name"],
            tuple(json.loads(r["aliases"])),
            r["wikidata"],
            bool(r["in_kb"]),
        )

    def iterate(self, sql: str, args: Sequence[Any] = ()) -> Iterator[Any]:
        """``query``'s rows one at a time (the export reads whole tables)."""
        yield from self.db.execute(sql, args)

    def first(self, sql: str, args: Sequence[Any] = ()) -> Any:
        """``query``'s first row, or None."""
        return self.db.execute(sql, args).fetchone()

    def query(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """Read-only SQL for the query layer (timeline, graph, reports), in SQLite's dialect
        (the PostgreSQL connection translates it). Rows answer to r[0], r["name"] and dict(r)."""
        return self.db.execute(sql, args).fetchall()


def _doc_row(r: Any) -> dict[str, Any]:
    d = dict(r)
    d["speakers"] = json.loads(d["speakers"])
    return d


def _doc_filters(
    doc_type: str | None, date_from: str | None, date_to: str | None, prefix: str = ""
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if doc_type:
        clauses.append(f"{prefix}doc_type = ?")
        args.append(doc_type)
    if date_from:
        # A document dated "2020" overlaps a --from of 2020-06: compare on the shared prefix.
        clauses.append(f"{prefix}published >= substr(?, 1, length({prefix}published))")
        args.append(date_from)
    if date_to:
        clauses.append(f"{prefix}published <= ?")
        args.append(date_to + "\uffff")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def connect(url: str) -> Connection:
    """The database at ``url``, its schema brought up to date (the driver of the other kind is
    not imported)."""
    if is_postgres(url):
        from bilateral.store.postgres import PostgresConnection

        return PostgresConnection(url)
    from bilateral.store.sqlite import SqliteConnection

    return SqliteConnection(url)
