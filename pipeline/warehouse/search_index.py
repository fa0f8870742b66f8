"""Full-text search postings, maintained per batch in plain warehouse tables (migration 009).

``search_postings(doc_id, term, tf)`` holds, for every active document, each stem of its text and
how often it occurs; ``search_documents(doc_id, n_terms)`` its length in tokens. Tokens are runs of
letters/digits of ``lower(title || ' ' || clean_text)`` (the tokenization the fts extension's index
used, ``ignore = '(\\.|[^\\p{L}\\p{N}])+'``), stemmed with the fts extension's Snowball-Arabic
``stem(word, 'arabic')``. A refresh deletes and re-inserts the rows of the documents it changed
(loaded, replaced or removed) and nothing else; BM25 statistics (number of documents, average
length, document frequencies) are aggregates computed at query time
(``pipeline/warehouse/search.py``). No index, key or extension-internal table is needed.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import polars as pl

from pipeline.warehouse.connect import load_fts
from pipeline.warehouse.tables import table_exists

__all__ = ["POSTINGS_TABLE", "LENGTHS_TABLE", "TOKEN_SPLIT", "update_search", "rebuild_search", "search_index_ready"]

POSTINGS_TABLE = "search_postings"
LENGTHS_TABLE = "search_documents"
#: Separator of tokens (RE2 syntax, as in DuckDB); the complement of ``search._TOKEN_RE``.
TOKEN_SPLIT = r"[^\p{L}\p{N}]+"


def search_index_ready(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the postings tables exist and cover the active documents (a cheap count check)."""
    if not (table_exists(con, POSTINGS_TABLE) and table_exists(con, LENGTHS_TABLE)):
        return False
    indexed, active = con.execute(
        f"SELECT (SELECT count(*) FROM {LENGTHS_TABLE}), "
        "(SELECT count(*) FROM documents WHERE status = 'active')").fetchone()
    return indexed == active


def _index(con: duckdb.DuckDBPyConnection) -> None:
    """Insert the postings and lengths of the active documents of the registered ``_search_scope``.

    Two statements and no temporary table: a refresh runs in one transaction, and DuckDB keeps a
    table created and dropped inside a transaction until it ends, so a token table per pass of a
    rebuild added up (the whole corpus: +221 MB held until the commit). Each word is stemmed once
    (the distinct words of the scope); a document's length is the sum of its postings' counts."""
    where = "AND doc_id IN (SELECT doc_id FROM _search_scope)"
    con.execute("SET enable_progress_bar = false")
    con.execute(f"""
        INSERT INTO {POSTINGS_TABLE} (doc_id, term, tf)
        WITH t AS MATERIALIZED (
            SELECT doc_id, w FROM (
                SELECT doc_id, unnest(regexp_split_to_array(lower(coalesce(title, '') || ' ' || clean_text),
                                                            '{TOKEN_SPLIT}')) AS w
                FROM documents WHERE status = 'active' {where})
            WHERE w <> ''),
        s AS (SELECT w, stem(w, 'arabic') AS term FROM (SELECT DISTINCT w FROM t))
        SELECT t.doc_id, s.term, count(*) FROM t JOIN s USING (w)
        GROUP BY t.doc_id, s.term
        ORDER BY s.term, t.doc_id""")  # clustered by term: a query's term filter skips most row groups
    con.execute(f"""
        INSERT INTO {LENGTHS_TABLE} (doc_id, n_terms)
        SELECT d.doc_id, coalesce(sum(p.tf), 0) FROM documents d
        LEFT JOIN (SELECT doc_id, tf FROM {POSTINGS_TABLE} WHERE true {where}) p USING (doc_id)
        WHERE d.status = 'active' {where.replace('AND doc_id', 'AND d.doc_id')}
        GROUP BY d.doc_id""")


#: Documents indexed per pass of a rebuild: a pass's tokens are held while its postings are counted, so
#: memory stays flat in the warehouse size (whole corpus in one pass: +480 MB; in passes of 2,000: +≈60 MB).
REBUILD_DOCS = 2000


def rebuild_search(con: duckdb.DuckDBPyConnection, per_pass: int | None = None) -> int:
    """Index every active document from scratch, ``per_pass`` documents at a time (default
    :data:`REBUILD_DOCS`). Returns the number of documents indexed."""
    load_fts(con)  # for stem()
    con.execute(f"DELETE FROM {POSTINGS_TABLE}")
    con.execute(f"DELETE FROM {LENGTHS_TABLE}")
    ids = [r[0] for r in con.execute("SELECT doc_id FROM documents WHERE status = 'active' ORDER BY doc_id").fetchall()]
    size = max(1, per_pass or REBUILD_DOCS)
    for offset in range(0, len(ids), size):
        con.register("_search_scope", pl.DataFrame({"doc_id": ids[offset:offset + size]},
                                                   schema={"doc_id": pl.Utf8}).to_arrow())
        try:
            _index(con)
        finally:
            con.unregister("_search_scope")
    return con.execute(f"SELECT count(*) FROM {LENGTHS_TABLE}").fetchone()[0]


def update_search(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str] | None = None) -> int:
    """Re-index the documents ``doc_ids`` (loaded, replaced or removed by the batch): their rows are
    deleted, and active ones indexed again. ``None`` (or postings that do not cover the warehouse,
    e.g. just migrated) rebuilds everything. Returns the number of documents (re)indexed."""
    if doc_ids is None or not search_index_ready_before(con, doc_ids):
        return rebuild_search(con)
    ids = sorted(set(doc_ids))
    if not ids:
        return 0
    load_fts(con)
    indexed = 0
    # a large batch is indexed in passes, as a rebuild is (memory flat in the batch size)
    for offset in range(0, len(ids), REBUILD_DOCS):
        con.register("_search_scope", pl.DataFrame({"doc_id": ids[offset:offset + REBUILD_DOCS]},
                                                   schema={"doc_id": pl.Utf8}).to_arrow())
        try:
            con.execute(f"DELETE FROM {POSTINGS_TABLE} WHERE doc_id IN (SELECT doc_id FROM _search_scope)")
            con.execute(f"DELETE FROM {LENGTHS_TABLE} WHERE doc_id IN (SELECT doc_id FROM _search_scope)")
            _index(con)
            indexed += con.execute(
                f"SELECT count(*) FROM {LENGTHS_TABLE} WHERE doc_id IN (SELECT doc_id FROM _search_scope)").fetchone()[0]
        finally:
            con.unregister("_search_scope")
    return indexed


def search_index_ready_before(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str]) -> bool:
    """Whether the postings covered the warehouse before this batch: every active document outside
    the batch is indexed (else the index is rebuilt, e.g. on a warehouse migrated from before 009)."""
    if not (table_exists(con, POSTINGS_TABLE) and table_exists(con, LENGTHS_TABLE)):
        return False
    ids = sorted(set(doc_ids))
    con.register("_search_known", pl.DataFrame({"doc_id": ids}, schema={"doc_id": pl.Utf8}).to_arrow())
    try:
        missing = con.execute(
            f"SELECT count(*) FROM documents d WHERE d.status = 'active' "
            "AND d.doc_id NOT IN (SELECT doc_id FROM _search_known) "
            f"AND NOT EXISTS (SELECT 1 FROM {LENGTHS_TABLE} s WHERE s.doc_id = d.doc_id)").fetchone()[0]
    finally:
        con.unregister("_search_known")
    return missing == 0
