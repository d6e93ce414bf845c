"""The per-document time budget: later stages are skipped, named, stored and completed later."""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from bilateral.context import Context
from bilateral.ingest import RawDocument, build_document
from bilateral.kb import load_kb
from bilateral.model import Document
from bilateral.pipeline import Stage, default_stages, run
from bilateral.store import Store


def _slow(
    doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]
) -> dict[str, tuple[Any, ...]]:
    time.sleep(0.3)
    return {}


def test_stages_after_the_budget_are_skipped_and_named() -> None:
    doc = build_document(RawDocument("t", "The ministers met in Oslo on 3 May 2021.", "txt"))
    ctx = Context(kb=load_kb())
    stages = (
        Stage("slow.v1", (), (), _slow),
        *default_stages(),
    )
    ex = run(doc, ctx, stages, budget=0.1)
    assert ex.stages == ("slow.v1",)
    assert ex.skipped == tuple(s.name for s in default_stages())
    full = run(doc, ctx, stages, budget=None)
    assert full.skipped == () and len(full.stages) == len(stages)


def test_incomplete_extraction_is_stored_and_completed_by_extract_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from bilateral.cli import main

    (tmp_path / "a.txt").write_text(
        "Talks\n\nPresident Macron met Chancellor Scholz in Paris on 3 May 2022."
    )
    db = str(tmp_path / "b.db")
    monkeypatch.setenv("BILATERAL_TIME_BUDGET", "0.000001")
    result = CliRunner().invoke(
        main, ["--db", db, "ingest", "--workers", "1", str(tmp_path / "a.txt")]
    )
    assert result.exit_code == 0, result.output
    assert "extraction incomplete, out of time before" in result.output
    with Store(db) as store:
        (doc_id,) = store.document_ids()
        ex = store.load_extraction(doc_id)
        assert ex.skipped and len(ex.stages) + len(ex.skipped) == len(default_stages())
    monkeypatch.delenv("BILATERAL_TIME_BUDGET")
    result = CliRunner().invoke(main, ["--db", db, "extract", "--stale"])
    assert result.exit_code == 0 and "1 documents extracted" in result.output
    with Store(db) as store:
        ex = store.load_extraction(doc_id)
        assert ex.skipped == () and ex.stages == tuple(s.name for s in default_stages())
        assert ex.mentions and ex.actions


def _until_deadline(
    doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]
) -> dict[str, tuple[Any, ...]]:
    """A stage with more work than any budget: one item per check, until the deadline says stop."""
    done = []
    while not ctx.deadline.over():
        done.append(len(done))
        time.sleep(0.005)
    return {"mentions": tuple(done)}


def test_a_stage_running_out_of_time_stops_inside_keeps_its_items_and_is_named() -> None:
    doc = build_document(RawDocument("t", "The ministers met in Oslo on 3 May 2021.", "txt"))
    ctx = Context(kb=load_kb())
    stages = (Stage("endless.v1", (), ("mentions",), _until_deadline), *default_stages()[2:])
    ex = run(doc, ctx, stages, budget=0.05)
    assert ex.stages == ()
    assert ex.skipped == tuple(s.name for s in stages)
    assert ex.mentions  # what the cut stage found before the deadline is kept


def test_the_entities_stage_stops_its_model_at_the_deadline() -> None:
    from dataclasses import replace

    from bilateral.context import Deadline
    from bilateral.extract.entities.stage import extract_entities

    doc = build_document(
        RawDocument(
            "t",
            "Kazakhstan and Norway met in Oslo. Later the delegates thanked Ingrid Halvorsbakken"
            " of Brennvik Energy for the visit.",
            "txt",
        )
    )
    ctx = Context(kb=load_kb())
    _, mentions = extract_entities(doc, ctx)
    assert [(m.text, m.source) for m in mentions] == [
        ("Kazakhstan", "kb"),
        ("Norway", "kb"),
        ("Oslo", "kb"),
        ("Ingrid Halvorsbakken", "ner"),
        ("Brennvik Energy", "ner"),
    ]
    late = replace(ctx, deadline=Deadline(0.0))  # a deadline long past
    _, mentions = extract_entities(doc, late)
    assert [m.text for m in mentions] == ["Kazakhstan", "Norway", "Oslo"]
    assert late.deadline.cut


def test_the_sentence_loops_of_the_heavy_stages_stop_at_the_deadline() -> None:
    from bilateral.context import Deadline
    from bilateral.extract.actions.stage import find_actions
    from bilateral.extract.entities.stage import extract_entities
    from bilateral.extract.positions.stage import find_positions

    text = "Norway criticized Kazakhstan. Kazakhstan urged Norway to sign the treaty by 2030."
    doc = build_document(RawDocument("t", text, "txt"))
    _, mentions = extract_entities(doc, Context(kb=load_kb()))
    assert find_actions(doc, mentions, ()) and find_positions(doc, mentions, ())[0]
    assert find_actions(doc, mentions, (), deadline=Deadline(0.0)) == ()
    assert find_positions(doc, mentions, (), deadline=Deadline(0.0)) == ((), ())
    assert not Deadline().over() and not Deadline(None).expired()
