"""`make ui` (khabar/ui.py) starts `dagster dev` without the warnings and floods of issue 13."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_make_ui_console_is_quiet(tmp_path):
    port = _free_port()
    home = tmp_path / "home"
    env = {**os.environ, "DAGSTER_HOME": str(home), "KHABAR_UI_PORT": str(port), "PYTHONUNBUFFERED": "1"}
    log = tmp_path / "ui.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "khabar.ui"], cwd=REPO, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline, up = time.monotonic() + 300, False
        while time.monotonic() < deadline and proc.poll() is None and not up:
            try:
                up = urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=5).status == 200
            except OSError:
                time.sleep(1)
        assert up, log.read_text()[-3000:]
        time.sleep(20)  # the daemon's first sensor ticks (dead_runs_sensor) happen in this window
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    text = log.read_text()
    assert f"Dagster UI on http://127.0.0.1:{port}" in text
    assert "SupersessionWarning" not in text and "dg dev" not in text
    assert "Found a dagster instance configuration value" not in text
    assert " - DEBUG - " not in text and "DEBUG" not in text
    assert (home / "dagster.yaml").exists()  # the home was seeded from the template
    assert len(text.splitlines()) <= 10, text
