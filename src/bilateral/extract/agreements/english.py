"""The English name of an agreement named in Russian, written the way the team's gold writes
them: "Договор между Российской Федерацией и Республикой X о стратегическом партнёрстве" ->
"Treaty on Strategic Partnership between Russia and X".

Word by word from the noun phrase's structure, with the glossary of ``kb/data/ru_glossary.yaml``:

1. Adjectives before the head, then the head ("Совместное заявление" -> "Joint Statement").
2. The complement in Russian order, in the English word order of ``lang/ru_phrase.py``: a
   preposition opens a phrase ("о" -> "on", "по итогам" -> "following"); adjectives stay before
   their noun; a noun in the genitive after a noun is its "of" ("модернизации ТЭЦ" ->
   "modernization of thermal power plant"); a state, body or person is its English name from
   the knowledge base; a word the glossary lacks is transliterated.
3. The parties ("between A and B") go last, as English names put them; a name without them takes
   the document's two main states, which the gold names with every bilateral instrument.
4. A quoted title is rendered and its head put after it ("программа «...»" -> "... Programme").
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bilateral.kb.vocabulary import read_data
from bilateral.lang.ru import RuToken
from bilateral.lang.ru_phrase import EnglishPhrase, walk
from bilateral.lang.translit import latin


@dataclass(frozen=True)
class Glossary:
    heads: Mapping[tuple[str, ...], str]
    prepositions: Mapping[tuple[str, ...], str]
    words: Mapping[tuple[str, ...], str]
    drop: frozenset[str]


@functools.lru_cache(maxsize=1)
def glossary() -> Glossary:
    """``kb/data/ru_glossary.yaml``, loaded once."""
    data = read_data("ru_glossary.yaml")

    def table(key: str) -> dict[tuple[str, ...], str]:
        return {tuple(str(k).split()): str(v) for k, v in data.get(key, {}).items()}

    return Glossary(
        table("heads"), table("prepositions"), table("words"), frozenset(data.get("drop", ()))
    )


_SMALL = frozenset("a an the and of on in for with to between following until against".split())
_QUOTES = frozenset('«»“”"')


def _longest(
    toks: Sequence[RuToken], i: int, table: Mapping[tuple[str, ...], str], text: bool = False
) -> tuple[str, int] | None:
    for n in (2, 1):
        key = tuple(t.text.lower() if text else t.lemma for t in toks[i : i + n])
        if len(key) == n and key in table:
            return table[key], n
    return None


def _title(words: Sequence[str]) -> str:
    out = [
        w if (w in _SMALL and k) or w[:1].isupper() else w[:1].upper() + w[1:]
        for k, w in enumerate(" ".join(words).split())
    ]
    return " ".join(out)


def english_name(
    toks: Sequence[RuToken],
    head: tuple[int, int],
    names: Mapping[int, tuple[int, str]],
    parties: Sequence[str] = (),
) -> str:
    """The English name of the Russian name ``toks``, whose head is ``toks[head[0]:head[1]]``.
    ``names``: the start offset of a named state, body or person -> (its end, English name)."""
    gl = glossary()
    quoted = [k for k, t in enumerate(toks) if t.text in _QUOTES]
    if len(quoted) >= 2 and not quoted[0] < head[0] < quoted[-1]:
        inner = _render(toks[quoted[0] + 1 : quoted[-1]], names, gl)
        return _title([*inner, _head(toks, head, gl)])
    if quoted:  # «черноморской инициативы»: the head inside the quotes
        first = head[0] - sum(q < head[0] for q in quoted)
        toks = [t for t in toks if t.text not in _QUOTES]
        head = (first, first + head[1] - head[0])
    before = _render(toks[: head[0]], names, gl)
    rest = _render(toks[head[0] + (head[1] - head[0]) :], names, gl)
    # "between A and B" after what the instrument is about, as English orders it.
    between: list[str] = []
    if "between" in rest:
        k = rest.index("between")
        stop = next((m for m in range(k + 1, len(rest)) if rest[m] in ("on", "following")), None)
        stop = len(rest) if stop is None else stop
        between, rest = rest[k:stop], rest[:k] + rest[stop:]
    elif len(parties) == 2:
        between = ["between", parties[0], "and", parties[1]]
    return _title([*before, _head(toks, head, gl), *rest, *between])


def _head(toks: Sequence[RuToken], head: tuple[int, int], gl: Glossary) -> str:
    found = _longest(toks, head[0], gl.heads)
    return found[0] if found else latin(" ".join(t.text for t in toks[head[0] : head[1]]))


def _render(
    toks: Sequence[RuToken], names: Mapping[int, tuple[int, str]], gl: Glossary
) -> list[str]:
    """English words for a run of the name, noun phrase by noun phrase ("визита Султана Омана":
    the Sultan of Oman); a word the glossary lacks is transliterated."""
    phrase = walk(toks, names, functools.partial(_step, gl))
    assert phrase is not None  # _step never refuses
    return phrase.done()


def _step(gl: Glossary, phrase: EnglishPhrase, toks: Sequence[RuToken], k: int) -> int:
    t = toks[k]
    pair = _longest(toks, k, gl.words)
    if pair is not None and pair[1] == 2:  # "за рубежом" -> abroad, "сельское хозяйство"
        phrase.noun(pair[0], genitive=False)
        return 2
    prep = _longest(toks, k, gl.prepositions, text=True) if str(t.pos) == "PREP" else None
    if prep is None and str(t.pos) == "PRTF":
        prep = _longest(toks, k, gl.prepositions)  # "касающейся" -> "on"
    if prep is not None:
        phrase.joiner(prep[0])
        return prep[1]
    if t.text.lower() == "и":
        phrase.joiner("and")
    elif t.lemma in gl.drop or str(t.pos) == "PNCT":
        pass
    elif str(t.pos) in ("ADJF", "PRTF") and "Apro" not in t.tag:
        word = _longest(toks, k, gl.words)
        phrase.adjective(word[0] if word else latin(t.text), "gent" in t.tag)
    elif str(t.pos) == "NOUN":
        word = _longest(toks, k, gl.words)
        phrase.noun(word[0] if word else latin(t.text), "gent" in t.tag)
    elif str(t.pos) in ("NUMB", "LATN", "UNKN"):
        phrase.joiner(t.text)
    return 1
