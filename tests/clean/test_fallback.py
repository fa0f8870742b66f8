"""The fallback cleaner keeps every offset invariant, and clean_step uses it when cleaning fails."""

from pathlib import Path

import polars as pl

import pipeline.steps.clean as clean_step_module
from pipeline.clean.fallback import fallback_clean
from pipeline.clean.unicode import surface_normalize
from pipeline.ingest.batch import DOCUMENT_SCHEMA

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_fallback_offsets_reproduce_in_both_texts():
    for path in SEEDS.glob("*.txt"):
        raw = path.read_text(encoding="utf-8") + "\u0640\u200f  ذيل\u00a0النص  "
        res = fallback_clean(raw)
        assert res.stats["fallback"] and res.paragraphs
        for p in res.paragraphs + res.sentences:
            assert surface_normalize(raw[p["raw_start"]:p["raw_end"]]) == res.clean_text[p["start"]:p["end"]]
            assert res.offset_map.to_raw(p["start"], p["end"]) == (p["raw_start"], p["raw_end"])
        assert res.published_at is None and res.removed_spans == []


def test_clean_step_falls_back_instead_of_failing(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(clean_step_module, "clean_document", broken)
    raw = "عنوان الخبر\n\nقالت وزارة الدفاع إن القوات انسحبت من القاعدة."
    row = {k: None for k in DOCUMENT_SCHEMA} | {"doc_id": "d1", "raw_text": raw, "content_sha256": "x", "n_sources": 1}
    out = clean_step_module.clean_step(pl.DataFrame([row], schema=DOCUMENT_SCHEMA))
    assert out.stats["fallback_documents"] == [{"doc_id": "d1", "error": "RuntimeError: boom"}]
    assert out.documents["clean_text"].to_list() == ["عنوان الخبر\n\nقالت وزارة الدفاع إن القوات انسحبت من القاعدة."]
    assert out.sentences.height == 2
