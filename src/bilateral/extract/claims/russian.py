"""Quantitative claims in Russian text: the English cascade of ``stage``, with words compared by
their dictionary form (``text.russian``) and the Russian lists of ``kb/data/indicators.yaml``.

1. Numbers: the scanner's (digits, "28 млрд долларов", "5,7 процента", "17,5%") and spelled
   numerals by lemma ("трёх городов", "шесть слонят"). Refused: numbers inside a date, years,
   numbers glued to a word ("80-летия"), ratios ("в 2,5 раза"), durations ("25 лет").
2. Type: money and percent are their own unit, the indicator from a cue lemma before the figure
   ("товарооборот вырос на 40 процентов"); a bare number counts the noun after it, typed by the
   vocabulary ("246 военнослужащих" persons) or, for a figure in digits, any noun (count).
3. Qualify from the words before ("более", "около") or after ("25 с лишним процентов").
4. Date it from the nearest time of its sentence, before the figure first; without one, the
   document's year (a figure said without a time is about the present).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.resources
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from bilateral.extract.claims.context import main_pair, subject
from bilateral.extract.claims.numbers import LocalCurrencies, Quantity, find_quantities
from bilateral.lang.ru import RussianLayer, RuToken
from bilateral.model import Claim, Document, Evidence, Mention, TimeExpr, content_id


@dataclass(frozen=True)
class RuVocabulary:
    nouns: Mapping[tuple[str, ...], tuple[str, str]]  # lemmas -> (indicator label, unit)
    cues: Mapping[tuple[str, ...], str]  # lemmas -> indicator label
    durations: frozenset[str]
    not_counted: frozenset[str]
    parties: frozenset[str]
    numerals: Mapping[str, float]
    qualifiers: Mapping[tuple[str, ...], str]


@functools.lru_cache(maxsize=1)
def ru_vocabulary() -> RuVocabulary:
    """The Russian lists of ``kb/data/indicators.yaml``, loaded once."""
    path = importlib.resources.files("bilateral.kb") / "data" / "indicators.yaml"
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    nouns: dict[tuple[str, ...], tuple[str, str]] = {}
    cues: dict[tuple[str, ...], str] = {}
    for e in data["indicators"]:
        for n in e.get("ru_nouns", ()):
            nouns.setdefault(tuple(str(n).split()), (str(e["label"]), str(e.get("unit"))))
        for c in e.get("ru_cues", ()):
            cues.setdefault(tuple(str(c).split()), str(e["label"]))
    return RuVocabulary(
        nouns=nouns,
        cues=cues,
        durations=frozenset(data.get("ru_durations", ())),
        not_counted=frozenset(data.get("ru_not_counted", ())),
        parties=frozenset(data.get("ru_parties", ())),
        numerals={str(k): float(v) for k, v in data.get("ru_numerals", {}).items()},
        qualifiers={
            tuple(str(k).split()): str(v) for k, v in data.get("ru_qualifiers", {}).items()
        },
    )


# -- 1. numbers -----------------------------------------------------------------------------------

_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
# "в 2,5 раза", "в три раза больше": a ratio, as the English "ten times more" is no claim.
_RATIO = re.compile(r"\s+раз(?:а)?\b", re.IGNORECASE)
_OVER_PERCENT = re.compile(r"\s+с\s+лишним\s+процент", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Figure:
    start: int  # the number
    end: int  # the number and its unit word
    value: float
    unit: str | None
    spelled: bool


def _figures(text: str, words: Sequence[RuToken], local: LocalCurrencies | None) -> list[_Figure]:
    voc = ru_vocabulary()
    out = [
        _Figure(q.number_start, q.end, q.value, q.unit, False)
        for q in find_quantities(text, decimal_comma=True, local=local)
        if not _glued(text, q)
    ]
    taken = [(f.start, f.end) for f in out]
    for w in words:
        if (
            str(w.pos) == "NUMR"
            and w.lemma in voc.numerals
            and not any(a <= w.start < b for a, b in taken)
        ):
            out.append(_Figure(w.start, w.end, voc.numerals[w.lemma], None, True))
    return sorted(out, key=lambda f: f.start)


def _glued(text: str, q: Quantity) -> bool:
    """ "80-летия", "2-й": a number glued to a word is an ordinal or an anniversary."""
    return text.startswith("-", q.number_end) and q.end == q.number_end


# -- 2. type --------------------------------------------------------------------------------------


def _match_at(
    words: Sequence[RuToken], i: int, table: Mapping[tuple[str, ...], Any]
) -> tuple[Any, int] | None:
    """The longest entry of ``table`` whose lemmas start at ``words[i]``, and its length."""
    for n in (3, 2, 1):
        key = tuple(w.lemma for w in words[i : i + n])
        if len(key) == n and key in table:
            return table[key], n
    return None


def _counted(
    figure: _Figure, after: Sequence[RuToken], voc: RuVocabulary, ru: RussianLayer
) -> tuple[str, str] | None:
    """(indicator, unit) of a bare number from the noun right after it (an adjective between:
    "шесть молодых слонят"), or None when it is no claim."""
    after = [_noun_reading(w, ru) if i == 0 else w for i, w in enumerate(after[:3])]
    for i, w in enumerate(after):
        found = _match_at(after, i, voc.nouns)
        if found is not None:
            label, unit = found[0]
            return (label, unit) if not _party(figure, w, voc) else None
        if str(w.pos) in ("ADJF", "PRTF") and i < 2:
            continue
        if str(w.pos) != "NOUN":
            return None
        if w.lemma in voc.durations or w.lemma in voc.not_counted or _party(figure, w, voc):
            return None
        # Outside the vocabulary: a figure in digits counts any noun ("74 тысячи туристов"); a
        # small spelled one names a set as often as a count ("две страны", "три вопроса").
        if figure.spelled and figure.value <= 10:
            return (w.lemma, "count") if _case(w) == "gent" and figure.value >= 5 else None
        # A fraction of a thing is no count: "44.8 кБ" measures in a unit the vocabulary
        # does not know, so what it measures is unknown.
        if figure.value != int(figure.value):
            return None
        return (w.lemma, "count")
    return None


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _case(w: RuToken) -> str | None:
    return next((c for c in _CASES if c in w.tag), None)


def _noun_reading(w: RuToken, ru: RussianLayer) -> RuToken:
    """The word right after a numeral read as a noun where the dictionary allows it, though not
    as its likeliest reading ("саженцев" after "семь")."""
    if str(w.pos) in ("NOUN", "ADJF", "PRTF") or not w.text[:1].isalpha():
        return w
    for p in ru.analyzer().parse(w.text.lower()):
        if p.tag.POS == "NOUN":
            return dataclasses.replace(
                w, lemma=str(p.normal_form).replace("ё", "е"), pos="NOUN", tag=str(p.tag)
            )
    return w


def _party(figure: _Figure, w: RuToken, voc: RuVocabulary) -> bool:
    """ "двух стран", "обеих сторон": a two counting the parties of a bilateral text."""
    return figure.value == 2 and w.lemma in voc.parties


def _cue(words: Sequence[RuToken], voc: RuVocabulary) -> str | None:
    """The indicator named nearest before the figure in its sentence."""
    for i in range(len(words) - 1, -1, -1):
        found = _match_at(words, i, voc.cues)
        if found is not None:
            return str(found[0])
    return None


# -- 3. qualifier ---------------------------------------------------------------------------------


def _qualifier(before: Sequence[RuToken], text: str, end: int, voc: RuVocabulary) -> str | None:
    if re.match(r"\s+с\s+лишним\b", text[end : end + 16]):
        return "over"
    for n in (2, 1):
        key = tuple(w.text.lower() for w in before[-n:])
        if len(key) == n and key in voc.qualifiers:
            return voc.qualifiers[key]
    return None


# -- 4. period ------------------------------------------------------------------------------------


def _period(
    figure: _Figure, sentence: tuple[int, int], times: Sequence[TimeExpr], published: str | None
) -> str | None:
    here = [t for t in times if sentence[0] <= t.start < sentence[1]]
    before = [t for t in here if t.end <= figure.start]
    chosen = before[-1] if before else here[0] if here else None
    if chosen is None:
        return published[:4] if published else None
    # The document's own dateline run into the sentence dates the text, not the figure: its month.
    return chosen.value[:7] if chosen.value == published else chosen.value


# -- the cascade ----------------------------------------------------------------------------------


def find_claims_ru(
    doc: Document,
    times: Sequence[TimeExpr],
    mentions: Sequence[Mention],
    ru: RussianLayer,
    local: LocalCurrencies | None = None,
) -> tuple[Claim, ...]:
    voc = ru_vocabulary()
    read = ru.read(doc)
    text = doc.text
    pair = main_pair(mentions)
    claims: list[Claim] = []
    seen: set[tuple[float, str, str, str | None]] = set()
    every = [w for w in read.tokens if w.text[:1].isalnum()]
    figures = _figures(text, every, local)  # the whole text scanned once
    for sent in read.sentences:
        sentence = (sent.start, sent.end)
        words = [w for w in read.tokens[sent.first : sent.last] if w.text[:1].isalnum()]
        for figure in figures:
            if not sentence[0] <= figure.start < sentence[1]:
                continue
            if any(t.start <= figure.start < t.end for t in times):
                continue  # a number inside a date
            if _RATIO.match(text, figure.end):
                continue
            before = [w for w in words if w.end <= figure.start]
            after = [w for w in words if w.start >= figure.end]
            unit = figure.unit
            if unit is None and _OVER_PERCENT.match(text, figure.end):
                unit = "percent"  # "на 25 с лишним процентов"
            if unit is not None:
                indicator = _cue(before, voc) or _cue(after[:6], voc)
                if indicator is None:
                    indicator = "percentage" if unit == "percent" else "amount"
            else:
                digits = text[figure.start : figure.end]
                if not figure.spelled and _YEAR.fullmatch(digits):
                    continue
                counted = _counted(figure, after, voc, ru)
                if counted is None:
                    continue
                indicator, unit = counted
            when = _period(figure, sentence, times, doc.published)
            key = (figure.value, unit, indicator, when)
            if key in seen:
                continue
            seen.add(key)
            turn = doc.turn_at(figure.start)
            claims.append(
                Claim(
                    id=content_id("claim", doc.id, figure.start, figure.end, figure.value, unit),
                    indicator=indicator,
                    value=figure.value,
                    unit=unit,
                    qualifier=_qualifier(before, text, figure.end, voc),
                    period=when,
                    subject=subject(text, sentence[0], sentence[1], mentions, pair, figure.start),
                    speaker=turn.speaker if turn else (doc.speakers[0] if doc.speakers else None),
                    evidence=(Evidence.of(doc, *sentence),),
                    said_in=turn.role if turn else None,
                )
            )
    return tuple(claims)
