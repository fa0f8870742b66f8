"""Dagster resources: the run configuration shared by every asset."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipeline.settings import REPO_ROOT, Settings

__all__ = ["KhabarConfig"]


def _resolve(p: str) -> Path:
    path = Path(p).expanduser()
    return (path if path.is_absolute() else REPO_ROOT / path).resolve()


def _resolve_warehouse(p: str) -> Path | str:
    """A warehouse path (resolved like the inputs) or a catalog URI (kept as given)."""
    from pipeline.warehouse.location import is_uri

    return p.strip() if is_uri(p) else _resolve(p)


class KhabarConfig(dg.ConfigurableResource):
    """Inputs, warehouse location and quality thresholds of a refresh.

    Relative paths are resolved against the repository root. Defaults come from the
    environment (``KHABAR_INPUTS``, ``KHABAR_WAREHOUSE``) or the bundled ``seeds/``.
    """

    inputs: list[str] = ["seeds"]
    warehouse: str = "warehouse/khabar.lake.sqlite"
    full_refresh: bool = False
    max_rejected_share: float = 0.2
    max_file_bytes: int = 20 * 1024 * 1024
    warehouse_wait_timeout_s: float = 600.0
    include: list[str] = []
    exclude: list[str] = list(Settings().exclude)
    #: None: ``Settings`` default (``KHABAR_MAX_WITHDRAWN_SHARE``, else 0.2).
    max_withdrawn_share: float | None = None
    #: lines per chunk of a feed in input-batch partitions; None: ``KHABAR_PARTITION_LINES``, else 1000
    partition_chunk_lines: int | None = None

    def settings(self) -> Settings:
        extra = {} if self.max_withdrawn_share is None else {"max_withdrawn_share": self.max_withdrawn_share}
        if self.partition_chunk_lines is not None:
            extra["partition_chunk_lines"] = self.partition_chunk_lines
        return Settings(
            inputs=tuple(_resolve(p) for p in self.inputs),
            warehouse=_resolve_warehouse(self.warehouse),
            max_rejected_share=self.max_rejected_share,
            max_file_bytes=self.max_file_bytes,
            warehouse_wait_timeout_s=self.warehouse_wait_timeout_s,
            include=tuple(self.include),
            exclude=tuple(self.exclude),
            **extra,
        )

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        """At the start of every run: record its process in its tags, mark runs whose process is gone
        as failed (freeing their pool slots), and remove files left by runs that are over."""
        if context.run is None or context.instance is None:
            return  # sensors and schedules build this resource too
        from assets.runs import remove_leftovers_of_finished_runs, sweep_dead_runs, tag_run

        try:
            tag_run(context.instance, context.run)
            for dead in sweep_dead_runs(context.instance):
                context.log.warning(dead.line())
            remove_leftovers_of_finished_runs(context.instance, self.settings().warehouse)
        except Exception as exc:  # noqa: BLE001 - housekeeping must never fail a run
            context.log.warning(f"dead-run sweep skipped: {type(exc).__name__}: {exc}")

    @classmethod
    def from_settings(cls, settings: Settings, full_refresh: bool = False) -> "KhabarConfig":
        return cls(inputs=[str(p) for p in settings.inputs], warehouse=str(settings.warehouse),
                   full_refresh=full_refresh, max_rejected_share=settings.max_rejected_share,
                   max_file_bytes=settings.max_file_bytes, max_withdrawn_share=settings.max_withdrawn_share,
                   warehouse_wait_timeout_s=settings.warehouse_wait_timeout_s,
                   include=list(settings.include), exclude=list(settings.exclude),
                   partition_chunk_lines=settings.partition_chunk_lines)
