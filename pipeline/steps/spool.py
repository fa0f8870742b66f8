"""Per-document tables spooled to Parquet files as the process pool returns them.

Holding every table of a batch in memory made the run's peak memory grow with the batch (about
75 KB per document). A :class:`Spool` writes each chunk's frames to
``<dir>/<table>/part-<n>.parquet`` as the chunk arrives, so the run keeps no table in memory:
readers scan the files lazily (:meth:`Spool.scan`), walk them a slice of documents at a time
(:meth:`Spool.slices`: the same consecutive chunks of every table, so a slice holds whole
documents with all their rows), or hand the file list to DuckDB (:meth:`Spool.files`,
``read_parquet``). The directory lives with the run's other files and is removed with them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import polars as pl

__all__ = ["Spool", "SLICE_CHUNKS"]

#: Chunks per slice read back for checks (50 documents a chunk → 2,000 documents a slice).
SLICE_CHUNKS = 40


class Spool:
    """Chunk frames of a batch in Parquet files under ``root`` (one directory per table)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.chunks = 0
        self.schemas: dict[str, pl.Schema] = {}
        self.rows: dict[str, int] = {}

    def add(self, frames: dict[str, pl.DataFrame]) -> None:
        """Write one chunk's frames (every table, empty ones too: each table has a part per chunk)."""
        for table, frame in frames.items():
            directory = self.root / table
            directory.mkdir(parents=True, exist_ok=True)
            frame.write_parquet(directory / f"part-{self.chunks:06d}.parquet", compression="lz4", statistics=False)
            self.schemas.setdefault(table, frame.schema)
            self.rows[table] = self.rows.get(table, 0) + frame.height
        self.chunks += 1

    @property
    def tables(self) -> list[str]:
        return list(self.schemas)

    def files(self, table: str) -> list[Path]:
        """The table's part files, in chunk (= input) order."""
        return [self.root / table / f"part-{n:06d}.parquet" for n in range(self.chunks)]

    def scan(self, table: str) -> pl.LazyFrame:
        """The whole table as a lazy frame over its files (rows in input order)."""
        return pl.scan_parquet(self.files(table), schema=self.schemas[table])

    def read(self, table: str) -> pl.DataFrame:
        return self.scan(table).collect()

    def slices(self, tables: list[str] | None = None, chunks: int = SLICE_CHUNKS) -> Iterator[dict[str, pl.DataFrame]]:
        """Eager frames of ``tables`` (default all), ``chunks`` consecutive chunks at a time."""
        tables = tables or self.tables
        for first in range(0, max(self.chunks, 1), chunks):
            part = range(first, min(first + chunks, self.chunks))
            yield {t: (pl.read_parquet([self.root / t / f"part-{n:06d}.parquet" for n in part],
                                       schema=self.schemas[t]) if len(part) else pl.DataFrame(schema=self.schemas[t]))
                   for t in tables}

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
