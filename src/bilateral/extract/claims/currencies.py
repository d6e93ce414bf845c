"""Which pesos, rupees or dinars a document means: the currency of its own state.

A document's states are its publisher's (the state ``kb/data/publishers.yaml`` gives it, then
those its name names: "Philippine Information Agency"), then the two countries its text names
most.
The shared names and their states are data: ``kb/data/currencies.yaml``.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bilateral.extract.claims.numbers import LocalCurrencies
from bilateral.extract.text.sentences import WORD
from bilateral.kb import KnowledgeBase
from bilateral.kb.publishers import load_publishers
from bilateral.kb.vocabulary import read_data
from bilateral.model import Document, Mention


@dataclass(frozen=True, slots=True)
class Shared:
    words: tuple[str, ...]
    symbols: tuple[str, ...]
    states: Mapping[str, str]  # ISO alpha-3 of a state -> ISO 4217 code
    default: str | None


@functools.lru_cache(maxsize=1)
def shared_currencies() -> tuple[Shared, ...]:
    data = read_data("currencies.yaml")
    return tuple(
        Shared(
            words=tuple(str(w).lower() for w in e["words"]),
            symbols=tuple(str(s) for s in e.get("symbols", ())),
            states={str(k): str(v) for k, v in e["states"].items()},
            default=e.get("default"),
        )
        for e in data["shared"]
    )


def _iso3(entity: str) -> str:
    return entity.rsplit(":", 1)[-1]


def publisher_states(publisher: str | None, kb: KnowledgeBase | None) -> list[str]:
    """The state the publishers' table gives a publisher ("Radio Television Malacañang" ->
    PHL), then the states its name names: "Philippine Information Agency" -> ["PHL"]."""
    if not publisher:
        return []
    home = load_publishers().country(publisher)
    found: list[str] = [_iso3(home)] if home else []
    if kb is None:
        return found
    words = WORD.findall(publisher)
    for i, word in enumerate(words):
        state = kb.country_by_adjective(word)
        if state is None:
            for n in (3, 2, 1):
                hits = [e for e in kb.lookup(" ".join(words[i : i + n])) if e.type == "country"]
                if hits:
                    state = hits[0]
                    break
        if state is not None and _iso3(state.id) not in found:
            found.append(_iso3(state.id))
    return found


def document_states(
    doc: Document, mentions: Sequence[Mention], kb: KnowledgeBase | None
) -> list[str]:
    counts = Counter(_iso3(m.entity) for m in mentions if m.type == "country")
    named = [s for s, _ in counts.most_common(2)]
    return list(dict.fromkeys([*publisher_states(doc.publisher, kb), *named]))


def local_currencies(states: Sequence[str]) -> LocalCurrencies:
    """Each shared name -> the currency of the first of ``states`` that uses it, else its
    default; a sign only where one of the states uses it; ``own`` the first state's currency."""
    words: dict[str, str | None] = {}
    symbols: dict[str, str] = {}
    # A sum that names no currency is in the document's first state's, and only that one: a
    # release that names Iraq second does not count in dinars.
    own: str | None = None
    for entry in shared_currencies():
        state = next((s for s in states if s in entry.states), None)
        if states and state == states[0]:
            own = entry.states[state]
        code = entry.states[state] if state is not None else entry.default
        for w in entry.words:
            words[w] = code
        if state is not None:
            for sym in entry.symbols:
                symbols[sym] = entry.states[state]
    return LocalCurrencies(words, symbols, own)
