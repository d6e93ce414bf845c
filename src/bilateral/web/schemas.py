"""The API's response shapes, for the OpenAPI document and its clients.

Every list is a ``Page`` of one item type with ``next`` and ``previous`` links (null at either
end). Item models name the fields every item has, typed; they allow more (``extra="allow"``), so a
field added to a listing reaches clients before it is described here, never silently dropped.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class Item(BaseModel):
    model_config = ConfigDict(extra="allow")


class EvidenceOut(Item):
    doc: str
    start: int = Field(description="offset into the document's clean text")
    end: int = Field(description="end offset, exclusive")
    quote: str = Field(description="the text at those offsets")


class EntityRef(Item):
    id: str
    name: str
    type: str


class Suggestion(Item):
    id: str
    name: str
    type: str
    match: str = Field(description="the name or alias that matched, as written")
    documents: int = Field(description="documents naming the entity")


class Suggestions(BaseModel):
    items: list[Suggestion]


class DocumentBrief(Item):
    id: str
    title: str | None
    published: str | None


class DocumentItem(Item):
    id: str
    source: str
    title: str | None
    published: str | None = Field(description="ISO at its precision")
    doc_type: str
    publisher: str | None
    language: str
    n_chars: int
    url: str | None


class SearchHitItem(Item):
    doc: str
    score: float
    title: str | None
    published: str | None
    doc_type: str
    snippet: str
    start: int
    end: int
    highlights: list[tuple[int, int]] = Field(description="match offsets in the document")


class EntityItem(Item):
    id: str
    type: str
    name: str
    aliases: list[str]
    wikidata: str | None
    in_kb: int
    documents: int


class _Dated(Item):
    doc: str
    doc_title: str | None
    doc_published: str | None


class EventItem(_Dated):
    id: str
    type: str
    date: str | None
    date_precision: str | None
    status: str
    location: EntityRef | None
    modality: str | None
    participants: list[EntityRef]
    plover: str
    cameo: str = Field(description="CAMEO code, text (leading zeros)")
    evidence: list[EvidenceOut]
    reports: int = Field(description="documents that report the event")
    documents: list[DocumentBrief]


class ClaimItem(_Dated):
    id: str
    indicator: str
    value: float
    unit: str
    qualifier: str | None
    period: str | None
    subject: list[EntityRef]
    speaker: EntityRef | None
    evidence: list[EvidenceOut]


class AgreementItem(_Dated):
    id: str
    name: str = Field(description="in English, the record's name in every language")
    type: str
    signed: str | None
    parties: list[EntityRef]
    evidence: list[EvidenceOut]
    name_original: str | None = Field(
        default=None, description="the name as a text not in English words it (null for English)"
    )


class PositionItem(_Dated):
    id: str
    holder: EntityRef
    stance: str
    target: EntityRef | None
    topic: str
    evidence: list[EvidenceOut]


class PlanItem(_Dated):
    id: str
    holders: list[EntityRef]
    action: str
    due: str | None
    status: str
    evidence: list[EvidenceOut]
    links: list[dict[str, Any]]
    overdue: bool
    state: str


class LinkItem(Item):
    model_config = ConfigDict(extra="allow", populate_by_name=True)

    id: str
    relation: str = Field(description="fulfils, postpones or restates")
    from_: EvidenceOut = Field(alias="from")
    to: EvidenceOut
    from_kind: str
    from_item: str
    to_kind: str
    to_item: str
    terms: list[str]


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    total: int
    limit: int
    offset: int
    next: str | None = Field(description="the next page's URL, null on the last page")
    previous: str | None = Field(description="the previous page's URL, null on the first page")
    items: list[T]
