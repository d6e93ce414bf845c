"""Military and police ranks before a name (kb/data/ranks.yaml) and the force the document names
for them (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from bilateral.context import Context
from bilateral.extract.entities.stage import extract_entities
from bilateral.extract.roles.posts import is_rank
from bilateral.extract.roles.ranks import is_police_rank
from bilateral.extract.roles.stage import extract_roles
from bilateral.ingest import build_document
from bilateral.ingest.text import RawDocument
from bilateral.kb import KnowledgeBase

RECORDS: dict[str, Any] = {
    "countries.yaml": {"entities": [{"id": "country:PHL", "name": "Philippines"}]},
    "organizations.yaml": {
        "entities": [
            {"id": "org:army", "name": "Philippine Army"},
            {"id": "org:pnp", "name": "Philippine National Police", "aliases": ["PNP"]},
        ]
    },
    "places.yaml": {"entities": []},
    "people.yaml": {"entities": []},
}


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(kb=KnowledgeBase.from_records(RECORDS))


def _roles(ctx: Context, text: str) -> tuple[list[str], list[tuple[str, str, str | None]]]:
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    entities, mentions = extract_entities(doc, ctx)
    names = {e.id: e.name for e in entities}
    roles = extract_roles(doc, ctx.kb, entities, mentions, (), ctx.parser)
    people = sorted(e.name for e in entities if e.type == "person")
    return people, sorted((names.get(r.person, r.person), r.title, r.of) for r in roles)


def test_ranks_before_names_are_posts_of_the_force_the_document_names(ctx: Context) -> None:
    text = (
        "The President went to the hospital where soldiers of the Philippine Army are treated.\n\n"
        "He sat with Corporal Ramon Dizon and PFC Lito Bautista, then with Staff Sergeant "
        "Arnel Cruz.\n\nPolice Senior Inspector Jose Ramos of the PNP thanked him.\n"
    )
    people, roles = _roles(ctx, text)
    assert people == ["Arnel Cruz", "Jose Ramos", "Lito Bautista", "Ramon Dizon"]
    assert roles == [
        ("Arnel Cruz", "Staff Sergeant", "org:army"),
        ("Jose Ramos", "Police Senior Inspector", "org:pnp"),
        ("Lito Bautista", "Private First Class", "org:army"),
        ("Ramon Dizon", "Corporal", "org:army"),
    ]


def test_a_rank_without_a_name_is_no_post(ctx: Context) -> None:
    _, roles = _roles(ctx, "The sergeant said the Private sector will help the Philippine Army.\n")
    assert roles == []


def test_rank_titles() -> None:
    assert is_rank("Lieutenant General") and is_rank("Private First Class")
    assert not is_rank("Attorney General") and not is_rank("Consul General")
    assert is_police_rank("Police Chief Superintendent") and is_police_rank("Inspector")
    assert not is_police_rank("Staff Sergeant")


def test_a_portfolio_word_is_no_part_of_the_name_after_it(ctx: Context) -> None:
    people, roles = _roles(ctx, "Secretary of Agriculture Manuel Pinto arrived at noon.\n")
    assert people == ["Manuel Pinto"]
    assert roles == [("Manuel Pinto", "Secretary of Agriculture", None)]


def test_a_units_ordinal_is_part_of_its_name_and_both_titles_are_held(ctx: Context) -> None:
    text = (
        "Commander of the 7th Infantry Brigade Colonel Pedro Ramos spoke to the Philippine Army.\n"
    )
    people, roles = _roles(ctx, text)
    assert people == ["Pedro Ramos"]
    assert [r[:2] for r in roles] == [
        ("Pedro Ramos", "Colonel"),
        ("Pedro Ramos", "Commander of the 7th Infantry Brigade"),
    ]
    assert roles[0][2] == "org:army"


def test_ranked_names_in_a_transcript(ctx: Context) -> None:
    text = (
        "PRESIDENT MARCOS: How are you feeling?\n\n"
        "PFC SALAZAR: Much better, sir. Sergeant Jose Dela Rosa brought me here, sir.\n\n"
        "PRESIDENT MARCOS: Thank Sgt. Dela Rosa for me.\n"
    )
    people, roles = _roles(ctx, text)
    assert people == ["Jose Dela Rosa", "Marcos", "Salazar"]
    assert roles == [
        ("Jose Dela Rosa", "Sergeant", None),
        ("Marcos", "President", None),
        ("Salazar", "Private First Class", None),
    ]


def test_the_unit_in_brackets_after_the_name_is_the_ranks_body(ctx: Context) -> None:
    text = (
        "The President visited wounded men of the Coast Security Command (CSC) and the "
        "Philippine Army.\n\n* Sgt. Pedro Lim (CSC)\n* Ssg. Mario Tan (Philippine Army)\n"
    )
    people, roles = _roles(ctx, text)
    assert people == ["Mario Tan", "Pedro Lim"]
    assert [(p, t) for p, t, _ in roles] == [
        ("Mario Tan", "Staff Sergeant"),
        ("Pedro Lim", "Sergeant"),
    ]
    assert roles[0][2] == "org:army" and roles[1][2] not in (None, "org:army")


def test_filipino_personal_articles_and_places_after_in(ctx: Context) -> None:
    text = "Sabi ni Mr. Lopez, maski si Ramos noon, the hostages are still in Tawi.\n"
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    entities, _ = extract_entities(doc, ctx)
    assert sorted((e.type, e.name) for e in entities) == [
        ("person", "Lopez"),
        ("person", "Ramos"),
        ("place", "Tawi"),
    ]


def test_a_signature_in_capitals_over_its_post(ctx: Context) -> None:
    text = (
        "The order takes effect at once.\n\nBy the President:\n\n"
        "(Sgd.) PABLO M. REYES\nExecutive Secretary\n"
    )
    people, roles = _roles(ctx, text)
    assert people == ["Pablo M. Reyes"]
    assert roles == [("Pablo M. Reyes", "Executive Secretary", None)]


def test_a_services_initials_after_the_name_and_a_base_is_no_force(ctx: Context) -> None:
    text = (
        "Officers of the Philippine Army met hosts from the Royal Air Force Base in Darwin.\n\n"
        "Major Dennis Abad PA and Corporal Felix Uy PN were decorated.\n"
    )
    people, roles = _roles(ctx, text)
    assert people == ["Dennis Abad", "Felix Uy"]
    assert roles == [
        ("Dennis Abad", "Major", "org:army"),
        ("Felix Uy", "Corporal", "org:army"),
    ]
