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


def _events(text: str, names: list[tuple[str, str, str]]) -> list[tuple[str, str | None, str]]:
    doc = Document("t", "test", text, published="2025-03-04", language="ru")
    mentions = []
    for surface, entity, kind in names:
        at = 0
        while (at := text.find(surface, at)) >= 0:
            mentions.append(Mention("t", at, at + len(surface), surface, entity, kind))
            at += len(surface)
    events = find_events_ru(doc, mentions, find_times(text, doc.published), RussianLayer())
    return [(e.type, e.date, e.status) for e in events]


def test_a_call_told_with_a_verb_is_dated_by_its_own_phrase() -> None:
    text = (
        "Иван Петров поговорил по телефону с Анной Смирновой, работавшей в 1999 году в Перу. "
        "Стороны обсудили планы."
    )
    names = [("Иван Петров", "person:p", "person"), ("Анной Смирновой", "person:s", "person")]
    assert _events(text, names) == [("phone_call", "2025-03-04", "occurred")]


def test_an_invitation_plans_a_visit_and_a_later_future_plans_nothing() -> None:
    text = (
        "Президент Чили пригласил Президента Перу посетить Сантьяго. "
        "Совещание с министрами Перу прошло в Лиме, отметили, что работа продолжится."
    )
    names = [("Чили", "country:CHL", "country"), ("Перу", "country:PER", "country")]
    assert _events(text, names) == [
        ("visit", "2025-03-04", "planned"),
        ("meeting", "2025-03-04", "occurred"),
    ]


def test_an_undated_retelling_joins_the_dated_meeting() -> None:
    text = (
        "Совещание с членами правительства Перу. 4 марта 2025 года. "
        "Президент Перу провёл совещание с министрами Перу и Чили. "
        "В совещании приняли участие Иван Петров и Анна Смирнова, министры Перу и Чили."
    )
    names = [
        ("Перу", "country:PER", "country"),
        ("Чили", "country:CHL", "country"),
        ("Иван Петров", "person:p", "person"),
    ]
    assert _events(text, names) == [("meeting", "2025-03-04", "occurred")]


def test_related_links_are_events_on_their_own_dates() -> None:
    # A page's "see also" line: each linked title with its date; photographs of the report's own
    # event ("Участники ...") give nothing.
    text = (
        "Президент Чили принял делегацию Перу. "
        "Смотрите также Совместная пресс-конференция с Президентом Перу 2 марта 2025 года "
        "Участники беседы с делегацией Перу 3 марта 2025 года Стороны обсудили торговлю."
    )
    names = [("Чили", "country:CHL", "country"), ("Перу", "country:PER", "country")]
    assert _events(text, names) == [("conference", "2025-03-02", "occurred")]


def test_an_event_with_no_name_takes_the_sides_of_the_first_one_when_told_to_them() -> None:
    text = (
        "Состоялась встреча президентов Чили и Перу. "
        "Мы ждём Вас 9 мая на параде. "
        "В Лиме 10 мая пройдёт концерт."
    )
    names = [("Чили", "country:CHL", "country"), ("Перу", "country:PER", "country")]
    doc = Document("t", "test", text, published="2025-03-04", language="ru")
    mentions = []
    for surface, entity, kind in names:
        at = text.index(surface)
        mentions.append(Mention("t", at, at + len(surface), surface, entity, kind))
    events = find_events_ru(doc, mentions, find_times(text, doc.published), RussianLayer())
    assert [(e.type, e.date, e.status, e.participants) for e in events] == [
        ("meeting", "2025-03-04", "occurred", ("country:CHL", "country:PER")),
        ("ceremony", "2025-05-09", "planned", ("country:CHL", "country:PER")),
    ]


def test_anniversaries_and_decrees_are_no_signings() -> None:
    text = (
        "В этом году Чили и Перу отмечают 30 лет подписания договора о торговле. "
        "Президент Перу подписал указ о назначении посла в Чили."
    )
    names = [("Чили", "country:CHL", "country"), ("Перу", "country:PER", "country")]
    assert _events(text, names) == []


def test_a_signing_just_now_is_today_and_a_statement_of_the_sides_is_the_occasion() -> None:
    text = (
        "В Лиме прошли переговоры президентов Чили и Перу. "
        "Подписанное только что соглашение Чили и Перу поможет торговле. "
        "Затем президенты Чили и Перу выступили с заявлениями для прессы. "
        "Много лет назад Чили и Перу уже провели переговоры."
    )
    names = [("Чили", "country:CHL", "country"), ("Перу", "country:PER", "country")]
    assert _events(text, names) == [
        ("talks", "2025-03-04", "occurred"),
        ("signing", "2025-03-04", "occurred"),
        ("statement", "2025-03-04", "occurred"),
        ("talks", None, "occurred"),
    ]


def test_an_announcement_gives_its_unnamed_planned_events_its_dates_and_sides() -> None:
    text = (
        "3–5 июня Президент Перу посетит Чили с государственным визитом. "
        "Анонс на 3 − 5 июня 2025 года. "
        "Планируется подписание ряда документов. "
        "Встречи всегда полезны."
    )
    names = [("Чили", "country:CHL", "country"), ("Перу", "country:PER", "country")]
    assert _events(text, names) == [
        ("visit", "2025-06-03/2025-06-05", "planned"),
        ("signing", "2025-06-03/2025-06-05", "planned"),
    ]


def test_a_current_trip_is_now_and_a_future_in_a_relative_clause_is_not_its() -> None:
    text = (
        "Стороны обсудили торговлю. Погода была хорошей. Вопросов было много. "
        "Министр Перу сказал, что целью его нынешней поездки в Чили, которая продлится два дня, "
        "является торговля."
    )
    names = [("Чили", "country:CHL", "country"), ("Перу", "country:PER", "country")]
    assert _events(text, names) == [("visit", "2025-03", "occurred")]


def test_a_linked_meeting_with_someone_else_on_the_same_day_is_another_meeting() -> None:
    text = (
        "Встреча с министром Перу. "
        "Президент Чили принял министра Перу. "
        "Смотрите также Встреча с послом Эквадора 4 марта 2025 года "
        "Переговоры с министром Перу 4 марта 2025 года Стороны обсудили торговлю."
    )
    names = [
        ("Чили", "country:CHL", "country"),
        ("Перу", "country:PER", "country"),
        ("Эквадора", "country:ECU", "country"),
    ]
    assert _events(text, names) == [
        ("meeting", "2025-03-04", "occurred"),
        ("meeting", "2025-03-04", "occurred"),
        ("talks", "2025-03-04", "occurred"),
    ]


def test_a_celebration_is_held_on_the_day_it_names() -> None:
    text = (
        "Стороны обсудили торговлю. "
        "Президент Перу примет участие в праздновании Дня России в Москве. "
        "Делегация Чили приедет на торжества 1 июня в Лиме."
    )
    names = [("Перу", "country:PER", "country"), ("Чили", "country:CHL", "country")]
    assert _events(text, names) == [
        ("ceremony", "2025-06-12", "planned"),
        ("visit", "2025-06-01", "planned"),
        ("ceremony", "2025-06-01", "planned"),
    ]


def test_a_day_of_the_week_and_days_ago_against_the_documents_date() -> None:
    # 2025-03-04 is a Tuesday; the first sentences are the headline's, dated by the document.
    text = (
        "Обсуждалась торговля. Обсуждалась энергетика. Обсуждалась культура. "
        "Министр Чили рассказал, что в минувшую субботу встречался с коллегами из Перу. "
        "Переговоры делегаций Чили и Перу пройдут в четверг. "
        "Два дня назад Президент Перу позвонил Президенту Чили по телефону."
    )
    names = [("Чили", "country:CHL", "country"), ("Перу", "country:PER", "country")]
    assert _events(text, names) == [
        ("meeting", "2025-03-01", "occurred"),
        ("talks", "2025-03-06", "planned"),
        ("phone_call", "2025-03-02", "occurred"),
    ]


def test_a_headline_statement_naming_no_one_is_the_publishers_heads() -> None:
    from bilateral.kb import load_kb

    text = (
        "Ответы на вопросы журналистов. "
        "Президент ответил на вопросы представителей СМИ о работе Правительства."
    )
    doc = Document("t", "test", text, published="2025-03-04", language="ru", publisher="Kremlin")
    events = find_events_ru(doc, [], find_times(text, doc.published), RussianLayer(), load_kb())
    assert [(e.type, e.date, e.participants) for e in events] == [
        ("statement", "2025-03-04", ("person:vladimir-putin",))
    ]


def test_an_exchange_of_people_named_by_any_animate_noun() -> None:
    text = (
        "Обсуждалась торговля. Обсуждалась энергетика. Обсуждалась культура. "
        "Министры Чили и Перу обсудили обмен журналистами и обмен опытом."
    )
    names = [("Чили", "country:CHL", "country"), ("Перу", "country:PER", "country")]
    assert _events(text, names) == [("other", None, "occurred")]


def test_a_conversation_in_a_call_report_is_the_call() -> None:
    text = (
        "Состоялся телефонный разговор президентов Чили и Перу. "
        "Обсуждалась торговля. Обсуждалась энергетика. "
        "В ходе беседы Президент Перу предложил новые меры."
    )
    names = [("Чили", "country:CHL", "country"), ("Перу", "country:PER", "country")]
    assert _events(text, names) == [("phone_call", "2025-03-04", "occurred")]
