"""Export the warehouse's tables (and optionally its views) to Parquet or CSV files.

The only way data leaves the warehouse: the analyst connection is locked down (no file writes through
SQL, see ``pipeline.warehouse.sandbox``), so rows are streamed out as Arrow batches and written here,
each file to a temporary name in the target directory and then renamed into place (``os.replace``):
a reader never sees half a file and an interrupted export leaves the previous file intact. Symlinked
targets and targets inside the warehouse's own files are refused.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import duckdb
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from pipeline.warehouse.sandbox import is_protected
from pipeline.warehouse.status import base_tables, view_names

__all__ = ["FORMATS", "ExportedFile", "UnsafeTarget", "export_warehouse"]

FORMATS = ("parquet", "csv", "geojson")  # geojson: places and events with coordinates (RFC 7946)
_BATCH_ROWS = 64_000
_CSV_NATIVE = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
               "UBIGINT", "FLOAT", "DOUBLE", "BOOLEAN", "VARCHAR", "DECIMAL")


class UnsafeTarget(ValueError):
    """The export target is a symlink or lies inside the warehouse's own files."""


@dataclass(frozen=True)
class ExportedFile:
    """One written file: relation name, kind (table | view), path and row count."""

    name: str
    kind: str
    path: Path
    rows: int


def export_warehouse(con: duckdb.DuckDBPyConnection, directory: Path, fmt: str = "parquet",
                     include_views: bool = False, only: list[str] | None = None,
                     protected: Iterable[Path] = ()) -> list[ExportedFile]:
    """Write every base table (``only``: just these relations; ``include_views``: views too) to
    ``directory/<name>.<fmt>``. Returns the files written, in name order.

    Parquet keeps types (lists, timestamps); CSV has a header row, UTF-8, lists as ``[a, b]``.
    Raises ``ValueError`` for an unknown format or relation, :class:`UnsafeTarget` when ``directory``
    or a target file is a symlink or lies inside ``protected`` (the warehouse's files).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} ({' | '.join(FORMATS)})")
    if fmt == "geojson":
        if include_views or only:
            raise ValueError("--format geojson writes places.geojson and events.geojson; it takes no --views/--only")
        return _export_geojson(con, directory, list(protected))
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
    protected = list(protected)
    _check_target(directory, protected)
    directory.mkdir(parents=True, exist_ok=True)
    _check_target(directory, protected)
    written = []
    for name, kind in sorted(relations):
        path = directory / f"{name}.{fmt}"
        _check_target(path, protected)
        rows = _write_atomically(con, name, path, fmt)
        written.append(ExportedFile(name, kind, path, rows))
    return written


def _export_geojson(con: duckdb.DuckDBPyConnection, directory: Path, protected: list[Path]) -> list[ExportedFile]:
    from pipeline.report.geojson import dumps, events_geojson, places_geojson

    _check_target(directory, protected)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in (("places", places_geojson), ("events", events_geojson)):
        path = directory / f"{name}.geojson"
        _check_target(path, protected)
        collection = build(con)
        _write_bytes_atomically(path, dumps(collection).encode("utf-8"))
        written.append(ExportedFile(name, "geojson", path, len(collection["features"])))
    return written


def _write_bytes_atomically(path: Path, data: bytes) -> None:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _check_target(path: Path, protected: list[Path]) -> None:
    if path.is_symlink():
        raise UnsafeTarget(f"refusing to export to {path}: it is a symlink")
    if is_protected(path, protected):
        raise UnsafeTarget(f"refusing to export into the warehouse's own files ({path})")


def _write_atomically(con: duckdb.DuckDBPyConnection, name: str, path: Path, fmt: str) -> int:
    reader = con.execute(_select(con, name, fmt)).to_arrow_reader(_BATCH_ROWS)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    rows = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            if fmt == "parquet":
                with pq.ParquetWriter(fh, reader.schema, compression="zstd") as writer:
                    for batch in reader:
                        writer.write_batch(batch)
                        rows += batch.num_rows
            else:
                with pa_csv.CSVWriter(fh, reader.schema) as writer:
                    for batch in reader:
                        writer.write_batch(batch)
                        rows += batch.num_rows
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return rows


def _select(con: duckdb.DuckDBPyConnection, name: str, fmt: str) -> str:
    """``SELECT`` of one relation; for CSV, non-scalar columns rendered as DuckDB text (``[a, b]``)."""
    if fmt == "parquet":
        return f'SELECT * FROM "{name}"'
    cols = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                       "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position", [name]).fetchall()
    parts = [f'"{c}"' if t.startswith(_CSV_NATIVE) and "[" not in t else f'CAST("{c}" AS VARCHAR) AS "{c}"'
             for c, t in cols]
    return f"SELECT {', '.join(parts)} FROM \"{name}\""
