"""Scale: documents per second with extraction on 1 and 2 cluster workers, and the store's write
rate on SQLite and PostgreSQL.

    python bench/scale_bench.py [--docs 400] [--workers 1,2] [--pg URL] [--corpus FILE]

1. N documents of the corpus (every 27th record) are ingested with extraction by
   `--cluster local:W` for each W, into SQLite; the wall time counts from the command's start (cluster start and the
   workers' preload included) and the exports must be byte for byte the same.
2. The documents and extractions of the first run are written again, in batches of 64, into a
   fresh SQLite file and a fresh PostgreSQL database (a throwaway server from tests/servers.py
   unless --pg names one): documents/s and rows/s for the writes, then the seconds of the steps
   across documents (merged events, links), and the database size.

Appends a line to bench/results/scale.jsonl.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "diplomatic-11k.jsonl.gz"


def _subset(corpus: Path, n: int, stride: int, out: Path) -> None:
    """Every ``stride``-th record, ``n`` of them: the corpus is ordered by source, and its head
    is one publisher's short notes."""
    with gzip.open(corpus, "rt", encoding="utf-8") as f, out.open("w", encoding="utf-8") as w:
        for line in itertools.islice(f, 0, n * stride, stride):
            w.write(line)


def _clustered(db: Path, docs: Path, workers: int) -> dict[str, float]:
    cmd = [sys.executable, "-m", "bilateral", "--db", str(db), "ingest", "--json"]
    cmd += ["--cluster", f"local:{workers}", str(docs)]
    before = _children_cpu()
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    cpu = _children_cpu() - before
    if out.returncode not in (0, 1):
        raise SystemExit(out.stderr)
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    export = db.with_suffix(".jsonl")
    subprocess.run(
        [sys.executable, "-m", "bilateral", "--db", str(db), "export", "--format", "jsonl",
         "--out", str(export)],
        check=True, capture_output=True,
    )  # fmt: skip
    return {
        "workers": workers,
        "documents": summary["added"],
        "seconds": round(wall, 1),
        "docs_per_s": round(summary["added"] / wall, 2),
        # The command and its workers (reaped by it): on a shared machine the wall time
        # follows the other jobs (Linux shares a core between sessions, not processes: a
        # second worker in one session gets no more CPU), the CPU time does not.
        "cpu_seconds": round(cpu, 1),
        "export_sha256": hashlib.sha256(export.read_bytes()).hexdigest()[:16],
    }


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _write_rate(source: Path, url: str) -> dict[str, float]:
    from bilateral.ingest.identity import fingerprint
    from bilateral.store import Store

    with Store(source) as src:
        work = []
        for doc_id in src.document_ids():
            doc = src.get_document(doc_id)
            assert doc is not None
            work.append((doc, fingerprint(doc.text), src.load_extraction(doc_id)))
    rows = sum(
        1 + len(x.mentions) + len(x.times) + len(x.roles) + len(x.events) + len(x.agreements)
        + len(x.claims) + len(x.positions) + len(x.plans) + len(x.actions)
        for _, _, x in work
    )  # fmt: skip
    with Store(url) as store:
        t0 = time.perf_counter()
        with store.deferred_merge():
            for i in range(0, len(work), 64):
                with store.batch():
                    for doc, fp, extraction in work[i : i + 64]:
                        store.add_document(doc, fp, extraction)
            write = time.perf_counter() - t0
        crossdoc = time.perf_counter() - t0 - write
        if store.dialect == "postgresql":
            size = int(store.query("SELECT pg_database_size(current_database())")[0][0])
        else:
            size = sum(p.stat().st_size for p in Path(url).parent.glob(Path(url).name + "*"))
    return {
        "documents": len(work),
        "rows": rows,
        "write_seconds": round(write, 2),
        "docs_per_s": round(len(work) / write, 1),
        "rows_per_s": round(rows / write),
        "crossdoc_seconds": round(crossdoc, 2),
        "bytes": size,
    }


@contextlib.contextmanager
def _postgres(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    from servers import postgres_server

    with postgres_server() as fresh:
        yield fresh


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--stride", type=int, default=27, help="take every Nth corpus record")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--pg", default=None, help="an empty PostgreSQL database (default: throwaway)")
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    args = ap.parse_args()
    os.environ.setdefault("PYTHONPATH", str(ROOT / "src"))
    result: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "docs": args.docs,
    }
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs.jsonl"
        _subset(Path(args.corpus), args.docs, args.stride, docs)
        result["input_mb"] = round(docs.stat().st_size / 1e6, 2)
        runs = []
        for w in (int(x) for x in args.workers.split(",")):
            runs.append(_clustered(Path(tmp) / f"w{w}.db", docs, w))
            print(json.dumps(runs[-1]), file=sys.stderr)
        result["cluster"] = runs
        result["same_record"] = len({r["export_sha256"] for r in runs}) == 1
        if len(runs) > 1:
            result["speedup"] = round(runs[0]["seconds"] / runs[-1]["seconds"], 2)
        first = Path(tmp) / f"w{runs[0]['workers']}.db"
        result["store_sqlite"] = _write_rate(first, str(Path(tmp) / "rate.db"))
        print(json.dumps(result["store_sqlite"]), file=sys.stderr)
        with _postgres(args.pg) as url:
            result["store_postgresql"] = _write_rate(first, url)
    line = json.dumps(result)
    print(line)
    out = ROOT / "bench" / "results" / "scale.jsonl"
    with out.open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
