"""Every way an analyst query could damage the warehouse or read/write outside it, through `khabar query`.

Each test runs the hostile SQL through the command line, asserts it is refused in one line, that the
warehouse is byte-for-byte intact and still answers, and that the file outside is unchanged and its
content never printed. See docs/reliability.md ("Analyst connections cannot write or read outside the
warehouse").
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3

import duckdb
import pytest
from click.testing import CliRunner

from khabar.cli import main
from tests.warehouse.test_views import build_sample

SECRET = "top-secret-7f3a"


@pytest.fixture(scope="module")
def sample_lake(tmp_path_factory):
    """The sample lake built once for the module; each test gets its own copy (``env``)."""
    directory = tmp_path_factory.mktemp("sample_lake")
    build_sample(directory / "k.duckdb").close()
    return directory


@pytest.fixture
def env(tmp_path, sample_lake):
    wh = tmp_path / "wh" / "k.duckdb"
    shutil.copytree(sample_lake, wh.parent)
    # the copy's catalog names its own data directory, as if it had been built here
    with sqlite3.connect(wh) as catalog:
        catalog.execute("UPDATE ducklake_metadata SET value = ? WHERE key = 'data_path'",
                        [str(wh.parent / "k.lake") + "/"])
    catalog.close()
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text(SECRET + "\n", encoding="utf-8")
    other = outside / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE sentences AS SELECT 1 AS x")
    con.close()
    link = tmp_path / "wh" / "hardlink.duckdb"
    os.link(wh, link)
    state = {"wh": wh, "outside": outside, "secret": secret, "other": other, "link": link}
    state["before"] = _snapshot(state)
    return state


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _lake_files(env) -> dict:
    """Every file of the lake's data directory (the Parquet files) and its digest."""
    from pipeline.warehouse.location import locate

    data = locate(env["wh"]).local_data_dir
    return {str(p.relative_to(data)): _digest(p) for p in sorted(data.rglob("*")) if p.is_file()}


def _snapshot(env) -> dict:
    return {"wh": _digest(env["wh"]), "lake_files": _lake_files(env), "secret": _digest(env["secret"]), "other": _digest(env["other"]),
            "outside_files": sorted(p.name for p in env["outside"].iterdir()),
            # (readers of the lake's WAL-mode SQLite catalog open its -wal/-shm side files)
            "wh_dir_files": sorted(p.name for p in env["wh"].parent.iterdir() if not p.name.endswith(("-wal", "-shm")))}


def query(env, sql: str):
    return CliRunner().invoke(main, ["query", "-w", str(env["wh"]), "-f", "csv", sql], catch_exceptions=False)


def assert_refused(env, sql: str, *expected: str) -> None:
    res = query(env, sql)
    assert res.exit_code != 0, f"not refused: {sql!r}\n{res.output}"
    assert "Traceback" not in res.output and "hint:" in res.output
    assert len(res.output.strip().splitlines()) == 2, res.output      # one line + one hint line
    assert "query refused" in res.output or "Permission Error" in res.output, res.output
    for word in expected:
        assert word in res.output, (word, res.output)
    assert SECRET not in res.output
    assert_intact(env)


def assert_intact(env) -> None:
    assert _snapshot(env) == env["before"]
    from pipeline.warehouse.connect import connect_readonly

    con = connect_readonly(env["wh"], fts=False)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 4
        assert con.execute("SELECT count(*) FROM sentences").fetchone()[0] > 0
    finally:
        con.close()


# ------------------------------------------------------------------------------------ writing files

@pytest.mark.parametrize("options", ["(FORMAT csv)", "(FORMAT csv, USE_TMP_FILE false)", "(FORMAT parquet)"])
def test_copy_to_the_warehouse_file(env, options):
    assert_refused(env, f"COPY (SELECT 'oops' AS x) TO '{env['wh']}' {options}", "COPY")


def test_copy_to_the_hard_link_and_elsewhere(env):
    assert_refused(env, f"COPY (SELECT 'oops' AS x) TO '{env['link']}' (FORMAT csv)", "COPY")
    assert_refused(env, f"COPY documents TO '{env['outside'] / 'leak.csv'}'", "COPY")
    assert_refused(env, f"COPY documents TO '{env['secret']}' (FORMAT csv)", "COPY")


def test_copy_from_a_file(env):
    assert_refused(env, f"COPY documents FROM '{env['secret']}'", "COPY")


def test_export_and_import_database(env):
    assert_refused(env, f"EXPORT DATABASE '{env['outside'] / 'dump'}'", "EXPORT")
    assert_refused(env, f"IMPORT DATABASE '{env['outside']}'")


# ------------------------------------------------------------------------------------ other databases

@pytest.mark.parametrize("target", ["other", "link"])
@pytest.mark.parametrize("mode", ["(READ_ONLY false)", "(READ_ONLY)", ""])
def test_attach_read_write_and_read_only(env, target, mode):
    assert_refused(env, f"ATTACH '{env[target]}' AS v {mode}", "ATTACH")
    assert_refused(env, f"ATTACH '{env[target]}' AS v {mode}; DROP TABLE v.sentences CASCADE", "ATTACH")


def test_attach_new_file_and_memory(env):
    assert_refused(env, f"ATTACH '{env['outside'] / 'new.duckdb'}' AS n", "ATTACH")
    assert_refused(env, "ATTACH ':memory:' AS m", "ATTACH")


def test_detach_and_use(env):
    assert_refused(env, "DETACH k", "DETACH")
    assert_refused(env, "USE memory", "SET")


# ------------------------------------------------------------------------------------ extensions

@pytest.mark.parametrize("sql", ["INSTALL httpfs", "LOAD httpfs", "FORCE INSTALL json", "LOAD json", "LOAD fts",
                                 "INSTALL sqlite FROM community"])
def test_install_and_load(env, sql):
    assert_refused(env, sql, "LOAD")


def test_load_a_file_as_extension(env):
    assert_refused(env, f"LOAD '{env['secret']}'", "LOAD")


# ------------------------------------------------------------------------------------ reading outside

@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_text('{secret}')",
    "SELECT * FROM read_blob('{secret}')",
    "SELECT * FROM read_csv('{secret}', header=false)",
    "SELECT * FROM read_csv_auto('/etc/passwd')",
    "SELECT * FROM '{secret}'",
    "SELECT * FROM read_parquet('{other}')",
    "SELECT * FROM read_json_objects('{secret}')",
    "SELECT * FROM sniff_csv('{secret}')",
    "SELECT * FROM glob('/root/**')",
    "SELECT * FROM glob('{outside}/*')",
    "SELECT * FROM read_text('/etc/shadow')",
    "SELECT * FROM read_duckdb('{other}')",
    "SELECT * FROM read_text('{wh_dir}/../outside/secret.txt')",
])
def test_reading_files_outside_the_warehouse(env, sql):
    sql = sql.format(secret=env["secret"], other=env["other"], outside=env["outside"], wh_dir=env["wh"].parent)
    res = query(env, sql)
    assert res.exit_code != 0 and SECRET not in res.output and "hint:" in res.output, res.output
    shown = res.output.split("hint:")[0].replace(str(env["secret"]), "")
    for given in sql.split("'")[1::2]:  # the paths the query itself names may be echoed back
        shown = shown.replace(given, "")
    assert "secret.txt" not in shown   # no listing
    assert_intact(env)


def test_glob_lists_nothing(env):
    res = query(env, f"SELECT count(*) FROM glob('{env['outside']}/*')")
    assert res.exit_code != 0 and "other.duckdb" not in res.output


# ------------------------------------------------------------------------------------ configuration

@pytest.mark.parametrize("sql", [
    "SET enable_external_access = true", "RESET enable_external_access", "SET lock_configuration = false",
    "RESET lock_configuration", "SET disabled_filesystems = ''", "SET allowed_directories = ['/']",
    "SET GLOBAL enable_external_access = true", "SET autoinstall_known_extensions = true",
    "PRAGMA enable_profiling", "SET VARIABLE x = 1", "SET threads = 1",
])
def test_set_and_reset_configuration(env, sql):
    assert_refused(env, sql)


def test_locked_configuration_holds(env):
    res = query(env, "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', "
                     "'lock_configuration', 'autoinstall_known_extensions', 'autoload_known_extensions') ORDER BY name")
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[1:] == [
        "autoinstall_known_extensions,false", "autoload_known_extensions,false",
        "enable_external_access,false", "lock_configuration,true"]
    # the lake's Parquet files must stay readable, so the file system stays on, limited to the lake's
    # own catalog and data directory: a file next to them is refused
    res = query(env, f"SELECT * FROM read_blob('{env['other']}')")
    assert res.exit_code != 0 and "Permission Error" in res.output


# ------------------------------------------------------------------------------------ writing the database

@pytest.mark.parametrize("sql", [
    "CREATE TABLE x AS SELECT 1", "CREATE TEMP TABLE x AS SELECT 1", "CREATE VIEW v AS SELECT 1",
    "CREATE MACRO m() AS 1", "INSERT INTO documents SELECT * FROM documents", "UPDATE documents SET title = 'x'",
    "DELETE FROM documents", "DROP TABLE sentences", "DROP VIEW v_mentions", "ALTER TABLE documents ADD COLUMN z INT",
    "TRUNCATE documents", "CREATE SECRET s (TYPE s3)", "CHECKPOINT", "FORCE CHECKPOINT", "VACUUM", "ANALYZE",
    "BEGIN TRANSACTION", "COMMENT ON TABLE documents IS 'x'", "CREATE SEQUENCE s",
    "WITH x AS (SELECT 1) INSERT INTO documents SELECT * FROM documents",
])
def test_create_insert_drop(env, sql):
    assert_refused(env, sql, "refused")


@pytest.mark.parametrize("sql", [
    "PRAGMA create_fts_index('documents', 'doc_id', 'title', overwrite = 1)", "PRAGMA drop_fts_index('documents')",
    "PRAGMA enable_checkpoint_on_shutdown", "PRAGMA profiling_output = '{outside}/p.txt'",
    "PRAGMA import_database('{outside}')",
])
def test_pragma(env, sql):
    if "drop_fts_index" in sql:
        # since migration 009 the warehouse holds no fts index: DuckDB's expansion of this PRAGMA
        # fails while the statement is parsed ("a FTS index does not exist"); still refused, still intact
        res = query(env, sql)
        assert res.exit_code != 0 and "Traceback" not in res.output and "hint:" in res.output
        assert "query refused" in res.output or "FTS index does not exist" in res.output, res.output
        assert_intact(env)
        return
    assert_refused(env, sql.format(outside=env["outside"]))


@pytest.mark.parametrize("sql", [
    "CALL enable_logging(storage = 'file', storage_path = '{outside}/log')",
    "SELECT * FROM enable_logging(storage = 'file', storage_path = '{outside}/log')",
    "FROM enable_logging()", "SELECT write_log('x')", "CALL checkpoint()", "SELECT * FROM checkpoint()",
    "SELECT * FROM force_checkpoint()", "CALL truncate_duckdb_logs()",
    "SELECT * FROM query('SELECT * FROM enable_logging()')",
    "SELECT * FROM query($$COPY documents TO '{outside}/q.csv'$$)",
    "SELECT * FROM pragma_version() WHERE 1 = (SELECT count(*) FROM checkpoint())",
    "SELECT (SELECT 1 FROM disable_logging())",
    "SELECT * FROM arrow_scan(0, 0, 0)", "CALL pragma_version()",
])
def test_call_of_dangerous_functions(env, sql):
    assert_refused(env, sql.format(outside=env["outside"]), "refused")


def test_a_harmless_statement_cannot_smuggle_another(env):
    assert_refused(env, f"SELECT 1; COPY documents TO '{env['outside'] / 'x.csv'}'", "COPY")
    assert_refused(env, "SELECT 1; DROP TABLE sentences", "DROP")
    assert_refused(env, f"EXPLAIN ANALYZE COPY documents TO '{env['outside'] / 'x.csv'}'", "COPY")


# ------------------------------------------------------------------------------------ legitimate reads

@pytest.mark.parametrize("sql, first_line", [
    ("SELECT count(*) AS n FROM documents", "n"),
    ("SELECT entity_id FROM v_mentions ORDER BY 1 LIMIT 1", "entity_id"),
    ("WITH d AS (SELECT * FROM documents) SELECT count(*) AS n FROM d", "n"),
    ("FROM documents SELECT doc_id ORDER BY doc_id LIMIT 1", "doc_id"),
    ("DESCRIBE documents", "column_name,column_type,null,key,default,extra"),
    ("SHOW TABLES", "name"),
    ("SUMMARIZE SELECT doc_id FROM documents", "column_name,column_type,min,max,approx_unique,avg,std,q25,q50,q75,count,null_percentage"),
    ("SELECT * FROM pragma_table_info('documents') LIMIT 1", "cid,name,type,notnull,dflt_value,pk"),
    ("PRAGMA table_info('documents')", "cid,name,type,notnull,dflt_value,pk"),   # expands to a SELECT
    ("EXPLAIN SELECT 1", "explain_key,explain_value"),
    ("SELECT strftime(published_at, '%Y') AS y FROM documents WHERE published_at IS NOT NULL LIMIT 1", "y"),
    ("PIVOT (SELECT status FROM documents) ON status IN ('active', 'removed') USING count(*)", "active,removed"),
])
def test_legitimate_reads_still_work(env, sql, first_line):
    res = query(env, sql)
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[0] == first_line
    assert_intact(env)


def test_search_status_and_export_still_work(env, tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["search", "انسحاب القوات", "-w", str(env["wh"])], catch_exceptions=False)
    assert res.exit_code == 0 and "(3 matching documents)" in res.output, res.output
    res = runner.invoke(main, ["status", "-w", str(env["wh"])], catch_exceptions=False)
    assert res.exit_code == 0 and "documents: 3 active, 1 removed" in res.output, res.output
    res = runner.invoke(main, ["export", str(tmp_path / "out"), "-w", str(env["wh"])], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "documents.parquet").exists()
    assert_intact(env)


# ------------------------------------------------------------------------------------ the lake's own files

def _a_data_file(env):
    from pipeline.warehouse.location import locate

    return sorted(locate(env["wh"]).local_data_dir.rglob("*.parquet"))[0]


@pytest.mark.parametrize("options", ["(FORMAT parquet)", "(FORMAT csv)", "(FORMAT parquet, USE_TMP_FILE false)"])
def test_copy_over_a_data_file_of_the_lake(env, options):
    """The data directory must stay readable (the lake reads its Parquet files from there), so the
    connection alone cannot forbid writing into it: the statement check refuses every COPY."""
    assert env["before"]["lake_files"]
    assert_refused(env, f"COPY (SELECT 'oops' AS x) TO '{_a_data_file(env)}' {options}", "COPY")
    assert_refused(env, f"COPY documents TO '{_a_data_file(env).parent / 'new.parquet'}' (FORMAT parquet)", "COPY")


@pytest.mark.parametrize("sql", [
    "SELECT * FROM ducklake_expire_snapshots('lake', older_than => now())",
    "SELECT * FROM ducklake_expire_snapshots('lake', versions => [1])",
    "SELECT * FROM ducklake_merge_adjacent_files('lake')",
    "SELECT * FROM ducklake_cleanup_old_files('lake', cleanup_all => true)",
    "SELECT * FROM ducklake_delete_orphaned_files('lake', cleanup_all => true)",
    "SELECT * FROM ducklake_rewrite_data_files('lake')",
    "SELECT * FROM ducklake_flush_inlined_data('lake')",
    "SELECT * FROM ducklake_set_option('lake', 'parquet_compression', 'uncompressed')",
    "SELECT * FROM ducklake_add_data_files('lake', 'documents', '{outside}/x.parquet')",
    "SELECT * FROM sqlite_query('__ducklake_metadata_lake', 'DELETE FROM ducklake_snapshot')",
    "SELECT * FROM sqlite_query('{wh}', 'DELETE FROM ducklake_snapshot')",
    "SELECT * FROM sqlite_attach('{wh}')",
    "SELECT * FROM postgres_execute('__ducklake_metadata_lake', 'DROP TABLE ducklake_snapshot')",
    "SELECT * FROM postgres_query('__ducklake_metadata_lake', 'SELECT 1')",
])
def test_lake_maintenance_and_catalog_sql_are_refused(env, sql):
    assert_refused(env, sql.format(outside=env["outside"], wh=env["wh"]), "refused")


@pytest.mark.parametrize("sql", [
    "ATTACH 'ducklake:sqlite:{wh}' AS w",
    "ATTACH 'ducklake:sqlite:{wh}' AS w (DATA_PATH '{outside}/')",
    "ATTACH '{wh}' AS w (TYPE sqlite)",
    "DETACH lake",
])
def test_the_catalog_cannot_be_attached_again_read_write(env, sql):
    assert_refused(env, sql.format(outside=env["outside"], wh=env["wh"]))


def test_time_travel_reads_are_still_allowed(env):
    res = query(env, "SELECT count(*) AS n FROM ducklake_snapshots('lake')")
    assert res.exit_code == 0 and int(res.output.splitlines()[1]) >= 1, res.output
    assert_intact(env)
