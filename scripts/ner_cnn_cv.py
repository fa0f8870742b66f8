"""Choose the neural tagger's settings without the dev set (as ``scripts/ner_cv.py`` does for the
CRF): train the CRF and the network on the ANERcorp train part minus its last ninth (or on k-1
of ``--folds k`` contiguous folds) and score the held-out part for several weights ``alpha`` of the
network's log-probabilities added to the CRF's emissions (alpha 0 = the CRF alone; ``cnn`` = the
network alone with the CRF's transitions). The dev tenth is never read.

    OMP_NUM_THREADS=1 .venv/bin/python scripts/ner_cnn_cv.py [--hidden 64] [--dilations 1,2,1]
        [--epochs 20] [--drop 0.25] [--gaz-dropout 0] [--folds 1] [--alphas 0,0.5,1,1.5,2]

Prints one JSON line per alpha and appends them to ``$KHABAR_NER_CV_LOG`` when set. CRF models of
each fold are cached in ``--cache`` (default /tmp/khabar_ner_cv) between runs.
"""

from __future__ import annotations

import argparse

import numpy as np
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluate.ner import TYPES, _prf, record_result, score_spans, score_tagger  # noqa: E402
from pipeline.extract.entities.features import (  # noqa: E402
    FeatureExtractor, build_gazetteer, load_lexicon, with_mined, with_option_sets)
from pipeline.extract.entities.ner_data import NER_DIR, cv_splits, labelled_pieces, split_anercorp, to_pieces  # noqa: E402
from pipeline.extract.entities.neural import CnnScorer, CnnWeights, InputEncoder, WordVectors  # noqa: E402
from pipeline.extract.entities.neural_train import jackknife_probs, prob_attrs, save, train_cnn  # noqa: E402
from pipeline.extract.entities.tagger import NerTagger  # noqa: E402
from pipeline.extract.entities.training import train_crf  # noqa: E402
from pipeline.kb.load import load_kb  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ner-dir", type=Path, default=NER_DIR)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--dilations", default="1,2,1")
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--drop", type=float, default=0.25)
    ap.add_argument("--gaz-dropout", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--folds", type=int, default=1)
    ap.add_argument("--alphas", default="0,0.5,1,1.5,2,3,cnn")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/khabar_ner_cv"))
    ap.add_argument("--stack", type=int, default=0,
                    help="k > 0: the CRF is trained with the network's probabilities as attributes, from a "
                         "k-fold jackknifed network (alpha is then not used: the CRF weighs them)")
    ap.add_argument("--emb", type=int, default=-1,
                    help="0/1: only a CRF with the standardised word vectors as valued attributes (the token's "
                         "own; 1: also those of the tokens either side); no network")
    ap.add_argument("--emb-cnn", action="store_true", help="with --emb: also add the network (for each alpha)")
    ap.add_argument("--types", default="PERSON,ORG,LOC",
                    help="the types the network speaks for in the combination (the others and O share one probability)")
    ap.add_argument("--mined", type=Path, default=None,
                    help="a mined-name file (model/mined_names.tsv): its M… flags reach the CRF and the network")
    ap.add_argument("--char-dim", type=int, default=0,
                    help="> 0: the network also has a character CNN (embeddings of this size) over each word")
    ap.add_argument("--char-filters", type=int, default=32)
    ap.add_argument("--rnn", type=int, default=0,
                    help="> 0: a bidirectional LSTM of this many units each way over the convolutions' output "
                         "(--dilations '' for none: the LSTM instead of them)")
    ap.add_argument("--opts", default="", help="comma-separated feature options of the CRF and the network "
                                                 "(gazclean, clubs, affix4 …; features.py)")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--dump", type=Path, default=None,
                    help="write every held-out sentence's words, gold and predicted labels per alpha (JSON lines) "
                         "for an error analysis")
    ap.add_argument("--surnames", action="store_true",
                    help="score every alpha also with the document pass spreading surnames (its row: ALPHA+s); "
                         "without it the rule is off")
    ap.add_argument("--tag", default="")
    args = ap.parse_args(argv)
    kb = load_kb()
    types = dict(kb.entities.select("entity_id", "entity_type").iter_rows())
    opts = tuple(o for o in args.opts.split(",") if o) + (("mined",) if args.mined else ())
    feats = with_option_sets(FeatureExtractor(build_gazetteer(kb.aliases, types), load_lexicon(), opts))
    if args.mined:
        feats = with_mined(feats, args.mined)
    train, _ = split_anercorp(args.ner_dir)  # the dev tenth is dropped here and never looked at
    splits = cv_splits(train, args.folds)  # k contiguous folds, or the last ninth
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations, "feature.possible_transitions": True,
              "feature.minfreq": 1}
    alphas = args.alphas.split(",")
    if args.surnames:
        alphas = [x for a in alphas for x in (a, a + "+s") if a not in ("argmax", "cnn") or x == a]
    dil = tuple(int(x) for x in args.dilations.split(",") if x)
    counts = {a: {t: [0, 0, 0] for t in TYPES} for a in alphas}
    args.cache.mkdir(parents=True, exist_ok=True)
    vecs = None
    cpu = 0.0
    if args.emb >= 0:
        from pipeline.extract.entities.neural import EmbeddingScorer, Scorers
        vecs = WordVectors()
        emb = EmbeddingScorer(vecs, window=args.emb)
        counts = {"emb": {t: [0, 0, 0] for t in TYPES}}
        for j, (fit, val) in enumerate(splits):
            c0 = time.process_time()
            crf_e = args.cache / f"crfemb_{os.getpid()}.crfsuite"
            train_crf(fit, feats, crf_e, params, gaz_dropout=0,
                      valued=emb.attrs)
            cpu += time.process_time() - c0
            tagger = NerTagger(feats, crf_e)
            es = EmbeddingScorer(vecs, tagger.decoder.w, args.emb, emb.mean, emb.std)
            tagger.decoder.cnn = es
            res = score_tagger(tagger, val)
            for t in TYPES:
                for q, key in enumerate(("tp", "fp", "fn")):
                    counts["emb"][t][q] += res[t][key]
            if args.emb_cnn:  # + the network's log-probabilities times alpha
                arrays = train_cnn(list(labelled_pieces(fit)), InputEncoder(vecs, feats), hidden=args.hidden,
                                   dilations=dil, epochs=args.epochs, lr=args.lr, drop=args.drop,
                                   gaz_dropout=args.gaz_dropout, seed=args.seed)
                path = args.cache / f"cnn_{os.getpid()}.npz"
                save(arrays, path)
                w = CnnWeights(path)
                for a in alphas:
                    if a in ("0", "argmax", "cnn"):
                        continue
                    tagger.decoder.cnn = Scorers(es, CnnScorer(w, InputEncoder(vecs, tagger.features, w.gaz_names),
                                                               tagger.decoder.w.labels, float(a)))
                    res = score_tagger(tagger, val)
                    for t in TYPES:
                        for q, key in enumerate(("tp", "fp", "fn")):
                            counts.setdefault("emb+" + a, {t: [0, 0, 0] for t in TYPES})[t][q] += res[t][key]
                path.unlink()
            crf_e.unlink()
        splits = []
        alphas = list(counts)
    for j, (fit, val) in enumerate(splits):
        key = "".join(f"_{o}" for o in sorted(set(opts) - {"mined"}))
        if (args.c1, args.c2, args.iterations) != (0.05, 0.05, 150):
            key += f"_c{args.c1}_{args.c2}_i{args.iterations}"
        crf = args.cache / (f"crf_{args.folds}_{j}{key}.crfsuite" if not args.mined
                            else f"crf_{args.folds}_{j}{key}_mined_{args.mined.stem}.crfsuite")
        if not crf.exists():
            train_crf(fit, feats, crf, params, gaz_dropout=0)
        vecs = vecs or WordVectors()
        enc = InputEncoder(vecs, feats)
        c0 = time.process_time()
        keep = args.cache / (f"cnn_{args.folds}_{j}{key}_mined{bool(args.mined)}_h{args.hidden}_d{args.dilations}"
                             f"_e{args.epochs}_lr{args.lr}_dr{args.drop}_g{args.gaz_dropout}_s{args.seed}"
                             f"_c{args.char_dim}x{args.char_filters}_r{args.rnn}.npz")
        path = args.cache / f"cnn_{os.getpid()}.npz"
        if keep.exists():  # the same network trained before (deterministic training)
            arrays = dict(np.load(keep))
        else:
            arrays = train_cnn(list(labelled_pieces(fit)), enc, hidden=args.hidden, dilations=dil,
                               epochs=args.epochs, lr=args.lr, drop=args.drop, gaz_dropout=args.gaz_dropout,
                               seed=args.seed, char_dim=args.char_dim, char_filters=args.char_filters, rnn=args.rnn,
                               log=lambda m: print(m, file=sys.stderr, flush=True))
            save(arrays, keep)
        cpu += time.process_time() - c0
        arrays["types"] = np.array(args.types.split(","), dtype=str)
        save(arrays, path)
        w = CnnWeights(path)
        if args.stack:
            kw = dict(hidden=args.hidden, dilations=dil, epochs=args.epochs, lr=args.lr, drop=args.drop,
                      gaz_dropout=args.gaz_dropout, seed=args.seed)
            c0 = time.process_time()
            probs = jackknife_probs([to_pieces(s) for s in fit], enc, folds=args.stack, **kw)
            cpu += time.process_time() - c0
            crf_s = args.cache / f"crfstack_{os.getpid()}.crfsuite"
            train_crf(fit, feats, crf_s, params, gaz_dropout=0, valued={i: prob_attrs(p) for i, p in enumerate(probs)})
            tagger = NerTagger(feats, crf_s)
            tagger.decoder.cnn = CnnScorer(w, InputEncoder(vecs, tagger.features, w.gaz_names),
                                           tagger.decoder.w.labels, crf=tagger.decoder.w)
            res = score_tagger(tagger, val)
            for t in TYPES:
                for q, key in enumerate(("tp", "fp", "fn")):
                    counts.setdefault("stack", {t: [0, 0, 0] for t in TYPES})[t][q] += res[t][key]
            crf_s.unlink()
        tagger = NerTagger(feats, crf)
        for a in alphas:
            if a == "argmax":  # the network alone, each token's most likely label
                pred, gold = [], []
                for words, labs in labelled_pieces(val):
                    lp = CnnScorer(w, InputEncoder(vecs, feats, w.gaz_names), w.labels, 1.0).log_probs([words])
                    pred.append([w.labels[k] for k in lp.argmax(1)])
                    gold.append(labs)
                res = score_spans(gold, pred)
                for t in TYPES:
                    for q, key in enumerate(("tp", "fp", "fn")):
                        counts[a][t][q] += res[t][key]
                continue
            # "ALPHA:TYPE+TYPE": the network speaks for those types (default: --types); "…+s": surnames spread
            tagger.surnames = a.endswith("+s")
            a0 = a[:-2] if a.endswith("+s") else a
            w.types = a0.split(":")[1].split("+") if ":" in a0 else args.types.split(",")
            if a0 == "0":
                tagger.decoder.cnn = None
            else:
                alpha = 30.0 if a == "cnn" else float(a0.split(":")[0])
                tagger.decoder.cnn = CnnScorer(w, InputEncoder(vecs, tagger.features, w.gaz_names),
                                               tagger.decoder.w.labels, alpha)
                if a == "cnn":  # the network alone (CRF transitions only): emissions from it
                    tagger.decoder.cnn.alpha = 1.0
            tagger.first = tagger.decoder
            if a == "cnn":
                saved = tagger.decoder.emissions
                tagger.decoder.emissions = lambda s, plain=None, extra=None, d=tagger.decoder: d.cnn.scores(s, plain)
            res = score_tagger(tagger, val)
            if args.dump:
                _dump(args.dump, tagger, val, a, j)
            if a == "cnn":
                tagger.decoder.emissions = saved
            for t in TYPES:
                for q, key in enumerate(("tp", "fp", "fn")):
                    counts[a][t][q] += res[t][key]
        path.unlink()
    if args.stack:
        alphas = alphas + ["stack"]
    for a in alphas:
        res = {"all": _prf(*(sum(c[q] for c in counts[a].values()) for q in range(3)))}
        res.update({t: _prf(*counts[a][t]) for t in TYPES})
        out = {"tag": args.tag, "alpha": a, "hidden": args.hidden, "dilations": args.dilations, "epochs": args.epochs,
               "lr": args.lr, "drop": args.drop, "gaz_dropout": args.gaz_dropout, "seed": args.seed,
               "folds": args.folds, "types": args.types, "opts": list(opts), "c1": args.c1, "c2": args.c2,
               "iterations": args.iterations, "char_dim": args.char_dim,
               "char_filters": args.char_filters if args.char_dim else 0, "rnn": args.rnn, "stack": args.stack, "emb": args.emb, "mined": str(args.mined or ""), **{k: res[k]["f1"] for k in ("all", "PERSON", "ORG", "LOC")},
               "P": res["all"]["precision"], "R": res["all"]["recall"], "cnn_cpu_s": round(cpu, 1)}
        record_result(out)
    return 0


def _dump(path: Path, tagger, val, alpha: str, fold: int, block: int = 20) -> None:
    """Append the held-out sentences' words, gold and predicted labels (as ``score_tagger`` tags them)."""
    import json

    pieces = [to_pieces(s) for s in val]  # as score_tagger blocks them
    with open(path, "a", encoding="utf-8") as out:
        for k in range(0, len(pieces), block):
            words = [w for w, _ in pieces[k:k + block]]
            for (w, gold), found in zip(pieces[k:k + block], tagger.tag_document(words)):
                lab = ["O"] * len(w)
                for s, e, typ, _ in found:
                    lab[s:e] = ["B-" + typ] + ["I-" + typ] * (e - s - 1)
                out.write(json.dumps({"fold": fold, "alpha": alpha, "words": w, "gold": gold, "pred": lab},
                                     ensure_ascii=False) + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
