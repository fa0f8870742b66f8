"""A per-run JSON Lines ledger of check outcomes, loaded into ``dq_results`` at publish time.

Checks run in several steps of a refresh, before the warehouse they describe exists; each
step appends its outcomes here and the publishing step inserts them all.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import polars as pl

from pipeline.quality.outcome import CheckOutcome

__all__ = ["ledger_path", "append_outcome", "read_ledger", "DQ_SCHEMA"]

DQ_SCHEMA = {
    "result_id": pl.String, "run_id": pl.String, "asset": pl.String, "check_name": pl.String,
    "passed": pl.Boolean, "severity": pl.String, "blocking": pl.Boolean, "metric": pl.Float64,
    "details": pl.String, "checked_at": pl.Datetime("us"),
}


def ledger_path(warehouse, run_id: str) -> Path:
    """The run's ledger, in the warehouse's local state directory (a path or a catalog URI)."""
    from pipeline.warehouse.location import runs_dir

    return runs_dir(warehouse) / f"{run_id}.dq.jsonl"


def append_outcome(path: Path, run_id: str, asset: str, outcome: CheckOutcome, now: datetime | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    row = {
        "result_id": f"{run_id}:{asset}:{outcome.name}", "run_id": run_id, "asset": asset,
        "check_name": outcome.name, "passed": bool(outcome.passed), "severity": outcome.severity,
        "blocking": bool(outcome.blocking), "metric": outcome.metric,
        "details": json.dumps(outcome.details, ensure_ascii=False, default=str),
        "checked_at": (now or datetime.now()).isoformat(),
    }
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_ledger(path: Path) -> pl.DataFrame:
    if not path.exists():
        return pl.DataFrame(schema=DQ_SCHEMA)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        r["checked_at"] = datetime.fromisoformat(r["checked_at"])
    # the same check re-executed in one run (retry): keep the last outcome
    frame = pl.DataFrame(rows, schema=DQ_SCHEMA)
    return frame.unique(subset=["result_id"], keep="last", maintain_order=True)
