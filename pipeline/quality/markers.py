"""Independent oracle for the "no boilerplate left" check: markers that must never survive cleaning.

Deliberately separate from the cleaning rules (``pipeline/clean/boilerplate.py``) so that the
check tests the cleaner instead of restating it.
"""

from __future__ import annotations

import re

import polars as pl

__all__ = ["BOILERPLATE_MARKERS", "find_markers", "markers_in"]

BOILERPLATE_MARKERS = re.compile(
    r"\[ad_\d+\]|Developed by|Powered by|All rights reserved|جميع الحقوق محفوظة|"
    r"^\s*شاركها\.?\s*$|^\s*حجم الخط\s*$|انقر هنا للحصول على تطبيق|^\s*المصدر\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def find_markers(text: str) -> list[str]:
    """Marker strings present in ``text``."""
    return [m.group(0) for m in BOILERPLATE_MARKERS.finditer(text or "")]


def markers_in(texts: pl.DataFrame, text_column: str) -> list[tuple[str, str]]:
    """``(doc_id, marker)`` of every marker in the ``text_column`` of ``texts`` (with ``doc_id``), in
    row order: :func:`find_markers` run by polars (Rust's regex engine, the same pattern and flags:
    one pass over all texts instead of a Python regex scan per document)."""
    if texts.height == 0:
        return []
    found = (texts.select("doc_id", pl.col(text_column).str.extract_all(_RUST_PATTERN).alias("marker"))
             .explode("marker", empty_as_null=True).drop_nulls("marker"))
    return list(found.iter_rows())


_RUST_PATTERN = "(?im)" + BOILERPLATE_MARKERS.pattern
