"""Build-and-publish of one refresh: lock, stage, load, check, index, record, swap.

Used by the Dagster ``warehouse`` asset; free of Dagster so that it can be tested alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from pipeline.faults import fault_point
from pipeline.quality.ledger import append_outcome, ledger_path, read_ledger
from pipeline.quality.outcome import CheckOutcome
from pipeline.settings import processing_version
from pipeline.warehouse.incremental import batch_state_ready, derive_and_check, refresh_scope, replace_reference_tables
from pipeline.warehouse.load import CHANGED_DOC_IDS, insert_frame, load_batch
from pipeline.warehouse.search_index import rebuild_search
from pipeline.warehouse.publish import prepare_staging, publish_staging, sweep_staging, warehouse_lock

__all__ = ["DOCUMENT_COLUMNS", "RefreshResult", "build_and_publish", "record_failed_run", "rebuild_fts", "summarize_contracts"]

DOCUMENT_COLUMNS = [
    "doc_id", "external_id", "source_uri", "source_format", "title", "title_source", "author", "author_source",
    "publisher", "url", "published_at", "published_utc_offset_min", "published_at_source", "language",
    "arabic_ratio", "encoding", "content_sha256", "raw_text", "clean_text", "n_sources", "n_paragraphs",
    "n_sentences", "pipeline_version",
]
CONTRACT_KINDS = ("primary_key", "not_null", "accepted_values", "relationships", "spans")


@dataclass
class RefreshResult:
    published: bool
    checks: list[CheckOutcome]
    load_stats: dict = field(default_factory=dict)
    table_counts: dict = field(default_factory=dict)


def summarize_contracts(outcomes: list[CheckOutcome]) -> list[CheckOutcome]:
    """Fold per-table contract outcomes into one outcome per kind (primary_key, not_null, …)."""
    folded = []
    for kind in CONTRACT_KINDS:
        mine = [o for o in outcomes if o.name.split(".")[-1].startswith(kind)]
        failed = [o for o in mine if not o.passed]
        folded.append(CheckOutcome(
            f"contract_{kind}", not failed, float(sum(o.metric or 0 for o in failed)),
            {"evaluated": len(mine), "failed": {o.name: o.details for o in failed}},
            description=f"every {kind} contract of warehouse/contracts.yaml holds",
        ))
    return folded


def rebuild_fts(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build the Arabic full-text postings of every active document (kept for callers of the
    former whole-index rebuild; refreshes update only the changed documents)."""
    rebuild_search(con)


def _counts(con: duckdb.DuckDBPyConnection) -> dict:
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' "
        "ORDER BY 1").fetchall()]
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _record(con, run_id: str, ledger: Path, started: datetime, status: str, inputs: list[str], stats: dict) -> None:
    dq = read_ledger(ledger)
    con.register("_dq", dq.select("result_id").to_arrow())
    con.execute("DELETE FROM dq_results WHERE result_id IN (SELECT result_id FROM _dq)")
    con.unregister("_dq")
    insert_frame(con, "dq_results", dq)
    con.execute("DELETE FROM refresh_runs WHERE run_id = ?", [run_id])
    con.execute(
        "INSERT INTO refresh_runs (run_id, started_at, published_at, status, inputs, pipeline_version, stats) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [run_id, started, datetime.now() if status == "published" else None, status,
         json.dumps(inputs, ensure_ascii=False), processing_version(), json.dumps(stats, ensure_ascii=False, default=str)],
    )


def build_and_publish(
    *,
    warehouse: Path,
    run_id: str,
    inputs: list[str],
    files: pl.DataFrame,
    sources: pl.DataFrame,
    rejected: pl.DataFrame,
    documents: pl.DataFrame,
    doc_tables: dict[str, pl.DataFrame],
    reference_tables: dict[str, pl.DataFrame] | None = None,
    started: datetime | None = None,
    extra_checks=None,
    full_check: bool = False,
) -> RefreshResult:
    """Stage the published warehouse, apply the batch, run the contracts and publish if they pass.

    ``reference_tables`` (e.g. the knowledge base) are replaced whole. ``extra_checks(con)`` may
    return further outcomes computed on the staging warehouse. When a blocking check fails, the
    published warehouse keeps its data and only the run's check outcomes are recorded.
    ``full_check`` recomputes derived tables and search and runs the contracts over the whole
    warehouse instead of the batch's documents.
    """
    started = started or datetime.now()
    now = datetime.now()
    ledger = ledger_path(warehouse, run_id)
    with warehouse_lock(warehouse):
        sweep_staging(warehouse, keep=run_id)
        staging = prepare_staging(warehouse, run_id)
        con = duckdb.connect(str(staging))
        try:
            ready = batch_state_ready(con)  # incr: before the load, does per-batch state cover the warehouse?
            ref_changed = replace_reference_tables(con, reference_tables)
            docs = documents.select([c for c in DOCUMENT_COLUMNS if c in documents.columns])
            stats = load_batch(con, now=now, files=files, sources=sources, rejected=rejected,
                               documents=docs, doc_tables=doc_tables)
            fault_point("publish.mid_load")
            # incr: derived tables, search and contracts for the documents the batch changed only
            # (everything after a knowledge-base change or on a full check; nothing if nothing changed)
            scope = refresh_scope(stats.pop(CHANGED_DOC_IDS, None), ready=ready, reference_changed=ref_changed,
                                  full_check=full_check)
            outcomes = summarize_contracts(derive_and_check(con, scope, stats))
            if extra_checks is not None:
                outcomes += list(extra_checks(con))
            ok = all(o.passed for o in outcomes if o.blocking and o.severity == "ERROR")
            for o in outcomes:
                append_outcome(ledger, run_id, "warehouse", o)
            if ok:
                _record(con, run_id, ledger, started, "published", inputs, stats)
            counts = _counts(con)
        finally:
            con.close()
        if ok:
            # prove the file opens read-only and answers before it replaces the published one
            ro = duckdb.connect(str(staging), read_only=True)
            try:
                n = ro.execute("SELECT count(*) FROM documents").fetchone()[0]
            finally:
                ro.close()
            fault_point("publish.before_commit")
            publish_staging(staging, warehouse)
            fault_point("publish.after_commit")
            outcomes.append(CheckOutcome("published_readable", n == counts.get("documents", -1), float(n),
                                         {"documents": n}, description="the published file opens read-only"))
        else:
            staging.unlink(missing_ok=True)
            _record_failure_locked(warehouse, run_id, ledger, started, inputs, stats)
        ledger.unlink(missing_ok=True)
    return RefreshResult(published=ok, checks=outcomes, load_stats=stats, table_counts=counts)


def _record_failure_locked(warehouse: Path, run_id: str, ledger: Path, started: datetime, inputs: list[str],
                           stats: dict) -> None:
    staging = prepare_staging(warehouse, run_id + "-failed")
    con = duckdb.connect(str(staging))
    try:
        _record(con, run_id, ledger, started, "failed", inputs, stats)
    finally:
        con.close()
    publish_staging(staging, warehouse)


def record_failed_run(warehouse: Path, run_id: str, inputs: list[str], started: datetime | None = None,
                      stats: dict | None = None) -> None:
    """Record a run that failed before publishing (its check outcomes and a 'failed' refresh row);
    the warehouse data is untouched."""
    ledger = ledger_path(warehouse, run_id)
    with warehouse_lock(warehouse):
        if warehouse.exists():  # the publishing step may already have recorded this run
            con = duckdb.connect(str(warehouse), read_only=True)
            try:
                done = con.execute("SELECT count(*) FROM refresh_runs WHERE run_id = ?", [run_id]).fetchone()[0]
            finally:
                con.close()
            if done:
                ledger.unlink(missing_ok=True)
                return
        _record_failure_locked(warehouse, run_id, ledger, started or datetime.now(), inputs, stats or {})
        ledger.unlink(missing_ok=True)
