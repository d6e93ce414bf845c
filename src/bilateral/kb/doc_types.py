"""Document types as data: ``kb/data/doc_types.yaml`` (the list, the cue words, the rules).

Loaded once into frozen objects. ``ingest/meta.py`` applies the rules in order; everything else
that needs the list of types reads ``load_doc_types().names``.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml

__all__ = ["STRUCTURES", "DocTypes", "TypeRule", "load_doc_types", "parse_doc_types"]

# The shape tests a rule may name; ingest/meta.py implements each.
STRUCTURES = frozenset(
    (
        "byline",
        "dateline",
        "questions_first",
        "remarks_then_questions",
        "turns",
        "publisher",
        "voice",
    )
)
_PATTERN_FIELDS = ("title", "title_start", "head", "lead_start", "top", "text_start", "source")
_FIELDS = frozenset((*_PATTERN_FIELDS, "id", "type", "text", "structure"))


@dataclass(frozen=True, slots=True)
class TypeRule:
    """One line of the cascade: every field given must hold; ``type`` None lets the test decide."""

    type: str | None
    id: str | None = None
    title: re.Pattern[str] | None = None
    title_start: re.Pattern[str] | None = None
    head: re.Pattern[str] | None = None
    lead_start: re.Pattern[str] | None = None
    top: re.Pattern[str] | None = None
    text_start: re.Pattern[str] | None = None
    source: re.Pattern[str] | None = None
    text: tuple[tuple[re.Pattern[str], int], ...] = ()
    structure: str | None = None


@dataclass(frozen=True, slots=True)
class DocTypes:
    names: tuple[str, ...]
    help: MappingProxyType[str, str]
    kind_words: tuple[str, ...]
    rules: tuple[TypeRule, ...]
    voice: MappingProxyType[str, re.Pattern[str]]

    def rule(self, rule_id: str) -> TypeRule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(f"doc_types.yaml: no rule with id {rule_id!r}")


def _pattern(value: Any, where: str, flags: int) -> re.Pattern[str]:
    """A pattern, or a list of patterns that holds when any of them does."""
    if isinstance(value, str):
        parts = [value]
    elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        parts = value
    else:
        raise ValueError(f"doc_types.yaml: {where} must be a pattern or a list of patterns")
    try:
        return re.compile("|".join(parts), flags)
    except re.error as exc:
        raise ValueError(f"doc_types.yaml: {where}: bad pattern ({exc})") from None


def _rule(item: dict[str, Any], n: int, names: tuple[str, ...]) -> TypeRule:
    where = f"rule {n + 1}"
    unknown = set(item) - _FIELDS
    if unknown:
        raise ValueError(f"doc_types.yaml: {where}: unknown fields {sorted(unknown)}")
    kind = item.get("type")
    if kind is not None and kind not in names:
        raise ValueError(f"doc_types.yaml: {where}: type {kind!r} is not in types")
    structure = item.get("structure")
    if structure is not None and structure not in STRUCTURES:
        raise ValueError(f"doc_types.yaml: {where}: unknown structure {structure!r}")
    if kind is None and structure not in ("publisher", "voice"):
        raise ValueError(f"doc_types.yaml: {where}: a rule without a type needs a deciding test")
    patterns = {
        f: _pattern(item[f], f"{where}: {f}", re.IGNORECASE) for f in _PATTERN_FIELDS if f in item
    }
    text = tuple(
        (_pattern(p, f"{where}: text", re.IGNORECASE), int(within))
        for p, within in (item.get("text") or {}).items()
    )
    return TypeRule(type=kind, id=item.get("id"), text=text, structure=structure, **patterns)


def parse_doc_types(text: str) -> DocTypes:
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    types = data["types"]
    names = tuple(str(k) for k in types)
    rules = tuple(_rule(item, n, names) for n, item in enumerate(data["rules"]))
    if rules[-1].type is None or len(vars_of(rules[-1])) > 0:
        raise ValueError("doc_types.yaml: the last rule must give a type unconditionally")
    return DocTypes(
        names=names,
        help=MappingProxyType({str(k): str(v) for k, v in types.items()}),
        kind_words=tuple(str(w).lower() for w in data["kind_words"]),
        rules=rules,
        voice=MappingProxyType(
            {str(k): _pattern(v, f"voice: {k}", 0) for k, v in data["voice"].items()}
        ),
    )


def vars_of(rule: TypeRule) -> dict[str, object]:
    """The conditions a rule sets (its fields other than type and id)."""
    out: dict[str, object] = {f: getattr(rule, f) for f in _PATTERN_FIELDS}
    out["text"] = rule.text or None
    out["structure"] = rule.structure
    return {k: v for k, v in out.items() if v is not None}


@functools.cache
def load_doc_types() -> DocTypes:
    """The packaged document types, loaded once per process."""
    ref = importlib.resources.files("bilateral.kb") / "data" / "doc_types.yaml"
    return parse_doc_types(ref.read_text(encoding="utf-8"))
