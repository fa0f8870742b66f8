"""One writer per warehouse, with a named holder, a visible wait and a timeout.

The gate is an exclusive ``flock`` on ``writer.gate`` in the warehouse's local state directory
(``pipeline.warehouse.location``; any backend, a path or a catalog URI): the kernel releases it when the
holding process dies, however it dies, so a killed run can never block later runs. The holder
writes who it is (run id, pid, host, since when) into the file, so that a waiting run can say
which run it waits for; waiting ends after ``timeout_s`` with :class:`WarehouseBusy`.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

__all__ = ["WarehouseBusy", "gate_path", "read_holder", "writer_gate", "DEFAULT_WAIT_TIMEOUT_S"]

#: Seconds a run waits for another run to finish writing the warehouse (``KHABAR_WAREHOUSE_WAIT_TIMEOUT``).
DEFAULT_WAIT_TIMEOUT_S = 600.0


class WarehouseBusy(RuntimeError):
    """Another run kept the warehouse longer than the wait timeout."""

    def __init__(self, warehouse: Path, holder: dict | None, waited_s: float):
        self.warehouse, self.holder, self.waited_s = warehouse, holder, waited_s
        super().__init__(f"warehouse busy: {describe_holder(holder)} is writing {warehouse}; gave up after "
                         f"{waited_s:.0f} s (KHABAR_WAREHOUSE_WAIT_TIMEOUT)")


def gate_path(warehouse) -> Path:
    from pipeline.warehouse.location import locate

    return locate(warehouse).state_dir / "writer.gate"


def describe_holder(holder: dict | None) -> str:
    if not holder:
        return "another run"
    return (f"run {holder.get('run_id', '?')} (pid {holder.get('pid', '?')} on {holder.get('host', '?')}, "
            f"since {holder.get('since', '?')})")


def read_holder(warehouse: Path) -> dict | None:
    """Who holds the gate of ``warehouse`` as recorded by the holder (None if unknown or free)."""
    try:
        text = gate_path(warehouse).read_text(encoding="utf-8").strip()
        return json.loads(text) if text else None
    except (OSError, ValueError):
        return None


@contextmanager
def writer_gate(warehouse: Path, run_id: str, timeout_s: float = DEFAULT_WAIT_TIMEOUT_S,
                on_wait: Callable[[dict | None, float], None] | None = None,
                poll_s: float = 0.5, notify_every_s: float = 30.0) -> Iterator[None]:
    """Hold the writer gate of ``warehouse`` for the body; wait up to ``timeout_s`` for it.

    ``on_wait(holder, waited_s)`` is called when waiting starts and every ``notify_every_s`` after.
    """
    path = gate_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b", buffering=0) as fh:  # unbuffered: a full disk fails the write, not the close
        started = time.monotonic()
        notified = None
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                waited = time.monotonic() - started
                if waited >= timeout_s:
                    raise WarehouseBusy(warehouse, read_holder(warehouse), waited) from None
                if on_wait is not None and (notified is None or waited - notified >= notify_every_s):
                    on_wait(read_holder(warehouse), waited)
                    notified = waited
                time.sleep(min(poll_s, max(0.01, timeout_s - waited)))
        try:
            _write_holder(fh, {"run_id": run_id, "pid": os.getpid(), "host": socket.gethostname(),
                               "since": datetime.now(timezone.utc).isoformat(timespec="seconds")})
            yield
        finally:
            _write_holder(fh, None)
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _write_holder(fh, holder: dict | None) -> None:
    """Best effort: a full disk must not stop a run from taking (or releasing) the gate."""
    try:
        fh.seek(0)
        fh.truncate()
        if holder:
            fh.write(json.dumps(holder).encode("utf-8"))
    except OSError:
        pass
