"""A long document's extraction with a helper process (``spare``) is the very record of one
process: the same facts at the same offsets."""

from __future__ import annotations

import time
from typing import Any

import pytest

from bilateral import pipeline, spare
from bilateral.context import Context
from bilateral.ingest import RawDocument, build_document
from bilateral.kb import load_kb
from bilateral.model import Extraction
from bilateral.pipeline import default_stages, run

_STATES = ["Norway", "Chile", "Kenya", "Vietnam", "Canada", "Peru", "Ghana", "Austria"]
_PEOPLE = ["Anna Lindqvist", "Tomas Herrera", "Grace Wanjiru", "Minh Tran", "Paul Girard"]
_MONTHS = ["March", "May", "July", "October"]


def _text(n: int) -> str:
    """``n`` sentences of invented diplomatic news, each a little different."""
    out = []
    for i in range(n):
        a, b = _STATES[i % 8], _STATES[(i * 3 + 1) % 8]
        who, other = _PEOPLE[i % 5], _PEOPLE[(i + 2) % 5]
        day, month, year = 1 + i % 27, _MONTHS[i % 4], 2010 + i % 12
        out.append(
            [
                f"Foreign Minister {who} of {a} met {other} in Lima on {day} {month} {year}.",
                f"{a} and {b} signed a Memorandum of Understanding on Fisheries Cooperation.",
                f"The Harbour Council of Westmark welcomed {who} and discussed trade with {b}.",
                f"{a} condemned the attack and called on {b} to release {i + 3} detained sailors.",
                f"Exports from {a} to {b} rose by {i % 40 + 2} percent in {year}.",
            ][i % 5]
        )
    return " ".join(out)


def _run(text: str, ctx: Context, helper: bool) -> Extraction:
    return run(build_document(RawDocument("long", text, "txt")), ctx, helper=helper)


@pytest.mark.skipif(not spare.usable(), reason="no second core or no fork here")
def test_the_helper_process_gives_the_same_record(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = Context(kb=load_kb())
    text = _text(700)
    alone = _run(text, ctx, helper=False)
    shared: list[int] = []
    halves = spare.halves

    def counted(texts: list[str], batch_size: int) -> tuple[list[str], list[str]]:
        here, there = halves(texts, batch_size)
        shared.append(len(there))
        return here, there

    forks: list[list[str]] = []
    fork = pipeline._fork

    def counted_fork(*args: Any) -> None:
        forks.append([s.name for s in args[3]])
        fork(*args)

    monkeypatch.setattr(spare, "halves", counted)
    monkeypatch.setattr(pipeline, "_fork", counted_fork)
    both = _run(text, ctx, helper=True)
    assert both == alone
    assert sum(1 for n in shared if n) >= 2  # the recogniser's and the parser's batches went
    assert forks == [["agreements.v2", "events.v1", "claims.v1"]]  # a branch of stages went
    assert alone.skipped == () and len(alone.mentions) > 1000 and alone.actions


def test_batches_are_cut_whole() -> None:
    texts = ["a sentence"] * 300
    assert spare.halves(texts, 128) == (texts[:128], texts[128:])  # 128 | 172
    assert spare.halves(texts, 64) == (texts[:128], texts[128:])
    assert spare.halves(texts[:128], 128) == (texts[:128], [])
    longer = ["a much longer sentence than the others"] * 64 + texts[:192]
    assert spare.halves(longer, 64) == (longer[:64], longer[64:])  # by characters


@pytest.mark.skipif(not spare.usable(), reason="no second core or no fork here")
def test_the_budget_holds_with_the_helper() -> None:
    ctx = Context(kb=load_kb())
    doc = build_document(RawDocument("long", _text(700), "txt"))
    ex = run(doc, ctx, budget=0.5, helper=True)
    assert ex.skipped  # the NER alone takes longer
    names = [s.name for s in default_stages()]
    assert sorted([*ex.stages, *ex.skipped]) == sorted(names)  # each stage once, done or not
    assert list(ex.skipped) == [n for n in names if n in ex.skipped]  # in the pipeline's order


@pytest.mark.skipif(not spare.usable(), reason="no second core or no fork here")
def test_a_wait_for_the_helper_ends_with_the_budget() -> None:
    def slow(what: str, texts: list[str], batch_size: int) -> list[Any]:
        time.sleep(30)
        return texts

    out_of_time = time.monotonic() + 0.3
    helper = spare.Spare(slow, lambda: time.monotonic() > out_of_time)
    t0 = time.monotonic()
    try:
        assert helper.result(helper.submit("ner", ["a", "b"], 1)) is None
    finally:
        helper.close()  # busy with what nobody will read: killed, not awaited
    assert time.monotonic() - t0 < 10


@pytest.mark.skipif(not spare.usable(), reason="no second core or no fork here")
def test_nothing_is_sent_once_the_time_is_out() -> None:
    helper = spare.Spare(lambda what, texts, size: texts, lambda: True)
    try:
        assert helper.result(helper.submit("ner", ["a"], 1)) is None
    finally:
        helper.close()
