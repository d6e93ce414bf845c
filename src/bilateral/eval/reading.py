"""Reading both sides: the gold file, which stored document each gold line names, and the names
by which a stored entity or a gold entity may be referred to."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from bilateral.eval.rules import EvalError, name_keys
from bilateral.store import Store


# -- reading both sides ---------------------------------------------------------------------------
def read_gold(path: str | Path) -> list[dict[str, Any]]:
    lines = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{n}: not JSON ({exc.msg})") from None
            if isinstance(item, dict) and _is_link(item):
                lines.append(item)
                continue
            if not isinstance(item, dict) or not isinstance(item.get("doc"), str):
                raise EvalError(
                    f'{path}:{n}: a gold line is an object with a "doc" file stem, or a link '
                    'with "from" and "to" objects each with a "doc" and a "quote"'
                )
            lines.append(item)
    return lines


def _is_link(item: Mapping[str, Any]) -> bool:
    ends = [item.get("from"), item.get("to")]
    return all(
        isinstance(e, dict) and isinstance(e.get("doc"), str) and isinstance(e.get("quote"), str)
        for e in ends
    )


def _stems(source: str) -> set[str]:
    """File stems a source answers to: "/x/000_ab.txt" -> 000_ab; "a.txt.gz" -> a.txt, a."""
    name = PurePosixPath(source.split("?", 1)[0].split("#", 1)[0].rstrip("/")).name
    out = {name}
    while "." in name.strip("."):
        name = name.rsplit(".", 1)[0]
        out.add(name)
    return out


def locate_documents(store: Store, stems: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    wanted = set(stems)
    found: dict[str, list[str]] = defaultdict(list)
    for row in store.query("SELECT id, source FROM documents ORDER BY rowid"):
        for stem in _stems(row["source"]) & wanted:
            found[stem].append(row["id"])
    ids: dict[str, str] = {}
    warnings = []
    for stem in stems:
        if found.get(stem):
            ids[stem] = found[stem][0]
            if len(set(found[stem])) > 1:
                warnings.append(f"{stem} names {len(found[stem])} documents; scored {ids[stem]}")
            continue
        other = store.resolve_doc_id(stem)
        if other is not None:
            ids[stem] = other
    return ids, warnings


@dataclass(frozen=True, slots=True)
class SystemEntity:
    id: str
    type: str
    name: str
    keys: frozenset[str]


class Names:
    """Entity ids of one document -> their name keys (name, aliases, mention texts there)."""

    def __init__(self, store: Store, doc_id: str) -> None:
        self.mention_texts: dict[str, set[str]] = defaultdict(set)
        self.mention_types: dict[str, str] = {}
        for r in store.query("SELECT entity, text, type FROM mentions WHERE doc=?", (doc_id,)):
            self.mention_texts[r["entity"]].add(r["text"])
            self.mention_types.setdefault(r["entity"], r["type"])
        self._rows: dict[str, tuple[str, str, list[str]]] = {}
        self._store = store
        self.load(self.mention_texts)

    def load(self, ids: Iterable[str]) -> None:
        wanted = sorted(set(ids) - set(self._rows))
        if not wanted:
            return
        rows = self._store.query(
            "SELECT id, type, name, aliases FROM entities "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
        for r in rows:
            self._rows[r["id"]] = (r["type"], r["name"], json.loads(r["aliases"]))

    def entity(self, entity_id: str) -> SystemEntity:
        kind, name, aliases = self._rows.get(
            entity_id, (self.mention_types.get(entity_id, ""), entity_id, [])
        )
        texts = self.mention_texts.get(entity_id, set())
        return SystemEntity(entity_id, kind, name, name_keys([name, *aliases, *texts]))

    def keys(self, ref: str | None) -> frozenset[str]:
        """A reference's keys: the entity's when it is an id, else the string itself."""
        if ref is None:
            return frozenset()
        if ref in self._rows or ref in self.mention_texts:
            return self.entity(ref).keys
        return name_keys([ref])

    def name(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        row = self._rows.get(ref)
        return row[1] if row else ref


class GoldNames:
    """A gold line's names: each gold name widened to its gold entity's aliases."""

    def __init__(self, line: Mapping[str, Any]) -> None:
        self.entities = [e for e in line.get("entities") or [] if isinstance(e, dict)]
        self.by_key: dict[str, set[str]] = defaultdict(set)
        for e in self.entities:
            keys = self.entity_keys(e)
            for k in keys:
                self.by_key[k] |= keys

    @staticmethod
    def entity_keys(e: Mapping[str, Any]) -> frozenset[str]:
        return name_keys([e.get("name"), *(e.get("aliases") or [])])

    def keys(self, name: str | None) -> frozenset[str]:
        out: set[str] = set()
        for k in name_keys([name]):
            out.add(k)
            out |= self.by_key.get(k, set())
        return frozenset(out)

    def aliases(self, name: str) -> list[str]:
        """The surface forms the gold gives for the entity of this name (name and aliases)."""
        wanted = name_keys([name])
        for e in self.entities:
            if self.entity_keys(e) & wanted:
                return [a for a in [e.get("name"), *(e.get("aliases") or [])] if isinstance(a, str)]
        return []

    def keys_any(self, names: object) -> frozenset[str] | None:
        """For a gold `of`: None accepts anything; a string or a list, any one of them."""
        if names is None:
            return None
        items = names if isinstance(names, list) else [names]
        out: set[str] = set()
        for n in items:
            if isinstance(n, str):
                out |= self.keys(n)
        return frozenset(out)
