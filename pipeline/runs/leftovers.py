"""Files a run leaves next to the warehouse (staging copies, WALs, its check ledger), and their removal.

Every run-scoped file lives in ``<warehouse dir>/.staging/`` and carries the run id in its name
(``khabar.<run_id>.duckdb``, ``khabar.<run_id>.dq.jsonl``, …). A run removes its own files when it
fails; files of runs that died are removed by the next run once the run is known to be over.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Callable

__all__ = ["LEDGER_SUFFIX", "staging_dir", "spool_dir", "remove_spool", "run_files", "remove_run_files", "remove_files_of_finished_runs"]

_RUN_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def staging_dir(warehouse: Path) -> Path:
    return warehouse.parent / ".staging"


def spool_dir(warehouse: Path, run_id: str) -> Path:
    """The directory of the run's spooled per-document tables (``pipeline.steps.spool``)."""
    return staging_dir(warehouse) / f"{warehouse.stem}.{run_id}.tables"


def remove_spool(warehouse: Path, run_id: str) -> None:
    """Delete the run's spooled tables (once the warehouse has loaded them)."""
    shutil.rmtree(spool_dir(warehouse, run_id), ignore_errors=True)


def run_files(warehouse: Path, run_id: str) -> list[Path]:
    """Files of ``run_id`` for ``warehouse`` (any suffix: .duckdb, .duckdb.wal, .dq.jsonl, -failed…,
    and the ``.tables`` spool directory)."""
    directory = staging_dir(warehouse)
    if not directory.is_dir():
        return []
    return sorted(f for f in directory.glob(f"{warehouse.stem}.{run_id}*") if f.is_file() or f.is_dir())


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


LEDGER_SUFFIX = ".dq.jsonl"


def remove_run_files(warehouse: Path, run_id: str, keep_ledger: bool = False) -> list[Path]:
    """Delete the files of ``run_id``; returns what was removed (deleting never needs disk space).
    ``keep_ledger`` keeps its check ledger for recording the failed run."""
    removed = []
    for f in run_files(warehouse, run_id):
        if keep_ledger and f.name.endswith(LEDGER_SUFFIX):
            continue
        if f.exists():
            _remove(f)
            removed.append(f)
    return removed


def remove_files_of_finished_runs(warehouse: Path, is_finished: Callable[[str], bool]) -> list[Path]:
    """Delete run files of ``warehouse`` whose run ``is_finished(run_id)`` (callers answer False for
    runs they do not know: another Dagster home may be writing the same warehouse)."""
    directory = staging_dir(warehouse)
    if not directory.is_dir():
        return []
    removed, verdicts = [], {}
    prefix = warehouse.stem + "."
    for f in sorted(directory.iterdir()):
        if not f.name.startswith(prefix) or not (f.is_file() or f.is_dir()):
            continue
        m = _RUN_ID.match(f.name, len(prefix))
        if not m:
            continue
        run_id = m.group(0)
        if run_id not in verdicts:
            verdicts[run_id] = bool(is_finished(run_id))
        if verdicts[run_id]:
            _remove(f)
            removed.append(f)
    return removed
