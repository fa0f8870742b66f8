"""khabar/runner.py: which Dagster home records a run."""

from __future__ import annotations

import os
from pathlib import Path

from khabar.runner import _dagster_home, home_for


def test_only_the_configured_warehouse_is_recorded_in_the_main_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    configured = tmp_path / "wh" / "khabar.duckdb"
    monkeypatch.setenv("KHABAR_WAREHOUSE", str(configured))
    assert home_for(configured, home) == home
    other = home_for(tmp_path / "elsewhere" / "khabar.duckdb", home)
    assert other.parent == home / "warehouses" and other.name.startswith("khabar-")
    assert other != home_for(tmp_path / "third" / "khabar.duckdb", home)  # one history per warehouse
    assert other == home_for(tmp_path / "elsewhere" / ".." / "elsewhere" / "khabar.duckdb", home)
    # a PostgreSQL catalog URI has its own history; the configured URI is the main home
    uri = "ducklake:postgres:dbname=khabar host=127.0.0.1"
    pg = home_for(uri, home)
    assert pg.parent == home / "warehouses" and pg not in (home, other) and pg == home_for(uri, home)
    monkeypatch.setenv("KHABAR_WAREHOUSE", uri)
    assert home_for(uri, home) == home


def test_a_run_home_is_seeded_and_the_environment_restored(tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "main"))
    monkeypatch.delenv("KHABAR_LOG_FILE", raising=False)
    main = tmp_path / "main"
    main.mkdir()
    (main / "dagster.yaml").write_text("# configured by hand: a database-backed instance\ntelemetry:\n  enabled: false\n")
    sub = main / "warehouses" / "x-123"
    with _dagster_home(sub):
        assert os.environ["DAGSTER_HOME"] == str(sub)
        # the sub-home uses the main home's instance configuration (its storage), not the template
        assert (sub / "dagster.yaml").read_text() == (main / "dagster.yaml").read_text()
        assert Path(os.environ["KHABAR_LOG_FILE"]) == tmp_path / "main" / "logs" / "khabar.log"
    assert os.environ["DAGSTER_HOME"] == str(tmp_path / "main") and "KHABAR_LOG_FILE" not in os.environ
