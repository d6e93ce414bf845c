"""What every listing of the record is built from: filters as SQL conditions, sort keys, pages,
and the names of the entity ids a page of rows holds.

Dates and sort keys are checked here, so the CLI, the API and the pages refuse a bad one with the
same message (a ``QueryError``, which the web layer answers with a 400).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bilateral.query.errors import QueryError
from bilateral.store import Store

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
Table = tuple[list[dict[str, Any]], int]  # a page of items, and how many match in all


def is_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a month and day the calendar has (not 2023-13-01)."""
    if not _DATE.match(value):
        return False
    try:
        date(int(value[:4]) or 1, int(value[5:7] or 1), int(value[8:10] or 1))
    except ValueError:
        return False
    return True


def check_date(value: str | None, name: str) -> str | None:
    """``value`` when it is a date (``is_date``); an empty string (a form's "any") is None."""
    if value is not None and value != "" and not is_date(value):
        raise QueryError(
            f"{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (a real month and day)"
        )
    return value or None


def check_choice(value: str | None, allowed: Sequence[str], name: str) -> str | None:
    """``value`` when it is one of ``allowed``; an empty string (a form's "any") is None."""
    if value and value not in allowed:
        raise QueryError(f"{name} {value!r} is not one of {', '.join(allowed)}")
    return value or None


def like(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') for ``text`` anywhere, its % and _ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


@dataclass
class Where:
    """Conditions joined by AND, with their arguments. Each filter method ignores an empty
    value, so a listing can pass every filter it was given without checking them first."""

    clauses: list[str] = field(default_factory=list)
    args: list[Any] = field(default_factory=list)

    def add(self, clause: str, *args: Any) -> Where:
        self.clauses.append(clause)
        self.args.extend(args)
        return self

    def equals(self, column: str, value: str | None) -> Where:
        return self.add(f"{column} = ?", value) if value else self

    def contains(self, columns: Sequence[str], text: str | None) -> Where:
        """Any of ``columns`` contains ``text``."""
        if not text:
            return self
        either = " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns)
        return self.add(f"({either})", *[like(text)] * len(columns))

    def holds(self, json_column: str, *values: str | None) -> Where:
        """The JSON list in ``json_column`` holds one of ``values``."""
        wanted = [v for v in values if v]
        if not wanted:
            return self
        return self.add(
            f"EXISTS (SELECT 1 FROM json_each({json_column}) j "
            "WHERE j.value IN (SELECT value FROM json_each(?)))",
            json.dumps(wanted),
        )

    def among(self, column: str, values: Iterable[str]) -> Where:
        return self.add(f"{column} IN (SELECT value FROM json_each(?))", json.dumps(list(values)))

    def dates(
        self, column: str, date_from: str | None, date_to: str | None, *, intervals: bool = False
    ) -> Where:
        """Dates that overlap [date_from, date_to], compared on their shared prefix: an event
        dated "2020" is inside a ``date_from`` of 2020-06. With ``intervals`` the column may
        hold intervals "a/b" too (at three times the cost), inside when they overlap."""
        first = f"substr({column}, 1, instr({column} || '/', '/') - 1)" if intervals else column
        last = f"substr({column}, instr({column}, '/') + 1)" if intervals else column
        if date_from:
            self.add(f"{last} >= substr(?, 1, length({last}))", date_from)
        if date_to:
            self.add(f"{first} <= ?", date_to + "\uffff")
        return self

    @property
    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""

    @property
    def key(self) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """The conditions as a hashable value, to cache what they select."""
        return tuple(self.clauses), tuple(self.args)


def order_by(sort: str | None, keys: Mapping[str, str], default: str, then: str) -> str:
    """ORDER BY terms for a sort key ("date", "-date" for the reverse), then ``then``."""
    key = sort or default
    column = keys.get(key.lstrip("-"))
    if column is None:
        allowed = ", ".join(sorted(keys))
        raise QueryError(f"unknown sort key {key!r}: use one of {allowed} (prefix - to reverse)")
    direction = " DESC" if key.startswith("-") else ""
    # NULLs last either way: an undated item is never the "latest".
    return f"{column} IS NULL, {column}{direction}, {then}"


def limit_offset(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if limit is None and not offset:
        return "", []
    return " LIMIT ? OFFSET ?", [-1 if limit is None else limit, offset]


def names(store: Store, ids: Iterable[str | None]) -> dict[str, dict[str, str]]:
    """Entity id -> {id, name, type} in one query; ids not in the table name themselves."""
    wanted = sorted({i for i in ids if i})
    out = {i: {"id": i, "name": i, "type": i.split(":", 1)[0]} for i in wanted}
    if wanted:
        rows = store.query(
            "SELECT id, name, type FROM entities WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
        for r in rows:
            out[r["id"]] = {"id": r["id"], "name": r["name"], "type": r["type"]}
    return out


def named(
    store: Store, rows: Iterable[Any], lists: Sequence[str] = (), singles: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """Rows as dicts, evidence parsed, and the entity ids in the columns ``lists`` (JSON lists)
    and ``singles`` (one id or NULL) replaced by {id, name, type}: one query for all the rows."""
    items = [dict(r) for r in rows]
    for item in items:
        for column in lists:
            item[column] = json.loads(item[column])
        if "evidence" in item:
            item["evidence"] = json.loads(item["evidence"])
    who = names(
        store,
        [i for item in items for column in lists for i in item[column]]
        + [item[column] for item in items for column in singles],
    )
    for item in items:
        for column in lists:
            item[column] = [who[i] for i in item[column]]
        for column in singles:
            item[column] = who[item[column]] if item[column] else None
    return items


@dataclass(frozen=True)
class Listing:
    """One kind of row to list: its SELECT, its sort keys (the default, then a tie-break that
    makes the order total) and the columns that hold entity ids."""

    select: str
    sorts: Mapping[str, str]
    default: str
    then: str
    lists: tuple[str, ...] = ()
    singles: tuple[str, ...] = ()
    # What the named rows still need, in place and for the whole page at once (events: the
    # documents that report each one).
    finish: Callable[[Store, list[dict[str, Any]]], None] | None = None

    def rows(
        self,
        store: Store,
        where: Where,
        sort: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        order = order_by(sort, self.sorts, self.default, self.then)
        page, page_args = limit_offset(limit, offset)
        found = store.query(
            f"{self.select}{where.sql} ORDER BY {order}{page}", [*where.args, *page_args]
        )
        items = named(store, found, self.lists, self.singles)
        if self.finish is not None:
            self.finish(store, items)
        return items

    def page(
        self,
        store: Store,
        where: Where,
        sort: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Table:
        """A page of the rows and the count of all the rows that match."""
        return self.rows(store, where, sort, limit, offset), self.count(store, where)

    def count(self, store: Store, where: Where) -> int:
        return int(
            store.query(f"SELECT count(*) FROM ({self.select}{where.sql})", where.args)[0][0]
        )
