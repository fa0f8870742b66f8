"""Who runs a refresh, and is that process still alive?

A run records :func:`identity` (host, boot id, pid and the process's start time) so that a
later run can tell a live run from one whose process was killed: the pid alone is not enough,
pids are reused, and after a reboot every old run is dead.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ProcessRef", "identity", "parse_identity", "is_alive"]

_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


@dataclass(frozen=True)
class ProcessRef:
    host: str
    boot_id: str
    pid: int
    start_ticks: str  # field 22 of /proc/<pid>/stat; "" where /proc is unavailable

    def __str__(self) -> str:
        return f"{self.host}:{self.boot_id}:{self.pid}:{self.start_ticks}"


def _boot_id() -> str:
    try:
        return _BOOT_ID.read_text().strip()
    except OSError:
        return ""


def _start_ticks(pid: int) -> str | None:
    """The start time of ``pid`` in clock ticks since boot; "" without /proc; None if there is no such
    process or only its zombie (killed, not yet reaped by its parent)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    except OSError:
        return ""
    # the command name (field 2) may contain spaces and parentheses: split after the last ')'
    fields = stat[stat.rfind(")") + 2:].split()
    if fields and fields[0] in ("Z", "X"):
        return None
    return fields[19] if len(fields) > 19 else ""


def identity(pid: int | None = None) -> ProcessRef:
    """This process (or ``pid``) as a :class:`ProcessRef`."""
    pid = os.getpid() if pid is None else pid
    return ProcessRef(socket.gethostname(), _boot_id(), pid, _start_ticks(pid) or "")


def parse_identity(text: str) -> ProcessRef | None:
    """Inverse of ``str(ProcessRef)``; None when ``text`` is not one."""
    parts = (text or "").rsplit(":", 3)
    if len(parts) != 4:
        return None
    host, boot_id, pid, ticks = parts
    try:
        return ProcessRef(host, boot_id, int(pid), ticks)
    except ValueError:
        return None


def is_alive(ref: ProcessRef) -> bool | None:
    """True/False for a process of this machine and boot; None when it ran on another host (unknown)."""
    if ref.host != socket.gethostname():
        return None
    if ref.boot_id and _boot_id() and ref.boot_id != _boot_id():
        return False  # the machine rebooted since
    ticks = _start_ticks(ref.pid)
    if ticks is None:
        return False
    if ticks and ref.start_ticks:
        return ticks == ref.start_ticks  # a different process reusing the pid is not the run
    try:
        os.kill(ref.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
