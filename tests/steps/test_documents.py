"""Per-document views: raw offsets, sentence ids, cross-paragraph guard, failure isolation."""

from pipeline.clean.offsets import OffsetMap
from pipeline.steps.documents import DocView, attach_offsets, guarded


def _view(text, raw=None, segments=None):
    raw = raw if raw is not None else text
    return DocView("d1", text, raw, None, [(0, len(text))], ["d1:s0"], [],
                   OffsetMap(segments or [(0, len(text), 0, len(raw))]), [0], ["d1:s0"])


def test_attach_offsets_maps_and_names_rows():
    v = _view("abc def ghi")
    rows = attach_offsets(v, [{"start": 4, "end": 7}], "m", "mention_id")
    assert rows == [{"start": 4, "end": 7, "mention_id": "d1:m0", "doc_id": "d1", "sentence_id": "d1:s0",
                     "start_char": 4, "end_char": 7, "raw_start": 4, "raw_end": 7}]


def test_spans_crossing_a_paragraph_separator_are_dropped():
    text = "first para\n\nsecond para"
    v = _view(text, raw="first para\nsecond para", segments=[(0, 10, 0, 10), (12, 11, 11, 11)])
    rows = attach_offsets(v, [{"start": 6, "end": 18}, {"start": 12, "end": 18}], "t", "timex_id")
    assert [(r["start_char"], r["end_char"], r["raw_start"], r["raw_end"]) for r in rows] == [(12, 18, 11, 17)]


def test_guarded_isolates_a_failing_document():
    errors = []
    v = _view("x")
    assert guarded("time", v, errors, lambda: 1 / 0, default=([], 0)) == ([], 0)
    assert errors == [{"doc_id": "d1", "step": "time", "error": "ZeroDivisionError: division by zero"}]
    assert guarded("time", v, errors, lambda a: a + 1, 1) == 2 and len(errors) == 1
