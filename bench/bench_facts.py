"""Benchmark the fact extractors on the first N corpus articles.

Usage: ``.venv/bin/python bench/bench_facts.py [N]`` (default 500). Uses a
simple stand-in for the other extractors: mentions = [] and timexes = [],
and a regex sentence splitter. Prints docs/s per extractor and overall, and
row counts. The corpus path is ``../shared/corpus/ant/`` relative to the repo
root, or ``$KHABAR_CORPUS`` (a directory or the .jsonl file itself).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.extract.casualty_score import casualty_score  # noqa: E402
from pipeline.extract.citations import extract_citations  # noqa: E402
from pipeline.extract.events import extract_event_mentions  # noqa: E402
from pipeline.extract.quantities import extract_quantities  # noqa: E402
from pipeline.extract.quotes import extract_quotes  # noqa: E402

from bench.corpus import read_records  # noqa: E402
from tests.extract.fact_helpers import split as simple_sentences  # noqa: E402  (stand-in splitter)


def main(n: int = 500) -> None:
    """Run the benchmark on the first ``n`` documents and print figures."""
    docs = [r["text"] or "" for r in read_records(n)]
    timings: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    cats: Counter[str] = Counter()
    types: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for text in docs:
        sents = simple_sentences(text)
        t0 = time.perf_counter()
        qs = extract_quantities(text, sents, [])
        t1 = time.perf_counter()
        evs = extract_event_mentions(text, sents, [], [], qs)
        for e in evs:  # the casualty confidence (pipeline.steps.facts.fact_rows) is part of the events' cost
            if e.get("killed") is not None or e.get("injured") is not None:
                e["confidence"] = round(min(e["confidence"], casualty_score(text, e)), 2)
        t2 = time.perf_counter()
        quotes = extract_quotes(text, sents, [])
        t3 = time.perf_counter()
        cites = extract_citations(text, sents, [])
        t4 = time.perf_counter()
        timings.update({"quantities": t1 - t0, "events": t2 - t1, "quotes": t3 - t2, "citations": t4 - t3})
        counts.update({"quantities": len(qs), "events": len(evs), "quotes": len(quotes), "citations": len(cites)})
        cats.update(q["category"] for q in qs)
        types.update(e["event_type"] for e in evs)
        kinds.update(c["source_kind"] for c in cites)
        for rows, key in ((qs, "surface"), (evs, "trigger"), (quotes, "quote_text"), (cites, "source_surface")):
            for r in rows:
                assert text[r["start"] : r["end"]] == r[key] if key != "source_surface" else (
                    text[r["source_start"] : r["source_end"]] == r[key]
                )
    total = sum(timings.values())
    print(f"docs={len(docs)} chars={sum(map(len, docs))}")
    for k in ("quantities", "events", "quotes", "citations"):
        print(f"{k:11s} {len(docs) / timings[k]:8.1f} docs/s  rows={counts[k]}")
    print(f"{'all':11s} {len(docs) / total:8.1f} docs/s")
    print("quantity categories:", dict(cats.most_common()))
    print("event types:", dict(types.most_common()))
    print("source kinds:", dict(kinds.most_common()))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
