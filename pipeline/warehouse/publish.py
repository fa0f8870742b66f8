"""Reader-safe publishing on the lake: one refresh = one DuckLake transaction = one snapshot.

The warehouse is a DuckLake (a catalog database + immutable Parquet files, see
:mod:`pipeline.warehouse.location`). A refresh writes every table inside a single transaction on a
read-write session; new Parquet files are written under the data path as the transaction runs,
but nothing refers to them until ``COMMIT`` records the new snapshot in the catalog, atomically.
Readers (``connect_readonly``) read the last committed snapshot the whole time: they never wait,
never see a half-applied batch, and pick up the new snapshot on their next query. A refresh killed
at any point leaves the last snapshot; the Parquet files it wrote before dying are orphans that
``khabar maintain`` deletes. Nothing is copied.

Writers: with a SQLite catalog commits must be serialised (SQLite takes one writer), so a refresh
holds an exclusive advisory lock (``<state dir>/writer.lock``) from start to commit. With a
PostgreSQL catalog writers run concurrently and DuckLake resolves conflicts at commit; a refresh
whose commit conflicts is retried on the new snapshot (:func:`is_conflict`).
"""

from __future__ import annotations

import fcntl
import time
from contextlib import contextmanager
from typing import Iterator

import duckdb

from pipeline.faults import fault_point
from pipeline.warehouse.location import LAKE_ALIAS, Warehouse, locate

__all__ = ["WarehouseBusy", "warehouse_lock", "writer_lock", "commit_snapshot", "current_snapshot", "tag_snapshot",
           "is_conflict"]


class WarehouseBusy(RuntimeError):
    pass


@contextmanager
def warehouse_lock(warehouse, timeout_s: float = 600.0) -> Iterator[None]:
    """Exclusive advisory lock of the warehouse's writers (any backend); waits up to ``timeout_s``."""
    wh = locate(warehouse)
    wh.state_dir.mkdir(parents=True, exist_ok=True)
    lock_file = wh.state_dir / "writer.lock"
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


@contextmanager
def writer_lock(warehouse: Warehouse, timeout_s: float = 600.0) -> Iterator[None]:
    """Serialise writers where the catalog needs it (SQLite); a no-op for PostgreSQL catalogs."""
    if locate(warehouse).backend == "postgres":
        yield
        return
    with warehouse_lock(warehouse, timeout_s):
        yield


def current_snapshot(con: duckdb.DuckDBPyConnection) -> int:
    """Id of the snapshot the connection currently sees."""
    return con.execute(f"SELECT id FROM {LAKE_ALIAS}.current_snapshot()").fetchone()[0]


def commit_snapshot(con: duckdb.DuckDBPyConnection, run_id: str, status: str = "published") -> int:
    """Commit the open transaction as one snapshot tagged with the run (commit message
    ``refresh <run_id>``, extra info ``{"run_id": …, "status": …}``); returns its id.

    Fault points (for the kill -9 suite, no-ops otherwise): ``publish.before_commit`` with the
    batch applied and checked but nothing written yet; ``publish.mid_commit`` once the
    transaction's Parquet files are on disk but before the catalog records them (the moment
    ``COMMIT`` starts); ``publish.after_commit`` once the snapshot is committed.
    """
    fault_point("publish.before_commit")
    tag_snapshot(con, run_id, status)
    fault_point("publish.mid_commit")
    con.execute("COMMIT")
    fault_point("publish.after_commit")
    return current_snapshot(con)


def tag_snapshot(con: duckdb.DuckDBPyConnection, run_id: str, status: str) -> None:
    """Label the snapshot the open transaction will commit with its refresh run."""
    import json

    con.execute(f"CALL {LAKE_ALIAS}.set_commit_message('khabar', ?, extra_info => ?)",
                [f"refresh {run_id}", json.dumps({"run_id": run_id, "status": status})])


def is_conflict(exc: BaseException) -> bool:
    """Whether ``exc`` is a DuckLake commit conflict (or a busy catalog) that a retry can resolve."""
    text = str(exc).lower()
    return isinstance(exc, duckdb.Error) and any(k in text for k in (
        "conflict", "database is locked", "failed to commit ducklake transaction", "could not serialize"))
