"""Posts named by capitalised words no list holds ("Water Policy Advisor"), abbreviated titles
("Sen.", "Usec."), the state whose head a text names most where no publisher says whose officials
it names, and forms of address ("Mr. President") that are no one's post."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bilateral.context import Context
from bilateral.extract.entities.stage import extract_entities
from bilateral.extract.roles.posts import open_lead
from bilateral.extract.roles.stage import extract_roles
from bilateral.ingest import build_document
from bilateral.ingest.text import RawDocument
from bilateral.kb import KnowledgeBase

RECORDS: dict[str, Any] = {
    "countries.yaml": {
        "entities": [
            {"id": "country:NOR", "name": "Norway", "adjectives": ["Norwegian"]},
            {"id": "country:CHL", "name": "Chile", "adjectives": ["Chilean"]},
        ]
    },
    "organizations.yaml": {"entities": []},
    "places.yaml": {"entities": []},
    "people.yaml": {
        "entities": [
            {
                "id": "person:per-dahl",
                "name": "Per Dahl",
                "terms": [{"title": "Prime Minister", "of": "country:NOR", "start": "2010-01-01"}],
            },
        ]
    },
}


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(kb=KnowledgeBase.from_records(RECORDS))


def _roles(ctx: Context, text: str) -> list[tuple[str, str, str | None]]:
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    doc = replace(doc, published="2015-05-05", doc_type="news")
    entities, mentions = extract_entities(doc, ctx)
    names = {e.id: e.name for e in entities}
    roles = extract_roles(doc, ctx.kb, entities, mentions, (), ctx.parser)
    for r in roles:
        assert all(e.check(doc.text) for e in r.evidence)
    return [(names.get(r.person, r.person), r.title, r.of) for r in roles if r.source == "text"]


def test_capitalised_words_before_a_title_name_the_post(ctx: Context) -> None:
    text = "Water Policy Advisor Lena Moss spoke first. Olav Berg, Rural Housing Advisor, replied."
    assert _roles(ctx, text) == [
        ("Lena Moss", "Water Policy Advisor", None),
        ("Olav Berg", "Rural Housing Advisor", None),
    ]


def test_a_bracketed_acronym_between_the_portfolio_and_the_title(ctx: Context) -> None:
    text = "The talks were led by Fisheries Affairs (FA) Secretary Lena Moss in Bergen."
    # The acronym names a body (the entities stage reads "FA" as one): the post is of it.
    ((name, title, of),) = _roles(ctx, text)
    assert (name, title) == ("Lena Moss", "Fisheries Affairs Secretary")
    assert of is not None and of.startswith("org:")


def test_function_words_adjectives_and_long_title_case_runs_stop_the_post(ctx: Context) -> None:
    text = "Today Secretary Lena Moss met Chilean Minister Olav Berg in Oslo."
    assert _roles(ctx, text) == [
        ("Lena Moss", "Secretary", None),
        ("Olav Berg", "Minister", "country:CHL"),
    ]


def test_a_run_of_more_than_four_capitalised_words_is_a_heading(ctx: Context) -> None:
    text = "Notes on Grand Old Coastal Water Policy Advisor"
    at = text.index("Advisor")
    assert open_lead(text, at, {}, {}, ctx.kb) == (at, "")
    assert open_lead(text, at, {}, {}, ctx.kb, floor=text.index("Coastal")) == (
        text.index("Coastal"),
        "Coastal Water Policy",
    )


def test_abbreviated_titles(ctx: Context) -> None:
    text = "Sen. Lena Moss and Lt. Gen. Olav Berg visited the base; Usec. Anna Lie joined them."
    assert _roles(ctx, text) == [
        ("Lena Moss", "Senator", None),
        ("Olav Berg", "Lieutenant General", None),
        ("Anna Lie", "Undersecretary", None),
    ]


def test_a_texts_principal_state_for_its_officials_where_no_publisher_says(ctx: Context) -> None:
    text = (
        "Prime Minister Per Dahl opened the port in Tromso. He was joined by Executive Secretary "
        "Lena Moss and Prime Minister Per Dahl thanked the workers."
    )
    rows = _roles(ctx, text)
    assert ("Lena Moss", "Executive Secretary", "country:NOR") in rows


def test_a_form_of_address_is_no_ones_post(ctx: Context) -> None:
    text = "I am Lena Moss, Mr. President, and I have a question on the budget."
    assert _roles(ctx, text) == []


def test_formerly_before_a_post_in_apposition(ctx: Context) -> None:
    doc = build_document(
        RawDocument(
            source="x.txt",
            text="Lena Moss, formerly the Police Ombudsman in Bergen, will lead the review.",
            format="txt",
        )
    )
    doc = replace(doc, published="2015-05-05", doc_type="news")
    entities, mentions = extract_entities(doc, ctx)
    roles = extract_roles(doc, ctx.kb, entities, mentions, (), ctx.parser)
    assert [(r.title, r.status) for r in roles] == [("Police Ombudsman", "former")]


def test_a_generals_rank_is_of_the_state_the_text_is_about(ctx: Context) -> None:
    text = (
        "Prime Minister Per Dahl opened the port in Tromso. The mission is led by Lieutenant "
        "General Olav Berg."
    )
    assert ("Olav Berg", "Lieutenant General", "country:NOR") in _roles(ctx, text)
