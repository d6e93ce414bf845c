"""Context for the time-expression rules: whether a four-digit number is a year, and whether a
month name standing alone is a date.
"""

from __future__ import annotations

import re

from bilateral.extract.dates.periods import MONTHS

# -- context: is a four-digit number a year? ------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]")

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


def before(text: str, pos: int, n: int = 3) -> list[str]:
    """The last ``n`` tokens before ``pos`` in its line, lower-cased."""
    lo = max(text.rfind("\n", max(0, pos - 40), pos) + 1, pos - 40, 0)
    return [t.lower() for t in _TOKEN.findall(text, lo, pos)[-n:]]


def _after(text: str, pos: int, n: int = 3) -> list[str]:
    hi = text.find("\n", pos, pos + 40)
    return _TOKEN.findall(text, pos, hi if hi >= 0 else pos + 40)[:n]


_SCALES = frozenset("million millions billion billions trillion trillions mln bln bn".split())


# A Russian year is named with "год" after it ("в 2019 году", "2019 г."); a four-digit number
# followed by any other lower-case Russian word governs that word as a numeral does its noun
# ("1830 километров дорог", "1200 выпускников"), whatever the noun.
_RU_YEAR_NEXT = ("год", "гг", "или", "либо", "включительно")


def ru_counted(word: str) -> bool:
    return (
        len(word) > 2
        and word[0].islower()
        and "а" <= word[0] <= "я"
        and not word.startswith(_RU_YEAR_NEXT)
    )


def counted(text: str, end: int) -> bool:
    """A number followed by a counted noun, directly or as "2000 to 3000 people"."""
    after = _after(text, end)
    nxt = [t.lower() for t in after]
    if nxt and (nxt[0] in _COUNTED or ru_counted(after[0])):
        return True
    return (
        len(nxt) == 3
        and nxt[0] in ("and", "or", "to", "-", "–")
        and nxt[1].isdigit()
        and nxt[2] in _COUNTED
        and nxt[2] not in ("per", "percent", "%")
        # "from 633 million in 2015 to 741 million": a year, then a change's second figure
        and nxt[2] not in _SCALES
    )


def numbered(text: str, start: int) -> bool:
    prev = [t for t in before(text, start, 4) if t not in ("(", "[")][-3:]
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
        return True  # a "than" that survived ``numbered`` is "no later than"
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


def is_year(text: str, start: int, end: int, year: int) -> tuple[bool, bool]:
    """Whether a bare four-digit number is a year, and whether it anchors ("in 2019").

    Refused: numbered or priced ("resolution 2231", "USD 2020 million") and counted ("2000
    people"). Accepted: after a temporal word ("in", "since", "by", "post-"); otherwise any
    number from 1800 to 2099, which in running prose is a year far more often than a count
    written without a thousands separator; earlier years only after "the" or "of".
    """
    if numbered(text, start) or counted(text, end) or _RESOLUTION_YEAR.match(text, end):
        return False, False
    prev = before(text, start, 3)
    if _temporal(prev):
        return True, prev[-1] in ("in", "during", "throughout", "в", "во")
    if 1800 <= year <= 2099:
        return True, False
    return bool(prev) and prev[-1] in ("the", "of"), False


def month_context(text: str, start: int, end: int, month: str) -> bool:
    """A month name alone is a date after "in", "since", "by"..., in a list of months ("in July
    and October"), or as in "the November summit"."""
    prev = before(text, start, 3)
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
