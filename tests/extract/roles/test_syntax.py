"""Posts whose holder only the dependency parse finds: career clauses, appositions, concurrent
accreditations (sentences written for these tests)."""

from __future__ import annotations

import pytest

from bilateral.context import Context
from bilateral.extract.entities.stage import extract_entities
from bilateral.extract.roles.stage import extract_roles
from bilateral.ingest.segment import paragraphs, sentences
from bilateral.kb import KnowledgeBase
from bilateral.model import Document

RECORDS = {
    "countries.yaml": {
        "entities": [
            {"id": "country:KAZ", "name": "Kazakhstan", "official": ["Republic of Kazakhstan"]},
            {"id": "country:MYS", "name": "Malaysia"},
            {"id": "country:IDN", "name": "Indonesia", "official": ["Republic of Indonesia"]},
            {"id": "country:BRN", "name": "Brunei", "aliases": ["Brunei Darussalam"]},
        ]
    },
    "organizations.yaml": {
        "entities": [
            {"id": "org:ford", "name": "Ford Foundation"},
            {"id": "org:wwf", "name": "World Wildlife Fund"},
        ]
    },
    "places.yaml": {"entities": []},
    "people.yaml": {
        "entities": [
            {"id": "person:jane-doe", "name": "Jane Doe"},
            {"id": "person:ali-sultanov", "name": "Ali Sultanov"},
        ]
    },
}


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(kb=KnowledgeBase.from_records(RECORDS))


def _posts(ctx: Context, text: str, doc_type: str = "other") -> list[tuple[str, str, str | None]]:
    paras = paragraphs(text)
    doc = Document(
        id="d",
        source="test",
        text=text,
        doc_type=doc_type,
        paragraphs=paras,
        sentences=sentences(text, paras),
    )
    entities, mentions = extract_entities(doc, ctx)
    roles = extract_roles(doc, ctx.kb, entities, mentions, (), ctx.parser)
    for r in roles:
        assert all(e.check(text) for e in r.evidence)
    return [(r.person, r.title, r.of) for r in roles]


def test_a_predicate_after_was(ctx: Context) -> None:
    text = (
        "Before that, Jane Doe was director of the World Wildlife Fund, "
        "Senior Vice President of Programs at the Ford Foundation, and taught at a college."
    )
    # The small parser does not link the second title; the list of posts does: it is the same
    # holder's, of the body it is at, its portfolio in the title.
    assert _posts(ctx, text) == [
        ("person:jane-doe", "Director of the World Wildlife Fund", "org:wwf"),
        ("person:jane-doe", "Senior Vice President of Programs", "org:ford"),
    ]


def test_the_position_of_and_a_pronoun_subject(ctx: Context) -> None:
    text = (
        "Jane Doe spoke first. Before joining the team, she held the position of "
        "Executive Director at the Ford Foundation."
    )
    assert _posts(ctx, text) == [("person:jane-doe", "Executive Director", "org:ford")]


def test_a_biography_clause_without_subject_takes_the_body_of_the_clause(ctx: Context) -> None:
    text = (
        "Ali Sultanov\n\nAli Sultanov was born in 1970. "
        "Started his career at the Ford Foundation in 1995, worked as a third secretary "
        "at the World Wildlife Fund."
    )
    assert _posts(ctx, text, "biography") == [
        ("person:ali-sultanov", "Third Secretary at World Wildlife Fund", "org:ford")
    ]


def test_concurrent_accreditation(ctx: Context) -> None:
    text = (
        "In 2004 Ali Sultanov was appointed Ambassador of the Republic of Kazakhstan to Malaysia "
        "with concurrent accreditation to the Republic of Indonesia and Brunei Darussalam."
    )
    assert _posts(ctx, text) == [
        ("person:ali-sultanov", "Ambassador to Malaysia", "country:KAZ"),
        ("person:ali-sultanov", "Ambassador to Republic of Indonesia", "country:KAZ"),
        ("person:ali-sultanov", "Ambassador to Brunei Darussalam", "country:KAZ"),
    ]
