from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.extract.dates.stage import find_times, parse_iso, stage
from bilateral.model import Document, TimeExpr

SHARED = Path(__file__).resolve().parents[4] / "shared"
MONTHS = "January February March April May June July August September October November December"


def times(text: str, ref: str | None = None) -> list[tuple[str, str, str]]:
    return [(t.text, t.value, t.precision) for t in find_times(text, ref)]


# -- absolute dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("which was signed on November 11, 2013, and", ("November 11, 2013", "2013-11-11", "day")),
        ("the Treaty of 11 November 2013", ("11 November 2013", "2013-11-11", "day")),
        ("signed on December 6, 2018, the Strategy", ("December 6, 2018", "2018-12-06", "day")),
        ("9 June 2020 17:46", ("9 June 2020", "2020-06-09", "day")),
        ("9 June 202017:46\n\nPress release", ("9 June 2020", "2020-06-09", "day")),
        ("Moscow, April 11, 2023", ("April 11, 2023", "2023-04-11", "day")),
        ("on the 9th of June 2020", ("9th of June 2020", "2020-06-09", "day")),
        ("met Nov. 11, 2013 in", ("Nov. 11, 2013", "2013-11-11", "day")),
        ("14 MARCH 2024", ("14 MARCH 2024", "2024-03-14", "day")),
        ("adopted on 2020-06-09.", ("2020-06-09", "2020-06-09", "day")),
        ("от 09.06.2020 г.", ("09.06.2020", "2020-06-09", "day")),
        ("dated 13/09/2020", ("13/09/2020", "2020-09-13", "day")),
        (
            "during the 73rd World Health Assembly in May 2020, the",
            ("May 2020", "2020-05", "month"),
        ),
        ("In 2022, our presidents met at least 10 times", ("2022", "2022", "year")),
        ("who put it forth back in 1994 during a lecture", ("1994", "1994", "year")),
        ("independent since 1991.", ("1991", "1991", "year")),
        ("a top 30 economy by 2030.", ("2030", "2030", "year")),
        ("At the 2016 Russia-ASEAN summit", ("2016", "2016", "year")),
        ("the Geneva Protocol of 1925, which", ("1925", "1925", "year")),
        ("Integration until 2025 (Strategy)", ("2025", "2025", "year")),
        ("in the spring of 1977, as well", ("spring of 1977", "1977-03/1977-05", "season")),
        ("the cold winter of 1999-2000 in", ("winter of 1999-2000", "1999-12/2000-02", "season")),
        ("9 июня 2020 года состоялись", ("9 июня 2020 года", "2020-06-09", "day")),
        ("в 2022 году товарооборот", ("2022", "2022", "year")),
        ("в январе 2018 года", ("январе 2018 года", "2018-01", "month")),
    ],
)
def test_absolute(text: str, expected: tuple[str, str, str]) -> None:
    assert times(text) == [expected]


def test_month_list_with_respective_years() -> None:
    text = "elections in November 2022 and March 2023 respectively"
    assert times(text) == [
        ("November 2022", "2022-11", "month"),
        ("March 2023", "2023-03", "month"),
    ]


# -- ranges ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "already exceeded USD 20 billion between January and September 2024.",
            ("January and September 2024", "2024-01/2024-09", "range"),
        ),
        ("in January–September 2024", ("January–September 2024", "2024-01/2024-09", "range")),
        ("from May 2019 to March 2020", ("May 2019 to March 2020", "2019-05/2020-03", "range")),
        (
            "a state visit on May 21-22, 2018 at",
            ("May 21-22, 2018", "2018-05-21/2018-05-22", "range"),
        ),
        ("on 14-15 April 2019", ("14-15 April 2019", "2019-04-14/2019-04-15", "range")),
        (
            "on 3 - 7 October 2018 in Aktobe",
            ("3 - 7 October 2018", "2018-10-03/2018-10-07", "range"),
        ),
        (
            "between 12 and 13 November 2008",
            ("12 and 13 November 2008", "2008-11-12/2008-11-13", "range"),
        ),
        (
            "from 30 November to 2 December 2019",
            ("30 November to 2 December 2019", "2019-11-30/2019-12-02", "range"),
        ),
        (
            "30 December 2019 – 2 January 2020",
            ("30 December 2019 – 2 January 2020", "2019-12-30/2020-01-02", "range"),
        ),
        ("from 2015 to 2020", ("2015 to 2020", "2015/2020", "range")),
        ("the 2021-2025 Action Plan", ("2021-2025", "2021/2025", "range")),
        ("its 2017–18 membership", ("2017–18", "2017/2018", "range")),
        (
            "In the 2019/2020 academic year, almost",
            ("2019/2020 academic year", "2019-09/2020-06", "range"),
        ),
        ("the 2019-2020 school year", ("2019-2020 school year", "2019-09/2020-06", "range")),
        ("in academic year 2019/20", ("academic year 2019/20", "2019-09/2020-06", "range")),
        ("the 1990s", ("1990s", "1990/1999", "range")),
        ("in the mid-1990s", ("mid-1990s", "1994/1996", "range")),
        ("the first half of 2024", ("first half of 2024", "2024-01/2024-06", "range")),
        ("in the third quarter of 2023", ("third quarter of 2023", "2023-07/2023-09", "range")),
        ("In Q3 2023 trade grew", ("Q3 2023", "2023-07/2023-09", "range")),
        (
            "in the first nine months of 2024",
            ("first nine months of 2024", "2024-01/2024-09", "range"),
        ),
        ("12-14 марта 2018 года", ("12-14 марта 2018 года", "2018-03-12/2018-03-14", "range")),
    ],
)
def test_ranges(text: str, expected: tuple[str, str, str]) -> None:
    assert times(text) == [expected]


def test_listed_days_are_two_dates() -> None:
    assert times("On 24 and 25 June 1999, warplanes") == [
        ("24", "1999-06-24", "day"),
        ("25 June 1999", "1999-06-25", "day"),
    ]
    assert times("in 2008 and 2009") == [("2008", "2008", "year"), ("2009", "2009", "year")]


# -- relative to the document date ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        (
            "It will take place this autumn.",
            "2023-04-11",
            ("this autumn", "2023-09/2023-11", "season"),
        ),
        ("scheduled for this fall", "2019-02-01", ("this fall", "2019-09/2019-11", "season")),
        ("last winter was cold", "2023-04-11", ("last winter", "2022-12/2023-02", "season")),
        ("this winter", "2023-01-15", ("this winter", "2022-12/2023-02", "season")),
        ("next spring", "2023-04-11", ("next spring", "2024-03/2024-05", "season")),
        (
            "in the autumn of this year",
            "2020-06-09",
            ("autumn of this year", "2020-09/2020-11", "season"),
        ),
        ("Last year it reached a new peak", "2024-11-27", ("Last year", "2023", "year")),
        ("will take over chairmanship next year.", "2020-11-15", ("next year", "2021", "year")),
        ("in the current year", "2020-06-09", ("the current year", "2020", "year")),
        ("Last September, at a meeting", "2020-11-15", ("Last September", "2020-09", "month")),
        ("last September", "2020-09-15", ("last September", "2019-09", "month")),
        ("next September", "2020-09-15", ("next September", "2021-09", "month")),
        ("later this month", "2019-02-06", ("this month", "2019-02", "month")),
        ("last month", "2020-01-10", ("last month", "2019-12", "month")),
        (
            "Last academic year, almost 74,000",
            "2020-11-15",
            ("Last academic year", "2019-09/2020-06", "range"),
        ),
        ("this academic year", "2020-06-09", ("this academic year", "2019-09/2020-06", "range")),
        ("for taking part in today's meeting", "2024-04-30", ("today", "2024-04-30", "day")),
        ("yesterday", "2020-03-01", ("yesterday", "2020-02-29", "day")),
        ("is tomorrow testing", "2019-12-31", ("tomorrow", "2020-01-01", "day")),
        ("the world today", "1970", ("today", "1970", "year")),
        ("Two years ago, in this Hall", "2017", ("Two years ago", "2015", "year")),
        ("in May this year", "2018", ("May this year", "2018-05", "month")),
        ("on 26 May of this year", "1981", ("26 May of this year", "1981-05-26", "day")),
        (
            "the first half of this year",
            "2024-11-27",
            ("first half of this year", "2024-01/2024-06", "range"),
        ),
        ("в этом году", "2020-06-09", ("этом году", "2020", "year")),
        ("в июне", "2020-06-09", ("июне", "2020-06", "month")),
        ("встреча в начале июля", "2020-06-09", ("июля", "2020-07", "month")),
        ("к концу марта", "2020-06-09", ("марта", "2020-03", "month")),
        ("осенью этого года", "2020-06-09", ("осенью этого года", "2020-09/2020-11", "season")),
        ("этой осенью", "2020-06-09", ("этой осенью", "2020-09/2020-11", "season")),
    ],
)
def test_relative(text: str, ref: str, expected: tuple[str, str, str]) -> None:
    found = find_times(text, ref)
    assert [(t.text, t.value, t.precision) for t in found] == [expected]
    assert found[0].relative


@pytest.mark.parametrize(
    "text",
    [
        "this year",
        "Last September",
        "today",
        "on June 24",
        "in October",
        "this autumn",
        "в этом году",
    ],
)
def test_relative_needs_a_reference(text: str) -> None:
    assert find_times(text, None) == ()


def test_last_september_needs_the_reference_month() -> None:
    assert find_times("last September", "2020") == ()


# -- dates without a year -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("in Moscow on June 24. The", "2020-06-09", ("June 24", "2020-06-24", "day")),
        (
            "on March 2, the Russian Seasons project was launched",
            "2023-04-11",
            ("March 2", "2023-03-02", "day"),
        ),
        (
            "which were held in October with great success",
            "2024-11-27",
            ("October", "2024-10", "month"),
        ),
        ("the November summit", "2020-11-30", ("November", "2020-11", "month")),
        ("in the autumn", "2020-06-09", ("autumn", "2020-09/2020-11", "season")),
        (
            "С 1 января 2019 года и 4 октября",
            "2019-10-07",
            ("1 января 2019 года", "2019-01-01", "day"),
        ),
        # A year-less date far ahead of the reference month is last year's.
        (
            "On 28 December, the President reshuffled",
            "2019-01-07",
            ("28 December", "2018-12-28", "day"),
        ),
    ],
)
def test_year_from_reference(text: str, ref: str, expected: tuple[str, str, str]) -> None:
    assert times(text, ref)[0] == expected


def test_year_from_the_same_paragraph() -> None:
    # The year named a sentence before binds "9 May"; the document date alone would give May 2024.
    text = (
        "I would like to emphasize that next year the peoples of our countries will celebrate the "
        "80th anniversary of the Victory. We look forward to seeing President Tokayev at the "
        "anniversary celebrations in Moscow on 9 May."
    )
    assert times(text, "2024-11-27") == [
        ("next year", "2025", "year"),
        ("9 May", "2025-05-09", "day"),
    ]
    assert times("In 2019 the talks began. On 5 June they ended.", "2021-03-01")[1] == (
        "5 June",
        "2019-06-05",
        "day",
    )


def test_year_does_not_cross_paragraphs_or_today() -> None:
    assert times("In 2019 the talks began.\nOn 5 June they ended.", "2021-03-01")[1] == (
        "5 June",
        "2021-06-05",
        "day",
    )
    text = "after his assassination in June 2015. Today I report another one, on 5 September."
    assert times(text, "2017")[-1] == ("5 September", "2017-09-05", "day")


def test_listed_months_without_year() -> None:
    assert times("held in July and October respectively", "1990") == [
        ("July", "1990-07", "month"),
        ("October", "1990-10", "month"),
    ]


# -- what is not a time ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "AT THE 1465th MEETING OF THE OSCE PERMANENT COUNCIL",
        "the 29th forum of Russia-Kazakhstan inter-regional cooperation",
        "PC.DEL/272/24/Rev.1",
        "it reached a record total of over $28 billion",
        "hitting the USD 28 billion mark",
        "USD 2020 million",
        "the Strategy stipulates over 300 events",
        "the 75th anniversary of Victory",
        "the 20th jubilee Interregional Cooperation Forum",
        "the Treaty on Good Neighbourliness and Alliance in the 21st Century",
        "Security Council Resolution 2231 was adopted",
        "resolutions 1970 (X) and 1973 (X)",
        "a total of 2000 were arrested",
        "some 2000 people attended",
        "from 1500 to 2000 troops",
        "455 Market Street, Office 1530 San Francisco",
        "in the near future",
        "adopted several days ago",
        "May I also express our appreciation",
        "in the fall of prices",
        "the last year of the decade",
        "over 9,000 students",
        "the 5+1 format",
        "COVID-19",
        "see document No. 2020 of the archive",
    ],
)
def test_not_times(text: str) -> None:
    assert find_times(text, "2020-06-09") == ()


def test_ambiguous_slash_date_keeps_only_the_year() -> None:
    assert times("02/10/2015 A/70/PV.26") == [("2015", "2015", "year")]


# -- the seeds ------------------------------------------------------------------------------------


def test_seed_times(seeds_dir: Path) -> None:
    expected = {
        "000_dcdf88f1eee1e937": (
            "2024-04-30",
            ["2024-04-30", "2024-03-14", "2022-11", "2023-03", "2024-04-30"],
        ),
        "001_f5163b51cb7a6d71": (
            "2023-04-11",
            [
                "2023-04-11",
                "2022",
                "2023",
                "2023-09/2023-11",
                "2022",
                "2023-03-02",
                "2023",
                "2023-04-11",
                "2016",
            ],
        ),
        "002_7816a060d7adb89d": (
            None,
            [
                "2013-11-11",
                "2015-01-01",
                "2020-05",
                "1994",
                "2025",
                "2018-12-06",
                "2018",
                "2021/2025",
                "2025",
            ],
        ),
        "003_beaa4c5bf991f464": (
            "2024-11-27",
            [
                "2024-11-27",
                "2023",
                "2024-01/2024-09",
                "2024-11-27",
                "2025",
                "2025-05-09",
                "2024-10",
                "2024-11-27",
            ],
        ),
        "004_43815ff14045d904": (
            "2020-06-09",
            [
                "2020-06-09",
                "2020-06-09",
                "2020-09/2020-11",
                "2020-06-24",
                "2020",
                "2019-09/2020-06",
            ],
        ),
    }
    for name, (ref, values) in expected.items():
        text = (seeds_dir / f"{name}.txt").read_text(encoding="utf-8")
        assert [t.value for t in find_times(text, ref)] == values, name


def test_stage() -> None:
    text = "In 2022, our presidents met at least 10 times."
    doc = Document("d", "test", text, published="2023-04-11")
    got = stage(doc, None, {})  # type: ignore[arg-type]  # the stage reads no context
    assert got == {"times": (TimeExpr(3, 7, "2022", "2022", "year", False),)}


# -- parse_iso ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2020", date(2020, 1, 1), date(2020, 12, 31)),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
        ("2020-06-09", date(2020, 6, 9), date(2020, 6, 9)),
        ("2024-01/2024-09", date(2024, 1, 1), date(2024, 9, 30)),
        ("2019-09/2020-06", date(2019, 9, 1), date(2020, 6, 30)),
        ("2019-04-14/2019-04-15", date(2019, 4, 14), date(2019, 4, 15)),
        ("2021/2025", date(2021, 1, 1), date(2025, 12, 31)),
        ("2020-06-09T17:46:00", date(2020, 6, 9), date(2020, 6, 9)),
    ],
)
def test_parse_iso(value: str, first: date, last: date) -> None:
    assert parse_iso(value) == (first, last)


@pytest.mark.parametrize("value", ["", "June 2020", "2020-13", "2020-02-30", "2021/2019", "1/2/3"])
def test_parse_iso_refuses(value: str) -> None:
    with pytest.raises(ValueError):
        parse_iso(value)


# -- properties -----------------------------------------------------------------------------------

FORMATS = (
    "{d} {Month} {y}",
    "{Month} {d}, {y}",
    "on {d} {Month} {y}.",
    "on {Month} {d}, {y}, the",
    "the {d}th of {Month} {y}",
    "{y}-{mm}-{dd}",
    "{dd}.{mm}.{y}",
    "{D} {Mon} {y}",
    "{d} {MONTH} {y}",
)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(FORMATS))
def test_formats_agree(day: date, fmt: str) -> None:
    month = MONTHS.split()[day.month - 1]
    text = fmt.format(
        d=day.day,
        D=day.day,
        dd=f"{day.day:02d}",
        mm=f"{day.month:02d}",
        y=day.year,
        Month=month,
        MONTH=month.upper(),
        Mon=month if month == "May" else month[:3] + ".",
    )
    found = find_times(text, None)
    assert [(t.value, t.precision) for t in found] == [(day.isoformat(), "day")], text


@given(st.text(), st.one_of(st.none(), st.dates().map(date.isoformat), st.text(max_size=12)))
def test_any_text(text: str, ref: str | None) -> None:
    found = find_times(text, ref)
    assert list(found) == sorted(found, key=lambda t: t.start)
    for t in found:
        assert t.text == text[t.start : t.end]
        parse_iso(t.value)


_PIECES = st.sampled_from(
    [
        " ",
        ", ",
        ". ",
        "\n",
        "in ",
        "on ",
        "the ",
        "between ",
        " and ",
        "-",
        "–",
        "/",
        "of ",
        "this ",
        "last ",
        "next ",
        "year",
        "month",
        "today",
        "autumn",
        "academic year",
        "May",
        "June",
        "Sept.",
        "DECEMBER",
        "9",
        "24",
        "2019",
        "2020",
        "20",
        "1990s",
        "Q3",
        "первая",
        "июня",
        "году",
        "в ",
        "USD ",
        "resolution ",
        "people",
    ]
)


@given(
    st.lists(_PIECES, max_size=14).map("".join),
    st.sampled_from([None, "2020", "2020-06", "2020-06-09"]),
)
def test_date_like_text(text: str, ref: str | None) -> None:
    found = find_times(text, ref)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for t in found:
        assert t.text == text[t.start : t.end]
        first, last = parse_iso(t.value)
        assert first <= last


def test_russian_relative_years_and_months_in_any_case() -> None:
    text = "За прошлый год. По итогам прошедшего года. В следующем месяце. В текущем году."
    got = [(t.text, t.value) for t in find_times(text, "2025-03-04")]
    assert got == [
        ("прошлый год", "2024"),
        ("прошедшего года", "2024"),
        ("следующем месяце", "2025-04"),
        ("текущем году", "2025"),
    ]
