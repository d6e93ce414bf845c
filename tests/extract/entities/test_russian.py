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


def test_the_kremlin_is_a_place_and_the_administration_a_body(ctx: Context) -> None:
    doc = _doc(
        "Беседа прошла в Кремле, в Большом Кремлёвском дворце.",
        "Об этом сообщила Администрация Президента России.",
    )
    found = {(s, n) for s, n in _found(doc, ctx)}
    assert ("Кремле", "Kremlin") in found
    assert ("Большом Кремлёвском дворце", "Grand Kremlin Palace") in found
    assert ("Администрация Президента России", "Presidential Administration of Russia") in found
    kremlin = ctx.kb.lookup("Kremlin")
    assert kremlin and kremlin[0].type == "place"


def test_official_forms_of_states_from_iso_names(ctx: Context) -> None:
    doc = _doc("Делегация Султаната Оман и делегация Республики Конго прибыли в Москву.")
    found = _found(doc, ctx)
    assert ("Султаната Оман", "Oman") in found
    assert ("Республики Конго", "Republic of the Congo") in found


def test_a_hyphen_where_the_kb_has_a_space(ctx: Context) -> None:
    doc = _doc("Президент передал привет Королю Сальману Бен Абдель-Азизу Аль Сауду.")
    assert ("Сальману Бен Абдель-Азизу Аль Сауду", "Salman bin Abdulaziz Al Saud") in _found(
        doc, ctx
    )


def test_a_kb_name_goes_on_over_the_rest_of_the_name(ctx: Context) -> None:
    doc = _doc(
        "Президент говорил с Королём Сальманом Бен Абдель Азизом Аль Саудом.",
        "Затем он говорил с Мухаммедом Бен Сальманом Аль Саудом.",
    )
    found = _found(doc, ctx)
    assert ("Мухаммедом Бен Сальманом Аль Саудом", "Mohammed bin Salman") in found
    assert not any(s == "Саудом" for s, _ in found)


def test_short_forms_join_the_full_name_of_the_document(ctx: Context) -> None:
    doc = _doc(
        "Владимир Путин принял Султана Омана Хайсама Бен Тарика Аль Саида.",
        "Уважаемый Х.Бен Тарек Аль Саид, рад встрече.",
        "Спасибо, уважаемый Владимир Владимирович.",
        "Лица Бен Тарик Аль Саид Хайсам",
    )
    found = _found(doc, ctx)
    oman = next(n for s, n in found if s.startswith("Хайсама"))
    assert ("Х.Бен Тарек Аль Саид", oman) in found
    assert ("Владимир Владимирович", "Vladimir Putin") in found
    assert ("Бен Тарик Аль Саид Хайсам", oman) in found


def test_a_compound_adjective_spelled_as_one_word(ctx: Context) -> None:
    doc = _doc("Делегация Центральноафриканской Республики прибыла в Москву.")
    assert ("Центральноафриканской Республики", "Central African Republic") in _found(doc, ctx)


def test_a_wrong_nominative_joins_the_right_one(ctx: Context) -> None:
    doc = _doc("Рады видеть Ахмеда Тура Бакайоко.", "Господин Ахмед Тур Бакайоко согласился.")
    names = {n for _, n in _found(doc, ctx)}
    assert len(names) == 1


def test_a_card_with_both_orders_of_a_name_is_two_mentions_of_one_person(ctx: Context) -> None:
    doc = _doc(
        "На встрече были Министр связи Игорь Пахомцев Пахомцев Игорь Олегович Министр связи , "
        "и другие.",
        "Игорь Олегович Пахомцев доложил о работе.",
    )
    found = _found(doc, ctx)
    people = [(s, n) for s, n in found if "Пахомцев" in s]
    assert [s for s, _ in people] == [
        "Игорь Пахомцев",
        "Пахомцев Игорь Олегович",
        "Игорь Олегович Пахомцев",
    ]
    assert len({n for _, n in people}) == 1


def test_surname_forms_share_a_key(ctx: Context) -> None:
    assert ctx.ru.name_key("Пахомцев") == ctx.ru.name_key("Пахомцева")
    assert ctx.ru.name_key("Лавров") == ctx.ru.name_key("Лавровым")


def test_a_region_by_its_adjective_and_the_city_not_matched(ctx: Context) -> None:
    doc = _doc("Обстановка в Минской области обсуждалась подробно.")
    assert _found(doc, ctx) == [("Минской области", "Minsk Oblast")]


def test_a_russian_region_the_kb_holds(ctx: Context) -> None:
    doc = _doc("Глава Республики Бурятия и губернатор Курской области встретились.")
    assert _found(doc, ctx) == [
        ("Республики Бурятия", "Buryatia"),
        ("Курской области", "Kursk Region"),
    ]


def test_a_persons_name_tagged_with_the_states_words_before_it(ctx: Context) -> None:
    doc = _doc(
        "Переговоры с Президентом Республики Гвинея-Бисау Амаду Жоау Баррошу прошли в Москве."
    )
    assert [s for s, _ in _found(doc, ctx)] == [
        "Республики Гвинея-Бисау",
        "Амаду Жоау Баррошу",
        "Москве",
    ]


def test_a_states_body_by_its_genitive_chain(ctx: Context) -> None:
    doc = _doc("Он возглавляет Совет министров Саудовской Аравии.")
    assert _found(doc, ctx) == [
        ("Совет министров", "Council of Ministers of Saudi Arabia"),
        ("Саудовской Аравии", "Saudi Arabia"),
    ]


def test_opec_plus_is_not_opec_and_a_pronoun_is_no_state(ctx: Context) -> None:
    doc = _doc("Страны ОПЕК+ и ОПЕК плюс обсудили квоты.", "Те договорённости соблюдаются.")
    assert _found(doc, ctx) == [("ОПЕК+", "OPEC+"), ("ОПЕК плюс", "OPEC+")]


def test_an_adjective_and_a_common_abbreviation_are_no_names(ctx: Context) -> None:
    assert russian._not_a_name("Российско-катарская", "PER", ctx.ru)
    assert russian._not_a_name("СМИ", "ORG", ctx.ru)
    assert not russian._not_a_name("МИД", "ORG", ctx.ru)
    assert not russian._not_a_name("Пахомцев", "PER", ctx.ru)


def test_an_initial_and_a_surname_alone_name_the_kb_person(ctx: Context) -> None:
    doc = _doc("Обращение к участникам форума.", "С.Лавров: Коллеги, добрый вечер.")
    assert ("С.Лавров", "Sergey Lavrov") in _found(doc, ctx)
