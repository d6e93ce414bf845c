"""Quantitative claims: a number, what it counts, the period it is about, and who said it.

The stage reads every number that ``numbers.find_quantities`` finds and keeps those that are
claims, as a numbered cascade:

1. Refuse what is not a quantity: numbers inside a date, years, ordinals and codes (the scanner
   already drops "17th", "G20", "PC.DEL/272/24"), document numbers ("Resolution 2231"), numbers
   in names ("Agenda 2030"), ages and durations, "two" counting the parties of a bilateral text.
2. Type it: a currency or percent is its own unit; a bare number needs a counted noun after it
   ("over 300 events"), "of them" pointing back to the previous claim's noun, a meeting verb
   before "N times", or a "number of X" / "population of" before it.
3. Qualify it from the words just before ("over", "about", "almost", "at least", "up to", "record").
4. Date it from the time expressions of its own clause, else one fronted at the sentence start.
5. Attribute it: subject from the entity mentions of its sentence, speaker from the turn.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.resources
import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml

from bilateral.extract.numbers import Quantity, find_quantities
from bilateral.model import Claim, Document, Evidence, Mention, TimeExpr, content_id

if TYPE_CHECKING:
    from bilateral.pipeline import Context

# -- the vocabulary ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    label: str
    unit: str | None  # persons or count for counted nouns; None for money and percent cues
    nouns: tuple[str, ...]
    cues: tuple[str, ...]
    measure: bool = False


@dataclass(frozen=True)
class Vocabulary:
    indicators: tuple[Indicator, ...]
    nouns: Mapping[tuple[str, ...], Indicator]  # counted noun, as words -> its indicator
    cues: Mapping[tuple[str, ...], Indicator]
    not_counted: frozenset[str]
    parties: frozenset[str]
    modifiers: frozenset[tuple[str, ...]]
    longest: int  # the most words in any noun or cue


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The indicator vocabulary from ``kb/data/indicators.yaml``, loaded once."""
    ref = importlib.resources.files("bilateral.kb") / "data" / "indicators.yaml"
    data: dict[str, Any] = yaml.load(ref.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    indicators = tuple(
        Indicator(
            id=str(e["id"]),
            label=str(e["label"]),
            unit=e.get("unit"),
            nouns=tuple(str(n).lower() for n in e.get("nouns", ())),
            cues=tuple(str(c).lower() for c in e.get("cues", ())),
            measure=bool(e.get("measure", False)),
        )
        for e in data["indicators"]
    )
    nouns: dict[tuple[str, ...], Indicator] = {}
    cues: dict[tuple[str, ...], Indicator] = {}
    for ind in indicators:
        for n in ind.nouns:
            nouns.setdefault(tuple(_words_of(n)), ind)
        for c in ind.cues:
            cues.setdefault(tuple(_words_of(c)), ind)
    return Vocabulary(
        indicators=indicators,
        nouns=nouns,
        cues=cues,
        not_counted=frozenset(str(w).lower() for w in data["not_counted"]),
        parties=frozenset(str(w).lower() for w in data["parties"]),
        modifiers=frozenset(tuple(_words_of(str(w))) for w in data["modifiers"]),
        longest=max(len(k) for k in (*nouns, *cues)),
    )


# -- words and spans -----------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*")


def _words_of(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    low: str


def _words(text: str, start: int, end: int) -> list[_Word]:
    return [
        _Word(m.start(), m.end(), m[0].lower().replace("’", "'"))
        for m in _WORD.finditer(text, start, end)
    ]


# Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|No|Nos|St|Jr|Sr|Gen|Prof|Art|Vol|para|pp|vs|etc|e\.g|i\.e|U\.S|U\.N|H\.E|"
    r"Ltd|Inc|Co|Corp|Dept|approx|ca|bn|mln|bln|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"|\b[A-Z])\.$"
)
_SENT_END = re.compile(r"[.!?…]+[\"”’»)]*\s+(?=[\"“‘«(\[]?[A-ZА-ЯЁ0-9])|\n\s*\n\s*|\n")


def _hard_wrapped(text: str) -> bool:
    """True for text wrapped at a fixed width, where a line end is only a space: many lines
    go on in lower case. Lists and cut-off lines ("... from\nWe are pleased") do not."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if len(lines) < 8:
        return False
    goes_on = sum(1 for ln in lines[1:] if ln[0].islower())
    return goes_on > 0.3 * (len(lines) - 1)


def sentence_spans(doc: Document) -> list[tuple[int, int]]:
    """The document's sentences, from segmentation when it ran, else split here."""
    if doc.sentences:
        return [(s.start, s.end) for s in doc.sentences]
    text = doc.text
    wrapped = _hard_wrapped(text)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m[0] == "\n" and wrapped:
            continue
        if m[0][0] in ".!?…" and _ABBREV.search(text[max(start, m.start() - 12) : m.start() + 1]):
            continue
        spans.append((start, m.start() + len(m[0].rstrip())))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# Clause punctuation, and "and" before a change of tense or mood: "income exceeded $1.5 billion
# in 2018 and is expected to reach $5 billion" dates only the first sum.
_CLAUSE_CUT = re.compile(
    r"[,;:()–—]|\s-\s|\s(?:and|but|while|whereas)\s+(?=(?:is|are|will|would|could|should|may|"
    r"might|must|is expected|are expected)\b)"
)


def _clauses(text: str, start: int, end: int, times: Sequence[TimeExpr]) -> list[tuple[int, int]]:
    """A sentence cut at clause punctuation, never inside a number ("74,000") or a date."""
    cuts = [start]
    for m in re.finditer(_CLAUSE_CUT, text[start:end]):
        pos = start + m.start()
        if m[0] == "," and pos + 1 < len(text) and text[pos + 1].isdigit():
            continue
        if m[0] == ")":
            pos += 1  # the bracket closes its own clause: "(2017)"
        if any(t.start <= pos < t.end for t in times):
            continue
        cuts.append(pos)
    cuts.append(end)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


# -- 1. what is not a quantity --------------------------------------------------------------------

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# A bare number right after one of these is a document, article, item or rank number.
_NUMBERING = frozenset(
    "resolution resolutions decision decisions article articles paragraph paragraphs para paras "
    "section sections chapter chapters no nos number item items annex page pages pp p rule rules "
    "clause clauses protocol phase stage level grade flight room box tel phone fax ext vol part "
    "category amendment principle goal target sdg session agenda vision plan strategy programme "
    "program summit act law code order decree convention report document top per aged".split()
)
# Words before a number that may be capitalised without making the number part of a name.
_FREE_CAPITALS = frozenset(
    "in on at by over about some around almost nearly more only just approximately roughly total "
    "since until from to and with for the of all another additional today now currently "
    "at least up as last this next every each our their its we they it these those already "
    "exactly precisely circa still there here".split()
)
# A spelled number after one of these names a known set ("the four freedoms", "our two
# States"), not a count.
_DETERMINERS = frozenset("the these those its their our your his her my".split())
_SUPERLATIVES = frozenset("most largest biggest leading best richest highest greatest".split())
_YEAR = re.compile(r"1[5-9][0-9]{2}|20[0-9]{2}")
_LIST_MARKER = re.compile(r"[.)]\s")


def _refused(text: str, q: Quantity, sent_start: int) -> bool:
    """Step 1 for bare numbers: dates, numbering, names, ranks, rates and list markers."""
    line_start = text.rfind("\n", 0, q.start) + 1
    if not text[line_start : q.start].strip("\ufeff \t(") and _LIST_MARKER.match(text, q.end):
        return True  # "1.\tOn behalf of ...", "2) The Government ..."
    if re.search(r"\b(?:1[5-9]|20)\d\d\s+$", text[max(0, q.start - 8) : q.start]):
        return True  # a page number after a date line: "4 October 1993 15"
    before = _words(text, max(sent_start, q.start - 40), q.start)
    after = _words(text, q.end, min(len(text), q.end + 30))
    nxt = after[0] if after and not text[q.end : after[0].start].strip() else None
    if nxt is not None and (nxt.low in _MONTHS or nxt.low in _SUPERLATIVES):
        return True  # "9 May"; "among the 30 most advanced nations" is a rank
    prev = before[-1] if before else None
    if prev is None or text[prev.end : q.start].strip() not in ("", "."):
        return False  # punctuation between: "In 2022, 20 ..." reads nothing off "2022"
    if prev.low in _MONTHS or prev.low.rstrip(".") in _NUMBERING:
        return True
    if re.search(
        r"\b(?:group|age) of\s+$|\b(?:one|1) (?:in|out of)\s+(?:every\s+)?$",
        text[max(0, q.start - 20) : q.start],
        re.I,
    ):
        return True  # "Group of 77", "the age of 45", "one in every 20"
    if q.spelled and (text[q.number_start].isupper() or prev.low in _DETERMINERS):
        return True  # "Caspian Five", "the four freedoms"
    # A capitalised word before a bare number names something ("Agenda 2030", "Apollo 11"),
    # unless it opens the sentence.
    return text[prev.start].isupper() and prev.low not in _FREE_CAPITALS and prev.start > sent_start


# -- 2. what a number counts ----------------------------------------------------------------------

_FUNCTION_S = frozenset(
    "always perhaps towards besides this thus was has its is as yes unless across whereas "
    "various numerous previous serious less nevertheless afterwards sometimes hers ours theirs "
    "yours plus does goes gives makes takes seems needs includes remains".split()
)
# Words that end the noun phrase after a number.
_NP_STOP = frozenset(
    "of in at on to with from for per by and or but that which who whom whose are is were was be "
    "been being have has had will would can could should may might must do does did than as into "
    "over under between among across through during since until against about within without "
    "this these those it they we its their our the a an not also each every while where when if "
    "so there here".split()
)
_MEET_VERBS = re.compile(
    r"\b(?:met|meet|meets|meeting|visited|visit|spoke|speak|talked|talk|called|call|phoned|"
    r"convened|gathered|held talks)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_DEMONYM_ENDINGS = ("ans", "is", "ese", "ards", "ks", "hs")
_ANAPHORA = re.compile(r"\b(?:it|they|this|these|that|the figure|the volume|the total)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Counted:
    indicator: str
    unit: str
    generic: bool = False  # a plural noun outside the vocabulary


def _is_plural_noun(word: str) -> bool:
    return (
        len(word) >= 4
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s", "ous"))
        and word not in _FUNCTION_S
    )


def _noun_after(
    text: str, q: Quantity, end: int, voc: Vocabulary, allow_generic: bool
) -> _Counted | bool | None:
    """The noun a bare number counts; None when nothing is counted; False when what follows
    says the number is no claim (a duration, "two countries", "three priorities")."""
    words: list[_Word] = []
    pos = q.end
    for w in _words(text, q.end, min(end, q.end + 80)):
        if text[pos : w.start].strip() or len(words) >= 6 or w.low in _NP_STOP:
            break
        words.append(w)
        pos = w.end
    lows = [w.low for w in words]
    skip_to = 0
    for i in range(min(len(lows), 4)):
        if i < skip_to:
            continue
        name = next((n for n in (3, 2, 1) if tuple(lows[i : i + n]) in voc.modifiers), 0)
        if name:
            skip_to = i + name
            continue
        modifier = False
        for n in range(min(voc.longest, len(lows) - i), 0, -1):
            key = tuple(lows[i : i + n])
            if n == 1 and key[0] in voc.not_counted and q.value < 100:
                return False  # "three priorities", "in two cases"; not "44,000 cases"
            if " ".join(key) in voc.parties and (q.value == 2 or (q.spelled and q.value < 10)):
                return False  # "our two countries", "the five Central Asian states": a set
            ind = voc.nouns.get(key)
            if ind is not None and ind.unit is not None:
                if i + n < len(lows) and (
                    _is_plural_noun(lows[i + n]) or (lows[i + n],) in voc.nouns
                ):
                    modifier = True
                    break  # a noun modifier: "284 youth groups" counts groups
                if ind.measure:
                    return _Counted(_measure_label(text, words[i + n - 1].end, ind.label), ind.unit)
                if ind.id in ("people", "countries", "places", "organizations"):
                    return _Counted(" ".join(lows[: i + n]), ind.unit)  # "Afghan women"
                return _Counted(ind.label, ind.unit)
        word = text[words[i].start : words[i].end]
        if modifier:
            continue
        if allow_generic and word[0].isupper() and word.endswith(_DEMONYM_ENDINGS):
            return _Counted(word, "persons", generic=True)  # "500 Iraqis"
        if allow_generic and _is_plural_noun(lows[i]):
            return _Counted(" ".join(lows[: i + 1]), "count", generic=True)
    return None


def _noun_before(text: str, q: Quantity, span: tuple[int, int], voc: Vocabulary) -> _Counted | None:
    """ "the population of 18 million", "Population: 18.7 million", "the number of students
    reached 74,000"."""
    before = text[span[0] : q.start].lower()
    if re.search(r"\bpopulation\b(?:\s+\w+){0,3}[\s:]+(?:of\s+)?(?:\w+\s+){0,2}$", before):
        return _Counted("population", "persons")
    m = re.search(r"\bnumber of ((?:[^\W\d_][\w'-]*\s+){1,4})", before)
    if m is None:
        return None
    lows = _words_of(m[1])
    for i in range(len(lows)):
        for n in range(min(voc.longest, len(lows) - i), 0, -1):
            ind = voc.nouns.get(tuple(lows[i : i + n]))
            if ind is not None and ind.unit is not None:
                return _Counted(ind.label, ind.unit)
    return None


def _measure_label(text: str, end: int, unit_label: str) -> str:
    """ "10 million tonnes of grain" -> "grain (tonnes)"."""
    m = re.match(r"\.?\s+of\s+((?:[^\W\d_][\w'’-]*\s?){1,3})", text[end : end + 60])
    if m is None:
        return unit_label
    head: list[str] = []
    for w in _words_of(m[1]):
        if w in _NP_STOP:
            break
        head.append(w)
        if w.endswith("s") or len(head) == 2:
            break
    return f"{' '.join(head)} ({unit_label})" if head else unit_label


def _cue_near(
    text: str, spans: Sequence[tuple[int, int]], anchor: int, voc: Vocabulary
) -> Indicator | None:
    """The indicator whose cue is nearest ``anchor`` in the first of ``spans`` that has one."""
    for start, end in spans:
        words = _words(text, start, end)
        lows = [w.low for w in words]
        best: tuple[int, Indicator] | None = None
        i = 0
        while i < len(lows):
            for n in range(min(voc.longest, len(lows) - i), 0, -1):
                ind = voc.cues.get(tuple(lows[i : i + n]))
                if ind is not None:
                    dist = min(abs(words[i].start - anchor), abs(words[i + n - 1].end - anchor))
                    if best is None or dist < best[0]:
                        best = (dist, ind)
                    i += n - 1
                    break
            i += 1
        if best is not None:
            return best[1]
    return None


def _share_of(text: str, end: int) -> str | None:
    """ "80 percent of Kazakhstan's oil" -> "share of Kazakhstan's oil"."""
    m = re.match(
        r"\s+of\s+(?:(?:the|its|their|our|his|her|all|this|these|total)\s+)*", text[end : end + 40]
    )
    if m is None:
        return None
    words: list[str] = []
    pos = end + m.end()
    for w in _WORD.finditer(text, pos, pos + 80):
        if text[pos : w.start()].strip() or w[0].lower() in _NP_STOP or len(words) >= 3:
            break
        words.append(w[0])
        pos = w.end()
        if len(w[0]) > 3 and w[0].endswith("s") and not w[0].endswith(("'s", "’s")):
            break
    return f"share of {' '.join(words)}" if words else None


# -- 3. qualifiers --------------------------------------------------------------------------------

_QUALIFIERS = (
    (
        re.compile(
            r"\b(?:more than|over|above|exceed(?:ed|s|ing)?|in excess of|upwards of|"
            r"surpass(?:ed|es|ing)?|более|свыше|больше)\s*$"
        ),
        "over",
    ),
    (
        re.compile(r"\b(?:at least|no less than|not less than|no fewer than|не менее)\s*$"),
        "at least",
    ),
    (
        re.compile(
            r"\b(?:about|around|some|approximately|roughly|circa|an estimated|estimated|"
            r"approx\.|около|порядка|примерно)\s*$"
        ),
        "about",
    ),
    (re.compile(r"\b(?:almost|nearly|close to|just under|почти)\s*$"), "almost"),
    (re.compile(r"\b(?:up to|as many as|as much as|до)\s*$"), "up to"),
    (re.compile(r"\b(?:less than|fewer than|under|below|менее)\s*$"), "under"),
)
_RECORD = re.compile(r"\b(?:record|all-time high|рекордн\w+)\b[^.;,]{0,30}$")


def _qualifier(text: str, start: int, floor: int) -> str | None:
    before = text[max(floor, start - 60) : start].lower()
    found: list[str] = []
    if _RECORD.search(before):
        found.append("record")
    for pattern, name in _QUALIFIERS:
        if pattern.search(before):
            found.append(name)
            break
    return ", ".join(found) or None


# -- 4. periods -----------------------------------------------------------------------------------

# A period is ISO at some precision: "2022", "2024-01/2024-09", "2019-09/2020-06", "2023-Q2".
_ISO_PERIOD = re.compile(r"\d{4}(?:[-/][0-9A-Za-z]+)*")
# A date right after one of these dates the thing named ("the Declaration, signed on 6 December
# 2018, ..."), not the number of its clause.
_ATTACHED = re.compile(
    r"\b(?:signed|adopted|held|established|founded|launched|created|concluded|dated|approved|"
    r"ratified|entered into force|born|elected|appointed|proclaimed|declared|set up|opened|"
    r"took place|inaugurated|announced|began|started|since|compared to|compared with|than|"
    r"versus|from)\b\W*(?:\w+\W+){0,4}$",
    re.IGNORECASE,
)
_NOW = re.compile(r"\b(?:today|now|currently|at present|presently|nowadays|at the moment)\b", re.I)
# What may stand in a fronted time adverbial besides the time itself: "In the 2019/2020 academic
# year, ...", "Over the past year, ...".
_FRONT_WORDS = frozenset(
    "in on at during over for the of by since as from last this past academic fiscal financial "
    "school year years period whole entire first second half quarter end beginning early late "
    "mid alone only already".split()
)


def _period_of(t: TimeExpr) -> str | None:
    if not _ISO_PERIOD.fullmatch(t.value):
        return None
    if t.precision == "day" and _NOW.fullmatch(t.text.strip()):
        return t.value[:4]
    return t.value


def _period(
    text: str,
    q: Quantity,
    clauses: Sequence[tuple[int, int]],
    times: Sequence[TimeExpr],
    published: str | None,
) -> str | None:
    def governing(a: int, b: int) -> list[TimeExpr]:
        return [
            t
            for t in times
            if a <= t.start < b
            and not (t.start <= q.number_start < t.end)
            and _period_of(t) is not None
            and not _ATTACHED.search(text[max(a, t.start - 40) : t.start])
        ]

    here = next(((a, b) for a, b in clauses if a <= q.number_start < b), clauses[0])
    own = governing(*here)
    if own:
        nearest = min(own, key=lambda t: min(abs(t.start - q.end), abs(t.end - q.start)))
        return _period_of(nearest)
    if published and _NOW.search(text[here[0] : here[1]]):
        return published[:4]
    # "$48.3 billion (2017)", "GDP (2017): $478.6 billion": a bracketed date next to it.
    i = clauses.index(here)
    for a, b in [*clauses[i + 1 : i + 2], *clauses[max(i - 1, 0) : i]]:
        if text[a] == "(":
            bracketed = _pure_time(text, (a, b), governing(a, b))
            if bracketed is not None:
                return bracketed
    first = clauses[0]
    if first != here:
        return _pure_time(text, first, governing(*first))
    return None


def _pure_time(text: str, span: tuple[int, int], times: Sequence[TimeExpr]) -> str | None:
    """The period of a span that holds one time expression and nothing else of substance."""
    if len(times) != 1:
        return None
    t = times[0]
    rest = _words_of(text[span[0] : t.start] + " " + text[t.end : span[1]])
    return _period_of(t) if all(w in _FRONT_WORDS for w in rest) else None


# -- 5. subjects and speakers ---------------------------------------------------------------------

_BILATERAL = re.compile(
    r"\b(?:our|bilateral|mutual|your country|both countries|two countries)\b", re.IGNORECASE
)


def _main_pair(mentions: Sequence[Mention]) -> tuple[str, ...]:
    """The two countries a bilateral document is about, or () when it is not bilateral."""
    counts = Counter(m.entity for m in mentions if m.type == "country")
    top = counts.most_common(2)
    if len(top) < 2 or top[1][1] < 2 or top[0][1] + top[1][1] < sum(counts.values()) / 2:
        return ()
    return tuple(sorted(e for e, _ in top))


def _subject(
    text: str, start: int, end: int, mentions: Sequence[Mention], pair: tuple[str, ...]
) -> tuple[str, ...]:
    found = [
        m.entity
        for m in mentions
        if start <= m.start < end and m.type in ("country", "organization")
    ]
    if pair and _BILATERAL.search(text[start:end]):
        found.extend(pair)
    return tuple(dict.fromkeys(found))


# -- the cascade ----------------------------------------------------------------------------------


def _money_or_percent(
    text: str,
    q: Quantity,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    previous: tuple[int, int] | None,
    voc: Vocabulary,
) -> str:
    """The indicator of a sum or a percentage: "share of X", else the nearest cue word."""
    if q.unit == "percent":
        share = _share_of(text, q.end)
        if share:
            return share
    scope = [clause, sentence] + ([previous] if previous is not None else [])
    cue = _cue_near(text, scope, q.start, voc)
    if cue is not None:
        return cue.label
    return "percentage" if q.unit == "percent" else "amount"


def _bare(
    text: str,
    q: Quantity,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    voc: Vocabulary,
    last: tuple[int, _Counted] | None,
) -> _Counted | None:
    """What a bare number counts, or None when it is no claim."""
    if _refused(text, q, sentence[0]):
        return None
    if re.match(r"\s+times\b", text[q.end :]):
        # "met at least 10 times" counts meetings; "ten times more" is a ratio.
        return (
            _Counted("meetings", "count") if _MEET_VERBS.search(text[clause[0] : q.start]) else None
        )
    if re.match(r"\s+of\s+(?:them|whom|which|these|those)\b", text[q.end :]):
        # "over 30,000 of them": the noun of the claim before.
        return last[1] if last is not None and q.start - last[0] < 400 else None
    # A small spelled number before a noun outside the vocabulary names a set ("two
    # principles", "three priorities"); a large one counts ("Twenty-one airlines").
    generic = not q.spelled or q.scaled or q.value > 10
    counted = _noun_after(text, q, sentence[1], voc, allow_generic=generic)
    if counted is False:
        return None
    num = text[q.number_start : q.number_end]
    if not q.scaled and not q.spelled and _YEAR.fullmatch(num):
        # A year, unless a counted noun follows: "1320 MW", "1000 Afghan people".
        return counted if isinstance(counted, _Counted) and not counted.generic else None
    if counted is None:
        return _noun_before(text, q, (max(sentence[0], q.start - 80), q.start), voc)
    return counted if isinstance(counted, _Counted) else None


def _shared_units(text: str, quantities: Sequence[Quantity]) -> dict[int, str]:
    """ "by eighty and ninety per cent": the first number takes the unit of the second."""
    out: dict[int, str] = {}
    for a, b in itertools.pairwise(quantities):
        if (
            a.unit is None
            and b.unit == "percent"
            and re.fullmatch(r"\s*(?:and|or|to|-|–|—)\s*", text[a.end : b.start])
        ):
            out[a.start] = "percent"
    return out


def find_claims(
    doc: Document, times: Sequence[TimeExpr], mentions: Sequence[Mention]
) -> tuple[Claim, ...]:
    voc = vocabulary()
    text = doc.text
    quantities = find_quantities(text, decimal_comma=doc.language == "ru")
    shared = _shared_units(text, quantities)
    pair = _main_pair(mentions)
    sentences = sentence_spans(doc)
    claims: list[Claim] = []
    last: tuple[int, _Counted] | None = None  # the previous counted claim, for "of them"
    si = 0
    for q in quantities:
        while si < len(sentences) and sentences[si][1] <= q.start:
            si += 1
        if si >= len(sentences) or q.start < sentences[si][0]:
            continue
        sentence = sentences[si]
        if any(t.start < q.number_end and q.number_start < t.end for t in times):
            continue  # a date, or a number inside one
        clauses = _clauses(text, *sentence, times)
        clause = next(((a, b) for a, b in clauses if a <= q.number_start < b), sentence)

        # "Our trade is growing. In 2022, it reached $28 billion": "it" reaches back one sentence
        # for what is counted and whose it is.
        previous = sentences[si - 1] if si > 0 else None
        if previous is not None and not _ANAPHORA.search(text[sentence[0] : q.start]):
            previous = None
        unit = q.unit or shared.get(q.start)
        if unit is not None:
            q = dataclasses.replace(q, unit=unit)
            indicator = _money_or_percent(text, q, clause, sentence, previous, voc)
        else:
            counted = _bare(text, q, clause, sentence, voc, last)
            if counted is None:
                continue
            indicator, unit = counted.indicator, counted.unit
            last = (q.start, counted)

        turn = doc.turn_at(q.start)
        claims.append(
            Claim(
                id=content_id("claim", doc.id, q.start, q.end, q.value, unit),
                indicator=indicator,
                value=q.value,
                unit=unit,
                qualifier=_qualifier(text, q.start, clause[0]),
                period=_period(text, q, clauses, times, doc.published),
                subject=_subject(text, (previous or sentence)[0], sentence[1], mentions, pair),
                speaker=turn.speaker if turn else (doc.speakers[0] if doc.speakers else None),
                evidence=(Evidence.of(doc, *sentence),),
                said_in=turn.role if turn else None,
            )
        )
    return tuple(claims)


def stage(
    doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]
) -> dict[str, tuple[Claim, ...]]:
    """Pipeline stage ``claims.v1``: needs ``mentions`` and ``times``, adds ``claims``."""
    return {"claims": find_claims(doc, got.get("times", ()), got.get("mentions", ()))}
