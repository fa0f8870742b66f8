"""Benchmark: the whole per-document pipeline against ``dateparser.search_dates`` on the same articles.

    .venv/bin/python bench/bench_throughput.py [--docs 5000] [--workers N] [--dateparser-docs N]

One run, same first N corpus articles:

1. the pipeline — ingest (decode, dedupe), then clean → entities → time → facts in the process pool
   (:func:`pipeline.steps.parallel.process_documents`, ``--workers``, default the available cores);
2. the same, serially in this process, timed per stage (library-only CPU figures per core; the entity
   stage tags a chunk's documents together first, ``EntityExtractor.pretag``, as the pool's
   ``process_chunk`` does);
3. ``dateparser.search_dates(text, languages=['ar'])`` on the same texts (one process).

Prints wall and CPU seconds (CPU includes the pool's workers), documents/s, peak RSS, the machine
load, and the ratio pipeline / dateparser. Not a test: figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import read_records  # noqa: E402


def cpu() -> float:
    """CPU seconds of this process and its finished children (the pool's workers)."""
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def peak_mb() -> dict:
    return {"self": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "largest_worker": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--workers", type=int, default=None, help="pool size (default: $KHABAR_WORKERS or the cores)")
    ap.add_argument("--dateparser-docs", type=int, default=None, help="dateparser on the first N only (default all)")
    ap.add_argument("--skip-serial", action="store_true", help="no per-stage serial pass")
    args = ap.parse_args()

    from pipeline.clean.script import detect_language
    from pipeline.ingest.batch import ingest
    from pipeline.kb.load import load_kb
    from pipeline.settings import Settings
    from pipeline.steps.parallel import chunk_size, process_documents, worker_count

    records = read_records(args.docs)
    out: dict = {"articles": len(records), "load_before": os.getloadavg()}
    kb = load_kb()
    kb_frames = {"entities": kb.entities, "aliases": kb.aliases, "roles": kb.roles, "alias_rules": kb.alias_rules}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "feed.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        w0, c0 = time.perf_counter(), cpu()
        raw = ingest(Settings(inputs=(Path(tmp),)), detect_language).documents
        res = process_documents(raw, kb_frames, workers=args.workers)
        w1, c1 = time.perf_counter(), cpu()
    n = raw.height
    out["pipeline"] = {"documents": n, "workers": res.workers, "chunks": res.chunks, "wall_s": round(w1 - w0, 1),
                       "cpu_s": round(c1 - c0, 1), "docs_per_s": round(n / (w1 - w0), 1),
                       "docs_per_cpu_s": round(n / (c1 - c0), 1),
                       "rows": {k: f.height for k, f in res.frames.items()}, "peak_rss_mb": peak_mb()}

    if not args.skip_serial:
        from pipeline.extract.entities import EntityExtractor
        from pipeline.kb.load import KnowledgeBase
        from pipeline.steps.clean import clean_step
        from pipeline.steps.documents import iter_documents
        from pipeline.steps.entities import entity_rows
        from pipeline.steps.facts import fact_rows
        from pipeline.steps.time import time_rows

        extractor = EntityExtractor(KnowledgeBase(**kb_frames))
        t = time.process_time
        a = t()
        c = clean_step(raw)
        views = list(iter_documents(c.documents, c.sentences, c.offset_map))
        b = t()
        # as process_chunk runs it: a chunk's documents are tagged together (pretag), then each is extracted
        step = chunk_size()
        ments = []
        for i in range(0, len(views), step):
            chunk = views[i:i + step]
            extractor.pretag([v.text for v in chunk], [v.skip_spans for v in chunk])
            ments += [entity_rows(v, extractor)[0] for v in chunk]
        d = t()
        times = [time_rows(v)[0] for v in views]
        e = t()
        for v, m, x in zip(views, ments, times):
            fact_rows(v, [{**r, "start": r["start_char"], "end": r["end_char"]} for r in m],
                      [{**r, "start": r["start_char"], "end": r["end_char"]} for r in x])
        f = t()
        out["serial_cpu_per_core"] = {
            "clean_docs_per_s": round(n / (b - a)), "entities_docs_per_s": round(n / (d - b)),
            "time_docs_per_s": round(n / (e - d)), "facts_docs_per_s": round(n / (f - e)),
            "entities_time_facts_docs_per_s": round(n / (f - b)),
            "clean_to_facts_docs_per_s": round(n / (f - a))}

    import dateparser.search

    texts = raw["raw_text"].to_list()[: args.dateparser_docs or n]
    dateparser.search.search_dates("في 4 يناير 2024", languages=["ar"])  # warm-up
    w0, c0 = time.perf_counter(), time.process_time()
    found = sum(len(dateparser.search.search_dates(x, languages=["ar"]) or []) for x in texts)
    w1, c1 = time.perf_counter(), time.process_time()
    out["dateparser"] = {"documents": len(texts), "found": found, "wall_s": round(w1 - w0, 1),
                         "cpu_s": round(c1 - c0, 1), "docs_per_s": round(len(texts) / (w1 - w0), 1),
                         "docs_per_cpu_s": round(len(texts) / (c1 - c0), 1)}
    p, dp = out["pipeline"], out["dateparser"]
    out["ratio_pipeline_vs_dateparser"] = {"wall": round(p["docs_per_s"] / dp["docs_per_s"], 2),
                                           "cpu": round(p["docs_per_cpu_s"] / dp["docs_per_cpu_s"], 2)}
    out["load_after"] = os.getloadavg()
    out["cores"] = worker_count()
    print(json.dumps(out, indent=1))
    print(f"\nwhole pipeline vs dateparser.search_dates on the same {n} documents: "
          f"{out['ratio_pipeline_vs_dateparser']['wall']}x faster (wall clock, pipeline on {p['workers']} workers), "
          f"{out['ratio_pipeline_vs_dateparser']['cpu']}x per CPU-second (target 3x); load average "
          f"{out['load_before'][0]:.1f} -> {out['load_after'][0]:.1f}")
    if "serial_cpu_per_core" in out:
        per = out["serial_cpu_per_core"]
        print(f"library only, per core (CPU): entities + time + facts {per['entities_time_facts_docs_per_s']} documents/s "
              f"(target 400; clean {per['clean_docs_per_s']}, entities {per['entities_docs_per_s']}, "
              f"time {per['time_docs_per_s']}, facts {per['facts_docs_per_s']})")


if __name__ == "__main__":
    main()
