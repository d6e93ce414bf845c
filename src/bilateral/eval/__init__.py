"""Score the record against hand-made gold answers, by the rules of the gold README.

One gold line per document, named by its file stem. For every kind of item the scorer finds the
largest one-to-one pairing of system and gold items that the kind's rule allows (maximum bipartite
matching, so an early greedy pair never steals a later one's only partner), then sums the counts
over documents (micro). Names compare after `normalize` (lower-case, no diacritics, no punctuation,
no leading "the", single spaces); a system entity answers to its name, its aliases and the texts of
its mentions in the document. A gold participant, role holder or role body answers to the gold
name and to the aliases of the gold entity of that name in the same document.

Deliberately separate from ``bilateral.kb.normalize_name``: the README deletes punctuation (a
hyphen joins, "Kassym-Jomart" -> "kassymjomart"), the matcher treats dashes as spaces. The scorer
must follow the README even when the matcher changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bilateral.eval.links import score_links
from bilateral.eval.reading import locate_documents, read_gold
from bilateral.eval.report import DocumentReport, Error, EvalReport, Score
from bilateral.eval.rules import (
    KINDS,
    METRIC,
    STATEMENT_KINDS,
    EvalError,
    agreement_fits,
    agreement_matches,
    date_matches,
    head_noun,
    max_matching,
    normalize,
    period_matches,
    title_matches,
    value_matches,
)
from bilateral.eval.scorer import Scorer
from bilateral.store import Store

# -- the whole gold file --------------------------------------------------------------------------
__all__ = [
    "KINDS",
    "DocumentReport",
    "Error",
    "EvalError",
    "EvalReport",
    "Score",
    "agreement_fits",
    "agreement_matches",
    "date_matches",
    "evaluate",
    "head_noun",
    "max_matching",
    "normalize",
    "period_matches",
    "read_gold",
    "title_matches",
    "value_matches",
]


def _merged(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A positions file's line joins the same document's line of the main gold file, so that its
    holders answer to the gold entities' aliases. Lines that score the same kinds stay apart
    (a gold file given twice counts twice)."""
    out: list[dict[str, Any]] = []
    for line in lines:
        into = next(
            (o for o in out if o["doc"] == line["doc"] and not (o.keys() & line.keys()) - {"doc"}),
            None,
        )
        if into is None:
            out.append(dict(line))
        else:
            into.update(line)
    return out


def evaluate(store: Store, gold_path: str | Path | Sequence[str | Path]) -> EvalReport:
    """Score the stored record against one or more gold files (see the gold README)."""
    paths = [gold_path] if isinstance(gold_path, str | Path) else list(gold_path)
    lines = [line for p in paths for line in read_gold(p)]
    links = [line for line in lines if "from" in line and "to" in line and "doc" not in line]
    gold = _merged([line for line in lines if "doc" in line])
    stems = [g["doc"] for g in gold]
    link_stems = sorted({e["doc"] for g in links for e in (g["from"], g["to"])} - set(stems))
    ids, warnings = locate_documents(store, stems + link_stems)
    totals = {k: Score(k, METRIC[k]) for k in KINDS} if gold or not links else {}
    if any("positions" in g or "plans" in g for g in gold):
        totals |= {k: Score(k, METRIC[k]) for k in STATEMENT_KINDS}
    documents = []
    errors: list[Error] = []
    publishers = {
        r["id"]: r["publisher"]
        for r in store.query("SELECT id, publisher FROM documents")
        if r["id"] in set(ids.values())
    }
    for line in gold:
        stem = line["doc"]
        scorer = Scorer(store, stem, ids.get(stem), line)
        scores = scorer.document()
        for kind, score in scores.items():
            totals[kind] = totals[kind] + score
        doc_id = ids.get(stem)
        documents.append(
            DocumentReport(stem, doc_id, scores, publishers.get(doc_id) if doc_id else None)
        )
        errors += scorer.errors
    if links:
        totals["links"], totals["link_relations"], link_errors = score_links(store, links, ids)
        errors += link_errors
    missing = tuple(s for s in stems + link_stems if s not in ids)
    if missing:
        shown = ", ".join(missing[:10]) + (
            f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        )
        warnings.append(
            f"{len(missing)} gold documents are not in the database (scored as all misses): {shown}"
        )
    return EvalReport(
        gold=", ".join(str(p) for p in paths),
        scores=totals,
        documents=tuple(documents),
        errors=tuple(errors),
        missing=missing,
        warnings=tuple(warnings),
    )
