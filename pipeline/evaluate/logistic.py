"""A small L2-regularised logistic regression in numpy, for the fact-quality experiments
(``scripts/casualty_structural_loso.py``, which also writes the casualty-confidence weights, and
``scripts/speaker_ranker_loso.py``): standardised features plus a bias, full-batch gradient descent
from zero, so a fit is deterministic."""

from __future__ import annotations

import numpy as np

__all__ = ["fit", "predict"]

Model = tuple[np.ndarray, np.ndarray, np.ndarray]


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, epochs: int = 2000, lr: float = 0.5) -> Model:
    """Weights (the last one the bias), feature means and standard deviations."""
    mu, sd = x.mean(axis=0), x.std(axis=0) + 1e-9
    xs = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    w = np.zeros(xs.shape[1])
    for _ in range(epochs):
        p = 1 / (1 + np.exp(-(xs @ w)))
        w -= lr * (xs.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0])
    return w, mu, sd


def predict(model: Model, x: np.ndarray) -> np.ndarray:
    """Probabilities of the positive class for the rows of ``x``."""
    w, mu, sd = model
    return 1 / (1 + np.exp(-(np.hstack([(x - mu) / sd, np.ones((len(x), 1))]) @ w)))
