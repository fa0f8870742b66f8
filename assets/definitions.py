"""The one definitions root: merges the per-domain asset modules (ingest, clean, publish, …)."""

from __future__ import annotations

import dagster as dg

from assets import automation, documents, history_sync, ingest, knowledge, maintenance, partitions, report, warehouse
from assets.logs import LOGGERS
from assets.runs import dead_runs_sensor
from assets.resources import KhabarConfig
from pipeline.settings import Settings


def build_definitions(config: KhabarConfig | None = None) -> dg.Definitions:
    """Definitions for a given configuration (the CLI passes its own; Dagster loads ``defs``)."""
    history_sync.install()  # run history commits without an fsync per event (assets/history_sync.py)
    config = config or KhabarConfig.from_settings(Settings.from_env())
    return dg.Definitions(
        assets=[
            ingest.ingest_assets, knowledge.knowledge_base_assets, documents.document_assets,
            warehouse.warehouse_asset, report.report_asset, partitions.input_batch_asset,
        ],
        jobs=[automation.REFRESH_JOB, partitions.PARTITIONS_JOB, maintenance.lake_maintenance_job],
        schedules=[automation.refresh_schedule, maintenance.maintenance_schedule],
        sensors=[automation.input_files_sensor, partitions.input_batches_sensor, dead_runs_sensor],
        loggers=LOGGERS,  # one line per message on the console, everything in the log file (assets/logs.py)
        # Intermediate frames live in memory for the duration of one run: concurrent runs (CLI runs
        # bypass the run queue) can never read each other's outputs, and nothing large is pickled
        # into DAGSTER_HOME. The durable state is the warehouse, so a refresh is always the whole job.
        resources={"khabar": config, "io_manager": dg.mem_io_manager},
        executor=dg.in_process_executor,
    )


defs = build_definitions()
