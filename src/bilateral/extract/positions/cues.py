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


def _alternation(pairs: list[tuple[str, str]]) -> re.Pattern[str]:
    # One named group per label; the longest phrase first so that "call on" beats "call".
    groups: dict[str, list[str]] = {}
    for label, cue in pairs:
        groups.setdefault(label, []).append(cue)
    parts = [
        f"(?P<{label}>{'|'.join(sorted(cues, key=len, reverse=True))})"
        for label, cues in groups.items()
    ]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.I)


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    vocab = stances()
    stance = _alternation([(s.id, c) for s in vocab.stances.values() for c in s.cues])
    plan = _alternation([(status, c) for status, cues in vocab.plans.items() for c in cues])
    courtesy = re.compile(r"(?<!\w)(?:" + "|".join(vocab.courtesy) + r")(?!\w)", re.I)
    negation = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in vocab.negations) + r")(?:\s+\w+)?\s*$",
        re.I,
    )
    return stance, plan, courtesy, negation


def _found(pattern: re.Pattern[str], text: str) -> list[Cue]:
    out = []
    for m in pattern.finditer(text):
        label = m.lastgroup
        if label is not None:
            out.append(Cue(m.start(), m.end(), label))
    return out


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
