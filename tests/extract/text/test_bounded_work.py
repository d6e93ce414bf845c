"""The structures that keep extraction linear in a document's length: spans by start, line
bounds by binary search, sentences and units of bounded length. Each is checked against the
plain scan it replaces, on small inputs (speed is measured in bench/scaling_bench.py)."""

from __future__ import annotations

from dataclasses import dataclass

from bilateral.extract.entities.persons import Link, free
from bilateral.extract.text.lines import line_end, line_start, only_before
from bilateral.extract.text.sentences import (
    MAX_SENTENCE,
    bounded,
    bounded_sentences,
    sentence_spans,
)
from bilateral.extract.text.spans import Taken
from bilateral.extract.text.units import units
from bilateral.ingest import RawDocument, build_document


@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def test_taken_answers_as_the_scan_of_every_span() -> None:
    spans = [_Span(0, 4), _Span(2, 30), _Span(10, 12), _Span(10, 11), _Span(40, 41)]
    taken = Taken(spans)
    links = [Link(s.start, s.end, "k", "person", "n", "kb") for s in spans]
    for a in range(0, 45):
        for b in range(a, 45):
            assert taken.free(a, b) == free(a, b, links), (a, b)
            want = [s for s in spans if s.start < b and s.end > a]
            assert taken.overlapping(a, b) == sorted(want, key=lambda s: s.start), (a, b)


def test_taken_keeps_equal_starts_in_the_order_added_and_removes_one_object() -> None:
    first, second, third = _Span(5, 9), _Span(5, 7), _Span(1, 2)
    taken = Taken([first, second, third])
    assert taken.overlapping(5, 6) == [first, second]
    taken.remove(first)
    assert taken.overlapping(0, 10) == [third, second]
    assert taken.free(7, 9)


def test_line_bounds_are_those_of_find_and_rfind() -> None:
    text = "Title\n\nOne line here.\nAnother ( line\n"
    for pos in range(len(text) + 1):
        assert line_start(text, pos) == text.rfind("\n", 0, pos) + 1
        assert line_end(text, pos) == text.find("\n", pos)
        start = line_start(text, pos)
        assert only_before(text, start, pos) == (not text[start:pos].strip())
        assert only_before(text, start, pos, " (") == (not text[start:pos].strip(" ("))


def test_a_long_stretch_is_cut_at_spaces_into_bounded_pieces() -> None:
    text = "word " * 30
    assert bounded(0, len(text) - 1, text, limit=22) == [
        (0, 19),
        (20, 39),
        (40, 59),
        (60, 79),
        (80, 99),
        (100, 119),
        (120, 139),
        (140, 149),
    ]
    assert bounded(0, 50, "x" * 50, limit=20) == [(0, 20), (20, 40), (40, 50)]
    assert bounded(3, 9, "abc defghi", limit=20) == [(3, 9)]


def test_a_text_without_sentence_ends_gives_the_stages_bounded_sentences() -> None:
    text = "and the talks went on " * 800  # 17,600 characters, no full stop, one paragraph
    doc = build_document(RawDocument("t", text, "txt"))
    assert max(s.end - s.start for s in doc.sentences) > MAX_SENTENCE
    cut = bounded_sentences(doc)
    assert max(s.end - s.start for s in cut.sentences) <= MAX_SENTENCE
    assert cut.sentences[0].start == doc.sentences[0].start
    assert cut.sentences[-1].end == doc.sentences[-1].end
    assert all(
        cut.text[s.start : s.end].strip() == cut.text[s.start : s.end] for s in cut.sentences
    )
    plain = build_document(RawDocument("p", "The ministers met. They signed a treaty.", "txt"))
    assert bounded_sentences(plain) is plain
    bare = build_document(RawDocument("b", text, "txt"))
    assert max(b - a for a, b in sentence_spans(bounded_sentences(bare))) <= MAX_SENTENCE


def test_a_stray_bold_marker_does_not_join_a_whole_paragraph_into_one_unit() -> None:
    # An OCR's "ﬁ" read as "**" opens a bold block that no blank line closes.
    text = "The **rst session opened. " + "The delegates spoke at length. " * 600
    doc = build_document(RawDocument("u", text, "txt"))
    spans = units(doc)
    assert max(b - a for a, b in spans) <= MAX_SENTENCE
    assert spans[0][0] == 0 and spans[-1][1] == len(text.rstrip())
