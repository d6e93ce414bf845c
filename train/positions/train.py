"""Train the positions stage's sentence classifier from the team's gold positions and plans, and
measure it.

    python train/positions/train.py [--corpus ../shared/corpus] [--install] [--skip-lopo]

1. Every gold line of a positions file names its document by stem; ``tests/eval/dev/manifest.jsonl``
   says where each lives in the shared corpora. The documents are written out, their withheld
   quotes filled back in from the written-out text (``fill_quotes``), and each is read as
   `bilateral ingest` reads it (same cleaning, same sentences).
2. A sentence takes the label of every gold item whose quote (or an alternative quote) it overlaps
   as the scorer matches spans: A, B, C, D (the stance groups of positions) and PLAN. The other
   sentences of annotated documents are negatives: the annotators listed every item.
3. Leave one publisher out: for each publisher group, a model trained on the other groups labels
   that group's sentences; per label precision/recall/F1 at the stage's thresholds. Those are the
   figures to quote (the stage's own leave-one-out figures, the whole stage with that model, are
   ``--e2e``'s).
4. The shipped model is trained on every group and, with ``--install``, copied into
   ``src/bilateral/extract/models/positions`` with ``training.json`` (data, scores, time, size).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import DocBin

from bilateral.eval.corpus import corpus_group, fill_quotes, materialise, read_manifest
from bilateral.eval.rules import spans_overlap, stance_group
from bilateral.ingest import build_document, read_paths

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LABELS = ("A", "B", "C", "D", "PLAN")
# Sets kept out: the held-out sets (ho*) score the system on documents nothing was tuned or
# trained on; the Russian sets (ru*) are another language.
HELD_OUT = ("ho", "ru")
DEFAULT_GOLD = [
    "{shared}/gold/seeds-positions.jsonl",
    *sorted(
        str(p)
        for p in (REPO / "tests/eval/dev").glob("*.positions.jsonl")
        if not p.name.startswith(HELD_OUT)
    ),
]

Item = tuple[str, dict[str, float]]  # sentence text, label -> 0/1


def _quotes(item: dict[str, Any]) -> list[str]:
    return [q for q in [item.get("quote"), *(item.get("alt_quotes") or [])] if q]


def examples(gold_files: list[str], corpus: Path) -> dict[str, list[Item]]:
    """Per publisher group: every sentence of an annotated document with its labels."""
    manifest = {e["doc"]: e for e in read_manifest(REPO / "tests/eval/dev/manifest.jsonl")}
    lines = {}
    for f in gold_files:
        with open(f, encoding="utf-8") as fh:
            for raw in fh:
                if raw.strip():
                    line = json.loads(raw)
                    lines[line["doc"]] = line
    known = [manifest[d] for d in lines if d in manifest]
    out: dict[str, list[Item]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        paths = materialise(known, corpus, tmp)
        for entry in known:
            path = Path(paths[entry["doc"]])
            raws = [r for r in read_paths([str(path)]) if not isinstance(r, Exception)]
            if not raws:
                continue
            line = fill_quotes(lines[entry["doc"]], path.read_text(encoding="utf-8"))
            wanted = [
                (stance_group(str(p.get("stance", ""))), _quotes(p))
                for p in line.get("positions") or []
            ] + [("PLAN", _quotes(p)) for p in line.get("plans") or []]
            doc = build_document(raws[0])
            for s in doc.sentences:
                text = doc.text[s.start : s.end].strip()
                if len(text.split()) < 3:
                    continue
                cats = {k: 0.0 for k in LABELS}
                for label, quotes in wanted:
                    if label in cats and any(spans_overlap(text, q) for q in quotes):
                        cats[label] = 1.0
                out[corpus_group(entry)].append((text, cats))
    return out


def to_docbin(nlp: spacy.language.Language, items: list[Item]) -> DocBin:
    db = DocBin()
    for text, cats in items:
        doc = nlp.make_doc(text)
        doc.cats = dict(cats)
        db.add(doc)
    return db


def train(items: list[Item], dev: list[Item], out: Path, config: Path) -> float:
    nlp = spacy.blank("en")
    with tempfile.TemporaryDirectory() as tmp:
        to_docbin(nlp, items).to_disk(f"{tmp}/train.spacy")
        to_docbin(nlp, dev).to_disk(f"{tmp}/dev.spacy")
        started = time.time()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "spacy",
                "train",
                str(config),
                "--output",
                str(out),
                "--paths.train",
                f"{tmp}/train.spacy",
                "--paths.dev",
                f"{tmp}/dev.spacy",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.time() - started


def score(model: Path, items: list[Item], threshold: float = 0.5) -> dict[str, dict[str, float]]:
    nlp = spacy.load(model)
    counts = {k: [0, 0, 0] for k in (*LABELS, "any position")}
    for doc, (_, cats) in zip(nlp.pipe(t for t, _ in items), items, strict=True):
        got = {k for k in LABELS if doc.cats[k] >= threshold}
        want = {k for k in LABELS if cats[k]}
        for k in LABELS:
            counts[k][0] += k in got and k in want
            counts[k][1] += k in got
            counts[k][2] += k in want
        pos_got, pos_want = bool(got - {"PLAN"}), bool(want - {"PLAN"})
        counts["any position"][0] += pos_got and pos_want
        counts["any position"][1] += pos_got
        counts["any position"][2] += pos_want
    out = {}
    for k, (tp, n_sys, n_gold) in counts.items():
        p = tp / n_sys if n_sys else 0.0
        r = tp / n_gold if n_gold else 0.0
        out[k] = {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "tp": tp,
            "system": n_sys,
            "gold": n_gold,
        }
    return out


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(REPO.parent / "shared/corpus"))
    ap.add_argument("--gold", nargs="*")
    ap.add_argument("--install", action="store_true")
    ap.add_argument("--skip-lopo", action="store_true")
    ap.add_argument("--config", default=str(HERE / "config.cfg"))
    ap.add_argument(
        "--keep", help="also keep each left-out model here (for the stage's own figures)"
    )
    args = ap.parse_args()
    config = Path(args.config)
    shared = Path(args.corpus).parent
    gold_files = args.gold or [g.format(shared=shared) for g in DEFAULT_GOLD]
    groups = examples(gold_files, Path(args.corpus))
    report: dict[str, Any] = {
        "gold": [Path(g).name for g in gold_files],
        "labels": list(LABELS),
        "sentences": {g: len(v) for g, v in groups.items()},
        "labelled": {
            g: {k: int(sum(c[k] for _, c in v)) for k in LABELS} for g, v in groups.items()
        },
    }
    work = Path(tempfile.mkdtemp())
    if not args.skip_lopo:
        lopo = {}
        for held in sorted(groups):
            rest = [x for g, v in groups.items() if g != held for x in v]
            train(rest, groups[held], work / held, config)
            lopo[held] = score(work / held / "model-last", groups[held])
            print(held, json.dumps(lopo[held]), flush=True)
            if args.keep:
                keep = Path(args.keep) / held / "positions"
                shutil.rmtree(keep, ignore_errors=True)
                shutil.copytree(work / held / "model-last", keep)
        report["leave_one_publisher_out"] = lopo
    everything = [x for v in groups.values() for x in v]
    seconds = train(everything, everything[: len(everything) // 10], work / "all", config)
    report["train_seconds"] = round(seconds, 1)
    report["size_bytes"] = _size(work / "all" / "model-last")
    print(json.dumps({k: v for k, v in report.items() if k != "leave_one_publisher_out"}, indent=1))
    if args.install:
        target = REPO / "src/bilateral/extract/models/positions"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(work / "all" / "model-last", target)
        (target / "training.json").write_text(json.dumps(report, indent=1) + "\n")
        print(f"installed into {target}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
