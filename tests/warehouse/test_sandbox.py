"""pipeline.warehouse.sandbox: the connection-level lock and the statement check, without the CLI."""

from __future__ import annotations

import os

import duckdb
import pytest

from pipeline.warehouse.connect import connect_readonly
from pipeline.warehouse.sandbox import UnsafeQuery, check_read_only, is_protected, lock_down, protected_paths


@pytest.fixture
def single_file(tmp_path):
    """The warehouse: a lake whose SQLite catalog is ``k.duckdb`` (data files in ``k.lake/``)."""
    from pipeline.warehouse.connect import connect_writer

    wh = tmp_path / "k.duckdb"
    con = connect_writer(wh)
    con.execute("CREATE TABLE t AS SELECT range AS a FROM range(10)")
    con.close()
    return wh


@pytest.fixture
def lake(tmp_path):
    """A warehouse whose data must stay readable as files: a directory of Parquet files."""
    data = tmp_path / "lake" / "data"
    data.mkdir(parents=True)
    sibling = tmp_path / "lake" / "data-other"          # shares the prefix "data"
    sibling.mkdir()
    con = duckdb.connect()
    con.execute(f"COPY (SELECT 1 AS a) TO '{data / 'part.parquet'}'")
    con.execute(f"COPY (SELECT 2 AS a) TO '{sibling / 'part.parquet'}'")
    con.close()
    (tmp_path / "secret.txt").write_text("secret\n")
    return data, sibling, tmp_path / "secret.txt"


def test_lake_catalog_cannot_be_read_as_a_file_and_writes_are_stopped_by_the_statement_check(single_file):
    before = single_file.read_bytes()
    con = connect_readonly(single_file, fts=False)
    with pytest.raises(duckdb.Error):
        con.execute(f"SELECT * FROM read_text('{single_file}')")
    # DuckDB 1.5.5 keeps an attached database file (here the SQLite catalog) in allowed_paths and the data
    # directory must stay readable, so writes into the lake's own files are refused by the statement check
    with pytest.raises(UnsafeQuery, match="COPY"):
        check_read_only(con, f"COPY (SELECT 'oops') TO '{single_file}' (FORMAT csv, USE_TMP_FILE false)")
    with pytest.raises(duckdb.PermissionException):
        con.execute(f"SELECT * FROM read_blob('{single_file.parent.parent}/*')")
    assert con.execute("SELECT sum(a) FROM t").fetchone()[0] == 45
    con.close()
    assert single_file.read_bytes() == before


def test_configuration_is_locked(single_file):
    con = connect_readonly(single_file, fts=False)
    for sql in ("SET enable_external_access = true", "RESET enable_external_access", "SET lock_configuration = false",
                "SET disabled_filesystems = ''", "SET allowed_directories = ['/']", "SET autoload_known_extensions = 1"):
        with pytest.raises(duckdb.Error, match="locked|Cannot change"):
            con.execute(sql)
    settings = dict(con.execute("SELECT name, value FROM duckdb_settings()").fetchall())
    assert settings["enable_external_access"] == "false" and settings["lock_configuration"] == "true"
    assert settings["autoinstall_known_extensions"] == "false" and settings["autoload_known_extensions"] == "false"
    with pytest.raises(duckdb.Error):
        con.execute("LOAD httpfs")
    con.close()


def test_directory_warehouse_reads_its_files_and_nothing_else(lake):
    data, sibling, secret = lake
    con = duckdb.connect()
    lock_down(con, [data])
    assert con.execute(f"SELECT a FROM '{data / 'part.parquet'}'").fetchall() == [(1,)]
    for path in (sibling / "part.parquet", data / ".." / "data-other" / "part.parquet", secret, "/etc/passwd"):
        with pytest.raises(duckdb.PermissionException):
            con.execute(f"SELECT * FROM read_blob('{path}')")
    with pytest.raises(duckdb.PermissionException):
        con.execute(f"SELECT * FROM glob('{secret.parent}/*')")
    with pytest.raises(duckdb.Error, match="locked"):
        con.execute("SET enable_external_access = true")
    # the directory stays readable, so writes into it are stopped by the statement check
    with pytest.raises(UnsafeQuery, match="COPY"):
        check_read_only(con, f"COPY (SELECT 3 AS a) TO '{data / 'part.parquet'}'")
    con.close()


@pytest.mark.parametrize("sql", [
    "SELECT 1", "FROM t", "WITH x AS (SELECT 1) SELECT * FROM x", "DESCRIBE t", "SHOW TABLES", "SUMMARIZE t",
    "VALUES (1)", "EXPLAIN SELECT 1", "EXPLAIN ANALYZE SELECT 1", "SELECT 1; SELECT 2",
    "PIVOT t ON a IN (1, 2) USING count(*)", "SELECT * FROM pragma_table_info('t')", "PRAGMA table_info('t')",
    "SELECT * FROM (SELECT 'checkpoint()' AS s)",
])
def test_queries_pass(single_file, sql):
    con = connect_readonly(single_file, fts=False)
    check_read_only(con, sql)
    con.execute(sql).fetchall()
    con.close()


@pytest.mark.parametrize("sql, word", [
    ("COPY t TO 'x.csv'", "COPY"), ("EXPORT DATABASE 'x'", "EXPORT"), ("ATTACH 'x.duckdb'", "ATTACH"),
    ("DETACH k", "DETACH"), ("INSTALL httpfs", "LOAD"), ("LOAD httpfs", "LOAD"), ("SET threads = 1", "SET"),
    ("RESET threads", "SET"), ("CREATE TEMP TABLE x (a INT)", "CREATE"), ("INSERT INTO t VALUES (1)", "INSERT"),
    ("UPDATE t SET a = 1", "UPDATE"), ("DELETE FROM t", "DELETE"), ("DROP TABLE t", "DROP"), ("CALL checkpoint()", "CALL"),
    ("CHECKPOINT", "CALL"), ("VACUUM", "VACUUM"), ("BEGIN", "TRANSACTION"), ("SELECT 1; DROP TABLE t", "DROP"),
    ("EXPLAIN ANALYZE DELETE FROM t", "DELETE"), ("SELECT * FROM enable_logging()", "enable_logging"),
    ("SELECT write_log('x')", "write_log"), ("SELECT 1 FROM t WHERE a IN (SELECT * FROM checkpoint())", "checkpoint"),
    ("SELECT * FROM query('SELECT 1')", "query"), ("SELECT * FROM \"enable_logging\"()", "enable_logging"),
    ("SELECT list_transform([1], lambda x: write_log(x))", "write_log"),
    ("UPDATE EXTENSIONS", "UPDATE"),
])
def test_statements_refused(single_file, sql, word):
    con = connect_readonly(single_file, fts=False)
    with pytest.raises(UnsafeQuery, match=word):
        check_read_only(con, sql)
    con.close()


def test_function_names_fall_back_to_a_word_scan_when_the_tree_is_not_available(single_file):
    from pipeline.warehouse.sandbox import _function_names

    con = connect_readonly(single_file, fts=False)
    assert _function_names(con, "SELECT * FROM main.enable_logging()") >= {"enable_logging"}
    assert _function_names(con, "SELEC * FROM \"enable_logging\" ()") >= {"enable_logging"}   # serializer fails
    con.close()


def test_syntax_errors_are_duckdb_parser_errors(single_file):
    con = connect_readonly(single_file, fts=False)
    with pytest.raises(duckdb.ParserException):
        check_read_only(con, "SELEC 1")
    con.close()


def test_protected_paths_catch_links_and_the_inside_of_directories(tmp_path, single_file):
    link = tmp_path / "elsewhere.duckdb"
    os.link(single_file, link)
    prot = protected_paths(single_file)
    assert is_protected(single_file, prot) and is_protected(link, prot)
    assert is_protected(tmp_path / "k.duckdb.wal", prot)
    assert not is_protected(tmp_path / "documents.parquet", prot)
    lake_dir = tmp_path / "lake"
    lake_dir.mkdir()
    assert is_protected(lake_dir / "x" / "documents.parquet", [lake_dir])


def test_python_objects_of_the_caller_are_not_scanned(single_file):
    import polars as pl

    secret_frame = pl.DataFrame({"secret": ["top-secret"]})  # noqa: F841 - a replacement scan would find it
    con = connect_readonly(single_file, fts=False)
    with pytest.raises(duckdb.CatalogException):
        con.execute("SELECT * FROM secret_frame").fetchall()
    con.close()
