"""Holders and bodies of posts from sentence structure, for the posts word order leaves open.

The word-order reading in ``stage`` ties a post to the name right before or after it. Career
sentences and appositions put the name elsewhere: "Smith was director of X, Senior Vice President
of Y at Z", "he held the position of Assistant to the President ... and Minister of ...",
"Began his service at the Ministry ... worked as a third secretary at the Asia Division",
"X, of Vermont, to be a Representative of ...". spaCy's dependency parse of those sentences only
(the parser costs as much as the rest of the pipeline together) gives:

1. the holder: a person the title is in apposition with, or the subject of the clause the title is
   predicated of ("served as", "was", "became", "to be", "the position of"), through coordinated
   titles; a pronoun subject is the person last named, a subject-less clause in a biography its
   subject;
2. the body, where the text gives none with "of": the organisation the clause or the title is
   "at" or "in" ("at the Case Foundation");
3. the destination of an envoy ("to the Seventy-seventh Session of the General Assembly ...");
4. concurrent accreditations ("... with concurrent accreditation to A, B and C"): one post each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bilateral.context import PARSE_CHUNK, parse_sentence, prefetch_parses
from bilateral.extract.text.spans import ByOffset
from bilateral.model import Document, Mention, Sentence, Turn

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Nouns whose "of" names a post: "held the position of Assistant to the President".
_POSITION_NOUNS = frozenset("position post office capacity role duties".split())
# Verbs whose object is the post itself ("was appointed Ambassador", "assumed the post").
_POST_VERBS = ("appoint", "name", "elect", "become", "became", "serv", "held", "hold", "assum")
_PREDICATE = frozenset("attr oprd acomp xcomp npadvmod dep conj".split())
_PRONOUNS = frozenset("he she him her his".split())
_ENVOY_HEADS = ("ambassador", "representative", "envoy", "adviser", "advisor", "assistant")
_PRONOUN_REACH = 800  # characters back to the person a pronoun subject stands for
# Verbs whose object is the one who is to hold the post ("nominate X to be Ambassador",
# "appointed X as Director", "nominate X for Director"), not their subject.
_APPOINTING = ("nominat", "appoint", "name", "designat", "select", "elect", "choos", "chose")


@dataclass(frozen=True, slots=True)
class Reading:
    """What the parse says about one post: its holder, the body it is at, where it is sent."""

    holder: Mention | None
    body: Mention | None  # what the clause is at ("Began his service at the Ministry ...")
    at: Mention | None  # what the title itself is at ("a third secretary at the Asia Division")
    dest: str | None
    nominee: bool = False  # "nominate X for Director": X is the nominee for the post


@dataclass(frozen=True, slots=True)
class Parsed:
    """One parsed sentence and the mentions inside it (offsets into the document text)."""

    doc: Doc
    offset: int
    mentions: tuple[Mention, ...]
    speaker: Mention | None = None  # who says "I" here: the turn's speaker in a transcript

    def mention(self, tok: Token, types: tuple[str, ...]) -> Mention | None:
        at = self.offset + tok.idx
        return next((m for m in self.mentions if m.start <= at < m.end and m.type in types), None)

    def token_at(self, pos: int) -> Token | None:
        rel = pos - self.offset
        return next((t for t in self.doc if t.idx <= rel < t.idx + len(t.text)), None)


def parse(
    doc: Document,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
) -> dict[int, Parsed]:
    """Parse the given sentences (each once), keyed by their start offset."""
    todo = sorted({s.start: s for s in sentences}.values(), key=lambda s: s.start)
    if not todo:
        return {}
    by_start = ByOffset(mentions, key=lambda m: m.start)
    turns = ByOffset(doc.turns, key=lambda t: t.start)
    by_last: dict[str, dict[str, Mention]] = {}  # a person's last name -> the persons so named
    for m in mentions:
        if m.type == "person" and m.text.split():
            by_last.setdefault(m.text.split()[-1].casefold(), {})[m.entity] = m
    out = {}
    for i, s in enumerate(todo):
        if i % PARSE_CHUNK == 0:
            # Through the shared cache (a sentence another stage reads is parsed once), in
            # batches it takes whole.
            prefetch_parses(doc.text[x.start : x.end] for x in todo[i : i + PARSE_CHUNK])
        inside = tuple(by_start.between(s.start, s.end))
        sdoc = parse_sentence(doc.text[s.start : s.end])
        turn = turns.last_before(s.start)
        turn = turn if turn is not None and s.start < turn.end else None
        out[s.start] = Parsed(sdoc, s.start, inside, _speaker(turn, by_last))
    return out


def _speaker(turn: Turn | None, by_last: dict[str, dict[str, Mention]]) -> Mention | None:
    """The person a transcript's turn label names ("PRESIDENT SMITH:" -> the Smith named in the
    document), for the sentences of that turn."""
    if turn is None or not turn.speaker.split():
        return None
    named = by_last.get(turn.speaker.split()[-1].casefold(), {})
    return next(iter(named.values())) if len(named) == 1 else None


def title_token(p: Parsed, start: int, end: int) -> Token | None:
    """The syntactic head of the title written at [start, end): the token whose head lies outside."""
    toks = [t for t in p.doc if start <= p.offset + t.idx < end]
    for t in toks:
        if not start <= p.offset + t.head.idx < end or t.head is t:
            return t
    return toks[-1] if toks else None


def read(
    p: Parsed,
    start: int,
    end: int,
    persons: ByOffset[Mention],
    bio: Mention | None,
) -> Reading:
    """The holder, body and destination of the post written at [start, end)."""
    head = title_token(p, start, end)
    if head is None:
        return Reading(None, None, None, None)
    holder, verb = _holder(p, head, persons, bio)
    nominee = (
        head.dep_ == "pobj"
        and head.head.lower_ == "for"
        and any(a.lower_.startswith("nominat") for a in head.head.ancestors)
    )
    return Reading(
        holder,
        _at(p, _clause_preps(verb)),
        _at(p, _preps(head)),
        _dest(p, head, verb),
        nominee and holder is not None,
    )


def _holder(
    p: Parsed, head: Token, persons: ByOffset[Mention], bio: Mention | None
) -> tuple[Mention | None, Token | None]:
    t = head
    for _ in range(8):
        for c in t.children:  # "the President of X, Lansana Conte"
            if c.dep_ == "appos" and (m := p.mention(c, ("person",))) is not None:
                return m, None
        up = t.head
        if t.dep_ == "appos" and (m := p.mention(up, ("person",))) is not None:
            return m, None  # "Amos Hochstein, Special Presidential Coordinator for ..."
        if t.dep_ == "pobj" and up.lower_ in ("as", "for"):
            gov = up.head
            named = p.mention(gov, ("person",))  # "nominate X for Director": on the name
            if named is not None and gov.dep_ in ("dobj", "nsubjpass", "appos"):
                return named, None
            if (obj := _appointee(p, gov)) is not None:
                return obj, gov
            if up.lower_ == "as" and gov.pos_ in ("NOUN", "PROPN"):
                return _possessor(p, gov, persons), None  # "for his election as President"
            if up.lower_ == "as":
                return _subject(p, gov, persons, bio), gov
            return None, None
        if t.dep_ == "pobj" and up.lower_ == "of" and up.head.lower_ in _POSITION_NOUNS:
            t = up.head  # "held the position of Assistant ..."
            continue
        if t.dep_ in ("conj", "appos") and up.pos_ in ("NOUN", "PROPN"):
            t = up  # a further title in a list: the first one's holder holds it
            continue
        is_verb = up.pos_ in ("VERB", "AUX")
        if is_verb and (
            t.dep_ in _PREDICATE
            or (t.dep_ == "dobj" and (t.lower_ in _POSITION_NOUNS or _post_verb(up)))
        ):
            return _subject(p, up, persons, bio), up
        if t.dep_ == "ROOT" and bio is not None:
            return bio, None  # a biography's line "2016 - 2019 – First Deputy Minister ..."
        return None, None
    return None, None


def _appointee(p: Parsed, verb: Token) -> Mention | None:
    """The person an appointing verb names as its object."""
    if not verb.lower_.startswith(_APPOINTING):
        return None
    for c in verb.children:
        if c.dep_ == "dobj" and (m := p.mention(c, ("person",))) is not None:
            return m
    return None


def _possessor(p: Parsed, noun: Token, persons: ByOffset[Mention]) -> Mention | None:
    """Whose "election", "appointment" or "role" a noun is: its possessive, a pronoun standing
    for the person last named before it."""
    for c in noun.children:
        if c.dep_ != "poss":
            continue
        if (m := p.mention(c, ("person",))) is not None:
            return m
        if c.lower_ in _PRONOUNS:
            at = p.offset + c.idx
            last = persons.last_before(at)
            return last if last is not None and at - last.end < _PRONOUN_REACH else None
    return None


def _post_verb(verb: Token) -> bool:
    return verb.lower_.startswith(_POST_VERBS) or any(c.dep_ == "auxpass" for c in verb.children)


def _subject(
    p: Parsed, verb: Token, persons: ByOffset[Mention], bio: Mention | None
) -> Mention | None:
    v = verb
    for _ in range(4):
        subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            found = p.mention(subj, ("person",))
            if found is not None:
                return found
            if subj.lower_ == "i" and p.speaker is not None:
                return p.speaker  # "back when I was a senator", in a speaker's turn
            if subj.lower_ in ("who", "that") and v.dep_ == "relcl":
                return p.mention(v.head, ("person",))  # "X, who was a member of ..."
            if subj.lower_ in _PRONOUNS:
                at = p.offset + subj.idx
                last = persons.last_before(at)
                return last if last is not None and at - last.end < _PRONOUN_REACH else bio
            return None
        if v.dep_ in ("relcl", "acl"):  # "X, of Vermont, to be a Representative of ..."
            return p.mention(v.head, ("person",))
        if v.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "pcomp") or v.head is v:
            break
        if v.dep_ == "xcomp" and (obj := _appointee(p, v.head)) is not None:
            return obj  # "nominate X to be Ambassador"
        v = v.head
    return bio if v.dep_ == "ROOT" else None


def _preps(t: Token) -> list[Token]:
    return [c for c in t.children if c.dep_ == "prep" and c.lower_ in ("at", "in")]


def _clause_preps(verb: Token | None) -> list[Token]:
    """ "at"/"in" of the clause and of the clauses it is coordinated with or subordinate to."""
    places: list[Token] = []
    v = verb
    for _ in range(3):
        if v is None:
            break
        places += _preps(v)
        for obj in v.children:  # "Began his service at the Ministry ..."
            if obj.dep_ == "dobj":
                places += _preps(obj)
        if v.dep_ not in ("conj", "advcl") or v.head is v:
            break
        v = v.head
    return places


def _at(p: Parsed, places: list[Token]) -> Mention | None:
    """The organisation one of the prepositions governs."""
    for prep in places:
        for obj in prep.children:
            if obj.dep_ == "pobj" and (m := p.mention(obj, ("organization",))) is not None:
                return m
    return None


def _dest(p: Parsed, head: Token, verb: Token | None) -> str | None:
    """Where an envoy is sent, in the text's words ("the General Assembly of the United Nations")."""
    if not head.lower_.startswith(_ENVOY_HEADS):
        return None
    heads = [head, *(c for c in head.children if c.dep_ == "prep" for c in c.children)]
    if verb is not None and verb.lower_ in ("be", "become", "becoming"):
        heads.append(verb)
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "to":
                words = [t for t in c.subtree if t is not c]
                if words and words[0].lower_ == "the":
                    words = words[1:]
                if words:
                    a, b = words[0].idx, words[-1].idx + len(words[-1].text)
                    return " ".join(p.doc.text[a:b].split())
    return None
