"""Post shapes of readouts and releases: a holder named in part, a head of government in the
publisher's readout, the body before a bracketed acronym or after a comma in a list line, a state
before a "for" portfolio, a second title before the name, advisers to the President, a session's
president, "his election as"."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bilateral.context import Context
from bilateral.extract.entities.stage import extract_entities
from bilateral.extract.roles.stage import extract_roles
from bilateral.ingest import build_document
from bilateral.ingest.text import RawDocument
from bilateral.kb import KnowledgeBase

RECORDS: dict[str, Any] = {
    "countries.yaml": {
        "entities": [
            {"id": "country:USA", "name": "United States", "aliases": ["U.S."]},
            {"id": "country:IRQ", "name": "Iraq"},
            {"id": "country:ARG", "name": "Argentina", "adjectives": ["Argentine"]},
            {"id": "country:TON", "name": "Tonga"},
        ]
    },
    "organizations.yaml": {
        "entities": [
            {"id": "org:unga", "name": "General Assembly"},
            {"id": "org:trade-dept", "name": "Department of Commerce and Mines"},
            {"id": "org:civic-league", "name": "Civic Renewal League"},
        ]
    },
    "places.yaml": {"entities": []},
    "people.yaml": {
        "entities": [
            {"id": "person:omar-al-rashidi", "name": "Omar al-Rashidi"},
        ]
    },
}


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(kb=KnowledgeBase.from_records(RECORDS))


def _roles(
    ctx: Context, text: str, publisher: str | None = None
) -> list[tuple[str, str, str | None]]:
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    doc = replace(doc, published="2022-05-05", publisher=publisher)
    entities, mentions = extract_entities(doc, ctx)
    names = {e.id: e.name for e in entities}
    roles = extract_roles(doc, ctx.kb, entities, mentions, (), ctx.parser)
    for r in roles:
        assert all(e.check(doc.text) for e in r.evidence)
    return [(names.get(r.person, r.person), r.title, r.of) for r in roles if r.source == "text"]


def test_a_head_of_government_in_a_readout_is_of_the_state_the_sentence_is_set_in() -> None:
    kb = KnowledgeBase.from_records(RECORDS)
    got = _roles(
        Context(kb=kb),
        "In Tonga, Prime Minister Tupou stressed the value of working with the United States.",
        publisher="White House",
    )
    assert got == [("Tupou", "Prime Minister", "country:TON")]


def test_a_holder_named_in_part_is_the_person_named_in_full(ctx: Context) -> None:
    text = (
        "The Prime Minister of Iraq, Omar al-Rashidi, will visit. "
        "Prime Minister Omar al-Rashidi of Iraq met the Secretary."
    )
    got = _roles(ctx, text)
    assert ("Omar al-Rashidi", "Prime Minister", "country:IRQ") in got
    assert {name for name, _, _ in got} == {"Omar al-Rashidi"}


def test_the_body_before_a_bracketed_acronym_is_what_the_post_is_of(ctx: Context) -> None:
    text = (
        "Department of Commerce and Mines (DCM) Undersecretary for Export Promotion Rosa Lim spoke."
    )
    assert _roles(ctx, text) == [
        (
            "Rosa Lim",
            "Undersecretary for Export Promotion of Department of Commerce and Mines",
            "org:trade-dept",
        )
    ]


def test_a_list_line_names_the_body_after_the_posts(ctx: Context) -> None:
    text = "Guests:\n\n1. Jane Okafor, President and CEO, Civic Renewal League\n"
    assert _roles(ctx, text) == [
        ("Jane Okafor", "President", "org:civic-league"),
        ("Jane Okafor", "CEO", "org:civic-league"),
    ]


def test_a_state_before_the_title_wins_over_a_for_portfolio(ctx: Context) -> None:
    text = "He met Argentine Secretary for Strategic Affairs Secretary Pablo Ruiz on Friday."
    assert _roles(ctx, text) == [("Pablo Ruiz", "Secretary for Strategic Affairs", "country:ARG")]


def test_a_second_title_before_the_name_is_not_part_of_the_mission(ctx: Context) -> None:
    text = "It was led by Special Envoy to the Reef Islands Forum Ambassador Mary Dunn."
    assert _roles(ctx, text, publisher="White House") == [
        ("Mary Dunn", "Special Envoy to the Reef Islands Forum", "country:USA"),
        ("Mary Dunn", "Ambassador", "country:USA"),
    ]


def test_an_adviser_to_the_president_of_the_publishers_state(ctx: Context) -> None:
    text = "Attending:\n\n1. Lila Grant, Senior Advisor to the President for Civic Outreach\n"
    assert _roles(ctx, text, publisher="White House") == [
        ("Lila Grant", "Senior Advisor to the President for Civic Outreach", "country:USA")
    ]


def test_the_president_of_a_session_and_his_election_as_such(ctx: Context) -> None:
    text = (
        "We thank Mr. Karl Berg, President of the 60th session of the General Assembly. "
        "I congratulate Ms. Ana Paz on her election as the President of the 61st Session of "
        "the General Assembly."
    )
    assert _roles(ctx, text) == [
        ("Karl Berg", "President of the 60th Session of the General Assembly", "org:unga"),
        ("Ana Paz", "President of the 61st Session of the General Assembly", "org:unga"),
    ]
