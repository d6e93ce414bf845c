"""The stage registry and the named pipeline: one place, read top to bottom.

A stage is a function ``(doc, ctx, got) -> {key: items}``: it reads the document, the shared
context (knowledge base, language model) and what earlier stages added (``got``), and returns
the items it adds, keyed by name. Each stage declares what it needs and what it adds and is
registered under a versioned name (``claims.v1``); the version is stored with every result so
that ``bilateral extract`` can tell which documents an upgraded stage has not yet seen.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import Any

from bilateral import spare
from bilateral.context import (
    Context,
    Deadline,
    forget_parses,
    forget_wanted_parses,
    offloaded,
    want_parses,
)
from bilateral.extract.actions import stage as actions
from bilateral.extract.agreements import stage as agreements
from bilateral.extract.claims import stage as claims
from bilateral.extract.dates import stage as dates
from bilateral.extract.entities import stage as entities
from bilateral.extract.events import stage as events
from bilateral.extract.positions import stage as positions
from bilateral.extract.roles import stage as roles
from bilateral.extract.text.sentences import bounded_sentences
from bilateral.model import Document, Extraction

StageFn = Callable[
    [Document, Context, Mapping[str, tuple[Any, ...]]], Mapping[str, tuple[Any, ...]]
]
# The sentences a stage will parse, known from what it needs before it runs.
WantsFn = Callable[[Document, Context, Mapping[str, tuple[Any, ...]]], Iterable[str]]


@dataclass(frozen=True)
class Stage:
    name: str  # versioned, e.g. "claims.v1"
    needs: tuple[str, ...]
    adds: tuple[str, ...]
    fn: StageFn
    # Announced as soon as what the stage needs is there, so that its sentences are parsed in
    # the batch of an earlier stage that parses (see ``context.want_parses``).
    wants: WantsFn | None = None
    # Its share of a long document's time (CPU seconds on a 5 MB text, bench/scaling_bench.py):
    # how the stages left are divided between two processes (``_branches``).
    weight: float = 1.0


def default_stages() -> tuple[Stage, ...]:
    """The named pipeline, in the order it runs."""
    return (
        # 1. Dates first: every later stage normalises against them.
        Stage("times.v1", (), ("times",), dates.stage, weight=0.5),
        # 2. Entities: knowledge-base matches, then the NER model for names the KB lacks.
        Stage("entities.v1", (), ("entities", "mentions"), entities.stage, weight=28),
        # 3. Roles need persons and the states or bodies next to them; the KB's bodies of the
        #    posts they find join the entities, so that the record can name them.
        Stage(
            "roles.v1",
            ("entities", "mentions", "times"),
            ("roles", "entities"),
            roles.stage,
            weight=8,
        ),
        # 4. Agreements before events, so that a signing can name what was signed.
        Stage("agreements.v2", ("mentions", "times"), ("agreements",), agreements.stage, weight=13),
        Stage(
            "events.v1",
            ("mentions", "times", "roles", "agreements"),
            ("events",),
            events.stage,
            weight=12,
        ),
        # 5. Positions and plans: who says what of whom, and who undertakes what.
        Stage(
            "positions.v2",
            ("mentions", "times", "roles"),
            ("positions", "plans"),
            positions.stage,
            weight=18,
        ),
        # 6. Claims bind numbers to indicators, periods and subjects.
        Stage("claims.v1", ("mentions", "times"), ("claims",), claims.stage, weight=4),
        # 7. Coded actions: the verbs of the CAMEO dictionary, in PLOVER, with actor and recipient.
        Stage(
            "actions.v2",
            ("mentions", "times", "roles"),
            ("actions",),
            actions.stage,
            actions.wants,
            weight=22,
        ),
    )


def prepare(ctx: Context) -> None:
    """Build now what the stages otherwise build on first use and cannot reach through a
    short text (the knowledge base's indexes): see ``workflow._preload``."""
    entities.prepare(ctx.kb)


def default_budget() -> float | None:
    """Seconds one document's extraction may take (BILATERAL_TIME_BUDGET; 0 for no limit)."""
    from bilateral.settings import setting

    value = float(setting("time_budget").value() or 0)
    return value if value > 0 else None


# A document this long (characters) gets a helper process for its language-model batches
# (``spare``): below it the fork and the traffic would cost more than the second core gives.
SPARE_FROM = 200_000


def run(
    doc: Document,
    ctx: Context,
    stages: tuple[Stage, ...] | None = None,
    *,
    budget: float | None = None,
    helper: bool | None = None,
) -> Extraction:
    """Every stage in order. With a ``budget`` (seconds), the stages that would start after it
    has run out are skipped and named in ``Extraction.skipped``: the document is stored with what
    finished, marked incomplete, and ``bilateral extract --stale`` completes it later. The stage
    running when time is up stops at its next sentence or chunk (``Context.deadline``); what it
    found so far is kept, and it is named among the skipped, to be run again in full. A long
    document (``SPARE_FROM``; ``helper`` forces it either way) uses the second core: a helper
    process takes half of its language-model batches (``spare``), and once the stages left fall
    into independent branches a forked process runs one of them (``_branches``). The record is
    the one of one process (tests/test_spare.py), in less time."""
    deadline = Deadline(None if budget is None else time.monotonic() + budget)
    wanted = len(doc.text) >= SPARE_FROM if helper is None else helper
    with spare.spare_core(wanted, offloaded, deadline.expired):
        stages = stages if stages is not None else default_stages()
        return _run(doc, replace(ctx, deadline=deadline), stages)


def _run(doc: Document, ctx: Context, stages: tuple[Stage, ...]) -> Extraction:
    doc = bounded_sentences(doc)  # no stage hands the language model an unbounded "sentence"
    got: dict[str, tuple[Any, ...]] = {}
    done: dict[str, bool] = {}  # stage -> finished (False: skipped or cut short)
    _stages(doc, ctx, list(stages), got, done, fork=spare.current() is not None)
    names = [s.name for s in stages if done[s.name]]
    skipped = [s.name for s in stages if not done[s.name]]
    forget_parses()
    return Extraction(
        doc=doc.id,
        entities=got.get("entities", ()),
        mentions=got.get("mentions", ()),
        times=got.get("times", ()),
        roles=got.get("roles", ()),
        events=got.get("events", ()),
        agreements=got.get("agreements", ()),
        claims=got.get("claims", ()),
        positions=got.get("positions", ()),
        plans=got.get("plans", ()),
        actions=got.get("actions", ()),
        stages=tuple(names),
        skipped=tuple(skipped),
    )


def _stages(
    doc: Document,
    ctx: Context,
    todo: list[Stage],
    got: dict[str, tuple[Any, ...]],
    done: dict[str, bool],
    fork: bool = False,
) -> None:
    """The stages in order, adding to ``got`` and ``done``. With ``fork`` (a long document), as
    soon as the stages left fall into independent branches, another process runs one of them
    (``_branches``)."""
    deadline = ctx.deadline
    wanting = [s for s in todo if s.wants is not None]
    while todo:
        if fork and not deadline.expired():
            here, there = _branches(todo)
            if there:
                _fork(doc, ctx, here, there, got, done)
                return
        stage = todo.pop(0)
        for later in [s for s in wanting if all(k in got for k in s.needs)]:
            assert later.wants is not None
            want_parses(later.wants(doc, ctx, got))
            wanting.remove(later)
        missing = [k for k in stage.needs if k not in got]
        if missing and not all(done.values()):
            done[stage.name] = False  # what it needs was skipped
            continue
        if missing:
            raise RuntimeError(f"stage {stage.name} needs {missing}, which no earlier stage adds")
        if deadline.expired():
            done[stage.name] = False
            continue
        out = stage.fn(doc, ctx, got)
        for key in stage.adds:
            got[key] = tuple(out.get(key, ()))
        done[stage.name] = not deadline.cut


def _branches(todo: list[Stage]) -> tuple[list[Stage], list[Stage]]:
    """The stages left as two lists that share nothing (no stage of one needs or adds what a
    stage of the other adds), each in order, this process's the heavier (it keeps the helper
    for its parses); or all here when they do not split, or the lighter would hold less than a
    third of the work (a fork for a small stage, and none later for the big ones)."""
    group = list(range(len(todo)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for j, b in enumerate(todo):
        for i, a in enumerate(todo[:j]):
            if set(a.adds) & (set(b.needs) | set(b.adds)):
                group[root(j)] = root(i)
    parts: dict[int, list[int]] = {}
    for i in range(len(todo)):
        parts.setdefault(root(i), []).append(i)
    weight = {r: sum(todo[i].weight for i in p) for r, p in parts.items()}
    bins: tuple[list[int], list[int]] = ([], [])
    load = [0.0, 0.0]
    for r in sorted(parts, key=lambda r: -weight[r]):  # the heaviest first, to the lighter bin
        k = 0 if load[0] <= load[1] else 1
        bins[k].extend(parts[r])
        load[k] += weight[r]
    if min(load) < sum(load) / 3:
        return todo, []
    heavy, light = bins if load[0] >= load[1] else bins[::-1]
    return [todo[i] for i in sorted(heavy)], [todo[i] for i in sorted(light)]


def _fork(
    doc: Document,
    ctx: Context,
    here: list[Stage],
    there: list[Stage],
    got: dict[str, tuple[Any, ...]],
    done: dict[str, bool],
) -> None:
    """``there`` in a forked process (it starts with all this one holds: what the stages found
    so far, the parses), ``here`` in this one; then their results together. What a stage finds
    does not depend on where it runs, so the record is the one of one process."""
    mpc = mp.get_context("fork")
    receive, send = mpc.Pipe(duplex=False)
    args = (send, doc, ctx, there, got, done)
    child = mpc.Process(target=_branch, args=args, daemon=True)
    child.start()
    send.close()
    forget_wanted_parses()  # each side announces what its own stages will read
    try:
        _stages(doc, ctx, here, got, done)
    except BaseException:
        child.kill()  # its half is of no use now
        child.join()
        raise
    try:
        added, their_done, error = receive.recv()
    except EOFError:
        added, their_done, error = {}, {}, "it ended without an answer"
    child.join()
    if error is not None:
        raise RuntimeError(f"the stages {[s.name for s in there]} failed in their process: {error}")
    got.update(added)
    done.update(their_done)


def _branch(
    send: Connection,
    doc: Document,
    ctx: Context,
    todo: list[Stage],
    got: dict[str, Any],
    done: dict[str, bool],
) -> None:
    spare.detach()  # the helper answers the parent
    forget_wanted_parses()
    try:
        _stages(doc, ctx, list(todo), got, done)  # ``done``: what was skipped before the fork too
        added = {k: got[k] for s in todo for k in s.adds if k in got}
        send.send((added, {s.name: done[s.name] for s in todo}, None))
    except Exception as exc:  # raised in the parent
        send.send(({}, {}, f"{type(exc).__name__}: {exc}"))
