"""The texts of an ingest pass spooled to Parquet parts and joined back to the documents' metadata."""

import hashlib
import json

import polars as pl

from pipeline.clean.script import detect_language
from pipeline.ingest.batch import ingest
from pipeline.ingest.texts import TextSpool, raw_file_checks, write_documents
from pipeline.settings import Settings

AR = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد في محافظة الأنبار"


def _inputs(root):
    feed = root / "in" / "feed.jsonl"
    feed.parent.mkdir()
    rows = [{"id": f"r{i}", "text": f"{AR} رقم {i % 40}.", "title": f"t{i}"} for i in range(100)]  # 40 distinct texts
    rows.append({"id": "bad"})  # quarantined
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    (root / "in" / "a.txt").write_text(f"{AR} رقم 3.", encoding="utf-8")  # the same text as r3, r43, r83
    return Settings(inputs=(root / "in",))


def test_spooled_pass_writes_the_same_documents_as_the_in_memory_pass(tmp_path, monkeypatch):
    import pipeline.ingest.texts as texts

    monkeypatch.setattr(texts, "SLICE_TEXT_CHARS", 1000)  # ≈ 5 documents a slice: 8 row groups
    settings = _inputs(tmp_path)
    memory = ingest(settings, detect_language)
    spooled = ingest(settings, detect_language, text_dir=tmp_path / "texts")
    assert spooled.documents["raw_text"].null_count() == spooled.documents.height == 40
    assert spooled.documents.drop("raw_text").equals(memory.documents.drop("raw_text"))
    assert spooled.sources.equals(memory.sources) and spooled.rejected.equals(memory.rejected)
    out = tmp_path / "raw.parquet"
    assert write_documents(spooled.documents, spooled.texts, out) == 40
    written = pl.read_parquet(out)
    import pyarrow.parquet as pq

    assert pq.ParquetFile(out).num_row_groups >= 6
    assert written.columns == memory.documents.columns
    assert written.equals(memory.documents)  # same rows, texts and order (by doc_id)
    assert raw_file_checks(out) == {"rows": 40, "distinct_ids": 40, "missing_required": 0, "bad_hash": 0}


def test_texts_are_written_in_parts_as_they_are_read(tmp_path):
    spool = TextSpool(tmp_path / "t", part_docs=3)
    for i in range(8):
        spool.add(f"d{i}", f"نص {i}")
        spool.add(f"d{i}", "a repeated document keeps its first text")
    assert len(spool.parts) == 2  # 6 written, 2 held
    spool.flush()
    texts = pl.read_parquet(spool.parts)
    assert texts["doc_id"].to_list() == [f"d{i}" for i in range(8)]
    assert texts["raw_text"].to_list() == [f"نص {i}" for i in range(8)]
    spool.remove()
    assert not (tmp_path / "t").exists()


def test_a_subset_of_documents_takes_only_its_texts(tmp_path):
    settings = _inputs(tmp_path)
    batch = ingest(settings, detect_language, text_dir=tmp_path / "texts")
    subset = batch.documents.sort("doc_id", descending=True).head(5)
    out = tmp_path / "raw.parquet"
    write_documents(subset, batch.texts, out)
    written = pl.read_parquet(out)
    assert written["doc_id"].to_list() == sorted(subset["doc_id"].to_list())
    assert all(hashlib.sha256(t.encode()).hexdigest() == h for t, h in written.select("raw_text", "content_sha256").iter_rows())


def test_the_raw_file_checks_count_what_is_wrong(tmp_path):
    good = "نص سليم"
    sha = hashlib.sha256(good.encode()).hexdigest()
    frame = pl.DataFrame({
        "doc_id": [sha[:16], sha[:16], "0000000000000000", "x"],
        "raw_text": [good, good, good, None],
        "content_sha256": [sha, sha, sha, "y"],
        "encoding": ["utf-8", "utf-8", None, "utf-8"],
    })
    path = tmp_path / "r.parquet"
    frame.write_parquet(path)
    assert raw_file_checks(path) == {"rows": 4, "distinct_ids": 3, "missing_required": 2, "bad_hash": 2}


def test_no_texts_at_all_writes_an_empty_file(tmp_path):
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language, text_dir=tmp_path.parent / "empty_texts")
    out = tmp_path.parent / "empty.parquet"
    assert write_documents(batch.documents, batch.texts, out) == 0
    assert pl.read_parquet(out).columns == batch.documents.columns
