"""The agreement-type vocabulary of ``kb/data/agreement_types.yaml``, loaded once: which words
head an instrument's name, how strongly, and which titles make a document an instrument itself.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml


@dataclass(frozen=True)
class Vocabulary:
    heads: Mapping[str, str]  # word -> type: a name in either case
    named: Mapping[str, str]  # word -> type: a name only within a proper name
    titled: Mapping[str, str]  # word -> type: a name only with a quoted title
    body_words: frozenset[str]
    own_title: re.Pattern[str]  # a title that makes the document an instrument

    def kind(self, word: str) -> str | None:
        """The type of any head word, strong or not."""
        return self.heads.get(word) or self.named.get(word) or self.titled.get(word)


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The agreement types of ``kb/data/agreement_types.yaml``, loaded once."""
    ref = importlib.resources.files("bilateral.kb") / "data" / "agreement_types.yaml"
    data: dict[str, Any] = yaml.load(ref.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    tables: dict[str, dict[str, str]] = {"heads": {}, "named": {}, "titled": {}}
    for tid, entry in data["types"].items():
        for field, table in tables.items():
            for word in entry.get(field) or ():
                word = str(word).lower()
                if any(word in t for t in tables.values()):
                    raise ValueError(f"agreement_types.yaml: {word!r} is listed twice")
                table[word] = str(tid)
    own = "|".join(f"(?:{p})" for p in data["own_titles"])
    return Vocabulary(
        heads=MappingProxyType(tables["heads"]),
        named=MappingProxyType(tables["named"]),
        titled=MappingProxyType(tables["titled"]),
        body_words=frozenset(str(w).lower() for w in data["body_words"]),
        own_title=re.compile(rf"^\W*(?:{own})\b", re.I),
    )
