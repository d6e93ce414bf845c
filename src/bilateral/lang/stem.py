"""Russian stems: Snowball's Russian stemmer (PyStemmer, C), about a million words a second.
The matching keys of lang/ru.py are the stems of lemmas, and the full-text index's ``stems``
column holds those keys (``store/migrations/0010_russian_stems.sql``), since SQLite's FTS5 has
no Russian stemmer.
"""

from __future__ import annotations

import functools
import re
from typing import Any

# A run of Cyrillic letters (hyphenated words are two words, as FTS5's tokenizer reads them).
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+")


@functools.lru_cache(maxsize=1)
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("russian")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC_WORD.search(text) is not None


def stem_word(word: str) -> str:
    """The Snowball stem of one Russian word, lower case, ё read as е ("Путиным" -> "путин")."""
    return str(_stemmer().stemWord(word.lower().replace("ё", "е")))


def russian_stems(text: str) -> str:
    """Every Cyrillic word of `text` as its stem, space-separated, in text order: what the
    index's stem column holds for a Russian document."""
    words = [w.lower().replace("ё", "е") for w in _CYRILLIC_WORD.findall(text)]
    return " ".join(_stemmer().stemWords(words))
