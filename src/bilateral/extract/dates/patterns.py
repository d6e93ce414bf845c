"""The rules of the time-expression scanner: one regular expression per kind of expression, most
specific first, and the hot tokens at which the scanner tries them.

The rules are built from small fragments (a day, a month word, a year, a range separator) so that
every rule reads a day, month or year the same way. What each rule's match means is for
``handlers``; the scan itself is in ``stage``.
"""

from __future__ import annotations

import re

from bilateral.extract.dates.periods import EN_MONTHS, RU_MONTHS, SEASONS

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


# "этот", "прошлый", "следующий", "текущий", "минувший" in the cases that go with год and месяц.
_RU_REL = (
    r"(?:эт|текущ|нынешн|прошл|прошедш|минувш|истекш|следующ|будущ|предыдущ)"
    r"(?:ий|ый|ем|им|ом|его|ого|от)"
)
_RANGE = rf"(?:{_OS}{_DASH}{_OS}|{_S}(?:to|till|until|through|thru){_S})"
_AND = rf"{_S}(?:and|&){_S}"
_PRE = rf"(?:(?P<pre>[Bb]etween|[Ff]rom){_S})?"
_REL = r"(?i:this|last|next|the\s+current|the\s+coming|the\s+present)"
_REL_YEAR = rf"{_S}(?:of{_S})?(?P<rel>{_REL}){_S}(?i:year){_NL}"
_YEAR_OR_REL = rf"(?:,?{_S}(?:of{_S})?{_year_re('y')}|{_REL_YEAR})"
_COUNT = r"(?P<n>(?i:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)|\d{1,2})"
NUMBERS = {w: i for i, w in enumerate("a two three four five six seven eight nine ten".split(), 1)}
NUMBERS |= {"one": 1, "eleven": 11, "twelve": 12}

# -- the patterns, most specific first ------------------------------------------------------------

PATTERNS: dict[str, str] = {
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
    # "в начале мая", "к концу марта 2025 года", "во второй половине июня": the month.
    "ru_month_part": (
        rf"{_WORD_START}(?:[Вв]о?|[Сс]|[Кк]|[Дд]о){_S}"
        rf"(?:начал[аеу]|конц[аеу]|середин[аеуы]|(?:перв|втор)(?:ой|ую){_S}половин[аеуы]){_S}"
        rf"(?P<m>{_RU_MON}){_NL}"
        rf"(?:{_S}{_year_re('y')}(?:{_OS}(?:года|году|год|г\.|г{_NL}))?)?"
    ),
    "ru_relative_day": rf"{_WORD_START}(?P<w>(?i:сегодня|вчера|завтра)){_NL}",
    # "в прошлом году", "за прошлый год", "в текущем месяце", "итоги прошедшего года".
    "ru_relative_year": (
        rf"{_WORD_START}(?:(?i:в|за|на){_S})?(?P<rel>(?i:{_RU_REL})){_S}"
        rf"(?P<unit>(?i:году|года|год|месяце|месяца|месяц)){_NL}"
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
    *"году года год месяце месяца месяц сегодня Сегодня вчера Вчера завтра Завтра".split(),
    *(w for w in SEASONS if not w.isascii()),
    *(w.title() for w in SEASONS if not w.isascii()),
]
HOT = re.compile("|".join(f"{d}\\d*" for d in "0123456789") + "|" + _trie(set(_HOT_WORDS)))
# Words before a hot token at which a rule may start: "between", "the current", "mid-", "Q".
_STARTERS = (
    "between from academic school first second third fourth last this next the in during by "
    "early mid late a one two three four five six seven eight nine ten eleven twelve q h "
    "с от в к до за на этой этим прошлой прошлым следующей следующим "
    + " ".join(
        stem + end
        for stem in "эт текущ нынешн прошл прошедш минувш истекш следующ будущ предыдущ".split()
        for end in ("ий", "ый", "ем", "ом", "его", "ого", "от")
    )
)
STARTER = re.compile(rf"(?<![^\W\d_])(?i:{_alt(set(_STARTERS.split()))}){_NL}")

# -- the rules as the scanner tries them -----------------------------------------------------------

ORDER = {name: i for i, name in enumerate(PATTERNS)}
# All rules as one alternation, their inner groups unnamed: one C call tells which rule to try.
MASTER = re.compile(
    "|".join(
        f"(?P<{name}>{re.sub(r'[(][?]P<[a-z0-9_]+>', '(?:', pattern)})"
        for name, pattern in PATTERNS.items()
    )
)
LOOK_BACK = 4  # words before a hot token where an expression may start ("the first half of")
