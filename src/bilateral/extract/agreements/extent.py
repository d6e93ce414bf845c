"""Where a name ends, read from the sentence's parse: the noun phrases a name's complement chains.

The word rules of ``stage.py`` end a capitalised name at its first lower-case word or bracket, and
that is right for "the Paris Agreement remains ...". A complement that has begun goes on, though,
through what the rules cannot read by the case of its words: "Exchange of Notes on Japanese
Official Development Assistance (ODA) Loan for the two large-scale patrol vessels", "Memorandum
of Implementation for the transfer of the Japan Maritime Self-Defense Force (JMSDF) TC-90
training aircraft". After a name whose complement has begun, the name takes

- a bracketed short name and the noun phrase right after it with no determiner of its own
  ("(ODA) Loan", "(JMSDF) TC-90 training aircraft"), and
- a preposition of a name's complement ("of", "on", "for", "between", ...) with its noun phrase,
  and a second noun phrase coordinated with it ("between the Philippines and Japan"),

each phrase read from the parse (its determiner, modifiers and compounds up to the noun they
modify); a verb, a clause, a comma, "to" or "in", a possessive ("for our people") or a phrase of
time or purpose ("for the first time", "for the sake of") ends it. Attachment of prepositions is
the small parser's weakest decision, so only the phrases are read from it, not what they hang on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bilateral.context import parse_sentence, prefetch_parses
from bilateral.extract.agreements.found import Found
from bilateral.extract.text.units import squash
from bilateral.kb.vocabulary import agreement_types
from bilateral.model import TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PREPOSITIONS = frozenset("of on for between concerning regarding against among".split())
# The name's own complement has begun: a preposition after its first word.
_HAS_COMPLEMENT = re.compile(r"\S\s+(?:of|on|for|between|concerning|regarding)\s+\S")
# What may follow such a name for the parse to be worth reading.
_GOES_ON = re.compile(r"\s*(?:\(\s*[A-Z][\w+&.-]*\s*\)|(?:of|on|for|between)\s)")
# Tags of the words of a noun phrase before its noun, and of the noun itself.
_MODIFIER_TAGS = frozenset("DT JJ JJR JJS NN NNS NNP NNPS CD HYPH VBN VBG".split())
_NOUN_TAGS = frozenset("NN NNS NNP NNPS CD".split())
_MODIFIER_DEPS = frozenset("det amod compound nmod nummod punct quantmod npadvmod poss".split())
# A participle inside a noun phrase modifies its noun ("the two large-scale patrol vessels").
_VERBAL_OK = frozenset("amod compound".split())
_MAX_TOKENS = 30


@functools.lru_cache(maxsize=1)
def _stops() -> frozenset[str]:
    return agreement_types().complement_stops


def wants_parse(text: str, f: Found) -> bool:
    """Whether a name may go on past where the rules ended it."""
    return bool(_HAS_COMPLEMENT.search(f.name)) and bool(_GOES_ON.match(text, f.end))


def extend(text: str, found: Sequence[Found], times: Sequence[TimeExpr] = ()) -> list[Found]:
    """The names, each carried on through the phrases its complement chains (module docstring);
    a date ends it ("the Statement of the ... Summit of 7 September 2016")."""
    todo = [f for f in found if wants_parse(text, f)]
    if not todo:
        return list(found)
    prefetch_parses(text[f.sentence[0] : f.sentence[1]] for f in todo)
    longer = {id(f): _extended(text, f, times) for f in todo}
    return [longer.get(id(f), f) for f in found]


def _extended(text: str, f: Found, times: Sequence[TimeExpr]) -> Found:
    s, e = f.sentence
    doc = parse_sentence(text[s:e])
    k = next((t.i for t in doc if s + t.idx >= f.end), None)
    if k is None:
        return f
    dated = next((t.start - s for t in times if f.end <= t.start < e), len(text))
    end = _right_end(doc, k, dated)
    if end is None or s + end <= f.end:
        return f
    b = s + end
    return Found(f.start, b, squash(text[f.start : b]), f.type, f.sentence, f.own)


def _right_end(doc: Doc, k: int, dated: int) -> int | None:
    """The end (a character offset into the sentence) of the phrases that go on from token k,
    before the offset ``dated``."""
    end = None
    limit = min(len(doc), k + _MAX_TOKENS)
    limit = next((t.i for t in doc[k:limit] if t.idx + len(t.text) > dated), limit)
    while k < limit:
        t = doc[k]
        if t.text == "(":
            close = next((j for j in range(k + 1, min(limit, k + 4)) if doc[j].text == ")"), None)
            if close is None or not any(c.isupper() for c in doc[k + 1 : close].text):
                break
            after = close + 1
            if after < limit and doc[after].tag_ == "POS":
                after += 1  # "the ... Force (JMSDF)'s training aircraft"
            phrase = _phrase(doc, after, limit, determiner=False)
            if phrase is None:
                break
            k = phrase + 1
            end = doc[phrase].idx + len(doc[phrase].text)
            continue
        if t.lower_ not in _PREPOSITIONS:
            break
        phrase = _phrase(doc, k + 1, limit, determiner=True)
        if phrase is None:
            break
        k = phrase + 1
        if k + 1 < limit and doc[k].lower_ == "and":
            other = _phrase(doc, k + 1, limit, determiner=True)
            if other is not None and doc[other].dep_ == "conj":
                k = other + 1
                phrase = other
        end = doc[phrase].idx + len(doc[phrase].text)
    return end


def _phrase(doc: Doc, k: int, limit: int, *, determiner: bool) -> int | None:
    """The index of the noun that ends the noun phrase starting at token k, or None."""
    j = k
    while j < len(doc) and j - k < 12:
        t = doc[j]
        if (
            j >= limit
            or t.lower_ in _stops()
            or t.tag_ == "PRP$"
            or (t.tag_ == "DT" and not determiner)
        ):
            return None  # "for the first time", "for our people": not what an instrument is
        if t.tag_ == "DT" and j > k:
            return None
        if t.tag_ not in _MODIFIER_TAGS or (t.tag_[:2] == "VB" and t.dep_ not in _VERBAL_OK):
            return None
        if t.tag_ in _NOUN_TAGS and t.dep_ not in _MODIFIER_DEPS:
            return j
        if t.tag_ in _NOUN_TAGS and j + 1 < len(doc) and doc[j + 1].tag_ not in _MODIFIER_TAGS:
            return j  # the phrase's last word, whatever the parser hung it on
        j += 1
    return None
