"""Checks over slices of a batch fold into the check over the batch."""

from __future__ import annotations

import polars as pl
import pytest

from pipeline.quality import frames as fc
from pipeline.quality.merge import merge_checks, merge_outcomes

TEXTS = pl.DataFrame({"doc_id": ["a", "b", "c"], "text": ["قصف الطيران", "قتل خمسة", "غارة جوية"]})
SPANS = pl.DataFrame({"doc_id": ["a", "a", "b", "c", "c"], "s": [0, 4, 0, 0, 9], "e": [3, 11, 3, 4, 3],
                      "surface": ["قصف", "الطيران", "قتل", "غار", "x"]})


def _slices():
    for ids in (["a"], ["b", "c"]):
        yield SPANS.filter(pl.col("doc_id").is_in(ids)), TEXTS.filter(pl.col("doc_id").is_in(ids))


def test_span_check_over_slices_equals_the_whole_batch():
    whole = fc.spans_reproduce(SPANS, TEXTS, text_column="text", start="s", end="e", surface="surface", name="o")
    parts = [fc.spans_reproduce(s, t, text_column="text", start="s", end="e", surface="surface", name="o")
             for s, t in _slices()]
    merged = merge_outcomes(*parts)
    assert (merged.passed, merged.metric) == (whole.passed, whole.metric) == (False, 2.0)
    assert merged.details == whole.details  # checked summed, failures concatenated in order


def test_counts_sum_examples_stay_few_and_accepted_values_merge_sorted():
    a = fc.accepted_values(pl.DataFrame({"k": ["x", "q", "z"] * 3}), "k", ["x"], name="v")
    b = fc.accepted_values(pl.DataFrame({"k": ["a", "b", "c", "d", "e", "x"]}), "k", ["x"], name="v")
    m = merge_outcomes(a, b)
    assert not m.passed and m.metric == a.metric + b.metric == 11
    assert m.details["unexpected"] == ["a", "b", "c", "d", "e"]
    ok = merge_outcomes(fc.CheckOutcome("n", True, 0.0, {"checked": 3, "failures": []}),
                        fc.CheckOutcome("n", True, 0.0, {"checked": 4, "failures": []}))
    assert ok.passed and ok.metric == 0 and ok.details == {"checked": 7, "failures": []}
    many = merge_outcomes(fc.CheckOutcome("n", False, 3.0, {"examples": [1, 2, 3]}),
                          fc.CheckOutcome("n", False, 4.0, {"examples": [4, 5, 6, 7]}))
    assert many.details["examples"] == [1, 2, 3, 4, 5] and many.metric == 7


def test_share_is_recomputed_from_parts_and_wholes():
    a = fc.share_at_most(0, 10, 0.05, "share")
    b = fc.share_at_most(1, 10, 0.05, "share")  # 10 % of this slice, 5 % of both
    m = merge_outcomes(a, b)
    assert m.passed and m.metric == pytest.approx(0.05) and m.details == {"part": 1, "whole": 20, "limit": 0.05}
    assert not merge_outcomes(b, fc.share_at_most(1, 10, 0.05, "share")).passed


def test_merge_checks_folds_lists_and_refuses_mismatched_checks():
    one = [("t", [fc.CheckOutcome("a", True, 0.0), fc.CheckOutcome("b", False, 1.0)])]
    two = [("t", [fc.CheckOutcome("a", False, 2.0), fc.CheckOutcome("b", True, 0.0)])]
    assert merge_checks(None, one) is one
    total = merge_checks(one, two)
    assert [(o.name, o.passed, o.metric) for o in total[0][1]] == [("a", False, 2.0), ("b", False, 1.0)]
    with pytest.raises(ValueError):
        merge_outcomes(fc.CheckOutcome("a", True), fc.CheckOutcome("b", True))
