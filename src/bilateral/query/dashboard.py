"""The relationship dashboard of two states, and the filtered full-text search of the workbench.

The dashboard gathers, for states ``a`` and ``b``: the documents naming both; their events (a
timeline of meetings, visits and signings, and a count per year); each indicator over time with
values that disagree flagged; the agreements; the organisations both belong to, from the
knowledge base, and those merely named alongside both; and the people holding posts of either.
Everything is a dict ready for JSON or a template, and every item keeps its evidence.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from bilateral.kb import KnowledgeBase
from bilateral.kb.vocabulary import event_types
from bilateral.query.filters import Where, names
from bilateral.query.profiles import people_posts
from bilateral.query.records import AGREEMENTS, CLAIMS, EVENTS
from bilateral.query.statements import said_about
from bilateral.store import Store

CONFLICT_SHARE = 0.05  # two values for one indicator and period conflict past 5% apart
# The names the claims stage gives a sum or a percentage when no cue word says what it measures
# (extract/claims/indicators.py): a series of them would join unrelated figures.
VAGUE_INDICATORS = frozenset({"percentage", "amount"})


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
    """Pairs of countries named together in the most documents, most first.

    Counted here rather than by a self-join in SQL: the join grows with the square of the
    countries per document (a UN speech names dozens), the count with the pairs only."""
    rows = store.query(
        "SELECT DISTINCT m.doc, m.entity FROM mentions m "
        "JOIN entities e ON e.id = m.entity WHERE e.type = 'country' ORDER BY m.doc, m.entity"
    )
    counts: Counter[tuple[str, str]] = Counter()
    for _, group in itertools.groupby(rows, key=lambda r: r["doc"]):
        counts.update(itertools.combinations([r["entity"] for r in group], 2))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    who = names(store, [x for (a, b), _ in ranked for x in (a, b)])
    return [{"a": who[a], "b": who[b], "documents": n} for (a, b), n in ranked]


def pair_documents(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    rows = store.query(
        "SELECT id, title, published, doc_type FROM documents WHERE id IN "
        "(SELECT doc FROM mentions WHERE entity = ? INTERSECT "
        "SELECT doc FROM mentions WHERE entity = ?) ORDER BY published IS NULL, published, id",
        (a, b),
    )
    return [dict(r) for r in rows]


def _officials(store: Store, states: Sequence[str]) -> set[str]:
    """The persons holding a post of one of ``states``."""
    marks = ",".join("?" * len(states))
    return {
        r["person"]
        for r in store.query(f"SELECT DISTINCT person FROM roles WHERE of IN ({marks})", states)
    }


def pair_events(store: Store, a: str, b: str, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Events reported by documents naming both states in which either state, or one of its
    officials, takes part, each once however many documents report it; sorted by date
    (undated last)."""
    if not doc_ids:
        return []
    sides = {a, b} | _officials(store, (a, b))
    where = Where().holds("e.documents", *doc_ids).holds("e.participants", *sides)
    events = EVENTS.rows(store, where)
    events.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["type"], e["id"]))
    return events


def year_range(years: Sequence[int]) -> tuple[int, int] | None:
    """The span of years an axis should show: the data's own range, without the outliers. A
    relationship reported in 2016-2020 whose documents recall one event of 1852 would otherwise
    get 170 empty bars. Years far outside the middle half (more than three times its width, and
    at least five years, beyond it) are left out."""
    if not years:
        return None
    ordered = sorted(years)
    q1, q3 = ordered[len(ordered) // 4], ordered[(3 * len(ordered)) // 4]
    reach = max(5, 3 * (q3 - q1))
    inside = [y for y in ordered if q1 - reach <= y <= q3 + reach]
    return inside[0], inside[-1]


def per_year(items: Iterable[dict[str, Any]], key: str = "date") -> list[tuple[str, float]]:
    """Counts per year with the empty years between filled in, so the bars read as a time axis;
    the axis spans the data's range without its outliers (``year_range``)."""
    counts = Counter(
        int(str(i[key])[:4]) for i in items if i.get(key) and str(i[key])[:4].isdigit()
    )
    span = year_range(list(counts.elements()))
    if span is None:
        return []
    return [(str(y), float(counts.get(y, 0))) for y in range(span[0], span[1] + 1)]


def _when(claim: dict[str, Any]) -> tuple[str, str]:
    """A value's place in time, as (sort key, label): the period it is about, else the date of
    the document stating it ("as of"), else undated, last."""
    if claim["period"]:
        return claim["period"], claim["period"]
    if claim.get("doc_published"):
        return claim["doc_published"], f"as of {claim['doc_published']}"
    return "\uffff", "undated"


def _quote_key(claim: dict[str, Any]) -> tuple[str, int] | None:
    ev = claim["evidence"][0] if claim["evidence"] else None
    return (ev["doc"], ev["start"]) if ev else None


def _conflicting(values: Sequence[float]) -> bool:
    lo, hi = min(values), max(values)
    scale = max(abs(lo), abs(hi))
    return scale > 0 and (hi - lo) / scale > CONFLICT_SHARE


def pair_indicators(store: Store, a: str, b: str, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Each indicator over time, one series per indicator, unit and subject, from documents
    naming both states: the claims about either state or about no state in particular. A value
    without a stated period stands at its document's date. Values of one series that state the
    same period, from different sentences, and differ by more than 5% are flagged as
    conflicting: one sentence giving two figures ("74,000 students, 30,000 of them on grants")
    counts two things, figures without a period may be about different times, and figures
    about different subjects (Kazakhstan's GDP, Russia's) are different things."""
    if not doc_ids:
        return []
    series: dict[tuple[str, str, tuple[str, ...]], list[dict[str, Any]]] = defaultdict(list)
    for claim in CLAIMS.rows(store, Where().among("c.doc", doc_ids)):
        about = tuple(sorted({s["id"] for s in claim["subject"]}))
        if not about or set(about) & {a, b}:
            series[(claim["indicator"], claim["unit"], about)].append(claim)
    out = []
    for (indicator, unit, about), items in sorted(series.items()):
        by_period: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for it in items:
            it["when"] = _when(it)[1]
            it["conflict"] = False
            if it["period"]:
                by_period[it["period"]].append(it)
        conflicts = []
        for period, group in by_period.items():
            for g in group:
                g["conflict"] = any(
                    _quote_key(g) != _quote_key(h) and _conflicting([g["value"], h["value"]])
                    for h in group
                )
            if any(g["conflict"] for g in group):
                conflicts.append(period)
        items.sort(key=lambda i: (_when(i)[0], i["value"]))
        out.append(
            {
                "indicator": indicator,
                "unit": unit,
                "subject": items[0]["subject"],
                # Worth a chart over time: about one or both of the pair and nothing else, of
                # a named measure. The rest ("Africans" about four states and a committee)
                # are listed, not drawn as if they were one quantity changing.
                "charted": bool(about)
                and set(about) <= {a, b}
                and indicator not in VAGUE_INDICATORS,
                "values": items,
                "conflicts": sorted(conflicts),
            }
        )
    return out


def pair_agreements(store: Store, a: str, b: str, doc_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Agreements with both states as parties, and those of the pair's documents with either
    state, or no state, as a party; signed first in date order."""
    party = "EXISTS (SELECT 1 FROM json_each(a.parties) j WHERE j.value = ?)"
    where = Where().add(
        f"(({party} AND {party}) OR (a.doc IN (SELECT value FROM json_each(?)) "
        f"AND (json_array_length(a.parties) = 0 OR {party} OR {party})))",
        a,
        b,
        json.dumps(list(doc_ids)),
        a,
        b,
    )
    return AGREEMENTS.rows(store, where)


def shared_organisations(store: Store, a: str, b: str, limit: int = 20) -> list[dict[str, Any]]:
    """Organisations named alongside both states (not necessarily bodies both belong to): in
    how many documents with ``a``, with ``b`` and with both, the last count first."""
    rows = store.query(
        "WITH da AS (SELECT DISTINCT doc FROM mentions WHERE entity = ?), "
        "db AS (SELECT DISTINCT doc FROM mentions WHERE entity = ?), "
        "om AS (SELECT DISTINCT m.doc, m.entity FROM mentions m "
        "JOIN entities e ON e.id = m.entity WHERE e.type = 'organization'), "
        # Counted as CASE sums in a table of their own: both stores then sum and filter them.
        "counted AS (SELECT om.entity AS id, "
        "sum(CASE WHEN om.doc IN (SELECT doc FROM da) AND om.doc IN (SELECT doc FROM db) "
        "THEN 1 ELSE 0 END) AS both_docs, "
        "sum(CASE WHEN om.doc IN (SELECT doc FROM da) THEN 1 ELSE 0 END) AS a_docs, "
        "sum(CASE WHEN om.doc IN (SELECT doc FROM db) THEN 1 ELSE 0 END) AS b_docs "
        "FROM om GROUP BY om.entity) "
        "SELECT id, both_docs, a_docs, b_docs FROM counted WHERE a_docs > 0 AND b_docs > 0 "
        "ORDER BY both_docs DESC, a_docs + b_docs DESC, id LIMIT ?",
        (a, b, limit),
    )
    who = names(store, [r["id"] for r in rows])
    return [
        {**who[r["id"]], "both": r["both_docs"], "a": r["a_docs"], "b": r["b_docs"]} for r in rows
    ]


def memberships(
    store: Store, kb: KnowledgeBase, a: str, b: str, doc_ids: Sequence[str], as_of: str | None
) -> list[dict[str, Any]]:
    """The organisations both states belong to on ``as_of`` (None: today), by the knowledge
    base's member lists and their join and leave dates; each with the number of the pair's
    documents that name it, and whether the record has it at all (so it can be linked)."""
    orgs = {m.org for m in kb.memberships(a, as_of)} & {m.org for m in kb.memberships(b, as_of)}
    wanted = json.dumps(sorted(orgs))
    documents = {
        r["entity"]: int(r["n"])
        for r in store.query(
            "SELECT entity, count(DISTINCT doc) AS n FROM mentions "
            "WHERE entity IN (SELECT value FROM json_each(?)) "
            "AND doc IN (SELECT value FROM json_each(?)) GROUP BY entity",
            (wanted, json.dumps(list(doc_ids))),
        )
    }
    known = {
        r["id"]
        for r in store.query(
            "SELECT id FROM entities WHERE id IN (SELECT value FROM json_each(?))", (wanted,)
        )
    }
    ranked = sorted(orgs, key=lambda org: (-documents.get(org, 0), kb.entities[org].name))
    return [
        {
            "id": org,
            "name": kb.entities[org].name,
            "in_record": org in known,
            "documents": documents.get(org, 0),
        }
        for org in ranked
    ]


def pair_people(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """People holding a post of either state, each with their posts in date order."""
    return people_posts(store, of=(a, b))


SAID = 10  # positions shown each way; the positions table has them all


def dashboard(store: Store, a: str, b: str, kb: KnowledgeBase) -> dict[str, Any]:
    """All of the relationship dashboard for states ``a`` and ``b`` (entity ids). Shared
    memberships are those in force at the end of the period the documents cover."""
    documents = pair_documents(store, a, b)
    doc_ids = [d["id"] for d in documents]
    as_of = max((d["published"] for d in documents if d["published"]), default=None)
    events = pair_events(store, a, b, doc_ids)
    # The timeline shows the interactions, as event_types.yaml marks them: not addresses.
    shown = event_types().on_timeline
    who = names(store, [a, b])
    return {
        "a": who[a],
        "b": who[b],
        "documents": documents,
        "events_per_year": per_year(events),
        "timeline": [e for e in events if e["type"] in shown],
        "events": events,
        "indicators": pair_indicators(store, a, b, doc_ids),
        "agreements": pair_agreements(store, a, b, doc_ids),
        "as_of": as_of,
        "memberships": memberships(store, kb, a, b, doc_ids, as_of),
        "organisations": shared_organisations(store, a, b),
        "people": pair_people(store, a, b),
        # What each said about the other: "what Russia said about Kazakhstan".
        "said": {
            "a_about_b": said_about(store, a, b, SAID),
            "b_about_a": said_about(store, b, a, SAID),
        },
    }
