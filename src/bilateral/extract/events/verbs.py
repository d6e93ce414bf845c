"""Step 2 of the events cascade for a trigger that is a verb: whether it has the subject or
object that makes it the event ("met with the President", not "met the requirements"; "signed
an agreement", not "signed into law"), and who made a statement.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bilateral.extract.events.reading import Reading

ACTOR_NOUNS = re.compile(
    r"\b(?:the (?:two )?(?:sides|parties)|(?:prime |foreign |defen[cs]e )?ministers?|leaders|"
    r"heads|presidents?|delegations?|parliaments?|counterparts?|officials|colleagues?|"
    r"ambassadors?|chairman|secretary-general|speakers?|countries|states|nations|governments)\b",
    re.I,
)
SIGNABLE = re.compile(
    r"\b(?:agreements?|treaty|treaties|memorand(?:um|a)|documents?|protocols?|declarations?|"
    r"contracts?|deals?|package|roadmaps?|plans?|programmes?|programs?|accords?|charters?|"
    r"conventions?|communiqu[eé]s?|schedules?|statements?|executive orders?)\b",
    re.I,
)
_MEET_OBJECTS = re.compile(
    r"^\s+with\s+(?:no|little|much|great|strong|broad|wide|general|some|widespread)\b|"
    r"^\s+(?:with\s+)?(?:\w+\s+){0,3}?(?:needs?|challenges?|requirements?|goals?|targets?|"
    r"expectations?|demands?|obligations?|commitments?|standards?|criteria|deadlines?|costs?|"
    r"aspirations?|threats?|objectives?|conditions?|success|resistance|approval|criticism|"
    r"opposition|response|indifference|interest|support|concerns?|deficits?|shortfalls?)\b",
    re.I,
)
# What may follow "met": a partner, a place or time, a count, or a title ("met the Chief
# Executive Officer of ..."); "meets the interests" is no meeting.
_MEET_NEXT = re.compile(
    r"\s*(?:[,.;]|$)|\s+(?:with|in|on|at|last|twice|\d+|again|regularly|for|during|today|"
    r"yesterday|here|there|separately|privately|briefly|face|him|her|them|each other|one another|"
    r"(?:the|a|an)\s+[A-Z])",
)
# "received Japanese Foreign Minister Fumio Kishida", "receives visiting Prime Minister X": the
# guest is named after the title words that introduce him (capitalised, or "visiting").
_GUEST_TITLE = re.compile(r"\s*(?:(?:the|visiting|[A-Z][\w’'.-]*|of)\s+){0,6}")
_MEET_NEXT_COUNT = re.compile(r"\s+(?:several|many|a few|\w+)\s+times\b")
_AUDIENCE = re.compile(
    r"^\s+(?:the\s+)?(?:participants|delegates|forum|conference|summit|session|meeting|"
    r"(?:general )?assembly|nation|people|audience|parliament|congress|council|gathering|"
    r"opening|plenary|guests|students|media|journalists|members|readers|attendees|"
    r"heads of)\b",
    re.I,
)
_NAME_BEFORE = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+)*\s+[A-Z][\w’'-]+,?\s+$")
# "a package of documents was signed", "the Central Asia Nuclear Safety Treat was signed": a
# passive whose subject is a signable text or a capitalised name.
_SIGNED_SUBJECT = re.compile(
    SIGNABLE.pattern + r"\s+(?:were|was|have been|has been|had been)\s+(?:(?:also|\w+ly)\s+)?$"
    r"|\b(?!(?:Decree|Law|Act|Order|Bill)\b)[A-Z][\w-]*\s+(?:was|were|has been|have been|had been)\s+(?:(?:also|\w+ly)\s+)?$"
)
_STATEMENT_VERBS = frozenset("said says stated declared announced proposed suggested".split())
_SPEECH_VERBS = frozenset(["address", "addressed", "will address"])
_REPORTS = frozenset({"news", "press_release"})


def verb_ok(
    rd: Reading, ui: int, st: int, en: int, tid: str, phrase: str, before: str, after: str
) -> str | bool:
    """Step 2 for a verb: the right subject or object. Returns the subject of a statement verb,
    True for other verbs that pass, False for what only looks like the event."""
    s, e = rd.units[ui]
    objects = rd.mentions_in(en, min(e, en + 60))
    if tid == "meeting":
        if _MEET_OBJECTS.match(after):
            return False  # "met the requirements", "met with success"
        if re.search(r"\b(?:be|been|being|is|are|was|were)\s+$", before):
            return False  # "the uprising has been met with repression", "targets were met"
        if phrase in ("meet", "meets") and re.search(
            r"(?:['’]s|\b(?:the|a|an))(?:\s+[\w-]+)?\s+$", before
        ):
            return False  # "the women's track meet": a noun
        if phrase in ("meet", "meets", "met") and not (
            _MEET_NEXT.match(after)
            or _MEET_NEXT_COUNT.match(after)  # "X and I met several times in London"
            or (objects and objects[0].start - en <= 3)
            or any(0 <= t.start - en <= 3 for t in rd.times)
        ):
            return False  # "cooperation meets the interests of ...": not a meeting
        if phrase.startswith(("received", "receive")):
            return bool(
                objects and _GUEST_TITLE.fullmatch(rd.doc.text, en, objects[0].start)
            ) or bool(
                re.match(
                    r"^\s+(?:a|the)\s+(?:[\w-]+\s+){0,2}(?:delegation|ambassador|envoy|minister|president|head|chairman|secretary|group)",
                    after,
                    re.I,
                )
            )
        return _has_actor(rd, s, st, en, e)
    if tid == "visit" and phrase.startswith("welcom"):
        return _welcomed_to(rd, en, e)
    if tid == "visit" and phrase in _TRAVEL:
        return _travelled(rd, ui, st, en, phrase, before)
    if tid == "visit":
        places = rd.mentions_in(
            en, min(e, en + 50), frozenset({"place", "country", "organization", "person"})
        )
        # "asked the Secretary to visit the region": a visit to an unnamed place is still one
        return bool(places) or bool(
            re.match(r"\s+(?:the|that)\s+(?:region|country|capital|city|area)\b", after, re.I)
        )
    if tid == "signing":
        if phrase == "concluded":  # "concluded an agreement", not "the Assembly concluded"
            return bool(re.match(r"\s+(?:[\w-]+\s+){0,3}?" + SIGNABLE.pattern, after, re.I))
        if re.match(r"^\s+into law", after) or re.match(r"^\s+(?:a|the)\s+decree", after):
            return False
        return bool(
            SIGNABLE.search(after[:80])
            or rd.names_in_unit(s, e)
            or (phrase == "signed" and _SIGNED_SUBJECT.search(before))
        )
    if tid == "statement":
        if phrase in _SPEECH_VERBS:
            return bool(
                _AUDIENCE.match(after)
                or (objects and objects[0].start - en < 5 and objects[0].type == "organization")
            )
        if phrase in _STATEMENT_VERBS:
            if rd.doc.doc_type in _REPORTS:
                # A news item's "X said" quotes remarks made at the occasion it reports, not an
                # occasion of its own; an interview's "As President Putin said" cites one.
                return False
            subject = _subject_person(rd, s, st)
            if subject is None:
                # A name the entity stage did not link: "... Kassym-Jomart Tokayev proposed".
                return bool(_NAME_BEFORE.search(rd.doc.text, max(s, st - 60), st))
            return False if subject == rd.turn_speaker(st) else subject
        return True
    if tid == "election":
        return bool(rd.mentions_in(s, e, frozenset({"person"})))
    if phrase == "ratified":  # "ratified the Paris Agreement", not "ratified by experience"
        return bool(re.match(r"\s+(?:the\s+)?(?:[\w-]+\s+){0,5}?" + SIGNABLE.pattern, after, re.I))
    return True


_GUEST = re.compile(r"\b(?:you|him|her|them|us)\b", re.I)
_TO_PLACE = re.compile(r"\s+to\s+(?:the\s+)?")
_HOSTS = frozenset({"place", "country", "organization"})
_GUESTS = frozenset({"person"})
_BODY = re.compile(
    r"\b(?:Council|Assembly|Committee|Commission|Conference|Forum|Parliament|Congress|Senate|"
    r"Board|Session|Summit|Meeting)\b",
    re.I,
)


def _welcomed_to(rd: Reading, en: int, e: int) -> bool:
    """ "welcomed President X of Israel to the White House", "welcome you to Washington": a
    guest, then "to" and the place; not "welcomed the decision to ..."."""
    text = rd.doc.text
    to = _TO_PLACE.search(text, en, min(e, en + 120))
    if to is not None and to.start() == en:
        # "Welcome to Manila, Prime Minister X": the place first, the guest addressed after it
        place = next(
            (x for x in rd.mentions_in(to.start(), e, _HOSTS) if x.start == to.end()), None
        )
        if place is not None and not _BODY.search(place.text):
            m = re.match(r"\s*,\s*(?:(?:[A-Z][\w.’'-]*)\s+){0,4}", text[place.end : e])
            return m is not None and any(
                place.end < g.start <= place.end + m.end()
                for g in rd.mentions_in(place.end, e, _GUESTS)
            )
    if to is None or re.search(r"[;:.]", text[en : to.start()]) or not _apposed(rd, en, to.start()):
        return False
    place = next((x for x in rd.mentions_in(to.start(), e, _HOSTS) if x.start == to.end()), None)
    if place is None or _BODY.search(place.text):
        return False  # "welcome you to the Permanent Council": to a body's sitting, no visit
    guests = rd.mentions_in(en, to.start(), frozenset({"person", "country"}))
    return bool(
        guests or _GUEST.search(text, en, to.start()) or ACTOR_NOUNS.search(text, en, to.start())
    )


def _apposed(rd: Reading, a: int, b: int) -> bool:
    """The commas between "welcoming" and "to" only set off a guest's name in apposition: "the
    Prime Minister of Ruritania, Jan Novak, to the White House" (not "the decision, and to")."""
    text = rd.doc.text
    commas = [a + m.start() for m in re.finditer(",", text[a:b])]
    if not commas:
        return True
    names = rd.mentions_in(a, b, _GUESTS)
    return len(commas) <= 2 and all(
        any(not text[c + 1 : n.start].strip() or not text[n.end : c].strip() for n in names)
        for c in commas
    )


# "I was in Tokyo", "the minister travelled to Hanoi": a trip, when a place follows at once and,
# for "was in", a person or a personal pronoun is who was there ("the treaty was in force" is
# no trip, nor "interest was in Asia").
_TRAVEL = frozenset(
    "was in,were in,travelled to,traveled to,travels to,went to,flew to,returned from".split(",")
)
_BEING_THERE = frozenset({"was in", "were in"})
_WHO_WAS = re.compile(r"\b(?:I|we|he|she|they)\s+(?:[a-z]+ly\s+)?$")


def _travelled(rd: Reading, ui: int, st: int, en: int, phrase: str, before: str) -> bool:
    s, e = rd.units[ui]
    text = rd.doc.text
    there = rd.mentions_in(en, min(e, en + 6), frozenset({"place", "country"}))
    if not there or text[en : there[0].start].strip() not in ("", "the"):
        return False
    if phrase not in _BEING_THERE:
        return True
    if _WHO_WAS.search(before):
        return True
    who = rd.mentions_in(max(s, st - 60), st, frozenset({"person"}))
    return bool(who) and not text[who[-1].end : st].strip(" ,")


def _has_actor(rd: Reading, s: int, st: int, en: int, e: int) -> bool:
    text = rd.doc.text
    if rd.mentions_in(max(s, st - 80), min(e, en + 40)):
        return True
    return bool(
        re.search(r"\b(?:we|they|i|he|she|you)\b", text[max(s, st - 60) : st], re.I)
        or ACTOR_NOUNS.search(text, max(s, st - 60), min(e, en + 40))
    )


def _subject_person(rd: Reading, s: int, st: int) -> str | None:
    """The person right before a statement verb: "President Vladimir Putin suggested", "As
    President Putin said"; not a pronoun, not a passive "was proposed by"."""
    text = rd.doc.text
    for m in reversed(rd.mentions_in(s, st, frozenset({"person"}))):
        gap = text[m.end : st]
        if re.fullmatch(
            r"[\s,]*(?:(?:has|had|have|also|recently|then|once|again|already)\s+)*", gap
        ):
            return m.entity
        break
    return None
