"""Name normalisation shared by the knowledge base, the matcher and the scorer's comparison rule.

Two spellings of one name ("Nur-Sultan", "Nur Sultan"; "U.S.", "US"; "Côte d'Ivoire",
"Cote d’Ivoire"; "OPEC+", "OPEC Plus") must fold to the same key, and a leading article must
not matter ("the Russian Federation").
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Dashes and slashes separate words ("Nur-Sultan", "Kyzyl-Orda", "Russia/Kazakhstan"); other
# punctuation (full stops, apostrophes, quotes, brackets) joins them ("U.S." -> "us").
_SEPARATING = frozenset("/\\")
# "+" and "&" carry meaning in names ("OPEC+", "5+1", "Bosnia & Herzegovina"): spell them out.
_SPELLED = {"+": " plus ", "&": " and "}


def normalize_name(s: str) -> str:
    """Lower-case, strip diacritics, drop punctuation, fold dashes and space, drop a leading "the".

    >>> normalize_name("The Nur-Sultan  U.S. Côte d’Ivoire OPEC+")
    'nur sultan us cote divoire opec plus'
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", s):
        if unicodedata.combining(ch):
            continue
        if ch.isalnum():
            out.append(ch.lower())
            continue
        if ch in _SPELLED:
            out.append(_SPELLED[ch])
            continue
        category = unicodedata.category(ch)
        if category == "Pd" or ch in _SEPARATING or not category.startswith("P"):
            # Dashes, slashes, white space and other symbols separate words.
            out.append(" ")
        # Remaining punctuation is dropped.
    folded = _SPACES.sub(" ", "".join(out)).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded
