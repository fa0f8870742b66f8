"""Idempotent loads into a (staging) warehouse: delete-then-insert per document.

``load_batch`` applies one ingest pass:
- the input manifest (``source_files``) is upserted;
- every source record of a re-read file is upserted in ``document_sources``; records that
  vanished from a re-read file, and every record of a file that disappeared, become inactive;
- processed documents replace their previous rows in ``documents`` and in every
  document-scoped table (delete-then-insert, so re-running a batch is a no-op);
- a document left with no active source is either *replaced* (its source URI now carries
  different content: the old rows are deleted) or *removed* (its source is gone: it stays,
  with ``status = 'removed'``);
- rejections of re-read files replace the previous ones for those files.

A ``files`` row may carry ``first_line``/``last_line`` (an input-batch chunk, pipeline/ingest/batches.py):
then only the records and rejections of the file within those lines (and its file-level rejections)
were re-read, and only those are deactivated or replaced; the file's other lines are left as they are.
"""

from __future__ import annotations

import hashlib
import tempfile
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from pipeline.warehouse.tables import table_exists

__all__ = ["DOC_SCOPED_TABLES", "CHANGED_DOC_IDS", "load_batch", "insert_frame", "read_state"]

#: Key of ``load_batch``'s result listing the ids of the documents loaded, replaced, removed or re-counted.
CHANGED_DOC_IDS = "changed_doc_ids"

#: Tables whose rows belong to one document (``doc_id`` column); extended by later migrations.
DOC_SCOPED_TABLES: list[str] = [
    "paragraphs", "sentences", "removed_spans", "offset_map",                      # 001
    "entity_mentions", "entity_roles",                                             # 002
    "time_expressions",                                                            # 003
    "quantities", "event_mentions", "quotes", "citations",                         # 004
]


#: A row ``t`` (document_sources, rejected_documents) of what this batch re-read: a changed file,
#: within the batch's line range when the file is a chunk.
_RE_READ = ("EXISTS (SELECT 1 FROM _changed c WHERE c.path = t.source_path AND (c.first_line IS NULL "
            "OR t.line_no IS NULL OR t.line_no BETWEEN c.first_line AND c.last_line))")


#: Memory per insert statement of a lazy (spooled) table. Polars and DuckDB hold several times a slice's
#: data while it is written out and inserted (a documents slice of 1,000 / 2,800 / 8,000 rows: +92 / +150
#: / +356 MB), so a table goes in slices of about :data:`LAZY_SLICE_BYTES` of data, sized from the
#: estimated width of its first rows: a documents slice with its raw and clean texts is ~1,400 rows, a
#: sentences slice ~25,000, a narrow table's up to :data:`LAZY_SLICE_MAX_ROWS`. (Three times the corpus
#: in 500,000-row slices: +346 MB for the sentences alone.) Each statement writes at least one data
#: file, hence the lower bound. :data:`LAZY_SLICE_ROWS` fixes a table's slice in rows instead (tests).
LAZY_SLICE_BYTES = 8 << 20
LAZY_SLICE_MIN_ROWS = 1_000
LAZY_SLICE_MAX_ROWS = 500_000
LAZY_SLICE_ROWS: dict[str, int] = {}
_SAMPLE_ROWS = 2_000


def slice_rows(table: str, frame: pl.LazyFrame) -> int:
    """Rows per insert statement for the lazy ``frame`` (see :data:`LAZY_SLICE_BYTES`)."""
    if table in LAZY_SLICE_ROWS:
        return LAZY_SLICE_ROWS[table]
    sample = frame.head(_SAMPLE_ROWS).collect()
    if sample.height == 0:
        return LAZY_SLICE_MAX_ROWS
    per_row = max(1.0, sample.estimated_size() / sample.height)
    return int(min(LAZY_SLICE_MAX_ROWS, max(LAZY_SLICE_MIN_ROWS, LAZY_SLICE_BYTES // per_row)))


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame | pl.LazyFrame,
                 exclude_doc_ids: list[str] | None = None) -> int:
    """Insert ``frame`` into ``table`` matching columns by name. Returns the rows inserted.

    A lazy frame (a spooled table, ``pipeline.steps.spool``) is never collected: polars streams it
    to a Parquet file and DuckDB inserts from ``read_parquet``, a slice of :func:`slice_rows` rows at a
    time, so memory stays flat in its size. ``exclude_doc_ids``: rows of these documents are left out
    (by DuckDB, so that the scan stays sliceable: see ``pipeline.ingest.quarantine``)."""
    if exclude_doc_ids and isinstance(frame, pl.DataFrame):
        frame = frame.filter(~pl.col("doc_id").is_in(exclude_doc_ids))
    if isinstance(frame, pl.LazyFrame):
        step = slice_rows(table, frame)
        where = ""
        if exclude_doc_ids:
            con.register("_excluded", pl.DataFrame({"doc_id": exclude_doc_ids}, schema={"doc_id": pl.String}).to_arrow())
            where = " WHERE doc_id NOT IN (SELECT doc_id FROM _excluded)"
        total = start = 0
        try:
            with tempfile.TemporaryDirectory(prefix="khabar-load-") as tmp:
                path = Path(tmp) / f"{table}.parquet"
                while True:
                    frame.slice(start, step).sink_parquet(path)
                    read = pl.scan_parquet(path).select(pl.len()).collect().item()  # the file's metadata
                    total += con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?){where}",
                                         [str(path)]).fetchone()[0]
                    start += read
                    if read < step:
                        return total
        finally:
            if exclude_doc_ids:
                con.unregister("_excluded")
    if frame.height == 0:
        return 0
    name = f"_frame_{table}"
    con.register(name, frame.to_arrow())
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {name}")
    finally:
        con.unregister(name)
    return frame.height


def read_state(con: duckdb.DuckDBPyConnection) -> tuple[pl.DataFrame | None, pl.DataFrame | None]:
    """The manifest and processed-document list that the next ingest pass compares against."""
    if not table_exists(con, "source_files"):
        return None, None
    manifest = con.execute(
        "SELECT path, kind, size_bytes, mtime_ns, sha256, n_records, n_rejected FROM source_files WHERE status = 'present'"
    ).pl()
    known = con.execute("SELECT doc_id, pipeline_version FROM documents").pl()
    return manifest, known


def _reject_id(uri: str) -> str:
    return hashlib.sha256(uri.encode("utf-8")).hexdigest()[:16]


def load_batch(
    con: duckdb.DuckDBPyConnection,
    *,
    now: datetime,
    files: pl.DataFrame,
    sources: pl.DataFrame,
    rejected: pl.DataFrame,
    documents: pl.DataFrame,
    doc_tables: dict[str, pl.DataFrame],
    transaction: bool = True,
    exclude_doc_ids: list[str] | None = None,
) -> dict:
    """Apply one batch inside a single transaction (``transaction=False``: inside the caller's,
    which commits or rolls back). Returns counters, and under :data:`CHANGED_DOC_IDS` the sorted ids
    of the documents it loaded, replaced or removed (or whose source count it updated).
    ``exclude_doc_ids``: documents of ``documents`` and ``doc_tables`` that are not loaded (the
    quarantine's, when the tables are unfiltered spool scans)."""
    stats: dict[str, int] = {}
    for col in ("first_line", "last_line"):
        if col not in files.columns:
            files = files.with_columns(pl.lit(None, dtype=pl.Int64).alias(col))
    changed = files.filter(pl.col("changed")).select("path", "first_line", "last_line")
    missing_paths = files.filter(pl.col("status") == "missing")["path"].to_list()
    if transaction:
        con.execute("BEGIN TRANSACTION")
    try:
        # 1. manifest
        con.register("_files", files.drop("first_line", "last_line").with_columns(pl.lit(now).alias("last_scanned_at")).to_arrow())
        con.execute("DELETE FROM source_files WHERE path IN (SELECT path FROM _files)")
        con.execute(
            "INSERT INTO source_files BY NAME SELECT path, kind, size_bytes, mtime_ns, sha256, status, "
            "n_records, n_rejected, last_scanned_at FROM _files"
        )
        con.unregister("_files")

        # 2. sources of re-read and missing files
        con.register("_changed", changed.to_arrow())
        con.register("_sources", sources.to_arrow())
        affected = set(
            r[0] for r in con.execute(
                f"SELECT DISTINCT doc_id FROM document_sources t WHERE {_RE_READ}"
            ).fetchall()
        ) | set(sources["doc_id"].unique().to_list())
        previous_uri_doc = dict(con.execute(
            f"SELECT source_uri, doc_id FROM document_sources t WHERE {_RE_READ}"
        ).fetchall())
        con.execute(
            "UPDATE document_sources t SET active = false, removed_at = ? "
            f"WHERE {_RE_READ} AND active "
            "AND source_uri NOT IN (SELECT source_uri FROM _sources)", [now]
        )
        stats["sources_deactivated"] = con.execute("SELECT count(*) FROM document_sources WHERE removed_at = ?", [now]).fetchone()[0]
        first_seen = dict(con.execute(
            "SELECT source_uri, first_seen_at FROM document_sources WHERE source_uri IN (SELECT source_uri FROM _sources)"
        ).fetchall())
        con.execute("DELETE FROM document_sources WHERE source_uri IN (SELECT source_uri FROM _sources)")
        fs = pl.Series("first_seen_at", [first_seen.get(u, now) for u in sources["source_uri"].to_list()],
                       dtype=pl.Datetime("us"))
        stats["sources_upserted"] = insert_frame(con, "document_sources", sources.with_columns(
            fs, pl.lit(now).alias("last_seen_at"), pl.lit(True).alias("active"),
            pl.lit(None, dtype=pl.Datetime("us")).alias("removed_at"),
        ))
        con.unregister("_sources")

        # 3. processed documents: delete-then-insert the document and its document-scoped rows
        lazy = isinstance(documents, pl.LazyFrame)  # spooled: only the ids are read into memory
        doc_ids = (documents.select("doc_id").collect() if lazy else documents)["doc_id"].to_list()
        if exclude_doc_ids:
            gone = set(exclude_doc_ids)
            doc_ids = [d for d in doc_ids if d not in gone]
        con.register("_docs", pl.DataFrame({"doc_id": doc_ids}, schema={"doc_id": pl.String}).to_arrow())
        ingested = dict(con.execute(
            "SELECT doc_id, ingested_at FROM documents WHERE doc_id IN (SELECT doc_id FROM _docs)"
        ).fetchall())
        if ingested:
            # only documents already in the warehouse have rows to replace (every document-scoped row
            # references its document: the contracts' relationships); a batch of new documents deletes
            # nothing and scans no table for it
            con.register("_stored", pl.DataFrame({"doc_id": list(ingested)}, schema={"doc_id": pl.String}).to_arrow())
            for table in _doc_tables(con):
                con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _stored)")
            con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM _stored)")
            con.unregister("_stored")
        first = (pl.col("doc_id").replace_strict(list(ingested), list(ingested.values()), default=pl.lit(now),
                                                 return_dtype=pl.Datetime("us")) if lazy else
                 pl.Series([ingested.get(d, now) for d in doc_ids], dtype=pl.Datetime("us")))
        docs = documents.with_columns(
            first.alias("ingested_at"),
            pl.lit(now).alias("updated_at"), pl.lit("active").alias("status"),
            pl.lit(None, dtype=pl.Datetime("us")).alias("removed_at"),
        )
        stats["documents_loaded"] = insert_frame(con, "documents", docs, exclude_doc_ids)
        for table, frame in doc_tables.items():
            stats[f"{table}_loaded"] = insert_frame(con, table, frame, exclude_doc_ids)
        con.unregister("_docs")

        # 4. documents whose sources changed: refresh n_sources, status, or delete replaced ones
        con.register("_affected", pl.DataFrame({"doc_id": sorted(affected)}, schema={"doc_id": pl.String}).to_arrow())
        counts = dict(con.execute(
            "SELECT a.doc_id, count(s.source_uri) FILTER (WHERE s.active) FROM _affected a "
            "LEFT JOIN document_sources s USING (doc_id) GROUP BY a.doc_id"
        ).fetchall())
        new_uri_doc = dict(zip(sources["source_uri"].to_list(), sources["doc_id"].to_list()))
        replaced = sorted({old for uri, old in previous_uri_doc.items()
                           if uri in new_uri_doc and new_uri_doc[uri] != old and counts.get(old, 0) == 0})
        removed = sorted(d for d, n in counts.items() if n == 0 and d not in replaced)
        alive = {d: n for d, n in counts.items() if n > 0}
        if replaced:
            con.register("_replaced", pl.DataFrame({"doc_id": replaced}).to_arrow())
            for table in _doc_tables(con):
                con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _replaced)")
            con.execute("DELETE FROM document_sources WHERE doc_id IN (SELECT doc_id FROM _replaced) AND NOT active")
            con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM _replaced)")
            con.unregister("_replaced")
        if removed:
            con.register("_removed", pl.DataFrame({"doc_id": removed}).to_arrow())
            con.execute("UPDATE documents SET status = 'removed', n_sources = 0, removed_at = ?, updated_at = ? "
                        "WHERE doc_id IN (SELECT doc_id FROM _removed) AND status <> 'removed'", [now, now])
            con.unregister("_removed")
        if alive:
            con.register("_alive", pl.DataFrame({"doc_id": list(alive), "n": list(alive.values())}).to_arrow())
            con.execute("UPDATE documents SET n_sources = _alive.n, status = 'active', removed_at = NULL "
                        "FROM _alive WHERE documents.doc_id = _alive.doc_id "
                        "AND (documents.n_sources <> _alive.n OR documents.status <> 'active')")
            con.unregister("_alive")
        stats["documents_replaced"] = len(replaced)
        stats["documents_removed"] = len(removed)
        touched = set(doc_ids) | set(replaced) | set(removed) | set(alive)
        con.unregister("_affected")

        # 5. missing files: their sources become inactive, their documents removed if orphaned
        if missing_paths:
            con.register("_missing", pl.DataFrame({"path": missing_paths}).to_arrow())
            orphan_candidates = [r[0] for r in con.execute(
                "SELECT DISTINCT doc_id FROM document_sources WHERE source_path IN (SELECT path FROM _missing) AND active"
            ).fetchall()]
            con.execute("UPDATE document_sources SET active = false, removed_at = ? "
                        "WHERE source_path IN (SELECT path FROM _missing) AND active", [now])
            con.execute("DELETE FROM rejected_documents WHERE source_path IN (SELECT path FROM _missing)")
            con.unregister("_missing")
            touched |= set(orphan_candidates)
            if orphan_candidates:
                con.register("_orph", pl.DataFrame({"doc_id": orphan_candidates}).to_arrow())
                stats["documents_removed"] += con.execute(
                    "SELECT count(*) FROM documents d WHERE doc_id IN (SELECT doc_id FROM _orph) AND NOT EXISTS "
                    "(SELECT 1 FROM document_sources s WHERE s.doc_id = d.doc_id AND s.active)"
                ).fetchone()[0]
                con.execute(
                    "UPDATE documents SET status = 'removed', n_sources = 0, removed_at = ?, updated_at = ? "
                    "WHERE doc_id IN (SELECT doc_id FROM _orph) AND NOT EXISTS "
                    "(SELECT 1 FROM document_sources s WHERE s.doc_id = documents.doc_id AND s.active)", [now, now]
                )
                con.execute("UPDATE documents SET n_sources = (SELECT count(*) FROM document_sources s "
                            "WHERE s.doc_id = documents.doc_id AND s.active) WHERE doc_id IN (SELECT doc_id FROM _orph) "
                            "AND status = 'active'")
                con.unregister("_orph")

        # 6. quarantine of re-read files
        first_rej = dict(con.execute(
            f"SELECT source_uri, first_seen_at FROM rejected_documents t WHERE {_RE_READ}"
        ).fetchall())
        con.execute(f"DELETE FROM rejected_documents t WHERE {_RE_READ}")
        if rejected.height:
            rej = rejected.unique(subset=["source_uri"], keep="first", maintain_order=True)
            uris = rej["source_uri"].to_list()
            stats["rejected_loaded"] = insert_frame(con, "rejected_documents", rej.with_columns(
                pl.Series("reject_id", [_reject_id(u) for u in uris]),
                pl.Series("first_seen_at", [first_rej.get(u, now) for u in uris], dtype=pl.Datetime("us")),
                pl.lit(now).alias("last_seen_at"),
            ))
        con.unregister("_changed")
        if transaction:
            con.execute("COMMIT")
        # the documents whose rows or status this batch may have changed (for derived tables, search,
        # contracts); the caller pops it before recording the stats
        stats[CHANGED_DOC_IDS] = sorted(touched)
    except Exception:
        if transaction:
            con.execute("ROLLBACK")
        raise
    return stats


def _doc_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    present = {r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()").fetchall()}
    return [t for t in DOC_SCOPED_TABLES if t in present]
