"""Persons named by part of their name (persons.py) and the model's title-case noise (ner.py):
speaker labels, a title and a surname, spouses, middle names, companies by their legal form.
Sentences written for these tests; a small KB built here, with one generated official."""

from __future__ import annotations

import copy

import pytest
from tests.extract.entities.test_entities import RECORDS

from bilateral.context import Context
from bilateral.extract.entities.stage import extract_entities
from bilateral.kb import KnowledgeBase
from bilateral.model import Document, Turn

GENERATED = {
    "people.generated.json": {
        "entities": [
            {
                "id": "person:pavel-arno-veskin",
                "name": "Pavel Arno Veskin",
                "aliases": ["Pavel Veskin"],
                "country": "country:ROU",
                "terms": [
                    {"title": "President", "of": "country:ROU", "attested": ["2019", "2022"]}
                ],
            },
            {
                "id": "person:ida-veskin",
                "name": "Ida Veskin",
                "country": "country:MEX",
                "terms": [{"title": "Minister for Foreign Affairs", "of": "country:MEX"}],
            },
            {"id": "person:omer-ardlow", "name": "Omer Ardlow", "country": "country:OMN"},
        ]
    }
}


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(kb=KnowledgeBase.from_records(copy.deepcopy(RECORDS), GENERATED))


def _names(
    ctx: Context, text: str, date: str | None = None, turns: tuple[Turn, ...] = ()
) -> list[tuple[str, str, str]]:
    doc = Document(id="d", source="t", text=text, published=date, turns=turns)
    ents, mentions = extract_entities(doc, ctx)
    name = {e.id: e.name for e in ents}
    return [(m.text, name[m.entity], m.type) for m in mentions]


def _turns(text: str) -> tuple[Turn, ...]:
    starts = [i for i, line in _lines(text) if ":" in line[:40]]
    ends = [*(s - 1 for s in starts[1:]), len(text)]
    return tuple(Turn(s, e, "", "remarks") for s, e in zip(starts, ends, strict=True))


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def test_a_speaker_label_names_the_official_in_post_at_the_date(ctx: Context) -> None:
    text = "PRESIDENT VESKIN: Good morning.\nMS. DORANTE-LEE: Thank you, sir.\nQ: And trade?"
    assert _names(ctx, text, "2021-04-02", _turns(text)) == [
        ("VESKIN", "Pavel Arno Veskin", "person"),
        ("DORANTE-LEE", "Dorante-Lee", "person"),
    ]


def test_a_speaker_label_joins_the_full_name_of_the_document(ctx: Context) -> None:
    text = "Remarks by Prime Minister Tomas Ubeda.\nPRIME MINISTER UBEDA: We are glad."
    names = _names(ctx, text, "2021-04-02", _turns(text))
    assert ("UBEDA", "Tomas Ubeda", "person") in names


def test_a_generated_official_needs_the_post_and_the_date(ctx: Context) -> None:
    assert _names(ctx, "President Veskin of Romania arrived.", "2021-04-02")[0] == (
        "Veskin",
        "Pavel Arno Veskin",
        "person",
    )
    # Out of office then: a person of that surname, not the KB's.
    assert _names(ctx, "President Veskin of Romania arrived.", "2009-04-02")[0] == (
        "Veskin",
        "Veskin",
        "person",
    )


def test_a_title_and_a_surname_name_a_person(ctx: Context) -> None:
    text = "Readout of the Call with President Ardlow of Oman. Noam Ardlow spoke of trade."
    assert _names(ctx, text, "2023-03-01")[:3] == [
        ("Ardlow", "Noam Ardlow", "person"),
        ("Oman", "Oman", "country"),
        ("Noam Ardlow", "Noam Ardlow", "person"),
    ]
    # A common noun of the document is no surname; a modifier is no title.
    assert _names(ctx, "The General Debate opened; the debate went on.", "2023-03-01") == []


def test_a_surname_joins_the_nearest_full_name_before_it(ctx: Context) -> None:
    # The KB knows the father; the document names the daughter first.
    text = "President Lina Ardlow met us. Later, Ardlow recalled her father Omer Ardlow."
    assert [n for _, n, _ in _names(ctx, text)] == ["Lina Ardlow", "Lina Ardlow", "Omer Ardlow"]


def test_the_wife_of_a_leader_is_another_person(ctx: Context) -> None:
    text = "Welcome, Prime Minister Hiro Tanabe and Madam Tanabe. Mrs. Tanabe visited a school."
    assert _names(ctx, text) == [
        ("Hiro Tanabe", "Hiro Tanabe", "person"),
        ("Madam Tanabe", "Madam Tanabe", "person"),
        ("Mrs. Tanabe", "Madam Tanabe", "person"),
    ]
    # A woman's honorific alone is the woman named.
    assert _names(ctx, "Mrs. Lina Ardlow spoke. Mrs. Ardlow thanked the hosts.") == [
        ("Lina Ardlow", "Lina Ardlow", "person"),
        ("Ardlow", "Lina Ardlow", "person"),
    ]
    assert ("President", "President", "person") not in _names(ctx, "It is Mr. President's city.")


def test_names_that_differ_only_by_middle_names_are_one_person(ctx: Context) -> None:
    text = "Mr. Rafael Ocho Benitez arrived. Mr. Rafael Benitez spoke; Dr. Rafael O. Benitez too."
    assert {n for _, n, _ in _names(ctx, text)} == {"Rafael Ocho Benitez"}
    text = "Dr. Jonas A. Smithers and Dr. Jonas B. Smithers came."
    assert [n for _, n, _ in _names(ctx, text)] == ["Jonas A. Smithers", "Jonas B. Smithers"]


def test_a_company_by_its_legal_form(ctx: Context) -> None:
    text = "Doses from Velmora, Inc. and pumps from Tarso Heavy Works Ltd. were shipped."
    assert _names(ctx, text) == [
        ("Velmora, Inc.", "Velmora", "organization"),
        ("Tarso Heavy Works Ltd.", "Tarso Heavy Works", "organization"),
    ]


def test_title_case_fragments_are_no_persons(ctx: Context) -> None:
    text = (
        "Minister Delivers Speech Before Leaving\n\nThe minister's speech was short. The"
        " Arleigh Burke-class destroyer USS Dale Moreno docked. The Houthis met Doug Tisdown."
        " The Moreno crew went ashore."
    )
    persons = [t for t, _, kind in _names(ctx, text) if kind == "person"]
    assert persons == ["Doug Tisdown"]


def test_a_nominee_with_his_home_state(ctx: Context) -> None:
    text = "Nominations\n\nWalter P. Osgood, of Vermont, to be an Ambassador of the United States."
    assert _names(ctx, text)[0] == ("Walter P. Osgood", "Walter P. Osgood", "person")


def test_a_generated_official_a_few_years_before_the_years_attested(ctx: Context) -> None:
    # Attested as President in 2019 and 2022 (UN speeches); in post in 2016 as well.
    text = "President Veskin landed in Rome. Mr. Veskin thanked the hosts."
    assert _names(ctx, text, "2016-05-02") == [
        ("Veskin", "Pavel Arno Veskin", "person"),
        ("Rome", "Rome", "place"),
        ("Veskin", "Pavel Arno Veskin", "person"),
    ]


def test_the_second_word_of_a_title_is_tried_as_a_title(ctx: Context) -> None:
    text = "We back the talks of President Caldeira and Prime Minister Voskuil on water."
    assert [t for t, _, kind in _names(ctx, text) if kind == "person"] == ["Caldeira", "Voskuil"]


def test_a_title_in_the_plural_before_two_surnames(ctx: Context) -> None:
    text = "The review, chaired by Ambassadors Tavernier and Okonjo, was welcomed."
    assert _names(ctx, text) == [
        ("Tavernier", "Tavernier", "person"),
        ("Okonjo", "Okonjo", "person"),
    ]


def test_a_surname_with_a_post_in_apposition(ctx: Context) -> None:
    text = "We asked Marvella, the Secretary of the Cabinet, for the figures."
    assert _names(ctx, text) == [("Marvella", "Marvella", "person")]


def test_a_mention_spans_middle_initials_and_a_suffix(ctx: Context) -> None:
    text = "Mr. Rafael Benitez arrived. Rafael T. Benitez Jr. spoke at noon."
    names = _names(ctx, text)
    assert [t for t, _, _ in names] == ["Rafael Benitez", "Rafael T. Benitez Jr."]
    assert len({n for _, n, _ in names}) == 1


def test_no_surname_in_a_heading_or_an_abbreviated_first_name(ctx: Context) -> None:
    text = (
        "Foreign Secretary Remarks at the Annual Diplomatic Reception\n\n"
        "Police Superintendent Ma. Lucia Ferrer was there."
    )
    assert [t for t, _, kind in _names(ctx, text) if kind == "person"] == ["Lucia Ferrer"]


def test_a_title_case_clause_is_no_person(ctx: Context) -> None:
    text = "Further steps, As May Be Deemed Necessary, will follow."
    assert [t for t, _, kind in _names(ctx, text) if kind == "person"] == []
