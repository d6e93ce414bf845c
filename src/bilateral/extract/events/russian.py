"""Events told in Russian: переговоры, встреча, беседа, телефонный разговор, визит, подписание,
саммит, заседание, with date, status, place and participants.

1. Triggers: the ``ru_nouns`` and ``ru_verbs`` of ``kb/data/event_types.yaml``, by lemma
   (``ctx.ru``), longest phrase first ("телефонный разговор" before "разговор").
2. Gate: the sentence names a participant (a person, state or body) or a time; a bare noun in a
   general remark ("встречи всегда полезны") reports nothing.
3. Date: the time of the sentence nearest the trigger; the document's own date for an event the
   headline reports ("Состоялся телефонный разговор ...": the first sentences of a report).
   Status: planned when a verb of the sentence is in the future tense ("состоятся", "посетит",
   "проведёт") or when the time is after the document's date.
4. Participants: the persons, states and bodies the sentence names; place: a place or state
   after "в"/"во" ("в Кремле", "в Москву").
5. One event per type and date in a document, every sentence that reports it as evidence.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field

from bilateral.kb.vocabulary import _read, event_types
from bilateral.lang.ru import RussianLayer, RuToken
from bilateral.model import Document, Event, Evidence, Mention, TimeExpr, content_id


@dataclass(frozen=True)
class RuTriggers:
    phrases: dict[tuple[str, ...], tuple[str, bool]]  # lemmas -> (event type, is a verb)
    longest: int


@functools.lru_cache(maxsize=1)
def ru_triggers() -> RuTriggers:
    """The Russian triggers of ``kb/data/event_types.yaml``, loaded once."""
    phrases: dict[tuple[str, ...], tuple[str, bool]] = {}
    for tid, e in _read("event_types.yaml")["types"].items():
        for noun in e.get("ru_nouns") or ():
            phrases.setdefault(tuple(str(noun).split()), (str(tid), False))
        for verb in e.get("ru_verbs") or ():
            phrases.setdefault(tuple(str(verb).split()), (str(tid), True))
    return RuTriggers(phrases, max((len(k) for k in phrases), default=1))


_PARTICIPANTS = frozenset(("person", "country", "organization"))
_HEADLINE = 3  # sentences at the top of a report whose events are the report's own
_IN = frozenset(("в", "во"))


@dataclass
class _Cand:
    type: str
    date: tuple[str, str] | None
    status: str
    location: str | None
    participants: list[str]
    spans: list[tuple[int, int]] = field(default_factory=list)


def _triggers(toks: Sequence[RuToken], voc: RuTriggers) -> list[tuple[int, str, bool]]:
    out = []
    i = 0
    while i < len(toks):
        for n in range(voc.longest, 0, -1):
            key = tuple(t.lemma for t in toks[i : i + n])
            if len(key) == n and key in voc.phrases:
                kind, verb = voc.phrases[key]
                out.append((i, kind, verb))
                i += n - 1
                break
        i += 1
    return out


def _date(
    at: int, here: Sequence[TimeExpr], doc: Document, headline: bool
) -> tuple[str, str] | None:
    if here:
        t = min(here, key=lambda t: abs(t.start - at))
        return t.value, t.precision
    if headline and doc.published:
        return doc.published, doc.published_precision or "day"
    return None


def find_events_ru(
    doc: Document, mentions: Sequence[Mention], times: Sequence[TimeExpr], ru: RussianLayer
) -> tuple[Event, ...]:
    voc = ru_triggers()
    types = event_types().types
    read = ru.read(doc)
    cands: dict[tuple[str, str | None], _Cand] = {}
    for n, sent in enumerate(read.sentences):
        toks = read.tokens[sent.first : sent.last]
        found = _triggers(toks, voc)
        if not found:
            continue
        span = (sent.start, sent.end)
        here_t = [t for t in times if sent.start <= t.start < sent.end]
        here_m = [m for m in mentions if sent.start <= m.start < sent.end]
        parts = list(dict.fromkeys(m.entity for m in here_m if m.type in _PARTICIPANTS))
        if not parts and not here_t:
            continue
        place = _place(toks, here_m)
        for i, kind, _verb in found:
            lo, hi = _clause(toks, i)
            a, b = _phrase_bounds(toks, i)
            phrase = [t for t in toks[lo:i] if t.start >= a]
            future = any(t.tense == "futr" for t in _tenses(toks[lo:hi])) or _plans(phrase)
            near = here_t
            if n < _HEADLINE:
                # A headline's event is the report's: a time in another phrase of its sentence
                # is about something else ("позвонил Лидии, потерявшей в 2000 году сына").
                a, b = _phrase_bounds(toks, i)
                near = [t for t in here_t if a <= t.start < b]
            when = _date(toks[i].start, near, doc, n < _HEADLINE)
            planned = future or (
                when is not None and doc.published is not None and when[0] > doc.published
            )
            key = (kind, when[0] if when else None)
            cand = cands.get(key)
            if cand is None:
                cand = cands[key] = _Cand(
                    kind, when, "planned" if planned else "occurred", place, []
                )
            for p in parts:
                if p not in cand.participants:
                    cand.participants.append(p)
            if cand.location is None:
                cand.location = place
            if span not in cand.spans:
                cand.spans.append(span)
    _fold_undated(cands)
    out = []
    for c in cands.values():
        et = types[c.type]
        planned = c.status == "planned"
        date, precision = c.date if c.date else (None, None)
        out.append(
            Event(
                id=content_id("event", doc.id, c.type, date, c.spans[0][0]),
                type=c.type,
                date=date,
                date_precision=precision,
                status=c.status,
                location=c.location,
                modality="phone" if c.type == "phone_call" else None,
                participants=tuple(c.participants),
                plover=et.planned_plover if planned else et.plover,
                cameo=et.planned_cameo if planned else et.cameo,
                evidence=tuple(Evidence.of(doc, a, b) for a, b in c.spans),
            )
        )
    return tuple(sorted(out, key=lambda e: e.evidence[0].start))


# Words that open a clause of its own: "отметив, что ... не забудут" (a future there is not the
# event's).
_CLAUSE = frozenset(("что", "чтобы", ";", ":"))
# Words that make the event they govern a plan: "пригласил посетить", "договорились о
# встрече", "запланирован форум", "планируется визит", "предстоящий саммит".
_PLAN = frozenset(
    (
        "пригласить",
        "приглашать",
        "договориться",
        "условиться",
        "запланировать",
        "планироваться",
        "планировать",
        "предстоящий",
        "намечать",
        "наметить",
        "ожидаться",
    )
)


def _phrase_bounds(toks: Sequence[RuToken], i: int) -> tuple[int, int]:
    """The offsets of the comma-bounded phrase that holds token ``i``."""
    lo = i
    while lo > 0 and toks[lo - 1].text not in (",", ";", ":"):
        lo -= 1
    hi = i + 1
    while hi < len(toks) and toks[hi].text not in (",", ";", ":"):
        hi += 1
    return toks[lo].start, toks[hi - 1].end


def _fold_undated(cands: dict[tuple[str, str | None], _Cand]) -> None:
    """An undated event of a type the report dates once, in the same status and with two of its
    participants and no other place, is that event told again ("В совещании приняли участие ...", "Вы свой первый визит решили нанести в Россию"):
    its participants and sentences join the dated one."""
    for (kind, date), c in list(cands.items()):
        if date is not None:
            continue
        dated = [d for (k, w), d in cands.items() if k == kind and w is not None]
        if len(dated) != 1 or dated[0].status != c.status:
            continue
        if len(set(c.participants) & set(dated[0].participants)) < 2:
            continue
        if None not in (c.location, dated[0].location) and c.location != dated[0].location:
            continue  # officials' visits to Muscat are not the visit to Moscow
        into = dated[0]
        into.participants += [p for p in c.participants if p not in into.participants]
        into.spans += [s for s in c.spans if s not in into.spans]
        into.location = into.location or c.location
        del cands[(kind, date)]


def _clause(toks: Sequence[RuToken], i: int) -> tuple[int, int]:
    """The bounds of the clause that holds token ``i``, bounded by the words of ``_CLAUSE``."""
    lo = i
    while lo > 0 and toks[lo - 1].lemma not in _CLAUSE:
        lo -= 1
    hi = i + 1
    while hi < len(toks) and toks[hi].lemma not in _CLAUSE:
        hi += 1
    return lo, hi


def _plans(before: Sequence[RuToken]) -> bool:
    """A word of ``_PLAN`` in the trigger's phrase, before it ("с предстоящим праздником,
    а также ... переговоров" plans no talks)."""
    return any(t.lemma in _PLAN for t in before)


@dataclass(frozen=True, slots=True)
class _Tense:
    tense: str | None


def _tenses(toks: Sequence[RuToken]) -> list[_Tense]:
    """The tense of each finite verb of the sentence, from its tag ("VERB,perf ... futr")."""
    out = []
    for t in toks:
        if str(t.pos) == "VERB":
            out.append(_Tense(next((x for x in ("futr", "past", "pres") if x in t.tag), None)))
    return out


def _place(toks: Sequence[RuToken], mentions: Sequence[Mention]) -> str | None:
    """The place or state named right after "в"/"во" ("в Кремле", "в Москву")."""
    for m in mentions:
        if m.type not in ("place", "country"):
            continue
        before = [t for t in toks if t.end <= m.start]
        if before and before[-1].text.lower() in _IN:
            return m.entity
    return None
