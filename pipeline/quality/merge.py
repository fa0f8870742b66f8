"""One check over a batch from the same check over slices of it.

Checks over spooled tables run a slice of documents at a time (``pipeline.steps.spool``); the
outcome for the batch folds the slices' outcomes: passed if every slice passed, the metric summed
(a count of offending rows), a share (``share_at_most``: ``part``/``whole``/``limit`` details)
recomputed from the summed part and whole, and in the details counts summed, example lists
concatenated up to :data:`EXAMPLES` and sorted value lists (``unexpected``) merged.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.quality.outcome import CheckOutcome

__all__ = ["EXAMPLES", "merge_outcomes", "merge_checks"]

EXAMPLES = 5
_SORTED_LISTS = {"unexpected"}


def _merge_details(a, b):
    if isinstance(a, dict) and isinstance(b, dict):
        out = dict(a)
        for k, v in b.items():
            if k not in out:
                out[k] = v
            elif k in _SORTED_LISTS and isinstance(v, list):
                out[k] = sorted(set(out[k]) | set(v))[:EXAMPLES]
            else:
                out[k] = _merge_details(out[k], v)
        return out
    if isinstance(a, list) and isinstance(b, list):
        return (a + b)[:max(EXAMPLES, len(a))]
    if isinstance(a, bool) or isinstance(b, bool):
        return a
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a + b
    return a


def merge_outcomes(a: CheckOutcome, b: CheckOutcome) -> CheckOutcome:
    """The outcome over two disjoint slices' rows, from each slice's outcome (same check)."""
    if a.name != b.name:
        raise ValueError(f"cannot merge outcomes of different checks: {a.name} / {b.name}")
    if {"part", "whole", "limit"} <= set(a.details) and {"part", "whole", "limit"} <= set(b.details):
        part, whole, limit = a.details["part"] + b.details["part"], a.details["whole"] + b.details["whole"], a.details["limit"]
        share = part / whole if whole else 0.0
        return replace(a, passed=share <= limit, metric=share, details={"part": part, "whole": whole, "limit": limit})
    metric = None if a.metric is None and b.metric is None else (a.metric or 0) + (b.metric or 0)
    return replace(a, passed=a.passed and b.passed, metric=metric, details=_merge_details(a.details, b.details))


def merge_checks(total: list[tuple[str, list[CheckOutcome]]] | None,
                 part: list[tuple[str, list[CheckOutcome]]]) -> list[tuple[str, list[CheckOutcome]]]:
    """Fold one slice's ``(asset, outcomes)`` list into the running total (same assets, same order)."""
    if total is None:
        return part
    return [(asset, [merge_outcomes(x, y) for x, y in zip(xs, ys)]) for (asset, xs), (_a, ys) in zip(total, part)]
