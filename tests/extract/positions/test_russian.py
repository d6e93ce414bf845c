from __future__ import annotations

from bilateral.extract.dates.stage import find_times
from bilateral.extract.positions.russian import find_positions_ru
from bilateral.ingest.segment import find_inline_markers, paragraphs
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
