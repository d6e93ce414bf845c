"""With thousands of officials in the knowledge base, a text names more KB persons next to
persons and bodies the KB lacks: a namesake's surname and a titled name before "and" must not
be taken for them (the KB is built here, the sentences are made up)."""

from __future__ import annotations

from typing import Any

import pytest

from bilateral.context import Context
from bilateral.extract.entities.stage import extract_entities
from bilateral.kb import KnowledgeBase
from bilateral.model import Document

RECORDS: dict[str, Any] = {
    "countries.yaml": {"entities": [{"id": "country:ISR", "name": "Israel", "iso3": "ISR"}]},
    "people.yaml": {
        "entities": [
            {"id": "person:ezra-vardi", "name": "Ezra Vardi", "aliases": ["Ezra al-Vardi"]},
            {"id": "person:lior-amsel", "name": "Lior Amsel"},
        ]
    },
}


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(kb=KnowledgeBase.from_records(RECORDS))


def _persons(ctx: Context, text: str) -> list[tuple[str, str]]:
    _, mentions = extract_entities(Document(id="d", source="test", text=text), ctx)
    return [(m.text, m.entity) for m in mentions if m.type == "person"]


def test_a_namesake_s_surname_is_not_the_kb_person(ctx: Context) -> None:
    text = "President Noam Vardi thanked the delegation. His father Ezra Vardi had led it."
    persons = _persons(ctx, text)
    assert ("Ezra Vardi", "person:ezra-vardi") in persons
    assert all(e != "person:ezra-vardi" for t, e in persons if t != "Ezra Vardi")


def test_the_person_s_own_particle_before_the_surname_keeps_the_link(ctx: Context) -> None:
    text = "Ezra Vardi arrived on Monday. President Al Vardi then opened the session."
    assert _persons(ctx, text)[-1] == ("Vardi", "person:ezra-vardi")


def test_a_titled_kb_person_before_and_is_not_part_of_a_body(ctx: Context) -> None:
    text = "He met President Lior Amsel and Department of Trade Secretary Dan Kors."
    _, mentions = extract_entities(Document(id="d", source="test", text=text), ctx)
    assert ("Lior Amsel", "person:lior-amsel") in [(m.text, m.entity) for m in mentions]
    assert "Department of Trade" in [m.text for m in mentions if m.type == "organization"]
