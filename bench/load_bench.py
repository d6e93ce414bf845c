"""Load on /api/search: 20 concurrent clients on loopback, p50/p95/p99 latency and errors.

    python bench/load_bench.py --db PATH [--clients 20] [--requests 2000]

PATH is a database already holding the corpus (for the 11k corpus:
`bilateral --db /tmp/11k.db ingest --no-extract ../shared/corpus/diplomatic-11k.jsonl.gz`).
The server runs in its own process on 127.0.0.1; the clients are threads here, each sending a
bounded number of requests, so the run always ends. Appends to bench/results/load.jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [
    "trade",
    "nuclear disarmament",
    "Caspian",
    "sanctions",
    "climate change",
    "Kazakhstan",
    "peacekeeping operations",
    "refugees",
    "Security Council reform",
    "terrorism",
    "Afghanistan",
    "sustainable development",
    "human rights",
    "Eurasian Economic Union",
    "pipeline",
    "oil",
    "apartheid",
    "decolonization",
    "Palestine",
    "COVID-19 pandemic",
    "debt relief",
    "Moscow",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000)
    args = ap.parse_args()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bilateral", "--db", args.db, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/api/documents?limit=1", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()
        per_client = args.requests // args.clients

        def client(seed: int) -> None:
            rnd = random.Random(seed)
            with httpx.Client(base_url=base, timeout=10) as http:
                for _ in range(per_client):
                    q = rnd.choice(QUERIES)
                    t0 = time.perf_counter()
                    try:
                        ok = (
                            http.get("/api/search", params={"q": q, "limit": 10}).status_code == 200
                        )
                    except httpx.HTTPError:
                        ok = False
                    dt = time.perf_counter() - t0
                    with lock:
                        latencies.append(dt)
                        errors[0] += 0 if ok else 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()

    def pct(p: float) -> float:
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1)

    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "clients": args.clients,
        "requests": len(latencies),
        "errors": errors[0],
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "note": f"{len(QUERIES)} distinct queries, repeated: the server's result cache is warm after the first round",
    }
    print(json.dumps(result))
    with (ROOT / "bench" / "results" / "load.jsonl").open("a") as fh:
        fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
