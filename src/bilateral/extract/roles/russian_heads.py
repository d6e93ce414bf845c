"""A state's head named by description: "глава американского государства", "на пост главы
Белорусского государства", "главы государства Российского".

The words name no person, but they name a post of one state, and where the text has given
exactly one person a head of state's post of that state ("Президент Республики Беларусь
Александр Лукашенко"; a head of government's is not one, ``heads_of_government`` in
``posts.yaml``), that person is the one meant: he is the state's "Head of State" too.
A description of a state whose head the text does not name, or names several of, gives nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from bilateral.extract.roles.russian_states import state_before
from bilateral.kb import KnowledgeBase
from bilateral.kb.vocabulary import posts, read_data
from bilateral.lang.ru import RussianLayer, RuToken
from bilateral.model import Document, Evidence, Mention, Role

_TITLE = "Head of State"


def heads_by_description(
    doc: Document,
    kb: KnowledgeBase,
    mentions: Sequence[Mention],
    found: Sequence[Role],
    ru: RussianLayer,
) -> list[Role]:
    """ "Head of State" roles for the descriptions of a state's head the text resolves."""
    government = {str(w).lower() for w in read_data("posts.yaml").get("heads_of_government") or ()}
    heads = {w.lower() for w in posts().heads_of_state} - government
    holders: dict[str, set[str]] = {}
    for r in found:
        if r.of is not None and r.source == "text" and _is_head(r.title, heads):
            holders.setdefault(r.of, set()).add(r.person)
    if not holders:
        return []
    first: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.type == "person":
            first.setdefault(m.entity, m)
    toks = ru.read(doc).tokens
    out: list[Role] = []
    for i, t in enumerate(toks):
        if t.lemma != "глава":
            continue
        got = _description(doc.id, toks, i, kb)
        if got is None:
            continue
        state, end = got
        who = holders.get(state, set())
        if len(who) != 1:
            continue
        person = next(iter(who))
        ev = [Evidence.of(doc, t.start, toks[end - 1].end)]
        if person in first:
            ev.append(Evidence.of(doc, first[person].start, first[person].end))
        out.append(Role(person, _TITLE, state, doc.published, tuple(ev), "text"))
    return out


def _is_head(title: str, heads: set[str]) -> bool:
    low = title.lower()
    return any(low == h or low.startswith(h + " of ") for h in heads)


def _description(
    doc_id: str, toks: Sequence[RuToken], i: int, kb: KnowledgeBase
) -> tuple[str, int] | None:
    """The state of "глава [ADJ] государства [ADJ]" at token ``i`` and the index after it."""
    k = i + 1
    state = None
    if k < len(toks) and toks[k].pos == "ADJF":
        state = state_before(doc_id, toks, k + 1, kb)
        k += 1
    if k >= len(toks) or toks[k].lemma != "государство" or "sing" not in toks[k].tag:
        return None
    k += 1
    if state is None and k < len(toks) and toks[k].pos == "ADJF":
        state = state_before(doc_id, toks, k + 1, kb)
        k += 1
    return (state.entity, k) if state is not None else None
