"""What a position is about and when a plan is due: the words after its cue, and the first
time of its sentence ahead of the document's date (shared by the English and Russian readings)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bilateral.extract.events.reading import Reading
from bilateral.extract.text.units import iso, published
from bilateral.model import Document, TimeExpr

_LABEL_WORDS = 10
_CLAUSE_END = re.compile(r"[.;:!?,(]|\s[-–—]\s")


def label(sentence: str, at: int) -> str:
    """A short label: the words after the cue, to the end of their clause."""
    rest = sentence[at:]
    stop = _CLAUSE_END.search(rest)
    words = (rest[: stop.start()] if stop else rest).split()[:_LABEL_WORDS]
    return " ".join(words) or " ".join(sentence.split()[:_LABEL_WORDS])


# The present of the document: "these days Ufa is hosting the forum", "on the eve of my visit"
# are due in the document's month.
_NOW = re.compile(
    r"\b(?:these days|this week|at present|at the moment|right now|on the eve of)\b", re.I
)


def due(
    rd: Reading,
    doc: Document,
    start: int,
    end: int,
    cue: int,
    deadlines: Sequence[TimeExpr] = (),
) -> str | None:
    """The first time after the plan's cue not before the document's date (a plan is due
    ahead), else the first such time before the cue: "On 9 June they agreed that the forum
    will meet in the autumn" is due in the autumn. ``deadlines`` are the sentence's times that
    the reading leaves out as no time of an event ("until 2025", "by 2030"): a plan is due by
    them. Where no time is found, a present ("these days") is the document's month."""
    own = published(doc)
    inside = sorted(
        [*rd.times_in(start, end), *(t for t in deadlines if start <= t.start < end)],
        key=lambda t: t.start,
    )
    inside = [t for i, t in enumerate(inside) if i == 0 or t.start != inside[i - 1].start]
    for t in [t for t in inside if t.start >= cue] + [t for t in inside if t.start < cue]:
        found = iso(t)
        if found is None:
            continue
        value = found[0]
        if own is not None and value < own[0][: len(value)]:
            continue
        return value
    if own is not None and _NOW.search(doc.text, start, end):
        return own[0][:7]
    return None
