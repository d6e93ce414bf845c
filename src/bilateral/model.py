"""The record's data model: frozen dataclasses, standoff offsets into a document's clean text.

Every extracted item carries Evidence, and Evidence is built only through ``Evidence.of`` (or
checked by ``Evidence.check``) so that a quote always equals the stored text at its offsets.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

EntityType = Literal["person", "country", "organization", "place"]
# Document types are data: bilateral.kb.doc_types.load_doc_types().names (kb/data/doc_types.yaml).


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


ROLE_STATUSES = ("held", "planned", "former")


@dataclass(frozen=True, slots=True)
class Role:
    """A post a person holds, held or is to hold. ``as_of``: the date at which the text (or the
    KB's term) places it; ``start`` and ``end``: ISO dates at their precision where the text says
    when the post began or ended ("from 2005 to 2007", "since March 2019"); ``status``: held,
    planned ("President-elect", "nominated to be Ambassador") or former."""

    person: str
    title: str
    of: str | None
    as_of: str | None
    evidence: tuple[Evidence, ...]
    source: str = "text"  # text, or kb when the knowledge base's dated term supplied it
    start: str | None = None
    end: str | None = None
    status: str = "held"


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
class Action:
    """A coded action: what an actor does or says to a recipient, as one verb of one sentence
    states it, in PLOVER (category, mode, contexts) and CAMEO. ``actors`` and ``recipients`` are
    entity ids; ``actor_text`` and ``recipient_text`` the phrases as the text words them (also
    where no entity is known). ``trigger`` is the verb; ``evidence`` the sentence."""

    id: str
    plover: str
    cameo: str
    mode: str | None
    context: tuple[str, ...]
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    actor_text: str | None
    recipient_text: str | None
    date: str | None
    status: str  # occurred, or planned for an intention or threat in the future
    trigger: Evidence
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Agreement:
    """A named instrument. ``name`` is English, the record's canonical name in every language;
    a document in another language keeps the name as its text words it in ``name_original``
    (None for an English document), so one treaty has one name whichever language reports it."""

    id: str
    name: str
    type: str
    signed: str | None
    parties: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    name_original: str | None = None


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


@dataclass(frozen=True, slots=True)
class Position:
    """What a holder says of something: a stance (``kb/data/stances.yaml``) towards a target
    entity (or None) about a topic, a short label from the sentence."""

    id: str
    holder: str
    stance: str
    target: str | None
    topic: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """What holders undertake, offer or have under way. ``due`` is ISO at the text's precision
    (relative dates resolved against the document's date) or None; ``status`` is planned,
    under_way or done."""

    id: str
    holders: tuple[str, ...]
    action: str
    due: str | None
    status: str
    evidence: tuple[Evidence, ...]


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
    positions: tuple[Position, ...] = ()
    plans: tuple[Plan, ...] = ()
    actions: tuple[Action, ...] = ()
    stages: tuple[str, ...] = field(default=())
    # Stages not run, or cut short (their items so far kept), because the document's time budget
    # ran out: the extraction is incomplete.
    skipped: tuple[str, ...] = field(default=())


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


@dataclass(frozen=True, slots=True)
class Link:
    """A plan (or a proposal) and what a later document says of it (crossdoc/links.py).

    ``relation`` is fulfils (the later passage says it was done), postpones (put off) or restates;
    each end is the passage of one document that states an item of the record (``*_kind``:
    plan, position, event or agreement; ``*_item`` its id)."""

    id: str
    relation: str
    from_kind: str
    from_item: str
    from_evidence: Evidence
    to_kind: str
    to_item: str
    to_evidence: Evidence
    score: float
    terms: tuple[str, ...]  # what the two passages share, that made them one matter
