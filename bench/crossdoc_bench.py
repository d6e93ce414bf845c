"""The steps across documents alone (merged events, links), on an already extracted database.

    python bench/crossdoc_bench.py SOURCE.db [--sizes 100,200,400] [--pg URL|--no-pg]

For each size N, the documents and extractions of the first N documents of SOURCE (by id, a
hash: a random sample) are written into a fresh store without running the steps across
documents; then merging and linking are timed one after the other, in CPU seconds of this
process (user + system) and, on PostgreSQL, in wall seconds too (the server does part of the
work). Then the incremental case: the last tenth of the N documents is added to a store that
already holds the rest, and the steps are timed again: they should cost about a tenth.

Row counts are those of the tables the steps keep. Appends a line to
bench/results/crossdoc.jsonl. SOURCE is made with `bilateral --db SOURCE ingest DOCS` (for
instance the 400 documents of bench/scale_bench.py: every 27th of the 11k corpus).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
# link_terms: the index of terms before link_keys (to measure the code before it).
TABLES = (
    "merged_events", "merged_event_reports", "link_passages", "link_keys", "link_terms", "links"
)  # fmt: skip


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def _work(source: Path) -> list[tuple[Any, str, Any]]:
    from bilateral.ingest.identity import fingerprint
    from bilateral.store import Store

    with Store(source) as src:
        out = []
        for doc_id in src.document_ids():
            doc = src.get_document(doc_id)
            assert doc is not None
            out.append((doc, fingerprint(doc.text), src.load_extraction(doc_id)))
    return out


def _write(store: Any, work: list[tuple[Any, str, Any]]) -> None:
    for i in range(0, len(work), 64):
        with store.batch():
            for doc, fp, extraction in work[i : i + 64]:
                store.add_document(doc, fp, extraction)


def _steps(store: Any) -> dict[str, float]:
    """Merge, then link, timed apart (inside ``deferred_merge`` nothing else runs them)."""
    out: dict[str, float] = {}
    for name, step in (("merge", store.merge_events), ("links", store.update_links)):
        c0, w0 = _cpu(), time.perf_counter()
        step()
        out[f"{name}_cpu_s"] = round(_cpu() - c0, 2)
        out[f"{name}_wall_s"] = round(time.perf_counter() - w0, 2)
    out["cpu_s"] = round(out["merge_cpu_s"] + out["links_cpu_s"], 2)
    return out


def _rows(store: Any) -> dict[str, int]:
    have = set(store.db.tables())
    return {
        table: int(store.query(f"SELECT count(*) FROM {table}")[0][0])
        for table in TABLES
        if table in have
    }


def _measure(url: str, work: list[tuple[Any, str, Any]]) -> dict[str, Any]:
    from bilateral.store import Store

    with Store(url) as store:
        with store.deferred_merge():
            _write(store, work)
            full = _steps(store)
        rows = _rows(store)
    return {"documents": len(work), **full, "rows": rows}


def _incremental(url: str, work: list[tuple[Any, str, Any]]) -> dict[str, Any]:
    from bilateral.store import Store

    cut = len(work) - max(1, len(work) // 10)
    with Store(url) as store:
        with store.deferred_merge():
            _write(store, work[:cut])
        with store.deferred_merge():
            _write(store, work[cut:])
            step = _steps(store)
    return {"added": len(work) - cut, "to": cut, **step}


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
    ap.add_argument("source", help="an extracted database")
    ap.add_argument("--sizes", default="100,200,400")
    ap.add_argument(
        "--pg", default=None, help="an empty PostgreSQL server URL (default: throwaway)"
    )
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    ap.add_argument("--no-incremental", action="store_true", help="skip the incremental runs")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    from bilateral.kb import load_kb

    load_kb()  # loaded once, outside the timings
    work = _work(Path(args.source))
    result: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "load": round(os.getloadavg()[0], 1),
        "source_documents": len(work),
        "note": args.note,
        "sqlite": [],
        "postgresql": [],
    }
    sizes = [int(n) for n in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            part = work[:n]
            full = _measure(str(Path(tmp) / f"full{n}.db"), part)
            if not args.no_incremental:
                full["incremental"] = _incremental(str(Path(tmp) / f"inc{n}.db"), part)
            result["sqlite"].append(full)
            print(json.dumps(full), file=sys.stderr)
    if not args.no_pg:
        from servers import fresh_database

        with _postgres(args.pg) as base:
            for n in sizes:
                url = fresh_database(base, f"crossdoc{n}")
                full = _measure(url, work[:n])
                result["postgresql"].append(full)
                print(json.dumps(full), file=sys.stderr)
    line = json.dumps(result)
    print(line)
    with (ROOT / "bench" / "results" / "crossdoc.jsonl").open("a", encoding="utf-8") as f:
        f.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
