from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.ingest import build_document
from bilateral.ingest.segment import (
    build_turns,
    find_markers,
    paragraphs,
    sentences,
    split_sentences,
)
from bilateral.ingest.text import RawDocument
from bilateral.model import Sentence, Span, Turn


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He met Mr. Lavrov. Then he left.", ["He met Mr. Lavrov.", "Then he left."]),
        ("“We are ready.” Then he left.", ["“We are ready.”", "Then he left."]),
        (
            "The U.S. President met H.E. Mr. Murat Nurtleu in the U.S. The talks went well.",
            ["The U.S. President met H.E. Mr. Murat Nurtleu in the U.S.", "The talks went well."],
        ),
        (
            "Joseph R. Biden spoke. B. Sultanov agreed! Why? Because... It was No. 5 on the list.",
            [
                "Joseph R. Biden spoke.",
                "B. Sultanov agreed!",
                "Why?",
                "Because...",
                "It was No. 5 on the list.",
            ],
        ),
        ("Trade reached $28.5 billion. It grew.", ["Trade reached $28.5 billion.", "It grew."]),
        (
            "Regions, e.g. Kostanay, took part. Others did not.",
            ["Regions, e.g. Kostanay, took part.", "Others did not."],
        ),
        ("79. I am happy to be here. Thank you.", ["79. I am happy to be here.", "Thank you."]),
        (
            "On 5 Jan. 2020 they met (in Astana.) Then they left.",
            ["On 5 Jan. 2020 they met (in Astana.)", "Then they left."],
        ),
        (
            "С.В. Лавров провёл переговоры. Стороны обсудили торговлю.",
            ["С.В. Лавров провёл переговоры.", "Стороны обсудили торговлю."],
        ),
        (
            "I would like to congratulate my colleague, Murat Nurtleu, from",
            ["I would like to congratulate my colleague, Murat Nurtleu, from"],
        ),
        (
            "the Organization (see A/60/PV.100). The year ended.",
            ["the Organization (see A/60/PV.100).", "The year ended."],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_periods_after_years_and_paragraph_numbers() -> None:
    # Decided by the boundary regex ("year", "number") with a look at where the sentence starts:
    # the same answers as the word-by-word check.
    text = "The accord dates from 1991. It holds.\n\n14. The sides agree. They sign it in 2031."
    rows = sentences(text, paragraphs(text))
    assert [(text[s.start : s.end], s.paragraph) for s in rows] == [
        ("The accord dates from 1991.", 0),
        ("It holds.", 0),
        ("14. The sides agree.", 1),
        ("They sign it in 2031.", 1),
    ]
    # A sentence that starts inside the year, or a text that starts with its line break, gets
    # the word-by-word answer: "91." is a number there, "\n7." is no paragraph number.
    assert split_sentences(text, 24, 37) == [(24, 37)]
    other = "\n7. Seven. Done."
    assert [other[s:e] for s, e in split_sentences(other, 0, len(other))] == [
        "\n7.",
        "Seven.",
        "Done.",
    ]


def test_paragraph_offsets() -> None:
    text = "Title\n\nFirst paragraph. Two sentences.\n\nLast one"
    assert paragraphs(text) == (Span(0, 5), Span(7, 38), Span(40, 48))
    loose = "  a \n\n\n\n b"
    assert [loose[p.start : p.end] for p in paragraphs(loose)] == ["a", "b"]


def test_sentences_know_their_paragraph_and_turn() -> None:
    text = "Intro line\n\nQuestion: Why? And how?\n\nSergey Lavrov: Because. It is so."
    paras = paragraphs(text)
    turns = (Turn(12, 34, "Question", "question"), Turn(36, 70, "Sergey Lavrov", "answer"))
    got = [(text[s.start : s.end], s.paragraph, s.turn) for s in sentences(text, paras, turns)]
    assert got == [
        ("Intro line", 0, None),
        ("Question: Why?", 1, 0),
        ("And how?", 1, 0),
        ("Sergey Lavrov: Because.", 2, 1),
        ("It is so.", 2, 1),
    ]


def test_markers_need_a_dialogue() -> None:
    text = "Original: RUSSIAN\n\nMr. President: I thank you.\n\nKazakhstan: a partner.\n\nThe end."
    assert find_markers(text, paragraphs(text)) == ()
    qa = "Question: Why?\n\nSergey Lavrov: Because.\n\nQuestion (TASS): And?\n\nSergey Lavrov: So."
    markers = find_markers(qa, paragraphs(qa))
    assert [(m.label, m.question) for m in markers] == [
        ("Question", True),
        ("Sergey Lavrov", False),
        ("Question", True),
        ("Sergey Lavrov", False),
    ]


def test_turns_with_opening_remarks_and_footer() -> None:
    text = (
        "Minister’s remarks, Moscow, April 11, 2023\n\nLadies and gentlemen,\n\nWe held talks.\n\n"
        "Question: What next?\n\nSergey Lavrov: More talks.\n\nSource: The Ministry"
    )
    paras = paragraphs(text)
    turns = build_turns(
        text, paras, find_markers(text, paras), opening_speaker="Sergey Lavrov", skip=1
    )
    got = [(text[t.start : t.end], t.speaker, t.role) for t in turns]
    assert got == [
        ("Ladies and gentlemen,\n\nWe held talks.", "Sergey Lavrov", "remarks"),
        ("Question: What next?", "Question", "question"),
        ("Sergey Lavrov: More talks.", "Sergey Lavrov", "answer"),
    ]


def test_kremlin_style_labels_name_the_person() -> None:
    text = (
        "Press statements following Russian-Kazakhstani talks\n\nNovember 27, 2024\n\n"
        "President of Russia Vladimir Putin: Mr President, friends, we had productive talks.\n\n"
        "President of Kazakhstan Kassym-Jomart Tokayev: Thank you. We agreed on a lot.\n\n"
        "Vladimir Putin: Thank you."
    )
    doc = build_document(RawDocument("k.txt", text, "txt"))
    assert [(t.speaker, t.role) for t in doc.turns] == [
        ("Vladimir Putin", "remarks"),
        ("Kassym-Jomart Tokayev", "remarks"),
        ("Vladimir Putin", "remarks"),
    ]
    assert doc.speakers == ("Vladimir Putin", "Kassym-Jomart Tokayev")
    assert (doc.published, doc.doc_type) == ("2024-11-27", "transcript")


def _seed(seeds_dir: Path, name: str) -> RawDocument:
    path = next(seeds_dir.glob(f"{name}_*.txt"))
    return RawDocument(str(path), path.read_text(encoding="utf-8"), "txt")


def test_turns_in_the_press_conference(seeds_dir: Path) -> None:
    doc = build_document(_seed(seeds_dir, "001"))
    roles = [(t.speaker, t.role) for t in doc.turns]
    assert roles[0] == ("Sergey Lavrov", "remarks")
    assert doc.text[doc.turns[0].start :].startswith("Ladies and gentlemen,")
    assert roles[1:] == [("Question", "question"), ("Sergey Lavrov", "answer")] * 4
    first_question = doc.turns[1]
    assert doc.text[first_question.start : first_question.end].startswith("Question: What areas")
    remarks = [s for s in doc.sentences if s.turn == 0]
    assert doc.text[remarks[0].start : remarks[0].end] == "Ladies and gentlemen,"


def test_turns_in_the_interview(seeds_dir: Path) -> None:
    doc = build_document(_seed(seeds_dir, "002"))
    roles = [(t.speaker, t.role) for t in doc.turns]
    assert roles == [("Question", "question"), ("Sergey Lavrov", "answer")] * 5
    last = doc.turns[-1]
    assert doc.text[last.start : last.end].endswith("is our absolute priority.")
    assert "Source:" not in doc.text[last.start : last.end]


def test_offsets_on_the_seeds(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        doc = build_document(RawDocument(str(path), path.read_text(encoding="utf-8"), "txt"))
        _check_offsets(doc.text, doc.paragraphs, doc.sentences, doc.turns)


def _check_offsets(
    text: str, paras: tuple[Span, ...], sents: tuple[Sentence, ...], turns: tuple[Turn, ...]
) -> None:
    previous = 0
    for s in sents:
        p = paras[s.paragraph]
        assert p.start <= s.start < s.end <= p.end
        assert s.start >= previous
        piece = text[s.start : s.end]
        assert piece == piece.strip()
        previous = s.end
        if s.turn is not None:
            assert turns[s.turn].start <= s.start < turns[s.turn].end
    for span in (*paras, *turns):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == text[span.start : span.end].strip()
    for a, b in itertools.pairwise(turns):
        assert a.end <= b.start


_WORDS = st.sampled_from(
    [
        "Mr.",
        "Lavrov",
        "said",
        "U.S.",
        "No.",
        "5",
        "e.g.",
        "the",
        "Talks.",
        "Why?",
        "“Yes.”",
        "B.",
        "end!",
        "...",
        "(see",
        "A/60/PV.5).",
    ]
)
_PARAGRAPH = st.lists(_WORDS, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=6).map("\n\n".join))
def test_sentences_cover_paragraphs_without_crossing(text: str) -> None:
    paras = paragraphs(text)
    sents = sentences(text, paras)
    _check_offsets(text, paras, sents, ())
    for i, p in enumerate(paras):
        own = [s for s in sents if s.paragraph == i]
        assert own[0].start == p.start and own[-1].end == p.end
        # Between two sentences of a paragraph there is white space only.
        for a, b in itertools.pairwise(own):
            assert text[a.end : b.start].strip() == ""


def test_markers_are_looked_for_only_where_a_colon_is() -> None:
    # Fewer colons than paragraphs: only the paragraphs with one are tried, with the same
    # markers as trying every paragraph (a colon between paragraphs or in the prose is passed).
    qa = (
        "Talks in the capital\n\nThe minister arrived on Monday.\n\nQuestion: Why now?\n\n"
        "It was planned long ago.\n\nAnna Petrova: It was planned.\n\nNothing more.\n\n"
        "Question: And then?\n\nAnna Petrova: We shall see. The ratio was 3:1.\n\nThe end."
    )
    markers = find_markers(qa, paragraphs(qa))
    assert [(m.paragraph, m.label, m.question) for m in markers] == [
        (2, "Question", True),
        (4, "Anna Petrova", False),
        (6, "Question", True),
        (7, "Anna Petrova", False),
    ]
