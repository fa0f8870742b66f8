"""Training of the tagger's convolutional network (:mod:`.neural`) with PyTorch (the ``train``
extra; only ``make train-ner`` and the cross-validation script import this module).

Deterministic: one thread, ``torch.use_deterministic_algorithms(True)``, a seeded generator for the
initial weights, the sentence order and dropout; the same data and settings give the same weights
bit for bit (``tests/extract/test_entities_neural.py``). The exported arrays are what
:class:`.neural.CnnWeights` reads.
"""

from __future__ import annotations

import numpy as np

__all__ = ["LABELS", "train_cnn", "export", "torch_log_probs", "jackknife_probs", "prob_attrs"]

LABELS = ["O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]


def _torch():
    import torch

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    return torch


def _net(din: int, hidden: int, dilations: list[int], drop: float):
    torch = _torch()
    nn = torch.nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.inp = nn.Linear(din, hidden)
            self.convs = nn.ModuleList([nn.Conv1d(hidden, hidden, 3, dilation=d, padding=d) for d in dilations])
            self.out = nn.Linear(hidden, len(LABELS))
            self.drop = nn.Dropout(drop)

        def forward(self, x, mask):  # x (B, T, din), mask (B, T, 1)
            h = torch.relu(self.inp(self.drop(x))) * mask
            for conv in self.convs:
                h = torch.relu(conv(self.drop(h).transpose(1, 2)).transpose(1, 2)) * mask
            return self.out(self.drop(h))

    return Net()


def _batch(torch, data, idx, din):
    t = max(len(data[i][0]) for i in idx)
    x = torch.zeros(len(idx), t, din)
    y = torch.full((len(idx), t), -100, dtype=torch.long)
    mask = torch.zeros(len(idx), t, 1)
    for r, i in enumerate(idx):
        xi, yi = data[i]
        x[r, :len(yi)] = torch.from_numpy(xi)
        y[r, :len(yi)] = torch.from_numpy(yi)
        mask[r, :len(yi)] = 1
    return x, y, mask


def train_cnn(sentences: list[tuple[list[str], list[str]]], encoder, hidden: int = 64,
              dilations: tuple[int, ...] = (1, 2, 1), epochs: int = 20, lr: float = 2e-3, drop: float = 0.25,
              batch: int = 32, seed: int = 11, gaz_dropout: float = 0.0, log=None) -> dict[str, np.ndarray]:
    """Train on ``(words, labels)`` sentences (the tagger's pieces) and return the exported arrays.
    ``gaz_dropout``: share of training sentences seen without gazetteer flags in each epoch."""
    torch = _torch()
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    lid = {lab: i for i, lab in enumerate(LABELS)}
    data = [(encoder.matrix(w), np.array([lid[lab] for lab in labs], dtype=np.int64))
            for w, labs in sentences if w]
    din = encoder.dim
    g0, g1 = encoder.vectors.dim, encoder.vectors.dim + len(encoder.gaz_names)
    net = _net(din, hidden, list(dilations), drop)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    for ep in range(epochs):
        net.train()
        order = torch.randperm(len(data), generator=gen).tolist()
        total = 0.0
        for k in range(0, len(order), batch):
            idx = order[k:k + batch]
            x, y, mask = _batch(torch, data, idx, din)
            if gaz_dropout:
                off = torch.rand(len(idx), generator=gen) < gaz_dropout
                x[off, :, g0:g1] = 0
            opt.zero_grad()
            z = net(x, mask)
            loss = loss_fn(z.reshape(-1, len(LABELS)), y.reshape(-1))
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
        if log:
            log(f"epoch {ep + 1}/{epochs} loss {total / len(data):.4f}")
    return export(net, dilations, encoder.gaz_names)


def export(net, dilations, gaz_names) -> dict[str, np.ndarray]:
    """The numpy arrays of a trained network (:class:`.neural.CnnWeights`; ``alpha`` set later)."""
    sd = {k: v.detach().numpy().astype(np.float32) for k, v in net.state_dict().items()}
    out = {"w_in": sd["inp.weight"].T.copy(), "b_in": sd["inp.bias"],
           "w_out": sd["out.weight"].T.copy(), "b_out": sd["out.bias"],
           "dilations": np.array(dilations, dtype=np.int64), "labels": np.array(LABELS, dtype=str),
           "gaz_names": np.array(list(gaz_names), dtype=str), "alpha": np.float64(1.0)}
    for k in range(len(dilations)):
        w = sd[f"convs.{k}.weight"]  # (out, in, 3)
        out[f"conv{k}"] = np.stack([w[:, :, j].T for j in range(3)])
        out[f"bconv{k}"] = sd[f"convs.{k}.bias"]
    out["_net"] = net  # dropped before saving; kept for the equality test
    return out


def save(arrays: dict, path) -> None:
    with open(path, "wb") as fh:
        np.savez(fh, **{k: v for k, v in arrays.items() if not k.startswith("_")})


def torch_log_probs(net, x_sents: list[np.ndarray]) -> list[np.ndarray]:
    """The torch network's log-probabilities per sentence (eval mode), for checking the numpy path."""
    torch = _torch()
    net.eval()
    out = []
    with torch.no_grad():
        for x in x_sents:
            xt = torch.from_numpy(x)[None]
            z = net(xt, torch.ones(1, len(x), 1))[0]
            out.append(torch.log_softmax(z, -1).numpy())
    return out


def jackknife_probs(sentences: list[tuple[list[str], list[str]]], encoder, folds: int = 5, log=None, **kw
                    ) -> list[np.ndarray]:
    """Label probabilities of every sentence from a network trained on the other ``folds - 1``
    contiguous folds (what a CRF trained on them sees is then as unsure as at run time)."""
    from pipeline.extract.entities.ner_data import fold_of
    from pipeline.extract.entities.neural import CnnWeights
    import tempfile
    from pathlib import Path

    n = len(sentences)
    out: list[np.ndarray | None] = [None] * n
    for j in range(folds):
        fit = [s for i, s in enumerate(sentences) if fold_of(i, n, folds) != j]
        arrays = train_cnn(fit, encoder, log=log, **kw)
        with tempfile.TemporaryDirectory() as d:
            save(arrays, Path(d) / "cnn.npz")
            w = CnnWeights(Path(d) / "cnn.npz")
        for i, (words, _) in enumerate(sentences):
            if fold_of(i, n, folds) == j:
                out[i] = np.exp(w.log_probs(encoder.matrix(words), [len(words)])) if words else np.zeros((0, 7))
        if log:
            log(f"jackknife fold {j + 1}/{folds} done")
    return out


def prob_attrs(p: np.ndarray) -> list[dict[str, float]]:
    """The CRF attributes of a sentence's network probabilities: ``nn:LABEL`` valued by the
    probability (the ``O`` column left out, it is one minus the rest)."""
    return [{"nn:" + LABELS[k]: float(row[k]) for k in range(1, len(LABELS)) if row[k] >= 0.01} for row in p]
