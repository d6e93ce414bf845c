"""A small written-out number: a count, or the name of a set?

"two large oceans", "the five permanent members of the Security Council", "a commission of
three countries which will ..." and "the seven countries in the world to have been declared ..."
count things, and the gold counts them. "the two leaders", "our three nations", "the five Central
Asian states", "two worlds", "the first three goals" refer to a set the reader already knows (the
parties, a named group, an abstraction, a rank) and count nothing new.

The difference is in the noun phrase: a counted set is described, by a lower-case modifier
("large", "non-aligned", "permanent") or a complement after its noun ("of ...", "in the world",
"which ..."); a referred set is the bare noun after a determiner, or a noun under capitalised
modifiers only (a name: "Central Asian states", "Ministry representatives").
"""

from __future__ import annotations

from dataclasses import dataclass

from bilateral.extract.claims.numbers import Quantity
from bilateral.extract.text.sentences import Word, words_in

# Words that end the noun phrase after a number (the same as the counted-noun reader's).
_STOP = frozenset(
    "of in at on to with from for per by and or but that which who whom whose are is were was be "
    "been being have has had will would can could should may might must do does did than as into "
    "over under between among across through during since until against about within without "
    "this these those it they we its their our the a an not also each every while where when if "
    "so there here".split()
)
# What may follow the noun and describe the set: "of the Security Council", "in the world",
# "which will ...", "represented in ...".
_COMPLEMENT = frozenset(
    "of in at on from with across around between among within which that who whom whose where "
    "to".split()
)
# "all three countries" points back at a set as "the three countries" does.
_ARTICLES = frozenset("the these those all".split())
_POSSESSIVES = frozenset("our your their its his her my both".split())
# A rank before the number: "the first three goals", "the top five partners".
_RANKS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth top last next".split()
)
SMALL = 10  # the largest number this reading applies to


@dataclass(frozen=True, slots=True)
class NounPhrase:
    words: tuple[Word, ...]  # the words after the number, up to a stop word or punctuation
    complement: bool  # a complement follows: "of ...", "in the world", "which ..."


def phrase_after(text: str, q: Quantity, end: int) -> NounPhrase:
    words: list[Word] = []
    pos = q.end
    complement = False
    for w in words_in(text, q.end, min(end, q.end + 80)):
        gap = text[pos : w.start].strip()
        if words and "." in words[-1].low and gap.startswith("."):
            gap = gap[1:]
        if gap not in ("", "-"):
            break
        if w.low in _STOP or len(words) >= 6:
            complement = w.low in _COMPLEMENT or w.low.endswith("ed")
            break
        words.append(w)
        pos = w.end
    return NounPhrase(tuple(words), complement)


def _plural(low: str) -> bool:
    return len(low) >= 3 and low.endswith("s") and not low.endswith(("ss", "us", "'s"))


def described(text: str, np: NounPhrase) -> bool:
    """The phrase says more than its noun: a lower-case modifier ("two large oceans") or a
    complement after the noun ("four blocks of reforms"); not "two worlds"."""
    words = np.words
    head = next((i for i, w in enumerate(words) if _plural(w.low)), None)
    if head is None:
        return False
    if any(not text[w.start].isupper() for w in words[:head]):
        return True
    return np.complement and head == len(words) - 1


def refers_to_a_set(
    text: str, q: Quantity, before: Word | None, np: NounPhrase, parties: frozenset[str]
) -> bool:
    """True when the small spelled number ``q`` names a set rather than counting one."""
    if before is not None and text[before.end : q.start].strip() == "" and before.low in _RANKS:
        return True  # "the first three goals"
    words = np.words
    head = next((i for i, w in enumerate(words) if _plural(w.low)), None)
    if head is None:
        return False  # no plural noun: the counted-noun reader decides
    modifiers = words[:head]
    if modifiers and all(text[w.start].isupper() for w in modifiers):
        return True  # a named group: "five Central Asian states", "the five Ministry envoys"
    party = words[head].low in parties
    if before is not None and before.low in _POSSESSIVES and party:
        return True  # "our three nations": the parties of the text
    article = before is not None and before.low in _ARTICLES
    return (article or party) and not described(text, np)
