"""Sentences, clauses and words of a text, with document offsets, as the claims stage cuts them.
``sentence_spans`` also gives the events and agreements stages their units.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bilateral.model import Document, Sentence, TimeExpr

WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*")


def words_of(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    low: str


def words_in(text: str, start: int, end: int) -> list[Word]:
    return [
        Word(m.start(), m.end(), m[0].lower().replace("’", "'"))
        for m in WORD.finditer(text, start, end)
    ]


# The longest piece of text a stage hands to the language model or reads as one sentence. The
# longest sentence of the development documents has about 1,000 characters; a text with no
# sentence ends at all (a 5 MB line of words) would otherwise be one "sentence" that spaCy refuses
# (over a million characters) or parses at a memory cost of a gigabyte per 100,000 characters.
MAX_SENTENCE = 5000


def bounded(start: int, end: int, text: str, limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """[start, end) cut into pieces of at most ``limit`` characters, each at the last space
    before the limit where there is one."""
    out = []
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        out.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def bounded_sentences(doc: Document) -> Document:
    """The document with every sentence longer than ``MAX_SENTENCE`` cut into pieces (the same
    document where none is: the stages then read what ingest segmented, unchanged)."""
    if all(s.end - s.start <= MAX_SENTENCE for s in doc.sentences):
        return doc
    pieces = tuple(
        Sentence(a, b, s.paragraph, s.turn)
        for s in doc.sentences
        for a, b in bounded(s.start, s.end, doc.text)
    )
    return replace(doc, sentences=pieces)


# Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|No|Nos|St|Jr|Sr|Gen|Prof|Art|Vol|para|pp|vs|etc|e\.g|i\.e|U\.S|U\.N|H\.E|"
    r"Ltd|Inc|Co|Corp|Dept|approx|ca|bn|mln|bln|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"|\b[A-Z])\.$"
)
_SENT_END = re.compile(r"[.!?…]+[\"”’»)]*\s+(?=[\"“‘«(\[]?[A-ZА-ЯЁ0-9])|\n\s*\n\s*|\n")


def _hard_wrapped(text: str) -> bool:
    """True for text wrapped at a fixed width, where a line end is only a space: many lines
    go on in lower case. Lists and cut-off lines ("... from\nWe are pleased") do not."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < 8:
        return False
    goes_on = sum(1 for ln in lines[1:] if ln[0].islower())
    return goes_on > 0.3 * (len(lines) - 1)


def sentence_spans(doc: Document) -> list[tuple[int, int]]:
    """The document's sentences, from segmentation when it ran, else split here."""
    if doc.sentences:
        return [(s.start, s.end) for s in doc.sentences]
    text = doc.text
    wrapped = _hard_wrapped(text)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m[0] == "\n" and wrapped:
            continue
        if m[0][0] in ".!?…" and _ABBREV.search(text[max(start, m.start() - 12) : m.start() + 1]):
            continue
        spans.append((start, m.start() + len(m[0].rstrip())))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.extend(bounded(s, e, text))
    return out


# Clause punctuation, and "and" before a change of tense or mood: "income exceeded $1.5 billion
# in 2018 and is expected to reach $5 billion" dates only the first sum.
_CLAUSE_CUT = re.compile(
    r"[,;:()–—]|\s-\s|\s(?:and|but|while|whereas)\s+(?=(?:is|are|will|would|could|should|may|"
    r"might|must|is expected|are expected)\b)"
)


def clause_spans(
    text: str, start: int, end: int, times: Sequence[TimeExpr]
) -> list[tuple[int, int]]:
    """A sentence cut at clause punctuation, never inside a number ("74,000") or a date."""
    cuts = [start]
    for m in re.finditer(_CLAUSE_CUT, text[start:end]):
        pos = start + m.start()
        if m[0] == "," and pos + 1 < len(text) and text[pos + 1].isdigit():
            continue
        if m[0] == ")":
            pos += 1  # the bracket closes its own clause: "(2017)"
        if any(t.start <= pos < t.end for t in times):
            continue
        cuts.append(pos)
    cuts.append(end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
