"""Steps 5 and 6 of the events cascade: one event per occurrence, the date a news report's lead
lends to what follows it, and the speech that is itself a statement to the General Assembly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from bilateral.extract.events.frames import Cand
from bilateral.extract.events.reading import Reading
from bilateral.extract.events.triggers import HELD_WITH, Trigger
from bilateral.extract.events.vocabulary import plural, vocabulary
from bilateral.extract.text.units import iso, published

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
_BILATERAL = re.compile(r"\bbilateral\b", re.I)
_LINKED_NAMES = re.compile(r"\s*(?:at|of|during)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", re.I)


def _antecedent(rd: Reading, c: Cand, near: Sequence[Cand], heads: Sequence[Cand]) -> Cand | None:
    """The earlier event that ``c`` mentions again, or None when ``c`` is a new occurrence.
    ``near`` are the earlier events that can be (those of its sentence, of its type, and of the
    "consult" group when it is one: every other one is passed over below), ``heads`` those of
    the headers, each in text order."""
    text = rd.doc.text
    sharing: list[Cand] = []  # same kind, same named actors: the lead's wins, else the latest
    # What depends on ``c`` alone, read once rather than once per earlier event.
    bilateral = bool(_BILATERAL.search(text, max(0, c.trigger.start - 20), c.trigger.end))
    numbered = _numbered(c)
    for e in reversed(near):
        if e.unit == c.unit:
            between = text[e.trigger.end : c.trigger.start]
            if c.trigger.anaphoric and re.fullmatch(r"\s+of\s+(?:the|that|this|its)?\s*", between):
                return e  # "the first meeting of that forum": the forum is the body that meets
            if e.type == c.type and (c.trigger.anaphoric or _LINKED_NAMES.fullmatch(between)):
                return e  # "the General Debate at the 75th session"; "this ... the present session"
            continue
        if (
            e.type == c.type == "statement"
            and e.unit == 0
            and c.unit in rd.headers
            and e.date is not None
            and e.date == c.date
            and e.date[1] == "day"
            and not any(rd.types.get(p) == "person" for p in e.participants)
        ):
            # the title's "President Delivers Speech", nobody named, and the heading's "Speech
            # of President X": one speech
            return e
        if c.trigger.anaphoric or (c.trigger.deictic and e.trigger.deictic):
            if e.type == c.type:
                return e  # "today's meeting", "such a meeting", "this session" again
            if (
                _group(e.type) == _group(c.type) == "consult"
                and _compatible(e.date, c.date)
                and any(rd.types.get(k) == "organization" for k in e.key & c.key)
            ):
                return e  # the title's "Leaders' Meeting 2016", then "the 2016 APEC summit"
            continue
        if (
            c.trigger.deictic
            and not c.trigger.verb
            and e.unit == 0
            and e.type == c.type
            and e.status == "occurred"
            and _compatible(e.date, c.date)
        ):
            return e  # "this session": the one the title names
        if (
            e.lent
            and c.date is not None
            and c.unit in rd.headers
            and e.type == c.type
            and (
                e.key & c.key
                or (e.location is not None and e.location == c.location)
                or (e.unit == 0 and set(e.participants) & set(c.participants))
            )
        ):
            return e  # the title's arrival, dated in the lead by its own day
        if c.trigger.habitual or e.trigger.habitual or not _compatible(e.date, c.date):
            continue
        if bilateral and any(rd.types.get(k) == "organization" for k in e.key):
            continue  # "held a bilateral meeting with X" at a summit: not the summit itself
        if (
            numbered
            and c.trigger.signature != e.trigger.signature
            and not (e.unit in rd.headers and not _numbered(e) and e.key & c.key)
        ):
            # "the Fourth Meeting of Speakers": a numbered occasion of its own; though the
            # title's "Leaders' Meeting 2016" is the lead's "24th Meeting of the Leaders"
            continue
        if e.date is None and c.date is not None:
            if (
                e.unit in rd.headers
                and e.type == c.type
                and (e.key & c.key or _same_name(rd, e, c))
            ):
                return e  # the undated headline, told with its date in the lead
            continue  # a dated mention is its own occurrence, not a detail of an undated one
        if e.type == c.type and e.status == c.status and e.key & c.key - _only_speaker(rd, e, c):
            sharing.append(e)
        elif (
            e.type == c.type == "visit"
            and e.status == c.status
            and e.location is not None
            and e.location == c.location
            and not numbered
        ):
            sharing.append(e)  # "will visit Davao City" ... "will visit Davao City with me"
        elif e.type == c.type == "other" and _said_alike(rd, e, c):
            return e  # "will host Expo 2017" ... "Expo 2017 is a significant opportunity"
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
    # "X met Y ... The Presidents discussed ...": their talks are the meeting (or the call)
    # the lead told.
    kin = {"talks", "meeting", "phone_call"} if c.type == "talks" else {c.type}
    opening = [
        e
        for e in heads
        if e.unit in rd.headers and e.type in kin and e.status == "occurred" and e.unit < c.unit
    ]
    return opening[0] if opening else None


def _only_speaker(rd: Reading, e: Cand, c: Cand) -> set[str]:
    """ "I will meet X ... I shall also meet Y", "I am also to meet the community": a speaker
    who plans several meetings shares himself with each; that alone makes no one occurrence
    when either names a party the other lacks."""
    speaker = rd.turn_speaker(c.trigger.start)
    if speaker is None or c.status != "planned":
        return set()
    others = {k for k in e.key ^ c.key if rd.types.get(k) == "person"}
    return {speaker} if others else set()


_NAME_WORD = re.compile(r"(?:[A-Z][\w’'.-]*|\d+(?:st|nd|rd|th)?|of|and|the|on|for)$")


def _name_before(rd: Reading, c: Cand) -> str:
    """The name a trigger ends: "7th Annual Amber Road Conference" (lower-case), or ""."""
    text = rd.doc.text
    s = rd.units[c.unit][0]
    words = text[s : c.trigger.start].split()
    k = len(words)
    while k > 0 and _NAME_WORD.match(words[k - 1]):
        k -= 1
    while k < len(words) and words[k] in ("of", "and", "the", "on", "for"):
        k += 1
    name = words[k:]
    return " ".join([*name, text[c.trigger.start : c.trigger.end]]).lower() if name else ""


def _same_name(rd: Reading, a: Cand, b: Cand) -> bool:
    """ "attends 7th Annual Amber Road Conference" in the title and "attended the 7th Annual
    Amber Road Conference 2031" in the lead: one named occasion."""
    na = _name_before(rd, a)
    return bool(na) and len(na.split()) >= 3 and na == _name_before(rd, b)


def _said_alike(rd: Reading, a: Cand, b: Cand) -> bool:
    """Two mentions of one named occasion: the same words name it ("Expo", "EXPO")."""
    text = rd.doc.text
    return (
        text[a.trigger.start : a.trigger.end].lower()
        == text[b.trigger.start : b.trigger.end].lower()
        and a.trigger.phrase == b.trigger.phrase
        and not a.trigger.verb
        and not b.trigger.verb
    )


_NUMBERED = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|\w+teenth|\w+tieth)\b",
    re.I,
)


def _numbered(c: Cand) -> bool:
    return bool(_NUMBERED.match(c.trigger.signature)) and " " in c.trigger.signature


def _near(c: Cand) -> tuple[str, ...]:
    """The keys of ``coalesce``'s index under which an antecedent of ``c`` is found."""
    kinds = (f"type:{c.type}", f"unit:{c.unit}")
    return (*kinds, "consult") if _group(c.type) == "consult" else kinds


_LOOK_BACK = 256  # earlier events of one kind an event is compared with (besides the headers')


def coalesce(rd: Reading, cands: Sequence[Cand]) -> list[Cand]:
    done: list[Cand] = []
    # The events so far by type, sentence and group, and those of the headers: a candidate is
    # compared with the earlier events that can be its antecedent, not with every one (which
    # made the stage quadratic in the length of a document).
    # In a very long text only the latest _LOOK_BACK of each kind are, with those of the
    # headers (the title and the lead, which a later mention often tells again).
    index: dict[str, list[int]] = {}
    head_index: dict[str, list[int]] = {}
    heads: list[Cand] = []
    resolved: dict[int, list[Cand]] = {}
    for c in cands:
        near = sorted(
            {i for k in _near(c) for i in (*index.get(k, ())[-_LOOK_BACK:], *head_index.get(k, ()))}
        )
        e = _antecedent(rd, c, [done[i] for i in near], heads)
        if e is None:
            if c.trigger.anaphoric and not c.trigger.stands:
                continue  # "such a meeting" with nothing before it to be
            if c.trigger.deictic and c.date is None:
                # "this session": the document's own occasion, on the day it was spoken
                own = published(rd.doc)
                c.date = (rd.occasion, "day") if rd.occasion and own and own[1] == "day" else own
            for k in _near(c):
                index.setdefault(k, []).append(len(done))
                if c.unit in rd.headers:
                    head_index.setdefault(k, []).append(len(done))
            if c.unit in rd.headers:
                heads.append(c)
            done.append(c)
            continue
        e.spans.extend(c.spans)
        e.participants = list(dict.fromkeys([*e.participants, *c.participants]))
        e.key |= c.key
        if (
            e.date is not None
            and c.date is not None
            and not e.lent
            and not c.trigger.anaphoric
            and _FINER.index(c.date[1]) > _FINER.index(e.date[1])
        ):
            e.date = c.date  # the title's "Meeting 2016", the lead's "held 19-20 November 2016"
        elif (e.date is None or e.lent) and c.date is not None and not c.trigger.anaphoric:
            if e.lent:
                # "Statement on the Visit of X", dated only by its publication: the lead's "looks
                # forward to welcoming X on July 26" tells when, and that it is still to come.
                e.status = c.status
            e.date, e.lent = c.date, False
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
# "Earlier that day", "later the same day": the lead's day, whatever "earlier" says.
_THAT_DAY = re.compile(r"\b(?:that|the same) (?:day|morning|afternoon|evening)\b", re.I)
_REPORTS = frozenset({"news", "press_release", "joint_statement"})
_WITNESSED = re.compile(r"\b(?:welcom|witness|applaud|hail)\w*\s+(?:the\s+)?$", re.I)
_FINER = ("year", "month", "day")


_LEAD_REACH = 12  # units


def date_by_lead(rd: Reading, events: Sequence[Cand]) -> None:
    """A news report tells one occasion: "They also held a joint press conference" a few
    sentences after "... met Jan. 16 with ..." happened that day too."""
    if rd.doc.doc_type not in _REPORTS:
        return
    _date_lead_by_visit(rd, events)
    # The lead is the opening's most exact date: the title's "Meeting 2016" names the year, the
    # lead's "was held 19-20 November 2016" the days that the body's talks fall on.
    leads = [e for e in events if e.unit in rd.headers and e.date and e.status == "occurred"]
    if not leads:
        return
    lead = max(leads, key=lambda e: _FINER.index(e.date[1]) if e.date else 0)
    # The report tells its occasion as long as it restates it: "The Leaders' Meeting was held
    # from 19-20 November" further down opens another stretch of what happened there.
    restated = lead.unit
    starts = [a for a, _ in rd.units]
    for c in events:
        s, e = rd.units[c.unit]
        if c.date == lead.date and c.status == "occurred" and c.unit <= restated + _LEAD_REACH:
            for u in sorted(bisect.bisect_right(starts, a) - 1 for a, _ in c.spans):
                if u <= restated + _LEAD_REACH:
                    restated = max(restated, u)
        if (
            c.date is None
            and c.status == "occurred"
            and lead.unit < c.unit <= restated + _LEAD_REACH
            and not c.trigger.habitual
            and (
                not plural(c.trigger.phrase)
                or c.listed
                or HELD_WITH.match(rd.doc.text[c.trigger.end : c.trigger.end + 80])
            )
            and (_THAT_DAY.search(rd.doc.text, s, e) or not _NOT_THEN.search(rd.doc.text, s, e))
            and not _CONTRAST.search(rd.doc.text, max(s, c.trigger.start - 30), c.trigger.start)
        ):
            c.date = lead.date
        elif (
            c.date is None
            and c.type == "signing"
            and c.status == "occurred"
            and lead.unit < c.unit
            and _WITNESSED.search(rd.doc.text, max(s, c.trigger.start - 40), c.trigger.start)
        ):
            # "the two leaders welcomed the signing of ...", however far down the list: signed
            # at the occasion the report is about.
            c.date = lead.date


# "Speech before departure for X", "I will depart today for X", "as I leave for X": the
# document opens a trip that begins on its day.
_DEPARTS = re.compile(
    r"\b(?:departure|depart(?:s|ing)?|leav(?:e|es|ing))\s+(?:\w+\s+){0,2}?(?:for|to)\s+[A-Z]",
    re.I,
)
_TRIP_OPENING = 12  # units


def date_by_trip(rd: Reading, events: Sequence[Cand]) -> None:
    """What a speaker about to leave says he will do there ("I will meet ...", "we will
    discuss ...") with no date of its own happens on the trip: the month of the document."""
    own = published(rd.doc)
    if own is None or not rd.units:
        return
    head = rd.units[min(_TRIP_OPENING, len(rd.units)) - 1][1]
    if not _DEPARTS.search(rd.doc.text, 0, head):
        return
    month = (own[0][:7], "month") if own[1] in ("month", "day") else own
    for c in events:
        if c.date is None and c.status == "planned" and not c.trigger.habitual:
            c.date = month


def _date_lead_by_visit(rd: Reading, events: Sequence[Cand]) -> None:
    """ "X and Y signed the Joint Statement in Tashkent." then "X paid a state visit to
    Uzbekistan on April 14-15, 2019": the undated lead happened during the visit the next
    sentence dates."""
    for v in events:
        if v.type != "visit" or v.date is None or v.status != "occurred":
            continue
        if v.unit - 1 not in rd.headers:
            continue
        for e in events:
            persons = {k for k in e.key if rd.types.get(k) == "person"}
            if (
                e.unit == v.unit - 1
                and e.date is None
                and e.status == "occurred"
                and persons & v.key
            ):
                e.date = v.date
        return


_ASSEMBLY = "org:unga"


def own_session(rd: Reading, events: Sequence[Cand]) -> None:
    """A speech from the floor of the General Assembly is the speaker's part in the session it
    is delivered at: that session ("session 78 (2023)" in the title, "this session") has the
    speaker, the state he speaks for and the Assembly among its parties. The speech itself is
    no separate event: the gold README counts interactions the text reports."""
    if rd.doc.doc_type != "speech" or _ASSEMBLY not in rd.by_entity:
        return
    own = published(rd.doc)
    session = next(
        (
            c
            for c in events
            if c.type == "session"
            and c.status == "occurred"
            and (c.trigger.deictic or (own is not None and c.unit in rd.headers and c.date == own))
        ),
        None,
    )
    if session is None:
        return
    who = [p for p in (rd.speaker, *rd.mains, _ASSEMBLY) if p is not None]
    session.participants = list(dict.fromkeys([*session.participants, *who]))


# "met with Prime Minister X of the Bahamas in Nassau": a meeting in the capital of one party
# is also the other party's visit there.
_CONSULT_AT = frozenset({"meeting", "talks"})


def visits_abroad(rd: Reading, events: Sequence[Cand]) -> list[Cand]:
    """A meeting held in one party's country is the other party's visit to it (the guest's
    country from the knowledge base), unless the text tells that visit already."""
    out: list[Cand] = []
    for c in events:
        if c.type not in _CONSULT_AT or c.location is None or c.trigger.habitual:
            continue
        host = c.location if c.location.startswith("country:") else rd.country_of(c.location)
        if host is None:
            continue
        persons = [p for p in c.participants if rd.types.get(p) == "person"]
        sides = {p: rd.country_of(p) for p in persons}
        if host not in sides.values() and host not in c.participants:
            continue
        guests = [p for p, k in sides.items() if k is not None and k != host]
        if not guests or len({sides[g] for g in guests}) != 1:
            continue
        guest_state = sides[guests[0]]
        assert guest_state is not None
        told = any(
            v.type == "visit"
            and _compatible(v.date, c.date)
            and (set(guests) | {guest_state}) & set(v.participants)
            for v in (*events, *out)
        )
        if told:
            continue
        out.append(
            Cand(
                type="visit",
                trigger=c.trigger,
                unit=c.unit,
                date=c.date,
                status=c.status,
                location=c.location,
                modality="in_person",
                participants=list(dict.fromkeys([*guests, guest_state, host])),
                key=set(guests),
                spans=list(c.spans),
            )
        )
    return out


# "Statement by the Spokesperson on ...", "Statement from the President marking ...": the title
# names the document itself, one author's text, and what it is about.
_OWN_STATEMENT = re.compile(
    r"\s*(?:[\w.-]+\s+){0,3}?(?:statement|message|remarks)\s+(?:by|from|of)\s+", re.I
)


def one_sided_title_statement(rd: Reading, events: list[Cand]) -> None:
    """The statement a document's title names as itself ("Statement by the Spokesperson on the
    Minister's call with ...") is its one author's text, no interaction between parties: when
    everyone it names acts for one state, it is no event (a joint statement, or one of several
    states' ministers, is)."""
    if not rd.units:
        return
    s, e = rd.units[0]
    title = _OWN_STATEMENT.match(rd.doc.text, s, e)
    if title is None or _JOINT_NAMED.search(rd.doc.text, s, e):
        return
    for c in list(events):
        if c.type != "statement" or c.unit != 0 or c.trigger.verb or c.trigger.start > title.end():
            continue
        sides = {_side(rd, p) for p in c.participants}
        if len(sides - {None}) <= 1 and _MANY not in sides:
            events.remove(c)


_MANY = "*"  # a body of several states ("the member states of the Organisation")


def _side(rd: Reading, entity: str) -> str | None:
    kind = rd.types.get(entity)
    if kind == "country":
        return entity
    if kind == "person":
        return rd.country_of(entity)
    if kind == "organization":
        return rd.body_country(entity) or _MANY
    return None


_JOINT_TITLE = re.compile(
    r"\s*(?:text of (?:the )?)?joint (?:statement|declaration|communiqu[eé])\b", re.I
)


# "Philippines-Ruritania Joint Statement": the title names the parties before the words.
_JOINT_NAMED = re.compile(
    r"(?<!\bon the )(?<!\bon )\bjoint (?:statement|declaration|communiqu[eé])\b", re.I
)
# "Issued in Tokyo, 26 October 2016", "Done at Valdora on 3 May 2031": the text's own day and
# place, which may precede its publication.
_ISSUED = re.compile(r"\s*(?:issued|done|adopted|signed|made)\s+(?:in|at)\s+", re.I)


def _issued(rd: Reading) -> tuple[tuple[str, str], str | None] | None:
    for s, e in reversed(rd.units):
        if e - s > 80 or not _ISSUED.match(rd.doc.text, s, e):
            continue
        for tx in rd.times_in(s, e):
            d = iso(tx)
            if d is not None and d[1] == "day":
                places = rd.mentions_in(s, tx.start, frozenset({"place", "country"}))
                return d, places[0].entity if places else None
    return None


def own_joint_statement(rd: Reading, events: Sequence[Cand]) -> list[Cand]:
    """A joint statement is itself the event its title names: the parties' statement, made on
    the document's own day, by the actors the title names (else those of its first sentence,
    "... was released by the Governments of A, B and C", else the document's two sides)."""
    if not rd.units:
        return []
    text = rd.doc.text
    s, e = rd.units[0]
    head = _JOINT_TITLE.match(text, s, e) or _JOINT_NAMED.search(text, s, e)
    own = published(rd.doc)
    if head is None:
        return []
    issued = _issued(rd)
    if issued is not None:
        own = issued[0]
    for c in events:
        if c.type == "signing" and c.unit <= 3:
            return []  # "X and Y signed the Joint Statement": a report of its signing
        if c.type == "statement" and c.date in (None, own, published(rd.doc)):
            # "The text of the following statement was released ...": its day, or the day the
            # closing line says it was issued
            c.date = own if issued is not None else (c.date or own)
            if issued is not None and c.location is None:
                c.location = issued[1]
            return []
    who: list[str] = []
    for a, b in rd.units[:2]:
        for m in rd.mentions_in(a, b):
            who.append(m.entity)
            if m.type == "person" and (country := rd.country_of(m.entity)):
                who.append(country)
        if who:
            break
    at = head.start() + len(head[0]) - len(head[0].lstrip())
    return [
        Cand(
            type="statement",
            trigger=Trigger(at, head.end(), "statement", "joint statement", False),
            unit=0,
            date=own,
            location=issued[1] if issued is not None else None,
            participants=list(dict.fromkeys(who or rd.mains)),
            key=set(who),
            status="occurred",
            spans=[(s, e)],
        )
    ]
