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
