"""The main job: read inputs, build documents, extract, store. And re-extraction of stored ones.

Reading and extraction are CPU-bound and independent per document, so they run in worker
processes, here or on a dask.distributed cluster (``cluster.py``); the parent alone writes (one
writer, a transaction per batch of documents, in input order), which keeps every stored document
whole whenever the run is killed and makes the record the same however many workers read it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import multiprocessing as mp
import os
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO, TypeVar

from bilateral.ingest import (
    IngestError,
    Item,
    JsonLine,
    RawDocument,
    build_document,
    build_unsplit,
    read_items,
    read_paths,
)
from bilateral.ingest.identity import NEAR_DUPLICATE_BITS, fingerprint, hamming
from bilateral.model import Document, Extraction
from bilateral.store import DocumentRow, Store, document_row

if TYPE_CHECKING:
    from dask.distributed import Client


T = TypeVar("T")
R = TypeVar("R")


def _bands(n: int) -> tuple[tuple[int, int], ...]:
    """64 bits cut into n bands as (shift, width), widths differing by one at most."""
    widths = [64 // n + (i < 64 % n) for i in range(n)]
    return tuple((sum(widths[:i]), w) for i, w in enumerate(widths))


# Two prints within NEAR_DUPLICATE_BITS differ in at most that many bands: one more band than
# that guarantees a band they share exactly, where the index finds them.
_BANDS = _bands(NEAR_DUPLICATE_BITS + 1)
_BAND_MASKS = tuple((band, shift, (1 << width) - 1) for band, (shift, width) in enumerate(_BANDS))


@dataclass
class IngestSummary:
    read: int = 0
    added: int = 0
    existing: int = 0
    chars: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    near_duplicates: list[tuple[str, str, int]] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        mb = self.chars / 1e6
        rate = mb / self.seconds if self.seconds else 0.0
        parts = [
            f"{self.read} read",
            f"{self.added} added",
            f"{self.existing} already stored",
            f"{len(self.errors)} failed",
        ]
        if self.near_duplicates:
            parts.append(f"{len(self.near_duplicates)} near-duplicates")
        return ", ".join(parts) + f" ({mb:.1f} MB in {self.seconds:.1f} s, {rate:.1f} MB/s)"


class NearDuplicateIndex:
    """Simhash bands in memory: a candidate shares a band, then the full distance decides."""

    def __init__(self, prints: Iterable[tuple[str, int]]) -> None:
        self._bands: dict[tuple[int, int], list[tuple[str, int]]] = defaultdict(list)
        for doc_id, fp in prints:
            self.add(doc_id, fp)

    @staticmethod
    def _keys(fp: int) -> list[tuple[int, int]]:
        return [(band, (fp >> shift) & mask) for band, shift, mask in _BAND_MASKS]

    def near(self, fp: int) -> list[tuple[str, int]]:
        seen: dict[str, int] = {}
        for key in self._keys(fp):
            for doc_id, other in self._bands.get(key, ()):
                if doc_id not in seen:
                    d = hamming(fp, other)
                    if d <= NEAR_DUPLICATE_BITS:
                        seen[doc_id] = d
        return sorted(seen.items(), key=lambda kv: kv[1])

    def add(self, doc_id: str, fp: int) -> None:
        for key in self._keys(fp):
            self._bands[key].append((doc_id, fp))


# -- worker side -------------------------------------------------------------------------------
_WORKER_CTX: object = None
_BUDGET: float | None = None  # seconds per document's extraction, set by ingest()


def _init_worker(extract: bool, budget: float | None = None) -> None:
    global _WORKER_CTX, _BUDGET  # one Context per worker process, built once: spaCy takes seconds
    _BUDGET = budget
    if extract and _WORKER_CTX is None:
        from bilateral.context import Context
        from bilateral.kb import load_kb

        _WORKER_CTX = Context(kb=load_kb())


# A short text of our own that passes through every stage (a date, persons with posts, a state,
# an agreement, a meeting, a stance, a number with its unit, a coded verb).
_WARM_UP = RawDocument(
    source="warm-up",
    format="txt",
    text=(
        "Astana, 12 March 2019. President Kassym-Jomart Tokayev of Kazakhstan met the Foreign "
        "Minister of Japan, Taro Kono, in Astana on Tuesday. The two sides signed the Agreement "
        "on Trade and Economic Cooperation and held talks on the Paris Agreement. Kazakhstan "
        "condemned the attack and supports the initiative of the United Nations. Trade between "
        "the two countries grew by 12 percent to 3 billion US dollars in 2018. The minister "
        "will visit Tokyo next month.\n"
    ),
)


def _preload() -> None:
    """Build the extraction context in this process before worker processes are forked from it:
    the knowledge base, its name matcher, the vocabularies, spaCy and the shipped models are
    then built once and shared (copy on write) instead of once per worker, and the parent has
    the knowledge base ready for the merge that follows the last document. Extracting a short
    text builds everything a stage builds on first use; `gc.freeze` keeps these long-lived
    objects out of every later garbage collection."""
    from bilateral.context import Context
    from bilateral.pipeline import prepare, run

    _init_worker(True)
    ctx = _WORKER_CTX
    assert isinstance(ctx, Context)
    prepare(ctx)
    run(build_document(_WARM_UP), ctx)
    _collect_rarely()


def _collect_rarely() -> None:
    """What a document's reading or extraction allocates lives for that document (and a
    batch's rows until they are stored): collect the young generation every 50,000 allocations,
    not every 700, and leave what was built before (modules, patterns, the knowledge base) out
    of every collection (a tenth of a second less per 40 speeches; a tenth of the CPU of a
    text-only ingest)."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def preload_worker() -> None:
    """The extraction context of a cluster's worker, built as the worker joins; a worker that
    has it (a long-running cluster's next run) keeps it."""
    if _WORKER_CTX is None:
        _preload()


def _within(budget: float | None, fn: Callable[[T], R], item: T) -> R:
    """``fn`` on a cluster's worker with the writer's per-document time budget: the worker is
    another process, which the writer's ``_BUDGET`` does not reach, and a long-running
    cluster serves runs with different budgets."""
    global _BUDGET
    _BUDGET = budget
    return fn(item)


# A document read and built: its row as stored, its fingerprint, its extraction (None on the
# text-only path) and what its reader had to repair; or the one-line error that took its place.
# The worker makes the row: the parent, the one writer, is what limits a run with workers.
Built = tuple[DocumentRow, int, Extraction | None, tuple[str, ...]] | IngestError


def _build(item: Item, extract: bool) -> Built:
    if isinstance(item, JsonLine):
        item = item.parse()  # here, in the worker: the reading process only splits lines
    if isinstance(item, IngestError):
        return item
    rows = None
    try:
        if extract:
            doc = build_document(item)
        else:
            doc, rows = build_unsplit(item)  # the stored rows need no Sentence objects
    except IngestError as exc:
        return exc
    except RecursionError:
        return IngestError(item.source, "text structure too deep to read")
    except Exception as exc:  # a defect must cost one document, not the run: one line, go on
        return IngestError(item.source, f"could not be read ({type(exc).__name__}: {exc})"[:300])
    extraction = None
    if extract:
        from bilateral.context import Context
        from bilateral.pipeline import run

        ctx = _WORKER_CTX
        if not isinstance(ctx, Context):
            _init_worker(True, _BUDGET)
            ctx = _WORKER_CTX
        assert isinstance(ctx, Context)
        extraction = run(doc, ctx, budget=_BUDGET)
    fp = fingerprint(doc.text)
    return document_row(doc, fp, rows), fp, extraction, item.warnings


def _build_extract(item: Item) -> Built:
    return _build(item, True)


def _build_text(item: Item) -> Built:
    return _build(item, False)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def ingest(
    store: Store,
    paths: Sequence[str],
    *,
    extract: bool = True,
    workers: int | None = None,
    stdin: TextIO | None = None,
    on_item: Callable[[int], None] | None = None,
    cluster: str | None = None,
) -> IngestSummary:
    """Ingest files, folders or "-"; every bad input is reported and the rest goes through.
    ``cluster`` (``tcp://HOST:PORT`` or ``local:N``) reads and extracts on a dask cluster."""
    global _BUDGET
    summary = IngestSummary()
    t0 = time.perf_counter()
    # Events are merged across documents once, after the last batch (store/merged.py), and
    # after a cluster's workers are gone: they would only wait for it.
    with store.deferred_merge(), contextlib.ExitStack() as stack:
        client = None
        if cluster is not None:
            # First: the workers start and build their extraction context while this process
            # does what follows (from the command's start to a worker's first document is what
            # no number of workers shortens).
            from bilateral.cluster import cluster_client

            client = stack.enter_context(
                cluster_client(cluster, preload_worker if extract else None)
            )
        _BUDGET = None
        if extract:
            # Only here: the pipeline's stages compile hundreds of regexes on import, a second
            # and more that a text-only ingest has no use for.
            from bilateral.pipeline import default_budget

            _BUDGET = default_budget()
        index = NearDuplicateIndex(store.fingerprints())
        workers = default_workers() if workers is None else workers
        builder = _build_extract if extract else _build_text
        if client is None:
            # JSON lines are parsed by the workers: the one reading process only splits lines.
            results = _map(builder, read_items(paths, stdin=stdin, lazy=True), workers, extract)
        else:
            # The progress follows the futures as they complete, not the batches stored.
            items = read_paths(paths, stdin=stdin)
            results = _map_cluster(
                client, functools.partial(_within, _BUDGET, builder), items, on_item
            )
            on_item = None
        _store_all(store, results, index, summary, on_item)
    summary.seconds = time.perf_counter() - t0
    return summary


def _map_cluster(
    client: Client,
    fn: Callable[[RawDocument | IngestError], Built],
    items: Iterator[RawDocument | IngestError],
    on_item: Callable[[int], None] | None,
) -> Iterator[Built]:
    from bilateral.cluster import map_ordered

    # Enough in flight to keep every worker busy while the writer stores a batch (a local
    # cluster's workers may not have joined yet: they are few).
    window = max(2 * BATCH, 8 * len(client.scheduler_info().get("workers", {})))

    def lost(item: RawDocument | IngestError, exc: BaseException) -> Built:
        source = item.source if isinstance(item, RawDocument) else "?"
        return IngestError(source, f"not read: its worker failed ({type(exc).__name__})")

    def done(built: Built) -> None:
        if on_item is not None and not isinstance(built, IngestError):
            on_item(built[0].n_chars)

    return map_ordered(client, fn, items, window=window, on_lost=lost, on_done=done, size=_cost)


def _cost(item: RawDocument | IngestError) -> int:
    return len(item.text) if isinstance(item, RawDocument) else 0


def _store_all(
    store: Store,
    results: Iterator[Built],
    index: NearDuplicateIndex,
    summary: IngestSummary,
    on_item: Callable[[int], None] | None,
) -> None:
    while chunk := list(itertools.islice(results, BATCH)):
        try:
            with store.batch():
                outcomes = [_store_one(store, built, index) for built in chunk]
        except store.errors:
            # The database refused something in the batch, which is undone whole: store the
            # batch again one document at a time, so that only the bad one fails.
            index = NearDuplicateIndex(store.fingerprints())
            outcomes = [_store_one(store, built, index) for built in chunk]
        for built, outcome in zip(chunk, outcomes, strict=True):
            _count(summary, built, outcome)
            if on_item is not None and not isinstance(built, IngestError):
                on_item(built[0].n_chars)


# Documents per transaction: enough to spare the full-text index a segment per document, few
# enough that a reader waits a moment at most and a crash costs a few seconds of work.
BATCH = 64

# What became of one document: added with its near-duplicates, already there, or refused.
Outcome = list[tuple[str, int]] | None | str


def _store_one(store: Store, built: Built, index: NearDuplicateIndex) -> Outcome:
    if isinstance(built, IngestError):
        return None
    row, fp, extraction, _ = built
    # (Without an extraction, the insert itself finds a document stored before: one statement
    # per document, not two.)
    if extraction is not None and store.has_document(row.id):
        # Stored before without extraction (--no-extract): this run's extraction completes it.
        if not store.has_extraction(row.id):
            store.save_extraction(extraction)
        return None
    near = [(o, d) for o, d in index.near(fp) if o != row.id]
    try:
        added = store.add_row(row, extraction, near)
    except store.errors as exc:
        if store.in_batch:
            raise
        return f"{row.source}: not stored ({exc})"
    if not added:
        return None
    index.add(row.id, fp)
    return near


def _count(summary: IngestSummary, built: Built, outcome: Outcome) -> None:
    if isinstance(built, IngestError):
        summary.errors.append(str(built))
        return
    row, _, extraction, warnings = built
    summary.warnings.extend(f"{row.source}: {w}" for w in warnings)
    if extraction is not None and extraction.skipped:
        summary.warnings.append(
            f"{row.source}: extraction incomplete, out of time before "
            f"{', '.join(extraction.skipped)} (BILATERAL_TIME_BUDGET; complete it with "
            "`bilateral extract --stale`)"
        )
    summary.read += 1
    summary.chars += row.n_chars
    if isinstance(outcome, str):
        summary.errors.append(outcome)
    elif outcome is None:
        summary.existing += 1
    else:
        summary.added += 1
        summary.near_duplicates.extend((row.id, o, d) for o, d in outcome)


def _map(
    fn: Callable[[Item], Built],
    items: Iterator[Item],
    workers: int,
    extract: bool,
) -> Iterator[Built]:
    """Worker processes once there is enough work to pay for them, in input order."""
    head: list[Item] = []
    for item in items:
        head.append(item)
        if len(head) >= 8:
            break
    if workers <= 1 or len(head) < 8:
        for item in head:
            yield fn(item)
        for item in items:
            yield fn(item)
        return

    # Pool.imap reads its whole input ahead; a semaphore keeps at most `window` documents in
    # flight, taken by the feeding thread (blocking, no polling) and released as each chunk's
    # results come back. (Windows submitted one after another left the workers idle while the
    # parent stored each window's tail: a third of the run.) Documents travel in chunks, one
    # task and one result message per chunk: the parent, the one writer, pays for every
    # round-trip in its pool threads.
    size = 1 if extract else 16
    window = 64 if extract else 512
    slots = threading.Semaphore(window // size)
    stop = threading.Event()

    def feed() -> Iterator[list[Item]]:
        rest = itertools.chain(head, items)
        while chunk := list(itertools.islice(rest, size)):
            slots.acquire()
            if stop.is_set():
                return
            yield chunk

    forking = hasattr(os, "fork")
    preloaded = extract and forking
    thresholds = gc.get_threshold()
    if preloaded:
        _preload()
    else:
        _collect_rarely()  # what the workers inherit, and this process's reading and writing
    ctx = mp.get_context("fork") if forking else mp.get_context()
    many = functools.partial(_build_many, fn)
    try:
        with ctx.Pool(workers, initializer=_init_worker, initargs=(extract, _BUDGET)) as pool:
            try:
                for built in pool.imap(many, feed()):
                    slots.release()
                    yield from built
            finally:
                stop.set()  # the feeding thread must not wait for a slot that never frees
                slots.release()
    finally:
        # This process collects as before (the workers are gone).
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _build_many(fn: Callable[[Item], Built], items: list[Item]) -> list[Built]:
    return [fn(item) for item in items]


def _extract_stored(doc: Document) -> Extraction:
    from bilateral.context import Context
    from bilateral.pipeline import run

    if not isinstance(_WORKER_CTX, Context):
        _init_worker(True, _BUDGET)
    assert isinstance(_WORKER_CTX, Context)
    return run(doc, _WORKER_CTX, budget=_BUDGET)


def reextract(
    store: Store,
    doc_ids: Sequence[str],
    *,
    on_item: Callable[[int], None] | None = None,
    budget: float | None = None,
    cluster: str | None = None,
) -> int:
    """Run the current pipeline again over stored documents (after the pipeline changed);
    on a dask cluster when ``cluster`` names one, storing a batch at a time here.

    ``budget`` bounds each document's time as in ingest; none by default: this is where an
    incomplete extraction is completed."""
    if cluster is not None:
        return _reextract_cluster(store, doc_ids, cluster, on_item, budget)
    from bilateral.context import Context
    from bilateral.kb import load_kb
    from bilateral.pipeline import run

    ctx = Context(kb=load_kb())
    done = 0
    with store.deferred_merge():
        for doc_id in doc_ids:
            doc = store.get_document(doc_id)
            if doc is None:
                continue
            store.save_extraction(run(doc, ctx, budget=budget))
            done += 1
            if on_item is not None:
                on_item(len(doc.text))
    return done


def _reextract_cluster(
    store: Store,
    doc_ids: Sequence[str],
    spec: str,
    on_item: Callable[[int], None] | None,
    budget: float | None,
) -> int:
    from bilateral.cluster import cluster_client, map_ordered

    def stored() -> Iterator[Document]:
        for doc_id in doc_ids:
            doc = store.get_document(doc_id)
            if doc is not None:
                yield doc

    def lost(doc: Document, exc: BaseException) -> Extraction | None:
        return None

    done = 0
    with store.deferred_merge(), cluster_client(spec, preload_worker) as client:
        results = map_ordered(
            client,
            functools.partial(_within, budget, _extract_stored),
            stored(),
            window=2 * BATCH,
            on_lost=lost,
            on_done=(lambda _: on_item(0)) if on_item is not None else None,
        )
        while chunk := list(itertools.islice(results, BATCH)):
            with store.batch():
                for extraction in chunk:
                    if extraction is not None:
                        store.save_extraction(extraction)
            done += sum(1 for x in chunk if x is not None)
    return done
