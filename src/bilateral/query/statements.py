"""What states say and promise, as listings: positions (who takes which stance towards whom,
about what), the plan tracker (what is due, its status, which later document fulfilled it, what
is overdue) and what one state said about another. The API, the pages, the dashboard, the
dossier and ``ask`` read them from here.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from bilateral.query.filters import Listing, Where, check_date
from bilateral.query.records import find_entity
from bilateral.store import Store

_DOC = "d.title AS doc_title, d.published AS doc_published"


def _entity(store: Store, ref: str | None) -> str | None:
    """An entity id from an id or a name; a name not in the record stays itself (and so
    matches nothing)."""
    if not ref:
        return None
    return find_entity(store, ref) or ref


def side(store: Store, entity: str) -> list[str]:
    """An entity and, for a state, the persons the documents say hold its posts: what that state
    says is said by its ministers and presidents too."""
    rows = store.query("SELECT DISTINCT person FROM roles WHERE of = ? ORDER BY person", (entity,))
    return [entity, *(r["person"] for r in rows if r["person"] != entity)]


# -- positions ------------------------------------------------------------------------------------
POSITIONS = Listing(
    "SELECT p.id, p.doc, p.holder, p.stance, p.target, p.topic, p.evidence, "
    f"{_DOC} FROM positions p JOIN documents d ON d.id = p.doc",
    {
        "date": "d.published",
        "holder": "p.holder",
        "stance": "p.stance",
        "target": "p.target",
        "topic": "p.topic",
    },
    "date",
    "p.doc, p.rowid",
    singles=("holder", "target"),
)


def position_filter(
    store: Store,
    *,
    q: str | None = None,
    holder: str | None = None,
    target: str | None = None,
    stance: str | None = None,
    topic: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> Where:
    """``holder`` and ``target`` are entity ids or names; a state's holder includes those who
    hold its posts. Dates are the documents'."""
    where = (
        Where()
        .contains(("p.topic", "p.evidence"), q)
        .equals("p.stance", stance)
        .contains(("p.topic",), topic)
        .dates(
            "d.published",
            check_date(date_from, "from"),
            check_date(date_to, "to"),
        )
    )
    holder_id, target_id = _entity(store, holder), _entity(store, target)
    if holder_id:
        where.among("p.holder", side(store, holder_id))
    if target_id:
        where.among("p.target", side(store, target_id))
    return where


def said_about(store: Store, a: str, b: str, limit: int | None = 20) -> dict[str, Any]:
    """What ``a`` (a state or anyone holding its posts) said about ``b``: positions of a's side
    whose target is b's side, by date (``items``, at most ``limit``), and how many in all."""
    where = Where().among("p.holder", side(store, a)).among("p.target", side(store, b))
    return {
        "items": POSITIONS.rows(store, where, limit=limit),
        "total": POSITIONS.count(store, where),
    }


# -- the plan tracker -----------------------------------------------------------------------------
def today() -> str:
    return dt.date.today().isoformat()


def _fulfilled(column: str = "p.id") -> str:
    return (
        "EXISTS (SELECT 1 FROM links l WHERE l.relation = 'fulfils' "
        f"AND (l.from_item = {column} OR l.to_item = {column}))"
    )


def _overdue(as_of: str) -> tuple[str, list[Any]]:
    # A due date is past when the period it names is over: "2026" only once 2026 is.
    return (
        f"(p.due IS NOT NULL AND p.status != 'done' AND NOT {_fulfilled()} "
        "AND p.due < substr(?, 1, length(p.due)))",
        [as_of],
    )


def _plans_finish(store: Store, items: list[dict[str, Any]], as_of: str) -> None:
    """Each plan's links: the later documents that fulfil, postpone or restate it (and the
    earlier ones it restates), with the tracker's state."""
    ids = [i["id"] for i in items]
    rows = store.query(
        "SELECT l.*, df.title AS from_title, df.published AS from_published, "
        "dt.title AS to_title, dt.published AS to_published FROM links l "
        "JOIN documents df ON df.id = l.from_doc JOIN documents dt ON dt.id = l.to_doc "
        "WHERE l.from_item IN (SELECT value FROM json_each(?)) "
        "OR l.to_item IN (SELECT value FROM json_each(?)) ORDER BY dt.published, l.id",
        (json.dumps(ids), json.dumps(ids)),
    )
    by_item: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for r in rows:
        for mine, other in (("from", "to"), ("to", "from")):
            if r[f"{mine}_item"] in by_item:
                by_item[r[f"{mine}_item"]].append(
                    {
                        "relation": r["relation"],
                        "direction": "later" if mine == "from" else "earlier",
                        "doc": r[f"{other}_doc"],
                        "doc_title": r[f"{other}_title"],
                        "doc_published": r[f"{other}_published"],
                        "kind": r[f"{other}_kind"],
                        "item": r[f"{other}_item"],
                        "evidence": json.loads(r[f"{other}_evidence"]),
                    }
                )
    for item in items:
        links = by_item[item["id"]]
        item["links"] = links
        item["fulfilled_by"] = [
            link for link in links if link["relation"] == "fulfils" and link["direction"] == "later"
        ]
        item["postponed_by"] = [
            link
            for link in links
            if link["relation"] == "postpones" and link["direction"] == "later"
        ]
        due = item["due"]
        item["overdue"] = bool(
            due
            and item["status"] != "done"
            and not item["fulfilled_by"]
            and due < as_of[: len(due)]
        )
        item["state"] = (
            "fulfilled"
            if item["fulfilled_by"] or item["status"] == "done"
            else "overdue"
            if item["overdue"]
            else "postponed"
            if item["postponed_by"]
            else item["status"]
        )


def plans_listing(as_of: str | None = None) -> Listing:
    """The plans as a listing, each with its links and ``overdue`` as of a date (today unless
    given)."""
    when = check_date(as_of, "as_of") or today()
    return Listing(
        "SELECT p.id, p.doc, p.holders, p.action, p.due, p.status, p.evidence, "
        f"{_DOC} FROM plans p JOIN documents d ON d.id = p.doc",
        {"due": "p.due", "status": "p.status", "action": "p.action", "doc": "d.published"},
        "due",
        "p.doc, p.rowid",
        lists=("holders",),
        finish=lambda store, items: _plans_finish(store, items, when),
    )


def plan_filter(
    store: Store,
    *,
    q: str | None = None,
    holder: str | None = None,
    status: str | None = None,
    state: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    as_of: str | None = None,
) -> Where:
    """``status`` as extracted (planned, under_way, done); ``state`` as tracked: fulfilled (a
    later document says it was done), overdue (due date past, nothing says it was done) or
    open. Dates are the plans' due dates."""
    where = (
        Where()
        .contains(("p.action", "p.evidence"), q)
        .equals("p.status", status)
        .dates("p.due", check_date(date_from, "from"), check_date(date_to, "to"))
    )
    holder_id = _entity(store, holder)
    if holder_id:
        where.holds("p.holders", *side(store, holder_id))
    if state == "fulfilled":
        where.add(f"(p.status = 'done' OR {_fulfilled()})")
    elif state == "overdue":
        clause, args = _overdue(check_date(as_of, "as_of") or today())
        where.add(clause, *args)
    elif state == "open":
        where.add(f"(p.status != 'done' AND NOT {_fulfilled()})")
    return where
