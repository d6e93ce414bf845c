"""The event-type vocabulary of ``kb/data/event_types.yaml``, loaded once, as the events stage
reads it (trigger phrases, patterns, the plural of a noun).
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

# -- the vocabulary ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    group: str
    plover: str
    mode: str
    cameo: str
    host_cameo: str
    planned_plover: str
    planned_cameo: str
    nouns: frozenset[str]
    verbs: frozenset[str]
    past: frozenset[str]


@dataclass(frozen=True)
class Vocabulary:
    types: Mapping[str, EventType]
    phrase_type: Mapping[str, str]  # lower-case trigger phrase -> type id
    triggers: re.Pattern[str]  # every phrase, longest first
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, type id)


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The event types of ``kb/data/event_types.yaml``, loaded once."""
    ref = importlib.resources.files("bilateral.kb") / "data" / "event_types.yaml"
    data: dict[str, Any] = yaml.load(ref.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    default = data["planned_default"]
    types: dict[str, EventType] = {}
    phrase_type: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for tid, e in data["types"].items():
        planned = e.get("planned") or default
        nouns = frozenset(str(n).lower() for n in e.get("nouns") or ())
        verbs = frozenset(str(v).lower() for v in e.get("verbs") or ())
        types[tid] = EventType(
            id=tid,
            group=str(e["group"]),
            plover=str(e["plover"]),
            mode=str(e.get("mode") or ""),
            cameo=str(e["cameo"]),
            host_cameo=str(e.get("host_cameo") or e["cameo"]),
            planned_plover=str(planned["plover"]),
            planned_cameo=str(planned["cameo"]),
            nouns=nouns,
            verbs=verbs,
            past=frozenset(str(v).lower() for v in e.get("past") or ()),
        )
        for phrase in (*nouns, *verbs):
            phrase_type.setdefault(phrase, tid)
        patterns.extend((re.compile(p), tid) for p in e.get("patterns") or ())
    alternation = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrase_type, key=len, reverse=True)
    )
    return Vocabulary(
        types=types,
        phrase_type=phrase_type,
        triggers=re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE),
        patterns=tuple(patterns),
    )


@functools.lru_cache(maxsize=512)
def plural(phrase: str) -> bool:
    """ "meetings", "ceremonies"; not "talks" or "negotiations", whose singular is no event."""
    nouns = {n for t in vocabulary().types.values() for n in t.nouns}
    return any(
        phrase.endswith(end) and phrase[: -len(end)] + add in nouns
        for end, add in (("s", ""), ("ies", "y"), ("es", ""))
    )
