"""Scheduled lake maintenance: merge small files, expire old snapshots, delete unreferenced files."""


import os

import dagster as dg

from assets.resources import KhabarConfig
from pipeline.warehouse.maintain import maintain


@dg.op(
    name="maintain_lake",
    pool="duckdb_warehouse",  # never at the same time as a refresh's publish
    description="ducklake_merge_adjacent_files, ducklake_expire_snapshots (older than KHABAR_SNAPSHOT_RETENTION, "
    "default 7 days), ducklake_cleanup_old_files and ducklake_delete_orphaned_files on the warehouse.",
)
def maintain_lake(context: dg.OpExecutionContext, khabar: KhabarConfig) -> dict:
    report = maintain(khabar.settings().warehouse)
    context.log.info(f"lake maintenance: {report.as_dict()}")
    context.add_output_metadata({k: dg.MetadataValue.int(v) for k, v in report.as_dict().items()})
    return report.as_dict()


@dg.job(name="lake_maintenance", description="Compact the lake and delete what no retained snapshot needs.")
def lake_maintenance_job():
    maintain_lake()


maintenance_schedule = dg.ScheduleDefinition(
    name="lake_maintenance_schedule",
    job=lake_maintenance_job,
    cron_schedule=os.environ.get("KHABAR_MAINTENANCE_CRON", "30 3 * * *"),
    execution_timezone=os.environ.get("KHABAR_SCHEDULE_TZ", "UTC"),
    description="Lake maintenance (cron from KHABAR_MAINTENANCE_CRON, default daily 03:30).",
)
