"""Entities of Russian documents, on sentences written for these tests."""

from __future__ import annotations

import pytest

from bilateral.context import Context
from bilateral.extract.entities import russian
from bilateral.extract.entities.russian import RussianMatcher
from bilateral.extract.entities.stage import extract_entities
from bilateral.kb import load_kb, russian_name_keys
from bilateral.model import Document, Sentence


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(kb=load_kb())


def _doc(*sentences: str) -> Document:
    text, spans, at = "", [], 0
    for i, s in enumerate(sentences):
        spans.append(Sentence(at, at + len(s), i))
        text += s + " "
        at += len(s) + 1
    return Document("t:ru", "t", text.rstrip(), language="ru", sentences=tuple(spans))


def _found(doc: Document, ctx: Context) -> list[tuple[str, str]]:
    entities, mentions = extract_entities(doc, ctx)
    names = {e.id: e.name for e in entities}
    return [(doc.text[m.start : m.end], names[m.entity]) for m in mentions]


def test_the_builds_keys_are_what_the_analyser_gives(ctx: Context) -> None:
    version, stored = russian_name_keys()
    assert version == ctx.ru.version()
    assert stored, "run python -m bilateral.kb.build to write russian_keys.generated.json"
    assert all(tuple(keys) == ctx.ru.keys(form) for form, keys in stored.items())


def test_stored_and_computed_keys_build_the_same_matcher(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = RussianMatcher(ctx.kb, ctx.ru)
    monkeypatch.setattr(russian, "russian_name_keys", lambda: ("", {}))
    computed = RussianMatcher(ctx.kb, ctx.ru)
    assert stored._by_first == computed._by_first


def test_inflected_kb_names(ctx: Context) -> None:
    doc = _doc("Министр встретился с Сергеем Лавровым в Казахстане.")
    assert ("Сергеем Лавровым", "Sergey Lavrov") in _found(doc, ctx)
    assert ("Казахстане", "Kazakhstan") in _found(doc, ctx)
