"""Load on /api/search: 20 concurrent clients on loopback, p50/p95/p99 latency and errors.

    python bench/load_bench.py --db PATH [--clients 20] [--requests 2000] [--mode fresh|repeat]

PATH is a database already holding the corpus (for the 11k corpus:
`bilateral --db /tmp/11k.db ingest --no-extract ../shared/corpus/diplomatic-11k.jsonl.gz`).
The server runs in its own process on 127.0.0.1; the clients are threads here, each sending a
bounded number of requests over a keep-alive connection, so the run always ends. In the default
mode, fresh, every request carries a query not asked before in the run, so the server's result
cache cannot help; `--mode repeat` cycles 30 topic queries, as a cache-warm comparison. Appends
to bench/results/load.jsonl.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Topic words an analyst types, beside the names from the knowledge base.
TOPICS = [
    "trade",
    "nuclear disarmament",
    "Caspian",
    "sanctions",
    "climate change",
    "peacekeeping operations",
    "refugees",
    "Security Council reform",
    "terrorism",
    "sustainable development",
    "human rights",
    "pipeline",
    "oil",
    "apartheid",
    "decolonization",
    "COVID-19 pandemic",
    "debt relief",
    "investment",
    "students",
    "visa-free",
    "energy security",
    "water resources",
    "food security",
    "migration",
    "cyber",
    "arms control",
    "non-proliferation",
    "self-determination",
    "ceasefire",
    "elections",
]


def query_pool(seed: int) -> list[str]:
    """Distinct queries: every name and alias in the knowledge base, and the topic words, shuffled.
    Thousands of them, so in the default mode almost no request can be answered from the server's
    result cache: the figures are those of fresh queries."""
    from bilateral.kb import load_kb

    kb = load_kb()
    names = {form for e in kb.entities.values() for form in (e.name, *e.aliases)}
    pool = sorted(names | set(TOPICS))
    random.Random(seed).shuffle(pool)
    return pool


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument(
        "--mode",
        choices=["fresh", "repeat"],
        default="fresh",
        help="fresh: every request a query not asked before; repeat: 30 topic queries over and over",
    )
    ap.add_argument(
        "--workers", type=int, default=None, help="passed to `bilateral serve` (its default: cores)"
    )
    args = ap.parse_args()
    pool = query_pool(1) if args.mode == "fresh" else TOPICS
    port = free_port()
    serve = [sys.executable, "-m", "bilateral", "--db", args.db, "serve", "--port", str(port)]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    server = subprocess.Popen(
        serve, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace"
    )
    # With several processes the server says "ready" on stderr once every one of them has built
    # its app (an answer from one says nothing about the others: a request sent to one still
    # starting would wait, and count, its start-up).
    ready = threading.Event()

    def watch() -> None:
        assert server.stderr is not None
        for line in server.stderr:
            if "ready" in line:
                ready.set()

    threading.Thread(target=watch, daemon=True).start()
    try:
        for _ in range(150):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/api/documents?limit=1")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        # Older servers (one process, or no SO_REUSEPORT) never say it: a few seconds at most.
        ready.wait(timeout=30)
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()
        counter = itertools.count()
        per_client = args.requests // args.clients

        def client() -> None:
            # http.client over one keep-alive connection: the lightest client the standard
            # library has, so the clients, on the same two cores, take as little as they can.
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            for _ in range(per_client):
                q = pool[next(counter) % len(pool)]
                path = "/api/search?" + urllib.parse.urlencode({"q": q, "limit": 10})
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path)
                    resp = conn.getresponse()
                    resp.read()
                    ok = resp.status == 200
                except (OSError, http.client.HTTPException):
                    ok = False
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    errors[0] += 0 if ok else 1
            conn.close()

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
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

    distinct = min(len(pool), len(latencies))
    result = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "mode": args.mode,
        "clients": args.clients,
        "server_workers": args.workers or max(1, min(4, os.cpu_count() or 1)),
        "requests": len(latencies),
        "distinct_queries": distinct,
        "errors": errors[0],
        "rps": round(len(latencies) / wall, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "cores": os.cpu_count(),
    }
    print(json.dumps(result))
    with (ROOT / "bench" / "results" / "load.jsonl").open("a") as fh:
        fh.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
