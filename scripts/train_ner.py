"""Train the entity tagger (``make train-ner``): a CRF over the shared NER data, with the ANT corpus's
subword word vectors as valued attributes (``--emb-window``), optionally with a neural network
(``--cnn``, PyTorch) added to its scores.

    .venv/bin/python scripts/train_ner.py [--c1 0.05] [--c2 0.05] [--iterations 150] [--opts stackn]

Reads ``../shared/corpus/ner/`` (ANERcorp train part without its last tenth; AQMAR with
``--aqmar``; never copied into the project), builds features with the current knowledge base and the committed word
clusters (``scripts/build_ner_lexicon.py``), trains python-crfsuite (L-BFGS, elastic net) and
writes ``pipeline/extract/entities/model/ner.crfsuite`` (the one-pass tagger), with ``stack*`` options
(default ``stackn``) also ``ner_second.crfsuite`` (the opt-in second pass, trained on document-level
attributes from a 5-fold jackknifed first pass), and the record ``ner_model.json`` (data, settings,
dev scores of both). Deterministic: fixed data order and folds, a deterministic optimiser, no
sampling (both files come out byte for byte the same; the network: numpy float64 with exact
matrix products and a seeded generator, so its bytes are the same on any CPU: neural_train.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluate.ner import evaluate_dev  # noqa: E402
from pipeline.extract.entities.features import (  # noqa: E402
    MODEL_DIR, FeatureExtractor, build_gazetteer, load_lexicon, with_mined, with_option_sets, write_names)
from pipeline.extract.entities.ner_data import NER_DIR, labelled_pieces, read_bio, split_anercorp, to_pieces  # noqa: E402
from pipeline.extract.entities.neural import CNN_PATH  # noqa: E402
from pipeline.extract.entities.tagger import SECOND_PATH, NerTagger  # noqa: E402
from pipeline.extract.entities.training import (  # noqa: E402
    jackknife_doc_attrs, jackknife_features, train_crf, training_names, with_names)
from pipeline.kb.load import load_kb  # noqa: E402


#: word-vector attributes of the CRF (chosen by scripts/ner_cnn_cv.py --emb, docs/quality.md)
EMB_WINDOW = -1
#: whether make train-ner trains the network (ner_cnn.npz); see docs/quality.md for why
USE_CNN = True
#: the network's settings, chosen by scripts/ner_cnn_cv.py on the train part (docs/quality.md)
CNN_SETTINGS = {"hidden": 64, "dilations": (1, 2, 1), "epochs": 20, "lr": 2e-3, "drop": 0.25, "gaz_dropout": 0.0,
                "seed": 11, "alpha": 0.75, "types": ("PERSON",), "char_dim": 0, "char_filters": 32,
                "rnn": 0}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ner-dir", type=Path, default=NER_DIR)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--opts", default="stackn,gazclean",
                    help="comma-separated feature options: stackn (second pass with document-level attributes, "
                         "default), gazclean (the KB's multi-word name flags without the ordinary frequent words, "
                         "default since stream ner9), stack (the same plus the dO flag), stackl (stackn plus flags at probability 0.3), names (name gazetteer), mined (names mined from the ANT corpus, "
                         "model/mined_names.tsv, make ner-mined), affix4")
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--min-freq", type=int, default=1)
    ap.add_argument("--gaz-dropout", type=int, default=0,
                    help="train every n-th sentence without gazetteer features (0: never)")
    ap.add_argument("--aqmar", action="store_true",
                    help="also train on AQMAR (Wikipedia; lowered the dev score in our runs, so off by default)")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--emb-window", type=int, default=EMB_WINDOW,
                    help="word-vector attributes of the CRF: the token's own standardised fastText vector and those "
                         "of the tokens up to this many places either side (-1: none)")
    ap.add_argument("--cnn", action=argparse.BooleanOptionalAction, default=USE_CNN,
                    help="also train the neural network (ner_cnn.npz) added to the CRF's scores")
    ap.add_argument("--cnn-hidden", type=int, default=CNN_SETTINGS["hidden"])
    ap.add_argument("--cnn-dilations", default=",".join(map(str, CNN_SETTINGS["dilations"])))
    ap.add_argument("--cnn-epochs", type=int, default=CNN_SETTINGS["epochs"])
    ap.add_argument("--cnn-drop", type=float, default=CNN_SETTINGS["drop"])
    ap.add_argument("--cnn-gaz-dropout", type=float, default=CNN_SETTINGS["gaz_dropout"])
    ap.add_argument("--cnn-alpha", type=float, default=CNN_SETTINGS["alpha"],
                    help="weight of the network's log-probabilities added to the CRF's emission scores")
    ap.add_argument("--cnn-char-dim", type=int, default=CNN_SETTINGS["char_dim"],
                    help="> 0: a character CNN over each word (embeddings of this size) joins the network's input")
    ap.add_argument("--cnn-char-filters", type=int, default=CNN_SETTINGS["char_filters"])
    ap.add_argument("--cnn-rnn", type=int, default=CNN_SETTINGS["rnn"],
                    help="> 0: a bidirectional LSTM of this many units each way over the convolutions' output "
                         "(--cnn-dilations '' for none); docs/quality.md, stream ner7")
    ap.add_argument("--cnn-types", default=",".join(CNN_SETTINGS["types"]),
                    help="the types the network speaks for (for the others it gives one shared probability with O)")
    args = ap.parse_args(argv)
    t0 = time.time()
    kb = load_kb()
    types = dict(kb.entities.select("entity_id", "entity_type").iter_rows())
    opts = tuple(o for o in args.opts.split(",") if o)
    feats = with_option_sets(FeatureExtractor(build_gazetteer(kb.aliases, types), load_lexicon(), opts))
    train, dev = split_anercorp(args.ner_dir)
    aqmar = read_bio(args.ner_dir / "aqmar" / "aqmar.txt") if args.aqmar else []
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
              "feature.possible_transitions": True, "feature.minfreq": args.min_freq}
    model = args.out / "ner.crfsuite"
    args.out.mkdir(parents=True, exist_ok=True)
    t1 = time.time()
    train_fx = feats
    if "names" in opts:  # names annotated in the training data: jackknifed folds, + AQMAR's names
        aq_names = aqmar or read_bio(args.ner_dir / "aqmar" / "aqmar.txt")
        train_fx = jackknife_features(feats, train + aqmar, aq_names)
        names = training_names(train + aqmar, aq_names)
        write_names(names, args.out / "names.tsv", "names annotated in the NER training data (ANERcorp train "
                    "part without the dev tenth, AQMAR), normalized; scripts/train_ner.py")
        feats = with_names(feats, names)
    if "mined" in opts:  # names mined from the unlabelled ANT corpus (make ner-mined): the M… flags
        mined = MODEL_DIR / "mined_names.tsv"
        if args.out.resolve() != MODEL_DIR.resolve():  # the model directory holds the file it was trained with
            shutil.copyfile(mined, args.out / "mined_names.tsv")
        feats = with_mined(feats, mined)
        train_fx = feats if not isinstance(train_fx, list) else [with_mined(f, mined) for f in train_fx]
    doc = None
    if {"stack", "stackn", "stackl"} & set(opts):  # document-level attributes from a jackknifed first pass
        with tempfile.TemporaryDirectory() as d:
            doc = jackknife_doc_attrs(train + aqmar, feats if not isinstance(train_fx, list) else train_fx[0],
                                      Path(d), params, ordinary="stack" in opts, low=0.3 if "stackl" in opts else 0.5)
    valued = None
    if args.emb_window >= 0:  # the CRF's word-vector attributes (pipeline/extract/entities/neural.py)
        from pipeline.extract.entities.neural import EMB_PATH, EmbeddingScorer, WordVectors

        emb = EmbeddingScorer(WordVectors(EMB_PATH), window=args.emb_window)
        valued = emb.attrs
    n_tok = train_crf(train + aqmar, train_fx, model, params, gaz_dropout=args.gaz_dropout, valued=valued)
    second = args.out / SECOND_PATH.name
    if doc is not None:  # the second pass: the same features plus the document-level attributes
        train_crf(train + aqmar, train_fx, second, params, gaz_dropout=args.gaz_dropout, extra=doc, valued=valued)
    elif second.exists():
        second.unlink()
    cnn_path = args.out / CNN_PATH.name
    cnn_s = None
    if args.cnn:  # the neural network over the same sentences (numpy, exact products: same bytes on any CPU)
        import numpy as np

        from pipeline.extract.entities.neural import EMB_PATH, InputEncoder, WordVectors
        from pipeline.extract.entities.neural_train import save, train_cnn

        c0 = time.time()
        arrays = train_cnn(list(labelled_pieces(train + aqmar)), InputEncoder(WordVectors(EMB_PATH), feats),
                           hidden=args.cnn_hidden, dilations=tuple(int(x) for x in args.cnn_dilations.split(",") if x),
                           epochs=args.cnn_epochs, lr=CNN_SETTINGS["lr"], drop=args.cnn_drop,
                           gaz_dropout=args.cnn_gaz_dropout, seed=CNN_SETTINGS["seed"],
                           char_dim=args.cnn_char_dim, char_filters=args.cnn_char_filters, rnn=args.cnn_rnn,
                           log=lambda m: print(m, file=sys.stderr, flush=True))
        arrays["alpha"] = np.float64(args.cnn_alpha)
        arrays["types"] = np.array(args.cnn_types.split(","), dtype=str)
        save(arrays, cnn_path)
        cnn_s = round(time.time() - c0, 1)
    elif cnn_path.exists():
        cnn_path.unlink()
    train_s = time.time() - t1
    scores_crf = evaluate_dev(NerTagger(feats, model), args.ner_dir) if args.cnn else None
    scores = evaluate_dev(NerTagger(feats, model, cnn_path=cnn_path if args.cnn else None), args.ner_dir)
    scores2 = (evaluate_dev(NerTagger(feats, second, cnn_path=cnn_path if args.cnn else None), args.ner_dir)
               if doc is not None else None)
    record = {
        "model": "pipeline/extract/entities/model/ner.crfsuite",
        "library": "python-crfsuite 0.9.12 (CRFsuite, L-BFGS with elastic-net regularisation)",
        "labels": "BIO over PERSON, ORG, LOC (PERS->PERSON, MISC->O)",
        "data": {
            "train": [
                {"file": "corpus/ner/anercorp/train.txt", "sha256_16": _sha(args.ner_dir / "anercorp" / "train.txt"),
                 "sentences": len(train), "part": "all but the last tenth of the sentences",
                 "licence": "CC BY-SA (Benajiba, Rosso & Benedi 2007; CAMeL Tools split)"},
            ] + ([{"file": "corpus/ner/aqmar/aqmar.txt", "sha256_16": _sha(args.ner_dir / "aqmar" / "aqmar.txt"),
                   "sentences": len(aqmar), "licence": "CC BY-SA (Mohit et al. 2012)"}] if aqmar else []),
            "dev": {"file": "corpus/ner/anercorp/train.txt", "part": "last tenth of the sentences",
                    "sentences": len(dev)},
            "training_tokens": n_tok,
            "clusters": "pipeline/extract/entities/model/clusters.tsv (scripts/build_ner_lexicon.py, ANT corpus)",
            "gazetteer": f"knowledge base at training time: {kb.entities.height} entities, "
                         f"{kb.aliases.height} aliases",
        },
        "settings": {**params, "gazetteer_dropout_every": args.gaz_dropout},
        "feature_options": list(opts),
        "settings_chosen_by": "scripts/ner_cv.py (train part minus its last ninth, scored on that ninth; the dev "
                              "tenth is not read): see docs/quality.md",
        "features": "word, prefixes/suffixes 1-3, length, shape, clitic split, KB + cue gazetteers, "
                    "word2vec k-means clusters (64/512), out-of-vocabulary flag; +-2 window (word, clusters, "
                    "gazetteer flags), word bigrams"
                    + ("; gazclean: the first/other-word flags of multi-word KB names (ORGB/ORGI, PERSONB/…) "
                       "leave out the ordinary frequent words of model/frequent_words.txt" if "gazclean" in opts else "")
                    + ("; second pass (stacking.py): what a first pass of the same model thought of the same "
                       "word elsewhere in the document (dPERSON5/9, dORG5/9, dLOC5/9"
                       + (", dO" if "stack" in opts else "") + (", dPERSON3/dORG3/dLOC3" if "stackl" in opts else "")
                       + ", lent to +-1), trained on the output of a "
                       "5-fold jackknifed first pass over 20-sentence blocks" if doc is not None else ""),
        "second_pass_model": f"pipeline/extract/entities/model/{SECOND_PATH.name} (same data, settings and "
                             "features, plus the document-level attributes)" if doc is not None else None,
        "run_time": ("one pass with ner.crfsuite by default; with KHABAR_NER_SECOND_PASS=1 (load_tagger(second_pass="
                     "True)) the second-pass model re-tags, with the document-level attributes, only "
                     "the sentences holding a word flagged as a name elsewhere in the document that the first pass "
                     "did not tag with that type or whose first-pass name is only partly flagged (NerTagger.gate; "
                     "KHABAR_NER_GATE=0 re-tags every sentence with attributes)") if doc is not None else "one pass",
        "word_vector_attributes": None if args.emb_window < 0 else {
            "vectors": "pipeline/extract/entities/model/embeddings.npz (fastText on the ANT corpus, "
                       "scripts/build_ner_embeddings.py; words outside its vocabulary get their character n-gram vectors)",
            "attributes": f"v0..v63: the token's vector, standardised per dimension, valued; v-k:/v+k: those of the "
                          f"tokens up to {args.emb_window} places before/after it",
            "window": args.emb_window,
        },
        "neural_network": None if not args.cnn else {
            "model": f"pipeline/extract/entities/model/{CNN_PATH.name}",
            "library": "numpy for training (neural_train.py: float64, every matrix-product operand rounded to "
                       "20-bit block floating point so that the products are exact and the weights the same "
                       "bytes on any CPU; stored as float32) and at run time (neural.py)",
            "architecture": "per word: fastText vector (model/embeddings.npz, scripts/build_ner_embeddings.py) + KB "
                            "gazetteer flags + shape flags -> dense ReLU -> width-3 convolutions with dilations "
                            f"{args.cnn_dilations} (ReLU) -> BIO label softmax; its log-probabilities times alpha "
                            "(for labels of its types; the other labels and O share log P(not its types)) are added "
                            "to the first-pass CRF's emission scores and decoded with the CRF's transitions",
            "settings": {"hidden": args.cnn_hidden, "dilations": args.cnn_dilations, "epochs": args.cnn_epochs,
                         "lr": CNN_SETTINGS["lr"], "dropout": args.cnn_drop, "gaz_dropout": args.cnn_gaz_dropout,
                         "seed": CNN_SETTINGS["seed"], "alpha": args.cnn_alpha, "types": args.cnn_types, "optimiser": "Adam, batch 32",
                         **({"char_dim": args.cnn_char_dim, "char_filters": args.cnn_char_filters}
                            if args.cnn_char_dim else {}),
                         **({"rnn": args.cnn_rnn} if args.cnn_rnn else {}),
                         "arithmetic": "float64, exact block-floating-point matrix products (20 bits)"},
            "settings_chosen_by": "scripts/ner_cnn_cv.py (train part only; docs/quality.md)",
            "train_seconds": cnn_s,
            "bytes": cnn_path.stat().st_size,
        },
        "dev_scores_crf_alone": ({k: v for k, v in scores_crf.items() if k not in ("errors",)}
                                 if scores_crf is not None else None),
        "dev_scores": {k: v for k, v in scores.items() if k not in ("errors",)},
        "dev_scores_second_pass": ({k: v for k, v in scores2.items() if k not in ("errors",)}
                                   if scores2 is not None else None),
        "dev_scores_note": ("dev scores with the person-name boundary corrections after decoding "
                            "(pipeline/extract/entities/boundaries.py; KHABAR_NER_BOUNDARIES=0 turns them off)"),
        "train_seconds": round(train_s, 1),
        "total_seconds": round(time.time() - t0, 1),
        "model_bytes": model.stat().st_size,
        "second_model_bytes": second.stat().st_size if doc is not None else None,
        "command": "make train-ner",
    }
    (args.out / "ner_model.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n",
                                             encoding="utf-8")
    print(json.dumps({"dev": {k: scores[k]["f1"] for k in ("all", "PERSON", "ORG", "LOC")},
                      "dev_crf_alone": {k: scores_crf[k]["f1"] for k in ("all", "PERSON", "ORG", "LOC")} if scores_crf else None,
                      "dev_second_pass": {k: scores2[k]["f1"] for k in ("all", "PERSON", "ORG", "LOC")} if scores2 else None,
                      "train_seconds": record["train_seconds"], "model_bytes": record["model_bytes"]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
