"""A conservative cleaner used only when :func:`clean_document` raises on a document.

It removes nothing and detects no header: each non-empty line becomes one paragraph and one
sentence, with the same Unicode hygiene and offset map as the real cleaner, so every invariant
(offsets reproduce their text in both texts) still holds and one bad document never stops a batch.
Metadata passed in (feed title/date/author) is kept; nothing is read from the text.
"""

from __future__ import annotations

from datetime import datetime

from pipeline.clean.document import CleanResult
from pipeline.clean.offsets import OffsetMap
from pipeline.clean.script import identify
from pipeline.clean.segment import split_lines
from pipeline.clean.unicode import normalize_with_map, strip_span

__all__ = ["fallback_clean"]

SEPARATOR = "\n\n"


def fallback_clean(raw_text: str, *, title: str | None = None, published_at: datetime | None = None,
                   author: str | None = None) -> CleanResult:
    """Line-per-paragraph cleaning with hygiene only; ``stats['fallback'] = True``."""
    parts: list[str] = []
    segments: list = []
    paragraphs: list[dict] = []
    sentences: list[dict] = []
    pos = 0
    for a, b in split_lines(raw_text):
        a, b = strip_span(raw_text, a, b)
        if a >= b:
            continue
        if parts:
            parts.append(SEPARATOR)
            pos += len(SEPARATOR)
        clean, segs = normalize_with_map(raw_text[a:b], base=a, clean_base=pos)
        if not clean:
            if parts:
                parts.pop()
                pos -= len(SEPARATOR)
            continue
        script, language, _ = identify(clean)
        idx = len(paragraphs)
        span = {"start": pos, "end": pos + len(clean), "raw_start": a, "raw_end": b}
        paragraphs.append({"index": idx, **span, "script": script, "language": language,
                           "is_extractable": language == "ar", "kind": "body"})
        sentences.append({"index": idx, "paragraph_index": idx, **span})
        parts.append(clean)
        segments += segs
        pos += len(clean)
    return CleanResult(
        clean_text="".join(parts), offset_map=OffsetMap(segments),
        title=title, title_source="metadata" if title else None,
        author=author, author_source="metadata" if author else None,
        published_at=published_at, published_at_source="metadata" if published_at else None,
        paragraphs=paragraphs, sentences=sentences, stats={"fallback": True, "paragraphs": len(paragraphs)},
    )
