"""The lake with its catalog in PostgreSQL (127.0.0.1:5432): same rows as the SQLite catalog,
concurrent writers. Each test creates its own database ``khabar_lake_<random>`` and drops it."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.warehouse.connect import _session, connect_readonly
from tests.deploy.test_dagster_postgres import PG
from tests.warehouse.test_refresh import A, B, refresh, two_sources

REPO = Path(__file__).resolve().parents[2]
#: the server of tests/deploy (``KHABAR_TEST_PG_HOST/PORT/USER``, default the dev machines' and CI's 127.0.0.1:5432)
SERVER = f"host={PG['host']} port={PG['port']} user={PG['user']} connect_timeout=3"


def _admin():
    con = _session(("postgres",))
    con.execute(f"ATTACH 'dbname=postgres {SERVER}' AS pg (TYPE postgres)")
    return con


@pytest.fixture
def pg_lake(tmp_path, monkeypatch):
    try:
        admin = _admin()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"no PostgreSQL server answers at {PG['host']}:{PG['port']} ({str(exc).splitlines()[0][:120]})")
    name = f"khabar_lake_{secrets.token_hex(4)}"
    admin.execute(f"CALL postgres_execute('pg', 'CREATE DATABASE {name}', use_transaction := false)")
    monkeypatch.setenv("KHABAR_LAKE_DATA", str(tmp_path / "pg_data"))
    try:
        yield f"postgres:dbname={name} {SERVER}"
    finally:
        admin.execute(f"CALL postgres_execute('pg', 'DROP DATABASE IF EXISTS {name} WITH (FORCE)', "
                      "use_transaction := false)")
        admin.close()


def _dump(wh, tables=("documents", "document_sources", "sentences", "paragraphs", "offset_map", "source_files")):
    con = connect_readonly(wh, fts=False)
    try:
        return {t: sorted(con.execute(f"SELECT * EXCLUDE ({_volatile(t)}) FROM {t}").fetchall(), key=repr)
                for t in tables}
    finally:
        con.close()


def _volatile(table: str) -> str:
    return {"documents": "ingested_at, updated_at", "document_sources": "first_seen_at, last_seen_at",
            "source_files": "last_scanned_at, mtime_ns"}.get(table, "doc_id")


def test_refresh_on_a_postgres_catalog_gives_the_same_rows_as_sqlite(pg_lake, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    (src / "b.txt").write_text(B, encoding="utf-8")
    sqlite_wh = tmp_path / "k.sqlite"
    assert refresh(src, sqlite_wh, "r1").published
    r = refresh(src, pg_lake, "r1")
    assert r.published and all(c.passed for c in r.checks), [c for c in r.checks if not c.passed]
    assert _dump(pg_lake) == _dump(sqlite_wh)
    # data files went to the configured data path, the catalog to PostgreSQL
    assert list((tmp_path / "pg_data").rglob("*.parquet"))
    con = connect_readonly(pg_lake)
    try:
        assert con.execute("SELECT type FROM duckdb_databases() WHERE database_name = 'lake'").fetchone() == ("ducklake",)
        assert con.execute("SELECT count(*) FROM v_documents").fetchone() == (2,)
    finally:
        con.close()


WRITER = r"""
import sys
from pathlib import Path
from tests.warehouse.test_refresh import refresh
barrier = Path(sys.argv[4])
barrier.touch()
import time
while len(list(barrier.parent.glob("ready_*"))) < 2:
    time.sleep(0.05)
r = refresh(Path(sys.argv[1]), sys.argv[2], sys.argv[3])
print("PUBLISHED" if r.published else "FAILED")
"""


def test_two_writers_committing_at_once_both_succeed(pg_lake, tmp_path):
    """Catalog created and migrated once (``khabar migrate``), then two refreshes race: DuckLake
    resolves their commits (a conflicting one is retried on the new snapshot), no lock involved."""
    from pipeline.warehouse.convert import convert_warehouse

    assert convert_warehouse(pg_lake)["schema_version"] > 0
    srcs = two_sources(tmp_path)
    sync = tmp_path / "sync"
    sync.mkdir()
    env = dict(os.environ)
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(d), pg_lake, d.name, str(sync / f"ready_{d.name}")],
                              cwd=str(REPO), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for d in srcs]
    results = [p.communicate(timeout=900) for p in procs]
    assert [(r[0].strip().splitlines() or [""])[-1] for r in results] == ["PUBLISHED", "PUBLISHED"], \
        [r[1][-3000:] for r in results]
    con = connect_readonly(pg_lake, fts=False)
    try:
        assert sorted(r[0] for r in con.execute("SELECT run_id FROM refresh_runs").fetchall()) == ["one", "two"]
        assert sorted(r[0] for r in con.execute("SELECT external_id FROM documents").fetchall()) == ["one.txt", "two.txt"]
    finally:
        con.close()


VOLATILE = {"documents": ["ingested_at", "updated_at"], "document_sources": ["first_seen_at", "last_seen_at"],
            "source_files": ["last_scanned_at"], "rejected_documents": ["first_seen_at", "last_seen_at"]}
SKIP = {"dq_results", "refresh_runs", "schema_migrations"}  # per-run ids and clocks


@pytest.mark.slow
def test_full_refresh_of_the_seeds_on_postgres_equals_sqlite(pg_lake, tmp_path):
    """The real Dagster job on the seeds, once per backend: every table holds the same rows."""
    from khabar.runner import run_refresh
    from pipeline.settings import Settings
    from pipeline.warehouse.status import base_tables

    sqlite_wh = tmp_path / "seeds.sqlite"
    for wh in (sqlite_wh, pg_lake):
        assert run_refresh(Settings(inputs=(REPO / "seeds",), warehouse=wh), log_level="ERROR").success

    def dump(wh):
        con = connect_readonly(wh, fts=False)
        try:
            out = {}
            for t in base_tables(con):
                if t in SKIP:
                    continue
                drop = VOLATILE.get(t)
                sql = f"SELECT * EXCLUDE ({', '.join(drop)}) FROM {t}" if drop else f"SELECT * FROM {t}"
                out[t] = sorted(map(repr, con.execute(sql).fetchall()))
            return out
        finally:
            con.close()

    a, b = dump(sqlite_wh), dump(pg_lake)
    assert a.keys() == b.keys() and a["documents"]
    for t in a:
        assert a[t] == b[t], t
