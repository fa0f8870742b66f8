"""The optional bidirectional LSTM of the tagger's network (stream ``ner7``,
``neural_train.train_cnn(rnn=…)``): its hand-written backpropagation through time agrees with
finite differences, training with it is deterministic, the deterministic sigmoid/tanh agree with
numpy's, and the run-time forward pass — all sentences of a chunk at once, one matrix product per
time step — equals the float64 reference run one sentence at a time, and each sentence run alone."""

import numpy as np
import pytest

from pipeline.extract.entities import neural_train as nt
from pipeline.extract.entities.neural import CnnScorer, CnnWeights

from tests.extract.test_entities_neural import SENTS, _encoder


def _loss_and_grads(par, dil, x, y, lens):
    return nt._step(par, dil, x, y, lens, None, 0.0)


@pytest.mark.parametrize("dilations", [(1, 2), ()])
def test_backprop_through_time_matches_finite_differences(monkeypatch, dilations):
    """Every weight's gradient (dense, convolutions, output, both LSTM directions) against central
    differences, on sentences of unequal lengths (the batch shrinks as short sentences end), with
    the rounding of the products switched off (it is a ~1e-6 relative perturbation)."""
    monkeypatch.setattr(nt, "quantize", lambda x, bits=20: x)
    rng = np.random.default_rng(0)
    par = nt._Params(np.random.default_rng(1), 5, 4, dilations, rnn=3)
    lens = [4, 1, 6, 2]
    x = rng.normal(size=(sum(lens), 5))
    y = rng.integers(0, len(nt.LABELS), size=sum(lens))
    grads, _ = _loss_and_grads(par, dilations, x, y, lens)
    arrays = par.arrays()
    assert len(grads) == len(arrays)
    assert len(par.rnn) == 6
    eps = 1e-5
    for p, g in zip(arrays, grads):
        assert g.shape == p.shape
        num = np.zeros_like(p)
        for j in np.ndindex(p.shape):
            old = p[j]
            p[j] = old + eps
            lp = _loss_and_grads(par, dilations, x, y, lens)[1]
            p[j] = old - eps
            lm = _loss_and_grads(par, dilations, x, y, lens)[1]
            p[j] = old
            num[j] = (lp - lm) / (2 * eps) / len(y)
        assert np.allclose(g, num, rtol=1e-4, atol=1e-9), (np.abs(g - num).max(), np.abs(num).max())


def test_deterministic_sigmoid_and_tanh():
    x = np.linspace(-45, 45, 20001)  # det_exp stops at exp(-50)
    assert np.allclose(nt.det_sigmoid(x), 1 / (1 + np.exp(-x)), rtol=1e-14, atol=1e-300)
    assert nt.det_sigmoid(np.array([-80.0]))[0] < 1e-21 and nt.det_sigmoid(np.array([80.0]))[0] == 1.0
    assert np.allclose(nt.det_tanh(x), np.tanh(x), rtol=0, atol=1e-15)


def test_time_steps_layout():
    starts, active = nt.time_steps([3, 1, 4])
    assert starts.tolist() == [4, 0, 3]  # longest first (stable among equals)
    assert active == [3, 2, 2, 1]
    assert nt.time_steps([])[1] == []


def _train(seed=3, dilations=(1, 2), epochs=3):
    return nt.train_cnn(SENTS, _encoder(), hidden=16, dilations=dilations, epochs=epochs, batch=2, seed=seed, rnn=6)


def test_training_with_the_lstm_is_deterministic():
    a, b = _train(), _train()
    keys = [k for k in a if not k.startswith("_")]
    assert "lstm_f_wh" in keys and "lstm_b_wx" in keys
    for k in keys:
        assert np.array_equal(a[k], b[k]), k
    for x, y in zip(a["_master"].arrays(), b["_master"].arrays()):
        assert np.array_equal(x, y)
    c = _train(seed=4)
    assert not np.array_equal(a["lstm_f_wh"], c["lstm_f_wh"])


@pytest.mark.parametrize("dilations", [(1, 2), ()])
def test_batched_forward_equals_per_sentence(tmp_path, dilations):
    """The run-time path over all sentences at once (float32, unequal lengths) equals the float64
    reference (one sentence at a time, one token at a time) and each sentence run alone."""
    arrays = _train(dilations=dilations)
    nt.save(arrays, tmp_path / "cnn.npz")
    w = CnnWeights(tmp_path / "cnn.npz")
    assert w.lstm is not None and w.w_out.shape[0] == 12
    enc = _encoder()
    sents = [s for s, _ in SENTS] + [["باريس"], ["قال", "كورت", "كفيورد", "في", "اوسلو", "امس", "قال", "مدرب"]]
    xs = [enc.matrix(s) for s in sents]
    want = np.concatenate(nt.reference_log_probs(arrays, xs))
    got = w.log_probs(np.concatenate(xs), [len(x) for x in xs])
    assert np.allclose(got, want, atol=1e-5)
    alone = np.concatenate([w.log_probs(x, [len(x)]) for x in xs])
    assert np.allclose(got, alone, atol=1e-6)
    # the scorer (first layer cached per word form) too, twice (cold, then cached)
    sc = CnnScorer(w, enc, list(w.labels), 1.0)
    for _ in range(2):
        assert np.allclose(sc.log_probs(sents), want, atol=1e-5)
    # the recurrence matters: a word's log-probabilities change with a far-away word
    far = [["قال"] * 9 + ["باريس"], ["كورت"] + ["قال"] * 8 + ["باريس"]]
    lp = w.log_probs(np.concatenate([enc.matrix(s) for s in far]), [10, 10])
    assert not np.allclose(lp[9], lp[19], atol=1e-7)
