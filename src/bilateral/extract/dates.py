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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from bilateral.extract.periods import (
    EN_MONTHS,
    MONTHS,
    RU_MONTHS,
    SEASONS,
    Ref,
    academic_start,
    academic_value,
    day_range,
    month_range,
    month_value,
    month_year,
    parse_iso,
    part_of_year,
    season_value,
    season_year,
    second_year,
    shift_day,
    shift_month,
    valid_day,
)
from bilateral.model import Document, TimeExpr

if TYPE_CHECKING:
    from bilateral.pipeline import Context

__all__ = ["find_times", "parse_iso", "stage"]

# -- pattern fragments ----------------------------------------------------------------------------

_S = r"(?:[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*)"  # white space with at most one line break
_OS = rf"(?:{_S})?"
_DASH = r"[-‐‑‒–—]"
_NL = r"(?![^\W\d_])"  # not followed by a letter
_WORD_START = r"(?<![^\W\d_])"
_DAY_START = r"(?<![\w.,:/])"
_YEAR_START = r"(?<![\w.,:/#№])(?<!\d[-–])"


def _alt(words: list[str] | set[str]) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))


def _day_re(name: str) -> str:
    return rf"(?P<{name}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d){_NL}"


def _year_re(name: str) -> str:
    # A time glued to the year still ends it: "9 June 202017:46".
    return (
        rf"(?P<{name}>1\d{{3}}|2[01]\d\d)(?:(?!\d)|(?=\d\d?:\d\d))(?![.,]\d)(?!(?:st|nd|rd|th|s)\b)"
    )


_EN_FULL = [w.title() for w in EN_MONTHS]
_EN_ABBR = [w[:3].title() for w in EN_MONTHS if w != "may"] + ["Sept"]
_MON_ANY = _alt(_EN_FULL + [w.upper() for w in _EN_FULL])
_ABBR = _alt(_EN_ABBR + [w.upper() for w in _EN_ABBR])
_MON_FULL = _alt(_EN_FULL)
_RU_MON = _alt(list(RU_MONTHS) + [w.title() for w in RU_MONTHS])
_SEASON = _alt([*(w.title() for w in SEASONS if w.isascii()), *(w for w in SEASONS if w.isascii())])
_RU_SEASON = _alt([w for w in SEASONS if not w.isascii() and w.endswith(("ой", "ью", "ом"))])


def _mon_re(name: str) -> str:
    """An English month, title or upper case, or an abbreviation with an optional dot."""
    return rf"(?P<{name}>{_MON_ANY}|(?:{_ABBR})\.?){_NL}"


_RANGE = rf"(?:{_OS}{_DASH}{_OS}|{_S}(?:to|till|until|through|thru){_S})"
_AND = rf"{_S}(?:and|&){_S}"
_PRE = rf"(?:(?P<pre>[Bb]etween|[Ff]rom){_S})?"
_REL = r"(?i:this|last|next|the\s+current|the\s+coming|the\s+present)"
_REL_YEAR = rf"{_S}(?:of{_S})?(?P<rel>{_REL}){_S}(?i:year){_NL}"
_YEAR_OR_REL = rf"(?:,?{_S}(?:of{_S})?{_year_re('y')}|{_REL_YEAR})"
_COUNT = r"(?P<n>(?i:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|\d{1,2})"
_NUMBERS = {w: i for i, w in enumerate("a two three four five six seven eight nine ten".split(), 1)}
_NUMBERS |= {"one": 1, "eleven": 11, "twelve": 12}

# -- the patterns, most specific first ------------------------------------------------------------

_PATTERNS: dict[str, str] = {
    "iso_day": rf"{_YEAR_START}(?P<y>1\d{{3}}|2[01]\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?!\d)",
    "numeric_day": (
        rf"{_DAY_START}(?P<a>[0-3]?\d)(?P<sep>[./])(?P<b>[01]?\d)[./]{_year_re('y')}(?![./]\d)"
    ),
    "academic_year": (
        rf"{_YEAR_START}{_year_re('y1')}{_OS}[-–/]{_OS}(?P<y2>\d{{4}}|\d\d)(?!\d)"
        rf"{_S}(?i:academic|school){_S}(?i:year){_NL}"
    ),
    "academic_year_after": (
        rf"(?i:academic|school){_S}(?i:year){_S}{_year_re('y1')}{_OS}[-–/]{_OS}(?P<y2>\d{{4}}|\d\d)(?!\d)"
    ),
    # "9 June 2020", "14-15 April 2019", "30 November - 2 December", "12 and 13 May".
    "day_month": (
        rf"{_PRE}{_DAY_START}{_day_re('d1')}(?:"
        rf"(?:{_S}of)?{_S}{_mon_re('m1')}(?:,?{_S}{_year_re('y1')})?(?P<sep>{_RANGE}|{_AND})"
        rf"{_day_re('d2')}(?:{_S}of)?{_S}{_mon_re('m2')}"
        rf"|(?P<sep2>{_RANGE}|{_AND}){_day_re('d3')}(?:{_S}of)?{_S}{_mon_re('m3')}"
        rf"|(?:{_S}of)?{_S}{_mon_re('m4')})"
        rf"{_YEAR_OR_REL}?"
    ),
    # "June 9, 2020", "April 14-15, 2019", "November 30 - December 2".
    "month_day": (
        rf"{_PRE}{_mon_re('m1')}{_S}{_day_re('d1')}(?:"
        rf"(?:,?{_S}{_year_re('y1')})?(?P<sep>{_RANGE}|{_AND}){_mon_re('m2')}{_S}{_day_re('d2')}"
        rf"|(?P<sep2>{_RANGE}|{_AND}){_day_re('d3')})?"
        rf"{_YEAR_OR_REL}?"
    ),
    # "January-September 2024", "between January and September 2024", "May 2019 - March 2020".
    "month_range": (
        rf"{_PRE}{_mon_re('m1')}(?:,?{_S}{_year_re('y1')})?(?P<sep>{_RANGE}|{_AND}){_mon_re('m2')}"
        rf"{_YEAR_OR_REL}?"
    ),
    "month_year": rf"{_mon_re('m1')}{_YEAR_OR_REL}",
    "part_of_year": (
        rf"(?i:(?P<ord>first|second|third|fourth|last|1st|2nd|3rd|4th)(?:{_S}{_COUNT})?{_S}"
        rf"(?P<unit>half|quarter|months)){_S}(?i:of){_S}(?:(?i:the){_S})?"
        rf"(?:{_year_re('y')}|(?P<rel>{_REL}){_S}(?i:year){_NL})"
    ),
    "quarter": rf"{_WORD_START}(?P<unit>[QH])(?P<ord>[1-4]){_OS}{_year_re('y')}",
    "season_year": (
        rf"(?P<s>{_SEASON})(?:{_S}(?:of|in))?{_S}{_year_re('y')}"
        rf"(?:{_OS}[-–/]{_OS}(?P<y2>\d{{4}}|\d\d)(?!\d))?"
    ),
    "season_rel_year": rf"(?P<s>{_SEASON}){_REL_YEAR}",
    "season_rel": (
        rf"{_WORD_START}(?P<rel>(?i:this(?:\s+(?:coming|past))?|last|next|the\s+coming)){_S}"
        rf"(?P<s>{_SEASON}){_NL}"
    ),
    "season_in": (
        rf"{_WORD_START}(?i:in|during|by){_S}(?:(?i:the){_S})?(?P<s>{_SEASON}){_NL}"
        rf"(?!{_OS}(?:of|in|[-–]){_S})"
    ),
    "relative_day": rf"{_WORD_START}(?P<w>(?i:today|yesterday|tomorrow)){_NL}",
    "relative_unit": (
        rf"{_WORD_START}(?P<rel>{_REL}){_S}(?:(?P<ac>(?i:academic|school)){_S})?"
        rf"(?P<unit>(?i:year|month)){_NL}"
    ),
    "relative_month": rf"{_WORD_START}(?P<rel>(?i:this|last|next)){_S}(?P<m>{_MON_FULL}){_NL}",
    "years_ago": rf"{_WORD_START}{_COUNT}{_S}(?i:years?){_S}(?i:ago){_NL}",
    "decade": (
        rf"(?:{_WORD_START}(?P<mod>(?i:early|mid|late))(?:-|{_S}))?{_YEAR_START}"
        rf"(?P<y>1\d\d0|20\d0)(?:['’]?s){_NL}"
    ),
    "year_range": (
        rf"(?:(?P<pre>[Bb]etween|[Ff]rom|[Сс]|[Оо]т){_S})?{_YEAR_START}{_year_re('y1')}"
        rf"(?P<sep>{_OS}[-‐‑‒–—/]{_OS}|{_S}(?:to|and|until|till|through|по|до|и){_S})"
        rf"(?P<y2>(?:1\d|2[01])\d\d|\d\d)(?!\d|[.,]\d)"
    ),
    "year": rf"{_YEAR_START}{_year_re('y')}",
    "month": rf"(?P<m1>{_MON_FULL}){_NL}",
    # Russian: "9 июня 2020 года", "в июне 2020 г.", "в июне", "в этом году", "осенью 2020 года".
    "ru_day": (
        rf"{_DAY_START}{_day_re('d1')}(?:{_OS}{_DASH}{_OS}{_day_re('d2')})?{_S}(?P<m>{_RU_MON}){_NL}"
        rf"(?:{_S}{_year_re('y')}(?:{_OS}(?:года|году|г\.|г{_NL}))?)?"
    ),
    "ru_month_year": rf"(?P<m>{_RU_MON}){_NL}{_S}{_year_re('y')}(?:{_OS}(?:года|году|год|г\.|г{_NL}))?",
    "ru_month": (
        rf"{_WORD_START}(?:[ВвСсКк]|[Дд]о){_S}(?P<m>{_RU_MON}){_NL}"
        rf"(?:{_S}{_year_re('y')}(?:{_OS}(?:года|году|год|г\.|г{_NL}))?)?"
    ),
    "ru_relative_day": rf"{_WORD_START}(?P<w>(?i:сегодня|вчера|завтра)){_NL}",
    "ru_relative_year": (
        rf"{_WORD_START}[Вв]{_S}(?P<rel>(?i:этом|прошлом|следующем|будущем|текущем|нынешнем))"
        rf"{_S}(?i:году){_NL}"
    ),
    "ru_season": (
        rf"{_WORD_START}(?P<s>(?i:{_RU_SEASON})){_S}(?:{_year_re('y')}{_OS}(?:года|г\.|г{_NL})"
        rf"|(?P<rel>(?i:этого|прошлого|следующего|будущего|текущего)){_S}(?i:года){_NL})"
    ),
    "ru_season_rel": (
        rf"{_WORD_START}(?P<rel>(?i:этой|этим|прошлой|прошлым|следующей|следующим)){_S}"
        rf"(?P<s>(?i:{_RU_SEASON})){_NL}"
    ),
}


def _trie(words: set[str]) -> str:
    """Literal words as a prefix tree ("J(?:an|u(?:l|n))"): every branch starts with its own
    literal, which lets ``re`` skip non-candidates in C and try one branch per position."""
    groups: dict[str, set[str]] = {}
    for w in words:
        groups.setdefault(w[0], set()).add(w[1:])
    out = []
    for first, rests in sorted(groups.items()):
        longer = {r for r in rests if r}
        if not longer:
            out.append(re.escape(first))
        elif len(rests) == 1:
            out.append(re.escape(first + next(iter(longer))))
        else:
            out.append(f"{re.escape(first)}(?:{_trie(longer)}){'?' if '' in rests else ''}")
    return "|".join(out)


# Hot tokens: digit runs, and words that every other time expression contains.
_HOT_WORDS = [
    *(w[:3] for w in _EN_FULL),
    *(w[:3].upper() for w in _EN_FULL),
    *("spring summer autumn fall winter today yesterday tomorrow year month".split()),
    *("Spring Summer Autumn Fall Winter Today Yesterday Tomorrow Year".split()),
    *("SPRING SUMMER AUTUMN FALL WINTER".split()),
    *(w[:3] for w in RU_MONTHS),
    *(w[:3].title() for w in RU_MONTHS),
    *"году сегодня Сегодня вчера Вчера завтра Завтра".split(),
    *(w for w in SEASONS if not w.isascii()),
    *(w.title() for w in SEASONS if not w.isascii()),
]
_HOT = re.compile("|".join(f"{d}\\d*" for d in "0123456789") + "|" + _trie(set(_HOT_WORDS)))
# Words before a hot token at which a rule may start: "between", "the current", "mid-", "Q".
_STARTERS = (
    "between from academic school first second third fourth last this next the in during by "
    "early mid late a one two three four five six seven eight nine ten eleven twelve q h "
    "с от в к до этой этим прошлой прошлым следующей следующим"
)
_STARTER = re.compile(rf"(?<![^\W\d_])(?i:{_alt(set(_STARTERS.split()))}){_NL}")
_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")

# -- context: is a four-digit number a year? ------------------------------------------------------

# A number right after one of these is numbered, counted or priced, never a year.
_NUMBERING = frozenset(
    "resolution resolutions decision decisions article articles paragraph paragraphs para paras "
    "section sections chapter chapters no nos number numbers item items annex page pages pp p "
    "rule rules clause clauses flight room box tel phone fax ext vol volume part doc document "
    "code series model type version file case cases office suite apt apartment building floor "
    "street avenue route highway over almost nearly approximately roughly "
    "some total additional another exactly estimated only just least than usd eur rub rur kzt "
    "gbp cny jpy chf uah byn uzs kgs tjs azn amd gel inr $ € £ ¥ ₽ ₸ + № # ×".split()
)
# Abbreviations that number what follows when written with their full stop: "No. 2020".
_NUMBERING_ABBR = frozenset("no nos p pp vol art para doc ref tel".split())
# After "no later than", "earlier than" a number is a year.
_THAN_YEAR = frozenset("later earlier sooner before after".split())
# Words before a year that make it one whatever follows: "in 2018", "since 1991", "by 2030".
_TEMPORAL = frozenset(
    "in since until till by before after during throughout from through circa year years early "
    "mid late spring summer autumn fall winter beginning end start middle "
    "в во с до к по после между начиная года".split()
)
# "a total of 2000", "a budget of 2020": the number after these and "of" is a quantity.
_QUANTITY_OF = frozenset(
    "total sum population budget amount number area cost value volume capacity height length "
    "price figure rate average maximum minimum".split()
)
# Nouns that count: "2000 people", "1500 troops", "from 1500 to 2000 soldiers".
_COUNTED = frozenset(
    "million millions billion billions thousand thousands trillion hundred mln bln bn percent "
    "per % people persons men women children troops soldiers students refugees participants "
    "delegates members units tons tonnes km kilometres kilometers metres meters miles hectares "
    "acres dollars euros roubles rubles tenge yuan pounds francs barrels votes deaths victims "
    "households families jobs projects companies enterprises schools hospitals villages houses "
    "homes events times years months days hours minutes pages words copies signatures employees "
    "workers doctors teachers peacekeepers observers officers vehicles aircraft ships tanks "
    "weapons missiles warheads mines megawatts mw kw farmers residents inhabitants citizens "
    "nationals migrants prisoners detainees hostages casualties patients beds nurses tourists "
    "visitors pilgrims volunteers experts specialists scholars scholarships grants places seats "
    "posts positions staff personnel items documents books containers wagons trucks cars buses "
    "flights square sq feet litres gallons cubic heads cattle sheep animals trees species "
    "человек млн млрд тыс".split()
)


def _before(text: str, pos: int, n: int = 3) -> list[str]:
    """The last ``n`` tokens before ``pos`` in its line, lower-cased."""
    lo = max(text.rfind("\n", max(0, pos - 40), pos) + 1, pos - 40, 0)
    return [t.lower() for t in _TOKEN.findall(text, lo, pos)[-n:]]


def _after(text: str, pos: int, n: int = 3) -> list[str]:
    hi = text.find("\n", pos, pos + 40)
    return _TOKEN.findall(text, pos, hi if hi >= 0 else pos + 40)[:n]


def _counted(text: str, end: int) -> bool:
    """A number followed by a counted noun, directly or as "2000 to 3000 people"."""
    nxt = [t.lower() for t in _after(text, end)]
    if nxt and nxt[0] in _COUNTED:
        return True
    return (
        len(nxt) == 3
        and nxt[0] in ("and", "or", "to", "-", "–")
        and nxt[1].isdigit()
        and nxt[2] in _COUNTED
        and nxt[2] not in ("per", "percent", "%")
    )


def _numbered(text: str, start: int) -> bool:
    prev = [t for t in _before(text, start, 4) if t not in ("(", "[")][-3:]
    if not prev:
        return False
    if prev[-1] == "." and len(prev) > 1:
        return prev[-2] in _NUMBERING_ABBR
    if prev[-1] == "of" and len(prev) > 1 and prev[-2] in _QUANTITY_OF:
        return True
    if prev[-1] == "than" and len(prev) > 1 and prev[-2] in _THAN_YEAR:
        return False
    if prev[-1] == "least" and len(prev) > 2 and prev[-3] in _TEMPORAL:
        return False  # "until at least 1990"
    return prev[-1] in _NUMBERING


def _temporal(prev: list[str]) -> bool:
    """Whether the words before a number make it a year: "in", "since", "the end of", "post-"."""
    last = prev[-1] if prev else ""
    before = prev[-2] if len(prev) > 1 else ""
    if last in _TEMPORAL or last == "than":
        return True  # a "than" that survived ``_numbered`` is "no later than"
    if last == "of":
        return before in _TEMPORAL
    if last == "least":
        return len(prev) > 2 and prev[-3] in _TEMPORAL
    if last == "as":
        return before in ("early", "late", "soon", "far", "back")  # "as early as 1972"
    return last in ("-", "‐", "–") and before in ("post", "pre", "mid")


# "resolutions 1970 (2011) and 1973 (2011)", "resolution 2065 (XX)": a number before a bracketed
# year or session is the number of a document adopted then.
_RESOLUTION_YEAR = re.compile(r"\s*\((?:(?:1[89]|20)\d\d|(?:S-|ES-)?[IVXLC]+)\)")


def _is_year(text: str, start: int, end: int, year: int) -> tuple[bool, bool]:
    """Whether a bare four-digit number is a year, and whether it anchors ("in 2019").

    Refused: numbered or priced ("resolution 2231", "USD 2020 million") and counted ("2000
    people"). Accepted: after a temporal word ("in", "since", "by", "post-"); otherwise any
    number from 1800 to 2099, which in running prose is a year far more often than a count
    written without a thousands separator; earlier years only after "the" or "of".
    """
    if _numbered(text, start) or _counted(text, end) or _RESOLUTION_YEAR.match(text, end):
        return False, False
    prev = _before(text, start, 3)
    if _temporal(prev):
        return True, prev[-1] in ("in", "during", "throughout", "в", "во")
    if 1800 <= year <= 2099:
        return True, False
    return bool(prev) and prev[-1] in ("the", "of"), False


def _month_context(text: str, start: int, end: int, month: str) -> bool:
    """A month name alone is a date after "in", "since", "by"..., in a list of months ("in July
    and October"), or as in "the November summit"."""
    prev = _before(text, start, 3)
    last = prev[-1] if prev else ""
    if last in ("and", "or", ",") and len(prev) > 1 and prev[-2] in MONTHS:
        return True
    if last == "of" and len(prev) > 1:
        return prev[-2] in ("end", "beginning", "start", "middle", "month")
    if last in _TEMPORAL:
        return True
    if last == "the" and month not in ("May", "March"):
        nxt = _after(text, end, 1)
        return bool(nxt) and nxt[0].isalpha() and nxt[0].islower() and nxt[0] != "of"
    return False


# -- hits and the handlers that make them ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    value: str | None  # None: the text gives no year; ``partial`` builds the value from one
    precision: str
    relative: bool = False
    anchor: bool = False  # lends its year to later year-less dates in the paragraph
    partial: Callable[[int], str | None] | None = None


_Found = list[_Hit] | None  # None: refused, let the next rule try; []: read, but nothing to add
_SHIFT = {"this": 0, "current": 0, "present": 0, "last": -1, "next": 1, "coming": 1}
_RU_SHIFT = {"этом": 0, "текущем": 0, "нынешнем": 0, "прошлом": -1, "следующем": 1, "будущем": 1}
_RU_SHIFT |= {"этого": 0, "текущего": 0, "прошлого": -1, "следующего": 1, "будущего": 1}


def _shift(rel: str) -> int:
    return _SHIFT.get(rel.split()[-1].lower(), 0)


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


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
        return [_Hit(*span, value, precision, anchor=True)] if value else None
    if rel is not None:
        if ref is None:
            return []
        value = build(ref.year + _shift(rel))
        return [_Hit(*span, value, precision, relative=True, anchor=True)] if value else None
    return [_Hit(*span, None, precision, partial=build)]


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
        return [_Hit(m.start("y"), m.end(), str(y), "year")]
    day, month = (b, a) if m["sep"] == "/" and b > 12 else (a, b)
    return _resolved(m.span(), y, None, ref, partial(day_range, month=month, day=day), "day")


def _academic_year(m: re.Match[str], ref: Ref | None) -> _Found:
    y1 = int(m["y1"])
    if second_year(y1, m["y2"]) != y1 + 1:
        return None
    return [_Hit(m.start(), m.end(), academic_value(y1), "range")]


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
    return [_Hit(m.start(), m.end(), season_value(y, first), "season", anchor=True)]


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
    return [_Hit(m.start(), m.end(), season_value(year, first), "season", relative=True)]


def _season_in(m: re.Match[str], ref: Ref | None) -> _Found:
    first = SEASONS[m["s"].lower()]
    return [_Hit(m.start("s"), m.end(), None, "season", partial=lambda y: season_value(y, first))]


_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "сегодня": 0, "вчера": -1, "завтра": 1}


def _relative_day(m: re.Match[str], ref: Ref | None) -> _Found:
    if ref is None:
        return []
    shift = _DAY_WORDS[m["w"].lower()]
    # "Today" also ends the story's past: "... in June 2015. Today ..., on 5 September" is this year.
    if shift == 0:
        return [_Hit(*m.span(), ref.value, ref.precision, relative=True, anchor=True)]
    day = shift_day(ref, shift)
    return [_Hit(*m.span(), day, "day", relative=True, anchor=True)] if day else []


def _after_the(m: re.Match[str]) -> bool:
    """ "the last year", "the next month" count from the story, not from the document date."""
    return bool(_before(m.string, m.start(), 1) == ["the"])


def _relative_unit(m: re.Match[str], ref: Ref | None) -> _Found:
    if ref is None or _after_the(m):
        return []
    shift = _shift(m["rel"])
    if m["ac"]:
        first = academic_start(ref)
        if first is None:
            return []
        return [_Hit(m.start(), m.end(), academic_value(first + shift), "range", relative=True)]
    if m["unit"].lower() == "year":
        return [_Hit(m.start(), m.end(), str(ref.year + shift), "year", relative=True, anchor=True)]
    value = shift_month(ref, shift)
    return [_Hit(m.start(), m.end(), value, "month", relative=True)] if value else []


def _relative_month(m: re.Match[str], ref: Ref | None) -> _Found:
    if ref is None or _after_the(m):
        return []
    mo = _month(m["m"])
    year = month_year(ref, mo, m["rel"].lower())
    return [_Hit(m.start(), m.end(), month_value(year, mo), "month", relative=True)] if year else []


def _years_ago(m: re.Match[str], ref: Ref | None) -> _Found:
    if ref is None:
        return []
    return [_Hit(m.start(), m.end(), str(ref.year - _count(m["n"])), "year", relative=True)]


def _decade(m: re.Match[str], ref: Ref | None) -> _Found:
    y = int(m["y"])
    a, b = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get((m["mod"] or "").lower(), (0, 9))
    return [_Hit(m.start(), m.end(), f"{y + a}/{y + b}", "range")]


def _year_range(m: re.Match[str], ref: Ref | None) -> _Found:
    y1, sep, start = int(m["y1"]), m["sep"].strip(), m.start("y1")
    if _numbered(m.string, m.start()) or _counted(m.string, m.end()):
        return None
    if len(m["y2"]) == 2 and not re.fullmatch(r"[-‐‑‒–—/]", sep):
        return None
    y2 = second_year(y1, m["y2"])
    if sep == "-" and len(m["y2"]) == 2 and y2 != y1 + 1 and 1 <= int(m["y2"]) <= 12:
        return [_Hit(start, m.end(), month_value(y1, int(m["y2"])), "month", anchor=True)]
    if y2 is None:
        return None
    if _listed(m, sep):
        return [
            _Hit(start, m.start("sep"), str(y1), "year"),
            _Hit(m.start("y2"), m.end(), str(y2), "year"),
        ]
    return [_Hit(start, m.end(), f"{y1}/{y2}", "range")]


def _bare_year(m: re.Match[str], ref: Ref | None) -> _Found:
    ok, anchor = _is_year(m.string, m.start(), m.end(), int(m["y"]))
    return [_Hit(m.start(), m.end(), m["y"], "year", anchor=anchor)] if ok else None


def _month_alone(m: re.Match[str], ref: Ref | None) -> _Found:
    if not _month_context(m.string, m.start(), m.end(), m["m1"]):
        return None
    mo = _month(m["m1"])
    return [_Hit(m.start(), m.end(), None, "month", partial=lambda y: month_value(y, mo))]


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


def _ru_relative_year(m: re.Match[str], ref: Ref | None) -> _Found:
    if ref is None:
        return []
    value = str(ref.year + _RU_SHIFT[m["rel"].lower()])
    return [_Hit(m.start("rel"), m.end(), value, "year", relative=True, anchor=True)]


def _ru_season(m: re.Match[str], ref: Ref | None) -> _Found:
    first = SEASONS[m["s"].lower()]
    if m["y"]:
        return [_Hit(m.start(), m.end(), season_value(int(m["y"]), first), "season", anchor=True)]
    if ref is None:
        return []
    value = season_value(ref.year + _RU_SHIFT[m["rel"].lower()], first)
    return [_Hit(m.start(), m.end(), value, "season", relative=True)]


# -- the scanner ----------------------------------------------------------------------------------

_Handler = Callable[[re.Match[str], Ref | None], _Found]
_HANDLERS: dict[str, _Handler] = {
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
    "ru_relative_day": _relative_day,
    "ru_relative_year": _ru_relative_year,
    "ru_season": _ru_season,
    "ru_season_rel": _season_rel,
}
_RULES = tuple((re.compile(_PATTERNS[name]), _HANDLERS[name]) for name in _PATTERNS)
_ORDER = {name: i for i, name in enumerate(_PATTERNS)}
# All rules as one alternation, their inner groups unnamed: one C call tells which rule to try.
_MASTER = re.compile(
    "|".join(
        f"(?P<{name}>{re.sub(r'[(][?]P<[a-z0-9_]+>', '(?:', pattern)})"
        for name, pattern in _PATTERNS.items()
    )
)
_LOOK_BACK = 4  # words before a hot token where an expression may start ("the first half of")


def _match(text: str, pos: int, ref: Ref | None) -> tuple[list[_Hit], int] | None:
    m = _MASTER.match(text, pos)
    if m is None or m.lastgroup is None:
        return None
    for regex, handle in _RULES[_ORDER[m.lastgroup] :]:
        found = regex.match(text, pos)
        if found is not None and found.end() > pos:
            hits = handle(found, ref)
            if hits is not None:
                return hits, found.end()
    return None


def _scan(text: str, ref: Ref | None) -> list[_Hit]:
    hits: list[_Hit] = []
    done = 0
    for hot in _HOT.finditer(text):
        p = hot.start()
        if p < done:
            continue
        lo = max(done, p - 40, text.rfind("\n", max(0, p - 40), p) + 1)
        starts = [w.start() for w in _STARTER.finditer(text, lo, p)][-_LOOK_BACK:]
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


def _complete(h: _Hit, year: int, ref: Ref | None) -> str | None:
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


def _resolve(text: str, hits: list[_Hit], ref: Ref | None) -> tuple[TimeExpr, ...]:
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
