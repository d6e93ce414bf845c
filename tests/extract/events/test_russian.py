from __future__ import annotations

from bilateral.extract.dates.stage import find_times
from bilateral.extract.events.russian import find_events_ru
from bilateral.lang.ru import RussianLayer
from bilateral.model import Document, Mention


def test_headline_call_and_a_planned_visit() -> None:
    text = (
        "Состоялся телефонный разговор президентов Чили и Перу. "
        "Стороны обсудили торговлю. "
        "Президент Перу посетит Чили в июне."
    )
    doc = Document("t", "test", text, published="2025-03-04", language="ru")
    mentions = [
        Mention("t", text.index(w), text.index(w) + len(w), w, e, "country")
        for w, e in (("Чили", "country:CHL"), ("Перу", "country:PER"))
    ]
    mentions.append(
        Mention("t", text.rindex("Чили"), text.rindex("Чили") + 4, "Чили", "country:CHL", "country")
    )
    mentions.append(
        Mention("t", text.rindex("Перу"), text.rindex("Перу") + 4, "Перу", "country:PER", "country")
    )
    events = find_events_ru(doc, mentions, find_times(text, doc.published), RussianLayer())
    assert [(e.type, e.date, e.status, e.modality) for e in events] == [
        ("phone_call", "2025-03-04", "occurred", "phone"),
        ("visit", "2025-06", "planned", None),
    ]


def test_an_exchange_of_prisoners_is_an_event_and_of_views_none() -> None:
    text = (
        "Стороны провели обмен мнениями о торговле Чили и Перу. "
        "Чили помогло в организации обмена удерживаемыми лицами между Перу и Эквадором."
    )
    doc = Document("t", "test", text, published="2025-03-04", language="ru")
    mentions = [
        Mention("t", at(w), at(w) + len(w), w, e, "country")
        for at in (text.index, text.rindex)
        for w, e in (("Чили", "country:CHL"), ("Перу", "country:PER"))
    ]
    events = find_events_ru(doc, mentions, find_times(text, doc.published), RussianLayer())
    assert [(e.type, e.status) for e in events] == [("other", "occurred")]
