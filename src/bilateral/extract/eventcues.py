"""The cues of the events and agreements stages: the event-type vocabulary of
``kb/data/event_types.yaml``; how the text is read (units, that is sentences with headings
rejoined; clauses; words; dates at a precision; the document's two main countries); and step 2
of the events cascade, the triggers: words that name or report one occurrence.

A trigger word is an event only with something that makes it one occurrence rather than a kind
of thing: a name ("CIS Summit"), an ordinal or year ("the 29th forum"), a date in its clause, a
verb such as held, attend or host, a participant tied to it ("talks with Mr. Nurtleu", "his
first visit"), or deixis ("this session"). It is refused inside a standing body's name
("Conference on Interaction and Confidence-Building Measures in Asia"), as a medium ("via video
conference"), as an idiom ("meeting the needs", "met with resistance"), as a kind ("each of the
50 sessions", "the UN is the forum for ..."), and inside an agreement's name.
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from bilateral.extract.claims import sentence_spans
from bilateral.model import Document, Mention, TimeExpr

if TYPE_CHECKING:
    from bilateral.extract.events import Reading

# -- the vocabulary ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    group: str
    plover: str
    mode: str
    cameo: str
    host_cameo: str
    planned_plover: str
    planned_cameo: str
    nouns: frozenset[str]
    verbs: frozenset[str]
    past: frozenset[str]


@dataclass(frozen=True)
class Vocabulary:
    types: Mapping[str, EventType]
    phrase_type: Mapping[str, str]  # lower-case trigger phrase -> type id
    triggers: re.Pattern[str]  # every phrase, longest first
    patterns: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, type id)


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The event types of ``kb/data/event_types.yaml``, loaded once."""
    ref = importlib.resources.files("bilateral.kb") / "data" / "event_types.yaml"
    data: dict[str, Any] = yaml.load(ref.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    default = data["planned_default"]
    types: dict[str, EventType] = {}
    phrase_type: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for tid, e in data["types"].items():
        planned = e.get("planned") or default
        nouns = frozenset(str(n).lower() for n in e.get("nouns") or ())
        verbs = frozenset(str(v).lower() for v in e.get("verbs") or ())
        types[tid] = EventType(
            id=tid,
            group=str(e["group"]),
            plover=str(e["plover"]),
            mode=str(e.get("mode") or ""),
            cameo=str(e["cameo"]),
            host_cameo=str(e.get("host_cameo") or e["cameo"]),
            planned_plover=str(planned["plover"]),
            planned_cameo=str(planned["cameo"]),
            nouns=nouns,
            verbs=verbs,
            past=frozenset(str(v).lower() for v in e.get("past") or ()),
        )
        for phrase in (*nouns, *verbs):
            phrase_type.setdefault(phrase, tid)
        patterns.extend((re.compile(p), tid) for p in e.get("patterns") or ())
    alternation = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrase_type, key=len, reverse=True)
    )
    return Vocabulary(
        types=types,
        phrase_type=phrase_type,
        triggers=re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE),
        patterns=tuple(patterns),
    )


# -- words ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:[-–'’+/.]\w+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper() or self.text[0].isdigit()


def words(text: str, start: int, end: int) -> list[Word]:
    """Words and punctuation marks of ``text[start:end]``, with document offsets."""
    return [Word(m.start(), m.end(), m[0]) for m in _TOKEN.finditer(text, start, end)]


def squash(text: str) -> str:
    return " ".join(text.split())


# -- units and clauses ---------------------------------------------------------------------------

_TITLE_ABBREV = re.compile(r"\b(?:mr|mrs|ms|dr|prof|st|h\.e|messrs|mme|no)\.$", re.I)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TERMINAL = re.compile(r"[.!?…:;\"”»)]\s*(?:\*\*)?$")


def _caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def units(doc: Document) -> list[tuple[int, int]]:
    """Sentences, with the lines of a heading rejoined: a line break inside a bold block (``**``),
    between two all-capital lines, or before a lower-case continuation does not end a unit."""
    text = doc.text
    out: list[tuple[int, int]] = []
    bold = False
    for s, e in sentence_spans(doc):
        if out:
            ps, pe = out[-1]
            prev, cur = text[ps:pe], text[s:e]
            same_block = not _BLANK_LINE.search(text, pe, s)
            joined = same_block and (
                bold
                or _TITLE_ABBREV.search(prev)
                or (
                    not _TERMINAL.search(prev)
                    and ((_caps(prev) and _caps(cur)) or cur[:1].islower())
                )
            )
            if joined:
                out[-1] = (ps, e)
                bold = bold ^ (cur.count("**") % 2 == 1)
                continue
        out.append((s, e))
        bold = text[s:e].count("**") % 2 == 1
    return out


def is_heading(text: str) -> bool:
    """A unit that is a title or heading rather than running prose."""
    body = text.strip().strip("*").strip()
    return bool(body) and (_caps(body) or "**" in text or not _TERMINAL.search(body))


_CLAUSE_CUT = re.compile(r"[,;:–—]|\s-\s")


def clauses(
    text: str, start: int, end: int, times: Sequence[TimeExpr] = ()
) -> list[tuple[int, int]]:
    """A unit cut at clause punctuation, never inside a number ("74,000") or a date."""
    cuts = [start]
    for m in _CLAUSE_CUT.finditer(text, start, end):
        pos = m.start()
        if text[pos] == "," and pos + 1 < len(text) and text[pos + 1].isdigit():
            continue
        if any(t.start <= pos < t.end for t in times):
            continue
        cuts.append(pos)
    cuts.append(end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def clause_at(spans: Sequence[tuple[int, int]], offset: int) -> int:
    for i, (a, b) in enumerate(spans):
        if a <= offset < b:
            return i
    return len(spans) - 1


# -- dates ---------------------------------------------------------------------------------------

_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def iso(t: TimeExpr) -> tuple[str, str] | None:
    """A time expression as an ISO date at day, month or year precision: a season becomes its
    year, a range its start; anything unresolved is None."""
    value = t.value.split("/")[0].strip()
    if t.precision == "season" or (len(value) > 4 and not _ISO.match(value)):
        value = value[:4]
    if not _ISO.match(value):
        return None
    return value, {4: "year", 7: "month", 10: "day"}[len(value)]


def published(doc: Document) -> tuple[str, str] | None:
    if not doc.published or not _ISO.match(doc.published[:10]):
        return None
    value = doc.published[:10]
    return value, {4: "year", 7: "month", 10: "day"}[len(value)]


def at_precision(value: str, precision: str) -> str:
    return value[: {"year": 4, "month": 7}.get(precision, 10)]


# -- the document's parties ----------------------------------------------------------------------

ACTOR_TYPES = frozenset({"person", "country", "organization"})


def main_countries(mentions: Sequence[Mention]) -> tuple[str, ...]:
    """The two most-mentioned countries: whom "our presidents" and "both sides" mean."""
    counts = Counter(m.entity for m in mentions if m.type == "country")
    first: dict[str, int] = {}
    for m in mentions:
        if m.type == "country":
            first.setdefault(m.entity, m.start)
    ranked = sorted(counts, key=lambda e: (-counts[e], first[e]))
    return tuple(ranked[:2])


def kb_country(kb: Any, entity: str) -> str | None:
    """The country a place, person or body belongs to, where the knowledge base says."""
    if kb is None:
        return None
    try:
        found = kb.get(entity)
    except (KeyError, LookupError, ValueError):
        return None
    country = getattr(found, "country", None)
    if isinstance(country, str) and country:
        return country if country.startswith("country:") else f"country:{country}"
    return None


# -- triggers ------------------------------------------------------------------------------------


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
_ACTOR_NOUNS = re.compile(
    r"\b(?:the (?:two )?(?:sides|parties)|(?:prime |foreign |defen[cs]e )?ministers?|leaders|"
    r"heads|presidents?|delegations?|parliaments?|counterparts?|officials|colleagues?|"
    r"ambassadors?|chairman|secretary-general|speakers?|countries|states|nations|governments)\b",
    re.I,
)
_LINK_AFTER = re.compile(r"^\s+(?:with|between|among|of|by|to)\b", re.I)
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
_GERUND_NOUN_BEFORE = frozenset(
    "a an the this that these those such at during of for after before following first second "
    "third next last regular annual joint bilateral ministerial official informal today's "
    "today’s plenary working".split()
)
_NOUN_AFTER_MEETING = re.compile(
    r"^\s+(?:with|of|between|on|in|at|was|is|will|held|took|today|has|had)\b", re.I
)
_SIGNABLE = re.compile(
    r"\b(?:agreements?|treaty|treaties|memorand(?:um|a)|documents?|protocols?|declarations?|"
    r"contracts?|deals?|package|roadmaps?|plans?|programmes?|programs?|accords?|charters?|"
    r"conventions?|communiqu[eé]s?|schedules?|statements?)\b",
    re.I,
)
_AUDIENCE = re.compile(
    r"^\s+(?:the\s+)?(?:participants|delegates|forum|conference|summit|session|meeting|"
    r"(?:general )?assembly|nation|people|audience|parliament|congress|council|gathering|"
    r"opening|plenary|guests|students|media|journalists|members|readers|attendees|"
    r"heads of)\b",
    re.I,
)
PATTERN = "<pattern>"  # the phrase of a trigger that a pattern of event_types.yaml found
_VIDEO_MEETING = re.compile(r"\bvideo[\s-]?conferenc(?:e|es|ing)\b", re.I)
_MEDIUM_BEFORE = re.compile(
    r"\b(?:via|by|through|over|using|in|by means of|in the (?:format|form|mode) of)"
    r"\s+(?:an?\s+)?$",
    re.I,
)
_HABIT = re.compile(
    r"\b(?:\d+|several|many|numerous|dozens of|regular(?:ly)?|often|frequently|constantly|"
    r"repeatedly)\b(?:\s+[\w-]+){0,3}\s*$|^\s+(?:at least\s+|over\s+|about\s+)?"
    r"(?:\d+|\w+)\s+times\b",
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
_NAME_BEFORE = re.compile(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'.-]+)*\s+[A-Z][\w’'-]+,?\s+$")
_STATEMENT_VERBS = frozenset("said says stated declared announced proposed suggested".split())
_SPEECH_VERBS = frozenset(["address", "addressed", "will address"])
_REPORTS = frozenset({"news", "press_release"})


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
    if _in_body(rd, st, en, tid, phrase):
        return None
    if phrase == PATTERN and tid != "other":
        return Trigger(st, en, tid, text[st:en], True, habitual=_habitual(before, after))
    if phrase == "videoconference":
        if _MEDIUM_BEFORE.search(before):
            return None  # "via video conference": how, not what
        return Trigger(st, en, "meeting", phrase, False, video=True)
    is_verb = phrase in et.verbs and not (
        phrase in et.nouns and (last in _DETERMINER | _POSSESSIVE or _is_modifier(last))
    )
    habitual = _habitual(before, after)
    if is_verb:
        subject = _verb_ok(rd, ui, st, en, tid, phrase, before, after)
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
        )
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
    if tid in ("signing",) and not (_SIGNABLE.search(after[:80]) or rd.names_in_unit(s, e)):
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
    dated = bool(rd.times_in(*clause))
    predicate = bool(_PREDICATE_AFTER.match(after))
    pre = _PREDICATE_BEFORE.search(text[max(clause[0], st - 70) : st])
    if pre is not None:
        # The words between the predicate and the trigger ("took part in | the"), not its own.
        between = {w.lower() for w in pre[0][pre.end("verb") - pre.start() :].split()}
        # "held talks", "at the 2016 Russia-ASEAN summit"; not "hold seats in this forum"
        predicate = predicate or not between & _PREPOSITIONS
    linked = _linked(rd, st, en, after, prev_words, clause)
    deictic = tid != "forum" and bool(_DEICTIC.search(before[-40:]))  # not "in this forum"
    if re.search(
        r"\b(?:each|all|every|any|most|some|none|many) of (?:the |its |their )?(?:\d+ )?$|\b(?:all|every) $",
        before[-30:],
        re.I,
    ):
        return None  # "each of the 50 sessions": the kind, not an occurrence
    if _PREDICATE_NOMINAL.search(before) and not _ENUMERATED.search(before):
        return None  # "HPAIR is a five-day annual conference": what it is, not when it met
    if tid == "other" or phrase in _STRICT:
        if not (dated or (ordinal and predicate) or (phrase == "trip" and _trip_to(rd, en, e))):
            return None
    elif not ((proper and tid != "forum") or ordinal or dated or predicate or linked or deictic):
        if _ANAPHOR.search(before[-40:]):
            # "address participants in the forum": only ever the forum named before
            return Trigger(st, en, tid, phrase, False, anaphoric=True, stands=False)
        return None  # (a named forum may be a standing one: "the Central Asia Trade Forum")
    elif plural(phrase) and not (
        proper
        or ordinal
        or (linked and not _owned(prev_words))  # not "our meetings within this building"
        or re.search(r"\d\s+(?:[\w-]+\s+)?$", before)
        or _dated_clause(rd, ui, st)
    ):
        return None  # "closed-format meetings held outside ...": a practice, not an occasion
    anaphoric = bool(re.search(r"\bsuch\s+$", before)) or (
        bool(_ANAPHOR.search(before[-40:]))
        and not (proper or ordinal or linked)
        and not (dated and not deictic)
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


@functools.lru_cache(maxsize=512)
def plural(phrase: str) -> bool:
    """ "meetings", "ceremonies"; not "talks" or "negotiations", whose singular is no event."""
    nouns = {n for t in vocabulary().types.values() for n in t.nouns}
    return any(
        phrase.endswith(end) and phrase[: -len(end)] + add in nouns
        for end, add in (("s", ""), ("ies", "y"), ("es", ""))
    )


def _habitual(before: str, after: str) -> bool:
    return bool(_HABIT.search(before[-40:]) or _HABIT.search(after[:30]))


def _is_modifier(word: str) -> bool:
    return bool(_ORDINAL.match(word)) or word in (
        "state official working return regular first historic private short brief".split()
    )


def _dated_clause(rd: Reading, ui: int, pos: int) -> bool:
    """A time in the trigger's clause or the one before it ("on March 2, the ... project was
    launched"), not anywhere in the sentence ("the uprising of March 1991 ... launched")."""
    s, e = rd.units[ui]
    spans = clauses(rd.doc.text, s, e, rd.times)
    k = clause_at(spans, pos)
    return any(rd.times_in(*spans[j]) for j in (k - 1, k) if j >= 0)


def _clause_of(rd: Reading, ui: int, pos: int) -> tuple[int, int]:
    s, e = rd.units[ui]
    spans = clauses(rd.doc.text, s, e, rd.times)
    return spans[clause_at(spans, pos)]


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
    for m in rd.mentions:
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
    if link:
        window_end = min(clause[1], en + link.end() + 60)
        if rd.mentions_in(en, window_end) or _ACTOR_NOUNS.search(text, en + link.end(), window_end):
            return True
    return False


def _verb_ok(
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
            or (objects and objects[0].start - en <= 3)
            or any(0 <= t.start - en <= 3 for t in rd.times)
        ):
            return False  # "cooperation meets the interests of ...": not a meeting
        if phrase.startswith(("received", "receive")):
            return bool(objects and objects[0].start - en <= 3) or bool(
                re.match(
                    r"^\s+(?:a|the)\s+(?:\w+\s+)?(?:delegation|ambassador|envoy|minister|president|head|chairman|secretary|group)",
                    after,
                    re.I,
                )
            )
        return _has_actor(rd, s, st, en, e)
    if tid == "visit":
        places = rd.mentions_in(
            en, min(e, en + 50), frozenset({"place", "country", "organization", "person"})
        )
        return bool(places)
    if tid == "signing":
        if phrase == "concluded":  # "concluded an agreement", not "the Assembly concluded"
            return bool(re.match(r"\s+(?:[\w-]+\s+){0,3}?" + _SIGNABLE.pattern, after, re.I))
        if re.match(r"^\s+into law", after) or re.match(r"^\s+(?:a|the)\s+decree", after):
            return False
        return bool(_SIGNABLE.search(after[:80]) or rd.names_in_unit(s, e))
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
    return True


def _has_actor(rd: Reading, s: int, st: int, en: int, e: int) -> bool:
    text = rd.doc.text
    if rd.mentions_in(max(s, st - 80), min(e, en + 40)):
        return True
    return bool(
        re.search(r"\b(?:we|they|i|he|she|you)\b", text[max(s, st - 60) : st], re.I)
        or _ACTOR_NOUNS.search(text, max(s, st - 60), min(e, en + 40))
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
