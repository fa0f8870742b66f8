"""A document's representative source is the smallest URI among all its active sources, whatever the batch."""

import duckdb
import polars as pl

from pipeline.ingest.batch import DOCUMENT_SCHEMA, SOURCE_SCHEMA
from pipeline.ingest.batches import BatchScope
from pipeline.ingest.representatives import chunk_neighbours, settle_documents, stored_state

V = "2+kb.x"


def _doc(doc_id, uri, title):
    row = {k: None for k in DOCUMENT_SCHEMA}
    row.update(doc_id=doc_id, source_uri=uri, source_path=uri.split("#")[0], title=title, raw_text="نص",
               content_sha256=doc_id * 4, n_sources=1, source_format="jsonl", encoding="utf-8")
    return row


def _source(doc_id, uri, title, line_no=None):
    row = {k: None for k in SOURCE_SCHEMA}
    row.update(doc_id=doc_id, source_uri=uri, source_path=uri.split("#")[0], title=title, line_no=line_no,
               source_format="jsonl", encoding="utf-8")
    return row


def _frames(docs, others, stored):
    return (pl.DataFrame(docs, schema=DOCUMENT_SCHEMA), pl.DataFrame(others, schema=SOURCE_SCHEMA),
            pl.DataFrame(stored, schema={"doc_id": pl.String, "pipeline_version": pl.String, "source_uri": pl.String}))


def test_a_smaller_stored_source_gives_the_metadata_and_a_held_document_is_skipped():
    docs, others, stored = _frames(
        [_doc("d1", "in/b.jsonl#2", "batch title"), _doc("d2", "in/b.jsonl#3", "two"), _doc("d3", "in/b.jsonl#4", "3")],
        [_source("d1", "in/a.jsonl#9", "stored title"), _source("d2", "in/z.jsonl#1", "later")],
        [{"doc_id": "d1", "pipeline_version": V, "source_uri": "in/a.jsonl#9"},
         {"doc_id": "d2", "pipeline_version": V, "source_uri": "in/z.jsonl#1"},
         {"doc_id": "d3", "pipeline_version": V, "source_uri": "in/b.jsonl#4"}])
    out = settle_documents(docs, others, stored, V)
    # d1: the stored source is smaller and already the representative → nothing to do
    # d2: the batch brings a smaller URI than the stored representative → reprocess with the batch's metadata
    # d3: held from the same representative with this version → nothing to do
    assert out["doc_id"].to_list() == ["d2"] and out["title"].to_list() == ["two"]


def test_new_documents_and_stale_versions_are_processed_with_the_smallest_uri():
    docs, others, stored = _frames(
        [_doc("d1", "in/b.jsonl#2", "batch"), _doc("d2", "in/b.jsonl#3", "two")],
        [_source("d1", "in/a.jsonl#9", "stored")],
        [{"doc_id": "d2", "pipeline_version": "1+old", "source_uri": "in/b.jsonl#3"}])
    out = settle_documents(docs, others, stored, V)
    assert out["doc_id"].to_list() == ["d1", "d2"]
    assert out.filter(pl.col("doc_id") == "d1")["title"].item() == "stored"
    assert out.filter(pl.col("doc_id") == "d1")["source_uri"].item() == "in/a.jsonl#9"


def _warehouse(rows):
    con = duckdb.connect()
    cols = ", ".join(f"{k} {'BIGINT' if v == pl.Int64 else 'TIMESTAMP' if isinstance(v, pl.Datetime) else 'VARCHAR'}"
                     for k, v in SOURCE_SCHEMA.items())
    con.execute(f"CREATE TABLE document_sources ({cols}, active BOOLEAN)")
    con.execute("CREATE TABLE documents (doc_id VARCHAR, pipeline_version VARCHAR, source_uri VARCHAR)")
    for r, active in rows:
        con.execute(f"INSERT INTO document_sources ({', '.join(SOURCE_SCHEMA)}, active) VALUES "
                    f"({', '.join('?' * len(SOURCE_SCHEMA))}, ?)", [r[k] for k in SOURCE_SCHEMA] + [active])
    return con


def test_stored_state_leaves_out_what_the_batch_re_reads_and_inactive_sources():
    con = _warehouse([
        (_source("d1", "in/f.jsonl#a", "same chunk", line_no=3), True),
        (_source("d1", "in/f.jsonl#b", "other chunk", line_no=12), True),
        (_source("d1", "in/g.jsonl#c", "other file", line_no=1), True),
        (_source("d1", "in/h.jsonl#d", "inactive", line_no=1), False),
    ])
    others, _ = stored_state(con, ["d1"], BatchScope("in/f.jsonl", 1, 10))
    assert sorted(others["title"].to_list()) == ["other chunk", "other file"]
    others, _ = stored_state(con, ["d1"], ["in/f.jsonl"])  # an unpartitioned refresh re-reading f
    assert others["title"].to_list() == ["other file"]
    assert chunk_neighbours(con, BatchScope("in/f.jsonl", 1, 10))["source_uri"].to_list() == ["in/f.jsonl#b"]
    assert chunk_neighbours(con, BatchScope("in/f.jsonl")).height == 0
