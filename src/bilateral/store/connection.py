"""What the store needs from a database, whichever it is: SQL in one dialect (SQLite's, which the
PostgreSQL connection translates), transactions, its migrations applied once, and full-text
search. ``Store`` and its cross-document steps see only this; ``Store`` picks the database by
the URL (``postgresql://...``) or path (SQLite).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from importlib import resources
from typing import Any, Protocol


class StoreError(Exception):
    """A problem with the database a user can act on (wrong file, newer schema, no server)."""


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    dialect: str  # "sqlite" or "postgresql"
    errors: tuple[type[Exception], ...]  # what the driver raises

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Cursor: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @property
    def in_transaction(self) -> bool: ...

    @property
    def schema_version(self) -> int: ...

    def close(self) -> None: ...

    def data_version(self) -> str: ...

    def tables(self) -> list[str]:
        """The record's tables (not the full-text index's own)."""
        ...

    def columns(self, table: str) -> list[str]:
        """A table's columns in order, without a hidden rowid."""
        ...

    def exclusive(self, name: str) -> AbstractContextManager[None]:
        """Held by one writer at a time across processes (the steps across documents)."""
        ...

    def lock_rows(self) -> str:
        """What a SELECT ends with to hold its rows until the transaction ends."""
        ...

    def defer_foreign_keys(self) -> None:
        """In the open transaction, the keys to entities are checked at the commit."""
        ...

    def after_copy(self) -> None:
        """Rows were written with their keys given (``bilateral copy``): keys made later follow
        the highest."""
        ...

    def index_document(
        self, doc_id: str, title: str, text: str, language: str, stems: str | None
    ) -> None: ...

    def index_stored(self, doc_ids: Sequence[str]) -> None:
        """Index documents already in ``documents`` (title, text, language and stems as stored),
        all in one statement: a batch's documents at its end."""
        ...

    def fts_rows(
        self, match: str, *, where: str, args: Sequence[Any], limit: int, offset: int
    ) -> list[Any]: ...

    def fts_count(self, match: str, *, where: str, args: Sequence[Any]) -> int: ...


def index_keys(text: str | None) -> str | None:
    """The ``stems`` column of a Russian document (lang/ru.py `index_keys`); None if empty.
    Computed here, in Python, for both databases (SQLite's migration 0010 calls it as a SQL
    function)."""
    from bilateral.lang.ru import shared_layer

    return shared_layer().index_keys(text or "") or None


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def migrations() -> list[tuple[int, str]]:
    """The numbered migration scripts, in order (written once, run by both dialects)."""
    folder = resources.files("bilateral.store") / "migrations"
    out = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            out.append((int(name[:4]), entry.read_text(encoding="utf-8")))
    return sorted(out)
