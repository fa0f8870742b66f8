"""Files a run leaves beside the warehouse (its check ledger, its spooled tables), and their removal.

The lake needs no staging copy: a refresh writes Parquet files that no snapshot refers to until its
commit (a killed refresh's files are orphans that ``khabar maintain`` deletes). What remains run-scoped
is local state in the warehouse's runs directory (``pipeline.warehouse.location.runs_dir``), every entry
named after its run (``<run_id>.dq.jsonl``, the ``<run_id>.tables/`` spool directory of
``pipeline.steps.spool``, …). A run removes its own files when it fails; files of runs that died are
removed by the next run once the run is known to be over.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Callable

from pipeline.warehouse.location import runs_dir

__all__ = ["LEDGER_SUFFIX", "spool_dir", "raw_documents_file", "remove_spool", "run_files", "remove_run_files",
           "remove_files_of_finished_runs"]

_RUN_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

LEDGER_SUFFIX = ".dq.jsonl"


def spool_dir(warehouse, run_id: str) -> Path:
    """The directory of the run's spooled per-document tables (``pipeline.steps.spool``), in the
    warehouse's runs directory (``warehouse``: a path or catalog URI)."""
    return runs_dir(warehouse) / f"{run_id}.tables"


def raw_documents_file(warehouse, run_id: str) -> Path:
    """The Parquet file of the run's raw documents (the ingest step's output, read back a chunk at a
    time by the per-document step), in the warehouse's runs directory."""
    return runs_dir(warehouse) / f"{run_id}.raw.parquet"


def remove_spool(warehouse, run_id: str) -> None:
    """Delete the run's spooled tables and raw documents (once the warehouse has loaded them)."""
    shutil.rmtree(spool_dir(warehouse, run_id), ignore_errors=True)
    raw_documents_file(warehouse, run_id).unlink(missing_ok=True)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def run_files(warehouse, run_id: str) -> list[Path]:
    """Files of ``run_id`` for ``warehouse`` (a path or catalog URI; any suffix: .dq.jsonl, …, and the
    ``.tables`` spool directory)."""
    directory = runs_dir(warehouse)
    if not directory.is_dir():
        return []
    return sorted(f for f in directory.glob(f"{run_id}*") if f.is_file() or f.is_dir())


def remove_run_files(warehouse, run_id: str, keep_ledger: bool = False) -> list[Path]:
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


def remove_files_of_finished_runs(warehouse, is_finished: Callable[[str], bool]) -> list[Path]:
    """Delete run files of ``warehouse`` whose run ``is_finished(run_id)`` (callers answer False for
    runs they do not know: another Dagster home may be writing the same warehouse)."""
    directory = runs_dir(warehouse)
    if not directory.is_dir():
        return []
    removed, verdicts = [], {}
    for f in sorted(directory.iterdir()):
        m = _RUN_ID.match(f.name)
        if not m or not (f.is_file() or f.is_dir()):
            continue
        run_id = m.group(0)
        if run_id not in verdicts:
            verdicts[run_id] = bool(is_finished(run_id))
        if verdicts[run_id]:
            _remove(f)
            removed.append(f)
    return removed
