"""Train the event-sentence recogniser from the team's gold events, and measure it.

    python train/events/train.py [--corpus ../shared/corpus] [--install] [--exclude GROUP ...]

1. ``sentences.jsonl`` (drafted by ``label.py`` from the gold events, completed by hand in
   ``hand.tsv``) gives, per sentence of the annotated documents, the event types it states
   (none for a negative), as offsets into the clean text.
2. The documents are written out from the shared corpora (``tests/eval/dev/manifest.jsonl``)
   and read as `bilateral ingest` reads them, which gives each sentence its text.
3. Each sentence becomes a training example with the label EVENT when it states any event, and
   one label per event type it states.
4. Leave one publisher out: for each publisher group, a model trained on the other groups is
   scored on that group's sentences (EVENT precision, recall, F1 at 0.5, and the type of the
   sentences it finds). Those are the figures to quote.
5. The shipped model is trained on every group (or every group but ``--exclude``) and, with
   ``--install``, copied into ``src/bilateral/extract/models/events`` with ``training.json``.
"""

from __future__ import annotations

import argparse
import json
import random
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
from bilateral.extract.events.recognise import EVENT, VETO, features
from bilateral.ingest import build_document, read_paths
from bilateral.kb.vocabulary import event_types

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
TARGET = REPO / "src/bilateral/extract/models/events"

Item = tuple[str, list[str]]  # sentence text, event types


def examples(corpus: Path, sentences: Path = HERE / "sentences.jsonl") -> dict[str, list[Item]]:
    """Per publisher group: (sentence, event types) for every labelled sentence."""
    lines = [json.loads(x) for x in sentences.read_text().splitlines()]
    manifest = {e["doc"]: e for e in read_manifest(REPO / "tests/eval/dev/manifest.jsonl")}
    lines = [x for x in lines if x["doc"] in manifest]  # a document the manifest cannot write out
    wanted = sorted({x["doc"] for x in lines})
    out: dict[str, list[Item]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        paths = materialise([manifest[d] for d in wanted], corpus, tmp)
        texts = {}
        for stem in wanted:
            raws = [r for r in read_paths([str(paths[stem])]) if not isinstance(r, Exception)]
            texts[stem] = build_document(raws[0]).text
    for x in lines:
        out[corpus_group(manifest[x["doc"]])].append(
            (texts[x["doc"]][x["start"] : x["end"]], x["labels"])
        )
    return out


def labelled_sets(sentences: Path) -> list[str]:
    """The development sets whose documents the labels cover, in the manifest's order."""
    docs = {json.loads(x)["doc"] for x in sentences.read_text().splitlines()}
    sets = [
        e["set"] for e in read_manifest(REPO / "tests/eval/dev/manifest.jsonl") if e["doc"] in docs
    ]
    return list(dict.fromkeys(sets))


def labels() -> list[str]:
    return [EVENT, *event_types().types]


def to_docbin(nlp: spacy.language.Language, items: list[Item]) -> DocBin:
    db = DocBin()
    names = labels()
    for text, types in items:
        doc = nlp.make_doc(features(text))
        doc.cats = {n: 0.0 for n in names}
        for t in types:
            doc.cats[t] = 1.0
        if types:
            doc.cats[EVENT] = 1.0
        db.add(doc)
    return db


def train(items: list[Item], dev: list[Item], out: Path, seed: int = 0) -> float:
    nlp = spacy.blank("en")
    # One sentence in six states an event: each is seen twice, so the model does not learn
    # that nothing ever happens.
    items = items + [x for x in items if x[1]]
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
                str(HERE / "config.cfg"),
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


def score(model: Path, items: list[Item], threshold: float = 0.5) -> dict[str, float]:
    nlp = spacy.load(model)
    tp = n_sys = n_gold = typed = 0
    pairs = []
    for doc, (_, types) in zip(nlp.pipe(features(t) for t, _ in items), items, strict=True):
        pairs.append((doc.cats[EVENT], bool(types)))
        said = doc.cats[EVENT] >= threshold
        tp += said and bool(types)
        n_sys += said
        n_gold += bool(types)
        if said and types:
            best = max((k for k in doc.cats if k != EVENT), key=doc.cats.__getitem__)
            typed += best in types
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    pos = [x for x, y in pairs if y]
    neg = [x for x, y in pairs if not y]
    # AUC: how often an event sentence outscores a sentence without one; and what the stage's
    # veto (VETO) would keep: the share of event sentences above it, of the others below it.
    auc = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg) / (len(pos) * len(neg) or 1)
    return {
        "auc": round(auc, 3),
        "kept_by_veto": round(sum(x >= VETO for x in pos) / (len(pos) or 1), 3),
        "vetoed_negatives": round(sum(x < VETO for x in neg) / (len(neg) or 1), 3),
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "type_accuracy": round(typed / tp, 3) if tp else 0.0,
        "tp": tp,
        "system": n_sys,
        "gold": n_gold,
        "sentences": len(items),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(REPO.parent / "shared/corpus"))
    ap.add_argument("--install", action="store_true")
    ap.add_argument("--sentences", default=str(HERE / "sentences.jsonl"), help="the labels")
    ap.add_argument("--skip-lopo", action="store_true")
    ap.add_argument(
        "--exclude", nargs="*", default=[], help="publisher groups kept out of the shipped model"
    )
    ap.add_argument("--out", help="write the model here instead of installing it")
    ap.add_argument("--keep", help="keep each left-out-publisher model in this folder")
    ap.add_argument("--lopo", nargs="*", help="leave out only these groups (default: each)")
    args = ap.parse_args()
    groups = examples(Path(args.corpus), Path(args.sentences))
    rng = random.Random(0)
    report: dict[str, object] = {
        "data": f"{Path(args.sentences).name} (label.py from the gold events of "
        f"{', '.join(labelled_sets(Path(args.sentences)))}; hand.tsv)",
        "labels": labels(),
        "sentences": {g: len(v) for g, v in sorted(groups.items())},
        "with_event": {g: sum(bool(t) for _, t in v) for g, v in sorted(groups.items())},
    }
    work = Path(tempfile.mkdtemp())
    if not args.skip_lopo:
        lopo = {}
        for held in sorted(args.lopo or groups):
            rest = [x for g, v in groups.items() if g != held for x in v]
            rng.shuffle(rest)
            cut = len(rest) // 10
            train(rest[cut:], rest[:cut], work / held)
            lopo[held] = score(work / held / "model-best", groups[held])
            print(held, json.dumps(lopo[held]), flush=True)
            if args.keep:
                shutil.copytree(
                    work / held / "model-best", Path(args.keep) / held, dirs_exist_ok=True
                )
        report["leave_one_publisher_out"] = lopo
    kept = [x for g, v in groups.items() if g not in args.exclude for x in v]
    rng.shuffle(kept)
    cut = len(kept) // 10
    seconds = train(kept[cut:], kept[:cut], work / "all")
    report["excluded"] = args.exclude
    report["train_seconds"] = round(seconds, 1)
    report["dev_split"] = score(work / "all" / "model-best", kept[:cut])
    target = Path(args.out) if args.out else TARGET
    if args.install or args.out:
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(work / "all" / "model-best", target)
        report["bytes"] = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
        (target / "training.json").write_text(json.dumps(report, indent=1) + "\n")
        print(f"installed into {target}")
    print(json.dumps(report, indent=1))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
