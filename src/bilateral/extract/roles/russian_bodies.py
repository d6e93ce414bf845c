"""The English name of a body the KB does not know, from its Russian noun phrase, for the title
of a post of that body: "председатель Центрального духовного управления мусульман России" ->
"Chairman of the Central Spiritual Administration of Muslims of Russia".

The phrase is read noun phrase by noun phrase, as English orders it (``lang/ru_phrase.py``, which
the agreement names share):

1. Adjectives stay before their noun ("Центрального духовного управления" -> "Central
   Spiritual Administration").
2. A noun in the genitive after a noun is its "of" ("Федерация еврейских общин" -> "Federation
   of Jewish Communities"); "по" opens an "on" ("Комитет по аграрной политике"), "и" is "and".
3. A state or other name inside the phrase ("России") is its English name from the KB.
4. A noun in the plural takes the English plural ("мусульман" -> "Muslims").

The words are the ``bodies`` section of ``kb/data/ru_glossary.yaml`` (dictionary forms, English
in the singular). A phrase with a word the glossary lacks gets no English name: the title keeps
its bare head rather than a transliteration.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from bilateral.extract.roles.russian_names import EnglishNames
from bilateral.kb.vocabulary import read_data
from bilateral.lang.ru import RuToken
from bilateral.lang.ru_phrase import EnglishPhrase, walk
from bilateral.model import Mention

_CONNECTORS = MappingProxyType({"по": "on", "и": "and"})
_SMALL = frozenset(("of", "on", "and", "the"))


@functools.lru_cache(maxsize=1)
def body_words() -> Mapping[str, str]:
    """The ``bodies`` section of ``kb/data/ru_glossary.yaml``: lemma -> English word."""
    data = read_data("ru_glossary.yaml")
    return MappingProxyType({str(k): str(v) for k, v in (data.get("bodies") or {}).items()})


def plural(word: str) -> str:
    """The English plural of a noun of a body's name ("Community" -> "Communities")."""
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def english_body(toks: Sequence[RuToken], names: Mapping[int, tuple[int, str]]) -> str | None:
    """The English name of the body named by ``toks``; ``names``: the start offset of a name
    inside it -> (its end, English name). None where a word is not in the glossary."""
    # A name inside a body's name is its "of" whatever its case ("... мусульман России").
    phrase = walk(toks, names, _step, names_any_case=True)
    if phrase is None or phrase.waiting or not phrase.words or phrase.words[-1] in _SMALL:
        return None  # a word not in the glossary, or an adjective or "of" left hanging
    return " ".join(w if w in _SMALL else w[:1].upper() + w[1:] for w in phrase.words)


def _step(phrase: EnglishPhrase, toks: Sequence[RuToken], k: int) -> int | None:
    t = toks[k]
    low = t.text.lower()
    if low in _CONNECTORS and not phrase.waiting:
        phrase.joiner(_CONNECTORS[low])
        return 1
    english = body_words().get(t.lemma.replace("ё", "е"))
    if english is None:  # unlike an agreement's name, no transliteration: no name at all
        return None
    if t.pos in ("ADJF", "PRTF"):
        phrase.adjective(english, "gent" in t.tag)
    elif t.pos == "NOUN":
        phrase.noun(plural(english) if "plur" in t.tag else english, "gent" in t.tag)
    else:
        return None
    return 1


def body_in_english(
    toks: Sequence[RuToken], k: int, body: Mention, at: Mapping[int, Mention], names: EnglishNames
) -> str | None:
    """The English name of the body mentioned at ``toks[k]``, from its words and the English
    names of the states and bodies inside it (``at``: mentions by start offset)."""
    end = k
    while end < len(toks) and toks[end].start < body.end:
        end += 1
    inner: dict[int, tuple[int, str]] = {}
    for t in toks[k:end]:
        m = at.get(t.start)
        if m is not None and m is not body:
            name = names.name(m.entity, m.text)
            if name is None:
                return None
            inner[t.start] = (m.end, names.article(m.entity, name) + name)
    return english_body(toks[k:end], inner)
