"""Calendar arithmetic for time expressions: ISO values, the reference date, seasons, academic
years, and the month and season words of English and Russian.

Conventions (shared by every stage that reads a ``TimeExpr``):

- a day is ``2020-06-09``, a month ``2020-06``, a year ``2020``;
- an interval is ``A/B`` with both ends at the same precision: ``2024-01/2024-09``,
  ``2019-04-14/2019-04-15``, ``2021/2025``;
- a season is the interval of its months, northern hemisphere: autumn 2023 is ``2023-09/2023-11``
  and winter 2023 is ``2023-12/2024-02``;
- an academic year runs from September to June: 2019/2020 is ``2019-09/2020-06``;
- a decade is a year interval: the 1990s are ``1990/1999``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

EN_MONTHS = (
    "january february march april may june july august september october november december"
).split()
# Month words, lower-cased, to their number: English names and abbreviations, and the Russian
# nominative ("июнь"), genitive ("9 июня") and prepositional ("в июне") forms.
MONTHS: dict[str, int] = {
    **{name: i for i, name in enumerate(EN_MONTHS, 1)},
    **{name[:3]: i for i, name in enumerate(EN_MONTHS, 1)},
    "sept": 9,
}
RU_MONTHS: dict[str, int] = {}
for _i, _forms in enumerate(
    (
        "январь января январе",
        "февраль февраля феврале",
        "март марта марте",
        "апрель апреля апреле",
        "май мая мае",
        "июнь июня июне",
        "июль июля июле",
        "август августа августе",
        "сентябрь сентября сентябре",
        "октябрь октября октябре",
        "ноябрь ноября ноябре",
        "декабрь декабря декабре",
    ),
    1,
):
    RU_MONTHS.update(dict.fromkeys(_forms.split(), _i))
MONTHS.update(RU_MONTHS)

# Seasons by their first month; winter runs into the next year.
SEASONS: dict[str, int] = {
    "spring": 3,
    "summer": 6,
    "autumn": 9,
    "fall": 9,
    "winter": 12,
    "весна": 3,
    "весной": 3,
    "лето": 6,
    "летом": 6,
    "осень": 9,
    "осенью": 9,
    "зима": 12,
    "зимой": 12,
}

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class Ref:
    """The reference date (a document's own date) at whatever precision it is known."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: str | None) -> Ref | None:
        """``2020-06-09``, ``2020-06``, ``2020`` or a timestamp; None when absent or not ISO."""
        if not value:
            return None
        m = _ISO.match(value.strip())
        if m is None:
            return None
        year = int(m[1])
        if not 1 < year < 9999:
            return None
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None and (month is None or not valid_day(year, month, day)):
            return None
        return cls(year, month, day)

    @property
    def value(self) -> str:
        """The reference itself, ISO at its own precision."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return month_value(self.year, self.month)
        return day_value(self.year, self.month, self.day)

    @property
    def precision(self) -> str:
        return "year" if self.month is None else "month" if self.day is None else "day"


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def day_value(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def add_months(year: int, month: int, k: int) -> tuple[int, int]:
    n = year * 12 + month - 1 + k
    return n // 12, n % 12 + 1


def season_value(year: int, first_month: int) -> str:
    """The season that starts in ``first_month`` of ``year`` as a month interval."""
    end = add_months(year, first_month, 2)
    return f"{month_value(year, first_month)}/{month_value(*end)}"


def season_year(ref: Ref, first_month: int, which: str) -> int | None:
    """The year in which the season meant by "this", "last" or "next" autumn begins.

    "last" is the latest such season over before the reference month, "next" the first one
    starting after it, and "this" the one under way, or else the one of the reference year
    (winter in January belongs to the previous year's December).
    """
    if ref.month is None:
        return ref.year if which == "this" and first_month != 12 else None
    now = ref.year * 12 + ref.month - 1
    starts = [
        y * 12 + first_month - 1 for y in (ref.year - 2, ref.year - 1, ref.year, ref.year + 1)
    ]
    if which == "last":
        return max(s for s in starts if s + 2 < now) // 12
    if which == "next":
        return min(s for s in starts if s > now) // 12
    under_way = [s for s in starts if s <= now <= s + 2]
    if under_way:
        return under_way[0] // 12
    return ref.year


def month_year(ref: Ref, month: int, which: str) -> int | None:
    """The year of "last September" (the latest before the reference month), "next September"
    (the first after it) or "this September" (the reference year)."""
    if which == "this":
        return ref.year
    if ref.month is None:
        return None
    if which == "last":
        return ref.year if month < ref.month else ref.year - 1
    return ref.year if month > ref.month else ref.year + 1


def academic_value(first_year: int) -> str:
    return f"{first_year:04d}-09/{first_year + 1:04d}-06"


def academic_start(ref: Ref) -> int | None:
    """The first calendar year of the academic year the reference date falls in."""
    if ref.month is None:
        return None
    return ref.year if ref.month >= 9 else ref.year - 1


def day_range(
    year: int, month: int, day: int, month2: int | None = None, day2: int | None = None
) -> str | None:
    """A day, or a range of days that may run into the next month or year ("30 December -
    2 January"); None when a day does not exist or the range runs backwards."""
    if not valid_day(year, month, day):
        return None
    if month2 is None or day2 is None:
        return day_value(year, month, day)
    year2 = year + 1 if month2 < month else year
    if not valid_day(year2, month2, day2) or (month2 == month and day2 <= day):
        return None
    return f"{day_value(year, month, day)}/{day_value(year2, month2, day2)}"


def month_range(year: int, month: int, month2: int, year2: int | None = None) -> str | None:
    """Months from ``month`` of ``year`` to ``month2`` of ``year2`` (by default the first such
    month after the start: "November - February" runs into the next year)."""
    end = (year2, month2) if year2 is not None else add_months(year, month, (month2 - month) % 12)
    return f"{month_value(year, month)}/{month_value(*end)}" if end > (year, month) else None


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3}
_ORDINALS |= {"4th": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def part_of_year(unit: str, which: str, n: int | None = None) -> tuple[int, int] | None:
    """The first and last month of "the first half", "the third quarter", "Q3", "H1", "the first
    nine months" (``unit`` half, quarter, months, q or h) or None when there is no such part."""
    unit, which = unit.lower(), which.lower()
    if unit == "months":
        if n is None or not 1 <= n <= 11 or which not in ("first", "last"):
            return None
        return (1, n) if which == "first" else (13 - n, 12)
    k = _ORDINALS.get(which, 2 if unit in ("half", "h") else 4)  # "last"
    if unit in ("half", "h"):
        return ((1, 6) if k == 1 else (7, 12)) if k <= 2 else None
    return 3 * k - 2, 3 * k


def second_year(first: int, written: str) -> int | None:
    """The second year of "2019-20" or "2019/2020"; None unless it comes after the first."""
    year = int(written) if len(written) == 4 else first - first % 100 + int(written)
    if len(written) == 2 and year <= first:
        year += 100
    return year if first < year <= first + 100 else None


def shift_day(ref: Ref, days: int) -> str | None:
    """ "yesterday", "tomorrow": None unless the reference is known to the day."""
    if ref.month is None or ref.day is None:
        return None
    return (date(ref.year, ref.month, ref.day) + timedelta(days=days)).isoformat()


def shift_month(ref: Ref, months: int) -> str | None:
    """ "last month", "next month": None unless the reference is known to the month."""
    return None if ref.month is None else month_value(*add_months(ref.year, ref.month, months))


def _bounds(part: str) -> tuple[date, date]:
    m = _ISO.fullmatch(part.strip())
    if m is None:
        raise ValueError(f"not an ISO date: {part!r} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(m[1])
    if m[2] is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(m[2])
    if m[3] is None:
        if not 1 <= month <= 12:
            raise ValueError(f"not an ISO month: {part!r}")
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    day = date(year, month, int(m[3]))
    return day, day


def parse_iso(value: str) -> tuple[date, date]:
    """The first and last day an ISO value covers: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an
    interval ``A/B`` of those. A time of day after ``T`` is ignored.

    >>> parse_iso("2024-01/2024-09")
    (datetime.date(2024, 1, 1), datetime.date(2024, 9, 30))
    """
    parts = value.split("/")
    if len(parts) > 2:
        raise ValueError(f"not an ISO date or interval: {value!r}")
    first = _bounds(parts[0].split("T")[0])[0]
    last = _bounds(parts[-1].split("T")[0])[1]
    if last < first:
        raise ValueError(f"interval ends before it starts: {value!r}")
    return first, last
