"""Places and events as GeoJSON (RFC 7946) FeatureCollections, for GIS tools and web maps.

Coordinates are ``[lon, lat]`` in WGS 84, as the RFC requires. Only what has coordinates is written:
places are knowledge-base locations that the active documents mention or locate an event in; events are
clustered events whose location entity has coordinates.
"""

from __future__ import annotations

import json
from datetime import date, datetime

import duckdb

__all__ = ["places_geojson", "events_geojson", "dumps"]


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def _collection(con: duckdb.DuckDBPyConnection, sql: str) -> dict:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    features = []
    for row in cur.fetchall():
        props = {k: _plain(v) for k, v in zip(names, row) if k not in ("lat", "lon")}
        rec = dict(zip(names, row))
        features.append({"type": "Feature", "id": rec.get("entity_id") or rec.get("event_id"),
                         "geometry": {"type": "Point", "coordinates": [rec["lon"], rec["lat"]]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features}


def places_geojson(con: duckdb.DuckDBPyConnection) -> dict:
    """Every mentioned place with coordinates, with mention/document/event counts."""
    return _collection(con, """
        WITH m AS (SELECT entity_id, count(*) AS n_mentions, count(DISTINCT doc_id) AS n_documents,
                          min(published_at) AS first_seen, max(published_at) AS last_seen
                   FROM v_mentions WHERE entity_type = 'LOC' GROUP BY entity_id),
             ev AS (SELECT location_entity_id AS entity_id, count(*) AS n_events FROM v_event_timeline
                    WHERE location_entity_id IS NOT NULL GROUP BY 1)
        SELECT e.entity_id, e.name_en, e.name_ar, e.subtype, e.country_code, e.lat, e.lon,
               coalesce(m.n_mentions, 0) AS n_mentions, coalesce(m.n_documents, 0) AS n_documents,
               coalesce(ev.n_events, 0) AS n_events, m.first_seen, m.last_seen
        FROM entities e LEFT JOIN m USING (entity_id) LEFT JOIN ev USING (entity_id)
        WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL AND (m.n_mentions > 0 OR ev.n_events > 0)
        ORDER BY e.entity_id
    """)


def events_geojson(con: duckdb.DuckDBPyConnection) -> dict:
    """Every clustered event whose place has coordinates."""
    return _collection(con, """
        SELECT t.event_id, t.event_type, t.cameo_root, t.date_start, t.date_end, t.date_precision,
               t.location_entity_id, t.location_en, t.location_ar, t.actor_en, t.target_en,
               t.killed, t.injured, t.n_reports, t.n_documents, t.first_reported_at, e.lat, e.lon
        FROM v_event_timeline t JOIN entities e ON e.entity_id = t.location_entity_id
        WHERE e.lat IS NOT NULL AND e.lon IS NOT NULL
        ORDER BY t.event_id
    """)


def dumps(collection: dict) -> str:
    """Serialize with Arabic kept readable (UTF-8, not \\u escapes)."""
    return json.dumps(collection, ensure_ascii=False, indent=1)
