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
from collections.abc import Iterable, Mapping, Sequence
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


# -- quotes of sources whose text may not be copied -----------------------------------------------
# Positions and plans gold quotes verbatim passages. For sources whose licence keeps their text out
# of the repository (the Kazakh-embassy items and the Philippine reposts), the committed gold holds
# each passage as offsets into the written-out document ("quote_span", "alt_quote_spans"), and
# `fill_quotes` puts the quotes back from the corpus before scoring.
_NO_COPY_PREFIXES = ("kzemb:", "philippines/")


def copy_restricted(entry: Mapping[str, Any]) -> bool:
    """Whether a manifest entry's text may not be copied into the repository."""
    return str(entry.get("id", entry["corpus"])).startswith(_NO_COPY_PREFIXES)


def _items(line: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for k in ("positions", "plans") for i in line.get(k) or [] if isinstance(i, dict)]


def strip_quotes(line: dict[str, Any], text: str) -> dict[str, Any]:
    """The line with every quote replaced by its offsets in ``text`` (the first occurrence)."""
    for item in _items(line):
        for key, span_key in (("quote", "quote_span"),):
            if isinstance(item.get(key), str):
                at = text.find(item[key])
                if at < 0:
                    raise EvalError(f"{line['doc']}: a quote is not in the document")
                item[span_key] = [at, at + len(item.pop(key))]
        if isinstance(item.get("alt_quotes"), list):
            spans = []
            for q in item.pop("alt_quotes"):
                at = text.find(q)
                if at < 0:
                    raise EvalError(f"{line['doc']}: an alternative quote is not in the document")
                spans.append([at, at + len(q)])
            item["alt_quote_spans"] = spans
    return line


def fill_quotes(line: dict[str, Any], text: str) -> dict[str, Any]:
    """The inverse of `strip_quotes`: quotes back from their offsets in ``text``."""
    for item in _items(line):
        if "quote_span" in item:
            a, b = item.pop("quote_span")
            item["quote"] = text[a:b]
        if "alt_quote_spans" in item:
            item["alt_quotes"] = [text[a:b] for a, b in item.pop("alt_quote_spans")]
    return line


def main(argv: Sequence[str] | None = None) -> None:
    """python -m bilateral.eval.corpus fill-quotes|strip-quotes MANIFEST CORPUS IN OUT"""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 5 or args[0] not in ("fill-quotes", "strip-quotes"):
        raise SystemExit(
            "usage: python -m bilateral.eval.corpus fill-quotes|strip-quotes MANIFEST CORPUS IN OUT"
        )
    action, manifest, corpus, src, dst = args
    entries = {e["doc"]: e for e in read_manifest(manifest)}
    lines = [json.loads(x) for x in Path(src).read_text(encoding="utf-8").splitlines() if x.strip()]
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        wanted = [entries[x["doc"]] for x in lines if x["doc"] in entries]
        paths = materialise(wanted, corpus, tmp)
        out = []
        for line in lines:
            entry = entries.get(line["doc"])
            if entry is not None and copy_restricted(entry):
                text = paths[line["doc"]].read_text(encoding="utf-8")
                line = (
                    fill_quotes(line, text) if action == "fill-quotes" else strip_quotes(line, text)
                )
            out.append(json.dumps(line, ensure_ascii=False))
    Path(dst).write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
