"""The server's state as the handlers reach it: ``WebConfig`` travels on ``app.state`` (no module
globals), and the FastAPI dependencies that read it (the config, the knowledge base, a store per
request). Both routers and the app import it; it imports neither.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from jinja2 import Environment

from bilateral.kb import KnowledgeBase, load_kb
from bilateral.query.complete import CompletionIndex
from bilateral.store import Store


@dataclass
class WebConfig:
    """What the handlers need, passed through ``app.state`` rather than module globals."""

    db_path: str
    token: str | None
    max_body: int
    templates: Environment
    cache_size: int = 1024
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _resources: dict[str, Any] = field(default_factory=dict)
    _results: OrderedDict[Hashable, tuple[object, Any]] = field(default_factory=OrderedDict)
    _watch: Store | None = None
    _idle: list[Store] = field(default_factory=list)
    pool_size: int = 16

    def resource(self, key: str, build: Callable[[], Any]) -> Any:
        """Something built once per server and kept (the knowledge base, the pipeline)."""
        with self._lock:
            if key in self._resources:
                return self._resources[key]
        value = build()
        with self._lock:
            return self._resources.setdefault(key, value)

    def cached(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """A query result kept until the database changes, the least recently used dropped
        first. Searches that rank most of the corpus cost tens of milliseconds; analysts page,
        filter and come back to the same query. Callers must not modify what they get."""
        version = self.data_version()
        with self._lock:
            hit = self._results.get(key)
            if hit is not None and hit[0] == version:
                self._results.move_to_end(key)
                return hit[1]
        value = build()
        with self._lock:
            self._results[key] = (version, value)
            self._results.move_to_end(key)
            while len(self._results) > self.cache_size:
                self._results.popitem(last=False)
        return value

    def data_version(self) -> str:
        """Changes whenever another connection commits, read on one connection kept open for
        the purpose; it never writes (``Store.data_version``)."""
        with self._lock:
            if self._watch is None:
                self._watch = Store(self.db_path)
            return self._watch.data_version()

    def acquire_store(self) -> Store:
        """An open store for one request: connections are kept between requests, since opening
        one (and checking its schema) costs more than a simple query."""
        with self._lock:
            if self._idle:
                return self._idle.pop()
        return Store(self.db_path)

    def release_store(self, store: Store) -> None:
        with self._lock:
            if not store.in_transaction and len(self._idle) < self.pool_size:
                self._idle.append(store)
                return
        store.close()

    def close(self) -> None:
        with self._lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None
            for store in self._idle:
                store.close()
            self._idle.clear()


def config(request: Request) -> WebConfig:
    cfg: WebConfig = request.app.state.bilateral
    return cfg


def knowledge_base(request: Request) -> KnowledgeBase:
    """The knowledge base, loaded on first use and kept for the server's life."""
    kb: KnowledgeBase = config(request).resource("kb", load_kb)
    return kb


def completion_index(request: Request, store: Store) -> CompletionIndex:
    """The names the pickers complete, built once per data version (also for /api/complete)."""
    index: CompletionIndex = config(request).cached(
        "completion", lambda: CompletionIndex.build(store)
    )
    return index


async def get_store(request: Request) -> AsyncIterator[Store]:
    """A FastAPI dependency: a store of its own for this request, back to the pool after it.

    Async on purpose: taking a pooled connection costs less than the two trips to the thread
    pool a sync generator dependency costs."""
    cfg = config(request)
    store = cfg.acquire_store()
    try:
        yield store
    finally:
        cfg.release_store(store)
