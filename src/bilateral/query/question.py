"""A question taken apart (the entities, states, dates and content words it names) and the
answer being built for it, with the helpers both sides share: light stems, human dates and values.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from bilateral.kb import KnowledgeBase, normalize_name
from bilateral.store import Store

# The longest question, the same for the command line and the API (which declares it too).
MAX_QUESTION = 500

NOT_FOUND = "Not in the documents."
WORD = re.compile(r"[\w’'-]+")
STOP = frozenset(
    """a an the of in on at to for from by with and or is was were are be been what which who whom
    whose when where why how much many did do does has have had between about during this that
    these those it its their his her there than then as any all tell me please give list
    s between into over under year years""".split()
)


@dataclass
class Answer:
    answer: str
    citations: list[dict[str, Any]] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)

    def cite(self, evidence: dict[str, Any], store: Store) -> int:
        for i, c in enumerate(self.citations):
            if (c["doc"], c["start"], c["end"]) == (
                evidence["doc"],
                evidence["start"],
                evidence["end"],
            ):
                return i + 1
        meta = store.query(
            "SELECT title, published, source FROM documents WHERE id=?", (evidence["doc"],)
        )
        row = meta[0] if meta else None
        self.citations.append(
            {
                "doc": evidence["doc"],
                "start": evidence["start"],
                "end": evidence["end"],
                "quote": evidence["quote"],
                "title": row["title"] if row else None,
                "published": row["published"] if row else None,
                "speaker": speaker_at(store, evidence["doc"], evidence["start"]),
            }
        )
        return len(self.citations)

    def as_dict(self) -> dict[str, Any]:
        return {"answer": self.answer, "citations": self.citations, "records": self.records}


@dataclass(frozen=True)
class Question:
    text: str
    words: tuple[str, ...]  # lower-case content words
    entities: tuple[str, ...]  # KB ids named in the question
    countries: tuple[str, ...]
    dates: tuple[str, ...]  # ISO values at their precision
    entity_words: frozenset[str] = frozenset()  # words that belong to a named entity


def analyse(text: str, kb: KnowledgeBase) -> Question:
    from bilateral.extract.dates.stage import find_times

    tokens = WORD.findall(text)
    entities: list[str] = []
    # n-grams, longest first, so "Treaty on Good-Neighbourliness" words don't become countries.
    used: set[int] = set()
    for n in range(6, 0, -1):
        for i in range(len(tokens) - n + 1):
            if used & set(range(i, i + n)):
                continue
            gram = " ".join(tokens[i : i + n])
            if n == 1 and not gram[:1].isupper():
                continue
            base = re.sub(r"[’']s$", "", gram)
            hits = kb.lookup(base)
            if not hits and n == 1:
                adj = kb.country_by_adjective(base)
                hits = (adj,) if adj else ()
            if not hits and n == 1 and len(kb.lookup_surname(base)) == 1:
                hits = kb.lookup_surname(base)  # "Lavrov", when only one official bears it
            if hits:
                entities.append(hits[0].id)
                used |= set(range(i, i + n))
    countries = tuple(e for e in entities if e.startswith("country:"))
    dates = tuple(t.value for t in find_times(text, None))
    words = tuple(
        w.lower().strip("’'")
        for w in tokens
        if w.lower() not in STOP and not w.isdigit() and len(w) > 1
    )
    named = frozenset(tokens[i].lower().strip("’'") for i in used) | frozenset(
        re.sub(r"[’']s$", "", tokens[i]).lower() for i in used
    )
    return Question(text, words, tuple(dict.fromkeys(entities)), countries, dates, named)


# -- helpers ---------------------------------------------------------------------------------------
def norm_words(text: str) -> list[str]:
    return [w for w in normalize_name(text).split() if w not in STOP]


SUFFIXES = ("ments", "ment", "ions", "ion", "ies", "ing", "ed", "es", "s", "i")


def stem(word: str) -> str:
    """A light stem, enough to meet "invested" with "investment" and "trade" with "traded"."""
    word = word.lower()
    for suffix in SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def is_entity_word(word: str, q: Question) -> bool:
    return word.lower() in q.entity_words


def overlaps(period: str, date: str) -> bool:
    a, _, b = period.partition("/")
    b = b or a
    return a[: len(date)] <= date <= b[: len(date)] or date[: len(a)] == a[: len(date)]


MONTHS = (
    "January February March April May June July August September October November December".split()
)


def human_date(iso: str | None) -> str:
    if not iso:
        return "an unknown date"
    parts = iso.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return iso


def human_period(period: str) -> str:
    a, _, b = period.partition("/")
    return f"{human_date(a)} to {human_date(b)}" if b else human_date(a)


def human_value(value: float, unit: str) -> str:
    scales = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
    number = f"{value:,.0f}"
    for size, word in scales:
        if abs(value) >= size:
            number = f"{value / size:g} {word}"
            break
    if unit in ("persons", "count"):
        return number
    if unit == "percent":
        return f"{number} percent"
    return f"{unit} {number}"


def speaker_at(store: Store, doc_id: str, offset: int) -> str | None:
    rows = store.query("SELECT segments, speakers FROM documents WHERE id=?", (doc_id,))
    if not rows:
        return None
    for start, end, speaker, _role in json.loads(rows[0]["segments"])["turns"]:
        if start <= offset < end:
            return str(speaker)
    speakers = json.loads(rows[0]["speakers"])
    return str(speakers[0]) if speakers else None
