"""Would a learned casualty filter transfer better than rules?  Leave-one-sample-out experiment.

Every judged casualty row of ``bench/facts_heldout_judgments.jsonl`` (samples A–L, judged on the
extractor of their time) becomes one example: bag of normalized words of the figure's sentence, of the
five words around the trigger, of the 400 characters before the sentence (prefixed so that they stay
apart), the event type and the figure's order of magnitude; the label is the verdict. A logistic
regression (numpy, L2, hashed features) is trained on all samples but one and applied to the one left
out; the threshold is the one that gives precision >= ``--target`` on the training samples. Reported per
held-out sample: precision of all rows, precision and share of the rows the filter keeps. Nothing here
changes the extractor; it measures whether the judged rows carry a signal that generalises across
samples (article text is read from the corpus, never written).

Usage::

    KHABAR_CORPUS=/work/shared/corpus/ant .venv/bin/python scripts/casualty_loso.py [--target 0.95]
"""

from __future__ import annotations

import argparse
import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.heldout_facts import load_judgments  # noqa: E402
from scripts.sample_facts import iter_corpus  # noqa: E402
from pipeline.text.normalize import normalize_key  # noqa: E402

DIM = 1 << 13


def _sentence(text: str, a: int, b: int) -> tuple[int, int]:
    s = max(text.rfind(c, 0, a) for c in ".!؟?\n") + 1
    ends = [i for i in (text.find(c, b) for c in ".!؟?\n") if i >= 0]
    return s, (min(ends) if ends else len(text))


def features(text: str, row: dict) -> list[str]:
    a, b = row["raw_start"], row["raw_end"]
    s0, s1 = _sentence(text, a, b)
    sent = normalize_key(text[s0:s1]).split()
    near = normalize_key(text[max(s0, a - 40) : min(s1, b + 40)]).split()
    ctx = normalize_key(text[max(0, s0 - 400) : s0]).split()
    fig = row.get("killed") or row.get("injured") or 0
    out = [f"s:{w}" for w in sent] + [f"n:{w}" for w in near] + [f"c:{w}" for w in ctx]
    out += [f"t:{row.get('event_type')}", f"mag:{len(str(int(fig)))}",
            f"kind:{'killed' if row.get('killed') is not None else 'injured'}"]
    return out


def vectorize(feats: list[list[str]]) -> np.ndarray:
    x = np.zeros((len(feats), DIM), dtype=np.float32)
    for i, fs in enumerate(feats):
        for f in set(fs):
            x[i, zlib.crc32(f.encode("utf-8")) % DIM] = 1.0
    x /= np.maximum(1.0, np.sqrt(x.sum(axis=1, keepdims=True)))
    return x


def train(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, epochs: int = 300, lr: float = 2.0) -> np.ndarray:
    w = np.zeros(x.shape[1] + 1, dtype=np.float64)
    xb = np.hstack([x, np.ones((x.shape[0], 1), dtype=np.float32)])
    for _ in range(epochs):
        p = 1 / (1 + np.exp(-(xb @ w)))
        g = xb.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0]
        w -= lr * g
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(np.hstack([x, np.ones((x.shape[0], 1), dtype=np.float32)]) @ w)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--target", type=float, default=0.95, help="training precision the threshold is chosen for")
    args = ap.parse_args(argv)
    rows = [j for j in load_judgments() if j["kind"] == "event_casualty"]
    docs = {r["docno"] for r in rows}
    texts = {r["docno"]: r.get("text") or "" for r in iter_corpus() if r["docno"] in docs}
    x = vectorize([features(texts[r["docno"]], r) for r in rows])
    y = np.array([r["verdict"] == "correct" for r in rows], dtype=np.float64)
    samples = np.array([r.get("sample", "A") for r in rows])
    print("sample  rows  P(all)  kept  P(kept)  correct kept")
    tot = [0, 0, 0, 0]
    oof = np.zeros(len(rows))
    for name in sorted(set(samples)):
        tr, te = samples != name, samples == name
        w = train(x[tr], y[tr])
        ptr = predict(w, x[tr])
        order = np.argsort(-ptr)
        cum = np.cumsum(y[tr][order]) / np.arange(1, tr.sum() + 1)
        ok = np.where(cum >= args.target)[0]
        thr = ptr[order][ok[-1]] if len(ok) else 1.0
        pte = predict(w, x[te])
        oof[te] = pte
        keep = pte >= thr
        n, good = int(te.sum()), int(y[te].sum())
        kept, kept_good = int(keep.sum()), int(y[te][keep].sum())
        tot = [tot[0] + n, tot[1] + good, tot[2] + kept, tot[3] + kept_good]
        print(f"{name:6}  {n:4}  {good / n:6.2f}  {kept:4}  {(kept_good / kept if kept else float('nan')):7.2f}  {kept_good}/{good}")
    print(f"all     {tot[0]:4}  {tot[1] / tot[0]:6.2f}  {tot[2]:4}  {tot[3] / tot[2]:7.2f}  {tot[3]}/{tot[1]}")
    # out-of-sample scores of every row (each from the model that did not see its sample): the trade-off
    print("\nthreshold on out-of-sample scores: kept rows, precision, share of correct rows kept")
    for thr in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9):
        keep = oof >= thr
        print(f"  >= {thr:.2f}: {int(keep.sum()):4} rows, P {y[keep].mean():.2f}, correct kept {y[keep].sum() / y.sum():.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
