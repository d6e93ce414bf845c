from __future__ import annotations

import dataclasses
import functools
import zlib

from bilateral.extract.roles.russian import find_roles_ru
from bilateral.kb import KnowledgeBase, load_kb
from bilateral.lang.ru import RussianLayer
from bilateral.model import Document, Mention


@functools.lru_cache(maxsize=1)
def _kb() -> KnowledgeBase:
    return load_kb()


@functools.lru_cache(maxsize=1)
def _ru() -> RussianLayer:
    return RussianLayer()


def _roles(
    text: str, names: list[tuple[str, str, str]]
) -> list[tuple[str, str, str | None, str | None, str]]:
    # One id per text: the Russian layer keeps a document's tokens by its id and length.
    doc = Document(
        f"t{zlib.crc32(text.encode())}", "test", text, published="2025-04-02", language="ru"
    )
    mentions = []
    for surface, entity, kind in names:
        at = text.index(surface)
        mentions.append(Mention(doc.id, at, at + len(surface), surface, entity, kind))
    roles = find_roles_ru(doc, _kb(), mentions, (), _ru())
    return [(r.person, r.title, r.of, r.start, r.status) for r in roles]


def test_title_state_and_holder_after_it_in_the_instrumental() -> None:
    text = "Переговоры с Премьер-министром Чили Габриэлем Боричем прошли в Москве."
    names = [("Чили", "country:CHL", "country"), ("Габриэлем Боричем", "person:b", "person")]
    assert _roles(text, names) == [
        ("person:b", "Prime Minister of Chile", "country:CHL", None, "held")
    ]


def test_chairman_of_a_state_is_its_president_of_a_body_its_chairman() -> None:
    text = (
        "Состоялась беседа с Председателем КНР Ли Мином. "
        "Состоялась беседа с Наследным принцем, Председателем Совета министров Кувейта Ахмедом."
    )
    names = [
        ("КНР", "country:CHN", "country"),
        ("Ли Мином", "person:l", "person"),
        ("Совета министров", "org:x", "organization"),
        ("Кувейта", "country:KWT", "country"),
        ("Ахмедом", "person:a", "person"),
    ]
    assert _roles(text, names) == [
        ("person:l", "President of China", "country:CHN", None, "held"),
        ("person:a", "Crown Prince", "country:KWT", None, "held"),
        ("person:a", "Chairman of the Council of Ministers", "country:KWT", None, "held"),
    ]


def test_appointed_ambassador_starts_on_the_decree_date() -> None:
    text = "Указом Президента Иван Петров назначен Чрезвычайным и Полномочным Послом России в Перу."
    names = [
        ("Иван Петров", "person:p", "person"),
        ("России", "country:RUS", "country"),
        ("Перу", "country:PER", "country"),
    ]
    assert _roles(text, names) == [
        (
            "person:p",
            "Ambassador Extraordinary and Plenipotentiary to Peru",
            "country:RUS",
            "2025-04-02",
            "held",
        )
    ]


def test_released_from_this_post_ends_the_post_last_named() -> None:
    text = (
        "Иван Петров назначен специальным представителем Президента России по делам Арктики. "
        "Другим указом от этой должности освобождён Олег Смирнов."
    )
    names = [
        ("Иван Петров", "person:p", "person"),
        ("России", "country:RUS", "country"),
        ("Олег Смирнов", "person:s", "person"),
    ]
    assert _roles(text, names) == [
        ("person:p", "Special Presidential Representative", "country:RUS", "2025-04-02", "held"),
        ("person:s", "Special Presidential Representative", "country:RUS", None, "former"),
    ]


def test_delegation_side_and_participants_card() -> None:
    text = (
        "С перуанской стороны в беседе участвовали министр иностранных дел Хавьер Гонсалес и "
        "Петров Иван Сергеевич помощник Президента."
    )
    names = [("Хавьер Гонсалес", "person:g", "person"), ("Петров", "person:p", "person")]
    assert _roles(text, names) == [
        ("person:g", "Minister of Foreign Affairs", "country:PER", None, "held"),
        ("person:p", "Aide to the President", "country:PER", None, "held"),
    ]


def test_a_heading_run_into_its_text_is_no_apposition() -> None:
    text = "Встреча с Хавьером Гонсалесом Глава государства принял гостя в Кремле."
    names = [("Хавьером Гонсалесом", "person:g", "person")]
    assert _roles(text, names) == []


def test_a_participants_card_gives_each_post_to_its_own_name() -> None:
    text = (
        "Участвовали Министр финансов Иван Петров Петров Иван Сергеевич Министр финансов "
        "Российской Федерации , директор Федеральной службы безопасности Олег Смирнов."
    )
    names = [
        ("Иван Петров Петров Иван Сергеевич", "person:p", "person"),
        ("Российской Федерации", "country:RUS", "country"),
        ("Олег Смирнов", "person:s", "person"),
    ]
    assert _roles(text, names) == [
        ("person:p", "Minister of Finance", None, None, "held"),
        ("person:p", "Minister of Finance of the Russian Federation", "country:RUS", None, "held"),
        ("person:s", "Director of the Federal Security Service", None, None, "held"),
    ]


def test_a_regions_government_has_a_chairman_and_an_acting_governor_is_appointed() -> None:
    text = (
        "Глава государства принял председателя правительства ДНР Петра Кузнецова. "
        "Пётр Кузнецов назначен временно исполняющим обязанности губернатора Курской области."
    )
    names = [
        ("ДНР", "place:donetsk-peoples-republic", "place"),
        ("Петра Кузнецова", "person:k", "person"),
        ("Пётр Кузнецов", "person:k", "person"),
        ("Курской области", "place:kursk", "place"),
    ]
    got = _roles(text, names)
    assert got[0] == (
        "person:k",
        "Chairman of the Government of the Donetsk People's Republic",
        "place:donetsk-peoples-republic",
        None,
        "held",
    )
    assert got[1] == (
        "person:k",
        "Acting Governor of Kursk",
        "place:kursk",
        "2025-04-02",
        "held",
    )


def test_a_bodys_own_post_and_posts_in_one_case_without_a_comma() -> None:
    text = (
        "Встреча с президентом Союза художников России Анной Ивановой. "
        "Память командира батальона Героя Российской Федерации Павла Орлова."
    )
    names = [
        ("Союза художников", "org:u", "organization"),
        ("России", "country:RUS", "country"),
        ("Анной Ивановой", "person:i", "person"),
        ("Российской Федерации", "country:RUS", "country"),
        ("Павла Орлова", "person:o", "person"),
    ]
    assert _roles(text, names) == [
        ("person:i", "President of the Union of Artists", "org:u", None, "held"),
        ("person:o", "Battalion Commander", None, None, "held"),
        ("person:o", "Hero of the Russian Federation", "country:RUS", None, "held"),
    ]


def _roles_by(
    text: str, names: list[tuple[str, str, str]], publisher: str | None
) -> list[tuple[str, str, str | None]]:
    doc = Document(
        f"t{zlib.crc32(text.encode())}",
        "test",
        text,
        published="2025-04-02",
        language="ru",
        publisher=publisher,
    )
    mentions = []
    for surface, entity, kind in names:
        at = text.index(surface)
        mentions.append(Mention(doc.id, at, at + len(surface), surface, entity, kind))
    roles = find_roles_ru(doc, _kb(), mentions, (), _ru())
    return [(r.person, r.title, r.of) for r in roles]


def test_a_meeting_with_a_bodys_members_gives_each_listed_participant_that_post() -> None:
    text = (
        "Президент провёл встречу с постоянными членами Совета Безопасности Иван Петров. "
        "Во встрече приняли участие Пётр Сидоров Сидоров Пётр Ильич директор, "
        "Олег Смирнов. * * * Иван Петров: Добрый день."
    )
    names = [
        ("Иван Петров", "person:p", "person"),
        ("Пётр Сидоров", "person:s", "person"),
        ("Сидоров Пётр Ильич", "person:s", "person"),
        ("Олег Смирнов", "person:o", "person"),
    ]
    assert _roles_by(text, names, "Kremlin") == [
        ("person:s", "Permanent Member of the Security Council", "country:RUS"),
        ("person:o", "Permanent Member of the Security Council", "country:RUS"),
    ]


def test_a_russian_body_named_by_its_words_is_the_publishers_states() -> None:
    text = "Слово предоставили заместителю Председателя Совета Безопасности Ивану Петрову."
    names = [("Ивану Петрову", "person:p", "person")]
    assert _roles_by(text, names, "Kremlin") == [
        ("person:p", "Deputy Chairman of the Security Council", "country:RUS")
    ]
    # Where the sentence names another state, the post is not the publisher's.
    text = "В Турции слово предоставили заместителю Председателя Совета Безопасности Ивану Петрову."
    names = [("Турции", "country:TUR", "country"), ("Ивану Петрову", "person:p", "person")]
    assert _roles_by(text, names, "Kremlin") == [
        ("person:p", "Deputy Chairman of the Security Council", None)
    ]


def test_the_head_of_the_government_and_his_deputies() -> None:
    text = (
        "Выступили Председатель Правительства Иван Петров и Заместитель Председателя "
        "Правительства Олег Смирнов."
    )
    names = [("Иван Петров", "person:p", "person"), ("Олег Смирнов", "person:o", "person")]
    assert _roles_by(text, names, None) == [
        ("person:p", "Prime Minister", None),
        ("person:o", "Deputy Prime Minister", None),
    ]


def test_a_special_representatives_matters_and_the_holder_after_them() -> None:
    text = (
        "Выступил специальный представитель Президента по вопросам климата, "
        "энергетики и туризма Олег Смирнов."
    )
    names = [("Олег Смирнов", "person:o", "person")]
    title = "Special Presidential Representative for Climate, Energy and Tourism"
    assert _roles_by(text, names, None) == [("person:o", title, None)]
    assert _roles_by(text, names, "Kremlin") == [("person:o", title, "country:RUS")]


def test_a_title_keeps_the_form_of_the_states_name_the_text_gives() -> None:
    text = (
        "Беседа с Президентом Республики Беларусь Петром Соколовым. "
        "Президент Белоруссии Пётр Соколов поблагодарил хозяев."
    )
    names = [
        ("Республики Беларусь", "country:BLR", "country"),
        ("Петром Соколовым", "person:s", "person"),
        ("Белоруссии", "country:BLR", "country"),
        ("Пётр Соколов", "person:s", "person"),
    ]
    assert [t for _, t, *_ in _roles(text, names)] == [
        "President of the Republic of Belarus",
        "President of Belarus",
    ]


def test_a_region_the_kb_lacks_keeps_the_english_name_the_entities_stage_gave() -> None:
    text = "Встреча с губернатором Тверской области Олегом Ткачёвым."
    doc = Document("t-region", "test", text, published="2025-04-02", language="ru")
    at, ot = text.index("Тверской области"), text.index("Олегом Ткачёвым")
    mentions = [
        Mention(doc.id, at, at + 16, "Тверской области", "place:x1", "place"),
        Mention(doc.id, ot, ot + 15, "Олегом Ткачёвым", "person:t", "person"),
    ]
    roles = find_roles_ru(doc, _kb(), mentions, (), _ru(), {"place:x1": "Tver Oblast"})
    assert [(r.title, r.of) for r in roles] == [("Governor of Tver Oblast", "place:x1")]


def test_a_post_of_a_chain_is_of_the_body_the_next_post_names() -> None:
    text = "Беседа с главным раввином, президентом Союза общин Сербии Давидом Коэном."
    names = [
        ("Союза общин", "org:c", "organization"),
        ("Сербии", "country:SRB", "country"),
        ("Давидом Коэном", "person:c", "person"),
    ]
    got = _roles(text, names)
    assert [(p, t, of) for p, t, of, *_ in got] == [
        ("person:c", "Chief Rabbi", "org:c"),
        ("person:c", "President of the Union of Communities", "org:c"),
    ]


def test_a_post_right_after_the_verb_that_gives_it_is_appointed_whatever_its_case() -> None:
    text = "Анна Белова назначена врио губернатора Тверской области."
    names = [("Анна Белова", "person:b", "person"), ("Тверской области", "place:tver", "place")]
    assert _roles(text, names) == [
        ("person:b", "Acting Governor", "place:tver", "2025-04-02", "held"),
    ]


def test_chief_of_a_general_staff() -> None:
    text = "Встреча с начальником Генштаба Вооружённых Сил Петром Орловым."
    names = [("Петром Орловым", "person:o", "person")]
    assert [t for _, t, *_ in _roles(text, names)] == [
        "Chief of the General Staff of the Armed Forces"
    ]


def test_a_post_in_the_publishers_states_organ_is_of_that_state() -> None:
    text = "Встреча с начальником Генштаба Вооружённых Сил Петром Орловым."
    doc = Document("t-organ", "kremlin.ru", text, published="2025-04-02", language="ru")
    doc = dataclasses.replace(doc, publisher="Kremlin")
    at, ot = text.index("Вооружённых Сил"), text.index("Петром Орловым")
    mentions = [
        Mention(doc.id, at, at + 15, "Вооружённых Сил", "org:af", "organization"),
        Mention(doc.id, ot, ot + 14, "Петром Орловым", "person:o", "person"),
    ]
    roles = find_roles_ru(doc, _kb(), mentions, (), _ru())
    assert [(r.title, r.of) for r in roles] == [
        ("Chief of the General Staff of the Armed Forces", "country:RUS")
    ]


def test_the_long_form_as_long_as_the_texts() -> None:
    text = "Разговор с Президентом Соединённых Штатов Америки Иваном Смитом."
    names = [
        ("Соединённых Штатов Америки", "country:USA", "country"),
        ("Иваном Смитом", "person:s", "person"),
    ]
    assert [t for _, t, *_ in _roles(text, names)] == ["President of the United States of America"]


def test_a_body_the_kb_lacks_is_named_in_english_from_its_words() -> None:
    text = (
        "Губернатор встретился с председателем Всероссийского общества ветеранов Петром "
        "Ивановым и президентом Федерации еврейских общин России Ильёй Смирновым."
    )
    names = [
        ("Всероссийского общества ветеранов", "org:v", "organization"),
        ("Петром Ивановым", "person:p", "person"),
        ("Федерации еврейских общин России", "org:f", "organization"),
        ("России", "country:RUS", "country"),
        ("Ильёй Смирновым", "person:s", "person"),
    ]
    assert _roles(text, names) == [
        ("person:p", "Chairman of the All-Russian Society of Veterans", "org:v", None, "held"),
        (
            "person:s",
            "President of the Federation of Jewish Communities of Russia",
            "org:f",
            None,
            "held",
        ),
    ]


def test_a_body_with_a_word_the_glossary_lacks_keeps_the_bare_title() -> None:
    text = "Президент встретился с председателем Общества любителей кактусов Павлом Сидоровым."
    names = [
        ("Общества любителей кактусов", "org:k", "organization"),
        ("Павлом Сидоровым", "person:p", "person"),
    ]
    assert _roles(text, names) == [("person:p", "Chairman", "org:k", None, "held")]
