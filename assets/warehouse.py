"""The publishing asset: load the batch, check it and commit it as one lake snapshot (all or nothing)."""

import os
from typing import Any

import dagster as dg
import duckdb
import polars as pl

from assets.resources import KhabarConfig
from assets.support import OWNERS, counts_markdown, run_check_summary, run_started, spec
from pipeline.ingest.locations import input_labels
from pipeline.ingest.quarantine import quarantine_for_load
from pipeline.runs.failures import describe_exception
from pipeline.runs.gate import WarehouseBusy, describe_holder, writer_gate
from pipeline.runs.leftovers import remove_run_files, remove_spool
from pipeline.warehouse.refresh import CONTRACT_KINDS, build_and_publish

GROUP = "publish"

#: Document-scoped tables loaded with delete-then-insert, by asset name = table name.
DOC_TABLE_INPUTS = [
    "paragraphs", "sentences", "removed_spans", "offset_map",
    "entity_mentions", "entity_roles", "time_expressions",
    "quantities", "event_mentions", "quotes", "citations",
]
#: Tables replaced whole on every publish.
REFERENCE_INPUTS = ["entities", "entity_aliases", "entity_known_roles"]


@dg.asset(
    name="warehouse",
    group_name=GROUP,
    description="The published warehouse (a DuckLake: catalog + Parquet files). The batch is loaded, "
    "checked against warehouse/contracts.yaml (keys, not-null, accepted values, foreign keys, offsets) and "
    "committed in one transaction, as one snapshot, so readers never see a half-written state.",
    ins={name: dg.AssetIn() for name in
         ["clean_documents", "document_sources", "source_files", "rejected_documents", *DOC_TABLE_INPUTS,
          *REFERENCE_INPUTS]},
    owners=OWNERS,
    kinds={"duckdb"},
    pool="duckdb_warehouse",
    check_specs=[
        *[spec("warehouse", f"contract_{k}", f"every {k} contract in warehouse/contracts.yaml holds")
          for k in CONTRACT_KINDS],
        spec("warehouse", "published_readable", "the published snapshot opens read-only and answers queries",
             blocking=False),
    ],
)
def warehouse_asset(context: dg.AssetExecutionContext, khabar: KhabarConfig, clean_documents: Any,
                    document_sources: pl.DataFrame, source_files: pl.DataFrame, rejected_documents: pl.DataFrame,
                    **tables: Any):
    # the per-document tables come as lazy scans of the run's spool (assets/documents.py), the
    # knowledge-base tables as frames
    settings = khabar.settings()
    run_id = context.run.run_id
    # spooled scans stay unfiltered: the quarantined documents are left out at load time (``exclude``)
    documents, sources, rejected, doc_tables, empty, exclude = quarantine_for_load(
        clean_documents, document_sources, rejected_documents, {name: tables[name] for name in DOC_TABLE_INPUTS})
    if empty:
        context.log.warning(f"warehouse: {len(empty)} documents empty after cleaning, "
                            "quarantined (reason empty_after_cleaning)")

    def waiting(holder: dict | None, waited_s: float) -> None:
        context.log.warning(f"waiting for the warehouse {settings.warehouse}: {describe_holder(holder)} is writing it "
                            f"({waited_s:.0f} s so far; gives up after {settings.warehouse_wait_timeout_s:.0f} s, "
                            f"KHABAR_WAREHOUSE_WAIT_TIMEOUT)")

    try:
        with writer_gate(settings.warehouse, run_id, settings.warehouse_wait_timeout_s, on_wait=waiting):
            try:
                result = build_and_publish(
                    warehouse=settings.warehouse, run_id=run_id, inputs=input_labels(settings.inputs),
                    files=source_files, sources=sources, rejected=rejected, documents=documents,
                    doc_tables=doc_tables,
                    reference_tables={name: tables[name] for name in REFERENCE_INPUTS},
                    # a full refresh (or KHABAR_FULL_CHECK=1) re-derives and checks the whole warehouse, not the batch
                    started=run_started(context),
                    full_check=khabar.full_refresh or os.environ.get("KHABAR_FULL_CHECK", "") not in ("", "0"),
                    exclude_doc_ids=exclude,
                )
            except BaseException:
                remove_run_files(settings.warehouse, run_id, keep_ledger=True)  # the runner records the failure
                raise
    except (WarehouseBusy, OSError, duckdb.Error) as exc:
        raise dg.Failure(description=describe_exception(exc)) from exc
    remove_spool(settings.warehouse, run_id)  # the spooled tables are loaded (or the load failed)
    context.log.info(f"warehouse: published={result.published} load={result.load_stats}")
    for o in result.checks:
        yield dg.AssetCheckResult(
            asset_key="warehouse", check_name=o.name, passed=bool(o.passed),
            severity=dg.AssetCheckSeverity.ERROR if o.severity == "ERROR" else dg.AssetCheckSeverity.WARN,
            metadata={"metric": float(o.metric or 0.0), "details": dg.MetadataValue.json(o.details)},
        )
    if not result.published:
        failed = [o.name for o in result.checks if not o.passed]
        raise dg.Failure(description=f"blocking warehouse checks failed, nothing published: {failed}",
                         metadata={"failed_checks": failed})
    counts = result.table_counts
    yield dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(settings.warehouse)),
        "dagster/row_count": counts.get("documents", 0),
        "snapshot_id": result.snapshot_id or 0,
        "preview": dg.MetadataValue.md(counts_markdown(counts)),
        **run_check_summary(settings.warehouse, context.run.run_id, result.run_checks),
        "documents": counts.get("documents", 0),
        "sentences": counts.get("sentences", 0),
        "entity_mentions": counts.get("entity_mentions", 0),
        "time_expressions": counts.get("time_expressions", 0),
        "events": counts.get("events", 0),
        "rejected": counts.get("rejected_documents", 0),
        "table_counts": dg.MetadataValue.json(counts),
        "load": dg.MetadataValue.json(result.load_stats),
        "check_pass_rate": sum(o.passed for o in result.checks) / max(1, len(result.checks)),
    })
