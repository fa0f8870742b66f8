"""Two runs at once, a run waiting for the warehouse (named holder, console line, timeout)."""

from __future__ import annotations

import subprocess
import threading

import dagster as dg
import pytest

from pipeline.runs.gate import writer_gate
from tests.reliability.harness import REPO, Reader, khabar_command, khabar_env, khabar_run, runs, snapshot

pytestmark = pytest.mark.slow


def test_two_runs_at_once_on_one_warehouse_both_succeed_and_equal_a_clean_build(tmp_path, clean_build):
    home, wh = tmp_path / "home", tmp_path / "wh" / "khabar.duckdb"
    wh.parent.mkdir()
    reader = Reader(wh, tmp_path / "stop")
    try:
        procs = [subprocess.Popen(khabar_command(wh), env=khabar_env(home, warehouse=wh), cwd=REPO, text=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        results = [p.communicate(timeout=600) for p in procs]
    finally:
        ok, errors, first_errors = reader.finish()
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in results]
    assert errors == 0, first_errors
    assert [r.status for r in runs(home)] == [dg.DagsterRunStatus.SUCCESS] * 2
    assert snapshot(wh) == clean_build


HOLDER = "0b5e55ed-0000-4000-8000-00000000cafe"


def test_a_waiting_run_names_the_holder_on_the_console_and_gives_up_after_the_timeout(tmp_path):
    home, wh = tmp_path / "home", tmp_path / "wh" / "khabar.duckdb"
    with writer_gate(wh, HOLDER, timeout_s=1):
        busy = khabar_run(home, wh, env={"KHABAR_WAREHOUSE_WAIT_TIMEOUT": "3"})
    assert busy.returncode == 1
    waiting = [ln for ln in busy.stderr.splitlines() if "waiting for the warehouse" in ln]
    assert waiting and f"run {HOLDER}" in waiting[0] and str(wh) in waiting[0], busy.stderr[-2000:]
    error = [ln for ln in busy.stdout.splitlines() if ln.strip().startswith("error:")]
    assert len(error) == 1 and f"warehouse busy: run {HOLDER}" in error[0] and "gave up after 3 s" in error[0]
    assert "Traceback" not in busy.stdout + busy.stderr and "Stack Trace" not in busy.stdout + busy.stderr
    assert runs(home)[-1].status == dg.DagsterRunStatus.FAILURE
    assert khabar_run(home, wh).returncode == 0  # free again: the next run works


def test_a_waiting_run_proceeds_when_the_holder_finishes(tmp_path):
    home, wh = tmp_path / "home", tmp_path / "wh" / "khabar.duckdb"
    release = threading.Event()
    held = threading.Event()

    def hold():
        with writer_gate(wh, HOLDER, timeout_s=5):
            held.set()
            release.wait(300)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    proc = subprocess.Popen(khabar_command(wh), env=khabar_env(home, warehouse=wh), cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        seen = []
        for line in proc.stderr:  # the run says it waits, and for whom; then the holder lets go
            seen.append(line)
            if "waiting for the warehouse" in line:
                assert f"run {HOLDER}" in line
                release.set()
        proc.wait(timeout=300)
    finally:
        release.set()
        holder.join()
        if proc.poll() is None:
            proc.kill()
    assert release.is_set() and proc.returncode == 0, "".join(seen)[-2000:]
