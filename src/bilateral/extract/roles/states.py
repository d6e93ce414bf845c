"""The state of a post the text names without one ("Senator John Boozman", "he served as the
Minister of Defense", "President Tran Dai Quang"), for the posts a state confers and the heads of
states and governments.

0. A heading that lists the holder under a state ("session 40 (1985): Guinea — Name, Post"):
   that state, whatever the post.
1. The holder's own state: the one state his other posts say (in this document, or in his KB
   terms) he serves. A minister or ambassador holds his unstated posts of that state too.
2. For a post a state confers, else the state whose bodies the text is about right there: the
   one state of the state bodies named in the post's sentence or, failing that, in one of the two
   sentences before it ("met with members of US Congress. During talks with Senators ...").
   Envoys are left out: the body that receives an ambassador is not the state that sends him.
3. For a post a state confers, else the publisher's own state: a White House readout's "National
   Security Advisor Jake Sullivan" is of the United States, an embassy's "Consul General" of the
   embassy's state (``publishers.yaml``, ``country``); where no publisher is known, a speech's
   or statement's heading may name its speaker, whose state it is ("DEPARTURE SPEECH OF
   PRESIDENT X"); else the state the KB says the holder is of; else the state whose leader the
   text names most, or the state it names far more often than any other.
4. For a head of state or government (or a deputy: "Vice President", "Deputy Prime Minister")
   the KB gives no term, else the state the KB says he is of
   ("his father President Chaim Herzog"), else the one state the sentence names ("President X
   ... visit to Vietnam"); never the publisher's, whose readouts are about foreign leaders.
5. Titles held together ("Special Assistant to the President and Senior Director for ...") share
   the state one of them got.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from bilateral.extract.roles.posts import word_pattern
from bilateral.extract.text.lines import line_start
from bilateral.extract.text.spans import ByOffset
from bilateral.kb import KnowledgeBase
from bilateral.kb.publishers import load_publishers
from bilateral.kb.vocabulary import posts
from bilateral.model import Document, Mention, Role


@dataclass(frozen=True)
class _Kinds:
    conferred: re.Pattern[str]  # posts a state confers: a person's "Minister" is of his state
    not_conferred: re.Pattern[str]  # posts of a body that hold such a word ("General Secretary")
    envoys: re.Pattern[str]  # posts whose holder one state sends to another
    heads: re.Pattern[str]  # heads of states and governments, the whole title


def _alternation(words: Sequence[str]) -> str:
    return "|".join(word_pattern(w) for w in words)


@functools.lru_cache(maxsize=1)
def _kinds() -> _Kinds:
    """The kinds of posts ``posts.yaml`` lists; the bodies around an envoy are the receiver's."""
    vocab = posts()
    envoys = "|".join(
        word_pattern(w)
        + "".join(
            f"(?!{word_pattern(n[len(w) :])})"
            for n in vocab.not_envoys
            if len(n) > len(w) and n.lower().startswith(w.lower())
        )
        for w in vocab.envoys
    )
    return _Kinds(
        conferred=re.compile(rf"\b(?:{_alternation(vocab.conferred_by_state)})\b", re.IGNORECASE),
        not_conferred=re.compile(rf"\b(?:{_alternation(vocab.not_conferred)})\b", re.IGNORECASE),
        envoys=re.compile(rf"\b(?:{envoys})\b", re.IGNORECASE),
        heads=re.compile(
            rf"(?:(?:first|former|acting|interim)[ -])?(?:(?:vice|deputy|first[ -]deputy)[ -])?"
            rf"(?:{_alternation(vocab.heads_of_state)})"
            rf"(?:[- ](?:elect|designate))?",
            re.IGNORECASE,
        ),
    )


_LOOKBACK = 2  # sentences before the post's own that may say whose bodies these are


def fill_states(
    doc: Document, kb: KnowledgeBase, roles: Sequence[Role], mentions: Sequence[Mention]
) -> list[Role]:
    kinds = _kinds()
    bodies = ByOffset(
        ((m.start, state) for m in mentions if (state := _body_state(kb, m)) is not None),
        key=lambda b: b[0],
    )
    countries = ByOffset(
        ((m.start, m.entity) for m in mentions if m.type == "country"), key=lambda c: c[0]
    )
    home = load_publishers().country(doc.publisher)
    home = home if home is not None and kb.get(home) is not None else None
    if home is None and doc.doc_type in _SPOKEN:
        home = _heading_state(doc, kb, roles)
    principal = _principal_state(kb, roles, kinds.heads) if home is None else None
    if home is None and principal is None:
        principal = _dominant_state(mentions)
    country_ending = ByOffset(
        ((m.end, m.entity) for m in mentions if m.type == "country"), key=lambda c: c[0]
    )
    stated_of: dict[str, list[str]] = {}  # a person -> the bodies his posts here are of
    for r in roles:
        if r.of is not None:
            stated_of.setdefault(r.person, []).append(r.of)
    holders = ByOffset(  # the states of the posts the text states, where it states them
        (
            (r.evidence[0].start, r.person, r.title, state)
            for r in roles
            if r.source == "text" and (state := _stated_or_known(kb, r)) is not None
        ),
        key=lambda h: h[0],
    )
    out = []
    for r in roles:
        if r.of is not None or r.source != "text":
            out.append(r)
            continue
        listed = _listed_under(doc, country_ending, r.evidence[0].start)
        if listed is not None:
            out.append(replace(r, of=listed))
            continue
        conferred = bool(kinds.conferred.search(r.title)) and not kinds.not_conferred.search(
            r.title
        )
        head = kinds.heads.fullmatch(r.title) is not None
        if head and _DEPUTY.match(r.title) and not _title_first(doc, r):
            head = False  # "Jane Roe, Vice President": a company's as often as a state's
        # "Prime Minister" holds the word "Minister" but is a head of government: never the
        # publisher's by default (step 4).
        conferred = conferred and not head
        if not conferred and not head:
            out.append(r)
            continue
        held = _holder_states(kb, r.person, stated_of.get(r.person, []))
        state = held.pop() if len(held) == 1 else None
        pos = r.evidence[0].start
        if state is None and not held and conferred:
            if not kinds.envoys.search(r.title):
                state = _nearby_state(doc, bodies, pos)
            state = state or home or _citizen_of(kb, r.person) or principal
        elif state is None and not held and head and not kb.terms_of(r.person):
            state = (
                _citizen_of(kb, r.person)
                or _sentence_country(doc, countries, pos)
                or _left_to_him(doc, countries, holders, r)
            )
        out.append(r if state is None else replace(r, of=state))
    return _share_in_chains(out)


# "Ireland — Mr. John Smith, Minister for ...": a heading that lists a speaker under his state.
_UNDER = re.compile(r"[ \t\xa0]*[—–:][ \t\xa0]*(?:(?:H\.\s?E\.|Mr|Mrs|Ms|Dr|Sir)\.?[ \t\xa0]+)*\Z")


def _listed_under(doc: Document, country_ending: ByOffset[tuple[int, str]], pos: int) -> str | None:
    """The state a line names before a dash and the holder's name ("UN General Debate, session
    40 (1985): Guinea — Name, Post"): the speaker holds the post of that state."""
    line = line_start(doc.text, pos)
    for end, state in country_ending.between(line, pos + 1):
        if _UNDER.fullmatch(doc.text, end, pos):
            return state
    return None


# Documents one official speaks or writes, whose heading names him ("DEPARTURE SPEECH OF
# PRESIDENT X"): the officials he names without a state are of his state.
_SPOKEN = frozenset(("speech", "statement", "article", "interview"))


def _heading_state(doc: Document, kb: KnowledgeBase, roles: Sequence[Role]) -> str | None:
    """The one state of the posts of known officials that the heading lines name (the lines
    before the first paragraph that ends a sentence)."""
    end = 0
    for para in doc.paragraphs:
        if doc.text[para.start : para.end].rstrip()[-1:] in '.!?"”':
            break
        end = para.end
    states = {
        state
        for r in roles
        if r.source == "text"
        and r.evidence[0].end <= end
        and kb.get(r.person) is not None
        and (state := _state_of(kb, r.of)) is not None
    }
    return states.pop() if len(states) == 1 else None


def _principal_state(
    kb: KnowledgeBase, roles: Sequence[Role], heads: re.Pattern[str]
) -> str | None:
    """Where no publisher says whose officials a text names: the state whose head of state or
    government it names most often, when one state leads ("President Duterte met with ...
    Executive Secretary Salvador Medialdea" in a Philippine release)."""
    counts: dict[str, int] = {}
    for r in roles:
        if r.source == "text" and r.status != "former" and heads.fullmatch(r.title):
            state = _state_of(kb, r.of)
            if state is not None:
                counts[state] = counts.get(state, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return max(counts, key=lambda k: counts[k])


_DOMINANT_MIN = 3  # mentions the leading state needs
_DOMINANT_LEAD = 2  # times the mentions of the state after it


def _dominant_state(mentions: Sequence[Mention]) -> str | None:
    """Where neither a publisher nor a leader named says whose officials a text names (an
    embassy's post, a repost): the state it names far more often than any other."""
    counts: dict[str, int] = {}
    for m in mentions:
        if m.type == "country":
            counts[m.entity] = counts.get(m.entity, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < _DOMINANT_MIN:
        return None
    if len(ranked) > 1 and ranked[0][1] < _DOMINANT_LEAD * ranked[1][1]:
        return None
    return ranked[0][0]


def _citizen_of(kb: KnowledgeBase, person: str) -> str | None:
    """The state the KB says a person is of (a speaker of the UN General Debate, a past leader)
    when it lists no term: "his father President Chaim Herzog" was Israel's."""
    e = kb.get(person)
    return e.country if e is not None and e.type == "person" and e.country else None


def _share_in_chains(roles: list[Role]) -> list[Role]:
    """Titles written as one chain for one holder (one evidence) share the state one got."""
    states: dict[tuple[str, int, int], set[str]] = {}
    for r in roles:
        if r.of is not None and r.source == "text" and r.of.startswith("country:"):
            key = (r.person, r.evidence[0].start, r.evidence[0].end)
            states.setdefault(key, set()).add(r.of)
    out = []
    for r in roles:
        got = states.get((r.person, r.evidence[0].start, r.evidence[0].end), set())
        if r.of is None and r.source == "text" and len(got) == 1:
            r = replace(r, of=next(iter(got)))
        out.append(r)
    return out


# "In Tonga, Prime Minister X said ...": the sentence is set in that state.
_SET_IN = re.compile(r"[ \t\xa0]*In[ \t\xa0]+(?:the[ \t\xa0]+)?")


def _sentence_country(doc: Document, countries: ByOffset[tuple[int, str]], pos: int) -> str | None:
    sent = doc.sentence_at(pos)
    if sent is None:
        return None
    setting = _SET_IN.match(doc.text, sent.start)
    if setting is not None:
        comma = doc.text.find(",", setting.end(), min(sent.end, setting.end() + 40))
        named = {c for _, c in countries.between(setting.end(), comma)} if comma > 0 else set()
        if len(named) == 1 and countries.between(setting.end(), setting.end() + 1):
            return named.pop()
    named = {c for _, c in countries.between(sent.start, sent.end)}
    return named.pop() if len(named) == 1 else None


def _stated_or_known(kb: KnowledgeBase, r: Role) -> str | None:
    """The state of a post as the text states it, else the one state the holder's KB terms are of."""
    if r.of is not None:
        return _state_of(kb, r.of)
    known = _holder_states(kb, r.person, [])
    return known.pop() if len(known) == 1 else None


_DEPUTY = re.compile(r"(?:first[ -])?(?:vice|deputy)[ -]", re.IGNORECASE)


def _title_first(doc: Document, r: Role) -> bool:
    """Whether the post is written before its holder's name ("Vice President X")."""
    ev = r.evidence[0]
    return doc.text[ev.start : ev.end].lower().startswith(r.title.lower())


def _left_to_him(
    doc: Document,
    countries: ByOffset[tuple[int, str]],
    holders: ByOffset[tuple[int, str, str, str]],
    r: Role,
) -> str | None:
    """The state of a leader's post from the others in his sentence, where the title comes before
    his name: a deputy's is the state of the one his title deputises for ("President X of A ...
    replaced by Vice President Y"); else the one state the sentence names that no other holder's
    post is of ("Deputy Prime Minister Y and Secretary Z (of B): A and B agreed")."""
    sent = doc.sentence_at(r.evidence[0].start)
    if sent is None or not _title_first(doc, r):
        return None
    inside = [h for h in holders.between(sent.start, sent.end) if h[1] != r.person]
    deputy = _DEPUTY.match(r.title)
    if deputy is not None:
        base = r.title[deputy.end() :].lower()
        principals = {state for _, _, title, state in inside if title.lower() == base}
        if len(principals) == 1:
            return principals.pop()
    others = {state for *_, state in inside}
    left = {c for _, c in countries.between(sent.start, sent.end)} - others
    return left.pop() if len(left) == 1 and others else None


def _state_of(kb: KnowledgeBase, entity: str | None) -> str | None:
    """A country, or the country of a state body."""
    e = kb.get(entity) if entity is not None else None
    if e is None:
        return None
    if e.type == "country":
        return e.id
    if e.type == "organization" and e.kind == "state_body":
        return e.country
    return None


def _body_state(kb: KnowledgeBase, m: Mention) -> str | None:
    return _state_of(kb, m.entity) if m.type == "organization" else None


def _holder_states(kb: KnowledgeBase, person: str, stated_here: Sequence[str]) -> set[str]:
    """The states the holder's other posts (in the document, in his KB terms) are of."""
    stated = [*stated_here, *(t.of for t in kb.terms_of(person))]
    return {state for of in stated if (state := _state_of(kb, of)) is not None}


def _nearby_state(doc: Document, bodies: ByOffset[tuple[int, str]], pos: int) -> str | None:
    sent = doc.sentence_at(pos)
    if sent is None:
        return None
    i = bisect.bisect_left(doc.sentences, sent.start, key=lambda s: s.start)
    for s in reversed(doc.sentences[max(0, i - _LOOKBACK) : i + 1]):
        end = pos if s is sent else s.end
        states = {state for _, state in bodies.between(s.start, end)}
        if states:
            return states.pop() if len(states) == 1 else None
    return None
