"""Who took part, from sentence structure: spaCy's dependency parse of a trigger's sentence gives
the arguments of the interaction (the subject and objects of "met", "received", "hosted"; the
"with", "between" and "of" phrases of "talks", "meeting", "visit"; the possessor in "Herzog's
address"; the subject of the verb that holds a noun, "X held talks"), each with its coordinated
partners and appositions, and without its places ("in Nassau", "at the White House") or the
clauses that hang on it ("who ...", "to discuss ...").

Only the sentences with a trigger are parsed, so the cost stays a small share of extraction.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bilateral.context import parse_sentence

if TYPE_CHECKING:
    from spacy.tokens import Token

# Arguments of a verb: who acts, who is acted with or on.
_VERB_ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "agent", "attr"})
# Prepositions whose object is a party: "met with X", "talks between X and Y", "visit of X",
# "hosted by X", "among the leaders".
_PARTY_PREPS = frozenset({"with", "between", "among", "of", "by"})
# What an argument keeps of its subtree: its name, title, coordination and apposition, its "of"
# phrase ("President Al Sisi of Egypt"); not its places or the clauses hanging on it.
_KEEP = frozenset(
    {
        "compound",
        "amod",
        "det",
        "poss",
        "case",
        "conj",
        "cc",
        "appos",
        "nmod",
        "flat",
        "nummod",
        "punct",
        "prep",
        "pobj",
        "quantmod",
        "advmod",
        "npadvmod",
        "predet",
        "dep",
        "nn",
    }
)
_PLACE_PREPS = frozenset(
    {
        "in",
        "at",
        "to",
        "into",
        "near",
        "on",
        "from",
        "during",
        "after",
        "before",
        "for",
        "through",
        "across",
        "within",
        "outside",
        "inside",
    }
)
# Verbs that hold an event noun: "held talks", "had a meeting", "paid a visit", "took part in".
# (The lemmatizer is not loaded: the forms are listed.)
_HOLDERS = frozenset(
    "hold holds held holding have has had having pay pays paid paying make makes made making "
    "host hosts hosted hosting attend attends attended attending conduct conducts conducted "
    "organize organizes organized organise organises organised convene convenes convened "
    "chair chairs chaired join joins joined take takes took taking participate participates "
    "participated participating open opens opened undertake undertook co-chaired lead led "
    "invite invites invited "
    # "the two leaders welcomed the signing of the Memorandum": the signatories welcome it
    "welcome welcomes welcomed witness witnesses witnessed".split()
)
_WITNESS = frozenset("welcome welcomes welcomed witness witnesses witnessed".split())
FIRST = frozenset({"i", "me", "we", "us"})
_SUBJECT_FORM = {"our": "we", "my": "i", "his": "he", "her": "she", "your": "you", "their": "they"}
# Verbs whose object is where they go, not who takes part: "visited the White House".
_DESTINATION_VERBS = frozenset("visit visits visited visiting".split())


@dataclass(frozen=True)
class Args:
    """The parties of one trigger as character spans of the document, and the pronouns that
    stand for parties ("we met", "I spoke with him")."""

    spans: tuple[tuple[int, int], ...]
    pronouns: frozenset[str]  # lower-case pronouns that are parties themselves
    possessives: frozenset[str]  # "our" in "our presidents": the sides, not the speaker

    def covers(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.spans)


NO_ARGS = Args((), frozenset(), frozenset())


def arguments(text: str, s: int, e: int, start: int, end: int) -> Args:
    """The parties of the trigger at ``start:end`` in the sentence ``s:e`` of ``text``."""
    doc = parse_sentence(text[s:e])
    tokens = [t for t in doc if t.idx < end - s and t.idx + len(t) > start - s]
    if not tokens:
        return NO_ARGS
    verb = next((t for t in tokens if t.pos_ in ("VERB", "AUX")), None)
    head = verb if verb is not None else tokens[-1]
    roots = list(_argument_heads(head, verb is not None))
    spans: list[tuple[int, int]] = []
    pronouns: set[str] = set()
    possessives: set[str] = set()
    for r in roots:
        kept = list(_kept(r))
        spans.extend(_runs(kept, s))
        for t in kept:
            low = t.lower_
            if t.pos_ != "PRON":
                continue
            if t is r and t.dep_ == "poss":
                pronouns.add(_SUBJECT_FORM.get(low, low))  # "our meeting": we met
            elif t.dep_ == "poss":
                possessives.add(low)  # "our presidents met": the sides, not "we"
            elif t is r or t.dep_ in ("conj", "appos"):
                pronouns.add(low)
    return Args(tuple(spans), frozenset(pronouns), frozenset(possessives))


def _argument_heads(head: Token, is_verb: bool) -> Iterator[Token]:
    if is_verb:
        yield from (
            a
            for a in _verb_args(head)
            if not (a.dep_ == "dobj" and head.lower_ in _DESTINATION_VERBS)
        )
        # "met and discussed", "X met Y and signed": a coordinated verb shares the subject.
        if head.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in head.children):
            yield from (c for c in head.head.children if c.dep_.startswith("nsubj"))
        return
    # A noun: "Herzog's address", "U.S.-ASEAN Summit", "talks with X", "meeting of X and Y".
    for c in head.children:
        if c.dep_ in ("poss", "compound", "nmod") or (c.dep_ == "amod" and c.pos_ == "PROPN"):
            yield c
        elif c.dep_ == "prep" and c.lower_ in _PARTY_PREPS:
            yield from (p for p in c.children if p.dep_ == "pobj")
    # "X held talks with Y", "X hosted Y for a meeting", "X took part in the forum".
    # "At the UN event, Ruritania proposed ...": who acts at an occasion took part in it.
    holder, at = head.head, False
    if head.dep_ == "pobj" and holder.dep_ == "prep":
        at = holder.lower_ in ("at", "during")
        holder = holder.head
    if holder is not head and holder.pos_ in ("VERB", "AUX") and (at or holder.lower_ in _HOLDERS):
        if holder.lower_ in _WITNESS and any(
            t.dep_ == "prep" and t.lower_ in ("between", "with", "by") for t in head.subtree
        ):
            return  # "welcomed the signing of an MoU between A and B": A and B signed it
        yield from _verb_args(holder)


def _verb_args(verb: Token) -> Iterator[Token]:
    for c in verb.children:
        if c.dep_ in _VERB_ARGS:
            yield from (p for p in c.children if p.dep_ == "pobj") if c.dep_ == "agent" else (c,)
        elif c.dep_ == "prep" and c.lower_ in _PARTY_PREPS - {"of"}:
            yield from (p for p in c.children if p.dep_ == "pobj")


def _kept(root: Token) -> Iterator[Token]:
    """The argument's own words: its subtree without places and hanging clauses."""
    stack = [root]
    while stack:
        t = stack.pop()
        yield t
        for c in t.children:
            if c.dep_ not in _KEEP:
                continue
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                continue  # "Davis of the Bahamas in Nassau": Nassau is where, not who
            stack.append(c)


def _runs(tokens: list[Token], offset: int) -> Iterator[tuple[int, int]]:
    """Contiguous character runs of the tokens, as document offsets."""
    ordered = sorted(tokens, key=lambda t: t.i)
    run: list[Token] = []
    for t in ordered:
        if run and t.i != run[-1].i + 1:
            yield offset + run[0].idx, offset + run[-1].idx + len(run[-1])
            run = []
        run.append(t)
    if run:
        yield offset + run[0].idx, offset + run[-1].idx + len(run[-1])
