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
    # The cue says the stance of its grammatical subject ("India is a vital partner"): the holder
    # is the speaker or the author, the subject the target.
    said_of: bool = False
    frame: bool = False  # it only introduces a stance said after it ("we believe that")


Labelled = tuple[tuple[str, bool, re.Pattern[str]], ...]


def _alternation(triples: list[tuple[str, bool, str]]) -> Labelled:
    groups: dict[tuple[str, bool], list[str]] = {}
    for label, said_of, cue in triples:
        groups.setdefault((label, said_of), []).append(cue)
    return tuple(
        (label, said_of, _any(tuple(cues), r"(?<![\w-])", r"(?![\w-])"))
        for (label, said_of), cues in groups.items()
    )


def _any(
    cues: tuple[str, ...], before: str = r"(?<!\w)", after: str = r"(?!\w)"
) -> re.Pattern[str]:
    return re.compile(before + "(?:" + "|".join(cues or ("(?!)",)) + ")" + after, re.I)


@dataclass(frozen=True, slots=True)
class _Compiled:
    stance: Labelled
    plan: Labelled
    courtesy: re.Pattern[str]
    discourse: re.Pattern[str]
    frame: re.Pattern[str]
    negation: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _patterns() -> _Compiled:
    vocab = stances()
    stance = _alternation(
        [(s.id, False, c) for s in vocab.stances.values() for c in s.cues]
        + [(s.id, True, c) for s in vocab.stances.values() for c in s.said_of]
    )
    plan = _alternation([(status, False, c) for status, cues in vocab.plans.items() for c in cues])
    negation = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in vocab.negations) + r")(?:\s+\w+)?\s*$",
        re.I,
    )
    return _Compiled(
        stance,
        plan,
        _any(vocab.courtesy + vocab.aid),
        _any(vocab.discourse),
        _any(vocab.frames, "^", "$"),
        negation,
    )


def _found(patterns: Labelled, text: str) -> list[Cue]:
    """Every label's matches, the longest kept where two overlap, so that "stressed the need"
    is a call and not the bare verb's support."""
    frame = _patterns().frame
    every = [
        Cue(m.start(), m.end(), label, said_of, frame.match(m.group()) is not None)
        for label, said_of, p in patterns
        for m in p.finditer(text)
    ]
    every.sort(key=lambda c: (c.start - c.end, c.start))
    kept: list[Cue] = []
    for c in every:
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def stance_cues(text: str) -> list[Cue]:
    return _found(_patterns().stance, text)


def plan_cues(text: str) -> list[Cue]:
    return _found(_patterns().plan, text)


def courtesy_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _patterns().courtesy.finditer(text)]


def discourse_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _patterns().discourse.finditer(text)]


def negated(text: str, at: int) -> bool:
    """Whether a negation stands right before offset ``at`` ("does not support", "never
    accepted")."""
    return _patterns().negation.search(text[max(0, at - 24) : at]) is not None
