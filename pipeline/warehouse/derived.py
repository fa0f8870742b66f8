"""Warehouse-wide tables derived after every load: entity candidates and event clusters.

They aggregate across documents, so they are computed from the loaded tables (not from the
batch) — a new report of an old incident joins the old incident's event. Given the ids of the
documents a batch changed (loaded, replaced or removed), only what those documents touch is
recomputed:

- events: the blocks (``pipeline/extract/event_clusters.py``) that held the documents' old
  mentions or that their new mentions reach are re-clustered; ``event_blocks`` remembers which
  block and event every clustered mention belonged to. Blocks are closed under every merging
  rule, so the result is the one a one-shot clustering of the same mentions gives;
- entity candidates: the (name, type) keys the documents contributed before (remembered in
  ``entity_candidate_keys``) or contribute now are re-aggregated.

Without document ids (first build, knowledge-base change, a warehouse migrated from before
009) everything is recomputed.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import polars as pl

from pipeline.extract.event_clusters import BLOCK_MARGIN_DAYS, CLUSTER_COLUMNS, EVENT_COLUMNS, cluster_event_mentions
from pipeline.runs.memory import release_freed_memory
from pipeline.warehouse.load import insert_frame
from pipeline.warehouse.tables import table_exists

__all__ = ["ENTITY_REFERENCES", "unlink_stale_entities", "refresh_entity_candidates", "refresh_events",
           "refresh_derived"]

DocIds = Iterable[str] | None

#: Columns that point to ``entities.entity_id``.
ENTITY_REFERENCES = {
    "entity_mentions": ["entity_id"],
    "entity_roles": ["entity_id", "affiliation_entity_id"],
    "quantities": ["location_entity_id", "actor_entity_id"],
    "event_mentions": ["location_entity_id", "actor_entity_id", "target_entity_id"],
    "quotes": ["speaker_entity_id"],
    "citations": ["source_entity_id"],
}


def unlink_stale_entities(con: duckdb.DuckDBPyConnection) -> int:
    """Unlink rows of *removed* documents from entities the knowledge base no longer has.

    Active documents are reprocessed whenever the knowledge base changes (their processing
    version includes its fingerprint); removed documents are not, so their links could dangle.
    The surface text stays; only the link is cleared. Returns the number of cleared links.
    """
    cleared = 0
    if not con.execute("SELECT count(*) FROM documents WHERE status = 'removed'").fetchone()[0]:
        return 0  # no removed document: nothing can dangle (one statement instead of ten updates)
    for table, columns in ENTITY_REFERENCES.items():
        if not table_exists(con, table):
            continue
        for col in columns:
            cleared += con.execute(
                f"UPDATE {table} SET {col} = NULL WHERE {col} IS NOT NULL "
                f"AND {col} NOT IN (SELECT entity_id FROM entities) "
                f"AND doc_id IN (SELECT doc_id FROM documents WHERE status = 'removed')").fetchone()[0]
    return cleared


def _scope(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str]) -> int:
    """Register the batch's document ids as ``_derived_scope(doc_id)``; returns how many."""
    ids = sorted(set(doc_ids))
    con.register("_derived_scope", pl.DataFrame({"doc_id": ids}, schema={"doc_id": pl.Utf8}).to_arrow())
    return len(ids)


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def _first_distinct(col: str, n: int) -> str:
    """The ``n`` smallest distinct values of ``col`` in ascending order, a NULL last when the group has
    one and fewer than ``n`` other values: ``list(DISTINCT col ORDER BY col)[1:n]``, but with a state of
    at most ``n`` values per group (the list kept every distinct sentence text of every unlinked name:
    +145 MB on five times the corpus)."""
    return (f"list_concat(coalesce(min(DISTINCT {col}, {n}), []::VARCHAR[]), "
            f"CASE WHEN bool_or({col} IS NULL) THEN [NULL::VARCHAR] ELSE []::VARCHAR[] END)[1:{n}]")


_CANDIDATES_SQL = f"""
    SELECT m.normalized, m.entity_type,
           count(DISTINCT m.doc_id), count(*),
           {_first_distinct("m.surface", 5)},
           {_first_distinct("s.text", 3)},
           min(d.published_at), max(d.published_at)
    FROM entity_mentions m
    JOIN documents d USING (doc_id)
    LEFT JOIN sentences s ON s.sentence_id = m.sentence_id
    WHERE m.entity_id IS NULL AND d.status = 'active' {{extra}}
    GROUP BY m.normalized, m.entity_type
"""
_CANDIDATE_KEYS_SQL = """
    SELECT DISTINCT m.doc_id, m.normalized, m.entity_type
    FROM entity_mentions m JOIN documents d USING (doc_id)
    WHERE m.entity_id IS NULL AND d.status = 'active' {extra}
"""


#: Documents whose names one candidates statement aggregates: above this, the statement runs in passes
#: over hash ranges of the names (a name's group is never split, so the rows are the same), because its
#: DISTINCT aggregates and joins hold every (name, sentence text) pair they read.
CANDIDATE_PASS_DOCS = 20_000


def _insert_candidates(con: duckdb.DuckDBPyConnection, extra: str, n_docs: int) -> None:
    """Insert the candidates of ``_CANDIDATES_SQL`` (``extra``: its further condition) in one pass per
    :data:`CANDIDATE_PASS_DOCS` of the ``n_docs`` documents concerned (a small refresh: one pass)."""
    passes = max(1, -(-n_docs // CANDIDATE_PASS_DOCS))
    for p in range(passes):
        part = f" AND hash(m.normalized) % {passes} = {p}" if passes > 1 else ""
        con.execute("INSERT INTO entity_candidates " + _CANDIDATES_SQL.format(extra=extra + part))
        if passes > 1:
            release_freed_memory(collect=False)


def refresh_entity_candidates(con: duckdb.DuckDBPyConnection, doc_ids: DocIds = None) -> int:
    """Names found outside the knowledge base, aggregated over active documents, for review.

    With ``doc_ids``, only the keys those documents contributed before or contribute now are
    re-aggregated. Returns the number of candidate rows written."""
    if not table_exists(con, "entity_candidates"):
        return 0
    keyed = table_exists(con, "entity_candidate_keys")
    if doc_ids is None or (keyed and not _count(con, "SELECT count(*) FROM entity_candidate_keys")
                           and _count(con, "SELECT count(*) FROM entity_candidates")):
        con.execute("DELETE FROM entity_candidates")
        _insert_candidates(con, "", _count(con, "SELECT count(*) FROM documents WHERE status = 'active'"))
        if keyed:
            con.execute("DELETE FROM entity_candidate_keys")
            con.execute("INSERT INTO entity_candidate_keys " + _CANDIDATE_KEYS_SQL.format(extra=""))
        return _count(con, "SELECT count(*) FROM entity_candidates")
    n_docs = _scope(con, doc_ids)
    if not n_docs:
        return 0
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _touched_keys AS "
                    "SELECT DISTINCT normalized_name, type_guess FROM entity_candidate_keys "
                    "WHERE doc_id IN (SELECT doc_id FROM _derived_scope) UNION "
                    "SELECT DISTINCT m.normalized, m.entity_type FROM entity_mentions m "
                    "WHERE m.entity_id IS NULL AND m.doc_id IN (SELECT doc_id FROM _derived_scope)")
        con.execute("DELETE FROM entity_candidates WHERE (normalized_name, type_guess) IN "
                    "(SELECT (normalized_name, type_guess) FROM _touched_keys)")
        _insert_candidates(con, "AND (m.normalized, m.entity_type) IN (SELECT (normalized_name, type_guess) "
                                "FROM _touched_keys)", n_docs)
        con.execute("DELETE FROM entity_candidate_keys WHERE doc_id IN (SELECT doc_id FROM _derived_scope)")
        con.execute("INSERT INTO entity_candidate_keys " + _CANDIDATE_KEYS_SQL.format(
            extra="AND m.doc_id IN (SELECT doc_id FROM _derived_scope)"))
        n = _count(con, "SELECT count(*) FROM entity_candidates WHERE (normalized_name, type_guess) IN "
                        "(SELECT (normalized_name, type_guess) FROM _touched_keys)")
        con.execute("DROP TABLE _touched_keys")
    finally:
        con.unregister("_derived_scope")
    return n


#: event mentions whose ``event_id`` one UPDATE statement sets (a slice of the clustering's assignment)
UPDATE_SLICE_ROWS = 25_000

#: the active mentions' columns that clustering reads (CLUSTER_COLUMNS)
_ACTIVE_MENTIONS = ("SELECT " + ", ".join(f"e.{c}" for c in CLUSTER_COLUMNS) +
                    " FROM event_mentions e JOIN documents d USING (doc_id) WHERE d.status = 'active'")


def _pulled_blocks(con: duckdb.DuckDBPyConnection) -> None:
    """``_pulled_blocks(block_id)``: the blocks that held the scope's old mentions, and the blocks of
    every clustered mention that a new mention of the scope could interact with (same type, a
    shared location or actor, dates within the block margin)."""
    new = ("SELECT event_type, date_start, coalesce(date_end, date_start) AS date_end, location_entity_id, "
           "actor_entity_id FROM event_mentions e JOIN documents d USING (doc_id) "
           "WHERE d.status = 'active' AND e.date_start IS NOT NULL AND e.doc_id IN (SELECT doc_id FROM _derived_scope)")
    old = ("SELECT b.block_id, e.event_type, e.date_start, coalesce(e.date_end, e.date_start) AS date_end, "
           "e.location_entity_id, e.actor_entity_id FROM event_blocks b "
           "JOIN event_mentions e ON e.event_mention_id = b.event_mention_id WHERE e.date_start IS NOT NULL")
    near = (f"o.event_type = n.event_type AND o.date_start <= n.date_end + {BLOCK_MARGIN_DAYS} "
            f"AND n.date_start <= o.date_end + {BLOCK_MARGIN_DAYS}")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _pulled_blocks AS
        WITH n AS ({new}), o AS ({old})
        SELECT block_id FROM event_blocks WHERE doc_id IN (SELECT doc_id FROM _derived_scope)
        UNION SELECT o.block_id FROM n JOIN o ON o.location_entity_id = n.location_entity_id AND {near}
        UNION SELECT o.block_id FROM n JOIN o ON o.actor_entity_id = n.actor_entity_id AND {near}""")


def refresh_events(con: duckdb.DuckDBPyConnection, doc_ids: DocIds = None) -> int:
    """Cluster active event mentions into events; set ``event_mentions.event_id``.

    Without ``doc_ids`` every mention is clustered again; with them only the blocks they touch
    (same result). Returns the number of events written."""
    if not table_exists(con, "event_mentions"):
        return 0
    blocks = table_exists(con, "event_blocks")
    full = doc_ids is None or not blocks or (
        not _count(con, "SELECT count(*) FROM event_blocks") and _count(con, "SELECT count(*) FROM events"))
    if full:
        # read one type's mentions at a time below (every active mention's frame held through the writes:
        # +131 MB at 8x the corpus); here only which types there are
        mentions = None
        types = [r[0] for r in con.execute(
            "SELECT DISTINCT e.event_type FROM event_mentions e JOIN documents d USING (doc_id) "
            "WHERE d.status = 'active' ORDER BY 1 NULLS LAST").fetchall()]
        con.execute("DELETE FROM events")
        # every active mention gets its event id below (the assignment covers each one): only the others
        # lose theirs here. Nulling every row first made a recompute rewrite each mention twice (a DuckLake
        # UPDATE rewrites the rows it touches), and the second write (8x the corpus: +301 MB) held more
        # than the first.
        con.execute("UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL AND (doc_id IS NULL OR "
                    "doc_id NOT IN (SELECT doc_id FROM documents WHERE status = 'active'))")
        if blocks:
            con.execute("DELETE FROM event_blocks")
    else:
        if not _scope(con, doc_ids):
            return 0
        try:
            _pulled_blocks(con)
            mentions = con.execute(
                _ACTIVE_MENTIONS + " AND (e.doc_id IN (SELECT doc_id FROM _derived_scope) OR e.event_mention_id IN "
                "(SELECT event_mention_id FROM event_blocks WHERE block_id IN (SELECT block_id FROM _pulled_blocks)))"
            ).pl()
            con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM event_blocks "
                        "WHERE block_id IN (SELECT block_id FROM _pulled_blocks))")
            con.execute("UPDATE event_mentions SET event_id = NULL WHERE event_id IS NOT NULL AND "
                        "(doc_id IN (SELECT doc_id FROM _derived_scope) OR event_mention_id IN (SELECT event_mention_id "
                        "FROM event_blocks WHERE block_id IN (SELECT block_id FROM _pulled_blocks)))")
            con.execute("DELETE FROM event_blocks WHERE block_id IN (SELECT block_id FROM _pulled_blocks) "
                        "OR doc_id IN (SELECT doc_id FROM _derived_scope)")
            con.execute("DROP TABLE _pulled_blocks")
        finally:
            con.unregister("_derived_scope")
    if mentions is not None:
        if mentions.height == 0:
            return 0
        types = mentions.get_column("event_type").unique(maintain_order=True).to_list()
    # one event type at a time (no block or event spans two types): its events, event ids and blocks are
    # written before the next type is clustered, so only one type's results are held at once
    n_events = 0
    for t in types:
        if mentions is None:  # a full recompute: the type's active mentions, read now
            part = con.execute(_ACTIVE_MENTIONS + (" AND e.event_type IS NULL" if t is None else " AND e.event_type = ?"),
                               [] if t is None else [t]).pl()
        else:
            part = mentions.filter(pl.col("event_type").is_null() if t is None else pl.col("event_type") == t)
        n_events += _write_clusters(con, part, blocks)
        del part
    return n_events


def _write_clusters(con: duckdb.DuckDBPyConnection, mentions: pl.DataFrame, blocks: bool) -> int:
    """Cluster ``mentions`` (blocks closed under the merging rules, e.g. one type's) and write their
    events, ``event_mentions.event_id`` and (``blocks``) ``event_blocks``; returns the events written."""
    events, assignment, block_of = cluster_event_mentions(mentions, with_blocks=True)
    if blocks:
        block_of = block_of.join(assignment, on="event_mention_id").join(
            mentions.select("event_mention_id", "doc_id"), on="event_mention_id")
    release_freed_memory(collect=False)
    insert_frame(con, "events", events.select(list(EVENT_COLUMNS)))
    n_events = events.height
    del events
    # a DuckLake UPDATE rewrites the rows it touches: in slices, so a fresh build of a large batch does
    # not hold every event mention's new version at once
    for part in assignment.iter_slices(UPDATE_SLICE_ROWS):
        con.register("_assign", part.to_arrow())
        try:
            # a mention that already holds its event id (a recompute that finds the same event) is not rewritten
            con.execute("UPDATE event_mentions SET event_id = _assign.event_id FROM _assign "
                        "WHERE event_mentions.event_mention_id = _assign.event_mention_id "
                        "AND event_mentions.event_id IS DISTINCT FROM _assign.event_id")
        finally:
            con.unregister("_assign")
    if blocks:
        insert_frame(con, "event_blocks", block_of)
    return n_events


def refresh_derived(con: duckdb.DuckDBPyConnection, doc_ids: DocIds = None) -> dict:
    """Derived tables after a load. ``doc_ids``: the documents the batch loaded, replaced or
    removed (``None``: recompute everything, e.g. when the knowledge base changed)."""
    ids = None if doc_ids is None else sorted(set(doc_ids))
    out = {"stale_entity_links_cleared": unlink_stale_entities(con) if ids is None else 0,
           "entity_candidates": refresh_entity_candidates(con, ids)}
    release_freed_memory(collect=False)  # the aggregate's freed states, before the event mentions are read
    out["events"] = refresh_events(con, ids)
    return out
