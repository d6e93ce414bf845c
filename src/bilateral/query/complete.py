"""Completion of entity names, for the pickers that let an analyst type "kaz" or "росс" rather
than an internal id like ``country:KAZ``.

Every name and alias of the entities the documents name is compared normalised (any case,
without diacritics: ``normalize_name``); a suggestion is an entity one of whose names has a word
starting with what was typed ("fed" finds "Russian Federation"). Suggestions are ranked by how
much the record holds about each (the documents naming it, then its mentions), an entity whose
name is exactly what was typed first. The index is one scan of the entities table, built once
per data version by the caller (``CompletionIndex.build``) and then searched in memory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bilateral.kb.normalize import normalize_name
from bilateral.store import Store

MAX_SUGGESTIONS = 50


@dataclass(frozen=True)
class _Entry:
    id: str
    type: str
    name: str
    keys: tuple[tuple[str, str], ...]  # (normalised name or alias, as written)
    documents: int
    mentions: int


@dataclass(frozen=True)
class CompletionIndex:
    entries: tuple[_Entry, ...]

    @classmethod
    def build(cls, store: Store) -> CompletionIndex:
        """The entities the documents name, most documented first."""
        rows = store.query(
            "SELECT e.id, e.type, e.name, e.aliases, c.docs, c.n FROM entities e JOIN "
            "(SELECT entity, count(DISTINCT doc) AS docs, count(*) AS n FROM mentions "
            "GROUP BY entity) c ON c.entity = e.id"
        )
        entries = []
        for r in rows:
            written = dict.fromkeys([r["name"], *json.loads(r["aliases"] or "[]")])
            keys = tuple((normalize_name(w), w) for w in written if normalize_name(w))
            entries.append(_Entry(r["id"], r["type"], r["name"], keys, int(r["docs"]), int(r["n"])))
        entries.sort(key=lambda e: (-e.documents, -e.mentions, e.name, e.id))
        return cls(tuple(entries))

    def every(self, *, type: str | None = None) -> list[dict[str, Any]]:
        """Every entity (of ``type``) as {id, name, type, match, documents}, most documented
        first: a picker's suggestions before anything is typed."""
        return [_item(e, e.name) for e in self.entries if not type or e.type == type]

    def complete(
        self, typed: str, *, type: str | None = None, limit: int = 10
    ) -> list[dict[str, Any]]:
        """Entities with a name or alias a word of which starts with ``typed`` (normalised), as
        {id, name, type, match, documents}: ``match`` is the name or alias that matched as
        written (the name itself when it did). Exact names first, then by documents."""
        key = normalize_name(typed)
        if not key:
            return []
        limit = max(1, min(limit, MAX_SUGGESTIONS))
        exact: list[dict[str, Any]] = []
        rest: list[dict[str, Any]] = []
        for e in self.entries:
            if type and e.type != type:
                continue
            found = _match(e, key)
            if found is None:
                continue
            item = _item(e, found[1])
            if found[0]:
                exact.append(item)
            elif len(rest) < limit:
                rest.append(item)
            if len(exact) >= limit:
                break
        return (exact + rest)[:limit]


def _item(e: _Entry, match: str) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "match": match, "documents": e.documents}


def _match(e: _Entry, key: str) -> tuple[bool, str] | None:
    """(exact, the name as written) for the best of ``e``'s names matching ``key``: the entity's
    own name before an alias, a whole name before a word of it."""
    best: tuple[int, str] | None = None
    for norm, written in e.keys:
        own = written == e.name
        if norm == key:
            score = 0 if own else 1
        elif f" {key}" in f" {norm}":
            score = 2 if own else 3
        else:
            continue
        if best is None or score < best[0]:
            best = (score, written)
    if best is None:
        return None
    return best[0] <= 1, best[1]
