"""Speed of the pieces: knowledge-base load, date finding, entity extraction, passage finding.

    python bench/stages_bench.py [--corpus ../shared/corpus/diplomatic-11k.jsonl.gz] [--n 200]

Each figure is the best of three runs over the same input, in this process, on the first N UN
General Debate speeches of the corpus (and the seeds for entities). Speed is measured here, not
in the tests. Appends to bench/results/stages.jsonl.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(SHARED / "corpus" / "diplomatic-11k.jsonl.gz"))
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args()

    from bilateral.context import Context
    from bilateral.extract.dates.stage import find_times
    from bilateral.extract.entities.stage import extract_entities
    from bilateral.ingest import build_document, read_paths
    from bilateral.kb import load_kb
    from bilateral.query.search import best_passage
    from bilateral.store.core import segments_json

    texts: list[str] = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc["id"].startswith("ungdc:"):
                texts.append(doc["text"])
            if len(texts) == args.n:
                break
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    kb_s = best_of(load_kb.__wrapped__)  # type: ignore[attr-defined]
    dates_s = best_of(lambda: [find_times(t, "2000") for t in texts])

    ctx = Context(kb=load_kb())
    seeds = [
        build_document(r)
        for r in read_paths([str(SHARED / "corpus" / "seeds")])
        if not isinstance(r, Exception)
    ]
    extract_entities(seeds[0], ctx)  # loads the model once, outside the timing
    entities_s = best_of(lambda: [extract_entities(d, ctx) for d in seeds])

    docs = [build_document(r) for r in itertools.islice(read_paths([args.corpus]), args.n)]
    segments = [(d.text, segments_json(d)) for d in docs if not isinstance(d, Exception)]
    passage_s = best_of(
        lambda: [best_passage(t, s, ("nuclear", "disarmament")) for t, s in segments]
    )

    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": f"{platform.machine()} {platform.python_version()}",
        "kb_load_s": round(kb_s, 3),
        "dates_mb_per_s": round(size_mb / dates_s, 2),
        "entities_seeds_s": round(entities_s, 3),
        "best_passage_ms_per_doc": round(1000 * passage_s / max(1, len(segments)), 3),
        "speeches": len(texts),
        "speeches_mb": round(size_mb, 2),
    }
    print(json.dumps(result))
    with (ROOT / "bench" / "results" / "stages.jsonl").open("a") as out:
        out.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
