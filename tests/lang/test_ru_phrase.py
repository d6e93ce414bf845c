"""The English word order shared by the agreement names and the bodies' names in post titles,
on tokens written by hand (lemma, part of speech, case)."""

from __future__ import annotations

from collections.abc import Sequence

from bilateral.lang.ru import RuToken
from bilateral.lang.ru_phrase import EnglishPhrase, walk

_WORDS = {"совет": "council", "высший": "supreme", "наука": "science", "и": "and"}


def _toks(*words: tuple[str, str, str, str]) -> list[RuToken]:
    out, at = [], 0
    for text, lemma, pos, case in words:
        out.append(RuToken(at, at + len(text), text, lemma, pos, f"{pos} {case}", lemma))
        at += len(text) + 1
    return out


def _step(phrase: EnglishPhrase, toks: Sequence[RuToken], k: int) -> int | None:
    t = toks[k]
    english = _WORDS.get(t.lemma)
    if english is None:
        return None
    if t.pos == "ADJF":
        phrase.adjective(english, "gent" in t.tag)
    elif t.pos == "NOUN":
        phrase.noun(english, "gent" in t.tag)
    else:
        phrase.joiner(english)
    return 1


# "Высший совет науки и Франции": adjective before its noun, genitive noun as its "of".
_COUNCIL = _toks(
    ("Высший", "высший", "ADJF", "nomn"),
    ("совет", "совет", "NOUN", "nomn"),
    ("науки", "наука", "NOUN", "gent"),
    ("и", "и", "CONJ", ""),
    ("Франции", "франция", "NOUN", "gent"),
)


def test_adjective_waits_and_genitive_takes_of() -> None:
    phrase = walk(_COUNCIL[:3], {}, _step)
    assert phrase is not None
    assert phrase.done() == ["supreme", "council", "of", "science"]


def test_name_after_and_takes_no_of() -> None:
    phrase = walk(_COUNCIL, {_COUNCIL[4].start: (_COUNCIL[4].end, "France")}, _step)
    assert phrase is not None
    assert phrase.done() == ["supreme", "council", "of", "science", "and", "France"]


def test_name_in_any_case_after_a_noun() -> None:
    toks = _toks(("совет", "совет", "NOUN", "nomn"), ("Франция", "франция", "NOUN", "nomn"))
    names = {toks[1].start: (toks[1].end, "France")}
    genitive_only = walk(toks, names, _step)
    any_case = walk(toks, names, _step, names_any_case=True)
    assert genitive_only is not None and genitive_only.done() == ["council", "France"]
    assert any_case is not None and any_case.done() == ["council", "of", "France"]


def test_step_refuses_an_unknown_word() -> None:
    assert (
        walk(_toks(("совет", "совет", "NOUN", "nomn"), ("ООН", "оон", "NOUN", "gent")), {}, _step)
        is None
    )
