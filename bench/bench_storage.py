"""Benchmark the lake storage: fresh build, no-change refresh, +100 documents, size on disk after 5
refreshes (and after `khabar maintain`), on the seeds and on the first N corpus documents.

    .venv/bin/python bench/bench_storage.py [--docs N] [--add 100] [--skip-seeds] [--skip-corpus]

Each refresh is the real Dagster job (``khabar.runner.run_refresh``). Wall and CPU seconds are
printed per step; the machine is shared, so prefer CPU seconds. The corpus slice is written to a
temporary feed file (deleted afterwards), never into the repository. Not a test: it prints figures
(recorded in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.corpus import corpus_path, read_records  # noqa: E402


def cpu_s() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def disk_bytes(wh: Path) -> dict:
    from pipeline.warehouse.location import locate

    loc = locate(wh)
    data = loc.local_data_dir
    files = [p for p in data.rglob("*") if p.is_file()] if data and data.is_dir() else []
    catalog = sum(p.stat().st_size for p in wh.parent.glob(wh.name + "*") if p.is_file())
    return {"catalog_mb": round(catalog / 1e6, 2), "data_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
            "data_files": len(files), "total_mb": round((catalog + sum(p.stat().st_size for p in files)) / 1e6, 2)}


def timed_refresh(inputs: Path, wh: Path, label: str, out: dict) -> None:
    from khabar.runner import run_refresh
    from pipeline.settings import Settings

    t, c = time.perf_counter(), cpu_s()
    summary = run_refresh(Settings(inputs=(inputs,), warehouse=wh), log_level="ERROR")
    if not summary.success:
        raise SystemExit(f"{label}: refresh failed: {summary.error}")
    out[label] = {"wall_s": round(time.perf_counter() - t, 2), "cpu_s": round(cpu_s() - c, 2), **disk_bytes(wh)}
    print(f"  {label:<22} {json.dumps(out[label])}", flush=True)


def timed_cli_nochange(inputs: Path, wh: Path, label: str, out: dict) -> None:
    """``khabar run`` as a user types it, in a new process (start-up and imports included): with
    nothing changed it proves so from the manifest and starts no Dagster run."""
    import subprocess

    t, c = time.perf_counter(), cpu_s()
    res = subprocess.run([sys.executable, "-m", "khabar.cli", "run", "-q", "-i", str(inputs), "-w", str(wh)],
                         cwd=REPO, capture_output=True, text=True)
    if res.returncode != 0 or "nothing changed since snapshot" not in res.stdout:
        raise SystemExit(f"{label}: expected a skipped run, got:\n{res.stdout}\n{res.stderr[-2000:]}")
    out[label] = {"wall_s": round(time.perf_counter() - t, 2), "cpu_s": round(cpu_s() - c, 2), **disk_bytes(wh)}
    print(f"  {label:<22} {json.dumps(out[label])}", flush=True)


def scenario(name: str, base: list[Path], extra: list[Path] | None, work: Path) -> dict:
    """fresh build → no change → +extra → no change → no change (5 refreshes, each the whole job as
    with ``--force``), then maintenance; after the build, also ``khabar run`` with nothing changed (skipped)."""
    from pipeline.warehouse.maintain import maintain

    inputs, wh = work / "inputs", work / "wh" / "khabar.lake.sqlite"
    inputs.mkdir(parents=True)
    for f in base:
        shutil.copy2(f, inputs / f.name)
    out: dict = {}
    print(f"{name}:", flush=True)
    timed_refresh(inputs, wh, "1 fresh build", out)
    timed_cli_nochange(inputs, wh, "no change: khabar run", out)   # the default: proven unchanged, no run
    timed_refresh(inputs, wh, "2 no-change refresh", out)          # the whole job anyway (khabar run --force)
    if extra:
        for f in extra:
            shutil.copy2(f, inputs / f.name)
        timed_refresh(inputs, wh, f"3 +{name.split('+')[-1] if '+' in name else 'extra'} docs", out)
    else:
        timed_refresh(inputs, wh, "3 no-change refresh", out)
    timed_refresh(inputs, wh, "4 no-change refresh", out)
    timed_refresh(inputs, wh, "5 no-change refresh", out)
    t = time.perf_counter()
    report = maintain(wh, retention=timedelta(0), grace=timedelta(0))
    out["maintain (retention 0)"] = {"wall_s": round(time.perf_counter() - t, 2), **disk_bytes(wh),
                                     "snapshots_left": report.snapshots_left}
    print(f"  {'maintain (retention 0)':<22} {json.dumps(out['maintain (retention 0)'])}", flush=True)
    # a fresh build of the same final inputs, for the size comparison
    fresh = work / "fresh" / "khabar.lake.sqlite"
    from khabar.runner import run_refresh
    from pipeline.settings import Settings

    run_refresh(Settings(inputs=(inputs,), warehouse=fresh), log_level="ERROR")
    out["fresh build of final inputs"] = disk_bytes(fresh)
    print(f"  {'fresh build, same inputs':<22} {json.dumps(out['fresh build of final inputs'])}", flush=True)
    return out


def write_feed(records: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--docs", type=int, default=1000, help="corpus documents in the base build")
    ap.add_argument("--add", type=int, default=100, help="documents added by the third refresh")
    ap.add_argument("--skip-seeds", action="store_true")
    ap.add_argument("--skip-corpus", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("DAGSTER_HOME", str(REPO / ".dagster_home"))
    figures = {}
    with tempfile.TemporaryDirectory(prefix="khabar-bench-storage-") as tmp:
        tmp = Path(tmp)
        if not args.skip_seeds:
            seeds = sorted((REPO / "seeds").glob("*"))
            figures["seeds"] = scenario("seeds", seeds, None, tmp / "seeds")
        if not args.skip_corpus:
            if not corpus_path().exists():
                sys.exit(f"corpus not found at {corpus_path()} (set KHABAR_CORPUS)")
            records = read_records(args.docs + args.add)
            feeds = tmp / "feeds"
            feeds.mkdir()
            base = write_feed(records[:args.docs], feeds / "base.jsonl")
            extra = write_feed(records[args.docs:], feeds / "extra.jsonl")
            figures[f"corpus {args.docs}"] = scenario(f"corpus {args.docs}+{args.add}", [base], [extra],
                                                      tmp / "corpus")
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
