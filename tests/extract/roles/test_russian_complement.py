"""Posts whose complement the vocabulary lacks, plural titles with lists, holders in brackets
(``roles/russian_complement.py``, ``roles/russian_plural.py``): sentences written for these
tests."""

from __future__ import annotations

from tests.extract.roles.test_russian import _roles


def test_a_complement_of_unknown_words_up_to_a_name_in_the_same_case() -> None:
    text = "Работа ведётся Министром природных ресурсов и экологии Козловым Александром."
    names = [("Козловым Александром", "person:k", "person")]
    assert _roles(text, names) == [
        ("person:k", "Minister of Natural Resources and Ecology", None, None, "held")
    ]


def test_a_complement_with_a_word_the_glossary_lacks_keeps_the_bare_title() -> None:
    text = "Он встретился с ректором университета Юрием Боровиковым."
    names = [("Юрием Боровиковым", "person:b", "person")]
    assert _roles(text, names) == [("person:b", "Rector of University", None, None, "held")]


def test_a_name_in_another_case_after_the_complement_is_no_holder() -> None:
    text = "Решение ректора университета Юрий Боровиков объявил вчера."
    names = [("Юрий Боровиков", "person:b", "person")]
    assert _roles(text, names) == []


def test_a_quoted_name_in_the_complement_is_left_out_of_the_english() -> None:
    text = "Слово генеральному директору группы компаний «Звезда» Павлу Степанову."
    names = [("Павлу Степанову", "person:s", "person")]
    assert _roles(text, names) == [
        ("person:s", "Director General of Group of Companies", None, None, "held")
    ]


def test_a_complement_closed_by_a_place_with_the_holder_before_it() -> None:
    text = "Слово предоставляется Смирнову Олегу Петровичу, мэру города Тарусы Калужской области."
    names = [
        ("Смирнову", "person:s", "person"),
        ("Тарусы", "place:t", "place"),
        ("Калужской области", "place:k", "place"),
    ]
    assert _roles(text, names) == [("person:s", "Mayor", "place:t", None, "held")]


def test_a_second_title_ends_the_complement() -> None:
    text = "Память командира батальона Героя Российской Федерации Павла Орлова."
    names = [
        ("Российской Федерации", "country:RUS", "country"),
        ("Павла Орлова", "person:o", "person"),
    ]
    assert _roles(text, names) == [
        ("person:o", "Battalion Commander", None, None, "held"),
        ("person:o", "Hero of the Russian Federation", "country:RUS", None, "held"),
    ]


def test_plural_title_pairs_states_and_names_in_order() -> None:
    text = "Президенты России и Казахстана Владимир Путин и Касым-Жомарт Токаев провели переговоры."
    names = [
        ("России", "country:RUS", "country"),
        ("Казахстана", "country:KAZ", "country"),
        ("Владимир Путин", "person:p", "person"),
        ("Касым-Жомарт Токаев", "person:t", "person"),
    ]
    assert _roles(text, names) == [
        ("person:p", "President of Russia", "country:RUS", None, "held"),
        ("person:t", "President of Kazakhstan", "country:KAZ", None, "held"),
    ]


def test_plural_title_in_the_instrumental_after_with() -> None:
    text = "Прошла беседа с министрами иностранных дел Египта и Иордании Бадром Ахмедом и Айманом Сафади."
    names = [
        ("Египта", "country:EGY", "country"),
        ("Иордании", "country:JOR", "country"),
        ("Бадром Ахмедом", "person:a", "person"),
        ("Айманом Сафади", "person:s", "person"),
    ]
    assert _roles(text, names) == [
        ("person:a", "Minister of Foreign Affairs of Egypt", "country:EGY", None, "held"),
        ("person:s", "Minister of Foreign Affairs of Jordan", "country:JOR", None, "held"),
    ]


def test_plural_title_with_lists_of_different_lengths_gives_nothing() -> None:
    text = "Президенты России и Казахстана Владимир Путин, Касым-Жомарт Токаев и Садыр Жапаров."
    names = [
        ("России", "country:RUS", "country"),
        ("Казахстана", "country:KAZ", "country"),
        ("Владимир Путин", "person:p", "person"),
        ("Касым-Жомарт Токаев", "person:t", "person"),
        ("Садыр Жапаров", "person:j", "person"),
    ]
    assert _roles(text, names) == []


def test_a_holder_in_brackets_before_or_after_the_title() -> None:
    text = (
        "Выступил Сергей Лавров (министр иностранных дел России). "
        "Выступил министр иностранных дел Китая (Ван И)."
    )
    names = [
        ("Сергей Лавров", "person:l", "person"),
        ("России", "country:RUS", "country"),
        ("Китая", "country:CHN", "country"),
        ("Ван И", "person:w", "person"),
    ]
    assert _roles(text, names) == [
        ("person:l", "Minister of Foreign Affairs of Russia", "country:RUS", None, "held"),
        ("person:w", "Minister of Foreign Affairs of China", "country:CHN", None, "held"),
    ]


def test_an_empress_by_her_title() -> None:
    text = "Императрица Елизавета I основала университет."
    names = [("Елизавета I", "person:e", "person")]
    assert _roles(text, names) == [("person:e", "Empress", None, None, "held")]


def test_a_name_one_of_whose_words_agrees_with_the_title_is_its_holder() -> None:
    text = (
        "Передаю приветствие Его Величества Короля Тамима Бен Хамада Аль Тани. "
        "Указом Президента Иван Петров назначен послом."
    )
    names = [
        ("Тамима Бен Хамада Аль Тани", "person:t", "person"),
        ("Иван Петров", "person:p", "person"),
    ]
    assert _roles(text, names) == [
        ("person:t", "King", None, None, "held"),
        ("person:p", "Ambassador", None, "2025-04-02", "held"),
    ]


def test_titles_joined_by_a_dash_a_closing_quote_and_a_plural_in_the_complement() -> None:
    text = (
        "Пояснения давали генеральный директор – генеральный конструктор АО «Звезда» Олег "
        "Петров, член совета директоров Иван Сидоров."
    )
    names = [
        ("АО «Звезда", "org:z", "organization"),
        ("Олег Петров", "person:o", "person"),
        ("Иван Сидоров", "person:i", "person"),
    ]
    assert _roles(text, names) == [
        ("person:o", "Director General", None, None, "held"),
        ("person:o", "General Designer", "org:z", None, "held"),
        ("person:i", "Member of Council of Directors", None, None, "held"),
    ]


def test_a_complement_before_the_state_stays_in_the_title() -> None:
    text = "Доклад сделал Министр природных ресурсов и экологии России Александр Козлов."
    names = [("России", "country:RUS", "country"), ("Александр Козлов", "person:k", "person")]
    assert _roles(text, names) == [
        (
            "person:k",
            "Minister of Natural Resources and Ecology of Russia",
            "country:RUS",
            None,
            "held",
        )
    ]


def test_a_plural_reading_of_a_name_is_no_agreement_with_a_singular_title() -> None:
    text = "Решение директоров Иван Анцев объявил вчера."
    assert _roles(text, [("Иван Анцев", "person:a", "person")]) == []
