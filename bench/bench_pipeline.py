"""Benchmark: ingest and clean (and optionally extract) the whole shared corpus; print docs/s and peak memory.

    .venv/bin/python bench/bench_pipeline.py [--limit N] [--extract]

Not a test: it prints figures (recorded in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.clean.script import detect_language  # noqa: E402
from pipeline.ingest.batch import ingest  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.steps.clean import clean_step  # noqa: E402
from bench.corpus import corpus_path  # noqa: E402

CORPUS = corpus_path().parent  # ingest reads the feed directory


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents (0 = all)")
    ap.add_argument("--extract", action="store_true", help="also run entity, time and fact extraction")
    args = ap.parse_args()
    if not CORPUS.exists():
        sys.exit(f"corpus not found at {CORPUS} (set KHABAR_CORPUS)")
    figures = {}
    t0 = time.perf_counter()
    batch = ingest(Settings(inputs=(CORPUS,)), detect_language)
    t1 = time.perf_counter()
    docs = batch.documents if not args.limit else batch.documents.head(args.limit)
    figures["records_read"] = batch.stats["records_read"]
    figures["documents"] = docs.height
    figures["ingest_s"] = round(t1 - t0, 2)
    figures["ingest_records_per_s"] = round(batch.stats["records_read"] / (t1 - t0))
    out = clean_step(docs)
    t2 = time.perf_counter()
    figures["clean_s"] = round(t2 - t1, 2)
    figures["clean_docs_per_s"] = round(docs.height / (t2 - t1))
    figures["ingest_clean_docs_per_s"] = round(docs.height / (t2 - t0))
    figures["peak_rss_mb_after_clean"] = round(peak_mb())
    if args.extract:
        from pipeline.extract.entities import EntityExtractor
        from pipeline.kb.load import load_kb
        from pipeline.steps.documents import iter_documents
        from pipeline.steps.entities import entity_rows
        from pipeline.steps.facts import fact_rows
        from pipeline.steps.time import time_rows

        extractor = EntityExtractor(load_kb())
        views = list(iter_documents(out.documents, out.sentences, out.offset_map))
        t3 = time.perf_counter()
        ments = {v.doc_id: entity_rows(v, extractor)[0] for v in views}
        t4 = time.perf_counter()
        times = {v.doc_id: time_rows(v)[0] for v in views}
        t5 = time.perf_counter()
        n_facts = sum(sum(len(x) for x in fact_rows(v, ments[v.doc_id], times[v.doc_id]).values()) for v in views)
        t6 = time.perf_counter()
        figures["entities_docs_per_s"] = round(len(views) / (t4 - t3))
        figures["entity_mentions"] = sum(len(m) for m in ments.values())
        figures["time_docs_per_s"] = round(len(views) / (t5 - t4))
        figures["time_expressions"] = sum(len(m) for m in times.values())
        figures["facts_docs_per_s"] = round(len(views) / (t6 - t5))
        figures["facts"] = n_facts
        figures["peak_rss_mb_after_extract"] = round(peak_mb())
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
