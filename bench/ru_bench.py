"""Speed of the Russian extraction: words a second of the whole pipeline over Kremlin documents.

    python bench/ru_bench.py [--corpus ../shared/corpus/kremlin-ru-2025.jsonl.gz] [--n 200]

CPU time of this process (``time.process_time``), not wall time: the machine is shared and a
busy neighbour would otherwise move the figure. Three figures, each appended to
bench/results/ru.jsonl:

1. cold: a fresh process's CPU to load the knowledge base and extract its first Russian
   document (the models, the Russian matcher, the first word forms); measured in a child
   process so that nothing of this one is warm.
2. warm: then every document of the corpus (the held-out evaluation documents of
   tests/eval/dev/manifest.jsonl left out), words a second of `pipeline.run`, and the CPU each
   stage took. Building the documents (cleaning, segmentation) is timed apart.
3. words: runs of letters or digits (``\\w+``) of the clean text.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
_WORD = re.compile(r"\w+")


def documents(corpus: str, n: int) -> list[Any]:
    from bilateral.ingest import build_document, read_paths
    from bilateral.kb.build import held_out_ids

    skip = held_out_ids(ROOT / "tests" / "eval" / "dev" / "manifest.jsonl")
    docs = []
    for raw in read_paths([corpus]):
        if isinstance(raw, Exception) or raw.external_id in skip:
            continue
        docs.append(build_document(raw))
        if len(docs) == n:
            break
    return docs


def cold(corpus: str) -> dict[str, float]:
    """In this (fresh) process: CPU to load everything and extract one document."""
    from bilateral.context import Context
    from bilateral.ingest import build_document, read_paths
    from bilateral.kb import load_kb
    from bilateral.pipeline import run

    raw = next(r for r in read_paths([corpus]) if not isinstance(r, Exception))
    t0 = time.process_time()
    ctx = Context(kb=load_kb())
    t1 = time.process_time()
    run(build_document(raw), ctx)
    t2 = time.process_time()
    return {"kb_load_cpu_s": round(t1 - t0, 2), "first_doc_cpu_s": round(t2 - t1, 2)}


def timed_stages(spent: dict[str, float]) -> tuple[Any, ...]:
    from bilateral.pipeline import Stage, default_stages

    def wrap(stage: Stage) -> Stage:
        def fn(doc: Any, ctx: Any, got: Mapping[str, tuple[Any, ...]]) -> Any:
            t0 = time.process_time()
            out = stage.fn(doc, ctx, got)
            spent[stage.name] += time.process_time() - t0
            return out

        return Stage(stage.name, stage.needs, stage.adds, fn)

    return tuple(wrap(s) for s in default_stages())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(SHARED / "corpus" / "kremlin-ru-2025.jsonl.gz"))
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--cold-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.cold_only:
        print(json.dumps(cold(args.corpus)))
        return 0

    child = subprocess.run(
        [sys.executable, __file__, "--corpus", args.corpus, "--cold-only"],
        capture_output=True,
        text=True,
        check=True,
    )
    cold_start = json.loads(child.stdout.strip().splitlines()[-1])

    from bilateral.context import Context
    from bilateral.kb import load_kb
    from bilateral.pipeline import run

    t0 = time.process_time()
    docs = documents(args.corpus, args.n)
    build_s = time.process_time() - t0
    words = sum(len(_WORD.findall(d.text)) for d in docs)

    ctx = Context(kb=load_kb())
    t0 = time.process_time()
    run(docs[0], ctx)  # the models and the matcher, outside the warm figure
    load_s = time.process_time() - t0

    spent: dict[str, float] = defaultdict(float)
    stages = timed_stages(spent)
    t0 = time.process_time()
    for d in docs:
        run(d, ctx, stages)
    warm_s = time.process_time() - t0

    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": f"{platform.machine()} {platform.python_version()}",
        "documents": len(docs),
        "words": words,
        "warm_cpu_s": round(warm_s, 2),
        "warm_words_per_s": round(words / warm_s),
        "build_words_per_s": round(words / build_s),
        "first_doc_with_loading_cpu_s": round(load_s, 2),
        "cold": cold_start,
        "stages_cpu_s": {k: round(v, 2) for k, v in spent.items()},
    }
    print(json.dumps(result, ensure_ascii=False))
    with (ROOT / "bench" / "results" / "ru.jsonl").open("a") as out:
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
