"""kill -9 at every moment of a refresh: the next run completes, the warehouse equals a clean build,
the killed run is marked failed, nothing is left behind, and readers never see an error."""

from __future__ import annotations

import dagster as dg
import pytest

from tests.reliability.harness import KILL_POINTS, SEEDS, Reader, files_naming, khabar_run, runs, snapshot

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_run_killed_at_any_moment_never_stalls_or_damages_later_runs(point, tmp_path, clean_build):
    home, wh = tmp_path / "home", tmp_path / "wh" / "khabar.duckdb"
    wh.parent.mkdir()
    reader = Reader(wh, tmp_path / "stop")
    try:
        killed = khabar_run(home, wh, env={"KHABAR_FAULT": point})
        assert killed.returncode == -9, f"the fault point {point} was not reached:\n{killed.stderr[-2000:]}"
        [dead] = runs(home)
        assert dead.status == dg.DagsterRunStatus.STARTED  # what Dagster alone believes

        after = khabar_run(home, wh)
        assert after.returncode == 0, after.stderr[-3000:]
    finally:
        ok, errors, first_errors = reader.finish()
    assert errors == 0, first_errors

    assert f"run {dead.run_id} (STARTED, pid" in after.stderr and "died without finishing" in after.stderr
    dead_now, done = runs(home)
    assert dead_now.status == dg.DagsterRunStatus.FAILURE and done.status == dg.DagsterRunStatus.SUCCESS
    assert snapshot(wh) == clean_build
    assert files_naming(wh.parent, dead.run_id) == [] and files_naming(wh.parent, done.run_id) == []


def test_a_run_killed_while_updating_a_published_warehouse_keeps_it_answering(tmp_path, clean_build):
    """A reader on the published warehouse while an update is killed mid-commit, then completed."""
    home, wh = tmp_path / "home", tmp_path / "wh" / "khabar.duckdb"
    inputs = tmp_path / "in"
    inputs.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for f in seeds[:2]:
        (inputs / f.name).write_bytes(f.read_bytes())
    assert khabar_run(home, wh, inputs=inputs).returncode == 0
    reader = Reader(wh, tmp_path / "stop")
    try:
        for f in seeds[2:]:
            (inputs / f.name).write_bytes(f.read_bytes())
        killed = khabar_run(home, wh, inputs=inputs, env={"KHABAR_FAULT": "publish.mid_commit"})
        assert killed.returncode == -9
        after = khabar_run(home, wh, inputs=inputs)
        assert after.returncode == 0, after.stderr[-3000:]
    finally:
        ok, errors, first_errors = reader.finish()
    assert errors == 0 and ok > 0, first_errors
    got = snapshot(wh)
    # the same documents and facts as a clean build of the same files (their paths differ)
    assert {t: len(r) for t, r in got.items()} == {t: len(r) for t, r in clean_build.items()}
    assert got["entity_mentions"] == clean_build["entity_mentions"]
