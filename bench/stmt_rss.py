"""Per-statement RSS of the warehouse bench: runs ``bench/bench_warehouse_memory.py`` (of this tree, or of
the tree given with ``--bench``) with the writer connection wrapped, and records, for every ``execute``
of the refresh, its seconds, the process's RSS at its start and end and its peak (sampled every 20 ms).

    .venv/bin/python bench/stmt_rss.py --log /tmp/x/stmts.jsonl [--top 25] [--bench <other tree>/bench/bench_warehouse_memory.py] \\
        -- --lake /tmp/corpus/khabar.lake.sqlite --copies 3 --work /tmp/x/work

Prints the bench's own output, then the statements that rose most over their start (peak - start).
The wrapper costs a little memory of its own (one small dict per statement); it is a profiling aid,
not the bench's figure. Only the writer's statements are seen (``connect_writer`` as imported by
``pipeline.warehouse.refresh``); frames registered or read through the connection count toward the
statement that reads them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import threading
import time
from pathlib import Path

import psutil

_PROC = psutil.Process()
_LOCK = threading.Lock()
_CUR: dict = {}
_LOG: list[dict] = []


def _sampler() -> None:
    while True:
        rss = _PROC.memory_info().rss
        with _LOCK:
            if _CUR:
                _CUR["peak"] = max(_CUR["peak"], rss)
        time.sleep(0.02)


class _Con:
    """The writer connection, with ``execute`` timed and its RSS recorded."""

    def __init__(self, con) -> None:
        object.__setattr__(self, "_con", con)

    def __getattr__(self, name):
        return getattr(self._con, name)

    def __setattr__(self, name, value):
        setattr(self._con, name, value)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._con.__exit__(*exc)

    def execute(self, sql, *args, **kw):
        rss = _PROC.memory_info().rss
        with _LOCK:
            _CUR.clear()
            _CUR.update(peak=rss)
        t = time.perf_counter()
        try:
            return self._con.execute(sql, *args, **kw)
        finally:
            end = _PROC.memory_info().rss
            with _LOCK:
                peak = max(_CUR.get("peak", rss), end)
                _CUR.clear()
            _LOG.append({"sql": " ".join(str(sql).split())[:300], "s": round(time.perf_counter() - t, 2),
                         "start_mb": rss >> 20, "peak_mb": peak >> 20, "end_mb": end >> 20})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--log", type=Path, required=True, help="JSON Lines of every statement")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--bench", type=Path, default=Path(__file__).resolve().parent / "bench_warehouse_memory.py")
    ap.add_argument("bench_args", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    bench_args = [a for a in args.bench_args if a != "--"]
    spec = importlib.util.spec_from_file_location("bench_warehouse_memory", args.bench)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)  # puts its own tree first on sys.path, configures the allocators
    import pipeline.warehouse.refresh as refresh

    connect = refresh.connect_writer
    refresh.connect_writer = lambda *a, **kw: _Con(connect(*a, **kw))
    threading.Thread(target=_sampler, daemon=True).start()
    try:
        return bench.main(bench_args)
    finally:
        args.log.parent.mkdir(parents=True, exist_ok=True)
        with args.log.open("w") as f:
            for row in _LOG:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"statements that rose most over their start (of {len(_LOG)}; all in {args.log}):", file=sys.stderr)
        for row in sorted(_LOG, key=lambda r: r["start_mb"] - r["peak_mb"])[:args.top]:
            print(f"  +{row['peak_mb'] - row['start_mb']:4d} MB  start {row['start_mb']:5d}  peak {row['peak_mb']:5d}  "
                  f"end {row['end_mb']:5d}  {row['s']:6.1f} s  {row['sql'][:150]}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
