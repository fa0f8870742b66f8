"""Dagster resources: the run configuration shared by every asset."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipeline.settings import REPO_ROOT, Settings

__all__ = ["KhabarConfig"]


def _resolve(p: str) -> Path:
    path = Path(p).expanduser()
    return (path if path.is_absolute() else REPO_ROOT / path).resolve()


class KhabarConfig(dg.ConfigurableResource):
    """Inputs, warehouse location and quality thresholds of a refresh.

    Relative paths are resolved against the repository root. Defaults come from the
    environment (``KHABAR_INPUTS``, ``KHABAR_WAREHOUSE``) or the bundled ``seeds/``.
    """

    inputs: list[str] = ["seeds"]
    warehouse: str = "warehouse/khabar.duckdb"
    full_refresh: bool = False
    max_rejected_share: float = 0.2
    max_file_bytes: int = 20 * 1024 * 1024
    include: list[str] = []
    exclude: list[str] = list(Settings().exclude)
    #: None: ``Settings`` default (``KHABAR_MAX_WITHDRAWN_SHARE``, else 0.2).
    max_withdrawn_share: float | None = None

    def settings(self) -> Settings:
        extra = {} if self.max_withdrawn_share is None else {"max_withdrawn_share": self.max_withdrawn_share}
        return Settings(
            inputs=tuple(_resolve(p) for p in self.inputs),
            warehouse=_resolve(self.warehouse),
            max_rejected_share=self.max_rejected_share,
            max_file_bytes=self.max_file_bytes,
            include=tuple(self.include),
            exclude=tuple(self.exclude),
            **extra,
        )

    @classmethod
    def from_settings(cls, settings: Settings, full_refresh: bool = False) -> "KhabarConfig":
        return cls(inputs=[str(p) for p in settings.inputs], warehouse=str(settings.warehouse),
                   full_refresh=full_refresh, max_rejected_share=settings.max_rejected_share,
                   max_file_bytes=settings.max_file_bytes, max_withdrawn_share=settings.max_withdrawn_share,
                   include=list(settings.include), exclude=list(settings.exclude))
