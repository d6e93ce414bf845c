"""Train the agreement-name recogniser from the team's gold annotations, and measure it.

    python train/agreements/train.py [--corpus ../shared/corpus] [--gold FILE ...] [--install]

1. Every gold line names its document by stem; ``tests/eval/dev/manifest.jsonl`` says where each
   document lives in the shared corpora, and the documents are written out to a temporary folder.
2. ``sentences.jsonl`` adds sentences annotated for this model alone (UN speeches and White House
   texts sampled from the corpora, 70% of them with a word that often heads a name), each with
   its agreement-name spans.
3. Each document is read as `bilateral ingest` reads it (same cleaning, same sentences), and every
   gold agreement name is located in the clean text (exact, then ignoring case); its sentence
   becomes a training example with the name as an AGREEMENT span. The other sentences of
   annotated documents are negatives: the annotators listed every agreement the text names.
4. Leave one publisher out: for each publisher group, a model trained on the other groups is scored
   on that group's sentences (span precision/recall/F1). Those are the figures to quote.
5. The shipped model is trained on every group and, with ``--install``, copied into the package
   (``src/bilateral/extract/models/agreements``) with a ``meta`` record of data, scores and time.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from bilateral.eval.corpus import corpus_group, materialise, read_manifest
from bilateral.eval.reading import read_gold
from bilateral.ingest import build_document, read_paths

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LABEL = "AGREEMENT"
# Sets kept out of training: the held-out sets (ho*) score the system on documents nothing was
# tuned or trained on; the Russian sets (ru*) are for a recogniser of their own.
HELD_OUT = ("ho", "ru")
DEFAULT_GOLD = [
    "{shared}/gold/seeds.jsonl",
    "{shared}/gold/corpus13.jsonl",
    *sorted(
        str(p)
        for p in (REPO / "tests/eval/dev").glob("*.gold.jsonl")
        if not p.name.startswith(HELD_OUT)
    ),
]


def examples(
    gold_files: list[str], corpus: Path
) -> dict[str, list[tuple[str, list[tuple[int, int]]]]]:
    """Per publisher group: (sentence text, agreement spans in it) for every annotated sentence."""
    manifest = {e["doc"]: e for e in read_manifest(REPO / "tests/eval/dev/manifest.jsonl")}
    gold = {g["doc"]: g for f in gold_files for g in read_gold(f) if "agreements" in g}
    known = [manifest[d] for d in gold if d in manifest]
    out: dict[str, list[tuple[str, list[tuple[int, int]]]]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        paths = materialise(known, corpus, tmp)
        for entry in known:
            raws = [
                r for r in read_paths([str(paths[entry["doc"]])]) if not isinstance(r, Exception)
            ]
            if not raws:
                continue
            doc = build_document(raws[0])
            spans = _locate(
                doc.text, [a.get("name") or "" for a in gold[entry["doc"]]["agreements"]]
            )
            for s in doc.sentences:
                inside = [
                    (a - s.start, b - s.start) for a, b in spans if s.start <= a and b <= s.end
                ]
                out[corpus_group(entry)].append((doc.text[s.start : s.end], inside))
    # Sentences annotated for this model alone (UN speeches and White House texts, both CC0).
    with open(HERE / "sentences.jsonl", encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            group = "un" if item["source"].startswith("ungdc:") else "whitehouse"
            out[group].append((item["text"], [tuple(x) for x in item["spans"]]))
    return out


def _locate(text: str, names: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of each name (exact, else case-insensitive), longest names first, no overlaps."""
    taken: list[tuple[int, int]] = []
    for name in sorted({n.strip() for n in names if len(n.strip()) > 3}, key=len, reverse=True):
        pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
        hits = list(pattern.finditer(text)) or list(
            re.compile(pattern.pattern, re.IGNORECASE).finditer(text)
        )
        for m in hits:
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
    return sorted(taken)


def to_docbin(
    nlp: spacy.language.Language, items: list[tuple[str, list[tuple[int, int]]]]
) -> DocBin:
    db = DocBin()
    for text, spans in items:
        doc = nlp.make_doc(text)
        ents = [doc.char_span(a, b, label=LABEL, alignment_mode="expand") for a, b in spans]
        doc.ents = [e for e in spacy.util.filter_spans([e for e in ents if e is not None])]
        db.add(doc)
    return db


def train(items: list, dev: list, out: Path, config: Path, seed: int = 0) -> float:
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
                "--system.seed",
                str(seed),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return time.time() - started


def score(model: Path, items: list) -> dict[str, float]:
    nlp = spacy.load(model / "model-best")
    tp = n_sys = n_gold = 0
    for doc, (_, spans) in zip(nlp.pipe(t for t, _ in items), items, strict=True):
        got = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == LABEL}
        want = set(spans)
        tp += len(got & want)
        n_sys += len(got)
        n_gold += len(want)
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "tp": tp,
        "system": n_sys,
        "gold": n_gold,
    }


def balanced(items: list, rng: random.Random, negatives_per_positive: int = 4) -> list:
    pos = [x for x in items if x[1]]
    neg = [x for x in items if not x[1]]
    rng.shuffle(neg)
    return pos + neg[: max(200, negatives_per_positive * len(pos))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(REPO.parent / "shared/corpus"))
    ap.add_argument("--gold", nargs="*")
    ap.add_argument("--install", action="store_true")
    ap.add_argument("--skip-lopo", action="store_true")
    ap.add_argument("--config", default=str(HERE / "config.cfg"))
    ap.add_argument("--lopo", nargs="*", help="hold out only these groups (default: each)")
    ap.add_argument("--no-final", action="store_true")
    ap.add_argument("--exclude", nargs="*", default=[], help="publisher groups kept out entirely")
    ap.add_argument("--seed", type=int, default=0, help="spaCy's seed for the shipped model")
    args = ap.parse_args()
    config = Path(args.config)
    shared = Path(args.corpus).parent
    gold_files = args.gold or [g.format(shared=shared) for g in DEFAULT_GOLD]
    groups = examples(gold_files, Path(args.corpus))
    for g in args.exclude:
        groups.pop(g, None)
    rng = random.Random(0)
    report: dict[str, object] = {
        "gold": [Path(g).name for g in gold_files] + ["train/agreements/sentences.jsonl"],
        "excluded": args.exclude,
        "sentences": {g: len(v) for g, v in groups.items()},
        "spans": {g: sum(len(s) for _, s in v) for g, v in groups.items()},
    }
    work = Path(tempfile.mkdtemp())
    if not args.skip_lopo:
        lopo = {}
        for held in sorted(args.lopo or groups):
            rest = [x for g, v in groups.items() if g != held for x in v]
            rng.shuffle(rest)
            cut = len(rest) // 10
            train(balanced(rest[cut:], rng), rest[:cut], work / held, config)
            lopo[held] = score(work / held, groups[held])
            print(held, json.dumps(lopo[held]), flush=True)
        report["leave_one_publisher_out"] = lopo
    if args.no_final:
        return
    everything = [x for v in groups.values() for x in v]
    rng.shuffle(everything)
    cut = len(everything) // 10
    seconds = train(
        balanced(everything[cut:], rng), everything[:cut], work / "all", config, args.seed
    )
    report["seed"] = args.seed
    report["train_seconds"] = round(seconds, 1)
    report["dev_split"] = score(work / "all", everything[:cut])
    print(json.dumps(report, indent=1))
    if args.install:
        target = REPO / "src/bilateral/extract/models/agreements"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(work / "all" / "model-best", target)
        (target / "training.json").write_text(json.dumps(report, indent=1) + "\n")
        print(f"installed into {target}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
