"""The template's Dagster storage keeps its event-log connections open (assets/dagster_storage.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from assets import dagster_storage
from assets.dagster_storage import OPEN_RUN_SHARDS, KhabarSqliteStorage, PooledSqliteEventLogStorage

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def instance(tmp_path, monkeypatch):
    (tmp_path / "dagster.yaml").write_text((REPO / "dagster.yaml").read_text())
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    inst = dg.DagsterInstance.get()
    yield inst
    inst.dispose()


@dg.asset
def one():
    return 1


@dg.asset_check(asset=one)
def one_is_one():
    return dg.AssetCheckResult(passed=True)


def test_the_template_selects_it_with_dagsters_files(instance, tmp_path):
    assert instance.get_ref().storage_data.class_name == KhabarSqliteStorage.__name__
    assert isinstance(instance.event_log_storage, PooledSqliteEventLogStorage)
    # the files of Dagster's default SQLite storage, where they always were
    assert (tmp_path / "history" / "runs.db").is_file()
    assert (tmp_path / "history" / "runs" / "index.db").is_file()


def test_a_run_opens_one_engine_per_database_and_another_process_reads_every_event(instance, tmp_path, monkeypatch):
    created = []
    real = dagster_storage.create_engine

    def counting(*a, **kw):
        created.append(a[0])
        return real(*a, **kw)

    monkeypatch.setattr(dagster_storage, "create_engine", counting)
    result = dg.materialize([one, one_is_one], instance=instance)
    assert result.success
    n_events = len(instance.all_logs(result.run_id))
    assert n_events > 15
    # the run's database and the index: one engine each, not one per event (Dagster's own: one per event)
    assert 1 <= len(created) == len(set(created)) <= 2
    # every event was committed: a new process sees the run's events, its materialization and its check
    code = (
        "import dagster as dg, sys\n"
        "i = dg.DagsterInstance.get()\n"
        "run_id = sys.argv[1]\n"
        "print(len(i.all_logs(run_id)))\n"
        "print(i.get_latest_materialization_event(dg.AssetKey('one')).run_id == run_id)\n"
        "print(i.get_run_by_id(run_id).status.value)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, result.run_id], capture_output=True, text=True,
                         env={**os.environ, "DAGSTER_HOME": str(tmp_path)}, check=True).stdout.split()
    assert out == [str(n_events), "True", "SUCCESS"]


def test_older_run_databases_are_closed_and_wipe_deletes_them(instance):
    storage = instance.event_log_storage
    run_ids = [dg.materialize([one], instance=instance).run_id for _ in range(OPEN_RUN_SHARDS + 2)]
    open_runs = [s for s in storage._engines if s != "index"]
    assert open_runs == run_ids[-OPEN_RUN_SHARDS:]  # the most recent ones only
    assert len(instance.all_logs(run_ids[0])) > 0   # a closed one opens again when read
    storage.wipe()
    assert storage.get_all_run_ids() == [] and [s for s in storage._engines if s != "index"] == []
    assert dg.materialize([one], instance=instance).success  # and the storage goes on working


def test_a_forked_child_does_not_share_the_parents_connections(instance):
    storage = instance.event_log_storage
    dg.materialize([one], instance=instance)
    parent = dict(storage._engines)
    assert parent
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: the at-fork hook dropped the engines; a new one serves it
        try:
            ok = not storage._engines and len(storage.get_all_run_ids()) == 1
            with storage.index_connection():
                pass
            ok = ok and all(storage._engines[s] is not parent.get(s) for s in storage._engines)
            os.write(write, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1"
    assert storage._engines == parent  # the parent's are untouched
