"""Train only the tagger's network (``ner_cnn.npz`` layout) exactly as ``scripts/train_ner.py``
does — same data (the ANERcorp train part without the dev tenth), features, settings and
arithmetic — into another file, for experiments such as the recurrent layer of stream ``ner7``:

    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_ner_network.py --out /tmp/ner_rnn.npz [--rnn 32]
        [--dilations 1,2,1] [--seed 11] [--dev]

Prints the file's SHA-256 and the training's CPU seconds. ``--dev`` also scores the committed CRF +
this network on the dev tenth (``make ner-dev``'s figure for it; a dev look — report it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.train_ner import CNN_SETTINGS  # noqa: E402
from pipeline.extract.entities.features import FeatureExtractor, build_gazetteer, load_lexicon, with_option_sets  # noqa: E402
from pipeline.extract.entities.ner_data import NER_DIR, labelled_pieces, split_anercorp  # noqa: E402
from pipeline.extract.entities.neural import EMB_PATH, InputEncoder, WordVectors  # noqa: E402
from pipeline.extract.entities.neural_train import save, train_cnn  # noqa: E402
from pipeline.kb.load import load_kb  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--ner-dir", type=Path, default=NER_DIR)
    ap.add_argument("--opts", default="stackn", help="the CRF's feature options (as scripts/train_ner.py)")
    ap.add_argument("--rnn", type=int, default=CNN_SETTINGS["rnn"])
    ap.add_argument("--dilations", default=",".join(map(str, CNN_SETTINGS["dilations"])))
    ap.add_argument("--seed", type=int, default=CNN_SETTINGS["seed"])
    ap.add_argument("--alpha", type=float, default=CNN_SETTINGS["alpha"])
    ap.add_argument("--types", default=",".join(CNN_SETTINGS["types"]))
    ap.add_argument("--dev", action="store_true", help="also score the committed CRF + this network on dev")
    args = ap.parse_args(argv)
    kb = load_kb()
    types = dict(kb.entities.select("entity_id", "entity_type").iter_rows())
    opts = tuple(o for o in args.opts.split(",") if o)
    feats = with_option_sets(FeatureExtractor(build_gazetteer(kb.aliases, types), load_lexicon(), opts))
    train, _ = split_anercorp(args.ner_dir)
    c0 = time.process_time()
    arrays = train_cnn(list(labelled_pieces(train)), InputEncoder(WordVectors(EMB_PATH), feats),
                       hidden=CNN_SETTINGS["hidden"], dilations=tuple(int(x) for x in args.dilations.split(",") if x),
                       epochs=CNN_SETTINGS["epochs"], lr=CNN_SETTINGS["lr"], drop=CNN_SETTINGS["drop"],
                       gaz_dropout=CNN_SETTINGS["gaz_dropout"], seed=args.seed, char_dim=CNN_SETTINGS["char_dim"],
                       char_filters=CNN_SETTINGS["char_filters"], rnn=args.rnn,
                       log=lambda m: print(m, file=sys.stderr, flush=True))
    cpu = time.process_time() - c0
    arrays["alpha"] = np.float64(args.alpha)
    arrays["types"] = np.array(args.types.split(","), dtype=str)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save(arrays, args.out)
    out = {"out": str(args.out), "sha256": hashlib.sha256(args.out.read_bytes()).hexdigest(),
           "bytes": args.out.stat().st_size, "train_cpu_s": round(cpu, 1), "rnn": args.rnn,
           "dilations": args.dilations, "seed": args.seed, "alpha": args.alpha, "types": args.types}
    if args.dev:
        from pipeline.evaluate.ner import evaluate_dev
        from pipeline.extract.entities.tagger import MODEL_PATH, NerTagger

        res = evaluate_dev(NerTagger(feats, MODEL_PATH, cnn_path=args.out), args.ner_dir)
        out["dev"] = {k: v for k, v in res.items() if k != "errors"}
    print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
