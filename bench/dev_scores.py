"""Extraction quality per corpus group on every development set, as one table.

    python bench/dev_scores.py [--corpus ../shared/corpus] [--db PATH] [--json]

Writes out the documents of tests/eval/dev/manifest.jsonl (seeds, corpus13 and the team's sets),
ingests them with extraction into a fresh database (or scores an existing --db), and scores each
corpus group (White House, Philippine government, Kazakh embassy, UN speeches, Russian MFA seeds)
against its gold. Appends one line to bench/results/dev_scores.jsonl.

Which groups a figure may be called held-out for depends on what was tuned on what: the closing
notes say, per session, which sets each stage was tuned or trained on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from bilateral.eval import evaluate
from bilateral.eval.corpus import corpus_group, materialise, read_manifest
from bilateral.eval.report import Score
from bilateral.store import Store
from bilateral.workflow import ingest

REPO = Path(__file__).resolve().parents[1]
DEV = REPO / "tests/eval/dev"
KINDS = {
    "entities": "f1",
    "roles": "recall",
    "events": "f1",
    "agreements": "recall",
    "claims": "f1",
    "published": "recall",
    "doc_type": "recall",
}


def gold_files(shared: Path) -> list[Path]:
    return [shared / "gold/seeds.jsonl", shared / "gold/corpus13.jsonl", *sorted(DEV.glob("*.gold.jsonl"))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(REPO.parent / "shared/corpus"))
    ap.add_argument("--db", help="score this database instead of ingesting afresh")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    entries = read_manifest(DEV / "manifest.jsonl")
    group = {e["doc"]: corpus_group(e) for e in entries}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "dev.db"
        if not args.db:
            materialise(entries, corpus, Path(tmp) / "docs")
            store = Store(db)
            ingest(store, [str(Path(tmp) / "docs")], extract=True, workers=1)
            store.close()
        store = Store(db)
        report = evaluate(store, gold_files(corpus.parent))
        store.close()
    totals: dict[str, dict[str, Score]] = defaultdict(dict)
    counts: dict[str, int] = defaultdict(int)
    for d in report.documents:
        g = group.get(d.doc, "other")
        counts[g] += 1
        for kind, score in d.scores.items():
            totals[g][kind] = totals[g][kind] + score if kind in totals[g] else score
    rows = {}
    for g in sorted(totals):
        rows[g] = {"documents": counts[g]} | {
            k: getattr(totals[g][k], m) for k, m in KINDS.items() if k in totals[g]
        }
    rows["all"] = {"documents": len(report.documents)} | {
        k: getattr(report.scores[k], m) for k, m in KINDS.items()
    }
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    line = {"when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "commit": commit, "groups": rows}
    results = REPO / "bench/results/dev_scores.jsonl"
    results.parent.mkdir(exist_ok=True)
    with results.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line) + "\n")
    if args.json:
        json.dump(line, sys.stdout, indent=1)
        return
    head = ["group", "docs", *(f"{k} {'F1' if m == 'f1' else 'R' if m == 'recall' else m}" for k, m in KINDS.items())]
    print(" | ".join(head))
    for g, r in rows.items():
        cells = [g, str(r["documents"])] + [
            "—" if r.get(k) is None else f"{r[k]:.2f}" for k in KINDS
        ]
        print(" | ".join(cells))


if __name__ == "__main__":
    main()
