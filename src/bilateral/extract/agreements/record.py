"""Agreements, steps 4-6: when a named agreement was signed, between whom, and which names in a
document are one agreement (see stage.py for the whole cascade)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from bilateral.extract.agreements.found import Found
from bilateral.extract.text.units import (
    clause_at,
    clauses,
    iso,
    published,
)
from bilateral.model import Document, Mention, TimeExpr

_SIGN_VERB = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|adopt(?:ed|s|ing)?|conclud(?:ed|es|ing|e))\b", re.I
)
_FRONTED = re.compile(r"^\W*(?:during|in|on|at|since|last|this|earlier|back in)\b", re.I)
_JUST = re.compile(r"\b(?:just|today|this morning|this afternoon|now)\b", re.I)
_OURS = re.compile(r"\b(?:our|we|us|both|bilateral|two countries|two states)\b", re.I)


# -- 4-6. dates, parties, merging ----------------------------------------------------------------


def normalised(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"^\s*the\s+", "", s)
    return " ".join(s.split())


GENERIC = frozenset(
    "issue issues question questions matter matters problem problems subject subjects point "
    "points principle principles need needs way ways terms basis future this that these those "
    "it them all both such other same two three nations countries states sides parties".split()
)
# Words a name does not end in: "... Forum and the", "the Treaty on".
TRIM = frozenset("of on for to in the a an and between within until with our its their".split())
STOPWORDS = frozenset("the of on for and in to a an our its their between within until".split())


def _content(name: str) -> frozenset[str]:
    return frozenset(w for w in normalised(name).split() if w not in STOPWORDS)


def merge_keys(found: Sequence[Found]) -> list[str]:
    """Each name's key (``merge_key``), for all of them at once: each name's words are read
    once, and a name is compared only with the names of its type that hold its rarest word (all
    of them each time made the stage quadratic in the names of a document)."""
    content = [_content(f.name) for f in found]
    with_word: dict[tuple[str, str], list[int]] = {}
    of_type: dict[str, list[int]] = {}
    for i, (f, words) in enumerate(zip(found, content, strict=True)):
        of_type.setdefault(f.type, []).append(i)
        for w in words:
            with_word.setdefault((f.type, w), []).append(i)
    out = []
    for f, words_f in zip(found, content, strict=True):
        near = min((with_word[f.type, w] for w in words_f), key=len, default=of_type[f.type])
        best = f
        for i in near:
            g = found[i]
            if len(g.name) > len(best.name) and words_f <= content[i]:
                best = g
        out.append(normalised(best.name))
    return out


def merge_key(f: Found, found: Sequence[Found]) -> str:
    """The longest name of the same type whose words include this one's: "the Treaty on Good
    Neighbourliness" later in a text that named the Treaty in full is the same treaty."""
    words_f = _content(f.name)
    best = f
    for g in found:
        if g.type == f.type and len(g.name) > len(best.name) and words_f <= _content(g.name):
            best = g
    return normalised(best.name)


def signing_date(
    doc: Document,
    f: Found,
    found: Sequence[Found],
    times: Sequence[TimeExpr],
    in_sentence: Mapping[tuple[int, int], Sequence[Found]] | None = None,
) -> str | None:
    """When ``f`` was signed, as its sentence tells (``in_sentence``: the names of each
    sentence, in the order of ``found``, so that the others are not looked for among all)."""
    s, e = f.sentence
    text = doc.text
    verbs = [m for m in _SIGN_VERB.finditer(text, s, e) if not f.start <= m.start() < f.end]
    same = found if in_sentence is None else in_sentence.get(f.sentence, ())
    others = [
        g
        for g in same
        if g.sentence == f.sentence and g is not f and not (f.start <= g.start < f.end)
    ]

    def between(a: int, b: int) -> bool:
        lo, hi = min(a, b), max(a, b)
        return any(lo < g.start < hi and not (g.start <= f.start < g.end) for g in others)

    verbs = [m for m in verbs if abs(m.start() - f.start) < 160 and not between(m.start(), f.start)]
    if not verbs:
        return None
    verb = min(verbs, key=lambda m: abs(m.start() - f.start))
    spans = clauses(text, s, e, times)
    k = clause_at(spans, verb.start())
    inside = [
        t for t in times if spans[k][0] <= t.start < spans[k][1] and not f.start <= t.start < f.end
    ]
    if not inside and k > 0 and _FRONTED.match(text[spans[k - 1][0] : spans[k - 1][1]]):
        inside = [t for t in times if spans[k - 1][0] <= t.start < spans[k - 1][1]]
    for t in sorted(inside, key=lambda t: abs(t.start - verb.start())):
        value = iso(t)
        if value is not None:
            return value[0]
    if _JUST.search(text, max(s, verb.start() - 20), verb.start()):
        own = published(doc)
        return own[0] if own else None
    return None


def parties_of(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    mains: Sequence[str],
) -> tuple[str, ...]:
    out: list[str] = []
    ours = False
    for s, e in sentences:
        for m in mentions:
            if s <= m.start < e and m.type in ("country", "organization") and m.entity not in out:
                out.append(m.entity)
        ours = ours or bool(_OURS.search(text, s, e))
    if ours or not out:
        out.extend(c for c in mains if c not in out)
    return tuple(out)
