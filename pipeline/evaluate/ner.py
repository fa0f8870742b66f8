"""Exact-span scoring of the statistical entity tagger on the held-out dev set.

The dev set is the last tenth of ``anercorp/train.txt`` in ``../shared/corpus/ner/`` (never used to
train the committed model). Spans are compared exactly (start, end and type) over the tagger's
tokens (:func:`pipeline.extract.entities.ner_data.to_pieces`); micro P/R/F1 overall and per type.

CLI::

    .venv/bin/python -m pipeline.evaluate.ner            # committed model on the dev set
    .venv/bin/python -m pipeline.evaluate.ner --errors 30   # also print 30 span errors
    .venv/bin/python -m pipeline.evaluate.ner --second-pass # with the opt-in second pass
    KHABAR_NER_CNN=0 .venv/bin/python -m pipeline.evaluate.ner  # the CRF alone, without the network
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pipeline.extract.entities.ner_data import NER_DIR, spans, split_anercorp, to_pieces

__all__ = ["score_spans", "score_tagger", "evaluate_dev", "record_result", "main"]

TYPES = ("PERSON", "ORG", "LOC")


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def score_spans(gold: list[list[str]], predicted: list[list[str]]) -> dict:
    """Exact-span micro scores of BIO sequences: ``{"all": {...}, "PERSON": {...}, ...}``."""
    counts = {t: [0, 0, 0] for t in TYPES}
    for g, p in zip(gold, predicted, strict=True):
        gs, ps = spans(g), spans(p)
        for s in ps & gs:
            counts[s[2]][0] += 1
        for s in ps - gs:
            counts[s[2]][1] += 1
        for s in gs - ps:
            counts[s[2]][2] += 1
    out = {"all": _prf(*(sum(c[k] for c in counts.values()) for k in range(3)))}
    out.update({t: _prf(*counts[t]) for t in TYPES})
    return out


def evaluate_dev(tagger=None, ner_dir: Path | None = None, errors: int = 0, block: int = 20,
                 second_pass: bool | None = None) -> dict:
    """Scores of ``tagger`` (default: the committed model) on the dev set. ANERcorp has no document
    boundaries: each run of ``block`` consecutive sentences is tagged as one document (the tagger's
    document-level pass spreads names within it); ``block=1`` scores sentences alone."""
    from pipeline.extract.entities.tagger import load_tagger

    tagger = tagger or load_tagger(second_pass=second_pass)
    _, dev = split_anercorp(ner_dir or NER_DIR)
    return score_tagger(tagger, dev, errors, block)


def score_tagger(tagger, sentences, errors: int = 0, block: int = 20) -> dict:
    """Exact-span scores of ``tagger`` on raw-token ``sentences`` (runs of ``block`` sentences
    tagged as one document)."""
    dev = [to_pieces(s) for s in sentences]
    pred = []
    for k in range(0, len(dev), block):  # consecutive sentences stand for a document
        words = [w for w, _ in dev[k:k + block]]
        for w, found in zip(words, tagger.tag_document(words)):
            lab = ["O"] * len(w)
            for s, e, typ, _ in found:
                lab[s:e] = ["B-" + typ] + ["I-" + typ] * (e - s - 1)
            pred.append(lab)
    res = score_spans([lab for _, lab in dev], pred)
    res["sentences"] = len(dev)
    res["tokens"] = sum(len(w) for w, _ in dev)
    if errors:
        shown = []
        for (w, g), p in zip(dev, pred):
            gs, ps = spans(g), spans(p)
            for s in sorted(gs ^ ps):
                kind = "FN" if s in gs else "FP"
                shown.append(f"{kind} {s[2]} {' '.join(w[s[0]:s[1]])} | {' '.join(w[max(0, s[0] - 3):s[1] + 3])}")
        res["errors"] = shown[:errors]
    return res


def record_result(result: dict) -> None:
    """Print one cross-validation result as a JSON line, and append it to ``$KHABAR_NER_CV_LOG`` when
    set (``scripts/ner_cv.py``, ``scripts/ner_cnn_cv.py``)."""
    line = json.dumps(result, ensure_ascii=False)
    print(line, flush=True)
    if os.environ.get("KHABAR_NER_CV_LOG"):
        with open(os.environ["KHABAR_NER_CV_LOG"], "a", encoding="utf-8") as fh:
            fh.write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ner-dir", type=Path, default=NER_DIR)
    ap.add_argument("--errors", type=int, default=0, help="print this many span errors")
    ap.add_argument("--block", type=int, default=20, help="consecutive sentences tagged as one document")
    ap.add_argument("--second-pass", action="store_true",
                    help="with the second pass (ner_second.crfsuite; same as KHABAR_NER_SECOND_PASS=1)")
    args = ap.parse_args(argv)
    res = evaluate_dev(ner_dir=args.ner_dir, errors=args.errors, block=args.block,
                       second_pass=True if args.second_pass else None)
    res["block"] = args.block
    errs = res.pop("errors", [])
    json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
    print()
    for e in errs:
        print(e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
