"""Run the refresh job through Dagster's Python API with a persistent local instance."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pipeline.settings import REPO_ROOT, Settings

__all__ = ["ensure_dagster_home", "RunSummary", "run_refresh"]


def ensure_dagster_home() -> Path:
    """Use ``$DAGSTER_HOME`` or the repo's git-ignored ``.dagster_home`` seeded from ``dagster.yaml``."""
    home = Path(os.environ.get("DAGSTER_HOME") or REPO_ROOT / ".dagster_home").resolve()
    home.mkdir(parents=True, exist_ok=True)
    target = home / "dagster.yaml"
    if not target.exists():
        shutil.copyfile(REPO_ROOT / "dagster.yaml", target)
    os.environ["DAGSTER_HOME"] = str(home)
    return home


@contextmanager
def _open_instance(dg):
    """The instance of ``$DAGSTER_HOME``, its storage created under a file lock: Dagster's SQLite
    storage creates its tables on first use, and two runs starting together on a fresh home would
    both try (``table runs already exists``)."""
    import fcntl

    lock = Path(os.environ["DAGSTER_HOME"]) / ".khabar-instance.lock"
    with open(lock, "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            instance = dg.DagsterInstance.get()
            instance.get_runs(limit=1)  # forces run storage (and its schema) into existence
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    with instance:
        yield instance


@dataclass
class RunSummary:
    success: bool
    run_id: str
    stats: dict = field(default_factory=dict)
    checks: list[dict] = field(default_factory=list)
    error: str | None = None

    @property
    def failed_blocking(self) -> list[dict]:
        return [c for c in self.checks if not c["passed"] and c["blocking"] and c["severity"] == "ERROR"]


def run_refresh(settings: Settings, full_refresh: bool = False, log_level: str = "INFO") -> RunSummary:
    """Materialize every asset and check (the ``khabar_refresh`` job) and summarize the outcome."""
    import dagster as dg

    from assets.definitions import build_definitions
    from assets.resources import KhabarConfig
    from pipeline.ingest.locations import input_labels
    from pipeline.warehouse.refresh import record_failed_run

    ensure_dagster_home()
    started = datetime.now()
    defs = build_definitions(KhabarConfig.from_settings(settings, full_refresh=full_refresh))
    job = defs.resolve_job_def("khabar_refresh")
    with _open_instance(dg) as instance:
        result = job.execute_in_process(
            instance=instance, raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": log_level}}}},
        )
        checks = []
        graph = defs.resolve_asset_graph()
        blocking_by_key = {key: graph.get_check_spec(key).blocking for key in graph.asset_check_keys}
        for ev in result.get_asset_check_evaluations():
            key = ev.asset_check_key
            checks.append({
                "asset": key.asset_key.to_user_string(), "check": key.name, "passed": ev.passed,
                "severity": ev.severity.value, "blocking": blocking_by_key.get(key, False),
                "metric": (ev.metadata.get("metric").value if ev.metadata.get("metric") is not None else None),
                "description": ev.description,
            })
        stats = {}
        for mat in result.get_asset_materialization_events():
            m = mat.materialization
            stats[m.asset_key.to_user_string()] = {
                k: v.value for k, v in m.metadata.items()
                if k in ("documents", "files_read", "files_unchanged", "duplicates_collapsed", "already_processed",
                         "rejected", "rejected_by_reason", "removed_by_rule", "with_published_at", "sentences",
                         "dagster/row_count", "load", "files_missing", "check_pass_rate")
            }
        error = None
        if not result.success:
            failures = [e for e in result.all_events if e.is_step_failure]
            error = "; ".join(f"{e.step_key}: {e.event_specific_data.error.message.strip().splitlines()[0]}"
                              for e in failures if e.event_specific_data and e.event_specific_data.error) or "run failed"
            if not any(s == "warehouse" for s in stats):
                try:
                    record_failed_run(settings.warehouse, result.run_id, input_labels(settings.inputs), started,
                                      {"error": error})
                except Exception as exc:  # recording is best effort; the run already failed
                    error += f" (and recording the failure failed: {exc})"
        return RunSummary(success=result.success, run_id=result.run_id, stats=stats, checks=checks, error=error)
