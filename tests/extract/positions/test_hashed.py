"""The hashed n-gram features of the positions classifier, and the sparse products its training
and scoring use."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bilateral.extract.positions import hashed
from bilateral.extract.positions.learned import LABELS, Classifier, load


def test_grams_are_words_stems_and_pairs() -> None:
    assert hashed.grams("Ministers will hold talks in 2031.") == [
        "b:hold talks",
        "b:in 0",
        "b:ministers will",
        "b:talks in",
        "b:will hold",
        "p:minis will",
        "s:minis",
        "w:0",
        "w:hold",
        "w:in",
        "w:ministers",
        "w:talks",
        "w:will",
    ]


def test_russian_words_share_a_stem() -> None:
    a = set(hashed.grams("Стороны поддерживают диалог."))
    b = set(hashed.grams("Поддержка диалога важна."))
    assert a & b == {"s:подде", "s:диало", "p:подде диало"}


def test_sparse_products_match_the_dense_matrix() -> None:
    sentences = ["We support the talks.", "", "Мы поддерживаем переговоры.", "It rained."]
    x = hashed.Sparse(sentences)
    dense = np.zeros((len(sentences), hashed.BUCKETS))
    for i in range(len(sentences)):
        for j in range(x.indptr[i], x.indptr[i + 1]):
            dense[i, x.indices[j]] += x.values[j]
    rng = np.random.default_rng(0)
    w = rng.random((hashed.BUCKETS, 3))
    g = rng.random((len(sentences), 3))
    assert np.allclose(x.dot(w), dense @ w)
    assert np.allclose(x.tdot(g), dense.T @ g)
    assert np.allclose(x.take([2, 0]).dot(w), dense[[2, 0]] @ w)
    assert np.allclose(np.linalg.norm(dense[0]), 1.0)


def test_a_hashed_classifier_saves_and_loads_as_hashed(tmp_path: Path) -> None:
    weights = np.zeros((hashed.BUCKETS, len(LABELS)), np.float32)
    weights[hashed.bucket("w:welcome"), LABELS.index("A")] = 8.0
    model = Classifier(weights, np.full(len(LABELS), -2.0, np.float32), "hashed")
    model.save(tmp_path)
    back = load(tmp_path)
    assert back.kind == "hashed"
    liked, fact = back.scores(["We welcome the talks.", "It rained all week."])
    assert liked["A"] > 0.5 > fact["A"]
    assert fact["A"] == liked["B"]
