"""What the words around a claim's number tell: its qualifier ("over", "about", "record"), the
period it is about, and whose it is (steps 3 to 5 of the claims cascade).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bilateral.extract.claims.numbers import Quantity
from bilateral.extract.claims.syntax import in_clause_of
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
# "From 2015 to 2019, ...": the "from" of a range is the period's own word, not a change's.
_OPENS_RANGE = re.compile(r"\b(?:[Ff]rom)\s+$")
_ATTACHED = re.compile(
    r"\b(?:signed|adopted|held|established|founded|launched|created|concluded|dated|approved|"
    r"ratified|entered into force|born|elected|appointed|proclaimed|declared|set up|opened|"
    r"took place|inaugurated|announced|began|started|since|compared to|compared with|"
    r"(?<!later\s)(?<!earlier\s)than|"
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


# A time right after a figure is that figure's own: "from $10 billion in 2020 to $15 billion in
# 2022" gives each its year; a unit word or two may stand between ("5 million tonnes in 2019").
_OWN_TIME = re.compile(
    r"(?:\s+[^\W\d]+){0,3}\s+(?:in|during|for)\s+(?:the\s+(?:year\s+)?)?|\s*\(\s*"
)
# "from 2008 levels", "compared with 1990 levels": the baseline of a change.
_BASELINE_BEFORE = re.compile(
    r"\b(?:from|compared\s+(?:to|with)|relative\s+to|against|below|above|over)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_BASELINE_AFTER = re.compile(r"\s+(?:levels?|baseline)\b", re.IGNORECASE)
# A year before a plan's noun names the plan's horizon, not the period of a figure near it: "a
# national 2050 low carbon development strategy", "the 2030 Agenda".
_NAMED_HORIZON = re.compile(
    r"(?:\s+[\w-]+){0,4}?\s+(?:strategy|agenda|plan|programme|program|vision|concept|"
    r"framework|roadmap|road\s+map|goals?|targets?|initiative)\b",
    re.IGNORECASE,
)
# "as of today", "as of now": the document's own day.
_AS_OF = re.compile(r"\bas\s+of\s+(?:today|now)\b", re.IGNORECASE)
# "since 2019", "since mid-November": from then to the document's date.
_SINCE = re.compile(
    r"\bsince\s+(?:(?:early|mid|late|the\s+(?:beginning|start|end)\s+of)\s*-?\s*)?$",
    re.IGNORECASE,
)
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_SINCE_MONTH = re.compile(
    rf"\bsince\s+(?:(?:early|mid|late)\s*-?\s*)?({'|'.join(_MONTH_NAMES)})\b(?!\s*,?\s*\d)",
    re.IGNORECASE,
)
# "In the last year, cases exploded from 32 million to 225 million": a change over the twelve
# months before the document.
_PAST_YEAR = re.compile(
    r"\b(?:in|over|during)\s+the\s+(?:last|past)\s+(?:year|twelve\s+months|12\s+months)\b",
    re.IGNORECASE,
)
# A fronted adverbial that dates the main clause: "During the last elections in May 2016, ...".
_FRONTING = re.compile(r"\s*(?:during|throughout|in|at|over)\b", re.IGNORECASE)


def _owner(text: str, t: TimeExpr, numbers: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The figure whose own time ``t`` is: the one right before it."""
    before = [n for n in numbers if n[1] <= t.start]
    if not before:
        return None
    last = max(before, key=lambda n: n[1])
    gap = text[last[1] : t.start]
    return last if _OWN_TIME.fullmatch(gap) and not any(c.isdigit() for c in gap) else None


def since(t: TimeExpr, published: str) -> str | None:
    """The period from a year or month to the document's date ("since 2019"), or None."""
    if t.precision not in ("year", "month") or not _ISO_PERIOD.fullmatch(t.value):
        return None
    now = published[: len(t.value)]
    return f"{t.value}/{now}" if now > t.value else None


def _named_horizon(text: str, t: TimeExpr) -> bool:
    return t.precision == "year" and bool(_NAMED_HORIZON.match(text, t.end))


def period(
    text: str,
    q: Quantity,
    clauses: Sequence[tuple[int, int]],
    times: Sequence[TimeExpr],
    published: str | None,
    numbers: Sequence[tuple[int, int]] = (),
    change: str | None = None,
) -> str | None:
    """The period a figure is about, from the time expressions of its sentence.

    ``numbers`` are the spans of the sentence's figures (a time right after one is its own);
    ``change`` says whether the figure is the "from" or the "to" of a change ("from 32 million
    to 225 million")."""
    here = next(((a, b) for a, b in clauses if a <= q.number_start < b), clauses[0])
    sentence = (clauses[0][0], clauses[-1][1])
    mine = next((n for n in numbers if n[0] == q.start), (q.start, q.end))

    def governing(a: int, b: int) -> list[TimeExpr]:
        out = []
        for t in times:
            if not a <= t.start < b or t.start <= q.number_start < t.end:
                continue
            if _period_of(t, text) is None or _named_horizon(text, t):
                continue
            owner = _owner(text, t, numbers)
            if owner is not None and owner != mine:
                continue  # another figure's own time
            if (
                owner is None
                and _ATTACHED.search(text[max(a, t.start - 40) : t.start])
                and not _OPENS_RANGE.search(text[max(a, t.start - 8) : t.start])
            ):
                continue
            out.append(t)
        return out

    # 1. The figure's own time, right after it: "$10 billion in 2020".
    for t in times:
        if (
            here[0] <= t.start < here[1]
            and _owner(text, t, numbers) == mine
            and _period_of(t, text) is not None
        ):
            return _period_of(t, text)
    # 2. A change measured from a baseline year towards a target or a plan's horizon: "by 50
    #    per cent from 2008 levels" under "a 2050 strategy" is 2008/2050.
    in_sentence = [t for t in times if sentence[0] <= t.start < sentence[1]]
    base = next(
        (
            t
            for t in in_sentence
            if t.precision == "year"
            and t.start > q.end
            and _BASELINE_AFTER.match(text, t.end)
            and _BASELINE_BEFORE.search(text[max(sentence[0], t.start - 30) : t.start])
        ),
        None,
    )
    if base is not None:
        later = [t for t in in_sentence if t.precision == "year" and t.value > base.value]
        return f"{base.value}/{later[0].value}" if later else None
    # 3. "as of today": the document's day.
    if published and _AS_OF.search(text, *sentence):
        return published
    # 4. "since 2019", "since mid-November": from then to the document's date.
    since = _since_period(text, here, clauses, times, published)
    if since is not None:
        return since
    # 5. One figure of a change over the past year.
    if published and change is not None and _PAST_YEAR.search(text, *sentence):
        year = int(published[:4])
        return str(year - 1 if change == "from" else year)
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
        pure = _pure_time(text, first, governing(*first))
        if pure is not None:
            return pure
        # "During the last elections in May 2016, ...": a fronted adverbial that ends in its
        # time dates the main clause.
        ending = [t for t in governing(*first) if not text[t.end : first[1]].strip(" ,")]
        if ending and _FRONTING.match(text, first[0]):
            return _period_of(ending[-1], text)
    # "Over the past year alone, our aid has grown by 60 per cent": the year of the document.
    others = [t for a, b in clauses if (a, b) != here for t in governing(a, b)]
    if published and not others and _PAST_YEAR.search(text, *sentence):
        return published[:4]
    # 6. A time the dependency parse puts in the figure's clause, across brackets and commas:
    #    "we expect to vaccinate 80 per cent (13 million people) of the population by November".
    if others:
        inside = in_clause_of(text, sentence, q.number_start, [(t.start, t.end) for t in others])
        linked = [t for t, ok in zip(others, inside, strict=True) if ok]
        if linked:
            nearest = min(linked, key=lambda t: min(abs(t.start - q.end), abs(t.end - q.start)))
            return _period_of(nearest, text)
    return None


def _since_period(
    text: str,
    here: tuple[int, int],
    clauses: Sequence[tuple[int, int]],
    times: Sequence[TimeExpr],
    published: str | None,
) -> str | None:
    """ "since 2019" in the figure's clause, or alone in the clause before it."""
    if published is None:
        return None
    i = clauses.index(here)
    spans = [here] + ([clauses[i - 1]] if i > 0 else [])
    for a, b in spans:
        for t in times:
            if a <= t.start < b and _SINCE.search(text[max(a, t.start - 40) : t.start]):
                return since(t, published)
        m = _SINCE_MONTH.search(text, a, b)
        if m is not None and len(published) >= 7:
            month = _MONTH_NAMES.index(m[1].lower()) + 1
            year = int(published[:4]) - (1 if month > int(published[5:7]) else 0)
            start = f"{year}-{month:02d}"
            return f"{start}/{published[:7]}" if start < published[:7] else None
    return None


def _pure_time(text: str, span: tuple[int, int], times: Sequence[TimeExpr]) -> str | None:
    """The period of a span that holds one time expression and nothing else of substance."""
    if len(times) != 1:
        return None
    t = times[0]
    rest = words_of(text[span[0] : t.start] + " " + text[t.end : span[1]])
    pure = all(w in _FRONT_WORDS or w.isdigit() or w in _MONTH_WORDS for w in rest)
    return _period_of(t, text) if pure else None


def paragraph_year(
    text: str,
    at: int,
    times: Sequence[TimeExpr],
    published: str | None,
    cache: dict[tuple[int, int], str | None] | None = None,
) -> str | None:
    """The one year the paragraph around ``at`` speaks of, for a figure whose sentence gives no
    time: "Sweden ranked 43rd of 223 trading partners in 2015. Total trade amounted to $143
    million." None when the paragraph names no year or several. A year that dates a founding, a
    signing or a named plan ("established in 1996", "the 2030 Agenda") is not one, nor a time
    after the document's own date: a target ("by 2050") or a plan ("elections in 2023") dates
    what is to come, not a figure stated beside it."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    if cache is not None:
        # The same for every figure of the paragraph: read once (each figure reading the whole
        # paragraph made a long one-paragraph text quadratic).
        if (start, end) not in cache:
            cache[start, end] = paragraph_year(text, start, times, published)
        return cache[start, end]
    years: set[str] = set()
    for t in times:
        if not start <= t.start < end or _period_of(t, text) is None or _named_horizon(text, t):
            continue
        if _ATTACHED.search(text[max(start, t.start - 40) : t.start]):
            continue
        parts = t.value.split("/")
        if published and any(p > published[: len(p)] for p in parts):
            continue
        years.update(p[:4] for p in parts)
    return years.pop() if len(years) == 1 else None


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
