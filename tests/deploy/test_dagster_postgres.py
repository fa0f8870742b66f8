"""The Dagster instance on PostgreSQL (deploy/dagster.postgres.yaml) against a real server.

Needs the PostgreSQL server of the dev machines and CI (127.0.0.1:5432, trust auth); skips with the reason
where none answers. Each test creates its own database and drops it afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
PG = {"host": os.environ.get("KHABAR_TEST_PG_HOST", "127.0.0.1"), "port": int(os.environ.get("KHABAR_TEST_PG_PORT", "5432")),
      "user": os.environ.get("KHABAR_TEST_PG_USER", "postgres")}


def _connect(dbname: str = "postgres"):
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        con = psycopg2.connect(dbname=dbname, connect_timeout=3, **PG)
    except psycopg2.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server answers at {PG['host']}:{PG['port']} ({str(exc).strip().splitlines()[0]})")
    con.autocommit = True
    return con


@pytest.fixture
def pg_database():
    name = f"khabar_dagster_test_{uuid.uuid4().hex[:10]}"
    admin = _connect()
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _pg_env(db: str) -> dict[str, str]:
    return {"DAGSTER_PG_HOST": PG["host"], "DAGSTER_PG_PORT": str(PG["port"]), "DAGSTER_PG_DB": db,
            "DAGSTER_PG_USERNAME": PG["user"], "DAGSTER_PG_PASSWORD": os.environ.get("KHABAR_TEST_PG_PASSWORD", "")}


def test_refresh_records_its_run_events_and_slots_in_postgres(pg_database, tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "deploy" / "dagster.postgres.yaml", home / "dagster.yaml")
    inputs = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", inputs)
    warehouse = tmp_path / "wh" / "k.duckdb"
    env = {**os.environ, **_pg_env(pg_database), "DAGSTER_HOME": str(home)}
    khabar = Path(sys.executable).parent / "khabar"
    proc = subprocess.run([str(khabar), "run", "-q", "-i", str(inputs), "-w", str(warehouse)], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert not list(home.rglob("*.db"))  # no SQLite run/event storage: everything went to PostgreSQL

    con = _connect(pg_database)
    cur = con.cursor()
    cur.execute("SELECT run_id, pipeline_name, status FROM runs")
    runs = cur.fetchall()
    assert len(runs) == 1 and runs[0][1] == "khabar_refresh" and runs[0][2] == "SUCCESS", runs
    run_id = runs[0][0]
    cur.execute("SELECT count(*) FROM event_logs WHERE run_id = %s AND dagster_event_type = 'ASSET_MATERIALIZATION' "
                "AND asset_key = %s", [run_id, '["warehouse"]'])
    assert cur.fetchone()[0] == 1
    cur.execute("SELECT count(*) FROM event_logs WHERE run_id = %s AND dagster_event_type = 'ASSET_CHECK_EVALUATION'",
                [run_id])
    assert cur.fetchone()[0] >= 40
    # the warehouse writer's pool slot was claimed in PostgreSQL and released at the end of the step
    cur.execute("SELECT concurrency_key, count(*), count(run_id) FROM concurrency_slots GROUP BY 1")
    slots = {key: (n, held) for key, n, held in cur.fetchall()}
    assert slots.get("duckdb_warehouse", (0, 0))[1] == 0, slots
    cur.execute("SELECT count(*) FROM pending_steps WHERE run_id = %s", [run_id])
    assert cur.fetchone()[0] == 0
    con.close()
    assert "published" in proc.stdout or "checks:" in proc.stdout


def test_deploy_configs_are_valid_instance_configs():
    """Every instance file under deploy/ passes Dagster's own instance-config schema."""
    from dagster._config import validate_config
    from dagster._core.instance.config import dagster_instance_config_schema

    files = sorted((REPO / "deploy").glob("dagster.*.yaml")) + [REPO / "dagster.yaml"]
    assert len(files) >= 3
    for f in files:
        result = validate_config(dagster_instance_config_schema(), yaml.safe_load(f.read_text()))
        assert result.success, (f.name, [e.message for e in result.errors])
    grpc = yaml.safe_load((REPO / "deploy" / "workspace.grpc.yaml").read_text())
    assert grpc["load_from"][0]["grpc_server"]["port"] == 4000
