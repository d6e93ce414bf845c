from __future__ import annotations

from typing import Any

from bilateral.extract.dates.stage import find_times
from bilateral.extract.positions.russian import find_positions_ru
from bilateral.ingest.segment import build_turns, find_inline_markers, paragraphs
from bilateral.kb import load_kb
from bilateral.lang.ru import RussianLayer
from bilateral.model import Document, Mention

TEXT = (
    "Состоялся телефонный разговор президентов Чили и Перу. "
    "С чилийской стороны выражена обеспокоенность ростом цен на медь. "
    "Президент Перу не поддерживает новые пошлины. "
    "Стороны условились продолжить консультации в июне. "
    "Сердечно приветствую всех участников форума."
)


def _mentions(text: str) -> list[Mention]:
    out = []
    for word, entity in (("Чили", "country:CHL"), ("Перу", "country:PER")):
        at = text.find(word)
        while at >= 0:
            out.append(Mention("t", at, at + len(word), word, entity, "country"))
            at = text.find(word, at + 1)
    return sorted(out, key=lambda m: m.start)


def test_stances_plans_and_courtesy_in_russian() -> None:
    doc = Document("t", "test", TEXT, published="2025-03-04", language="ru")
    positions, plans = find_positions_ru(
        doc, _mentions(TEXT), find_times(TEXT, doc.published), (), load_kb(), RussianLayer()
    )
    assert [(p.holder, p.stance, p.evidence[0].quote[:22]) for p in positions] == [
        ("country:CHL", "concern", "С чилийской стороны вы"),
        ("country:PER", "oppose", "Президент Перу не подд"),
    ]
    assert [(p.holders, p.due, p.status, p.evidence[0].quote[:17]) for p in plans] == [
        (("country:PER", "country:CHL"), "2025-06", "planned", "Стороны условилис"),
    ]


def test_turns_opened_inside_a_paragraph() -> None:
    text = (
        "Встреча в Кремле. Москва В.Путин : Добрый день, рады видеть. Мы поддерживаем "
        "диалог. Г.Бор Президент Исландии (как переведено) : Спасибо. Мы тоже."
    )
    markers = find_inline_markers(text, paragraphs(text))
    assert [(m.speaker, text[m.start or 0 :][:8]) for m in markers] == [
        ("Путин", "В.Путин "),
        ("Бор", "Г.Бор Пр"),
    ]


def _doc_mentions(text: str, names: dict[str, tuple[str, str]]) -> list[Mention]:
    out = []
    for word, (entity, etype) in names.items():
        at = text.find(word)
        while at >= 0:
            out.append(Mention("t", at, at + len(word), word, entity, etype))
            at = text.find(word, at + 1)
    return sorted(out, key=lambda m: m.start)


def _read(doc: Document, names: dict[str, tuple[str, str]]) -> tuple[Any, Any]:
    """The Russian reading of ``doc`` whose only mentions are ``names``."""
    text = doc.text
    return find_positions_ru(
        doc,
        _doc_mentions(text, names),
        find_times(text, doc.published),
        (),
        load_kb(),
        RussianLayer(),
    )


def test_ties_kept_up_ability_and_agreement() -> None:
    text = (
        "Президенты Чили и Перу провели переговоры. "
        "Многие регионы Чили поддерживают тесные связи с регионами Перу. "
        "Президент Перу согласился с оценками чилийских коллег. "
        "Стороны продолжат совместную работу над проектом порта. "
        "Товарооборот будет расти и дальше, полагают эксперты."
    )
    names = {"Чили": ("country:CHL", "country"), "Перу": ("country:PER", "country")}
    doc = Document("t", "test", text, published="2025-03-04", language="ru")
    positions, plans = _read(doc, names)
    assert [(p.holder, p.stance, p.evidence[0].quote[:14]) for p in positions] == [
        ("country:PER", "support", "Президент Перу"),
    ]
    assert [(p.holders[:2], p.status, p.evidence[0].quote[:16]) for p in plans] == [
        (("country:PER", "country:CHL"), "planned", "Стороны продолжа"),
    ]


def test_work_under_way_and_a_call_in_a_turn() -> None:
    text = (
        "Встреча с мэром. В.Путин: Рад видеть. Как идут дела в городе? "
        "Ингвар Олафссон: Мы продолжаем ремонтировать школы и больницы. "
        "Хотим, чтобы в каждом районе открылась библиотека. В.Путин: Хорошо, спасибо."
    )
    paras = paragraphs(text)
    turns = build_turns(text, paras, find_inline_markers(text, paras))
    assert [t.speaker for t in turns] == ["Путин", "Олафссон", "Путин"]
    names = {"Ингвар Олафссон": ("person:olafsson", "person")}
    doc = Document("t", "test", text, published="2025-03-04", language="ru", turns=turns)
    positions, plans = _read(doc, names)
    assert [(p.holder, p.stance, p.evidence[0].quote[:9]) for p in positions] == [
        ("person:olafsson", "call", "Хотим, чт"),
    ]
    # The turn's label opens the sentence its evidence quotes.
    assert [(p.holders[0], p.status, p.evidence[0].quote[:30]) for p in plans] == [
        ("person:olafsson", "under_way", "Ингвар Олафссон: Мы продолжаем"),
    ]
