from __future__ import annotations

from bilateral.extract.claims.russian import find_claims_ru
from bilateral.extract.dates.stage import find_times
from bilateral.lang.ru import RussianLayer
from bilateral.model import Document


def claims(text: str, published: str = "2025-03-04") -> list[tuple[float, str, str, str | None]]:
    doc = Document("t", "test", text, published=published, language="ru")
    return [
        (c.value, c.unit, c.indicator, c.period)
        for c in find_claims_ru(doc, find_times(text, published), (), RussianLayer())
    ]


def test_money_percent_and_counted_nouns() -> None:
    text = (
        "За прошлый год торговля между странами выросла на 12,5 процента. "
        "В 2023 году инвестиции составили более 3 млрд долларов. "
        "На форум приехали 150 делегатов."
    )
    assert claims(text) == [
        (12.5, "percent", "bilateral trade", "2024"),
        (3e9, "USD", "investment", "2023"),
        (150.0, "persons", "participants", "2025"),
    ]


def test_spelled_numbers_count_by_lemma() -> None:
    text = "Делегация посетит пять городов. Гости привезли семь саженцев."
    assert claims(text) == [
        (5.0, "count", "settlements and regions", "2025"),
        (7.0, "count", "саженец", "2025"),
    ]


def test_what_is_no_claim() -> None:
    text = (
        "Две страны отмечают 30-летие отношений. Прошло 25 лет. "
        "Объём вырос в 2,5 раза. Обсудили три вопроса."
    )
    assert claims(text) == []


def test_more_than_after_the_number() -> None:
    text = "В этом году экспорт вырос на 20 с лишним процентов."
    assert claims(text) == [(20.0, "percent", "exports", "2025")]


def test_a_fraction_of_an_unknown_unit_is_no_count() -> None:
    assert claims("Приложение: указ, файл pdf, 31.5 кБ. Построено 40 школ.") == [
        (40.0, "count", "schools", "2025")
    ]


def test_spelled_and_lone_scales_with_their_currency() -> None:
    text = (
        "Поставки достигли двух тысяч тонн. "
        "Экспорт составил полтора миллиарда долларов. "
        "Инвестиции фонда составили около миллиарда рублей. "
        "Импорт вырос на шесть процентов."
    )
    assert claims(text) == [
        (2000.0, "count", "tonnes (t)", "2025"),
        (1.5e9, "USD", "exports", "2025"),
        (1e9, "RUB", "investment", "2025"),
        (6.0, "percent", "imports", "2025"),
    ]


def test_a_sum_said_without_its_currency() -> None:
    # The currency named in the text before, else the one trade is reckoned in; an investment
    # in no named currency is no claim.
    assert claims("Товарооборот держится на уровне 300 миллионов.") == [
        (3e8, "USD", "bilateral trade", "2025")
    ]
    assert claims("Инвестиции составили 4 миллиарда.") == []
    assert claims("Кредит – 2 млрд юаней. Инвестиции составили 4 миллиарда.") == [
        (2e9, "CNY", "debt and loans", "2025"),
        (4e9, "CNY", "investment", "2025"),
    ]


def test_currency_after_the_scale_word() -> None:
    text = "Торговый оборот вырос до 12 миллиардов в долларовом эквиваленте."
    assert claims(text) == [(12e9, "USD", "bilateral trade", "2025")]


def test_a_bare_number_after_a_sum_is_of_its_scale() -> None:
    text = (
        "Объём торговли превысил 30 миллиардов долларов. "
        "По данным партнёров – около 31. По нашим – 29 с небольшим, и 14 проектов."
    )
    assert claims(text) == [
        (30e9, "USD", "bilateral trade", "2025"),
        (31e9, "USD", "bilateral trade", "2025"),
        (29e9, "USD", "bilateral trade", "2025"),
        (14.0, "count", "projects", "2025"),
    ]


def test_an_exchange_counts_both_sides_and_a_continuation_keeps_the_date() -> None:
    text = (
        "Стороны условились, что 20 мая будет проведён обмен пленными – 90 на 90 человек. "
        "Кроме того, будут переданы 12 раненых военнослужащих. Погибли 40 тысяч жизней."
    )
    assert claims(text) == [
        (90.0, "persons", "people", "2025-05-20"),
        (90.0, "persons", "people", "2025-05-20"),
        (12.0, "persons", "casualties", "2025-05-20"),
        (40000.0, "persons", "casualties", "2025"),
    ]


def test_prepositions_are_not_counted() -> None:
    assert claims("Выросло на 40 с небольшим. Было 12 в прошлом.") == []


def test_units_of_measure() -> None:
    text = "Поставлено 12 млн тонн зерна. Мощность – 3 гигаватта. Площадь – 40 гектаров."
    assert claims(text) == [
        (12e6, "count", "tonnes (t)", "2025"),
        (3000.0, "count", "power (MW)", "2025"),
        (40.0, "count", "area (ha)", "2025"),
    ]


def test_an_animate_noun_counts_persons_a_young_animal_does_not() -> None:
    text = "В лагерь прибыли 12 480 волонтёров и 37 спасателей. Зоопарк получил семь тигрят."
    assert claims(text) == [
        (12480.0, "persons", "specialists", "2025"),
        (37.0, "persons", "спасатель", "2025"),
        (7.0, "count", "тигренок", "2025"),
    ]


def test_an_editors_bracketed_word_is_read() -> None:
    with_insertion = claims("Сегодня средняя зарплата – 48 тысяч [рублей].")
    assert with_insertion == claims("Сегодня средняя зарплата – 48 тысяч рублей.")
    assert with_insertion == [(48000.0, "RUB", "amount", "2025-03")]


def test_a_four_digit_number_that_governs_a_noun_is_no_year() -> None:
    text = "За три года в области отремонтировали 1750 километров трасс и 64 моста."
    assert claims(text) == [
        (1750.0, "count", "distance (km)", "2025"),
        (64.0, "count", "мост", "2025"),
    ]


def test_since_a_year_is_a_period_to_the_documents_year() -> None:
    text = "С 2018 года выпуск продукции вырос на 27 процентов, а в 2022 году – на 4 процента."
    assert claims(text) == [
        (27.0, "percent", "percentage", "2018/2025"),
        (4.0, "percent", "percentage", "2022"),
    ]


def test_a_year_before_the_word_year_stays_a_year() -> None:
    assert claims("В 2021 году открыто 12 школ, а в 2022 и 2023 годах – ещё 9.") == [
        (12.0, "count", "schools", "2021")
    ]


def test_a_past_story_keeps_the_year_of_the_sentence_before() -> None:
    text = (
        "Наводнение случилось 5 мая 1998 года. Вода стояла две недели: эвакуировали 3200 человек. "
        "Сегодня в городе живут 45 тысяч человек."
    )
    assert claims(text) == [
        (3200.0, "persons", "people", "1998-05-05"),
        (45000.0, "persons", "people", "2025-03"),
    ]


def test_places_count_from_a_hundred_and_questions_below_it_do_not() -> None:
    text = "Открыт детский сад на 240 мест. Обсудили четыре вопроса и 12 мест для парковки."
    assert claims(text) == [(240.0, "count", "место", "2025")]


def test_jobs_are_places_of_work_not_workers() -> None:
    text = "Проекты позволят создать 2500 рабочих мест и открыть 7 совместных предприятий."
    assert claims(text) == [
        (2500.0, "count", "jobs", "2025"),
        (7.0, "count", "enterprises", "2025"),
    ]
