"""Build-and-publish of one refresh: lock, migrate, then one transaction — load, derive, index,
check, record — committed as one lake snapshot if the blocking checks pass, rolled back otherwise.

Used by the Dagster ``warehouse`` asset; free of Dagster so that it can be tested alone.
"""

from __future__ import annotations

import errno
import json
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from pipeline.faults import fault_point
from pipeline.quality.ledger import append_outcome, ledger_path, read_ledger
from pipeline.quality.outcome import CheckOutcome
from pipeline.settings import processing_version
from pipeline.warehouse.connect import connect_readonly, connect_writer
from pipeline.warehouse.incremental import batch_state_ready, derive_and_check, refresh_scope, replace_reference_tables
from pipeline.warehouse.load import CHANGED_DOC_IDS, insert_frame, load_batch
from pipeline.warehouse.search_index import rebuild_search
from pipeline.warehouse.location import locate
from pipeline.warehouse.migrate import apply_migrations
from pipeline.warehouse.publish import commit_snapshot, is_conflict, tag_snapshot, writer_lock

__all__ = ["DOCUMENT_COLUMNS", "RefreshResult", "build_and_publish", "record_failed_run", "rebuild_fts", "summarize_contracts"]

DOCUMENT_COLUMNS = [
    "doc_id", "external_id", "source_uri", "source_format", "title", "title_source", "author", "author_source",
    "publisher", "url", "published_at", "published_utc_offset_min", "published_at_source", "language",
    "arabic_ratio", "encoding", "content_sha256", "raw_text", "clean_text", "n_sources", "n_paragraphs",
    "n_sentences", "pipeline_version",
]
CONTRACT_KINDS = ("primary_key", "not_null", "accepted_values", "relationships", "spans")
#: attempts of a refresh whose commit conflicts with a concurrent writer (PostgreSQL catalog)
COMMIT_ATTEMPTS = 5


@dataclass
class RefreshResult:
    published: bool
    checks: list[CheckOutcome]
    load_stats: dict = field(default_factory=dict)
    table_counts: dict = field(default_factory=dict)
    snapshot_id: int | None = None
    #: the run's recorded check results in the published snapshot: ``{"evaluated": n, "failed": n}``
    run_checks: dict = field(default_factory=dict)


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
    """Rebuild the whole search index (postings in plain tables, ``search_index.py``; kept under the
    former name: refreshes update only the changed documents)."""
    rebuild_search(con)


def _counts(con: duckdb.DuckDBPyConnection) -> dict:
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() "
        "AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
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
    exclude_doc_ids: list[str] | None = None,
) -> RefreshResult:
    """Apply the batch, run the contracts and publish it as one snapshot if they pass.

    ``reference_tables`` (e.g. the knowledge base) are replaced whole. ``extra_checks(con)`` may
    return further outcomes computed inside the refresh's transaction. Everything is committed as
    one snapshot; when a blocking check fails the transaction is rolled back (the warehouse keeps
    its data) and only the run's check outcomes and a 'failed' run are recorded, in a small
    snapshot of their own. ``exclude_doc_ids``: documents of ``documents``/``doc_tables`` not to load
    (the quarantine's, left in unfiltered spool scans; see ``pipeline.ingest.quarantine``).
    """
    started = started or datetime.now()
    now = datetime.now()
    ledger = ledger_path(warehouse, run_id)
    wh = locate(warehouse)
    with writer_lock(wh):
        con = connect_writer(wh)
        try:
            apply_migrations(con)
            for attempt in range(1, COMMIT_ATTEMPTS + 1):
                try:
                    result = _refresh_transaction(
                        con, wh=wh, run_id=run_id, ledger=ledger, started=started, now=now, inputs=inputs,
                        files=files, sources=sources, rejected=rejected, documents=documents, doc_tables=doc_tables,
                        reference_tables=reference_tables, extra_checks=extra_checks, full_check=full_check,
                        exclude_doc_ids=exclude_doc_ids)
                    break
                except duckdb.Error as exc:
                    _rollback(con)
                    _raise_if_catalog_full(exc, wh)
                    if attempt == COMMIT_ATTEMPTS or not is_conflict(exc):
                        raise
                    time.sleep(0.2 * attempt)
        finally:
            con.close()
    if result.published:
        # prove the new snapshot opens read-only and answers
        ro = connect_readonly(wh, fts=False)
        try:
            n, evaluated, failed = ro.execute(
                "SELECT (SELECT count(*) FROM documents), count(*), count(*) FILTER (WHERE NOT passed) "
                "FROM dq_results WHERE run_id = ?", [run_id]).fetchone()
        finally:
            ro.close()
        result.run_checks = {"evaluated": int(evaluated), "failed": int(failed)}
        result.checks.append(CheckOutcome("published_readable", n == result.table_counts.get("documents", -1), float(n),
                                          {"documents": n, "snapshot_id": result.snapshot_id},
                                          description="the published snapshot opens read-only"))
    ledger.unlink(missing_ok=True)
    return result


def _raise_if_catalog_full(exc: duckdb.Error, wh) -> None:
    """SQLite's "database or disk is full" names no file: say it was the lake's catalog."""
    if "database or disk is full" in str(exc) and wh.catalog_file is not None:
        raise OSError(errno.ENOSPC, "No space left on device", str(wh.catalog_file)) from exc


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass  # no transaction open


def _refresh_transaction(con, *, wh, run_id, ledger, started, now, inputs, files, sources, rejected, documents,
                         doc_tables, reference_tables, extra_checks, full_check=False,
                         exclude_doc_ids=None) -> RefreshResult:
    """One attempt: the whole refresh in one transaction, committed as one snapshot if the checks pass."""
    con.execute("BEGIN TRANSACTION")
    ready = batch_state_ready(con)  # before the load: does the per-batch state cover the warehouse?
    ref_changed = replace_reference_tables(con, reference_tables)  # only when the knowledge base differs
    docs = documents.select([c for c in DOCUMENT_COLUMNS if c in documents.collect_schema().names()])
    stats = load_batch(con, now=now, files=files, sources=sources, rejected=rejected,
                       documents=docs, doc_tables=doc_tables, transaction=False, exclude_doc_ids=exclude_doc_ids)
    stats["reference_tables_replaced"] = ref_changed
    fault_point("publish.mid_load")
    # derived tables, search and contracts for the documents the batch changed only (everything after a
    # knowledge-base change or on a full check; nothing if nothing changed)
    scope = refresh_scope(stats.pop(CHANGED_DOC_IDS, None), ready=ready, reference_changed=bool(ref_changed),
                          full_check=full_check)
    outcomes = summarize_contracts(derive_and_check(con, scope, stats))
    if extra_checks is not None:
        outcomes += list(extra_checks(con))
    ok = all(o.passed for o in outcomes if o.blocking and o.severity == "ERROR")
    _append_once(ledger, run_id, outcomes)
    counts = _counts(con)
    if not ok:
        con.execute("ROLLBACK")
        _record_failure(con, run_id, ledger, started, inputs, stats)
        return RefreshResult(published=False, checks=outcomes, load_stats=stats, table_counts=counts)
    _record(con, run_id, ledger, started, "published", inputs, stats)
    snapshot = commit_snapshot(con, run_id)
    stats["snapshot_id"] = snapshot
    return RefreshResult(published=True, checks=outcomes, load_stats=stats, table_counts=counts, snapshot_id=snapshot)


def _append_once(ledger: Path, run_id: str, outcomes: list[CheckOutcome]) -> None:
    """Append the warehouse outcomes to the run's ledger (a retried attempt replaces them: the
    ledger keeps the last outcome per check)."""
    for o in outcomes:
        append_outcome(ledger, run_id, "warehouse", o)


def _record_failure(con: duckdb.DuckDBPyConnection, run_id: str, ledger: Path, started: datetime,
                    inputs: list[str], stats: dict) -> None:
    """Record a failed run (its check outcomes and a 'failed' refresh row) in a small snapshot of its own."""
    con.execute("BEGIN TRANSACTION")
    try:
        _record(con, run_id, ledger, started, "failed", inputs, stats)
        tag_snapshot(con, run_id, "failed")
        con.execute("COMMIT")
    except Exception:
        _rollback(con)
        raise


def record_failed_run(warehouse, run_id: str, inputs: list[str], started: datetime | None = None,
                      stats: dict | None = None) -> None:
    """Record a run that failed before publishing (its check outcomes and a 'failed' refresh row);
    the warehouse data is untouched."""
    ledger = ledger_path(warehouse, run_id)
    wh = locate(warehouse)
    with writer_lock(wh):
        con = connect_writer(wh)
        try:
            apply_migrations(con)
            done = con.execute("SELECT count(*) FROM refresh_runs WHERE run_id = ?", [run_id]).fetchone()[0]
            if not done:  # the publishing step may already have recorded this run
                _record_failure(con, run_id, ledger, started or datetime.now(), inputs, stats or {})
        finally:
            con.close()
    ledger.unlink(missing_ok=True)
