"""Development documents named by a manifest, written out from the shared corpora.

Annotated development sets name their documents by file stem; the documents themselves stay in the
corpora they come from (their licences keep them out of this repository). A manifest line says
where each one lives: ``{"doc": stem, "corpus": "whitehouse/2023-07/x.md"}`` for a file, or
``{"doc": stem, "corpus": "diplomatic-11k.jsonl.gz", "id": "ungdc:KAZ_76_2021"}`` for an item of a
JSON-lines corpus, which is written as ``stem.txt``: its title, a blank line, its text (the
convention of the published gold's corpus13 documents). ``set`` names the annotation set.
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from bilateral.eval.rules import EvalError


def corpus_group(entry: Mapping[str, Any]) -> str:
    """The publisher group of a manifest entry: what a leave-one-publisher-out run leaves out."""
    corpus, ident = str(entry["corpus"]), str(entry.get("id", ""))
    if corpus.startswith("whitehouse/"):
        return "whitehouse"
    if corpus.startswith("philippines/"):
        return "philippines"
    if corpus.startswith("seeds/"):
        return "seeds"
    if ident.startswith("ungdc:"):
        return "un"
    if corpus.startswith("kremlin"):
        return "kremlin"
    return "kz-embassy"


def read_manifest(path: str | Path) -> list[dict[str, Any]]:
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            item = json.loads(line)
            if not isinstance(item, dict) or not {"doc", "corpus"} <= item.keys():
                raise EvalError(f'{path}:{n}: a manifest line has "doc" and "corpus"')
            out.append(item)
    return out


def materialise(
    entries: Iterable[Mapping[str, Any]], corpus_root: str | Path, out_dir: str | Path
) -> dict[str, Path]:
    """Write each entry's document into out_dir under its stem; returns stem -> path."""
    entries = list(entries)
    root, out = Path(corpus_root), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    wanted: dict[str, dict[str, str]] = defaultdict(dict)  # jsonl corpus -> id -> stem
    for e in entries:
        if "id" in e:
            wanted[e["corpus"]][e["id"]] = e["doc"]
            continue
        src = root / e["corpus"]
        target = out / (e["doc"] + src.suffix)
        shutil.copyfile(src, target)
        written[e["doc"]] = target
    for corpus, ids in wanted.items():
        opener = gzip.open if corpus.endswith(".gz") else open
        with opener(root / corpus, "rt", encoding="utf-8") as f:
            for line in f:
                item = json.loads(line)
                stem = ids.get(item.get("id"))
                if stem is None:
                    continue
                target = out / f"{stem}.txt"
                target.write_text(f"{item.get('title') or ''}\n\n{item['text']}", encoding="utf-8")
                written[stem] = target
    missing = [e["doc"] for e in entries if e["doc"] not in written]
    if missing:
        raise EvalError(f"not found in {root}: {', '.join(missing[:5])}")
    return written
