"""Knowledge-base names found in text: one Aho-Corasick automaton over every KB surface form.

The automaton runs over a *folded* copy of the text that has exactly the same length (lower
case, typographic apostrophes made plain, dashes and line breaks made spaces), so every hit's
offsets are offsets into the original text. A hit is then checked against the original:

1. whole words only ("Oman" is not found in "Romania");
2. acronyms are case-sensitive ("US", "WHO", "CIS" but never "us", "who");
3. other names must keep their capitals ("Permanent Council", never "permanent council"), or
   stand in an all-capitals heading ("RUSSIAN FEDERATION", "OSCE PERMANENT COUNCIL"); generic
   geographic and body words after the first may be lower case ("Minsk group");
4. of overlapping hits the longest wins ("Eurasian Economic Union", not "Eurasian";
   "UN General Assembly", not "UN").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ahocorasick

from bilateral.kb import KnowledgeBase

_FOLD = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        # Hyphens and dashes separate words, as in normalize_name: "Viet-Nam" is "Viet Nam",
        # "Nur Sultan" is "Nur-Sultan".
        "-": " ",
        "–": " ",
        "—": " ",
        "‐": " ",
        "‑": " ",
        "\n": " ",
        "\r": " ",
        "\t": " ",
        "\xa0": " ",
    }
)
# When one folded form names several entities, the state is meant more often than a place or
# body of the same name ("Georgia", "Mexico"), and a body more often than a person.
_TYPE_RANK = {"country": 0, "organization": 1, "place": 2, "person": 3}
# Generic last words that texts often leave in lower case ("Baltic sea", "Trans-Siberian railway").
_LOOSE_HEADS = frozenset(
    "sea ocean river lake gulf bay strait railway railroad region corridor transport route"
    " highway canal pipeline mountains basin valley desert steppe island islands peninsula"
    " cosmodrome complex".split()
    # ... and generic words of bodies' names ("Minsk group", "Black Sea economic cooperation",
    # "Kazakh government"); the first word must still be capitalised.
    + "group government parliament council committee commission economic cooperation".split()
)


def fold(text: str) -> str:
    """Lower-cased text of the same length, with quotes, dashes and white space made plain."""
    low = text.lower()
    if len(low) != len(text):  # a few characters ("İ") grow when lower-cased
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.translate(_FOLD)


def is_acronym(form: str) -> bool:
    """Written in capitals only: "US", "U.S.", "OSCE", "C5+1" (case-sensitive when matched)."""
    return any(c.isalpha() for c in form) and not any(c.islower() for c in form) and len(form) <= 8


def _word_start(s: str, i: int) -> bool:
    return i == 0 or not s[i - 1].isalnum()


def keeps_capitals(span: str, form: str) -> bool:
    """Whether `span` (the text) capitalises every word that `form` (the KB) capitalises; generic
    geographic words after the first may be lower case ("North-South transport corridor")."""
    if span.isupper():
        return True
    for i, ch in enumerate(form):
        if ch.isupper() and _word_start(form, i) and not span[i].isupper():
            word = form[i:].split(" ", 1)[0].lower()
            if i > 0 and form[i - 1] == " " and word in _LOOSE_HEADS:
                continue
            return False
    return True


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    entity: str
    form: str  # the KB form matched, as written in the data


@dataclass(frozen=True, slots=True)
class _Entry:
    form: str
    entity: str
    exact: bool  # acronyms must match case-sensitively


class KBMatcher:
    """All KB surface forms in one automaton; build it once per knowledge base (see matcher_for)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        by_key: dict[str, list[_Entry]] = {}
        for form, eid in kb.surface_forms():
            entity = kb.get(eid)
            if entity is None:
                continue
            for variant in _variants(form):
                key = fold(variant)
                if len(key.replace(" ", "")) < 2:
                    continue
                entries = by_key.setdefault(key, [])
                if all((e.form, e.entity) != (variant, eid) for e in entries):
                    entries.append(_Entry(variant, eid, is_acronym(variant)))
        self._automaton = ahocorasick.Automaton()
        for key, entries in by_key.items():
            entries.sort(key=lambda e: _rank(kb, e))
            self._automaton.add_word(key, (len(key), tuple(entries)))
        self._empty = not by_key
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """Non-overlapping KB hits in text order; the longest wins where hits overlap."""
        return longest(self.candidates(text))

    def candidates(self, text: str) -> list[Hit]:
        """Every KB hit that passes the word, case and capitals checks, overlapping or not."""
        if self._empty:
            return []
        folded = fold(text)
        candidates: list[Hit] = []
        n = len(text)
        for last, (length, entries) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start > 0 and text[start - 1].isalnum():
                continue
            if end < n and text[end].isalnum():
                continue
            span = text[start:end]
            entry = _choose(span, entries)
            if entry is not None:
                candidates.append(Hit(start, end, entry.entity, entry.form))
        return candidates


def _variants(form: str) -> tuple[str, ...]:
    """A KB form and its article-less variant ("The Gambia" -> also "Gambia")."""
    form = " ".join(form.split())
    if form[:4].lower() == "the " and len(form) > 4:
        return (form, form[4:])
    return (form,)


def _choose(span: str, entries: tuple[_Entry, ...]) -> _Entry | None:
    """The entry the span spells exactly, else the first whose capitals it keeps."""
    for entry in entries:
        if span == entry.form:
            return entry
    for entry in entries:
        if not entry.exact and keeps_capitals(span, entry.form):
            return entry
    return None


def _rank(kb: KnowledgeBase, entry: _Entry) -> tuple[int, int]:
    """Preference among entries that fold alike: states first, then canonical names."""
    entity = kb.get(entry.entity)
    if entity is None:
        return (9, 1)
    return (_TYPE_RANK.get(entity.type, 9), int(entry.form != entity.name))


def longest(hits: list[Hit]) -> list[Hit]:
    """The longest of overlapping hits, then the next longest that overlaps none taken, ..."""
    taken: list[Hit] = []
    occupied: set[int] = set()
    for h in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if any(i in occupied for i in range(h.start, h.end)):
            continue
        occupied.update(range(h.start, h.end))
        taken.append(h)
    return sorted(taken, key=lambda h: h.start)


@functools.lru_cache(maxsize=4)
def matcher_for(kb: KnowledgeBase) -> KBMatcher:
    """The automaton for `kb`, built on first use: building it costs far more than one search."""
    return KBMatcher(kb)
