"""Instruments known without a head word's reading: by their kind and number ("Executive Order
13219", "Republic Act No. 10354"), by an acronym alone ("the 1982 UNCLOS"), by the document's own
title (a joint statement is itself one), and "the Charter" where the United Nations is spoken of;
the lists live in ``kb/data/agreement_types.yaml``."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from bilateral.extract.agreements.found import Found
from bilateral.extract.text.units import squash
from bilateral.kb.vocabulary import agreement_types
from bilateral.model import Document


@functools.lru_cache(maxsize=1)
def _numbered_patterns() -> tuple[tuple[re.Pattern[str], str, str | None], ...]:
    # "Executive Order (E.O.) 13219", "E.O. No. 12", "Republic Act No. 10354".
    return tuple(
        (
            re.compile(
                rf"\b(?:{kind})(?:\s*\((?:[A-Z]\.?\s?){{1,3}}\))?\s*(?:No\.\s*|Number\s+)?"
                rf"(\d[\d-]*\d|\d)\b"
            ),
            kind_type,
            spelled,
        )
        for kind, kind_type, spelled in agreement_types().numbered
    )


def numbered(text: str, spans: Sequence[tuple[int, int]], found: Sequence[Found]) -> list[Found]:
    """Instruments named by their kind and number: "Executive Order (E.O.) 13219", "E.O. 13304"
    (named "Executive Order 13304"), "Republic Act No. 10354"."""
    out: list[Found] = []
    for pattern, kind, spelled in _numbered_patterns():
        for s, e in spans:
            # A heading in capitals reads as its words: "PROCLAMATION NO. 55" (same offsets).
            unit = text[s:e].title() if text[s:e].isupper() else text[s:e]
            for m in pattern.finditer(unit):
                if any(f.start <= s + m.start() < f.end for f in (*found, *out)):
                    continue
                said = re.sub(r"\s*\([^)]*\)", "", unit[m.start() : m.start(1)]).strip()
                head = spelled or re.sub(r"s$", "", said.split(" No")[0].split(" Number")[0])
                number = "No. " if re.search(r"No\.\s*$", said) and not spelled else ""
                name = f"{head} {number}{m[1]}"
                out.append(Found(s + m.start(), s + m.end(), name, kind, (s, e)))
    # "signed an Executive Order directing ...": a new instrument of a capitalised kind, not yet
    # numbered, is named by its kind.
    for kind, kind_type, spelled in agreement_types().numbered:
        if spelled:
            continue
        unnumbered = re.compile(rf"\b[Aa]n?\s+((?:{kind}))\b(?!\s*(?:\(|No\.|Number|\d))")
        for s, e in spans:
            for m in unnumbered.finditer(text, s, e):
                if m[1].endswith("s") or any(f.start <= m.start(1) < f.end for f in (*found, *out)):
                    continue
                out.append(Found(m.start(1), m.end(1), m[1], kind_type, (s, e)))
    return out


_ACRONYM_WORD = re.compile(r"\b[A-Z][A-Za-z]{2,}\b")


def spelled_out(text: str, spans: Sequence[tuple[int, int]], found: Sequence[Found]) -> list[Found]:
    """Instruments known by an acronym ("the 1982 UNCLOS") under their full name: a name found
    as the acronym is renamed, and the acronym found nowhere else is added."""
    known = agreement_types().acronyms
    if not known:
        return list(found)
    out = []
    for f in found:
        bare = re.sub(r"^(?:the\s+)?(?:(?:19|20)\d\d\s+)?", "", f.name)
        spelled = known.get(bare)
        out.append(
            Found(f.start, f.end, spelled[0], spelled[1], f.sentence, f.own) if spelled else f
        )
    for s, e in spans:
        for m in _ACRONYM_WORD.finditer(text, s, e):
            spelled = known.get(m[0])
            if spelled and not any(f.start < m.end() and m.start() < f.end for f in out):
                out.append(Found(m.start(), m.end(), spelled[0], spelled[1], (s, e)))
    return out


@functools.lru_cache(maxsize=1)
def _own_title_pattern() -> re.Pattern[str]:
    """The titles that make a document an instrument itself (``own_titles`` of the vocabulary)."""
    own = "|".join(f"(?:{p})" for p in agreement_types().own_titles)
    return re.compile(rf"^\W*(?:{own})\b", re.I)


def own_title(doc: Document, spans: Sequence[tuple[int, int]]) -> list[Found]:
    """A joint statement or declaration is itself an instrument, named by its title: the unit
    at the head of the text that repeats the title ("Joint Statement by President ... and ...")."""
    title = squash(doc.title or "")
    for s, e in spans[:3]:
        line = squash(doc.text[s:e]).strip("#*_ ")
        if not line or (title and line != title) or len(line) > 400:
            continue
        if not _own_title_pattern().match(line):  # "Background Press Call on the Joint ..."
            return []
        a = s + len(doc.text[s:e]) - len(doc.text[s:e].lstrip("#*_ \n"))
        b = e - (len(doc.text[s:e]) - len(doc.text[s:e].rstrip("#*_ .\n")))
        return [Found(a, b, squash(doc.text[a:b]), "declaration", (s, e), own=True)]
    return []


_THE_CHARTER = re.compile(r"\b(?:the|our|its)\s+(?:\.\s*)*(Charter)\b(?!\s+(?:of|for|on)\b)")


def the_charter(text: str, start: int, end: int, found: Sequence[Found]) -> list[Found]:
    """Where the United Nations is spoken of, "the Charter" alone is its Charter."""
    out = []
    for m in _THE_CHARTER.finditer(text, start, end):
        if not any(f.start <= m.start(1) < f.end for f in found):
            name = "Charter of the United Nations"
            out.append(Found(m.start(1), m.end(1), name, "charter", (start, end)))
    return out
