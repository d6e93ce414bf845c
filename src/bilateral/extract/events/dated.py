"""Step 2c of the events cascade: a dated act of an actor that no event word names.

"The Philippines filed a case against China on 22 January 2013", "On July 12, the tribunal
issued its award", "The armed forces of A and B conducted strikes on 22 January": an actor (a
state, a body, a person) does something on a day the clause gives. The vocabulary has no word
for most such acts, and a list of them read off the documents at hand would not carry over to
the next publisher's; the sentence's structure says enough: a verb whose subject is an actor
and whose own clause holds a date is an occasion of its own (type ``other``), dated by that
clause. What the verb reports or intends stays out: a verb with a clause of its own ("said
that ...", "announced it would ...") or an object that says what is meant to be done ("announced
his intent to nominate ...") tells a statement or a plan; a subject that only holds an actor
("trade between A and B grew") is no actor; a time that spans a stretch ("since 2006, A has
contributed ...") dates no one act; and only the sentence's own verbs count, not a modifier
("the Task Force, launched in 2021 to ...").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilateral.context import parse_sentence
from bilateral.extract.events.triggers import Trigger
from bilateral.extract.text.units import iso

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from bilateral.extract.events.reading import Reading

_ACTORS = frozenset({"person", "country", "organization"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# A verb that carries a clause of its own reports or intends it: "said that", "decided to".
_REPORTED = frozenset({"ccomp", "xcomp", "parataxis"})
# The past of an act, or its perfect or passive: "filed", "has filed", "was launched".
_DONE = frozenset({"VBD", "VBN"})
# The verb of the sentence or one coordinated with it; not a modifier ("the Task Force, launched
# in 2021 to ...") nor a clause hanging on a noun or another verb.
_MAIN = frozenset({"ROOT", "conj"})
# A time after these spans a stretch, it is no day of one act: "since 2006, A has contributed".
_SPAN = frozenset("since throughout until till by over for within".split())


def wants_dated(rd: Reading, ui: int) -> bool:
    """Whether the unit can tell a dated act (a date and an actor in it): only these are parsed."""
    s, e = rd.units[ui]
    return (
        ui not in rd.datelines
        and any(iso(t) is not None for t in rd.times_in(s, e))
        and bool(rd.mentions_in(s, e, _ACTORS))
    )


def dated_acts(rd: Reading, ui: int) -> list[Trigger]:
    """The verbs of the unit that tell a dated act of an actor, as ``other`` triggers."""
    if not wants_dated(rd, ui):
        return []
    s, e = rd.units[ui]
    text = rd.doc.text
    times = [t for t in rd.times_in(s, e) if iso(t) is not None]
    actors = list(rd.mentions_in(s, e, _ACTORS))
    doc = parse_sentence(text[s:e])
    out: list[Trigger] = []
    for tx in times:
        verb, via = _governor(doc, tx.start - s, tx.end - s)
        if (
            verb is None
            or verb.tag_ not in _DONE
            or verb.dep_ not in _MAIN
            or via in _SPAN
            or any(c.dep_ in _REPORTED or _intent(c) for c in verb.children)
        ):
            continue
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is None:
            continue
        at = s + subject.idx
        if not any(m.start <= at < m.end for m in actors):
            continue  # "trade between A and B grew": the subject's head is no actor
        start = s + verb.idx
        if any(t.start == start for t in out):
            continue
        out.append(Trigger(start, start + len(verb), "other", verb.lower_, True))
    return out


def _intent(child: Token) -> bool:
    """An object that says what is meant to be done: "announced his intent to nominate X",
    "reiterated the commitment to address ...", "its decision to open an embassy"."""
    return child.dep_ == "dobj" and any(g.dep_ == "acl" and g.tag_ == "VB" for g in child.children)


def _governor(doc: Doc, start: int, end: int) -> tuple[Token | None, str]:
    """The verb the time at ``start:end`` dates, and the preposition between them ("" when
    none): the time's own words, then at most one preposition, then the verb ("On 18 September
    2019, X filed"; "X filed ... in 2013"). A time deeper inside a noun phrase ("the vision of
    ASEAN 2025") dates that noun, not the verb."""
    inside = [t for t in doc if start <= t.idx < end]
    top = next((t for t in inside if not (start <= t.head.idx < end) or t.head.i == t.i), None)
    if top is None or top.head.i == top.i:
        return None, ""
    up = top.head
    if up.pos_ == "VERB":
        return up, ""
    if up.dep_ == "prep" and up.head.pos_ == "VERB":
        return up.head, up.lower_
    return None, ""
