"""Warehouse-wide derived tables and the unlinking of dangling entity references."""

import duckdb

from pipeline.warehouse.derived import refresh_derived, unlink_stale_entities
from pipeline.warehouse.migrate import apply_migrations


def _wh():
    con = duckdb.connect(":memory:")
    apply_migrations(con)
    for doc_id, status in (("a", "active"), ("r", "removed")):
        con.execute(
            "INSERT INTO documents (doc_id, source_uri, source_format, language, encoding, content_sha256, raw_text, "
            "clean_text, n_sources, n_paragraphs, n_sentences, status, pipeline_version, ingested_at, updated_at) "
            "VALUES (?, 'u', 'txt', 'ar', 'utf-8', 'x', 'بغداد', 'بغداد', 1, 1, 1, ?, '1', now(), now())", [doc_id, status])
    con.execute("INSERT INTO entities VALUES ('loc:iq-baghdad', 'LOC', 'city', 'بغداد', 'Baghdad', 'IQ', 33.3, 44.4, NULL)")
    for doc_id in ("a", "r"):
        for i, eid in enumerate(("loc:iq-baghdad", "loc:gone", None)):
            con.execute("INSERT INTO entity_mentions VALUES (?, ?, NULL, ?, 'LOC', NULL, 'بغداد', 'بغداد', 0, 5, 0, 5, "
                        "'dictionary', 1.0)", [f"{doc_id}:m{i}", doc_id, eid])
    return con


def test_only_removed_documents_lose_dangling_links():
    con = _wh()
    assert unlink_stale_entities(con) == 1
    rows = dict(con.execute("SELECT mention_id, entity_id FROM entity_mentions").fetchall())
    assert rows["r:m1"] is None and rows["r:m0"] == "loc:iq-baghdad"
    assert rows["a:m1"] == "loc:gone"  # active documents are reprocessed instead; never silently edited


def test_candidates_aggregate_unlinked_mentions_of_active_documents():
    con = _wh()
    out = refresh_derived(con)
    assert out["entity_candidates"] == 1
    assert con.execute("SELECT normalized_name, doc_count, mention_count FROM entity_candidates").fetchall() == [
        ("بغداد", 1, 1)]
