"""Events: meetings, talks, visits, phone calls, summits, forums, conferences, sessions,
signings, ceremonies, elections and statements, each with its date, status, place, modality and
participants, coded in PLOVER and CAMEO.

The stage reads the document as a numbered cascade:

1. Read the document: its units (sentences, headings rejoined), the two main countries that
   "our presidents" means, the speaker that "I" means, and its datelines.
2. Find the triggers of each unit (``triggers.triggers``): words of ``event_types.yaml`` that
   name or report one occurrence, not a standing body ("Conference on Interaction ..."), a medium
   ("via video conference") or an idiom ("meeting the needs"). In a unit with none, the verb of
   an actor's act that the clause dates ("A filed a case against B on 22 January 2013") is an
   occasion of type other (``dated``).
3. Read each trigger's frame: its date (own clause, a clause attached to it, a fronted "In 2022,",
   deixis such as "just" or "these days", the dateline of a heading), its status (future, plan
   and preparation cues, a date after the document's), place ("in Moscow", "Ufa is hosting"),
   modality (video, phone, in person) and participants (mentions, then "we", "I", "his").
4. A sentence that only continues the last event ("It will take place this autumn.", "The
   discussion took place via video conference.") gives it what it lacked.
5. Coalesce the mentions of one occurrence: the title's talks and the body's "we had talks",
   "today's meeting", "such a meeting", "the forum". Counted habits ("met at least 10 times")
   stay one event each and never absorb another. In a news report, what the body tells without
   a date of its own shortly after a dated lead ("They also held a joint press conference")
   happened on the lead's day.
6. A speech to the General Assembly is its speaker's part in the session it is delivered at;
   a joint statement is itself its parties' statement; a meeting in one party's country is the
   other party's visit there.
7. Emit frozen Events with their codes: planned consultations are PLOVER AGREE, CAMEO 036.

Step 1 is in ``reading``, 2 in ``triggers``, 3 and 4 in ``frames``, 5 and 6 in ``coref``
(the vocabulary in ``vocabulary``); this module runs them in order and emits the Events.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Any

from bilateral.context import PARSE_CHUNK, Context, Deadline, prefetch_parses
from bilateral.extract.events.coref import (
    coalesce,
    date_by_lead,
    date_by_trip,
    one_sided_title_statement,
    own_joint_statement,
    own_session,
    visits_abroad,
)
from bilateral.extract.events.dated import dated_acts, wants_dated
from bilateral.extract.events.frames import Cand, continue_last, frames, wants_parse
from bilateral.extract.events.reading import HEAD_REGION, Reading
from bilateral.extract.events.recognise import judged, scorer, vetoing
from bilateral.extract.events.russian import find_events_ru
from bilateral.extract.events.triggers import triggers
from bilateral.extract.events.vocabulary import plural, vocabulary
from bilateral.extract.text.units import at_precision, published
from bilateral.model import (
    Agreement,
    Document,
    Event,
    Evidence,
    Mention,
    Role,
    TimeExpr,
    content_id,
)


def stage(doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    if doc.language == "ru":
        mentions, times = got.get("mentions", ()), got.get("times", ())
        return {"events": find_events_ru(doc, mentions, times, ctx.ru, ctx.kb)}
    return {
        "events": find_events(
            doc,
            got.get("mentions", ()),
            got.get("times", ()),
            got.get("roles", ()),
            got.get("agreements", ()),
            kb=getattr(ctx, "kb", None),
            models=getattr(ctx, "models", None),
            deadline=getattr(ctx, "deadline", None),
        )
    }


def find_events(
    doc: Document,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    roles: Sequence[Role] = (),
    agreements: Sequence[Agreement] = (),
    kb: Any = None,
    models: Any = None,
    deadline: Deadline | None = None,
) -> tuple[Event, ...]:
    # 1. The document.
    rd = Reading.of(doc, mentions, times, roles, agreements, kb)
    cands: list[Cand] = []
    found_in = [triggers(rd, ui) for ui in range(len(rd.units))]
    # 2c. A sentence no event word fires in may still tell an actor's dated act (the sentences
    # that can, parsed in batches).
    dated = [ui for ui, found in enumerate(found_in) if not found and wants_dated(rd, ui)]
    for at in range(0, len(dated), PARSE_CHUNK):
        if deadline is not None and deadline.over():
            break  # out of time: the triggers the rules found stand
        chunk = dated[at : at + PARSE_CHUNK]
        prefetch_parses(doc.text[slice(*rd.units[ui])] for ui in chunk)
        for ui in chunk:
            found_in[ui] = dated_acts(rd, ui)
    # 2b. The learned recogniser's word on each sentence with a trigger, where it is asked.
    if vetoing():
        found_in = judged(rd, found_in, scorer(models))
    # The sentences whose structure the frames will read, parsed in batches that the bounded
    # parse cache holds (one batch of a long document's every sentence would be evicted before
    # it is read, and each sentence parsed again alone).
    parsed = [ui for ui, found in enumerate(found_in) if any(wants_parse(rd, ui, t) for t in found)]
    batch = 0
    for ui, found in enumerate(found_in):
        if deadline is not None and deadline.over():
            break  # out of time: the events of the sentences read so far stand
        if batch < len(parsed) and ui >= parsed[batch]:
            prefetch_parses(
                doc.text[slice(*rd.units[u])] for u in parsed[batch : batch + PARSE_CHUNK]
            )
            batch += PARSE_CHUNK
        if not found:
            continue_last(rd, ui, cands)  # 4.
            continue
        mark = len(cands)
        for t in found:  # 2.
            cands.extend(frames(rd, ui, t, found))  # 3.
        _share_listed(rd, cands[mark:])
        _resolve_anaphors(rd, cands, mark)
    # 5.
    events = coalesce(rd, cands)
    one_sided_title_statement(rd, events)
    date_by_lead(rd, events)
    date_by_trip(rd, events)
    own_session(rd, events)
    events += own_joint_statement(rd, events)
    events += visits_abroad(rd, events)
    _date_by_document(rd, events)
    events = _once(events)
    # 6.
    out: list[Event] = []
    for c in events:
        e = _emit(rd, c, taken={x.id for x in out})
        out.append(e)
    return tuple(out)


# "will host in 2030 the Second Congress of Librarians, the 4th Water Forum and the First
# Meeting of Harbour Masters": the names of one list between one verb and its date.
_LIST_LINK = re.compile(
    r"(?:\s+(?:of|on|for|in|the|[A-Z0-9][\w’'-]*))*\s*(?:,\s*(?:and\s+)?|\s+and\s+)"
    r"(?:the\s+)?(?:[A-Z0-9][\w’'-]*\s+)*"
)


def _share_listed(rd: Reading, unit: list[Cand]) -> None:
    text = rd.doc.text
    for a, b in pairwise(unit):
        if a.date is None or b.date not in (None, a.date) or a.trigger.verb or b.trigger.verb:
            continue
        if _LIST_LINK.fullmatch(text, a.trigger.end, b.trigger.start):
            b.date, b.status = a.date, a.status
            if a.hosted:
                b.location, b.hosted = a.location, True


# "their meeting in May", "the two leaders discussed", "both sides agreed": the parties of the
# interaction the text was telling a few sentences before (the title's call, the lead's
# meeting), not the countries the sentence talks about nor the document's most named pair.
_ANAPHOR_REACH = 6  # units


def _priors(rd: Reading, cands: list[Cand], mark: int, unit: int) -> Iterator[Cand]:
    """The candidates before ``mark`` that an anaphor of ``unit`` can take its parties from,
    the latest first: those within reach, then those of the headers. The candidates are in text
    order and the headers near the top, so neither walk looks at the rest (every candidate
    looked at for every anaphor made the stage quadratic in the length of a document)."""
    i = mark - 1
    while i >= 0 and unit - cands[i].unit <= _ANAPHOR_REACH:
        yield cands[i]
        i -= 1
    top = 0
    while top <= i and rd.units[cands[top].unit][0] < HEAD_REGION:
        top += 1
    for k in range(min(top, i + 1) - 1, -1, -1):
        if cands[k].unit in rd.headers:
            yield cands[k]


def _resolve_anaphors(rd: Reading, cands: list[Cand], mark: int) -> None:
    for c in cands[mark:]:
        if not c.anaphor:
            continue
        for prior in _priors(rd, cands, mark, c.unit):
            named = {p for p in prior.participants if rd.types.get(p) == "person"}
            sides = {p for p in prior.participants if rd.types.get(p) == "country"}
            if len(named) >= 2 or (named and len(sides) >= 2):
                c.participants = list(prior.participants)
                break
        else:
            _pair_before(rd, c)


# "... the dialogue that President A and Prime Minister B have engaged in. I hope that what they
# have achieved in their talks ...": with no interaction told before, "they" are the two people
# (else the two states) the sentence just before names, not the speaker who reports it.
_PAIR_REACH = 1  # units


def _pair_before(rd: Reading, c: Cand) -> None:
    for ui in range(c.unit - 1, max(-1, c.unit - 1 - _PAIR_REACH), -1):
        s, e = rd.units[ui]
        for kind in ("person", "country"):
            named = list(dict.fromkeys(m.entity for m in rd.mentions_in(s, e, frozenset({kind}))))
            if len(named) == 2:
                states = [rd.country_of(p) for p in named] if kind == "person" else []
                c.participants = list(dict.fromkeys([*named, *(k for k in states if k)]))
                c.key = set(named)
                return


def _date_by_document(rd: Reading, events: list[Cand]) -> None:
    """An interaction the document tells as done without a date of its own ("In Putrajaya I met
    the Prime Minister", "the talks are continuing in Brazzaville"), nor one a lead, a trip or a
    heading lent it, happened around the document's time: its month (its year when that is all
    the document establishes). A planned one keeps no date: when it comes is not said."""
    own = published(rd.doc)
    if not own:
        return
    precision = min("month", own[1], key=_FINER.index)
    for c in events:
        if c.date is None and c.status == "occurred":
            c.date = (at_precision(own[0], precision), precision)


_FINER = ("year", "month", "day")


def _once(events: list[Cand]) -> list[Cand]:
    """Two words of one sentence for one occurrence ("the Conference of the Parties (COP28)",
    "elections in 2023 ... the vote"): the same type, day, parties and sentences are one event,
    unless a plural or a list tells several ("the 28th and 29th Summits")."""
    seen: set[tuple[object, ...]] = set()
    out: list[Cand] = []
    for c in events:
        key = (c.type, c.date, c.status, frozenset(c.participants), frozenset(c.spans))
        several = c.listed or plural(c.trigger.phrase.lower())
        if key in seen and not several:
            continue
        if not several:
            seen.add(key)
        out.append(c)
    return out


# -- 6. events -------------------------------------------------------------------------------------


def _emit(rd: Reading, c: Cand, taken: set[str]) -> Event:
    et = vocabulary().types[c.type]
    planned = c.status == "planned"
    spans = sorted(set(c.spans))
    date, precision = c.date if c.date else (None, None)
    eid = content_id("event", rd.doc.id, c.type, date, spans[0][0])
    if eid in taken:  # two summits of one sentence: the trigger tells them apart
        eid = content_id("event", rd.doc.id, c.type, date, spans[0][0], c.trigger.start)
    if eid in taken:  # one meeting with each partner of a list: the partner tells them apart
        eid = content_id("event", rd.doc.id, c.type, date, spans[0][0], *sorted(c.key))
    return Event(
        id=eid,
        type=c.type,
        date=date,
        date_precision=precision,
        status=c.status,
        location=c.location,
        modality=c.modality,
        participants=tuple(c.participants),
        plover=et.planned_plover if planned else et.plover,
        cameo=et.planned_cameo if planned else (et.host_cameo if c.hosted else et.cameo),
        evidence=tuple(Evidence.of(rd.doc, a, b) for a, b in spans),
    )
