"""Helpers of the asset layer (assets/support.py)."""

from __future__ import annotations

from assets.support import run_check_summary


def test_run_check_summary_from_recorded_counts_opens_no_warehouse(tmp_path):
    # the counts come from the publish step's read-back: no connection, even to a path with no warehouse
    assert run_check_summary(tmp_path / "absent.sqlite", "r1", {"evaluated": 40, "failed": 2}) == {
        "checks_evaluated": 40, "checks_failed": 2, "run_check_pass_rate": 0.95}
    assert run_check_summary(tmp_path / "absent.sqlite", "r1", {"evaluated": 0, "failed": 0})["run_check_pass_rate"] == 1.0
    # without them it reads the warehouse, and a missing one gives no figures (metadata never fails a run)
    assert run_check_summary(tmp_path / "absent.sqlite", "r1") == {}
