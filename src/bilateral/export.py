"""The record out of the database: JSON lines (the contract in docs/export.md), CSV tables,
and a GraphML actor graph (the PLOVER export is bilateral.plover).

Every writer streams rows from SQLite cursors, holding one document's text at a time, so an export
of a large record needs little memory. Before a quote leaves, it is checked against the stored
text at its offsets: a mismatch is an upstream bug, and exporting it would cite words that are not
there, so the export stops with an ``ExportError`` naming the item.
"""

from __future__ import annotations

import csv
import heapq
import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import combinations
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import escape, quoteattr

from bilateral.store import Store

__all__ = [
    "CSV_TABLES",
    "ExportError",
    "export_csv",
    "export_graphml",
    "export_jsonl",
    "iter_records",
]

Out = TextIO | str | Path
CSV_TABLES = ("events", "merged_events", "claims", "agreements", "roles", "entities")
LIST_SEPARATOR = "; "


class ExportError(Exception):
    """The record holds an item the export must not write (a quote that is not the text)."""


@contextmanager
def _opened(out: Out) -> Iterator[TextIO]:
    """A stream as given, or a file created for the export and removed if the export fails."""
    if not isinstance(out, str | Path):
        yield out
        return
    path = Path(out)
    try:
        with path.open("w", encoding="utf-8", newline="") as f:
            yield f
    except BaseException:
        path.unlink(missing_ok=True)
        raise


class _Texts:
    """Document texts for checking quotes, one held at a time (rows arrive grouped by doc)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.doc: str | None = None
        self.text: str | None = None

    def get(self, doc_id: str) -> str | None:
        if doc_id != self.doc:
            found = self.store.first("SELECT text FROM documents WHERE id=?", (doc_id,))
            self.doc, self.text = doc_id, (found[0] if found else None)
        return self.text

    def check(self, what: str, raw: str) -> list[dict[str, Any]]:
        """The evidence list, after checking every quote equals the text at its offsets."""
        items: list[dict[str, Any]] = json.loads(raw)
        for n, ev in enumerate(items):
            text = self.get(ev["doc"])
            if text is None:
                raise ExportError(f"{what}: evidence {n} cites document {ev['doc']} not stored")
            found = text[ev["start"] : ev["end"]]
            if found != ev["quote"]:
                raise ExportError(
                    f"{what}: evidence {n} quote {ev['quote'][:60]!r} is not the text of "
                    f"document {ev['doc']} at {ev['start']}:{ev['end']} ({found[:60]!r}); "
                    "an extraction stage stored a wrong span: re-run `bilateral extract`"
                )
            items[n] = {"doc": ev["doc"], "start": ev["start"], "end": ev["end"], "quote": found}
        return items


def _line(f: TextIO, obj: dict[str, Any]) -> None:
    f.write(json.dumps(obj, ensure_ascii=False))
    f.write("\n")


# -- JSON lines: the contract ---------------------------------------------------------------------
def iter_records(store: Store) -> Iterator[dict[str, Any]]:
    """The export's objects in order: documents, entities, mentions, times, roles, events, agreements,
    claims, positions, plans, within each kind by document, then position; then merged events,
    by date; then links, by the document and position of their ``from``."""
    q = store.iterate
    texts = _Texts(store)
    for r in q(
        "SELECT id, source, title, published, doc_type, publisher, language, original_language, "
        "speakers, url, n_chars FROM documents ORDER BY rowid"
    ):
        yield {"kind": "document", **dict(r), "speakers": json.loads(r["speakers"])}
    for r in q("SELECT id, type, name, aliases, wikidata FROM entities ORDER BY id"):
        yield {"kind": "entity", **dict(r), "aliases": json.loads(r["aliases"])}
    for r in q(
        "SELECT doc, entity, start, end, text FROM mentions ORDER BY doc, start, end, rowid"
    ):
        text = texts.get(r["doc"])
        if text is None or text[r["start"] : r["end"]] != r["text"]:
            raise ExportError(
                f"mention {r['text']!r} of {r['entity']} in document {r['doc']} at "
                f"{r['start']}:{r['end']} is not the text there: re-run `bilateral extract`"
            )
        yield {"kind": "mention", **dict(r)}
    for r in q(
        "SELECT doc, start, end, text, value, precision, relative FROM times "
        "ORDER BY doc, start, end"
    ):
        text = texts.get(r["doc"])
        if text is None or text[r["start"] : r["end"]] != r["text"]:
            raise ExportError(
                f"time {r['text']!r} in document {r['doc']} at {r['start']}:{r['end']} is not "
                "the text there: re-run `bilateral extract`"
            )
        yield {"kind": "time", **dict(r), "relative": bool(r["relative"])}
    for r in q(
        "SELECT doc, person, title, of, as_of, start_date, end_date, status, evidence FROM roles "
        "ORDER BY doc, rowid"
    ):
        what = f"role {r['title']!r} of {r['person']} in document {r['doc']}"
        yield {
            "kind": "role",
            "person": r["person"],
            "title": r["title"],
            "of": r["of"],
            "as_of": r["as_of"],
            "evidence": texts.check(what, r["evidence"]),
            "start": r["start_date"],
            "end": r["end_date"],
            "status": r["status"],
        }
    # Events and coded actions are both event lines, grouped by document together.
    for _, obj in heapq.merge(_events(store, texts), _actions(store, texts), key=lambda x: x[0]):
        yield obj
    for r in q(
        "SELECT id, name, type, signed, parties, evidence, name_original FROM agreements "
        "ORDER BY doc, id"
    ):
        yield {
            "kind": "agreement",
            **dict(r),
            "parties": json.loads(r["parties"]),
            "evidence": texts.check(f"agreement {r['id']}", r["evidence"]),
        }
    for r in q(
        "SELECT id, indicator, value, unit, qualifier, period, subject, speaker, evidence "
        "FROM claims ORDER BY doc, id"
    ):
        yield {
            "kind": "claim",
            **dict(r),
            "subject": json.loads(r["subject"]),
            "evidence": texts.check(f"claim {r['id']}", r["evidence"]),
        }
    for r in q(
        "SELECT id, holder, stance, target, topic, evidence FROM positions ORDER BY doc, rowid"
    ):
        yield {
            "kind": "position",
            **dict(r),
            "evidence": texts.check(f"position {r['id']}", r["evidence"]),
        }
    for r in q("SELECT id, holders, action, due, status, evidence FROM plans ORDER BY doc, rowid"):
        yield {
            "kind": "plan",
            **dict(r),
            "holders": json.loads(r["holders"]),
            "evidence": texts.check(f"plan {r['id']}", r["evidence"]),
        }

    for m in store.merged_events():
        evidence = json.dumps([e.as_dict() for e in m.evidence], ensure_ascii=False)
        yield {
            "kind": "merged_event",
            "id": m.id,
            "type": m.type,
            "date": m.date,
            "date_precision": m.date_precision,
            "status": m.status,
            "location": m.location,
            "modality": m.modality,
            "participants": list(m.participants),
            "plover": m.plover,
            "cameo": m.cameo,
            "reports": len(m.docs),
            "documents": list(m.docs),
            "events": list(m.events),
            "evidence": texts.check(f"merged event {m.id}", evidence),
        }
    for link in store.links():
        ends = json.dumps([link.from_evidence.as_dict(), link.to_evidence.as_dict()])
        src, dst = texts.check(f"link {link.id}", ends)
        yield {
            "kind": "link",
            "id": link.id,
            "relation": link.relation,
            "from": src,
            "to": dst,
            "from_kind": link.from_kind,
            "from_item": link.from_item,
            "to_kind": link.to_kind,
            "to_item": link.to_item,
            "score": link.score,
            "terms": list(link.terms),
        }


def spoken_for(store: Store) -> set[str]:
    """The events whose PLOVER category a coded action of their sentence replaces.

    An event coder codes the act a sentence's verb reports. Where the action coder codes a verb
    of the sentence in which the events stage found an event, and none of those verbs codes the
    event's own category, the event is what the verb is about or when it happened ("rejected an
    invitation to the meeting", "demanded ... at the talks", "agreed, with the signing of ..."),
    not an act of its own: the action is the sentence's PLOVER record. An event whose category
    a verb of its sentence codes too ("met", "visited") keeps it."""
    verbs: dict[str, list[tuple[int, str]]] = {}
    for r in store.iterate("SELECT doc, plover, trigger FROM actions"):
        verbs.setdefault(r["doc"], []).append((json.loads(r["trigger"])["start"], r["plover"]))
    out: set[str] = set()
    for r in store.iterate("SELECT id, doc, plover, evidence FROM events WHERE plover != ''"):
        if r["doc"] not in verbs:
            continue
        spans = [(e["start"], e["end"]) for e in json.loads(r["evidence"]) if e["doc"] == r["doc"]]
        cats = {cat for at, cat in verbs[r["doc"]] if any(a <= at < b for a, b in spans)}
        if cats and r["plover"] not in cats:
            out.add(r["id"])
    return out


def _events(store: Store, texts: _Texts) -> Iterator[tuple[str, dict[str, Any]]]:
    spoken = spoken_for(store)
    for r in store.iterate(
        "SELECT id, doc, type, date, date_precision, status, location, modality, participants, "
        "plover, cameo, evidence FROM events ORDER BY doc, id"
    ):
        row = dict(r)
        del row["doc"]
        if r["id"] in spoken:
            row["plover"] = row["cameo"] = ""
        row["participants"] = json.loads(r["participants"])
        row["evidence"] = texts.check(f"event {r['id']}", r["evidence"])
        yield r["doc"], {"kind": "event", **row}


def _actions(store: Store, texts: _Texts) -> Iterator[tuple[str, dict[str, Any]]]:
    """Coded actions are event lines of type ``action``: the same fields (participants are the
    actors, then the recipients), and their own (mode, context, actors, recipients, trigger)."""
    for r in store.iterate(
        "SELECT id, doc, plover, cameo, mode, context, actors, recipients, actor_text, "
        "recipient_text, date, status, trigger, evidence FROM actions ORDER BY doc, id"
    ):
        actors, recipients = json.loads(r["actors"]), json.loads(r["recipients"])
        yield (
            r["doc"],
            {
                "kind": "event",
                "id": r["id"],
                "type": "action",
                "date": r["date"],
                "date_precision": None,
                "status": r["status"],
                "location": None,
                "modality": None,
                "participants": list(dict.fromkeys(actors + recipients)),
                "plover": r["plover"],
                "cameo": r["cameo"],
                "evidence": texts.check(f"action {r['id']}", r["evidence"]),
                "mode": r["mode"],
                "context": json.loads(r["context"]),
                "actors": actors,
                "recipients": recipients,
                "actor_text": r["actor_text"],
                "recipient_text": r["recipient_text"],
                "trigger": json.loads(r["trigger"]),
            },
        )


def export_jsonl(store: Store, out: Out) -> int:
    """Write the record as JSON lines (see docs/export.md); returns the number of lines."""
    n = 0
    with _opened(out) as f:
        for obj in iter_records(store):
            _line(f, obj)
            n += 1
    return n


# -- names, for the human-facing formats ----------------------------------------------------------
def _names(store: Store) -> Callable[[str | None], str]:
    """Entity id -> name (one query; ids not in the table stand for themselves)."""
    table = {r[0]: r[1] for r in store.iterate("SELECT id, name FROM entities")}
    return lambda ref: "" if ref is None else table.get(ref, ref)


def _first(evidence: list[dict[str, Any]]) -> list[Any]:
    if not evidence:
        return ["", "", "", ""]
    ev = evidence[0]
    return [ev["quote"], ev["doc"], ev["start"], ev["end"]]


def _joined(items: list[str]) -> str:
    return LIST_SEPARATOR.join(items)


# -- CSV ------------------------------------------------------------------------------------------
def export_csv(store: Store, folder: str | Path) -> dict[str, int]:
    """Write events.csv (one row per report), merged_events.csv (one per real event, with every
    report's evidence), claims.csv, agreements.csv, roles.csv and entities.csv into ``folder``
    (created if needed): lists joined with "; ", evidence as its first quote, doc and offsets.
    Returns the number of rows of each file."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    name = _names(store)
    texts = _Texts(store)
    q = store.iterate
    evidence = ["quote", "doc", "start", "end"]
    counts: dict[str, int] = {}

    def table(file: str, header: list[str], rows: Iterator[list[Any]]) -> None:
        n = 0
        with _opened(out / file) as f:
            # Every text field quoted, numbers bare: codes such as CAMEO "036" and ids made of
            # digits are text, and a reader that honours quotes keeps their zeros.
            w = csv.writer(f, quoting=csv.QUOTE_NONNUMERIC)
            w.writerow(header)
            for row in rows:
                w.writerow(row)
                n += 1
        counts[file] = n

    def events() -> Iterator[list[Any]]:
        for r in q("SELECT * FROM events ORDER BY date IS NULL, date, doc, id"):
            parts = json.loads(r["participants"])
            ev = texts.check(f"event {r['id']}", r["evidence"])
            yield [
                r["id"],
                r["type"],
                r["date"],
                r["date_precision"],
                r["status"],
                name(r["location"]),
                r["location"],
                r["modality"],
                _joined([name(p) for p in parts]),
                _joined(parts),
                r["plover"],
                r["cameo"],
                *_first(ev),
            ]

    def claims() -> Iterator[list[Any]]:
        for r in q("SELECT * FROM claims ORDER BY indicator, period, doc, id"):
            subject = json.loads(r["subject"])
            ev = texts.check(f"claim {r['id']}", r["evidence"])
            yield [
                r["id"],
                r["indicator"],
                r["value"],
                r["unit"],
                r["qualifier"],
                r["period"],
                _joined([name(s) for s in subject]),
                _joined(subject),
                name(r["speaker"]),
                *_first(ev),
            ]

    def agreements() -> Iterator[list[Any]]:
        for r in q("SELECT * FROM agreements ORDER BY signed IS NULL, signed, name, id"):
            parties = json.loads(r["parties"])
            ev = texts.check(f"agreement {r['id']}", r["evidence"])
            yield [
                r["id"],
                r["name"],
                r["type"],
                r["signed"],
                _joined([name(p) for p in parties]),
                _joined(parties),
                *_first(ev),
                r["name_original"],
            ]

    def roles() -> Iterator[list[Any]]:
        for r in q("SELECT * FROM roles ORDER BY person, as_of IS NULL, as_of, doc, rowid"):
            ev = texts.check(f"role {r['title']!r} of {r['person']}", r["evidence"])
            yield [
                name(r["person"]),
                r["person"],
                r["title"],
                name(r["of"]),
                r["of"],
                r["as_of"],
                r["source"],
                *_first(ev),
                r["start_date"],
                r["end_date"],
                r["status"],
            ]

    def entities() -> Iterator[list[Any]]:
        for r in q(
            "SELECT e.id, e.type, e.name, e.aliases, e.wikidata, e.in_kb, "
            "coalesce(m.n, 0) AS n_mentions, coalesce(m.d, 0) AS n_docs FROM entities e "
            "LEFT JOIN (SELECT entity, count(*) AS n, count(DISTINCT doc) AS d FROM mentions "
            "GROUP BY entity) m ON m.entity = e.id ORDER BY n_mentions DESC, e.name, e.id"
        ):
            yield [
                r["id"],
                r["type"],
                r["name"],
                _joined(json.loads(r["aliases"])),
                r["wikidata"],
                r["in_kb"],
                r["n_mentions"],
                r["n_docs"],
            ]

    table(
        "events.csv",
        [
            *("id type date date_precision status location location_id modality".split()),
            *("participants participant_ids plover cameo".split()),
            *evidence,
        ],
        events(),
    )

    def merged() -> Iterator[list[Any]]:
        """One row per merged event: its representative's columns, how many documents report
        it, and every report's evidence (quotes, documents, offsets joined in one order)."""
        for m in store.merged_events():
            evidence = json.dumps([e.as_dict() for e in m.evidence], ensure_ascii=False)
            ev = texts.check(f"merged event {m.id}", evidence)
            yield [
                m.id,
                m.type,
                m.date,
                m.date_precision,
                m.status,
                name(m.location),
                m.location,
                m.modality,
                _joined([name(p) for p in m.participants]),
                _joined(list(m.participants)),
                m.plover,
                m.cameo,
                *_first(ev),
                len(m.docs),
                _joined(list(m.docs)),
                _joined(list(m.events)),
                _joined([e["quote"] for e in ev]),
                _joined([f"{e['doc']}:{e['start']}-{e['end']}" for e in ev]),
            ]

    table(
        "merged_events.csv",
        [
            *("id type date date_precision status location location_id modality".split()),
            *("participants participant_ids plover cameo".split()),
            *evidence,
            *("reports documents events quotes citations".split()),
        ],
        merged(),
    )
    table(
        "claims.csv",
        [
            *("id indicator value unit qualifier period subject subject_ids speaker".split()),
            *evidence,
        ],
        claims(),
    )
    table(
        "agreements.csv",
        ["id", "name", "type", "signed", "parties", "party_ids", *evidence, "name_original"],
        agreements(),
    )
    table(
        "roles.csv",
        [
            *("person person_id title of of_id as_of source".split()),
            *evidence,
            *("role_start role_end status".split()),
        ],
        roles(),
    )
    table(
        "entities.csv",
        ["id", "type", "name", "aliases", "wikidata", "in_kb", "n_mentions", "n_docs"],
        entities(),
    )
    return counts


# -- GraphML --------------------------------------------------------------------------------------
def _co_mentions(store: Store) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """Pairs of entities named in one sentence: (documents, sentences) where that happens.

    Sentences, not documents: a long speech names fifty entities, and every pair of them is not a
    relation; on the corpus the document pairs are ten times as many and mostly noise."""
    docs: Counter[tuple[str, str]] = Counter()
    sentences: Counter[tuple[str, str]] = Counter()

    def close(groups: dict[int, set[str]]) -> None:
        in_doc: set[tuple[str, str]] = set()
        for group in groups.values():
            for pair in combinations(sorted(group), 2):
                sentences[pair] += 1
                in_doc.add(pair)
        docs.update(in_doc)

    current: str | None = None
    starts: list[int] = []
    groups: dict[int, set[str]] = {}
    for doc, entity, start in store.iterate(
        "SELECT doc, entity, start FROM mentions ORDER BY doc, start"
    ):
        if doc != current:
            close(groups)
            current, groups = doc, {}
            row = store.first("SELECT segments FROM documents WHERE id=?", (doc,))
            starts = [s[0] for s in json.loads(row[0])["sentences"]] if row else []
        groups.setdefault(bisect_right(starts, start) - 1, set()).add(entity)
    close(groups)
    return docs, sentences


def export_graphml(store: Store, out: Out) -> tuple[int, int]:
    """The actor graph as GraphML: entities are nodes (type, name, wikidata); an undirected edge
    joins two entities that take part in the same events or are named in the same sentence, with
    ``events``, ``docs`` (documents with such a sentence), ``sentences`` and ``weight`` = events +
    docs. Returns (nodes, edges)."""
    q = store.iterate
    events: Counter[tuple[str, str]] = Counter()
    # Events counted once however many documents report them (store/merged.py).
    for (raw,) in q("SELECT participants FROM merged_events"):
        for a, b in combinations(sorted(set(json.loads(raw))), 2):
            events[(a, b)] += 1
    docs, sentences = _co_mentions(store)
    edges = sorted(set(events) | set(docs))
    n_nodes = 0
    with _opened(out) as f:
        f.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
            '  <key id="type" for="node" attr.name="type" attr.type="string"/>\n'
            '  <key id="name" for="node" attr.name="name" attr.type="string"/>\n'
            '  <key id="wikidata" for="node" attr.name="wikidata" attr.type="string"/>\n'
            '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n'
            '  <key id="events" for="edge" attr.name="events" attr.type="int"/>\n'
            '  <key id="docs" for="edge" attr.name="docs" attr.type="int"/>\n'
            '  <key id="sentences" for="edge" attr.name="sentences" attr.type="int"/>\n'
            '  <graph id="record" edgedefault="undirected">\n'
        )

        def node(node_id: str, kind: str, label: str, wikidata: str | None) -> None:
            f.write(
                f"    <node id={quoteattr(node_id)}>"
                f'<data key="type">{escape(kind)}</data>'
                f'<data key="name">{escape(label)}</data>'
                + (f'<data key="wikidata">{escape(wikidata)}</data>' if wikidata else "")
                + "</node>\n"
            )

        known: set[str] = set()
        for r in q("SELECT id, type, name, wikidata FROM entities ORDER BY id"):
            node(r["id"], r["type"], r["name"], r["wikidata"])
            known.add(r["id"])
        # Participants the entities table lacks still need a node for their edges to be valid.
        for ref in sorted({x for pair in edges for x in pair} - known):
            node(ref, ref.split(":", 1)[0], ref, None)
            known.add(ref)
        n_nodes = len(known)
        for a, b in edges:
            e, d = events[(a, b)], docs[(a, b)]
            f.write(
                f"    <edge source={quoteattr(a)} target={quoteattr(b)}>"
                f'<data key="weight">{float(e + d)}</data>'
                f'<data key="events">{e}</data><data key="docs">{d}</data>'
                f'<data key="sentences">{sentences[(a, b)]}</data></edge>\n'
            )
        f.write("  </graph>\n</graphml>\n")
    return n_nodes, len(edges)
