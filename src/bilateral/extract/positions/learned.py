"""The sentence classifier of the positions stage: logistic regressions over MiniLM sentence
embeddings (``encoder``) that say whether a sentence states a stance of each scoring group (A
approval, B opposition, C concern, D call) and whether it states a plan.

Trained by ``train/positions/train.py`` on the team's gold positions and plans; the weights, the
thresholds the stage uses and the leave-one-publisher-out scores are in
``models/positions/`` (``weights.npz``, ``training.json``).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bilateral.extract.positions.encoder import MODELS, embed

LABELS = ("A", "B", "C", "D", "PLAN")
# Only the training script sets this: it points the stage at a model trained without the
# publisher being scored (leave-one-publisher-out figures of the whole stage).
_OVERRIDE = "BILATERAL_POSITIONS_MODEL"


@dataclass(frozen=True)
class Classifier:
    weights: npt.NDArray[np.float32]  # 384 x labels
    bias: npt.NDArray[np.float32]  # labels

    def scores(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """Per sentence, each label's probability."""
        if not sentences:
            return []
        z = embed(sentences) @ self.weights + self.bias
        p = 1.0 / (1.0 + np.exp(-z))
        return [dict(zip(LABELS, (float(x) for x in row), strict=True)) for row in p]

    def save(self, path: Path) -> None:
        np.savez(path / "weights.npz", weights=self.weights, bias=self.bias)


def load(path: Path) -> Classifier:
    with np.load(path / "weights.npz") as z:
        return Classifier(z["weights"].astype(np.float32), z["bias"].astype(np.float32))


@functools.lru_cache(maxsize=1)
def _shipped(where: str) -> tuple[Classifier, dict[str, float]]:
    path = Path(where)
    meta = json.loads((path / "training.json").read_text(encoding="utf-8"))
    return load(path), {k: float(v) for k, v in meta["thresholds"].items()}


def classifier() -> tuple[Classifier, dict[str, float]]:
    """The shipped classifier and the stage's thresholds."""
    return _shipped(os.environ.get(_OVERRIDE) or str(MODELS))
