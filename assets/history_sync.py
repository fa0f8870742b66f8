"""Dagster's SQLite run history commits without an fsync per event.

Dagster's SQLite storages (run, event log and schedule databases under ``$DAGSTER_HOME``) open their
databases in WAL mode and leave SQLite's default ``synchronous=FULL``: every one of the ~310 events
of a refresh is a commit, and each commit waits for an fsync (≈ 2 ms here, far more on slow disks).
``synchronous=NORMAL`` is SQLite's recommended setting for WAL databases: a commit is durable against
a crash or a kill of the process, and the database can never be corrupted; only the last commits
before a power loss of the machine can be lost (https://www.sqlite.org/pragma.html#pragma_synchronous).
The warehouse is not touched by this: its DuckLake catalog is opened by DuckDB, not SQLAlchemy.

:func:`install` registers one SQLAlchemy ``connect`` listener that applies the pragma to every new
SQLite connection of this process (Dagster opens one per event write). PostgreSQL storages
(``dagster-postgres``) are untouched.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

__all__ = ["install"]

_installed = False


def _relax(dbapi_connection, _record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")


def install() -> None:
    """Apply ``synchronous=NORMAL`` to the SQLite connections SQLAlchemy opens from now on (idempotent)."""
    global _installed
    if not _installed:
        event.listen(Engine, "connect", _relax)
        _installed = True
