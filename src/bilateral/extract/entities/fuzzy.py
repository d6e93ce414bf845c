"""Spelling variants of one person's name: "Nazerbayev" for "Nazarbayev", "Erzhan" for
"Yerzhan", "Tokaev" for "Tokayev". Transliterations from Cyrillic and typing slips differ from the
name they stand for by one letter in a word long enough that one letter cannot make another
name; they join that name, first among the names of the same document, then among the KB's.

Variants are found through one-letter deletions (the symmetric-delete method): two words within
one edit share a deletion, so the lookup stays a few dictionary probes per word however large
the KB grows.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping

from bilateral.kb import KBEntity, KnowledgeBase, normalize_name

# Shorter words differ by one letter from other names too often ("Ivanov"/"Ivanova" aside,
# "Rahman"/"Rahmon" are two people): only words of this length or more may vary.
MIN_LENGTH = 6


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def within_one(a: str, b: str) -> bool:
    """Whether two words differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def same_word(a: str, b: str) -> bool:
    """The same word, or a variant: one letter changed in a long word, but not a feminine "-a"
    ("Ivanov" and "Ivanova" are two people)."""
    if a == b:
        return True
    if a + "a" == b or b + "a" == a:
        return False
    return min(len(a), len(b)) >= MIN_LENGTH and within_one(a, b)


def same_name(a: str, b: str) -> bool:
    """Two names of as many words, each the same or a variant of the other's, one at least
    long enough to vary ("Nursultan Nazerbayev" ~ "Nursultan Nazarbayev")."""
    wa, wb = normalize_name(a).split(), normalize_name(b).split()
    return len(wa) == len(wb) and all(same_word(x, y) for x, y in zip(wa, wb, strict=True))


class SurnameIndex:
    """KB persons by the one-letter deletions of their surnames."""

    def __init__(self, people: Iterable[KBEntity]) -> None:
        index: dict[str, set[str]] = defaultdict(set)
        self._people: dict[str, KBEntity] = {}
        for e in people:
            words = normalize_name(e.name).split()
            if len(words) < 2 or len(words[-1]) < MIN_LENGTH:
                continue
            self._people[e.id] = e
            for d in _deletions(words[-1]):
                index[d].add(e.id)
        self._index: Mapping[str, set[str]] = dict(index)  # read only after this

    def variants(self, name: str) -> list[KBEntity]:
        """KB persons whose full name `name` spells with at most one letter changed per word."""
        words = normalize_name(name).split()
        if len(words) < 2 or len(words[-1]) < MIN_LENGTH:
            return []
        ids: set[str] = set()
        for d in _deletions(words[-1]):
            ids |= self._index.get(d, frozenset())
        return [
            e
            for i in sorted(ids)
            if (e := self._people[i]) is not None
            and any(same_name(name, form) for form in (e.name, *e.aliases))
        ]


@functools.lru_cache(maxsize=4)
def surname_index(kb: KnowledgeBase) -> SurnameIndex:
    """The index for `kb`, built on first use (once per knowledge base)."""
    return SurnameIndex(e for e in kb.entities.values() if e.type == "person")
