"""Warehouse-wide tables recomputed after every load: entity candidates and event clusters.

They aggregate across documents, so they are rebuilt from the loaded tables (not from the
batch) — a new report of an old incident joins the old incident's event.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline.extract.event_clusters import EVENT_COLUMNS, cluster_event_mentions
from pipeline.warehouse.load import insert_frame

__all__ = ["ENTITY_REFERENCES", "unlink_stale_entities", "refresh_entity_candidates", "refresh_events",
           "refresh_derived"]

#: Columns that point to ``entities.entity_id``.
ENTITY_REFERENCES = {
    "entity_mentions": ["entity_id"],
    "entity_roles": ["entity_id", "affiliation_entity_id"],
    "quantities": ["location_entity_id", "actor_entity_id"],
    "event_mentions": ["location_entity_id", "actor_entity_id", "target_entity_id"],
    "quotes": ["speaker_entity_id"],
    "citations": ["source_entity_id"],
}


def _exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]).fetchone()[0])


def unlink_stale_entities(con: duckdb.DuckDBPyConnection) -> int:
    """Unlink rows of *removed* documents from entities the knowledge base no longer has.

    Active documents are reprocessed whenever the knowledge base changes (their processing
    version includes its fingerprint); removed documents are not, so their links could dangle.
    The surface text stays; only the link is cleared. Returns the number of cleared links.
    """
    cleared = 0
    for table, columns in ENTITY_REFERENCES.items():
        if not _exists(con, table):
            continue
        for col in columns:
            cleared += con.execute(
                f"UPDATE {table} SET {col} = NULL WHERE {col} IS NOT NULL "
                f"AND {col} NOT IN (SELECT entity_id FROM entities) "
                f"AND doc_id IN (SELECT doc_id FROM documents WHERE status = 'removed')").fetchone()[0]
    return cleared


def refresh_entity_candidates(con: duckdb.DuckDBPyConnection) -> int:
    """Names found outside the knowledge base, aggregated over active documents, for review."""
    if not _exists(con, "entity_candidates"):
        return 0
    con.execute("DELETE FROM entity_candidates")
    con.execute("""
        INSERT INTO entity_candidates
        SELECT m.normalized, m.entity_type,
               count(DISTINCT m.doc_id), count(*),
               list(DISTINCT m.surface ORDER BY m.surface)[1:5],
               list(DISTINCT s.text ORDER BY s.text)[1:3],
               min(d.published_at), max(d.published_at)
        FROM entity_mentions m
        JOIN documents d USING (doc_id)
        LEFT JOIN sentences s ON s.sentence_id = m.sentence_id
        WHERE m.entity_id IS NULL AND d.status = 'active'
        GROUP BY m.normalized, m.entity_type
    """)
    return con.execute("SELECT count(*) FROM entity_candidates").fetchone()[0]


def refresh_events(con: duckdb.DuckDBPyConnection) -> int:
    """Cluster every active event mention into events; set ``event_mentions.event_id``."""
    if not _exists(con, "event_mentions"):
        return 0
    mentions = con.execute(
        "SELECT e.* FROM event_mentions e JOIN documents d USING (doc_id) WHERE d.status = 'active'").pl()
    con.execute("DELETE FROM events")
    con.execute("UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL")
    if mentions.height == 0:
        return 0
    events, assignment = cluster_event_mentions(mentions)
    insert_frame(con, "events", events.select(list(EVENT_COLUMNS)))
    con.register("_assign", assignment.to_arrow())
    con.execute("UPDATE event_mentions SET event_id = _assign.event_id FROM _assign "
                "WHERE event_mentions.event_mention_id = _assign.event_mention_id")
    con.unregister("_assign")
    return events.height


def refresh_derived(con: duckdb.DuckDBPyConnection) -> dict:
    return {"stale_entity_links_cleared": unlink_stale_entities(con),
            "entity_candidates": refresh_entity_candidates(con), "events": refresh_events(con)}
