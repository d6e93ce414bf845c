"""The actor graph: entities as nodes, joined by edges weighted by the documents that name both
and the events both take part in.

Among the most named entities every pair that shares a document is a tie: on a few hundred
documents that is thousands of edges, which draw as a hairball. ``ties`` keeps the strongest
only (the most documents and events shared) and the entities on them; an entity none of them
touches is left out, except the one the graph is drawn around."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bilateral.query.filters import names
from bilateral.store import Store


def actor_graph(
    store: Store,
    *,
    type: str | None = None,
    entity: str | None = None,
    limit: int = 60,
    ties: int | None = None,
) -> dict[str, Any]:
    """Entities as nodes (the ``limit`` most mentioned, or one entity and its closest
    neighbours), joined by edges weighted by the documents that name both and the events both
    take part in; with ``ties``, only that many of the strongest edges and the nodes they
    join. ``total_edges`` says how many there were before."""
    if entity is not None:
        type_clause = "AND e.type = ?" if type else ""
        rows = store.query(
            "WITH mine AS (SELECT DISTINCT doc FROM mentions WHERE entity = ?) "
            "SELECT e.id AS id, e.name, e.type, count(DISTINCT m.doc) AS documents "
            "FROM mentions m JOIN entities e ON e.id = m.entity "
            f"WHERE m.doc IN (SELECT doc FROM mine) AND m.entity != ? {type_clause} "
            "GROUP BY e.id ORDER BY documents DESC, e.id LIMIT ?",
            [entity, entity, *([type] if type else []), limit - 1],
        )
        centre = names(store, [entity])[entity]
        total = store.query("SELECT count(DISTINCT doc) FROM mentions WHERE entity = ?", (entity,))
        nodes = [{**centre, "documents": int(total[0][0])}] + [dict(r) for r in rows]
    else:
        type_clause = "WHERE e.type = ?" if type else ""
        rows = store.query(
            "SELECT e.id AS id, e.name, e.type, count(DISTINCT m.doc) AS documents "
            f"FROM mentions m JOIN entities e ON e.id = m.entity {type_clause} "
            "GROUP BY e.id ORDER BY documents DESC, e.id LIMIT ?",
            [*([type] if type else []), limit],
        )
        nodes = [dict(r) for r in rows]
    ids = [n["id"] for n in nodes]
    if not ids:
        return {"nodes": [], "edges": [], "total_edges": 0}
    marks = ",".join("?" * len(ids))
    weights: dict[tuple[str, str], dict[str, int]] = defaultdict(
        lambda: {"documents": 0, "events": 0}
    )
    for r in store.query(
        f"WITH dm AS (SELECT DISTINCT doc, entity FROM mentions WHERE entity IN ({marks})) "
        "SELECT x.entity AS s, y.entity AS t, count(*) AS n FROM dm x JOIN dm y "
        "ON x.doc = y.doc AND x.entity < y.entity GROUP BY x.entity, y.entity",
        ids,
    ):
        weights[(r["s"], r["t"])]["documents"] = int(r["n"])
    members: dict[str, list[str]] = defaultdict(list)
    for r in store.query(
        f"SELECT e.id AS event, j.value AS entity FROM merged_events e, json_each(e.participants) j "
        f"WHERE j.value IN ({marks})",
        ids,
    ):
        members[r["event"]].append(r["entity"])
    for people in members.values():
        uniq = sorted(set(people))
        for i, s in enumerate(uniq):
            for t in uniq[i + 1 :]:
                weights[(s, t)]["events"] += 1
    edges = [
        {
            "source": s,
            "target": t,
            "documents": w["documents"],
            "events": w["events"],
            "weight": w["documents"] + w["events"],
        }
        for (s, t), w in sorted(weights.items())
    ]
    before = len(edges)
    if ties is not None:
        edges, nodes = strongest(edges, nodes, ties, keep=entity)
    return {"nodes": nodes, "edges": edges, "total_edges": before}


def strongest(
    edges: list[dict[str, Any]], nodes: list[dict[str, Any]], ties: int, keep: str | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``ties`` heaviest edges (weight, then shared documents; equal ones by their ends'
    ids, so the cut is the same every time), in their former order, and the nodes they join,
    in theirs. With ``keep`` (the entity a graph is drawn around) its own ties come first, the
    ties among its neighbours after; it stays even if it has none."""
    ranked = sorted(
        edges,
        key=lambda e: (
            keep not in (e["source"], e["target"]),
            -e["weight"],
            -e["documents"],
            e["source"],
            e["target"],
        ),
    )
    chosen = {(e["source"], e["target"]) for e in ranked[: max(0, ties)]}
    kept = [e for e in edges if (e["source"], e["target"]) in chosen]
    joined = {keep} | {x for e in kept for x in (e["source"], e["target"])}
    return kept, [n for n in nodes if n["id"] in joined]
