"""The "no boilerplate left" oracle: find_markers (one text, Python) and markers_in (a frame, polars)
find the same markers."""

import polars as pl

from pipeline.quality.markers import find_markers, markers_in


def test_markers_in_a_frame_equal_find_markers_per_text():
    texts = ["نص عادي بلا علامات", "[AD_12] إعلان", "a\n  شاركها.  \nb", "Developed By X and powered by Y",
             "\r\nالمصدر\r\n", "المصدر: رويترز", "[ad_١٢]", "جميع الحقوق محفوظة 2024", "", None]
    frame = pl.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "clean_text": texts})
    want = [(f"d{i}", m) for i, t in enumerate(texts) for m in find_markers(t)]
    assert markers_in(frame, "clean_text") == want
    # the two ad tags (any case, any digits), شاركها alone on its line, "Developed By" and "powered by",
    # المصدر alone on its line (not "المصدر: …"), the rights line
    assert len(want) == 7
    assert markers_in(frame.head(0), "clean_text") == []
