"""Runs whose process is gone: tag every run with its process, mark dead ones failed, free what they hold.

A run killed with SIGKILL (or by a crash, an OOM kill, a reboot) cannot report its own end: Dagster
keeps it STARTED forever, and whatever it claimed stays claimed (concurrency-pool slots, pending
steps, files in ``.staging/``). Every run therefore records ``khabar/process`` = its
:func:`pipeline.runs.process.identity` in its tags, and :func:`sweep_dead_runs` — called when a run
starts (the ``khabar`` resource), by ``khabar run`` before it starts, and every 30 s by the
``dead_runs_sensor`` under ``dagster dev`` — marks runs of this host whose process no longer exists
as failed and frees their pool slots. Pool slots of runs that already finished are freed too
(Dagster frees them only with daemon run monitoring).
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
from dagster._core.storage.dagster_run import FINISHED_STATUSES, NOT_FINISHED_STATUSES

from pipeline.runs.leftovers import remove_files_of_finished_runs
from pipeline.runs.process import identity, is_alive, parse_identity

__all__ = ["PROCESS_TAG", "process_tags", "tag_run", "DeadRun", "sweep_dead_runs", "run_is_finished",
           "remove_leftovers_of_finished_runs", "dead_runs_sensor"]

PROCESS_TAG = "khabar/process"


def process_tags() -> dict[str, str]:
    """Tags naming this process, for runs started here."""
    return {PROCESS_TAG: str(identity())}


def tag_run(instance: dg.DagsterInstance, run: dg.DagsterRun) -> None:
    """Record this process on ``run`` unless it already names one (``khabar run`` tags at creation)."""
    if PROCESS_TAG not in (run.tags or {}):
        instance.add_run_tags(run.run_id, process_tags())


@dataclass(frozen=True)
class DeadRun:
    run_id: str
    status: str
    pid: int
    host: str

    def line(self) -> str:
        return (f"run {self.run_id} ({self.status}, pid {self.pid} on {self.host}) died without finishing: "
                f"marked failed, its warehouse claims released")


@contextmanager
def _sweep_lock(instance: dg.DagsterInstance):
    """Serialize sweeps of one instance (two runs starting together would report the same death twice)."""
    root = getattr(instance, "root_directory", None)
    if not root:
        yield
        return
    with open(Path(root) / ".khabar-sweep.lock", "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def sweep_dead_runs(instance: dg.DagsterInstance) -> list[DeadRun]:
    """Mark runs of this host whose process is gone as failed; free pool slots of every finished run."""
    dead: list[DeadRun] = []
    with _sweep_lock(instance):
        records = instance.get_run_records(filters=dg.RunsFilter(statuses=NOT_FINISHED_STATUSES))
        for record in records:
            run = record.dagster_run
            ref = parse_identity((run.tags or {}).get(PROCESS_TAG, ""))
            if ref is None or is_alive(ref) is not False:
                continue  # untagged, alive, or another host's: not ours to judge
            fresh = instance.get_run_by_id(run.run_id)
            if fresh is None or fresh.status not in NOT_FINISHED_STATUSES:
                continue
            instance.report_run_failed(
                fresh, message=f"Run worker (pid {ref.pid} on {ref.host}) is gone: the process was killed "
                f"or crashed. Marked failed by khabar's dead-run sweep (pid {os.getpid()}).")
            dead.append(DeadRun(run.run_id, fresh.status.value, ref.pid, ref.host))
        _free_slots_of_finished_runs(instance, {d.run_id for d in dead})
    return dead


def _free_slots_of_finished_runs(instance: dg.DagsterInstance, also: set[str]) -> None:
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits:
        return
    holders = set(storage.get_concurrency_run_ids())  # runs with pending steps
    for info in storage.get_concurrency_infos(list(storage.get_concurrency_keys())).values():
        holders |= {slot.run_id for slot in info.claimed_slots if slot.run_id}
    for run_id in holders:
        if run_id in also or run_is_finished(instance, run_id, unknown=True):
            storage.free_concurrency_slots_for_run(run_id)


def run_is_finished(instance: dg.DagsterInstance, run_id: str, unknown: bool = False) -> bool:
    """True when the instance knows ``run_id`` and it has ended; ``unknown`` for runs it does not know."""
    run = instance.get_run_by_id(run_id)
    if run is None:
        return unknown
    return run.status in FINISHED_STATUSES


def remove_leftovers_of_finished_runs(instance: dg.DagsterInstance, warehouse: Path) -> list[Path]:
    """Check ledgers (and other run files) of ``warehouse`` left by runs that have ended (or died)."""
    return remove_files_of_finished_runs(warehouse, lambda run_id: run_is_finished(instance, run_id))


@dg.sensor(
    name="dead_runs_sensor",
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Marks runs whose process is gone (killed, crashed, machine rebooted) as failed and frees "
    "their warehouse pool slots, so that a dead run never blocks the run queue. Launches nothing.",
)
def dead_runs_sensor(context: dg.SensorEvaluationContext):
    dead = sweep_dead_runs(context.instance)
    for d in dead:
        context.log.warning(d.line())
    return dg.SkipReason(f"{len(dead)} dead run(s) marked failed" if dead else "no dead runs")
