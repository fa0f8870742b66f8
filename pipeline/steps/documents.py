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
    """Yield one :class:`DocView` per document, sentences sorted, offsets reconstructed."""
    sents = {k[0] if isinstance(k, tuple) else k: v for k, v in
             sentences.sort("doc_id", "start_char").partition_by("doc_id", as_dict=True).items()} if sentences.height else {}
    segs = {k[0] if isinstance(k, tuple) else k: v for k, v in
            offset_map.sort("doc_id", "clean_start").partition_by("doc_id", as_dict=True).items()} if offset_map.height else {}
    for row in track(documents.select("doc_id", "clean_text", "raw_text", "published_at").iter_rows(named=True),
                     total=documents.height):
        doc_id = row["doc_id"]
        s = sents.get(doc_id)
        ext, ext_ids, skip, all_starts, all_ids = [], [], [], [], []
        if s is not None:
            for sid, a, b, ok in s.select("sentence_id", "start_char", "end_char", "is_extractable").iter_rows():
                all_starts.append(a)
                all_ids.append(sid)
                if ok:
                    ext.append((a, b))
                    ext_ids.append(sid)
                else:
                    skip.append((a, b))
        seg = segs.get(doc_id)
        segments = [tuple(r) for r in seg.select("clean_start", "clean_len", "raw_start", "raw_len").iter_rows()] if seg is not None else []
        yield DocView(doc_id, row["clean_text"], row["raw_text"], row["published_at"], ext, ext_ids, skip,
                      OffsetMap(segments), all_starts, all_ids)


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
