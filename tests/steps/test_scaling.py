"""Work per document grows linearly with its length (an operation count, not a clock).

The count is the number of Python lines executed (``sys.settrace`` line events, one per loop or
comprehension iteration too) while cleaning and extracting one synthetic document, and the same
document twice as long. Linear work doubles; the scans this guards against (every mention of the
document looked at for every number, trigger, quote or surname) made it grow 3.5× per doubling.
"""

from __future__ import annotations

import sys

from pipeline.steps.single import extract_document


def _block(i: int) -> str:
    return (f"قال وزير الدفاع الأمريكي لويد أوستن إن {100 + i} جندي انسحبوا من قاعدة عين الأسد في العراق "
            f"يوم {1 + i % 27} يناير 2024. وأضاف أوستن: \"إن القوات ستبقى في المنطقة حتى نهاية العام\". "
            f"وشنت القوات الأمريكية غارات على مواقع في سوريا أسفرت عن مقتل {3 + i % 9} مسلحين، وفقا لوكالة "
            f"رويترز. من جهته قال رئيس الوزراء العراقي محمد شياع السوداني إن بغداد ترفض الهجمات.")


def _document(blocks: int) -> str:
    return "\n\n".join(_block(i) for i in range(blocks))


def _lines_executed(text: str) -> tuple[int, dict]:
    n = 0

    def trace(frame, event, arg):
        nonlocal n
        if event == "line":
            n += 1
        return trace

    sys.settrace(trace)
    try:
        out = extract_document(text)
    finally:
        sys.settrace(None)
    return n, out


def test_extraction_work_doubles_when_the_document_doubles():
    extract_document(_document(2))  # knowledge base, vocabularies and caches loaded before counting
    small, out_small = _lines_executed(_document(30))
    large, out_large = _lines_executed(_document(60))
    # the document really has what the scans look at, in proportion to its length
    for key in ("entity_mentions", "quantities", "event_mentions", "quotes", "citations", "time_expressions"):
        assert out_small[key], key
    assert len(out_large["entity_mentions"]) >= 1.9 * len(out_small["entity_mentions"])
    assert len(out_large["quotes"]) == 2 * len(out_small["quotes"])
    assert 1.8 < large / small < 2.3, (small, large)
