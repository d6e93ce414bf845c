"""A PNG of every page of the workbench, for review: seeds ingested into a temporary database,
served on a free local port, photographed by headless Chromium.

    python bench/screenshots.py [--out screenshots/] [--db EXISTING.db] [--seeds FOLDER]
                                [--no-extract]

Needs the Debian package `chromium` (/usr/bin/chromium) and the Python package `playwright`
(no `playwright install`: the system Chromium is driven directly).
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ingest_seeds(db: Path, seeds: Path, extract: bool) -> None:
    from bilateral.store import Store
    from bilateral.workflow import ingest

    store = Store(db)
    try:
        summary = ingest(store, [str(seeds)], extract=extract, workers=1)
    except ImportError as exc:
        # The extraction pipeline is not all there yet: the pages still show the text.
        print(f"screenshots: extraction unavailable ({exc}); text only", file=sys.stderr)
        summary = ingest(store, [str(seeds)], extract=False, workers=1)
    store.close()
    print(f"screenshots: {summary.line()}", file=sys.stderr)


def pages(db: Path) -> list[tuple[str, str]]:
    """(file name, path) of each page, with ids picked from what the record holds."""
    from bilateral.store import Store

    store = Store(db)
    q = store.query
    doc = q(
        "SELECT d.id FROM documents d LEFT JOIN mentions m ON m.doc = d.id "
        "GROUP BY d.id ORDER BY count(m.entity) DESC, d.published DESC LIMIT 1"
    )
    entity = q(
        "SELECT entity FROM mentions m JOIN entities e ON e.id = m.entity "
        "WHERE e.type IN ('country', 'person') GROUP BY entity ORDER BY count(*) DESC LIMIT 1"
    )
    store.close()
    out = [
        ("01-dashboard", "/"),
        ("02-documents", "/documents"),
    ]
    if doc:
        out.append(("03-document", f"/documents/{doc[0][0]}"))
    out += [("04-entities", "/entities")]
    if entity:
        out.append(("05-entity", f"/entities/{entity[0][0]}"))
    out += [
        ("06-search", "/search?q=trade"),
        ("07-events", "/events"),
        ("08-claims", "/claims"),
        ("09-agreements", "/agreements"),
        ("10-graph", "/graph"),
        ("11-downloads", "/downloads"),
        ("12-ask", "/?q=How+many+Kazakhstani+students+study+in+Russia%3F"),
        ("13-positions", "/positions"),
        ("14-plans", "/plans"),
        ("15-ask-position", "/?q=What+is+Russia%27s+position+on+the+Eurasian+Economic+Union%3F"),
    ]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="screenshots", help="folder for the PNGs")
    ap.add_argument("--db", default=None, help="photograph this database instead of the seeds")
    ap.add_argument("--seeds", default=str(SEEDS))
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--no-extract", action="store_true", help="ingest the seeds as text only")
    args = ap.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"screenshots: {CHROMIUM} not found: apt-get install chromium", file=sys.stderr)
        return 1
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print(
            "screenshots: the playwright package is missing: pip install playwright",
            file=sys.stderr,
        )
        return 1
    import uvicorn

    from bilateral.web.app import create_app

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "seeds.db"
        if not args.db:
            ingest_seeds(db, Path(args.seeds), extract=not args.no_extract)
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": args.width, "height": 900})
                for name, path in pages(db):
                    page.goto(f"http://127.0.0.1:{port}{path}", wait_until="networkidle")
                    if path == "/graph":
                        page.wait_for_function(
                            "document.querySelector('#graph .node') || "
                            "document.getElementById('graph-hint').textContent !== 'Click a node.'"
                        )
                        nodes = page.locator("#graph .node circle")
                        if nodes.count():
                            nodes.first.click()
                    if path.startswith("/documents/"):
                        spans = page.locator(".hl[data-facts]")
                        if spans.count():
                            spans.first.hover()
                    target = out / f"{name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(f"{target}  {path}")
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
