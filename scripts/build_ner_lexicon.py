"""Derive the tagger's word clusters and the frequent-word list from the shared ANT corpus.

    .venv/bin/python scripts/build_ner_lexicon.py [--corpus ../shared/corpus/ant/...jsonl]

Needs the ``train`` extra (gensim, numpy). Reads only the ``text`` field of the corpus and the
NER training data (never copied into the project) and writes two small model artefacts (no text):

* ``pipeline/extract/entities/model/clusters.tsv`` — ``word<TAB>coarse<TAB>fine`` for the
  ``--vocab`` most frequent normalized words (frequency order, so the line number is the rank):
  word2vec (CBOW) vectors clustered by k-means into ``--coarse`` and ``--fine`` clusters;
* ``pipeline/extract/entities/model/frequent_words.txt`` — the *ordinary* words among the
  ``--frequent`` most frequent normalized Arabic words (ordinary: the annotated NER training data
  shows them outside names at least 90% of the time), one a line in rank order, used to ask for
  context before a knowledge-base alias that is also an ordinary word becomes a mention.

Deterministic: one worker, fixed seeds, a hash function that does not depend on PYTHONHASHSEED, and
k-means started from a seeded k-means++.
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.extract.entities.ner_data import shared_dir  # noqa: E402
from pipeline.extract.entities.tokens import SENTENCE_END, pieces  # noqa: E402
from pipeline.text.normalize import normalize_key  # noqa: E402

MODEL_DIR = ROOT / "pipeline" / "extract" / "entities" / "model"
DEFAULT_CORPUS = shared_dir() / "corpus" / "ant" / "ant_v2.1_middle_east_international.jsonl"


def sentences(path: Path) -> list[list[str]]:
    """Normalized token sentences of every document (split at line breaks and sentence ends)."""
    out: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            for para in text.splitlines():
                cur: list[str] = []
                for p in pieces(normalize_key(para)):
                    cur.append(p)
                    if p in SENTENCE_END:
                        out.append(cur)
                        cur = []
                if cur:
                    out.append(cur)
    return out


MIN_SEEN = 3
ORDINARY_SHARE = 0.9


def ordinary_words() -> set[str]:
    """Normalized words the annotated NER training data (ANERcorp train part without the dev tenth,
    AQMAR) shows as ordinary words: seen at least ``MIN_SEEN`` times, outside any PERSON/ORG/LOC
    name at least ``ORDINARY_SHARE`` of the time. A frequent word of the ANT corpus that is not
    among them (``الحوثيين``, ``ترمب``) is frequent as a name, not as a word."""
    from pipeline.extract.entities.ner_data import labelled_pieces, training_sentences

    seen: Counter = Counter()
    outside: Counter = Counter()
    for words, labels in labelled_pieces(training_sentences()):
        for w, lab in zip(words, labels):
            seen[w] += 1
            outside[w] += lab == "O"
    return {w for w, n in seen.items() if n >= MIN_SEEN and outside[w] >= ORDINARY_SHARE * n}


def _hash(s: str) -> int:
    return zlib.crc32(s.encode("utf-8"))


def kmeans(x, k: int, seed: int, iters: int = 25):
    """Plain Lloyd k-means on unit vectors (cosine), seeded k-means++ start; returns labels."""
    import numpy as np

    rng = np.random.default_rng(seed)
    n = x.shape[0]
    centers = [x[rng.integers(n)]]
    d2 = np.full(n, np.inf)
    for _ in range(1, k):
        d2 = np.minimum(d2, ((x - centers[-1]) ** 2).sum(1))
        centers.append(x[rng.choice(n, p=d2 / d2.sum())])
    c = np.stack(centers)
    labels = np.zeros(n, dtype=np.int64)
    for _ in range(iters):
        labels = (x @ c.T).argmax(1)
        for j in range(k):
            members = x[labels == j]
            if len(members):
                v = members.mean(0)
                c[j] = v / (np.linalg.norm(v) or 1.0)
    return labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--vocab", type=int, default=40000)
    ap.add_argument("--coarse", type=int, default=64)
    ap.add_argument("--fine", type=int, default=512)
    ap.add_argument("--frequent", type=int, default=10000)
    ap.add_argument("--frequent-only", action="store_true", help="only rewrite frequent_words.txt")
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    args = ap.parse_args(argv)
    sents = sentences(args.corpus)
    counts = Counter(t for s in sents for t in s)
    args.out.mkdir(parents=True, exist_ok=True)
    ordinary = ordinary_words()
    freq = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if not w.isascii() and not w.isdigit() and len(w) > 1][: args.frequent]
    freq = [w for w in freq if w in ordinary]
    (args.out / "frequent_words.txt").write_text(
        f"# ordinary words among the {args.frequent} most frequent normalized Arabic words of the ANT corpus "
        f"(seen >= {MIN_SEEN} times in the NER training data, >= {ORDINARY_SHARE:.0%} outside names); rank order\n"
        + "\n".join(freq) + "\n", encoding="utf-8")
    if args.frequent_only:
        print(f"frequent={len(freq)}")
        return 0
    import numpy as np
    from gensim.models import Word2Vec

    w2v = Word2Vec(sentences=sents, vector_size=100, window=5, min_count=5, sg=0, negative=5, epochs=5,
                   workers=1, seed=13, hashfxn=_hash, sorted_vocab=1)
    words = [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
             if w in w2v.wv.key_to_index and any(ch.isalpha() for ch in w)][: args.vocab]
    x = np.stack([w2v.wv[w] for w in words]).astype(np.float64)
    x /= np.linalg.norm(x, axis=1, keepdims=True).clip(1e-9)
    coarse = kmeans(x, args.coarse, seed=1)
    fine = kmeans(x, args.fine, seed=2)
    with (args.out / "clusters.tsv").open("w", encoding="utf-8") as fh:
        fh.write(f"# word2vec CBOW (100d, window 5, 5 epochs) + k-means {args.coarse}/{args.fine} over the "
                 f"{len(words)} most frequent normalized words of the ANT corpus; rank order\n")
        for w, a, b in zip(words, coarse, fine):
            fh.write(f"{w}\t{a}\t{b}\n")
    print(f"sentences={len(sents)} tokens={sum(counts.values())} clustered={len(words)} frequent={len(freq)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
