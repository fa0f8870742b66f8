"""A Dagster home configured before `granularity: run` (slots claimed per op, Dagster's default):
a run killed while publishing holds the `duckdb_warehouse` slot; the next run frees it and completes."""

from __future__ import annotations

import dagster as dg
import pytest

from tests.reliability.harness import khabar_run, runs

pytestmark = pytest.mark.slow

OP_GRANULARITY = """# configured by hand (not the khabar template)
telemetry:
  enabled: false
concurrency:
  pools:
    default_limit: 1
"""


def test_a_slot_held_by_a_killed_run_is_released(tmp_path):
    home, wh = tmp_path / "home", tmp_path / "wh" / "khabar.duckdb"
    home.mkdir()
    (home / "dagster.yaml").write_text(OP_GRANULARITY)
    killed = khabar_run(home, wh, env={"KHABAR_FAULT": "publish.mid_commit"})
    assert killed.returncode == -9
    [dead] = runs(home)
    with _instance(home) as instance:
        holders = [s.run_id for s in instance.event_log_storage.get_concurrency_info("duckdb_warehouse").claimed_slots]
    assert holders == [dead.run_id]  # the stall of issue 12: this slot was never freed

    after = khabar_run(home, wh, timeout=300)
    assert after.returncode == 0, after.stderr[-3000:]
    assert (home / "dagster.yaml").read_text() == OP_GRANULARITY  # a hand-made configuration is kept
    with _instance(home) as instance:
        assert instance.event_log_storage.get_concurrency_info("duckdb_warehouse").claimed_slots == []
    assert [r.status for r in runs(home)] == [dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.SUCCESS]


def _instance(home):
    import os

    os.environ["DAGSTER_HOME"] = str(home)  # restored by the autouse home fixture (monkeypatch)
    return dg.DagsterInstance.get()
