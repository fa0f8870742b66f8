"""Publication dates that cannot be right are dropped, never allowed to block a batch.

Feed metadata dates are screened at ingest (:func:`pipeline.ingest.metadata.published_at_flag`,
flag kept in ``document_sources.published_at_flag``); this screens what the cleaner settled on,
which may come from a dateline printed in the text. A document with such a date is published
undated (``published_at`` and ``published_at_source`` NULL) and listed by the non-blocking
``published_at_plausible`` check; the blocking ``published_at_sane`` check then only guards
against a bug.
"""

from __future__ import annotations

from datetime import datetime

import polars as pl

from pipeline.ingest.metadata import published_at_flag

__all__ = ["drop_implausible_dates"]


def drop_implausible_dates(documents: pl.DataFrame, now: datetime | None = None) -> tuple[pl.DataFrame, list[dict]]:
    """``documents`` with implausible ``published_at`` set to NULL, and one ``{doc_id, published_at, flag,
    source}`` per document changed."""
    if documents.height == 0 or "published_at" not in documents.columns:
        return documents, []
    now = now or datetime.now()
    flagged = []
    flags = []
    for doc_id, when, source in documents.select("doc_id", "published_at", "published_at_source").iter_rows():
        flag = published_at_flag(when, now)
        flags.append(flag)
        if flag:
            flagged.append({"doc_id": doc_id, "published_at": str(when), "flag": flag, "source": source})
    if not flagged:
        return documents, []
    bad = pl.Series(flags, dtype=pl.String).is_not_null()
    out = documents.with_columns(
        pl.when(bad).then(None).otherwise(pl.col("published_at")).alias("published_at"),
        pl.when(bad).then(None).otherwise(pl.col("published_at_source")).alias("published_at_source"),
    )
    return out, flagged
