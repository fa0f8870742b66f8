"""The raw texts of an ingest pass, kept apart from the documents' metadata.

A document is content-addressed, so its text is known the moment its record is read and never
changes afterwards: which source represents it (title, URL, date …) is decided later from metadata
alone. :class:`TextSpool` takes each new document's text as it is read. Kept in memory (the
default: tests, partition batches, the library API) it gives the texts back for the documents
frame; given a directory (the ``ingest`` asset) it writes them to Parquet parts of
``part_docs`` texts as it goes, so that reading a batch holds a part's texts, not the batch's, and
:func:`write_documents` joins the chosen documents' metadata with their texts into one Parquet
file a slice of documents at a time (memory flat in the batch size).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pyarrow.parquet as pq

__all__ = ["TextSpool", "write_documents", "raw_file_checks"]

TEXT_SCHEMA = {"doc_id": pl.String, "raw_text": pl.String}

#: Text written per slice by :func:`write_documents` (characters).
SLICE_TEXT_CHARS = 2 * 1024 * 1024

#: DuckDB's memory for :func:`raw_file_checks`.
CHECK_MEMORY = "256MB"


class TextSpool:
    """Texts by document id, each stored once (the first time its document is seen)."""

    def __init__(self, directory: Path | None = None, part_docs: int = 2000):
        self.directory = directory
        self.part_docs = part_docs
        self._ids: list[str] = []
        self._texts: list[str] = []
        self._memory: dict[str, str] = {}
        #: each text's length in characters, by document id
        self.sizes: dict[str, int] = {}
        self.parts: list[Path] = []
        if directory is not None:
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir(parents=True)

    @property
    def on_disk(self) -> bool:
        return self.directory is not None

    def add(self, doc_id: str, text: str) -> None:
        if doc_id in self.sizes:
            return
        self.sizes[doc_id] = len(text)
        if self.directory is None:
            self._memory[doc_id] = text
            return
        self._ids.append(doc_id)
        self._texts.append(text)
        if len(self._ids) >= self.part_docs:
            self.flush()

    def flush(self) -> None:
        """Write the texts held so far as one more part (no-op in memory or when none is held)."""
        if self.directory is None or not self._ids:
            return
        part = self.directory / f"part-{len(self.parts):05d}.parquet"
        pl.DataFrame({"doc_id": self._ids, "raw_text": self._texts}, schema=TEXT_SCHEMA).write_parquet(
            part, compression="lz4")
        self.parts.append(part)
        self._ids, self._texts = [], []

    def text(self, doc_id: str) -> str | None:
        """The text of ``doc_id`` (in-memory spools only)."""
        if self.directory is not None:
            raise RuntimeError("the texts are on disk: use write_documents")
        return self._memory.get(doc_id)

    def remove(self) -> None:
        if self.directory is not None:
            shutil.rmtree(self.directory, ignore_errors=True)


def write_documents(documents: pl.DataFrame, spool: TextSpool, out: Path) -> int:
    """Write ``documents`` (the documents schema, ``raw_text`` unset) with their spooled texts to the
    Parquet file ``out``, sorted by ``doc_id`` with the frame's column order; returns the rows written.

    The sorted documents are cut into slices of about :data:`SLICE_TEXT_CHARS` characters of text (the
    spool records each text's length). One pass over the spool's parts sorts each part's texts into per-slice
    bucket files; then each slice's bucket files are read, joined with the slice's metadata and
    appended to ``out`` as a row group. Memory: one part and one slice, whatever the batch size.
    """
    spool.flush()
    meta = documents.drop("raw_text").sort("doc_id")
    columns = documents.columns
    schema = pl.DataFrame(schema=documents.schema).to_arrow().schema
    buckets = out.with_name(out.name + ".buckets")
    shutil.rmtree(buckets, ignore_errors=True)
    buckets.mkdir(parents=True)
    tmp = out.with_name(out.name + ".tmp")
    try:
        slices = _slices(meta, spool.sizes)
        for i, part in enumerate(spool.parts):
            texts = pl.read_parquet(part).join(slices, on="doc_id", how="inner")
            for (k,), rows in texts.partition_by("slice", as_dict=True).items():
                rows.drop("slice").write_parquet(buckets / f"{k:06d}-{i:06d}.parquet", compression="lz4")
        bounds = slices.group_by("slice").agg(pl.len()).sort("slice")  # slices are consecutive row ranges
        with pq.ParquetWriter(tmp, schema, compression="lz4") as writer:
            writer.write_table(schema.empty_table())
            start = 0
            for k, n in bounds.iter_rows():
                files = sorted(buckets.glob(f"{k:06d}-*.parquet"))
                texts = pl.read_parquet(files) if files else pl.DataFrame(schema=TEXT_SCHEMA)
                rows = meta.slice(start, n).join(texts, on="doc_id", how="left", maintain_order="left")
                writer.write_table(rows.select(columns).cast(documents.schema).to_arrow())
                start += n
    finally:
        shutil.rmtree(buckets, ignore_errors=True)
    tmp.replace(out)
    return meta.height


def _slices(meta: pl.DataFrame, sizes: dict[str, int]) -> pl.DataFrame:
    """``(doc_id, slice)`` for every document of ``meta`` (sorted by doc_id): consecutive documents
    share a slice until it holds :data:`SLICE_TEXT_CHARS` of text (``sizes``: characters by id)."""
    sizes = pl.DataFrame({"doc_id": list(sizes), "n": list(sizes.values())},
                         schema={"doc_id": pl.String, "n": pl.Int64})
    sized = meta.select("doc_id").join(sizes, on="doc_id", how="left", maintain_order="left").fill_null(0)
    return sized.select("doc_id", slice=(pl.col("n").cum_sum() - pl.col("n")) // SLICE_TEXT_CHARS)


def raw_file_checks(path: Path) -> dict[str, int]:
    """Counts over a raw documents file for the ingest checks: rows, distinct ids, rows missing a
    required value, and rows whose ``content_sha256`` is not the SHA-256 of ``raw_text`` or whose
    ``doc_id`` is not its prefix."""
    con = duckdb.connect(config={"memory_limit": CHECK_MEMORY, "threads": 1})
    try:
        rows, ids, missing, bad_hash = con.execute(
            "SELECT count(*), count(DISTINCT doc_id), "
            "count(*) FILTER (WHERE doc_id IS NULL OR raw_text IS NULL OR content_sha256 IS NULL OR encoding IS NULL), "
            "count(*) FILTER (WHERE sha256(raw_text) IS DISTINCT FROM content_sha256 "
            "                 OR NOT starts_with(content_sha256, doc_id)) "
            "FROM read_parquet(?)", [str(path)]).fetchone()
    finally:
        con.close()
    return {"rows": rows, "distinct_ids": ids, "missing_required": missing, "bad_hash": bad_hash}
