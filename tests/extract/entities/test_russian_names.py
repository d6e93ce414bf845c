"""Persons the knowledge base does not know in Russian text: the nominative, the order "Имя
Фамилия", the English name, and what of a tagged span is no name (sentences written for these
tests, with invented people)."""

from __future__ import annotations

import pytest
from tests.extract.entities.test_russian import _doc

from bilateral.context import Context
from bilateral.extract.entities.russian_names import (
    name_spans,
    not_a_person,
    person_name,
    romanise,
)
from bilateral.extract.entities.stage import extract_entities
from bilateral.kb import load_kb


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context(kb=load_kb())


@pytest.mark.parametrize(
    ("surface", "written", "ordered"),
    [
        ("Петру Громову", "Пётр Громов", "Пётр Громов"),
        ("Олегом Сазоновым", "Олег Сазонов", "Олег Сазонов"),
        ("Марины Светловой", "Марина Светлова", "Марина Светлова"),
        ("Борис Кружалёв", "Борис Кружалёв", "Борис Кружалёв"),
        ("Громов Пётр Ильич", "Громов Пётр Ильич", "Пётр Громов"),
        ("Пётр Ильич Громов", "Пётр Ильич Громов", "Пётр Громов"),
        ("Олег Ильич", "Олег Ильич", "Олег Ильич"),
        ("П.Громов", "П.Громов", "П.Громов"),
    ],
)
def test_a_persons_name_in_the_nominative(
    ctx: Context, surface: str, written: str, ordered: str
) -> None:
    assert person_name(surface, ctx.ru) == (written, ordered)


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        ("Андрей Громов", "Andrey Gromov"),
        ("Юрий Сазонов", "Yury Sazonov"),
        ("Евгений Кружалёв", "Yevgeny Kruzhalev"),
        ("Лидия Щукина", "Lidiya Shchukina"),
        ("Ольга Цветаева", "Olga Tsvetayeva"),
        ("П.Громов", "P. Gromov"),
    ],
)
def test_romanisation(russian: str, english: str) -> None:
    assert romanise(russian) == english


def test_spans_cut_at_a_sentence_end_and_brackets_left_out() -> None:
    text = "Хорошо. Громов пришёл. [Петром Громовым] и Ан"
    assert [text[a:b] for a, b in name_spans(text, 0, 21)] == ["Хорошо", "Громов пришёл"]
    assert [text[a:b] for a, b in name_spans(text, 23, 39)] == ["Петром Громовым"]
    assert name_spans(text, 43, 45) == [(43, 45)]
    assert name_spans(text, 41, 44) == []  # ends inside a word


def test_a_verb_is_no_person(ctx: Context) -> None:
    assert not_a_person("Поговорим", ctx.ru)
    assert not not_a_person("Громов", ctx.ru)


def test_a_person_the_kb_lacks_is_named_in_english_with_russian_aliases(ctx: Context) -> None:
    doc = _doc(
        "Владимир Путин провёл встречу с губернатором Олегом Сазоновым.",
        "Сазонов Олег Ильич доложил о работе.",
    )
    entities, mentions = extract_entities(doc, ctx)
    person = next(e for e in entities if e.name == "Oleg Sazonov")
    assert person.aliases == ("Олег Сазонов", "Олегом Сазоновым", "Сазонов Олег Ильич")
    assert [m.text for m in mentions if m.entity == person.id] == [
        "Олегом Сазоновым",
        "Сазонов Олег Ильич",
    ]


def test_a_label_before_the_full_name_joins_it(ctx: Context) -> None:
    doc = _doc(
        "О.Сазонов: Спасибо за приглашение.",
        "Губернатор Олег Сазонов рассказал о строительстве школ.",
    )
    entities, mentions = extract_entities(doc, ctx)
    names = {e.id: e.name for e in entities}
    assert [(m.text, names[m.entity]) for m in mentions if m.type == "person"] == [
        ("О.Сазонов", "Oleg Sazonov"),
        ("Олег Сазонов", "Oleg Sazonov"),
    ]


def test_a_name_in_cyrillic_finds_the_kb_person_by_its_latin_name(ctx: Context) -> None:
    doc = _doc("Король Бахрейна Хамад Бен Иса Аль Халифа прибыл в Москву.")
    entities, _ = extract_entities(doc, ctx)
    assert "Hamad bin Issa Al Khalifa" in {e.name for e in entities}  # the KB's name
