"""Analyst connections read the warehouse and nothing else.

Two layers, both needed:

1. :func:`lock_down` restricts the DuckDB connection itself (after the warehouse and the extensions it
   needs are attached/loaded): no file access outside ``allowed`` (``enable_external_access=false`` with
   ``allowed_paths``/``allowed_directories``), no extension installing or autoloading, and the
   configuration locked so no ``SET``/``RESET`` can undo it. DuckDB 1.5.5 silently adds every attached
   database file (and its ``.wal``/``.tmp``) to the allowed paths, so ``COPY … TO '<warehouse>'
   (USE_TMP_FILE false)`` would still overwrite it; when every allowed path is an attached database
   file (a single-file warehouse) the local file system is therefore disabled altogether.
2. :func:`check_read_only` refuses, before execution, any statement that is not a query (``COPY``,
   ``EXPORT``, ``ATTACH``, ``DETACH``, ``INSTALL``/``LOAD``, ``SET``/``RESET``, ``CREATE``/``INSERT``/``DROP``,
   ``PRAGMA``, ``CALL``, transactions, …) and queries that call functions with side effects (e.g.
   ``enable_logging``, which DuckDB 1.5.5 lets a ``SELECT`` call despite the locked configuration,
   ``checkpoint``, ``query`` whose SQL text cannot be vetted). This is what guards a warehouse whose
   files must stay readable (a directory of Parquet files).

``docs/reliability.md`` ("Analyst connections cannot write or read outside the warehouse") states the
guarantee; ``tests/warehouse/test_sandbox.py`` has one test per vector.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable

import duckdb

__all__ = ["UnsafeQuery", "DENIED_FUNCTIONS", "lock_down", "check_read_only", "protected_paths",
           "is_protected"]


class UnsafeQuery(ValueError):
    """A statement an analyst connection must not run; the message is one line for the user."""


# Functions a SELECT may reach that change state, write files, run unvetted SQL or read raw memory.
DENIED_FUNCTIONS = frozenset({
    "enable_logging", "disable_logging", "truncate_duckdb_logs", "write_log",
    "enable_profiling", "disable_profiling", "checkpoint", "force_checkpoint",
    "query", "json_execute_serialized_sql", "import_database", "copy_database", "add_parquet_key",
    "arrow_scan", "arrow_scan_dumb", "pandas_scan", "python_map_function",
    # the lake's maintenance and write functions (some run on a read-only attach: merge, cleanup_old_files)
    "ducklake_add_data_files", "ducklake_cleanup_old_files", "ducklake_commit", "ducklake_delete_orphaned_files",
    "ducklake_expire_snapshots", "ducklake_flush_inlined_data", "ducklake_merge_adjacent_files",
    "ducklake_rewrite_data_files", "ducklake_set_commit_message", "ducklake_set_option",
    # raw SQL on, or attaching, the catalog database (SQLite / PostgreSQL) behind the lake
    "sqlite_query", "sqlite_attach", "postgres_query", "postgres_execute", "postgres_attach",
    "postgres_configure_pool", "pg_clear_cache", "create_fts_index", "drop_fts_index",
})

_EXPLAIN = re.compile(r"^\s*EXPLAIN\s+(?:ANALY[SZ]E\s+)?", re.IGNORECASE)
_FUNCTION_NAMES = re.compile(r'"(?:function_name|table_name)":\s*"((?:[^"\\]|\\.)*)"')


def lock_down(con: duckdb.DuckDBPyConnection, allowed: Iterable[Path | str]) -> None:
    """Restrict ``con`` to reading the warehouse: call it after the warehouse is attached and the
    extensions it needs (fts, …) are loaded; nothing can be attached, loaded or configured afterwards.

    ``allowed`` lists the warehouse's own files and directories (a DuckDB file; or a catalog file and
    a data directory). Files become ``allowed_paths``, directories ``allowed_directories``; a file that
    is already attached as a database needs no file access. If nothing is left to allow, the local
    file system is disabled so no file at all can be read or written through SQL.
    """
    attached = {_resolved(p) for (p,) in con.execute(
        "SELECT path FROM duckdb_databases() WHERE path IS NOT NULL AND NOT internal").fetchall()}
    files, directories = [], []
    for item in allowed:
        path = _resolved(item)
        if Path(path).is_dir():
            directories.append(path.rstrip("/") + "/")
        elif path not in attached:
            files.append(path)
    con.execute("SET allowed_paths = ?", [files])
    con.execute("SET allowed_directories = ?", [directories])
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET allow_community_extensions = false")
    con.execute("SET allow_unsigned_extensions = false")
    if con.execute("SELECT current_setting('allow_persistent_secrets')").fetchone()[0] not in (False, "false"):
        # (a lake's ATTACH starts the secret manager, after which this cannot change: connect_readonly
        # sets it before attaching a SQLite catalog; a PostgreSQL catalog's ATTACH needs the persistent
        # secret storage, so there it stays on and check_read_only's refusal of CREATE SECRET guards it)
        try:
            con.execute("SET allow_persistent_secrets = false")
        except duckdb.Error:
            pass
    con.execute("SET python_enable_replacements = false")
    con.execute("SET enable_external_access = false")
    if not files and not directories:
        con.execute("SET disabled_filesystems = 'LocalFileSystem'")
    con.execute("SET lock_configuration = true")


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise :class:`UnsafeQuery` unless every statement in ``sql`` is a plain query.

    Allowed: ``SELECT`` in all its forms (``WITH``, ``FROM …``, ``VALUES``, ``DESCRIBE``, ``SHOW``,
    ``SUMMARIZE``, ``PIVOT … IN (…)``) and ``EXPLAIN [ANALYZE]`` of one. Parse errors are raised as
    DuckDB's own ``ParserException``. Parse on a locked-down connection: DuckDB expands some
    statements (``PRAGMA``, ``IMPORT DATABASE``) while parsing.
    """
    statements = con.extract_statements(sql)
    if not statements:
        raise UnsafeQuery("empty query: give one SELECT statement")
    for st in statements:
        text = st.query or sql
        if st.type == duckdb.StatementType.EXPLAIN:
            inner = _EXPLAIN.sub("", text, count=1)
            if inner == text:
                raise UnsafeQuery("only read-only queries are allowed here: this EXPLAIN form is refused")
            check_read_only(con, inner)
            continue
        if st.type != duckdb.StatementType.SELECT:
            kind = st.type.name if st.type.name != "???" else text.split(None, 1)[0].upper()
            raise UnsafeQuery(f"only read-only queries are allowed here: {kind} statements are refused")
        denied = sorted(_function_names(con, text) & DENIED_FUNCTIONS)
        if denied:
            raise UnsafeQuery(f"only read-only queries are allowed here: {', '.join(denied)}() is refused")


def protected_paths(warehouse) -> list[Path]:
    """The files and directories that make up the warehouse at ``warehouse`` (never export targets):
    the lake's catalog file (and its SQLite/DuckDB side files), its data directory and its state."""
    from pipeline.warehouse.location import locate

    wh = locate(warehouse)
    out: list[Path] = []
    if wh.catalog_file is not None:
        c = wh.catalog_file
        out += [c, Path(f"{c}-wal"), Path(f"{c}-shm"), Path(f"{c}-journal"), Path(f"{c}.wal"), Path(f"{c}.tmp")]
    if wh.local_data_dir is not None:
        out.append(wh.local_data_dir)
    out.append(wh.state_dir)
    return out


def is_protected(target: Path, protected: Iterable[Path]) -> bool:
    """True if ``target`` is, or lies inside, one of ``protected`` (resolving links, also hard links)."""
    target_r = Path(_resolved(target))
    for p in protected:
        p_r = Path(_resolved(p))
        if target_r == p_r or p_r in target_r.parents:
            return True
        try:
            if target.exists() and p.exists() and target.samefile(p):
                return True
        except OSError:
            continue
    return False


def _function_names(con: duckdb.DuckDBPyConnection, sql: str) -> set[str]:
    """Lower-cased names of every function and table referenced by one SELECT statement."""
    tree = json.loads(con.execute("SELECT json_serialize_sql(?)", [sql]).fetchone()[0])
    if not tree.get("error"):
        return {json.loads(f'"{n}"').lower() for n in _FUNCTION_NAMES.findall(json.dumps(tree))}
    # Statements the serializer does not cover (e.g. a PIVOT subquery): look at the words instead.
    return {w.lower() for w in re.findall(r'"?([A-Za-z_][A-Za-z0-9_]*)"?\s*\(', sql)}


def _resolved(path: Path | str) -> str:
    return str(Path(path).expanduser().resolve())
