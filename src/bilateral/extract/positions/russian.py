"""Positions and plans told in Russian, in the same records as the English stage's.

1. Cues by lemma (``ctx.ru``), from the ``russian`` section of ``kb/data/stances.yaml``: stance
   phrases ("высоко оценить", "выразить обеспокоенность", "недопустимость"), plan phrases
   ("условлено", "договориться", "готовность"), and courtesy formulas, inside which no stance is
   taken ("сердечно приветствую", "благодарю за приглашение"). A verb in the future tense
   ("приедет", "направит", "будут находиться") is a plan cue too.
2. The holder, read from the words before the cue without a parse (natasha's parser reads about
   1,000 words a second; the stage must read ten times that):
   - "с российской стороны": the party the adjective names; "с обеих сторон": both parties;
   - the nearest actor named before the cue in the nominative ("Владимир Путин подтвердил",
     "Стороны договорились" -> both parties), a person with the state he speaks for;
   - "мы", "я", "наш": the speaker of the turn (or the author, or the publisher's state);
   - a post before a state in the genitive ("Президент России высоко оценил"): that state;
   - otherwise a readout's impersonal "Выражено удовлетворение", "Условлено": both parties,
     and a verb in the singular past ("высказался в поддержку"): the person named last.
3. Target: the first actor named after the cue that is not a holder.
4. A position per cue (a sentence may state two of one group), a plan per clause, with its
   due date and status as in English.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from bilateral.extract.events.reading import Reading
from bilateral.extract.positions.holders import speaker_of
from bilateral.extract.positions.wording import due as _due
from bilateral.extract.positions.wording import label as _label
from bilateral.extract.text.units import ACTOR_TYPES, published
from bilateral.kb.vocabulary import stances
from bilateral.lang.ru import RussianLayer, RuToken
from bilateral.model import Document, Evidence, Mention, Plan, Position, TimeExpr, content_id

_MIN_WORDS = 4
_GAP = 2  # words a phrase may skip between two of its words
_LONG_GAP = 6  # ... where the data writes "..."
_STATUS_ORDER = ("done", "under_way", "planned")
_CLAUSE_BREAK = frozenset(";:—–")
_CLAUSE_END = frozenset(",;:.!?—–")
_AND = frozenset(("и", "а", "также"))
_SPEAKER = frozenset(("мы", "я", "наш", "мой"))
_PARTIES = frozenset(("сторона", "лидер", "оба", "президент", "глава", "собеседник"))
_POSTS = frozenset(
    "президент премьер-министр председатель министр глава лидер король эмир канцлер".split()
)
_SIDE = "сторона"


@dataclass(frozen=True, slots=True)
class _Phrase:
    label: str
    words: tuple[frozenset[str], ...]
    gaps: tuple[int, ...]  # how many words may come before each word (the first: 0)


@dataclass(frozen=True, slots=True)
class _Cue:
    first: int  # token indices into the sentence, [first, last)
    last: int
    label: str
    future: bool = False  # a verb in the future tense, no phrase of the data
    bare: bool = False  # ... and no "будет" + infinitive: "придадут импульс"


@dataclass(frozen=True)
class RuCues:
    stance: dict[str, tuple[_Phrase, ...]]  # by a lemma of the phrase's first word
    plan: dict[str, tuple[_Phrase, ...]]
    courtesy: dict[str, tuple[_Phrase, ...]]
    negations: frozenset[str]
    idle_futures: frozenset[str] = frozenset()


def _phrase(label: str, text: str) -> _Phrase:
    words: list[frozenset[str]] = []
    gaps: list[int] = []
    gap = 0
    for part in text.split():
        if part == "...":
            gap = _LONG_GAP
            continue
        words.append(frozenset(part.replace("ё", "е").split("|")))
        gaps.append(gap if words[1:] else 0)
        gap = _GAP
    return _Phrase(label, tuple(words), tuple(gaps))


def _index(phrases: list[_Phrase]) -> dict[str, tuple[_Phrase, ...]]:
    out: dict[str, list[_Phrase]] = {}
    for p in phrases:
        for lemma in p.words[0]:
            out.setdefault(lemma, []).append(p)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def ru_cues() -> RuCues:
    """The Russian cues of ``kb/data/stances.yaml``, compiled once."""
    ru = stances().russian
    if ru is None:
        return RuCues({}, {}, {}, frozenset())
    return RuCues(
        _index([_phrase(s, c) for s, cues in ru.stances.items() for c in cues]),
        _index([_phrase(s, c) for s, cues in ru.plans.items() for c in cues]),
        _index(
            [_phrase("courtesy", c) for c in ru.courtesy] + [_phrase("idle", c) for c in ru.idle]
        ),
        frozenset(ru.negations),
        frozenset(ru.idle_futures),
    )


def _match(p: _Phrase, toks: Sequence[RuToken], i: int) -> int | None:
    """One past the last token of the phrase if it starts at token ``i``."""
    at = i + 1
    for words, gap in zip(p.words[1:], p.gaps[1:], strict=True):
        for k in range(at, min(len(toks), at + gap + 1)):
            if toks[k].lemma in words:
                at = k + 1
                break
            # a short gap does not run across a clause
            if gap <= _GAP and str(toks[k].pos) == "PNCT":
                return None
        else:
            return None
    return at


def _found(index: dict[str, tuple[_Phrase, ...]], toks: Sequence[RuToken]) -> list[_Cue]:
    """Every phrase's matches, the longest kept where two overlap."""
    every = [
        _Cue(i, end, p.label)
        for i, t in enumerate(toks)
        for p in index.get(t.lemma, ())
        if (end := _match(p, toks, i)) is not None
    ]
    every.sort(key=lambda c: (c.first - c.last, c.first))
    kept: list[_Cue] = []
    for c in every:
        if all(c.last <= k.first or c.first >= k.last for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.first)


def _futures(
    toks: Sequence[RuToken], taken: Sequence[_Cue], idle: frozenset[str] = frozenset()
) -> list[_Cue]:
    """Verbs in the future tense: "приедет", "будут находиться" (a bare "будет" with no
    infinitive after it says what something will be, not what anyone will do; nor do the
    ``idle`` verbs: "сможем", "будет способствовать")."""
    out = []
    for i, t in enumerate(toks):
        tag = str(t.tag)
        # "я скажу", "я вам покажу": what a speaker is about to say is no undertaking.
        if str(t.pos) != "VERB" or "futr" not in tag or ("1per" in tag and "sing" in tag):
            continue
        if t.lemma in idle:
            continue
        # "будет поддерживаться", "будут даны"; not "будет возможность".
        if t.lemma == "быть":
            verb = next((x for x in toks[i + 1 : i + 3] if str(x.pos) in ("INFN", "PRTS")), None)
            if verb is None or verb.lemma in idle:
                continue
        if any(c.first <= i < c.last for c in taken):
            continue
        out.append(_Cue(i, i + 1, "planned", future=True, bare=t.lemma != "быть"))
    return out


def _ongoing(toks: Sequence[RuToken], taken: Sequence[_Cue]) -> list[_Cue]:
    """ "Мы продолжаем восстанавливать дороги": work a speaker says his side keeps doing (in
    the third person, "продолжают развиваться", it is a description)."""
    return [
        _Cue(i, i + 1, "under_way")
        for i, t in enumerate(toks)
        if t.lemma == "продолжать"
        and "1per" in str(t.tag)
        and "pres" in str(t.tag)
        and not any(c.first <= i < c.last for c in taken)
    ]


def _polite(cues: RuCues, toks: Sequence[RuToken]) -> list[_Cue]:
    """Courtesy formulas, each to the end of its clause ("поздравил ... с предстоящим
    юбилеем" undertakes nothing), and idle phrases."""
    out = []
    for c in _found(cues.courtesy, toks):
        last = c.last
        if c.label == "courtesy":
            while last < len(toks) and toks[last].text not in _CLAUSE_END:
                last += 1
        out.append(_Cue(c.first, last, c.label))
    return out


def _clauses(toks: Sequence[RuToken], planned: list[_Cue]) -> list[list[_Cue]]:
    """The plan cues grouped by clause: "приедет в Москву, а также направит подразделение" is
    two undertakings."""
    out: list[list[_Cue]] = []
    for c in sorted(planned, key=lambda c: c.first):
        between = toks[out[-1][-1].last : c.first] if out else ()
        if out and not any(t.text in _CLAUSE_END or t.lemma in _AND for t in between):
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _negated(toks: Sequence[RuToken], i: int, negations: frozenset[str]) -> bool:
    """ "не поддерживает"; but "не могу не поблагодарить" thanks."""
    if i < 1 or toks[i - 1].lemma not in negations:
        return False
    return not (i >= 3 and toks[i - 3].lemma in negations)


def _was_due(toks: Sequence[RuToken], cue: _Cue) -> bool:
    """ "должны были состояться": what was to happen, no call."""
    nxt = toks[cue.last] if cue.last < len(toks) else None
    return (
        toks[cue.first].lemma == "должный"
        and nxt is not None
        and nxt.lemma == "быть"
        and "past" in str(nxt.tag)
    )


@dataclass(frozen=True, slots=True)
class _Holding:
    holders: tuple[str, ...]
    said_by: str  # "subject", "side", "speaker", "parties", "person", "default"
    target: str | None


def _nominative(rd: Reading, ru_toks: Sequence[RuToken], m: Mention) -> bool:
    """Whether the name is in the nominative, read from its first word (the head of
    "Республики Таджикистан", the first name of "Владимира Путина")."""
    t = next((t for t in ru_toks if m.start <= t.start < m.end and str(t.pos) != "PNCT"), None)
    if t is None:
        return False
    return "nomn" in t.tag or "Fixd" in t.tag or str(t.pos) in ("UNKN", "LATN")


def _with_state(rd: Reading, m: Mention) -> list[str]:
    out = [m.entity]
    state = rd.country_of(m.entity) if m.type == "person" else None
    if state:
        out.append(state)
    return out


def _state_of_adjective(rd: Reading, lemma: str) -> str | None:
    """The party a relational adjective names ("российский" -> Russia, "сирийский" -> Syria):
    the state among the document's that shares the adjective's first five letters with one of
    the words of its Russian names."""
    kb = rd.kb
    if kb is None or len(lemma) < 5:
        return None
    states = list(rd.mains) + [m.entity for m in rd.mentions if m.type == "country"]
    for sid in dict.fromkeys(states):
        e = kb.get(sid)
        if e is None:
            continue
        for name in (e.name, *e.aliases):
            for word in name.lower().replace("ё", "е").split():
                if len(word) >= 4 and word[:5] == lemma[: min(5, len(word))]:
                    return sid
    return None


def _conjoined(
    rd: Reading, toks: Sequence[RuToken], named: Mention, actors: Sequence[Mention]
) -> list[Mention]:
    """The names joined to ``named`` by "и" before it, each in the nominative."""
    out: list[Mention] = []
    first = named
    while True:
        lead = [t for t in toks if t.end <= first.start]
        if len(lead) < 2 or lead[-1].lemma != "и":
            return out
        prev = next((m for m in actors if m.start <= lead[-2].start < m.end), None)
        if prev is None or not _nominative(rd, toks, prev):
            return out
        out.append(prev)
        first = prev


def _plural_nominative(ru: RussianLayer, t: RuToken) -> bool:
    """ "Стороны договорились": "стороны" read first as a genitive singular, and also a
    nominative plural."""
    return any(
        p.normal_form.replace("ё", "е") == t.lemma and {"plur", "nomn"} <= p.tag.grammemes
        for p in ru.readings(t.text)
    )


def _hold(
    rd: Reading,
    ru: RussianLayer,
    toks: Sequence[RuToken],
    cue: _Cue,
    actors: Sequence[Mention],
) -> _Holding:
    at = toks[cue.first].start
    end = toks[cue.last - 1].end
    before = toks[: cue.first]
    holders: list[str] = []
    said_by = "default"
    # "с российской стороны", "с обеих сторон"
    for k in range(len(before) - 1, 0, -1):
        if before[k].lemma == _SIDE and before[k - 1].lemma in ("с", "со"):
            break
        if k >= 2 and before[k].lemma == _SIDE and before[k - 2].lemma in ("с", "со"):
            adj = before[k - 1].lemma
            if adj == "оба":
                holders, said_by = list(rd.mains), "parties"
            else:
                state = _state_of_adjective(rd, adj)
                if state:
                    holders, said_by = [state], "side"
            break
    if not holders:
        # The nearest subject-like word before the cue, within its clause.
        for k in range(len(before) - 1, -1, -1):
            t = before[k]
            if t.text in _CLAUSE_BREAK:
                break
            named = next((m for m in actors if m.start <= t.start < m.end), None)
            if named is not None:
                # "Рахмон Эмомали Шарипович Президент Республики Таджикистан условились": a post
                # of the state in apposition to the person before it, who speaks.
                j = next(i for i in range(k + 1) if before[i].end > named.start)
                if named.type == "country" and j > 1 and before[j - 1].lemma in _POSTS:
                    lead = before[j - 2].start
                    apposed = next(
                        (m for m in actors if m.type == "person" and m.start <= lead < m.end), None
                    )
                    if apposed is not None:
                        named = apposed
                if _nominative(rd, toks, named):
                    holders, said_by = _with_state(rd, named), "subject"
                    # "Владимир Путин и Эмомали Рахмон условились": both.
                    for other in _conjoined(rd, toks, named, actors):
                        holders += _with_state(rd, other)
                    break
                # "со стороны Мьянмы полностью поддерживаем"
                if k > 1 and before[k - 1].lemma == _SIDE and before[k - 2].lemma in ("с", "со"):
                    holders, said_by = _with_state(rd, named), "side"
                    break
                # "Президент России высоко оценил": the post's state speaks.
                if (
                    k > 0
                    and before[k - 1].lemma in _POSTS
                    and named.type == "country"
                    and "nomn" in str(before[k - 1].tag)
                ):
                    holders, said_by = [named.entity], "subject"
                    break
                continue
            if t.lemma in _SPEAKER:
                holders, said_by = speaker_of(rd, t.start), "speaker"
                break
            # "Стороны договорились"; not "со своей стороны".
            after_with = any(x.lemma in ("с", "со") for x in before[max(0, k - 2) : k])
            if t.lemma in _PARTIES and not after_with and _plural_nominative(ru, t):
                holders, said_by = list(rd.mains) or speaker_of(rd, t.start), "parties"
                break
    if not holders:
        verb = toks[cue.first]
        turn = rd.doc.turn_at(at)
        vtag = str(verb.tag)
        if str(verb.pos) == "VERB" and "sing" in vtag and "past" in vtag:
            person = rd.person_before(at)
            if person:
                holders, said_by = [person], "person"
                state = rd.country_of(person)
                if state:
                    holders.append(state)
        if not holders and turn is None and len(rd.mains) >= 2 and str(verb.pos) == "PRTS":
            holders, said_by = list(rd.mains), "parties"
        if not holders:
            holders = speaker_of(rd, at)
    seen = set(holders)
    target = next((m.entity for m in actors if m.start >= end and m.entity not in seen), None)
    return _Holding(tuple(dict.fromkeys(holders)), said_by, target)


def find_positions_ru(
    doc: Document,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    roles: Sequence[object],
    kb: object,
    ru: RussianLayer,
) -> tuple[tuple[Position, ...], tuple[Plan, ...]]:
    cues = ru_cues()
    vocab = stances()
    rd = Reading.of(doc, mentions, times, roles, (), kb)  # type: ignore[arg-type]
    read = ru.read(doc)
    text = doc.text
    positions: list[Position] = []
    plans: list[Plan] = []
    for sent in read.sentences:
        toks = read.tokens[sent.first : sent.last]
        if sum(str(t.pos) != "PNCT" for t in toks) < _MIN_WORDS:
            continue
        start, end = toks[0].start, toks[-1].end
        sentence = text[start:end]
        if sentence.endswith("?"):
            continue
        # 1.
        polite = _polite(cues, toks)
        said = [
            c
            for c in _found(cues.stance, toks)
            if not any(p.first <= c.first < p.last for p in polite)
        ]
        lexical = [
            c
            for c in _found(cues.plan, toks)
            if not _negated(toks, c.first, cues.negations)
            and not any(p.first <= c.first < p.last for p in polite)
        ]
        lexical += _ongoing(toks, [*said, *lexical, *polite])
        planned = lexical + [
            c
            for c in _futures(toks, [*said, *lexical, *polite], cues.idle_futures)
            if not _negated(toks, c.first, cues.negations)
        ]
        if not said and not planned:
            continue
        actors = [m for m in rd.mentions_in(start, end) if m.type in ACTOR_TYPES]
        evidence = (Evidence.of(doc, start, end),)
        # 2.-4.
        for cue in said:
            stance = cue.label
            group = vocab.group(stance)
            if _was_due(toks, cue):
                continue
            if _negated(toks, cue.first, cues.negations):
                if group == "A":
                    stance, group = "oppose", "B"
                elif stance != "call":  # "не должны забывать" still asks something
                    continue
            h = _hold(rd, ru, toks, cue, actors)
            if not h.holders:
                continue
            at = toks[cue.first].start - start
            positions.append(
                Position(
                    id=content_id("position", doc.id, start, at, stance, h.holders[0]),
                    holder=h.holders[0],
                    stance=stance,
                    target=h.target,
                    topic=_label(sentence, toks[cue.last - 1].end - start),
                    evidence=evidence,
                )
            )
        for clause in _clauses(toks, planned):
            plan = _plan(rd, ru, doc, toks, clause, actors, start, end)
            if plan is not None:
                plans.append(plan)
    return tuple(positions), tuple(plans)


def _plan(
    rd: Reading,
    ru: RussianLayer,
    doc: Document,
    toks: Sequence[RuToken],
    clause: list[_Cue],
    actors: Sequence[Mention],
    start: int,
    end: int,
) -> Plan | None:
    cue = clause[0]
    h = _hold(rd, ru, toks, cue, actors)
    holders = list(h.holders)
    if h.said_by in ("speaker", "parties", "default"):
        # What "we", "the sides" or a readout's "условлено" undertake, both parties and their
        # leaders undertake.
        holders += [*rd.mains, *_leaders(rd)]
    at = toks[cue.first].start
    due = _due(rd, doc, start, end, at)
    own = published(doc)
    if due is None and own is not None and any(t.lemma == "сегодняшний" for t in toks):
        due = own[0]  # "в рамках сегодняшнего визита"
    # "Принятые решения придадут импульс": a future no actor undertakes and no date schedules
    # is no plan.
    if all(c.bare for c in clause) and h.said_by in ("default", "person") and due is None:
        return None
    if not holders:
        return None
    sentence = doc.text[start:end]
    status = min((c.label for c in clause), key=_STATUS_ORDER.index)
    return Plan(
        id=content_id("plan", doc.id, start, at - start),
        holders=tuple(dict.fromkeys(holders)),
        action=_label(sentence, toks[cue.last - 1].end - start),
        due=due,
        status=status,
        evidence=(Evidence.of(doc, start, end),),
    )


def _leaders(rd: Reading) -> list[str]:
    """The persons the document names who speak for one of its two parties."""
    mains = set(rd.mains)
    people = dict.fromkeys(m.entity for m in rd.mentions if m.type == "person")
    return [p for p in people if rd.country_of(p) in mains]
