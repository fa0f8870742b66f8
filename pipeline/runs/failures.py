"""One clear line for a failure: its cause and the path or run it concerns.

Tracebacks go to the log file; the console gets :func:`describe` of the exception chain, e.g.
``disk full: no space left on device writing /data/.staging/khabar.<run>.duckdb``.
"""

from __future__ import annotations

import re
from typing import Iterable

__all__ = ["describe", "describe_exception", "chain_of", "is_disk_full"]

_QUOTED_PATH = re.compile(r'(?:file|File|database|path)\s+"([^"]+)"|"(/[^"]+)"|\'(/[^\']+)\'')
_NO_SPACE = ("no space left on device", "disk full", "errno 28", "enospc",
             "database or disk is full")  # the last: SQLite (the lake catalog)


def chain_of(exc: BaseException) -> list[tuple[str, str]]:
    """``(class name, message)`` of ``exc`` and its causes, outermost first."""
    out, seen = [], set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        msg = str(exc)
        if isinstance(exc, OSError) and exc.filename and str(exc.filename) not in msg:
            msg = f"{msg}: '{exc.filename}'"
        out.append((type(exc).__name__, msg))
        exc = exc.__cause__ or exc.__context__
    return out


def is_disk_full(chain: Iterable[tuple[str, str]]) -> bool:
    return any(any(s in msg.lower() for s in _NO_SPACE) for _, msg in chain)


def _path_in(chain: list[tuple[str, str]]) -> str | None:
    for _, msg in reversed(chain):  # the innermost cause names the file best
        m = _QUOTED_PATH.search(msg)
        if m:
            return next(g for g in m.groups() if g)
    return None


def _first_line(text: str, limit: int = 240) -> str:
    line = next((ln.strip() for ln in text.strip().splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def describe(chain: list[tuple[str, str]]) -> str:
    """One line for an exception chain (from :func:`chain_of` or a Dagster error's causes)."""
    if not chain:
        return "failed (no error recorded)"
    if is_disk_full(chain):
        path = _path_in(chain)
        return f"disk full: no space left on device{' writing ' + path if path else ''}"
    names = {name for name, _ in chain}
    for name, msg in chain:
        if name == "WarehouseBusy":
            return _first_line(msg)
    if names & {"PermissionError"} or any("permission denied" in m.lower() for _, m in chain):
        path = _path_in(chain)
        return f"permission denied{': ' + path if path else ''}"
    # the innermost user-level cause is the informative one; Dagster wrappers only say "error in op X"
    for name, msg in reversed(chain):
        if not name.startswith("Dagster") and msg.strip():
            # a deliberate failure (Dagster's Failure) already says what happened
            return _first_line(msg) if name == "Failure" else f"{name}: {_first_line(msg)}"
    name, msg = chain[0]
    return _first_line(msg) or name


def describe_exception(exc: BaseException) -> str:
    return describe(chain_of(exc))

