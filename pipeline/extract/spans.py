"""Position windows over rows sorted by ``start`` (mentions, time expressions).

Extractors look for the mentions inside or next to a span; scanning every mention of the document
for each span made long documents quadratic. :func:`starting_between` returns the slice of rows
whose start lies in ``[a, b]`` by binary search, in the rows' order, so a filter applied to the
slice finds exactly what it found over the whole list whenever its condition implies
``a <= start <= b``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

__all__ = ["starting_between", "candidates_between"]

_LAST: list = [None, 0, [], True]


def _starts(rows: Sequence[dict]) -> list[int]:
    """The rows' starts, kept for the last list seen (one extractor call asks many times)."""
    last, n, starts, _ = _LAST
    if last is not rows or n != len(rows):
        starts = [r["start"] for r in rows]
        _LAST[:] = [rows, len(rows), starts, all(a <= b for a, b in zip(starts, starts[1:]))]
    return starts


def candidates_between(rows: Sequence[dict], a: int, b: int) -> Sequence[dict]:
    """:func:`starting_between` when ``rows`` are sorted by ``start``, else all of ``rows``: a filter
    whose condition implies ``a <= start <= b`` finds the same rows either way."""
    starts = _starts(rows)
    if not _LAST[3]:
        return rows
    return rows[bisect.bisect_left(starts, a) : bisect.bisect_right(starts, b)]


def starting_between(rows: Sequence[dict], a: int, b: int) -> Sequence[dict]:
    """Rows (sorted by ``start``) with ``a <= start <= b``, in order."""
    starts = _starts(rows)
    return rows[bisect.bisect_left(starts, a) : bisect.bisect_right(starts, b)]
