"""Step 2 of the events cascade, the triggers: words of ``event_types.yaml`` that name or report
one occurrence.

A trigger word is an event only with something that makes it one occurrence rather than a kind
of thing: a name ("CIS Summit"), an ordinal or year ("the 29th forum"), a date in its clause, a
verb such as held, attend or host, a participant tied to it ("talks with Mr. Nurtleu", "his
first visit"), or deixis ("this session"). It is refused inside a standing body's name
("Conference on Interaction and Confidence-Building Measures in Asia"), as a medium ("via video
conference"), as an idiom ("meeting the needs", "met with resistance"), as a kind ("each of the
50 sessions", "the UN is the forum for ..."), and inside an agreement's name.

A verb is checked for its subject or object in ``verbs``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bilateral.extract.events.verbs import ACTOR_NOUNS, SIGNABLE, verb_ok
from bilateral.extract.events.vocabulary import plural, vocabulary
from bilateral.extract.text.units import Word, clause_at, clauses, words

if TYPE_CHECKING:
    from bilateral.extract.events.reading import Reading


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    type: str
    phrase: str
    verb: bool
    anaphoric: bool = False  # "the forum", "such a meeting": refers back, names nothing new
    deictic: bool = False  # "this session", "today's meeting": the document's own occasion
    habitual: bool = False  # "met at least 10 times", "we regularly call each other"
    video: bool = False
    subject: str | None = None  # who said, proposed or addressed
    signature: str = ""  # the noun phrase without its determiner: "emergency special session"
    stands: bool = True  # an anaphor that is an event even with nothing before it to refer to


_ORDINAL = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|(?:19|20)\d\d|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|eleventh|twelfth|\w+teenth|\w+tieth|\w+-(?:first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth)|jubilee|inaugural)$",
    re.I,
)
_DETERMINER = frozenset("a an the this that these those such".split())
_POSSESSIVE = frozenset("his her my our their your its".split())
# "this session", "the present session", "today's meeting": the occasion of the text itself.
_DEICTIC = re.compile(
    r"\b(?:this|today['’]s|the (?:current|present))\s+(?:[\w-]+\s+)?$",
    re.I,
)
_ANAPHOR = re.compile(
    r"\b(?:the|this|that|these|those|such(?: an?)?|today['’]s)\s+(?:(?:upcoming|forthcoming|same|"
    r"said|aforementioned|above-mentioned|recent|current|present|latest)\s+)?$",
    re.I,
)
# "noted that high-level events ...": "that" opens a reported clause, it points at nothing.
_THAT_CLAUSE = re.compile(
    r"\b(?:noted|said|says|stated|stressed|emphasi[sz]ed|underlined|announced|added|reported|"
    r"recalled|believes?|hopes?|expects?|knows?|agreed|confirmed|informed \w+|told \w+)\s+that\s+$",
    re.I,
)
# Words that end a noun phrase read backwards from its head: "at the | emergency special session".
_NP_EDGE = (
    _DETERMINER
    | _POSSESSIVE
    | frozenset(
        "at in on of for to with by from during after before following and or but is are was were "
        "be been has have had will would which that who".split()
    )
)
_PREDICATE_BEFORE = re.compile(
    r"\b(?P<verb>held|hold|holding|holds|host|hosts|hosted|hosting|attend|attends|attended|attending|"
    r"attendance (?:of|at)|took part in|take part in|taking part in|takes part in|"
    r"participated in|participate in|participating in|participation in|convene|convened|"
    r"convening|organi[sz]e[ds]?|organi[sz]ing|at|during|following|after|ahead of|"
    r"on the sidelines of|(?:with)?in the framework of|preparations? for|preparing for|"
    r"prepare for|address|addressed|addressing|chaired|opened|welcomed? \w+ to|"
    r"paid|pays|pay|paying|made|makes|make|making|undertook|undertakes|undertake)\b"
    r"(?:\s+[\w’'-]+){0,6}\s+$",
    re.I,
)
_PREDICATE_AFTER = re.compile(
    r"^(?:\s+[\w’'-]+){0,4}?\s+(?:(?:was|were|will be|is|are|has been|have been|had been|to be)"
    r"\s+)?(?:held|took place|take place|takes place|taking place|scheduled|convened|opened|"
    r"closed|hosted|attended|organi[sz]ed|chaired)\b",
    re.I,
)
_LINK_AFTER = re.compile(r"^\s+(?:with|between|among|of|by|to)\b", re.I)
_GERUND_NOUN_BEFORE = frozenset(
    "a an the this that these those such at during of for after before following first second "
    "third next last regular annual joint bilateral ministerial official informal today's "
    "today’s plenary working".split()
)
# "look forward to meeting you", "the chance of meeting him": the gerund of meeting a person.
_MEETING_SOMEONE = re.compile(
    r"\b(?:forward to|chance (?:of|to)|opportunity (?:of|to)|pleasure of|honou?r of|hope of)\s+$",
    re.I,
)
_PERSON_OBJECT = re.compile(r"\s+(?:you|him|her|them|with)\b", re.I)
_NOUN_AFTER_MEETING = re.compile(
    r"^\s+(?:with|of|between|on|in|at|was|is|will|held|took|today|has|had)\b", re.I
)
PATTERN = "<pattern>"  # the phrase of a trigger that a pattern of event_types.yaml found
_VIDEO_MEETING = re.compile(r"\bvideo[\s-]?conferenc(?:e|es|ing)\b", re.I)
_MEDIUM_BEFORE = re.compile(
    r"\b(?:via|by|through|over|using|in|by means of|in the (?:format|form|mode) of)"
    r"\s+(?:an?\s+)?$",
    re.I,
)
# "10 meetings", "regular consultations" before the word; "met at least 10 times" after it. A
# year is no count ("the 2016 summit"), and the text after the word is read only for "times"
# (its window may end inside "19-20 November").
_HABIT_BEFORE = re.compile(
    r"\b(?:(?!(?:1[89]|20)\d\d\b)\d+|several|many|numerous|dozens of|regular(?:ly)?|often|"
    r"frequently|constantly|repeatedly)\b(?:\s+[\w-]+){0,3}\s*$",
    re.I,
)
_HABIT_AFTER = re.compile(r"^\s+(?:at least\s+|over\s+|about\s+)?(?:\d+|\w+)\s+times\b", re.I)
_VENUE_AFTER = re.compile(
    r"\s+(?:Hall|Room|Centre|Center|Building|Palace|Hotel|House|Square|Street|Park|Venue)\b"
)
_POST_AT = re.compile(
    r"\b(?:President|Vice-President|Chairman|Chair|Secretary)\s+of\s+(?:the\s+)?"
    r"(?:[A-Z][\w-]*\s+){1,3}at\s+its\s+(?:[\w-]+\s+){1,2}$"
)
_PHONE = re.compile(r"\b(?:tele)?phone\b", re.I)
_CONVERSATION = re.compile(r"(?<![\w-])conversation(?![\w-])", re.I)
# "We have seen repeatedly, in the meetings of ...": meetings as a practice, none of them one
# occasion ("regular meetings ... will help" may still be a plan).
_PRACTICE = re.compile(
    r"\b(?:repeatedly|often|frequently|constantly|time and again)\b"
    r"(?:[\s,]+[\w-]+){0,3}[\s,]*$",
    re.I,
)
_BODY_HEADS = frozenset("conference forum congress assembly".split())
_PREDICATE_NOMINAL = re.compile(
    r"\b(?:(?:is|are|was|were|be|been|becomes?|became|remains?|serves? as)\s+(?:a|an|the|one of the)"
    r"|as an?)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
_PREPOSITIONS = frozenset(
    "in on at of for to with by from into within between among about over under".split()
)
_ANY = frozenset({"person", "country", "organization", "place"})
_OWN_OCCASION = frozenset({"meeting", "session", "conference", "summit"})
_STRICT = frozenset("congress reception celebration trip audience".split())
# "The first is the visit of ...", "the second is the trip to ...": items of a list, not a kind.
_ENUMERATED = re.compile(
    r"\b(?:first|second|third|fourth|fifth|next|last|another|other)\s+(?:is|was|will be)\s+"
    r"(?:the|a|an)\s+$",
    re.I,
)
_SIGNED_TEXT = re.compile(
    r"\b(?:sign\w*|adopt\w*|approv\w*)\s+(?:(?:the|a|an|this|that|their|its)\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)


_CITED = re.compile(
    r"\b(?:acknowledg\w*|recall\w*|reaffirm\w*|reiterat\w*|importance of|in accordance with|"
    r"in line with|pursuant to|consistent with|based on|guided by|implementation of|"
    r"implement\w*|spirit of|principles of|enshrined in|set out in|under the|as stated in|"
    r"referr\w* to|cited|abide by|adhere\w* to|commitments? (?:to|under))\b",
    re.I,
)


# "talks were also held with the President of Chile ...": occasions with named partners.
HELD_WITH = re.compile(
    r"^\s+(?:were|have been|had been|will be)\s+(?:also\s+)?held\s+with\s+(?:the\s+)?[A-Z]"
)


@functools.lru_cache(maxsize=4)
def _speaks_of_phone(text: str) -> bool:
    """Whether the document mentions a phone (read once per document, not once per unit)."""
    return _PHONE.search(text) is not None


def triggers(rd: Reading, ui: int) -> list[Trigger]:
    """The triggers of one unit that name or report an occurrence, in text order."""
    s, e = rd.units[ui]
    text = rd.doc.text
    voc = vocabulary()
    raw: list[tuple[int, int, str, str]] = []
    for m in voc.triggers.finditer(text, s, e):
        phrase = " ".join(m[0].lower().split())
        raw.append((m.start(), m.end(), voc.phrase_type[phrase], phrase))
    for pattern, tid in voc.patterns:
        raw.extend((m.start(), m.end(), tid, PATTERN) for m in pattern.finditer(text, s, e))
    raw.extend(
        (m.start(), m.end(), "meeting", "videoconference")
        for m in _VIDEO_MEETING.finditer(text, s, e)
    )
    if _speaks_of_phone(text):
        # "after his conversation with President-elect X", in a text that says the two spoke on
        # the phone: that call.
        raw.extend(
            (m.start(), m.end(), "phone_call", "conversation")
            for m in _CONVERSATION.finditer(text, s, e)
        )
    raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
    out: list[Trigger] = []
    taken: list[tuple[int, int]] = []
    for st, en, tid, phrase in raw:
        if any(a < en and st < b for a, b in taken):
            continue
        taken.append((st, en))
        t = _check(rd, ui, st, en, tid, phrase)
        if t is not None:
            out.append(t)
    return out


def _check(rd: Reading, ui: int, st: int, en: int, tid: str, phrase: str) -> Trigger | None:
    """Step 2 for one trigger: keep it only when it names or reports an occurrence."""
    text = rd.doc.text
    s, e = rd.units[ui]
    et = vocabulary().types[tid]
    clause = _clause_of(rd, ui, st)
    before = text[max(clause[0], st - 80) : st]
    after = text[en : min(e, en + 100)]
    prev = words(text, max(clause[0], st - 60), st)
    prev_words = [w.low for w in prev if w.is_word]
    last = prev_words[-1] if prev_words and prev[-1].is_word else ""
    if rd.in_name(st):
        return None  # "a schedule for consultations ...": part of an agreement's name
    if text[st].isupper() and _VENUE_AFTER.match(text, en):
        return None  # "at the Reception Hall of the Palace": a room, not a reception
    if _POST_AT.search(text, max(s, st - 90), st):
        return None  # "President of the General Assembly at its sixteenth session": a post
    if _in_body(rd, st, en, tid, phrase):
        return None
    if phrase == PATTERN and tid != "other":
        said = " ".join(text[st:en].lower().split())
        return Trigger(
            st,
            en,
            tid,
            text[st:en],
            True,
            habitual=_habitual(before, after),
            # "whose fourth General Assembly": a numbered occasion of its own
            signature=said if _ORDINAL.match(said.split()[0]) else "",
        )
    if phrase == "videoconference":
        if _MEDIUM_BEFORE.search(before):
            return None  # "via video conference": how, not what
        return Trigger(st, en, "meeting", phrase, False, video=True)
    is_verb = phrase in et.verbs and not (
        phrase in et.nouns
        and (
            last in _DETERMINER | _POSSESSIVE
            or _is_modifier(last)
            or last.isdigit()  # "Herzog's July 19 address"
            or re.search(r"\w['’]s?\s+$", before) is not None  # "the President's address"
        )
    )
    habitual = _habitual(before, after)
    if is_verb:
        subject = verb_ok(rd, ui, st, en, tid, phrase, before, after)
        if subject is False or (tid == "other" and not _dated_clause(rd, ui, st)):
            return None
        return Trigger(
            st,
            en,
            tid,
            phrase,
            True,
            habitual=habitual,
            subject=subject if isinstance(subject, str) else None,
            # "it is my honour to welcome you to the White House": the speech's own occasion
            deictic=phrase in ("welcome", "welcomes"),
        )
    if phrase == "meeting" and _MEETING_SOMEONE.search(before) and _PERSON_OBJECT.match(after):
        return Trigger(st, en, tid, phrase, True)  # "I look forward to meeting you in Geneva"
    if (
        phrase == "meeting"
        and last not in _GERUND_NOUN_BEFORE
        and not _ORDINAL.match(last)
        and not _NOUN_AFTER_MEETING.match(after)
        and not text[st].isupper()
    ):
        return None  # "meeting the needs of ...": a verb
    if phrase == "address" and (last in ("email", "e-mail", "ip", "web", "postal", "mailing")):
        return None
    if tid == "statement" and _SIGNED_TEXT.search(before):
        return None  # "signed the Joint Statement": a document, not a speech
    if tid == "statement" and text[st].isupper() and _CITED.search(text, s, st):
        # "recalled the importance of the Declaration ..., the Chairman's Statement of the 11th
        # Summit": texts the sentence invokes, not statements made in it
        return None
    if tid in ("signing",) and not (SIGNABLE.search(after[:80]) or rd.names_in_unit(s, e)):
        return None
    # The gates: what makes a noun one occurrence rather than a kind of thing.
    proper = _proper(text, s, st, en, prev)
    ordinal = any(_ORDINAL.match(w) for w in prev_words[-4:]) and not re.search(
        r"[,;:.]", text[prev[-min(4, len(prev))].start if prev else st : st]
    )
    if proper and not ordinal:
        # "the first SCO Member States' Heads of Regions Forum": an ordinal before the name.
        k = len(prev) - 1
        while k >= 0 and (
            prev[k].text in ("’", "'") or prev[k].capitalised or prev[k].low in ("of", "and")
        ):
            k -= 1
        ordinal = k >= 0 and bool(_ORDINAL.match(prev[k].text))
    dated = bool(rd.times_in(*clause)) or _fronted_date(rd, ui, st)
    predicate = bool(_PREDICATE_AFTER.match(after))
    pre = _PREDICATE_BEFORE.search(text[max(clause[0], st - 70) : st])
    if pre is not None:
        # The words between the predicate and the trigger ("took part in | the"), not its own.
        between = {w.lower() for w in pre[0][pre.end("verb") - pre.start() :].split()}
        preps = between & _PREPOSITIONS
        if pre["verb"].lower().startswith("host"):
            preps -= {"for"}  # "hosted the Prime Minister for a bilateral meeting"
        # "held talks", "at the 2016 Russia-ASEAN summit"; not "hold seats in this forum"
        predicate = predicate or not preps
    linked = _linked(rd, st, en, after, prev_words, clause) or _signing_named(rd, tid, en)
    deictic = tid != "forum" and bool(_DEICTIC.search(before[-40:]))  # not "in this forum"
    if re.search(
        r"\b(?:each|all|every|any|most|some|none|many) of (?:the |its |their )?(?:\d+ )?$|\b(?:all|every) $",
        before[-30:],
        re.I,
    ) or re.search(r"\b(?:each|every)\s+(?:[\w-]+\s+)?$", before[-30:], re.I):
        return None  # "each of the 50 sessions", "each session": the kind, not an occurrence
    if _PREDICATE_NOMINAL.search(before) and not _ENUMERATED.search(before):
        return None  # "HPAIR is a five-day annual conference": what it is, not when it met
    if tid == "other" or phrase in _STRICT:
        # "Back in 1900, Freedonia hosted the World Fair": an occasion's date may be fronted.
        dated = dated or (tid == "other" and _dated_clause(rd, ui, st))
        if not (dated or (ordinal and predicate) or (phrase == "trip" and _trip_to(rd, en, e))):
            return None
    elif not ((proper and tid != "forum") or ordinal or dated or predicate or linked or deictic):
        if _anaphor(before):
            # "address participants in the forum": only ever the forum named before
            return Trigger(st, en, tid, phrase, False, anaphoric=True, stands=False)
        return None  # (a named forum may be a standing one: "the Central Asia Trade Forum")
    elif plural(phrase) and _PRACTICE.search(text, max(s, st - 50), st) and not dated:
        return None  # "we have seen repeatedly, in the meetings of ...": a practice
    elif plural(phrase) and not (
        proper
        or ordinal
        or (linked and not _owned(prev_words))  # not "our meetings within this building"
        or re.search(r"\d\s+(?:[\w-]+\s+)?$", before)
        or _dated_clause(rd, ui, st)
        or HELD_WITH.match(after)
    ):
        return None  # "closed-format meetings held outside ...": a practice, not an occasion
    anaphoric = bool(re.search(r"\bsuch\s+$", before)) or (
        _anaphor(before) and not (proper or ordinal or linked) and not (dated and not deictic)
    )
    head = [w.low for w in prev[-3:] if w.is_word and not w.low.endswith("'s")]
    while head and head[0] in _NP_EDGE:
        head.pop(0)
    for i in range(len(head) - 1, -1, -1):
        if head[i] in _NP_EDGE:
            head = head[i + 1 :]
            break
    return Trigger(
        st,
        en,
        tid,
        phrase,
        False,
        anaphoric=anaphoric,
        deictic=deictic,
        habitual=habitual,
        signature=" ".join([*head, phrase]),
        stands=predicate or (deictic and tid in _OWN_OCCASION),
    )


def _anaphor(before: str) -> bool:
    return bool(_ANAPHOR.search(before[-40:])) and not _THAT_CLAUSE.search(before[-60:])


def _habitual(before: str, after: str) -> bool:
    return bool(_HABIT_BEFORE.search(before[-40:]) or _HABIT_AFTER.search(after[:30]))


def _is_modifier(word: str) -> bool:
    return bool(_ORDINAL.match(word)) or word in (
        "state official working return regular first historic private short brief".split()
    )


def _dated_clause(rd: Reading, ui: int, pos: int) -> bool:
    """A time in the trigger's clause or the one before it ("on March 2, the ... project was
    launched"), not anywhere in the sentence ("the uprising of March 1991 ... launched")."""
    s, e = rd.units[ui]
    spans = clauses(rd.doc.text, s, e, rd.times_over.overlapping(s, e))
    k = clause_at(spans, pos)
    return any(rd.times_in(*spans[j]) for j in (k - 1, k) if j >= 0)


def _fronted_date(rd: Reading, ui: int, pos: int) -> bool:
    """ "On March 17, the President hosted ...": a short phrase that opens the sentence, set
    off by a comma, dates the clause after it."""
    s, e = rd.units[ui]
    spans = clauses(rd.doc.text, s, e, rd.times_over.overlapping(s, e))
    k = clause_at(spans, pos)
    if k == 0:
        return False
    a, b = spans[0]
    return (
        rd.doc.text[b : b + 1] == ","
        and len(rd.doc.text[a:b].split()) <= 6
        and bool(rd.times_in(a, b))
    )


def _clause_of(rd: Reading, ui: int, pos: int) -> tuple[int, int]:
    s, e = rd.units[ui]
    spans = clauses(rd.doc.text, s, e, rd.times_over.overlapping(s, e))
    return spans[clause_at(spans, pos)]


def _signing_named(rd: Reading, tid: str, en: int) -> bool:
    """ "the signing of the Strategic Partnership Charter": the signing of one named text."""
    m = re.match(r"\s+of\s+(?:the\s+)?", rd.doc.text[en : en + 20])
    return tid == "signing" and m is not None and rd.in_name(en + m.end())


def _trip_to(rd: Reading, en: int, e: int) -> bool:
    """ "Nazarbayev's trip to Washington": a trip to a named place is one journey."""
    m = re.match(r"\s+to\s+(?:the\s+)?", rd.doc.text[en:e])
    if m is None:
        return False
    return any(
        x.start == en + m.end() for x in rd.mentions_in(en, e, frozenset({"place", "country"}))
    )


def _in_body(rd: Reading, st: int, en: int, tid: str, phrase: str) -> bool:
    """ "Conference on Interaction and Confidence-Building Measures in Asia", "OSCE Conference
    Services", "the U.S. Congress": the trigger word names a standing body."""
    text = rd.doc.text
    for m in rd.holding.overlapping(st, en):
        if m.type == "organization" and m.start <= st and en <= m.end:
            head_final = en >= m.end - 1
            numbered = any(_ORDINAL.match(w.text) for w in words(text, m.start, m.end))
            # A summit is never a standing body ("World Summit for Social Development").
            return tid != "summit" and not (
                head_final and (numbered or phrase in ("forum", "general debate"))
            )
    if phrase in _BODY_HEADS and text[st].isupper():
        ws = words(text, en, min(len(text), en + 40))
        if len(ws) >= 2 and ws[0].low in ("on", "for", "of") and ws[1].capitalised:
            lead = words(text, max(0, st - 40), st)
            return not any(_ORDINAL.match(w.text) for w in lead[-4:])
    return False


def _proper(text: str, s: int, st: int, en: int, prev: Sequence[Word]) -> bool:
    """A capitalised trigger inside a name: "CIS Summit", "Interregional Cooperation Forum",
    "General Debate"; not "the Summit" or a capital that only opens the sentence."""
    if not text[st].isupper():
        return False
    if " " in text[st:en].strip() and all(w[0].isupper() for w in text[st:en].split()):
        return True
    if not prev or not prev[-1].is_word:
        return False
    p = prev[-1]
    return p.capitalised and p.low not in _DETERMINER | _POSSESSIVE and p.start > s


def _owned(prev_words: Sequence[str]) -> bool:
    """A possessive in the noun phrase: "his first visit", not "our commissions on elections"."""
    for w in reversed(prev_words[-3:]):
        if w in _POSSESSIVE:
            return True
        if w in _NP_EDGE:
            return False
    return False


def _linked(
    rd: Reading, st: int, en: int, after: str, prev_words: Sequence[str], clause: tuple[int, int]
) -> bool:
    """A participant tied to the noun: "talks with Mr. Nurtleu", "meetings between the prime
    ministers", "his first visit", "Lavrov's talks", "the US presidential election"."""
    if _owned(prev_words):
        return True  # "his first visit"
    text = rd.doc.text
    near = [m for m in rd.mentions_in(max(clause[0], st - 40), st, _ANY) if m.end <= st]
    gap = text[near[-1].end : st] if near else ","
    if (
        not text[st].isupper()  # in a name ("the Central Asia Trade Forum") it names, not links
        and not re.search(r"[,;:.()]", gap)
        and not {w.lower() for w in gap.split()} & _NP_EDGE
    ):
        return True  # "the US presidential election", not "with India in any forum"
    link = _LINK_AFTER.match(after)
    if link and link[0].split()[0].lower() == "between" and re.match(r"\s*\w", after[link.end() :]):
        return True  # "the meeting between global powers": its parties, whoever they are
    if link:
        window_end = min(clause[1], en + link.end() + 60)
        if rd.mentions_in(en, window_end) or ACTOR_NOUNS.search(text, en + link.end(), window_end):
            return True
    return False
