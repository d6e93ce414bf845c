"""Cyrillic to Latin, to compare a Russian name with the English one of a knowledge-base record
("Касым-Жомарт Токаев" ~ "Kassym-Jomart Tokayev"). Not a standard romanisation: a key for a
similarity ratio, so letters that English spellings render several ways get their most common
rendering ("й" -> "y", "х" -> "kh", "ж" -> "zh"), and the caller folds both sides further.
"""

from __future__ import annotations

_TABLE = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
        "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
        "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
        "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
        "я": "ya", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
        "һ": "h", "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ј": "j",
    }
)  # fmt: skip


def latin(text: str) -> str:
    """Lower-case Latin letters for a Cyrillic text; other characters are kept as they are."""
    return text.lower().translate(_TABLE)
