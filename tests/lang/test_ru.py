"""The Russian layer on sentences written for these tests."""

from __future__ import annotations

import pytest

from bilateral.lang.ru import RussianLayer
from bilateral.lang.stem import russian_stems, stem_word
from bilateral.lang.translit import latin
from bilateral.model import Document, Sentence


@pytest.fixture(scope="module")
def ru() -> RussianLayer:
    return RussianLayer()


def _doc(text: str) -> Document:
    return Document("t:1", "t", text, language="ru", sentences=(Sentence(0, len(text), 0),))


def test_tokens_carry_offsets_lemmas_and_keys(ru: RussianLayer) -> None:
    doc = _doc("Министр встретился с Лавровым.")
    tokens = ru.read(doc).tokens
    assert [(t.text, t.lemma, t.pos) for t in tokens] == [
        ("Министр", "министр", "NOUN"),
        ("встретился", "встретиться", "VERB"),
        ("с", "с", "PREP"),
        ("Лавровым", "лавров", "NOUN"),
        (".", ".", "PNCT"),
    ]
    assert all(doc.text[t.start : t.end] == t.text for t in tokens)
    assert ru.read(doc) is ru.read(doc)


def test_inflected_names_share_keys(ru: RussianLayer) -> None:
    assert ru.keys("Объединённых Арабских Эмиратов") == ru.keys("Объединённые Арабские Эмираты")
    assert ru.keys("Египта") == ru.keys("Египет")
    assert ru.keys("Путиным") == ru.keys("Путин")


def test_names_in_the_nominative(ru: RussianLayer) -> None:
    assert ru.nominative("Валентиной Ивановой", "PER") == "Валентина Иванова"
    assert ru.nominative("Республики Союз Мьянма", "LOC") == "Республика Союз Мьянма"
    doc = _doc("Президент принял в Кремле Игоря Сечина.")
    found = [(n.type, n.text, n.normal) for n in ru.names(doc)]
    assert ("PER", "Игоря Сечина", "Игорь Сечин") in found


def test_stems_and_transliteration() -> None:
    assert stem_word("товарооборота") == stem_word("товарообороте") == "товарооборот"
    assert russian_stems("Рост товарооборота, trade") == "рост товарооборот"
    assert latin("Касым-Жомарт Токаев") == "kasym-zhomart tokaev"
