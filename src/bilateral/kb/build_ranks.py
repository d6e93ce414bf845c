"""Military and police ranks grown from data, for kb/build.py: ``ranks.generated.json``.

The Phoenix agents dictionary (``lexicons/petrarch2/Phoenix.agents.txt``) lists the words for the
military (``[~MIL]``) and the police (``[~COP]``): ranks ("COLONEL", "BRIGADIER_GENERAL"), their
abbreviations ("GEN.", "BRIG._GEN."), but also forces, units and weapons ("ARMY", "F-16"). A
rank is what is written before a person's name, so the corpus decides:

1. a candidate is a rank when the corpus writes it, capitalised, right before a first name of
   the knowledge base's persons at least 3 times, and in at least a fifth of the times it writes
   its rarest word capitalised ("Colonel John", not "Army Chief"); the force words of the hand
   file (``ranks.yaml`` ``forces``) and the posts of ``posts.yaml`` are no ranks;
2. an abbreviation is a rank's when its letters run in order through the rank's words, each
   word's first letter first ("Brig. Gen." is "Brigadier General"), and through no other rank's.

``ranks.yaml`` stays the hand overlay: its ranks and abbreviations come first and win.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["SOURCE", "abbreviation_of", "agent_candidates", "rank_records"]

SOURCE = (
    "PETRARCH-2 Phoenix agents dictionary, military and police words (openeventdata/petrarch2; MIT)"
)
_ENTRY = re.compile(r"(\S+)\s*(?:\{[^}]*\})?\s*\[(~MIL|~COP)\]")
_FULL = re.compile(r"[A-Z]+(?:_[A-Z]+){0,2}")
_SHORT = re.compile(r"[A-Z]+\.(?:_[A-Z]+\.){0,2}")
MIN_BEFORE_NAMES = 3
MIN_SHARE = 0.2


def agent_candidates(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """(full words, abbreviations) of the dictionary's military and police entries, written as
    in a text ("Brigadier General", "Brig. Gen."); commented-out entries are skipped."""
    full: dict[str, None] = {}
    short: dict[str, None] = {}
    for line in lines:
        m = _ENTRY.match(line.split("#", 1)[0].strip())
        if m is None:
            continue
        word = m.group(1)
        if _FULL.fullmatch(word):
            full[" ".join(w.capitalize() for w in word.split("_"))] = None
        elif _SHORT.fullmatch(word):
            short[" ".join(w.capitalize() for w in word.split("_"))] = None
    return list(full), list(short)


def abbreviation_of(short: str, ranks: Iterable[str]) -> str | None:
    """The one rank whose words `short`'s words abbreviate, in order, first letters first."""

    def fits(a: str, w: str) -> bool:
        a, w = a.rstrip(".").lower(), w.lower()
        if not a or a[0] != w[0]:
            return False
        rest = iter(w[1:])
        return all(ch in rest for ch in a[1:])

    words = short.split()
    found = [r for r in ranks if len(r.split()) == len(words) and all(map(fits, words, r.split()))]
    return found[0] if len(found) == 1 else None


def rank_records(
    full: Iterable[str],
    short: Iterable[str],
    counts: Mapping[str, int],
    hand: Mapping[str, Any],
    posts: Iterable[str],
    known: Iterable[str] = (),
) -> dict[str, Any]:
    """``{"ranks": [...], "abbreviations": {...}}`` of what the data adds to the hand file;
    `posts`: the titles and modifiers of posts.yaml, `known`: its abbreviations."""
    hand_ranks = [str(r) for r in hand.get("ranks") or ()]
    hand_abbr = {str(k) for k in (hand.get("abbreviations") or {})} | set(known)
    no_rank = {str(f) for f in hand.get("forces") or ()} | set(posts)
    ranks = []
    for title in full:
        before = counts.get("<" + title, 0)
        written = min(counts.get(w, 0) for w in title.split())
        if title in no_rank or title in hand_ranks:
            continue
        if before >= MIN_BEFORE_NAMES and before >= MIN_SHARE * written:
            ranks.append(title)
    every = [*hand_ranks, *ranks]
    abbreviations = {}
    for s in short:
        rank = abbreviation_of(s, every)
        if rank is not None and s not in hand_abbr:
            abbreviations[s] = rank
    return {"ranks": sorted(ranks), "abbreviations": dict(sorted(abbreviations.items()))}
