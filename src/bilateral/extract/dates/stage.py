"""Time expressions: every date, month, year, season and period in a text, normalised to ISO.

``find_times(text, ref)`` reads a text the way a careful reader of a press release does:

1. Find hot tokens: digits, month and season words, "today", "year". The hot-token pattern is a
   prefix tree of literals, which lets ``re`` skip plain text in C.
2. At each hot token, try the rules below (most specific first) at the token and at the starts
   of the few words before it, so that "between January and September 2024" or "the first half
   of 2024" is read whole. A handler may refuse what its pattern matched ("USD 2020 million",
   "Resolution 2231"); the next rule then gets its turn at the same place.
3. Give what has no year of its own ("on 9 May", "in October") the year named last before it in
   the same paragraph ("next year ... on 9 May"), else the reference date's year. Relative
   expressions ("last year", "this autumn") always count from the reference date. Without a
   reference both are dropped: a value without a year is not ISO.

Value conventions are in ``periods``. Ordinals ("the 29th forum", "21st Century"), counts and
document numbers are not times; whether a year inside a name ("Strategy until 2025") dates
anything is for later stages to decide.

The rules are in ``patterns``, what each reads in ``handlers``, and whether a number is a year
in ``context``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bilateral.context import Context
from bilateral.extract.dates.handlers import HANDLERS, Hit
from bilateral.extract.dates.patterns import HOT, LOOK_BACK, MASTER, ORDER, PATTERNS, STARTER
from bilateral.extract.dates.periods import Ref, parse_iso
from bilateral.model import Document, TimeExpr

__all__ = ["find_times", "parse_iso", "stage"]

# -- the scanner ----------------------------------------------------------------------------------

_RULES = tuple((re.compile(PATTERNS[name]), HANDLERS[name]) for name in PATTERNS)


def _match(text: str, pos: int, ref: Ref | None) -> tuple[list[Hit], int] | None:
    m = MASTER.match(text, pos)
    if m is None or m.lastgroup is None:
        return None
    for regex, handle in _RULES[ORDER[m.lastgroup] :]:
        found = regex.match(text, pos)
        if found is not None and found.end() > pos:
            hits = handle(found, ref)
            if hits is not None:
                return hits, found.end()
    return None


def _scan(text: str, ref: Ref | None) -> list[Hit]:
    hits: list[Hit] = []
    done = 0
    for hot in HOT.finditer(text):
        p = hot.start()
        if p < done:
            continue
        lo = max(done, p - 40, text.rfind("\n", max(0, p - 40), p) + 1)
        starts = [w.start() for w in STARTER.finditer(text, lo, p)][-LOOK_BACK:]
        for pos in (*starts, p):
            got = _match(text, pos, ref)
            if got is not None:
                hits.extend(got[0])
                done = got[1]
                break
    return hits


# A year named before a year-less date is its year when it is in the same paragraph, at most
# one sentence back and this close: "next year ... We look forward to seeing you on 9 May."
_ANCHOR_REACH = 400
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“(]?[A-ZА-Я])")


def _reaches(text: str, anchor_end: int, start: int) -> bool:
    between = text[anchor_end:start]
    return (
        len(between) < _ANCHOR_REACH
        and "\n" not in between
        and len(_SENTENCE_END.findall(between)) <= 1
    )


# A date without a year that the reference year would put this many months or more after the
# reference is last year's: "On 26 December, Nazarbayev reorganised ..." in a January release.
_FAR_AHEAD = 10


def _complete(h: Hit, year: int, ref: Ref | None) -> str | None:
    """The value of a year-less hit in ``year``, or the year before when ``year`` is the
    reference's own and would put it far ahead of the reference month."""
    if h.partial is None:
        return None
    value = h.partial(year)
    if value is None or ref is None or ref.month is None or year != ref.year:
        return value
    if int(value[5:7]) - ref.month >= _FAR_AHEAD:
        return h.partial(year - 1)
    return value


def _resolve(text: str, hits: list[Hit], ref: Ref | None) -> tuple[TimeExpr, ...]:
    out: list[TimeExpr] = []
    anchor: tuple[int, int, bool] | None = None  # end, year, relative
    for h in sorted(hits, key=lambda h: h.start):
        value, relative = h.value, h.relative
        if value is None:
            if anchor and _reaches(text, anchor[0], h.start):
                value, relative = (h.partial(anchor[1]) if h.partial else None), anchor[2]
            elif ref is not None:
                value, relative = _complete(h, ref.year, ref), True
            if value is None:
                continue
        out.append(TimeExpr(h.start, h.end, text[h.start : h.end], value, h.precision, relative))
        if h.anchor:
            anchor = (h.end, int(value[:4]), relative)
    return tuple(out)


def find_times(text: str, ref: str | None) -> tuple[TimeExpr, ...]:
    """Every time expression in ``text``, in text order, normalised against ``ref`` (the
    document's own date, ISO at any precision, or None)."""
    r = Ref.parse(ref)
    return _resolve(text, _scan(text, r), r)


def stage(
    doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]
) -> dict[str, tuple[Any, ...]]:
    """Pipeline stage ``times.v1``: needs nothing, adds ``times``."""
    return {"times": find_times(doc.text, doc.published)}
