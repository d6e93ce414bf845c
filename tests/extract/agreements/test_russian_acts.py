"""A state's acts, truces, and coordinated words inside a Russian agreement's name
(``extract/agreements/russian.py``): sentences written for these tests."""

from __future__ import annotations

from tests.extract.agreements.test_russian import names


def test_a_decree_or_law_named_by_what_it_is_about() -> None:
    text = (
        "Глава государства подписал Указ о присуждении премий в области культуры за 2023 год. "
        "Внесены поправки в Федеральный закон «О почтовой связи». "
        "Указом Президента Иван Петров назначен послом. "
        "По закону страны так поступать нельзя."
    )
    assert [(n, t) for n, t, _ in names(text)] == [
        ("Указ о присуждении премий в области культуры за 2023 год", "decree"),
        ("Федеральный закон «О почтовой связи»", "law"),
    ]


def test_a_truce_named_by_an_adjective_of_its_own() -> None:
    text = (
        "Стороны объявили рождественское перемирие. "
        "Это перемирие продлилось сутки. "
        "Действовал временный мораторий."
    )
    assert [(n, t) for n, t, _ in names(text)] == [
        ("рождественское перемирие", "ceasefire"),
        ("временный мораторий", "ceasefire"),
    ]


def test_listed_adjectives_and_or_between_genitives_stay_in_the_name() -> None:
    text = (
        "Запущена программа химического, биологического и инженерного образования. "
        "Расширена программа базового или углублённого изучения языков. "
        "Подписано соглашение о туризме или иные документы."
    )
    assert [n for n, _, _ in names(text)] == [
        "программа химического, биологического и инженерного образования",
        "программа базового или углублённого изучения языков",
        "соглашение о туризме",
    ]


def test_national_projects_by_their_short_word() -> None:
    text = "Работа идёт в рамках нацпроектов экономики данных."
    assert [(n, t) for n, t, _ in names(text)] == [("нацпроектов экономики данных", "programme")]
    assert [(n, t) for n, t, _ in names("Все нацпроекты важны.")] == [("нацпроекты", "programme")]
