"""Posts of publishers nobody tuned for (session 6): what a "for" names is a portfolio, a
state's adjective before a portfolio and a title, a deputy's state from the leader his title
deputises for, the state a sentence leaves to the one holder no other post accounts for, and a
body set off after a post in a list line."""

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
            {"id": "country:NOR", "name": "Norway", "adjectives": ["Norwegian"]},
            {"id": "country:FIN", "name": "Finland", "adjectives": ["Finnish"]},
            {"id": "country:PRT", "name": "Portugal", "adjectives": ["Portuguese"]},
            {"id": "country:CHL", "name": "Chile", "adjectives": ["Chilean"]},
        ]
    },
    "organizations.yaml": {"entities": []},
    "places.yaml": {"entities": [{"id": "place:andes", "name": "Andes"}]},
    "people.yaml": {
        "entities": [
            {
                "id": "person:ola-lie",
                "name": "Ola Lie",
                "terms": [
                    {"title": "Foreign Minister", "of": "country:NOR", "start": "2010-01-01"}
                ],
            },
        ]
    },
}


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(kb=KnowledgeBase.from_records(RECORDS))


def _roles(ctx: Context, text: str) -> list[tuple[str, str, str | None]]:
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    doc = replace(doc, published="2015-05-05")
    entities, mentions = extract_entities(doc, ctx)
    names = {e.id: e.name for e in entities}
    roles = extract_roles(doc, ctx.kb, entities, mentions, (), ctx.parser)
    for r in roles:
        assert all(e.check(doc.text) for e in r.evidence)
    body = {r.of: (ctx.kb.get(r.of) or None) for r in roles if r.of}
    names.update({k: e.name for k, e in body.items() if k and e is not None and k not in names})
    return [(names.get(r.person, r.person), r.title, names.get(r.of or "", r.of)) for r in roles]


def test_a_for_names_the_portfolio_and_the_state_before_the_title_wins(ctx: Context) -> None:
    text = "The Finnish Special Envoy for Chile Anna Koski arrived on Monday."
    assert _roles(ctx, text) == [("Anna Koski", "Special Envoy for Chile", "Finland")]


def test_a_place_after_for_is_never_the_body(ctx: Context) -> None:
    text = "The Norwegian Special Envoy for the Peaks of the Andes Per Dahl arrived on Monday."
    rows = _roles(ctx, text)
    assert [(p, o) for p, _, o in rows] == [("Per Dahl", "Norway")]


def test_a_states_adjective_before_a_portfolio_and_a_title(ctx: Context) -> None:
    text = "Yesterday, Portuguese Fisheries Vice Minister Rui Costa opened the fair in Porto."
    assert _roles(ctx, text) == [("Rui Costa", "Fisheries Vice Minister", "Portugal")]


def test_a_deputy_takes_the_state_of_the_leader_his_title_deputises_for(ctx: Context) -> None:
    text = (
        "Chilean President Juan Soto stayed at home this year, and Vice President Marta Gil "
        "attended instead."
    )
    rows = _roles(ctx, text)
    assert ("Marta Gil", "Vice President", "Chile") in rows


def test_the_state_no_other_holders_post_is_of(ctx: Context) -> None:
    text = (
        "Led by Deputy Prime Minister Eva Nyman and Foreign Minister Ola Lie, Finland and Norway "
        "signed the accord."
    )
    rows = _roles(ctx, text)
    assert ("Eva Nyman", "Deputy Prime Minister", "Finland") in rows


def test_leaders_of_two_states_in_one_sentence_stay_apart(ctx: Context) -> None:
    text = "The talks that President Juan Soto and Prime Minister Lund began were welcomed."
    rows = _roles(ctx, text)
    assert ("Lund", "Prime Minister", None) in rows


def test_a_body_set_off_after_the_posts_of_a_list_line(ctx: Context) -> None:
    text = (
        "The participants were:\n"
        "1. Ana Ruiz, President and CEO, National Harbour League\n"
        "2. Ben Ode, Executive Director, Coastal Action Network\n"
    )
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    entities, _ = extract_entities(doc, ctx)
    orgs = sorted(e.name for e in entities if e.type == "organization")
    assert orgs == ["Coastal Action Network", "National Harbour League"]
    rows = _roles(ctx, text)
    assert ("Ana Ruiz", "President", "National Harbour League") in rows
    assert ("Ben Ode", "Executive Director", "Coastal Action Network") in rows


def test_the_president_of_a_numbered_session_of_a_body_and_a_body_before_a_region(
    ctx: Context,
) -> None:
    kb = KnowledgeBase.from_records(
        {
            **RECORDS,
            "organizations.yaml": {
                "entities": [
                    {"id": "org:ga", "name": "General Assembly", "aliases": ["UNGA"]},
                    {"id": "org:sc", "name": "Security Council"},
                    {"id": "org:nsc", "name": "National Security Council"},
                ]
            },
        }
    )
    with_bodies = Context(kb=kb)
    text = (
        "We thank Mr. Ivo Bran for his work as President of the fifty-first session of the "
        "General Assembly, and we congratulate Ms. Rosa Vale on her election as the President "
        "of the 52nd UNGA Session."
    )
    rows = _roles(with_bodies, text)
    assert (
        "Ivo Bran",
        "President of the Fifty-First Session of the General Assembly",
        "General Assembly",
    ) in rows
    assert ("Rosa Vale", "President of the 52nd UNGA Session", "General Assembly") in rows
    text = "The delegation was led by National Security Council Arctic Coordinator Tom Berg."
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    entities, _ = extract_entities(doc, with_bodies)
    assert [e.name for e in entities if e.type == "organization"] == ["National Security Council"]
    assert _roles(with_bodies, text) == [
        ("Tom Berg", "National Security Council Arctic Coordinator", "National Security Council")
    ]


def test_a_chain_of_titles_before_a_name_is_all_his(ctx: Context) -> None:
    text = (
        "Deputy Assistant to the President and Deputy Energy Security Advisor Lars Holm opened "
        "the session."
    )
    rows = sorted(_roles(ctx, text))
    assert rows == [
        ("Lars Holm", "Deputy Assistant to the President", None),
        ("Lars Holm", "Deputy Energy Security Advisor", None),
    ]


def _entities(ctx: Context, text: str) -> list[tuple[str, str]]:
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    entities, _ = extract_entities(doc, ctx)
    return sorted((e.name, e.type) for e in entities)


def test_a_states_adjective_and_a_portfolio_before_a_title_are_no_body(ctx: Context) -> None:
    text = "Finnish Forestry Vice Minister Aino Lahti and Portuguese officials toured the mill."
    assert ("Finnish Forestry", "organization") not in _entities(ctx, text)


def test_a_first_name_misspelt_by_one_letter_is_the_same_person(ctx: Context) -> None:
    text = (
        "Minister Bernard K. Lindqvist arrived on Monday. On Tuesday, Minister Bernardo K. "
        "Lindqvist met the press."
    )
    persons = [n for n, t in _entities(ctx, text) if t == "person"]
    assert len(persons) == 1


def test_a_bridge_is_a_place(ctx: Context) -> None:
    text = "Traffic resumed after the repair of the Harold Wendt Memorial Bridge in the north."
    assert ("Harold Wendt Memorial Bridge", "place") in _entities(ctx, text)


def test_a_field_in_lower_case_between_a_post_and_its_body(ctx: Context) -> None:
    kb = KnowledgeBase.from_records(
        {
            **RECORDS,
            "organizations.yaml": {"entities": [{"id": "org:nb", "name": "Nordic Bank"}]},
        }
    )
    text = "Eva Lund, head of investor relations of the Nordic Bank, spoke to the press."
    assert _roles(Context(kb=kb), text) == [
        ("Eva Lund", "Head of Investor Relations of the Nordic Bank", "Nordic Bank")
    ]
