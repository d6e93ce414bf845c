"""Days an event's clause names against the document's date: "в воскресенье", "в минувшую
пятницу", "в понедельник" (the day before the report when told in the past, the day after when
planned), and "три дня назад", "пару дней назад" (days or a few days before it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bilateral.lang.ru import RuToken
from bilateral.model import Document

_WEEKDAYS = {
    "понедельник": 0,
    "вторник": 1,
    "среда": 2,
    "четверг": 3,
    "пятница": 4,
    "суббота": 5,
    "воскресенье": 6,
    "воскресение": 6,  # pymorphy3's likelier lemma of "воскресенье"
}
_NUMBERS = {"один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7}
_IN = frozenset(("в", "во"))
# Words between "в" and the day that only say which one: "в минувшую пятницу", "в эту среду".
_WHICH = frozenset(
    ("этот", "прошлый", "минувший", "прошедший", "следующий", "ближайший", "будущий")
)
_PAST = frozenset(("прошлый", "минувший", "прошедший"))
_NEXT = frozenset(("следующий", "ближайший", "будущий"))
_DAY_UNITS = {"день": 1, "сутки": 1, "неделя": 7}
_FEW = frozenset(("несколько", "пара", "пару"))


def _published(doc: Document) -> dt.date | None:
    if not doc.published or len(doc.published) != 10:
        return None
    try:
        return dt.date.fromisoformat(doc.published)
    except ValueError:
        return None


def _weekday(clause: Sequence[RuToken], today: dt.date, future: bool) -> dt.date | None:
    for k, t in enumerate(clause):
        day = _WEEKDAYS.get(t.lemma)
        # "в среду" only as a day: an accusative after "в" ("в среде" is "among"), whose
        # nominative reads the same for most days.
        if day is None or not ("accs" in t.tag or "nomn" in t.tag):
            continue
        j = k - 1
        which = None
        if j >= 0 and clause[j].lemma in _WHICH:
            which = clause[j].lemma
            j -= 1
        if j < 0 or clause[j].lemma not in _IN:
            continue
        ahead = which in _NEXT or (future and which not in _PAST)
        if ahead:
            return today + dt.timedelta(days=(day - today.weekday() - 1) % 7 + 1)
        return today - dt.timedelta(days=(today.weekday() - day - 1) % 7 + 1)
    return None


def _ago(clause: Sequence[RuToken], today: dt.date) -> tuple[str, str] | None:
    """ "три дня назад": that day; "пару дней назад", "несколько дней назад": its month."""
    for k, t in enumerate(clause):
        if t.lemma != "назад" or k == 0 or clause[k - 1].lemma not in _DAY_UNITS:
            continue
        unit = _DAY_UNITS[clause[k - 1].lemma]
        count = clause[k - 2] if k >= 2 else None
        n = None
        if count is not None:
            n = int(count.text) if count.text.isdigit() else _NUMBERS.get(count.lemma)
        if n is not None:
            return (today - dt.timedelta(days=unit * n)).isoformat(), "day"
        if unit == 7 and count is not None and count.lemma in _FEW:
            return None  # "несколько недель назад": no longer these days
        return today.isoformat()[:7], "month"
    return None


def named_weekday(clause: Sequence[RuToken], doc: Document, future: bool) -> tuple[str, str] | None:
    """The date a clause names by a day of the week or by days before the document, or None."""
    today = _published(doc)
    if today is None:
        return None
    day = _weekday(clause, today, future)
    if day is not None:
        return day.isoformat(), "day"
    return _ago(clause, today)
