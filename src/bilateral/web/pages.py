"""The HTML pages: server-rendered from the same queries as the API, every string escaped.

Document text is untrusted input. It reaches a page only as Jinja2 expressions with autoescape
on, in pieces cut at the offsets of what was extracted; the facts for the hover panel travel as
a JSON data block written with ``tojson`` (which escapes <, > and &), never as markup.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from bilateral import charts
from bilateral.query import dashboard as dash
from bilateral.query import profiles, records, statements
from bilateral.query.documents import DOCUMENTS
from bilateral.query.errors import QueryError
from bilateral.query.filters import Listing
from bilateral.query.search import search_documents
from bilateral.store import Store
from bilateral.web.highlight import facts_of, pieces
from bilateral.web.params import (
    AgreementQuery,
    ClaimQuery,
    DateFrom,
    DateTo,
    DocumentQuery,
    Entities,
    EntityQuery,
    EntityType,
    EventQuery,
    PlanQuery,
    PositionQuery,
    TableQuery,
    Text,
    document_filters,
)
from bilateral.web.state import completion_index, config, get_store, knowledge_base

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
PER_PAGE = 50


def render(
    request: Request, template: str, store: Store | None = None, status: int = 200, **context: Any
) -> HTMLResponse:
    """A page; with ``store``, the entity ids among its parameters are shown by name in the
    pickers (``labels``); ``status`` 4xx when the page says what was wrong with the request."""
    env = config(request).templates
    labels = entity_labels(store, request) if store is not None else {}
    body = env.get_template(template).render(
        request=request,
        url_with=lambda **kw: url_with(request, **kw),
        labels=labels,
        **context,
    )
    return HTMLResponse(body, status_code=status)


# The parameters that name an entity: a picker shows them by name and completes what is typed.
ENTITY_PARAMS = ("entity", "subject", "party", "holder", "target", "a", "b")


def entity_labels(store: Store, request: Request) -> dict[str, str]:
    """For each entity id among the request's entity parameters, the name a picker shows in
    its place: one that finds the same entity again when the form is sent (an ambiguous name
    keeps the id)."""
    out: dict[str, str] = {}
    for key, value in request.query_params.multi_items():
        if key in ENTITY_PARAMS and value not in out and ":" in value:
            out[value] = _label(store, value)
    return out


def url_with(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None drops one); page resets to 1
    whenever anything but the page changes. A repeated parameter (entity) keeps its values."""
    changed = {k.rstrip("_"): v for k, v in changes.items()}
    changed.setdefault("page", None)
    params: list[tuple[str, str]] = []
    placed: set[str] = set()
    # A changed parameter takes the place of its first value, or goes last if it is new.
    for key, value in [*request.query_params.multi_items(), *changed.items()]:
        if key not in changed:
            params.append((key, value))
        elif key not in placed:
            placed.add(key)
            if changed[key] is not None and changed[key] != "":
                params.append((key, str(changed[key])))
    query = urlencode(params)
    return request.url.path + ("?" + query if query else "")


def doc_link(evidence: dict[str, Any]) -> str:
    """The document at an evidence's offsets, scrolled to and marked there."""
    return (
        f"/documents/{evidence['doc']}?start={int(evidence['start'])}"
        f"&end={int(evidence['end'])}#target"
    )


@dataclass
class Pager:
    page: int
    per_page: int
    total: int
    pages: int = field(init=False)

    def __post_init__(self) -> None:
        self.pages = max(1, math.ceil(self.total / self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def first(self) -> int:
        return min(self.total, self.offset + 1)

    @property
    def last(self) -> int:
        return min(self.total, self.offset + self.per_page)


def facets(request: Request, store: Store) -> dict[str, list[str]]:
    """The filter menus' values: a scan of the documents table, so kept until the data changes."""
    out: dict[str, list[str]] = config(request).cached("facets", lambda: records.facets(store))
    return out


def _table(
    request: Request,
    store: Store,
    template: str,
    listing: Listing,
    query: TableQuery,
    page: int,
    default_sort: str,
) -> HTMLResponse:
    """One page of a filtered, sortable table; a parameter it cannot use is said above the form
    (which keeps what was typed), with a 400."""
    if query.error is None:
        rows, total = listing.page(store, query.where, query.sort, PER_PAGE, (page - 1) * PER_PAGE)
    else:
        rows, total = [], 0
    return render(
        request,
        template,
        store=store,
        status=200 if query.error is None else 400,
        error=query.error,
        rows=rows,
        pager=Pager(page, PER_PAGE, total),
        facets=facets(request, store),
        params=request.query_params,
        sort=query.sort or default_sort,
        doc_link=doc_link,
    )


def _resolve(store: Store, ref: str) -> str:
    """An entity id from an id or a name ("Kazakhstan")."""
    found = records.find_entity(store, ref)
    if found is None:
        raise HTTPException(404, f"no entity {ref!r} in the record")
    return found


# -- dashboard ------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def home(
    request: Request, store: StoreDep, a: Text = None, b: Text = None, q: Text = None
) -> HTMLResponse:
    """The relationship dashboard of states ``a`` and ``b`` (ids or names; by default the pair
    named together most). A state the record does not know, or the same state twice, is said
    inside the page, above the pickers holding what was typed, with a 404 or a 400."""
    pairs: list[dict[str, Any]] = config(request).cached(
        "pairs", lambda: dash.top_pairs(store, limit=20)
    )
    countries = completion_index(request, store).every(type="country")
    if not a or not b:
        if not pairs:
            return render(request, "dashboard.html", board=None, pairs=[], countries=[])
        a, b = a or pairs[0]["a"]["id"], b or pairs[0]["b"]["id"]
    ida, idb = records.find_entity(store, a.strip()), records.find_entity(store, b.strip())
    error, status = None, 200
    unknown = [ref for ref, found in ((a, ida), (b, idb)) if found is None]
    if unknown:
        error, status = f"no entity {unknown[0].strip()!r} in the record", 404
    elif ida == idb:
        error, status = "pick two different states", 400
    if error is not None or ida is None or idb is None:
        return render(
            request,
            "dashboard.html",
            status=status,
            error=error,
            board=None,
            typed={"a": a, "b": b},
            pairs=pairs,
            countries=countries,
        )
    kb = knowledge_base(request)
    board = config(request).cached(
        ("dashboard", ida, idb), lambda: dash.dashboard(store, ida, idb, kb)
    )
    year_chart = charts.bars(board["events_per_year"], "events per year")
    shown = summary(board)
    indicator_charts = []
    for series in shown["indicators"]:
        points = [
            charts.Point(
                label=v["when"],
                value=float(v["value"]),
                title=_claim_title(v, series["unit"]),
                href=doc_link(v["evidence"][0]) if v["evidence"] else None,
                flagged=bool(v["conflict"]),
            )
            for v in series["values"]
        ]
        title = f"{series['indicator']} ({series['unit']})"
        indicator_charts.append({**series, "chart": charts.line(points, title)})
    asked = _ask(request, store, q) if q and q.strip() else None
    return render(
        request,
        "dashboard.html",
        asked=asked,
        board=board,
        typed={"a": _label(store, ida), "b": _label(store, idb)},
        shown=shown,
        year_chart=year_chart,
        indicators=indicator_charts,
        pairs=pairs,
        countries=countries,
        doc_link=doc_link,
    )


def _label(store: Store, entity_id: str) -> str:
    """What a picker shows for an entity: its name when the name finds it again, else its id."""
    found = store.entity(entity_id)
    if found is not None and records.find_entity(store, found.name) == entity_id:
        return found.name
    return entity_id


# How much of a relationship the dashboard shows before it points to the full tables: a pair
# of states with hundreds of documents would otherwise make a page of megabytes.
SHOWN = {
    "timeline": 60,
    "indicators": 12,
    "values": 12,
    "figures": 40,
    "agreements": 40,
    "documents": 40,
    "people": 40,
}


def summary(board: dict[str, Any]) -> dict[str, Any]:
    """The parts of the dashboard a page shows, and how many there are in all.

    The timeline keeps its latest dated items (undated ones only when room is left); indicators,
    the most reported; agreements, the signed ones first; documents, the latest.
    """
    timeline = board["timeline"]
    dated = [e for e in timeline if e["date"]]
    latest = dated[-SHOWN["timeline"] :]
    room = SHOWN["timeline"] - len(latest)
    undated = [e for e in timeline if not e["date"]][:room] if room > 0 else []
    # Charts only for series of a named measure about a named state; the others are listed.
    indicators = sorted(
        board["indicators"], key=lambda s: (not s["charted"], -len(s["values"]), s["indicator"])
    )
    # A chart over time needs two dated times at least: a series of one figure (or of figures
    # all at one time, or undated) is rows of the table of single figures instead.
    over_time = [
        s
        for s in indicators
        if s["charted"] and len({v.get("when") for v in s["values"]} - {"undated"}) > 1
    ]
    charted = over_time[: SHOWN["indicators"]]
    shown_indicators = [{**s, "table": s["values"][-SHOWN["values"] :]} for s in charted]
    single = [s for s in indicators if s["charted"] and s not in over_time]
    agreements = sorted(board["agreements"], key=lambda a: (a["signed"] is None, a["signed"] or ""))
    documents = board["documents"]
    return {
        "timeline": latest + undated,
        "indicators": shown_indicators,
        "figures": [{**s, "value": v} for s in single for v in s["values"]][: SHOWN["figures"]],
        "more_indicators": [s for s in indicators if s not in charted and s not in single],
        "agreements": agreements[: SHOWN["agreements"]],
        "documents": list(reversed(documents))[: SHOWN["documents"]],
        "people": board["people"][: SHOWN["people"]],
        "totals": {k: len(board[k]) for k in ("timeline", "agreements", "documents", "people")},
    }


_REF = re.compile(r"\[(\d+)\]")


def _ask(request: Request, store: Store, question: str) -> dict[str, Any]:
    """The answer to a question asked on the dashboard, as pieces for the template: text, and
    citation marks that link to the sentence they cite."""
    from bilateral.query.answer import ask

    kb = knowledge_base(request)
    result: dict[str, Any] = config(request).cached(
        ("ask", question.strip()), lambda: ask(store, question, kb=kb)
    )
    pieces: list[tuple[str, int | None]] = []
    at = 0
    for m in _REF.finditer(result["answer"]):
        n = int(m.group(1))
        if not 1 <= n <= len(result["citations"]):
            continue
        pieces.append((result["answer"][at : m.start()], None))
        pieces.append((m.group(0), n))
        at = m.end()
    pieces.append((result["answer"][at:], None))
    return {"question": question.strip(), "pieces": pieces, **result}


def _claim_title(v: dict[str, Any], unit: str) -> str:
    qual = f"{v['qualifier']} " if v.get("qualifier") else ""
    period = v.get("when") or v.get("period") or "undated"
    flag = " — conflicts with another value for this period" if v.get("conflict") else ""
    source = v.get("doc_title") or v.get("doc")
    return f"{qual}{charts.compact(float(v['value']))} {unit}, {period}; source: {source}{flag}"


# -- documents ------------------------------------------------------------------------------------
@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request, store: StoreDep, query: DocumentQuery, page: PageNo = 1
) -> HTMLResponse:
    return _table(request, store, "documents.html", DOCUMENTS, query, page, "published")


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(
    request: Request,
    store: StoreDep,
    doc_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> HTMLResponse:
    from bilateral.query.documents import document_view

    view = document_view(store, doc_id)
    if view is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    ex = store.load_extraction(doc_id)
    facts = facts_of(store, ex)
    target = (start, end) if start is not None and end is not None and start < end else None
    parts = pieces(view["text"], facts, view["turns"], target)
    counts = Counter(f["kind"] for f in facts)
    panel = [{k: v for k, v in f.items() if k != "spans"} for f in facts]
    return render(
        request,
        "document.html",
        doc=view,
        pieces=parts,
        facts=panel,
        counts=dict(counts),
        stages=list(ex.stages),
    )


# -- entities -------------------------------------------------------------------------------------
@router.get("/entities", response_class=HTMLResponse)
def entities(
    request: Request,
    store: StoreDep,
    query: EntityQuery,
    page: PageNo = 1,
    type: EntityType = None,
) -> HTMLResponse:
    offset = (page - 1) * PER_PAGE
    rows, total = config(request).cached(
        ("entities", query.where.key, offset),
        lambda: records.entities_table(store, query.where, PER_PAGE, offset),
    )
    return render(
        request,
        "entities.html",
        rows=rows,
        pager=Pager(page, PER_PAGE, total),
        type=type or "",
        params=request.query_params,
    )


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity(request: Request, store: StoreDep, entity_id: str) -> HTMLResponse:
    profile = profiles.entity_page(store, entity_id)
    if profile is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return render(request, "entity.html", p=profile, doc_link=doc_link)


# -- search ---------------------------------------------------------------------------------------
@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: StoreDep,
    q: Text = None,
    page: PageNo = 1,
    type: Text = None,
    publisher: Text = None,
    language: Text = None,
    entity: Entities = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> HTMLResponse:
    """The search page. A query or filter it cannot use is said inside the page, above the
    form that holds what was typed, with a 400: the analyst corrects it there."""
    hits: list[dict[str, Any]] = []
    pager = Pager(page, 20, 0)
    error = None
    try:
        filters = document_filters(store, type, publisher, language, entity, date_from, date_to)
        if q:
            found, total = config(request).cached(
                ("search page", q, tuple(filters.items()), page),
                lambda: search_documents(store, q, **filters, limit=20, offset=(page - 1) * 20),
            )
            pager = Pager(page, 20, total)
            hits = [{**h, "pieces": dash.split_snippet(h)} for h in found]
    except QueryError as exc:
        error = str(exc)
    response = render(
        request,
        "search.html",
        store=store,
        q=q or "",
        hits=hits,
        pager=pager,
        error=error,
        facets=facets(request, store),
        params=request.query_params,
    )
    if error is not None:
        response.status_code = 400
    return response


# -- tables ---------------------------------------------------------------------------------------
@router.get("/events", response_class=HTMLResponse)
def events(request: Request, store: StoreDep, query: EventQuery, page: PageNo = 1) -> HTMLResponse:
    return _table(request, store, "events.html", records.EVENTS, query, page, "date")


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, store: StoreDep, query: ClaimQuery, page: PageNo = 1) -> HTMLResponse:
    return _table(request, store, "claims.html", records.CLAIMS, query, page, "indicator")


@router.get("/agreements", response_class=HTMLResponse)
def agreements(
    request: Request, store: StoreDep, query: AgreementQuery, page: PageNo = 1
) -> HTMLResponse:
    return _table(request, store, "agreements.html", records.AGREEMENTS, query, page, "signed")


@router.get("/positions", response_class=HTMLResponse)
def positions(
    request: Request, store: StoreDep, query: PositionQuery, page: PageNo = 1
) -> HTMLResponse:
    return _table(request, store, "positions.html", statements.POSITIONS, query, page, "date")


@router.get("/plans", response_class=HTMLResponse)
def plans(request: Request, store: StoreDep, query: PlanQuery, page: PageNo = 1) -> HTMLResponse:
    listing = statements.plans_listing(query.as_of)
    return _table(request, store, "plans.html", listing, query, page, "due")


# -- graph and downloads --------------------------------------------------------------------------
GRAPH_TIES = (10, 20, 40, 80, 160)  # the choices of the graph page's "strongest ties" control


@router.get("/graph", response_class=HTMLResponse)
def graph(
    request: Request,
    store: StoreDep,
    type: EntityType = None,
    entity: Text = None,
    ties: Annotated[int, Query(ge=1, le=1000)] = 40,
) -> HTMLResponse:
    """The actor graph page: the ``ties`` strongest ties, around ``entity`` (an id or a name)
    if given. An entity the record does not know is said inside the page, with a 404."""
    found = records.find_entity(store, entity.strip()) if entity and entity.strip() else None
    error = None
    if entity and entity.strip() and found is None:
        error = f"no entity {entity.strip()!r} in the record"
    return render(
        request,
        "graph.html",
        store=store,
        status=404 if error else 200,
        error=error,
        type=type or "",
        entity=found or "",
        typed=_label(store, found) if found else (entity or ""),
        ties=ties,
        choices=sorted({*GRAPH_TIES, ties}),
    )


@router.get("/downloads", response_class=HTMLResponse)
def downloads_page(request: Request, store: StoreDep) -> HTMLResponse:
    counts = {
        table: int(store.query(f"SELECT count(*) FROM {table}")[0][0])
        for table in ("documents", "entities", "events", "claims", "agreements", "roles")
    }
    return render(request, "downloads.html", counts=counts)
