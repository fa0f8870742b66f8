"""Shared helpers for assets: table metadata, check results and the dq ledger."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Iterable

import dagster as dg
import polars as pl

from pipeline.quality.ledger import append_outcome, ledger_path
from pipeline.quality.outcome import CheckOutcome

__all__ = ["OWNERS", "table_metadata", "markdown_preview", "counts_markdown", "run_check_summary", "spec",
           "emit_checks"]

OWNERS = ["team:khabar-data"]


def markdown_preview(frame: pl.DataFrame, rows: int = 5, max_chars: int = 60) -> str:
    """A small markdown table of the first ``rows`` rows (long strings shortened)."""
    if frame.height == 0:
        return "_no rows_"
    cols = [c for c in frame.columns if c not in ("raw_text", "clean_text")][:10]

    def cell(v) -> str:
        s = "" if v is None else str(v)
        s = s.replace("\n", " ").replace("|", "\\|")
        return s if len(s) <= max_chars else s[: max_chars - 1] + "…"

    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in frame.head(rows).select(cols).iter_rows():
        lines.append("| " + " | ".join(cell(v) for v in row) + " |")
    return "\n".join(lines)


def table_metadata(frame: pl.DataFrame | pl.LazyFrame, extra: dict | None = None, rows: int | None = None) -> dict:
    """Row count, column schema and preview, in the keys the Dagster UI understands. A lazy frame
    (a spooled table) is previewed from its first rows only; ``rows`` is its row count when known."""
    if isinstance(frame, pl.LazyFrame):
        schema = frame.collect_schema()
        if rows is None:
            rows = int(frame.select(pl.len()).collect().item())
        head = frame.head(5).collect()
    else:
        schema, rows, head = frame.schema, frame.height, frame
    meta = {
        "dagster/row_count": rows,
        "dagster/column_schema": dg.TableSchema(
            columns=[dg.TableColumn(name, str(dtype)) for name, dtype in schema.items()]
        ),
        "preview": dg.MetadataValue.md(markdown_preview(head)),
    }
    for k, v in (extra or {}).items():
        meta[k] = v if not isinstance(v, dict) else dg.MetadataValue.json(v)
    return meta


def counts_markdown(counts: dict[str, int], title: str = "table") -> str:
    """A markdown table of ``name → rows`` (the warehouse asset's preview of its tables)."""
    if not counts:
        return "_no tables_"
    lines = [f"| {title} | rows |", "|---|---:|"]
    lines += [f"| {name} | {n:,} |" for name, n in sorted(counts.items())]
    return "\n".join(lines)


def run_check_summary(warehouse: Path, run_id: str, recorded: dict | None = None) -> dict:
    """Run-wide check figures from the published ``dq_results`` (every asset's checks of ``run_id``).

    Returns ``{"checks_evaluated": int, "checks_failed": int, "run_check_pass_rate": float}``, or ``{}``
    when the warehouse cannot be read (metadata is best effort and never fails a run). ``recorded``:
    the counts already read from the published snapshot (``RefreshResult.run_checks``): no connection.
    """
    from pipeline.warehouse.connect import connect_readonly

    if recorded:
        n, failed = recorded["evaluated"], recorded["failed"]
        return {"checks_evaluated": int(n), "checks_failed": int(failed),
                "run_check_pass_rate": float((n - failed) / n) if n else 1.0}
    try:
        con = connect_readonly(warehouse, fts=False)
        try:
            n, failed = con.execute(
                "SELECT count(*), count(*) FILTER (WHERE NOT passed) FROM dq_results WHERE run_id = ?", [run_id]
            ).fetchone()
        finally:
            con.close()
    except Exception:  # noqa: BLE001 - metadata only
        return {}
    return {"checks_evaluated": int(n), "checks_failed": int(failed),
            "run_check_pass_rate": float((n - failed) / n) if n else 1.0}


def run_started(context) -> datetime | None:
    """When the Dagster run started (local time, like the other warehouse timestamps), or None."""
    try:
        record = context.instance.get_run_record_by_id(context.run.run_id)
    except Exception:  # noqa: BLE001 - the refresh falls back to the publish step's own start
        return None
    if record is None or record.start_time is None:
        return None
    return datetime.fromtimestamp(record.start_time)


def spec(asset: str, name: str, description: str, blocking: bool = True) -> dg.AssetCheckSpec:
    """An asset check declared in ``check_specs`` (shown, with its description, on the asset's Checks tab)."""
    return dg.AssetCheckSpec(name, asset=asset, description=description, blocking=blocking)


def emit_checks(context, asset: str, outcomes: Iterable[CheckOutcome], warehouse) -> list[dg.AssetCheckResult]:
    """Turn outcomes into AssetCheckResults (declared via ``check_specs``) and record them in the ledger."""
    path = ledger_path(warehouse, context.run.run_id)
    results = []
    for o in outcomes:
        append_outcome(path, context.run.run_id, asset, o)
        meta = {"metric": float(o.metric) if o.metric is not None else 0.0,
                "details": dg.MetadataValue.json(o.details or {})}
        results.append(dg.AssetCheckResult(
            asset_key=asset, check_name=o.name, passed=bool(o.passed),
            severity=dg.AssetCheckSeverity.ERROR if o.severity == "ERROR" else dg.AssetCheckSeverity.WARN,
            metadata=meta, description=o.description or None,
        ))
        if not o.passed:
            context.log.warning(f"check {asset}.{o.name} FAILED ({o.severity}): metric={o.metric} {o.details}")
    return results
