"""The sentence classifier of the positions stage: logistic regressions over hashed word
features that say whether a sentence states a stance of each scoring group (A approval, B
opposition, C concern, D call) and whether it states a plan.

The features are the sentence's words, their first five letters (Russian inflects: "готовы",
"готовность" share "готов") and its word pairs, each hashed (CRC-32) into 2^20 slots; a
sentence's vector is the indicator of its features over the square root of their count. The
model is a few weight rows per seen feature: no encoder, no extra package, microseconds per
sentence, one model for English and Russian.

Trained by ``train/positions/train.py`` on the team's gold positions and plans; the weights, the
thresholds the stage uses and the leave-one-publisher-out scores are in ``models/positions/``
(``hashed.npz``, ``training.json``).
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

MODELS = Path(__file__).resolve().parent.parent / "models" / "positions"
LABELS = ("A", "B", "C", "D", "PLAN")
SLOTS = 1 << 20
_PREFIX = 5
_WORD = re.compile(r"\w+", re.U)
# Only the training script sets this: it points the stage at a model trained without the
# publisher being scored (leave-one-publisher-out figures of the whole stage).
_OVERRIDE = "BILATERAL_POSITIONS_MODEL"


def features(sentence: str) -> npt.NDArray[np.int64]:
    """The sentence's hashed feature slots, each once, sorted."""
    words = [w.lower() for w in _WORD.findall(sentence)]
    grams = [f"w {w}" for w in words]
    grams += [f"p {w[:_PREFIX]}" for w in words if len(w) > _PREFIX]
    grams += [f"b {a} {b}" for a, b in itertools.pairwise(words)]
    grams += [f"q {a[:_PREFIX]} {b[:_PREFIX]}" for a, b in itertools.pairwise(words)]
    return np.unique(np.fromiter((zlib.crc32(g.encode()) % SLOTS for g in grams), np.int64))


@dataclass(frozen=True)
class Classifier:
    slots: npt.NDArray[np.int64]  # the feature slots that carry a weight, sorted
    weights: npt.NDArray[np.float32]  # len(slots) x labels
    bias: npt.NDArray[np.float32]  # labels

    def scores(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """Per sentence, each label's probability."""
        out = []
        for s in sentences:
            f = features(s)
            z = self.bias.astype(np.float64).copy()
            if len(f):
                at = np.searchsorted(self.slots, f)
                at = at[at < len(self.slots)]
                hit = at[np.isin(self.slots[at], f)]
                z += self.weights[hit].sum(0) / np.sqrt(len(f))
            p = 1.0 / (1.0 + np.exp(-z))
            out.append(dict(zip(LABELS, (float(x) for x in p), strict=True)))
        return out

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path / "hashed.npz",
            slots=self.slots.astype(np.int32),
            weights=self.weights.astype(np.float16),
            bias=self.bias.astype(np.float32),
        )


def load(path: Path) -> Classifier:
    with np.load(path / "hashed.npz") as z:
        return Classifier(
            z["slots"].astype(np.int64),
            z["weights"].astype(np.float32),
            z["bias"].astype(np.float32),
        )


@functools.lru_cache(maxsize=4)
def _shipped(where: str) -> tuple[Classifier, dict[str, float]]:
    path = Path(where)
    if not (path / "hashed.npz").exists():  # no model: the rules alone
        empty = np.zeros(0, np.int64)
        off = np.zeros((0, len(LABELS)), np.float32)
        return Classifier(empty, off, np.zeros(len(LABELS), np.float32)), {}
    meta = json.loads((path / "training.json").read_text(encoding="utf-8"))
    return load(path), {k: float(v) for k, v in meta["thresholds"].items()}


def classifier() -> tuple[Classifier, dict[str, float]]:
    """The shipped classifier and the stage's thresholds (``stance``, ``plan``: the probability
    a sentence that no cue fires on needs to state a stance of a group, or a plan; above 1 the
    stage does not ask)."""
    return _shipped(os.environ.get(_OVERRIDE) or str(MODELS))
