"""Names as documents from other publishers write them: a surname after a full name, a surname
at a date, buildings, hyphen compounds, particles, titles the KB step does not know. Sentences
written for these tests; a small KB built here."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from tests.extract.entities.test_entities import RECORDS

from bilateral.context import Context
from bilateral.extract.entities.stage import extract_entities
from bilateral.kb import KnowledgeBase
from bilateral.model import Document


def _person(pid: str, name: str, title: str, of: str, start: str, end: str | None) -> Any:
    return {
        "id": pid,
        "name": name,
        "terms": [{"title": title, "of": of, "start": start, "end": end}],
    }


@pytest.fixture(scope="module")
def ctx() -> Context:
    records = copy.deepcopy(RECORDS)
    records["people.yaml"]["entities"] += [
        _person(
            "person:roman-weber",
            "Roman Weber",
            "President",
            "country:RUS",
            "1994-07-01",
            "1999-06-30",
        ),
        _person(
            "person:olga-weber",
            "Olga Weber",
            "Minister of Foreign Affairs",
            "country:KAZ",
            "1996-01-01",
            "2001-01-01",
        ),
    ]
    return Context(kb=KnowledgeBase.from_records(records))


def _names(ctx: Context, text: str, date: str | None = None) -> list[tuple[str, str, str]]:
    """(mention text, entity name, type) in text order."""
    ents, mentions = extract_entities(Document(id="d", source="t", text=text, published=date), ctx)
    name = {e.id: e.name for e in ents}
    return [(m.text, name[m.entity], m.type) for m in mentions]


def test_a_surname_names_the_full_name_of_the_document_before_the_kb(ctx: Context) -> None:
    text = "The Chancellor received President Anna Weber of Russia. President Weber thanked him."
    assert _names(ctx, text, "2023-05-02") == [
        ("Anna Weber", "Anna Weber", "person"),
        ("Russia", "Russia", "country"),
        ("Weber", "Anna Weber", "person"),
    ]


def test_a_surname_alone_names_the_kb_bearer_in_office_at_the_date(ctx: Context) -> None:
    assert _names(ctx, "President Weber arrived in Moscow.", "1995-03-01")[0] == (
        "Weber",
        "Roman Weber",
        "person",
    )
    # Two bearers in office then: the title before the surname decides.
    assert _names(ctx, "Minister Weber arrived in Moscow.", "1997-03-01")[0] == (
        "Weber",
        "Olga Weber",
        "person",
    )
    # Neither in office: not a KB person.
    assert ("Weber", "Roman Weber", "person") not in _names(
        ctx, "President Weber arrived in Moscow.", "2015-03-01"
    )


def test_named_buildings_and_rooms_are_places(ctx: Context) -> None:
    text = "The two ministers met in the Jefferson Room and later joined the Hall of Fame."
    assert _names(ctx, text) == [("Jefferson Room", "Jefferson Room", "place")]


def test_a_place_glued_to_an_unknown_word_is_part_of_it(ctx: Context) -> None:
    text = "A Moscow-based group spoke of a Euro-Caspian dialogue and Russia-Kazakhstan ties."
    assert [(n, t) for _, n, t in _names(ctx, text)] == [
        ("Moscow", "place"),
        ("Russia", "country"),
        ("Kazakhstan", "country"),
    ]


def test_honorific_names_outrank_places_and_may_open_with_a_particle(ctx: Context) -> None:
    text = "We thank Mr. Anton Paris for his work, and Mr. van Dijk for his."
    assert _names(ctx, text) == [
        ("Anton Paris", "Anton Paris", "person"),
        ("van Dijk", "van Dijk", "person"),
    ]


def test_spelling_variants_join_the_name_they_spell(ctx: Context) -> None:
    text = (
        "Kassym-Jomart Tokayev received Sergey Lavrov in Astana. Later, Sergey Lavrof and "
        "Mr. Tokaev spoke to the press; Mr. Tokayeva did not."
    )
    found = [(t, n) for t, n, k in _names(ctx, text) if k == "person"]
    assert found == [
        ("Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev"),
        ("Sergey Lavrov", "Sergey Lavrov"),
        ("Sergey Lavrof", "Sergey Lavrov"),
        ("Tokaev", "Kassym-Jomart Tokayev"),
        ("Tokayeva", "Tokayeva"),
    ]


def test_an_initial_and_a_surname_name_the_kb_bearer_of_that_initial(ctx: Context) -> None:
    text = "The envoy S.Lavrov spoke, and R. Weber listened."
    assert _names(ctx, text, "1996-05-05") == [
        ("S.Lavrov", "Sergey Lavrov", "person"),
        ("R. Weber", "Roman Weber", "person"),
    ]


def test_a_legislature_without_its_state_is_that_of_the_state_named_most(ctx: Context) -> None:
    records = copy.deepcopy(RECORDS)
    records["organizations.yaml"]["entities"].append(
        {
            "id": "org:us-congress",
            "name": "United States Congress",
            "aliases": ["US Congress"],
            "country": "country:USA",
        }
    )
    kb_ctx = Context(kb=KnowledgeBase.from_records(records), nlp=ctx.nlp)
    text = "The US will ask Congress for funds; Russia noted the Library of Congress."
    found = _names(kb_ctx, text)
    assert found[:3] == [
        ("US", "United States", "country"),
        ("Congress", "United States Congress", "organization"),
        ("Russia", "Russia", "country"),
    ]
    assert [n for _, n, _ in found].count("United States Congress") == 1
    assert ("Congress", "United States Congress", "organization") not in _names(
        kb_ctx, "Russia will ask Congress for funds."
    )


def test_a_government_of_a_state_named_with_of(ctx: Context) -> None:
    text = "The Government of the Republic of Kazakhstan agreed."
    assert _names(ctx, text)[0] == (
        "Government of the Republic of Kazakhstan",
        "Government of Kazakhstan",
        "organization",
    )
