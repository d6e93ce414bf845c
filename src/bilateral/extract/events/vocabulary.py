"""The event types as the events stage matches them: every trigger phrase of
``kb.vocabulary.event_types()`` in one expression (longest first), the patterns compiled, and the
plural of a noun.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from bilateral.kb.vocabulary import EventType, event_types


@dataclass(frozen=True)
class Vocabulary:
    types: Mapping[str, EventType]
    phrase_type: Mapping[str, str]  # lower-case trigger phrase -> type id
    triggers: re.Pattern[str]  # every phrase, longest first
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, type id)


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The event types' phrases and patterns, compiled once."""
    types = event_types().types
    phrase_type: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for tid, t in types.items():
        for phrase in (*t.nouns, *t.verbs):
            phrase_type.setdefault(phrase, tid)
        patterns.extend((re.compile(p), tid) for p in t.patterns)
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
