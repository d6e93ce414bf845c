"""The scores: per kind and document, with the errors that explain them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bilateral.eval.rules import ACCURACY, RECALL


# -- the report -----------------------------------------------------------------------------------
def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


@dataclass(frozen=True, slots=True)
class Score:
    """Counts for one kind. ``accuracy`` kinds count documents (n_system: documents with a stored
    answer); ``recall`` kinds report no precision, as the README scores them by recall alone."""

    kind: str
    metric: str
    tp: int = 0
    n_system: int = 0
    n_gold: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.kind,
            self.metric,
            self.tp + other.tp,
            self.n_system + other.n_system,
            self.n_gold + other.n_gold,
        )

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.n_gold)

    @property
    def precision(self) -> float | None:
        if self.metric == RECALL:
            return None
        if self.metric == ACCURACY:
            return self.recall
        return _ratio(self.tp, self.n_system)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "n_system": self.n_system,
            "n_gold": self.n_gold,
        }


@dataclass(frozen=True, slots=True)
class Error:
    """One debugging line: a gold item missed, a system item matching none, or a wrong value."""

    doc: str
    kind: str
    what: str  # miss, false_positive or wrong
    item: Mapping[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "kind": self.kind, "what": self.what, "item": dict(self.item)}


@dataclass(frozen=True, slots=True)
class DocumentReport:
    doc: str  # the gold name (file stem)
    id: str | None  # the stored document, None when it is not in the database
    scores: Mapping[str, Score]
    publisher: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "id": self.id,
            "publisher": self.publisher,
            "scores": {k: s.as_dict() for k, s in self.scores.items()},
        }


@dataclass(frozen=True)
class EvalReport:
    gold: str
    scores: Mapping[str, Score]
    documents: tuple[DocumentReport, ...]
    errors: tuple[Error, ...]
    missing: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def precision(self) -> dict[str, float | None]:
        return {k: s.precision for k, s in self.scores.items()}

    @property
    def recall(self) -> dict[str, float | None]:
        return {k: s.recall for k, s in self.scores.items()}

    @property
    def f1(self) -> dict[str, float | None]:
        return {k: s.f1 for k, s in self.scores.items()}

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "n_documents": len(self.documents),
            "missing": list(self.missing),
            "warnings": list(self.warnings),
            "scores": {k: s.as_dict() for k, s in self.scores.items()},
            "documents": [d.as_dict() for d in self.documents],
            "errors": [e.as_dict() for e in self.errors],
        }

    @property
    def faults(self) -> tuple[Error, ...]:
        """Misses, false positives and wrong values: the errors that lower a score."""
        return tuple(e for e in self.errors if e.what != "extra")

    def by_publisher(self) -> dict[str, dict[str, Score]]:
        """Scores summed per publisher of the scored documents (unknown publisher: "—")."""
        groups: dict[str, dict[str, Score]] = {}
        for d in self.documents:
            into = groups.setdefault(d.publisher or "—", {})
            for kind, score in d.scores.items():
                into[kind] = into[kind] + score if kind in into else score
        return dict(sorted(groups.items()))

    def lines(self, *, misses: bool = False, by_publisher: bool = False) -> list[str]:
        out = _table(self.scores)
        out.append(f"{len(self.documents)} gold documents, {len(self.faults)} misses and errors")
        out += [f"warning: {w}" for w in self.warnings]
        if by_publisher:
            for publisher, scores in self.by_publisher().items():
                n = sum(1 for d in self.documents if (d.publisher or "—") == publisher)
                out += ["", f"publisher: {publisher} ({n} documents)", *_table(scores)]
        if misses:
            out += _misses(self.errors)
        return out


_SIGN = {"miss": "-", "false_positive": "+", "extra": "~", "wrong": "!"}
_SHOWN = ("quote", "near", "id", "aliases")


def _misses(errors: tuple[Error, ...]) -> list[str]:
    """Per document, each missed gold item (-), false positive (+), unscored extra (~) and wrong
    value (!), with the sentence that states it or, for a miss, the first that names it."""
    out: list[str] = []
    doc = None
    for e in errors:
        if e.doc != doc:
            doc = e.doc
            out += ["", f"== {doc}"]
        item = {k: v for k, v in e.item.items() if k not in _SHOWN}
        shown = (
            item.items()
            if e.what == "wrong"
            else [(k, v) for k, v in item.items() if v not in (None, [], "")]
        )
        fields = "; ".join(f"{k}={v}" for k, v in shown)
        out.append(f"{_SIGN.get(e.what, '?')} {e.kind:<10} {fields}")
        quote = e.item.get("quote") or e.item.get("near")
        if quote:
            out.append(f"      «{' '.join(str(quote).split())}»")
    return out


def _table(scores: Mapping[str, Score]) -> list[str]:
    def num(x: float | None) -> str:
        return "—" if x is None else f"{x:.3f}"

    rows = [("kind", "metric", "P", "R", "F1", "tp", "system", "gold")]
    for s in scores.values():
        rows.append(
            (
                s.kind,
                s.metric,
                num(s.precision),
                num(s.recall),
                num(s.f1),
                str(s.tp),
                str(s.n_system),
                str(s.n_gold),
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
