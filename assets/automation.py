"""Scheduled refreshes and a sensor that starts a refresh when input files appear or change."""


import hashlib
import os

import dagster as dg

from assets.resources import KhabarConfig
from pipeline.ingest.changes import check_unchanged
from pipeline.ingest.locations import scan_inputs
from pipeline.ingest.select import select_inputs

REFRESH_JOB = dg.define_asset_job(
    "khabar_refresh",
    # every asset but the partitioned input batches (their own job: assets/partitions.py)
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets("input_batch"),
    description="Ingest → clean → extract → publish, with every asset check.",
    # Dagster instantiates only the loggers named in a run's config: name ours by default, so that
    # runs launched from the UI, the schedule and the sensor log like `khabar run` (assets/logs.py).
    config={"loggers": {"console": {"config": {"log_level": "INFO"}}, "file": {"config": {"log_level": "DEBUG"}}}},
)

@dg.schedule(
    name="daily_refresh",
    job=REFRESH_JOB,
    cron_schedule=os.environ.get("KHABAR_SCHEDULE_CRON", "0 6 * * *"),
    execution_timezone=os.environ.get("KHABAR_SCHEDULE_TZ", "UTC"),
    description="Refresh the warehouse from the configured inputs (cron from KHABAR_SCHEDULE_CRON, default daily "
    "06:00); a tick where no input, knowledge base, version or schema changed is skipped with the reason.",
)
def refresh_schedule(context: dg.ScheduleEvaluationContext, khabar: KhabarConfig):
    unchanged = check_unchanged(khabar.settings())
    if unchanged is not None:
        return dg.SkipReason(unchanged)
    return dg.RunRequest(tags={"khabar/trigger": "daily_refresh"})


def inputs_fingerprint(config: KhabarConfig) -> tuple[str, int]:
    """Hash of (stored name, size, mtime) of every input file, and the file count (broken entries
    such as dangling symlinks count too: the refresh quarantines them)."""
    h = hashlib.sha256()
    n = 0
    settings = config.settings()
    for entry in select_inputs(scan_inputs(settings.inputs), settings):
        h.update(f"{entry.key}\0{entry.size_bytes}\0{entry.mtime_ns}\0{entry.problem}\n".encode())
        n += 1
    return h.hexdigest()[:20], n


@dg.sensor(
    name="input_files_sensor",
    job=REFRESH_JOB,
    minimum_interval_seconds=int(os.environ.get("KHABAR_SENSOR_INTERVAL", "60")),
    description="Starts a refresh when files appear, change or disappear in the input directories.",
)
def input_files_sensor(context: dg.SensorEvaluationContext, khabar: KhabarConfig):
    fingerprint, n = inputs_fingerprint(khabar)
    if context.cursor == fingerprint:
        return dg.SkipReason(f"{n} input files unchanged")
    context.update_cursor(fingerprint)
    return dg.RunRequest(run_key=f"inputs-{fingerprint}", tags={"khabar/trigger": "input_files_sensor",
                                                                 "khabar/input_files": str(n)})
