"""Process identity: a live run is told apart from a killed one, also when its pid is reused."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import pytest

from pipeline.runs.process import identity, is_alive, parse_identity


def test_identity_round_trips_and_this_process_is_alive():
    me = identity()
    assert me.pid == os.getpid()
    assert parse_identity(str(me)) == me
    assert is_alive(me) is True


def test_a_killed_process_is_dead_even_before_it_is_reaped():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    ref = identity(child.pid)
    assert is_alive(ref) is True
    child.kill()
    os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # dead but still a zombie (not reaped)
    assert is_alive(ref) is False
    child.wait()
    assert is_alive(ref) is False


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs /proc to read process start times")
def test_a_reused_pid_is_not_the_run():
    me = identity()
    assert is_alive(replace(me, start_ticks=str(int(me.start_ticks) + 1))) is False


def test_other_hosts_are_unknown_and_other_boots_dead():
    me = identity()
    assert is_alive(replace(me, host=me.host + "-elsewhere")) is None
    if me.boot_id:
        assert is_alive(replace(me, boot_id="00000000-0000-0000-0000-000000000000")) is False


def test_garbage_is_not_an_identity():
    assert parse_identity("") is None
    assert parse_identity("host:boot:notapid:1") is None
