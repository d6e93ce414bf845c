"""A state named by its adjective before a Russian title: "российский посол" -> Russia,
"китайский коллега" -> China (the adjective made from the state's Russian name, or the
``state_adjectives`` of ``posts.yaml``'s ``russian`` section where it is not)."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from bilateral.kb import KnowledgeBase
from bilateral.kb.vocabulary import read_data
from bilateral.lang.ru import RuToken
from bilateral.model import Mention


@functools.lru_cache(maxsize=1)
def _state_adjectives() -> dict[str, str]:
    data = read_data("posts.yaml").get("russian") or {}
    return {str(k): str(v) for k, v in (data.get("state_adjectives") or {}).items()}


def state_before(
    doc_id: str, toks: Sequence[RuToken], first: int, kb: KnowledgeBase
) -> Mention | None:
    """A state's adjective right before token ``first``: "российский посол" -> Russia."""
    if first == 0:
        return None
    t = toks[first - 1]
    if t.pos != "ADJF":
        return None
    state = _state_adjectives().get(t.lemma) or _state_by_adjective(kb, t.lemma)
    return Mention(doc_id, t.start, t.end, t.text, state, "country", "pattern") if state else None


def _state_by_adjective(kb: KnowledgeBase, lemma: str) -> str | None:
    """The state whose Russian name the adjective is made from: the one whose name shares the
    longest beginning with the adjective's stem, at least all of the name but its last two
    letters ("российский" - Россия, "китайский" - Китай, "монгольский" - Монголия)."""
    for ending in ("ский", "цкий"):
        if lemma.endswith(ending):
            stem = lemma[: -len(ending)]
            break
    else:
        return None
    best: list[tuple[int, str]] = []
    for word, state in _russian_state_words(kb):
        if word == lemma:
            return state
        n = _shared(word, stem)
        if n >= 4 and (n >= len(word) - 2 or n == len(stem)):
            best.append((n, state))
    if not best:
        return None
    top = max(n for n, _ in best)
    states = {s for n, s in best if n == top}
    return states.pop() if len(states) == 1 else None


def _shared(a: str, b: str) -> int:
    """How many letters two words share from their beginning."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


@functools.lru_cache(maxsize=4)
def _russian_state_words(kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    """Each state's Russian one-word names, and the adjectives that begin its longer ones
    ("Саудовская Аравия" -> "саудовский"), lower case, ё as е."""
    out = []
    for e in kb.entities.values():
        if e.type != "country":
            continue
        for alias in e.aliases:
            low = alias.lower().replace("ё", "е")
            if not any("а" <= c <= "я" for c in low):
                continue
            first = low.split()[0]
            if " " not in low:
                out.append((low, e.id))
            elif first.endswith(("ская", "цкая")):
                out.append((first[:-2] + "ий", e.id))
    return tuple(out)
