"""Which source a document's metadata comes from, whatever the batching.

A document is content-addressed: the same text in several sources is one document, and its row
(title, URL, publisher, publication date, …) comes from its *representative* source, the one with
the smallest ``source_uri`` among its active sources. A one-shot build sees every source at once;
an input batch (:mod:`pipeline.ingest.batches`) sees only its own. :func:`settle_documents` makes
the batch decide as the one-shot build would: the representative is the smallest URI among the
batch's sources *and* the active sources the warehouse holds outside the batch
(:func:`stored_state`). A document of the batch is (re)processed only when the warehouse does not
already hold it from that representative with the current processing version; the publication
date anchors relative dates, so a new representative means new rows.

Called once before processing (from the state the run started with), and again under the writer
gate just before the commit (the state may have moved since: another batch committed a source of
the same document).
"""

from __future__ import annotations

from typing import Collection

import duckdb
import polars as pl

from pipeline.ingest.batch import DOCUMENT_SCHEMA, SOURCE_SCHEMA
from pipeline.ingest.batches import BatchScope

__all__ = ["STORED_DOC_SCHEMA", "stored_state", "settle_documents", "metadata_columns", "chunk_neighbours"]

STORED_DOC_SCHEMA = {"doc_id": pl.String, "pipeline_version": pl.String, "source_uri": pl.String}


def metadata_columns() -> list[str]:
    """Document columns taken from the representative source."""
    return [c for c in DOCUMENT_SCHEMA if c in SOURCE_SCHEMA and c != "doc_id"]


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                            [table]).fetchone()[0])


def stored_state(con: duckdb.DuckDBPyConnection, doc_ids: list[str],
                 scope: BatchScope | Collection[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(others, stored)`` for the documents ``doc_ids``: their active ``document_sources`` rows that
    lie outside what the pass re-read (``SOURCE_SCHEMA`` columns), and their ``documents`` rows
    (doc_id, pipeline_version, source_uri). ``scope`` is an input batch, or (an unpartitioned refresh)
    the stored names of the files it re-read or found missing."""
    empty = pl.DataFrame(schema=SOURCE_SCHEMA), pl.DataFrame(schema=STORED_DOC_SCHEMA)
    if not doc_ids or not _has_table(con, "document_sources"):
        return empty
    con.register("_settle_ids", pl.DataFrame({"doc_id": sorted(set(doc_ids))}, schema={"doc_id": pl.String}).to_arrow())
    try:
        cols = ", ".join(SOURCE_SCHEMA)
        rows = con.execute(
            f"SELECT {cols} FROM document_sources WHERE active AND doc_id IN (SELECT doc_id FROM _settle_ids)"
        ).pl()
        stored = con.execute(
            "SELECT doc_id, pipeline_version, source_uri FROM documents WHERE doc_id IN (SELECT doc_id FROM _settle_ids)"
        ).pl()
    finally:
        con.unregister("_settle_ids")
    if isinstance(scope, BatchScope):
        inside = [scope.contains(p) and scope.contains_line(n)
                  for p, n in zip(rows["source_path"].to_list(), rows["line_no"].to_list())]
    else:
        paths = set(scope)
        inside = [p in paths for p in rows["source_path"].to_list()]
    others = rows.filter(~pl.Series(inside, dtype=pl.Boolean)) if rows.height else rows
    return others.cast(SOURCE_SCHEMA), stored.cast(STORED_DOC_SCHEMA)


def settle_documents(documents: pl.DataFrame, others: pl.DataFrame, stored: pl.DataFrame,
                     version: str) -> pl.DataFrame:
    """The batch's documents that need (re)processing, each with its representative's metadata.

    ``documents``: every document of the batch (``DOCUMENT_SCHEMA``, metadata of the batch's
    smallest source URI); ``others``/``stored``: :func:`stored_state`; ``version``: the current
    processing version. Sorted by doc_id.
    """
    meta = metadata_columns()
    best: dict[str, dict] = {}
    for row in others.sort("source_uri").iter_rows(named=True):
        best.setdefault(row["doc_id"], row)
    held = {d: (v, u) for d, v, u in stored.select("doc_id", "pipeline_version", "source_uri").iter_rows()}
    out = []
    for doc in documents.iter_rows(named=True):
        other = best.get(doc["doc_id"])
        if other is not None and other["source_uri"] < doc["source_uri"]:
            doc = {**doc, **{c: other[c] for c in meta}}
        have = held.get(doc["doc_id"])
        if have is not None and have == (version, doc["source_uri"]):
            continue  # the warehouse already holds it, processed from this representative
        out.append(doc)
    return pl.DataFrame(sorted(out, key=lambda d: d["doc_id"]), schema=documents.schema)


def chunk_neighbours(con: duckdb.DuckDBPyConnection, scope: BatchScope) -> pl.DataFrame:
    """Active sources (source_uri, doc_id) of a chunk's feed on its *other* lines: a chunk run leaves
    them as they are, so the withdrawal check must count them as kept. Empty for other scopes."""
    schema = {"source_uri": pl.String, "doc_id": pl.String}
    if scope.kind != "chunk" or not _has_table(con, "document_sources"):
        return pl.DataFrame(schema=schema)
    return con.execute(
        "SELECT source_uri, doc_id FROM document_sources WHERE active AND source_path = ? "
        "AND line_no IS NOT NULL AND line_no NOT BETWEEN ? AND ?",
        [scope.path, scope.first_line, scope.last_line]).pl().cast(schema)
