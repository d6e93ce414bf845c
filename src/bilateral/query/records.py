"""The record's items as plain dicts, for the CLI, the web pages and the API alike: entities,
events, claims and agreements, each filtered, sorted and paged by one listing (documents are
listed by ``query.documents``).

Each kind has a ``Listing`` (its query, sort keys and entity columns) and a ``*_filter`` that
turns its filters into SQL conditions. A listing reads its rows with one query and names every
entity id they hold with one more (events one more again, for the documents reporting them), so
a page of a thousand events costs three queries, not a thousand; the web's tables (``Listing.page``) add one that counts all the matches. Every item
keeps its evidence. Tables give entity references as {id, name, type}; the CLI's lists
(``list_*``, ``timeline``) keep the flatter shapes of its JSON output. Dates filter on their shared prefix: an event dated "2020" is inside a
``date_from`` of 2020-06, and an interval ("2023-09/2023-11") is inside when it overlaps.
"""

from __future__ import annotations

import json
from typing import Any

from bilateral.kb.normalize import normalize_name
from bilateral.query.filters import Listing, Table, Where, like
from bilateral.store import Store

_DOC = "d.title AS doc_title, d.published AS doc_published"


def _brief(ref: dict[str, str]) -> dict[str, str]:
    return {"id": ref["id"], "name": ref["name"]}


# -- entities -------------------------------------------------------------------------------------
# The counts are columns of a derived table: a sort may then name them in an expression
# (PostgreSQL sorts by an output column's alias only when it stands alone).
ENTITIES = Listing(
    "SELECT * FROM (SELECT e.id, e.type, e.name, e.aliases, e.wikidata, e.in_kb, "
    "(SELECT count(*) FROM mentions m WHERE m.entity = e.id) AS n_mentions, "
    "(SELECT count(DISTINCT m.doc) FROM mentions m WHERE m.entity = e.id) AS n_docs "
    "FROM entities e) e",
    {"mentions": "e.n_mentions", "documents": "e.n_docs"},
    "-mentions",
    "e.name, e.id",
)


def entity_filter(*, q: str | None = None, type: str | None = None) -> Where:
    return Where().equals("e.type", type).contains(("e.name", "e.aliases"), q)


def _entity_dict(r: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": r["id"],
        "type": r["type"],
        "name": r["name"],
        "aliases": json.loads(r["aliases"]),
        "wikidata": r["wikidata"],
        "in_kb": bool(r["in_kb"]),
        "n_mentions": int(r["n_mentions"]),
        "n_docs": int(r["n_docs"]),
    }


def entity_row(store: Store, entity_id: str) -> dict[str, Any] | None:
    """One entity as ``list_entities`` gives it, or None."""
    found = ENTITIES.rows(store, Where().equals("e.id", entity_id))
    return _entity_dict(found[0]) if found else None


def list_entities(
    store: Store, type: str | None = None, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Entities, most mentioned first: id, type, name, aliases, wikidata, n_mentions, n_docs."""
    rows = ENTITIES.rows(store, entity_filter(type=type), limit=limit, offset=offset)
    return [_entity_dict(r) for r in rows]


def entities_table(store: Store, where: Where, limit: int = 50, offset: int = 0) -> Table:
    """The web's table of entities: by the number of documents naming them."""
    rows, total = ENTITIES.page(store, where, "-documents", limit, offset)
    items = [
        {
            "id": r["id"],
            "type": r["type"],
            "name": r["name"],
            "aliases": json.loads(r["aliases"]),
            "wikidata": r["wikidata"],
            "in_kb": r["in_kb"],
            "documents": r["n_docs"],
        }
        for r in rows
    ]
    return items, total


def find_entity(store: Store, name: str) -> str | None:
    """An entity id from an id, a name or an alias (compared normalised: "the Russian
    federation" finds Russia), else a person by surname ("Tokayev"). Among several: the
    knowledge base's, then an exact name over an alias, then the most mentioned."""
    if store.entity(name) is not None:
        return name
    key = normalize_name(name)
    if not key:
        return None
    # A LIKE on the key's longest word keeps the Python comparison small; a spelling the
    # prefilter cannot see ("Cote" for "Côte", "US" for "U.S.") falls back to a full scan.
    word = max(key.split(), key=len)
    clause = "WHERE name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\'"
    found = _named(store, key, clause, [like(word)] * 2) or _named(store, key, "", [])
    if not found:
        return None
    counts = {
        r["entity"]: int(r["n"])
        for r in store.query(
            "SELECT entity, count(*) AS n FROM mentions "
            "WHERE entity IN (SELECT value FROM json_each(?)) GROUP BY entity",
            (json.dumps(sorted(found)),),
        )
    }
    return max(sorted(found), key=lambda i: (*found[i], counts.get(i, 0)))


def _named(
    store: Store, key: str, where: str, args: list[Any]
) -> dict[str, tuple[bool, bool, bool]]:
    """Entities answering to ``key``: id -> (by name or alias, in the KB, by its name). Persons
    answer to their surname only when nothing answers by name or alias."""
    out: dict[str, tuple[bool, bool, bool]] = {}
    surname = " " not in key
    for r in store.query(f"SELECT id, type, name, aliases, in_kb FROM entities {where}", args):
        own = normalize_name(r["name"])
        by_name = own == key
        if by_name or key in {normalize_name(a) for a in json.loads(r["aliases"])}:
            out[r["id"]] = (True, bool(r["in_kb"]), by_name)
        elif surname and r["type"] == "person" and own.rsplit(" ", 1)[-1] == key:
            out[r["id"]] = (False, bool(r["in_kb"]), False)
    if any(v[0] for v in out.values()):
        out = {k: v for k, v in out.items() if v[0]}
    return out


# -- events ---------------------------------------------------------------------------------------
def _reports(store: Store, items: list[dict[str, Any]]) -> None:
    """Each merged event's reporting documents as {id, title, published}, its reports' event
    ids as a list; the store's bookkeeping columns dropped."""
    ids = [json.loads(item["documents"]) for item in items]
    briefs = store.document_briefs(d for doc_ids in ids for d in doc_ids)
    for item, doc_ids in zip(items, ids, strict=True):
        item["documents"] = [
            briefs.get(d, {"id": d, "title": None, "published": None}) for d in doc_ids
        ]
        item["events"] = json.loads(item["events"])
        item.pop("block", None)
        item.pop("stale", None)


# Events are listed, filtered and counted merged: one real event told by several documents is one
# row, its evidence every report's, ``reports`` the number of documents (store/merged.py). The
# events of one document, as extracted, are in its record (``Store.load_extraction``).
EVENTS = Listing(
    f"SELECT e.*, {_DOC} FROM merged_events e JOIN documents d ON d.id = e.doc",
    {
        "date": "e.date",
        "type": "e.type",
        "status": "e.status",
        "doc": "d.published",
        "reports": "e.reports",
    },
    "date",
    "d.published, e.doc, e.id",
    lists=("participants",),
    singles=("location",),
    finish=_reports,
)


def event_filter(
    *,
    q: str | None = None,
    type: str | None = None,
    status: str | None = None,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Where:
    return (
        Where()
        .contains(("e.type", "e.evidence", "e.participants", "e.location"), q)
        .equals("e.type", type)
        .equals("e.status", status)
        .holds("e.participants", entity)
        .dates("e.date", date_from, date_to, intervals=True)
    )


def _event_line(e: dict[str, Any]) -> dict[str, Any]:
    place = e["location"]
    return {
        "id": e["id"],
        "type": e["type"],
        "date": e["date"],
        "date_precision": e["date_precision"],
        "status": e["status"],
        "location": place["name"] if place else None,
        "location_id": place["id"] if place else None,
        "modality": e["modality"],
        "participants": e["participants"],
        "plover": e["plover"],
        "cameo": e["cameo"],
        "doc": e["doc"],
        "doc_title": e["doc_title"],
        "doc_published": e["doc_published"],
        "evidence": e["evidence"],
        "reports": e["reports"],
        "documents": e["documents"],
        "events": e["events"],
    }


def list_events(
    store: Store,
    type: str | None = None,
    entity: str | None = None,
    status: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events filtered by type, participant (id), status and dates; in date order, paged."""
    where = event_filter(
        type=type, status=status, entity=entity, date_from=date_from, date_to=date_to
    )
    return [_event_line(e) for e in EVENTS.rows(store, where, limit=limit, offset=offset)]


def timeline(
    store: Store,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Events in date order, undated last; with ``entity`` (an id) only those it took part in."""
    return list_events(store, entity=entity, date_from=date_from, date_to=date_to, limit=limit)


# -- claims ---------------------------------------------------------------------------------------
CLAIMS = Listing(
    f"SELECT c.*, {_DOC} FROM claims c JOIN documents d ON d.id = c.doc",
    {
        "indicator": "c.indicator",
        "value": "c.value",
        "unit": "c.unit",
        "period": "c.period",
        "doc": "d.published",
    },
    "indicator",
    "c.period IS NULL, c.period, d.published, c.id",
    lists=("subject",),
    singles=("speaker",),
)


def claim_filter(
    *,
    q: str | None = None,
    indicator: str | None = None,
    indicator_contains: str | None = None,
    subject: str | None = None,
    unit: str | None = None,
) -> Where:
    return (
        Where()
        .contains(("c.indicator", "c.evidence", "c.unit", "c.period"), q)
        .equals("c.indicator", indicator)
        .contains(("c.indicator",), indicator_contains)
        .holds("c.subject", subject)
        .equals("c.unit", unit)
    )


def list_claims(
    store: Store,
    indicator: str | None = None,
    subject: str | None = None,
    unit: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Claims whose indicator contains ``indicator`` (any case), about ``subject`` (an id),
    by indicator and period; subjects as {id, name}, the speaker named when it is an entity."""
    where = claim_filter(indicator_contains=indicator, subject=subject, unit=unit)
    return [
        {
            "id": c["id"],
            "indicator": c["indicator"],
            "value": c["value"],
            "unit": c["unit"],
            "qualifier": c["qualifier"],
            "period": c["period"],
            "subject": [_brief(s) for s in c["subject"]],
            "speaker": c["speaker"]["name"] if c["speaker"] else None,
            "said_in": c["said_in"],
            "doc": c["doc"],
            "doc_title": c["doc_title"],
            "doc_published": c["doc_published"],
            "evidence": c["evidence"],
        }
        for c in CLAIMS.rows(store, where, limit=limit, offset=offset)
    ]


# -- agreements -----------------------------------------------------------------------------------
AGREEMENTS = Listing(
    f"SELECT a.*, {_DOC}, d.language AS doc_language FROM agreements a "
    "JOIN documents d ON d.id = a.doc",
    {"name": "a.name", "type": "a.type", "signed": "a.signed", "doc": "d.published"},
    "signed",
    "a.name, a.id",
    lists=("parties",),
)


def agreement_filter(
    *,
    q: str | None = None,
    type: str | None = None,
    party: str | None = None,
    name: str | None = None,
) -> Where:
    return (
        Where()
        .contains(("a.name", "a.name_original", "a.evidence"), q)
        .equals("a.type", type)
        .holds("a.parties", party)
        .contains(("a.name", "a.name_original"), name)
    )


def list_agreements(
    store: Store,
    type: str | None = None,
    party: str | None = None,
    name: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Agreements by type, party (an id) and name (substring), signed first in date order."""
    where = agreement_filter(type=type, party=party, name=name)
    return [
        {
            "id": a["id"],
            "name": a["name"],
            "name_original": a["name_original"],
            "type": a["type"],
            "signed": a["signed"],
            "parties": [_brief(p) for p in a["parties"]],
            "doc": a["doc"],
            "doc_title": a["doc_title"],
            "doc_published": a["doc_published"],
            "evidence": a["evidence"],
        }
        for a in AGREEMENTS.rows(store, where, limit=limit, offset=offset)
    ]


def facets(store: Store) -> dict[str, list[str]]:
    """The values the filter menus offer: document types, publishers, languages, event types."""

    def col(sql: str) -> list[str]:
        return [str(r[0]) for r in store.query(sql) if r[0] is not None]

    return {
        "doc_types": col("SELECT DISTINCT doc_type FROM documents ORDER BY 1"),
        "publishers": col("SELECT DISTINCT publisher FROM documents ORDER BY 1"),
        "languages": col("SELECT DISTINCT language FROM documents ORDER BY 1"),
        "event_types": col("SELECT DISTINCT type FROM events ORDER BY 1"),
        "indicators": col("SELECT DISTINCT indicator FROM claims ORDER BY 1"),
        "agreement_types": col("SELECT DISTINCT type FROM agreements ORDER BY 1"),
    }


# -- positions and plans --------------------------------------------------------------------------
def _entity_names(store: Store, ids: set[str]) -> dict[str, str]:
    rows = store.query(
        "SELECT id, name FROM entities WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(ids)),),
    )
    return {r["id"]: r["name"] for r in rows}


def list_positions(
    store: Store,
    holder: str | None = None,
    stance: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Positions by document date, then text order; ``holder`` an entity id; holders and
    targets as {id, name}."""
    sql = (
        "SELECT p.*, d.title AS doc_title, d.published AS doc_published FROM positions p "
        "JOIN documents d ON d.id = p.doc WHERE (? IS NULL OR p.holder = ?) "
        "AND (? IS NULL OR p.stance = ?) ORDER BY d.published, p.doc, p.rowid"
    )
    rows = store.query(sql, (holder, holder, stance, stance))
    if limit is not None:
        rows = rows[:limit]
    names = _entity_names(
        store, {r["holder"] for r in rows} | {r["target"] for r in rows if r["target"]}
    )

    def ref(entity: str | None) -> dict[str, str] | None:
        return None if entity is None else {"id": entity, "name": names.get(entity, entity)}

    return [
        {
            "id": r["id"],
            "holder": ref(r["holder"]),
            "stance": r["stance"],
            "target": ref(r["target"]),
            "topic": r["topic"],
            "doc": r["doc"],
            "doc_title": r["doc_title"],
            "doc_published": r["doc_published"],
            "evidence": json.loads(r["evidence"]),
        }
        for r in rows
    ]


def list_plans(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Plans by due date (undated last), then document; holders as {id, name}."""
    rows = store.query(
        "SELECT p.*, d.title AS doc_title, d.published AS doc_published FROM plans p "
        "JOIN documents d ON d.id = p.doc ORDER BY p.due IS NULL, p.due, p.doc, p.rowid"
    )
    if limit is not None:
        rows = rows[:limit]
    holders = {r["id"]: json.loads(r["holders"]) for r in rows}
    names = _entity_names(store, {h for hs in holders.values() for h in hs})
    return [
        {
            "id": r["id"],
            "holders": [{"id": h, "name": names.get(h, h)} for h in holders[r["id"]]],
            "action": r["action"],
            "due": r["due"],
            "status": r["status"],
            "doc": r["doc"],
            "doc_title": r["doc_title"],
            "doc_published": r["doc_published"],
            "evidence": json.loads(r["evidence"]),
        }
        for r in rows
    ]
