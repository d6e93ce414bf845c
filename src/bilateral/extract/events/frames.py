"""Steps 3 and 4 of the events cascade: each trigger's frame (its date, status, place, modality
and participants), and the sentences that only continue the last event.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from bilateral.extract.events.parse import FIRST, NO_ARGS, arguments
from bilateral.extract.events.reading import Reading
from bilateral.extract.events.relative import WEEKDAY
from bilateral.extract.events.triggers import Trigger
from bilateral.extract.events.vocabulary import plural, vocabulary
from bilateral.extract.text.units import at_precision, clause_at, clauses, iso, published
from bilateral.kb.vocabulary import event_types, posts
from bilateral.model import TimeExpr


@dataclass
class Cand:
    """An event as steps 3 to 6 build it up, before ``stage`` emits it."""

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
    # The date is the document's own, lent to a heading that names no date of its own: the
    # body may tell the day better ("arrived ... on 23 January", published on the 24th).
    lent: bool = False
    # The parties are named only by an anaphor ("their meeting", "the two leaders discussed",
    # "both"): the stage gives it the parties of the interaction the text was telling.
    anaphor: bool = False
    # One of the meetings with each partner of a list ("bilateral meetings with the leaders of
    # A, B and C"): one occasion each, not a habit.
    listed: bool = False


# -- 3. frames -----------------------------------------------------------------------------------

_ATTACHED = re.compile(
    r"\W*(?:which|that|who|where|scheduled|planned|held|to be held|set for|due|slated|"
    r"to take place|to be attended|taking place)\b",
    re.I,
)
_FRONTED = re.compile(
    r"\W*(?:these days|in|on|at|during|since|last|this|next|earlier|later|by|after|before|back in|"
    # "Just four months ago, I was in Tokyo", "Some weeks ago, we met"
    r"just|some|several|a few|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"today|tomorrow|yesterday|tonight|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)|\d)\b",
    re.I,
)
_PREPOSED = re.compile(r"\W*(?:in|on|at|from|during|between|since|[A-Z][\w-]+\W*$)", re.I)
_DEIXIS = re.compile(
    r"\b(?:(just|today|today['’]s|this morning|this afternoon|tonight|yesterday|"
    # "I am departing for Lima for a three-day state visit": it begins as he speaks
    r"(?:am|is|are) (?:leaving|departing) for)|"
    r"(these days|currently|at present|at the moment|on the eve of|this week|right now))\b",
    re.I,
)
_PLANNED = re.compile(
    r"\b(?:will|shall|['’]ll|going to|scheduled|to be held|to take place|plan(?:s|ned)? to|"
    r"plans? for|planned|preparations? for|prepar(?:e|es|ing) for|look(?:s|ing)? forward|"
    r"on the eve of|upcoming|forthcoming|intends? to|intend(?:ed)? to|expected to|"
    r"interest in holding|agreed to hold|proposed (?:to hold|holding)|invit(?:ed|ation) to|"
    r"next (?:week|month|year)|(?:is|are) due to|(?:am|is|are) (?:also )?to\b|would like to (?:hold|visit|meet)|"
    r"to be attended|ready to host|(?:on|of|propos\w+|initiative \w+) (?:the )?convening|"
    r"propos\w+ (?:the )?holding|should be (?:held|convened|called)|ahead of|"
    # "proposes to convene a conference", "supported holding the summit", "invited him to visit"
    r"(?:propos\w*|suggest\w*|support\w*|initiative|idea|call\w* for|offer\w*)\s+(?:to\s+|for\s+)?"
    r"(?:the\s+)?(?:hold|holding|convene|convening|organi[sz]e|organi[sz]ing|host|hosting)|"
    r"(?:invit\w*|ask\w*|urg\w*)\s+(?:[\w.’'-]+\s+){0,8}?to)\b",
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
_PRONOUN = re.compile(
    r"\b(?:I|me|my|we|us|our|he|him|his|she|her|you|your|they|them|their|both|two|leaders|sides)\b",
    re.I,
)
_THIRD = frozenset({"he", "him", "she", "her"})
_SPLIT = re.compile(r"\band\b", re.I)
_PAIR = re.compile(
    r"(?:the\s+)?(?:two\s+|both\s+)?(?:leaders|presidents|sides|heads of state|counterparts)|"
    r"(?:the\s+)?two(?:\s+(?:men|women|officials|ministers|delegations))?|both",
    re.I,
)
# Plural pronouns that stand for parties: "their meeting", "they met".
_THEY = frozenset({"they", "them", "their"})
_PLACES = frozenset({"place", "country"})
_DAY_WORDS = frozenset({"today", "tonight", "tomorrow", "yesterday"})
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_FINER = ("year", "month", "day")


def frames(rd: Reading, ui: int, t: Trigger, others: Sequence[Trigger] = ()) -> list[Cand]:
    text = rd.doc.text
    s, e = rd.units[ui]
    spans = clauses(text, s, e, rd.times_over.overlapping(s, e))
    k = clause_at(spans, t.start)
    region = spans[k]
    if k + 1 < len(spans) and _ATTACHED.match(text, spans[k + 1][0], spans[k + 1][1]):
        region = (region[0], spans[k + 1][1])
    elif k + 2 < len(spans) and t.verb and _only_name(rd, spans[k + 1]):
        region = (region[0], spans[k + 2][1])  # the clause goes on after a name in apposition
    own = sorted(
        (x for x in rd.times_in(*region) if not _dates_other(rd, t, x, others)),
        key=lambda x: abs(x.start - t.start),
    )
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
    if not dates and t.type == "other" and k > 0:
        # An occasion kept for the date of the clause before it ("on March 2, the ... project
        # was launched", "... early 1853, the United States hosted the World Fair") has that date.
        prior = sorted(rd.times_in(*spans[k - 1]), key=lambda x: -x.end)
        dates.extend((d, tx) for tx in prior[:1] if (d := iso(tx)) is not None)
    c = _frame(rd, ui, t, region, dates[0] if dates else None, fronted)
    return _each_place(rd, ui, t, c) or _each_partner(rd, ui, t, c)


_DATE_LINK = re.compile(
    r"\s+(?:in|on|of|held (?:in|on)|scheduled for|set for)\s+(?:the\s+)?$", re.I
)


def _dates_other(rd: Reading, t: Trigger, tx: TimeExpr, others: Sequence[Trigger]) -> bool:
    """ "discussed plans for national elections in December": the date right after another
    kind of event word in the clause is that event's, not the discussion's."""
    group = vocabulary().types[t.type].group
    return any(
        t.end <= o.start
        and o.end <= tx.start
        and vocabulary().types[o.type].group != group
        and _DATE_LINK.fullmatch(rd.doc.text[o.end : tx.start] + " ")
        for o in others
        if o is not t
    )


# "talks were also held with the President of Chile A, the Minister ... of Ghana B, and the
# Minister ... of Nepal C": one meeting with each person of the list, when each is of a
# different state.
_WITH = re.compile(r"\s+with\s+", re.I)
_LIST_GAP = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?", re.I)
# "meetings were held with Assistant Secretary A; Ambassador-at-Large B; and Envoy C": the
# persons of one list, each with his title.
_PERSON_GAP = re.compile(r"[,;]|\band\b")


@functools.lru_cache(maxsize=1)
def _leaders_of() -> re.Pattern[str]:
    """ "met with the Prime Ministers of A, B and C", "had bilateral meetings with the leaders from
    A, B and C": a plural post of a list of states (event_types.yaml's counterparts) is one
    counterpart in each."""
    words = sorted(event_types().counterparts, key=len, reverse=True)
    alts = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
    return re.compile(rf"(?:the\s+)?(?:[\w-]+\s+)?(?:{alts})\s+(?:of|from)\s+(?:the\s+)?", re.I)


# "On the sidelines of the summit, X met Y and Z", "X met separately with Y and Z": each
# listed person of another state is one bilateral meeting.
_SEPARATE = re.compile(r"\b(?:sidelines?|separately|separate|bilateral|respectively)\b", re.I)


def _each_partner(rd: Reading, ui: int, t: Trigger, c: Cand) -> list[Cand]:
    if t.type != "meeting":
        return [c]
    text = rd.doc.text
    s, e = rd.units[ui]
    with_at = _WITH.search(text, t.end, min(e, t.end + 40))
    if with_at is None:
        return [c]
    states = _each_state(rd, t, c, with_at.end(), e)
    if states:
        return states
    if not plural(t.phrase) and not (t.verb and _SEPARATE.search(text, s, e)):
        return [c]
    listed: list[str] = []
    prev_end = with_at.end()
    for m in rd.mentions_in(with_at.end(), e, frozenset({"person"})):
        if listed and not _PERSON_GAP.search(text, prev_end, m.start):
            break
        listed.append(m.entity)
        prev_end = m.end
    countries = [rd.country_of(p) for p in dict.fromkeys(listed)]
    if len(countries) < 2:
        return [c]
    if not plural(t.phrase) and (None in countries or len(set(countries)) < len(countries)):
        return [c]  # officials of one side a leader met together are one meeting
    theirs = set(listed) | {rd.country_of(p) for p in listed}
    rest = [p for p in c.participants if p not in theirs]
    out = []
    for p in dict.fromkeys(listed):
        country = rd.country_of(p)
        parts = [p, *([country] if country else []), *rest]
        out.append(
            replace(
                c,
                participants=list(dict.fromkeys(parts)),
                key={p},
                spans=list(c.spans),
                listed=True,
            )
        )
    return out


# "visited Wellington, New Zealand; Suva, Fiji; and Apia, Samoa", "visits to Oslo and Rome":
# one visit per place of the list, each with its own host state.
_VISITED = re.compile(r"\s*(?:to\s+)?(?:the\s+)?$", re.I)
_PLACE_GAP = re.compile(r"\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?", re.I)


def _each_place(rd: Reading, ui: int, t: Trigger, c: Cand) -> list[Cand]:
    if t.type != "visit" or not (t.verb or plural(t.phrase)):
        return []
    text = rd.doc.text
    e = rd.units[ui][1]
    listed = rd.mentions_in(t.end, e, _PLACES)
    if not listed or not _VISITED.fullmatch(text, t.end, listed[0].start):
        return []
    stops: list[tuple[str | None, str | None]] = []  # (place, state) of each stop
    prev = None
    semicolons = ";" in text[t.end : e]
    for m in listed:
        if prev is not None:
            gap = text[prev.end : m.start]
            if not _PLACE_GAP.fullmatch(gap):
                break
            if m.type == "country" and prev.type == "place" and gap.strip() == ",":
                stops[-1] = (stops[-1][0], m.entity)  # "Wellington, New Zealand": one stop
                prev = m
                continue
            if semicolons and ";" not in gap and m.type == "country":
                stops[-1] = (stops[-1][0], stops[-1][1] or m.entity)
                prev = m
                continue
        stops.append((m.entity, None) if m.type == "place" else (None, m.entity))
        prev = m
    # "to visit New York and Washington": the places of one state are one visit there.
    by_state: dict[str, tuple[str | None, str | None]] = {}
    for place, state in stops:
        state = state or (rd.country_of(place) if place else None)
        by_state.setdefault(state or place or "", (place, state))
    stops = list(by_state.values())
    if len(stops) < 2:
        return []
    theirs = {x for stop in stops for x in stop if x}
    rest = [p for p in c.participants if p not in theirs]
    return [
        replace(
            c,
            participants=[*rest, *([state] if state else [])],
            location=place or state,
            key={place or state or ""},
            spans=list(c.spans),
            listed=True,
        )
        for place, state in stops
    ]


def _each_state(rd: Reading, t: Trigger, c: Cand, at: int, e: int) -> list[Cand]:
    """One meeting per state of "with the leaders of A, B and C" (the counterpart being that
    state's), the rest of the frame's parties on every one."""
    text = rd.doc.text
    m = _leaders_of().match(text, at, e)
    if m is None:
        return []
    listed: list[str] = []
    prev_end = m.end()
    for x in rd.mentions_in(m.end(), e, frozenset({"country"})):
        if x.start != prev_end and not _LIST_GAP.fullmatch(text, prev_end, x.start):
            break
        listed.append(x.entity)
        prev_end = x.end
    listed = list(dict.fromkeys(listed))
    if len(listed) < 2:
        return []
    rest = [p for p in c.participants if p not in listed and p not in _holders(rd, listed)]
    return [
        replace(c, participants=[*rest, p], key={p}, spans=list(c.spans), listed=True)
        for p in listed
    ]


def _holders(rd: Reading, states: Sequence[str]) -> set[str]:
    """The persons of the frame who are the listed states' own (their leaders named before)."""
    return {p for p in rd.person_entities if rd.country_of(p) in states}


def _only_name(rd: Reading, span: tuple[int, int]) -> bool:
    """ "welcoming the Prime Minister of Ruritania, Jan Novak, to Washington on May 3": a name
    set off by commas is an apposition, the clause goes on after it."""
    a, b = span
    names = rd.mentions_in(a, b, frozenset({"person"}))
    return len(names) == 1 and not (
        rd.doc.text[a : names[0].start] + rd.doc.text[names[0].end : b]
    ).strip(" ,")


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
) -> Cand:
    text = rd.doc.text
    s, e = rd.units[ui]
    c = Cand(type=t.type, trigger=t, unit=ui, spans=[(s, e)])
    own = published(rd.doc)
    window = text[region[0] : region[1]]
    # Status: a plan or future before the trigger in its clause, or right after it ("the Forum
    # will offer", ", which is scheduled"), unless the trigger itself is a done deed.
    spans = clauses(text, s, e, rd.times_over.overlapping(s, e))
    own_end = spans[clause_at(spans, t.start)][1]
    planned = bool(
        _PLANNED.match(t.phrase)  # the trigger itself: "will sign", "will address"
        or _PLANNED.search(text, region[0], t.start)
        or _PLANNED.search(text, t.end, min(own_end, t.end + 60))
        or _PLANNED.search(text, own_end, region[1])  # ", which is scheduled to take place"
    )
    done = (
        (
            t.verb
            and (
                t.phrase in vocabulary().types[t.type].past
                # "The two leaders also discussed": a pattern that ends in a past tense
                or (t.phrase.lower() not in vocabulary().phrase_type and t.phrase.endswith("ed"))
            )
            and not _BE_BEFORE.search(text[max(s, t.start - 20) : t.start])
        )
        or bool(_PAST_BEFORE.search(text[max(region[0], t.start - 60) : t.start]))
    )
    # "this session", "today's meeting": the occasion the document is part of, under way.
    c.status = "planned" if planned and not done and not t.deictic else "occurred"
    # Date.
    if dated is not None:
        (value, precision), tx = dated
        if c.status == "planned" and own and _after(own[0], value) and WEEKDAY.fullmatch(tx.text):
            value = (date.fromisoformat(value) + timedelta(days=7)).isoformat()  # "on Friday"
        elif (
            c.status == "planned"
            and own
            and _after(own[0], value)
            and not _YEAR.search(tx.text)
            and tx.text.lower() not in _DAY_WORDS
        ):
            value = str(int(value[:4]) + 1) + value[4:]  # "on 9 May" next year
        elif done and own and _after(value, own[0]) and not _YEAR.search(tx.text):
            value = str(int(value[:4]) - 1) + value[4:]  # "back in October, he visited": last year
        c.date = (value, precision)
    else:
        deixis = _DEIXIS.search(window) or (
            _DEIXIS.search(text, *fronted) if fronted is not None else None
        )
        if deixis and own:
            # "just", "today": the document's day; "these days", "on the eve of": its month.
            precision = min("day" if deixis.group(1) else "month", own[1], key=_FINER.index)
            value = rd.occasion or own[0]
            if deixis.group(1) and deixis.group(1).lower() == "yesterday" and precision == "day":
                value = (date.fromisoformat(value) - timedelta(days=1)).isoformat()
            c.date = (at_precision(value, precision), precision)
        elif ui in rd.headers and c.status == "occurred":
            c.date = _header_date(rd, ui)
            c.lent = ui == 0 and not rd.times_in(s, e)
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
    if t.type == "election" and _PRESIDENCY.match(text, t.end, min(e, t.end + 120)):
        _presidency(rd, ui, c)
    return c


# "on your election to the presidency of this Assembly": the Assembly elected its President.
_PRESIDENCY = re.compile(
    r"\s+(?:to|as)\s+(?:the\s+)?(?:presidency|president|chair(?:man)?(?:ship)?)\s+of\s+"
    r"(?:this|the|our)\s+(?:(?:present|current|[\w-]+th|[\w-]+(?:first|second|third))\s+)?"
    r"(?:session\s+of\s+the\s+)?(?:General\s+)?(?:Assembly|session)\b",
    re.I,
)
_ASSEMBLY = "org:unga"


def _presidency(rd: Reading, ui: int, c: Cand) -> None:
    """The election of the Assembly's President: the Assembly and whom the sentence names as
    elected are its parties (not the delegation that congratulates, nor a person "you" was
    guessed to be from earlier sentences); held at the session of the speech."""
    s, e = rd.units[ui]
    named = {m.entity for m in rd.mentions_in(s, e, frozenset({"person"}))}
    parties = [p for p in c.participants if p in named]
    if _ASSEMBLY in rd.by_entity:
        parties.append(_ASSEMBLY)
    c.participants = list(dict.fromkeys(parties))
    c.key = {p for p in c.key if p in named}
    if c.date is None and rd.doc.doc_type == "speech":
        c.date = published(rd.doc)
    c.status = "occurred"


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
        if (
            t.type == "visit"
            and t.verb
            and m.start - t.end <= 25
            and not t.phrase.startswith("welcom")
        ):
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


def wants_parse(rd: Reading, ui: int, t: Trigger) -> bool:
    """Parse only where it can change the answer: two names or more, or a pronoun near by."""
    s, e = rd.units[ui]
    if len({m.entity for m in rd.mentions_in(s, e)}) >= 2:
        return True
    return bool(_PRONOUN.search(rd.doc.text[max(s, t.start - 120) : min(e, t.end + 120)]))


def _participants(rd: Reading, ui: int, t: Trigger, c: Cand) -> None:
    text = rd.doc.text
    s, e = rd.units[ui]
    found: list[str] = []
    key: set[str] = set()
    if t.subject:
        found.append(t.subject)
        key.add(t.subject)
    # Who did what to whom from the parse: the trigger's subject, objects, "with" and "of"
    # phrases and their partners; the sentence's other names (places, the firm that paid, the
    # people of another clause) take no part. Where the parse names nobody, the sentence does.
    unit = rd.mentions_in(s, e)
    window = text[max(s, t.start - 120) : min(e, t.end + 120)]
    args = arguments(text, s, e, t.start, t.end) if wants_parse(rd, ui, t) else NO_ARGS
    parties = [m for m in unit if args.covers(m.start, m.end)]
    speaker = rd.turn_speaker(t.start)
    pair = any(_PAIR.fullmatch(text, a, b) for a, b in args.spans) and not any(
        args.covers(m.start, m.end) and m.type == "person" for m in unit
    )
    if (pair or args.pronouns & _THEY) and not any(
        args.covers(m.start, m.end) for m in unit if m.type != "place"
    ):
        c.anaphor = True
    if pair:
        parties = []
        # "The two leaders discussed ... the Department of Agriculture": the two sides talked;
        # the bodies and states the talk was about take no part.
        unit = []
    if not parties and args.possessives and not args.pronouns:
        # "our presidents met": the speaker reports it; his own name elsewhere in the
        # sentence does not make him a party
        unit = [m for m in unit if m.entity != speaker]
    for m in parties or unit:
        if m.entity not in found:
            found.append(m.entity)
        if m.entity not in rd.mains:
            key.add(m.entity)
    if parties or args.pronouns or args.possessives:
        # "we met", "I spoke with him": the speaker is a party; "our presidents met": the
        # two sides are, not the speaker who reports it.
        we = pair or bool(
            args.pronouns & {"we", "us"}
            or "our" in args.possessives
            or any(_WE.search(text, a, b) for a, b in args.spans)
        )
        first = bool(args.pronouns & FIRST or args.possessives & {"my"})
        he = bool(args.pronouns & _THIRD or args.possessives & {"his", "her"})
        you = bool(args.pronouns & {"you"} or args.possessives & {"your"})
    else:
        we = bool(_WE.search(window))
        first = bool(_I.search(window)) or we
        he, you = bool(_HE.search(window)), bool(_YOU.search(window))
    if speaker and first and (t.type != "statement" or not (we and not _I.search(window))):
        found.append(speaker)  # "I", and "we" of the side that speaks (not "your address")
        if t.type != "statement":
            key.add(speaker)
    if he and (parties or not rd.mentions_in(s, e, frozenset({"person"}))):
        # "... where he will chair the debate": the last person named before
        who = rd.person_before(t.start if parties else s, skip=rd.turn_speaker(t.start))
        if who:
            found.append(who)
            key.add(who)
    if you:
        addressee = _addressee(rd, t.start)
        if addressee:
            found.append(addressee)
            key.add(addressee)
    for p in list(found):
        kind = rd.types.get(p)
        country = (
            rd.country_of(p)
            if kind == "person"
            else rd.body_country(p)
            if kind == "organization"
            else None
        )
        if country:
            found.append(country)
    if we or not any(rd.types.get(p, "country") != "person" for p in found):
        found.extend(rd.mains)  # "our presidents", or nobody named: the document's two sides
    whose = _WHOSE.search(text, max(s, t.start - 40), t.start)
    if whose is not None:
        # "the Organization ..., whose fourth General Assembly was held": the body that met is
        # the one before "whose", not a namesake the occasion's own name was linked to
        owner = [m for m in rd.mentions_in(s, whose.start()) if m.type == "organization"]
        if owner:
            inside = {m.entity for m in rd.mentions_in(t.start, t.end)}
            found = [owner[-1].entity, *(p for p in found if p not in inside)]
            key = {owner[-1].entity, *(k for k in key if k not in inside)}
    fragments = {p for p in found if not _actor(rd, p)}
    c.participants = [p for p in dict.fromkeys(found) if p not in fragments]
    c.key = key - fragments


# A name the entities stage guessed is no actor when it is a bare title ("President"), holds
# an event word ("Delivers Speech") or a compound's tail ("Arleigh Burke-class").
_NOT_NAME_WORDS = re.compile(r"(?:-class|-based|-led|-made)$", re.I)
_GUESSED = re.compile(r":[0-9a-f]{16}$")
_VENUE_OR_FIRM = re.compile(
    r"\b(?:Hotel|Hall|Palace|Airport|Stadium|Arena|Hub|Building|Tower|Plaza|Mall|Inc|Corp|"
    r"Corporation|Ltd|LLC|PLC|GmbH|Co|Holdings)\.?$"
)


def _actor(rd: Reading, entity: str) -> bool:
    memo = rd.actor_memo
    if entity not in memo:
        memo[entity] = _is_actor(rd, entity)
    return memo[entity]


def _is_actor(rd: Reading, entity: str) -> bool:
    kind = rd.types.get(entity)
    if kind == "place":
        return False  # a city, a region, a building: where it happened, not who took part
    if kind == "organization":
        # "Shangri-La Hotel", "Acme Holdings Inc.": a venue or a firm, not a party
        return not any(_VENUE_OR_FIRM.search(m.text) for m in rd.by_entity.get(entity, ()))
    if kind != "person" or not _GUESSED.search(entity):
        return True
    said = {m.text for m in rd.by_entity.get(entity, ())}
    return not any(_not_a_name(text) for text in said) if said else True


@functools.lru_cache(maxsize=1024)
def _not_a_name(text: str) -> bool:
    words = text.split()
    titles = {t.name.lower() for t in posts().titles}
    if len(words) == 1 and words[0].lower() in titles:
        return True
    event_words = {p for p in vocabulary().phrase_type if " " not in p}
    return any(w.lower() in event_words or _NOT_NAME_WORDS.search(w) for w in words)


_WHOSE = re.compile(r",?\s+whose\s+(?:[\w-]+\s+){0,3}$", re.I)


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
    skip = rd.turn_speaker(pos)
    for m in reversed(rd.persons_before(pos)):
        if m.entity != skip:
            if _FORMER.search(rd.doc.text, max(0, m.start - 40), m.start):
                continue  # "your predecessor, former Minister Atamkulov": not whom I address
            return m.entity
    return None


_FORMER = re.compile(r"\b(?:former|predecessor|late)\b[^.;]{0,25}$", re.I)


# -- 4. continuations ----------------------------------------------------------------------------

_CONTINUES = re.compile(
    r"\W*(?:it|the (?:discussion|meeting|talks|conversation|event|visit|forum|summit|session|"
    r"conference|ceremony|negotiations|consultations|celebrations|exchange))\s+"
    r"(?:\w+\s+){0,2}?(?:take place|took place|takes place|(?:was|were|will be|is to be) held|"
    r"(?:is|was|are) scheduled|(?:was|were) conducted)\b",
    re.I,
)


def continue_last(rd: Reading, ui: int, cands: list[Cand]) -> None:
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
