"""Baselines for "how far is each stage from one pass over the text": one regex pass and one
Aho-Corasick pass (the knowledge-base aliases) over the same articles, in documents per CPU-second.

    .venv/bin/python bench/bench_baselines.py [--docs 2000]

Compare with the per-stage figures of ``bench/bench_throughput.py`` (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import read_records  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    args = ap.parse_args()
    import ahocorasick

    from pipeline.kb.load import load_kb
    from pipeline.text.normalize import normalize_for_matching

    texts = [r["text"] for r in read_records(args.docs)]
    word = re.compile(r"\w+")
    t0 = time.process_time()
    n_words = sum(1 for x in texts for _ in word.finditer(x))
    regex_s = time.process_time() - t0
    automaton = ahocorasick.Automaton()
    for alias in load_kb().aliases["normalized"].drop_nulls().unique().to_list():
        automaton.add_word(alias, alias)
    automaton.make_automaton()
    t0 = time.process_time()
    hits = sum(1 for x in texts for _ in automaton.iter(normalize_for_matching(x)))
    ac_s = time.process_time() - t0
    print(json.dumps({"documents": len(texts), "words": n_words, "alias_hits": hits,
                      "regex_pass_docs_per_cpu_s": round(len(texts) / regex_s),
                      "aho_corasick_pass_docs_per_cpu_s": round(len(texts) / ac_s)}, indent=1))


if __name__ == "__main__":
    main()
