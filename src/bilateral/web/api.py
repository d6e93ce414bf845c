"""The JSON API under /api: read-only over the record, paged, every item with its evidence.

Lists answer ``{"total", "limit", "offset", "next", "previous", "items"}`` (web/schemas.py);
``limit`` is capped at MAX_LIMIT. The one write, POST /api/documents, is off unless the server
was given a token; it stores the text at once and extracts in the background (202, with the URL
of the document's extraction status). Downloads of the whole
record (/download/...) are here too: they are the API's bulk form.
"""

from __future__ import annotations

import dataclasses
import hmac
import importlib
import json
import logging
import tempfile
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from bilateral.query import dashboard as dash
from bilateral.query import profiles, records, statements
from bilateral.query.complete import MAX_SUGGESTIONS
from bilateral.query.crosslang import bilingual_entities
from bilateral.query.documents import DOCUMENTS
from bilateral.query.filters import Listing
from bilateral.query.graph import actor_graph
from bilateral.query.question import MAX_QUESTION
from bilateral.query.search import MAX_QUERY, best_passage, search_documents
from bilateral.store import Store
from bilateral.web.params import (
    AgreementQuery,
    ClaimQuery,
    DateFrom,
    DateTo,
    DocumentQuery,
    EntityQuery,
    EntityType,
    EventQuery,
    Offset,
    PlanQuery,
    PositionQuery,
    TableQuery,
    Text,
    dates,
    document_filters,
)
from bilateral.web.schemas import (
    AgreementItem,
    ClaimItem,
    DocumentItem,
    EntityItem,
    EventItem,
    LinkItem,
    Page,
    PlanItem,
    PositionItem,
    SearchHitItem,
    Suggestions,
)
from bilateral.web.state import WebConfig, completion_index, config, get_store, knowledge_base

log = logging.getLogger("bilateral.web")

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


class ErrorBody(BaseModel):
    error: str = Field(description="what was wrong, in one line")
    status: int


# Every error is {"error", "status"}: a bad parameter is a 400 with its reason (never FastAPI's
# 422 list), something asked for and not in the record a 404.
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "a parameter that cannot be used, and why"},
    404: {"model": ErrorBody, "description": "not in the record"},
}
router = APIRouter(prefix="/api", tags=["record"], responses=ERRORS)
# Downloads are links a browser follows: their errors are pages, like the other pages'.
downloads = APIRouter(
    tags=["downloads"],
    responses={404: {"description": "no such download", "content": {"text/html": {}}}},
)

StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"at most {MAX_LIMIT}")]


class NewDocument(BaseModel):
    text: str = Field(min_length=1, description="the document's text (plain text or Markdown)")
    title: str | None = Field(default=None, max_length=1000)
    date: str | None = Field(default=None, max_length=40, description="publication date")
    source: str | None = Field(default=None, max_length=2000, description="URL or name")


def page(
    request: Request, items: list[dict[str, Any]], total: int, limit: int, offset: int
) -> dict[str, Any]:
    """A page of a list, with the links to its neighbours: the request's own URL (its filters
    and sort kept) at the next and previous offsets."""
    url = request.url
    after = offset + limit
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": str(url.include_query_params(offset=after)) if after < total else None,
        "previous": (
            str(url.include_query_params(offset=max(0, offset - limit))) if offset > 0 else None
        ),
        "items": items,
    }


def table(
    request: Request, store: Store, listing: Listing, query: TableQuery, limit: int, offset: int
) -> dict[str, Any]:
    return page(
        request,
        *listing.page(store, query.checked().where, query.sort, limit, offset),
        limit,
        offset,
    )


# -- documents and search -----------------------------------------------------------------------
@router.get("/documents", response_model=Page[DocumentItem])
def list_documents(
    request: Request,
    store: StoreDep,
    query: DocumentQuery,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stored documents (metadata only), filtered and sorted (published, title, type, ...);
    ``entity`` repeated: the documents naming all of them."""
    return table(request, store, DOCUMENTS, query, limit, offset)


def _record_of(store: Store, doc_id: str) -> dict[str, Any]:
    ex = store.load_extraction(doc_id)
    return {
        "stages": list(ex.stages),
        "entities": [dataclasses.asdict(e) for e in ex.entities],
        "mentions": [dataclasses.asdict(m) for m in ex.mentions],
        "times": [dataclasses.asdict(t) for t in ex.times],
        "roles": [dataclasses.asdict(r) for r in ex.roles],
        "events": [dataclasses.asdict(e) for e in ex.events],
        "agreements": [dataclasses.asdict(a) for a in ex.agreements],
        "claims": [dataclasses.asdict(c) for c in ex.claims],
    }


@router.get("/documents/{doc_id}")
def get_document(store: StoreDep, doc_id: str) -> dict[str, Any]:
    """One document: metadata, clean text, segments with offsets, and everything extracted."""
    from bilateral.query.documents import document_view

    view = document_view(store, doc_id)
    if view is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    view["record"] = _record_of(store, doc_id)
    view["extraction"] = extraction_status(store, doc_id)
    return view


def warm_search(cfg: WebConfig) -> None:
    """What a server process's first searches would otherwise build while their callers wait
    (the entities named in both scripts, the Russian morphology, the passage patterns), built as
    the process starts: a first Cyrillic query cost a quarter of a second, and every request
    queued behind it on that process waited as long."""
    store = cfg.acquire_store()
    try:
        bilingual = cfg.cached("bilingual", lambda: bilingual_entities(store))
        for query in ("trade", "торговля"):
            search_documents(store, query, limit=1, bilingual=bilingual)
        best_passage("Trade grew. Торговля выросла.", '{"sentences": []}', ("trade", "торговля"))
    except Exception as exc:  # a warm-up only: the requests report what fails, as before
        logging.getLogger(__name__).warning("search warm-up failed: %s", exc)
    finally:
        cfg.release_store(store)


@router.get("/search", response_model=Page[SearchHitItem])
async def search(
    store: StoreDep,
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description="the search query")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Offset = 0,
    type: Text = None,
    publisher: Text = None,
    language: Text = None,
    entity: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> JSONResponse:
    """Full-text search: words, "phrases", AND/OR/NOT, prefix*; best passage with term offsets."""
    # The same checks and names as the search page's filters (params.document_filters).
    filters = document_filters(
        store, type, publisher, language, [entity] if entity else None, date_from, date_to
    )
    cfg = config(request)
    bilingual = cfg.cached("bilingual", lambda: bilingual_entities(store))
    items, total = cfg.cached(
        ("search", q, tuple(filters.items()), limit, offset),
        lambda: search_documents(
            store, q, **filters, limit=limit, offset=offset, bilingual=bilingual
        ),
    )
    # Plain dicts of str/int/float straight to JSON: validating them against Page again costs
    # a tenth of a fresh query's time. The response_model still documents the shape.
    return JSONResponse(page(request, items, total, limit, offset))


# -- entities, timeline, graph -----------------------------------------------------------------
@router.get("/entities", response_model=Page[EntityItem])
def list_entities(
    request: Request,
    store: StoreDep,
    query: EntityQuery,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Entities of the record (persons, countries, organizations, places), most named first."""
    where = query.checked().where
    return page(request, *records.entities_table(store, where, limit, offset), limit, offset)


@router.get("/entities/{entity_id:path}")
def get_entity(store: StoreDep, entity_id: str) -> dict[str, Any]:
    """One entity: aliases, posts over time (its own, or those held at it), events, related
    entities, documents."""
    profile = profiles.entity_page(store, entity_id)
    if profile is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    return profile


def _known(store: Store, ref: str | None) -> str | None:
    """The id of the entity ``ref`` names (an id, a name or an alias), None for none; 404 when
    the record has no such entity."""
    if not ref:
        return None
    found = records.find_entity(store, ref)
    if found is None:
        raise HTTPException(404, f"no entity {ref!r}")
    return found


@router.get("/complete", response_model=Suggestions)
def complete(
    store: StoreDep,
    request: Request,
    q: Annotated[str, Query(max_length=200, description="part of a name, any case")] = "",
    type: EntityType = None,
    limit: Annotated[int, Query(ge=1, le=MAX_SUGGESTIONS)] = 10,
) -> JSONResponse:
    """Entities whose name or alias (English, Russian ...) has a word starting with ``q``, for
    the pickers: exact names first, then by the documents naming them. Each suggestion's ``id``
    or ``name`` goes in any entity parameter (``entity``, ``subject``, ``party`` ...)."""
    index = completion_index(request, store)
    return JSONResponse({"items": index.complete(q, type=type or None, limit=limit)})


@router.get("/timeline")
def timeline(
    store: StoreDep,
    entity: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> dict[str, Any]:
    """Dated items (events, agreements, posts, claims) in date order, for one entity or all."""
    f, t = dates(date_from, date_to)
    entity = _known(store, entity)
    items = records.timeline(store, entity=entity, date_from=f, date_to=t)
    return {"entity": entity, "from": f, "to": t, "total": len(items), "items": items}


@router.get("/graph")
def graph(
    store: StoreDep,
    request: Request,
    type: EntityType = None,
    entity: Text = None,
    limit: Annotated[int, Query(ge=2, le=300, description="entities considered")] = 60,
    ties: Annotated[
        int | None,
        Query(ge=1, le=5000, description="keep only this many of the strongest edges"),
    ] = None,
) -> dict[str, Any]:
    """The actor graph: entities as nodes, edges weighted by shared documents and events;
    ``entity`` an id or a name; with ``ties``, the strongest edges only and the entities they
    join (``total_edges``: how many there were)."""
    entity = _known(store, entity)
    graph: dict[str, Any] = config(request).cached(
        ("graph", type, entity, limit, ties),
        lambda: actor_graph(
            store, type=type or None, entity=entity or None, limit=limit, ties=ties
        ),
    )
    return graph


@router.get("/pairs")
def pairs(store: StoreDep, request: Request) -> dict[str, Any]:
    """Pairs of countries named together in the most documents."""
    items = config(request).cached("pairs", lambda: dash.top_pairs(store, limit=20))
    return {"items": items}


@router.get("/dashboard")
def relationship(
    store: StoreDep,
    request: Request,
    a: Annotated[str, Query(min_length=1)],
    b: Annotated[str, Query(min_length=1)],
) -> dict[str, Any]:
    """The relationship of two states: events, indicators (conflicts flagged), agreements,
    the organisations both belong to (``memberships``, as of ``as_of``, the last document's
    date) and those named with both (``organisations``), and officials."""
    for ref in (a, b):
        if store.entity(ref) is None:
            raise HTTPException(404, f"no entity {ref!r}")
    kb = knowledge_base(request)
    board: dict[str, Any] = config(request).cached(
        ("dashboard", a, b), lambda: dash.dashboard(store, a, b, kb)
    )
    return board


# -- the tables ---------------------------------------------------------------------------------
@router.get("/events", response_model=Page[EventItem])
def events(
    request: Request,
    store: StoreDep,
    query: EventQuery,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events (meetings, visits, calls, signings ...) with participants, PLOVER/CAMEO codes;
    sorted by date, type, status or doc (its document's date)."""
    return table(request, store, records.EVENTS, query, limit, offset)


@router.get("/claims", response_model=Page[ClaimItem])
def claims(
    request: Request,
    store: StoreDep,
    query: ClaimQuery,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Quantitative claims: indicator, value, unit, period, subject, speaker."""
    return table(request, store, records.CLAIMS, query, limit, offset)


@router.get("/agreements", response_model=Page[AgreementItem])
def agreements(
    request: Request,
    store: StoreDep,
    query: AgreementQuery,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Agreements named in the documents, with parties and signing dates."""
    return table(request, store, records.AGREEMENTS, query, limit, offset)


@router.get("/positions", response_model=Page[PositionItem])
def positions(
    request: Request,
    store: StoreDep,
    query: PositionQuery,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """What states say: holder, stance, target, topic, with the sentence. ``holder`` and
    ``target`` take an entity id or a name; a state's include the holders of its posts. Dates
    are the documents'."""
    return table(request, store, statements.POSITIONS, query, limit, offset)


@router.get("/plans", response_model=Page[PlanItem])
def plans(
    request: Request,
    store: StoreDep,
    query: PlanQuery,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The plan tracker: what holders undertake, when it is due, its status, the later
    documents that fulfil, postpone or restate it (``links``, ``fulfilled_by``), whether it is
    ``overdue`` (``as_of`` today unless given) and its tracked ``state``. Dates filter the due
    date."""
    return table(request, store, statements.plans_listing(query.as_of), query, limit, offset)


@router.get("/links", response_model=Page[LinkItem])
def links(
    request: Request,
    store: StoreDep,
    doc: Text = None,
    item: Text = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Links between a plan (or a proposal) and what a later document says of it: relation
    (fulfils, postpones, restates) and the two passages; only those touching a document or an
    item when asked."""
    found = [
        {
            "id": link.id,
            "relation": link.relation,
            "from": link.from_evidence.as_dict(),
            "to": link.to_evidence.as_dict(),
            "from_kind": link.from_kind,
            "from_item": link.from_item,
            "to_kind": link.to_kind,
            "to_item": link.to_item,
            "terms": list(link.terms),
        }
        for link in store.links(doc=doc or None, item=item or None)
    ]
    return page(request, found[offset : offset + limit], len(found), limit, offset)


# -- questions ------------------------------------------------------------------------------------
@router.get("/ask")
def ask(
    store: StoreDep,
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUESTION, description="a question")],
) -> dict[str, Any]:
    """A cited answer from the record ("who was Kazakhstan's foreign minister in June 2020")."""
    try:
        answer = importlib.import_module("bilateral.query.answer")
        kb_module = importlib.import_module("bilateral.kb")
        # The knowledge base takes a while to load: once per server, not per question.
        kb = config(request).resource("kb", kb_module.load_kb)
    except ModuleNotFoundError as exc:
        raise HTTPException(501, f"questions are not available: {exc.name} is missing") from None
    except (ImportError, AttributeError) as exc:
        raise HTTPException(501, f"questions are not available: {exc}") from None
    result: dict[str, Any] = answer.ask(store, q, kb=kb)
    return {"question": q, **result}


# -- the one write --------------------------------------------------------------------------------
def require_token(request: Request) -> None:
    token = config(request).token
    if token is None:
        raise HTTPException(
            403, "adding documents is off: start the server with BILATERAL_TOKEN set"
        )
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip(), token):
        raise HTTPException(
            401,
            "missing or wrong token: send Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )


def extraction_status(store: Store, doc_id: str) -> dict[str, Any]:
    """Where a document's extraction stands: ``pending`` (none stored yet: queued after a POST,
    or stored text-only; ``bilateral extract --stale`` runs it), ``done``, or ``incomplete`` (its
    time budget ran out; ``skipped`` names the stages still to run)."""
    rows = store.query("SELECT stages, skipped FROM extractions WHERE doc=?", (doc_id,))
    if not rows:
        return {"status": "pending", "stages": [], "skipped": []}
    stages, skipped = json.loads(rows[0][0]), json.loads(rows[0][1] or "[]")
    return {"status": "incomplete" if skipped else "done", "stages": stages, "skipped": skipped}


def _where(doc_id: str) -> dict[str, str]:
    return {
        "url": f"/documents/{doc_id}",
        "api": f"/api/documents/{doc_id}",
        "status_url": f"/api/documents/{doc_id}/status",
    }


@router.get("/documents/{doc_id}/status")
def document_status(store: StoreDep, doc_id: str) -> dict[str, Any]:
    """Whether a document's extraction is ``pending``, ``done`` or ``incomplete``."""
    if not store.has_document(doc_id):
        raise HTTPException(404, f"no document {doc_id!r}")
    return {"id": doc_id, **extraction_status(store, doc_id), **_where(doc_id)}


@router.post(
    "/documents",
    status_code=202,
    dependencies=[Depends(require_token)],
    responses={
        200: {"description": "already stored: its extraction status"},
        201: {"description": "stored as text only (extract=false)"},
        202: {"description": "stored; the extraction runs in the background (see status_url)"},
    },
)
def add_document(
    store: StoreDep,
    request: Request,
    body: NewDocument,
    background: BackgroundTasks,
    extract: Annotated[bool, Query(description="run extraction (false: text only)")] = True,
) -> JSONResponse:
    """Add one document (needs the server's token): cleaned, segmented and stored at once; the
    extraction runs after the answer (202), whose ``status_url`` says when it is done. A
    document's extraction can take tens of seconds: a client should not wait on the request."""
    from bilateral.ingest import IngestError, RawDocument, build_document
    from bilateral.ingest.identity import fingerprint
    from bilateral.workflow import NearDuplicateIndex

    raw = RawDocument(
        source=body.source or "api",
        text=body.text,
        format="text",
        title=body.title,
        date=body.date,
    )
    try:
        doc = build_document(raw)
    except IngestError as exc:
        raise HTTPException(400, exc.reason) from None
    near: list[tuple[str, int]] = []
    added = False
    if not store.has_document(doc.id):
        fp = fingerprint(doc.text)
        near = [(o, d) for o, d in NearDuplicateIndex(store.fingerprints()).near(fp) if o != doc.id]
        added = store.add_document(doc, fp, None, near)
    status = extraction_status(store, doc.id)
    queued = extract and status["status"] == "pending"
    if queued:
        background.add_task(_extract_later, config(request), doc.id)
    answer: dict[str, Any] = {
        "id": doc.id,
        "added": added,
        "extraction": "pending" if queued else (status["status"] if extract else "not asked"),
        **_where(doc.id),
        "near_duplicates": [{"doc": o, "distance": d} for o, d in near],
    }
    code = 202 if queued else 201 if added else 200
    return JSONResponse(answer, status_code=code, headers={"Location": answer["status_url"]})


def _pipeline_context(cfg: WebConfig) -> Any:
    """The pipeline's context (knowledge base, spaCy), built once per server process."""
    from bilateral.context import Context
    from bilateral.kb import load_kb

    return cfg.resource("pipeline", lambda: Context(kb=load_kb()))


def _extract_later(cfg: WebConfig, doc_id: str) -> None:
    """The extraction of a posted document, after the answer was sent: one at a time per server
    process (the pipeline's context is shared, and a core is all it should take), with the
    per-document time budget, in a store of its own."""
    from bilateral.pipeline import default_budget, run

    ctx = _pipeline_context(cfg)
    lock = cfg.resource("extract_lock", threading.Lock)
    with lock:
        store = Store(cfg.db_path)
        try:
            doc = store.get_document(doc_id)
            if doc is None or store.has_extraction(doc_id):
                return
            store.save_extraction(run(doc, ctx, budget=default_budget()))
        except Exception:
            log.exception("extraction of %s failed; `bilateral extract %s` retries", doc_id, doc_id)
        finally:
            store.close()


# -- downloads ------------------------------------------------------------------------------------
CSV_TABLES = ("events", "merged_events", "claims", "agreements", "roles", "entities")


def _export(store: Store, name: str) -> FileResponse:
    try:
        export = importlib.import_module("bilateral.export")
        plover = importlib.import_module("bilateral.plover")
    except ModuleNotFoundError as exc:
        raise HTTPException(501, f"downloads are not available: {exc.name} is missing") from None
    tmp = tempfile.TemporaryDirectory(prefix="bilateral-")
    folder = Path(tmp.name)
    if name == "export.jsonl":
        path = folder / name
        export.export_jsonl(store, path)
        media = "application/x-ndjson"
    elif name in {"events.plover.jsonl", "events.merged.plover.jsonl"}:
        path = folder / name
        plover.export_plover(store, path, merged=name == "events.merged.plover.jsonl")
        media = "application/x-ndjson"
    elif name == "graph.graphml":
        path = folder / name
        export.export_graphml(store, path)
        media = "application/graphml+xml"
    else:
        export.export_csv(store, folder)
        path = folder / name
        media = "text/csv; charset=utf-8"
    if not path.is_file():
        tmp.cleanup()
        raise HTTPException(404, f"the export wrote no {name}")
    return FileResponse(
        path, media_type=media, filename=name, background=BackgroundTask(tmp.cleanup)
    )


@downloads.get("/download/{name}")
def download(store: StoreDep, name: str) -> FileResponse:
    """The whole record: export.jsonl, {events,merged_events,claims,agreements,roles,entities}.csv,
    events.plover.jsonl (PLOVER, one line per report), events.merged.plover.jsonl (one per
    merged event), graph.graphml."""
    allowed = (
        {"export.jsonl", "events.plover.jsonl", "events.merged.plover.jsonl"}
        | {"graph.graphml"}
        | {f"{t}.csv" for t in CSV_TABLES}
    )
    if name not in allowed:
        raise HTTPException(404, f"no download {name!r}: see /downloads")
    return _export(store, name)
