"""The cue phrases of ``kb/data/stances.yaml`` compiled once: where a sentence states a stance,
a courtesy formula or a plan, as (start, end, label) spans."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from bilateral.kb.vocabulary import stances


@dataclass(frozen=True, slots=True)
class Cue:
    start: int  # offsets into the sentence
    end: int
    label: str  # a stance, or a plan status


Labelled = tuple[tuple[str, re.Pattern[str]], ...]


def _alternation(pairs: list[tuple[str, str]]) -> Labelled:
    groups: dict[str, list[str]] = {}
    for label, cue in pairs:
        groups.setdefault(label, []).append(cue)
    return tuple(
        (label, re.compile(r"(?<![\w-])(?:" + "|".join(cues) + r")(?![\w-])", re.I))
        for label, cues in groups.items()
    )


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[Labelled, Labelled, re.Pattern[str], re.Pattern[str]]:
    vocab = stances()
    stance = _alternation([(s.id, c) for s in vocab.stances.values() for c in s.cues])
    plan = _alternation([(status, c) for status, cues in vocab.plans.items() for c in cues])
    courtesy = re.compile(r"(?<!\w)(?:" + "|".join(vocab.courtesy) + r")(?!\w)", re.I)
    negation = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in vocab.negations) + r")(?:\s+\w+)?\s*$",
        re.I,
    )
    return stance, plan, courtesy, negation


def _found(patterns: Labelled, text: str) -> list[Cue]:
    """Every label's matches, the longest kept where two overlap, so that "stressed the need"
    is a call and not the bare verb's support."""
    every = [Cue(m.start(), m.end(), label) for label, p in patterns for m in p.finditer(text)]
    every.sort(key=lambda c: (c.start - c.end, c.start))
    kept: list[Cue] = []
    for c in every:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def stance_cues(text: str) -> list[Cue]:
    return _found(_patterns()[0], text)


def plan_cues(text: str) -> list[Cue]:
    return _found(_patterns()[1], text)


def courtesy_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _patterns()[2].finditer(text)]


def negated(text: str, at: int) -> bool:
    """Whether a negation stands right before offset ``at`` ("does not support", "never
    accepted")."""
    return _patterns()[3].search(text[max(0, at - 24) : at]) is not None
