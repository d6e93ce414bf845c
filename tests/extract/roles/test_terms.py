"""Posts over time and posts whose state the text leaves to the reader: the publisher's own
officials, heads of state, ranks (sentences written for these tests, run through the whole
pipeline with the packaged KB and the dependency parser)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bilateral import pipeline
from bilateral.context import Context
from bilateral.ingest import build_document
from bilateral.ingest.text import RawDocument
from bilateral.kb import load_kb

Row = tuple[str, str, str | None, str | None, str | None, str]


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(kb=load_kb())


def _terms(ctx: Context, text: str, publisher: str | None = None) -> list[Row]:
    """(holder, title, of, start, end, status) of the posts the text states."""
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    doc = replace(doc, published="2021-05-03", publisher=publisher)
    ex = pipeline.run(doc, ctx)
    names = {e.id: e.name for e in ex.entities}
    return [
        (names[r.person], r.title, r.of, r.start, r.end, r.status)
        for r in ex.roles
        if r.source == "text"
    ]


def test_from_to_is_a_former_term_and_since_a_held_one(ctx: Context) -> None:
    text = (
        "Anna Berg served as Minister of Culture of Norway from 2005 to 2007. Since March 2019 "
        "she has been the Ambassador of Norway to Chile."
    )
    assert _terms(ctx, text) == [
        ("Anna Berg", "Minister of Culture", "country:NOR", "2005", "2007", "former"),
        ("Anna Berg", "Ambassador to Chile", "country:NOR", "2019-03", None, "held"),
    ]


def test_former_and_elect(ctx: Context) -> None:
    text = "The former Prime Minister of Peru Juan Soto spoke. The President-elect of Peru Maria Lopez met him."
    assert _terms(ctx, text) == [
        ("Juan Soto", "Prime Minister", "country:PER", None, None, "former"),
        ("Maria Lopez", "President-elect", "country:PER", None, None, "planned"),
    ]


def test_appointed_in_a_year_starts_the_term(ctx: Context) -> None:
    text = "In 2003 Lars Holm was appointed Ambassador of Sweden to Chile."
    assert _terms(ctx, text) == [
        ("Lars Holm", "Ambassador to Chile", "country:SWE", "2003", None, "held")
    ]


def test_a_nominee_holds_a_planned_post_of_the_publishers_state(ctx: Context) -> None:
    text = "The President intends to nominate Mark Reed, of Ohio, to be Ambassador to Chile."
    assert _terms(ctx, text, "White House") == [
        ("Mark Reed", "Ambassador to Chile", "country:USA", None, None, "planned")
    ]


def test_nominated_for_a_post_of_a_body(ctx: Context) -> None:
    text = "The council announced its intent to nominate Mark Reed for Director of the Peace Corps."
    rows = _terms(ctx, text)
    assert [(p, t, s) for p, t, _, _, _, s in rows] == [
        ("Mark Reed", "Nominee for Director of the Peace Corps", "planned")
    ]


def test_the_publishers_officials_are_of_its_state_foreign_ones_of_theirs(ctx: Context) -> None:
    text = "National Security Advisor Tom Hale met Foreign Minister Ana Ruiz of Chile."
    assert _terms(ctx, text, "White House") == [
        ("Tom Hale", "National Security Advisor", "country:USA", None, None, "held"),
        ("Ana Ruiz", "Foreign Minister", "country:CHL", None, None, "held"),
    ]
    assert [of for _, _, of, *_ in _terms(ctx, text)] == [None, "country:CHL"]


def test_a_head_of_state_takes_the_one_state_of_the_sentence(ctx: Context) -> None:
    text = "At the invitation of President Nguyen Van Binh, the delegation flew to Vietnam."
    assert _terms(ctx, text, "White House") == [
        ("Nguyen Van Binh", "President", "country:VNM", None, None, "held")
    ]


def test_ranks_are_titles_before_a_name_only(ctx: Context) -> None:
    text = "Lieutenant General Pedro Cruz and Rear Admiral Jose Lim attended. The General Assembly met."
    assert _terms(ctx, text) == [
        ("Pedro Cruz", "Lieutenant General", None, None, None, "held"),
        ("Jose Lim", "Rear Admiral", None, None, None, "held"),
    ]


def test_titles_held_together_share_the_publishers_state(ctx: Context) -> None:
    text = "Ruth Cole, Special Assistant to the President and Senior Director for Energy, spoke."
    assert _terms(ctx, text, "White House") == [
        ("Ruth Cole", "Special Assistant to the President", "country:USA", None, None, "held"),
        ("Ruth Cole", "Senior Director for Energy", "country:USA", None, None, "held"),
    ]


def test_i_in_a_speakers_turn_is_the_speaker(ctx: Context) -> None:
    from bilateral.model import Turn

    text = "Remarks by Governor Tom Hale\n\nGOVERNOR HALE: Back when I was a senator, we built it."
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    turn = text.index("GOVERNOR HALE")
    doc = replace(doc, published="2021-05-03", turns=(Turn(turn, len(text), "Hale", "remarks"),))
    ex = pipeline.run(doc, ctx)
    names = {e.id: e.name for e in ex.entities}
    assert [(names[r.person], r.title) for r in ex.roles] == [
        ("Tom Hale", "Governor"),
        ("Tom Hale", "Senator"),
    ]
