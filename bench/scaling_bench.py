"""Extraction time against document size: is it linear, and is a 5 MB text bounded?

    python bench/scaling_bench.py [--sizes 500000,1000000,2000000,4000000] [--big 5000000]
                                  [--order shuffled|corpus] [--full] [--repeat N]

A single-paragraph text is made of UN General Debate speeches of the corpus (real sentences, no
repetition; by default a fixed sample of the whole corpus, see ``speeches``) cut to each size;
each is extracted once in this process (the models loaded first) and its CPU time taken per
stage. "ratio" is the time of a size over the time of half that size: at most 2 means doubling a
document at most doubles its time; the sentences and mentions of each size show the work grew
with it. The big text is extracted with the default time budget (BILATERAL_TIME_BUDGET), as
ingest would: the figures are its wall and CPU time and the stages it skipped or cut short
(``--full``: also with no budget). A text this long gets the second core (a helper process for
spaCy's batches and a forked branch of stages, ``bilateral.spare``): its CPU time is this
process's plus its children's, and the wall time is given with the machine's load. Appends a line
to bench/results/scaling.jsonl.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bilateral.model import Extraction

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "diplomatic-11k.jsonl.gz"


def speeches(limit: int, order: str = "shuffled") -> str:
    """UN General Debate speeches joined into one paragraph of ``limit`` characters. The corpus
    lists them by country and year, so its first megabyte is one state's speeches of a few
    decades and the next megabyte another's: a size and its double would differ in kind as well
    as in length (the second half of the first 1 MB holds five times the dates of the first).
    ``shuffled`` takes them in the order of a hash of their id, a fixed sample of the whole
    corpus, so that a prefix twice as long is the same kind of text twice as long; ``corpus``
    keeps the corpus's order (the figures before 2026-12-08)."""
    items: list[tuple[str, str]] = []
    read = 0
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            if item["id"].startswith("ungdc:"):
                items.append((item["id"], " ".join(item["text"].split())))
                read += len(items[-1][1]) + 1
                if order == "corpus" and read > limit:
                    break
    if order == "shuffled":
        items.sort(key=lambda it: hashlib.sha1(it[0].encode()).hexdigest())
    parts: list[str] = []
    n = 0
    for _, text in items:
        parts.append(text)
        n += len(text) + 1
        if n > limit:
            break
    return " ".join(parts)[:limit]


def _timed(extract: Callable[[], Extraction]) -> dict[str, object]:
    """Wall and CPU seconds of one extraction: this process's CPU and its children's (the
    helper process and the forked branch of stages a long document gets, ``bilateral.spare``),
    with the machine's load (one-minute average over its cores) at the end: on a shared machine
    the wall time follows the other jobs, the CPU time hardly."""
    t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
    ex = extract()
    return {
        "wall_s": round(time.perf_counter() - t0, 1),
        "cpu_s": round(time.process_time() - c0, 1),
        "children_cpu_s": round(_children_cpu() - k0, 1),
        "load": round(os.getloadavg()[0], 1),
        "cores": os.cpu_count(),
        "skipped": list(ex.skipped),
    }


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500000,1000000,2000000,4000000")
    ap.add_argument("--big", type=int, default=5_000_000)
    ap.add_argument("--order", choices=("shuffled", "corpus"), default="shuffled")
    ap.add_argument("--full", action="store_true", help="also extract the big text with no budget")
    ap.add_argument(
        "--repeat", type=int, default=1, help="extract each size N times, keep each stage's least"
    )
    args = ap.parse_args()
    from bilateral.context import Context, forget_parses
    from bilateral.extract.text.sentences import bounded_sentences
    from bilateral.ingest import RawDocument, build_document
    from bilateral.kb import load_kb
    from bilateral.pipeline import default_budget, default_stages, run

    sizes = [int(x) for x in args.sizes.split(",")]
    text = speeches(max([*sizes, args.big]), args.order)
    ctx = Context(kb=load_kb())
    run(build_document(RawDocument("warm", text[:20000], "txt")), ctx)
    rows: list[dict[str, Any]] = []
    for size in sizes:
        # As pipeline.run gives them to the stages (no sentence over MAX_SENTENCE).
        doc = bounded_sentences(build_document(RawDocument("s", text[:size], "txt")))
        # On a shared machine a run's CPU time rises with the neighbours' load (caches, the
        # other hyperthread): the least of a few runs is the figure of the code.
        per: dict[str, float] = {}
        for _ in range(args.repeat):
            # Each run parses anew, as a document's extraction does (``pipeline.run`` forgets
            # the parses at its end): before 2026-12-08 the parse cache kept every size's
            # parses for the next, whose first half is the same text, so that a size was
            # measured with half of its sentences parsed already.
            forget_parses()
            got: dict[str, tuple[object, ...]] = {}
            for stage in default_stages():
                t0 = time.process_time()
                out = stage.fn(doc, ctx, got)
                for key in stage.adds:
                    got[key] = tuple(out.get(key, ()))
                took = round(time.process_time() - t0, 2)
                per[stage.name] = min(per.get(stage.name, took), took)
        forget_parses()
        total = round(sum(per.values()), 2)
        prev = rows[-1] if rows else None
        ratio = None
        ratios: dict[str, float] = {}
        if prev is not None and size == 2 * prev["chars"]:
            ratio = round(total / prev["cpu_s"], 2)
            ratios = {k: round(v / max(prev["stages"][k], 0.01), 2) for k, v in per.items()}
        # What each stage found: a stage's time can only be judged against the work it had
        # (the second megabyte of the sample holds a tenth more stance cues than the first).
        work = {"sentences": len(doc.sentences), **{k: len(v) for k, v in got.items()}}
        rows.append(
            {"chars": size, "cpu_s": total, "ratio": ratio, "stages": per, "ratios": ratios, **work}
        )
        print(f"{size:>9} chars  {total:7.1f} s CPU  ratio {ratio}  {per}", flush=True)
    big_doc = build_document(RawDocument("big", text[: args.big], "txt"))
    big: dict[str, object] = {"chars": args.big, "budget_s": default_budget()}
    big.update(_timed(lambda: run(big_doc, ctx, budget=default_budget())))
    print(f"{args.big} chars with the budget: {big}", flush=True)
    if args.full:
        full = _timed(lambda: run(big_doc, ctx))
        big.update({f"unbudgeted_{k}": v for k, v in full.items()})
        print(f"{args.big} chars, no budget: {full}", flush=True)
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": platform.machine(),
        "order": args.order,
        "repeat": args.repeat,
        "sizes": rows,
        "big": big,
    }
    out = ROOT / "bench" / "results" / "scaling.jsonl"
    with out.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
