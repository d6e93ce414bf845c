"""Moving a record between stores (SQLite to PostgreSQL and back): every table, row by row in
the order it was written, so the copy exports byte for byte what the source does. The full-text
index is built afresh in the target's own form (FTS5 or tsvector)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from bilateral.store.connection import StoreError
from bilateral.store.core import Store

# Parents before children (foreign keys); tables a later migration adds come after these.
_ORDER = (
    "documents", "near_duplicates", "entities", "extractions", "mentions", "times", "roles",
    "events", "agreements", "claims", "positions", "plans", "actions", "merged_events",
    "merged_event_reports", "link_docs", "link_passages", "link_keys", "links",
)  # fmt: skip
_SKIP = {"schema_migrations", "documents_fts"}
CHUNK = 2000


def copy_record(
    source: Store, target: Store, on_table: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Copy every row of ``source`` into the empty store ``target``; rows copied per table."""
    if target.count_documents():
        raise StoreError(
            f"{target.path} already holds {target.count_documents()} documents: "
            "copy into an empty store"
        )
    tables = [t for t in source.db.tables() if t not in _SKIP]
    missing = sorted(set(tables) - set(target.db.tables()))
    if missing:
        raise StoreError(f"{target.path} has no table {missing[0]}: upgrade bilateral there")
    ordered = [t for t in _ORDER if t in tables] + sorted(set(tables) - set(_ORDER))
    counts: dict[str, int] = {}
    target.db.execute("BEGIN IMMEDIATE")
    try:
        for table in ordered:
            columns = [c for c in source.db.columns(table) if c in set(target.db.columns(table))]
            listed = ", ".join(f'"{c}"' for c in columns)
            insert = f"INSERT INTO {table} ({listed}) VALUES ({','.join('?' * len(columns))})"
            rows = source.iterate(f"SELECT {listed} FROM {table} ORDER BY rowid")
            n = 0
            while chunk := [tuple(r) for r in itertools.islice(rows, CHUNK)]:
                target.db.executemany(insert, chunk)
                n += len(chunk)
            counts[table] = n
            if on_table is not None:
                on_table(table, n)
        target.db.after_copy()
        for doc_id, title, text, language, stems in source.iterate(
            "SELECT id, title, text, language, stems FROM documents ORDER BY rowid"
        ):
            target.db.index_document(doc_id, title or "", text, language, stems)
        target.db.execute("COMMIT")
    except BaseException:
        target.db.execute("ROLLBACK")
        raise
    return counts
