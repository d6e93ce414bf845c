"""The analyst workbench as an ASGI app: HTML pages, a read-only JSON API, downloads.

What holds the app together lives here: one SQLite connection per request (the store is opened
and closed around each handler, which is cheap and safe with WAL), the Jinja2 environment with
autoescape on for every template, the request-size limit, security headers, and error handlers
that answer with one short line and never a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from bilateral.query.errors import QueryError
from bilateral.store import Store, StoreError
from bilateral.web import api, pages
from bilateral.web.state import WebConfig, config

log = logging.getLogger("bilateral.web")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Scripts and styles only from our own static folder: a document that smuggles markup past the
# escaping still cannot run anything. Inline SVG charts use attributes, not style=.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def _error(request: Request, status: int, message: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    cfg = config(request)
    body = cfg.templates.get_template("error.html").render(
        status=status, message=message, request=request
    )
    return HTMLResponse(body, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        response = _error(request, exc.status_code, str(exc.detail))
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return _error(request, 400, _validation_message(exc))

    async def query_error(request: Request, exc: Exception) -> Response:
        return _error(request, 400, str(exc))

    async def store_error(request: Request, exc: Exception) -> Response:
        log.error("store: %s", exc)
        return _error(request, 503, "the database cannot be read; see the server log")

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        return _error(request, 500, "internal error; the server log has the details")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(QueryError, query_error)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(Exception, server_error)


class LimitsMiddleware:
    """Refuses request bodies past ``max_body`` (413) and adds the security headers.

    The body is read up to the limit before the app sees it, so a client that lies in (or
    leaves out) Content-Length is stopped too.
    """

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send_with_headers)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await _too_large(send_with_headers, self.max_body)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await _too_large(send_with_headers, self.max_body)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)


async def _too_large(send: Send, limit: int) -> None:
    message = f"request body too large: the limit is {limit} bytes"
    body = json.dumps({"error": message, "status": 413}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _templates() -> Environment:
    folder = Path(str(resources.files("bilateral.web") / "templates"))
    env = Environment(
        loader=FileSystemLoader(folder),
        autoescape=select_autoescape(enabled_extensions=("html", "svg"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from bilateral.charts import human

    env.filters["human"] = human
    return env


def create_app(db_path: str, token: str | None = None, max_body: int = 5_000_000) -> FastAPI:
    """The workbench over the database at ``db_path``.

    ``token`` enables POST /api/documents for clients that send ``Authorization: Bearer
    <token>``; without one the API is read-only. Bodies past ``max_body`` bytes get a 413.
    """
    # Open once now so that a wrong file fails at start-up, not on the first request.
    Store(db_path).close()
    cfg = WebConfig(db_path=db_path, token=token or None, max_body=max_body, templates=_templates())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        api.warm_search(cfg)
        yield
        cfg.close()

    app = FastAPI(
        lifespan=lifespan,
        title="bilateral",
        summary="A cited, queryable record of relations between states.",
        version="0.1.0",
        docs_url=None,  # the interactive docs load scripts from a CDN; /openapi.json stays
        redoc_url=None,
        debug=False,
    )
    app.state.bilateral = cfg
    _install_error_handlers(app)
    app.openapi = lambda: _openapi_without_422(app)  # type: ignore[method-assign]
    static = Path(str(resources.files("bilateral.web") / "static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.include_router(api.router)
    app.include_router(api.downloads)
    app.include_router(pages.router)
    app.add_middleware(LimitsMiddleware, max_body=max_body)
    return app


def _openapi_without_422(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document as the server behaves: invalid parameters get a 400 with a reason
    (see _install_error_handlers), so FastAPI's default 422 entries would document a lie."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            routes=app.routes,
        )
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                operation.get("responses", {}).pop("422", None)
        for name in ("HTTPValidationError", "ValidationError"):
            schema.get("components", {}).get("schemas", {}).pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema


def app_from_environment() -> FastAPI:
    """The workbench configured from the settings' environment variables (BILATERAL_DB,
    BILATERAL_TOKEN, BILATERAL_MAX_BODY): the factory each server process calls when
    `bilateral serve --workers N` runs several."""
    from bilateral.settings import setting

    return create_app(
        setting("db").value() or "bilateral.db",
        token=setting("token").value(),
        max_body=int(setting("max_body").value() or "5000000"),
    )
