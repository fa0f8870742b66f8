"""Frame-level time step: time expressions of every document, anchored on its publication date."""

from __future__ import annotations

import polars as pl

from pipeline.extract.dates import extract_time_expressions
from pipeline.steps.documents import DocView, attach_offsets

__all__ = ["TIMEX_SCHEMA", "time_rows", "time_frame"]

TIMEX_SCHEMA = {
    "timex_id": pl.String, "doc_id": pl.String, "sentence_id": pl.String, "surface": pl.String,
    "start_char": pl.Int32, "end_char": pl.Int32, "raw_start": pl.Int32, "raw_end": pl.Int32,
    "kind": pl.String, "value": pl.String, "date_start": pl.Date, "date_end": pl.Date,
    "granularity": pl.String, "anchor": pl.String, "confidence": pl.Float64,
}


def time_rows(view: DocView) -> tuple[list[dict], int]:
    """Time expressions of one document (clean + raw offsets) and its rejected year-like numbers."""
    res = extract_time_expressions(view.text, view.published_at, sentences=view.sentences)
    keep = [e for e in res.expressions if not _inside(e["start"], view.skip_spans)]
    return attach_offsets(view, keep, "t", "timex_id"), res.rejected_numbers


def time_frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame([{k: r.get(k) for k in TIMEX_SCHEMA} for r in rows], schema=TIMEX_SCHEMA)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)
