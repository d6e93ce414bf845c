"""What a sum or a percentage is about when no cue word says it, read from the dependency parse
of its sentence: the noun the number is the object of, or the noun it governs ("increased our
contribution to 54 per cent" -> contribution; "$30 million in U.S. assistance" -> U.S.
assistance; "reducing oil imports by 90 percent" -> oil imports).

Only the sentences of such claims are parsed, with spaCy's small English parser alone (no
tagger, no entity recogniser), so the cost stays a small part of extraction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bilateral.context import parse_sentence
from bilateral.extract.claims.numbers import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Token

# Prepositions after a sum that name what it is for: "$5 million in aid", "for schools".
_OF = frozenset("in for of on".split())
# Prepositions before a figure that tie it to a change or a level: "rose by 5%", "to 54 per cent".
_TO = frozenset("to by at of".split())
# Dependents that are the thing measured, in order of preference.
_THING = ("dobj", "nsubjpass", "nsubj")
# Nouns that measure something named after "of".
_OF_WHAT = frozenset("share level rate number amount total proportion part volume value".split())
_RELATIVE = frozenset("that which who".split())
# Verbs whose subject is what their object measures.
_LEVEL_VERBS = frozenset(
    "cost costs costed total totals totalled totaled totalling amount amounts amounted reach "
    "reaches reached reaching stand stands stood sum sums summed exceed exceeds exceeded is are "
    "was were be been has have had".split()
)
# Words that would give no indicator: pronouns, and the number's own unit words.
_EMPTY = frozenset(
    "it they this that these those which what who we i you he she one all some figure number "
    "amount percent cent % share total sum level rate".split()
)


def _phrase(noun: Token) -> str | None:
    """The noun with the compounds and adjectives right before it: "oil imports"."""
    if noun.lower_ in _OF_WHAT:
        # "our share of protected forests" -> "share of protected forests".
        of = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        inner = _phrase(pobj) if pobj is not None else None
        return f"{noun.lower_} of {inner}" if inner else None
    if noun.lower_ in _EMPTY or (not noun.is_alpha and not noun.text.replace(".", "").isalpha()):
        return None
    start = noun.i
    for left in reversed(list(noun.lefts)):
        if (
            left.dep_ in ("compound", "amod", "nmod")
            and left.i == start - 1
            and left.lower_ not in _EMPTY
            and not left.like_num
        ):
            start = left.i
    found = noun.doc[start : noun.i + 1].text
    return found[0].lower() + found[1:] if start == 0 and found[1:2].islower() else found


def _thing_of(head: Token, deps: tuple[str, ...] = _THING) -> str | None:
    for dep in deps:
        child = next((c for c in head.children if c.dep_ == dep), None)
        if child is None:
            continue
        if child.lower_ in _RELATIVE and head.dep_ == "relcl":
            return _phrase(head.head)  # "contracts that would sum up to $7 billion"
        return _phrase(child)
    return None


def measured(text: str, sentence: tuple[int, int], q: Quantity) -> str | None:
    """What the sum or percentage ``q`` in ``sentence`` measures, or None."""
    base = sentence[0]
    doc = parse_sentence(text[base : sentence[1]])
    inside = [t for t in doc if q.start <= base + t.idx < q.end]
    top = next((t for t in inside if t.head not in inside or t.head.i == t.i), None)
    if top is None:
        return None
    head = top.head
    # 1. The figure modifies a noun: "the 30 percent quota".
    if top.dep_ in ("compound", "amod", "nummod") and head.i > top.i:
        return _phrase(head)
    # 2. A noun the sum governs: "$30 million in U.S. assistance".
    for prep in top.rights:
        if prep.dep_ == "prep" and prep.lower_ in _OF:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and (found := _phrase(pobj)):
                return found
    # 3. What is worth it: "20 agreements worth $7.5 billion", "support worth $75 million".
    if head.lower_ == "worth":
        thing = head.head if head.dep_ == "amod" else _object(head.head)
        found = _phrase(thing) if thing is not None else None
        return f"value of {found}" if found else None
    # 4. The object of a change or a level: "increased our contribution to 54 per cent",
    #    "exports rose by 12%", "the fund amounts to $5 million".
    if top.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _TO:
        verb = head.head
        found = _thing_of(verb)
        if found is None and verb.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj", "attr"):
            found = _phrase(verb)
        return found
    # 5. A level the subject reaches: "the programme cost $4 million", "contracts that would
    #    sum up to $7 billion". Not "the U.S. will provide $10 million": the giver is no measure.
    if top.dep_ in ("dobj", "attr") and head.lower_ in _LEVEL_VERBS:
        return _thing_of(head, ("nsubj", "nsubjpass"))
    return None


def _object(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


# Dependents that a verb heads without opening a clause of its own: "has grown", "expect to
# vaccinate", "the expected visitors", "according to".
_NOT_A_CLAUSE = frozenset("aux auxpass xcomp amod compound prep".split())


def _clause_of(token: Token) -> Token:
    """The verb that heads the clause ``token`` stands in (the root in a verbless sentence)."""
    t = token
    while t.head.i != t.i:
        if t.tag_.startswith("VB") and t.dep_ not in _NOT_A_CLAUSE:
            return t
        t = t.head
    return t


def in_clause_of(
    text: str, sentence: tuple[int, int], figure: int, spans: Sequence[tuple[int, int]]
) -> list[bool]:
    """Of each span (a time expression) in ``sentence``, whether the dependency parse puts it in
    the clause of the figure at ``figure``: "we expect to vaccinate 80 per cent (13 million
    people) of the population by November" dates both figures, whatever the brackets and commas
    between; in "the company, founded in 1998, employs 4,000 workers" the year dates the
    founding, not the figure."""
    base = sentence[0]
    doc = parse_sentence(text[base : sentence[1]])

    def token_at(a: int, b: int) -> Token | None:
        inside = [t for t in doc if a <= base + t.idx < b]
        return next((t for t in inside if t.head not in inside or t.head.i == t.i), None)

    number = next((t for t in doc if base + t.idx <= figure < base + t.idx + len(t)), None)
    if number is None:
        return [False for _ in spans]
    clause = _clause_of(number)
    out = []
    for a, b in spans:
        top = token_at(a, b)
        out.append(top is not None and top.i != number.i and _clause_of(top).i == clause.i)
    return out


def participle_of(text: str, sentence: tuple[int, int], noun: int) -> bool:
    """Whether the noun at ``noun`` is described by a participle right after it ("three
    journalists wrongly held by ..."), not the subject of a verb ("the two leaders discussed")."""
    base = sentence[0]
    doc = parse_sentence(text[base : sentence[1]])
    head = next((t for t in doc if base + t.idx == noun), None)
    return head is not None and any(
        c.dep_ == "acl" and c.tag_ == "VBN" and 0 < c.i - head.i <= 3 for c in head.children
    )


# What a number that heads its own noun phrase stands in: "16 who died", "1,500 killed",
# "spent 3 billion for ...", "the soldiers get 25,000".
_MODIFYING = frozenset("nummod compound amod quantmod nmod".split())
_PRONOUNS = frozenset("them whom us those these".split())


def standalone(text: str, sentence: tuple[int, int], q: Quantity) -> tuple[str, ...] | None:
    """Where the parse makes the number ``q`` its own noun phrase (it modifies no noun after it),
    the verbs (as written, lower case: the parser runs without a lemmatiser) it is an argument of
    or that describe it ("16 who died" -> died, "1,500 killed", "50 were wounded", "spent 3
    billion"); None where it counts a noun or is part of a partitive ("3 of the 10")."""
    base = sentence[0]
    doc = parse_sentence(text[base : sentence[1]])
    inside = [t for t in doc if q.start <= base + t.idx < q.end]
    top = next((t for t in inside if t.head not in inside or t.head.i == t.i), None)
    if top is not None and top.dep_ == "nummod" and top.head.lower_ == "others":
        top = top.head  # "67 others were injured": the number and "others" are one phrase
    if top is None or (top.dep_ in _MODIFYING and top.head.i > top.i):
        return None
    if top.dep_ in _MODIFYING and top.head.pos_ in ("NOUN", "PROPN"):
        return None
    for of in (c for c in top.children if c.dep_ == "prep" and c.lower_ == "of"):
        # "3 of the 10" counts what the ten are; "1,000 of them died" stands for its people
        if any(o.dep_ == "pobj" and o.lower_ not in _PRONOUNS for o in of.children):
            return None
    verbs: list[str] = []
    for c in top.children:
        if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX"):
            verbs.append(c.lower_)  # "16 who died", "1,500 killed in the war"
    if top.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "conj") and top.head.pos_ in (
        "VERB",
        "AUX",
    ):
        verbs.append(top.head.lower_)
    if top.dep_ == "attr" or top.dep_ == "nsubj":
        # "there were 16 who died and 50 were wounded": the verb joined to it is about it too
        verbs += [c.lower_ for c in top.head.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return tuple(verbs)


def counted_noun(text: str, sentence: tuple[int, int], q: Quantity) -> tuple[str, tuple[str, ...]]:
    """The noun the number ``q`` modifies ("nine guards" -> guards) and the verbs it is an
    argument of or is described by ("were killed"); ("", ()) where it modifies none."""
    base = sentence[0]
    doc = parse_sentence(text[base : sentence[1]])
    inside = [t for t in doc if q.start <= base + t.idx < q.end]
    top = next((t for t in inside if t.head not in inside or t.head.i == t.i), None)
    if top is None or top.dep_ != "nummod" or top.head.pos_ != "NOUN" or top.head.i < top.i:
        return "", ()
    noun = top.head
    verbs = [c.lower_ for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"]
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX"):
        verbs.append(noun.head.lower_)
    return noun.lower_, tuple(verbs)
