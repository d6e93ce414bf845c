"""Name normalisation shared by the knowledge base, the matcher and the scorer's comparison rule.

Two spellings of one name ("Nur-Sultan", "Nur Sultan"; "U.S.", "US"; "Côte d'Ivoire",
"Cote d’Ivoire"; "OPEC+", "OPEC Plus") must fold to the same key, and a leading article must
not matter ("the Russian Federation").
"""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Dashes and slashes separate words ("Nur-Sultan", "Kyzyl-Orda", "Russia/Kazakhstan"); other
# punctuation (full stops, apostrophes, quotes, brackets) joins them ("U.S." -> "us").
_SEPARATING = frozenset("/\\")
# "+" and "&" carry meaning in names ("OPEC+", "5+1", "Bosnia & Herzegovina"): spell them out.
_SPELLED = {"+": " plus ", "&": " and "}


def _fold_char(ch: str) -> str:
    if ch.isalnum():
        return ch.lower()
    if ch in _SPELLED:
        return _SPELLED[ch]
    category = unicodedata.category(ch)
    if category == "Pd" or ch in _SEPARATING or not category.startswith("P"):
        # Dashes, slashes, white space and other symbols separate words.
        return " "
    return ""  # remaining punctuation is dropped


# ASCII text, most names, folds character by character with one table (the knowledge base's
# tens of thousands of forms are normalised at every load).
_ASCII = str.maketrans({chr(i): _fold_char(chr(i)) for i in range(128)})


# The knowledge base normalises each of its tens of thousands of forms in the overlay, the
# validation and the indexes; texts repeat the same names.
@functools.lru_cache(maxsize=1 << 16)
def normalize_name(s: str) -> str:
    """Lower-case, strip diacritics, drop punctuation, fold dashes and space, drop a leading "the".

    >>> normalize_name("The Nur-Sultan  U.S. Côte d’Ivoire OPEC+")
    'nur sultan us cote divoire opec plus'
    """
    if s.isascii():
        folded = " ".join(s.translate(_ASCII).split())
    else:
        out = [
            _fold_char(ch)
            for ch in unicodedata.normalize("NFKD", s)
            if not unicodedata.combining(ch)
        ]
        folded = _SPACES.sub(" ", "".join(out)).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


_TRANSLIT = (
    ("dzh", "j"), ("zh", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("tch", "ch"),
    ("ou", "u"), ("ye", "e"), ("yo", "o"), ("ie", "i"), ("ee", "i"), ("y", "i"), ("w", "v"),
    ("q", "k"),
)  # fmt: skip


def fold_word(word: str) -> str:
    """One spelling per transliteration of a name's word: "Tokayev" and "Tokaev", "Sergey" and
    "Sergei", "Kassym-Jomart" and "Kasymzhomart" fold alike (letters only, doubles made single)."""
    w = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if c.isalpha())
    for a, b in _TRANSLIT:
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)
