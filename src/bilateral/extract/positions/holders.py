"""Who holds a stance or a plan, and whom it is about, from the dependency parse of its sentence.

1. The cue's clause: the verb the cue is (or its nearest verbal head: "the need to" -> the verb
   whose object "need" is).
2. Its subject, through coordination and control ("discussed ... and welcomed", "agreed to
   work"): the subject of the clause the cue's verb hangs from.
3. What the subject means: a named actor inside it; "we", "I", "our" the speaker of the turn or
   the author; "they", "the leaders", "both sides" the document's two parties; "he" or "she" the
   person last named.
4. The target: the first actor named after the cue that is not the holder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bilateral.extract.events.reading import Reading
from bilateral.extract.text.units import ACTOR_TYPES
from bilateral.kb.publishers import load_publishers
from bilateral.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset(("nsubj", "nsubjpass", "csubj"))
# Clauses that share their head's subject: coordinated verbs, controlled infinitives, participles.
_SHARED = frozenset(("conj", "xcomp", "advcl", "acl", "pcomp", "prep", "pobj", "dobj", "relcl"))
_SPEAKER = frozenset("we i us our my ourselves".split())
_PARTIES = frozenset(
    "they them their both sides leaders parties presidents ministers countries two".split()
)
_PERSON = frozenset("he she his her".split())
# Heads of a subject that act for the actors named in them ("the Government of X", "the
# leaders of X and Y"), unlike "relations between X and Y" or "meetings of X's ministers".
_ACTING = frozenset(
    "government delegation leadership administration ministry side party leader president "
    "minister company people nation state country authority parliament office embassy "
    "foreign secretary member partner friend ally colleague".split()
)
_CLIMB = 6


@dataclass(frozen=True, slots=True)
class Holding:
    holders: tuple[str, ...]  # entity ids, the surest first
    # "subject", "speaker", "parties", "person"; "other" when the subject is no actor ("it",
    # "the headquarters"), "modifier" when it only names actors in its modifiers ("relations
    # between X and Y", "meetings of the X ministers"), "default" when the clause has none
    said_by: str
    target: str | None


def _verb_of(tok: Token) -> Token:
    """The cue's clause: the token itself if verbal, else its nearest verbal head."""
    t = tok
    for _ in range(_CLIMB):
        # "will" and "must" hang from the verb they help, which has the subject.
        if t.dep_ in ("aux", "auxpass") and t.head is not t:
            t = t.head
            continue
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            return t
        t = t.head
    return tok


def _subject(verb: Token) -> Token | None:
    t = verb
    for _ in range(_CLIMB):
        for child in t.children:
            if child.dep_ in _SUBJECTS:
                return child
        if t.dep_ not in _SHARED or t.head is t:
            return None
        t = t.head
    return None


def hold(
    rd: Reading,
    parsed: Doc,
    offset: int,
    cue_start: int,
    cue_end: int,
    mentions: Sequence[Mention],
) -> Holding:
    """The holders and target of the cue at [cue_start, cue_end) (document offsets) in the
    sentence parsed as ``parsed`` starting at ``offset``; ``mentions`` are the sentence's."""
    actors = [m for m in mentions if m.type in ACTOR_TYPES]
    tok = next((t for t in parsed if offset + t.idx >= cue_start), None)
    holders: list[str] = []
    said_by = "default"
    if tok is not None:
        # "Egypt's concerns", "the Administration's continued support": the possessor holds it.
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None and tok.lower_ in _PROPOSALS:
            # "the initiatives of the leadership", "an idea put forward by X": the proposal's
            # author; a proposal with none named ("projects and initiatives") is no one's.
            owner = _author(tok, offset, actors)
            if owner is None:
                return Holding((), "none", None)
        verb = _verb_of(tok)
        # "was proposed by X": the agent of a passive
        agent = next(
            (g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        subj = owner if owner is not None else agent if agent is not None else _subject(verb)
        if subj is not None and subj.text.lower() in _THEY:
            subj = _antecedent(subj, offset, actors) or subj
        # "our friends, who will take over the chair": the definite noun the relative clause
        # describes (not "any partner who has").
        if (
            subj is not None
            and subj.lower_ == "who"
            and subj.head.dep_ == "relcl"
            and any(
                c.dep_ == "poss" or c.lower_ in ("the", "these", "those")
                for c in subj.head.head.children
            )
        ):
            subj = subj.head.head
        if subj is not None:
            holders, said_by = _meaning(rd, subj, offset, actors)
    if not holders:
        before = [m for m in actors if m.end <= cue_start and m.type in ("person", "country")]
        if before and said_by == "default":
            holders, said_by = [before[0].entity], "subject"
        else:
            holders = speaker_of(rd, cue_start)
    seen = set(holders)
    target = next(
        (m.entity for m in actors if m.start >= cue_end and m.entity not in seen),
        None,
    )
    return Holding(tuple(dict.fromkeys(holders)), said_by, target)


_THEY = frozenset(("they", "them"))
# Nouns of bodies a definite description refers back to ("the state corporation", "the
# university"): the organisation named last before it.
_BODIES = frozenset(
    "corporation company university organisation organization alliance bank agency fund "
    "institute bloc association consortium firm operator concern holding".split()
)
_BACK = 800  # characters: how far back a definite description looks for its organisation


_PROPOSALS = frozenset("initiative initiatives proposal proposals suggestion suggestions".split())


def _author(tok: Token, offset: int, actors: Sequence[Mention]) -> Token | None:
    """The actor a proposal noun names as its author: "of X", "by X", "initiated by X"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "by"):
            g = next((x for x in c.children if x.dep_ == "pobj"), None)
        elif c.dep_ == "acl":
            g = next(
                (
                    x
                    for a in c.children
                    if a.dep_ == "agent"
                    for x in a.children
                    if x.dep_ == "pobj"
                ),
                None,
            )
        else:
            continue
        if g is None:
            continue
        lo = offset + min(x.idx for x in g.subtree)
        hi = offset + max(x.idx + len(x.text) for x in g.subtree)
        if any(lo <= m.start < hi for m in actors):
            return g
    return None


def _lemma(tok: Token) -> str:
    """The noun's singular (the parse runs without a lemmatiser): "leaders" -> "leader",
    "companies" -> "company"."""
    word = (tok.lemma_ or tok.text).lower()
    if tok.lemma_ or len(word) < 4 or not word.endswith("s") or word.endswith("ss"):
        return word
    return word[:-3] + "y" if word.endswith("ies") else word[:-1]


def _antecedent(subj: Token, offset: int, actors: Sequence[Mention]) -> Token | None:
    """ "The leaders met in X, where they agreed to ...": "they" of a clause that hangs from
    another is that clause's subject where it names actors."""
    t = subj.head
    for _ in range(_CLIMB):
        if t.head is t:
            return None
        t = t.head
        if t.pos_ not in ("VERB", "AUX"):
            continue
        other = next((c for c in t.children if c.dep_ in _SUBJECTS), None)
        if other is None or other.text.lower() in _THEY | _SPEAKER:
            continue
        lo = offset + min(x.idx for x in other.subtree)
        hi = offset + max(x.idx + len(x.text) for x in other.subtree)
        return other if any(lo <= m.start < hi for m in actors) else None
    return None


def _body_before(rd: Reading, subj: Token, offset: int) -> str | None:
    """ "The Russian state corporation, which ..., is ready": the organisation named last
    before a definite description of a body."""
    if _lemma(subj) not in _BODIES or not any(
        c.dep_ == "det" and c.lower_ in ("the", "this") for c in subj.children
    ):
        return None
    at = offset + min(t.idx for t in subj.subtree)
    for m in reversed(rd.mentions):
        if m.end <= at and m.type == "organization" and at - m.end <= _BACK:
            return m.entity
        if at - m.end > _BACK:
            break
    return None


# A short plain subject right before the cue: "We strongly support", "The United States
# welcomed", "Both leaders called for". Read without a parse; anything longer or unclear is parsed.
_PLAIN_WORDS = 6
_CLAUSE_START = re.compile(r"[,;:(]\s|\s[-–—]\s|\b(?:that|which|who|and|but|while|as)\s", re.I)
_WORD = re.compile(r"[\w'’-]+")
_FILLERS = frozenset(
    "the also therefore further furthermore strongly fully firmly again once more both all "
    "today then thus hence further warmly deeply highly very".split()
)


def plain_hold(
    rd: Reading,
    text: str,
    offset: int,
    cue_start: int,
    cue_end: int,
    mentions: Sequence[Mention],
) -> Holding | None:
    """The holders and target when the words before the cue are a short subject that needs no
    parse (a pronoun of the speaker or the parties, or named actors); None otherwise."""
    lead = text[offset:cue_start]
    starts = list(_CLAUSE_START.finditer(lead))
    cut = [m.end() for m in starts]
    begin = offset + (cut[-1] if cut else 0)
    # "confirmed Peru and Chile's interest": an "and" between names joins them, the parse reads it
    if (
        starts
        and starts[-1].group().strip().lower() == "and"
        and any(0 <= offset + starts[-1].start() - m.end <= 1 for m in mentions)
    ):
        return None
    words = [w.lower() for w in _WORD.findall(text[begin:cue_start])]
    if not words or len(words) > _PLAIN_WORDS:
        return None
    actors = [m for m in mentions if m.type in ACTOR_TYPES]
    named = [m for m in actors if begin <= m.start and m.end <= cue_start]
    rest = set(words) - _FILLERS
    holders: list[str]
    if named:
        holders = []
        for m in named:
            holders.append(m.entity)
            state = rd.country_of(m.entity) if m.type == "person" else None
            if state:
                holders.append(state)
        said_by = "subject"
    elif rest and rest <= _SPEAKER | {"will", "shall", "would", "must", "should", "can", "do"}:
        holders, said_by = speaker_of(rd, cue_start), "speaker"
    elif (
        rest
        and rest & {"sides", "leaders", "parties", "two", "they"}
        and len(rest) <= 3
        # "The leaders met in X, where they agreed": "they" are the actors named before
        and not ("they" in rest and any(m.end <= begin for m in actors))
    ):
        holders, said_by = list(rd.mains) or speaker_of(rd, cue_start), "parties"
    else:
        return None
    seen = set(holders)
    target = next((m.entity for m in actors if m.start >= cue_end and m.entity not in seen), None)
    return Holding(tuple(dict.fromkeys(holders)), said_by, target)


def _meaning(
    rd: Reading, subj: Token, offset: int, actors: Sequence[Mention]
) -> tuple[list[str], str]:
    lo = offset + min(t.idx for t in subj.subtree)
    hi = offset + max(t.idx + len(t.text) for t in subj.subtree)
    inside = [m for m in actors if lo <= m.start < hi]
    if not any(m.start <= offset + subj.idx < m.end for m in inside):
        body = _body_before(rd, subj, offset)
        if body is not None:
            return [body], "subject"
    # "President Biden and Prime Minister Holness": both; "the Government of X": X's body first.
    if inside:
        head = [m for m in inside if m.start <= offset + subj.idx < m.end]
        ordered = head + [m for m in inside if m not in head]
        out = [m.entity for m in ordered]
        for m in ordered:
            state = rd.country_of(m.entity) if m.type == "person" else None
            if state:
                out.append(state)
        acting = head or _lemma(subj) in _ACTING or subj.pos_ == "PROPN"
        return out, "subject" if acting else "modifier"
    word = subj.text.lower()
    words = {t.text.lower() for t in subj.subtree}
    if word in _SPEAKER:
        return speaker_of(rd, offset + subj.idx), "speaker"
    # "both sides", "the two leaders", "companies of our countries": the document's parties.
    ours = "our" in words and words & {"countries", "nations", "states", "peoples"}
    if word in _PARTIES or words & {"sides", "leaders", "parties", "two"} or ours:
        return list(rd.mains) or speaker_of(rd, offset + subj.idx), "parties"
    if word in _PERSON:
        person = rd.person_before(offset + subj.idx)
        return ([person] if person else []), "person"
    titled = _titled(rd, " ".join(t.text for t in subj.subtree if t.dep_ != "det"))
    if titled:
        return titled, "subject"
    # "The Vice President and Prime Minister": each conjunct a post of its own.
    conjuncts = [subj, *subj.conjuncts]
    if len(conjuncts) > 1:
        posts: list[str] = []
        for c in conjuncts:
            post = [t for t in c.lefts if t.dep_ in ("compound", "amod")] + [c]
            posts += _titled(rd, " ".join(t.text for t in post))
        if posts:
            return posts, "subject"
    return [], "other"


def _titled(rd: Reading, words: str) -> list[str]:
    """ "The President", "the Vice President": the person the document gives that post, the
    first named of them when several hold it."""
    low = words.lower().strip()
    if not low:
        return []
    exact = rd.titled.get(low, ())
    if not exact:
        return []
    first = {p: rd.by_entity[p][0].start for p in exact if p in rd.by_entity}
    # A bare post in a state's own release ("The President" of a White House readout) is its
    # own holder of the post, when it names one.
    home = load_publishers().country(rd.doc.publisher)
    own = [p for p in exact if home is not None and rd.country_of(p) == home]
    person = min(own or exact, key=lambda p: first.get(p, len(rd.doc.text)))
    state = rd.country_of(person)
    return [person, state] if state else [person]


def said_of(rd: Reading, cue_start: int, cue_end: int, mentions: Sequence[Mention]) -> Holding:
    """A cue that says something of its subject ("India is a vital partner", "the Benelux union
    is an important step"): the speaker holds it, and the actor named before it is the target."""
    holders = speaker_of(rd, cue_start)
    seen = set(holders)
    actors = [m for m in mentions if m.type in ACTOR_TYPES and m.entity not in seen]
    before = [m for m in actors if m.end <= cue_start]
    after = [m for m in actors if m.start >= cue_end]
    target = before[0].entity if before else after[0].entity if after else None
    return Holding(tuple(dict.fromkeys(holders)), "speaker", target)


def speaker_of(rd: Reading, pos: int) -> list[str]:
    """Whom "we" means here: the speaker of the turn (and the state he speaks for), the author,
    the state whose publisher issued the document (a White House readout's "we"), else the
    document's parties (a joint statement's signatories)."""
    out: list[str] = []
    turn = rd.doc.turn_at(pos)
    if turn is not None and turn.role != "question" and not _known(rd, turn.speaker):
        # A speaker the record does not know ("PRESIDENT IOHANNIS:" with no such person): the
        # party whose state no known speaker speaks for.
        theirs = {rd.country_of(p) for p in _known_speakers(rd)} - {None}
        other = [m for m in rd.mains if m not in theirs]
        if theirs and other:
            return other[:1]
    speaker = rd.turn_speaker(pos)
    if speaker:
        out.append(speaker)
        state = rd.country_of(speaker)
        if state:
            out.append(state)
    joint = rd.doc.doc_type == "joint_statement"
    if not out and not joint:
        state = load_publishers().country(rd.doc.publisher)
        if state:
            out.append(state)
    if joint or not out:
        out += list(rd.mains)
    return out


def _known(rd: Reading, name: str) -> bool:
    low = name.lower()
    return any(
        m.type == "person" and (m.text.lower() in low or low in m.text.lower()) for m in rd.mentions
    )


def _known_speakers(rd: Reading) -> list[str]:
    out = []
    for turn in rd.doc.turns:
        if _known(rd, turn.speaker):
            speaker = rd.turn_speaker(turn.start)
            if speaker:
                out.append(speaker)
    return out
