"""Mine the tagger's semi-supervised name gazetteer from the unlabelled ANT corpus.

    .venv/bin/python scripts/build_ner_mined.py [--corpus ../shared/corpus/ant/...jsonl] [--out FILE]

Reads only the ``text`` field of the corpus (never copied into the project) and writes
``pipeline/extract/entities/model/mined_names.tsv``: ``TYPE<TAB>normalized name`` lines, sorted —
the organisations, persons and places that follow a high-precision cue often enough
(:mod:`pipeline.extract.entities.mining`). No text, only names. Deterministic (pure Python, counts
in corpus order, sorted output); the tagger reads the file with the feature option ``mined``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from pipeline.extract.entities.features import MODEL_DIR, write_names  # noqa: E402
from pipeline.extract.entities.mining import mine_names  # noqa: E402
from build_ner_lexicon import DEFAULT_CORPUS, sentences  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=MODEL_DIR / "mined_names.tsv")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-share", type=float, default=0.25)
    ap.add_argument("--token-share", type=float, default=0.0,
                    help="> 0: drop longer names holding a word seen after a cue in less than this share of its uses")
    args = ap.parse_args(argv)
    sents = sentences(args.corpus)
    names = mine_names(sents, args.min_count, args.min_share, token_share=args.token_share)
    header = (f"names mined from the left contexts of {args.corpus.name} (scripts/build_ner_mined.py, "
              f"min count {args.min_count}, min share {args.min_share}"
              + (f", token share {args.token_share}" if args.token_share else "") + ")")
    write_names(names, args.out, header)
    print({t: len(v) for t, v in sorted(names.items())}, "->", args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
