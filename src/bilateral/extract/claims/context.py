"""What the words around a claim's number tell: its qualifier ("over", "about", "record"), the
period it is about, and whose it is (steps 3 to 5 of the claims cascade).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bilateral.extract.claims.numbers import Quantity
from bilateral.extract.text.sentences import words_of
from bilateral.model import Mention, TimeExpr

# -- 3. qualifiers --------------------------------------------------------------------------------

_QUALIFIERS = (
    (
        re.compile(
            r"\b(?:more than|over|above|exceed(?:ed|s|ing)?|in excess of|upwards of|"
            r"surpass(?:ed|es|ing)?|более|свыше|больше)\s*$"
        ),
        "over",
    ),
    (
        re.compile(r"\b(?:at least|no less than|not less than|no fewer than|не менее)\s*$"),
        "at least",
    ),
    (
        re.compile(
            r"\b(?:about|around|some|approximately|roughly|circa|an estimated|estimated|"
            r"approx\.|около|порядка|примерно)\s*$"
        ),
        "about",
    ),
    (re.compile(r"\b(?:almost|nearly|close to|just under|почти)\s*$"), "almost"),
    (re.compile(r"\b(?:up to|as many as|as much as|до)\s*$"), "up to"),
    (re.compile(r"\b(?:less than|fewer than|under|below|менее)\s*$"), "under"),
)
_RECORD = re.compile(r"\b(?:record|all-time high|рекордн\w+)\b[^.;,]{0,30}$")


def qualifier(text: str, start: int, floor: int) -> str | None:
    before = text[max(floor, start - 60) : start].lower()
    found: list[str] = []
    if _RECORD.search(before):
        found.append("record")
    for pattern, name in _QUALIFIERS:
        if pattern.search(before):
            found.append(name)
            break
    return ", ".join(found) or None


# -- 4. periods -----------------------------------------------------------------------------------

# A period is ISO at some precision: "2022", "2024-01/2024-09", "2019-09/2020-06", "2023-Q2".
_ISO_PERIOD = re.compile(r"\d{4}(?:[-/][0-9A-Za-z]+)*")
# A date right after one of these dates the thing named ("the Declaration, signed on 6 December
# 2018, ..."), not the number of its clause.
_ATTACHED = re.compile(
    r"\b(?:signed|adopted|held|established|founded|launched|created|concluded|dated|approved|"
    r"ratified|entered into force|born|elected|appointed|proclaimed|declared|set up|opened|"
    r"took place|inaugurated|announced|began|started|since|compared to|compared with|than|"
    r"versus|from)\b\W*(?:\w+\W+){0,4}$",
    re.IGNORECASE,
)
_NOW = re.compile(r"\b(?:today|now|currently|at present|presently|nowadays|at the moment)\b", re.I)
# What may stand in a fronted time adverbial besides the time itself: "In the 2019/2020 academic
# year, ...", "Over the past year, ...".
_FRONT_WORDS = frozenset(
    "in on at during over for the of by since as from last this past academic fiscal financial "
    "school year years period whole entire first second half quarter end beginning early late "
    "mid alone only already months".split()
)


# "in the 10 months of 2017", "the first nine months of 2024": the year up to that month.
_MONTHS_OF = re.compile(
    r"\b(?:the\s+)?(?:first\s+)?(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven)\s+months\s+of\s+(?:the\s+(?:year\s+)?)?$",
    re.IGNORECASE,
)
_MONTH_WORDS = dict(
    zip("two three four five six seven eight nine ten eleven".split(), range(2, 12), strict=True)
)


def _period_of(t: TimeExpr, text: str = "") -> str | None:
    if not _ISO_PERIOD.fullmatch(t.value):
        return None
    if t.precision == "day" and _NOW.fullmatch(t.text.strip()):
        return t.value[:4]
    if t.precision == "year" and text:
        m = _MONTHS_OF.search(text, max(0, t.start - 40), t.start)
        if m is not None:
            n = int(m[1]) if m[1].isdigit() else _MONTH_WORDS[m[1].lower()]
            if 1 <= n <= 12:
                return f"{t.value}-01/{t.value}-{n:02d}"
    return t.value


def period(
    text: str,
    q: Quantity,
    clauses: Sequence[tuple[int, int]],
    times: Sequence[TimeExpr],
    published: str | None,
) -> str | None:
    def governing(a: int, b: int) -> list[TimeExpr]:
        return [
            t
            for t in times
            if a <= t.start < b
            and not (t.start <= q.number_start < t.end)
            and _period_of(t, text) is not None
            and not _ATTACHED.search(text[max(a, t.start - 40) : t.start])
        ]

    here = next(((a, b) for a, b in clauses if a <= q.number_start < b), clauses[0])
    own = governing(*here)
    if own:
        nearest = min(own, key=lambda t: min(abs(t.start - q.end), abs(t.end - q.start)))
        return _period_of(nearest, text)
    i = clauses.index(here)
    # "155 billion cubic metres (bcm) in 2021": a bracketed abbreviation does not end the clause.
    if i + 2 < len(clauses) and text[clauses[i + 1][0]] == "(" and not governing(*clauses[i + 1]):
        a, b = clauses[i + 2]
        after = [t for t in governing(a, b) if not text[a : t.start].strip(" ,").split()[1:]]
        if after:
            return _period_of(after[0], text)
    if published and _NOW.search(text[here[0] : here[1]]):
        return published[:4]
    # "$48.3 billion (2017)", "GDP (2017): $478.6 billion": a bracketed date next to it.
    for a, b in [*clauses[i + 1 : i + 2], *clauses[max(i - 1, 0) : i]]:
        if text[a] == "(":
            bracketed = _pure_time(text, (a, b), governing(a, b))
            if bracketed is not None:
                return bracketed
    first = clauses[0]
    if first != here:
        return _pure_time(text, first, governing(*first))
    return None


def _pure_time(text: str, span: tuple[int, int], times: Sequence[TimeExpr]) -> str | None:
    """The period of a span that holds one time expression and nothing else of substance."""
    if len(times) != 1:
        return None
    t = times[0]
    rest = words_of(text[span[0] : t.start] + " " + text[t.end : span[1]])
    pure = all(w in _FRONT_WORDS or w.isdigit() or w in _MONTH_WORDS for w in rest)
    return _period_of(t, text) if pure else None


def fronted(text: str, clauses: Sequence[tuple[int, int]], times: Sequence[TimeExpr]) -> str | None:
    """The period of a sentence that opens with a time adverbial and nothing else ("In the
    first half of 2023, ..."): it stays in force for the claims of the paragraph after it."""
    if len(clauses) < 2:
        return None
    a, b = clauses[0]
    return _pure_time(text, (a, b), [t for t in times if a <= t.start < b])


# -- 5. subjects and speakers ---------------------------------------------------------------------

_BILATERAL = re.compile(
    r"\b(?:our|bilateral|mutual|your country|both countries|two countries)\b", re.IGNORECASE
)


def main_pair(mentions: Sequence[Mention]) -> tuple[str, ...]:
    """The two countries a bilateral document is about, or () when it is not bilateral."""
    counts = Counter(m.entity for m in mentions if m.type == "country")
    top = counts.most_common(2)
    if len(top) < 2 or top[1][1] < 2 or top[0][1] + top[1][1] < sum(counts.values()) / 2:
        return ()
    return tuple(sorted(e for e, _ in top))


def subject(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[Mention],
    pair: tuple[str, ...],
    at: int | None = None,
) -> tuple[str, ...]:
    """Whose the claim at ``at`` is: the states and bodies its sentence names."""
    if at is not None:
        # A figure in brackets belongs to the name right before them: "the Senate (47 seats)
        # and the Mazhilis (107 seats)" gives the Senate 47, not both.
        opening = re.search(r"\(\s*(?:[^\W\d_]+\s+){0,2}$", text[start:at])
        if opening is not None:
            bracket = start + opening.start()
            named = [
                m.entity
                for m in mentions
                if bracket - 3 <= m.end <= bracket and m.type in ("country", "organization")
            ]
            if named:
                return (named[-1],)
    found = [
        m.entity
        for m in mentions
        if start <= m.start < end and m.type in ("country", "organization")
    ]
    if pair and _BILATERAL.search(text[start:end]):
        found.extend(pair)
    return tuple(dict.fromkeys(found))
