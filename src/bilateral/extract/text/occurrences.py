"""Where a word occurs in a document, found once per document rather than once per question.

Stages ask of many candidate names "does this word occur elsewhere, capitalised, in lower case?"
A regular expression over the whole text answers one question in time linear in the document,
so a document with many candidates cost time quadratic in its length (a long single-paragraph
text took minutes). Here the text is cut into tokens once, and each question is a dictionary
lookup. Tokens are maximal runs of word characters and hyphens, so ``occurrences(text, "Foo")``
means what the pattern ``(?<![\\w-])Foo(?![\\w-])`` means; a word that is not one such run falls
back to that pattern.
"""

from __future__ import annotations

import re
from functools import lru_cache

_RUN = re.compile(r"[\w-]+")


@lru_cache(maxsize=2)
def _runs(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for m in _RUN.finditer(text):
        index.setdefault(m.group(), []).append(m.start())
    return index


def occurrences(text: str, word: str) -> list[int]:
    """Start offsets of ``word`` standing alone (not inside a longer run of letters, digits or
    hyphens), in text order."""
    if _RUN.fullmatch(word):
        return _runs(text).get(word, [])
    return [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]


def occurs_in_lower_case(text: str, word: str) -> bool:
    """Whether ``word`` written in lower case stands alone somewhere in the text."""
    low = word.lower()
    if _RUN.fullmatch(low):
        return bool(_runs(text).get(low))
    return re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text) is not None
