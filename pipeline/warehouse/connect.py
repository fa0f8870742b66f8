"""Connections to the published warehouse and loading of bundled DuckDB extensions."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.warehouse.sandbox import lock_down

__all__ = ["fts_extension_path", "load_fts", "connect_readonly", "connect_memory"]


def fts_extension_path() -> Path:
    """Path of the ``fts`` extension shipped by the ``duckdb-extension-fts`` wheel (matched to our DuckDB pin)."""
    import duckdb_extension_fts

    base = Path(duckdb_extension_fts.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    found = sorted(base.glob("fts.duckdb_extension"))
    if not found:
        raise RuntimeError(
            f"fts extension for DuckDB {duckdb.__version__} not found under {base}; "
            "pin duckdb-extension-fts to the same version as duckdb"
        )
    return found[0]


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load the bundled full-text-search extension (no network)."""
    con.execute(f"LOAD '{fts_extension_path().as_posix()}'")


def connect_readonly(path: Path | str, fts: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the published warehouse read-only (many readers may do so while a refresh runs).

    The connection is locked down (``pipeline.warehouse.sandbox``): it reads the warehouse and nothing else.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}; build it with `make run` or `khabar run`")
    con = duckdb.connect(str(path), read_only=True)
    if fts:
        load_fts(con)
    lock_down(con, [path])
    return con


def connect_memory() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:")
