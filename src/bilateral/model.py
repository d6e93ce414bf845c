"""The record's data model: frozen dataclasses, standoff offsets into a document's clean text.

Every extracted item carries Evidence, and Evidence is built only through ``Evidence.of`` (or
checked by ``Evidence.check``) so that a quote always equals the stored text at its offsets.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

EntityType = Literal["person", "country", "organization", "place"]
DOC_TYPES = (
    "statement",
    "press_release",
    "transcript",
    "interview",
    "article",
    "speech",
    "joint_statement",
    "news",
    "biography",
    "other",
)


def content_id(prefix: str, *parts: object) -> str:
    """A deterministic id from content, in the manner of followthemoney: prefix + short sha1."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}:{h}"


@dataclass(frozen=True, slots=True)
class Evidence:
    doc: str
    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, doc: Document, start: int, end: int) -> Evidence:
        if not 0 <= start < end <= len(doc.text):
            raise ValueError(f"evidence span {start}:{end} outside document {doc.id}")
        return cls(doc.id, start, end, doc.text[start:end])

    def check(self, text: str) -> bool:
        return text[self.start : self.end] == self.quote

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "quote": self.quote}


@dataclass(frozen=True, slots=True)
class Span:
    """A paragraph (or any plain region) of the clean text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Turn:
    """A speaker turn in a transcript or interview. ``role``: question, answer or remarks."""

    start: int
    end: int
    speaker: str
    role: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int
    turn: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    source: str
    text: str
    title: str | None = None
    published: str | None = None
    published_precision: str | None = None
    doc_type: str = "other"
    publisher: str | None = None
    language: str = "en"
    original_language: str | None = None
    speakers: tuple[str, ...] = ()
    url: str | None = None
    external_id: str | None = None
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    turns: tuple[Turn, ...] = ()

    def turn_at(self, offset: int) -> Turn | None:
        for t in self.turns:
            if t.start <= offset < t.end:
                return t
        return None

    def sentence_at(self, offset: int) -> Sentence | None:
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    in_kb: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    doc: str
    start: int
    end: int
    text: str
    entity: str
    type: str
    source: str = "kb"  # kb, ner or pattern


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A date expression normalised against the document date.

    ``value`` is ISO at its precision (``2020-06-09``, ``2020-06``, ``2020``) or an ISO interval
    ``2024-01/2024-09``; ``precision`` is day, month, season, year or range.
    """

    start: int
    end: int
    text: str
    value: str
    precision: str
    relative: bool = False


@dataclass(frozen=True, slots=True)
class Role:
    person: str
    title: str
    of: str | None
    as_of: str | None
    evidence: tuple[Evidence, ...]
    source: str = "text"  # text, or kb when the knowledge base's dated term supplied it


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    date: str | None
    date_precision: str | None
    status: str  # occurred or planned
    location: str | None
    modality: str | None  # in_person, video, phone
    participants: tuple[str, ...]
    plover: str
    cameo: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Agreement:
    id: str
    name: str
    type: str
    signed: str | None
    parties: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    id: str
    indicator: str
    value: float
    unit: str
    qualifier: str | None
    period: str | None
    subject: tuple[str, ...]
    speaker: str | None
    evidence: tuple[Evidence, ...]
    said_in: str | None = None  # question or answer, in transcripts and interviews


@dataclass(frozen=True)
class Extraction:
    """Everything the pipeline found in one document."""

    doc: str
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    roles: tuple[Role, ...] = ()
    events: tuple[Event, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    claims: tuple[Claim, ...] = ()
    stages: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One real event told by one or more reports (events of possibly different documents).

    It takes the id, type and codes of the report that represents it best (occurred before
    planned, then the most precise); its status is occurred when any report says it took place;
    its evidence is every report's, the representative's first."""

    id: str
    block: str  # the set of events it was clustered within (crossdoc.events.block_of)
    doc: str  # the representative report's document
    type: str
    date: str | None
    date_precision: str | None
    status: str
    location: str | None
    modality: str | None
    participants: tuple[str, ...]
    plover: str
    cameo: str
    events: tuple[str, ...]  # the reports' event ids, the representative's first
    docs: tuple[str, ...]  # the documents reporting it, earliest published first
    evidence: tuple[Evidence, ...]
