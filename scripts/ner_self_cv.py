"""Self-training, cross-validated on the train part only (the dev tenth is never read): train the CRF
on the fit part, tag unlabelled ANT articles with it (document by document), keep the sentences whose
every tagged name is sure (confidence ≥ ``--min-conf``) and that hold at least one name, retrain on the
fit part plus those sentences, and score the held-out part (last ninth, or ``--folds 3``).

    OMP_NUM_THREADS=1 .venv/bin/python scripts/ner_self_cv.py [--docs 3000] [--max-sents 3000]
        [--min-conf 0.9] [--folds 1] [--opts mined] [--mined FILE] [--tag NAME]

The unlabelled text is read from ``../shared/corpus/ant`` (never copied into the project); only the
first ``--docs`` articles, in file order, are tagged, so a run is deterministic. Prints one JSON line
(and appends it to ``$KHABAR_NER_CV_LOG``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_ner_lexicon import DEFAULT_CORPUS  # noqa: E402

from pipeline.evaluate.ner import TYPES, _prf, record_result, score_tagger  # noqa: E402
from pipeline.extract.entities.features import (  # noqa: E402
    FeatureExtractor, build_gazetteer, load_lexicon, with_mined)
from pipeline.extract.entities.ner_data import cv_splits, split_anercorp  # noqa: E402
from pipeline.extract.entities.tagger import NerTagger  # noqa: E402
from pipeline.extract.entities.tokens import SENTENCE_END, pieces  # noqa: E402
from pipeline.extract.entities.training import train_crf  # noqa: E402
from pipeline.kb.load import load_kb  # noqa: E402
from pipeline.text.normalize import normalize_key  # noqa: E402


def documents(path: Path, n: int) -> list[list[list[str]]]:
    """The first ``n`` articles as sentences of normalized pieces."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if len(out) >= n:
                break
            sents = []
            for para in (json.loads(line).get("text") or "").splitlines():
                cur: list[str] = []
                for p in pieces(normalize_key(para)):
                    cur.append(p)
                    if p in SENTENCE_END:
                        sents.append(cur)
                        cur = []
                if cur:
                    sents.append(cur)
            out.append(sents)
    return out


def auto_labelled(tagger: NerTagger, docs, min_conf: float, max_sents: int) -> list[tuple[list[str], list[str]]]:
    """Sentences tagged by ``tagger`` whose names are all sure (BIO labels), in corpus order."""
    out = []
    for sents in docs:
        for words, found in zip(sents, tagger.tag_document(sents)):
            if not found or not 5 <= len(words) <= 60 or any(c < min_conf for *_, c in found):
                continue
            lab = ["O"] * len(words)
            for s, e, typ, _ in found:
                lab[s:e] = ["B-" + typ] + ["I-" + typ] * (e - s - 1)
            out.append((words, lab))
            if len(out) >= max_sents:
                return out
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--max-sents", type=int, default=3000)
    ap.add_argument("--min-conf", type=float, default=0.9)
    ap.add_argument("--folds", type=int, default=1)
    ap.add_argument("--opts", default="")
    ap.add_argument("--mined", type=Path, default=None)
    ap.add_argument("--tag", default="")
    args = ap.parse_args(argv)
    opts = tuple(o for o in args.opts.split(",") if o)
    kb = load_kb()
    types = dict(kb.entities.select("entity_id", "entity_type").iter_rows())
    feats = FeatureExtractor(build_gazetteer(kb.aliases, types), load_lexicon(), opts)
    if "mined" in opts:
        feats = with_mined(feats, args.mined)
    train, _ = split_anercorp()  # the dev tenth is dropped here and never looked at
    splits = cv_splits(train, args.folds)  # k contiguous folds, or the last ninth
    params = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True,
              "feature.minfreq": 1}
    docs = documents(args.corpus, args.docs)
    c0 = time.process_time()
    counts = {t: [0, 0, 0] for t in TYPES}
    n_auto = 0
    for fit, val in splits:
        with tempfile.TemporaryDirectory() as d:
            base = Path(d) / "base.crfsuite"
            train_crf(fit, feats, base, params, gaz_dropout=0)
            auto = auto_labelled(NerTagger(feats, base), docs, args.min_conf, args.max_sents)
            n_auto += len(auto)
            model = Path(d) / "self.crfsuite"
            train_crf(fit + auto, feats, model, params, gaz_dropout=0)
            res = score_tagger(NerTagger(feats, model), val)
        for t in TYPES:
            for q, key in enumerate(("tp", "fp", "fn")):
                counts[t][q] += res[t][key]
    res = {"all": _prf(*(sum(c[q] for c in counts.values()) for q in range(3)))}
    res.update({t: _prf(*counts[t]) for t in TYPES})
    record_result({"tag": args.tag, "self_training": {"docs": args.docs, "max_sents": args.max_sents,
                                                      "min_conf": args.min_conf, "auto_sentences": n_auto},
                   "opts": opts, "folds": args.folds, **{k: res[k]["f1"] for k in ("all", "PERSON", "ORG", "LOC")},
                   "P": res["all"]["precision"], "R": res["all"]["recall"],
                   "cpu_s": round(time.process_time() - c0, 1)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
