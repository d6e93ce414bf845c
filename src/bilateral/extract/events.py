"""Events: meetings, talks, visits, phone calls, summits, forums, conferences, sessions,
signings, ceremonies, elections and statements, each with its date, status, place, modality and
participants, coded in PLOVER and CAMEO.

The stage reads the document as a numbered cascade:

1. Read the document: its units (sentences, headings rejoined), the two main countries that
   "our presidents" means, the speaker that "I" means, and its datelines.
2. Find the triggers of each unit (``eventcues.triggers``): words of ``event_types.yaml`` that
   name or report one occurrence, not a standing body ("Conference on Interaction ..."), a medium
   ("via video conference") or an idiom ("meeting the needs").
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
6. A speech to the General Assembly that reports no statement is one itself.
7. Emit frozen Events with their codes: planned consultations are PLOVER AGREE, CAMEO 036.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bilateral.extract.eventcues import (
    ACTOR_TYPES,
    Trigger,
    at_precision,
    clause_at,
    clauses,
    is_heading,
    iso,
    kb_country,
    main_countries,
    plural,
    published,
    triggers,
    units,
    vocabulary,
)
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

if TYPE_CHECKING:
    from bilateral.pipeline import Context


def stage(doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    return {
        "events": find_events(
            doc,
            got.get("mentions", ()),
            got.get("times", ()),
            got.get("roles", ()),
            got.get("agreements", ()),
            kb=getattr(ctx, "kb", None),
        )
    }


# -- 1. the document ---------------------------------------------------------------------------

_TITLE_BY = re.compile(
    r"\b(?:statement|speech|address|remarks|article|interview|op-ed|lecture|message|greetings?|"
    r"letter|comments?)\s+(?:\w+\s+){0,3}?(?:by|of|from)\s+(?:\w+\.?\s+){0,12}?$",
    re.I,
)
_TITLE_POSSESSIVE = re.compile(
    r"['’]s?\s+(?:\w+\s+)?(?:remarks|statement|speech|address|article|interview|op-ed|answers)",
    re.I,
)
# A time that dates no occasion: a deadline ("by 2030", "until 2025") or the year of a numbered
# text ("resolution 338 (1973)").
_NOT_WHEN = re.compile(r"(?:\b(?:by|until|till|through)\s+(?:the end of\s+)?|\d\s*\()$", re.I)
_HEAD_REGION = 1500  # characters: where titles, headings and datelines are


@dataclass(frozen=True)
class Reading:
    """One document as the events stage reads it."""

    doc: Document
    units: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]  # in text order
    times: tuple[TimeExpr, ...]  # in text order, none inside an agreement's name
    roles: tuple[Role, ...]
    names: tuple[tuple[int, int], ...]  # where agreements are named
    types: Mapping[str, str]  # entity id -> person, country, organization or place
    mains: tuple[str, ...]
    speaker: str | None
    headers: frozenset[int]  # the title, headings near the top, and the lead sentence
    datelines: tuple[int, ...]  # units that are only a date
    kb: Any

    @classmethod
    def of(
        cls,
        doc: Document,
        mentions: Sequence[Mention],
        times: Sequence[TimeExpr],
        roles: Sequence[Role],
        agreements: Sequence[Agreement],
        kb: Any,
    ) -> Reading:
        text = doc.text
        names: list[tuple[int, int]] = []
        for a in agreements:
            for ev in a.evidence:
                pos = text.find(a.name, ev.start, ev.end)
                if pos >= 0:
                    # "resolutions 242 (1967)": the year in brackets is part of the name
                    year = re.match(r"\s*\((?:1[89]|20)\d\d\)", text[pos + len(a.name) :])
                    names.append((pos, pos + len(a.name) + (year.end() if year else 0)))
        spans = tuple(units(doc))
        ms = tuple(sorted(mentions, key=lambda m: (m.start, -m.end)))
        ts = tuple(
            sorted(
                (
                    t
                    for t in times
                    if not any(a <= t.start < b for a, b in names)
                    and not _NOT_WHEN.search(text, max(0, t.start - 25), t.start)
                ),
                key=lambda t: t.start,
            )
        )
        datelines = tuple(
            i for i, (s, e) in enumerate(spans) if s < _HEAD_REGION and _only_dates(text, s, e, ts)
        )
        headers = {
            i for i, (s, e) in enumerate(spans) if s < _HEAD_REGION and is_heading(text[s:e])
        }
        # The lead: the first sentence of prose tells the news ("NUR-SULTAN. KAZINFORM.
        # President Tokayev signed ...").
        lead = next(
            (
                i
                for i, (s, e) in enumerate(spans)
                if i not in headers and i not in datelines and len(text[s:e].split()) >= 6
            ),
            0,
        )
        if lead is not None and spans[lead][0] < _HEAD_REGION:
            headers.add(lead)
        return cls(
            doc=doc,
            units=spans,
            mentions=ms,
            times=ts,
            roles=tuple(roles),
            names=tuple(names),
            types={m.entity: m.type for m in ms},
            # A speech to an assembly has one side, the speaker's: its "we" is not a pair.
            mains=main_countries(mentions)[: 1 if doc.doc_type == "speech" else 2],
            speaker=_speaker(doc, ms),
            headers=frozenset(headers),
            datelines=datelines,
            kb=kb,
        )

    def mentions_in(self, a: int, b: int, types: frozenset[str] = ACTOR_TYPES) -> list[Mention]:
        lo = bisect.bisect_left(self.mentions, a, key=lambda m: m.start)
        hi = bisect.bisect_left(self.mentions, b, lo, key=lambda m: m.start)
        return [m for m in self.mentions[lo:hi] if m.type in types]

    def times_in(self, a: int, b: int) -> list[TimeExpr]:
        lo = bisect.bisect_left(self.times, a, key=lambda t: t.start)
        return list(self.times[lo : bisect.bisect_left(self.times, b, lo, key=lambda t: t.start)])

    def in_name(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.names)

    def names_in_unit(self, s: int, e: int) -> bool:
        return any(s <= a < e for a, _ in self.names)

    def person_before(self, pos: int, skip: str | None = None) -> str | None:
        """The last person named before ``pos``: whom "his" and "you" mean."""
        for m in reversed(self.mentions):
            if m.start < pos and m.type == "person" and m.entity != skip:
                return m.entity
        return None

    def turn_speaker(self, pos: int) -> str | None:
        turn = self.doc.turn_at(pos)
        if turn is None:
            return self.speaker
        return _person_named(turn.speaker, self.mentions) or self.speaker

    def country_of(self, entity: str) -> str | None:
        for r in self.roles:
            if r.person == entity and r.of and r.of.startswith("country:"):
                return r.of
        return kb_country(self.kb, entity)


def _only_dates(text: str, s: int, e: int, times: Sequence[TimeExpr]) -> bool:
    inside = [t for t in times if s <= t.start < e]
    if not inside:
        return False
    rest = text[s:e]
    for t in sorted(inside, key=lambda t: -t.start):
        rest = rest[: t.start - s] + rest[t.end - s :]
    return not re.search(r"[^\W\d_]", rest)


def _person_named(name: str, mentions: Sequence[Mention]) -> str | None:
    low = name.lower()
    for m in mentions:
        if m.type == "person" and (m.text.lower() in low or low in m.text.lower()):
            return m.entity
    return None


def _speaker(doc: Document, mentions: Sequence[Mention]) -> str | None:
    """Whom "I" means: the document's speaker, else the author a title names ("Article by
    Vladimir Putin", "Sergey Lavrov's remarks", "STATEMENT BY MR. ALEXANDER LUKASHEVICH")."""
    for name in doc.speakers:
        found = _person_named(name, mentions)
        if found:
            return found
    text = doc.text
    for m in mentions:
        if m.start > _HEAD_REGION:
            break
        if m.type != "person":
            continue
        if _TITLE_BY.search(text, max(0, m.start - 120), m.start) or _TITLE_POSSESSIVE.match(
            text, m.end, m.end + 40
        ):
            return m.entity
    return None


@dataclass
class _Cand:
    type: str
    trigger: Trigger
    unit: int
    date: tuple[str, str] | None = None
    status: str = "occurred"
    location: str | None = None
    modality: str | None = None
    participants: list[str] = field(default_factory=list)
    key: set[str] = field(default_factory=set)  # named actors that tell occurrences apart
    spans: list[tuple[int, int]] = field(default_factory=list)
    hosted: bool = False


def find_events(
    doc: Document,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    roles: Sequence[Role] = (),
    agreements: Sequence[Agreement] = (),
    kb: Any = None,
) -> tuple[Event, ...]:
    # 1. The document.
    rd = Reading.of(doc, mentions, times, roles, agreements, kb)
    cands: list[_Cand] = []
    for ui in range(len(rd.units)):
        found = triggers(rd, ui)
        if not found:
            _continue_last(rd, ui, cands)  # 4.
            continue
        for t in found:  # 2.
            cands.extend(_frames(rd, ui, t))  # 3.
    # 5.
    events = _coalesce(rd, cands)
    _date_by_lead(rd, events)
    events += _own_statement(rd, events)
    # 6.
    out: list[Event] = []
    for c in events:
        e = _emit(rd, c, taken={x.id for x in out})
        out.append(e)
    return tuple(out)


# -- 3. frames -----------------------------------------------------------------------------------

_ATTACHED = re.compile(
    r"\W*(?:which|that|who|where|scheduled|planned|held|to be held|set for|due|slated|"
    r"to take place|to be attended|taking place)\b",
    re.I,
)
_FRONTED = re.compile(
    r"\W*(?:these days|in|on|at|during|since|last|this|next|earlier|later|by|after|before|back in|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)|\d)\b",
    re.I,
)
_PREPOSED = re.compile(r"\W*(?:in|on|at|from|during|between|since|[A-Z][\w-]+\W*$)", re.I)
_DEIXIS = re.compile(
    r"\b(?:(just|today|today['’]s|this morning|this afternoon|tonight)|"
    r"(these days|currently|at present|at the moment|on the eve of|this week|right now))\b",
    re.I,
)
_PLANNED = re.compile(
    r"\b(?:will|shall|['’]ll|going to|scheduled|to be held|to take place|plan(?:s|ned)? to|"
    r"plans? for|planned|preparations? for|prepar(?:e|es|ing) for|look(?:s|ing)? forward|"
    r"on the eve of|upcoming|forthcoming|intends? to|intend(?:ed)? to|expected to|"
    r"interest in holding|agreed to hold|proposed (?:to hold|holding)|invit(?:ed|ation) to|"
    r"next (?:week|month|year)|(?:is|are) due to|would like to (?:hold|visit|meet)|"
    r"to be attended|ready to host|(?:on|of|propos\w+|initiative \w+) (?:the )?convening|"
    r"propos\w+ (?:the )?holding|should be (?:held|convened|called)|ahead of)\b",
    re.I,
)
_PAST_BEFORE = re.compile(
    r"\b(?:had|held|attended|took part in|participated in|hosted|was held|were held|"
    r"following|after)\b(?:\s+[\w’'-]+){0,5}\s+$",
    re.I,
)
_BE_BEFORE = re.compile(r"\b(?:will|to|would|shall|must|should|can|could)\s+(?:be\s+)?$", re.I)
_VIDEO = re.compile(
    r"\b(?:video[\s-]?conferenc\w*|video[\s-]?link|videolink|video[\s-]?call|video format|"
    r"online format|virtual(?:ly| format| meeting| summit)|by video|via video\w*|online)\b",
    re.I,
)
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|to)\s+(?:the\s+)?(?:(?:city|capital|town|region|republic) of\s+)?(?:the\s+)?$",
    re.I,
)
_HOST_AFTER = re.compile(
    r"\s+(?:is|was|will be|has been|will|would|is to|plans to)?\s*host(?:s|ed|ing)?\b", re.I
)
_WE = re.compile(
    r"\b(?:we|our|us|both|bilateral|the two (?:countries|sides|states)|the parties|the sides)\b",
    re.I,
)
_I = re.compile(r"\b(?:I|my|me|myself)\b")
_HE = re.compile(r"\b(?:he|his|him|she|her)\b", re.I)
_YOU = re.compile(r"\b(?:you|your)\b", re.I)
_SPLIT = re.compile(r"\band\b", re.I)
_PLACES = frozenset({"place", "country"})
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_FINER = ("year", "month", "day")


def _frames(rd: Reading, ui: int, t: Trigger) -> list[_Cand]:
    text = rd.doc.text
    s, e = rd.units[ui]
    spans = clauses(text, s, e, rd.times)
    k = clause_at(spans, t.start)
    region = spans[k]
    if k + 1 < len(spans) and _ATTACHED.match(text, spans[k + 1][0], spans[k + 1][1]):
        region = (region[0], spans[k + 1][1])
    own = sorted(rd.times_in(*region), key=lambda x: abs(x.start - t.start))
    dates: list[tuple[tuple[str, str], TimeExpr]] = []
    for tx in own:
        d = iso(tx)
        if d is not None:
            dates.append((d, tx))
    # Several dates of one kind for a plural noun: one event per date ("the early presidential
    # and parliamentary elections in November 2022 and March 2023 respectively").
    if len(dates) >= 2 and not t.verb and (plural(t.phrase) or "respectively" in text[s:e]):
        same = [d for d in dates if d[0][1] == dates[0][0][1]]
        lo, hi = min(x.start for _, x in same), max(x.end for _, x in same)
        if len(same) >= 2 and _SPLIT.search(text, lo, hi):
            return [_frame(rd, ui, t, region, d) for d in sorted(same, key=lambda d: d[0][0])]
    # "the Asia-Africa Forum in Bandung, Indonesia, in December 1994": a date two commas on.
    for j in range(k + 1, min(k + 3, len(spans))):
        if dates or not _PREPOSED.match(text, spans[j][0], spans[j][1]):
            break
        dates.extend((d, tx) for tx in rd.times_in(*spans[j]) if (d := iso(tx)) is not None)
    fronted = _fronted(text, spans, k)
    if not dates and fronted is not None:
        for tx in rd.times_in(*fronted):
            d = iso(tx)
            if d is not None:
                dates.append((d, tx))
                break
    return [_frame(rd, ui, t, region, dates[0] if dates else None, fronted)]


def _fronted(text: str, spans: Sequence[tuple[int, int]], k: int) -> tuple[int, int] | None:
    """ "In 2022, our presidents met ...", "At the 2016 Russia-ASEAN summit, President Putin
    suggested ...": the introductory phrase before the trigger's clause."""
    for j in dict.fromkeys((k - 1, 0)):
        a, b = spans[j]
        if (
            0 <= j < k
            and _FRONTED.match(text, a, b)
            and text[b] == ","  # a phrase set off by a comma, not a clause of its own
            and len(text[a:b].split()) <= 8
        ):
            return spans[j]
    return None


def _frame(
    rd: Reading,
    ui: int,
    t: Trigger,
    region: tuple[int, int],
    dated: tuple[tuple[str, str], TimeExpr] | None,
    fronted: tuple[int, int] | None = None,
) -> _Cand:
    text = rd.doc.text
    s, e = rd.units[ui]
    c = _Cand(type=t.type, trigger=t, unit=ui, spans=[(s, e)])
    own = published(rd.doc)
    window = text[region[0] : region[1]]
    # Status: a plan or future before the trigger in its clause, or right after it ("the Forum
    # will offer", ", which is scheduled"), unless the trigger itself is a done deed.
    spans = clauses(text, s, e, rd.times)
    own_end = spans[clause_at(spans, t.start)][1]
    planned = bool(
        _PLANNED.match(t.phrase)  # the trigger itself: "will sign", "will address"
        or _PLANNED.search(text, region[0], t.start)
        or _PLANNED.search(text, t.end, min(own_end, t.end + 60))
        or _PLANNED.search(text, own_end, region[1])  # ", which is scheduled to take place"
    )
    done = (
        t.verb
        and t.phrase in vocabulary().types[t.type].past
        and not _BE_BEFORE.search(text[max(s, t.start - 20) : t.start])
    ) or bool(_PAST_BEFORE.search(text[max(region[0], t.start - 60) : t.start]))
    # "this session", "today's meeting": the occasion the document is part of, under way.
    c.status = "planned" if planned and not done and not t.deictic else "occurred"
    # Date.
    if dated is not None:
        (value, precision), tx = dated
        if c.status == "planned" and own and _after(own[0], value) and not _YEAR.search(tx.text):
            value = str(int(value[:4]) + 1) + value[4:]  # "on 9 May" next year
        c.date = (value, precision)
    else:
        deixis = _DEIXIS.search(window) or (
            _DEIXIS.search(text, *fronted) if fronted is not None else None
        )
        if deixis and own:
            # "just", "today": the document's day; "these days", "on the eve of": its month.
            precision = min("day" if deixis.group(1) else "month", own[1], key=_FINER.index)
            c.date = (at_precision(own[0], precision), precision)
        elif ui in rd.headers and c.status == "occurred":
            c.date = _header_date(rd, ui)
    if c.date and own and _after(c.date[0], own[0]):
        c.status = "planned"
    elif c.date and own and _after(own[0], c.date[0]):
        c.status = "occurred"  # "the targets set at the 2000 World Summit" will not be met
    # Place: "in Moscow" after the trigger, "Ufa is hosting" before it, a heading's dateline.
    c.location, c.hosted = _place(rd, ui, t, region)
    if c.location is None and ui in rd.headers and c.status == "occurred":
        c.location = _dateline_place(rd)
    # Modality.
    if t.type == "phone_call":
        c.modality = "phone"
    elif t.video or _VIDEO.search(text, s, e):
        c.modality = "video"
    elif c.location is not None:
        c.modality = "in_person"
    # Participants.
    _participants(rd, ui, t, c)
    return c


def _after(value: str, reference: str) -> bool:
    n = min(len(value), len(reference))
    return value[:n] > reference[:n]


def _header_date(rd: Reading, ui: int) -> tuple[str, str] | None:
    s, e = rd.units[ui]
    for tx in rd.times_in(s, e):
        d = iso(tx)
        if d is not None:
            return d
    if rd.datelines:
        nearest = min(rd.datelines, key=lambda i: (abs(i - ui), i < ui))
        s2, e2 = rd.units[nearest]
        for tx in rd.times_in(s2, e2):
            d = iso(tx)
            if d is not None:
                return d
    return published(rd.doc)


def _dateline_place(rd: Reading) -> str | None:
    """ "..., Moscow, April 11, 2023": the place right before a date in the title."""
    if not rd.units:
        return None
    s, e = rd.units[0]
    text = rd.doc.text
    for tx in rd.times_in(s, e):
        for m in rd.mentions_in(s, tx.start, _PLACES):
            if re.fullmatch(r"\s*,\s*", text[m.end : tx.start]):
                return m.entity
    return None


def _place(rd: Reading, ui: int, t: Trigger, region: tuple[int, int]) -> tuple[str | None, bool]:
    text = rd.doc.text
    s = rd.units[ui][0]
    stop = min(region[1], t.end + 120)
    for m in rd.mentions_in(t.end, stop, _PLACES):
        if t.type == "visit" and t.verb and m.start - t.end <= 25:
            return m.entity, False  # "visited Kazakhstan"
        if _PLACE_BEFORE.search(text, max(t.end, m.start - 40), m.start):
            return m.entity, False
    for m in reversed(rd.mentions_in(max(s, t.start - 80), t.start, _PLACES)):
        if _HOST_AFTER.match(text, m.end, t.start):
            return m.entity, True  # "Ufa is hosting the ... Forum"
        if (
            t.verb
            and _PLACE_BEFORE.search(text, max(s, m.start - 40), m.start)
            and m.end >= region[0]
        ):
            return m.entity, False
    return None, False


def _participants(rd: Reading, ui: int, t: Trigger, c: _Cand) -> None:
    text = rd.doc.text
    s, e = rd.units[ui]
    found: list[str] = []
    key: set[str] = set()
    if t.subject:
        found.append(t.subject)
        key.add(t.subject)
    for m in rd.mentions_in(s, e):
        if m.entity not in found:
            found.append(m.entity)
        if m.entity not in rd.mains:
            key.add(m.entity)
    window = text[max(s, t.start - 120) : min(e, t.end + 120)]
    we = bool(_WE.search(window))
    speaker = rd.turn_speaker(t.start)
    if speaker and (_I.search(window) or (we and t.type != "statement")):
        found.append(speaker)  # "I", and "we" of the side that speaks (not "your address")
        if t.type != "statement":
            key.add(speaker)
    if _HE.search(window) and not rd.mentions_in(s, e, frozenset({"person"})):
        he = rd.person_before(s, skip=rd.turn_speaker(t.start))
        if he:
            found.append(he)
            key.add(he)
    if _YOU.search(window):
        you = _addressee(rd, t.start)
        if you:
            found.append(you)
            key.add(you)
    for p in list(found):
        country = rd.country_of(p) if rd.types.get(p) == "person" else None
        if country:
            found.append(country)
    if we or not any(rd.types.get(p, "country") != "person" for p in found):
        found.extend(rd.mains)  # "our presidents", or nobody named: the document's two sides
    c.participants = list(dict.fromkeys(found))
    c.key = key


def _addressee(rd: Reading, pos: int) -> str | None:
    """Whom "you" means: in a question, who answers it; elsewhere the last person named who is
    not the speaker ("Esteemed Murat Abugaliuly, ... We thank you for your address")."""
    doc = rd.doc
    turn = doc.turn_at(pos)
    if turn is not None and turn.role == "question":
        later = [x for x in doc.turns if x.start > turn.start and x.role != "question"]
        if later:
            found = rd.turn_speaker(later[0].start)
            if found:
                return found
    return rd.person_before(pos, skip=rd.turn_speaker(pos))


# -- 4. continuations ----------------------------------------------------------------------------

_CONTINUES = re.compile(
    r"\W*(?:it|the (?:discussion|meeting|talks|conversation|event|visit|forum|summit|session|"
    r"conference|ceremony|negotiations|consultations|celebrations|exchange))\s+"
    r"(?:\w+\s+){0,2}?(?:take place|took place|takes place|(?:was|were|will be|is to be) held|"
    r"(?:is|was|are) scheduled|(?:was|were) conducted)\b",
    re.I,
)


def _continue_last(rd: Reading, ui: int, cands: list[_Cand]) -> None:
    if not cands or cands[-1].unit != ui - 1:
        return
    text = rd.doc.text
    s, e = rd.units[ui]
    if not _CONTINUES.match(text, s, e):
        return
    c = cands[-1]
    c.spans.append((s, e))
    if _VIDEO.search(text, s, e):
        c.modality = "video"
    if _PLANNED.search(text, s, e):
        c.status = "planned"
    for tx in rd.times_in(s, e):
        d = iso(tx)
        if d is not None:
            c.date = d
            break
    if c.location is None:
        for m in rd.mentions_in(s, e, _PLACES):
            if _PLACE_BEFORE.search(text, max(s, m.start - 40), m.start):
                c.location = m.entity
                c.modality = c.modality or "in_person"
                break


# -- 5. one event per occurrence ------------------------------------------------------------------


def _group(t: str) -> str:
    return vocabulary().types[t].group


def _compatible(a: tuple[str, str] | None, b: tuple[str, str] | None) -> bool:
    if a is None or b is None:
        return True
    n = min(len(a[0]), len(b[0]))
    return a[0][:n] == b[0][:n]


_CONTRAST = re.compile(
    r"\b(?:previous|last|next|former|past|earlier|later|another|other|first|second|third|"
    r"\w+th|\w+-\w+th|\d+(?:st|nd|rd|th))\s+(?:[\w-]+\s+)?$",
    re.I,
)
_LINKED_NAMES = re.compile(r"\s*(?:at|of|during)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", re.I)


def _antecedent(rd: Reading, c: _Cand, done: Sequence[_Cand]) -> _Cand | None:
    """The earlier event that ``c`` mentions again, or None when ``c`` is a new occurrence."""
    text = rd.doc.text
    sharing: list[_Cand] = []  # same kind, same named actors: the lead's wins, else the latest
    for e in reversed(done):
        if e.unit == c.unit:
            between = text[e.trigger.end : c.trigger.start]
            if c.trigger.anaphoric and re.fullmatch(r"\s+of\s+(?:the|that|this|its)?\s*", between):
                return e  # "the first meeting of that forum": the forum is the body that meets
            if e.type == c.type and (c.trigger.anaphoric or _LINKED_NAMES.fullmatch(between)):
                return e  # "the General Debate at the 75th session"; "this ... the present session"
            continue
        if c.trigger.anaphoric or (c.trigger.deictic and e.trigger.deictic):
            if e.type == c.type:
                return e  # "today's meeting", "such a meeting", "this session" again
            continue
        if c.trigger.habitual or e.trigger.habitual or not _compatible(e.date, c.date):
            continue
        if e.date is None and c.date is not None:
            if e.unit in rd.headers and e.type == c.type and e.key & c.key:
                return e  # the undated headline, told with its date in the lead
            continue  # a dated mention is its own occurrence, not a detail of an undated one
        if e.type == c.type and e.status == c.status and e.key & c.key:
            sharing.append(e)
        elif (
            e.type == c.type
            and " " in c.trigger.signature
            and (c.trigger.signature == e.trigger.signature)
        ):
            return e  # "the emergency special session" again
        elif (
            _group(e.type) == _group(c.type) == "consult"
            and c.unit - e.unit <= 2
            and any(rd.types.get(k) == "organization" for k in e.key & c.key)
        ):
            return e  # "the BRICS Summit" ... "the BRICS Meeting of State Leaders"
        elif (
            e.type == c.type
            and e.date == c.date
            and e.date is not None
            and e.date[1] == "day"
            and set(e.participants) & set(c.participants)
            and (e.key & c.key or not (e.key and c.key))
        ):
            return e  # one day, one signing
    lead = [e for e in sharing if e.unit in rd.headers]
    if lead or sharing:
        return lead[-1] if lead else sharing[0]
    # "the two leaders met ...", "an extended meeting": nobody named, no date, one of a kind;
    # in a report of one occasion that is the occasion its opening tells.
    if (
        c.key
        or c.date
        or c.status != "occurred"
        or c.trigger.habitual
        or _CONTRAST.search(text, max(0, c.trigger.start - 30), c.trigger.start)
        or plural(c.trigger.phrase)
    ):
        return None
    opening = [
        e
        for e in done
        if e.unit in rd.headers and e.type == c.type and e.status == "occurred" and e.unit < c.unit
    ]
    return opening[0] if opening else None


def _coalesce(rd: Reading, cands: Sequence[_Cand]) -> list[_Cand]:
    done: list[_Cand] = []
    resolved: dict[int, list[_Cand]] = {}
    for c in cands:
        e = _antecedent(rd, c, done)
        if e is None:
            if c.trigger.anaphoric and not c.trigger.stands:
                continue  # "such a meeting" with nothing before it to be
            if c.trigger.deictic and c.date is None:
                c.date = published(rd.doc)  # "this session": the document's own occasion
            done.append(c)
            continue
        e.spans.extend(c.spans)
        e.participants = list(dict.fromkeys([*e.participants, *c.participants]))
        e.key |= c.key
        if e.date is None and not c.trigger.anaphoric:
            e.date = c.date
        if e.location is None and c.location is not None:
            e.location = c.location
            e.modality = e.modality or "in_person"
        if not c.trigger.anaphoric:
            e.modality = e.modality or c.modality
        resolved.setdefault(c.unit, []).append(e)
    # "Tokayev and I are going to address participants in the forum": the address is dated by
    # the forum it refers to.
    for c in done:
        if c.date is None:
            for e in resolved.get(c.unit, ()):
                if e is not c and e.date is not None:
                    c.date = e.date
                    break
    return done


_NOT_THEN = re.compile(
    r"\b(?:recently|ago|earlier|previously|last|once|former|past|since|before|used to|"
    r"in the past|history)\b",
    re.I,
)
_REPORTS = frozenset({"news", "press_release"})


def _date_by_lead(rd: Reading, events: Sequence[_Cand]) -> None:
    """A news report tells one occasion: "They also held a joint press conference" a few
    sentences after "... met Jan. 16 with ..." happened that day too."""
    if rd.doc.doc_type not in _REPORTS:
        return
    lead = next(
        (e for e in events if e.unit in rd.headers and e.date and e.status == "occurred"), None
    )
    if lead is None:
        return
    for c in events:
        s, e = rd.units[c.unit]
        if (
            c.date is None
            and c.status == "occurred"
            and lead.unit < c.unit <= lead.unit + 12
            and not c.trigger.habitual
            and not plural(c.trigger.phrase)
            and not _NOT_THEN.search(rd.doc.text, s, e)
            and not _CONTRAST.search(rd.doc.text, max(s, c.trigger.start - 30), c.trigger.start)
        ):
            c.date = lead.date


_ASSEMBLY = "org:unga"


def _own_statement(rd: Reading, events: Sequence[_Cand]) -> list[_Cand]:
    """A speech from the floor of the General Assembly is itself a statement to it: where the
    text speaks of the Assembly's session and reports no statement, the speech is one."""
    if rd.doc.doc_type != "speech" or any(c.type == "statement" for c in events):
        return []
    session = next(
        (
            c
            for c in events
            if _group(c.type) == _group("session")
            and (_ASSEMBLY in c.participants or c.trigger.deictic)
        ),
        None,
    )
    if session is None or not any(m.entity == _ASSEMBLY for m in rd.mentions):
        return []
    who = [p for p in (rd.speaker, *rd.mains) if p is not None]
    return [
        _Cand(
            type="statement",
            trigger=session.trigger,
            unit=session.unit,
            date=published(rd.doc) or session.date,
            participants=list(dict.fromkeys([*who, _ASSEMBLY])),
            status="occurred",
            spans=session.spans[:1],
        )
    ]


# -- 6. events -------------------------------------------------------------------------------------


def _emit(rd: Reading, c: _Cand, taken: set[str]) -> Event:
    et = vocabulary().types[c.type]
    planned = c.status == "planned"
    spans = sorted(set(c.spans))
    date, precision = c.date if c.date else (None, None)
    eid = content_id("event", rd.doc.id, c.type, date, spans[0][0])
    if eid in taken:  # two summits of one sentence: the trigger tells them apart
        eid = content_id("event", rd.doc.id, c.type, date, spans[0][0], c.trigger.start)
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
