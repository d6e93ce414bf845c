"""Instruments' full names as the corpus writes them (``kb/data/agreements.generated.json``,
grown by ``python -m bilateral.kb.build_agreements``):

- a name found short is renamed to the full name that documents write most often around it
  ("the Rome Statute" -> "Rome Statute of the International Criminal Court", "the Millennium
  Declaration" -> "United Nations Millennium Declaration"), where the short name says which
  instrument it is (not "the Programme of Action") and the full name is common enough beside it;
- a full name the head-word rules missed is found where the text writes it as the corpus does;
- a short form the corpus defines beside one name ("IPEF", "TPNW") is that name.
"""

from __future__ import annotations

import bisect
import functools
import importlib.resources
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bilateral.extract.agreements.found import Found
from bilateral.kb.vocabulary import agreement_types

FILE = "agreements.generated.json"
# A full name replaces a short one only where documents write it at least this share as often.
SHARE = 0.05
_LEADING = re.compile(r"^(?:the\s+)?(?:(?:19|20)\d\d\s+)?", re.IGNORECASE)
_WORD = re.compile(r"[\w’'.+/-]+")
_CAPITAL = re.compile(r"\b(?:[A-Z]|\d{4}\b)")
_LINKS = frozenset("of on for to in against between concerning relating regarding at".split())
_GENERIC = frozenset(
    "united nations international general joint comprehensive strategic final additional "
    "national global regional new bilateral multilateral framework action understanding "
    "cooperation republic continuing economic development security peace trade the and".split()
)


@dataclass(frozen=True, slots=True)
class FullNames:
    names: Mapping[str, int]  # full name -> documents that write it
    by_first: Mapping[str, tuple[str, ...]]  # first word -> names, longest first
    by_word: Mapping[str, tuple[str, ...]]  # lower-case word -> names holding it
    acronyms: Mapping[str, str]  # short form -> full name
    lows: Mapping[str, tuple[str, ...]]  # full name -> its words, lower case


@functools.lru_cache(maxsize=1)
def full_names() -> FullNames:
    path = importlib.resources.files("bilateral.kb") / "data" / FILE
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    names: dict[str, int] = {str(k): int(v) for k, v in data.get("names", {}).items()}
    first: dict[str, list[str]] = {}
    by_word: dict[str, list[str]] = {}
    for n in names:
        first.setdefault(n.split()[0], []).append(n)
        for w in set(_lows(n)):
            by_word.setdefault(w, []).append(n)
    return FullNames(
        names=names,
        by_first={k: tuple(sorted(v, key=len, reverse=True)) for k, v in first.items()},
        by_word={k: tuple(v) for k, v in by_word.items()},
        acronyms={str(k): str(v) for k, v in data.get("acronyms", {}).items()},
        lows={n: tuple(_lows(n)) for n in names},
    )


def _lows(name: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(name)]


def _heads() -> frozenset[str]:
    at = agreement_types()
    return frozenset([*at.head_type, *at.named_type])


def _says_which(lows: Sequence[str]) -> bool:
    """A word that tells one instrument of a kind from another: "rome", "millennium"."""
    heads = _heads()
    return any(w not in heads and w not in _GENERIC and w not in _LINKS for w in lows)


def _type_of(name: str, fallback: str) -> str:
    at = agreement_types()
    lows = _lows(name)
    head = next((lows[i - 1] for i, w in enumerate(lows) if w in _LINKS and i > 0), lows[-1])
    return at.head_type.get(head) or at.named_type.get(head) or fallback


def longer(name: str) -> str | None:
    """The full name the corpus writes most often around ``name``, or None."""
    table = full_names()
    short = tuple(_lows(_LEADING.sub("", name)))
    if len(short) < 2 or not _says_which(short):
        return None
    own = table.names.get(_LEADING.sub("", name), 0)
    best: tuple[int, str] | None = None
    for n in table.by_word.get(short[-1], ()):
        lows = table.lows[n]
        if len(lows) <= len(short) or any(c.isdigit() for c in n):
            continue
        at = next(
            (i for i in range(len(lows) - len(short) + 1) if lows[i : i + len(short)] == short),
            None,
        )
        if at is None:
            continue
        count = table.names[n]
        if count >= SHARE * own and (best is None or count > best[0]):
            best = (count, n)
    return best[1] if best else None


def complete(text: str, spans: Sequence[tuple[int, int]], found: Sequence[Found]) -> list[Found]:
    """``found`` with short names renamed to their full names, then the corpus's full names
    and defined short forms that the text writes and nothing found covers."""
    out = [
        Found(f.start, f.end, full, f.type, f.sentence, f.own)
        if not f.own and (full := longer(f.name))
        else f
        for f in found
    ]
    table = full_names()
    starts = [s for s, _ in spans]

    def covered(a: int, b: int) -> bool:
        return any(f.start < b and a < f.end for f in out)

    def unit(at: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(starts, at) - 1
        return spans[i] if i >= 0 and at < spans[i][1] else None

    for m in _CAPITAL.finditer(text):
        a = m.start()
        word = _WORD.match(text, a)
        if word is None:
            continue
        first = word[0].rstrip(".,")
        for n in table.by_first.get(first, ()):
            b = a + len(n)
            if text.startswith(n, a) and not text[b : b + 1].isalnum() and not covered(a, b):
                where = unit(a)
                if where is not None and _says_which(_lows(n)):
                    out.append(Found(a, b, n, _type_of(n, "agreement"), where))
                break
        short = table.acronyms.get(first) if first == word[0].rstrip(".,") else None
        end = a + len(first)
        if short is not None and not covered(a, end) and text[end : end + 1] != "-":
            where = unit(a)
            if where is not None:
                out.append(Found(a, end, short, _type_of(short, "agreement"), where))
    return out
