"""The record as FollowTheMoney entities, one JSON object a line, for Aleph and the FtM tools.

FtM has no schema for a state: a state is the public body that acts for it (``PublicBody`` with
its ``country``), as are ministries and other state bodies; other organisations are
``Organization``, people ``Person``, places ``Address``. A post is a ``Position`` (the title at a
state or body) and each holding of it an ``Occupancy``; an event told by many documents is one
``Event``; that a document names an entity is a ``Documentation``. Documents are ``PlainText``
with their clean text, and every derived entity points at the documents it rests on (``proof``,
``sourceUrl``), so a reader can go from any fact to its source.

The lines are plain dicts in FtM's serialised form (``id``, ``schema``, ``properties`` with lists
of strings), written without the library; the tests validate every line with ``followthemoney``.
Ids are SHA-1 hashes of the record's own ids, so the same record gives the same entities.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

from bilateral.export import Out, _line, _opened
from bilateral.kb import KnowledgeBase, load_kb
from bilateral.store import Store

__all__ = ["export_ftm", "iter_ftm"]

# ISO 639-1 (the record's) to ISO 639-3 (FtM's language type) for the languages documents are in.
_LANGUAGES = {
    "en": "eng", "ru": "rus", "kk": "kaz", "fr": "fra", "de": "deu", "es": "spa", "zh": "zho",
    "ar": "ara", "uk": "ukr", "tl": "tgl", "ky": "kir", "uz": "uzb", "tr": "tur", "it": "ita",
}  # fmt: skip
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Former states whose ISO 3166-1 code FtM's country type writes as its ISO 3166-3 code, or does
# not know (None): FtM rejects the bare two letters.
_FORMER_STATES = {"su": "suhh", "yu": "yucs", "cs": "cshh", "an": "nl", "tp": "tl", "bu": "mm",
                  "yd": None}  # fmt: skip
# Posts held, planned or ended, in the words of FtM's Occupancy status.
_STATUS = {"held": "current", "former": "ended", "planned": "planned"}

Entity = dict[str, Any]


def ftm_id(ref: str) -> str:
    return hashlib.sha1(f"bilateral:{ref}".encode()).hexdigest()


def _entity(schema: str, ref: str, **props: Any) -> Entity:
    """An FtM entity; properties with no value are left out, single values become lists."""
    properties: dict[str, list[str]] = {}
    for name, value in props.items():
        values = value if isinstance(value, list | tuple | set) else [value]
        kept = list(dict.fromkeys(str(v) for v in values if v not in (None, "")))
        if kept:
            properties[name] = kept
    return {"id": ftm_id(ref), "schema": schema, "properties": properties}


def _dates(value: str | None) -> dict[str, str]:
    """FtM date properties of a record date: a day, month or year is ``date``; an interval
    ``2024-01/2024-09`` is ``startDate`` and ``endDate``; seasons and open ends are left out."""
    if not value:
        return {}
    if _DATE.match(value):
        return {"date": value}
    start, _, end = value.partition("/")
    out = {}
    if _DATE.match(start):
        out["startDate"] = start
    if _DATE.match(end):
        out["endDate"] = end
    return out


class _Record:
    """What the lines need to know about entities and documents, read once."""

    def __init__(self, store: Store, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.types: dict[str, tuple[str, str]] = {
            r[0]: (r[1], r[2]) for r in store.iterate("SELECT id, type, name FROM entities")
        }
        self.urls = {r[0]: r[1] for r in store.iterate("SELECT id, url FROM documents") if r[1]}

    def iso2(self, ref: str | None) -> str | None:
        """The ISO code (lower case, as FtM writes countries) of a state, or of the state a
        place or a national body belongs to."""
        e = self.kb.get(ref) if ref else None
        if e is not None and e.type != "country" and e.country:
            e = self.kb.get(e.country)
        if e is None or not e.iso2:
            return None
        code = e.iso2.lower()
        return _FORMER_STATES.get(code, code)

    def schema(self, ref: str) -> str | None:
        kind = self.types.get(ref, ("", ""))[0]
        if kind == "person":
            return "Person"
        if kind == "country":
            return "PublicBody"
        if kind == "organization":
            e = self.kb.get(ref)
            return "PublicBody" if e is not None and e.kind == "state_body" else "Organization"
        if kind == "place":
            return "Address"
        return None

    def name(self, ref: str) -> str:
        return self.types.get(ref, ("", ref))[1]

    def sources(self, docs: list[str]) -> dict[str, Any]:
        return {"proof": [ftm_id(d) for d in docs], "sourceUrl": [self.urls.get(d) for d in docs]}


def iter_ftm(store: Store, kb: KnowledgeBase | None = None) -> Iterator[Entity]:
    """Documents, entities, posts and their holders, events, then which documents name whom."""
    rec = _Record(store, kb if kb is not None else load_kb())
    q = store.iterate
    # 1. Documents, with their text: Aleph indexes it, and every other line points here.
    for r in q(
        "SELECT id, source, url, title, published, publisher, language, text FROM documents "
        "ORDER BY rowid"
    ):
        yield _entity(
            "PlainText",
            r["id"],
            title=r["title"],
            fileName=PurePath(r["source"]).name,
            sourceUrl=r["url"],
            publishedAt=r["published"] if r["published"] and _DATE.match(r["published"]) else None,
            publisher=r["publisher"],
            language=_LANGUAGES.get(r["language"]),
            bodyText=r["text"],
        )
    # 2. Entities. Places are addresses: FtM's events name their location as an address.
    for r in q("SELECT id, name, aliases, wikidata FROM entities ORDER BY id"):
        schema = rec.schema(r["id"])
        if schema is None:
            continue
        aliases = [a for a in json.loads(r["aliases"]) if a != r["name"]]
        if schema == "Address":
            yield _entity(schema, r["id"], full=r["name"], country=rec.iso2(r["id"]))
            continue
        country = rec.iso2(r["id"])
        props: dict[str, Any] = {"name": r["name"], "alias": aliases, "wikidataId": r["wikidata"]}
        if schema != "Person":  # a person's state is what their posts say (Position.country)
            props["country"] = country
            props["jurisdiction"] = country
        yield _entity(schema, r["id"], **props)
    # 3. Posts: one Position per title at a state or body, one Occupancy per holding of it.
    positions: dict[tuple[str, str | None], Entity] = {}
    holdings: dict[tuple[str, ...], dict[str, Any]] = {}
    for r in q(
        "SELECT doc, person, title, of, as_of, start_date, end_date, status FROM roles "
        "ORDER BY doc, rowid"
    ):
        if rec.schema(r["person"]) != "Person":
            continue
        of = r["of"] if r["of"] and rec.schema(r["of"]) in ("PublicBody", "Organization") else None
        key = (r["title"], of)
        if key not in positions:
            body = rec.name(of) if of else ""
            name = f"{r['title']}, {body}" if body and body not in r["title"] else r["title"]
            positions[key] = _entity(
                "Position",
                f"position|{r['title']}|{of}",
                name=name,
                country=rec.iso2(of),
                organization=ftm_id(of) if of else None,
            )
        status = _STATUS.get(r["status"], "current")
        held = (
            r["person"],
            r["title"],
            of or "",
            r["start_date"] or "",
            r["end_date"] or "",
            status,
        )
        h = holdings.setdefault(held, {"docs": [], "as_of": []})
        h["docs"].append(r["doc"])
        h["as_of"].append(r["as_of"])
    yield from positions.values()
    for (person, title, of, start, end, status), h in holdings.items():
        docs = list(dict.fromkeys(h["docs"]))
        yield _entity(
            "Occupancy",
            "occupancy|" + "|".join((person, title, of, start, end, status)),
            holder=ftm_id(person),
            post=positions[(title, of or None)]["id"],
            startDate=start if _DATE.match(start) else None,
            endDate=end if _DATE.match(end) else None,
            date=[d for d in h["as_of"] if d and _DATE.match(d)],
            status=status,
            **rec.sources(docs),
        )
    # 4. Events, each once however many documents tell it (store/merged.py).
    for m in store.merged_events():
        involved = [p for p in m.participants if rec.schema(p) not in (None, "Address")]
        names = ", ".join(rec.name(p) for p in involved[:4])
        label = m.type.replace("_", " ").capitalize() + (f": {names}" if names else "")
        yield _entity(
            "Event",
            m.id,
            name=label + (f" ({m.date})" if m.date else ""),
            summary=m.evidence[0].quote if m.evidence else None,
            location=rec.name(m.location) if m.location else None,
            country=[
                rec.iso2(p) for p in m.participants if rec.types.get(p, ("",))[0] == "country"
            ],
            involved=[ftm_id(p) for p in involved],
            recordId=m.id,
            **_dates(m.date),
            **rec.sources(list(m.docs)),
        )
    # 5. Which documents name which entities (one line per pair, not per mention).
    for r in q("SELECT DISTINCT doc, entity FROM mentions ORDER BY doc, entity"):
        if rec.schema(r["entity"]) is None:
            continue
        yield _entity(
            "Documentation",
            f"documentation|{r['doc']}|{r['entity']}",
            document=ftm_id(r["doc"]),
            entity=ftm_id(r["entity"]),
            role="mentioned",
            sourceUrl=rec.urls.get(r["doc"]),
        )


def export_ftm(store: Store, out: Out, kb: KnowledgeBase | None = None) -> int:
    """Write the FtM entities as JSON lines; returns the number of lines."""
    n = 0
    with _opened(out) as f:
        for entity in iter_ftm(store, kb):
            _line(f, entity)
            n += 1
    return n
