"""Choose tagger features and settings without the dev set: train on the ANERcorp train part
minus its last ninth and score on that ninth (the dev tenth is never read).

    .venv/bin/python scripts/ner_cv.py --c1 0.05 --c2 0.05 --opts affix4 [--folds 3] [--tag NAME]

Options (``--opts``, comma-separated): ``affix4``; ``names`` (name gazetteer from the training
names, jackknifed); ``stack`` / ``stackn`` / ``stackl`` (second pass with document-level
attributes, with the ``dO`` flag / without / plus flags at 0.3), ``first`` (with ``stackn``: a separate
first-pass model, the committed layout), ``mined`` (the ``M…`` flags of the names mined from the
unlabelled ANT corpus, ``--mined FILE``, default ``model/mined_names.tsv``), ``stack2`` (= ``stack`` + ``first``). Set
``KHABAR_NER_GATE=0`` to re-tag every sentence with attributes in the second pass.

Prints one JSON line (settings, F1 per type, attributes per token, training CPU seconds) and
appends it to ``$KHABAR_NER_CV_LOG`` when set.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluate.ner import TYPES, _prf, record_result, score_tagger  # noqa: E402
from pipeline.extract.entities.features import FeatureExtractor, build_gazetteer, load_lexicon, with_mined, with_option_sets  # noqa: E402
from pipeline.extract.entities.ner_data import NER_DIR, cv_splits, labelled_pieces, read_bio, split_anercorp  # noqa: E402
from pipeline.extract.entities.tagger import NerTagger  # noqa: E402
from pipeline.extract.entities.training import (  # noqa: E402
    jackknife_doc_attrs, jackknife_features, train_crf, training_names, with_names)
from pipeline.kb.load import load_kb  # noqa: E402


def _fold(fit, val, feats, opts, params, extra, aqmar, gaz_dropout):
    """Train on ``fit`` (+ ``extra``) with the options, score on ``val``: (scores, tagger)."""
    with tempfile.TemporaryDirectory() as d:
        model = Path(d) / "cv.crfsuite"
        train_fx = feats
        if "names" in opts:  # name gazetteer: jackknifed over the fit part, + AQMAR's names
            train_fx = jackknife_features(feats, fit + extra, aqmar)
            feats = with_names(feats, training_names(fit + extra, aqmar))
        first = None
        doc = None
        if {"stack", "stack2", "stackn", "stackl"} & set(opts):  # second pass, document-level attributes
            doc = jackknife_doc_attrs(fit + extra, train_fx if not isinstance(train_fx, list) else feats,
                                      Path(d), params, ordinary="stack" in opts or "stack2" in opts,
                                      low=0.3 if "stackl" in opts else 0.5)
            if "stack2" in opts or "first" in opts:  # a separate first-pass model (as committed)
                first = Path(d) / "first.crfsuite"
                train_crf(fit + extra, train_fx, first, params, gaz_dropout=gaz_dropout)
        train_crf(fit + extra, train_fx, model, params, gaz_dropout=gaz_dropout, extra=doc)
        tagger = NerTagger(feats, model, first)
        return score_tagger(tagger, val), tagger


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ner-dir", type=Path, default=NER_DIR)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--min-freq", type=int, default=1)
    ap.add_argument("--opts", default="", help="comma-separated feature options")
    ap.add_argument("--no-gazetteer", action="store_true", help="no knowledge-base gazetteer flags")
    ap.add_argument("--aqmar", action="store_true", help="also train on AQMAR")
    ap.add_argument("--gaz-dropout", type=int, default=0)
    ap.add_argument("--folds", type=int, default=1,
                    help="k > 1: k-fold cross-validation over the train part (default: its last ninth)")
    ap.add_argument("--mined", type=Path, default=None,
                    help="with --opts mined: the mined-name file (default model/mined_names.tsv)")
    ap.add_argument("--tag", default="")
    args = ap.parse_args(argv)
    opts = tuple(o for o in args.opts.split(",") if o)
    kb = load_kb()
    types = dict(kb.entities.select("entity_id", "entity_type").iter_rows())
    gaz = {} if args.no_gazetteer else build_gazetteer(kb.aliases, types)
    feats = with_option_sets(FeatureExtractor(gaz, load_lexicon(), opts))
    if "mined" in opts:  # names mined from the unlabelled ANT corpus (M… flags), no training labels
        feats = with_mined(feats, args.mined)
    train, _ = split_anercorp(args.ner_dir)  # the dev tenth is dropped here and never looked at
    splits = cv_splits(train, args.folds)  # k contiguous folds, or the last ninth
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
              "feature.possible_transitions": True, "feature.minfreq": args.min_freq}
    aqmar = read_bio(args.ner_dir / "aqmar" / "aqmar.txt") if args.aqmar or "names" in opts else []
    c0 = time.process_time()
    counts = {t: [0, 0, 0] for t in TYPES}
    n = a = 0
    known = 0
    for fit, val in splits:
        res, tagger = _fold(fit, val, feats, opts, params, aqmar if args.aqmar else [], aqmar, args.gaz_dropout)
        for t in TYPES:
            for q, key in enumerate(("tp", "fp", "fn")):
                counts[t][q] += res[t][key]
        for words, _ in labelled_pieces(val):
            for f in tagger.features.sequence(words):
                n += 1
                a += len(f)
        known = len(tagger.features.known)
    cpu = time.process_time() - c0
    res = {"all": _prf(*(sum(c[q] for c in counts.values()) for q in range(3)))}
    res.update({t: _prf(*counts[t]) for t in TYPES})
    out = {"tag": args.tag, "opts": opts, **params, "gazetteer": not args.no_gazetteer, "aqmar": args.aqmar,
           "gaz_dropout": args.gaz_dropout, "folds": args.folds,
           **{k: res[k]["f1"] for k in ("all", "PERSON", "ORG", "LOC")},
           "P": res["all"]["precision"], "R": res["all"]["recall"],
           "attrs_known": known, "attrs_per_token": round(a / n, 1),
           "cpu_s": round(cpu, 1), "val_sentences": sum(len(v) for _, v in splits)}
    record_result(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
