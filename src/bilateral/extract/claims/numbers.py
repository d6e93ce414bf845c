"""Numbers and amounts in running text, normalised: "USD 28 billion" -> 28e9 USD.

One scanner, ``find_quantities``, finds every standalone number in a text together with its scale
word ("billion", "bn", "млрд"), its currency (a symbol or code before it, a currency word after it)
and a percent sign or word. It decides nothing about meaning: whether "17" in a text is a claim,
a year or part of a name is the claims stage's business. What it does refuse is a number glued to
something else ("G20", "COVID-19", "PC.DEL/272/24", "17:46", "5+1", "17th", "five-party"), because
those are never quantities.

Values are computed with ``Decimal`` so that "5.2 million" is exactly 5200000.0.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from bilateral.kb.vocabulary import read_data

# Spelled-out cardinals. "one" is left out on purpose: alone it is nearly always a pronoun
# ("one of the", "the one that"); it is read only in front of a scale word ("one million").
_UNITS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,  # a common misspelling, read as what it means
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
WORD_NUMBERS: dict[str, int] = {"one": 1, **_UNITS, **_TEENS, **_TENS}

SCALES: dict[str, int] = {
    "hundred": 10**2,
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "mln": 10**6,
    "mn": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "billions": 10**9,
    "bln": 10**9,
    "bn": 10**9,
    "b": 10**9,
    "trillion": 10**12,
    "trln": 10**12,
    "tn": 10**12,
    # Russian, with and without the abbreviating full stop.
    "тыс": 10**3,
    "тысяч": 10**3,
    "тысячи": 10**3,
    "тысяча": 10**3,
    "млн": 10**6,
    "миллион": 10**6,
    "миллиона": 10**6,
    "миллионов": 10**6,
    "млрд": 10**9,
    "миллиард": 10**9,
    "миллиарда": 10**9,
    "миллиардов": 10**9,
    "трлн": 10**12,
    "триллион": 10**12,
    "триллиона": 10**12,
    "триллионов": 10**12,
}
# Single-letter scales are read only glued to a number after a currency ("$5m", "$28bn").
_SHORT_SCALES = {"k", "m", "b"}

CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₽": "RUB",
    "₸": "KZT",
    "₹": "INR",
    "₩": "KRW",
    "₱": "PHP",
    "PhP": "PHP",  # the Philippine peso as Philippine texts write it ("PhP 6.7 billion")
    "₺": "TRY",
}


def _prefixed_signs() -> dict[str, str]:
    """A state's prefix on the dollar sign: "C$" -> CAD (data: ``kb/data/currencies.yaml``)."""
    data = read_data("currencies.yaml")
    return {str(k): str(v) for k, v in (data.get("signs") or {}).items()}


PREFIXED_SIGNS = _prefixed_signs()
CURRENCY_CODES = frozenset(
    "USD EUR GBP JPY CNY RUB KZT CHF INR KRW TRY UZS KGS TJS TMT AZN AMD GEL UAH BYN AED SAR "
    "CAD AUD SEK NOK PLN PHP".split()
)
_CODE_ALIASES = {"RMB": "CNY", "RUR": "RUB"}
# Currency words after a number, longest first when matched. Words that are also common English
# ("won", "pounds") are read only right after a number or scale word, which is where this table
# is consulted.
CURRENCY_WORDS: dict[str, str] = {
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "u.s dollars": "USD",
    "u. s. dollars": "USD",
    "united states dollars": "USD",
    "us dollar": "USD",
    "u.s. dollar": "USD",
    "new zealand dollars": "NZD",
    "singapore dollars": "SGD",
    "japanese yen": "JPY",
    "chinese yuan": "CNY",
    "russian roubles": "RUB",
    "russian rubles": "RUB",
    "kazakh tenge": "KZT",
    "indian rupees": "INR",
    "philippine pesos": "PHP",
    "afghanis": "AFN",
    "afghani": "AFN",
    "lari": "GEL",
    "drams": "AMD",
    "dirhams": "AED",
    "american dollars": "USD",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "hong kong dollars": "HKD",
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds sterling": "GBP",
    "pounds": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "roubles": "RUB",
    "rouble": "RUB",
    "rubles": "RUB",
    "ruble": "RUB",
    "tenge": "KZT",
    "rupees": "INR",
    "won": "KRW",
    "swiss francs": "CHF",
    "cfa francs": "XOF",
    "french francs": "FRF",
    "deutsche marks": "DEM",
    "deutschmarks": "DEM",
    "pesetas": "ESP",
    "lire": "ITL",
    "tanzanian shillings": "TZS",
    "kenyan shillings": "KES",
    "ugandan shillings": "UGX",
    "mexican pesos": "MXN",
    "saudi riyals": "SAR",
    "pakistani rupees": "PKR",
    "naira": "NGN",
    "rand": "ZAR",
    "shekels": "ILS",
    "baht": "THB",
    "ringgit": "MYR",
    "rupiah": "IDR",
    "zlotys": "PLN",
    "zloty": "PLN",
    "forints": "HUF",
    "hryvnias": "UAH",
    "hryvnia": "UAH",
    "soms": "KGS",
    "som": "KGS",
    "долларов сша": "USD",
    "долларов": "USD",
    "доллара": "USD",
    "доллар": "USD",
    "долл. сша": "USD",
    "долл.": "USD",
    "евро": "EUR",
    "рублей": "RUB",
    "рубля": "RUB",
    "рубль": "RUB",
    "руб.": "RUB",
    "тенге": "KZT",
    "юаней": "CNY",
}
PERCENT_WORDS = ("%", "percent", "per cent", "pct", "percentage points", "процентов", "процента")

_SPELLED_WORD = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_TENS_WORD = "|".join(_TENS)
_UNIT_WORD = "one|" + "|".join(_UNITS)
# "twenty-five", "two hundred and fifty", "three": read by ``words_to_int``.
_COMPOUND = rf"(?:(?:{_TENS_WORD})[- ](?:{_UNIT_WORD})\b|{_SPELLED_WORD})"
# "a hundred" counts only with more after it: "a hundred and fifty", "a hundred thousand" ("a
# hundred reasons" is a manner of speaking).
_A_HUNDRED = r"a\s+hundred(?=\s+(?:and\s+(?:[a-z]+)|thousand|million|billion)\b)"
_HUNDREDS = rf"(?:{_COMPOUND}(?:\s+hundred(?:\s+(?:and\s+)?{_COMPOUND})?)?|{_A_HUNDRED}(?:\s+and\s+{_COMPOUND})?)"
# Speech says the digits' words: "seven thousand five hundred" (thousands and their hundreds, one
# number; "two thousand sixteen" stays a scaled two, not a year); "one point five million", "two point three percent" (a decimal, its digits one by one).
_POINT = r"\s+point(?:\s+(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b)+"
_SPELLED = (
    rf"{_HUNDREDS}(?:\s+thousand\s+(?:and\s+)?(?:{_COMPOUND}|a)\s+hundred"
    rf"(?:\s+(?:and\s+)?{_COMPOUND})?|{_POINT})?"
)
# Digits: 74,000 / 1.5 / 28 / 74 000 (a no-break or thin space groups thousands in Russian text).
# A full stop groups thousands in continental usage ("35.000 USD", "1.500.000"): read so only where
# it cannot be a decimal point, before three zeros or in two or more groups.
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:[.,]\d+)?"
    r"|\d{1,3}(?:\.\d{3}){2,}(?![.,]?\d)|\d{1,3}\.000(?![.,]?\d)|\d+(?:[.,]\d+)?"
    r"|(?<![\w.,])\.\d+"  # a fraction written without its zero: ".85% per year"
)
# Russian print also groups thousands with a plain space ("19 337 объектов"): read so only in
# Russian text (``decimal_comma``), where a year is written with its noun ("в 2019 году").
_SPACED_DIGITS = r"\d{1,3}(?:[ ]\d{3})+(?![\d])(?:,\d+)?"
_SCALE_WORD = "|".join(sorted((re.escape(s) for s in SCALES), key=len, reverse=True))
_CODES = "|".join(sorted(CURRENCY_CODES | set(_CODE_ALIASES)))
# A prefixed sign ("C$", "NZ$") is matched as written, before the bare "$" it ends in.
_PREFIXED = "|".join(
    rf"\b(?-i:{re.escape(s)})" for s in sorted(PREFIXED_SIGNS, key=len, reverse=True)
)
_SYMBOLS = (
    (_PREFIXED + "|" if _PREFIXED else "")
    + "US\\s?\\$|"
    + "|".join(re.escape(s) for s in CURRENCY_SYMBOLS if s != "US$")
)
_CUR_WORD = "|".join(
    sorted((re.escape(w).replace("\\ ", r"\s+") for w in CURRENCY_WORDS), key=len, reverse=True)
)
_PCT = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in PERCENT_WORDS)

# "a million people", "a thousand troops": "a" is one before a large scale word ("a hundred
# reasons" is a manner of speaking), "half a million" a half; "a dozen ships" is twelve.
_A_SCALE = r"(?:half\s+)?a(?=\s+(?:thousand|million|billion|trillion)\b)|(?<=\ba\s)dozen(?!s)"

_NEVER = "(?!)"


@dataclass(frozen=True, slots=True)
class LocalCurrencies:
    """Currency names and signs whose meaning depends on the document's state (data in
    ``kb/data/currencies.yaml``): each -> its ISO code here, or None where the document's state
    does not say which (a sum in it is then no quantity)."""

    words: Mapping[str, str | None] = field(default_factory=dict)
    symbols: Mapping[str, str] = field(default_factory=dict)
    own: str | None = None  # the document's state's currency, for a sum that names none


@functools.cache
def _patterns(
    local_words: tuple[str, ...] = (), local_symbols: tuple[str, ...] = (), spaced: bool = False
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The quantity pattern and its anchor, with the local currency words and signs."""
    lwords = "|".join(re.escape(w) for w in sorted(local_words, key=len, reverse=True)) or _NEVER
    lsyms = "|".join(re.escape(s) for s in sorted(local_symbols, key=len, reverse=True)) or _NEVER
    quantity = re.compile(
        rf"""
        (?:(?P<sym>{_SYMBOLS})\s?|(?P<code>\b(?-i:{_CODES}))\s?|\b(?P<lsym>(?-i:{lsyms}))\s?)?
        (?:(?P<digits>{_SPACED_DIGITS + "|" if spaced else ""}{_DIGITS})|(?P<spelled>\b(?:{_SPELLED}|{_A_SCALE})\b))
        (?:(?:\s?|-)(?P<scale>(?:{_SCALE_WORD}))(?:(?:(?<=[а-я])|(?<=bln|mln)|(?<=trln))\.)?
           (?![\w-](?<!-(?=worth\b|dollars?\b|euros?\b))))?
        (?:\s?(?P<pct>{_PCT})(?!\w)|(?<=\d)(?P<pc>(?-i:pc))(?!\w)
           |\s\s?(?P<lword>{lwords})(?!\w)
           |(?:\s\s?|(?<=illion)-)(?P<curword>{_CUR_WORD})(?!\w)
           |\s?(?P<postcode>(?-i:{_CODES}))\b)?
        """,
        re.VERBOSE | re.IGNORECASE,
    )
    # Where a quantity can start: a digit, a currency sign or code, a spelled number. Scanning
    # these first and matching the full pattern only there is six times faster than ``finditer``.
    anchor = re.compile(
        rf"[\d{''.join(s for s in CURRENCY_SYMBOLS if len(s) == 1)}]|(?<![\w.,])\.(?=\d)|US\s?\$|\b[A-Z]{{3}}\s?\d"
        rf"|\b(?=[tfsenoTFSENO])(?i:{_SPELLED_WORD})\b|\b(?i:{_A_SCALE})|\b(?i:{_A_HUNDRED})"
        rf"|\b(?:{lsyms})(?=\s?\d)|\b(?i:PhP)(?=\s?\d)"
        + (rf"|(?:{_PREFIXED})(?=\s?\d)" if _PREFIXED else "")
    )
    return quantity, anchor


_QUANTITY, _ANCHOR = _patterns()


# "two thirds of the population", "a quarter of all exports": a share, read as a percent. Only
# before "of" ("a third party", "a quarter century" are no shares), never of a span of time ("a
# quarter of a century"); "half" is left out ("the first half of 2023" is a period).
_DENOMINATORS = {
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_FRACTION = re.compile(
    rf"""(?<!first\s)(?<!last\s)(?<!past\s)(?<!next\s)
    \b(?P<num>a|one|{_UNIT_WORD})[\s-]+(?P<den>{"|".join(_DENOMINATORS)})s?
    (?=\s+of\s+(?!(?:(?:a|an|the|this|that|last|past|fiscal)\s+)?
      (?:century|centuries|year|years|decade|decades|month|months|week|weeks|day|days|hour|hours|
      \d{{4}})\b))
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in text: its span, value, and unit when the text gives one.

    ``unit`` is an ISO currency code, ``"percent"``, or ``None`` for a bare number, which the
    claims stage types by the noun that follows. ``number_start`` and ``number_end`` delimit the
    numeral itself, without currency or scale.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    number_start: int
    number_end: int
    spelled: bool
    scaled: bool


def words_to_int(text: str) -> int | None:
    """ "twenty-five" -> 25, "two hundred and fifty" -> 250, "three" -> 3; None if not a number."""
    total = 0
    current = 0
    seen = False
    for word in re.split(r"[\s-]+", text.lower().strip()):
        if word == "and" and seen:
            continue
        if word in WORD_NUMBERS:
            current += WORD_NUMBERS[word]
        elif word == "hundred" and seen:
            current = max(current, 1) * 100
        elif word in ("thousand", "million", "billion", "trillion") and seen:
            total += max(current, 1) * SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _digits_value(text: str, decimal_comma: bool) -> Decimal | None:
    s = text.replace("\u00a0", "").replace("\u202f", "")
    if decimal_comma:
        s = s.replace(" ", "")
    if decimal_comma and re.fullmatch(r"\d+,\d{1,2}", s):
        s = s.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}|\d{1,3}\.000", s):
        s = s.replace(".", "")
    elif "," in s:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def parse_number(text: str, *, decimal_comma: bool = False) -> float | None:
    """A number with an optional scale word: "74,000" -> 74000.0, "1.5 million" -> 1500000.0."""
    m = _QUANTITY.fullmatch(text.strip())
    if m is None or m["sym"] or m["code"] or m["pct"] or m["pc"] or m["curword"] or m["postcode"]:
        return None
    return _value(m, decimal_comma)


def parse_amount(text: str, *, decimal_comma: bool = False) -> tuple[float, str | None] | None:
    """A number with its unit: "USD 28 billion" -> (28e9, "USD"), "80%" -> (80.0, "percent")."""
    m = _QUANTITY.fullmatch(text.strip())
    if m is None:
        return None
    value = _value(m, decimal_comma)
    return None if value is None else (value, _unit(m))


def _value(m: re.Match[str], decimal_comma: bool) -> float | None:
    """The match's value, or None where the scanner's reading rules refuse it."""
    scale_word = (m["scale"] or "").lower()
    if scale_word in _SHORT_SCALES and not (m["sym"] or m["code"] or m["lsym"]):
        return None  # a one-letter scale counts only on a currency amount: "$5m", not "10 m"
    if m["digits"]:
        # "28,5" is 28.5 in Russian usage, or anywhere before a scale word or percent.
        comma = decimal_comma or bool(scale_word or m["pct"] or m["pc"])
        number = _digits_value(m["digits"], decimal_comma=comma)
    else:
        spelled = re.sub(r"\s+", " ", m["spelled"].lower())
        if spelled in ("one", "a") and not scale_word:
            return None
        # "a dozen vessels": twelve ("dozens of" stays vague: the pattern reads no plural);
        # "half a million": a half of the scale.
        fixed = {"a": Decimal(1), "half a": Decimal("0.5"), "dozen": Decimal(12)}
        number = fixed.get(spelled) if spelled in fixed else _spelled_value(spelled)
    if number is None:
        return None
    if scale_word:
        number *= SCALES[scale_word]
    return float(number)


_DIGIT_WORDS = {"zero": 0, "oh": 0, **{w: n for w, n in WORD_NUMBERS.items() if n < 10}}


def _spelled_value(spelled: str) -> Decimal | None:
    """ "a hundred and fifty" -> 150, "one point five" -> 1.5."""
    whole, _, point = spelled.partition(" point ")
    n = words_to_int(re.sub(r"^a\s", "one ", whole))
    if n is None:
        return None
    if not point:
        return Decimal(n)
    return Decimal(f"{n}." + "".join(str(_DIGIT_WORDS[w]) for w in point.split()))


def _unit(m: re.Match[str]) -> str | None:
    if m["pct"] or m["pc"]:  # "40pc", the press's percent
        return "percent"
    if m["sym"] and m["sym"] in PREFIXED_SIGNS:
        return PREFIXED_SIGNS[m["sym"]]
    if m["sym"]:
        sym = "US$" if m["sym"].upper().startswith("US") else m["sym"].lower()
        return next(code for s, code in CURRENCY_SYMBOLS.items() if s.lower() == sym.lower())
    for code in (m["code"], m["postcode"]):
        if code:
            up = code.upper()
            return _CODE_ALIASES.get(up, up)
    if m["curword"]:
        return CURRENCY_WORDS[re.sub(r"\s+", " ", m["curword"].lower())]
    return None


def _glued_left(text: str, start: int) -> bool:
    """True when what precedes ``start`` makes the number part of a code, name or range."""
    before = text[start - 1] if start > 0 else " "
    before2 = text[max(start - 2, 0) : start]
    if before.isalnum() or before in "_/#+^@:":
        return True
    # "Soyuz-5", "COVID-19", "2021-2025", "No.5": a joiner with a letter or digit before it.
    return before in "-‑–." and len(before2) == 2 and before2[0].isalnum()


def _glued_right(text: str, end: int) -> bool:
    """True when what follows ``end`` makes the number part of a code, ordinal or compound."""
    after = text[end] if end < len(text) else " "
    if after.isalnum() or after in "_/+^@°":
        return True
    # "17:46", "five-party", "9,000-kilometre", "1.2.3"; a sentence's final stop is fine, and
    # so is "-worth" ("$3.5 billion-worth of contracts").
    if text.startswith("-worth", end):
        return False
    return bool(re.match(r"[:\-‑–.]\w|,\d", text[end : end + 2]))


# A transcript editor's insertion in square brackets: "about two trillion [pesos]", "nine [drug
# labs]". Its words are read as the speaker's (the brackets blanked, every offset kept); a
# bracket that opens with a digit corrects the number before it and is left as written.
_INSERTION = re.compile(r"\[([^\W\d][^\[\]\n]{0,60})\]")


def read_through_insertions(text: str) -> str:
    """``text`` with each bracketed insertion's brackets blanked (same length, same offsets)."""
    return _INSERTION.sub(lambda m: f" {m[1]} ", text)


def find_quantities(
    text: str, *, decimal_comma: bool = False, local: LocalCurrencies | None = None
) -> tuple[Quantity, ...]:
    """Every standalone number in ``text``, with its scale and unit.

    ``decimal_comma`` reads "28,5" as 28.5 (Russian usage); otherwise a comma groups thousands
    and "28,5" is a number only before a scale word or percent ("28,5 млрд"). A no-break or thin
    space between digit groups is read as grouping in any language; a plain space never is,
    since "In 1992 15 states" is two numbers.
    """
    found: list[Quantity] = []
    fractions = _fractions(text)
    fraction_starts = [f.start for f in fractions]  # a binary search per number, not a scan
    local = local or LocalCurrencies()
    quantity, anchors = _patterns(tuple(local.words), tuple(local.symbols), decimal_comma)
    done = 0
    for anchor in anchors.finditer(text):
        if anchor.start() < done:
            continue
        i = bisect.bisect_right(fraction_starts, anchor.start()) - 1
        if i >= 0 and anchor.start() < fractions[i].end:
            continue  # inside a fraction (they do not overlap: one regex's matches)
        m = quantity.match(text, anchor.start())
        if m is None:
            continue
        unit = _unit(m)
        if m["lsym"]:
            unit = local.symbols[m["lsym"]]
        elif m["lword"]:
            unit = local.words[re.sub(r"\s+", " ", m["lword"].lower())]
            if unit is None:
                done = m.end()
                continue  # "50 pesos" where nothing says whose pesos
        done = m.end()
        # "thirty-plus attacks", "20-plus years": the number, said to be a floor.
        plus = _PLUS.match(text, m.end()) if not (m["pct"] or m["pc"] or m["curword"]) else None
        end = plus.end() if plus is not None else m.end()
        if _glued_left(text, m.start()):
            continue
        upper = _range_upper(text, m, end, quantity, decimal_comma) if plus is None else None
        if upper is not None:
            # "5-7 billion dollars", "10-15%": a range is one figure, its lower bound, in the
            # upper bound's scale and unit; the upper bound is no figure of its own.
            low = _value(m, decimal_comma)
            if low is None:
                continue
            scale = SCALES[upper["scale"].lower()] if upper["scale"] and not m["scale"] else 1
            done = upper.end()
            found.append(
                Quantity(
                    start=m.start(),
                    end=upper.end(),
                    text=text[m.start() : upper.end()],
                    value=low * scale,
                    unit=unit or _unit(upper),
                    number_start=m.start("digits"),
                    number_end=m.end("digits"),
                    spelled=False,
                    scaled=bool(m["scale"] or upper["scale"]),
                )
            )
            continue
        if _glued_right(text, end):
            continue
        value = _value(m, decimal_comma)
        if value is None:
            continue
        digits = m["digits"]
        num_start, num_end = m.span("digits") if digits else m.span("spelled")
        found.append(
            Quantity(
                start=m.start(),
                end=end,
                text=text[m.start() : end],
                value=value,
                unit=unit,
                number_start=num_start,
                number_end=num_end,
                spelled=digits is None,
                # "seven thousand five hundred" is as large as "seven thousand"
                scaled=bool(m["scale"]) or (digits is None and "thousand" in m[0].lower()),
            )
        )
    return tuple(sorted((*found, *fractions), key=lambda q: q.start))


_PLUS = re.compile(r"[-‑]plus\b", re.IGNORECASE)
_RANGE_DASH = re.compile(r"\s?[-‑–—]\s?(?=\d)")


def _range_upper(
    text: str, m: re.Match[str], end: int, quantity: re.Pattern[str], decimal_comma: bool
) -> re.Match[str] | None:
    """The upper bound of a range written with a dash, "5-7 billion", "10–15 percent": a number
    in digits, right after ``m``'s digits, that carries a scale word or a unit (so that "2021-2025"
    and "19-20 November" stay out); None where there is none."""
    if not m["digits"] or m["pct"] or m["pc"] or m["curword"] or m["postcode"]:
        return None
    dash = _RANGE_DASH.match(text, end)
    if dash is None:
        return None
    upper = quantity.match(text, dash.end())
    if upper is None or not upper["digits"] or upper["sym"] or upper["code"] or upper["lsym"]:
        return None
    if _glued_right(text, upper.end()) or _value(upper, decimal_comma) is None:
        return None
    scale = (upper["scale"] or "").lower()
    if m["scale"] and scale and m["scale"].lower() != scale:
        return None
    if not (scale or _unit(upper)):
        return None
    return upper


def _fractions(text: str) -> list[Quantity]:
    """ "almost two thirds of the world" -> 66.67 percent."""
    out = []
    for m in _FRACTION.finditer(text):
        if _glued_left(text, m.start()):
            continue
        num = m["num"].lower()
        n = 1 if num in ("a", "one") else words_to_int(num)
        d = _DENOMINATORS[m["den"].lower()]
        if n is None or n >= d:
            continue
        out.append(
            Quantity(
                start=m.start(),
                end=m.end(),
                text=m[0],
                value=round(100 * n / d, 2),
                unit="percent",
                number_start=m.start(),
                number_end=m.end(),
                spelled=True,
                scaled=False,
            )
        )
    return out
