"""A document with nothing left after cleaning is rejected, not published empty."""

import polars as pl

from pipeline.clean.script import detect_language
from pipeline.ingest.batch import ingest
from pipeline.ingest.quarantine import quarantine_empty_documents
from pipeline.ingest.sources import REJECT_REASONS
from pipeline.settings import Settings
from pipeline.steps.clean import clean_step

AR = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد في محافظة الأنبار."
BOILERPLATE = ("تابعونا على تويتر وفيسبوك وانستغرام\n[ad_1]\nشارك الخبر\nحجم الخط | طباعة | ارسال لصديق\n"
               "جميع الحقوق محفوظة لموقع الخبر ٢٠٢٤")


def test_all_boilerplate_document_is_rejected_with_its_rules(tmp_path):
    (tmp_path / "news.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "chrome.txt").write_text(BOILERPLATE, encoding="utf-8")
    (tmp_path / "chrome-copy.txt").write_text(BOILERPLATE, encoding="utf-8")
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language)
    assert batch.documents.height == 2 and batch.rejected.height == 0  # it passed every ingest gate
    out = clean_step(batch.documents)
    tables = {"removed_spans": out.removed_spans, "paragraphs": out.paragraphs}
    docs, sources, rejected, kept = quarantine_empty_documents(out.documents, batch.sources, batch.rejected, tables)
    assert docs["external_id"].to_list() == ["news.txt"]
    assert sources["external_id"].to_list() == ["news.txt"]
    assert sorted(rejected["external_id"].to_list()) == ["chrome-copy.txt", "chrome.txt"]  # one per source
    assert set(rejected["reason"].to_list()) == {"empty_after_cleaning"} and "empty_after_cleaning" in REJECT_REASONS
    detail = rejected["detail"][0]
    assert "follow_prompt" in detail and "copyright" in detail and "ad_marker" in detail
    assert rejected.schema == batch.rejected.schema
    gone = set(out.documents.filter(pl.col("clean_text") == "")["doc_id"])
    assert not set(kept["removed_spans"]["doc_id"]) & gone and set(out.removed_spans["doc_id"]) & gone


def test_nothing_empty_changes_nothing(tmp_path):
    (tmp_path / "news.txt").write_text(AR, encoding="utf-8")
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language)
    out = clean_step(batch.documents)
    docs, sources, rejected, kept = quarantine_empty_documents(out.documents, batch.sources, batch.rejected,
                                                               {"removed_spans": out.removed_spans})
    assert docs.height == 1 and sources.height == 1 and rejected.height == 0


def test_lazy_tables_give_the_same_result_and_stay_lazy(tmp_path):
    (tmp_path / "news.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "chrome.txt").write_text(BOILERPLATE, encoding="utf-8")
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language)
    out = clean_step(batch.documents)
    tables = {"removed_spans": out.removed_spans, "paragraphs": out.paragraphs}
    want = quarantine_empty_documents(out.documents, batch.sources, batch.rejected, tables)
    got = quarantine_empty_documents(out.documents.lazy(), batch.sources, batch.rejected,
                                     {k: v.lazy() for k, v in tables.items()})
    assert isinstance(got[0], pl.LazyFrame) and all(isinstance(v, pl.LazyFrame) for v in got[3].values())
    assert got[0].collect().equals(want[0]) and got[1].equals(want[1]) and got[2].equals(want[2])
    assert all(got[3][k].collect().equals(want[3][k]) for k in tables)
