"""spans_reproduce: offsets inside the text and reproducing their surface, failures counted and shown."""

import polars as pl

from pipeline.quality.frames import spans_reproduce


def test_spans_reproduce_counts_every_kind_of_failure():
    texts = pl.DataFrame({"doc_id": ["a", "b"], "clean_text": ["قال أوستن إن", "نص  آخر"]})
    spans = pl.DataFrame({
        "doc_id": ["a", "a", "a", "b", "c", "a"],
        "start_char": [4, 0, 10, 0, 0, None],
        "end_char": [9, 3, 99, 2, 1, 2],
        "surface": ["أوستن", "قال", "x", "نص", "y", "قا"],
    }, schema={"doc_id": pl.String, "start_char": pl.Int32, "end_char": pl.Int32, "surface": pl.String})
    out = spans_reproduce(spans, texts, text_column="clean_text", start="start_char", end="end_char",
                          surface="surface", name="offsets_reproduce")
    # out of bounds (a 10:99), unknown document (c), null start: three failures out of six
    assert not out.passed and out.metric == 3.0
    assert out.details["checked"] == 6
    assert [f["doc_id"] for f in out.details["failures"]] == ["a", "c", "a"]
    wrong = spans_reproduce(spans.head(1).with_columns(pl.lit("اوستن").alias("surface")), texts,
                            text_column="clean_text", start="start_char", end="end_char", surface="surface",
                            name="offsets_reproduce")
    assert not wrong.passed and wrong.details["failures"][0]["surface"] == "اوستن"


def test_spans_reproduce_normalizes_raw_slices_before_comparing():
    texts = pl.DataFrame({"doc_id": ["b"], "raw_text": ["نص  آخر"]})
    spans = pl.DataFrame({"doc_id": ["b"], "s": [0], "e": [7], "surface": ["نص آخر"]})
    plain = spans_reproduce(spans, texts, text_column="raw_text", start="s", end="e", surface="surface", name="n")
    assert not plain.passed
    norm = spans_reproduce(spans, texts, text_column="raw_text", start="s", end="e", surface="surface", name="n",
                           normalize=lambda t: " ".join(t.split()))
    assert norm.passed and norm.metric == 0.0 and norm.details == {"checked": 1, "failures": []}
    bounds = spans_reproduce(spans.drop("surface"), texts, text_column="raw_text", start="s", end="e", name="n")
    assert bounds.passed


def test_spans_reproduce_block_by_block_on_large_batches(monkeypatch):
    import pipeline.quality.frames as frames

    monkeypatch.setattr(frames, "_TEXT_BLOCK", 1)
    texts = pl.DataFrame({"doc_id": ["a", "b"], "clean_text": ["قال أوستن إن", "نص  آخر"]})
    spans = pl.DataFrame({"doc_id": ["b", "a", "c", "a"], "s": [0, 4, 0, 10], "e": [2, 9, 1, 99],
                          "surface": ["نص", "أوستن", "y", "x"]})
    out = frames.spans_reproduce(spans, texts, text_column="clean_text", start="s", end="e", surface="surface",
                                 name="n")
    assert out.metric == 2.0 and out.details["checked"] == 4
    assert [f["doc_id"] for f in out.details["failures"]] == ["a", "c"]


def test_spans_reproduce_normalizes_only_what_differs_and_keeps_row_order():
    """Slices equal to their surface are never normalized; a slice that matches only once
    normalized passes; failures are listed in row order whatever their kind."""
    seen = []

    def norm(t):
        seen.append(t)
        return " ".join(t.split())

    texts = pl.DataFrame({"doc_id": ["a", "b"], "raw_text": ["قال  أوستن إن", "نص آخر 😀 هنا"]})
    spans = pl.DataFrame({"doc_id": ["a", "b", "a", "b", None, "a"],
                          "s": [0, 9, 0, 7, 0, 5],
                          "e": [3, 12, 10, 8, 1, 4],
                          "surface": ["قال", "هنا", "قال أوستن", "X", "y", "z"]})
    out = spans_reproduce(spans, texts, text_column="raw_text", start="s", end="e", surface="surface", name="n",
                          normalize=norm)
    # the emoji is one code point: b[9:12] is "هنا"; a[0:10] needs the space run folded; b[7:8] is the
    # emoji, not "X"; a null document and an inverted span (5:4) fail
    assert out.metric == 3.0
    assert [(f["doc_id"], f["s"]) for f in out.details["failures"]] == [("b", 7), (None, 0), ("a", 5)]
    assert sorted(seen) == sorted(["قال  أوستن", "😀"])
