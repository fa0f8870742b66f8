"""What the report shows, read from the warehouse's analyst views as small polars frames."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import duckdb
import polars as pl

__all__ = ["ReportData", "load_report_data"]

#: How many entities get a line in "mentions over time", speakers a bar, places a label.
TOP_ENTITIES = 6
TOP_SPEAKERS = 10
TOP_QUOTES = 12
#: Charts over time cover this many weeks up to the newest publication (older dates are counted, not drawn).
WINDOW_WEEKS = 52


@dataclass
class ReportData:
    """Everything the page needs; every frame comes from one SQL query over the views (or over the
    in-memory extracts of ``v_mentions`` and ``v_event_timeline`` that :func:`load_report_data` reads once)."""

    kpis: dict
    entity_weeks: pl.DataFrame        # entity_id, label, week, n_mentions
    event_weeks: pl.DataFrame         # week, event_type, n_events
    places: pl.DataFrame              # entity_id, name_en, name_ar, lat, lon, n_mentions, n_events
    landmarks: pl.DataFrame           # name_en, lat, lon: every country of the knowledge base, for orientation
    speakers: pl.DataFrame            # speaker, speaker_en, n_quotes, n_documents
    quotes: pl.DataFrame              # speaker, quote_text, published_date, title, doc_id
    checks: pl.DataFrame              # asset, check_name, passed, severity, blocking, metric
    rejections: pl.DataFrame          # reason, n
    last_run: dict = field(default_factory=dict)
    window: tuple = (None, None)      # (first week, last week) drawn by the charts over time
    outside_window: dict = field(default_factory=dict)  # mentions / events dated outside it


def _frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    return con.execute(sql, params or []).pl()


#: The two large views the report aggregates several times, read once per report (only the columns
#: it uses) and registered in memory: each further pass then costs a scan of a small Arrow table,
#: not a scan of the lake's Parquet files plus the views' joins (the report stays cheap on a large
#: warehouse; docs/benchmarks.md).
_MENTIONS = "_report_mentions"
_EVENTS = "_report_events"


def load_report_data(con: duckdb.DuckDBPyConnection) -> ReportData:
    """Read the report's figures from an open (read-only) warehouse connection."""
    con.register(_MENTIONS, con.execute(
        "SELECT entity_id, entity_type, doc_id, published_at FROM v_mentions").to_arrow_table())
    con.register(_EVENTS, con.execute(
        "SELECT event_type, date_start, first_reported_at, location_entity_id FROM v_event_timeline").to_arrow_table())
    try:
        return _load(con)
    finally:
        con.unregister(_MENTIONS)
        con.unregister(_EVENTS)


def _load(con: duckdb.DuckDBPyConnection) -> ReportData:
    # v_documents' rows are the active documents (its per-document counts are not needed here)
    docs = "(SELECT published_at FROM documents WHERE status = 'active')"
    kpis = _frame(con, f"""
        SELECT (SELECT count(*) FROM {docs}) AS documents,
               (SELECT min(CAST(published_at AS DATE)) FROM {docs}) AS first_published,
               (SELECT max(CAST(published_at AS DATE)) FROM {docs}) AS last_published,
               (SELECT count(*) FROM {_MENTIONS}) AS mentions,
               (SELECT count(DISTINCT entity_id) FROM {_MENTIONS}) AS entities,
               (SELECT count(*) FROM {_EVENTS}) AS events,
               (SELECT count(*) FROM v_quotes_by_speaker) AS quotes,
               (SELECT count(*) FROM v_figures) AS figures
    """).row(0, named=True)
    last_week, first_published = con.execute(
        f"SELECT CAST(date_trunc('week', max(published_at)) AS DATE), min(published_at) FROM {docs}").fetchone()
    first_week = con.execute(
        f"SELECT greatest(CAST(date_trunc('week', CAST(? AS TIMESTAMP)) AS DATE), "
        f"CAST(? AS DATE) - INTERVAL {WINDOW_WEEKS - 1} WEEK)::DATE", [first_published, last_week]).fetchone()[0]
    in_window = "BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)"
    window = [first_week, last_week]
    # the top entities as v_entity_summary ranks them (documents, then mentions, then id)
    entity_weeks = _frame(con, f"""
        WITH top AS (
            SELECT entity_id, count(DISTINCT doc_id) AS n_documents, count(*) AS n_mentions
            FROM {_MENTIONS} WHERE entity_id IS NOT NULL
            GROUP BY entity_id ORDER BY n_documents DESC, n_mentions DESC, entity_id LIMIT {TOP_ENTITIES}),
        labelled AS (
            SELECT top.entity_id, coalesce(e.name_en, e.name_ar) AS label, top.n_documents
            FROM top JOIN entities e USING (entity_id))
        SELECT m.entity_id, any_value(labelled.label) AS label, CAST(date_trunc('week', m.published_at) AS DATE) AS week,
               count(*) AS n_mentions
        FROM {_MENTIONS} m JOIN labelled USING (entity_id)
        WHERE m.published_at IS NOT NULL AND CAST(date_trunc('week', m.published_at) AS DATE) {in_window}
        GROUP BY m.entity_id, week
        ORDER BY any_value(labelled.n_documents) DESC, m.entity_id, week
    """, window)
    event_week = "CAST(date_trunc('week', coalesce(date_start, CAST(first_reported_at AS DATE))) AS DATE)"
    event_weeks = _frame(con, f"""
        SELECT {event_week} AS week, event_type, count(*) AS n_events
        FROM {_EVENTS}
        WHERE {event_week} {in_window}
        GROUP BY ALL ORDER BY week, event_type
    """, window)
    outside = con.execute(f"""
        SELECT (SELECT count(*) FROM {_MENTIONS} WHERE published_at IS NOT NULL
                  AND NOT CAST(date_trunc('week', published_at) AS DATE) {in_window}),
               (SELECT count(*) FROM {_EVENTS} WHERE {event_week} IS NULL OR NOT {event_week} {in_window})
    """, window + window).fetchone()
    places = _frame(con, f"""
        WITH mentions AS (
            SELECT entity_id, count(*) AS n_mentions FROM {_MENTIONS} WHERE entity_type = 'LOC' GROUP BY entity_id),
        events AS (
            SELECT location_entity_id AS entity_id, count(*) AS n_events FROM {_EVENTS}
            WHERE location_entity_id IS NOT NULL GROUP BY 1)
        SELECT e.entity_id, e.name_en, e.name_ar, e.subtype, e.lat, e.lon,
               coalesce(m.n_mentions, 0) AS n_mentions, coalesce(ev.n_events, 0) AS n_events
        FROM entities e
        LEFT JOIN mentions m USING (entity_id)
        LEFT JOIN events ev USING (entity_id)
        WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL AND (m.n_mentions > 0 OR ev.n_events > 0)
        ORDER BY n_mentions + n_events DESC, e.entity_id
    """)
    landmarks = _frame(con, """
        SELECT name_en, lat, lon FROM entities
        WHERE subtype = 'country' AND lat IS NOT NULL AND lon IS NOT NULL ORDER BY entity_id
    """)
    speakers = _frame(con, f"""
        SELECT speaker, any_value(speaker_en) AS speaker_en, count(*) AS n_quotes, count(DISTINCT doc_id) AS n_documents
        FROM v_quotes_by_speaker
        WHERE speaker_entity_id IS NOT NULL OR speaker_kind = 'named'
        GROUP BY speaker ORDER BY n_quotes DESC, speaker LIMIT {TOP_SPEAKERS}
    """)
    quotes = _frame(con, f"""
        SELECT speaker, speaker_en, quote_text, published_date, title, doc_id
        FROM v_quotes_by_speaker
        WHERE speaker_entity_id IS NOT NULL
        ORDER BY published_at DESC NULLS LAST, quote_id LIMIT {TOP_QUOTES}
    """)
    last = con.execute("""
        SELECT run_id, started_at, published_at, status, stats FROM refresh_runs
        ORDER BY coalesce(published_at, started_at) DESC LIMIT 1
    """).fetchone()
    last_run = {}
    checks = pl.DataFrame(schema={"asset": pl.String, "check_name": pl.String, "passed": pl.Boolean,
                                  "severity": pl.String, "blocking": pl.Boolean, "metric": pl.Float64})
    if last:
        last_run = {"run_id": last[0], "started_at": last[1], "published_at": last[2], "status": last[3],
                    "stats": json.loads(last[4]) if last[4] else {}}
        checks = _frame(con, """
            SELECT asset, check_name, passed, severity, blocking, metric FROM dq_results
            WHERE run_id = ? ORDER BY passed, asset, check_name
        """, [last[0]])
    rejections = _frame(con, "SELECT reason, count(*) AS n FROM rejected_documents GROUP BY reason ORDER BY n DESC, reason")
    return ReportData(kpis=kpis, entity_weeks=entity_weeks, event_weeks=event_weeks, places=places, landmarks=landmarks,
                      speakers=speakers, quotes=quotes, checks=checks, rejections=rejections, last_run=last_run,
                      window=(first_week, last_week),
                      outside_window={"mentions": outside[0] or 0, "events": outside[1] or 0})
