"""The fault-injection suite: every test starts real `khabar run` processes (slow)."""

from __future__ import annotations

import pytest

from tests.reliability.harness import khabar_run, snapshot


@pytest.fixture(scope="session")
def clean_build(tmp_path_factory):
    """The seeds built once, undisturbed: what every recovered warehouse must equal."""
    root = tmp_path_factory.mktemp("clean")
    wh = root / "wh" / "khabar.duckdb"
    result = khabar_run(root / "home", wh)
    assert result.returncode == 0, result.stderr[-3000:]
    return snapshot(wh)
