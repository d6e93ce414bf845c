"""The verb lexicon of coded actions, loaded once from ``kb/data/actions.generated.json`` (written
by ``python -m bilateral.kb.build_actions`` from the CAMEO verb dictionary and the CAMEO to PLOVER
table) into frozen objects.

A CAMEO code names its PLOVER category through the table; a code the table lacks falls back on its
parent (``0873`` -> ``087`` -> ``08``-root default), and codes with no PLOVER category (CAMEO 01
statements, 02 appeals) have an empty one: such verbs only hand their clause on.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["INTENT_ADJECTIVES", "Block", "Code", "Form", "Lexicon", "Pattern", "lexicon"]

# Adjectives that say an intention of the clause they take: "is willing to withdraw" (CAMEO 030).
INTENT_ADJECTIVES = frozenset({"willing", "ready", "prepared", "committed", "determined", "eager"})


@dataclass(frozen=True, slots=True)
class Code:
    cameo: str
    plover: str  # "" where PLOVER codes nothing
    mode: str
    context: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Pattern:
    pre: tuple[tuple[str, ...], ...]  # words before the verb, each a set of alternatives
    post: tuple[tuple[str, ...], ...]  # words after it
    code: str

    @property
    def size(self) -> int:
        return len(self.pre) + len(self.post)


@dataclass(frozen=True, slots=True)
class Block:
    name: str
    code: str | None
    patterns: tuple[Pattern, ...]


@dataclass(frozen=True, slots=True)
class Form:
    block: str
    code: str | None  # the verb's own code, over its block's
    before: tuple[str, ...]  # words of a multi-word verb around the inflected one
    after: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    forms: Mapping[str, tuple[Form, ...]]
    blocks: Mapping[str, Block]
    table: Mapping[str, Code]
    coding_forms: frozenset[str]  # forms that can code a PLOVER category: sentences worth parsing
    # Per coding form, the word sequences one of which must follow it for it to code ("is" codes
    # only in "is determined"); none (an empty tuple): the form codes alone.
    coding_after: Mapping[str, tuple[tuple[str, ...], ...]]

    def code(self, cameo: str) -> Code:
        """The PLOVER reading of a CAMEO code, by the table or the nearest parent in it."""
        digits = "".join(ch for ch in cameo if ch.isdigit())
        exact = self.table.get(cameo)  # a manual's decision is keyed by a marked code ("0831r")
        if exact is not None:
            return Code(digits, exact.plover, exact.mode, exact.context)
        for n in range(len(digits), 1, -1):
            hit = self.table.get(digits[:n]) or self.table.get(digits[:n] + "0")
            if hit is not None:
                return Code(digits, hit.plover, hit.mode, hit.context)
        return Code(digits, "", "", ())


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    ref = importlib.resources.files("bilateral.kb") / "data" / "actions.generated.json"
    data = json.loads(ref.read_text(encoding="utf-8"))
    forms = {
        word: tuple(
            Form(f["block"], f["code"], tuple(f["before"]), tuple(f["after"])) for f in entries
        )
        for word, entries in data["forms"].items()
    }
    blocks = {
        name: Block(
            name,
            b["code"],
            tuple(
                Pattern(
                    tuple(tuple(alts) for alts in p["pre"]),
                    tuple(tuple(alts) for alts in p["post"]),
                    p["code"],
                )
                for p in b["patterns"]
            ),
        )
        for name, b in data["blocks"].items()
    }
    table = {
        code: Code(code, c["plover"], c["mode"].strip(), tuple(c["context"]))
        for code, c in data["codes"].items()
    }
    lex = Lexicon(
        MappingProxyType(forms),
        MappingProxyType(blocks),
        MappingProxyType(table),
        frozenset(),
        MappingProxyType({}),
    )

    @functools.cache
    def codes_something(code: str) -> bool:
        return bool(lex.code(code).plover)

    # Whether a block's patterns or its own code code a PLOVER category, once per block.
    block_codes = {
        name: any(codes_something(p.code) for p in b.patterns)
        or bool(b.code and codes_something(b.code))
        for name, b in blocks.items()
    }
    after: dict[str, tuple[tuple[str, ...], ...]] = {}
    for word, entries in forms.items():
        fits = [
            f.after
            for f in entries
            if block_codes.get(f.block, False) or bool(f.code and codes_something(f.code))
        ]
        if fits:
            after[word] = () if () in fits else tuple(dict.fromkeys(fits))
    after.update(dict.fromkeys(INTENT_ADJECTIVES, ()))
    return Lexicon(lex.forms, lex.blocks, lex.table, frozenset(after), MappingProxyType(after))
