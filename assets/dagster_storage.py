"""Dagster's SQLite storage, with the event log's database connections kept open between events.

Dagster's ``SqliteEventLogStorage`` creates a SQLAlchemy engine, opens the database file, runs the
dialect's first-connect queries, commits and disposes of it all for every event it stores: about 330
events a refresh, and the asset and check events again in the index database, ≈ 480 engines a run.
A py-spy profile of a seeds ``khabar run`` put that connection handling at 3–6 % of the run
(docs/benchmarks.md, "The test suite's time", thirteenth session).

:class:`KhabarSqliteStorage` is Dagster's ``DagsterSqliteStorage`` (the default storage of a
``dagster.yaml`` without a ``storage`` section: the same files under the same directory) whose event
log keeps one engine per database — the index and the most recent :data:`OPEN_RUN_SHARDS` run
databases — each keeping one idle connection. Everything else is Dagster's: every event is
still its own transaction, committed before ``store_event`` returns, and the storage's lock still
lets one thread at a time use a connection. An idle SQLite connection holds no lock, so other
processes (the daemon, the web server, concurrent runs) read and write the same files as before.
A forked child drops the parent's engines without closing them (SQLAlchemy's advice for pools
across ``fork``); ``wipe`` and ``dispose`` close them.

``dagster.yaml`` selects it::

    storage:
      custom:
        module: assets.dagster_storage
        class: KhabarSqliteStorage
        config:
          base_dir:
            env: DAGSTER_HOME
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager

from dagster._config import Field, StringSource
from dagster._core.storage.event_log.sqlite.sqlite_event_log import SqliteEventLogStorage
from dagster._core.storage.runs.sqlite.sqlite_run_storage import SqliteRunStorage
from dagster._core.storage.schedules.sqlite.sqlite_schedule_storage import SqliteScheduleStorage
from dagster._core.storage.sql import create_engine
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS
from dagster._core.storage.sqlite_storage import (
    DagsterSqliteStorage,
    _event_logs_directory,
    _runs_directory,
    _schedule_directory,
)
from dagster._utils import mkdir_p
from sqlalchemy.pool import QueuePool

__all__ = ["KhabarSqliteStorage", "PooledSqliteEventLogStorage", "OPEN_RUN_SHARDS"]

#: Run databases whose engine stays open (most recently used first out last): a run writes its own
#: database and the index; a web server reading many runs closes the older ones' connections.
OPEN_RUN_SHARDS = 4

_LIVE: weakref.WeakSet = weakref.WeakSet()


def _forget_after_fork() -> None:
    for storage in list(_LIVE):
        storage._forget_engines()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


class PooledSqliteEventLogStorage(SqliteEventLogStorage):
    """``SqliteEventLogStorage`` whose ``_connect`` reuses one engine (and its one idle connection)
    per database instead of creating and disposing of both for every event."""

    def __init__(self, base_dir: str, inst_data=None):
        self._engines: OrderedDict = OrderedDict()
        self._engines_pid = os.getpid()
        self._engines_lock = threading.Lock()
        super().__init__(base_dir, inst_data=inst_data)
        _LIVE.add(self)

    def _engine(self, shard: str):
        if self._engines_pid != os.getpid():  # a forked child (no at-fork hook ran): never share
            self._forget_engines()
        engine = self._engines.get(shard)
        if engine is None:
            engine = create_engine(
                self.conn_string_for_shard(shard),
                poolclass=QueuePool,
                pool_size=1,
                max_overflow=4,  # Dagster's _initdb inspects the database while holding a connection
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
            )
            self._engines[shard] = engine
            runs = [s for s in self._engines if s != "index"]
            for old in runs[:-OPEN_RUN_SHARDS]:
                self._engines.pop(old).dispose()
        else:
            self._engines.move_to_end(shard)
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator:
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn:
                with conn.begin():
                    yield conn

    def _forget_engines(self) -> None:
        """Drop the engines without closing their connections (a forked child's copies of the parent's)."""
        for engine in self._engines.values():
            engine.dispose(close=False)
        self._engines = OrderedDict()
        self._engines_pid = os.getpid()

    def _close_engines(self) -> None:
        engines, self._engines = self._engines, OrderedDict()
        for engine in engines.values():
            engine.dispose()

    def wipe(self) -> None:
        with self._db_lock:
            self._close_engines()  # before the run databases are deleted
        super().wipe()

    def dispose(self) -> None:
        super().dispose()
        with self._db_lock:
            self._close_engines()


class KhabarSqliteStorage(DagsterSqliteStorage):
    """``DagsterSqliteStorage`` (same files, same layout) with :class:`PooledSqliteEventLogStorage`."""

    def __init__(self, base_dir: str | None = None, inst_data=None):
        base_dir = base_dir or os.environ["DAGSTER_HOME"]
        mkdir_p(base_dir)
        self.base_dir = base_dir
        self._run_storage = SqliteRunStorage.from_local(_runs_directory(base_dir))
        self._event_log_storage = PooledSqliteEventLogStorage(_event_logs_directory(base_dir))
        self._schedule_storage = SqliteScheduleStorage.from_local(_schedule_directory(base_dir))
        self._inst_data = inst_data
        super(DagsterSqliteStorage, self).__init__()

    @classmethod
    def config_type(cls):
        return {"base_dir": Field(StringSource, is_required=False)}

    @classmethod
    def from_config_value(cls, inst_data, config_value):
        return cls(base_dir=config_value.get("base_dir"), inst_data=inst_data)
