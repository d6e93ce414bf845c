"""The record's items as plain dicts, for the CLI, the web pages and the API alike.

Each function reads its rows with one query and then names every entity id they hold with one
more (``_who``), so a page of a thousand events costs two queries, not a thousand. Every item
keeps its evidence. Dates filter on their shared prefix: an event dated "2020" is inside a
``date_from`` of 2020-06, and an interval ("2023-09/2023-11") is inside when it overlaps.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from bilateral.kb.normalize import normalize_name
from bilateral.store import Store

RELATED_LIMIT = 20


class NotFound(LookupError):
    """No such entity in the record."""


# -- helpers --------------------------------------------------------------------------------------
def _who(store: Store, ids: Iterable[str | None]) -> dict[str, dict[str, str]]:
    """Entity id -> {id, name, type} in one query; ids not in the table name themselves."""
    wanted = sorted({i for i in ids if i})
    out = {i: {"id": i, "name": i, "type": i.split(":", 1)[0]} for i in wanted}
    if wanted:
        rows = store.query(
            "SELECT id, name, type FROM entities WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
        for r in rows:
            out[r["id"]] = {"id": r["id"], "name": r["name"], "type": r["type"]}
    return out


def _page(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if limit is None and not offset:
        return "", []
    return " LIMIT ? OFFSET ?", [-1 if limit is None else limit, offset]


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _date_range(
    column: str, date_from: str | None, date_to: str | None
) -> tuple[list[str], list[Any]]:
    """SQL clauses keeping dates (or intervals "a/b") that overlap [date_from, date_to]."""
    first = f"(CASE WHEN instr({column}, '/') THEN substr({column}, 1, instr({column}, '/') - 1) ELSE {column} END)"
    last = f"(CASE WHEN instr({column}, '/') THEN substr({column}, instr({column}, '/') + 1) ELSE {column} END)"
    clauses: list[str] = []
    args: list[Any] = []
    if date_from:
        clauses.append(f"{last} >= substr(?, 1, length({last}))")
        args.append(date_from)
    if date_to:
        clauses.append(f"{first} <= ?")
        args.append(date_to + "\uffff")
    return clauses, args


def _where(clauses: Sequence[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


# -- entities -------------------------------------------------------------------------------------
_ENTITY_SELECT = (
    "SELECT e.id, e.type, e.name, e.aliases, e.wikidata, e.in_kb, "
    "coalesce(m.n, 0) AS n_mentions, coalesce(m.d, 0) AS n_docs FROM entities e "
    "LEFT JOIN (SELECT entity, count(*) AS n, count(DISTINCT doc) AS d FROM mentions "
    "GROUP BY entity) m ON m.entity = e.id"
)


def _entity_dict(r: Any) -> dict[str, Any]:
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


def list_entities(
    store: Store, type: str | None = None, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """Entities, most mentioned first: id, type, name, aliases, wikidata, n_mentions, n_docs."""
    clauses, args = (["e.type = ?"], [type]) if type else ([], [])
    page, page_args = _page(limit, offset)
    rows = store.query(
        f"{_ENTITY_SELECT}{_where(clauses)} ORDER BY n_mentions DESC, e.name, e.id{page}",
        [*args, *page_args],
    )
    return [_entity_dict(r) for r in rows]


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
    like = "WHERE name LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\'"
    found = _named(store, key, like, [_like(word)] * 2) or _named(store, key, "", [])
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


def _roles(store: Store, column: str, entity_id: str) -> list[dict[str, Any]]:
    rows = store.query(
        f"SELECT doc, person, title, of, as_of, source, evidence FROM roles WHERE {column} = ? "
        "ORDER BY as_of IS NULL, as_of, title, doc",
        (entity_id,),
    )
    who = _who(store, [x for r in rows for x in (r["person"], r["of"])])
    return [
        {
            "person": who[r["person"]],
            "title": r["title"],
            "of": who[r["of"]] if r["of"] else None,
            "as_of": r["as_of"],
            "source": r["source"],
            "doc": r["doc"],
            "evidence": json.loads(r["evidence"]),
        }
        for r in rows
    ]


def entity_profile(store: Store, entity_id: str, limit: int = 100) -> dict[str, Any]:
    """One entity: its fields and counts, the posts it held over time (a person's) or the posts
    held at it (a state's, a body's), its events, the documents naming it (most mentions first)
    and the entities most often named in the same documents. Lists stop at ``limit``; the
    ``n_*`` fields count all. Raises NotFound for an unknown id."""
    row = store.query(f"{_ENTITY_SELECT} WHERE e.id = ?", (entity_id,))
    if not row:
        raise NotFound(f"no entity {entity_id!r}")
    profile = _entity_dict(row[0])
    events = timeline(store, entity=entity_id, limit=limit)
    n_events = store.query(
        "SELECT count(*) FROM events e "
        "WHERE EXISTS (SELECT 1 FROM json_each(e.participants) j WHERE j.value = ?)",
        (entity_id,),
    )[0][0]
    documents = store.query(
        "SELECT d.id, d.title, d.published, d.doc_type, count(*) AS mentions "
        "FROM mentions m JOIN documents d ON d.id = m.doc WHERE m.entity = ? "
        "GROUP BY d.id ORDER BY mentions DESC, d.published IS NULL, d.published DESC, d.id "
        "LIMIT ?",
        (entity_id, limit),
    )
    related = store.query(
        "WITH mine AS (SELECT DISTINCT doc FROM mentions WHERE entity = ?) "
        "SELECT m.entity AS id, count(DISTINCT m.doc) AS docs FROM mentions m "
        "WHERE m.doc IN (SELECT doc FROM mine) AND m.entity != ? "
        "GROUP BY m.entity ORDER BY docs DESC, m.entity LIMIT ?",
        (entity_id, entity_id, min(limit, RELATED_LIMIT)),
    )
    who = _who(store, [r["id"] for r in related])
    return {
        **profile,
        "roles": _roles(store, "person", entity_id),
        "holders": _roles(store, "of", entity_id) if profile["type"] != "person" else [],
        "events": events,
        "n_events": int(n_events),
        "documents": [dict(r) for r in documents],
        "related": [{**who[r["id"]], "docs": int(r["docs"])} for r in related],
    }


# -- events ---------------------------------------------------------------------------------------
def _events(
    store: Store,
    *,
    type: str | None,
    entity: str | None,
    status: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int | None,
    offset: int,
) -> list[dict[str, Any]]:
    clauses, args = _date_range("e.date", date_from, date_to)
    if type:
        clauses.append("e.type = ?")
        args.append(type)
    if status:
        clauses.append("e.status = ?")
        args.append(status)
    if entity:
        clauses.append("EXISTS (SELECT 1 FROM json_each(e.participants) j WHERE j.value = ?)")
        args.append(entity)
    page, page_args = _page(limit, offset)
    rows = store.query(
        "SELECT e.*, d.title AS doc_title, d.published AS doc_published "
        f"FROM events e JOIN documents d ON d.id = e.doc{_where(clauses)} "
        f"ORDER BY e.date IS NULL, e.date, d.published, e.doc, e.id{page}",
        [*args, *page_args],
    )
    parts = {r["id"]: json.loads(r["participants"]) for r in rows}
    who = _who(store, [p for ps in parts.values() for p in ps] + [r["location"] for r in rows])
    return [
        {
            "id": r["id"],
            "type": r["type"],
            "date": r["date"],
            "date_precision": r["date_precision"],
            "status": r["status"],
            "location": who[r["location"]]["name"] if r["location"] else None,
            "location_id": r["location"],
            "modality": r["modality"],
            "participants": [
                {"id": p, "name": who[p]["name"], "type": who[p]["type"]} for p in parts[r["id"]]
            ],
            "plover": r["plover"],
            "cameo": r["cameo"],
            "doc": r["doc"],
            "doc_title": r["doc_title"],
            "doc_published": r["doc_published"],
            "evidence": json.loads(r["evidence"]),
        }
        for r in rows
    ]


def timeline(
    store: Store,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Events in date order, undated last; with ``entity`` (an id) only those it took part in."""
    return _events(
        store,
        type=None,
        entity=entity,
        status=None,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
        offset=0,
    )


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
    return _events(
        store,
        type=type,
        entity=entity,
        status=status,
        date_from=date_from,
        date_to=date_to,
        limit=limit,
        offset=offset,
    )


# -- claims and agreements ------------------------------------------------------------------------
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
    clauses: list[str] = []
    args: list[Any] = []
    if indicator:
        clauses.append("c.indicator LIKE ? ESCAPE '\\'")
        args.append(_like(indicator))
    if subject:
        clauses.append("EXISTS (SELECT 1 FROM json_each(c.subject) j WHERE j.value = ?)")
        args.append(subject)
    if unit:
        clauses.append("c.unit = ?")
        args.append(unit)
    page, page_args = _page(limit, offset)
    rows = store.query(
        "SELECT c.*, d.title AS doc_title, d.published AS doc_published "
        f"FROM claims c JOIN documents d ON d.id = c.doc{_where(clauses)} "
        f"ORDER BY c.indicator, c.period IS NULL, c.period, d.published, c.id{page}",
        [*args, *page_args],
    )
    subjects = {r["id"]: json.loads(r["subject"]) for r in rows}
    who = _who(store, [s for ss in subjects.values() for s in ss] + [r["speaker"] for r in rows])
    return [
        {
            "id": r["id"],
            "indicator": r["indicator"],
            "value": r["value"],
            "unit": r["unit"],
            "qualifier": r["qualifier"],
            "period": r["period"],
            "subject": [{"id": s, "name": who[s]["name"]} for s in subjects[r["id"]]],
            "speaker": who[r["speaker"]]["name"] if r["speaker"] else None,
            "said_in": r["said_in"],
            "doc": r["doc"],
            "doc_title": r["doc_title"],
            "doc_published": r["doc_published"],
            "evidence": json.loads(r["evidence"]),
        }
        for r in rows
    ]


def list_agreements(
    store: Store,
    type: str | None = None,
    party: str | None = None,
    name: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Agreements by type, party (an id) and name (substring), signed first in date order."""
    clauses: list[str] = []
    args: list[Any] = []
    if type:
        clauses.append("a.type = ?")
        args.append(type)
    if party:
        clauses.append("EXISTS (SELECT 1 FROM json_each(a.parties) j WHERE j.value = ?)")
        args.append(party)
    if name:
        clauses.append("a.name LIKE ? ESCAPE '\\'")
        args.append(_like(name))
    page, page_args = _page(limit, offset)
    rows = store.query(
        "SELECT a.*, d.title AS doc_title, d.published AS doc_published "
        f"FROM agreements a JOIN documents d ON d.id = a.doc{_where(clauses)} "
        f"ORDER BY a.signed IS NULL, a.signed, a.name, a.id{page}",
        [*args, *page_args],
    )
    parties = {r["id"]: json.loads(r["parties"]) for r in rows}
    who = _who(store, [p for ps in parties.values() for p in ps])
    return [
        {
            "id": r["id"],
            "name": r["name"],
            "type": r["type"],
            "signed": r["signed"],
            "parties": [{"id": p, "name": who[p]["name"]} for p in parties[r["id"]]],
            "doc": r["doc"],
            "doc_title": r["doc_title"],
            "doc_published": r["doc_published"],
            "evidence": json.loads(r["evidence"]),
        }
        for r in rows
    ]
