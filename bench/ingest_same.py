"""Did a faster ingest store the same thing? Compare the documents of two databases.

    bilateral --db REF.db ingest --no-extract SAMPLE.jsonl     # with the code before
    bilateral --db NEW.db ingest --no-extract SAMPLE.jsonl     # with the code after
    python bench/ingest_same.py REF.db NEW.db

Every column of every stored document (id, clean text, paragraphs, sentences, turns, metadata,
fingerprint, rowid) and the near-duplicate pairs must be equal; only `ingested_at` may differ.
So must the full-text index: every term with its documents and occurrences per column
(fts5vocab), the number of entries, and the ranked results of a few searches. Exit 0 when they are, 1 with the first differences named when
not.
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
from collections.abc import Iterator

# A clock reading, not a property of the document.
IGNORED = {"ingested_at"}


def _rows(path: str) -> dict[str, dict[str, object]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    rows = {r["id"]: dict(r) for r in db.execute("SELECT rowid AS rowid_, * FROM documents")}
    pairs = db.execute("SELECT doc, other, distance FROM near_duplicates ORDER BY 1, 2").fetchall()
    rows["<near_duplicates>"] = {"pairs": [tuple(p) for p in pairs]}
    return rows


# Searches whose ranked results must be equal: English stems, a phrase, Russian keys, a prefix.
QUERIES = (
    "minister",
    "cooperation AND trade",
    '"foreign affairs"',
    "stems:сотрудничество",
    "kazakh*",
    "title:visit",
)


def _index(path: str) -> tuple[str, list[tuple[str, list[tuple[int, float]]]]]:
    """A digest of the full-text index's terms, and the ranked hits of QUERIES."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, documents_fts, col)")
    db.execute("CREATE VIRTUAL TABLE temp.entries USING fts5vocab(main, documents_fts, instance)")
    digest = hashlib.sha256()
    for row in db.execute("SELECT term, col, doc, cnt FROM temp.vocab"):
        digest.update(repr(tuple(row)).encode())
    digest.update(repr(db.execute("SELECT count(*) FROM temp.entries").fetchone()[0]).encode())
    hits = []
    for q in QUERIES:
        found = db.execute(
            "SELECT rowid, round(bm25(documents_fts, 8.0, 1.0, 1.0), 9) FROM documents_fts "
            "WHERE documents_fts MATCH ? ORDER BY 2, 1 LIMIT 200",
            (q,),
        ).fetchall()
        hits.append((q, [tuple(h) for h in found]))
    return digest.hexdigest(), hits


def differences(ref: str, new: str) -> Iterator[str]:
    (index_a, hits_a), (index_b, hits_b) = _index(ref), _index(new)
    if index_a != index_b:
        yield "full-text index: entries differ"
    for (q, a), (_, b) in zip(hits_a, hits_b, strict=True):
        if a != b:
            yield f"search {q!r}: results differ"
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
