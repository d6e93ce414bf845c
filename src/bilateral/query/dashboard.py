"""Queries behind the analyst workbench: the relationship dashboard of two states, the sortable,
pageable tables (documents, events, claims, agreements), filtered search and the actor graph.

Everything reads the store with plain SQL and returns dicts ready for JSON or a template; every
item keeps its evidence. Sort keys and filters are checked here, so the API and the pages answer
a bad one with the same message (a ``QueryError``, which the web layer turns into a 400).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from bilateral.query.search import QueryError, best_passage, parse_query
from bilateral.store import Store

# The interactions a relationship timeline shows: consultations and signings, not addresses.
TIMELINE_TYPES = (
    "meeting",
    "talks",
    "visit",
    "phone_call",
    "summit",
    "forum",
    "conference",
    "session",
    "signing",
    "ceremony",
)
CONFLICT_SHARE = 0.05  # two values for one indicator and period conflict past 5% apart
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str | None, name: str) -> str | None:
    if value is not None and value != "" and not _DATE.match(value):
        raise QueryError(f"{name} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    return value or None


def names(store: Store, ids: Iterable[str]) -> dict[str, dict[str, str]]:
    """Entity id -> {id, name, type} for the ids given (unknown ids keep their id as name)."""
    wanted = sorted(set(ids))
    out = {i: {"id": i, "name": i, "type": i.split(":", 1)[0]} for i in wanted}
    for chunk in range(0, len(wanted), 500):
        part = wanted[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        for r in store.query(f"SELECT id, name, type FROM entities WHERE id IN ({marks})", part):
            out[r["id"]] = {"id": r["id"], "name": r["name"], "type": r["type"]}
    return out


def _like(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _in_range(column: str, date_from: str | None, date_to: str | None) -> tuple[str, list[Any]]:
    # A value dated "2020" overlaps a from of 2020-06: compare on the shared prefix.
    clauses, args = [], []
    if date_from:
        clauses.append(f"{column} >= substr(?, 1, length({column}))")
        args.append(date_from)
    if date_to:
        clauses.append(f"{column} <= ?")
        args.append(date_to + "\uffff")
    return " AND ".join(clauses), args


def _order(sort: str | None, keys: dict[str, str], default: str) -> str:
    key = sort or default
    desc = key.startswith("-")
    column = keys.get(key.lstrip("-"))
    if column is None:
        allowed = ", ".join(sorted(keys))
        raise QueryError(f"unknown sort key {key!r}: use one of {allowed} (prefix - to reverse)")
    direction = " DESC" if desc else ""
    # NULLs last either way: an undated item is never the "latest".
    return f"{column} IS NULL, {column}{direction}"


def _evidence(raw: str) -> list[dict[str, Any]]:
    return list(json.loads(raw))


# -- tables ------------------------------------------------------------------------------------
Table = tuple[list[dict[str, Any]], int]

EVENT_SORTS = {"date": "e.date", "type": "e.type", "status": "e.status", "doc": "d.published"}
CLAIM_SORTS = {
    "indicator": "c.indicator",
    "value": "c.value",
    "unit": "c.unit",
    "period": "c.period",
    "doc": "d.published",
}
AGREEMENT_SORTS = {"name": "a.name", "type": "a.type", "signed": "a.signed", "doc": "d.published"}
DOCUMENT_SORTS = {
    "published": "d.published",
    "title": "d.title",
    "type": "d.doc_type",
    "publisher": "d.publisher",
    "chars": "d.n_chars",
}


def _page(
    store: Store,
    select: str,
    where: list[str],
    args: list[Any],
    order: str,
    limit: int,
    offset: int,
) -> Table:
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(store.query(f"SELECT count(*) FROM ({select}{clause})", args)[0][0])
    rows = store.query(
        f"{select}{clause} ORDER BY {order} LIMIT ? OFFSET ?", [*args, limit, offset]
    )
    return [dict(r) for r in rows], total


def events_table(
    store: Store,
    *,
    q: str | None = None,
    type: str | None = None,
    status: str | None = None,
    entity: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    sort: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Table:
    where: list[str] = []
    args: list[Any] = []
    if q:
        where.append(
            "(e.type LIKE ? ESCAPE '\\' OR e.evidence LIKE ? ESCAPE '\\' "
            "OR e.participants LIKE ? ESCAPE '\\' OR e.location LIKE ? ESCAPE '\\')"
        )
        args += [_like(q)] * 4
    if type:
        where.append("e.type = ?")
        args.append(type)
    if status:
        where.append("e.status = ?")
        args.append(status)
    if entity:
        where.append("EXISTS (SELECT 1 FROM json_each(e.participants) j WHERE j.value = ?)")
        args.append(entity)
    span, span_args = _in_range("e.date", date_from, date_to)
    if span:
        where.append(span)
        args += span_args
    select = (
        "SELECT e.*, d.title AS doc_title, d.published AS doc_published "
        "FROM events e JOIN documents d ON d.id = e.doc"
    )
    rows, total = _page(
        store, select, where, args, _order(sort, EVENT_SORTS, "date"), limit, offset
    )
    who = names(
        store,
        [p for r in rows for p in json.loads(r["participants"])]
        + [r["location"] for r in rows if r["location"]],
    )
    for r in rows:
        r["participants"] = [who[p] for p in json.loads(r["participants"])]
        r["location"] = who[r["location"]] if r["location"] else None
        r["evidence"] = _evidence(r["evidence"])
    return rows, total


def claims_table(
    store: Store,
    *,
    q: str | None = None,
    indicator: str | None = None,
    subject: str | None = None,
    sort: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Table:
    where: list[str] = []
    args: list[Any] = []
    if q:
        where.append(
            "(c.indicator LIKE ? ESCAPE '\\' OR c.evidence LIKE ? ESCAPE '\\' "
            "OR c.unit LIKE ? ESCAPE '\\' OR c.period LIKE ? ESCAPE '\\')"
        )
        args += [_like(q)] * 4
    if indicator:
        where.append("c.indicator = ?")
        args.append(indicator)
    if subject:
        where.append("EXISTS (SELECT 1 FROM json_each(c.subject) j WHERE j.value = ?)")
        args.append(subject)
    select = (
        "SELECT c.*, d.title AS doc_title, d.published AS doc_published "
        "FROM claims c JOIN documents d ON d.id = c.doc"
    )
    rows, total = _page(
        store, select, where, args, _order(sort, CLAIM_SORTS, "indicator"), limit, offset
    )
    who = names(
        store,
        [s for r in rows for s in json.loads(r["subject"])]
        + [r["speaker"] for r in rows if r["speaker"]],
    )
    for r in rows:
        r["subject"] = [who[s] for s in json.loads(r["subject"])]
        r["speaker"] = who[r["speaker"]] if r["speaker"] else None
        r["evidence"] = _evidence(r["evidence"])
    return rows, total


def agreements_table(
    store: Store,
    *,
    q: str | None = None,
    type: str | None = None,
    party: str | None = None,
    sort: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Table:
    where: list[str] = []
    args: list[Any] = []
    if q:
        where.append("(a.name LIKE ? ESCAPE '\\' OR a.evidence LIKE ? ESCAPE '\\')")
        args += [_like(q)] * 2
    if type:
        where.append("a.type = ?")
        args.append(type)
    if party:
        where.append("EXISTS (SELECT 1 FROM json_each(a.parties) j WHERE j.value = ?)")
        args.append(party)
    select = (
        "SELECT a.*, d.title AS doc_title, d.published AS doc_published "
        "FROM agreements a JOIN documents d ON d.id = a.doc"
    )
    rows, total = _page(
        store, select, where, args, _order(sort, AGREEMENT_SORTS, "signed"), limit, offset
    )
    who = names(store, [p for r in rows for p in json.loads(r["parties"])])
    for r in rows:
        r["parties"] = [who[p] for p in json.loads(r["parties"])]
        r["evidence"] = _evidence(r["evidence"])
    return rows, total


def _doc_where(
    doc_type: str | None,
    date_from: str | None,
    date_to: str | None,
    publisher: str | None,
    language: str | None,
    entity: str | None,
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    args: list[Any] = []
    for column, value in (("doc_type", doc_type), ("publisher", publisher), ("language", language)):
        if value:
            where.append(f"d.{column} = ?")
            args.append(value)
    span, span_args = _in_range("d.published", date_from, date_to)
    if span:
        where.append(span)
        args += span_args
    if entity:
        where.append("EXISTS (SELECT 1 FROM mentions m WHERE m.doc = d.id AND m.entity = ?)")
        args.append(entity)
    return where, args


def documents_table(
    store: Store,
    *,
    q: str | None = None,
    doc_type: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
    entity: str | None = None,
    sort: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Table:
    where, args = _doc_where(doc_type, date_from, date_to, publisher, language, entity)
    if q:
        where.append("(d.title LIKE ? ESCAPE '\\' OR d.source LIKE ? ESCAPE '\\')")
        args += [_like(q)] * 2
    select = (
        "SELECT d.id, d.source, d.title, d.published, d.doc_type, d.publisher, d.language, "
        "d.n_chars, d.url FROM documents d"
    )
    return _page(
        store, select, where, args, _order(sort, DOCUMENT_SORTS, "published"), limit, offset
    )


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


# -- search with filters -------------------------------------------------------------------------
def search_documents(
    store: Store,
    query: str,
    *,
    doc_type: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
    entity: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> Table:
    """Ranked full-text hits with their best passage and term offsets, and the total match count.

    The same query language as ``bilateral search``; the filters the CLI lacks (publisher,
    language, entity) are plain conditions on the documents row.
    """
    parsed = parse_query(query)
    where, args = _doc_where(doc_type, date_from, date_to, publisher, language, entity)
    # Rank inside the full-text index and join the documents for the page only: joining every
    # match before sorting doubles the time of a query that matches most of the corpus.
    within = (
        f" AND rowid IN (SELECT d.rowid FROM documents d WHERE {' AND '.join(where)})"
        if where
        else ""
    )
    base = f"FROM documents_fts WHERE documents_fts MATCH ?{within}"
    try:
        total = int(store.query(f"SELECT count(*) {base}", [parsed.match, *args])[0][0])
        rows = store.query(
            "SELECT d.id, d.title, d.published, d.doc_type, d.publisher, d.language, "
            "d.text, d.segments, f.rank FROM "
            f"(SELECT rowid, bm25(documents_fts, 8.0, 1.0) AS rank {base} "
            "ORDER BY rank LIMIT ? OFFSET ?) f JOIN documents d ON d.rowid = f.rowid "
            "ORDER BY f.rank",
            [parsed.match, *args, limit, offset],
        )
    except sqlite3.OperationalError as exc:
        raise QueryError(f"search query {query!r} not understood ({exc})") from None
    hits = []
    for r in rows:
        start, end, highlights = best_passage(r["text"], r["segments"], parsed.terms)
        hits.append(
            {
                "doc": r["id"],
                "score": round(-float(r["rank"]), 4),
                "title": r["title"],
                "published": r["published"],
                "doc_type": r["doc_type"],
                "publisher": r["publisher"],
                "language": r["language"],
                "snippet": r["text"][start:end],
                "start": start,
                "end": end,
                "highlights": [list(h) for h in highlights],
            }
        )
    return hits, total


def split_snippet(hit: dict[str, Any]) -> list[tuple[str, bool]]:
    """A snippet as (text, highlighted) pieces, for templates that escape each piece."""
    out: list[tuple[str, bool]] = []
    pos = hit["start"]
    text = hit["snippet"]
    for a, b in hit["highlights"]:
        if a > pos:
            out.append((text[pos - hit["start"] : a - hit["start"]], False))
        out.append((text[a - hit["start"] : b - hit["start"]], True))
        pos = b
    out.append((text[pos - hit["start"] :], False))
    return [p for p in out if p[0]]


# -- the relationship dashboard -------------------------------------------------------------------
def top_pairs(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    """Pairs of countries named together in the most documents, most first."""
    rows = store.query(
        "WITH dm AS (SELECT DISTINCT m.doc, m.entity FROM mentions m "
        "JOIN entities e ON e.id = m.entity WHERE e.type = 'country') "
        "SELECT a.entity AS a, b.entity AS b, count(*) AS documents FROM dm a "
        "JOIN dm b ON a.doc = b.doc AND a.entity < b.entity "
        "GROUP BY a.entity, b.entity ORDER BY documents DESC, a.entity, b.entity LIMIT ?",
        (limit,),
    )
    who = names(store, [r["a"] for r in rows] + [r["b"] for r in rows])
    return [{"a": who[r["a"]], "b": who[r["b"]], "documents": r["documents"]} for r in rows]


def pair_documents(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT id, title, published, doc_type FROM documents WHERE id IN "
        "(SELECT doc FROM mentions WHERE entity = ? INTERSECT "
        "SELECT doc FROM mentions WHERE entity = ?) ORDER BY published IS NULL, published, id",
        (a, b),
    )
    return [dict(r) for r in rows]


def _officials(store: Store, states: Sequence[str]) -> dict[str, str]:
    """Person id -> the state they hold a post of, for persons acting for one of ``states``."""
    marks = ",".join("?" * len(states))
    return {
        r["person"]: r["of"]
        for r in store.query(f"SELECT DISTINCT person, of FROM roles WHERE of IN ({marks})", states)
    }


def pair_events(store: Store, a: str, b: str, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Events of documents naming both states in which either state, or one of its officials,
    takes part; sorted by date (undated last)."""
    if not doc_ids:
        return []
    sides = _officials(store, (a, b)) | {a: a, b: b}
    marks = ",".join("?" * len(doc_ids))
    rows = [
        dict(r)
        for r in store.query(
            f"SELECT e.*, d.title AS doc_title FROM events e JOIN documents d ON d.id = e.doc "
            f"WHERE e.doc IN ({marks})",
            list(doc_ids),
        )
    ]
    out = []
    for r in rows:
        parts = json.loads(r["participants"])
        if not any(p in sides for p in parts):
            continue
        r["participants"] = parts
        r["evidence"] = _evidence(r["evidence"])
        out.append(r)
    who = names(
        store,
        [p for r in out for p in r["participants"]] + [r["location"] for r in out if r["location"]],
    )
    for r in out:
        r["participants"] = [who[p] for p in r["participants"]]
        r["location"] = who[r["location"]] if r["location"] else None
    out.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["type"], r["id"]))
    return out


def per_year(items: Iterable[dict[str, Any]], key: str = "date") -> list[tuple[str, float]]:
    """Counts per year with the empty years between filled in, so the bars read as a time axis."""
    counts = Counter(str(i[key])[:4] for i in items if i.get(key))
    if not counts:
        return []
    years = range(int(min(counts)), int(max(counts)) + 1)
    return [(str(y), float(counts.get(str(y), 0))) for y in years]


def _period_key(period: str | None) -> str:
    return period or "undated"


def _conflicting(values: Sequence[float]) -> bool:
    lo, hi = min(values), max(values)
    scale = max(abs(lo), abs(hi))
    return scale > 0 and (hi - lo) / scale > CONFLICT_SHARE


def pair_indicators(store: Store, a: str, b: str, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Each indicator (with its unit) over time, from documents naming both states: the claims
    about either state or about no state in particular. Values for the same indicator and period
    that differ by more than 5% are flagged as conflicting."""
    if not doc_ids:
        return []
    marks = ",".join("?" * len(doc_ids))
    rows = store.query(
        f"SELECT c.*, d.title AS doc_title, d.published AS doc_published FROM claims c "
        f"JOIN documents d ON d.id = c.doc WHERE c.doc IN ({marks})",
        list(doc_ids),
    )
    series: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        subject = json.loads(r["subject"])
        if subject and not {a, b} & set(subject):
            continue
        item = dict(r)
        item["subject"] = subject
        item["evidence"] = _evidence(r["evidence"])
        series[(r["indicator"], r["unit"])].append(item)
    who = names(
        store,
        [s for items in series.values() for it in items for s in it["subject"]]
        + [it["speaker"] for items in series.values() for it in items if it["speaker"]],
    )
    for items in series.values():
        for it in items:
            it["subject"] = [who[s] for s in it["subject"]]
            it["speaker"] = who[it["speaker"]] if it["speaker"] else None
    out = []
    for (indicator, unit), items in sorted(series.items()):
        by_period: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for it in items:
            by_period[_period_key(it["period"])].append(it)
        conflicts = []
        for period, group in by_period.items():
            flagged = len(group) > 1 and _conflicting([g["value"] for g in group])
            for g in group:
                g["conflict"] = flagged
            if flagged:
                conflicts.append(period)
        items.sort(key=lambda i: (i["period"] is None, i["period"] or "", i["value"]))
        out.append(
            {
                "indicator": indicator,
                "unit": unit,
                "values": items,
                "conflicts": sorted(conflicts),
            }
        )
    return out


def pair_agreements(store: Store, a: str, b: str, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Agreements with either state as a party, from the pair's documents or naming both."""
    rows = store.query(
        "SELECT a.*, d.title AS doc_title FROM agreements a JOIN documents d ON d.id = a.doc"
    )
    docs = set(doc_ids)
    out: list[dict[str, Any]] = []
    for r in rows:
        parties = set(json.loads(r["parties"]))
        if (
            {a, b} <= parties
            or (parties & {a, b} and r["doc"] in docs)
            or (not parties and r["doc"] in docs)
        ):
            item = dict(r)
            item["parties"] = json.loads(r["parties"])
            item["evidence"] = _evidence(r["evidence"])
            out.append(item)
    who = names(store, [p for item in out for p in item["parties"]])
    for item in out:
        item["parties"] = [who[p] for p in item["parties"]]
    out.sort(key=lambda i: (i["signed"] is None, i["signed"] or "", i["name"]))
    return out


def shared_organisations(store: Store, a: str, b: str, limit: int = 20) -> list[dict[str, Any]]:
    """Organisations named alongside both states, as a proxy for the bodies both belong to:
    counted in documents naming both, then in documents naming either."""
    rows = store.query(
        "WITH da AS (SELECT DISTINCT doc FROM mentions WHERE entity = ?), "
        "db AS (SELECT DISTINCT doc FROM mentions WHERE entity = ?), "
        "om AS (SELECT DISTINCT m.doc, m.entity FROM mentions m "
        "JOIN entities e ON e.id = m.entity WHERE e.type = 'organization') "
        "SELECT om.entity AS id, "
        "sum(om.doc IN (SELECT doc FROM da) AND om.doc IN (SELECT doc FROM db)) AS both_docs, "
        "sum(om.doc IN (SELECT doc FROM da)) AS a_docs, "
        "sum(om.doc IN (SELECT doc FROM db)) AS b_docs "
        "FROM om GROUP BY om.entity HAVING a_docs > 0 AND b_docs > 0 "
        "ORDER BY both_docs DESC, a_docs + b_docs DESC, om.entity LIMIT ?",
        (a, b, limit),
    )
    who = names(store, [r["id"] for r in rows])
    return [
        {**who[r["id"]], "both": r["both_docs"], "a": r["a_docs"], "b": r["b_docs"]} for r in rows
    ]


def people_posts(
    store: Store, *, person: str | None = None, of: Sequence[str] = ()
) -> list[dict[str, Any]]:
    """People with their posts in date order: one person's, or everyone holding a post of one of
    ``of``. A post is a title at a state or body; its dates are the first and last seen."""
    if person is not None:
        rows = store.query("SELECT * FROM roles WHERE person = ?", (person,))
    else:
        marks = ",".join("?" * len(of))
        rows = store.query(f"SELECT * FROM roles WHERE of IN ({marks})", list(of))
    posts: dict[str, dict[tuple[str, str], dict[str, Any]]] = defaultdict(dict)
    for r in rows:
        post = posts[r["person"]].setdefault(
            (r["title"], r["of"] or ""),
            {"title": r["title"], "of": r["of"], "dates": set(), "evidence": []},
        )
        if r["as_of"]:
            post["dates"].add(r["as_of"])
        post["evidence"].extend(_evidence(r["evidence"])[:1])
    who = names(store, [*posts, *(r["of"] for r in rows if r["of"])])
    out: list[dict[str, Any]] = []
    for pid, held in posts.items():
        items = []
        for post in held.values():
            dates = sorted(post.pop("dates"))
            post["first"] = dates[0] if dates else None
            post["last"] = dates[-1] if dates else None
            post["of"] = who[post["of"]] if post["of"] else None
            items.append(post)
        items.sort(key=lambda p: (p["first"] is None, p["first"] or "", p["title"]))
        out.append({**who[pid], "posts": items})
    out.sort(
        key=lambda p: (
            (p["posts"][0]["of"] or {}).get("id", ""),
            p["posts"][0]["first"] or "",
            p["name"],
        )
    )
    return out


def pair_people(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """People holding a post of either state, each with their posts in date order."""
    return people_posts(store, of=(a, b))


def dashboard(store: Store, a: str, b: str) -> dict[str, Any]:
    """All of the relationship dashboard for states ``a`` and ``b`` (entity ids)."""
    documents = pair_documents(store, a, b)
    doc_ids = [d["id"] for d in documents]
    events = pair_events(store, a, b, doc_ids)
    who = names(store, [a, b])
    return {
        "a": who[a],
        "b": who[b],
        "documents": documents,
        "events_per_year": per_year(events),
        "timeline": [e for e in events if e["type"] in TIMELINE_TYPES],
        "events": events,
        "indicators": pair_indicators(store, a, b, doc_ids),
        "agreements": pair_agreements(store, a, b, doc_ids),
        "organisations": shared_organisations(store, a, b),
        "people": pair_people(store, a, b),
    }


# -- one entity ---------------------------------------------------------------------------------
def entity_page(store: Store, entity_id: str, limit: int = 200) -> dict[str, Any] | None:
    """What the entity page shows: the entity and its aliases, its posts (a person's) or the
    people holding posts of it (a state's or a body's), its events, the entities named with it
    most, and the documents naming it; each list capped at ``limit`` with its full count."""
    ent = store.entity(entity_id)
    if ent is None:
        return None
    events, n_events = events_table(store, entity=entity_id, limit=limit)
    related = store.query(
        "WITH mine AS (SELECT DISTINCT doc FROM mentions WHERE entity = ?) "
        "SELECT m.entity AS id, count(DISTINCT m.doc) AS documents FROM mentions m "
        "WHERE m.doc IN (SELECT doc FROM mine) AND m.entity != ? "
        "GROUP BY m.entity ORDER BY documents DESC, m.entity LIMIT 30",
        (entity_id, entity_id),
    )
    who = names(store, [r["id"] for r in related])
    documents, n_documents = documents_table(
        store, entity=entity_id, sort="-published", limit=limit
    )
    counts = store.query(
        "SELECT (SELECT count(*) FROM mentions WHERE entity = ?), "
        "(SELECT count(*) FROM claims c WHERE EXISTS "
        " (SELECT 1 FROM json_each(c.subject) j WHERE j.value = ?)), "
        "(SELECT count(*) FROM agreements a WHERE EXISTS "
        " (SELECT 1 FROM json_each(a.parties) j WHERE j.value = ?))",
        (entity_id, entity_id, entity_id),
    )[0]
    return {
        "entity": {
            "id": ent.id,
            "type": ent.type,
            "name": ent.name,
            "aliases": [a for a in ent.aliases if a != ent.name],
            "wikidata": ent.wikidata,
            "in_kb": ent.in_kb,
        },
        "posts": people_posts(store, person=entity_id),
        "holders": people_posts(store, of=(entity_id,)) if ent.type != "person" else [],
        "events": events,
        "n_events": n_events,
        "related": [{**who[r["id"]], "documents": r["documents"]} for r in related],
        "documents": documents,
        "n_documents": n_documents,
        "n_mentions": int(counts[0]),
        "n_claims": int(counts[1]),
        "n_agreements": int(counts[2]),
    }


def entities_table(
    store: Store,
    *,
    q: str | None = None,
    type: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Table:
    """Entities by the number of documents naming them, with a name filter."""
    where: list[str] = []
    args: list[Any] = []
    if type:
        where.append("e.type = ?")
        args.append(type)
    if q:
        where.append("(e.name LIKE ? ESCAPE '\\' OR e.aliases LIKE ? ESCAPE '\\')")
        args += [_like(q)] * 2
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(store.query(f"SELECT count(*) FROM entities e{clause}", args)[0][0])
    rows = store.query(
        "SELECT e.id, e.type, e.name, e.aliases, e.wikidata, e.in_kb, "
        "(SELECT count(DISTINCT m.doc) FROM mentions m WHERE m.entity = e.id) AS documents "
        f"FROM entities e{clause} ORDER BY documents DESC, e.name LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    out = []
    for r in rows:
        item = dict(r)
        item["aliases"] = json.loads(r["aliases"])
        out.append(item)
    return out, total


# -- the actor graph -----------------------------------------------------------------------------
def actor_graph(
    store: Store, *, type: str | None = None, entity: str | None = None, limit: int = 60
) -> dict[str, Any]:
    """Entities as nodes (the most mentioned, or one entity and its closest neighbours), joined by
    edges weighted by the documents that name both and the events both take part in."""
    if entity is not None:
        type_clause = "AND e.type = ?" if type else ""
        rows = store.query(
            "WITH mine AS (SELECT DISTINCT doc FROM mentions WHERE entity = ?) "
            "SELECT m.entity AS id, e.name, e.type, count(DISTINCT m.doc) AS documents "
            "FROM mentions m JOIN entities e ON e.id = m.entity "
            f"WHERE m.doc IN (SELECT doc FROM mine) AND m.entity != ? {type_clause} "
            "GROUP BY m.entity ORDER BY documents DESC, m.entity LIMIT ?",
            [entity, entity, *([type] if type else []), limit - 1],
        )
        centre = names(store, [entity])[entity]
        total = store.query("SELECT count(DISTINCT doc) FROM mentions WHERE entity = ?", (entity,))
        nodes = [{**centre, "documents": int(total[0][0])}] + [dict(r) for r in rows]
    else:
        type_clause = "WHERE e.type = ?" if type else ""
        rows = store.query(
            "SELECT m.entity AS id, e.name, e.type, count(DISTINCT m.doc) AS documents "
            f"FROM mentions m JOIN entities e ON e.id = m.entity {type_clause} "
            "GROUP BY m.entity ORDER BY documents DESC, m.entity LIMIT ?",
            [*([type] if type else []), limit],
        )
        nodes = [dict(r) for r in rows]
    ids = [n["id"] for n in nodes]
    if not ids:
        return {"nodes": [], "edges": []}
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
        f"SELECT e.id AS event, j.value AS entity FROM events e, json_each(e.participants) j "
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
    return {"nodes": nodes, "edges": edges}
