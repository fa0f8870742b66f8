"""Per-document views over the cleaned frames, shared by the extraction steps."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import datetime
from typing import Iterator

import polars as pl

from pipeline.clean.offsets import OffsetMap
from pipeline.progress import track

__all__ = ["DocView", "iter_documents", "attach_offsets", "guarded"]


@dataclass
class DocView:
    doc_id: str
    text: str                                  # cleaned text
    raw_text: str
    published_at: datetime | None
    sentences: list[tuple[int, int]]           # extractable sentences (clean offsets)
    sentence_ids: list[str]
    skip_spans: list[tuple[int, int]]          # non-extractable sentences (other languages)
    offsets: OffsetMap
    _all_starts: list[int]
    _all_ids: list[str]

    def sentence_id_at(self, pos: int) -> str | None:
        """The sentence containing clean offset ``pos`` (any sentence, extractable or not)."""
        i = bisect.bisect_right(self._all_starts, pos) - 1
        return self._all_ids[i] if i >= 0 else None

    def sentence_index_of(self, pos: int) -> int | None:
        i = bisect.bisect_right([s for s, _ in self.sentences], pos) - 1
        return i if i >= 0 else None


def iter_documents(documents: pl.DataFrame, sentences: pl.DataFrame, offset_map: pl.DataFrame) -> Iterator[DocView]:
    """Yield one :class:`DocView` per document, sentences sorted, offsets reconstructed.

    Every frame is turned into column lists once and cut into per-document runs (no per-document
    frame operations)."""
    sents = _runs(sentences.sort("doc_id", "start_char"),
                  ("sentence_id", "start_char", "end_char", "is_extractable")) if sentences.height else {}
    segs = _runs(offset_map.sort("doc_id", "clean_start"),
                 ("clean_start", "clean_len", "raw_start", "raw_len")) if offset_map.height else {}
    for doc_id, clean_text, raw_text, published_at in track(documents.select(
            "doc_id", "clean_text", "raw_text", "published_at").iter_rows(), total=documents.height):
        ext, ext_ids, skip, all_starts, all_ids = [], [], [], [], []
        for sid, a, b, ok in sents.get(doc_id, ()):
            all_starts.append(a)
            all_ids.append(sid)
            if ok:
                ext.append((a, b))
                ext_ids.append(sid)
            else:
                skip.append((a, b))
        yield DocView(doc_id, clean_text, raw_text, published_at, ext, ext_ids, skip,
                      OffsetMap(segs.get(doc_id, [])), all_starts, all_ids)


def _runs(frame: pl.DataFrame, columns: tuple[str, ...]) -> dict[str, list[tuple]]:
    """Rows of ``frame`` (sorted by ``doc_id``) as tuples of ``columns``, grouped by document."""
    ids = frame["doc_id"].to_list()
    rows = list(zip(*(frame[c].to_list() for c in columns)))
    out: dict[str, list[tuple]] = {}
    i, n = 0, len(ids)
    while i < n:
        j = i + 1
        while j < n and ids[j] == ids[i]:
            j += 1
        out[ids[i]] = rows[i:j]
        i = j
    return out


def attach_offsets(view: DocView, rows: list[dict], prefix: str, id_column: str,
                   start: str = "start", end: str = "end") -> list[dict]:
    """Add ``{id_column}``, ``doc_id``, ``sentence_id``, ``start_char``/``end_char`` and ``raw_start``/``raw_end``."""
    out = []
    # a span that crosses a paragraph separator has no contiguous raw counterpart: extractors
    # must stay inside paragraphs, and anything that does not is dropped here
    rows = [r for r in rows if "\n\n" not in view.text[r[start]:r[end]]]
    if not rows:
        return out
    raw_s, raw_e = view.offsets.to_raw_many([r[start] for r in rows], [r[end] for r in rows])
    for i, (r, rs, re_) in enumerate(zip(rows, raw_s, raw_e)):
        row = dict(r)
        row[id_column] = f"{view.doc_id}:{prefix}{i}"
        row["doc_id"] = view.doc_id
        row["sentence_id"] = view.sentence_id_at(r[start])
        row["start_char"], row["end_char"] = r[start], r[end]
        row["raw_start"], row["raw_end"] = rs, re_
        out.append(row)
    return out


def guarded(step: str, view: DocView, errors: list[dict], fn, *args, default=None):
    """Run ``fn(*args)`` for one document; an exception is recorded in ``errors`` (doc_id, step,
    error) and ``default`` returned, so one bad document never crashes a batch."""
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - any extractor failure is isolated to its document
        errors.append({"doc_id": view.doc_id, "step": step, "error": f"{type(exc).__name__}: {exc}"[:500]})
        return default
