"""pipeline/faults.py: a named fault point kills its process only when KHABAR_FAULT names it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROBE = "from pipeline.faults import fault_point; fault_point('publish.mid_commit'); print('survived')"


def _probe(fault: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KHABAR_FAULT"}
    if fault:
        env["KHABAR_FAULT"] = fault
    return subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, env=env, capture_output=True, text=True)


def test_a_fault_point_is_a_no_op_unless_named():
    assert _probe(None).stdout.strip() == "survived"
    assert _probe("publish.before_commit").stdout.strip() == "survived"


def test_the_named_fault_point_kills_with_sigkill():
    killed = _probe("publish.mid_commit")
    assert killed.returncode == -signal.SIGKILL and killed.stdout == ""
