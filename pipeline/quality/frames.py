"""Declarative checks over polars frames, mirroring dbt's generic tests.

``unique``, ``not_null``, ``accepted_values`` and ``relationships`` take a frame and return a
:class:`CheckOutcome` whose metric is the number of offending rows, with examples in
``details``; ``spans_reproduce`` proves that offsets reproduce their surface text.
"""

from __future__ import annotations

from typing import Callable, Iterable

import polars as pl

from pipeline.quality.outcome import CheckOutcome  # noqa: F401  (re-exported for callers)

__all__ = ["CheckOutcome", "unique", "not_null", "accepted_values", "relationships", "spans_reproduce", "share_at_most"]

_EXAMPLES = 5


def unique(frame: pl.DataFrame, columns: list[str], name: str | None = None, **kw) -> CheckOutcome:
    """No two rows share the values of ``columns`` (a primary key)."""
    dup = frame.group_by(columns).len().filter(pl.col("len") > 1) if frame.height else frame.head(0)
    n = dup.height
    return CheckOutcome(name or f"unique_{'_'.join(columns)}", n == 0, float(n),
                        {"duplicates": dup.head(_EXAMPLES).to_dicts() if n else []},
                        description=f"{'+'.join(columns)} is unique", **kw)


def not_null(frame: pl.DataFrame, columns: list[str], name: str | None = None, **kw) -> CheckOutcome:
    """``columns`` are never null."""
    nulls = {c: int(frame[c].null_count()) for c in columns}
    n = sum(nulls.values())
    return CheckOutcome(name or f"not_null_{'_'.join(columns)}", n == 0, float(n),
                        {"nulls_by_column": {c: v for c, v in nulls.items() if v}},
                        description=f"{', '.join(columns)} not null", **kw)


def accepted_values(frame: pl.DataFrame, column: str, values: Iterable[str], name: str | None = None,
                    allow_null: bool = True, **kw) -> CheckOutcome:
    """Every value of ``column`` is in ``values``."""
    values = list(values)
    bad = frame.filter(~pl.col(column).is_in(values) & (pl.col(column).is_not_null() if allow_null else pl.lit(True)))
    if not allow_null:
        bad = pl.concat([bad, frame.filter(pl.col(column).is_null())])
    n = bad.height
    return CheckOutcome(name or f"accepted_values_{column}", n == 0, float(n),
                        {"unexpected": sorted({str(v) for v in bad[column].to_list()})[:_EXAMPLES]},
                        description=f"{column} in {values}", **kw)


def relationships(child: pl.DataFrame, column: str, parent: pl.DataFrame, parent_column: str,
                  name: str | None = None, **kw) -> CheckOutcome:
    """Every non-null ``child.column`` exists in ``parent.parent_column`` (a foreign key)."""
    keys = child.select(pl.col(column)).drop_nulls().unique()
    orphans = keys.join(parent.select(pl.col(parent_column).alias(column)).unique(), on=column, how="anti")
    n = orphans.height
    return CheckOutcome(name or f"relationships_{column}", n == 0, float(n),
                        {"orphans": orphans[column].head(_EXAMPLES).to_list()},
                        description=f"{column} → {parent_column}", **kw)


def spans_reproduce(spans: pl.DataFrame, texts: pl.DataFrame, *, text_column: str, start: str, end: str,
                    surface: str | None = None, name: str, normalize: Callable[[str], str] | None = None,
                    **kw) -> CheckOutcome:
    """Offsets are inside their document's text and ``text[start:end]`` equals the surface.

    ``spans`` has ``doc_id``, ``start``, ``end`` (and ``surface``); ``texts`` has ``doc_id`` and
    ``text_column``. With ``normalize``, the slice is normalized before comparing (raw-text spans
    of cleaned surfaces).
    """
    if spans.height == 0:
        return CheckOutcome(name, True, 0.0, {"checked": 0}, description="offsets reproduce surfaces", **kw)
    # vectorised: each span row gets its document's text by a join (polars string views: no text is
    # copied), polars slices it by code point and compares; only the slices that differ from their
    # surface go through ``normalize`` in Python. The texts are taken a block of documents at a time, so
    # memory stays flat in the batch size (with more than one block, failure examples are listed block by
    # block, orphans last).
    texts = texts.select("doc_id", pl.col(text_column).alias(_TEXT))
    if texts.height <= _TEXT_BLOCK:
        n_bad, bad_rows = _check_spans(spans, texts, start, end, surface, normalize, _EXAMPLES)
    else:
        n_bad, bad_rows = 0, []
        for offset in range(0, texts.height, _TEXT_BLOCK):
            block = texts.slice(offset, _TEXT_BLOCK)
            rows = spans.filter(pl.col("doc_id").is_in(block["doc_id"].implode()))
            n, bad = _check_spans(rows, block, start, end, surface, normalize, _EXAMPLES - len(bad_rows))
            n_bad += n
            bad_rows += bad
        orphans = spans.filter(~pl.col("doc_id").is_in(texts["doc_id"].implode()) | pl.col("doc_id").is_null())
        n, bad = _check_spans(orphans, texts.head(0), start, end, surface, normalize, _EXAMPLES - len(bad_rows))
        n_bad += n
        bad_rows += bad
    return CheckOutcome(name, n_bad == 0, float(n_bad), {"checked": spans.height, "failures": bad_rows},
                        description=f"{text_column}[{start}:{end}] reproduces {surface or 'a valid span'}", **kw)


_TEXT_BLOCK = 2000
_TEXT, _ROW, _PIECE, _OK = "_spans_text", "_spans_row", "_spans_piece", "_spans_ok"


def _check_spans(rows: pl.DataFrame, texts: pl.DataFrame, start: str, end: str, surface: str | None,
                 normalize: Callable[[str], str] | None, room: int) -> tuple[int, list[dict]]:
    """Failures among ``rows`` (count, first ``room`` examples in row order) given their documents'
    texts (``doc_id``, ``_TEXT``; a document listed twice counts once, its last text)."""
    if rows.height == 0:
        return 0, []
    cols = ["doc_id", start, end] + ([surface] if surface else [])
    j = (rows.select(cols).with_row_index(_ROW)
         .join(texts.unique("doc_id", keep="last"), on="doc_id", how="left", maintain_order="left"))
    s, e, text = pl.col(start), pl.col(end), pl.col(_TEXT)
    inside = (text.is_not_null() & s.is_not_null() & e.is_not_null() & (s >= 0) & (s <= e)
              & (e <= text.str.len_chars())).fill_null(False)
    if not surface:
        j = j.with_columns(inside.alias(_OK))
    else:
        piece = pl.when(inside).then(text.str.slice(s.clip(0), (e - s).clip(0)))
        j = j.with_columns(piece.alias(_PIECE)).with_columns(
            (inside & (pl.col(_PIECE) == pl.col(surface)).fill_null(False)).alias(_OK))
        if normalize is not None:  # slices that differ as they are may equal their surface once normalized
            retry = j.filter(pl.col(_PIECE).is_not_null() & ~pl.col(_OK))
            if retry.height:
                fixed = [r for r, p, want in zip(retry[_ROW].to_list(), retry[_PIECE].to_list(),
                                                  retry[surface].to_list()) if normalize(p) == want]
                if fixed:
                    j = j.with_columns(pl.col(_OK) | pl.col(_ROW).is_in(fixed))
    bad = j.filter(~pl.col(_OK))
    examples = [{"doc_id": d, start: a, end: b, "surface": w if surface else None}
                for d, a, b, w in zip(bad["doc_id"].head(room).to_list(), bad[start].head(room).to_list(),
                                      bad[end].head(room).to_list(),
                                      bad[surface].head(room).to_list() if surface else [None] * min(room, bad.height))]
    return bad.height, examples if room > 0 else []


def share_at_most(part: int, whole: int, limit: float, name: str, **kw) -> CheckOutcome:
    """``part / whole <= limit`` (e.g. the share of rejected inputs)."""
    share = part / whole if whole else 0.0
    return CheckOutcome(name, share <= limit, share, {"part": part, "whole": whole, "limit": limit},
                        description=f"share ≤ {limit:.0%}", **kw)
