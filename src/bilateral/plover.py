"""The PLOVER export: one JSON object a line with the field names of the PLOVER manual's data table
("PLOVER JSON", chapter Data Fields; Open Event Data Alliance, 2021), for the events and the coded
actions that carry a PLOVER category.

Fields, as the manual's table names them (required: ``id``, ``date``, ``actor``, ``event``):

- ``date``: YYYY-MM-DD; an interval's start, its end in ``enddate``. A record dated less precisely
  than a day takes its document's date when that is a day (event data date a report by its
  story); a record with neither is not written (the manual requires the day).
- ``actor``, ``recipient``: lists of entity objects (``entity_name``, ``wikidata_id``, ``code``,
  ``entity_text``, ``identifier_id``): ``code`` is the ISO-3166 alpha-3 code of the state the
  entity belongs to, or the manual's code of a non-state actor (UNO, EUR, IGO, NGO).
  In CONSULT the visitor is the actor and the host the recipient when the record knows the host
  (a visit to a place of one participant's state); otherwise all participants are the actor.
- ``event``, ``mode``, ``context``: lists; ``mode`` and ``context`` only where known.
- ``text``, ``text_info`` (``start``, ``end``), ``event_text`` (the trigger) and ``cite_info``
  (``citation`` = document id, ``url``, ``title``, ``publication``, ``language``, ``coder``,
  ``codebook``, and the evidence ``doc``, ``start``, ``end``, ``quote``).
- beyond the table, as the manual allows: ``cameo``, ``type``, ``status``; per merged event
  (``merged=True``, ``export --format plover --merged``) also ``reports`` (the number of
  documents reporting it), ``documents`` and ``evidence`` (every report's, the representative's
  first; ``text`` and ``cite_info`` are the representative's).

One act, one line: an event whose sentence a verb codes as another act is that verb's content
(``export.spoken_for``) and has no line of its own; a coded action of the category an event of
its sentence already has ("met" beside the meeting) is that event, and has none either.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from bilateral.export import Out, _line, _opened, _Texts, spoken_for
from bilateral.kb import KnowledgeBase, load_kb
from bilateral.kb.vocabulary import event_types
from bilateral.store import Store

__all__ = ["CODEBOOK", "CODER", "PLOVER_FIELDS", "export_plover", "write_plover"]

CODER = "bilateral"
CODEBOOK = "PLOVER 2021 (CAMEO2PLOVER-2021, CAMEO 2.0 verb dictionary)"
# The manual's table: name -> required.
PLOVER_FIELDS = {
    "id": True, "has_event": False, "date": True, "time": False, "enddate": False,
    "endtime": False, "actor": True, "recipient": False, "event": True, "event_loc": False,
    "event_text": False, "quad_code": False, "event_scale": False, "mode": False,
    "context": False, "link": False, "text": False, "text_info": False, "cite_info": False,
    "coder": False, "coded_date": False, "coded_time": False, "comment": False,
}  # fmt: skip
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NONSTATE = {"org:un": "UNO", "org:eu": "EUR"}


def _day(value: str | None) -> tuple[str | None, str | None]:
    """(date, enddate) at day precision, or (None, None)."""
    if not value:
        return None, None
    start, _, end = value.partition("/")
    if not _DAY.match(start):
        return None, None
    return start, end if _DAY.match(end) else None


class _Entities:
    """Entity ids -> the manual's entity objects, with the state or body code of each."""

    def __init__(self, store: Store, kb: KnowledgeBase) -> None:
        self.kb = kb
        q = store.iterate
        self.rows = {
            r[0]: (r[1], r[2], r[3]) for r in q("SELECT id, type, name, wikidata FROM entities")
        }
        # A person belongs to the state or body of the post the record gives them last.
        self.post_of: dict[str, str] = {}
        for person, of in q(
            "SELECT person, of FROM roles WHERE of IS NOT NULL ORDER BY as_of, rowid"
        ):
            self.post_of[person] = of

    @functools.cache  # noqa: B019 - one export, one instance
    def code(self, ref: str, depth: int = 0) -> str | None:
        if ref in _NONSTATE:
            return _NONSTATE[ref]
        e = self.kb.get(ref)
        if ref.startswith("country:"):
            return (e.iso3 if e and e.iso3 else ref.split(":", 1)[1]).upper()
        if depth > 3:
            return None
        if ref.startswith("person:"):
            of = self.post_of.get(ref)
            return self.code(of, depth + 1) if of else None
        if e is None:
            return None
        if e.parent and self.code(e.parent, depth + 1) in {"UNO", "EUR"}:
            return self.code(e.parent, depth + 1)
        if e.country:
            return self.code(e.country, depth + 1)
        if e.kind in {"international", "format"}:
            return "IGO"
        if e.kind == "ngo":
            return "NGO"
        return None

    def obj(self, ref: str, text: str | None = None) -> dict[str, Any]:
        _kind, name, wikidata = self.rows.get(ref, (None, ref, None))
        out: dict[str, Any] = {
            "entity_name": name,
            "wikidata_id": wikidata,
            "code": self.code(ref),
            "identifier_id": ref,
        }
        if text:
            out["entity_text"] = text
        return out


def _text_only(text: str | None) -> list[dict[str, Any]]:
    if not text:
        return []
    return [{"entity_name": None, "wikidata_id": None, "code": None, "entity_text": text}]


def _host(kb: KnowledgeBase, location: str | None, parts: list[str]) -> str | None:
    """The participant whose state the event's place lies in (or is), if exactly one is."""
    if not location:
        return None
    place = kb.get(location)
    state = location if location.startswith("country:") else (place.country if place else None)
    if state is None:
        return None
    hosts = [p for p in parts if p == state]
    return hosts[0] if len(hosts) == 1 and len(parts) > 1 else None


def _event_item(
    ents: _Entities, rec: Mapping[str, Any], participants: list[str], evidence: list[Any]
) -> dict[str, Any] | None:
    if not participants:
        return None
    host = _host(ents.kb, rec["location"], participants) if rec["plover"] == "CONSULT" else None
    actors = [p for p in participants if p != host]
    et = event_types().types.get(rec["type"])
    modes = [et.mode] if et is not None and et.mode and rec["status"] == "occurred" else []
    return {
        "rec": rec,
        "date": rec["date"],
        "actor": [ents.obj(p) for p in actors],
        "recipient": [ents.obj(host)] if host else [],
        "mode": modes,
        "context": [],
        "trigger": None,
        "evidence": evidence,
        "type": rec["type"],
    }


def _events(
    store: Store, ents: _Entities, texts: _Texts, spoken: set[str]
) -> Iterator[dict[str, Any]]:
    for r in store.iterate(
        "SELECT e.*, d.published FROM events e JOIN documents d ON d.id = e.doc "
        "WHERE e.plover != '' ORDER BY e.doc, e.id"
    ):
        if r["id"] in spoken:
            continue
        evidence = texts.check(f"event {r['id']}", r["evidence"])
        item = _event_item(ents, r, json.loads(r["participants"]), evidence)
        if item is not None:
            yield item


def _merged(
    store: Store, ents: _Entities, texts: _Texts, spoken: set[str]
) -> Iterator[dict[str, Any]]:
    """One item per merged event: the representative's codes, every report's evidence."""
    published = dict(store.query("SELECT id, published FROM documents"))
    for m in store.merged_events():
        if not m.plover or all(e in spoken for e in m.events):
            continue
        rec = {
            "id": m.id,
            "published": published.get(m.doc),
            "plover": m.plover,
            "cameo": m.cameo,
            "status": m.status,
            "location": m.location,
            "type": m.type,
            "date": m.date,
        }
        evidence = json.dumps([e.as_dict() for e in m.evidence], ensure_ascii=False)
        item = _event_item(
            ents, rec, list(m.participants), texts.check(f"merged event {m.id}", evidence)
        )
        if item is not None:
            item["documents"] = list(m.docs)
            yield item


def _told(store: Store, spoken: set[str]) -> dict[str, list[tuple[int, int, str]]]:
    """Per document, the sentences and categories of the events that have lines."""
    out: dict[str, list[tuple[int, int, str]]] = {}
    for r in store.iterate("SELECT id, doc, plover, evidence FROM events WHERE plover != ''"):
        if r["id"] not in spoken:
            for e in json.loads(r["evidence"]):
                out.setdefault(e["doc"], []).append((e["start"], e["end"], r["plover"]))
    return out


def _actions(
    store: Store, ents: _Entities, texts: _Texts, spoken: set[str]
) -> Iterator[dict[str, Any]]:
    told = _told(store, spoken)
    for r in store.iterate(
        "SELECT a.*, d.published FROM actions a JOIN documents d ON d.id = a.doc "
        "ORDER BY a.doc, a.id"
    ):
        at = json.loads(r["trigger"])["start"]
        if any(a <= at < b and cat == r["plover"] for a, b, cat in told.get(r["doc"], ())):
            continue
        actors = [ents.obj(p, r["actor_text"]) for p in json.loads(r["actors"])]
        actors = actors or _text_only(r["actor_text"])
        if not actors:
            continue
        recipients = [ents.obj(p, r["recipient_text"]) for p in json.loads(r["recipients"])]
        yield {
            "rec": r,
            "date": r["date"],
            "actor": actors,
            "recipient": recipients or _text_only(r["recipient_text"]),
            "mode": [r["mode"]] if r["mode"] else [],
            "context": json.loads(r["context"]),
            "trigger": json.loads(r["trigger"]),
            "evidence": texts.check(f"action {r['id']}", r["evidence"]),
            "type": "action",
        }


def _line_of(item: dict[str, Any], docs: Callable[[str], dict[str, Any]]) -> dict[str, Any] | None:
    r = item["rec"]
    date, enddate = _day(item["date"])
    if date is None:
        date, enddate = _day(r["published"])
    if date is None:
        return None
    ev = item["evidence"][0]
    doc = docs(ev["doc"])
    out: dict[str, Any] = {"id": r["id"], "date": date}
    if enddate:
        out["enddate"] = enddate
    out["actor"] = item["actor"]
    if item["recipient"]:
        out["recipient"] = item["recipient"]
    out["event"] = [r["plover"]]
    if item["trigger"]:
        out["event_text"] = [item["trigger"]["quote"]]
    if item["mode"]:
        out["mode"] = item["mode"]
    if item["context"]:
        out["context"] = item["context"]
    out["text"] = ev["quote"]
    out["text_info"] = {"start": ev["start"], "end": ev["end"]}
    out["cite_info"] = {
        "citation": ev["doc"],
        "url": doc.get("url"),
        "title": doc.get("title"),
        "publication": doc.get("publisher"),
        "language": doc.get("language"),
        "coder": CODER,
        "codebook": CODEBOOK,
        "doc": ev["doc"],
        "start": ev["start"],
        "end": ev["end"],
        "quote": ev["quote"],
    }
    out["coder"] = CODER
    out["cameo"] = r["cameo"]
    out["type"] = item["type"]
    out["status"] = r["status"]
    if "documents" in item:
        out["reports"] = len(item["documents"])
        out["documents"] = item["documents"]
        out["evidence"] = item["evidence"]
    return out


def write_plover(
    store: Store, out: Out, kb: KnowledgeBase | None = None, merged: bool = False
) -> tuple[int, int]:
    """Write the PLOVER lines, one per report of an event or, with ``merged``, one per merged
    event (however many documents report it), then one per coded action; returns (lines
    written, records left out for want of a day)."""
    ents = _Entities(store, kb or load_kb())
    texts = _Texts(store)
    spoken = spoken_for(store)
    meta: dict[str, dict[str, Any]] = {}

    def docs(doc_id: str) -> dict[str, Any]:
        if doc_id not in meta:
            row = store.first(
                "SELECT url, title, publisher, language FROM documents WHERE id=?", (doc_id,)
            )
            meta[doc_id] = dict(row) if row else {}
        return meta[doc_id]

    written = skipped = 0
    with _opened(out) as f:
        events = _merged if merged else _events
        for source in (events(store, ents, texts, spoken), _actions(store, ents, texts, spoken)):
            for item in source:
                line = _line_of(item, docs)
                if line is None:
                    skipped += 1
                    continue
                _line(f, line)
                written += 1
    return written, skipped


def export_plover(store: Store, out: Out, merged: bool = False) -> int:
    """Write the PLOVER lines; returns the number written."""
    return write_plover(store, out, merged=merged)[0]
