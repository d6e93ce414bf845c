"""Where the knowledge base's data lives and which evaluation documents its builds leave out
(the manifest's held-out sets, ``ho*``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent / "data"
HOLD_OUT = Path(__file__).resolve().parents[3] / "tests" / "eval" / "dev" / "manifest.jsonl"


def held_out_ids(manifest: Path) -> frozenset[str]:
    """Corpus ids of the manifest's held-out sets (``ho*``), and the corpus paths of those of
    their documents that are files of their own (``whitehouse/...``); none without a manifest."""
    if not manifest.is_file():
        return frozenset()
    rows = [json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines() if x.strip()]
    held = [r for r in rows if str(r.get("set", "")).startswith("ho")]
    return frozenset(r.get("id") or r["corpus"] for r in held if "id" in r or "corpus" in r)


def build_arguments(description: str, argv: list[str] | None) -> argparse.Namespace | None:
    """The options every KB build script takes (``--shared``, ``--out``, ``--hold-out``), parsed;
    None, with a line on stderr, when ``--shared`` holds no corpus."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=ROOT)
    ap.add_argument(
        "--hold-out",
        type=Path,
        default=HOLD_OUT,
        help="manifest whose held-out sets (ho*) are left out of what is built",
    )
    args = ap.parse_args(argv)
    if not (args.shared / "corpus").is_dir():
        print(f"no corpus under {args.shared}: pass --shared PATH", file=sys.stderr)
        return None
    return args
