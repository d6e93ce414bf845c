"""Russian words as the stages compare them: the dictionary form (lemma) and the grammatical tag
of a word, from pymorphy3 (loaded once per process, on first use; each word form parsed once).

A Russian noun has a dozen forms ("договор", "договора", "договором"); vocabularies in
``kb/data`` list Russian words by their dictionary form, and the stages compare lemmas.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

RU_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*|\d+(?:[.,]\d+)?(?:-[А-Яа-яЁё]+)?")


@dataclass(frozen=True, slots=True)
class RuWord:
    start: int
    end: int
    text: str
    lemma: str
    pos: str | None  # NOUN, ADJF, VERB, NUMR, PREP ... (OpenCorpora tags), None for digits
    case: str | None  # nomn, gent, datv, accs, ablt, loct
    tense: str | None  # past, pres, futr for verbs


@functools.lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@functools.lru_cache(maxsize=65536)
def analyse(form: str) -> tuple[str, str | None, str | None, str | None]:
    """(lemma, part of speech, case, tense) of one word form, lower case; "ё" read as "е"."""
    low = form.lower().replace("ё", "е")
    if low[:1].isdigit():
        return low, None, None, None
    p = _morph().parse(low)[0]
    tag = p.tag
    return str(p.normal_form).replace("ё", "е"), tag.POS, tag.case, tag.tense


@functools.lru_cache(maxsize=16384)
def as_noun(form: str) -> tuple[str, str | None] | None:
    """(lemma, case) of the form read as a noun, where the dictionary allows it, though not as
    its likeliest reading ("саженцев" after a numeral): None when no reading is a noun."""
    low = form.lower().replace("ё", "е")
    for p in _morph().parse(low):
        if p.tag.POS == "NOUN":
            return str(p.normal_form).replace("ё", "е"), p.tag.case
    return None


def lemma(form: str) -> str:
    return analyse(form)[0]


def ru_words(text: str, start: int = 0, end: int | None = None) -> list[RuWord]:
    """The Russian words (and numbers) of ``text[start:end]`` with document offsets."""
    out = []
    for m in RU_WORD.finditer(text, start, len(text) if end is None else end):
        lem, pos, case, tense = analyse(m[0])
        out.append(RuWord(m.start(), m.end(), m[0], lem, pos, case, tense))
    return out


def is_russian(language: str | None) -> bool:
    return (language or "").lower().startswith("ru")
