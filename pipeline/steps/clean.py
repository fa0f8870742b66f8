"""Frame-level cleaning step: raw documents → cleaned documents and their segmentation.

Wraps :func:`pipeline.clean.document.clean_document` (one document at a time) and turns the
results into the polars frames loaded into the warehouse.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import polars as pl

from pipeline.clean.document import clean_document
from pipeline.clean.fallback import fallback_clean
from pipeline.clean.script import detect_language
from pipeline.progress import track
from pipeline.settings import processing_version

__all__ = ["CleanOutputs", "clean_step", "PARAGRAPH_SCHEMA", "SENTENCE_SCHEMA", "REMOVED_SCHEMA", "OFFSET_SCHEMA"]

PARAGRAPH_SCHEMA = {
    "paragraph_id": pl.String, "doc_id": pl.String, "paragraph_index": pl.Int32, "kind": pl.String,
    "start_char": pl.Int32, "end_char": pl.Int32, "raw_start": pl.Int32, "raw_end": pl.Int32,
    "script": pl.String, "language": pl.String, "is_extractable": pl.Boolean,
}
SENTENCE_SCHEMA = {
    "sentence_id": pl.String, "doc_id": pl.String, "paragraph_id": pl.String, "sentence_index": pl.Int32,
    "start_char": pl.Int32, "end_char": pl.Int32, "raw_start": pl.Int32, "raw_end": pl.Int32,
    "text": pl.String, "is_extractable": pl.Boolean,
}
REMOVED_SCHEMA = {
    "span_id": pl.String, "doc_id": pl.String, "raw_start": pl.Int32, "raw_end": pl.Int32,
    "rule": pl.String, "text": pl.String,
}
OFFSET_SCHEMA = {
    "doc_id": pl.String, "clean_start": pl.Int32, "clean_len": pl.Int32, "raw_start": pl.Int32, "raw_len": pl.Int32,
}
CLEAN_DOC_COLUMNS = {
    "doc_id": pl.String, "clean_text": pl.String, "title": pl.String, "title_source": pl.String,
    "author": pl.String, "author_source": pl.String, "published_at": pl.Datetime("us"),
    "published_at_source": pl.String, "language": pl.String, "arabic_ratio": pl.Float64,
    "n_paragraphs": pl.Int32, "n_sentences": pl.Int32, "pipeline_version": pl.String,
}


@dataclass
class CleanOutputs:
    documents: pl.DataFrame       # raw document columns + cleaned columns (one row per document)
    paragraphs: pl.DataFrame
    sentences: pl.DataFrame
    removed_spans: pl.DataFrame
    offset_map: pl.DataFrame
    stats: dict = field(default_factory=dict)


def clean_step(raw_documents: pl.DataFrame) -> CleanOutputs:
    """Clean every document of ``raw_documents`` (columns of ``pipeline.ingest.batch.DOCUMENT_SCHEMA``)."""
    version = processing_version()
    doc_rows, par_rows, sen_rows, rem_rows, off_rows = [], [], [], [], []
    rule_counts: Counter = Counter()
    fallbacks: list[dict] = []
    for row in track(raw_documents.iter_rows(named=True), total=raw_documents.height):
        doc_id = row["doc_id"]
        meta = {"title": row.get("title"), "published_at": row.get("published_at"), "author": row.get("author")}
        try:
            res = clean_document(row["raw_text"], **meta)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            fallbacks.append({"doc_id": doc_id, "error": f"{type(exc).__name__}: {exc}"[:500]})
            res = fallback_clean(row["raw_text"], **meta)
        language, ratio = detect_language(res.clean_text)
        doc_rows.append({
            "doc_id": doc_id, "clean_text": res.clean_text, "title": res.title, "title_source": res.title_source,
            "author": res.author, "author_source": res.author_source, "published_at": res.published_at,
            "published_at_source": res.published_at_source, "language": language, "arabic_ratio": ratio,
            "n_paragraphs": len(res.paragraphs), "n_sentences": len(res.sentences),
            "pipeline_version": version,
        })
        pid = {}
        for p in res.paragraphs:
            pid[p["index"]] = f"{doc_id}:p{p['index']}"
            par_rows.append({
                "paragraph_id": pid[p["index"]], "doc_id": doc_id, "paragraph_index": p["index"], "kind": p.get("kind"),
                "start_char": p["start"], "end_char": p["end"], "raw_start": p["raw_start"], "raw_end": p["raw_end"],
                "script": p.get("script"), "language": p.get("language"), "is_extractable": bool(p["is_extractable"]),
            })
        extractable = {p["index"]: bool(p["is_extractable"]) for p in res.paragraphs}
        for s in res.sentences:
            sen_rows.append({
                "sentence_id": f"{doc_id}:s{s['index']}", "doc_id": doc_id, "paragraph_id": pid[s["paragraph_index"]],
                "sentence_index": s["index"], "start_char": s["start"], "end_char": s["end"],
                "raw_start": s["raw_start"], "raw_end": s["raw_end"], "text": res.clean_text[s["start"]:s["end"]],
                "is_extractable": extractable.get(s["paragraph_index"], True),
            })
        for i, r in enumerate(res.removed_spans):
            rule_counts[r["rule"]] += 1
            rem_rows.append({"span_id": f"{doc_id}:r{i}", "doc_id": doc_id, "raw_start": r["raw_start"],
                             "raw_end": r["raw_end"], "rule": r["rule"], "text": r["text"]})
        for cs, cl, rs, rl in res.offset_map.segments:
            off_rows.append({"doc_id": doc_id, "clean_start": cs, "clean_len": cl, "raw_start": rs, "raw_len": rl})
    cleaned = pl.DataFrame(doc_rows, schema=CLEAN_DOC_COLUMNS)
    base = raw_documents.drop([c for c in ("title", "author", "published_at") if c in raw_documents.columns])
    documents = base.join(cleaned, on="doc_id", how="left")
    # metadata title/author/date win (clean_document returns them with source 'metadata'); keep raw ones otherwise
    stats = {
        "documents": documents.height,
        "paragraphs": len(par_rows),
        "sentences": len(sen_rows),
        "removed_spans": len(rem_rows),
        "removed_by_rule": dict(rule_counts),
        "with_published_at": int(documents["published_at"].is_not_null().sum()) if documents.height else 0,
        "fallback_documents": fallbacks,
    }
    return CleanOutputs(
        documents=documents,
        paragraphs=pl.DataFrame(par_rows, schema=PARAGRAPH_SCHEMA),
        sentences=pl.DataFrame(sen_rows, schema=SENTENCE_SCHEMA),
        removed_spans=pl.DataFrame(rem_rows, schema=REMOVED_SCHEMA),
        offset_map=pl.DataFrame(off_rows, schema=OFFSET_SCHEMA),
        stats=stats,
    )
