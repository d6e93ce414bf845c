"""Text-only ingest of the 11k-document corpus: throughput, peak memory, database size.

    python bench/ingest_bench.py [--corpus ../shared/corpus/diplomatic-11k.jsonl.gz] [--workers N]
        [--note TEXT]

Runs `bilateral --db TMP ingest --no-extract CORPUS` in a child process (so its peak memory is
measured alone) and appends a line to bench/results/ingest.jsonl.

The machine is shared, so wall time says as much about the neighbours as about the code: the
line also has the CPU time of the run (user + system, of the process and its workers) and the
throughput per CPU-second, which other load changes far less.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "diplomatic-11k.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--note", default=None, help="recorded with the figures (which code, why)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"bench: {corpus}: not found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        cmd = [
            sys.executable,
            "-m",
            "bilateral",
            "--db",
            str(db),
            "ingest",
            "--no-extract",
            "--json",
            str(corpus),
        ]
        if args.workers:
            cmd[6:6] = ["--workers", str(args.workers)]  # after "ingest"
        t0 = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
        # The workers are the child's children, waited for: their time is counted here too.
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        if out.returncode not in (0, 1):
            print(out.stderr, file=sys.stderr)
            return 1
        summary = json.loads(out.stdout.strip().splitlines()[-1])
        peak_kb = usage.ru_maxrss
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
    mb = summary["chars"] / 1e6
    cpu = usage.ru_utime + usage.ru_stime
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores",
        "documents": summary["added"] + summary["existing"],
        "errors": len(summary["errors"]),
        "text_mb": round(mb, 1),
        "seconds": round(wall, 1),
        "workers": args.workers or "default",
        "mb_per_s": round(mb / wall, 2),
        "cpu_seconds": round(cpu, 1),
        "mb_per_cpu_s": round(mb / cpu, 2),
        "load_1min": round(os.getloadavg()[0], 1),
        "peak_rss_mb_largest_process": round(peak_kb / 1024, 1),
        "db_mb": round(size / 1e6, 1),
    }
    if args.note:
        result["note"] = args.note
    print(json.dumps(result))
    with (ROOT / "bench" / "results" / "ingest.jsonl").open("a") as fh:
        fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
