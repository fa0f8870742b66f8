"""The dead-run sweep on a real Dagster instance: a killed run holding a pool slot is failed and freed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import dagster as dg

from assets.runs import PROCESS_TAG, dead_runs_sensor, process_tags, remove_leftovers_of_finished_runs, \
    sweep_dead_runs

REPO = Path(__file__).resolve().parents[2]

# A run that claims the single slot of the `duckdb_warehouse` pool (op granularity, as Dagster's
# default and as homes configured before `granularity: run`), then hangs until it is killed.
HOLDER = r"""
import time
import dagster as dg
from assets.runs import process_tags

@dg.op(pool="duckdb_warehouse")
def publish(context):
    print(context.run_id, flush=True)
    time.sleep(120)

@dg.job(executor_def=dg.in_process_executor)
def holder():
    publish()

with dg.DagsterInstance.get() as instance:
    holder.execute_in_process(instance=instance, tags=process_tags())
"""


def _op_granularity_home(home: Path) -> None:
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\nconcurrency:\n  pools:\n    default_limit: 1\n")


def _start_holder(home: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    child = subprocess.Popen([sys.executable, "-c", HOLDER], stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)
    run_id = child.stdout.readline().strip()
    assert run_id, "the holder run did not start"
    return child, run_id


def test_a_killed_run_is_marked_failed_and_its_pool_slot_freed(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    _op_granularity_home(home)
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    child, run_id = _start_holder(home)
    with dg.DagsterInstance.get() as instance:
        try:
            assert sweep_dead_runs(instance) == []  # alive: left alone
            info = instance.event_log_storage.get_concurrency_info("duckdb_warehouse")
            assert [s.run_id for s in info.claimed_slots] == [run_id]
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        assert instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.STARTED  # Dagster alone never knows
        dead = sweep_dead_runs(instance)
        assert [d.run_id for d in dead] == [run_id] and dead[0].pid == child.pid
        assert "died without finishing" in dead[0].line() and run_id in dead[0].line()
        assert instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.FAILURE
        info = instance.event_log_storage.get_concurrency_info("duckdb_warehouse")
        assert info.claimed_slots == [] and info.pending_steps == []
        assert sweep_dead_runs(instance) == []  # once


def test_slots_of_runs_marked_failed_by_hand_are_freed_too(tmp_path, monkeypatch):
    """Marking a run failed (e.g. in the UI) does not free its slot in Dagster; the sweep does."""
    home = tmp_path / "home"
    home.mkdir()
    _op_granularity_home(home)
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    child, run_id = _start_holder(home)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with dg.DagsterInstance.get() as instance:
        instance.report_run_failed(instance.get_run_by_id(run_id))
        assert instance.event_log_storage.get_concurrency_info("duckdb_warehouse").claimed_slots
        sweep_dead_runs(instance)
        assert instance.event_log_storage.get_concurrency_info("duckdb_warehouse").claimed_slots == []


def test_the_sensor_sweeps_and_launches_nothing(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    _op_granularity_home(home)
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    child, run_id = _start_holder(home)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with dg.DagsterInstance.get() as instance:
        result = dead_runs_sensor(dg.build_sensor_context(instance=instance))
        assert isinstance(result, dg.SkipReason) and "1 dead run" in result.skip_message
        assert instance.get_run_by_id(run_id).status == dg.DagsterRunStatus.FAILURE


def test_untagged_and_live_runs_are_not_judged(tmp_path):
    with dg.instance_for_test() as instance:
        @dg.op
        def noop():
            return 1

        @dg.job
        def j():
            noop()

        untagged = instance.create_run_for_job(j)
        tagged = instance.create_run_for_job(j, tags=process_tags())  # this process: alive
        assert PROCESS_TAG in tagged.tags
        assert sweep_dead_runs(instance) == []
        assert instance.get_run_by_id(untagged.run_id).status == dg.DagsterRunStatus.NOT_STARTED
        assert instance.get_run_by_id(tagged.run_id).status == dg.DagsterRunStatus.NOT_STARTED


def test_leftovers_of_finished_runs_go_those_of_unfinished_stay(tmp_path):
    with dg.instance_for_test() as instance:
        @dg.op
        def noop():
            return 1

        @dg.job
        def j():
            noop()

        done = j.execute_in_process(instance=instance).run_id
        pending = instance.create_run_for_job(j).run_id
        from pipeline.warehouse.location import runs_dir

        wh = tmp_path / "khabar.lake.sqlite"
        runs = runs_dir(wh)
        runs.mkdir(parents=True)
        for rid in (done, pending, "12345678-1234-1234-1234-123456789abc"):
            (runs / f"{rid}.dq.jsonl").write_text("{}\n")
        removed = remove_leftovers_of_finished_runs(instance, wh)
        assert [p.name for p in removed] == [f"{done}.dq.jsonl"]
        assert len(list(runs.iterdir())) == 2
