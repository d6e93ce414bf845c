"""English word order for a Russian noun phrase, written word by word: the part the agreement
names (``extract/agreements/english.py``) and the bodies' names in post titles
(``extract/roles/russian_bodies.py``) share.

``walk`` goes through the tokens and puts the names the caller found in; the caller's ``step``
decides what each other token is and what its English word is (from its own glossary, and what
to do with a word the glossary lacks). ``EnglishPhrase`` puts the words in English order, noun
phrase by noun phrase:

1. An adjective waits for its noun ("Центрального духовного управления" -> "Central Spiritual
   Administration").
2. A noun or adjective in the genitive right after a noun opens its "of" ("Федерация еврейских
   общин" -> "Federation of Jewish Communities").
3. A name from the knowledge base is a noun ("визита Султана Омана" -> "the Sultan of Oman").
4. A preposition or conjunction closes the phrase: no "of" after it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from bilateral.lang.ru import RuToken


class EnglishPhrase:
    """The English words of a Russian noun phrase, in English order, as the caller adds them."""

    def __init__(self) -> None:
        self.words: list[str] = []
        self.waiting: list[str] = []  # adjectives before their noun
        self.after_noun = False

    def _of(self, genitive: bool) -> bool:
        if self.after_noun and genitive and not self.waiting:
            self.words.append("of")
            return True
        return False

    def adjective(self, word: str, genitive: bool) -> None:
        """An adjective (or participle), held until its noun comes."""
        if self._of(genitive):
            self.after_noun = False
        self.waiting.append(word)

    def noun(self, word: str, genitive: bool) -> None:
        """A noun or a name, after its adjectives; ``genitive``: an "of" may come before it."""
        self._of(genitive)
        self.words += [*self.waiting, word]
        self.waiting, self.after_noun = [], True

    def joiner(self, word: str) -> None:
        """A word that closes the noun phrase (a preposition, "and", a number)."""
        self.words += [*self.waiting, word]
        self.waiting, self.after_noun = [], False

    def done(self) -> list[str]:
        """The words, with any adjective still waiting for its noun at the end."""
        return self.words + self.waiting


Step = Callable[[EnglishPhrase, Sequence[RuToken], int], int | None]
"""Adds the English of ``toks[k]`` (and of the tokens after it that go with it) to the phrase;
returns how many tokens it read, or None where the phrase has no English name."""


def walk(
    toks: Sequence[RuToken],
    names: Mapping[int, tuple[int, str]],
    step: Step,
    *,
    names_any_case: bool = False,
) -> EnglishPhrase | None:
    """The English of ``toks``, token by token through ``step``; ``names``: the start offset of a
    name inside them -> (its end, English name). A name after a noun is its "of" where the name
    is in the genitive, or in any case with ``names_any_case``. None where ``step`` refuses."""
    phrase = EnglishPhrase()
    k = 0
    while k < len(toks):
        t = toks[k]
        if t.start in names:
            end, name = names[t.start]
            phrase.noun(name, names_any_case or "gent" in t.tag)
            while k < len(toks) and toks[k].start < end:
                k += 1
            continue
        used = step(phrase, toks, k)
        if used is None:
            return None
        k += used
    return phrase
