"""Export the warehouse's tables (and optionally its views) to Parquet or CSV files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.warehouse.status import base_tables, view_names

__all__ = ["FORMATS", "ExportedFile", "export_warehouse"]

FORMATS = ("parquet", "csv")


@dataclass(frozen=True)
class ExportedFile:
    """One written file: relation name, kind (table | view), path and row count."""

    name: str
    kind: str
    path: Path
    rows: int


def export_warehouse(con: duckdb.DuckDBPyConnection, directory: Path, fmt: str = "parquet",
                     include_views: bool = False, only: list[str] | None = None) -> list[ExportedFile]:
    """Write every base table (``only``: just these relations; ``include_views``: views too) to
    ``directory/<name>.<fmt>``. Returns the files written, in name order.

    Parquet keeps types (lists, timestamps); CSV has a header row, UTF-8, lists as ``[a, b]``.
    Raises ``ValueError`` for an unknown format or relation.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} ({' | '.join(FORMATS)})")
    relations = [(t, "table") for t in base_tables(con)]
    views = view_names(con)
    if include_views or only:
        relations += [(v, "view") for v in views]
    if only:
        known = {name for name, _ in relations}
        unknown = sorted(set(only) - known)
        if unknown:
            raise ValueError(f"no table or view named {', '.join(unknown)}")
        relations = [r for r in relations if r[0] in set(only)]
    directory.mkdir(parents=True, exist_ok=True)
    options = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER true"
    written = []
    for name, kind in sorted(relations):
        path = directory / f"{name}.{fmt}"
        con.execute(f"COPY (SELECT * FROM \"{name}\") TO '{_sql_str(path)}' ({options})")
        rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        written.append(ExportedFile(name, kind, path, rows))
    return written


def _sql_str(path: Path) -> str:
    return path.resolve().as_posix().replace("'", "''")
