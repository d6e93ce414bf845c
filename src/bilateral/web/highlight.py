"""The document page's highlighting: what was extracted from a document, as facts for the hover
panel each with its spans, and the text cut into pieces at every span boundary.

Document text is untrusted input: the pieces are plain strings, escaped by the template one by
one, and the facts travel to the page as a JSON data block, never as markup.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from bilateral import charts
from bilateral.model import Extraction
from bilateral.query.filters import names
from bilateral.store import Store


@dataclass
class Piece:
    """A run of text with the same highlighted items over it."""

    text: str
    kinds: str = ""  # CSS classes, e.g. "k-mention k-claim"
    facts: str = ""  # space-separated fact ids
    target: bool = False
    anchor: str | None = None  # id of the first piece of the linked span
    turn: dict[str, Any] | None = None  # a speaker turn starts here


def facts_of(store: Store, ex: Extraction) -> list[dict[str, Any]]:
    """What was extracted, as items for the hover panel, each with its spans in the text."""
    ids = {m.entity for m in ex.mentions}
    for e in ex.events:
        ids.update(e.participants)
        if e.location:
            ids.add(e.location)
    for c in ex.claims:
        ids.update(c.subject)
        if c.speaker:
            ids.add(c.speaker)
    for a in ex.agreements:
        ids.update(a.parties)
    for r in ex.roles:
        ids.add(r.person)
        if r.of:
            ids.add(r.of)
    who = names(store, ids)

    def name(i: str | None) -> str:
        return who[i]["name"] if i else ""

    facts: list[dict[str, Any]] = []

    def add(kind: str, label: str, fields: list[tuple[str, str]], spans: Any, link: str) -> None:
        facts.append(
            {
                "id": f"f{len(facts)}",
                "kind": kind,
                "label": label,
                "fields": [[k, v] for k, v in fields if v],
                "link": link,
                "spans": [(s.start, s.end) for s in spans],
            }
        )

    for m in ex.mentions:
        add(
            "mention",
            name(m.entity),
            [("type", m.type), ("entity", m.entity), ("found by", m.source)],
            [m],
            f"/entities/{m.entity}",
        )
    for c in ex.claims:
        add(
            "claim",
            c.indicator,
            [
                ("value", f"{c.qualifier + ' ' if c.qualifier else ''}{charts.human(c.value)}"),
                ("unit", c.unit),
                ("period", c.period or ""),
                ("subject", ", ".join(name(s) for s in c.subject)),
                ("speaker", name(c.speaker)),
                ("said in", c.said_in or ""),
            ],
            c.evidence,
            "/claims?" + urlencode({"indicator": c.indicator}),
        )
    for e in ex.events:
        add(
            "event",
            e.type.replace("_", " "),
            [
                ("date", e.date or "undated"),
                ("status", e.status),
                ("participants", ", ".join(name(p) for p in e.participants)),
                ("location", name(e.location)),
                ("modality", e.modality or ""),
                ("PLOVER", e.plover),
                ("CAMEO", e.cameo),
            ],
            e.evidence,
            "/events?" + urlencode({"type": e.type}),
        )
    for a in ex.agreements:
        add(
            "agreement",
            a.name,
            [
                *([("as written", a.name_original)] if a.name_original else []),
                ("type", a.type),
                ("signed", a.signed or ""),
                ("parties", ", ".join(name(p) for p in a.parties)),
            ],
            a.evidence,
            "/agreements",
        )
    for r in ex.roles:
        add(
            "role",
            f"{name(r.person)}: {r.title}",
            [("of", name(r.of)), ("as of", r.as_of or ""), ("source", r.source)],
            r.evidence,
            f"/entities/{r.person}",
        )
    for t in ex.times:
        add("time", t.text, [("value", t.value), ("precision", t.precision)], [t], "")
    return facts


def pieces(
    text: str,
    facts: list[dict[str, Any]],
    turns: list[dict[str, Any]],
    target: tuple[int, int] | None,
) -> list[Piece]:
    """Cut the text at every span boundary; each piece knows which facts cover it."""
    n = len(text)
    starts: dict[int, list[dict[str, Any]]] = defaultdict(list)
    ends: dict[int, list[dict[str, Any]]] = defaultdict(list)
    cuts = {0, n}
    for f in facts:
        for a, b in f["spans"]:
            a, b = max(0, min(a, n)), max(0, min(b, n))
            if a < b:
                starts[a].append(f)
                ends[b].append(f)
                cuts.update((a, b))
    turn_at = {t["start"]: t for t in turns if 0 <= t["start"] < n}
    cuts.update(turn_at)
    if target is not None:
        cuts.update(max(0, min(x, n)) for x in target)
    active: dict[str, dict[str, Any]] = {}
    out: list[Piece] = []
    anchored = False
    points = sorted(cuts)
    for a, b in itertools.pairwise(points):
        for f in ends.get(a, ()):
            active.pop(f["id"], None)
        for f in starts.get(a, ()):
            active[f["id"]] = f
        in_target = target is not None and target[0] <= a and b <= target[1]
        piece = Piece(
            text[a:b],
            kinds=" ".join(sorted({"k-" + f["kind"] for f in active.values()})),
            facts=" ".join(active),
            target=in_target,
            turn=turn_at.get(a),
        )
        if in_target and not anchored:
            piece.anchor = "target"
            anchored = True
        prev = out[-1] if out else None
        if (
            prev is not None
            and piece.turn is None
            and piece.anchor is None
            and (prev.kinds, prev.facts, prev.target) == (piece.kinds, piece.facts, piece.target)
        ):
            prev.text += piece.text
        else:
            out.append(piece)
    return out
