"""Reading files and feeds: field mapping, HTML, and every quarantine reason."""

import json

from pipeline.clean.script import detect_language
from pipeline.ingest.batch import ingest
from pipeline.settings import Settings

AR = "قال مسؤولون عراقيون إن المحادثات مع واشنطن بشأن انسحاب القوات الأمريكية ستستأنف الأسبوع المقبل في بغداد."
EN = "Iraqi officials said talks with Washington on the withdrawal of US troops will resume next week in Baghdad."


def run(tmp_path, **kw):
    return ingest(Settings(inputs=(tmp_path,), **kw), detect_language)


def reasons(batch):
    return {r["external_id"] or r["source_uri"]: r["reason"] for r in batch.rejected.iter_rows(named=True)}


def test_txt_and_html_files(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.html").write_text(
        f"<html><head><title>عنوان الصفحة</title><style>p{{}}</style></head><body><nav>القائمة</nav>"
        f"<h1>انسحاب القوات</h1><p>{AR}</p><script>var x=1;</script></body></html>", encoding="utf-8")
    batch = run(tmp_path)
    assert batch.rejected.height == 0
    docs = {d["external_id"]: d for d in batch.documents.iter_rows(named=True)}
    assert docs["a.txt"]["raw_text"] == AR and docs["a.txt"]["source_format"] == "txt"
    html = docs["b.html"]
    assert html["source_format"] == "html" and html["title"] == "انسحاب القوات"
    assert AR in html["raw_text"] and "var x" not in html["raw_text"] and "القائمة" not in html["raw_text"]


def test_feed_default_field_mapping(tmp_path):
    lines = [
        {"docno": "X-1", "title": "عنوان", "text": AR, "time": "Mon, 19 Feb 2018 00:16:11 +0400",
         "url": "http://example.com/1", "src": "skynews", "author": "أبوظبي - سكاي نيوز عربية"},
        {"id": 7, "headline": "عنوان آخر", "body": AR + " إضافة", "published_at": "2024-01-28T10:45:25Z"},
        {"id": 8, "content": AR + " ثالث", "date": "2024-01-28"},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    batch = run(tmp_path)
    assert batch.rejected.height == 0
    docs = {d["external_id"]: d for d in batch.documents.iter_rows(named=True)}
    assert set(docs) == {"X-1", "7", "8"}
    d = docs["X-1"]
    assert (d["title"], d["url"], d["publisher"], d["author"]) == (
        "عنوان", "http://example.com/1", "skynews", "أبوظبي - سكاي نيوز عربية")
    assert str(d["published_at"]) == "2018-02-19 00:16:11" and d["published_utc_offset_min"] == 240
    assert docs["7"]["title"] == "عنوان آخر"
    assert d["source_uri"].endswith("feed.jsonl#X-1")


def test_feed_custom_field_mapping(tmp_path):
    (tmp_path / "f.jsonl").write_text(json.dumps({"uid": "u1", "story": AR}, ensure_ascii=False), encoding="utf-8")
    fmap = dict(Settings().field_map, external_id=("uid",), text=("story",))
    batch = run(tmp_path, field_map=fmap)
    assert batch.documents["external_id"].to_list() == ["u1"]


def test_bad_input_is_quarantined_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("   \n\n ", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "english.txt").write_text(EN * 3, encoding="utf-8")
    (tmp_path / "big.txt").write_text(AR * 50, encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "feed.jsonl").write_text(
        "{not json}\n"
        + json.dumps({"id": "no-text", "title": "t"}) + "\n"
        + json.dumps({"id": "en", "text": EN}) + "\n"
        + json.dumps([1, 2]) + "\n"
        + json.dumps({"id": "ok", "text": AR}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    batch = run(tmp_path, max_file_bytes=2000)
    got = reasons(batch)
    assert got["empty.txt"] == "empty"
    assert got["blank.txt"] == "empty"
    assert got["image.txt"] == "binary"
    assert got["english.txt"] == "not_arabic"
    assert got["big.txt"] == "too_large"
    assert got["notes.pdf"] == "unsupported_format"
    assert got["no-text"] == "missing_text"
    assert got["en"] == "not_arabic"
    invalid = batch.rejected.filter(reason="invalid_json")
    assert invalid.height == 2 and set(invalid["line_no"].to_list()) == {1, 4}
    assert batch.documents["external_id"].to_list() == ["ok"]
    assert all(batch.rejected["detail"].to_list())
    assert batch.stats["rejected"] == batch.rejected.height == 10


def test_feed_lines_split_only_on_newline(tmp_path):
    # U+2028 inside a JSON string is legal and must not split the record
    rec = json.dumps({"id": "a", "text": AR + "\u2028" + AR}, ensure_ascii=False)
    (tmp_path / "f.jsonl").write_text(rec + "\n", encoding="utf-8")
    batch = run(tmp_path)
    assert batch.rejected.height == 0 and batch.documents.height == 1


def test_windows_1256_and_utf16_files(tmp_path):
    (tmp_path / "w.txt").write_bytes(AR.encode("cp1256"))
    (tmp_path / "u.txt").write_bytes((AR + " ٢").encode("utf-16"))
    batch = run(tmp_path)
    enc = {d["external_id"]: d["encoding"] for d in batch.documents.iter_rows(named=True)}
    assert enc == {"w.txt": "windows-1256", "u.txt": "utf-16-le"}


def test_feed_metadata_loses_control_characters(tmp_path):
    rec = {"id": "c", "title": "عنوان\x00 الخبر\x07", "text": AR, "src": "\x1bموقع", "author": "\x00"}
    (tmp_path / "f.jsonl").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    d = run(tmp_path).documents.row(0, named=True)
    assert (d["title"], d["publisher"], d["author"]) == ("عنوان الخبر", "موقع", None)
