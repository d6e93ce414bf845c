"""The query parameters the API and the pages share, declared and checked in one place.

Each table's parameters are one dependency that returns a ``TableQuery``: the filters as the
listing's SQL conditions (built by ``records.*_filter``), and the sort key. Dates are checked
here; a bad one is a ``QueryError``, which both answer with a 400. A form submits "" for "any",
and every filter reads an empty value as absent.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Query

from bilateral.query import statements
from bilateral.query.documents import DOCUMENTS, document_filter
from bilateral.query.errors import QueryError
from bilateral.query.filters import Listing, Where, check_choice, check_date
from bilateral.query.records import (
    AGREEMENTS,
    CLAIMS,
    EVENTS,
    agreement_filter,
    claim_filter,
    entity_filter,
    event_filter,
    find_entity,
)
from bilateral.store import Store
from bilateral.web.state import get_store

Text = Annotated[str | None, Query(max_length=500)]
# Past a billion rows there is nothing to page to, and SQLite integers end at 2**63.
Offset = Annotated[int, Query(ge=0, le=1_000_000_000)]
# Dates and sort keys are checked by the query layer, whose messages say how to fix them; the
# schema states the same rules as patterns for clients and fuzzers, without checking them twice.
_DATE = {"pattern": r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"}
DateFrom = Annotated[
    str | None,
    Query(alias="from", description="YYYY, YYYY-MM or YYYY-MM-DD", json_schema_extra=_DATE),
]
DateTo = Annotated[
    str | None,
    Query(alias="to", description="YYYY, YYYY-MM or YYYY-MM-DD", json_schema_extra=_DATE),
]
EntityType = Annotated[str | None, Query(pattern="^(person|country|organization|place)?$")]
Status = Annotated[str | None, Query(pattern="^(occurred|planned)?$")]
Entities = Annotated[
    list[str] | None,
    Query(
        max_length=10,
        description="an entity id or name; repeat it for the documents naming all",
    ),
]
StoreDep = Annotated[Store, Depends(get_store)]


def entity_ref(store: Store, value: str | None, param: str = "entity") -> str | None:
    """The entity id a filter means: an id (``country:KAZ``), or a name or alias as the pickers
    give it ("Kazakhstan", "kazakhstan", "Казахстан"); None when empty. One the record does not
    know is a ``QueryError`` naming the parameter."""
    if value is None or not value.strip():
        return None
    found = find_entity(store, value.strip())
    if found is None:
        raise QueryError(
            f"{param}: no entity {value.strip()!r} in the record; type part of a name and "
            "pick one of the suggestions"
        )
    return found


def _sort(listing: Listing) -> Any:
    """The sort parameter of one listing: its keys, "-" before one to reverse, in the schema."""
    keys = "|".join(sorted(listing.sorts))
    return Query(
        description=f"one of {keys.replace('|', ', ')}; -key reverses",
        json_schema_extra={"pattern": f"^(-?({keys}))?$"},
    )


DocumentSort = Annotated[str | None, _sort(DOCUMENTS)]
EventSort = Annotated[str | None, _sort(EVENTS)]
ClaimSort = Annotated[str | None, _sort(CLAIMS)]
AgreementSort = Annotated[str | None, _sort(AGREEMENTS)]
PositionSort = Annotated[str | None, _sort(statements.POSITIONS)]
PlanSort = Annotated[str | None, _sort(statements.plans_listing())]
Stance = Annotated[
    str | None,
    Query(
        pattern="^(support|welcome|praise|oppose|reject|condemn|criticise|deny|concern|call|propose)?$"
    ),
]
PlanStatus = Annotated[str | None, Query(pattern="^(planned|under_way|done)?$")]
PlanState = Annotated[
    str | None,
    Query(
        pattern="^(fulfilled|overdue|open)?$",
        description="fulfilled (a later document says it was done), overdue or open",
    ),
]
AsOf = Annotated[
    str | None,
    Query(
        description="the day a plan's due date is compared with (today)", json_schema_extra=_DATE
    ),
]


@dataclass(frozen=True)
class TableQuery:
    where: Where
    sort: str | None = None
    as_of: str | None = None  # plans: the day their due dates are compared with
    # What was wrong with the parameters (a bad date, an unknown entity): the API answers it
    # with a 400 (``checked``), a page says it above its form, which keeps what was typed.
    error: str | None = None

    def checked(self) -> TableQuery:
        """This query, or its error raised as a ``QueryError``."""
        if self.error is not None:
            raise QueryError(self.error)
        return self


def _checked(build: Callable[..., TableQuery]) -> Callable[..., TableQuery]:
    """A table's parameters dependency whose ``QueryError`` becomes a query that matches
    nothing and carries the message: pages render it inside themselves."""

    @functools.wraps(build)  # FastAPI reads the parameters through __wrapped__
    def wrapper(*args: Any, **kwargs: Any) -> TableQuery:
        try:
            return build(*args, **kwargs)
        except QueryError as exc:
            return TableQuery(Where().add("1 = 0"), error=str(exc))

    return wrapper


def dates(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    return check_date(date_from, "from"), check_date(date_to, "to")


# The controlled lists a ``type`` filter names, checked so that a misspelt one is a 400 that
# lists the choices rather than an empty page.
def doc_type(value: str | None) -> str | None:
    from bilateral.kb.doc_types import load_doc_types

    return check_choice(value, load_doc_types().names, "type")


def _event_type(value: str | None) -> str | None:
    from bilateral.kb.vocabulary import event_types

    return check_choice(value, event_types().ids, "type")


def _agreement_type(value: str | None) -> str | None:
    from bilateral.kb.vocabulary import agreement_types

    return check_choice(value, agreement_types().ids, "type")


def document_filters(
    store: StoreDep,
    type: Text = None,
    publisher: Text = None,
    language: Text = None,
    entity: Entities = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> dict[str, Any]:
    f, t = dates(date_from, date_to)
    return {
        "doc_type": doc_type(type),
        "publisher": publisher,
        "language": language,
        "entity": tuple(e for e in (entity_ref(store, v) for v in entity or ()) if e),
        "date_from": f,
        "date_to": t,
    }


@_checked
def _documents(
    store: StoreDep,
    q: Text = None,
    sort: DocumentSort = None,
    type: Text = None,
    publisher: Text = None,
    language: Text = None,
    entity: Entities = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> TableQuery:
    filters = document_filters(store, type, publisher, language, entity, date_from, date_to)
    return TableQuery(document_filter(q=q, **filters), sort)


@_checked
def _events(
    store: StoreDep,
    q: Text = None,
    type: Text = None,
    status: Status = None,
    entity: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    sort: EventSort = None,
) -> TableQuery:
    f, t = dates(date_from, date_to)
    where = event_filter(
        q=q,
        type=_event_type(type),
        status=status,
        entity=entity_ref(store, entity),
        date_from=f,
        date_to=t,
    )
    return TableQuery(where, sort)


@_checked
def _claims(
    store: StoreDep,
    q: Text = None,
    indicator: Text = None,
    subject: Text = None,
    sort: ClaimSort = None,
) -> TableQuery:
    who = entity_ref(store, subject, "subject")
    return TableQuery(claim_filter(q=q, indicator=indicator, subject=who), sort)


@_checked
def _agreements(
    store: StoreDep,
    q: Text = None,
    type: Text = None,
    party: Text = None,
    sort: AgreementSort = None,
) -> TableQuery:
    who = entity_ref(store, party, "party")
    return TableQuery(agreement_filter(q=q, type=_agreement_type(type), party=who), sort)


@_checked
def _positions(
    store: StoreDep,
    q: Text = None,
    holder: Text = None,
    target: Text = None,
    stance: Stance = None,
    topic: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    sort: PositionSort = None,
) -> TableQuery:
    f, t = dates(date_from, date_to)
    where = statements.position_filter(
        store, q=q, holder=holder, target=target, stance=stance, topic=topic, date_from=f, date_to=t
    )
    return TableQuery(where, sort)


@_checked
def _plans(
    store: StoreDep,
    q: Text = None,
    holder: Text = None,
    status: PlanStatus = None,
    state: PlanState = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    as_of: AsOf = None,
    sort: PlanSort = None,
) -> TableQuery:
    f, t = dates(date_from, date_to)
    when = check_date(as_of, "as_of")
    where = statements.plan_filter(
        store, q=q, holder=holder, status=status, state=state, date_from=f, date_to=t, as_of=when
    )
    return TableQuery(where, sort, when)


@_checked
def _entities(q: Text = None, type: EntityType = None) -> TableQuery:
    return TableQuery(entity_filter(q=q, type=type))


DocumentQuery = Annotated[TableQuery, Depends(_documents)]
EventQuery = Annotated[TableQuery, Depends(_events)]
ClaimQuery = Annotated[TableQuery, Depends(_claims)]
AgreementQuery = Annotated[TableQuery, Depends(_agreements)]
EntityQuery = Annotated[TableQuery, Depends(_entities)]
PositionQuery = Annotated[TableQuery, Depends(_positions)]
PlanQuery = Annotated[TableQuery, Depends(_plans)]
