"""How the events and agreements stages read the text: units (sentences with headings
rejoined), clauses, words, dates at a precision, the document's two main countries.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bilateral.extract.text.sentences import MAX_SENTENCE, sentence_spans
from bilateral.model import Document, Mention, TimeExpr

# -- words ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:[-–'’+/.]\w+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    low: str  # lower case, typographic apostrophes plain: what the stages compare

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper() or self.text[0].isdigit()


def words(text: str, start: int, end: int) -> list[Word]:
    """Words and punctuation marks of ``text[start:end]``, with document offsets."""
    return [
        Word(m.start(), m.end(), w, w.lower().replace("’", "'"))
        for m in _TOKEN.finditer(text, start, end)
        if (w := m[0])
    ]


def squash(text: str) -> str:
    return " ".join(text.split())


# -- units and clauses ---------------------------------------------------------------------------

_TITLE_ABBREV = re.compile(r"\b(?:mr|mrs|ms|dr|prof|st|h\.e|messrs|mme|no)\.$", re.I)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TERMINAL = re.compile(r"[.!?…:;\"”»)]\s*(?:\*\*)?$")


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def units(doc: Document) -> list[tuple[int, int]]:
    """Sentences, with the lines of a heading rejoined: a line break inside a bold block (``**``),
    between two all-capital lines, or before a lower-case continuation does not end a unit. No
    unit grows past ``MAX_SENTENCE``: a stray "**" (an OCR's "ﬁ") in a text without blank lines
    would otherwise open a bold block that joins every sentence after it into one unit."""
    text = doc.text
    out: list[tuple[int, int]] = []
    bold = False
    for s, e in sentence_spans(doc):
        if out:
            ps, pe = out[-1]
            prev, cur = text[ps:pe], text[s:e]
            same_block = not _BLANK_LINE.search(text, pe, s)
            joined = (
                same_block
                and e - ps <= MAX_SENTENCE
                and (
                    bold
                    or _TITLE_ABBREV.search(prev)
                    or (
                        not _TERMINAL.search(prev)
                        and ((_caps(prev) and _caps(cur)) or cur[:1].islower())
                    )
                )
            )
            if joined:
                out[-1] = (ps, e)
                bold = bold ^ (cur.count("**") % 2 == 1)
                continue
        out.append((s, e))
        bold = text[s:e].count("**") % 2 == 1
    return out


def is_heading(text: str) -> bool:
    """A unit that is a title or heading rather than running prose."""
    body = text.strip().strip("*").strip()
    return bool(body) and (_caps(body) or "**" in text or not _TERMINAL.search(body))


_CLAUSE_CUT = re.compile(r"[,;:–—]|\s-\s")


def clauses(
    text: str, start: int, end: int, times: Sequence[TimeExpr] = ()
) -> list[tuple[int, int]]:
    """A unit cut at clause punctuation, never inside a number ("74,000") or a date."""
    cuts = [start]
    for m in _CLAUSE_CUT.finditer(text, start, end):
        pos = m.start()
        if text[pos] == "," and pos + 1 < len(text) and text[pos + 1].isdigit():
            continue
        if any(t.start <= pos < t.end for t in times):
            continue
        cuts.append(pos)
    cuts.append(end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def clause_at(spans: Sequence[tuple[int, int]], offset: int) -> int:
    for i, (a, b) in enumerate(spans):
        if a <= offset < b:
            return i
    return len(spans) - 1


# -- dates ---------------------------------------------------------------------------------------

_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def iso(t: TimeExpr) -> tuple[str, str] | None:
    """A time expression as an ISO date at day, month or year precision: a season becomes its
    year, a range its start; anything unresolved is None."""
    value = t.value.split("/")[0].strip()
    if t.precision == "season" or (len(value) > 4 and not _ISO.match(value)):
        value = value[:4]
    if not _ISO.match(value):
        return None
    return value, {4: "year", 7: "month", 10: "day"}[len(value)]


def published(doc: Document) -> tuple[str, str] | None:
    if not doc.published or not _ISO.match(doc.published[:10]):
        return None
    value = doc.published[:10]
    return value, {4: "year", 7: "month", 10: "day"}[len(value)]


def at_precision(value: str, precision: str) -> str:
    return value[: {"year": 4, "month": 7}.get(precision, 10)]


# -- the document's parties ----------------------------------------------------------------------

ACTOR_TYPES = frozenset({"person", "country", "organization"})


def main_countries(mentions: Sequence[Mention]) -> tuple[str, ...]:
    """The two most-mentioned countries: whom "our presidents" and "both sides" mean."""
    counts = Counter(m.entity for m in mentions if m.type == "country")
    first: dict[str, int] = {}
    for m in mentions:
        if m.type == "country":
            first.setdefault(m.entity, m.start)
    ranked = sorted(counts, key=lambda e: (-counts[e], first[e]))
    return tuple(ranked[:2])


def kb_country(kb: Any, entity: str) -> str | None:
    """The country a place, person or body belongs to, where the knowledge base says."""
    if kb is None:
        return None
    try:
        found = kb.get(entity)
    except (KeyError, LookupError, ValueError):
        return None
    country = getattr(found, "country", None)
    if isinstance(country, str) and country:
        return country if country.startswith("country:") else f"country:{country}"
    return None
