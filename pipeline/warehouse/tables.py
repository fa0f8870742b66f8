"""Which tables the connection's current database (the attached lake) holds.

``duckdb_tables()`` filtered on the current database answers in a few milliseconds inside a refresh's
transaction; ``information_schema.tables`` takes 30–100 ms there (it assembles every attached catalog's
tables and views), and a refresh asked it about a dozen times (docs/benchmarks.md, "The test suite's
time", thirteenth session)."""

from __future__ import annotations

import duckdb

__all__ = ["table_exists", "table_names"]

_SQL = "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The base tables of the current database (not views, not temporary tables)."""
    return {r[0] for r in con.execute(_SQL).fetchall()}


def table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """True when the current database holds a base table named ``table``."""
    return con.execute(_SQL + " AND table_name = ?", [table]).fetchone() is not None
