"""Ask the jemalloc allocators of DuckDB and polars to hand freed pages back to the OS at once.

DuckDB (Linux wheels) and polars each link their own jemalloc, which keeps the pages of freed
allocations for ten seconds (``dirty_decay_ms``), and longer as "muzzy" pages, before returning them:
memory a finished statement or frame no longer uses still counts in the process's RSS while the next
one allocates its own. In the warehouse step at five times the corpus that retention was ≈ 100–150 MB
of the peak (docs/benchmarks.md, ninth session); ``malloc_trim`` (``pipeline/runs/memory.py``) does not
reach these allocators, and neither library exposes jemalloc's controls at run time.

jemalloc reads its options once, from the environment, when the library is loaded, so
:func:`configure` must run before ``duckdb`` or ``polars`` is imported: ``khabar/__init__.py`` and
``assets/__init__.py`` (before any asset module) call it first; processes they start inherit the setting. An option already set
in the environment is kept; ``KHABAR_ALLOCATOR_PURGE=0`` leaves both allocators at their defaults.
"""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

__all__ = ["PURGE_NOW", "ALLOCATOR_VARIABLES", "configure"]

#: freed pages go back to the OS when freed, not after the decay delay
PURGE_NOW = "dirty_decay_ms:0,muzzy_decay_ms:0"
#: DuckDB's jemalloc (``DUCKDB_JE_MALLOC_CONF``) and polars' (tikv-jemallocator's prefixed ``_RJEM_MALLOC_CONF``)
ALLOCATOR_VARIABLES = ("DUCKDB_JE_MALLOC_CONF", "_RJEM_MALLOC_CONF")


def configure(environ: MutableMapping[str, str] | None = None) -> list[str]:
    """Set each allocator's option unless it is set already or ``KHABAR_ALLOCATOR_PURGE`` is ``0``;
    returns the variables set. Too late (no effect on that library) once it is imported."""
    env = os.environ if environ is None else environ
    if env.get("KHABAR_ALLOCATOR_PURGE", "1").strip() in ("0", "false", "no"):
        return []
    done = []
    for name in ALLOCATOR_VARIABLES:
        if name not in env:
            env[name] = PURGE_NOW
            done.append(name)
    return done


def loaded_too_early() -> list[str]:
    """The libraries already imported (their allocator did not see :func:`configure`'s options)."""
    return [m for m in ("duckdb", "polars") if m in sys.modules]
