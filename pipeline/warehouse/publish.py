"""Reader-safe publishing: build in a staging copy, then swap it in atomically.

DuckDB allows one read-write process *or* many read-only processes per file. Writing the
published file in place would lock analysts out for the whole refresh (and be locked out by
any analyst holding a connection). Instead every refresh:

1. takes an exclusive advisory lock (``<warehouse>.lock``) so two refreshes never build at once;
2. copies the last published file to ``warehouse/.staging/<run_id>.duckdb`` (or starts empty)
   and migrates it;
3. loads the batch and runs the checks against the staging file;
4. checkpoints, closes, fsyncs and ``os.replace``-s it over the published path.

``os.replace`` is atomic on POSIX: a reader opening the warehouse gets the old or the new
file, never a mix; a reader already connected keeps reading the old inode until it
reconnects. A refresh killed at any point leaves the published file untouched (stale staging
files are swept by the next refresh).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from pipeline.faults import fault_point
from pipeline.warehouse.migrate import apply_migrations

__all__ = ["WarehouseBusy", "warehouse_lock", "staging_path", "prepare_staging", "publish_staging", "sweep_staging"]


class WarehouseBusy(RuntimeError):
    pass


def staging_path(published: Path, run_id: str) -> Path:
    return published.parent / ".staging" / f"{published.stem}.{run_id}.duckdb"


@contextmanager
def warehouse_lock(published: Path, timeout_s: float = 600.0) -> Iterator[None]:
    """Exclusive advisory lock for building/publishing ``published``; waits up to ``timeout_s``."""
    published.parent.mkdir(parents=True, exist_ok=True)
    lock_file = published.with_suffix(published.suffix + ".lock")
    with open(lock_file, "a+") as fh:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WarehouseBusy(f"another refresh holds {lock_file} (waited {timeout_s:.0f}s)")
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def sweep_staging(published: Path, keep: str | None = None) -> int:
    """Delete staging files left by killed refreshes. Call while holding the lock."""
    directory = published.parent / ".staging"
    removed = 0
    if directory.is_dir():
        for f in directory.glob(f"{published.stem}.*.duckdb*"):
            if keep and keep in f.name:
                continue
            f.unlink(missing_ok=True)
            removed += 1
    return removed


def prepare_staging(published: Path, run_id: str) -> Path:
    """Copy the published warehouse (if any) to a staging file and migrate it. Returns its path."""
    target = staging_path(published, run_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (target, target.with_name(target.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if published.exists():
        shutil.copy2(published, target)
    con = duckdb.connect(str(target))
    try:
        apply_migrations(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return target


def publish_staging(staging: Path, published: Path) -> None:
    """Checkpoint ``staging`` and atomically move it over ``published``."""
    con = duckdb.connect(str(staging))
    try:
        con.execute("CHECKPOINT")
    finally:
        con.close()
    wal = staging.with_name(staging.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"staging warehouse still has a WAL after checkpoint: {wal}")
    fd = os.open(staging, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    fault_point("publish.mid_commit")
    os.replace(staging, published)
    dir_fd = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
