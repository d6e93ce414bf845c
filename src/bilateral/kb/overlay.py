"""Generated knowledge-base files under the hand-written ones: the hand wins every conflict.

`kb/build.py` writes ``*.generated.json`` from public sources; people type corrections and
additions into the YAML files. Both are read together, so:

1. a generated record with the id of a hand record is the same entity: its aliases and terms
   join the hand record's, except a term the hand already gives (same title and body, periods
   that meet) and an alias another hand entity of that type bears;
2. any other generated record is new: its forms that a hand entity of its type already bears are
   dropped, and the record itself when its name is one of them (the hand's entity is meant).

The builder avoids such conflicts with the hand files of its day; this keeps the knowledge base
loadable and the hand in charge when the hand files change after a build.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bilateral.kb.normalize import normalize_name

__all__ = ["overlay"]


def _forms(rec: Mapping[str, Any]) -> list[str]:
    out = [rec.get("name")]
    for key in ("official", "aliases", "russian"):
        value = rec.get(key) or ()
        out.extend([value] if isinstance(value, str) else value)
    return [f for f in out if isinstance(f, str)]


def _period(term: Mapping[str, Any]) -> tuple[str, str]:
    dates = [
        str(d) for d in (term.get("start"), *(term.get("attested") or ()), term.get("end")) if d
    ]
    if not dates:
        return ("", "")
    low, high = min(dates), max(dates)
    return low + "-01-01"[len(low) - 4 :], high + "-12-31"[len(high) - 4 :]


def _given(term: Mapping[str, Any], hand_terms: list[Mapping[str, Any]]) -> bool:
    """Whether the hand already gives this post: same title and body, periods that meet (an
    open hand term runs to today)."""
    low, high = _period(term)
    for h in hand_terms:
        if h.get("of") != term.get("of"):
            continue
        if normalize_name(str(h.get("title"))) != normalize_name(str(term.get("title"))):
            continue
        h_low, h_high = _period(h)
        if h.get("end") is None and not h.get("attested"):
            h_high = "9999"
        if h_low <= high and low <= h_high:
            return True
    return False


def overlay(hand: Mapping[str, Any], generated: Mapping[str, Any]) -> dict[str, Any]:
    """Hand-written documents (keyed by file name) with the generated ones read under them."""
    if not generated:
        return dict(hand)
    records: dict[str, dict[str, Any]] = {}
    owner: dict[tuple[str, str], str] = {}  # (id prefix, normalised form) -> hand id
    for doc in hand.values():
        for rec in doc.get("entities") or () if isinstance(doc, dict) else ():
            if isinstance(rec, dict) and isinstance(rec.get("id"), str):
                records[rec["id"]] = rec
                kind = rec["id"].partition(":")[0]
                for form in _forms(rec):
                    owner.setdefault((kind, normalize_name(form)), rec["id"])
    merged: dict[str, dict[str, Any]] = {}
    out: dict[str, Any] = {}
    for fname, doc in generated.items():
        fresh = []
        for rec in doc.get("entities") or ():
            rid = rec["id"]
            kind = rid.partition(":")[0]

            def free(form: str, rid: str = rid, kind: str = kind) -> bool:
                return owner.get((kind, normalize_name(form)), rid) == rid

            if rid in records:
                target = merged.setdefault(rid, dict(records[rid]))
                known = {normalize_name(f) for f in _forms(target)}
                extra = [
                    a
                    for a in rec.get("aliases") or ()
                    if free(a) and normalize_name(a) not in known
                ]
                if extra:
                    target["aliases"] = [*(target.get("aliases") or ()), *extra]
                hand_terms = list(records[rid].get("terms") or ())
                new_terms = [t for t in rec.get("terms") or () if not _given(t, hand_terms)]
                if new_terms:
                    target["terms"] = [*(target.get("terms") or ()), *new_terms]
            elif rid.startswith(("person:", "org:", "place:")) and free(rec["name"]):
                aliases = [a for a in rec.get("aliases") or () if free(a)]
                fresh.append({**rec, "aliases": aliases} if "aliases" in rec else rec)
        out[fname] = {"entities": fresh}
    result: dict[str, Any] = {}
    for fname, doc in hand.items():
        if isinstance(doc, dict) and any(
            isinstance(r, dict) and r.get("id") in merged for r in doc.get("entities") or ()
        ):
            doc = {
                **doc,
                "entities": [
                    merged.get(str(r.get("id")), r) if isinstance(r, dict) else r
                    for r in doc["entities"]
                ],
            }
        result[fname] = doc
    result.update(out)
    return result
