"""The fact experiments' logistic regression (pipeline/evaluate/logistic.py) and the sample choice that
lets scripts/casualty_structural_loso.py --write rebuild the committed weights after later samples."""

import numpy as np

from pipeline.evaluate import logistic


def test_fit_is_deterministic_and_separates():
    rng = np.random.default_rng(5)
    x = rng.normal(size=(200, 3))
    y = (x[:, 0] - 0.5 * x[:, 2] > 0).astype(np.float64)
    a, b = logistic.fit(x, y, epochs=300), logistic.fit(x, y, epochs=300)
    assert all(np.array_equal(u, v) for u, v in zip(a, b))
    p = logistic.predict(a, x)
    assert ((p > 0.5) == (y == 1)).mean() > 0.95
    assert a[0][0] > 0 > a[0][2]  # standardised weights keep the signs of the rule


def test_write_defaults_to_the_samples_the_committed_weights_name():
    import json

    from scripts import casualty_structural_loso as csl

    trained = json.loads(csl.WEIGHTS.read_text(encoding="utf-8"))["trained_on"]
    assert csl._samples(None) == set(trained.rsplit(" of samples ", 1)[1])
    assert csl._samples("all") is None and csl._samples("AB") == {"A", "B"}
