"""The result of one data-quality check, independent of Dagster."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["CheckOutcome"]


@dataclass
class CheckOutcome:
    """``passed`` with a numeric ``metric`` (e.g. number of offending rows) and a few examples.

    ``blocking`` checks with severity ``ERROR`` stop everything downstream (nothing is published).
    """

    name: str
    passed: bool
    metric: float | None = None
    details: dict = field(default_factory=dict)
    severity: str = "ERROR"      # ERROR | WARN
    blocking: bool = True
    description: str = ""
