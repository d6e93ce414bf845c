"""Relative dates the dates stage leaves unresolved, counted back from the document's own date:
"four months ago", "some months ago", "a week ago", "last week", "earlier this month", and
"last month" in a speech whose date is known only to the year but whose occasion fixes the
month (the General Assembly's general debate), a month named as a modifier ("the December
summit") and a day of the week ("on Monday", "next Friday").

They tell when an event happened, so the events stage resolves them for its own use; the
values are at month precision unless the count is of days and the document's day is known
(a speaker's "four months ago" is rarely exact to the day).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from bilateral.model import Document, TimeExpr

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
# A vague count ("some months ago", "a few weeks ago") is taken as three, a couple as two: the
# month it gives is the likeliest, and a null date would match no dated report at all.
_VAGUE = {"some": 3, "a few": 3, "few": 3, "several": 3, "a couple of": 2, "a couple": 2}
_AGO = re.compile(
    r"\b(?:(?P<n>\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|"
    r"(?P<vague>some|a few|few|several|a couple(?: of)?))\s+"
    r"(?P<unit>days?|weeks?|months?)\s+ago\b",
    re.I,
)
# "last week", "earlier this month"; "the last month" is a stretch of time, not a date.
_LAST = re.compile(
    r"(?<!\bthe )(?<!\bthe past )\b(?:(?P<last>last)\s+(?P<unit>week|month)|"
    r"earlier\s+this\s+(?P<this>week|month))\b",
    re.I,
)
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
# "the December U.S.-Africa Leaders Summit", "this coming November": a month named as a
# modifier, in the document's year (the frame moves a plan's month that has passed to the next
# year).
_MONTH_BEFORE = re.compile(
    r"\b(?i:the|this|next|its|our)\s+(?:(?i:coming|past)\s+)?(?P<month>January|February|March|April|June|July|August|"
    r"September|October|November|December)\b(?!\s*\d|,?\s+(?:of\s+)?(?:1[89]|20)\d\d)"
)
# "on Monday", "last Tuesday", "this Friday": the day of the week around the document's day.
WEEKDAY = re.compile(
    r"\b(?:(?P<how>(?i:on|last|this|next|since|until))\s+)(?P<day>Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)\b(?!,?\s+(?:\d|January|February|March|April|May|June|July|"
    r"August|September|October|November|December))"
)
# The general debate of the General Assembly opens each year in September: a speech dated
# "session 76 (2021)" was given in September 2021.
_GENERAL_DEBATE = re.compile(r"\bGeneral Debate\b[^\n]{0,40}\bsession\s+\d+\s*\(\d{4}\)", re.I)
_GENERAL_DEBATE_MONTH = 9


def reference(doc: Document, occasion: str | None = None) -> tuple[date, str] | None:
    """The day relative dates count from and its precision (day or month): the occasion a
    report tells, else the document's date; a general-debate speech known to the year is in
    September of it."""
    value = occasion or doc.published or ""
    try:
        if len(value) >= 10:
            return date.fromisoformat(value[:10]), "day"
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 1), "month"
        if len(value) == 4 and _GENERAL_DEBATE.search(doc.title or doc.text[:300]):
            return date(int(value), _GENERAL_DEBATE_MONTH, 1), "month"
    except ValueError:
        return None
    return None


def _months_back(day: date, n: int) -> str:
    k = day.year * 12 + day.month - 1 - n
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


def _resolve(ref: date, precision: str, unit: str, n: int) -> tuple[str, str] | None:
    unit = unit.lower().rstrip("s")
    if unit == "month":
        return _months_back(ref, n), "month"
    if precision != "day":
        return None  # "two weeks ago" of a document known to the month: which month is unsure
    back = ref - timedelta(days=n * (7 if unit == "week" else 1))
    if unit == "day":
        return back.isoformat(), "day"
    return back.isoformat()[:7], "month"


def _weekday(ref: date, precision: str, name: str, how: str) -> tuple[str, str] | None:
    """The weekday nearest the document's day on the side the words say: "next Monday" after
    it, else the last one up to it (a report tells what happened; a plan's frame moves on)."""
    if precision != "day":
        return None
    gap = (ref.weekday() - _WEEKDAYS.index(name.lower())) % 7
    if how.lower() == "next":
        return (ref + timedelta(days=(7 - gap) or 7)).isoformat(), "day"
    if how.lower() == "last" and gap == 0:
        gap = 7
    return (ref - timedelta(days=gap)).isoformat(), "day"


def relative_times(
    doc: Document, known: Sequence[TimeExpr], occasion: str | None = None
) -> list[TimeExpr]:
    """The relative dates of ``doc`` that ``known`` (the dates stage's) does not cover."""
    ref = reference(doc, occasion)
    if ref is None:
        return []
    day, precision = ref
    text = doc.text
    out: list[TimeExpr] = []
    for m in (
        *_AGO.finditer(text),
        *_LAST.finditer(text),
        *_MONTH_BEFORE.finditer(text),
        *WEEKDAY.finditer(text),
    ):
        if any(t.start < m.end() and m.start() < t.end for t in known):
            continue
        if m.re is _AGO:
            count = m["n"] or ""
            n = int(count) if count.isdigit() else _NUMBERS.get(count.lower(), 0)
            if m["vague"]:
                n = _VAGUE[" ".join(m["vague"].lower().split())]
            found = _resolve(day, precision, m["unit"], n) if n else None
        elif m.re is _MONTH_BEFORE:
            found = f"{day.year:04d}-{_MONTHS.index(m['month'].lower()) + 1:02d}", "month"
        elif m.re is WEEKDAY:
            found = _weekday(day, precision, m["day"], m["how"])
        elif m["this"]:
            found = _resolve(day, precision, m["this"], 0)
        else:
            found = _resolve(day, precision, m["unit"], 1)
        if found is not None:
            value, at = found
            out.append(TimeExpr(m.start(), m.end(), m.group(), value, at, relative=True))
    return out
