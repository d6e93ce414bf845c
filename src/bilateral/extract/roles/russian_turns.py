"""Posts a speaker of a transcript states of himself or of the one he talks to: "И.Петрова: ...
Была членом Совета Федерации", "Я работаю губернатором", "когда я занимал должность министра",
"В.Путин: Вы ведь работали послом".

A post in the instrumental after a verb of being or working ("быть", "работать", "являться",
"служить"), or in the genitive after "занимать должность", names no holder in the sentence;
the verb's subject does (the last pronoun in the nominative before it, else the verb's
person): the first person is the turn's speaker, the second the one he talks to (the speaker
of the turn before his, whom he answers). A verb in the past tense shows no person: with no
subject before it in the sentence ("Была членом ..."), it is the speaker's. A post after a
preposition or another verb ("возможность встретиться с министром") is no predicate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bilateral.lang.ru import RuToken
from bilateral.model import Document, Mention, Turn

_BE = frozenset("быть работать поработать проработать являться служить трудиться занимать".split())
_REACH = 4  # tokens between the verb and the post ("работала до этого в Челябинске министром")
_ME = frozenset(("я",))
_YOU = frozenset(("вы", "ты"))


def _speakers(doc: Document, persons: Sequence[Mention]) -> dict[str, Mention]:
    """Each turn's speaker (as the turns name him, a surname) -> his first mention."""
    out: dict[str, Mention] = {}
    for turn in doc.turns:
        if turn.speaker in out:
            continue
        m = next((p for p in persons if turn.speaker in p.text), None)
        if m is not None:
            out[turn.speaker] = m
    return out


def speaker_holder(
    doc: Document,
    toks: Sequence[RuToken],
    first: int,
    instrumental: bool,
    persons: Sequence[Mention],
    cache: dict[str, Mapping[str, Mention]],
) -> tuple[Mention, bool] | None:
    """The speaker (or the one he talks to) who holds the post that starts at token ``first``
    of a sentence in a turn, and whether the verb is in the past; None where the verb and the
    turn do not say."""
    if not toks or not doc.turns:
        return None
    turn = doc.turn_at(toks[first].start)
    if turn is None:
        return None
    verb = _verb(toks, first, instrumental)
    if verb is None:
        return None
    if "speakers" not in cache:
        cache["speakers"] = _speakers(doc, persons)
    speakers = cache["speakers"]
    # The words of the sentence before the verb, after a speaker's label ("О.Петрова: Да,
    # работала ..."), names left out.
    colon = max((n for n in range(verb) if toks[n].text == ":"), default=-1)
    lo, hi = toks[0].start, toks[verb].start
    named = [p for p in persons if lo <= p.start < hi]
    before = [
        t for t in toks[colon + 1 : verb] if not any(p.start <= t.start < p.end for p in named)
    ]
    # The verb's subject: the last pronoun in the nominative before it, else its person.
    subject = next((t for t in reversed(before) if t.pos == "NPRO" and "nomn" in t.tag), None)
    tag = toks[verb].tag
    past = "past" in tag
    me = subject.text.lower() in _ME if subject else "1per" in tag
    you = subject.text.lower() in _YOU if subject else "2per" in tag
    who: Mention | None = None
    if me:
        who = speakers.get(turn.speaker)
    elif you:
        who = _addressee(doc, turn, speakers)
    elif past and subject is None and not any(_subject(t) for t in before):
        who = speakers.get(turn.speaker)
    return (who, past) if who is not None else None


def _addressee(doc: Document, turn: Turn, speakers: Mapping[str, Mention]) -> Mention | None:
    """The one a speaker talks to: the speaker of the turn before his (he answers him), else of
    the turn after, else the other speaker of a conversation of two."""
    at = doc.turns.index(turn)
    for n in (at - 1, at + 1):
        if 0 <= n < len(doc.turns) and doc.turns[n].speaker != turn.speaker:
            return speakers.get(doc.turns[n].speaker)
    others = [s for s in speakers if s != turn.speaker]
    return speakers[others[0]] if len(others) == 1 else None


def _verb(toks: Sequence[RuToken], first: int, instrumental: bool) -> int | None:
    """The verb of being or working whose post starts at token ``first``: "работаю
    губернатором" (the post in the instrumental), "занимал должность министра"."""
    at = first - 1
    if at >= 0 and toks[at].lemma == "должность":
        at -= 1
        return at if at >= 0 and toks[at].lemma == "занимать" else None
    if not instrumental:
        return None
    if first == 0 or toks[first - 1].pos == "PREP":
        return None  # "встретиться с премьер-министром": a preposition's object, no predicate
    for k in range(first - 1, max(-1, first - 1 - _REACH), -1):
        t = toks[k]
        if t.lemma in _BE and t.pos in ("VERB", "INFN"):
            return k
        if t.text in (".", "!", "?", ":", ";") or t.pos in ("VERB", "INFN", "PRTF", "GRND"):
            return None  # another verb's phrase: "возможность встретиться с ..."
    return None


def _subject(t: RuToken) -> bool:
    """A noun in the nominative before the verb: the sentence names its subject."""
    return t.pos == "NOUN" and "nomn" in t.tag
