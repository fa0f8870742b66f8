"""Run the refresh job through Dagster's Python API with a persistent local instance."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from pipeline.settings import REPO_ROOT, Settings

__all__ = ["ensure_dagster_home", "home_for", "RunSummary", "run_refresh", "run_partitions"]


def ensure_dagster_home() -> Path:
    """Use ``$DAGSTER_HOME`` or the repo's git-ignored ``.dagster_home`` seeded from ``dagster.yaml``."""
    home = _seed_home(Path(os.environ.get("DAGSTER_HOME") or REPO_ROOT / ".dagster_home").resolve())
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def _seed_home(home: Path) -> Path:
    """Create ``home`` with the template ``dagster.yaml``. A home whose ``dagster.yaml`` is an older
    copy of the template (same first line) gets the current one, as ``make`` does; a home configured
    by hand is left alone."""
    home.mkdir(parents=True, exist_ok=True)
    target = home / "dagster.yaml"
    template = (REPO_ROOT / "dagster.yaml").read_text()
    current = target.read_text() if target.exists() else None
    if current is None or (current != template and current.splitlines()[:1] == template.splitlines()[:1]):
        shutil.copyfile(REPO_ROOT / "dagster.yaml", target)
    return home


def home_for(warehouse: Path | str, home: Path) -> Path:
    """The Dagster home that records runs of ``warehouse``: ``home`` itself for the configured
    warehouse (``$KHABAR_WAREHOUSE`` or the default) — the one ``make ui`` shows — and
    ``home/warehouses/<name>-<hash>/`` for any other, so that the UI's assets, metadata and row
    counts describe the configured warehouse only. ``warehouse`` is a path or a catalog URI."""
    from pipeline.warehouse.location import normalize_spec

    spec = normalize_spec(warehouse)
    if spec == normalize_spec(Settings.from_env().warehouse):
        return home
    digest = hashlib.sha256(str(spec).encode()).hexdigest()[:10]
    name = spec.stem if isinstance(spec, Path) else re.sub(r"[^A-Za-z0-9_.-]+", "_", spec.split(":", 1)[0])
    return home / "warehouses" / f"{name}-{digest}"


@contextmanager
def _dagster_home(home: Path):
    """``$DAGSTER_HOME`` = ``home`` for the duration; the log file stays the main home's.

    A sub-home gets the main home's ``dagster.yaml`` (same storage: a database-backed instance, as
    in ``deploy/``, keeps one shared history; the default SQLite one gets one per warehouse)."""
    saved = {k: os.environ.get(k) for k in ("DAGSTER_HOME", "KHABAR_LOG_FILE")}
    if not saved["KHABAR_LOG_FILE"]:
        from assets.logs import log_file

        os.environ["KHABAR_LOG_FILE"] = str(log_file())
    main = Path(saved["DAGSTER_HOME"]) if saved["DAGSTER_HOME"] else None
    if main is not None and home != main and (main / "dagster.yaml").exists():
        home.mkdir(parents=True, exist_ok=True)
        config = (main / "dagster.yaml").read_text()
        target = home / "dagster.yaml"
        if not target.exists() or target.read_text() != config:
            target.write_text(config)
    os.environ["DAGSTER_HOME"] = str(_seed_home(home))
    try:
        yield home
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


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
    error: str | None = None          # one line: the cause and the path or run concerned
    log_file: str | None = None       # where the details are
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step that succeeded
    elapsed_s: float = 0.0
    skipped: str | None = None        # nothing changed: no Dagster run was started (why, in one line)

    @property
    def failed_blocking(self) -> list[dict]:
        return [c for c in self.checks if not c["passed"] and c["blocking"] and c["severity"] == "ERROR"]


def run_refresh(settings: Settings, full_refresh: bool = False, log_level: str = "INFO",
                echo: Callable[[str], None] | None = None, skip_unchanged: bool = False) -> RunSummary:
    """Materialize every asset and check (the ``khabar_refresh`` job) and summarize the outcome.

    Before starting, runs whose process is gone are marked failed (``echo`` tells which). A failure
    is summarized in one line; the details (tracebacks) are in :func:`assets.logs.log_file`.
    ``skip_unchanged`` (``khabar run`` without ``--force``): when
    :func:`pipeline.ingest.changes.check_unchanged` proves that
    nothing changed, start no run and return a summary with ``skipped`` set.
    """
    if skip_unchanged and not full_refresh:
        started = datetime.now()
        from pipeline.ingest.changes import check_unchanged

        why = check_unchanged(settings)
        if why is not None:
            import dagster as dg

            from assets.runs import sweep_dead_runs

            with _dagster_home(home_for(settings.warehouse, ensure_dagster_home())), _open_instance(dg) as instance:
                for dead in sweep_dead_runs(instance):  # a crashed run is marked failed even when none follows
                    (echo or print)(dead.line())
            return RunSummary(success=True, run_id="-", skipped=why,
                              elapsed_s=(datetime.now() - started).total_seconds())
    import dagster as dg

    from assets.definitions import build_definitions
    from assets.logs import file_log, log_file
    from assets.resources import KhabarConfig
    from assets.runs import process_tags, sweep_dead_runs
    from pipeline.runs.failures import describe_exception

    main_home = ensure_dagster_home()
    log = file_log()
    echo = echo or log.warning
    started = datetime.now()
    defs = build_definitions(KhabarConfig.from_settings(settings, full_refresh=full_refresh))
    job = defs.resolve_job_def("khabar_refresh")
    with _dagster_home(home_for(settings.warehouse, main_home)), _open_instance(dg) as instance:
        for dead in sweep_dead_runs(instance):
            echo(dead.line())
        try:
            result = job.execute_in_process(
                instance=instance, raise_on_error=False, tags=process_tags(),
                run_config={"loggers": {"console": {"config": {"log_level": log_level}},
                                        "file": {"config": {"log_level": "DEBUG"}}}},
            )
        except Exception as exc:  # Dagster itself failed (e.g. its own storage on a full disk)
            log.exception("khabar run: the Dagster run could not execute")
            return RunSummary(success=False, run_id="-", error=describe_exception(exc), log_file=str(log_file()))
        summary = _summarize(defs, result)
        summary.elapsed_s = (datetime.now() - started).total_seconds()
        if not result.success:
            summary.error = _failure_line(result)
            summary.log_file = str(log_file())
            _record_failure(settings, result.run_id, started, summary, log)
        from pipeline.runs.leftovers import remove_run_files

        remove_run_files(settings.warehouse, result.run_id)
        return summary


def _summarize(defs, result) -> RunSummary:
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
    timings = {e.step_key: e.event_specific_data.duration_ms / 1000 for e in result.all_events
               if e.event_type_value == "STEP_SUCCESS" and e.event_specific_data is not None}
    return RunSummary(success=result.success, run_id=result.run_id, stats=stats, checks=checks, timings=timings)


def _failure_line(result) -> str:
    """One line naming each failed step and its cause (``warehouse: disk full: … writing /path``)."""
    from assets.logs import error_chain
    from pipeline.runs.failures import describe

    failures = [e for e in result.all_events if e.is_step_failure]
    parts = [f"{e.step_key}: {describe(error_chain(e.event_specific_data.error))}"
             for e in failures if e.event_specific_data and e.event_specific_data.error]
    if not parts:
        run_failure = [e for e in result.all_events if e.event_type_value == "PIPELINE_FAILURE"]
        err = getattr(run_failure[-1].event_specific_data, "error", None) if run_failure else None
        parts = [describe(error_chain(err))] if err is not None else ["run failed"]
    return "; ".join(parts)


def _record_failure(settings: Settings, run_id: str, started: datetime, summary: RunSummary, log) -> None:
    """Record the failed run in the warehouse's ``refresh_runs`` unless the publishing step did.

    Best effort: on a full disk the warehouse cannot take the record either; that goes to the log
    file, the console keeps the one line of the original cause."""
    from pipeline.ingest.locations import input_labels
    from pipeline.runs.gate import writer_gate
    from pipeline.warehouse.refresh import record_failed_run

    if "warehouse" in summary.stats:
        return
    try:
        with writer_gate(settings.warehouse, run_id, settings.warehouse_wait_timeout_s):
            record_failed_run(settings.warehouse, run_id, input_labels(settings.inputs), started,
                              {"error": summary.error})
    except Exception:  # noqa: BLE001 - the run already failed; its cause is what the user needs
        log.exception(f"run {run_id}: recording the failure in {settings.warehouse} failed")


def run_partitions(settings: Settings, keys: list[str] | None = None, full_refresh: bool = False,
                   log_level: str = "INFO", echo: Callable[[str], None] | None = None,
                   on_result: Callable[[str, RunSummary], None] | None = None) -> list[tuple[str, RunSummary]]:
    """Backfill input batches: register the partitions of ``keys`` (default: every batch of the
    inputs, :func:`pipeline.ingest.batches.plan_batches`) and run each as its own Dagster run of the
    ``khabar_partitions`` job, one after the other (the run queue is not involved; ``dagster job
    backfill`` / the UI go through it). Stops at the first failed partition."""
    import dagster as dg

    from assets.definitions import build_definitions
    from assets.logs import file_log, log_file
    from assets.partitions import INPUT_BATCHES
    from assets.resources import KhabarConfig
    from assets.runs import process_tags, sweep_dead_runs
    from pipeline.ingest.batches import plan_batches
    from pipeline.runs.failures import describe_exception

    main_home = ensure_dagster_home()
    log = file_log()
    echo = echo or log.warning
    keys = list(keys) if keys else [b.key for b in plan_batches(settings)]
    defs = build_definitions(KhabarConfig.from_settings(settings, full_refresh=full_refresh))
    job = defs.resolve_job_def("khabar_partitions")
    out: list[tuple[str, RunSummary]] = []
    with _dagster_home(home_for(settings.warehouse, main_home)), _open_instance(dg) as instance:
        for dead in sweep_dead_runs(instance):
            echo(dead.line())
        known = set(instance.get_dynamic_partitions(INPUT_BATCHES.name))
        new = [k for k in keys if k not in known]
        if new:
            instance.add_dynamic_partitions(INPUT_BATCHES.name, new)
        for key in keys:
            started = datetime.now()
            try:
                result = job.execute_in_process(
                    instance=instance, raise_on_error=False, partition_key=key, tags=process_tags(),
                    run_config={"loggers": {"console": {"config": {"log_level": log_level}},
                                            "file": {"config": {"log_level": "DEBUG"}}}})
            except Exception as exc:  # noqa: BLE001 - Dagster itself failed
                log.exception(f"khabar backfill: partition {key} could not execute")
                summary = RunSummary(success=False, run_id="-", error=describe_exception(exc), log_file=str(log_file()))
            else:
                summary = _summarize(defs, result)
                summary.elapsed_s = (datetime.now() - started).total_seconds()
                if not result.success:
                    summary.error = _failure_line(result)
                    summary.log_file = str(log_file())
                from pipeline.runs.leftovers import remove_run_files

                remove_run_files(settings.warehouse, result.run_id)
            out.append((key, summary))
            if on_result is not None:
                on_result(key, summary)
            if not summary.success:
                break
    return out
