"""One entity as the CLI (``entity_profile``) and the web (``entity_page``) show it: its posts
over time (a person's) or the people holding posts of it (a state's, a body's), its events, the
documents naming it and the entities named with it most. Both views read the same listings;
they differ in what they put first and in the JSON shapes their users already read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from bilateral.query.documents import DOCUMENTS, document_filter
from bilateral.query.filters import Listing, Where, names
from bilateral.query.records import EVENTS, entity_row, event_filter, timeline
from bilateral.store import Store

RELATED_LIMIT = 20  # the CLI's "named with" list
PAGE_RELATED = 30  # the entity page's

ROLES = Listing(
    'SELECT r.person, r.title, r.of, r.as_of, r.start_date AS start, r.end_date AS "end", '
    "r.status, r.source, r.doc, r.evidence FROM roles r",
    {"as_of": "r.as_of"},
    "as_of",
    "r.title, r.doc",
    singles=("person", "of"),
)


class NotFound(LookupError):
    """No such entity in the record."""


def roles(store: Store, column: str, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every role whose ``column`` ("person" or "of") is one of ``ids``, in date order."""
    return ROLES.rows(store, Where().among(f"r.{column}", ids))


def people_posts(
    store: Store, *, person: str | None = None, of: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """People with their posts in date order: one person's, or everyone holding a post of one of
    ``of``. A post is a title at a state or body; its dates are the first and last seen, its
    evidence the first quote of each document that names it."""
    found = roles(store, "person", [person]) if person is not None else roles(store, "of", of)
    people: dict[str, dict[str, str]] = {}
    posts: dict[str, dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
    for r in found:
        pid = r["person"]["id"]
        people[pid] = r["person"]
        post = posts[pid].setdefault(
            (r["title"], r["of"]["id"] if r["of"] else ""),
            {"title": r["title"], "of": r["of"], "evidence": [], "dates": set(), "statuses": set()},
        )
        if r["as_of"]:
            post["dates"].add(r["as_of"])
        post["evidence"].extend(r["evidence"][:1])
        post["statuses"].add(r["status"])
        # The post's own term, where any document says when it began or ended.
        if r["start"] and (post.get("start") is None or r["start"] < post["start"]):
            post["start"] = r["start"]
        if r["end"] and (post.get("end") is None or r["end"] > post["end"]):
            post["end"] = r["end"]
    out: list[dict[str, Any]] = []
    for pid, held in posts.items():
        items = []
        for post in held.values():
            dates = sorted(post.pop("dates"))
            statuses = post.pop("statuses")
            # Held where any document has it held; else planned, else former.
            post["status"] = next(
                (s for s in ("held", "planned", "former") if s in statuses), "held"
            )
            post.setdefault("start", None)
            post.setdefault("end", None)
            post["first"] = dates[0] if dates else None
            post["last"] = dates[-1] if dates else None
            items.append(post)
        items.sort(key=lambda p: (p["first"] is None, p["first"] or "", p["title"]))
        out.append({**people[pid], "posts": items})
    out.sort(
        key=lambda p: (
            (p["posts"][0]["of"] or {}).get("id", ""),
            p["posts"][0]["first"] or "",
            p["name"],
        )
    )
    return out


def related(store: Store, entity_id: str, limit: int) -> list[tuple[dict[str, str], int]]:
    """The entities named in the most documents that name ``entity_id``, with that count."""
    rows = store.query(
        "WITH mine AS (SELECT DISTINCT doc FROM mentions WHERE entity = ?) "
        "SELECT m.entity AS id, count(DISTINCT m.doc) AS docs FROM mentions m "
        "WHERE m.doc IN (SELECT doc FROM mine) AND m.entity != ? "
        "GROUP BY m.entity ORDER BY docs DESC, m.entity LIMIT ?",
        (entity_id, entity_id, limit),
    )
    who = names(store, [r["id"] for r in rows])
    return [(who[r["id"]], int(r["docs"])) for r in rows]


def entity_profile(store: Store, entity_id: str, limit: int = 100) -> dict[str, Any]:
    """The CLI's view: the entity's fields and counts, its roles (a person's) or the roles held
    at it, its events, the documents naming it (most mentions first) and the entities named
    with it. Lists stop at ``limit``; the ``n_*`` fields count all. Raises NotFound."""
    profile = entity_row(store, entity_id)
    if profile is None:
        raise NotFound(f"no entity {entity_id!r}")
    documents = store.query(
        "SELECT d.id, d.title, d.published, d.doc_type, count(*) AS mentions "
        "FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.entity = ? "
        "GROUP BY d.id ORDER BY mentions DESC, d.published IS NULL, d.published DESC, d.id "
        "LIMIT ?",
        (entity_id, limit),
    )
    return {
        **profile,
        "roles": roles(store, "person", [entity_id]),
        "holders": roles(store, "of", [entity_id]) if profile["type"] != "person" else [],
        "events": timeline(store, entity=entity_id, limit=limit),
        "n_events": EVENTS.count(store, event_filter(entity=entity_id)),
        "documents": [dict(r) for r in documents],
        "related": [
            {**who, "docs": n} for who, n in related(store, entity_id, min(limit, RELATED_LIMIT))
        ],
    }


def entity_page(store: Store, entity_id: str, limit: int = 200) -> dict[str, Any] | None:
    """The web's view: the entity and its other names, its posts or the people holding posts
    of it (grouped by person), its events and the documents naming it (latest first), the
    entities named with it most; lists capped at ``limit`` with their full counts."""
    row = entity_row(store, entity_id)
    if row is None:
        return None
    events, n_events = EVENTS.page(store, event_filter(entity=entity_id), limit=limit)
    documents, n_documents = DOCUMENTS.page(
        store, document_filter(entity=entity_id), "-published", limit
    )
    counts = store.query(
        "SELECT (SELECT count(*) FROM claims c WHERE EXISTS "
        " (SELECT 1 FROM json_each(c.subject) j WHERE j.value = ?)), "
        "(SELECT count(*) FROM agreements a WHERE EXISTS "
        " (SELECT 1 FROM json_each(a.parties) j WHERE j.value = ?))",
        (entity_id, entity_id),
    )[0]
    return {
        "entity": {
            "id": row["id"],
            "type": row["type"],
            "name": row["name"],
            "aliases": [a for a in row["aliases"] if a != row["name"]],
            "wikidata": row["wikidata"],
            "in_kb": row["in_kb"],
        },
        "posts": people_posts(store, person=entity_id),
        "holders": people_posts(store, of=(entity_id,)) if row["type"] != "person" else [],
        "events": events,
        "n_events": n_events,
        "related": [{**who, "documents": n} for who, n in related(store, entity_id, PAGE_RELATED)],
        "documents": documents,
        "n_documents": n_documents,
        "n_mentions": row["n_mentions"],
        "n_claims": int(counts[0]),
        "n_agreements": int(counts[1]),
    }
