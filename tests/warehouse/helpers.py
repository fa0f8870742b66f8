"""Build small ingest batches without the cleaning library (identity cleaning)."""

from __future__ import annotations

import polars as pl

from pipeline.clean.script import detect_language
from pipeline.ingest.batch import ingest
from pipeline.settings import Settings, processing_version
from pipeline.steps.clean import OFFSET_SCHEMA, PARAGRAPH_SCHEMA, REMOVED_SCHEMA, SENTENCE_SCHEMA


def identity_tables(docs: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, pl.DataFrame]]:
    rows_p, rows_s, rows_o = [], [], []
    for d in docs.iter_rows(named=True):
        n = len(d["raw_text"])
        rows_p.append({"paragraph_id": f"{d['doc_id']}:p0", "doc_id": d["doc_id"], "paragraph_index": 0, "kind": "body",
                       "start_char": 0, "end_char": n, "raw_start": 0, "raw_end": n, "script": "arabic",
                       "language": "ar", "is_extractable": True})
        rows_s.append({"sentence_id": f"{d['doc_id']}:s0", "doc_id": d["doc_id"], "paragraph_id": f"{d['doc_id']}:p0",
                       "sentence_index": 0, "start_char": 0, "end_char": n, "raw_start": 0, "raw_end": n,
                       "text": d["raw_text"], "is_extractable": True})
        rows_o.append({"doc_id": d["doc_id"], "clean_start": 0, "clean_len": n, "raw_start": 0, "raw_len": n})
    full = docs.with_columns(
        clean_text=pl.col("raw_text"), title_source=pl.lit(None, pl.String), author_source=pl.lit(None, pl.String),
        published_at_source=pl.when(pl.col("published_at").is_not_null()).then(pl.lit("metadata")).otherwise(None),
        language=pl.lit("ar"), arabic_ratio=pl.lit(1.0), n_paragraphs=pl.lit(1), n_sentences=pl.lit(1),
        pipeline_version=pl.lit(processing_version()),
    )
    return full, {
        "paragraphs": pl.DataFrame(rows_p, schema=PARAGRAPH_SCHEMA),
        "sentences": pl.DataFrame(rows_s, schema=SENTENCE_SCHEMA),
        "removed_spans": pl.DataFrame(schema=REMOVED_SCHEMA),
        "offset_map": pl.DataFrame(rows_o, schema=OFFSET_SCHEMA),
    }


def batch_for(path, manifest=None, known=None):
    return ingest(Settings(inputs=(path,)), detect_language, manifest=manifest, known_docs=known)
