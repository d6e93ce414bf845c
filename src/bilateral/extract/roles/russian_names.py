"""English names for the states, regions and bodies a Russian post names, as the text words them.

A title keeps the text's form of the name it holds: "Президент Республики Беларусь" is the
"President of the Republic of Belarus", "Президент Белоруссии" the "President of Belarus";
"глава Чеченской Республики" the "Head of the Chechen Republic", "глава Чечни" the "Head of
Chechnya". The English forms are the KB's (its name, official names and aliases); the nouns
of a state's long form and their English words are the ``state_forms`` of ``posts.yaml``'s
``russian`` section. An entity the KB lacks keeps the English name the entities stage gave it
("Мурманская область" -> "Murmansk Oblast"), where it has one.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from bilateral.kb import KnowledgeBase
from bilateral.kb.vocabulary import read_data
from bilateral.lang.ru import RussianLayer

# English words that make a name a common noun's phrase, which takes "the" ("the Russian
# Federation", "the Chechen Republic", "the Sverdlovsk Region"), where a proper name alone
# ("Chechnya", "Murmansk Oblast") takes none.
_THE_WORDS = frozenset(
    "Republic Kingdom Federation States Emirates Sultanate Union Commonwealth Confederation "
    "Region District Territory Province Okrug".split()
)


@functools.lru_cache(maxsize=1)
def state_forms() -> Mapping[str, str]:
    """Lemma of a noun of a long form ("республика") -> its English word ("Republic")."""
    data = read_data("posts.yaml").get("russian") or {}
    return MappingProxyType({str(k): str(v) for k, v in (data.get("state_forms") or {}).items()})


@dataclass(frozen=True)
class EnglishNames:
    kb: KnowledgeBase
    ru: RussianLayer
    found: Mapping[str, str]  # entity id -> the document's name of an entity the KB lacks

    def name(self, entity: str, surface: str = "") -> str | None:
        """The English name of an entity in the form the text gives it (``surface``); None
        where neither the KB nor the document has an English one."""
        e = self.kb.get(entity)
        if e is None:
            got = self.found.get(entity)
            return got if got and got.isascii() else None
        if not e.name.isascii():
            return None
        english = [e.name, *(a for a in e.aliases if a.isascii())]
        said = surface.split()
        forms = state_forms()
        words = {forms[w] for w in (self.ru.lemma(t) for t in said) if w in forms}
        if not words:
            return e.name
        # The long form with the state noun the text has, as many words long as the text's
        # ("Соединённых Штатов Америки" -> "United States of America").
        longer = [a for a in english if words <= set(a.split())]
        if not longer:
            return e.name
        return min(longer, key=lambda a: (abs(_content(a) - len(said)), english.index(a)))

    def article(self, entity: str, name: str) -> str:
        """ "the " before a name that needs it: a body's, and a state's or region's long form."""
        e = self.kb.get(entity)
        kind = e.type if e is not None else entity.split(":", 1)[0]
        if kind in ("org", "organization"):
            return "the "
        first, *_ = name.split() or [""]
        return "the " if first == "United" or _THE_WORDS & set(name.split()) else ""


def _content(name: str) -> int:
    return sum(w not in ("of", "the", "and") for w in name.split())
