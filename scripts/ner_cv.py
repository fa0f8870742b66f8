"""Choose tagger features and settings without the dev set: train on the ANERcorp train part
minus its last ninth and score on that ninth (the dev tenth is never read).

    .venv/bin/python scripts/ner_cv.py --c1 0.05 --c2 0.05 --opts affix4 [--tag NAME]

Prints one JSON line (settings, F1 per type, attributes per token, training CPU seconds) and
appends it to ``$KHABAR_NER_CV_LOG`` when set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluate.ner import score_tagger  # noqa: E402
from pipeline.extract.entities.features import FeatureExtractor, build_gazetteer, load_lexicon  # noqa: E402
from pipeline.extract.entities.ner_data import NER_DIR, read_bio, split_anercorp, to_pieces  # noqa: E402
from pipeline.extract.entities.tagger import NerTagger  # noqa: E402
from pipeline.extract.entities.training import train_crf  # noqa: E402
from pipeline.kb.load import load_kb  # noqa: E402


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
    ap.add_argument("--tag", default="")
    args = ap.parse_args(argv)
    opts = tuple(o for o in args.opts.split(",") if o)
    kb = load_kb()
    types = dict(kb.entities.select("entity_id", "entity_type").iter_rows())
    gaz = {} if args.no_gazetteer else build_gazetteer(kb.aliases, types)
    feats = FeatureExtractor(gaz, load_lexicon(), opts)
    train, _ = split_anercorp(args.ner_dir)  # the dev tenth is dropped here and never looked at
    cut = len(train) - len(train) // 9
    fit, val = train[:cut], train[cut:]
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
              "feature.possible_transitions": True, "feature.minfreq": args.min_freq}
    c0 = time.process_time()
    with tempfile.TemporaryDirectory() as d:
        model = Path(d) / "cv.crfsuite"
        extra = read_bio(args.ner_dir / "aqmar" / "aqmar.txt") if args.aqmar else []
        train_crf(fit + extra, feats, model, params, gaz_dropout=args.gaz_dropout)
        cpu = time.process_time() - c0
        tagger = NerTagger(feats, model)
        res = score_tagger(tagger, val)
        n = a = 0
        for s in val:
            for f in tagger.features.sequence(to_pieces(s)[0]):
                n += 1
                a += len(f)
        out = {"tag": args.tag, "opts": opts, **params, "gazetteer": not args.no_gazetteer, "aqmar": args.aqmar,
               "gaz_dropout": args.gaz_dropout,
               **{k: res[k]["f1"] for k in ("all", "PERSON", "ORG", "LOC")},
               "P": res["all"]["precision"], "R": res["all"]["recall"],
               "attrs_known": len(tagger.features.known), "attrs_per_token": round(a / n, 1),
               "train_cpu_s": round(cpu, 1), "val_sentences": len(val)}
    line = json.dumps(out, ensure_ascii=False)
    print(line)
    if os.environ.get("KHABAR_NER_CV_LOG"):
        with open(os.environ["KHABAR_NER_CV_LOG"], "a", encoding="utf-8") as fh:
            fh.write(line + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
