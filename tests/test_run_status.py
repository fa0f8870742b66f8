"""`khabar run` summary and `khabar status` agree: the run's true start, one publish line, the
publication date range and the same check counts."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from khabar.cli import _print_summary, main
from khabar.runner import run_refresh
from pipeline.settings import Settings
from pipeline.warehouse.connect import connect_readonly

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    home = tmp_path_factory.mktemp("status_dagster_home")
    (home / "dagster.yaml").write_text((REPO / "dagster.yaml").read_text())
    wh = tmp_path_factory.mktemp("status") / "k.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DAGSTER_HOME", str(home))
        mp.setenv("KHABAR_WAREHOUSE", str(wh))  # the configured warehouse: its runs are in this home itself
        summary = run_refresh(Settings(inputs=(REPO / "seeds",), warehouse=wh), log_level="ERROR")
        assert summary.success, summary.error
        from dagster import DagsterInstance

        with DagsterInstance.get() as instance:
            started = instance.get_run_record_by_id(summary.run_id).start_time
    return wh, summary, started


def _status(wh) -> list[str]:
    res = CliRunner().invoke(main, ["status", "-w", str(wh)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.output.splitlines()


def test_status_shows_the_run_start_and_one_publish_line(seeds_run):
    wh, summary, dagster_start = seeds_run
    con = connect_readonly(wh, fts=False)
    started, published, ingested = con.execute(
        "SELECT r.started_at, r.published_at, min(d.ingested_at) FROM refresh_runs r, documents d "
        "WHERE r.run_id = ? GROUP BY ALL", [summary.run_id]).fetchone()
    con.close()
    # the refresh's start is the Dagster run's start, not the moment the publish step began
    assert abs(started.timestamp() - datetime.fromtimestamp(dagster_start).timestamp()) < 1.0
    assert started < ingested <= published
    lines = _status(wh)
    publish = [line for line in lines if line.startswith(("last publish", "last refresh"))]
    assert publish == [f"last publish: {summary.run_id} published, started {str(started)[:19]}, "
                       f"published {str(published)[:19]} ({(published - started).total_seconds():.0f} s after the "
                       f"start), pipeline {publish[0].rsplit('pipeline ', 1)[1]}"]
    assert "publication dates: 2024-01-28 … 2024-01-28 (1 dated, 4 undated)" in lines


def test_status_and_run_summary_count_the_same_checks(seeds_run, capsys):
    wh, summary, _ = seeds_run
    con = connect_readonly(wh, fts=False)
    recorded = con.execute("SELECT count(*) FROM dq_results WHERE run_id = ?", [summary.run_id]).fetchone()[0]
    con.close()
    checks_line = next(line for line in _status(wh) if line.startswith("checks of run"))
    assert f": {recorded}/{recorded} recorded checks passed" in checks_line
    _print_summary(summary, wh)
    out = capsys.readouterr().out
    after = len(summary.checks) - recorded
    assert after >= 1   # published_readable runs after the publish
    assert (f"checks:             {len(summary.checks)}/{len(summary.checks)} passed ({recorded} recorded in the "
            f"warehouse, as `khabar status` shows; {after} made after publishing)") in out


def test_a_failed_refresh_after_a_publish_gets_its_own_line(seeds_run, tmp_path):
    wh, summary, _ = seeds_run
    from pipeline.warehouse.connect import connect_writer

    con = connect_writer(wh)   # the module's warehouse: the row is removed again below
    con.execute("INSERT INTO refresh_runs (run_id, started_at, published_at, status, inputs, pipeline_version, stats) "
                "VALUES ('later', now()::TIMESTAMP + INTERVAL 1 HOUR, NULL, 'failed', '[]', 'x', '{}')")
    try:
        lines = _status(wh)
        assert [line.split(",")[0] for line in lines if line.startswith("last ")] == [
            "last refresh: later failed", f"last publish: {summary.run_id} published"]
    finally:
        con.execute("DELETE FROM refresh_runs WHERE run_id = 'later'")
        con.close()
