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
