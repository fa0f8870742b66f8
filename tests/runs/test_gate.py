"""The writer gate: one writer per warehouse, a named holder, a bounded wait, released by death."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.runs.gate import WarehouseBusy, gate_path, read_holder, writer_gate

HOLD = r"""
import sys, time
from pathlib import Path
from pipeline.runs.gate import writer_gate
with writer_gate(Path(sys.argv[1]), sys.argv[2], timeout_s=5):
    print("held", flush=True)
    time.sleep(120)
"""


def _hold_in_child(wh: Path, run_id: str) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(wh), run_id], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[2])
    assert child.stdout.readline().strip() == "held"
    return child


def test_a_waiting_writer_names_the_holder_and_gives_up_after_the_timeout(tmp_path):
    wh = tmp_path / "k.duckdb"
    child = _hold_in_child(wh, "run-A")
    try:
        assert read_holder(wh)["run_id"] == "run-A" and read_holder(wh)["pid"] == child.pid
        seen = []
        with pytest.raises(WarehouseBusy) as err:
            with writer_gate(wh, "run-B", timeout_s=1.0, on_wait=lambda h, w: seen.append((h, w)), poll_s=0.05):
                pytest.fail("entered a gate held by another process")
        assert seen and seen[0][0]["run_id"] == "run-A"
        line = str(err.value)
        assert "run run-A" in line and str(wh) in line and "KHABAR_WAREHOUSE_WAIT_TIMEOUT" in line
        assert "\n" not in line
    finally:
        child.kill()
        child.wait()


def test_the_gate_of_a_killed_holder_is_free_at_once(tmp_path):
    wh = tmp_path / "k.duckdb"
    child = _hold_in_child(wh, "run-A")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with writer_gate(wh, "run-B", timeout_s=2.0):
        assert read_holder(wh)["run_id"] == "run-B"
    assert read_holder(wh) is None  # released: nobody named


def test_writers_take_turns(tmp_path):
    wh = tmp_path / "k.duckdb"
    inside, overlap = [], []

    def writer(name):
        with writer_gate(wh, name, timeout_s=30, poll_s=0.01):
            if inside:
                overlap.append(name)
            inside.append(name)
            time.sleep(0.2)
            inside.remove(name)

    threads = [threading.Thread(target=writer, args=(f"run-{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlap == [] and gate_path(wh).exists()
