"""Figures as speakers say them: numbers in words, a noun left unsaid, people known by what
befell them (sentences written for these tests)."""

from __future__ import annotations

import pytest

from bilateral.context import Context
from bilateral.extract.claims.numbers import find_quantities
from bilateral.extract.claims.stage import find_claims, stage
from bilateral.kb import load_kb
from bilateral.model import Claim, Document, Mention, TimeExpr

PHL = [Mention("t", 0, 0, "Philippines", "country:PHL", "country")] * 3


def _claims(text: str, mentions: list[Mention] | None = None) -> list[tuple[float, str, str]]:
    found: tuple[Claim, ...] = find_claims(Document("t", "test", text), (), mentions or [])
    return [(c.value, c.unit, c.indicator) for c in found]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("one point five million", 1.5e6),
        ("two point three percent", 2.3),
        ("a hundred and twenty", 120.0),
        ("a hundred thousand", 1e5),
        ("nine thousand four hundred", 9400.0),
        ("sixty-one thousand and two hundred", 61200.0),
        ("nearly a thousand", 1000.0),
    ],
)
def test_numbers_in_words_as_speech_says_them(text: str, value: float) -> None:
    assert [q.value for q in find_quantities(text)] == [value]


def test_a_spelled_year_is_not_read_as_one_number() -> None:
    # "two thousand and nine" stays what it was: two thousand, then nine
    assert [q.value for q in find_quantities("in two thousand and nine")] == [2000.0, 9.0]
    # "a hundred" alone is a manner of speaking
    assert find_quantities("I told him a hundred times") == ()


def test_people_known_by_what_befell_them() -> None:
    text = "There were 35 who drowned in the storm, 120 were injured and 2,000 were evacuated."
    assert _claims(text) == [
        (35.0, "persons", "drowned"),
        (120.0, "persons", "injured"),
        (2000.0, "persons", "evacuated"),
    ]


def test_some_of_them_and_a_number_counting_a_noun() -> None:
    text = "Nearly 600 of them surrendered; the other 40 villages stayed quiet."
    assert _claims(text) == [(600.0, "persons", "surrendered"), (40.0, "count", "villages")]


def test_a_noun_left_unsaid_is_the_figure_befores() -> None:
    text = "The clinic saw 480 patients in 2020, up from 350 in 2019."
    assert _claims(text) == [(480.0, "persons", "patients"), (350.0, "persons", "patients")]
    text = "Each nurse gets an allowance of 15,000 pesos, and each doctor gets 30,000."
    assert _claims(text, PHL) == [(15000.0, "PHP", "allowance"), (30000.0, "PHP", "allowance")]


def test_a_figure_of_its_own_after_a_percentage_takes_no_percent() -> None:
    text = "The town is 40% rural, 12 per square kilometre."
    assert _claims(text) == [(40.0, "percent", "percentage")]


def test_a_sum_standing_for_itself_before_a_preposition() -> None:
    text = "The city spent 4 billion on the new bridge, and the two ferries cost 80 million each."
    assert [(v, u) for v, u, _ in _claims(text, PHL)] == [(4e9, "PHP"), (80e6, "PHP")]


def test_the_publishers_table_gives_the_state_whose_pesos() -> None:
    text = "The mayor said the market will cost 45 million pesos."
    ctx = Context(load_kb())
    doc = Document("t", "test", text, publisher="Radio Television Malacañang")
    assert [(c.value, c.unit) for c in stage(doc, ctx, {"mentions": ()})["claims"]] == [
        (45e6, "PHP")
    ]


def test_others_that_a_verb_of_people_is_said_of_are_people() -> None:
    text = "Nine guards were killed and 31 others were hurt when the bridge fell."
    assert _claims(text) == [(9.0, "persons", "guards"), (31.0, "persons", "hurt")]


def test_a_partitive_counts_the_noun_after_its_determiner() -> None:
    text = "Some 300 of our nurses left, and 12 of the 40 clinics closed."
    assert _claims(text) == [(300.0, "persons", "specialists"), (40.0, "count", "hospitals")]


def test_a_capitalised_plural_names_a_people() -> None:
    text = "The valley is home to 80,000 Ifugaos and 5,000 NGOs work in 12 Provinces."
    assert _claims(text) == [
        (80000.0, "persons", "Ifugaos"),
        (5000.0, "count", "ngos"),
        (12.0, "count", "provinces"),
    ]


def test_a_fronted_range_from_one_year_to_another_dates_the_clause() -> None:
    text = "From 2011 to 2015, the port earned $3 billion."
    found = find_claims(
        Document("t", "test", text),
        [TimeExpr(5, 17, "2011 to 2015", "2011/2015", "range")],
        [],
    )
    assert [(c.value, c.period) for c in found] == [(3e9, "2011/2015")]


def test_a_sum_said_again_is_the_sum_said_before() -> None:
    text = (
        "In 2019 the army spent $70 billion on arms. That $70 billion could have fed a nation. "
        "With $70 billion we could build homes. In 2021 it spent $70 billion again."
    )
    times = [
        TimeExpr(3, 7, "2019", "2019", "year"),
        TimeExpr(text.index("2021"), text.index("2021") + 4, "2021", "2021", "year"),
    ]
    found = find_claims(Document("t", "test", text), times, [])
    assert [(c.value, c.period, len(c.evidence)) for c in found] == [
        (7e10, "2019", 3),
        (7e10, "2021", 1),
    ]
