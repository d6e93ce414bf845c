"""Answers about what states say and promise, from positions, plans, events and links (the first
steps of ``answer.ask``'s cascade):

1. a position ("What is Russia's position on the Caspian?", "What does Kazakhstan think about
   sanctions?") reads the positions of the state named first (and of those holding its posts)
   that speak of the rest of the question: its other states as targets, its words in the topic
   or the sentence;
2. a discussion ("What did Lavrov and Tleuberdi discuss?") reads the documents reporting an event
   of both and quotes their sentences that say what was discussed;
3. an outcome ("Was the ferry line opened?", "Has the forum been held?") finds the plan the
   question's words describe and answers from its links: fulfilled (by which document),
   postponed, restated only, or overdue.
Each quotes the sentences it rests on; each answers None when the record has nothing to say, so
that the cascade goes on.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bilateral.kb import KnowledgeBase
from bilateral.query.filters import Where
from bilateral.query.question import Answer, Question, analyse, human_date, is_entity_word, stem
from bilateral.query.statements import POSITIONS, plan_filter, plans_listing, side
from bilateral.store import Store

SHOWN = 5
_POSITION = re.compile(
    r"\b(position|stance|view|views|attitude|opinion|think|thinks|say|said|says|feel)\b"
    r".*\b(on|of|about|towards?|regarding|concerning)\b",
    re.IGNORECASE,
)
_DISCUSS = re.compile(r"\b(discuss(ed|es|ion|ions)?|talk(ed|s)? about|agenda)\b", re.IGNORECASE)
_OUTCOME = re.compile(
    r"^\s*(was|were|has|have|had|did)\b.*\b(\w+ed|carried out|held|done|built|kept|made|"
    r"set up|begun|happen|take place|took place|open|start|begin)\b",
    re.IGNORECASE,
)
# Words that ask, rather than say what about.
_ASKING = frozenset(
    """position stance view views attitude opinion think thinks say said says feel discuss
    discussed discussion discussions talk talked talks agenda carried out implemented fulfilled
    held opened done happen happened take place took realised realized complete completed built
    launched kept achieved delivered open signed regarding concerning towards toward does
    was were has have had is are did""".split()
)
# Sentences of a report that say what was discussed.
_DISCUSSED = re.compile(
    r"\b(discuss(ed|ing)?|exchanged views|talks? (on|about|focused)|focused on|agenda|"
    r"consider(ed)?|review(ed)?|addressed|touched (up)?on)\b",
    re.IGNORECASE,
)


_AGENTS = re.compile(
    r"\b(the sides|the parties|the ministers|the leaders|the presidents|the two|both|they|we)\b",
    re.IGNORECASE,
)


def _topic(q: Question, kb: KnowledgeBase | None = None) -> list[str]:
    """The stems of what the question is about. With ``kb`` the names of things it holds count
    too ("the branch of MGIMO in Astana"), but not those of states, which every plan names."""
    out = []
    for w in q.words:
        if w in _ASKING:
            continue
        if is_entity_word(w, q) and (kb is None or _is_state_word(w, kb)):
            continue
        out.append(stem(w))
    return out


def _is_state_word(word: str, kb: KnowledgeBase) -> bool:
    """Whether a word names a state ("russia", "kazakhstan", "russian")."""
    name = word.capitalize()
    return any(h.id.startswith("country:") for h in kb.lookup(name)) or bool(
        kb.country_by_adjective(name)
    )


def _hits(topic: list[str], text: str) -> int:
    have = {stem(w) for w in re.findall(r"[\w’'-]+", text.lower())}
    return sum(1 for w in topic if w in have)


def _quote(item: dict[str, Any]) -> str:
    return " ".join(item["evidence"][0]["quote"].split()) if item["evidence"] else ""


# -- 1. positions ---------------------------------------------------------------------------------
def positions(store: Store, q: Question, kb: KnowledgeBase) -> Answer | None:
    cue = _POSITION.search(q.text)
    if cue is None or not q.entities:
        return None
    # The holder is named before the asking word ("Russia's position on"), the rest after it.
    before = analyse(q.text[: cue.start()], kb).entities
    holder = before[0] if before else q.entities[0]
    others = tuple(e for e in q.entities if e != holder)
    where = Where().among("p.holder", side(store, holder))
    rows = POSITIONS.rows(store, where)
    topic = _topic(q)
    targets = {t for o in others for t in side(store, o)}
    named = _naming(store, rows, others)
    scored = []
    for r in rows:
        about = (r["target"] is not None and r["target"]["id"] in targets) or r["id"] in named
        hits = _hits(topic, f"{r['topic']} {_quote(r)}")
        if about or hits:
            scored.append((-(hits + 2 * about), r["doc_published"] is None, r["doc_published"], r))
    if not scored:
        return None
    scored.sort(key=lambda s: (s[0], s[1], s[2] or ""))
    answer = Answer("")
    parts = []
    for *_, r in scored[:SHOWN]:
        ref = answer.cite(r["evidence"][0], store)
        when = human_date(r["doc_published"]) if r["doc_published"] else "undated"
        parts.append(f"{r['holder']['name']} ({r['stance']}, {when}): “{_quote(r)}” [{ref}]")
        answer.records.append({"kind": "position", **r})
    answer.answer = "; ".join(parts)
    return answer


def _naming(store: Store, rows: list[dict[str, Any]], entities: tuple[str, ...]) -> set[str]:
    """The positions whose sentence names one of ``entities`` (the CSTO a position is about,
    when its target is another)."""
    if not entities:
        return set()
    out = set()
    for r in rows:
        ev = r["evidence"][0] if r["evidence"] else None
        if ev and store.query(
            "SELECT 1 FROM mentions WHERE doc = ? AND start >= ? AND start < ? "
            "AND entity IN (SELECT value FROM json_each(?)) LIMIT 1",
            (ev["doc"], ev["start"], ev["end"], json.dumps(list(entities))),
        ):
            out.add(r["id"])
    return out


# -- 2. discussions -------------------------------------------------------------------------------
def discussions(store: Store, q: Question) -> Answer | None:
    named = [e for e in q.entities if e.startswith(("person:", "country:", "org:"))]
    if not _DISCUSS.search(q.text) or len(named) < 2:
        return None
    sides = [set(side(store, e)) for e in named[:2]]
    docs: dict[str, str | None] = {}
    for r in store.query(
        "SELECT e.doc, e.participants, d.published FROM events e "
        "JOIN documents d ON d.id = e.doc ORDER BY d.published IS NULL, d.published, e.doc"
    ):
        taking_part = set(json.loads(r["participants"]))
        if all(taking_part & s for s in sides):
            docs.setdefault(r["doc"], r["published"])
    answer = Answer("")
    parts: list[str] = []
    topic = _topic(q)
    for doc_id in docs:
        doc = store.get_document(doc_id)
        if doc is None:
            continue
        for s in doc.sentences:
            text = doc.text[s.start : s.end]
            if not _DISCUSSED.search(text) or (topic and not _hits(topic, text)):
                continue
            # Who discussed: the parties named, or the words that stand for them.
            if not _AGENTS.search(text) and not store.query(
                "SELECT 1 FROM mentions WHERE doc = ? AND start >= ? AND start < ? "
                "AND entity IN (SELECT value FROM json_each(?)) LIMIT 1",
                (doc_id, s.start, s.end, json.dumps(sorted(sides[0] | sides[1]))),
            ):
                continue
            ref = answer.cite({"doc": doc_id, "start": s.start, "end": s.end, "quote": text}, store)
            when = human_date(doc.published) if doc.published else "undated"
            parts.append(f"{when}: “{' '.join(text.split())}” [{ref}]")
            answer.records.append(
                {"kind": "sentence", "doc": doc_id, "start": s.start, "end": s.end, "quote": text}
            )
            if len(parts) >= SHOWN:
                break
        if len(parts) >= SHOWN:
            break
    if not parts:
        return None
    answer.answer = "; ".join(parts)
    return answer


# -- 3. outcomes ----------------------------------------------------------------------------------
def outcomes(store: Store, q: Question, kb: KnowledgeBase) -> Answer | None:
    if not _OUTCOME.search(q.text):
        return None
    topic = _topic(q, kb)
    if not topic:
        return None
    best: tuple[int, dict[str, Any]] | None = None
    listing = plans_listing()
    for plan in listing.rows(store, plan_filter(store)):
        hits = _hits(topic, f"{plan['action']} {_quote(plan)}")
        # Most of the question's words must be the plan's: "the forum" alone is any forum.
        if hits * 2 < len(topic) + 1 or (best is not None and hits <= best[0]):
            continue
        best = (hits, plan)
    if best is None:
        return None
    plan = best[1]
    answer = Answer("")
    ref = answer.cite(plan["evidence"][0], store)
    said = f"“{_quote(plan)}” [{ref}]"
    answer.records.append({"kind": "plan", **plan})
    later = [link for link in plan["links"] if link["direction"] == "later"]
    if plan["fulfilled_by"] or plan["status"] == "done":
        parts = [f"Yes. The plan: {said}."]
        for link in plan["fulfilled_by"][:2]:
            n = answer.cite(link["evidence"], store)
            when = human_date(link["doc_published"]) if link["doc_published"] else "undated"
            parts.append(
                f"Done, as a later document says ({when}): “{link['evidence']['quote']}” [{n}]."
            )
    elif plan["postponed_by"]:
        link = plan["postponed_by"][0]
        n = answer.cite(link["evidence"], store)
        parts = [
            f"It was put off. The plan: {said}.",
            f"Later: “{link['evidence']['quote']}” [{n}].",
        ]
    else:
        due = f", due {human_date(plan['due'])}" if plan["due"] else ""
        state = "overdue" if plan["overdue"] else plan["status"].replace("_", " ")
        parts = [f"Not that the documents say ({state}{due}). The plan: {said}."]
        for link in later[:2]:
            n = answer.cite(link["evidence"], store)
            when = human_date(link["doc_published"]) if link["doc_published"] else "undated"
            parts.append(f"Said again {when}: “{link['evidence']['quote']}” [{n}].")
    answer.answer = " ".join(parts)
    return answer
