"""Named fault-injection points for the reliability suite: no effect unless KHABAR_FAULT names the point."""

from __future__ import annotations

import os
import signal

__all__ = ["fault_point"]


def fault_point(name: str) -> None:
    """Kill this process with SIGKILL when ``$KHABAR_FAULT == name`` (tests only; a no-op otherwise)."""
    if os.environ.get("KHABAR_FAULT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
