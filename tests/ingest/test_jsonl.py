"""JSON Lines feeds decode line by line: one bad byte costs one line, never the feed."""

import codecs
import json

from pipeline.clean.script import detect_language
from pipeline.ingest.batch import ingest
from pipeline.ingest.jsonl import feed_lines
from pipeline.settings import Settings

AR = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد في محافظة الأنبار"


def feed_bytes(n: int = 200) -> list[bytes]:
    return [json.dumps({"id": f"r{i}", "text": f"{AR} رقم {i}."}, ensure_ascii=False).encode("utf-8")
            for i in range(1, n + 1)]


def test_invalid_bytes_in_line_100_of_200_cost_that_line_only(tmp_path):
    lines = feed_bytes(200)
    lines[99] = lines[99][:30] + b"\xff\xfe" + lines[99][30:]
    (tmp_path / "feed.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language)
    assert batch.documents.height == 199
    assert set(batch.sources["encoding"].to_list()) == {"utf-8"}
    assert "r100" not in batch.sources["external_id"].to_list()
    assert batch.rejected.height == 1
    rej = batch.rejected.row(0, named=True)
    assert (rej["reason"], rej["line_no"], rej["encoding"]) == ("undecodable", 100, "utf-8")
    assert "line 100" in rej["detail"] and "ff" in rej["detail"]
    # the lost record is named by its id, read around the bad bytes
    assert rej["external_id"] == "r100" and rej["source_uri"].endswith("feed.jsonl#r100")
    # the decoded records are exactly the originals (no windows-1256 mojibake)
    texts = set(batch.documents["raw_text"].to_list())
    assert f"{AR} رقم 1." in texts and f"{AR} رقم 200." in texts


def test_utf8_bom_on_first_line_is_tolerated():
    lines = feed_bytes(3)
    got = list(feed_lines(codecs.BOM_UTF8 + b"\n".join(lines)))
    assert [fl.line_no for fl in got] == [1, 2, 3]
    assert all(fl.text is not None and json.loads(fl.text)["id"] == f"r{fl.line_no}" for fl in got)


def test_blank_lines_are_skipped_and_numbering_kept():
    lines = feed_bytes(2)
    got = list(feed_lines(lines[0] + b"\n\n  \r\n" + lines[1] + b"\r\n"))
    assert [fl.line_no for fl in got] == [1, 4]
    assert json.loads(got[1].text)["id"] == "r2"


def test_utf16_feed_declared_by_its_bom_is_read_whole():
    text = "\n".join(line.decode("utf-8") for line in feed_bytes(3))
    got = list(feed_lines(codecs.BOM_UTF16_LE + text.encode("utf-16-le")))
    assert [json.loads(fl.text)["id"] for fl in got] == ["r1", "r2", "r3"]
    assert {fl.encoding for fl in got} == {"utf-16-le"}


def test_a_whole_windows_1256_feed_still_reads():
    text = "\n".join(line.decode("utf-8") for line in feed_bytes(5))
    got = list(feed_lines(text.encode("cp1256")))
    assert len(got) == 5 and {fl.encoding for fl in got} == {"windows-1256"}
    assert json.loads(got[0].text)["text"] == f"{AR} رقم 1."


def test_one_valid_utf8_line_keeps_a_mostly_broken_feed_utf8(tmp_path):
    # 4 of 5 lines broken: still never reinterpreted as another charset
    lines = [ln[:20] + b"\xff" + ln[20:] for ln in feed_bytes(5)]
    lines[2] = feed_bytes(5)[2]
    got = list(feed_lines(b"\n".join(lines)))
    assert [fl.line_no for fl in got if fl.text is not None] == [3]
    assert {fl.encoding for fl in got} == {"utf-8"}
    assert all(fl.error and f"line {fl.line_no}" in fl.error for fl in got if fl.text is None)


def test_binary_file_named_jsonl_is_one_rejection(tmp_path):
    (tmp_path / "x.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language)
    assert batch.rejected["reason"].to_list() == ["binary"]


def test_a_bad_line_whose_id_is_unreadable_is_named_by_its_number(tmp_path):
    lines = feed_bytes(3)
    lines[1] = b'{"id": "r\xff2", ' + lines[1][len(b'{"id": "r2", '):]
    lines.append(b'{"broken \xff')
    (tmp_path / "feed.jsonl").write_bytes(b"\n".join(lines))
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language)
    got = sorted((r["line_no"], r["external_id"], r["source_uri"].split("#")[1]) for r in batch.rejected.iter_rows(named=True))
    assert got == [(2, "r\ufffd2", "r\ufffd2"), (4, None, "line=4")]
    assert batch.documents.height == 2


def test_bom_less_utf16_feed_is_read_whole():
    text = "\n".join(line.decode("utf-8") for line in feed_bytes(3))
    got = list(feed_lines(text.encode("utf-16-le")))
    assert [json.loads(fl.text)["id"] for fl in got] == ["r1", "r2", "r3"]
    assert {fl.encoding for fl in got} == {"utf-16-le"}


# -- a feed file is streamed: the same lines as decoding the whole file, one line held at a time --

def _streamed(path):
    import hashlib

    from pipeline.ingest.jsonl import feed_file_lines, scan_feed

    scan = scan_feed(path)
    digest = hashlib.sha256()
    got = list(feed_file_lines(path, scan, digest))
    assert scan.sha256 == digest.hexdigest() == hashlib.sha256(path.read_bytes()).hexdigest()
    return scan, got


def _variants():
    good = feed_bytes(4)
    broken = list(good)
    broken[1] = broken[1][:30] + b"\xff\xfe" + broken[1][30:]
    text = "\n".join(line.decode("utf-8") for line in good)
    yield "utf8", b"\n".join(good) + b"\n", False
    yield "no final newline, CRLF, blank lines", good[0] + b"\r\n\n  \n" + good[1] + b"\r\n" + good[2], False
    yield "bad bytes in line 2", b"\n".join(broken), False
    yield "utf-8 bom", codecs.BOM_UTF8 + b"\n".join(good), False
    yield "ascii only", b'{"id": "a", "text": "x"}\n{"id": "b"}\n', False
    yield "windows-1256 feed", text.encode("cp1256"), True
    yield "utf-16 bom", codecs.BOM_UTF16_LE + text.encode("utf-16-le"), True
    yield "bom-less utf-16", text.encode("utf-16-le"), True


def test_a_streamed_feed_gives_exactly_the_lines_of_the_whole_file(tmp_path):
    for i, (name, data, whole) in enumerate(_variants()):
        path = tmp_path / f"f{i}.jsonl"
        path.write_bytes(data)
        scan, got = _streamed(path)
        assert got == list(feed_lines(data)), name
        assert scan.whole is whole, name
        assert not scan.blank and scan.size_bytes == len(data), name


def test_a_blank_feed_is_seen_as_blank_by_the_scan(tmp_path):
    from pipeline.ingest.jsonl import scan_feed

    (tmp_path / "b.jsonl").write_bytes(b"\n  \r\n\n")
    assert scan_feed(tmp_path / "b.jsonl").blank
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language)
    assert batch.rejected["reason"].to_list() == ["empty"]
    assert batch.files["sha256"].to_list()[0] is not None


def test_streaming_a_feed_holds_one_line_not_the_file(tmp_path):
    import tracemalloc

    from pipeline.ingest.jsonl import feed_file_lines, scan_feed

    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\n".join(feed_bytes(20_000)) + b"\n")  # ≈ 4 MB
    size = path.stat().st_size
    tracemalloc.start()
    try:
        n = sum(1 for fl in feed_file_lines(path, scan_feed(path)) if fl.text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert n == 20_000
    assert peak < size / 20, (peak, size)


def test_a_feed_that_grows_while_read_is_recorded_with_the_hash_of_what_was_read(tmp_path):
    import hashlib

    from pipeline.ingest.jsonl import feed_file_lines, scan_feed

    path = tmp_path / "g.jsonl"
    lines = feed_bytes(3)
    path.write_bytes(b"\n".join(lines[:2]) + b"\n")
    scan = scan_feed(path)
    with path.open("ab") as fh:
        fh.write(lines[2] + b"\n")
    digest = hashlib.sha256()
    got = list(feed_file_lines(path, scan, digest))
    assert [fl.line_no for fl in got] == [1, 2, 3]
    assert digest.hexdigest() == hashlib.sha256(path.read_bytes()).hexdigest() != scan.sha256
