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
from bilateral.kb.publishers import load_publishers
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
    first: dict[str, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        if m.type == "person":
            first.setdefault(m.entity, m)
    # The heads the KB knows among the persons named, for the states the text leaves them
    # without one ("Владимир Путин посетил ..." states no post).
    for pid in first:
        for term in kb.terms_of(pid) if doc.published else ():
            if term.of and term.covers(doc.published or "") and _is_head(term.title, heads):
                holders.setdefault(term.of, set()).add(pid)
    if not holders:
        return []
    home = load_publishers().country(doc.publisher)
    toks = ru.read(doc).tokens
    out: list[Role] = []
    for i, t in enumerate(toks):
        if t.lemma != "глава":
            continue
        got = _description(doc.id, toks, i, kb)
        if got is not None:
            wanted = [got[0]]
            end = got[1]
        else:
            bare = _bare(toks, i)
            if bare is None:
                continue
            plural, end = bare
            # "Главы государств обсудили ...": every state's head the text names; "Главу
            # государства сопровождали ...": the publisher's own, as its texts call him.
            wanted = sorted(holders) if plural else [home] if home is not None else []
        for state in wanted:
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


def _bare(toks: Sequence[RuToken], i: int) -> tuple[bool, int] | None:
    """ "глава государства" or "главы государств" at token ``i`` with no state named after it:
    (plural, the index after it)."""
    k = i + 1
    if k >= len(toks) or toks[k].lemma != "государство":
        return None
    if k + 1 < len(toks) and toks[k + 1].pos in ("ADJF", "NOUN") and toks[k + 1].text[:1].isupper():
        return None  # "главы государства Российского": a state the description names
    plural = "plur" in toks[k].tag  # "государств": only a plural reads so
    return plural, k + 1


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
