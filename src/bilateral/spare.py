"""A second process for the language model's batches of one very long document.

A 5 MB text spends some three fifths of its extraction inside spaCy (the recogniser over the
sentences the knowledge base leaves unexplained, the parser over those the later stages read, the
learned agreement recogniser), in batches of a few hundred sentences. On a machine with a second
core, ``pipeline.run`` forks one helper process for such a document (``spare_core``), and every
batch list long enough is cut in two at a batch boundary (``halves``): this process runs the first
half while the helper runs the second. Each batch holds exactly the sentences it would hold in one
process, so the annotations, and the record, are the same (tests/test_spare.py); the helper sends
back only what the stages read (entity spans, a parse as the arrays of ``context._pack``).

The helper is forked, not spawned: it starts with the models this process has loaded (no second
load, the pages shared until written). It is not used inside a daemonic pool worker (``ingest
--workers``: those cannot have children, and the other workers hold the other cores), on a single
core, where there is no ``fork``, or from any thread but the main one (the server's extraction
thread, a dask worker's task).
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

# (what to run, the texts, the batch size) -> one result per text
Work = Callable[[str, list[str], int], list[Any]]


class Spare:
    """One helper process, serving requests in order; a result that nobody takes (a stage cut
    short by its deadline) is dropped when the helper closes."""

    def __init__(self, work: Work, expired: Callable[[], bool] = lambda: False) -> None:
        ctx = mp.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_serve, args=(child, work), daemon=True)
        self._proc.start()
        child.close()
        self._sent = 0
        self._answered = 0
        self._received: dict[int, list[Any]] = {}
        self.cpu = 0.0  # the helper's CPU seconds for the requests answered
        self._expired = expired  # the document's time budget has run out

    def submit(self, what: str, texts: list[str], batch_size: int) -> int:
        if self._expired():
            # Out of time (the ticket 0 has no answer): nothing more is sent, so that a
            # request never waits behind an answer nobody reads (both ends would block).
            return 0
        self._conn.send((what, texts, batch_size))
        self._sent += 1
        return self._sent

    def result(self, ticket: int) -> list[Any] | None:
        """The answer to a request, or None when the document's time runs out first (the
        stage asking stops at its next check of the deadline)."""
        while ticket and ticket not in self._received:
            while not self._conn.poll(0.05):
                if self._expired():
                    return None
            out, cpu, error = self._conn.recv()
            self.cpu += cpu
            if error is not None:
                raise RuntimeError(f"the helper process failed: {error}")
            self._answered += 1  # answers come in the order of the requests
            self._received[self._answered] = out
        return self._received.pop(ticket) if ticket else None

    def close(self) -> None:
        if self._answered < self._sent:  # busy with what nobody will read (out of time)
            self._proc.kill()
        with contextlib.suppress(OSError):
            self._conn.send(None)
        self._conn.close()
        self._proc.join(timeout=5)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join()


def _serve(conn: Connection, work: Work) -> None:
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        t0 = time.process_time()
        try:
            out, error = work(*request), None
        except Exception as exc:  # sent back and raised in the parent
            out, error = [], f"{type(exc).__name__}: {exc}"
        conn.send((out, time.process_time() - t0, error))


def halves(texts: list[str], batch_size: int) -> tuple[list[str], list[str]]:
    """The texts cut at the batch boundary nearest the middle of their characters (the model's
    work grows with them): (here, there). Fewer than two batches stay here whole."""
    if len(texts) <= batch_size:
        return texts, []
    total = sum(map(len, texts))
    cuts = range(batch_size, len(texts), batch_size)
    cut = min(cuts, key=lambda c: abs(2 * sum(map(len, texts[:c])) - total))
    return texts[:cut], texts[cut:]


def usable() -> bool:
    """Whether a helper can be forked and has a core of its own to run on. Only from a main
    thread: a fork copies one thread, and a lock another held (a server's, a scheduler's)
    would stay locked in the copy; the server's extraction thread is to take one core anyway."""
    return (
        hasattr(os, "fork")
        and (os.cpu_count() or 1) >= 2
        and not mp.current_process().daemon
        and threading.current_thread() is threading.main_thread()
    )


class _Current:
    """The helper of the document being extracted, if any (set by ``spare_core``)."""

    spare: Spare | None = None


def current() -> Spare | None:
    return _Current.spare


def detach() -> None:
    """In a process forked from the one that owns the helper: no helper here (it answers its
    owner, on its owner's pipe)."""
    _Current.spare = None


@contextlib.contextmanager
def spare_core(
    enabled: bool, work: Work, expired: Callable[[], bool] = lambda: False
) -> Iterator[Spare | None]:
    """A helper for the duration of one document's extraction, when ``enabled`` and usable;
    ``expired`` tells when the document's time budget has run out."""
    if not enabled or not usable() or _Current.spare is not None:
        yield None
        return
    spare = Spare(work, expired)
    _Current.spare = spare
    try:
        yield spare
    finally:
        _Current.spare = None
        spare.close()
