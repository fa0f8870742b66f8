"""Documents rejected after cleaning: nothing left once the boilerplate is gone.

Applied just before publishing: such a document is not published; each of its source records of
this batch becomes a ``rejected_documents`` row with reason ``empty_after_cleaning`` (detail:
the cleaning rules that removed everything), and its rows in document-scoped tables (the removed
spans) are dropped with it.
"""

from __future__ import annotations

from collections import Counter

import polars as pl

__all__ = ["EMPTY_AFTER_CLEANING", "empty_document_ids", "quarantine_empty_documents", "quarantine_for_load"]

EMPTY_AFTER_CLEANING = "empty_after_cleaning"


def empty_document_ids(documents: pl.DataFrame | pl.LazyFrame) -> list[str]:
    """Ids of the documents whose ``clean_text`` is blank (only that column is read from a lazy scan)."""
    return (documents.lazy().filter(pl.col("clean_text").fill_null("").str.strip_chars() == "")
            .select("doc_id").collect()["doc_id"].to_list())


def quarantine_empty_documents(
    documents: pl.DataFrame, sources: pl.DataFrame, rejected: pl.DataFrame, doc_tables: dict[str, pl.DataFrame],
    empty: list[str] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, dict[str, pl.DataFrame]]:
    """Move documents whose ``clean_text`` is blank from the batch to the quarantine.

    Returns ``(documents, sources, rejected, doc_tables)`` without those documents, the
    rejections added (one per source record; columns of ``rejected``). ``documents`` and the
    ``doc_tables`` may be lazy frames (spooled tables): they are returned lazy, filtered.
    ``empty``: the ids :func:`empty_document_ids` gave, when the caller already has them.

    For loading, see :func:`quarantine_for_load`.
    """
    # ``documents`` and ``doc_tables`` may be lazy scans (spooled tables): only the empty documents'
    # ids and removed spans are read, and the filtered tables stay lazy
    if empty is None:
        empty = empty_document_ids(documents)
    if not empty:
        return documents, sources, rejected, doc_tables
    gone = set(empty)
    removed = doc_tables.get("removed_spans")
    rules: dict[str, Counter] = {d: Counter() for d in empty}
    if removed is not None:
        for doc_id, rule in removed.lazy().filter(pl.col("doc_id").is_in(empty)).select("doc_id", "rule").collect().iter_rows():
            rules[doc_id][rule] += 1
    rows = []
    for src in sources.filter(pl.col("doc_id").is_in(empty)).iter_rows(named=True):
        why = ", ".join(f"{r}×{n}" for r, n in sorted(rules[src["doc_id"]].items())) or "no content line"
        rows.append({
            "source_uri": src["source_uri"], "source_path": src["source_path"], "external_id": src["external_id"],
            "reason": EMPTY_AFTER_CLEANING, "size_bytes": src.get("size_bytes"), "encoding": src.get("encoding"),
            "line_no": src.get("line_no"),
            "detail": f"nothing left after cleaning (document {src['doc_id']}; removed: {why})",
        })
    extra = pl.DataFrame(rows, schema=rejected.schema) if rows else rejected.head(0)
    keep = ~pl.col("doc_id").is_in(list(gone))
    return (
        documents.filter(keep),
        sources.filter(keep),
        pl.concat([rejected, extra], how="vertical_relaxed") if extra.height else rejected,
        {name: (frame.filter(keep) if "doc_id" in frame.collect_schema().names() else frame)
         for name, frame in doc_tables.items()},
    )


def quarantine_for_load(
    documents: pl.DataFrame | pl.LazyFrame, sources: pl.DataFrame, rejected: pl.DataFrame,
    doc_tables: dict[str, pl.DataFrame | pl.LazyFrame],
) -> tuple[pl.DataFrame | pl.LazyFrame, pl.DataFrame, pl.DataFrame, dict, list[str], list[str] | None]:
    """:func:`quarantine_empty_documents` for publishing: ``(documents, sources, rejected, doc_tables,
    empty, exclude_doc_ids)``.

    A filtered scan cannot be sliced without reading ahead of the slice (polars streams every column
    of the files up to it: three times the corpus, +400 MB for the documents' texts), so lazy
    (spooled) tables come back unfiltered, with the quarantined ids to leave out at load time
    (``build_and_publish(exclude_doc_ids=…)``); frames come back filtered and ``exclude_doc_ids`` is
    ``None``. ``empty``: the quarantined documents' ids."""
    empty = empty_document_ids(documents)
    kept, sources, rejected, kept_tables = quarantine_empty_documents(documents, sources, rejected, doc_tables,
                                                                      empty=empty)
    if empty and isinstance(documents, pl.LazyFrame):
        return documents, sources, rejected, doc_tables, empty, empty
    return kept, sources, rejected, kept_tables, empty, None
