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


def test_a_scoped_pass_reads_only_its_batch_and_reports_only_its_files_missing(tmp_path):
    import json

    from pipeline.ingest.batches import BatchScope

    root = tmp_path / "in"
    (root / "drop").mkdir(parents=True)
    (root / "a.txt").write_text(AR, encoding="utf-8")
    (root / "drop" / "b.txt").write_text(AR + " ب", encoding="utf-8")
    lines = [json.dumps({"id": f"r{i}", "text": f"{AR} {i}"}, ensure_ascii=False) for i in range(6)]
    lines[4] = "{bad json"
    (root / "f.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings(inputs=(root,))
    everything = ingest(settings, detect_language)

    d = ingest(settings, detect_language, scope=BatchScope("in/drop/"))
    assert d.files["path"].to_list() == ["in/drop/b.txt"]
    assert d.sources["source_path"].to_list() == ["in/drop/b.txt"]
    # unchanged since the manifest: a file batch reads nothing (a re-run of its partition is cheap)
    unchanged = ingest(settings, detect_language, manifest=everything.files, scope=BatchScope("in/drop/"))
    assert unchanged.stats["files_read"] == 0 and unchanged.stats["files_unchanged"] == 1
    # a scoped pass returns every document of its batch, processed before or not (settled later)
    known = everything.documents.select("doc_id").with_columns(pipeline_version=pl.lit(processing_version()))
    again = ingest(settings, detect_language, manifest=None, known_docs=known, scope=BatchScope("in/drop/"))
    assert again.documents.height == 1

    chunk = ingest(settings, detect_language, manifest=everything.files, scope=BatchScope("in/f.jsonl", 4, 6))
    assert chunk.sources["line_no"].to_list() == [4, 6] and chunk.rejected["line_no"].to_list() == [5]
    row = chunk.files.row(0, named=True)
    # the manifest row still describes the whole file, with the chunk's lines
    assert (row["n_records"], row["n_rejected"], row["first_line"], row["last_line"]) == (5, 1, 4, 6)
    # a chunk re-reads its feed even when the manifest says it is unchanged (its siblings share the row)
    assert chunk.stats["files_read"] == 1

    # a file of the batch gone: missing; files of other batches gone: not this batch's business
    (root / "a.txt").unlink()
    (root / "drop" / "b.txt").unlink()
    gone = ingest(settings, detect_language, manifest=everything.files, scope=BatchScope("in/drop/"))
    assert gone.files.filter(pl.col("status") == "missing")["path"].to_list() == ["in/drop/b.txt"]
    assert gone.stats["roots_emptied"] == []
