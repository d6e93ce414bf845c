"""What each time-expression rule of ``patterns`` reads from its match: a list of hits, each
a span with an ISO value, or with a way to build one once the year is known.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from bilateral.extract.dates.context import before, counted, is_year, month_context, numbered
from bilateral.extract.dates.patterns import NUMBERS
from bilateral.extract.dates.periods import (
    MONTHS,
    SEASONS,
    Ref,
    academic_start,
    academic_value,
    add_months,
    day_range,
    month_range,
    month_value,
    month_year,
    part_of_year,
    season_value,
    season_year,
    second_year,
    shift_day,
    shift_month,
    valid_day,
)

# -- hits and the handlers that make them ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    value: str | None  # None: the text gives no year; ``partial`` builds the value from one
    precision: str
    relative: bool = False
    anchor: bool = False  # lends its year to later year-less dates in the paragraph
    partial: Callable[[int], str | None] | None = None


_Found = list[Hit] | None  # None: refused, let the next rule try; []: read, but nothing to add
_SHIFT = {"this": 0, "current": 0, "present": 0, "last": -1, "next": 1, "coming": 1}


def _shift(rel: str) -> int:
    return _SHIFT.get(rel.split()[-1].lower(), 0)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS[word.lower()]


def _resolved(
    span: tuple[int, int],
    year: int | None,
    rel: str | None,
    ref: Ref | None,
    build: Callable[[int], str | None],
    precision: str,
) -> _Found:
    """A hit whose year is written ("9 June 2020"), relative ("9 May next year") or missing."""
    if year is not None:
        value = build(year)
        return [Hit(*span, value, precision, anchor=True)] if value else None
    if rel is not None:
        if ref is None:
            return []
        value = build(ref.year + _shift(rel))
        return [Hit(*span, value, precision, relative=True, anchor=True)] if value else None
    return [Hit(*span, None, precision, partial=build)]


def _start_year(written: int | None, end: int | None, m1: int, m2: int) -> int | None:
    """The first year of a range whose year is written at its start, or only at its end
    ("December - February 2020" starts in 2019)."""
    if written is not None or end is None:
        return written
    return end - 1 if m2 < m1 else end


def _listed(m: re.Match[str], sep: str) -> bool:
    """ "12 and 13 May" names two days; "between 12 and 13 May" one range."""
    words = sep.split()
    return bool(words) and words[0] in ("and", "&", "и") and (m["pre"] or "").lower() != "between"


def _dates(
    m: re.Match[str], ref: Ref | None, start: int, ma: str, mb: str, d2: str | None
) -> _Found:
    m1, d1, rel = _month(ma), int(m["d1"]), m["rel"]
    y, y1 = _int(m["y"]), _int(m["y1"])
    if d2 is None:
        return _resolved((start, m.end()), y, rel, ref, partial(day_range, month=m1, day=d1), "day")
    m2, day2 = _month(mb), int(m[d2])
    sep = "sep" if m["sep"] else "sep2"
    first_year = _start_year(y1, y, m1, m2)
    if not _listed(m, m[sep]):
        return _resolved(
            (start, m.end()),
            first_year,
            rel,
            ref,
            partial(day_range, month=m1, day=d1, month2=m2, day2=day2),
            "range",
        )
    second = min(p for p in (m.start("m2"), m.start(d2)) if p >= 0)  # "July 3" or "3 July"
    a = _resolved(
        (start, m.start(sep)), first_year, rel, ref, partial(day_range, month=m1, day=d1), "day"
    )
    b = _resolved((second, m.end()), y, rel, ref, partial(day_range, month=m2, day=day2), "day")
    return None if a is None or b is None else a + b


def _day_month(m: re.Match[str], ref: Ref | None) -> _Found:
    d2 = "d2" if m["d2"] else "d3" if m["d3"] else None
    return _dates(m, ref, m.start("d1"), m["m1"] or m["m3"] or m["m4"], m["m2"] or m["m3"], d2)


def _month_day(m: re.Match[str], ref: Ref | None) -> _Found:
    d2 = "d2" if m["d2"] else "d3" if m["d3"] else None
    return _dates(m, ref, m.start("m1"), m["m1"], m["m2"] or m["m1"], d2)


def _iso_day(m: re.Match[str], ref: Ref | None) -> _Found:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    return (
        _resolved(m.span(), y, None, ref, partial(day_range, month=mo, day=d), "day")
        if valid_day(y, mo, d)
        else None
    )


def _numeric_day(m: re.Match[str], ref: Ref | None) -> _Found:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if m["sep"] == "/" and a <= 12 and b <= 12 and a != b:
        # 06/09/2020 is June in Washington and September in London: keep only the year.
        return [Hit(m.start("y"), m.end(), str(y), "year")]
    day, month = (b, a) if m["sep"] == "/" and b > 12 else (a, b)
    return _resolved(m.span(), y, None, ref, partial(day_range, month=month, day=day), "day")


def _academic_year(m: re.Match[str], ref: Ref | None) -> _Found:
    y1 = int(m["y1"])
    if second_year(y1, m["y2"]) != y1 + 1:
        return None
    return [Hit(m.start(), m.end(), academic_value(y1), "range")]


def _month_range(m: re.Match[str], ref: Ref | None) -> _Found:
    m1, m2, rel = _month(m["m1"]), _month(m["m2"]), m["rel"]
    y, y1 = _int(m["y"]), _int(m["y1"])
    listed = _listed(m, m["sep"])
    if (
        y is None
        and y1 is None
        and rel is None
        and (listed or not m["pre"])
        and "-" not in m["sep"]
        and "–" not in m["sep"]
    ):
        return None  # "January and March" alone: let the month rule judge each
    if m1 == m2 and not (y and y1):
        return None
    first_year = _start_year(y1, y, m1, m2)
    if listed:
        a = _resolved(
            (m.start("m1"), m.start("sep")),
            first_year,
            rel,
            ref,
            partial(month_value, month=m1),
            "month",
        )
        b = _resolved(
            (m.start("m2"), m.end()), y, rel, ref, partial(month_value, month=m2), "month"
        )
        return None if a is None or b is None else a + b
    end_year = y if y and y1 else None
    build = partial(month_range, month=m1, month2=m2, year2=end_year)
    return _resolved((m.start("m1"), m.end()), first_year, rel, ref, build, "range")


def _month_year(m: re.Match[str], ref: Ref | None) -> _Found:
    mo = _month(m["m1"])
    return _resolved(m.span(), _int(m["y"]), m["rel"], ref, lambda y: month_value(y, mo), "month")


def _part_of_year(m: re.Match[str], ref: Ref | None) -> _Found:
    n = m["n"] if "n" in m.re.groupindex else None
    months = part_of_year(m["unit"], m["ord"], _count(n) if n else None)
    if months is None:
        return None
    rel = m["rel"] if "rel" in m.re.groupindex else None
    build = partial(month_range, month=months[0], month2=months[1])
    return _resolved(m.span(), _int(m["y"]), rel, ref, build, "range")


def _season_year(m: re.Match[str], ref: Ref | None) -> _Found:
    first = SEASONS[m["s"].lower()]
    y = int(m["y"])
    if m["y2"] and (first != 12 or second_year(y, m["y2"]) != y + 1):
        return None
    return [Hit(m.start(), m.end(), season_value(y, first), "season", anchor=True)]


def _season_rel_year(m: re.Match[str], ref: Ref | None) -> _Found:
    first = SEASONS[m["s"].lower()]
    return _resolved(m.span(), None, m["rel"], ref, lambda y: season_value(y, first), "season")


_WHICH = {"this coming": "next", "the coming": "next", "this past": "last"}
_WHICH |= {"этой": "this", "этим": "this", "прошлой": "last", "прошлым": "last"}
_WHICH |= {"следующей": "next", "следующим": "next"}


def _season_rel(m: re.Match[str], ref: Ref | None) -> _Found:
    if ref is None:
        return []
    rel = " ".join(m["rel"].lower().split())
    which = _WHICH.get(rel, rel)
    first = SEASONS[m["s"].lower()]
    year = season_year(ref, first, which)
    if year is None:
        return []
    return [Hit(m.start(), m.end(), season_value(year, first), "season", relative=True)]


def _season_in(m: re.Match[str], ref: Ref | None) -> _Found:
    first = SEASONS[m["s"].lower()]
    return [Hit(m.start("s"), m.end(), None, "season", partial=lambda y: season_value(y, first))]


_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "сегодня": 0, "вчера": -1, "завтра": 1}


def _relative_day(m: re.Match[str], ref: Ref | None) -> _Found:
    if ref is None:
        return []
    shift = _DAY_WORDS[m["w"].lower()]
    # "Today" also ends the story's past: "... in June 2015. Today ..., on 5 September" is this year.
    if shift == 0:
        return [Hit(*m.span(), ref.value, ref.precision, relative=True, anchor=True)]
    day = shift_day(ref, shift)
    return [Hit(*m.span(), day, "day", relative=True, anchor=True)] if day else []


def _after_the(m: re.Match[str]) -> bool:
    """ "the last year", "the next month" count from the story, not from the document date."""
    return bool(before(m.string, m.start(), 1) == ["the"])


def _relative_unit(m: re.Match[str], ref: Ref | None) -> _Found:
    if ref is None or _after_the(m):
        return []
    shift = _shift(m["rel"])
    if m["ac"]:
        first = academic_start(ref)
        if first is None:
            return []
        return [Hit(m.start(), m.end(), academic_value(first + shift), "range", relative=True)]
    if m["unit"].lower() == "year":
        return [Hit(m.start(), m.end(), str(ref.year + shift), "year", relative=True, anchor=True)]
    value = shift_month(ref, shift)
    return [Hit(m.start(), m.end(), value, "month", relative=True)] if value else []


def _relative_month(m: re.Match[str], ref: Ref | None) -> _Found:
    if ref is None or _after_the(m):
        return []
    mo = _month(m["m"])
    year = month_year(ref, mo, m["rel"].lower())
    return [Hit(m.start(), m.end(), month_value(year, mo), "month", relative=True)] if year else []


def _years_ago(m: re.Match[str], ref: Ref | None) -> _Found:
    if ref is None:
        return []
    return [Hit(m.start(), m.end(), str(ref.year - _count(m["n"])), "year", relative=True)]


def _decade(m: re.Match[str], ref: Ref | None) -> _Found:
    y = int(m["y"])
    a, b = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get((m["mod"] or "").lower(), (0, 9))
    return [Hit(m.start(), m.end(), f"{y + a}/{y + b}", "range")]


def _year_range(m: re.Match[str], ref: Ref | None) -> _Found:
    y1, sep, start = int(m["y1"]), m["sep"].strip(), m.start("y1")
    if numbered(m.string, m.start()) or counted(m.string, m.end()):
        return None
    if len(m["y2"]) == 2 and not re.fullmatch(r"[-‐‑‒–—/]", sep):
        return None
    y2 = second_year(y1, m["y2"])
    if sep == "-" and len(m["y2"]) == 2 and y2 != y1 + 1 and 1 <= int(m["y2"]) <= 12:
        return [Hit(start, m.end(), month_value(y1, int(m["y2"])), "month", anchor=True)]
    if y2 is None:
        return None
    if _listed(m, sep):
        return [
            Hit(start, m.start("sep"), str(y1), "year"),
            Hit(m.start("y2"), m.end(), str(y2), "year"),
        ]
    return [Hit(start, m.end(), f"{y1}/{y2}", "range")]


def _bare_year(m: re.Match[str], ref: Ref | None) -> _Found:
    ok, anchor = is_year(m.string, m.start(), m.end(), int(m["y"]))
    return [Hit(m.start(), m.end(), m["y"], "year", anchor=anchor)] if ok else None


def _month_alone(m: re.Match[str], ref: Ref | None) -> _Found:
    if not month_context(m.string, m.start(), m.end(), m["m1"]):
        return None
    mo = _month(m["m1"])
    return [Hit(m.start(), m.end(), None, "month", partial=lambda y: month_value(y, mo))]


def _ru_day(m: re.Match[str], ref: Ref | None) -> _Found:
    mo, d1, d2 = _month(m["m"]), int(m["d1"]), _int(m["d2"])
    build = partial(day_range, month=mo, day=d1, month2=mo if d2 else None, day2=d2)
    return _resolved(m.span(), _int(m["y"]), None, ref, build, "range" if d2 else "day")


def _ru_month(m: re.Match[str], ref: Ref | None) -> _Found:
    mo = _month(m["m"])
    span = (m.start("m"), m.end())
    return _resolved(
        span,
        _int(m["y"]) if "y" in m.re.groupindex else None,
        None,
        ref,
        lambda y: month_value(y, mo),
        "month",
    )


def _ru_shift(rel: str) -> int:
    low = rel.lower()
    if low.startswith(("прошл", "прошедш", "минувш", "истекш", "предыдущ")):
        return -1
    return 1 if low.startswith(("следующ", "будущ")) else 0


def _ru_relative_year(m: re.Match[str], ref: Ref | None) -> _Found:
    if ref is None:
        return []
    shift = _ru_shift(m["rel"])
    if m["unit"].lower().startswith("месяц"):
        if ref.month is None:
            return []
        value = month_value(*add_months(ref.year, ref.month, shift))
        return [Hit(m.start("rel"), m.end(), value, "month", relative=True)]
    return [Hit(m.start("rel"), m.end(), str(ref.year + shift), "year", relative=True, anchor=True)]


def _ru_season(m: re.Match[str], ref: Ref | None) -> _Found:
    first = SEASONS[m["s"].lower()]
    if m["y"]:
        return [Hit(m.start(), m.end(), season_value(int(m["y"]), first), "season", anchor=True)]
    if ref is None:
        return []
    value = season_value(ref.year + _ru_shift(m["rel"]), first)
    return [Hit(m.start(), m.end(), value, "season", relative=True)]


# -- each rule of ``patterns.PATTERNS``, by name, to the handler that reads its match --------------

_Handler = Callable[[re.Match[str], Ref | None], _Found]
HANDLERS: dict[str, _Handler] = {
    "iso_day": _iso_day,
    "numeric_day": _numeric_day,
    "academic_year": _academic_year,
    "academic_year_after": _academic_year,
    "day_month": _day_month,
    "month_day": _month_day,
    "month_range": _month_range,
    "month_year": _month_year,
    "part_of_year": _part_of_year,
    "quarter": _part_of_year,
    "season_year": _season_year,
    "season_rel_year": _season_rel_year,
    "season_rel": _season_rel,
    "season_in": _season_in,
    "relative_day": _relative_day,
    "relative_unit": _relative_unit,
    "relative_month": _relative_month,
    "years_ago": _years_ago,
    "decade": _decade,
    "year_range": _year_range,
    "year": _bare_year,
    "month": _month_alone,
    "ru_day": _ru_day,
    "ru_month_year": _ru_month,
    "ru_month": _ru_month,
    "ru_month_part": _ru_month,
    "ru_relative_day": _relative_day,
    "ru_relative_year": _ru_relative_year,
    "ru_season": _ru_season,
    "ru_season_rel": _season_rel,
}
