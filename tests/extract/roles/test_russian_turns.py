"""Posts the speakers of a Russian transcript state of themselves or of the one they talk to
(``roles/russian_turns.py``): a transcript written for these tests."""

from __future__ import annotations

import zlib

from tests.extract.roles.test_russian import _kb, _ru

from bilateral.extract.roles.russian import find_roles_ru
from bilateral.model import Document, Mention, Turn

_TEXT = (
    "В.Путин: Вы ведь раньше работали министром финансов? "
    "О.Смирнова: Да, работала министром финансов. Я также была членом Совета Федерации. "
    "А брат работал послом."
)
_NAMES = [("В.Путин", "person:p"), ("О.Смирнова", "person:s")]


def _doc() -> Document:
    second = _TEXT.index("О.Смирнова")
    return Document(
        f"t{zlib.crc32(_TEXT.encode())}",
        "test",
        _TEXT,
        published="2025-04-02",
        language="ru",
        turns=(
            Turn(0, second, "Путин", "remarks"),
            Turn(second, len(_TEXT), "Смирнова", "remarks"),
        ),
    )


def test_first_second_person_and_a_past_tense_without_subject_name_the_holder() -> None:
    doc = _doc()
    mentions = [
        Mention(doc.id, (at := _TEXT.index(s)), at + len(s), s, e, "person") for s, e in _NAMES
    ]
    body = _TEXT.index("Совета Федерации")
    mentions.append(
        Mention(
            doc.id,
            body,
            body + len("Совета Федерации"),
            "Совета Федерации",
            "org:fc",
            "organization",
        )
    )
    roles = find_roles_ru(doc, _kb(), mentions, (), _ru())
    assert [(r.person, r.title, r.of, r.status) for r in roles] == [
        ("person:s", "Minister of Finance", None, "former"),
        ("person:s", "Minister of Finance", None, "former"),
        ("person:s", "Member of the Federation Council", "org:fc", "former"),
    ]


_THREE = (
    "В.Путин: Рад встрече. "
    "Б.Ковалёв: Я помню нашу встречу, Вы ещё являлись тогда министром обороны. "
    "А.Орлов: Была возможность встретиться с министром финансов."
)


def test_you_is_the_speaker_answered_and_a_prepositions_object_is_no_post() -> None:
    second, third = _THREE.index("Б.Ковалёв"), _THREE.index("А.Орлов")
    doc = Document(
        f"t{zlib.crc32(_THREE.encode())}",
        "test",
        _THREE,
        published="2025-04-02",
        language="ru",
        turns=(
            Turn(0, second, "Путин", "remarks"),
            Turn(second, third, "Ковалёв", "remarks"),
            Turn(third, len(_THREE), "Орлов", "remarks"),
        ),
    )
    names = [("В.Путин", "person:p"), ("Б.Ковалёв", "person:k"), ("А.Орлов", "person:o")]
    mentions = [
        Mention(doc.id, (at := _THREE.index(s)), at + len(s), s, e, "person") for s, e in names
    ]
    roles = find_roles_ru(doc, _kb(), mentions, (), _ru())
    assert [(r.person, r.title, r.status) for r in roles] == [
        ("person:p", "Minister of Defence", "former")
    ]
