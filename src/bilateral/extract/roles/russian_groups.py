"""Groups a Russian text names by a plural post ("Совещание с постоянными членами Совета
Безопасности"), whose members a later sentence lists ("В совещании приняли участие ..."), and
the date a post is said to be held on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bilateral.lang.ru import RuToken
from bilateral.model import Document, Evidence, Mention, Role, TimeExpr


class GroupPost(Protocol):
    """What a group's post gives its members (``russian._Post``)."""

    first: int
    last: int
    title: str
    state: Mention | None
    body: Mention | None
    body_first: bool
    home_body: bool


def participants(toks: Sequence[RuToken]) -> bool:
    """ "В совещании приняли участие ...": a sentence that lists who took part."""
    return any(
        t.lemma == "участие" and n > 0 and toks[n - 1].lemma == "принять"
        for n, t in enumerate(toks)
    )


def listed_roles(
    doc: Document,
    toks: Sequence[RuToken],
    groups: Sequence[GroupPost],
    group_toks: Sequence[RuToken],
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    home: str | None,
) -> list[Role]:
    """Each person a participants' sentence lists holds the posts of the group the meeting was
    with; a name repeated as a card ("Михаил Мишустин Мишустин Михаил Владимирович") once."""
    lo, hi = toks[0].start, toks[-1].end
    # The list ends at its stop, even where the sentence runs on ("... транспорта . * * *
    # В.Путин: ...").
    said = next(n for n, t in enumerate(toks) if t.lemma == "участие")
    hi = next((t.start for t in toks[said:] if t.text in (".", "!", "?", ":", "*")), hi)
    persons = [m for m in mentions if m.type == "person" and lo <= m.start and m.end <= hi]
    patr = {t.end for t in toks if "Patr" in t.tag}
    out: list[Role] = []
    seen: set[str] = set()
    prev_end = -10
    for m in persons:
        card = m.end in patr and not doc.text[prev_end : m.start].strip()
        prev_end = m.end
        if card or m.entity in seen:
            continue
        seen.add(m.entity)
        for p in groups:
            of = p.body if p.body_first else p.state or p.body
            of_id = of.entity if of is not None else (home if p.home_body else None)
            start = group_toks[p.first].start
            end = group_toks[p.last - 1].end
            as_of = date_held(doc, times, m.start)
            out.append(
                Role(
                    m.entity,
                    p.title,
                    of_id,
                    as_of,
                    (Evidence.of(doc, start, end), Evidence.of(doc, m.start, m.end)),
                    "text",
                )
            )
    return out


def date_held(doc: Document, times: Sequence[TimeExpr], pos: int) -> str | None:
    """The date the sentence gives (the nearest one in it), else the document's own date."""
    sent = doc.sentence_at(pos)
    if sent is not None:
        inside = [
            t
            for t in times
            if sent.start <= t.start < sent.end and t.precision in ("day", "month", "year")
        ]
        if inside:
            return min(inside, key=lambda t: abs(t.start - pos)).value
    return doc.published
