"""Benchmark: what a refresh costs as the warehouse grows (stream `incr`, issue 9 point 2).

    .venv/bin/python bench/bench_refresh.py [--docs 1000,4000] [--add 100] [--keep DIR]

For each size N it builds a warehouse from the first N corpus documents (one JSON Lines feed, through
the real `khabar run` job in-process), then measures
- a refresh where nothing changed, and one that adds the next ``--add`` articles (a second feed);
  the warehouse step is split into the storage part (copy of the published file + migration, and
  checkpoint/fsync/swap: owned by the `lake` stream) and the rest (load, derived tables, search,
  contracts, record);
- on a copy of the grown warehouse, the derived steps alone for the documents the +add batch
  changed, incremental vs. whole-warehouse: search postings, events + candidates, contracts.
Wall and CPU seconds (CPU = this process, all DuckDB threads; on a shared machine CPU is the
figure to compare). Not a test: it prints figures
(recorded in docs/benchmarks.md). The machine is shared: read the figures as orders of magnitude.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import corpus_path  # noqa: E402

TIMES: dict[str, list[tuple[float, float]]] = {}


@contextmanager
def clock(name: str, into: dict):
    w, c = time.perf_counter(), time.process_time()
    yield
    into[name] = {"wall_s": round(time.perf_counter() - w, 3), "cpu_s": round(time.process_time() - c, 3)}


def _wrap(module, attr: str, label: str) -> None:
    fn = getattr(module, attr)

    def timed(*a, **k):
        t, c = time.perf_counter(), time.process_time()
        try:
            return fn(*a, **k)
        finally:
            TIMES.setdefault(label, []).append((time.perf_counter() - t, time.process_time() - c))

    setattr(module, attr, timed)


def _instrument() -> None:
    import assets.warehouse as aw
    import pipeline.warehouse.refresh as rf

    _wrap(aw, "build_and_publish", "warehouse_step")
    _wrap(rf, "prepare_staging", "storage_copy_migrate")
    _wrap(rf, "publish_staging", "storage_publish")


def _write_feed(path: Path, start: int, n: int) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with corpus_path().open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i < start:
                continue
            if written >= n:
                break
            dst.write(line)
            written += 1
    return written


def _run(settings, label: str, out: dict) -> None:
    from khabar.runner import run_refresh

    TIMES.clear()
    with clock("total", out.setdefault(label, {})):
        summary = run_refresh(settings, log_level="ERROR")
    if not summary.success:
        raise SystemExit(f"{label}: refresh failed: {summary.error}")
    def total(key: str, i: int) -> float:
        return sum(x[i] for x in TIMES.get(key, []))

    for i, kind in ((0, "wall_s"), (1, "cpu_s")):
        step = total("warehouse_step", i)
        storage = total("storage_copy_migrate", i) + total("storage_publish", i)
        out[label][f"warehouse_step_{kind}"] = round(step, 3)
        out[label][f"of_which_storage_copy_publish_{kind}"] = round(storage, 3)
        out[label][f"warehouse_step_without_storage_{kind}"] = round(step - storage, 3)
    print(json.dumps({label: out[label]}), flush=True)  # progress: one line per refresh


def _derived_steps(wh: Path, doc_ids: list[str], out: dict) -> None:
    import duckdb

    from pipeline.quality.warehouse import run_contracts
    from pipeline.warehouse.derived import refresh_derived
    from pipeline.warehouse.search_index import rebuild_search, update_search

    work = wh.with_name("steps.duckdb")
    shutil.copy2(wh, work)
    con = duckdb.connect(str(work))
    try:
        res = out.setdefault("steps", {"batch_documents": len(doc_ids)})
        with clock("search_update_batch", res):
            update_search(con, doc_ids)
        with clock("search_rebuild_all", res):
            rebuild_search(con)
        with clock("derived_batch", res):
            refresh_derived(con, doc_ids)
        with clock("derived_all", res):
            refresh_derived(con)
        with clock("contracts_batch", res):
            run_contracts(con, doc_ids=doc_ids)
        with clock("contracts_all", res):
            run_contracts(con)
    finally:
        con.close()
        work.unlink(missing_ok=True)


def bench_size(n: int, add: int, root: Path) -> dict:
    import duckdb

    from pipeline.settings import Settings

    feeds = root / f"n{n}" / "feeds"
    _write_feed(feeds / "base.jsonl", 0, n)
    wh = root / f"n{n}" / "khabar.duckdb"
    settings = Settings(inputs=(feeds,), warehouse=wh)
    out: dict = {"documents": n}
    _run(settings, "fresh_build", out)
    _run(settings, "no_change", out)
    _write_feed(feeds / "added.jsonl", n, add)
    _run(settings, f"plus_{add}", out)
    _run(settings, "no_change_after", out)
    con = duckdb.connect(str(wh), read_only=True)
    try:
        out["size_mb"] = round(wh.stat().st_size / 1e6, 1)
        out["active_documents"] = con.execute("SELECT count(*) FROM documents WHERE status = 'active'").fetchone()[0]
        out["event_mentions"] = con.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
        batch = [r[0] for r in con.execute(
            "SELECT DISTINCT doc_id FROM document_sources WHERE source_path LIKE '%added.jsonl'").fetchall()]
    finally:
        con.close()
    _derived_steps(wh, batch, out)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", default="1000,4000", help="warehouse sizes (comma-separated)")
    ap.add_argument("--add", type=int, default=100, help="articles added by the incremental refresh")
    ap.add_argument("--keep", type=Path, help="work directory to keep (default: a temporary one)")
    args = ap.parse_args()
    if not corpus_path().exists():
        sys.exit(f"corpus not found at {corpus_path()} (set KHABAR_CORPUS)")
    _instrument()
    root = args.keep or Path(tempfile.mkdtemp(prefix="khabar_bench_refresh_"))
    root.mkdir(parents=True, exist_ok=True)
    os.environ["DAGSTER_HOME"] = str(root / "dagster_home")  # a run history of its own
    try:
        for n in [int(x) for x in args.docs.split(",")]:
            print(json.dumps(bench_size(n, args.add, root), indent=1), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
