from __future__ import annotations

import zlib

from bilateral.extract.roles.russian_heads import heads_by_description
from bilateral.kb import load_kb
from bilateral.lang.ru import RussianLayer
from bilateral.model import Document, Evidence, Mention, Role


def _run(text: str, holders: list[tuple[str, str, str]]) -> list[tuple[str, str, str | None]]:
    doc = Document(
        f"h{zlib.crc32(text.encode())}", "test", text, published="2025-04-02", language="ru"
    )
    at = text.index("Петром Соколовым")
    m = Mention(doc.id, at, at + 16, "Петром Соколовым", "person:s", "person")
    found = [
        Role(p, t, of, None, (Evidence.of(doc, m.start, m.end),), "text") for p, t, of in holders
    ]
    got = heads_by_description(doc, load_kb(), [m], found, RussianLayer())
    return [(r.person, r.title, r.of) for r in got]


TEXT = (
    "Беседа с Президентом Сербии Петром Соколовым. "
    "Обсуждались инициативы главы сербского государства."
)


def test_a_description_of_a_states_head_is_its_one_named_head() -> None:
    holders = [("person:s", "President of Serbia", "country:SRB")]
    assert _run(TEXT, holders) == [("person:s", "Head of State", "country:SRB")]


def test_no_head_when_the_text_names_none_or_several() -> None:
    assert _run(TEXT, [("person:s", "Prime Minister", "country:SRB")]) == []
    two = [
        ("person:s", "President of Serbia", "country:SRB"),
        ("person:t", "President", "country:SRB"),
    ]
    assert _run(TEXT, two) == []


def test_a_head_of_government_beside_the_head_of_state_is_not_meant() -> None:
    both = [
        ("person:s", "President of Serbia", "country:SRB"),
        ("person:t", "Prime Minister", "country:SRB"),
    ]
    assert _run(TEXT, both) == [("person:s", "Head of State", "country:SRB")]


def _run_bare(text: str, holders: list[tuple[str, str, str]]) -> list[tuple[str, str, str | None]]:
    doc = Document(
        f"b{zlib.crc32(text.encode())}",
        "test",
        text,
        published="2025-04-02",
        language="ru",
        publisher="Kremlin",
    )
    found = [Role(p, t, of, None, (Evidence.of(doc, 0, 5),), "text") for p, t, of in holders]
    got = heads_by_description(doc, load_kb(), [], found, RussianLayer())
    return [(r.person, r.title, r.of) for r in got]


def test_the_head_of_state_unnamed_is_the_publishers_own() -> None:
    text = "Беседа прошла тепло. Главу государства сопровождал министр."
    holders = [
        ("person:r", "President of Russia", "country:RUS"),
        ("person:s", "President of Serbia", "country:SRB"),
    ]
    assert _run_bare(text, holders) == [("person:r", "Head of State", "country:RUS")]


def test_heads_of_states_in_the_plural_are_every_state_s_one_head() -> None:
    text = "Беседа прошла тепло. Главы государств обсудили торговлю."
    holders = [
        ("person:r", "President of Russia", "country:RUS"),
        ("person:s", "President of Serbia", "country:SRB"),
    ]
    assert _run_bare(text, holders) == [
        ("person:r", "Head of State", "country:RUS"),
        ("person:s", "Head of State", "country:SRB"),
    ]
