"""Did a faster ingest store the same thing? Compare the documents of two databases.

    bilateral --db REF.db ingest --no-extract SAMPLE.jsonl     # with the code before
    bilateral --db NEW.db ingest --no-extract SAMPLE.jsonl     # with the code after
    python bench/ingest_same.py REF.db NEW.db

Every column of every stored document (id, clean text, paragraphs, sentences, turns, metadata,
fingerprint) and the near-duplicate pairs must be equal; only `ingested_at` may differ. Exit 0
when they are, 1 with the first differences named when not.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator

# A clock reading, not a property of the document.
IGNORED = {"ingested_at"}


def _rows(path: str) -> dict[str, dict[str, object]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    rows = {r["id"]: dict(r) for r in db.execute("SELECT * FROM documents")}
    pairs = db.execute("SELECT doc, other, distance FROM near_duplicates ORDER BY 1, 2").fetchall()
    rows["<near_duplicates>"] = {"pairs": [tuple(p) for p in pairs]}
    return rows


def differences(ref: str, new: str) -> Iterator[str]:
    a, b = _rows(ref), _rows(new)
    for doc_id in sorted(a.keys() - b.keys()):
        yield f"{doc_id}: only in {ref}"
    for doc_id in sorted(b.keys() - a.keys()):
        yield f"{doc_id}: only in {new}"
    for doc_id in sorted(a.keys() & b.keys()):
        for column, value in a[doc_id].items():
            if column not in IGNORED and b[doc_id].get(column) != value:
                yield f"{doc_id}: {column} differs"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    found = list(differences(*argv))
    for line in found[:40]:
        print(line)
    n = len(_rows(argv[0])) - 1
    print(f"{n} documents compared, {len(found)} differences")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
