"""Post shapes of publishers the roles stage was not written against: the body named in the
title, lists of posts and of holders, nominees, headings that list a speaker under his state, the
state of a speaker named in a heading, and the state the KB says a person is of."""

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
            {"id": "country:AZE", "name": "Azerbaijan"},
            {"id": "country:CHL", "name": "Chile"},
            {"id": "country:NOR", "name": "Norway"},
            {"id": "country:ITA", "name": "Italy"},
        ]
    },
    "organizations.yaml": {
        "entities": [
            {"id": "org:un", "name": "United Nations", "aliases": ["UN"]},
            {"id": "org:oas", "name": "Organization of American States"},
        ]
    },
    "places.yaml": {"entities": []},
    "people.yaml": {
        "entities": [
            {
                "id": "person:ann-lind",
                "name": "Ann Lind",
                "terms": [
                    {
                        "title": "Deputy Secretary-General",
                        "of": "org:un",
                        "start": "2001-01-01",
                        "end": None,
                    }
                ],
            },
            {"id": "person:ole-berg", "name": "Ole Berg", "country": "country:NOR"},
            {
                "id": "person:marco-neri",
                "name": "Marco Neri",
                "terms": [{"title": "President", "of": "country:ITA", "start": "2010-01-01"}],
            },
        ]
    },
}


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(kb=KnowledgeBase.from_records(RECORDS))


def _roles(
    ctx: Context, text: str, doc_type: str | None = None, published: str | None = "2015-05-05"
) -> list[tuple[str, str, str | None]]:
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    doc = replace(doc, published=published)
    if doc_type is not None:
        doc = replace(doc, doc_type=doc_type)
    entities, mentions = extract_entities(doc, ctx)
    names = {e.id: e.name for e in entities}
    roles = extract_roles(doc, ctx.kb, entities, mentions, (), ctx.parser)
    for r in roles:
        assert all(e.check(doc.text) for e in r.evidence)
    return [(names.get(r.person, r.person), r.title, r.of) for r in roles]


def test_the_body_is_named_in_the_title_and_the_kbs_bare_post_is_the_same() -> None:
    kb = KnowledgeBase.from_records(RECORDS)
    text = (
        "Ann Lind, Deputy Secretary-General of the United Nations, presented the report on Friday."
    )
    assert _roles(Context(kb=kb), text) == [
        ("Ann Lind", "Deputy Secretary-General of the United Nations", "org:un")
    ]


def test_a_list_of_posts_names_its_holder_once(ctx: Context) -> None:
    text = (
        "Before that, Lena Park had been Consul of Azerbaijan in Milan, Ambassador of Azerbaijan "
        "to Chile and Permanent Representative to the Organization of American States in "
        "Washington."
    )
    rows = _roles(ctx, text)
    assert ("Lena Park", "Consul in Milan", "country:AZE") in rows
    assert ("Lena Park", "Ambassador to Chile", "country:AZE") in rows
    assert (
        "Lena Park",
        "Permanent Representative to Organization of American States",
        "country:AZE",
    ) in rows


def test_an_envoys_destination_is_kept_without_a_name_after_it(ctx: Context) -> None:
    text = (
        "Lena Park was Permanent Representative of Azerbaijan to the International "
        "Organisations in Geneva."
    )
    assert _roles(ctx, text) == [
        (
            "Lena Park",
            "Permanent Representative to the International Organisations in Geneva",
            "country:AZE",
        )
    ]


def test_co_chairs_each_with_a_post_in_apposition(ctx: Context) -> None:
    text = (
        "The working group met in Oslo, convened by co-chairs Tom Hale, Special Envoy for Water "
        "Security, and Rita Moss, Director of the Nordic Water Institute."
    )
    rows = _roles(ctx, text)
    assert ("Tom Hale", "Co-Chair", None) in rows
    assert ("Rita Moss", "Co-Chair", None) in rows


def test_a_nominee_named_in_the_title(ctx: Context) -> None:
    text = "Tom Hale, Nominee for Director of the Peace Corps, spoke to the committee."
    assert [(p, t) for p, t, _ in _roles(ctx, text)] == [
        ("Tom Hale", "Nominee for Director of the Peace Corps")
    ]


def test_a_heading_lists_the_speaker_under_his_state(ctx: Context) -> None:
    text = (
        "UN General Debate, session 50 (1995): Chile — Mr. Jose Soto, Minister for Foreign "
        "Affairs\n\nMr. President, allow me to congratulate you on your election."
    )
    assert _roles(ctx, text, "speech", "1995") == [
        ("Jose Soto", "Minister for Foreign Affairs", "country:CHL")
    ]


def test_a_speech_heading_names_the_speaker_whose_state_his_officials_are(
    ctx: Context,
) -> None:
    text = (
        "ADDRESS OF PRESIDENT MARCO NERI\n\nRome\n\nGovernor Paolo Rossi; Spokesperson Anna Conti; "
        "my fellow citizens. Thank you for coming today."
    )
    rows = _roles(ctx, text, "speech")
    assert ("Paolo Rossi", "Governor", "country:ITA") in rows
    assert ("Anna Conti", "Spokesperson", "country:ITA") in rows


def test_a_past_head_of_state_the_kb_knows_only_as_a_citizen(ctx: Context) -> None:
    text = "The visit came decades after one by his father President Ole Berg to Italy and Chile."
    assert _roles(ctx, text) == [("Ole Berg", "President", "country:NOR")]


def _terms(ctx: Context, text: str) -> list[tuple[str, str, str]]:
    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    doc = replace(doc, published="2015-05-05")
    entities, mentions = extract_entities(doc, ctx)
    names = {e.id: e.name for e in entities}
    roles = extract_roles(doc, ctx.kb, entities, mentions, (), ctx.parser)
    return [(names.get(r.person, r.person), r.title, r.status) for r in roles]


def test_ex_and_a_post_the_holder_was_are_former(ctx: Context) -> None:
    assert _terms(ctx, "The panel heard ex-Senator Tom Hale on Monday.") == [
        ("Tom Hale", "Senator", "former")
    ]
    assert _terms(ctx, "Rita Moss, who was a member of the Nordic Water Council, spoke.") == [
        ("Rita Moss", "Member of the Nordic Water Council", "former")
    ]
    # a cleft says nothing of the past
    assert _terms(ctx, "It was Governor Tom Hale who opened the fair.") == [
        ("Tom Hale", "Governor", "held")
    ]


def test_a_body_before_the_title_is_part_of_it(ctx: Context) -> None:
    assert _roles(ctx, "UN Envoy Tom Hale met the press.") == [("Tom Hale", "UN Envoy", "org:un")]
    text = "Organization of American States Secretary Rita Moss met the press."
    assert _roles(ctx, text) == [
        ("Rita Moss", "Secretary of Organization of American States", "org:oas")
    ]
