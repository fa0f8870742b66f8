"""Lake maintenance: merge small files, expire old snapshots, delete files nothing refers to.

Every refresh commits new Parquet files (one or more per changed table) and leaves the files it
replaced referenced by older snapshots (time travel). Left alone, reads slow down as files
accumulate and the data directory only grows. :func:`maintain` (``khabar maintain``, and the
scheduled Dagster job ``lake_maintenance``) runs, under the writers' lock:

1. ``ducklake_flush_inlined_data`` — small commits inlined in the catalog go to Parquet;
2. ``ducklake_merge_adjacent_files`` — small files of a table are merged;
3. ``ducklake_expire_snapshots`` — snapshots older than the retention (``KHABAR_SNAPSHOT_RETENTION``,
   default 7 days) are forgotten (the current snapshot never is); time travel reaches back that far;
4. ``ducklake_cleanup_old_files`` — files of expired snapshots / merged files are deleted once they
   have been unreferenced for ``grace`` (default 1 hour: a reader may still be scanning them);
5. ``ducklake_delete_orphaned_files`` — files no snapshot ever referenced (left by a killed refresh)
   and older than ``grace`` are deleted.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import timedelta

import duckdb

from pipeline.warehouse.connect import connect_writer
from pipeline.warehouse.location import LAKE_ALIAS, locate
from pipeline.warehouse.publish import writer_lock

__all__ = ["DEFAULT_RETENTION", "DEFAULT_GRACE", "parse_duration", "retention_from_env", "MaintenanceReport",
           "maintain"]

DEFAULT_RETENTION = timedelta(days=7)
DEFAULT_GRACE = timedelta(hours=1)
_UNITS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600,
          "d": 86400, "day": 86400, "w": 604800, "week": 604800}


def parse_duration(text: str) -> timedelta:
    """``"7d"``, ``"12 hours"``, ``"30m"``, ``"0"`` → a ``timedelta``."""
    text = text.strip().lower()
    if text in ("0", "none"):
        return timedelta(0)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([a-z]+?)s?", text)
    if not m or m.group(2) not in _UNITS:
        raise ValueError(f"not a duration: {text!r} (e.g. 7d, 12h, 30m, 0)")
    return timedelta(seconds=float(m.group(1)) * _UNITS[m.group(2)])


def retention_from_env() -> timedelta:
    value = os.environ.get("KHABAR_SNAPSHOT_RETENTION")
    return parse_duration(value) if value else DEFAULT_RETENTION


@dataclass
class MaintenanceReport:
    """What one maintenance pass did (counts of files / snapshots) and the lake's files before/after."""

    flushed_tables: int = 0
    merged_files: int = 0
    expired_snapshots: int = 0
    cleaned_files: int = 0
    orphaned_files: int = 0
    files_before: int = 0
    files_after: int = 0
    bytes_before: int = 0
    bytes_after: int = 0
    snapshots_left: int = 0
    details: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "details"}


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return len(con.execute(sql).fetchall())


def _disk(wh) -> tuple[int, int]:
    directory = wh.local_data_dir
    if directory is None or not directory.is_dir():
        return 0, 0
    files = [p for p in directory.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def _interval(delta: timedelta) -> str:
    return f"INTERVAL '{int(delta.total_seconds())} seconds'"


def maintain(warehouse, retention: timedelta | None = None, grace: timedelta = DEFAULT_GRACE,
             dry_run: bool = False) -> MaintenanceReport:
    """Run one maintenance pass on the lake (see the module doc). ``dry_run`` only counts."""
    wh = locate(warehouse)
    retention = retention_from_env() if retention is None else retention
    report = MaintenanceReport()
    report.files_before, report.bytes_before = _disk(wh)
    dry = "true" if dry_run else "false"
    with writer_lock(wh):
        con = connect_writer(wh)
        try:
            if not dry_run:
                report.flushed_tables = _rows(con, f"CALL ducklake_flush_inlined_data('{LAKE_ALIAS}')")
                report.merged_files = _rows(con, f"CALL ducklake_merge_adjacent_files('{LAKE_ALIAS}')")
            report.expired_snapshots = _rows(
                con, f"CALL ducklake_expire_snapshots('{LAKE_ALIAS}', dry_run => {dry}, "
                     f"older_than => now() - {_interval(retention)})")
            report.cleaned_files = _rows(
                con, f"CALL ducklake_cleanup_old_files('{LAKE_ALIAS}', dry_run => {dry}, "
                     f"older_than => now() - {_interval(grace)})")
            report.orphaned_files = _rows(
                con, f"CALL ducklake_delete_orphaned_files('{LAKE_ALIAS}', dry_run => {dry}, "
                     f"older_than => now() - {_interval(grace)})")
            report.snapshots_left = con.execute(f"SELECT count(*) FROM {LAKE_ALIAS}.snapshots()").fetchone()[0]
        finally:
            con.close()
    report.files_after, report.bytes_after = _disk(wh)
    return report
