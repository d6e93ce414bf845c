"""What a claim's number counts: the indicator vocabulary of ``kb/data/indicators.yaml``, the
counted noun after a bare number or the "number of" before it, and the cue words near a sum or a
percentage (step 2 of the claims cascade).
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from bilateral.extract.claims.numbers import Quantity
from bilateral.extract.text.sentences import WORD, Word, words_in, words_of

# -- the vocabulary ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    label: str
    unit: str | None  # persons, count or a unit of measure; None for money and percent cues
    nouns: tuple[str, ...]
    cues: tuple[str, ...]
    measure: bool = False  # a unit of measure (units.yaml): "10 million tonnes of grain"


@dataclass(frozen=True)
class Vocabulary:
    indicators: tuple[Indicator, ...]
    nouns: Mapping[tuple[str, ...], Indicator]  # counted noun, as words -> its indicator
    cues: Mapping[tuple[str, ...], Indicator]
    factors: Mapping[tuple[str, ...], float]  # a unit word -> what its number is multiplied by
    durations: frozenset[str]
    not_counted: frozenset[str]
    parties: frozenset[str]
    person_endings: tuple[str, ...]
    person_verbs: frozenset[str]
    modifiers: frozenset[tuple[str, ...]]
    longest: int  # the most words in any noun or cue


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The indicator vocabulary from ``kb/data/indicators.yaml`` and the units of measure from
    ``kb/data/units.yaml``, loaded once."""
    data_dir = importlib.resources.files("bilateral.kb") / "data"
    data: dict[str, Any] = yaml.load(
        (data_dir / "indicators.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )
    units: list[dict[str, Any]] = yaml.load(
        (data_dir / "units.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader
    )["units"]
    indicators = tuple(
        Indicator(
            id=str(e["id"]),
            label=str(e["label"]),
            unit=e.get("unit"),
            nouns=tuple(str(n).lower() for n in e.get("nouns", ())),
            cues=tuple(str(c).lower() for c in e.get("cues", ())),
        )
        for e in data["indicators"]
    ) + tuple(
        Indicator(
            id=str(e["unit"]),
            label=str(e["label"]),
            unit=str(e["unit"]),
            nouns=tuple(str(n).lower() for n in (*e["words"], *e.get("factors", {}))),
            cues=(),
            measure=True,
        )
        for e in units
    )
    factors = {
        tuple(words_of(str(w))): float(f) for e in units for w, f in e.get("factors", {}).items()
    }
    nouns: dict[tuple[str, ...], Indicator] = {}
    cues: dict[tuple[str, ...], Indicator] = {}
    for ind in indicators:
        for n in ind.nouns:
            nouns.setdefault(tuple(words_of(n)), ind)
        for c in ind.cues:
            cues.setdefault(tuple(words_of(c)), ind)
    return Vocabulary(
        indicators=indicators,
        nouns=nouns,
        cues=cues,
        factors=factors,
        durations=frozenset(str(w).lower() for w in data["durations"]),
        not_counted=frozenset(str(w).lower() for w in data["not_counted"]),
        parties=frozenset(str(w).lower() for w in data["parties"]),
        person_endings=tuple(str(w).lower() for w in data["person_endings"]),
        person_verbs=frozenset(str(w).lower() for w in data["person_verbs"]),
        modifiers=frozenset(tuple(words_of(str(w))) for w in data["modifiers"]),
        longest=max(len(k) for k in (*nouns, *cues)),
    )


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
_DEMONYM_ENDINGS = ("ans", "is", "ese", "ards", "ks", "hs", "inos")  # "inos": Filipinos
# Capitalised plurals that name no people: "193 Nations", "50 States", "7,000 Islands".
_PLACES_AND_BODIES = frozenset("nations states islands affairs provinces regions goals".split())


def _people_named(word: str) -> bool:
    """A capitalised plural that names a people, a nation's or a group's members: "Iraqis",
    "Tausugs", "Ilocanos", "Republicans" (not an acronym's plural, "NGOs", nor "Nations")."""
    if not word[0].isupper() or word.lower() in _PLACES_AND_BODIES:
        return False
    if word.endswith(_DEMONYM_ENDINGS):
        return True
    return len(word) >= 5 and word[1:-1].islower() and word.endswith("s") and word[-2] not in "su"


_MODEL_CODE = re.compile(r"\s+[A-Z]{1,3}-?\d+[A-Z\d-]*(?=\s+[a-z])")


@dataclass(frozen=True, slots=True)
class Counted:
    indicator: str
    unit: str
    generic: bool = False  # a plural noun outside the vocabulary
    factor: float = 1.0  # what the number is multiplied by: "80 bcm" is 80e9 m3


def _is_plural_noun(word: str) -> bool:
    return (
        len(word) >= 4
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s", "ous"))
        and word not in _FUNCTION_S
    )


def _names_people(low: str, voc: Vocabulary) -> bool:
    """A plural noun outside the vocabulary that names people: "fishermen", "drug users"."""
    return len(low) >= 5 and low.endswith(voc.person_endings) and not low.endswith("lists")


def noun_after(
    text: str,
    q: Quantity,
    end: int,
    voc: Vocabulary,
    allow_generic: bool,
    sets_read: bool = False,
    listed: bool = False,
) -> Counted | bool | None:
    """The noun a bare number counts; None when nothing is counted; False when what follows
    says the number is no claim (a duration, "two countries", "three priorities"). ``listed``:
    the items are listed right after ("three priorities: roads, ports and ..."), so that even
    an abstract noun counts them."""
    words: list[Word] = []
    # A model designation stands between a number and its noun: "400 M203 grenade launchers".
    code = _MODEL_CODE.match(text, q.end)
    pos = code.end() if code is not None else q.end
    for w in words_in(text, pos, min(end, q.end + 80)):
        # A hyphen joins a compound modifier ("3.5 million U.S.-donated vaccine doses"); an
        # abbreviation's full stop does not end the phrase ("16 major U.S. businesses").
        gap = text[pos : w.start].strip()
        if words and "." in words[-1].low and gap.startswith("."):
            gap = gap[1:]
        if gap not in ("", "-") or len(words) >= 6 or w.low in _NP_STOP:
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
            if n == 1 and key[0] in voc.durations:
                return False  # "180 years ago", "in the 15 months since": time, not a quantity
            if (
                n == 1
                and key[0] in voc.not_counted
                and q.value < 100
                and not text[words[i].start].isupper()
            ):
                # "three priorities", "in two cases"; not "44,000 cases", and not a name's
                # word ("the 17 Sustainable Development Goals").
                if listed:
                    return Counted(" ".join(lows[: i + n]), "count", generic=True)
                return False
            if " ".join(key) in voc.parties and (
                q.value == 2 or (q.spelled and q.value < 10 and not sets_read)
            ):
                return False  # "our two countries": the parties; ``sets`` reads "three states"
            ind = voc.nouns.get(key)
            if ind is not None and ind.unit is not None:
                if i + n < len(lows) and (
                    _is_plural_noun(lows[i + n]) or (lows[i + n],) in voc.nouns
                ):
                    modifier = True
                    break  # a noun modifier: "284 youth groups" counts groups
                if ind.measure:
                    # The record's units are a currency, persons, percent or count
                    # (docs/export.md, the gold README): a measure counts its units, which the
                    # indicator names ("proven oil (barrels)", "distance (mi)"), as in Russian.
                    label = _measure_label(text, words[i + n - 1].end, ind.label)
                    if label == ind.label:
                        label = f"{ind.label} ({ind.id})"
                    return Counted(label, "count", factor=voc.factors.get(key, 1.0))
                if ind.id in ("people", "countries", "places", "organizations"):
                    return Counted(" ".join(lows[: i + n]), ind.unit)  # "Afghan women"
                return Counted(ind.label, ind.unit)
        word = text[words[i].start : words[i].end]
        if modifier:
            continue
        if allow_generic and _people_named(word):
            return Counted(word, "persons", generic=True)  # "500 Iraqis", "20,000 Tausugs"
        person = _names_people(lows[i], voc)
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        if allow_generic and (_is_plural_noun(nxt) or _names_people(nxt, voc)):
            continue  # a plural noun modifying the head: "12 human rights defenders"
        if allow_generic and (person or _is_plural_noun(lows[i])):
            unit = "persons" if person else "count"
            return Counted(" ".join(lows[: i + 1]), unit, generic=True)
    return None


def noun_before(text: str, q: Quantity, span: tuple[int, int], voc: Vocabulary) -> Counted | None:
    """ "the population of 18 million", "Population: 18.7 million", "the number of students
    reached 74,000"."""
    before = text[span[0] : q.start].lower()
    if re.search(r"\bpopulation\b(?:\s+\w+){0,3}[\s:(]+(?:of\s+)?(?:\w+\s+){0,2}$", before):
        return Counted("population", "persons")  # also "the population (of around 16 million)"
    if re.search(r"\b(?:deaths?|killings?)\s+of\s+(?:\w+\s+){0,2}$", before):
        return Counted("deaths", "persons")  # "the death of about 1,000"
    ranked = _RANKED_OUT_OF.search(before)
    if ranked is not None:
        # "its 43rd trading partner (out of 223)": the whole the rank is taken from.
        *modifiers, noun = words_of(ranked[1])
        return Counted(" ".join([*modifiers, _plural(noun)]), "count")
    if re.search(r"\bmembership\b(?:\s+\w+){0,3}[\s:]+(?:of\s+)?(?:\w+\s+){0,2}$", before):
        return Counted("members", "count")  # "when its membership was about fifty"
    m = re.search(r"\bnumber of ((?:[^\W\d_][\w'-]*\s+){1,4})", before)
    if m is None:
        return None
    lows = words_of(m[1])
    for i in range(len(lows)):
        for n in range(min(voc.longest, len(lows) - i), 0, -1):
            ind = voc.nouns.get(tuple(lows[i : i + n]))
            if ind is not None and ind.unit is not None:
                return Counted(ind.label, ind.unit)
    return None


# A rank and the whole it is taken from: "43rd trading partner (out of 223)", "the 5th largest
# economy out of 27".
_RANKED_OUT_OF = re.compile(
    r"\b\d+(?:st|nd|rd|th)\s+((?:[a-z][\w'-]*\s+){0,2}[a-z][\w'-]*)\s*\(?\s*out\s+of\s+$"
)


def _plural(noun: str) -> str:
    if noun.endswith("s"):
        return noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def _measure_label(text: str, end: int, unit_label: str) -> str:
    """ "10 million tonnes of grain" -> "grain (tonnes)"."""
    m = re.match(r"\.?\s+of\s+((?:[^\W\d_][\w'’-]*\s?){1,3})", text[end : end + 60])
    if m is None:
        return unit_label
    head: list[str] = []
    for w in words_of(m[1]):
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
        words = words_in(text, start, end)
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
    for w in WORD.finditer(text, pos, pos + 80):
        if text[pos : w.start()].strip() or w[0].lower() in _NP_STOP or len(words) >= 3:
            break
        words.append(w[0])
        pos = w.end()
        if len(w[0]) > 3 and w[0].endswith("s") and not w[0].endswith(("'s", "’s")):
            break
    return f"share of {' '.join(words)}" if words else None


def money_or_percent(
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
