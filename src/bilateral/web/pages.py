"""The HTML pages: server-rendered from the same queries as the API, every string escaped.

Document text is untrusted input. It reaches a page only as Jinja2 expressions with autoescape
on, in pieces cut at the offsets of what was extracted; the facts for the hover panel travel as
a JSON data block written with ``tojson`` (which escapes <, > and &), never as markup.
"""

from __future__ import annotations

import importlib
import itertools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from bilateral.model import Extraction
from bilateral.query import dashboard as dash
from bilateral.store import Store
from bilateral.web import charts
from bilateral.web.app import config, get_store

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
Text = Annotated[str | None, Query(max_length=500)]
DateFrom = Annotated[str | None, Query(alias="from")]
DateTo = Annotated[str | None, Query(alias="to")]
PER_PAGE = 50


def render(request: Request, template: str, **context: Any) -> HTMLResponse:
    env = config(request).templates
    body = env.get_template(template).render(
        request=request, url_with=lambda **kw: url_with(request, **kw), **context
    )
    return HTMLResponse(body)


def url_with(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None drops one); page resets to 1
    whenever anything but the page changes."""
    params = dict(request.query_params)
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        key = key.rstrip("_")
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
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
    out: dict[str, list[str]] = config(request).cached("facets", lambda: dash.facets(store))
    return out


def _records() -> Any:
    return importlib.import_module("bilateral.query.records")


def _resolve(store: Store, ref: str) -> str:
    """An entity id from an id or a name ("Kazakhstan")."""
    if store.entity(ref) is not None:
        return ref
    try:
        found = _records().find_entity(store, ref)
    except ImportError:
        rows = store.query("SELECT id FROM entities WHERE name = ? COLLATE NOCASE LIMIT 1", (ref,))
        found = rows[0][0] if rows else None
    if found is None:
        raise HTTPException(404, f"no entity {ref!r} in the record")
    return str(found)


# -- dashboard ------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, a: Text = None, b: Text = None) -> HTMLResponse:
    pairs: list[dict[str, Any]] = config(request).cached(
        "pairs", lambda: dash.top_pairs(store, limit=20)
    )
    if not a or not b:
        if not pairs:
            return render(request, "dashboard.html", board=None, pairs=[], countries=[])
        a, b = a or pairs[0]["a"]["id"], b or pairs[0]["b"]["id"]
    ida, idb = _resolve(store, a), _resolve(store, b)
    if ida == idb:
        raise HTTPException(400, "pick two different states")
    board = config(request).cached(("dashboard", ida, idb), lambda: dash.dashboard(store, ida, idb))
    year_chart = charts.bars(board["events_per_year"], "events per year")
    indicator_charts = []
    for series in board["indicators"]:
        points = [
            charts.Point(
                label=v["period"] or "undated",
                value=float(v["value"]),
                title=_claim_title(v, series["unit"]),
                href=doc_link(v["evidence"][0]) if v["evidence"] else None,
                flagged=bool(v["conflict"]),
            )
            for v in series["values"]
        ]
        title = f"{series['indicator']} ({series['unit']})"
        indicator_charts.append({**series, "chart": charts.line(points, title)})
    countries = [
        dict(r)
        for r in store.query(
            "SELECT e.id, e.name FROM entities e WHERE e.type = 'country' ORDER BY e.name"
        )
    ]
    return render(
        request,
        "dashboard.html",
        board=board,
        year_chart=year_chart,
        indicators=indicator_charts,
        pairs=pairs,
        countries=countries,
        doc_link=doc_link,
    )


def _claim_title(v: dict[str, Any], unit: str) -> str:
    qual = f"{v['qualifier']} " if v.get("qualifier") else ""
    period = v.get("period") or "undated"
    flag = " — conflicts with another value for this period" if v.get("conflict") else ""
    source = v.get("doc_title") or v.get("doc")
    return f"{qual}{charts.compact(float(v['value']))} {unit}, {period}; source: {source}{flag}"


# -- documents ------------------------------------------------------------------------------------
@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request,
    store: StoreDep,
    page: PageNo = 1,
    q: Text = None,
    type: Text = None,
    publisher: Text = None,
    language: Text = None,
    entity: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    sort: Text = None,
) -> HTMLResponse:
    f = dash.check_date(date_from, "from")
    t = dash.check_date(date_to, "to")
    args: dict[str, Any] = dict(
        q=q,
        doc_type=type,
        date_from=f,
        date_to=t,
        publisher=publisher,
        language=language,
        entity=entity,
        sort=sort,
    )
    rows, total = dash.documents_table(store, **args, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    pager = Pager(page, PER_PAGE, total)
    return render(
        request,
        "documents.html",
        rows=rows,
        pager=pager,
        facets=facets(request, store),
        params=request.query_params,
        sort=sort or "published",
    )


@dataclass
class Piece:
    """A run of text with the same highlighted items over it."""

    text: str
    kinds: str = ""  # CSS classes, e.g. "k-mention k-claim"
    facts: str = ""  # space-separated fact ids
    target: bool = False
    anchor: str | None = None  # id of the first piece of the linked span
    turn: dict[str, Any] | None = None  # a speaker turn starts here


def _facts(store: Store, ex: Extraction) -> list[dict[str, Any]]:
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
    who = dash.names(store, ids)

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
    facts = _facts(store, ex)
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
    page: PageNo = 1,
    q: Text = None,
    type: Annotated[str | None, Query(pattern="^(person|country|organization|place)?$")] = None,
) -> HTMLResponse:
    offset = (page - 1) * PER_PAGE
    rows, total = config(request).cached(
        ("entities", q, type, offset),
        lambda: dash.entities_table(store, q=q, type=type or None, limit=PER_PAGE, offset=offset),
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
    profile = dash.entity_page(store, entity_id)
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
    entity: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> HTMLResponse:
    f = dash.check_date(date_from, "from")
    t = dash.check_date(date_to, "to")
    hits: list[dict[str, Any]] = []
    pager = Pager(page, 20, 0)
    if q:
        filters = (type, f, t, publisher, language, entity)
        found, total = config(request).cached(
            ("search", q, filters, 20, (page - 1) * 20),
            lambda: dash.search_documents(
                store,
                q,
                doc_type=type,
                date_from=f,
                date_to=t,
                publisher=publisher,
                language=language,
                entity=entity,
                limit=20,
                offset=(page - 1) * 20,
            ),
        )
        pager = Pager(page, 20, total)
        hits = [{**h, "pieces": dash.split_snippet(h)} for h in found]
    return render(
        request,
        "search.html",
        q=q or "",
        hits=hits,
        pager=pager,
        facets=facets(request, store),
        params=request.query_params,
    )


# -- tables ---------------------------------------------------------------------------------------
@router.get("/events", response_class=HTMLResponse)
def events(
    request: Request,
    store: StoreDep,
    page: PageNo = 1,
    q: Text = None,
    type: Text = None,
    status: Annotated[str | None, Query(pattern="^(occurred|planned)?$")] = None,
    entity: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    sort: Text = None,
) -> HTMLResponse:
    args: dict[str, Any] = dict(
        q=q,
        type=type,
        status=status or None,
        entity=entity,
        date_from=dash.check_date(date_from, "from"),
        date_to=dash.check_date(date_to, "to"),
        sort=sort,
    )
    rows, total = dash.events_table(store, **args, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    pager = Pager(page, PER_PAGE, total)
    return render(
        request,
        "events.html",
        rows=rows,
        pager=pager,
        facets=facets(request, store),
        params=request.query_params,
        sort=sort or "date",
        doc_link=doc_link,
    )


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request,
    store: StoreDep,
    page: PageNo = 1,
    q: Text = None,
    indicator: Text = None,
    subject: Text = None,
    sort: Text = None,
) -> HTMLResponse:
    args: dict[str, Any] = dict(q=q, indicator=indicator, subject=subject, sort=sort)
    rows, total = dash.claims_table(store, **args, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    pager = Pager(page, PER_PAGE, total)
    return render(
        request,
        "claims.html",
        rows=rows,
        pager=pager,
        facets=facets(request, store),
        params=request.query_params,
        sort=sort or "indicator",
        doc_link=doc_link,
    )


@router.get("/agreements", response_class=HTMLResponse)
def agreements(
    request: Request,
    store: StoreDep,
    page: PageNo = 1,
    q: Text = None,
    type: Text = None,
    party: Text = None,
    sort: Text = None,
) -> HTMLResponse:
    args: dict[str, Any] = dict(q=q, type=type, party=party, sort=sort)
    rows, total = dash.agreements_table(store, **args, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    pager = Pager(page, PER_PAGE, total)
    return render(
        request,
        "agreements.html",
        rows=rows,
        pager=pager,
        facets=facets(request, store),
        params=request.query_params,
        sort=sort or "signed",
        doc_link=doc_link,
    )


# -- graph and downloads --------------------------------------------------------------------------
@router.get("/graph", response_class=HTMLResponse)
def graph(
    request: Request,
    type: Annotated[str | None, Query(pattern="^(person|country|organization|place)?$")] = None,
    entity: Text = None,
) -> HTMLResponse:
    return render(request, "graph.html", type=type or "", entity=entity or "")


@router.get("/downloads", response_class=HTMLResponse)
def downloads_page(request: Request, store: StoreDep) -> HTMLResponse:
    counts = {
        table: int(store.query(f"SELECT count(*) FROM {table}")[0][0])
        for table in ("documents", "entities", "events", "claims", "agreements", "roles")
    }
    return render(request, "downloads.html", counts=counts)
