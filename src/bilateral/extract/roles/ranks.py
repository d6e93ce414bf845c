"""The force a military or police rank belongs to, where the text names no body for it.

"Corporal Jane Roe" in a report on the Philippine Army is a corporal of that army: a rank is
conferred by a force, and the document names the force it is about. The force is an
organisation mentioned in the document whose name holds a word of ``ranks.yaml``'s ``forces``
("Army", "Armed Forces", "Police"); a police rank ("Police Chief Inspector", "Superintendent")
takes a police force, any other rank an armed one. Of several, the one named in the rank's
sentence, else the nearest before it, else the first the document names. A unit or force in
brackets right after the holder's name ("Corporal Jane Roe (PSG)") is his, whatever it is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from bilateral.extract.roles.posts import is_rank
from bilateral.kb.vocabulary import posts
from bilateral.model import Document, Mention, Role


@functools.lru_cache(maxsize=1)
def _force_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words of any force's name, and of a police force's."""
    vocab = posts()
    police = [f for f in vocab.forces if _police_word(f)]
    # The force word ends the name or comes before its "of": "... Air Force Base" is a place.
    end = r")(?:[ \t\xa0]+of\b.*)?\Z"
    any_force = re.compile(r"\b(?:" + "|".join(map(re.escape, vocab.forces)) + end)
    police_force = re.compile(r"\b(?:" + "|".join(map(re.escape, police)) + end)
    return any_force, police_force


def _police_word(word: str) -> bool:
    return word.lower() in ("police", "constabulary", "gendarmerie")


@functools.lru_cache(maxsize=1)
def _police_ranks() -> frozenset[str]:
    return frozenset(r.lower() for r in posts().police_ranks)


def is_police_rank(title: str) -> bool:
    """ "Police Senior Superintendent", "Inspector": ranks a police force confers."""
    words = title.lower().split()
    return "police" in words or any(
        " ".join(words[i:]) in _police_ranks() for i in range(len(words))
    )


def with_forces(doc: Document, roles: Sequence[Role], mentions: Sequence[Mention]) -> list[Role]:
    """The roles, a rank without a body given the force the document names for it."""
    any_force, police_force = _force_words()
    forces = sorted(
        (m for m in mentions if m.type == "organization" and any_force.search(m.text)),
        key=lambda m: m.start,
    )
    if not forces:
        return list(roles)
    police = [m for m in forces if police_force.search(m.text)]
    armed = [m for m in forces if not police_force.search(m.text)]
    orgs = {m.start: m for m in mentions if m.type == "organization"}
    out = []
    for r in roles:
        if r.of is not None or r.source != "text" or not is_rank(r.title):
            out.append(r)
            continue
        force = _bracketed(doc.text, r.evidence[0].end, orgs) or _nearest(
            doc, police if is_police_rank(r.title) else armed, r.evidence[0].start
        )
        out.append(r if force is None else replace(r, of=force.entity))
    return out


_OPEN = re.compile(r"[ \t\xa0]*\([ \t\xa0]*")
_CLOSE = re.compile(r"[ \t\xa0]*\)")


def _bracketed(text: str, end: int, orgs: dict[int, Mention]) -> Mention | None:
    """ "Corporal Jane Roe (PSG)": the unit or force in brackets right after the holder's name."""
    opened = _OPEN.match(text, end)
    org = orgs.get(opened.end()) if opened is not None else None
    return org if org is not None and _CLOSE.match(text, org.end) else None


def _nearest(doc: Document, forces: Sequence[Mention], at: int) -> Mention | None:
    if not forces:
        return None
    sent = doc.sentence_at(at)
    if sent is not None:
        inside = [m for m in forces if sent.start <= m.start < sent.end]
        if inside:
            return min(inside, key=lambda m: abs(m.start - at))
    before = [m for m in forces if m.start < at]
    return before[-1] if before else forces[0]
