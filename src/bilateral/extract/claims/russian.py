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

import bisect
import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bilateral.extract.claims.context import main_pair, since, subject
from bilateral.extract.claims.numbers import (
    LocalCurrencies,
    Quantity,
    find_quantities,
    read_through_insertions,
)
from bilateral.extract.dates.context import ru_counted
from bilateral.kb.vocabulary import read_data
from bilateral.lang.ru import RuSentence, RussianLayer, RuToken
from bilateral.model import Claim, Document, Evidence, Mention, TimeExpr, content_id


@dataclass(frozen=True)
class RuVocabulary:
    nouns: Mapping[tuple[str, ...], tuple[str, str]]  # lemmas -> (indicator label, unit)
    cues: Mapping[tuple[str, ...], str]  # lemmas -> indicator label
    durations: frozenset[str]
    not_counted: frozenset[str]  # below 100
    never_counted: frozenset[str]
    parties: frozenset[str]
    numerals: Mapping[str, float]
    qualifiers: Mapping[tuple[str, ...], str]
    after_qualifiers: Mapping[tuple[str, ...], str]
    scales: Mapping[str, float]
    currencies: Mapping[str, str]  # lemma of a currency noun or adjective -> ISO code
    reckoned_in: Mapping[str, str]  # indicator -> currency of its sums said without one
    continuations: tuple[str, ...]
    measures: Mapping[tuple[str, ...], tuple[str, str, float]]  # lemmas -> (label, unit, factor)


@functools.lru_cache(maxsize=1)
def ru_vocabulary() -> RuVocabulary:
    """The Russian lists of ``kb/data/indicators.yaml``, loaded once."""
    data = read_data("indicators.yaml")
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
        never_counted=frozenset(data.get("ru_never_counted", ())),
        parties=frozenset(data.get("ru_parties", ())),
        numerals={str(k): float(v) for k, v in data.get("ru_numerals", {}).items()},
        qualifiers={
            tuple(str(k).split()): str(v) for k, v in data.get("ru_qualifiers", {}).items()
        },
        after_qualifiers={
            tuple(str(k).split()): str(v) for k, v in data.get("ru_after_qualifiers", {}).items()
        },
        scales={str(k): float(v) for k, v in data.get("ru_scales", {}).items()},
        currencies={
            str(k): str(v) for k, v in read_data("currencies.yaml").get("ru_words", {}).items()
        },
        reckoned_in={str(k): str(v) for k, v in data.get("ru_reckoned_in", {}).items()},
        continuations=tuple(str(c) for c in data.get("ru_continuations", ())),
        measures=_measures(read_data("units.yaml")),
    )


def _measures(data: Mapping[str, Any]) -> dict[tuple[str, ...], tuple[str, str, float]]:
    """The Russian words of ``kb/data/units.yaml``: "тонна" -> (tonnes, t, 1)."""
    out: dict[tuple[str, ...], tuple[str, str, float]] = {}
    for e in data["units"]:
        label, unit = str(e["label"]), str(e["unit"])
        for w in e.get("ru_words", ()):
            out[tuple(str(w).split())] = (label, unit, 1.0)
        for w, factor in e.get("ru_factors", {}).items():
            out[tuple(str(w).split())] = (label, unit, float(factor))
    return out


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
    scale: float = 1.0  # the factor of its scale word ("миллиардов"), 1 without one


def _figures(text: str, words: Sequence[RuToken], local: LocalCurrencies | None) -> list[_Figure]:
    """Every figure of the text: the scanner's, then spelled numerals and lone scale nouns read
    by lemma, each with the scale and the currency or percent that follow it."""
    voc = ru_vocabulary()
    starts = [w.start for w in words]
    out = []
    for q in find_quantities(text, decimal_comma=True, local=local):
        if _glued(text, q):
            continue
        unit, end = q.unit, q.end
        if unit is None:
            found = _unit_at(text, words, bisect.bisect_left(starts, q.end), voc)
            if found is not None:
                unit, end = found
        out.append(_Figure(q.number_start, end, q.value, unit, False, _scale_of(text, q)))
    taken = [(f.start, f.end) for f in out]
    for i, w in enumerate(words):
        numeral = str(w.pos) == "NUMR" and w.lemma in voc.numerals
        if not (numeral or w.lemma in voc.scales):
            continue
        if any(a <= w.start < b for a, b in taken):
            continue
        if numeral:
            value, j = voc.numerals[w.lemma], i + 1
            scale = _scale_word(text, words, j, voc)
            j += scale > 1
            end = words[j - 1].end
            unit = None
            found = _unit_at(text, words, j, voc)
            if found is not None:
                unit, end = found
            out.append(_Figure(w.start, end, value * scale, unit, True, scale))
        elif _lone_scale(words, i, voc):
            # "около миллиарда долларов": a scale noun in the singular is one of it.
            scale = voc.scales[w.lemma]
            unit, end = None, w.end
            found = _unit_at(text, words, i + 1, voc)
            if found is not None:
                unit, end = found
            out.append(_Figure(w.start, end, scale, unit, True, scale))
    return sorted(out, key=lambda f: f.start)


def _adjacent(text: str, words: Sequence[RuToken], j: int) -> bool:
    """``words[j]`` follows the word before it with only spaces between."""
    return 0 < j < len(words) and not text[words[j - 1].end : words[j].start].strip()


def _scale_word(text: str, words: Sequence[RuToken], j: int, voc: RuVocabulary) -> float:
    if _adjacent(text, words, j) and words[j].lemma in voc.scales:
        return voc.scales[words[j].lemma]
    return 1.0


def _lone_scale(words: Sequence[RuToken], i: int, voc: RuVocabulary) -> bool:
    """A scale noun in the singular with no number before it, qualified ("около миллиарда") or
    followed by a currency ("миллиард долларов"); "миллионы людей" is no figure."""
    w = words[i]
    if w.lemma not in voc.scales or str(w.pos) != "NOUN" or "sing" not in w.tag:
        return False
    if i > 0 and str(words[i - 1].pos) in ("NUMB", "NUMR"):
        return False
    nxt = words[i + 1] if i + 1 < len(words) else None
    qualified = i > 0 and (words[i - 1].text.lower(),) in voc.qualifiers
    return qualified or (nxt is not None and nxt.lemma in voc.currencies)


def _unit_at(
    text: str, words: Sequence[RuToken], j: int, voc: RuVocabulary
) -> tuple[str, int] | None:
    """The currency or percent named from ``words[j]`` on, and where it ends: "долларов",
    "процентов", "в рублях", "в долларовом эквиваленте"."""
    if not _adjacent(text, words, j):
        return None
    w = words[j]
    if w.lemma == "процент":
        return "percent", w.end
    if w.lemma in voc.currencies and str(w.pos) == "NOUN":
        return voc.currencies[w.lemma], w.end
    if w.text.lower() == "в" and _adjacent(text, words, j + 1):
        cur = words[j + 1]
        if cur.lemma in voc.currencies:
            if _adjacent(text, words, j + 2) and words[j + 2].lemma == "эквивалент":
                return voc.currencies[cur.lemma], words[j + 2].end
            if str(cur.pos) == "NOUN":
                return voc.currencies[cur.lemma], cur.end
    return None


def _scale_of(text: str, q: Quantity) -> float:
    """The factor of the quantity's scale word: 1e9 for "28,5 млрд"."""
    if not q.scaled:
        return 1.0
    digits = re.sub(r"[\s\u00a0\u202f]", "", text[q.number_start : q.number_end])
    try:
        mantissa = float(digits.replace(",", "."))
    except ValueError:
        return 1.0
    return round(q.value / mantissa) if mantissa else 1.0


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
        small = figure.value < 100 and w.lemma in voc.not_counted  # "три вопроса", not "1100 мест"
        if w.lemma in voc.durations or w.lemma in voc.never_counted or small:
            return None
        if _party(figure, w, voc):
            return None
        # Outside the vocabulary: a figure in digits counts any noun ("74 тысячи туристов"); a
        # small spelled one names a set as often as a count ("две страны", "три вопроса").
        # An animate noun names people ("84 десантника", "21,6 тысячи добровольцев"):
        # pymorphy3's animacy tag says so for nouns the vocabulary does not list. A young
        # animal's noun ("-онок", "-енок": "шесть слонят") is animate and no person ("ребенок"
        # is in the vocabulary).
        animate = "anim" in re.split(r"[ ,]", str(w.tag))
        person = animate and not w.lemma.endswith(("онок", "енок"))
        unit = "persons" if person else "count"
        if figure.spelled and figure.value <= 10:
            return (w.lemma, unit) if _case(w) == "gent" and figure.value >= 5 else None
        # A fraction of a thing is no count: "44.8 кБ" measures in a unit the vocabulary
        # does not know, so what it measures is unknown.
        if figure.value != int(figure.value):
            return None
        return (w.lemma, unit)
    return None


# Parts of speech that are never the counted noun, though pymorphy3 lists a rare noun reading
# ("в", "с" as abbreviations).
_FUNCTION = ("PREP", "CONJ", "PRCL", "INTJ", "NPRO", "ADVB")
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _case(w: RuToken) -> str | None:
    return next((c for c in _CASES if c in w.tag), None)


def _noun_reading(w: RuToken, ru: RussianLayer) -> RuToken:
    """The word right after a numeral read as a noun where the dictionary allows it, though not
    as its likeliest reading ("саженцев" after "семь")."""
    if str(w.pos) in ("NOUN", "ADJF", "PRTF", *_FUNCTION) or not w.text[:1].isalpha():
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
    following = tuple(re.findall(r"\w+", text[end : end + 20].lower())[:2])
    for words, qualifier in voc.after_qualifiers.items():
        if following[: len(words)] == words:
            return qualifier
    for n in (2, 1):
        key = tuple(w.text.lower() for w in before[-n:])
        if len(key) == n and key in voc.qualifiers:
            return voc.qualifiers[key]
    return None


# -- 4. period ------------------------------------------------------------------------------------


# A time right after "с"/"со" that no "по"/"до" closes: from then on.
_SINCE = re.compile(r"(?<!\w)(?:с|со|С|Со)\s+$")
_UNTIL = re.compile(r"\s*(?:по|до)\s", re.IGNORECASE)


def _period(
    text: str,
    figure: _Figure,
    sentence: tuple[int, int],
    times: Sequence[TimeExpr],
    published: str | None,
    previous: tuple[int, int] | None,
) -> str | None:
    """``previous``: the sentence before, where this one goes on about it ("Кроме того, ...")."""
    here = [t for t in times if sentence[0] <= t.start < sentence[1]]
    if not here and previous is not None:
        here = [t for t in times if previous[0] <= t.start < previous[1]][-1:]
    before = [t for t in here if t.end <= figure.start]
    chosen = before[-1] if before else here[0] if here else None
    if chosen is None:
        return published[:4] if published else None
    if (
        published
        and "/" not in chosen.value
        and _SINCE.search(text, max(0, chosen.start - 16), chosen.start)
        and not _UNTIL.match(text, chosen.end)
    ):
        # "с 2019 года", "начиная с марта": from then to the document's date, as "since 2019".
        span = since(chosen, published)
        if span is not None:
            return span
    # The document's own dateline run into the sentence dates the text, not the figure: its month.
    return chosen.value[:7] if chosen.value == published else chosen.value


def _past_told(
    prev: RuSentence,
    sent: RuSentence,
    words: Sequence[RuToken],
    times: Sequence[TimeExpr],
    text: str,
    doc: Document,
) -> tuple[int, int] | None:
    """The sentence before, when this one goes on in the past tense about a day of a year before
    the document's that it named, in the same paragraph ("1 марта 2000 года ... Бой длился 15
    часов: 90 человек ..."); a figure in the present tense is about the present."""
    if not doc.published or "\n" in text[prev.end : sent.start]:
        return None
    if not any(w.pos == "VERB" and "past" in w.tag for w in words):
        return None
    if any(w.pos == "VERB" and ("pres" in w.tag or "futr" in w.tag) for w in words):
        return None
    then = [t for t in times if prev.start <= t.start < prev.end]
    # A day names an occasion the next sentence may tell on about; a year ("В 2023 году
    # инвестиции ...") is a statistic's, and the next figure may be of the present.
    if not then or then[-1].precision != "day" or then[-1].value[:4] >= doc.published[:4]:
        return None
    return prev.start, prev.end


# -- the cascade ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Sum:
    """The last sum of money with a scale word: a figure after it may leave both unsaid."""

    sentence: int
    unit: str
    scale: float
    indicator: str
    mantissa: float


# How many sentences after a sum a bare figure may still be about it ("По нашим данным – около 51").
_ELLIPSIS_SENTENCES = 2


def _elliptic(figure: _Figure, after: Sequence[RuToken], here: int, last: _Sum | None) -> bool:
    """A bare number near the last sum, of its size, with no noun of its own: the same
    indicator, scale and currency ("свыше 50 миллиардов долларов ... по нашим данным – около 51")."""
    if (
        last is None
        or figure.spelled
        or figure.scale != 1
        or here - last.sentence > _ELLIPSIS_SENTENCES
    ):
        return False
    if after and str(after[0].pos) == "NOUN" and after[0].start - figure.end < 3:
        return False
    return last.mantissa / 2 <= figure.value <= last.mantissa * 2


def _exchange(text: str, figure: _Figure, after: Sequence[RuToken]) -> Sequence[RuToken]:
    """ "175 на 175 человек": the first number counts the noun of the second."""
    if (
        len(after) > 1
        and after[0].text.lower() == "на"
        and str(after[1].pos) == "NUMB"
        and not text[figure.end : after[0].start].strip()
    ):
        return after[2:]
    return after


def find_claims_ru(
    doc: Document,
    times: Sequence[TimeExpr],
    mentions: Sequence[Mention],
    ru: RussianLayer,
    local: LocalCurrencies | None = None,
) -> tuple[Claim, ...]:
    voc = ru_vocabulary()
    read = ru.read(doc)
    text = read_through_insertions(doc.text)  # "69 тысяч [рублей]": the editor's words count
    pair = main_pair(mentions)
    claims: list[Claim] = []
    seen: dict[
        tuple[float, str, str, str | None, str | None], int
    ] = {}  # -> the sentence that said it
    every = [w for w in read.tokens if w.text[:1].isalnum()]
    figures = _figures(text, every, local)  # the whole text scanned once
    currency: str | None = None  # the last currency the text named
    last: _Sum | None = None
    for here, sent in enumerate(read.sentences):
        sentence = (sent.start, sent.end)
        words = [w for w in read.tokens[sent.first : sent.last] if w.text[:1].isalnum()]
        opening = text[sent.start : sent.start + 24].lower()
        previous = None
        if here > 0 and opening.startswith(voc.continuations):
            previous = (read.sentences[here - 1].start, read.sentences[here - 1].end)
        elif here > 0:
            previous = _past_told(read.sentences[here - 1], sent, words, times, text, doc)
        for figure in figures:
            if not sentence[0] <= figure.start < sentence[1]:
                continue
            if any(t.start <= figure.start < t.end for t in times):
                continue  # a number inside a date
            if _RATIO.match(text, figure.end):
                continue
            before = [w for w in words if w.end <= figure.start]
            after = [w for w in words if w.start >= figure.end]
            unit, value = figure.unit, figure.value
            if unit is None and _OVER_PERCENT.match(text, figure.end):
                unit = "percent"  # "на 25 с лишним процентов"
            if unit is not None:
                indicator = _cue(before, voc) or _cue(after[:6], voc)
                if indicator is None:
                    indicator = "percentage" if unit == "percent" else "amount"
            else:
                digits = text[figure.start : figure.end]
                if (
                    not figure.spelled
                    and _YEAR.fullmatch(digits)
                    and not (
                        after and figure.end + 1 == after[0].start and ru_counted(after[0].text)
                    )
                ):
                    continue  # a year, unless it governs a noun ("1830 километров")
                counted = _counted(figure, _exchange(text, figure, after), voc, ru)
                measure = _match_at(after, 0, voc.measures) if after else None
                if measure is not None and not text[figure.end : after[0].start].strip():
                    label, code, factor = measure[0]
                    value *= factor  # "12 тысяч тонн", "3 гигаватта"
                    # The record's units are a currency, persons, percent or count
                    # (docs/export.md): a measure counts its units, which the indicator names.
                    indicator, unit = f"{label} ({code})", "count"
                elif counted is not None:
                    indicator, unit = counted
                elif figure.scale >= 1e6:
                    # "товарооборот в 200 миллионов": a sum in the currency named last, or in the
                    # one its indicator is reckoned in.
                    indicator = _cue(before, voc) or _cue(after[:6], voc) or "amount"
                    unit = currency or voc.reckoned_in.get(indicator)
                    if unit is None:
                        continue
                elif last is not None and _elliptic(figure, after, here, last):
                    indicator, unit = last.indicator, last.unit
                    value = figure.value * last.scale
                else:
                    continue
            if unit not in ("percent", "persons", "count"):
                currency = unit
                if figure.scale > 1:
                    last = _Sum(here, unit, figure.scale, indicator, figure.value / figure.scale)
            when = _period(text, figure, sentence, times, doc.published, previous)
            qualifier = _qualifier(before, text, figure.end, voc)
            key = (value, unit, indicator, when, qualifier)
            # A figure said again in another sentence is the same claim; twice in one sentence
            # ("175 на 175 человек"), two; said otherwise ("около 51", "51 с лишним"), another.
            if seen.get(key, here) != here:
                continue
            seen[key] = here
            turn = doc.turn_at(figure.start)
            claims.append(
                Claim(
                    id=content_id("claim", doc.id, figure.start, figure.end, value, unit),
                    indicator=indicator,
                    value=value,
                    unit=unit,
                    qualifier=qualifier,
                    period=when,
                    subject=subject(text, sentence[0], sentence[1], mentions, pair, figure.start),
                    speaker=turn.speaker if turn else (doc.speakers[0] if doc.speakers else None),
                    evidence=(Evidence.of(doc, *sentence),),
                    said_in=turn.role if turn else None,
                )
            )
    return tuple(claims)
