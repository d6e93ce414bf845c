"""Scoring links (the gold README, "links", dev only): a system link matches a gold one when its
``from`` quote overlaps the gold ``from`` quote and its ``to`` quote the gold ``to`` quote, each in
the same document; a link given the other way round matches too. The system links counted are
those between two documents of the gold files; relation accuracy is reported on matched pairs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bilateral.eval.report import Error, Score
from bilateral.eval.rules import METRIC, QUOTE_CHARS, max_matching, spans_overlap
from bilateral.model import Evidence, Link
from bilateral.store import Store


def _fits(link: Link, gold: Mapping[str, Any], ids: Mapping[str, str]) -> bool:
    g_from, g_to = gold["from"], gold["to"]

    def same(e: Evidence, g: Mapping[str, Any]) -> bool:
        return ids.get(g["doc"]) == e.doc and spans_overlap(e.quote, g["quote"])

    return (same(link.from_evidence, g_from) and same(link.to_evidence, g_to)) or (
        same(link.from_evidence, g_to) and same(link.to_evidence, g_from)
    )


def _describe(link: Link, stems: Mapping[str, str]) -> dict[str, Any]:
    return {
        "relation": link.relation,
        "from": {
            "doc": stems.get(link.from_evidence.doc, link.from_evidence.doc),
            "quote": link.from_evidence.quote[:QUOTE_CHARS],
        },
        "to": {
            "doc": stems.get(link.to_evidence.doc, link.to_evidence.doc),
            "quote": link.to_evidence.quote[:QUOTE_CHARS],
        },
        "terms": list(link.terms),
    }


def score_links(
    store: Store, gold: Sequence[Mapping[str, Any]], ids: Mapping[str, str]
) -> tuple[Score, Score, list[Error]]:
    """Links and link relations against the gold link lines; ``ids``: file stem -> document id
    of every document the gold files name."""
    docs = set(ids.values())
    system = [
        link
        for link in store.links()
        if link.from_evidence.doc in docs and link.to_evidence.doc in docs
    ]
    matched = max_matching(len(system), len(gold), lambda s, g: _fits(system[s], gold[g], ids))
    stems = {doc: stem for stem, doc in ids.items()}
    hit = set(matched.values())
    errors = [
        Error(str(g["from"]["doc"]), "links", "miss", dict(g))
        for i, g in enumerate(gold)
        if i not in hit
    ]
    errors += [
        Error(
            stems.get(s.from_evidence.doc, s.from_evidence.doc),
            "links",
            "false_positive",
            _describe(s, stems),
        )
        for i, s in enumerate(system)
        if i not in matched
    ]
    right = 0
    for si, gi in matched.items():
        if system[si].relation == gold[gi].get("relation"):
            right += 1
        else:
            errors.append(
                Error(
                    str(gold[gi]["from"]["doc"]),
                    "link_relations",
                    "wrong",
                    {"gold": gold[gi].get("relation"), "system": system[si].relation},
                )
            )
    return (
        Score("links", METRIC["links"], len(matched), len(system), len(gold)),
        Score("link_relations", METRIC["link_relations"], right, len(matched), len(matched)),
        errors,
    )
