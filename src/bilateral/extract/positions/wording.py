"""What a position is about and when a plan is due: the words after its cue, and the first
time of its sentence ahead of the document's date (shared by the English and Russian readings)."""

from __future__ import annotations

import re

from bilateral.extract.events.reading import Reading
from bilateral.extract.text.units import iso, published
from bilateral.model import Document

_LABEL_WORDS = 10
_CLAUSE_END = re.compile(r"[.;:!?,(]|\s[-–—]\s")


def label(sentence: str, at: int) -> str:
    """A short label: the words after the cue, to the end of their clause."""
    rest = sentence[at:]
    stop = _CLAUSE_END.search(rest)
    words = (rest[: stop.start()] if stop else rest).split()[:_LABEL_WORDS]
    return " ".join(words) or " ".join(sentence.split()[:_LABEL_WORDS])


def due(rd: Reading, doc: Document, start: int, end: int, cue: int) -> str | None:
    """The first time after the plan's cue not before the document's date (a plan is due
    ahead), else the first such time before the cue: "On 9 June they agreed that the forum
    will meet in the autumn" is due in the autumn."""
    own = published(doc)
    inside = rd.times_in(start, end)
    for t in [t for t in inside if t.start >= cue] + [t for t in inside if t.start < cue]:
        found = iso(t)
        if found is None:
            continue
        value = found[0]
        if own is not None and value < own[0][: len(value)]:
            continue
        return value
    return None
