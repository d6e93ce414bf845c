"""The SQLite connection: one file, WAL mode, FTS5 for search, migrations under the write lock."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bilateral.store.connection import Cursor, StoreError, index_keys, migrations


class SqliteConnection:
    dialect = "sqlite"
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)

    def __init__(self, path: str) -> None:
        self.path = path
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"{path}: folder {parent} does not exist")
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            # The wait first: two processes opening a new database at once both set WAL.
            self.db.execute("PRAGMA busy_timeout=5000")
            self._set_wal()
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            # Migration 0010 indexes the stored Russian documents' word keys.
            self.db.create_function("ru_keys", 1, index_keys, deterministic=True)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a bilateral database ({exc})") from None

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Cursor:
        return self.db.execute(sql, args)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    @property
    def in_transaction(self) -> bool:
        return self.db.in_transaction

    def close(self) -> None:
        self.db.close()

    def tables(self) -> list[str]:
        rows = self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'documents_fts%' ORDER BY name"
        )
        return [r[0] for r in rows]

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.db.execute(f"PRAGMA table_info({table})")]

    def data_version(self) -> str:
        return str(self.db.execute("PRAGMA data_version").fetchone()[0])

    @contextmanager
    def exclusive(self, name: str) -> Iterator[None]:
        # One writer at a time already: BEGIN IMMEDIATE takes the database's write lock.
        yield

    def lock_rows(self) -> str:
        return ""

    def defer_foreign_keys(self) -> None:
        # Until the transaction ends (SQLite turns it off at COMMIT or ROLLBACK).
        self.db.execute("PRAGMA defer_foreign_keys=ON")

    def after_copy(self) -> None:
        # An INTEGER PRIMARY KEY takes the highest plus one by itself.
        return None

    def _set_wal(self) -> None:
        """WAL mode; switching takes an exclusive lock that SQLite does not wait for, so another
        process opening the same new database at this moment is waited out here."""
        deadline = time.monotonic() + 10
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    # -- schema ------------------------------------------------------------------------------
    def _migrate(self) -> None:
        current = self.db.execute("PRAGMA user_version").fetchone()[0]
        scripts = migrations()
        latest = scripts[-1][0] if scripts else 0
        if current > latest:
            raise StoreError(
                f"{self.path}: schema version {current} is newer than this bilateral ({latest}); upgrade bilateral"
            )
        applied = self._applied_migrations(current, scripts)
        for version, script in scripts:
            if version in applied:
                continue
            self.db.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have applied it since ``applied`` was read (two first
                # uses of a new database at once): the write lock makes this check final.
                if self.db.execute(
                    "SELECT 1 FROM schema_migrations WHERE version=?", (version,)
                ).fetchone():
                    self.db.execute("COMMIT")
                    continue
                for statement in split_sql(script):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO schema_migrations VALUES (?)", (version,))
                current = max(current, version)
                self.db.execute(f"PRAGMA user_version={current}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def _applied_migrations(self, current: int, scripts: list[tuple[int, str]]) -> set[int]:
        """The migrations this database has had. Numbers are taken by engineers working in
        parallel, so one may land after a higher one was applied: each is recorded, and
        ``user_version`` (the highest) alone cannot tell. A database from before the record
        had every migration up to its version."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            exists = self.db.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'"
            ).fetchone()
            if not exists:
                self.db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY)")
                self.db.executemany(
                    "INSERT INTO schema_migrations VALUES (?)",
                    [(v,) for v, _ in scripts if v <= current],
                )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return {int(r[0]) for r in self.db.execute("SELECT version FROM schema_migrations")}

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    # -- full-text search --------------------------------------------------------------------
    def index_document(
        self, doc_id: str, title: str, text: str, language: str, stems: str | None
    ) -> None:
        self.db.execute(
            "INSERT INTO documents_fts(rowid, title, text, stems) "
            "SELECT rowid, ?, ?, ? FROM documents WHERE id = ?",
            (title, text, stems, doc_id),
        )

    def index_stored(self, doc_ids: Sequence[str]) -> None:
        # One statement for many documents: FTS5 flushes its pending terms at every statement's
        # end (a segment per document, then merging them cost more than tokenising), so a
        # batch's documents indexed together make one segment. The values are the stored ones,
        # as ``index_document`` is given them (no title indexes as an empty one).
        for i in range(0, len(doc_ids), 500):
            part = doc_ids[i : i + 500]
            self.db.execute(
                "INSERT INTO documents_fts(rowid, title, text, stems) "
                "SELECT rowid, COALESCE(title, ''), text, stems FROM documents "
                f"WHERE id IN ({','.join('?' * len(part))}) ORDER BY rowid",
                part,
            )

    def fts_rows(
        self, match: str, *, where: str, args: Sequence[Any], limit: int, offset: int
    ) -> list[Any]:
        within = f" AND rowid IN (SELECT d.rowid FROM documents d WHERE {where})" if where else ""
        # Rank inside the full-text index and join the documents for the page only: joining
        # first would carry every match's text through the sort.
        sql = (
            "SELECT d.id, d.title, d.published, d.doc_type, d.publisher, d.language, d.text, "
            "d.segments, f.rank FROM "
            "(SELECT rowid, bm25(documents_fts, 8.0, 1.0, 1.0) AS rank FROM documents_fts "
            f"WHERE documents_fts MATCH ?{within} ORDER BY rank LIMIT ? OFFSET ?) f "
            "JOIN documents d ON d.rowid = f.rowid ORDER BY f.rank"
        )
        return self.db.execute(sql, [match, *args, limit, offset]).fetchall()

    def fts_count(self, match: str, *, where: str, args: Sequence[Any]) -> int:
        within = f" AND rowid IN (SELECT d.rowid FROM documents d WHERE {where})" if where else ""
        sql = f"SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?{within}"
        return int(self.db.execute(sql, [match, *args]).fetchone()[0])


def split_sql(script: str) -> list[str]:
    """Statements of a migration script (sqlite3.complete_statement keeps CREATE ... ; intact)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
