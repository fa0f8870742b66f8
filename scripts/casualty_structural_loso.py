"""Do *structural* features of a casualty figure transfer across samples?  Leave-one-sample-out.

The fifth session's follow-up of ``scripts/casualty_loso.py`` (whose bag of words did not transfer): every
judged casualty row of ``bench/facts_heldout_judgments.jsonl`` becomes one example described by a few dozen
dense features of its position and kind rather than by its words — where the trigger's sentence is in the
article (lede or background), how far the figure is from the trigger and on which side, how many numbers and
casualty words share the sentence, whether the sentence names a year other than the article's, a month, a
period or a total, whether the paragraph talks of an accident, a natural disaster or a crime, whether the
figure sits inside a quotation, the event type and the figure's size. A logistic regression (numpy, L2,
standardised features, deterministic) is trained on all samples but one and applied to the one left out.

Reported: per left-out sample, precision of all rows and of the rows scored >= ``--keep`` (the views' default
threshold is 0.5) with the share of correct rows kept; pooled; and the same for the bag-of-words model of
``casualty_loso.py`` for comparison. Nothing here changes the extractor and no article text is written.

Usage::

    KHABAR_CORPUS=/work/shared/corpus/ant .venv/bin/python scripts/casualty_structural_loso.py [--keep 0.5]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.extract.casualty_score import WEIGHTS, features  # noqa: E402
from pipeline.evaluate import logistic  # noqa: E402
from scripts.heldout_facts import load_judgments  # noqa: E402
from scripts.sample_facts import iter_corpus  # noqa: E402

def matrix(rows: list[dict], texts: dict[str, str]) -> tuple[np.ndarray, list[str]]:
    feats = [features(texts[r["docno"]], {**r, "start": r["raw_start"], "end": r["raw_end"]}) for r in rows]
    names = sorted(feats[0])
    return np.array([[f[n] for n in names] for f in feats], dtype=np.float64), names


def auc(y: np.ndarray, p: np.ndarray) -> float:
    pos, neg = p[y == 1], p[y == 0]
    return float(((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()) / (len(pos) * len(neg)))


def loso(x: np.ndarray, y: np.ndarray, samples: np.ndarray, fit, pred) -> np.ndarray:
    oof = np.zeros(len(y))
    for name in sorted(set(samples)):
        tr, te = samples != name, samples == name
        oof[te] = pred(fit(x[tr], y[tr]), x[te])
    return oof


def report(title: str, y: np.ndarray, samples: np.ndarray, oof: np.ndarray, keep: float) -> None:
    print(f"\n{title}: out-of-sample AUC {auc(y, oof):.3f}; rows kept at score >= {keep}")
    print("sample  rows  P(all)  kept  P(kept)  correct kept")
    for name in sorted(set(samples)):
        m = samples == name
        k = m & (oof >= keep)
        print(f"{name:6}  {m.sum():4}  {y[m].mean():6.2f}  {k.sum():4}  {(y[k].mean() if k.any() else float('nan')):7.2f}"
              f"  {int(y[k].sum())}/{int(y[m].sum())}")
    k = oof >= keep
    print(f"all     {len(y):4}  {y.mean():6.2f}  {k.sum():4}  {y[k].mean():7.2f}  {int(y[k].sum())}/{int(y.sum())}")
    for thr in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        k = oof >= thr
        print(f"  >= {thr:.1f}: {int(k.sum()):4} rows, P {y[k].mean():.3f}, correct kept {y[k].sum() / y.sum():.2f}")


def train(x: np.ndarray, y: np.ndarray):
    """The casualty-confidence fit (2,000 epochs: the committed weights)."""
    return logistic.fit(x, y, epochs=2000)


predict = logistic.predict


def _samples(arg: str | None) -> set[str] | None:
    """The sample letters to train and evaluate on: ``arg``'s letters, None for every sample (``all``), or by
    default those the committed weights were trained on (``trained_on``: "… of samples ABC…")."""
    if arg == "all":
        return None
    if arg:
        return set(arg)
    if WEIGHTS.exists():
        trained = json.loads(WEIGHTS.read_text(encoding="utf-8")).get("trained_on", "")
        if " of samples " in trained:
            return set(trained.rsplit(" of samples ", 1)[1].strip())
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", type=float, default=0.5)
    ap.add_argument("--words", action="store_true", help="also run the bag-of-words model of casualty_loso.py")
    ap.add_argument("--write", action="store_true", help=f"train on the samples (--samples) and write {WEIGHTS.name}")
    ap.add_argument("--samples", default=None,
                    help="sample letters to use (default: those the committed weights name in 'trained_on', so "
                         "--write rebuilds them byte for byte after later samples are judged; 'all': every sample)")
    args = ap.parse_args(argv)
    keep = _samples(args.samples)
    rows = [j for j in load_judgments() if j["kind"] == "event_casualty"  # A–L held out, M on: fresh2
            and (keep is None or j.get("sample", "A") in keep)]
    docs = {r["docno"] for r in rows}
    texts = {r["docno"]: r.get("text") or "" for r in iter_corpus() if r["docno"] in docs}
    x, names = matrix(rows, texts)
    y = np.array([r["verdict"] == "correct" for r in rows], dtype=np.float64)
    samples = np.array([r.get("sample", "A") for r in rows])
    if args.write:
        w, mu, sd = train(x, y)
        model = {"names": names, "weights": [round(float(v), 6) for v in w[:-1]], "bias": round(float(w[-1]), 6),
                 "mean": [round(float(v), 6) for v in mu], "sd": [round(float(v), 6) for v in sd],
                 "trained_on": f"{len(rows)} judged casualty rows of samples {''.join(sorted(set(samples)))}"}
        WEIGHTS.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS.relative_to(ROOT)}")
        return 0
    oof = loso(x, y, samples, train, predict)
    report("structural features", y, samples, oof, args.keep)
    w, _mu, _sd = train(x, y)
    top = sorted(zip(w[:-1], names), key=lambda t: -abs(t[0]))[:15]
    print("\nlargest weights (all samples):", ", ".join(f"{n} {v:+.2f}" for v, n in top))
    if args.words:
        from scripts import casualty_loso as cl

        xw = cl.vectorize([cl.features(texts[r["docno"]], r) for r in rows])
        report("bag of words (casualty_loso.py)", y, samples, loso(xw, y, samples, cl.train, cl.predict), args.keep)
    return 0


if __name__ == "__main__":
    sys.exit(main())
