"""The state of a post the text names without one ("Senator John Boozman", "he served as the
Minister of Defense"), for the posts a state confers.

1. The holder's own state: the one state his other posts say (in this document, or in his KB
   terms) he serves. A minister or ambassador holds his unstated posts of that state too.
2. Else the state whose bodies the text is about right there: the one state of the state bodies
   named in the post's sentence or, failing that, in one of the two sentences before it ("met
   with members of US Congress. During talks with Senators ..."). Envoys are left out: the body
   that receives an ambassador is not the state that sends him.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from bilateral.extract.roles.posts import word_pattern
from bilateral.kb import KnowledgeBase
from bilateral.kb.vocabulary import posts
from bilateral.model import Document, Mention, Role


@functools.lru_cache(maxsize=1)
def _kinds() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Posts a state confers (a person's "Minister", "Senator", "Ambassador" is of his own state),
    and posts whose holder one state sends to another (the bodies around them are the
    receiver's), from ``posts.yaml``."""
    vocab = posts()
    conferred = "|".join(word_pattern(w) for w in vocab.conferred_by_state)
    envoys = "|".join(
        word_pattern(w)
        + "".join(
            f"(?!{word_pattern(n[len(w) :])})"
            for n in vocab.not_envoys
            if len(n) > len(w) and n.lower().startswith(w.lower())
        )
        for w in vocab.envoys
    )
    return (
        re.compile(rf"\b(?:{conferred})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{envoys})\b", re.IGNORECASE),
    )


_LOOKBACK = 2  # sentences before the post's own that may say whose bodies these are


def fill_states(
    doc: Document, kb: KnowledgeBase, roles: Sequence[Role], mentions: Sequence[Mention]
) -> list[Role]:
    bodies = [(m.start, state) for m in mentions if (state := _body_state(kb, m)) is not None]
    out = []
    for r in roles:
        if r.of is not None or r.source != "text" or not _kinds()[0].search(r.title):
            out.append(r)
            continue
        state = _holder_state(kb, r.person, roles)
        if state is None and not _kinds()[1].search(r.title):
            state = _nearby_state(doc, bodies, r.evidence[0].start)
        out.append(r if state is None else replace(r, of=state))
    return out


def _state_of(kb: KnowledgeBase, entity: str | None) -> str | None:
    """A country, or the country of a state body."""
    e = kb.get(entity) if entity is not None else None
    if e is None:
        return None
    if e.type == "country":
        return e.id
    if e.type == "organization" and e.kind == "state_body":
        return e.country
    return None


def _body_state(kb: KnowledgeBase, m: Mention) -> str | None:
    return _state_of(kb, m.entity) if m.type == "organization" else None


def _holder_state(kb: KnowledgeBase, person: str, roles: Sequence[Role]) -> str | None:
    stated = [r.of for r in roles if r.person == person and r.of is not None]
    stated += [t.of for t in kb.terms_of(person)]
    states = {state for of in stated if (state := _state_of(kb, of)) is not None}
    return states.pop() if len(states) == 1 else None


def _nearby_state(doc: Document, bodies: Sequence[tuple[int, str]], pos: int) -> str | None:
    sent = doc.sentence_at(pos)
    if sent is None:
        return None
    i = doc.sentences.index(sent)
    for s in reversed(doc.sentences[max(0, i - _LOOKBACK) : i + 1]):
        end = pos if s is sent else s.end
        states = {state for start, state in bodies if s.start <= start < end}
        if states:
            return states.pop() if len(states) == 1 else None
    return None
