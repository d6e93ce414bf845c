"""The quality gate: extraction on the seeds may not fall below the committed floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilateral.eval import evaluate
from bilateral.store import Store

BASELINE = json.loads((Path(__file__).parent / "baseline.json").read_text(encoding="utf-8"))
KINDS = [k for k in BASELINE if not k.startswith("_")]


@pytest.fixture(scope="module")
def scores(seeds_db: Path, gold_path: Path) -> dict[str, dict[str, float]]:
    store = Store(seeds_db)
    report = evaluate(store, gold_path).as_dict()
    store.close()
    assert report["missing"] == []
    return report["scores"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("kind", KINDS)
def test_no_regression_below_the_floor(scores: dict[str, dict[str, float]], kind: str) -> None:
    for metric, floor in BASELINE[kind].items():
        got = scores[kind][metric]
        assert got is not None and got >= floor, (
            f"{kind} {metric} fell to {got:.3f} (floor {floor})"
        )


def test_every_stored_quote_equals_the_text_at_its_offsets(seeds_db: Path) -> None:
    from io import StringIO

    from bilateral.export import export_jsonl

    store = Store(seeds_db)
    buf = StringIO()
    export_jsonl(store, buf)
    texts = {}
    n = 0
    for line in buf.getvalue().splitlines():
        rec = json.loads(line)
        if rec["kind"] == "document":
            texts[rec["id"]] = store.get_document(rec["id"]).text  # type: ignore[union-attr]
        for ev in rec.get("evidence", []):
            assert texts[ev["doc"]][ev["start"] : ev["end"]] == ev["quote"]
            n += 1
    store.close()
    assert n > 100
