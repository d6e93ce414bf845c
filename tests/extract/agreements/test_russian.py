from __future__ import annotations

from bilateral.extract.agreements.record import normalised
from bilateral.extract.agreements.russian import find_agreements_ru
from bilateral.extract.dates.stage import find_times
from bilateral.kb import load_kb
from bilateral.lang.ru import RussianLayer
from bilateral.model import Agreement, Document, Mention, content_id


def names(text: str) -> list[tuple[str, str, str | None]]:
    doc = Document("t", "test", text, published="2025-03-04", language="ru")
    found = find_agreements_ru(doc, (), find_times(text, doc.published), RussianLayer())
    return [(a.name_original or "", a.type, a.signed) for a in found]


def test_heads_with_their_complement_up_to_a_clause() -> None:
    text = (
        "В 2019 году стороны подписали Соглашение о торговле и транзите, которое уже работает. "
        "Министры обсудили меморандум о взаимопонимании в сфере туризма. "
        "Затем они приняли соглашение."
    )
    assert names(text) == [
        ("Соглашение о торговле и транзите", "agreement", "2019"),
        ("меморандум о взаимопонимании в сфере туризма", "memorandum", None),
    ]


def test_a_body_named_after_a_treaty_is_no_agreement() -> None:
    text = "Организация Договора о коллективной безопасности провела учения."
    assert names(text) == []


def test_a_shorter_mention_is_the_same_agreement() -> None:
    text = "Действует Договор о дружбе и добрососедстве. Договор о дружбе важен."
    got = names(text)
    assert [n for n, _, _ in got] == ["Договор о дружбе и добрососедстве"]


def test_adjectives_before_the_head_a_quoted_name_and_a_year_inside() -> None:
    text = (
        "Лидеры приняли Совместное заявление о партнёрстве в Арктике. "
        "Стороны вспомнили о «дунайской инициативе». "
        "Одобрен план мероприятий до 2030 года."
    )
    assert [n for n, _, _ in names(text)] == [
        "Совместное заявление о партнёрстве в Арктике",
        "«дунайской инициативе»",
        "план мероприятий до 2030 года",
    ]


def test_a_date_ends_a_name_that_runs_into_it() -> None:
    text = "Заявление по итогам переговоров 5 июня 2025 года Москва"
    assert [n for n, _, _ in names(text)] == ["Заявление по итогам переговоров"]


def test_a_name_goes_on_through_the_names_of_persons_and_states() -> None:
    text = "Опубликовано межправсоглашение о визите Короля Лесото Летсие в Российскую Федерацию."
    doc = Document("t", "test", text, published="2025-03-04", language="ru")
    spans = [("Лесото", "country:LSO", "country"), ("Летсие", "person:l", "person")]
    spans.append(("Российскую Федерацию", "country:RUS", "country"))
    mentions = [Mention("t", text.index(s), text.index(s) + len(s), s, e, k) for s, e, k in spans]
    found = find_agreements_ru(doc, mentions, (), RussianLayer())
    assert [a.name_original for a in found] == [
        "межправсоглашение о визите Короля Лесото Летсие в Российскую Федерацию"
    ]


def test_parties_in_any_case_reading_and_compound_openers() -> None:
    text = (
        "Стороны подписали Договор между Российской Федерацией и Кооперативной Республикой "
        "Гайана о дружбе и сотрудничестве. Делегации обсудили проект резолюции в отношении "
        "сирийского кризиса и поддержали инициативу, касающуюся защиты рыболовства в Балтийском "
        "море. Договор о нашей дружбе и сотрудничестве важен."
    )
    assert [n for n, _, _ in names(text)] == [
        "Договор между Российской Федерацией и Кооперативной Республикой Гайана о дружбе и "
        "сотрудничестве",
        "резолюции в отношении сирийского кризиса",
        "инициативу, касающуюся защиты рыболовства в Балтийском море",
    ]


def _with_states(text: str, states: list[tuple[str, str]]) -> tuple[Agreement, ...]:
    doc = Document("t", "test", text, published="2025-03-04", language="ru")
    mentions = [
        Mention("t", at, at + len(s), s, e, "country")
        for s, e in states
        for at in [i for i in range(len(text)) if text.startswith(s, i)]
    ]
    return find_agreements_ru(doc, mentions, (), RussianLayer(), load_kb())


def test_the_english_name_is_the_record_s_name_and_makes_the_id() -> None:
    text = (
        "Президенты Монголии и России подписали Договор о стратегическом партнёрстве. "
        "По мнению сторон, Договор о партнёрстве важен для России и Монголии."
    )
    found = _with_states(
        text, [("Монголии", "country:MNG"), ("России", "country:RUS")]
    )  # fmt: skip
    assert [(a.name, a.name_original, len(a.evidence)) for a in found] == [
        (
            "Treaty on Strategic Partnership between Mongolia and Russia",
            "Договор о стратегическом партнёрстве",
            2,
        )
    ]
    # As the English stage makes the id of the name an English text gives.
    assert found[0].id == content_id(
        "agreement", "t", normalised("Treaty on Strategic Partnership between Mongolia and Russia")
    )


def test_two_russian_names_with_one_english_name_are_one_agreement() -> None:
    text = (
        "Министры обсудили Соглашение о сотрудничестве в области образования. "
        "Позже эксперты изучили соглашение по сотрудничеству в области образования."
    )
    found = _with_states(text, [])
    assert [(a.name, a.name_original, len(a.evidence)) for a in found] == [
        (
            "Agreement on Cooperation in the Field of Education",
            "соглашение по сотрудничеству в области образования",
            2,
        )
    ]


def test_a_joint_statement_and_a_proper_adjective_name_one_without_a_complement() -> None:
    text = (
        "Министры согласовали совместные заявления. "
        "Стороны вновь обсудили Ташкентские договорённости. "
        "Все чтут принципы Пражской итоговой хартии. "
        "Затем они обсудили большую программу."
    )
    assert names(text) == [
        ("совместные заявления", "declaration", None),
        ("Ташкентские договорённости", "agreement", None),
        ("Пражской итоговой хартии", "charter", None),
    ]
    assert names("Лидеры сделали совместные заявления для прессы.") == []


def test_a_project_names_a_programme_only_with_its_quoted_title() -> None:
    text = (
        "Губернатор начал проект строительства моста. "
        "Запущен областной проект «Дороги Урала». "
        "У нас есть и долгий план – «Жить у реки»."
    )
    assert [(n, t) for n, t, _ in names(text)] == [
        ("областной проект «Дороги Урала»", "programme"),
        ("долгий план – «Жить у реки»", "plan"),
    ]


def test_a_complement_ends_where_a_clause_s_subject_begins() -> None:
    text = (
        "По договорённости министров двух стран о запрете рыбной ловли российская сторона "
        "будет действовать. Эксперты получили перечень причалов, открытых для "
        "судов. Эксперты получили перечень портов, принимающих суда из Азии."
    )
    assert [n for n, _, _ in names(text)] == [
        "договорённости министров двух стран о запрете рыбной ловли",
        "перечень причалов",
        "перечень портов, принимающих суда из Азии",
    ]


def test_an_agreement_named_by_its_other_party() -> None:
    text = "У фонда есть соглашение с Министерством культуры."
    doc = Document("t", "test", text, published="2025-03-04", language="ru")
    body = "Министерством культуры"
    at = text.index(body)
    mentions = [Mention("t", at, at + len(body), body, "org:mk", "organization")]
    found = find_agreements_ru(doc, mentions, (), RussianLayer())
    assert [a.name_original for a in found] == ["соглашение с Министерством культуры"]


def test_an_adopted_instrument_with_an_adjective_of_its_own() -> None:
    text = (
        "На форуме принят большой пакет документов, в том числе подробная хартия. "
        "Подписанное соглашение важно. Нам нравится большая программа."
    )
    assert names(text) == [("подробная хартия", "charter", None)]


def test_a_head_first_read_as_another_word_and_a_year_inside_the_name() -> None:
    text = (
        "Все обязаны уважать Устав ООН. Устав от споров, он ушёл. "
        "В 2024 году утверждена Программа развития туризма до 2035 года. "
        "Была утверждена Концепция развития туризма до 2040 года."
    )
    assert names(text) == [
        ("Устав ООН", "charter", None),
        ("Программа развития туризма до 2035 года", "programme", "2024"),
        ("Концепция развития туризма до 2040 года", "concept", None),
    ]


def test_an_instrument_named_by_its_russian_acronym_takes_its_english_name() -> None:
    text = "Стороны выступили за сохранение СВПД. Все страны должны соблюдать ДНЯО и СВПД."
    doc = Document("t", "test", text, published="2025-03-04", language="ru")
    found = find_agreements_ru(doc, (), (), RussianLayer())
    assert [(a.name, a.name_original, a.type, len(a.evidence)) for a in found] == [
        ("Joint Comprehensive Plan of Action", "СВПД", "plan", 2),
        ("Treaty on the Non-Proliferation of Nuclear Weapons", "ДНЯО", "treaty", 1),
    ]
