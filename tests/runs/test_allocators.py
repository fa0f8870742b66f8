"""The allocators of DuckDB and polars are configured before either library is loaded."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline.runs.allocators import ALLOCATOR_VARIABLES, PURGE_NOW, configure


def test_configure_sets_both_unless_set_or_turned_off():
    env: dict[str, str] = {}
    assert configure(env) == list(ALLOCATOR_VARIABLES)
    assert env == {name: PURGE_NOW for name in ALLOCATOR_VARIABLES}
    mine = {"DUCKDB_JE_MALLOC_CONF": "narenas:1"}
    assert configure(mine) == ["_RJEM_MALLOC_CONF"] and mine["DUCKDB_JE_MALLOC_CONF"] == "narenas:1"
    for off in ("0", "false"):
        env = {"KHABAR_ALLOCATOR_PURGE": off}
        assert configure(env) == [] and set(env) == {"KHABAR_ALLOCATOR_PURGE"}


#: the variable each library's jemalloc reads
OWN = dict(zip(("duckdb", "polars"), ALLOCATOR_VARIABLES))


@pytest.mark.parametrize("package", ["khabar", "assets", "khabar.cli", "assets.definitions"])
def test_entry_packages_configure_before_duckdb_or_polars_is_loaded(package):
    """jemalloc reads its options once, when the library is loaded: importing an entry point must set
    them first (a later ``configure`` would change nothing)."""
    code = ("import os, sys\n"
            "seen = {}\n"
            f"VARIABLE = {OWN!r}\n"
            "class Spy:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name in ('duckdb', 'polars') and name not in seen:  # the library is about to load\n"
            "            seen[name] = os.environ.get(VARIABLE[name])\n"
            "        return None\n"
            "sys.meta_path.insert(0, Spy())\n"
            f"import {package}\n"
            "import duckdb, polars\n"
            "print(seen)\n")
    env = {k: v for k, v in __import__("os").environ.items() if k not in (*ALLOCATOR_VARIABLES, "KHABAR_ALLOCATOR_PURGE")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    seen = eval(out.strip().splitlines()[-1])  # noqa: S307 — our own subprocess's repr
    # polars prepends its own defaults to its variable when loaded; jemalloc lets the last option win
    assert set(seen) == {"duckdb", "polars"} and all(v.endswith(PURGE_NOW) for v in seen.values()), seen
