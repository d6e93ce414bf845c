from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.extract.claims.numbers import (
    find_quantities,
    parse_amount,
    parse_number,
    read_through_insertions,
    words_to_int,
)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("USD 28 billion", 28e9, "USD"),
        ("$28 billion", 28e9, "USD"),
        ("US$ 5bn", 5e9, "USD"),
        ("28 bn dollars", 28e9, "USD"),
        ("28 billion US dollars", 28e9, "USD"),
        ("€5.2 million", 5.2e6, "EUR"),
        ("5.2 million euros", 5.2e6, "EUR"),
        ("100 billion tenge", 100e9, "KZT"),
        ("KZT 100 billion", 100e9, "KZT"),
        ("5 trillion roubles", 5e12, "RUB"),
        ("5 trillion rubles", 5e12, "RUB"),
        ("3 bn yuan", 3e9, "CNY"),
        ("£300", 300.0, "GBP"),
        ("1,652 million pesetas", 1.652e9, "ESP"),
        ("$5m", 5e6, "USD"),
        ("$ 1 mln.", 1e6, "USD"),
        ("28 млрд долларов", 28e9, "USD"),
        ("28,5 млрд рублей", 28.5e9, "RUB"),
        ("80%", 80.0, "percent"),
        ("80 percent", 80.0, "percent"),
        ("80 per cent", 80.0, "percent"),
        ("ninety nine percent", 99.0, "percent"),
        ("74,000", 74000.0, None),
        ("1.5 million", 1.5e6, None),
        ("1.1 bln.", 1.1e9, None),
        ("74\u00a0000", 74000.0, None),
        ("two", 2.0, None),
        ("twenty-five", 25.0, None),
        ("Twenty seven", 27.0, None),
        ("two hundred and fifty", 250.0, None),
        ("one million", 1e6, None),
        ("six thousand", 6000.0, None),
    ],
)
def test_parse_amount(text: str, value: float, unit: str | None) -> None:
    assert parse_amount(text) == (value, unit)


@pytest.mark.parametrize("text", ["over 5", "one", "dozens", "a few", "28,5", "5 m", ""])
def test_not_a_plain_amount(text: str) -> None:
    assert parse_amount(text) is None


def test_parse_number_refuses_units() -> None:
    assert parse_number("74,000") == 74000.0
    assert parse_number("three") == 3.0
    assert parse_number("$5") is None
    assert parse_number("80%") is None


@pytest.mark.parametrize(
    "text",
    [
        "PC.DEL/272/24/Rev.1",
        "the 17th forum, the 29th, the 1465th meeting, the 21st Century",
        "the G20 and the 5+1 and the C5+1 formats",
        "the COVID-19 pandemic and the Soyuz-5 rocket",
        "A/75/PV.5 and No.5",
        "9 June 202017:46",
        "the five-party agreements and a 9,000-kilometre route",
        "the 2021-2025 Action Plan and the 2019/2020 academic year",
        "one of the architects",
        "a peak of 10 m",
    ],
)
def test_glued_numbers_are_not_quantities(text: str) -> None:
    found = [q.text for q in find_quantities(text) if q.text not in ("9", "June")]
    assert found == []


def test_find_quantities_spans() -> None:
    text = "In 2022, it reached a record total of over $28 billion."
    (year, amount) = find_quantities(text)
    assert (year.text, year.value, year.unit) == ("2022", 2022.0, None)
    assert (amount.text, amount.value, amount.unit) == ("$28 billion", 28e9, "USD")
    assert text[amount.number_start : amount.number_end] == "28"
    assert text[amount.start : amount.end] == amount.text


def test_decimal_comma_only_when_asked() -> None:
    assert [q.value for q in find_quantities("рост на 2,5 процента")] == [2.5]
    assert [q.value for q in find_quantities("коэффициент 2,5", decimal_comma=True)] == [2.5]
    assert [q.value for q in find_quantities("коэффициент 2,5")] == []


def test_words_to_int() -> None:
    assert words_to_int("twenty-five") == 25
    assert words_to_int("two hundred and fifty") == 250
    assert words_to_int("three thousand") == 3000
    assert words_to_int("several") is None


# -- property tests: formatted numbers round-trip ------------------------------------------------

_UNITS = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _in_words(n: int) -> str:
    """English words for 2..999, the way a press release spells them."""
    hundreds, rest = divmod(n, 100)
    parts = [f"{_UNITS[hundreds]} hundred"] if hundreds else []
    if rest:
        if rest < 10:
            words = _UNITS[rest]
        elif rest < 20:
            words = _TEENS[rest - 10]
        else:
            tens, unit = divmod(rest, 10)
            words = _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
        parts.append(("and " if hundreds else "") + words)
    return " ".join(parts)


@given(st.integers(min_value=0, max_value=10**13))
def test_grouped_integers_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == float(n)


@given(st.integers(min_value=2, max_value=999))
def test_spelled_numbers_round_trip(n: int) -> None:
    assert parse_number(_in_words(n)) == float(n)


_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9}
_MONEY = [
    ("USD {n} {s}", "USD"),
    ("${n} {s}", "USD"),
    ("{n} {s} dollars", "USD"),
    ("€{n} {s}", "EUR"),
    ("{n} {s} euros", "EUR"),
    ("{n} {s} tenge", "KZT"),
    ("{n} {s} roubles", "RUB"),
    ("{n} {s} rubles", "RUB"),
    ("{n} {s} yuan", "CNY"),
    ("£{n} {s}", "GBP"),
]


@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal(999), places=2),
    st.sampled_from(sorted(_SCALES)),
    st.sampled_from(_MONEY),
)
def test_money_round_trips(number: Decimal, scale: str, template: tuple[str, str]) -> None:
    pattern, code = template
    text = pattern.format(n=number, s=scale)
    assert parse_amount(text) == (float(number * _SCALES[scale]), code)
    # Embedded in a sentence, the scanner finds exactly that span.
    sentence = f"Last year it reached {text}, a new peak."
    (q,) = find_quantities(sentence)
    assert (q.text, q.value, q.unit) == (text, float(number * _SCALES[scale]), code)


@given(
    st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=1),
    st.sampled_from(["{n}%", "{n} percent", "{n} per cent"]),
)
def test_percent_round_trips(number: Decimal, pattern: str) -> None:
    assert parse_amount(pattern.format(n=number)) == (float(number), "percent")


def test_a_before_a_large_scale_word_is_one() -> None:
    found = find_quantities("Nearly a million visitors came, a hundred more than before.")
    assert [(q.text, q.value) for q in found] == [("a million", 1e6)]


def test_a_misspelled_forty_is_read() -> None:
    assert [q.value for q in find_quantities("from fourty countries")] == [40.0]


def test_a_dozen_is_twelve_and_dozens_are_vague() -> None:
    found = find_quantities(
        "They sent a dozen boats, then dozens of barges and a dozens-strong crew."
    )
    assert [(q.text, q.value) for q in found] == [("dozen", 12.0)]


def test_a_plain_space_groups_thousands_only_in_russian_text() -> None:
    ru = find_quantities("За год построили 12 480 домов, в 2020 году 15 школ.", decimal_comma=True)
    assert [(q.text, q.value) for q in ru] == [("12 480", 12480.0), ("2020", 2020.0), ("15", 15.0)]
    en = find_quantities("They built 12 480 houses.")
    assert [q.value for q in en] == [12.0, 480.0]


def test_bracketed_insertions_keep_their_offsets() -> None:
    text = "about forty [tonnes] and 9,000[90,000]"
    read = read_through_insertions(text)
    assert read == "about forty  tonnes  and 9,000[90,000]"
    assert len(read) == len(text)


def test_half_a_million_is_half_of_the_scale() -> None:
    found = find_quantities(
        "Half a million tourists came, then half a billion dollars; half of them left."
    )
    assert [(q.text, q.value, q.unit) for q in found] == [
        ("Half a million", 5e5, None),
        ("half a billion dollars", 5e8, "USD"),
    ]
