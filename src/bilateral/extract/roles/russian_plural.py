"""A title in the plural before lists of states and names: "Президенты России и Казахстана
Владимир Путин и Касым-Жомарт Токаев", "с министрами иностранных дел Египта и Иордании Бадром
... и Айманом ...", "сопредседатели комиссии Иван Петров и Пётр Иванов".

Russian lists the holders in the order of the states, so the n-th name holds the post of the
n-th state; with one state or none, every name of the list holds the same post. The lists are
read from the mentions right after the title (joined by "и" or a comma, nothing else between),
and the names must agree with the title in case (``russian_complement.agrees``): a list that
does not is no apposition ("министры иностранных дел России и Китая провели ... Лавров").
Lists of different lengths (two states, three names) give nothing: who holds what is unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bilateral.extract.roles.russian_complement import agrees, complement_run
from bilateral.lang.ru import RussianLayer, RuToken
from bilateral.model import Mention

_JOINS = frozenset(("и", ","))
_HEAD_POS = frozenset(("NOUN", "PRTF"))


@dataclass(frozen=True)
class PluralPost:
    first: int  # token index of the title
    last: int  # one past the title's last token
    title: Any  # the vocabulary's RuTitle
    pairs: tuple[tuple[Mention, Mention | None], ...]  # (holder, state or None)
    end: int  # token index after the list of names


def _listed(
    toks: Sequence[RuToken], k: int, at: Mapping[int, Mention], kind: str
) -> tuple[list[Mention], int]:
    """Mentions of one kind from token ``k``, joined by "и" or commas; the index after them."""
    out: list[Mention] = []
    while k < len(toks):
        m = at.get(toks[k].start)
        if m is None or m.type != kind:
            break
        out.append(m)
        n = k
        while n < len(toks) and toks[n].start < m.end:
            n += 1
        if n < len(toks) and toks[n].text.lower() in _JOINS and n + 1 < len(toks):
            nxt = at.get(toks[n + 1].start)
            if nxt is not None and nxt.type == kind:
                k = n + 1
                continue
        k = n
        break
    return out, k


def plural_post(
    toks: Sequence[RuToken],
    i: int,
    find_title: Callable[[Sequence[RuToken], int], tuple[int, Any] | None],
    at: Mapping[int, Mention],
    ru: RussianLayer,
) -> PluralPost | None:
    """The plural post at token ``i`` with the holders its lists name, if any."""
    got = find_title(toks, i)
    if got is None:
        return None
    n, title = got
    head = next((t for t in toks[i : i + n] if str(t.pos) in _HEAD_POS), toks[i + n - 1])
    if "plur" not in head.tag:
        return None
    states, k = _listed(toks, i + n, at, "country")
    if not states:
        # "сопредседатели комиссии Иван Петров и Пётр Иванов": words of what the post is of
        k = complement_run(toks, k, ru, at) or k
    persons, end = _listed(toks, k, at, "person")
    if len(persons) < 2 or not all(agrees(head, p, ru, number=False) for p in persons):
        return None
    if len(states) <= 1:
        state = states[0] if states else None
        pairs = tuple((p, state) for p in persons)
    elif len(states) == len(persons):
        pairs = tuple(zip(persons, states, strict=True))
    else:
        return None
    return PluralPost(i, i + n, title, pairs, end)
