"""The day a celebration is held on when it names a day kept by name: "торжества по случаю Дня
Победы", "празднование 80-летия Победы" (``kb/data/named_days.yaml``)."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from bilateral.kb.vocabulary import read_data
from bilateral.lang.ru import RuToken
from bilateral.model import Document, TimeExpr


@functools.lru_cache(maxsize=1)
def named_days() -> dict[tuple[str, ...], str]:
    """Lemmas of a named day -> its month and day ("05-09"), loaded once."""
    out: dict[tuple[str, ...], str] = {}
    for e in read_data("named_days.yaml")["named_days"]:
        for phrase in e.get("ru") or ():
            out[tuple(str(phrase).split())] = str(e["day"])
    return out


def named_day(toks: Sequence[RuToken]) -> str | None:
    """The month and day of the first named day among ``toks``, longest name first; its first
    word capitalised ("Победы", not "победы над ...")."""
    days = named_days()
    longest = max((len(k) for k in days), default=0)
    for i, t in enumerate(toks):
        if not t.text[:1].isupper():
            continue
        for n in range(longest, 0, -1):
            key = tuple(w.lemma for w in toks[i : i + n])
            if len(key) == n and key in days:
                return days[key]
    return None


def celebration_day(
    clause: Sequence[RuToken],
    times: Sequence[TimeExpr],
    when: tuple[str, str] | None,
    doc: Document,
) -> tuple[str, str] | None:
    """The date of a celebration its clause names by its day, in the year of ``when`` (the time
    found for it) or of the document; None where the clause names no day or gives a day of its
    own ("торжества 9 мая" keeps its date)."""
    day = named_day(clause)
    if day is None or not clause:
        return None
    a, b = clause[0].start, clause[-1].end
    if any(a <= t.start < b and t.precision == "day" for t in times):
        return None
    year = when[0][:4] if when else (doc.published or "")[:4]
    return (f"{year}-{day}", "day") if year.isdigit() else None
