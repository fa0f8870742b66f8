"""Benchmark: peak memory of the warehouse step (load, derive, index, check, commit) of a fresh build, at
one and several times a published warehouse's size.

    .venv/bin/python bench/bench_warehouse_memory.py --lake /tmp/corpus/khabar.lake.sqlite [--copies 1 3]

``--lake`` is a published warehouse (e.g. ``khabar run -i ../shared/corpus/ant -w /tmp/corpus/khabar.lake.sqlite``).
Its documents and document tables are read out once to Parquet (``--work``, default a temporary
directory); for ``--copies k`` every document id, row id, source URI and external id is repeated ``k``
times with a new suffix (new ids, the same texts), written as the run's spool is (one Parquet file per
chunk of 50 documents), and the copies are published into a new lake with ``build_and_publish`` from
lazy scans of those files, as the ``warehouse`` asset does with the run's spool. Prints, per
phase, its seconds and the process's peak RSS (sampled every 50 ms) and, at the end, one JSON line.
The allocators are configured as in the run process (``pipeline/runs/allocators.py``;
``KHABAR_ALLOCATOR_PURGE=0`` to measure without). The run process of ``khabar run`` adds Dagster and the batch's raw texts (≈ 400 MB on the corpus) to
these figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# as the run process does (khabar/__init__.py): before polars and duckdb are loaded; KHABAR_ALLOCATOR_PURGE=0
# measures with the allocators' defaults
from pipeline.runs.allocators import configure  # noqa: E402

configure()

import polars as pl  # noqa: E402
import psutil  # noqa: E402

from assets.warehouse import DOC_TABLE_INPUTS  # noqa: E402
import pipeline.warehouse.derived as derived  # noqa: E402
import pipeline.warehouse.incremental as incremental  # noqa: E402
import pipeline.warehouse.refresh as refresh  # noqa: E402
from pipeline.kb.load import load_kb  # noqa: E402
from pipeline.warehouse.connect import connect_readonly  # noqa: E402

TABLES = ["documents", "document_sources", "source_files", "rejected_documents", *DOC_TABLE_INPUTS]
#: id columns that name knowledge-base entities or derived events: kept as they are in the copies
_SHARED = {"entity_id", "affiliation_entity_id", "location_entity_id", "actor_entity_id", "target_entity_id",
           "speaker_entity_id", "source_entity_id", "event_id"}


class Peak:
    """Peak RSS of the process over nested phases, sampled on a thread: :meth:`start` opens a phase and
    returns the RSS then, :meth:`stop` closes it and returns its peak (a phase inside another one does
    not reset the outer one's peak)."""

    def __init__(self) -> None:
        self.proc = psutil.Process()
        self.marks: dict[str, int] = {}
        self.lock = threading.Lock()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            rss = self.proc.memory_info().rss
            with self.lock:
                for k, v in self.marks.items():
                    self.marks[k] = max(v, rss)
            time.sleep(0.05)

    def start(self, key: str) -> int:
        rss = self.proc.memory_info().rss
        with self.lock:
            self.marks[key] = rss
        return rss

    def stop(self, key: str) -> int:
        rss = self.proc.memory_info().rss
        with self.lock:
            for k, v in self.marks.items():  # the enclosing phases saw this RSS too
                self.marks[k] = max(v, rss)
            return self.marks.pop(key)


def export(lake: Path, out: Path) -> None:
    con = connect_readonly(lake, fts=False)
    try:
        for t in TABLES:
            con.execute(f"SELECT * FROM {t}").pl().write_parquet(out / f"{t}.parquet")
    finally:
        con.close()


#: tables the run hands over as lazy scans of its spool: written here as the spool writes them, one
#: file per chunk of 50 documents (pipeline/steps/spool.py), since polars and DuckDB read many small
#: files differently from one large one. (Not through ``Spool.add``, which takes every table of a
#: chunk at once: holding all copies at once left ≈ 650 MB in the process before the measured step.)
SPOOLED = ["documents", *DOC_TABLE_INPUTS]
CHUNK_DOCS = 50


def copies(src: Path, out: Path, k: int) -> None:
    """``k`` copies of every document table with new ids (suffix ``~n``); spooled tables as chunk files."""
    chunk_of = None
    for t in ["documents", *[t for t in TABLES if t != "documents"]]:
        df = pl.read_parquet(src / f"{t}.parquet")
        if t not in ("source_files", "rejected_documents") and k > 1:
            cols = [c for c, d in df.schema.items() if d == pl.String and c not in _SHARED
                    and (c.endswith("_id") or c in ("source_uri", "external_id"))]
            parts = [df] + [df.with_columns([pl.col(c) + f"~{n}" for c in cols]) for n in range(1, k)]
            df = pl.concat(parts)
        if t not in SPOOLED:
            df.write_parquet(out / f"{t}.parquet")
            continue
        if chunk_of is None:  # documents come first: their order makes the chunks
            chunk_of = df.select("doc_id").with_row_index("i").select(
                "doc_id", chunk=(pl.col("i") // CHUNK_DOCS).cast(pl.Int64))
        folder = out / t
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        df = df.join(chunk_of, on="doc_id", how="left", maintain_order="left")
        for (chunk,), part in df.group_by("chunk", maintain_order=True):
            part.drop("chunk").write_parquet(folder / f"part-{int(chunk):06d}.parquet", compression="lz4",
                                             statistics=False)


def _scan(data: Path, table: str) -> pl.LazyFrame:
    if table in SPOOLED:
        return pl.scan_parquet(sorted((data / table).glob("part-*.parquet")))
    return pl.scan_parquet(data / f"{table}.parquet")


def run(data: Path, target: Path, peak: Peak) -> dict:
    phases: dict[str, dict] = {}

    def wrap(mod, name):
        f = getattr(mod, name)

        def timed(*a, **kw):
            start = peak.start(name)
            t = time.perf_counter()
            try:
                return f(*a, **kw)
            finally:
                top = peak.stop(name)
                phases[name] = {"s": round(time.perf_counter() - t, 1), "start_mb": start >> 20,
                                "peak_mb": top >> 20}
                print(f"  {name:26s} {phases[name]['s']:6.1f} s  RSS at start {start >> 20:5d} MB, "
                      f"peak {top >> 20:5d} MB", flush=True)
        setattr(mod, name, timed)
        return f

    saved = [(refresh, "load_batch", wrap(refresh, "load_batch")),
             (incremental, "refresh_derived", wrap(incremental, "refresh_derived")),
             (derived, "refresh_entity_candidates", wrap(derived, "refresh_entity_candidates")),
             (derived, "refresh_events", wrap(derived, "refresh_events")),
             (derived, "cluster_event_mentions", wrap(derived, "cluster_event_mentions")),
             (incremental, "update_search", wrap(incremental, "update_search")),
             (incremental, "run_contracts", wrap(incremental, "run_contracts")),
             (refresh, "commit_snapshot", wrap(refresh, "commit_snapshot"))]
    try:
        kb = load_kb()
        scan = {t: _scan(data, t) for t in TABLES}
        shutil.rmtree(target.parent, ignore_errors=True)
        target.parent.mkdir(parents=True)
        before = peak.start("step")
        t = time.perf_counter()
        res = refresh.build_and_publish(
            warehouse=target, run_id="bench-memory", inputs=["bench"],
            files=scan["source_files"].collect().with_columns(changed=pl.lit(True)),
            sources=scan["document_sources"].collect(), rejected=scan["rejected_documents"].collect(),
            documents=scan["documents"], doc_tables={t: scan[t] for t in DOC_TABLE_INPUTS},
            reference_tables={"entities": kb.entities, "entity_aliases": kb.aliases, "entity_known_roles": kb.roles})
        seconds = time.perf_counter() - t
        top = peak.stop("step")
    finally:
        for mod, name, f in saved:
            setattr(mod, name, f)
    worst = top >> 20
    return {"published": res.published, "documents": res.table_counts.get("documents"), "seconds": round(seconds, 1),
            "rss_before_mb": before >> 20, "peak_mb": worst, "step_mb": worst - (before >> 20), "phases": phases}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lake", type=Path, required=True, help="a published warehouse to copy")
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 3])
    ap.add_argument("--work", type=Path, default=None, help="scratch directory (default: a temporary one)")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="khabar-bench-mem-"))
    src = work / "export"
    src.mkdir(parents=True, exist_ok=True)
    if not (src / "documents.parquet").exists():
        export(args.lake, src)
    peak = Peak()
    results = {}
    for k in args.copies:
        data = work / f"copies{k}"
        data.mkdir(exist_ok=True)
        copies(src, data, k)
        print(f"{k} x the warehouse:", flush=True)
        results[k] = run(data, work / f"lake{k}" / "khabar.lake.sqlite", peak)
        print(f"  published={results[k]['published']} documents={results[k]['documents']} "
              f"{results[k]['seconds']} s, peak {results[k]['peak_mb']} MB "
              f"(+{results[k]['step_mb']} MB over {results[k]['rss_before_mb']} MB)", flush=True)
    print(json.dumps({"copies": results}, ensure_ascii=False))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
