"""Subword word vectors for the neural entity tagger, trained on the shared ANT corpus.

    PYTHONHASHSEED=0 .venv/bin/python scripts/build_ner_embeddings.py   # `make ner-embeddings`

Needs the ``train`` extra (gensim). Reads the ``text`` field of the ANT corpus (tokenized like the
tagger: :func:`normalize_key` + :func:`pieces`) and the *unlabelled* words of the ANERcorp train
part (the dev tenth is not read), trains gensim fastText (CBOW, character n-grams ``--min-n`` ..
``--max-n`` hashed into ``--bucket`` rows) with one worker and a fixed seed, and writes
``pipeline/extract/entities/model/embeddings.npz`` (no text beyond the vocabulary):

* ``words`` — the ``--vocab`` most frequent words (frequency order);
* ``vectors`` — their fastText vectors (word + n-grams), float16;
* ``ngrams`` — the n-gram bucket vectors, float16, with ``min_n``/``max_n``/``bucket``: a word
  outside the vocabulary (an unseen foreign name) gets the mean of its n-gram vectors, the way
  fastText does (:mod:`pipeline.extract.entities.embeddings`, checked against gensim in the tests).
"""

from __future__ import annotations

import argparse
import sys
import time
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_ner_lexicon import DEFAULT_CORPUS, sentences  # noqa: E402

from pipeline.extract.entities.ner_data import labelled_pieces, split_anercorp  # noqa: E402

MODEL_DIR = ROOT / "pipeline" / "extract" / "entities" / "model"


def _hash(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--dim", type=int, default=64)
    ap.add_argument("--vocab", type=int, default=60000)
    ap.add_argument("--bucket", type=int, default=80000)
    ap.add_argument("--min-n", type=int, default=2)
    ap.add_argument("--max-n", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=MODEL_DIR / "embeddings.npz")
    args = ap.parse_args(argv)
    import numpy as np
    from gensim.models import FastText

    t0 = time.time()
    sents = sentences(args.corpus)
    train, _ = split_anercorp()  # the dev tenth is dropped here
    sents += [w for w, _ in labelled_pieces(train)]
    counts = Counter(t for s in sents for t in s)
    print(f"sentences={len(sents)} tokens={sum(counts.values())} types={len(counts)}", flush=True)
    ft = FastText(vector_size=args.dim, window=5, min_count=3, sg=0, negative=5, epochs=args.epochs,
                  min_n=args.min_n, max_n=args.max_n, bucket=args.bucket, workers=1, seed=13,
                  hashfxn=_hash, sorted_vocab=1)
    ft.build_vocab(corpus_iterable=sents)
    ft.train(corpus_iterable=sents, total_examples=len(sents), epochs=args.epochs)
    words = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
             if w in ft.wv.key_to_index][: args.vocab]
    vectors = np.stack([ft.wv[w] for w in words]).astype(np.float16)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "wb") as fh:
        np.savez(fh, words=np.array(words, dtype=str), vectors=vectors,
                 ngrams=ft.wv.vectors_ngrams.astype(np.float16),
                 min_n=np.int64(args.min_n), max_n=np.int64(args.max_n), bucket=np.int64(args.bucket))
    print(f"vocab={len(words)} dim={args.dim} bucket={args.bucket} bytes={args.out.stat().st_size} "
          f"seconds={time.time() - t0:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
