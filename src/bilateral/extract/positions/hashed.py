"""Cheap sentence features for the positions stage's classifier: hashed word n-grams.

A sentence becomes a sparse vector of ``BUCKETS`` hashed counts of what it says, English and
Russian alike: its lower-cased words, their first five letters (a stem of sorts: "поддерживаем"
and "поддержка", "commitment" and "committed"), and pairs of neighbouring words ("will hold",
"calls on"), each counted once and the whole scaled to unit length. The hash is CRC-32 (the same
in every process, unlike Python's ``hash``). Some microseconds a sentence, where e5 takes some
60 ms: cheap enough to ask about every sentence of every document.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

BUCKETS = 1 << 16
_STEM = 5
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*|\d+")
# A number says little of a stance by its value: every one is the same word.
_NUMBER = "0"


def grams(sentence: str) -> list[str]:
    """The features a sentence has (each once)."""
    words = [_NUMBER if w.isdigit() else w for w in _WORD.findall(sentence.lower())]
    out = {f"w:{w}" for w in words}
    out.update(f"s:{w[:_STEM]}" for w in words if len(w) > _STEM)
    out.update(f"b:{a} {b}" for a, b in itertools.pairwise(words))
    out.update(
        f"p:{a[:_STEM]} {b[:_STEM]}"
        for a, b in itertools.pairwise(words)
        if len(a) > _STEM or len(b) > _STEM
    )
    return sorted(out)


def bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (BUCKETS - 1)


class Sparse:
    """Sentences as compressed sparse rows: the buckets of row ``i`` are
    ``indices[indptr[i]:indptr[i+1]]``, each with weight ``values`` (equal within a row, the row
    of unit length)."""

    def __init__(self, sentences: Sequence[str]) -> None:
        indices: list[int] = []
        values: list[float] = []
        indptr = [0]
        for s in sentences:
            found = sorted({bucket(f) for f in grams(s)})
            indices.extend(found)
            values.extend([1.0 / max(len(found), 1) ** 0.5] * len(found))
            indptr.append(len(indices))
        self.indices: npt.NDArray[np.int64] = np.array(indices, dtype=np.int64)
        self.values: npt.NDArray[np.float64] = np.array(values, dtype=np.float64)
        self.indptr: npt.NDArray[np.int64] = np.array(indptr, dtype=np.int64)
        self._index()

    def _index(self) -> None:
        self.rows: npt.NDArray[np.int64] = np.repeat(
            np.arange(len(self), dtype=np.int64), np.diff(self.indptr)
        )

    def __len__(self) -> int:
        return len(self.indptr) - 1

    def dot(self, weights: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
        """This matrix times ``weights`` (BUCKETS x k)."""
        out = np.zeros((len(self), weights.shape[1]))
        for j in range(weights.shape[1]):  # one column at a time: gathers of 1-D arrays
            column = np.ascontiguousarray(weights[:, j], dtype=np.float64)
            out[:, j] = np.bincount(
                self.rows, weights=column[self.indices] * self.values, minlength=len(self)
            )
        return out

    def tdot(self, g: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """This matrix transposed times ``g`` (rows x k): BUCKETS x k."""
        out = np.zeros((BUCKETS, g.shape[1]))
        for j in range(g.shape[1]):
            column = np.ascontiguousarray(g[:, j])
            out[:, j] = np.bincount(
                self.indices, weights=column[self.rows] * self.values, minlength=BUCKETS
            )
        return out

    def take(self, which: Sequence[int] | npt.NDArray[np.int64]) -> Sparse:
        """The rows ``which`` as a new matrix."""
        out = Sparse.__new__(Sparse)
        parts = [np.arange(self.indptr[i], self.indptr[i + 1]) for i in which]
        at = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        out.indices = self.indices[at]
        out.values = self.values[at]
        out.indptr = np.concatenate([[0], np.cumsum([len(p) for p in parts])]).astype(np.int64)
        out._index()
        return out
