"""Extraction time against document size: is it linear, and is a 5 MB text bounded?

    python bench/scaling_bench.py [--sizes 500000,1000000,2000000,4000000] [--big 5000000]
                                  [--order shuffled|corpus] [--full]

A single-paragraph text is made of UN General Debate speeches of the corpus (real sentences, no
repetition; by default a fixed sample of the whole corpus, see ``speeches``) cut to each size;
each is extracted once in this process (the models loaded first) and its CPU time taken per
stage. "ratio" is the time of a size over the time of half that size: at most 2 means doubling a
document at most doubles its time; the sentences and mentions of each size show the work grew
with it. The big text is extracted with the default time budget (BILATERAL_TIME_BUDGET), as
ingest would: the figures are its wall and CPU time and the stages it skipped or cut short
(``--full``: also its CPU time with no budget). Appends a line to bench/results/scaling.jsonl.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import platform
import time
from pathlib import Path

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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="500000,1000000,2000000,4000000")
    ap.add_argument("--big", type=int, default=5_000_000)
    ap.add_argument("--order", choices=("shuffled", "corpus"), default="shuffled")
    ap.add_argument("--full", action="store_true", help="also extract the big text with no budget")
    args = ap.parse_args()
    from bilateral.context import Context
    from bilateral.extract.text.sentences import bounded_sentences
    from bilateral.ingest import RawDocument, build_document
    from bilateral.kb import load_kb
    from bilateral.pipeline import default_budget, default_stages, run

    sizes = [int(x) for x in args.sizes.split(",")]
    text = speeches(max([*sizes, args.big]), args.order)
    ctx = Context(kb=load_kb())
    run(build_document(RawDocument("warm", text[:20000], "txt")), ctx)
    rows = []
    for size in sizes:
        # As pipeline.run gives them to the stages (no sentence over MAX_SENTENCE).
        doc = bounded_sentences(build_document(RawDocument("s", text[:size], "txt")))
        got: dict[str, tuple[object, ...]] = {}
        per: dict[str, float] = {}
        for stage in default_stages():
            t0 = time.process_time()
            out = stage.fn(doc, ctx, got)
            for key in stage.adds:
                got[key] = tuple(out.get(key, ()))
            per[stage.name] = round(time.process_time() - t0, 2)
        total = round(sum(per.values()), 2)
        prev = rows[-1] if rows else None
        ratio = None
        if prev is not None and size == 2 * prev["chars"]:
            ratio = round(total / prev["cpu_s"], 2)
        work = {"sentences": len(doc.sentences), "mentions": len(got.get("mentions", ()))}
        rows.append({"chars": size, "cpu_s": total, "ratio": ratio, "stages": per, **work})
        print(f"{size:>9} chars  {total:7.1f} s CPU  ratio {ratio}  {per}", flush=True)
    big_doc = build_document(RawDocument("big", text[: args.big], "txt"))
    t0, c0 = time.perf_counter(), time.process_time()
    ex = run(big_doc, ctx, budget=default_budget())
    big = {
        "chars": args.big,
        "wall_s": round(time.perf_counter() - t0, 1),
        "cpu_s": round(time.process_time() - c0, 1),
        "budget_s": default_budget(),
        "skipped": list(ex.skipped),
    }
    print(f"{args.big} chars with the budget: {big}", flush=True)
    if args.full:
        c0 = time.process_time()
        ex = run(big_doc, ctx)
        big["unbudgeted_cpu_s"] = round(time.process_time() - c0, 1)
        print(f"{args.big} chars, no budget: {big['unbudgeted_cpu_s']} s CPU", flush=True)
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "machine": platform.machine(),
        "order": args.order,
        "sizes": rows,
        "big": big,
    }
    out = ROOT / "bench" / "results" / "scaling.jsonl"
    with out.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
