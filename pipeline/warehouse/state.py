"""What the published warehouse says about its inputs, read in one short read-only session: the
input manifest, the processing versions of its documents, its schema version and snapshot id.

Used to prove that nothing changed before starting a refresh (:mod:`pipeline.ingest.changes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from pipeline.warehouse.connect import LegacyWarehouseError, connect_readonly
from pipeline.warehouse.migrate import list_migrations
from pipeline.warehouse.publish import current_snapshot

__all__ = ["PublishedState", "published_state"]


@dataclass(frozen=True)
class PublishedState:
    manifest: pl.DataFrame        # path, size_bytes, mtime_ns of the input files present at the last refresh
    versions: pl.DataFrame        # pipeline_version, n: documents per processing version
    schema_behind: bool           # a migration of this version is not applied yet
    snapshot_id: int


def published_state(path: Path | str) -> PublishedState | None:
    """The published state, or None when there is no warehouse (or one to convert first)."""
    try:  # (connect_readonly already refuses an absent lake and one whose schema is not yet committed)
        con = connect_readonly(path, fts=False)
    except (FileNotFoundError, LegacyWarehouseError, duckdb.Error):  # duckdb.Error: an uninitialised PG catalog
        return None
    try:
        manifest = con.execute(
            "SELECT path, size_bytes, mtime_ns FROM source_files WHERE status = 'present'").pl()
        versions = con.execute(
            "SELECT pipeline_version, count(*) AS n FROM documents GROUP BY pipeline_version").pl()
        applied = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]
        latest = max((m.version for m in list_migrations()), default=0)
        return PublishedState(manifest=manifest, versions=versions, schema_behind=applied < latest,
                              snapshot_id=current_snapshot(con))
    finally:
        con.close()
