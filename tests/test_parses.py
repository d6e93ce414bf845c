"""The shared parse cache: sentences a later stage will read are parsed in the next batch."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bilateral.context import Context, _Parses, parse_sentence
from bilateral.ingest import RawDocument, build_document
from bilateral.kb import load_kb
from bilateral.model import Document
from bilateral.pipeline import Stage, run

FIRST = "The two ministers met in Oslo."
SECOND = "They agreed to open a consulate next year."


def test_a_wanted_sentence_joins_the_next_batch() -> None:
    parses = _Parses()
    parses.want([SECOND])
    parses.prefetch([FIRST])
    assert [t.text for t in parses.get(SECOND)][:2] == ["They", "agreed"]
    assert parses._wanted == {}


def test_reading_a_wanted_sentence_parses_every_wanted_one() -> None:
    parses = _Parses()
    parses.want([FIRST, SECOND])
    parses.get(FIRST)
    assert set(parses._docs) == {FIRST, SECOND}


def test_what_was_wanted_and_not_read_is_forgotten() -> None:
    parses = _Parses()
    parses.want([FIRST])
    parses.forget_wanted()
    parses.prefetch([SECOND])
    assert set(parses._docs) == {SECOND}


def test_a_stage_announces_its_sentences_once_what_it_needs_is_there() -> None:
    seen: list[tuple[str, tuple[str, ...]]] = []

    def adds(
        doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]
    ) -> dict[str, tuple[Any, ...]]:
        seen.append(("adds", tuple(got)))
        return {"words": ("x",)}

    def reads(
        doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]
    ) -> dict[str, tuple[Any, ...]]:
        seen.append(("reads", tuple(got)))
        return {}

    def wants(doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]) -> list[str]:
        seen.append(("wants", tuple(got)))
        return [doc.text]

    doc = build_document(RawDocument("t", FIRST, "txt"))
    stages = (
        Stage("adds.v1", (), ("words",), adds),
        Stage("other.v1", (), (), reads),
        Stage("reads.v1", ("words",), (), reads, wants),
    )
    ex = run(doc, Context(kb=load_kb()), stages)
    assert ex.stages == ("adds.v1", "other.v1", "reads.v1")
    assert seen == [
        ("adds", ()),
        ("wants", ("words",)),
        ("reads", ("words",)),
        ("reads", ("words",)),
    ]
    assert [t.text for t in parse_sentence(doc.text)][:2] == ["The", "two"]


def test_a_wanted_sentence_already_parsed_is_kept_through_the_batch() -> None:
    parses = _Parses()
    parses.LIMIT = 2
    parses.prefetch([FIRST])
    parses.prefetch(["A third sentence here."])
    # FIRST is the oldest; wanted again with a new one, it stays and the other goes.
    parses.prefetch([FIRST, SECOND])
    assert set(parses._docs) == {FIRST, SECOND}


def test_a_document_done_leaves_no_parses() -> None:
    parses = _Parses()
    parses.prefetch([FIRST])
    parses.want([SECOND])
    parses.forget()
    assert not parses._docs and not parses._wanted


def _tree(doc: Any) -> list[tuple[Any, ...]]:
    return [
        (t.text, t.idx, t.whitespace_, t.tag_, t.pos_, t.dep_, t.head.i, t.is_sent_start)
        for t in doc
    ]


def test_an_evicted_parse_is_unpacked_not_parsed_again() -> None:
    parses = _Parses()
    parses.LIMIT = 1
    long = "The delegation, led by  the deputy minister, arrived on Monday; talks began at once."
    first = _tree(parses.get(long))
    parses.prefetch([SECOND])
    assert set(parses._docs) == {SECOND} and set(parses._packed) == {long}
    again = parses.get(long)
    assert _tree(again) == first
    assert [c.text for c in again[1].children] == [c.text for c in _Parses().get(long)[1].children]
    assert set(parses._packed) == {SECOND}


def test_a_packed_sentence_wanted_again_is_not_parsed_in_the_batch() -> None:
    parses = _Parses()
    parses.LIMIT = 1
    parses.prefetch([FIRST])
    parses.prefetch([SECOND])
    parses.want([FIRST])
    assert parses._wanted == {}
    parses.forget()
    assert not parses._packed
