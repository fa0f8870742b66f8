"""Deduplication and the incremental manifest."""

import os

import polars as pl

from pipeline.clean.script import detect_language
from pipeline.ingest.batch import ingest
from pipeline.settings import Settings, processing_version

AR = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد في محافظة الأنبار."


def test_exact_duplicates_collapse_and_remember_every_source(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(AR.encode("utf-16"))  # same text, other encoding
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language)
    assert batch.documents.height == 1
    assert batch.documents["n_sources"].to_list() == [3]
    assert batch.sources.height == 3
    assert batch.sources["doc_id"].n_unique() == 1
    assert batch.stats["duplicates_collapsed"] == 2


def test_unchanged_files_are_not_read_again(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(AR + " ثانية", encoding="utf-8")
    first = ingest(Settings(inputs=(tmp_path,)), detect_language)
    known = first.documents.select("doc_id").with_columns(pipeline_version=pl.lit(processing_version()))
    second = ingest(Settings(inputs=(tmp_path,)), detect_language, manifest=first.files, known_docs=known)
    assert second.stats["files_read"] == 0 and second.stats["files_unchanged"] == 2
    assert second.documents.height == 0 and second.sources.height == 0

    # touched but identical: still nothing to do
    os.utime(tmp_path / "a.txt", ns=(1, 1))
    third = ingest(Settings(inputs=(tmp_path,)), detect_language, manifest=first.files, known_docs=known)
    assert third.stats["files_read"] == 0 and third.documents.height == 0

    # changed content: re-read, new document; deleted file: reported missing
    (tmp_path / "b.txt").write_text(AR + " معدلة تماما", encoding="utf-8")
    (tmp_path / "a.txt").unlink()
    fourth = ingest(Settings(inputs=(tmp_path,)), detect_language, manifest=first.files, known_docs=known)
    assert fourth.stats["files_read"] == 1 and fourth.stats["files_missing"] == 1
    assert fourth.documents.height == 1
    missing = fourth.files.filter(status="missing")["path"].to_list()
    assert missing == [f"{tmp_path.name}/a.txt"]  # named relative to its input root


def test_already_processed_documents_are_skipped_but_sources_recorded(tmp_path):
    import polars as pl

    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    first = ingest(Settings(inputs=(tmp_path,)), detect_language)
    (tmp_path / "copy.txt").write_text(AR, encoding="utf-8")
    known = first.documents.select("doc_id").with_columns(pipeline_version=pl.lit(processing_version()))
    second = ingest(Settings(inputs=(tmp_path,)), detect_language, manifest=first.files, known_docs=known)
    assert second.documents.height == 0
    assert second.sources["source_path"].to_list() == [f"{tmp_path.name}/copy.txt"]


def test_full_refresh_rereads_and_reprocesses_every_document(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(AR + " ثانية", encoding="utf-8")
    (tmp_path / "c.txt").write_text(AR, encoding="utf-8")  # duplicate of a.txt
    first = ingest(Settings(inputs=(tmp_path,)), detect_language)
    known = first.documents.select("doc_id").with_columns(pipeline_version=pl.lit(processing_version()))
    incremental = ingest(Settings(inputs=(tmp_path,)), detect_language, manifest=first.files, known_docs=known)
    assert incremental.documents.height == 0
    full = ingest(Settings(inputs=(tmp_path,)), detect_language, manifest=first.files, known_docs=known, full=True)
    assert full.stats["files_read"] == 3 and full.stats["files_unchanged"] == 0
    assert sorted(full.documents["doc_id"].to_list()) == sorted(first.documents["doc_id"].to_list())
    assert full.stats["documents_already_processed"] == 0
    assert full.sources.height == 3 and full.files["changed"].all()
