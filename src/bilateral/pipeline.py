"""The stage registry and the named pipeline: one place, read top to bottom.

A stage is a function ``(doc, ctx, got) -> {key: items}``: it reads the document, the shared
context (knowledge base, language model) and what earlier stages added (``got``), and returns
the items it adds, keyed by name. Each stage declares what it needs and what it adds and is
registered under a versioned name (``claims.v1``); the version is stored with every result so
that ``bilateral extract`` can tell which documents an upgraded stage has not yet seen.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from bilateral.context import Context, Deadline, forget_parses, offloaded, want_parses
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
from bilateral.spare import spare_core

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


def default_stages() -> tuple[Stage, ...]:
    """The named pipeline, in the order it runs."""
    return (
        # 1. Dates first: every later stage normalises against them.
        Stage("times.v1", (), ("times",), dates.stage),
        # 2. Entities: knowledge-base matches, then the NER model for names the KB lacks.
        Stage("entities.v1", (), ("entities", "mentions"), entities.stage),
        # 3. Roles need persons and the states or bodies next to them; the KB's bodies of the
        #    posts they find join the entities, so that the record can name them.
        Stage("roles.v1", ("entities", "mentions", "times"), ("roles", "entities"), roles.stage),
        # 4. Agreements before events, so that a signing can name what was signed.
        Stage("agreements.v2", ("mentions", "times"), ("agreements",), agreements.stage),
        Stage("events.v1", ("mentions", "times", "roles", "agreements"), ("events",), events.stage),
        # 5. Positions and plans: who says what of whom, and who undertakes what.
        Stage(
            "positions.v2", ("mentions", "times", "roles"), ("positions", "plans"), positions.stage
        ),
        # 6. Claims bind numbers to indicators, periods and subjects.
        Stage("claims.v1", ("mentions", "times"), ("claims",), claims.stage),
        # 7. Coded actions: the verbs of the CAMEO dictionary, in PLOVER, with actor and recipient.
        Stage(
            "actions.v2", ("mentions", "times", "roles"), ("actions",), actions.stage, actions.wants
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
    spare: bool | None = None,
) -> Extraction:
    """Every stage in order. With a ``budget`` (seconds), the stages that would start after it
    has run out are skipped and named in ``Extraction.skipped``: the document is stored with what
    finished, marked incomplete, and ``bilateral extract --stale`` completes it later. The stage
    running when time is up stops at its next sentence or chunk (``Context.deadline``); what it
    found so far is kept, and it is named among the skipped, to be run again in full. A long
    document (``SPARE_FROM``; ``spare`` forces it either way) shares its language-model batches
    with a helper process on the second core: the same record, in less time."""
    deadline = Deadline(None if budget is None else time.monotonic() + budget)
    wanted = len(doc.text) >= SPARE_FROM if spare is None else spare
    with spare_core(wanted, offloaded):
        return _run(doc, replace(ctx, deadline=deadline), stages or default_stages())


def _run(doc: Document, ctx: Context, stages: tuple[Stage, ...]) -> Extraction:
    doc = bounded_sentences(doc)  # no stage hands the language model an unbounded "sentence"
    deadline = ctx.deadline
    got: dict[str, tuple[Any, ...]] = {}
    names: list[str] = []
    skipped: list[str] = []
    wanting = [s for s in stages if s.wants is not None]
    for stage in stages:
        for later in [s for s in wanting if all(k in got for k in s.needs)]:
            assert later.wants is not None
            want_parses(later.wants(doc, ctx, got))
            wanting.remove(later)
        missing = [k for k in stage.needs if k not in got]
        if missing and skipped:
            skipped.append(stage.name)  # what it needs was skipped
            continue
        if missing:
            raise RuntimeError(f"stage {stage.name} needs {missing}, which no earlier stage adds")
        if deadline.expired():
            skipped.append(stage.name)
            continue
        out = stage.fn(doc, ctx, got)
        for key in stage.adds:
            got[key] = tuple(out.get(key, ()))
        (skipped if deadline.cut else names).append(stage.name)
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
