"""A dossier of a relationship between two states: self-contained, every statement footnoted.

The report is built as a list of sections of footnoted lines first (one model), then rendered to
Markdown or to a single HTML file with inline SVG charts; nothing in it refers to the network.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from bilateral import charts
from bilateral.kb import KnowledgeBase
from bilateral.query.dashboard import memberships, pair_indicators
from bilateral.query.question import human_date, human_period, human_value
from bilateral.query.statements import plan_filter, plans_listing, said_about
from bilateral.store import Store


class ReportError(ValueError):
    pass


@dataclass
class Footnotes:
    items: list[dict[str, Any]] = field(default_factory=list)
    _index: dict[tuple[str, int, int], int] = field(default_factory=dict)

    def ref(self, evidence: list[dict[str, Any]]) -> list[int]:
        out = []
        for e in evidence[:2]:
            key = (e["doc"], e["start"], e["end"])
            if key not in self._index:
                self.items.append(e)
                self._index[key] = len(self.items)
            out.append(self._index[key])
        return out


@dataclass
class Section:
    title: str
    lines: list[tuple[str, list[int]]] = field(default_factory=list)
    chart: list[tuple[str, float]] | None = None
    chart_label: str = ""
    charts: list[tuple[str, Markup]] = field(default_factory=list)  # (title, chart) per indicator


@dataclass
class Dossier:
    a: dict[str, Any]
    b: dict[str, Any]
    date_from: str | None
    date_to: str | None
    sections: list[Section]
    notes: Footnotes
    documents: dict[str, dict[str, Any]]


def _entity(store: Store, ref: str) -> dict[str, Any]:
    from bilateral.query.records import find_entity

    entity_id = find_entity(store, ref)
    if entity_id is None:
        raise ReportError(
            f"no entity {ref!r} in the record: see `bilateral entities --type country`"
        )
    rows = store.query("SELECT id, name, type FROM entities WHERE id=?", (entity_id,))
    return dict(rows[0])


def _in_range(date: str | None, date_from: str | None, date_to: str | None) -> bool:
    if date is None:
        return date_from is None and date_to is None
    if date_from and date < date_from[: len(date)]:
        return False
    return not (date_to and date[: len(date_to)] > date_to)


def build(
    store: Store,
    a: str,
    b: str,
    date_from: str | None = None,
    date_to: str | None = None,
    kb: KnowledgeBase | None = None,
) -> Dossier:
    """The dossier of states ``a`` and ``b``; with ``kb``, the organisations both belong to at
    the end of the period (``date_to``, else the date of the latest document)."""
    ea, eb = _entity(store, a), _entity(store, b)
    pair = {ea["id"], eb["id"]}
    names = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM entities")}
    notes = Footnotes()
    # Documents that mention both sides are the relationship's documents.
    docs_a = {
        r[0] for r in store.query("SELECT DISTINCT doc FROM mentions WHERE entity=?", (ea["id"],))
    }
    docs_b = {
        r[0] for r in store.query("SELECT DISTINCT doc FROM mentions WHERE entity=?", (eb["id"],))
    }
    doc_ids = docs_a & docs_b
    documents = {
        r["id"]: dict(r)
        for r in store.query("SELECT id, title, published, doc_type, source FROM documents")
        if r["id"] in doc_ids
    }
    sections: list[Section] = []

    events = Section("Timeline of events")
    per_year: Counter[str] = Counter()
    # Each event once, however many of the pair's documents report it (store/merged.py).
    for r in sorted(
        (
            r
            for r in store.query("SELECT * FROM merged_events")
            if doc_ids.intersection(json.loads(r["documents"]))
        ),
        key=lambda r: (r["date"] or "9999", r["type"], r["id"]),
    ):
        parts = set(json.loads(r["participants"]))
        if not parts & pair or not _in_range(r["date"], date_from, date_to):
            continue
        who = ", ".join(names.get(p, p) for p in json.loads(r["participants"]))
        where = f" in {names.get(r['location'], r['location'])}" if r["location"] else ""
        planned = " (planned)" if r["status"] == "planned" else ""
        told = f"; reported in {r['reports']} documents" if r["reports"] > 1 else ""
        events.lines.append(
            (
                f"{r['date'] or 'undated'}: {r['type'].replace('_', ' ')}{planned}{where}; {who}"
                f"{told}",
                notes.ref(json.loads(r["evidence"])),
            )
        )
        if r["date"]:
            per_year[r["date"][:4]] += 1
    events.chart = sorted(per_year.items())
    events.chart_label = "events per year"
    sections.append(events)

    figures = Section("Figures")
    # The dashboard's series: claims about either state or about none in particular, each
    # placed in time (its period, else "as of" its document's date), conflicts marked.
    for series in pair_indicators(store, ea["id"], eb["id"], sorted(doc_ids)):
        points = []
        for v in series["values"]:
            start = (v["period"] or v.get("doc_published") or "")[:10].split("/")[0]
            if start and not _in_range(start, date_from, date_to):
                continue
            qual = f"{v['qualifier']} " if v["qualifier"] else ""
            when = f" ({human_period(v['period'])})" if v["period"] else ""
            if not v["period"] and v.get("doc_published"):
                when = f" (as of {human_date(v['doc_published'])})"
            flag = " — conflicts with another source for this period" if v["conflict"] else ""
            line = f"{v['indicator']}: {qual}{human_value(v['value'], v['unit'])}{when}{flag}"
            refs = notes.ref(v["evidence"])
            figures.lines.append((line, refs))
            ref = f"#n{refs[0]}" if refs else None
            points.append(charts.Point(v["when"], float(v["value"]), line, ref, v["conflict"]))
        if len(points) > 1:
            title = f"{series['indicator']} ({series['unit']})"
            figures.charts.append((title, charts.line(points, title)))
    sections.append(figures)

    agreements = Section("Agreements")
    seen: set[str] = set()
    for r in store.query("SELECT * FROM agreements ORDER BY signed IS NULL, signed"):
        if r["doc"] not in doc_ids or r["name"].lower() in seen:
            continue
        seen.add(r["name"].lower())
        signed = f", signed {r['signed']}" if r["signed"] else ""
        agreements.lines.append(
            (f"{r['name']} ({r['type']}{signed})", notes.ref(json.loads(r["evidence"])))
        )
    sections.append(agreements)

    # What each said about the other ("what Russia said about Kazakhstan"), then their plans;
    # each told by its sentence, as the labels extracted are short.
    for speaker, whom in ((ea, eb), (eb, ea)):
        said = Section(f"What {speaker['name']} said about {whom['name']}")
        for pos in said_about(store, speaker["id"], whom["id"], limit=None)["items"]:
            if not _in_range(pos["doc_published"], date_from, date_to):
                continue
            holder = pos["holder"]["name"] if pos["holder"] else speaker["name"]
            said.lines.append(
                (f"{holder} ({pos['stance']}): “{_said(pos)}”", notes.ref(pos["evidence"]))
            )
        sections.append(said)
    plans = Section("Plans and what became of them")
    for plan in plans_listing(date_to).rows(store, plan_filter(store)):
        if plan["doc"] not in doc_ids or not _in_range(plan["doc_published"], date_from, date_to):
            continue
        due = f", due {plan['due']}" if plan["due"] else ""
        later = [
            f"{link['relation']} in {link['doc_published'] or link['doc']}"
            for link in plan["links"]
            if link["direction"] == "later"
        ]
        fate = f"; {', '.join(later)}" if later else ""
        refs = notes.ref(plan["evidence"]) + [
            n for link in plan["fulfilled_by"][:1] for n in notes.ref([link["evidence"]])
        ]
        state = plan["state"].replace("_", " ")
        plans.lines.append((f"“{_said(plan)}” ({state}{due}){fate}", refs))
    sections.append(plans)

    people = Section("People and posts")
    by_person: dict[str, list[Any]] = defaultdict(list)
    for r in store.query("SELECT * FROM roles WHERE source='text'"):
        if r["doc"] in doc_ids and (r["of"] in pair or r["of"] is None):
            by_person[r["person"]].append(r)
    for person, rows in sorted(by_person.items(), key=lambda kv: names.get(kv[0], kv[0])):
        for r in sorted(rows, key=lambda r: r["as_of"] or "")[:3]:
            of = f" of {names.get(r['of'], r['of'])}" if r["of"] else ""
            people.lines.append(
                (
                    f"{names.get(person, person)}: {r['title']}{of} (as of {r['as_of'] or 'undated'})",
                    notes.ref(json.loads(r["evidence"])),
                )
            )
    sections.append(people)

    counts: Counter[str] = Counter()
    first: dict[str, dict[str, Any]] = {}
    for r in store.query("SELECT * FROM mentions WHERE type='organization'"):
        if r["doc"] in doc_ids:
            counts[r["entity"]] += 1
            first.setdefault(
                r["entity"],
                {"doc": r["doc"], "start": r["start"], "end": r["end"], "quote": r["text"]},
            )
    if kb is not None:
        dated = [d["published"] for d in documents.values() if d["published"]]
        as_of = date_to or max(dated, default=None)
        members = Section(
            f"Organisations both belong to (knowledge base, as of {as_of or 'today'})"
        )
        for org in memberships(store, kb, ea["id"], eb["id"], sorted(doc_ids), as_of):
            named = f"named in {org['documents']} of the documents" if org["documents"] else ""
            members.lines.append(
                (
                    f"{org['name']}" + (f": {named}" if named else ""),
                    notes.ref([first[org["id"]]]) if org["id"] in first else [],
                )
            )
        sections.append(members)
    orgs = Section("Organisations named with both")
    for ent, n in counts.most_common(15):
        orgs.lines.append((f"{names.get(ent, ent)}: {n} mentions", notes.ref([first[ent]])))
    sections.append(orgs)
    return Dossier(ea, eb, date_from, date_to, sections, notes, documents)


SAID_CHARS = 200


def _said(item: dict[str, Any]) -> str:
    """An item's sentence, cut at a word past ``SAID_CHARS``."""
    quote = " ".join(item["evidence"][0]["quote"].split()) if item["evidence"] else ""
    if len(quote) <= SAID_CHARS:
        return quote
    return quote[:SAID_CHARS].rsplit(" ", 1)[0] + " …"


def render_markdown(d: Dossier) -> str:
    """The dossier as Markdown. Text from the documents is escaped as HTML: Markdown passes raw
    HTML through, and a page's ``<script>`` or ``<img onerror>`` must stay words in a report."""

    def esc(text: str) -> str:
        return html.escape(text, quote=False)

    out = [f"# {esc(d.a['name'])} – {esc(d.b['name'])}: dossier", ""]
    span = f"{d.date_from or 'start'} to {d.date_to or 'now'}"
    out += [f"{len(d.documents)} documents mention both; period {span}.", ""]
    for s in d.sections:
        out += [f"## {esc(s.title)}", ""]
        if not s.lines:
            out += ["Nothing in the documents.", ""]
        for text, refs in s.lines:
            out.append(f"- {esc(text)}" + "".join(f"[^{n}]" for n in refs))
        out.append("")
    out += ["## Sources", ""]
    for i, e in enumerate(d.notes.items, 1):
        doc = d.documents.get(e["doc"], {})
        quote = esc(" ".join(e["quote"].split()))
        title = esc(" ".join((doc.get("title") or e["doc"]).split()))
        out.append(
            f"[^{i}]: “{quote}” — {title}, {doc.get('published') or 'undated'} "
            f"(doc {e['doc']}, chars {e['start']}–{e['end']})"
        )
    return "\n".join(out) + "\n"


def render_html(d: Dossier) -> str:
    esc = html.escape
    body = [f"<h1>{esc(d.a['name'])} – {esc(d.b['name'])}: dossier</h1>"]
    body.append(
        f"<p>{len(d.documents)} documents mention both; period {esc(d.date_from or 'start')} to {esc(d.date_to or 'now')}.</p>"
    )
    for s in d.sections:
        body.append(f"<h2>{esc(s.title)}</h2>")
        if s.chart:
            body.append(str(charts.bars(s.chart, s.chart_label)))
        for title, chart in s.charts:
            body.append(f"<h3>{esc(title)}</h3>{chart}")
        if not s.lines:
            body.append("<p>Nothing in the documents.</p>")
            continue
        body.append("<ul>")
        for text, refs in s.lines:
            sup = ",".join(f'<a href="#n{n}">{n}</a>' for n in refs)
            sup = f"<sup>{sup}</sup>" if sup else ""
            body.append(f"<li>{esc(text)}{sup}</li>")
        body.append("</ul>")
    body.append("<h2>Sources</h2><ol>")
    for i, e in enumerate(d.notes.items, 1):
        doc = d.documents.get(e["doc"], {})
        body.append(
            f'<li id="n{i}">“{esc(" ".join(e["quote"].split()))}” — {esc(doc.get("title") or e["doc"])}, '
            f"{esc(doc.get('published') or 'undated')} <small>(doc {esc(e['doc'])}, chars {e['start']}–{e['end']})</small></li>"
        )
    body.append("</ol>")
    style = (
        "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "h1{font-size:1.6rem}h2{border-bottom:1px solid #ccc;margin-top:2rem}sup a{text-decoration:none}"
        "li{margin:.2rem 0}small{color:#666}"
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(d.a['name'])} – {esc(d.b['name'])}</title><style>{style}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )
