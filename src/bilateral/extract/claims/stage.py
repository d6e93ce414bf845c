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

Step 2 is in ``indicators``, steps 3 to 5 in ``context``, sentences and clauses in
``text.sentences``; this module refuses, types and assembles. A transcript editor's bracketed
words ("nine [drug labs]") are read as said (``numbers.read_through_insertions``).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from bilateral.context import Context, Deadline
from bilateral.extract.claims.context import (
    fronted,
    main_pair,
    paragraph_year,
    period,
    qualifier,
    subject,
)
from bilateral.extract.claims.currencies import document_states, local_currencies
from bilateral.extract.claims.indicators import (
    Counted,
    Vocabulary,
    money_or_percent,
    noun_after,
    noun_before,
    vocabulary,
)
from bilateral.extract.claims.numbers import (
    LocalCurrencies,
    Quantity,
    find_quantities,
    read_through_insertions,
)
from bilateral.extract.claims.russian import find_claims_ru
from bilateral.extract.claims.sets import (
    SMALL,
    NounPhrase,
    described,
    phrase_after,
    refers_to_a_set,
)
from bilateral.extract.claims.syntax import counted_noun, measured, participle_of, standalone
from bilateral.extract.text.lines import line_end, line_start, only_before
from bilateral.extract.text.sentences import Word, clause_spans, sentence_spans, words_in
from bilateral.extract.text.spans import ByOffset, InOrder, Taken
from bilateral.lang.ru import RussianLayer
from bilateral.model import Claim, Document, Evidence, Mention, TimeExpr, content_id

__all__ = ["find_claims", "sentence_spans", "stage", "vocabulary"]

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
_SUPERLATIVES = frozenset("most largest biggest leading best richest highest greatest".split())
_YEAR = re.compile(r"1[5-9][0-9]{2}|20[0-9]{2}")
_LIST_MARKER = re.compile(r"[.)]\s")


def _refused(text: str, q: Quantity, sent_start: int) -> bool:
    """Step 1 for bare numbers: dates, numbering, names, ranks, rates and list markers."""
    if only_before(text, line_start(text, q.start), q.start, "\ufeff \t(") and _LIST_MARKER.match(
        text, q.end
    ):
        return True  # "1.\tOn behalf of ...", "2) The Government ..."
    if re.search(r"\b(?:1[5-9]|20)\d\d\s+$", text[max(0, q.start - 8) : q.start]):
        return True  # a page number after a date line: "4 October 1993 15"
    before = words_in(text, max(sent_start, q.start - 40), q.start)
    after = words_in(text, q.end, min(len(text), q.end + 30))
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
    if q.spelled and text[q.number_start].isupper():
        return True  # "Caspian Five"; "the four freedoms" is read in ``sets``
    # A capitalised word before a bare number names something ("Agenda 2030", "Apollo 11"),
    # unless it opens the sentence.
    # A possessive is no name's word: "ASEM's three pillars".
    return (
        text[prev.start].isupper()
        and prev.low not in _FREE_CAPITALS
        and prev.start > sent_start
        and not text[prev.start : q.start].rstrip().endswith(("'s", "’s"))
    )


# -- the cascade ----------------------------------------------------------------------------------

_MEET_VERBS = re.compile(
    r"\b(?:met|meet|meets|meeting|visited|visit|spoke|speak|talked|talk|called|call|phoned|"
    r"convened|gathered|held talks)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
# A sentence about what happens every year is not about the period of the one before it.
_HABITUAL = re.compile(
    r"\b(?:every|each|per|a) (?:year|month|week|day)\b|\b(?:annually|on average|usually|"
    r"normally|typically|always)\b",
    re.IGNORECASE,
)
# What money_or_percent gives when no cue word is near: the parse may say more.
_VAGUE = frozenset({"percentage", "amount"})
# Before a figure, a determiner that points back to it: "that $610 billion", "the same $5m".
_BACK = re.compile(r"\b(?:the|that|this|those|these|same)\s+$", re.IGNORECASE)
_ANAPHORA = re.compile(r"\b(?:it|they|this|these|that|the figure|the volume|the total)\b", re.I)


# Matched where the number ends, not on a copy of the rest of the text (a copy per number was
# quadratic in the length of a long document).
_TIMES_AFTER = re.compile(r"\s+times\b")
# "five of the wounded guards", "200 of our workers" (not "3 of the 10 reviews").
_PARTITIVE = re.compile(r"\s+of\s+(?:the|these|those|our|their|its|his|her|my|your)(?=\s+[a-z])")
_OF_THEM_AFTER = re.compile(r"\s+of\s+(?:them|whom|which|these|those)\b")


def _bare(
    text: str,
    q: Quantity,
    clause: tuple[int, int],
    sentence: tuple[int, int],
    voc: Vocabulary,
    last: tuple[int, Counted] | None,
) -> Counted | None:
    """What a bare number counts, or None when it is no claim."""
    if _refused(text, q, sentence[0]):
        return None
    if _TIMES_AFTER.match(text, q.end):
        # "met at least 10 times" counts meetings; "ten times more" is a ratio.
        return (
            Counted("meetings", "count") if _MEET_VERBS.search(text[clause[0] : q.start]) else None
        )
    if _OF_THEM_AFTER.match(text, q.end):
        # "over 30,000 of them": the noun of the claim before.
        return last[1] if last is not None and q.start - last[0] < 400 else None
    partitive = _PARTITIVE.match(text, q.end)
    if partitive is not None:
        # "four of the injured guards": what it counts comes after the determiner.
        shifted = dataclasses.replace(q, end=partitive.end())
        found = noun_after(text, shifted, sentence[1], voc, allow_generic=True)
        return found if isinstance(found, Counted) else None
    # A small spelled number may name a set the reader knows ("the two leaders", "five Central
    # Asian states"); before a noun outside the vocabulary it counts only a described one
    # ("two large oceans", not "two worlds"). A large one counts any noun ("Twenty-one airlines").
    small = q.spelled and not q.scaled and q.value <= SMALL
    generic = not small
    listed = False
    if small:
        phrase = phrase_after(text, q, sentence[1])
        before = words_in(text, max(sentence[0], q.start - 30), q.start)
        prev = before[-1] if before else None
        if refers_to_a_set(text, q, prev, phrase, voc.parties):
            return None
        listed = q.value > 2 and _listed(text, phrase, prev, sentence[1])
        generic = listed or described(text, phrase) or _participle_after(text, phrase, sentence)
    counted = noun_after(
        text, q, sentence[1], voc, allow_generic=generic, sets_read=small, listed=listed
    )
    if counted is False:
        return None
    num = text[q.number_start : q.number_end]
    if not q.scaled and not q.spelled and _YEAR.fullmatch(num):
        # A year, unless a counted noun follows: "1320 MW", "1000 Afghan people".
        return counted if isinstance(counted, Counted) and not counted.generic else None
    if counted is None:
        return noun_before(text, q, (max(sentence[0], q.start - 80), q.start), voc)
    return counted if isinstance(counted, Counted) else None


# After a counted phrase, what introduces the list of its items: a colon after at most three
# words or a bracket ("three priorities in mind: ...", "four categories (see the award): ...").
_LIST_AFTER = re.compile(r"(?:\s+[a-z]+){0,3}\s*(?:\([^()]*\))?\s*:(?!\d)")


def _listed(text: str, phrase: NounPhrase, prev: Word | None, end: int) -> bool:
    """ "has three priorities in mind: roads, ports and schools": a small number whose items
    follow it counts them; "the four freedoms: ..." names a set the reader knows. (Two items
    listed are a choice, "only two options: we talk or we fight", not a figure: the caller
    asks only for three or more.)"""
    if not phrase.words or (prev is not None and prev.low in ("the", "these", "those")):
        return False
    return _LIST_AFTER.match(text[: end + 1], phrase.words[-1].end) is not None


def _participle_after(text: str, phrase: NounPhrase, sentence: tuple[int, int]) -> bool:
    """ "three Americans unjustly detained by ...": a participle after the plural noun describes
    the set, so it is counted; the parse tells it from a verb ("the two leaders agreed")."""
    words = phrase.words
    if len(words) < 2 or not words[0].low.endswith("s"):
        return False
    return participle_of(text, sentence, words[0].start)


# Words of paying and costing: a number right after one, or a sum in millions near one, is money.
_MONEY = re.compile(
    r"\b(?:costs?|costing|worth|spen[dt]s?|spending|pay|pays|paid|paying|price[ds]?|tax(?:es)?|"
    r"revenues?|income|budget|salar(?:y|ies)|wages?|funds?|funding|money|earn(?:s|ed)?|"
    r"profits?|loss(?:es)?|lost|cheat(?:s|ed|ing)?|st(?:eal|ole|olen)|loans?|debts?|gives? us)\b",
    re.IGNORECASE,
)
# After a sum, what makes it a rate of spending: "6,000 a month", "216 billion a year".
_RATE = re.compile(r"\s+(?:a|per|every)\s+(?:day|week|month|year)\b|\s+(?:daily|monthly|yearly)\b")
# After a sum that stands alone: punctuation, the sentence's end, a rate or "only".
_ALONE = re.compile(r"\s*(?:[.,;:!?)\u2014-]|$)|\s+(?:only|or|a|per|every|daily|monthly|yearly)\b")


def _unnamed_sum(
    text: str, q: Quantity, sentence: tuple[int, int], previous: tuple[int, int] | None
) -> bool:
    """A bare number that is money: right after a word of paying or costing ("costs around
    200", "a cost of 16 billion"), or a sum in millions or billions, or a rate ("6,000 a month"),
    standing alone in a sentence (or after one) that speaks of paying or costing."""
    if (q.spelled and not q.scaled) or _refused(text, q, sentence[0]):
        return False
    if not q.scaled and _YEAR.fullmatch(text[q.number_start : q.number_end]):
        return False
    if q.value < 10:
        return False
    cue = None
    for m in _MONEY.finditer(text, max(sentence[0], q.start - 60), q.start):
        cue = m
    if cue is not None and len(text[cue.end() : q.start].split()) <= 3:
        money = True
    elif not (q.scaled or _RATE.match(text, q.end)):
        return False
    else:
        scope = (previous[0] if previous is not None else sentence[0], sentence[1])
        money = _MONEY.search(text, *scope) is not None
    # Standing alone: punctuation or a rate after it, or the parse says it counts no noun
    # ("spent 3 billion for the hospital", "worth 500 million each"); a noun that follows
    # counts something the vocabulary does not know.
    return money and (
        _ALONE.match(text, q.end, sentence[1]) is not None
        or standalone(text, sentence, q) is not None
    )


# What may follow a figure whose noun is left unsaid: punctuation, the sentence's end, a time or
# place ("up from 210 in 2018"), "each".
_ELLIPSIS_END = re.compile(
    r"\s*(?:[.,;:!?)\u2014\u2013]|$)|\s+(?:in|on|at|during|each|apiece|last|this|a|an)\b"
)


def _elliptical(
    text: str,
    q: Quantity,
    sentence: tuple[int, int],
    voc: Vocabulary,
    claims: Sequence[Claim],
    people: bool,
) -> Counted | None:
    """A number that is its own noun phrase (the parse says it counts no noun after it): people
    where a verb only people undergo or do is said of it ("16 who died", "the blast injured
    40"), with ``people``; else what the figure before it in the sentence counts, its noun left
    unsaid ("a bonus of 20,000 pesos, and the soldiers get 25,000"; "340 patients in 2019, up
    from 210 in 2018")."""
    if _refused(text, q, sentence[0]) or (
        not q.scaled and not q.spelled and _YEAR.fullmatch(text[q.number_start : q.number_end])
    ):
        return None
    # Cheap tests first: only a sentence that says a verb of people, or a figure that may have
    # left its noun unsaid after another of the sentence, is parsed.
    if people and not any(w.low in voc.person_verbs for w in words_in(text, *sentence)):
        return None
    before = claims[-1] if claims else None
    if not people and (
        not _ELLIPSIS_END.match(text, q.end, sentence[1])
        or before is None
        or before.evidence[-1].start != sentence[0]
        or before.unit is None
    ):
        return None  # "16 per square mile" is a figure of its own
    verbs = standalone(text, sentence, q)
    if verbs is None and people:
        # "nine guards were killed": a noun the vocabulary does not know, people by its verb
        noun, said = counted_noun(text, sentence, q)
        verb = next((v for v in said if v in voc.person_verbs), None)
        return Counted(noun, "persons", generic=True) if verb is not None else None
    if verbs is None:
        return None
    if people:
        verb = next((v for v in verbs if v in voc.person_verbs), None)
        return Counted(verb, "persons") if verb is not None else None
    assert before is not None and before.unit is not None
    return Counted(before.indicator, before.unit)


_LIST_COMMA = re.compile(r",\s*(?:(?:and|or)\s+)?")


@dataclasses.dataclass(frozen=True, slots=True)
class _Pair:
    """Two numbers joined by "and", "or", "to" or a dash; the first takes the second's unit or
    counted noun ("by eighty and ninety per cent", "from 32 million to 225 million cases")."""

    second: Quantity
    is_range: bool  # "an estimated 40 to 45 bcm": one claim, the first value, not two


def _pairs(text: str, quantities: Sequence[Quantity]) -> dict[int, _Pair]:
    out: dict[int, _Pair] = {}
    for a, b in itertools.pairwise(quantities):
        # "between 800 and 1,000 delegates", "between $3 billion and $4 billion": a range.
        between = re.search(r"\bbetween\s+$", text[max(0, a.start - 8) : a.start], re.I)
        if (a.unit is not None and not (between and a.unit == b.unit)) or b.start - a.end > 6:
            continue
        joiner = re.fullmatch(r"\s*(and|or|to|-|–|—)\s*", text[a.end : b.start])
        if joiner is None:
            continue
        # "A to B" is a range, one claim; "from A to B" is a change, and "A and B" two figures.
        is_range = joiner[1] not in ("and", "or") or (between is not None and joiner[1] == "and")
        from_ = re.search(r"\bfrom\s+$", text[max(0, a.start - 6) : a.start], re.IGNORECASE)
        out[a.start] = _Pair(b, is_range and from_ is None)
    return out


def _changes(text: str, quantities: Sequence[Quantity]) -> dict[int, str]:
    """The two figures of a change, "from 32 million to 225 million cases": where each starts
    -> "from" or "to"."""
    out: dict[int, str] = {}
    for a, b in itertools.pairwise(quantities):
        between = text[a.end : b.start]
        if (
            re.search(r"\bfrom\s+$", text[max(0, a.start - 6) : a.start], re.IGNORECASE)
            and re.search(r"\bto\s*$", between)
            and len(between) < 60
            and not re.search(r"[.;:!?]", between)
        ):
            out[a.start], out[b.start] = "from", "to"
    return out


def find_claims(
    doc: Document,
    times: Sequence[TimeExpr],
    mentions: Sequence[Mention],
    local: LocalCurrencies | None = None,
    deadline: Deadline | None = None,
) -> tuple[Claim, ...]:
    """The claims of ``doc``; ``local`` says which pesos or rupees it means (its state's)."""
    voc = vocabulary()
    text = read_through_insertions(doc.text)
    if local is None:
        local = local_currencies(document_states(doc, mentions, None))
    # A number inside a date is no figure, nor half of a range: "from 26.6% in 2011 to 31.3%".
    dates = Taken(times)
    dated = ByOffset(times, key=lambda t: t.start)  # the times that start in a sentence
    quantities = tuple(
        q
        for q in find_quantities(text, decimal_comma=doc.language == "ru", local=local)
        if not dates.overlapping(q.number_start, q.number_end)
    )
    pairs = _pairs(text, quantities)
    changes = _changes(text, quantities)
    # The second figure of a change -> where its first starts: only that figure's noun is its.
    change_from = {
        b.start: a.start
        for a, b in itertools.pairwise(quantities)
        if changes.get(a.start) == "from" and changes.get(b.start) == "to"
    }
    range_seconds = {p.second.start for p in pairs.values() if p.is_range}
    # A bare number right after another and a comma: where it starts -> where that one starts.
    listed_after = {
        b.start: a.start
        for a, b in itertools.pairwise(quantities)
        if a.unit is None and b.unit is None and _LIST_COMMA.fullmatch(text, a.end, b.start)
    }
    ranges: set[int] = set()  # where the second number of a range starts: not a claim of its own
    # The times, figures and mentions of a sentence looked up, not sought among the document's.
    times_at, figures_at, mentions_at = InOrder(times), InOrder(quantities), InOrder(mentions)
    years: dict[tuple[int, int], str | None] = {}  # a paragraph -> its one year
    pair = main_pair(mentions)
    sentences = sentence_spans(doc)
    claims: list[Claim] = []
    stated: dict[tuple[float, str, str, str | None, str], int] = {}  # a figure -> its claim
    sums: dict[tuple[float, str], int] = {}  # a sum of money -> the claim that first states it
    last: tuple[int, Counted] | None = None  # the previous counted claim, for "of them"
    # "In the 10 months of 2017, trade totalled $1.38 billion. Imports were $1.04 billion.": a
    # fronted period holds to the end of its paragraph for sentences with no time of their own.
    carried: tuple[int, str] | None = None  # (paragraph end, period)
    si = 0
    for q in quantities:
        if deadline is not None and deadline.over():
            break  # out of time: the claims read so far stand
        while si < len(sentences) and sentences[si][1] <= q.start:
            si += 1
        if si >= len(sentences) or q.start < sentences[si][0] or q.start in ranges:
            continue
        sentence = sentences[si]
        if text.startswith("[", q.end) and text[q.end + 1 : q.end + 2].isdigit():
            continue  # "about 8,000[80,000]": a transcript's correction stands for it
        # Only the times over the sentence can hold one of its cuts (the last may fall on its end).
        clauses = clause_spans(text, *sentence, dates.overlapping(sentence[0], sentence[1] + 1))
        in_sentence = times_at.starting(clauses[0][0], clauses[-1][1])
        opening = fronted(text, clauses, in_sentence)
        if opening is not None:
            end = line_end(text, sentence[1])
            carried = (len(text) if end < 0 else end, opening)
        clause = next(((a, b) for a, b in clauses if a <= q.number_start < b), sentence)

        # "Our trade is growing. In 2022, it reached $28 billion": "it" reaches back one sentence
        # for what is counted and whose it is.
        previous = previous_sentence = sentences[si - 1] if si > 0 else None
        if previous is not None and not _ANAPHORA.search(text[sentence[0] : q.start]):
            previous = None
        joined = pairs.get(q.start)
        unit = q.unit or (joined.second.unit if joined is not None else None)
        if unit is not None:
            q = dataclasses.replace(q, unit=unit)
            indicator = money_or_percent(text, q, clause, sentence, previous, voc)
            if indicator in _VAGUE:
                indicator = measured(text, sentence, q) or indicator
        else:
            # The first of a pair counts what the second counts: "40 to 45 bcm".
            if joined is not None and _refused(text, q, sentence[0]):
                continue
            counted = _bare(text, joined.second if joined else q, clause, sentence, voc, last)
            if (
                counted is None
                and last is not None
                and (change_from.get(q.start) == last[0] or listed_after.get(q.start) == last[0])
            ):
                # "from 633 million people in 2015 to 741 million": the change's second figure
                # counts what its first one counts; so does the next of a list, "the deaths of
                # about 1,000, 2,000, 3,000".
                counted = last[1]
            if counted is None and joined is None:
                counted = _elliptical(text, q, sentence, voc, claims, people=True)
            if (
                counted is None
                and local.own is not None
                and _unnamed_sum(text, q, sentence, previous_sentence)
            ):
                # "one hit costs around 200", "the mining industry gives us about 70 billion":
                # a sum in the document's own currency that the speaker did not name.
                q = dataclasses.replace(q, unit=local.own)
                unit = local.own
                indicator = money_or_percent(text, q, clause, sentence, None, voc)
                if indicator in _VAGUE:
                    indicator = measured(text, sentence, q) or indicator
            else:
                if counted is None and joined is None:
                    counted = _elliptical(text, q, sentence, voc, claims, people=False)
                if counted is None:
                    continue
                indicator, unit = counted.indicator, counted.unit
                last = (q.start, counted)
                if counted.factor != 1.0:
                    q = dataclasses.replace(q, value=q.value * counted.factor)
        qualified = qualifier(text, q.start, clause[0])
        if q.text.lower().endswith("plus"):
            qualified = qualified or "over"  # "thirty-plus attacks"
        if joined is not None and joined.is_range:
            ranges.add(joined.second.start)
            span = f"range to {text[joined.second.number_start : joined.second.end]}"
            qualified = f"{qualified}, {span}" if qualified else span

        # A range is one figure: "40 to 45 bcm in 2023" owns its year.
        numbers = [
            (o.start, pairs[o.start].second.end if pairs[o.start].is_range else o.end)
            if o.start in pairs
            else (o.start, o.end)
            for o in figures_at.starting(sentence[0], sentence[1])
            if o.start not in range_seconds
        ]
        when = period(text, q, clauses, in_sentence, doc.published, numbers, changes.get(q.start))
        if (
            when is None
            and carried is not None
            and q.start < carried[0]
            and not dated.between(sentence[0], sentence[1])
            and not _HABITUAL.search(text, sentence[0], sentence[1])
        ):
            when = carried[1]
        if (
            when is None
            and not dated.between(sentence[0], sentence[1])
            and not _HABITUAL.search(text, sentence[0], sentence[1])
        ):
            when = paragraph_year(text, q.start, times, doc.published, years)
        evidence = Evidence.of(doc, *sentence)
        # A count is the same figure only with the same words after it: "16 American companies"
        # and "16 major U.S. businesses" may be two.
        # The word after the number, its punctuation aside: "four million addicts." and "4
        # million addicts in my country" are one figure said twice.
        said = text[q.end : q.end + 40].split()[:1] if q.unit is None else []
        key = (q.value, unit, indicator, when, " ".join(said).lower().strip(".,;:!?)\"'’”"))
        same = stated.get(key)
        money = unit is not None and len(unit) == 3 and unit.isupper()
        # "$610 billion ... That $610 billion invested in war ...": a sum said again with a
        # determiner before it, or with no time of its own, is the sum said before.
        if (
            same is None
            and money
            and (q.value, unit) in sums
            and (when is None or _BACK.search(text, max(0, q.start - 12), q.start))
        ):
            same = sums[q.value, unit]
        if same is not None:
            # A figure said again ("the new $30 million in assistance") is the same claim: one
            # record, each sentence that states it as evidence.
            if all(e.start != evidence.start for e in claims[same].evidence):
                claims[same] = dataclasses.replace(
                    claims[same], evidence=(*claims[same].evidence, evidence)
                )
            continue
        stated[key] = len(claims)
        if money:
            sums.setdefault((q.value, unit), len(claims))
        turn = doc.turn_at(q.start)
        claims.append(
            Claim(
                id=content_id("claim", doc.id, q.start, q.end, q.value, unit),
                indicator=indicator,
                value=q.value,
                unit=unit,
                qualifier=qualified,
                period=when,
                subject=subject(
                    text,
                    (previous or sentence)[0],
                    sentence[1],
                    # every mention it can read: one ending just before the span to its end
                    mentions_at.over((previous or sentence)[0] - 4, sentence[1]),
                    pair,
                    q.start,
                ),
                speaker=turn.speaker if turn else (doc.speakers[0] if doc.speakers else None),
                evidence=(evidence,),
                said_in=turn.role if turn else None,
            )
        )
    return tuple(claims)


def stage(
    doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]
) -> dict[str, tuple[Claim, ...]]:
    """Pipeline stage ``claims.v1``: needs ``mentions`` and ``times``, adds ``claims``."""
    mentions = got.get("mentions", ())
    kb = ctx.kb if ctx is not None else None  # the stage's tests run it without a context
    local = local_currencies(document_states(doc, mentions, kb))
    times = got.get("times", ())
    if doc.language == "ru":
        ru = ctx.ru if ctx is not None else RussianLayer()
        return {"claims": find_claims_ru(doc, times, mentions, ru, local)}
    deadline = ctx.deadline if ctx is not None else None
    return {"claims": find_claims(doc, times, mentions, local, deadline)}
