"""A text-only ingest stores sentences from rows, without Sentence objects: the stored row must
be the one the Document gives."""

from __future__ import annotations

import pytest

from bilateral.ingest import RawDocument, build_document, build_unsplit
from bilateral.ingest.identity import fingerprint
from bilateral.store import document_row

TEXTS = {
    "plain": (
        "Talks in the capital\n\nThe two ministers met on Monday. They spoke of trade, "
        "e.g. grain and oil! Was a treaty signed? Not yet.\n\nMr. Smith said so."
    ),
    "dialogue": (
        "Press conference\n\nQuestion: Will the envoy travel next week?\n\n"
        "Anna Berg: Yes. She leaves on Tuesday.\n\nQuestion: And the talks?\n\n"
        "Anna Berg: They go on. Thank you."
    ),
    "russian": "Встреча министров\n\nМинистры встретились в столице. Они обсудили торговлю.",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_rows_store_what_the_document_stores(name: str) -> None:
    raw = RawDocument(f"{name}.txt", TEXTS[name], "txt")
    doc = build_document(raw)
    bare, rows = build_unsplit(raw)
    assert bare.sentences == ()
    assert [(s.start, s.end, s.paragraph, s.turn) for s in doc.sentences] == rows
    fp = fingerprint(doc.text)
    assert document_row(bare, fp, rows) == document_row(doc, fp)


def test_dialogue_sentences_carry_their_turns() -> None:
    _, rows = build_unsplit(RawDocument("d.txt", TEXTS["dialogue"], "txt"))
    assert [turn for *_, turn in rows] == [None, 0, 1, 1, 2, 3, 3]
