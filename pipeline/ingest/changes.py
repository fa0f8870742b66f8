"""Has anything changed since the last published refresh? Decided from file metadata only.

A refresh where nothing changed must cost no more than proving that nothing changed (issue 9). The
proof, without reading any input file:

* every selected input file (stored name, size, modification time) is in the warehouse's manifest
  with the same size and time, and no manifest file below the configured roots has gone;
* every document was processed by the current processing version (code + knowledge base,
  :func:`pipeline.settings.processing_version`);
* the warehouse schema is at the latest migration.

Anything else — a new, touched, grown or deleted file, a new knowledge base, a new pipeline
version, a pending migration — means a real refresh (which then reads only what changed, as
:func:`pipeline.ingest.batch.ingest` does). ``khabar run`` and the daily schedule use this to skip
the Dagster run; ``khabar run --force`` and ``--full-refresh`` never skip.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pipeline.ingest.locations import input_labels, is_under, scan_inputs
from pipeline.ingest.select import select_inputs
from pipeline.settings import Settings, processing_version

__all__ = ["InputChanges", "input_changes", "check_unchanged"]


@dataclass(frozen=True)
class InputChanges:
    """What differs from the last published refresh (all empty / False: nothing changed)."""

    files_seen: int
    new_or_changed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    stale_documents: int = 0          # processed by another processing version
    schema_behind: bool = False       # a migration is pending
    no_warehouse: bool = False

    @property
    def nothing_changed(self) -> bool:
        return not (self.new_or_changed or self.missing or self.stale_documents or self.schema_behind
                    or self.no_warehouse)

    def describe(self) -> str:
        """One line: what changed, or that nothing did."""
        if self.no_warehouse:
            return "no warehouse yet"
        parts = []
        if self.new_or_changed:
            parts.append(f"{len(self.new_or_changed)} new or changed input file(s), e.g. {self.new_or_changed[0]}")
        if self.missing:
            parts.append(f"{len(self.missing)} input file(s) gone, e.g. {self.missing[0]}")
        if self.stale_documents:
            parts.append(f"{self.stale_documents} document(s) processed by another pipeline or knowledge-base version")
        if self.schema_behind:
            parts.append("a schema migration is pending")
        return "; ".join(parts) if parts else f"nothing changed: {self.files_seen} input file(s) unchanged"


def input_changes(settings: Settings, manifest: pl.DataFrame | None, versions: pl.DataFrame | None,
                  schema_behind: bool = False) -> InputChanges:
    """Compare the inputs on disk with the published state.

    ``manifest``: the warehouse's present input files (path, size_bytes, mtime_ns), or None when there
    is no warehouse; ``versions``: the distinct ``pipeline_version`` values of its documents (column
    ``pipeline_version``); ``schema_behind``: whether a migration is pending.
    """
    entries = list(select_inputs(scan_inputs(settings.inputs), settings))
    if manifest is None:
        return InputChanges(files_seen=len(entries), no_warehouse=True)
    previous = {p: (s, m) for p, s, m in manifest.select("path", "size_bytes", "mtime_ns").iter_rows()}
    changed = tuple(sorted(e.key for e in entries if previous.get(e.key) != (e.size_bytes, e.mtime_ns)))
    seen = {e.key for e in entries}
    roots = input_labels(settings.inputs) + [str(Path(p).resolve()) for p in settings.inputs]
    missing = tuple(sorted(p for p in previous if p not in seen and is_under(p, roots)))
    stale = 0
    if versions is not None and versions.height:
        current = processing_version()
        stale = int(versions.filter(pl.col("pipeline_version") != current)["n"].sum())
    return InputChanges(files_seen=len(entries), new_or_changed=changed, missing=missing,
                        stale_documents=stale, schema_behind=schema_behind)


def check_unchanged(settings: Settings) -> str | None:
    """One line saying that nothing changed since the last published refresh, or None when something
    did (or there is no warehouse yet). Reads the warehouse's state and the inputs' metadata only."""
    from pipeline.warehouse.state import published_state

    state = published_state(settings.warehouse)
    if state is None:
        return None
    changes = input_changes(settings, state.manifest, state.versions, state.schema_behind)
    if not changes.nothing_changed:
        return None
    return f"nothing changed since snapshot {state.snapshot_id} ({changes.files_seen} input file(s) unchanged)"
