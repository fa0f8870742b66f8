"""Input names relative to their roots, and broken entries quarantined instead of failing the run."""

import os
import shutil

import pytest

from pipeline.clean.script import detect_language
from pipeline.ingest.batch import ingest
from pipeline.ingest.locations import input_labels, root_labels, safe_name, scan_inputs
from pipeline.settings import Settings

AR = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد في محافظة الأنبار."


def run(*inputs):
    return ingest(Settings(inputs=tuple(inputs)), detect_language)


def reasons(batch):
    return {r["source_path"]: (r["reason"], r["detail"]) for r in batch.rejected.iter_rows(named=True)}


def test_names_are_relative_to_the_input_root(tmp_path):
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(AR, encoding="utf-8")
    (root / "f.jsonl").write_text('{"id": "x", "text": "%s"}\n' % AR, encoding="utf-8")
    batch = run(root)
    assert sorted(batch.sources["source_path"].to_list()) == ["news/f.jsonl", "news/sub/a.txt"]
    assert sorted(batch.sources["source_uri"].to_list()) == ["news/f.jsonl#x", "news/sub/a.txt"]
    assert sorted(batch.files["path"].to_list()) == ["news/f.jsonl", "news/sub/a.txt"]
    stored = " ".join(str(v) for row in batch.sources.iter_rows() for v in row) + " ".join(batch.files["path"])
    assert str(tmp_path) not in stored


def test_moving_the_inputs_keeps_names_and_document_ids(tmp_path):
    a = tmp_path / "one" / "news"
    a.mkdir(parents=True)
    (a / "a.txt").write_text(AR, encoding="utf-8")
    first = run(a)
    b = tmp_path / "elsewhere" / "deeper" / "news"
    shutil.copytree(a, b)
    second = run(b)
    assert first.sources.select("source_uri", "source_path", "doc_id").rows() == \
        second.sources.select("source_uri", "source_path", "doc_id").rows()


def test_roots_sharing_a_name_are_told_apart(tmp_path):
    roots = [tmp_path / "a" / "news", tmp_path / "b" / "news", tmp_path / "feeds"]
    for r in roots:
        r.mkdir(parents=True)
    assert input_labels(roots) == ["a/news", "b/news", "feeds"]
    assert root_labels([tmp_path / "x" / "f.jsonl"]) == {tmp_path / "x" / "f.jsonl": "f.jsonl"}
    (roots[0] / "t.txt").write_text(AR, encoding="utf-8")
    (roots[1] / "t.txt").write_text(AR + " ثانية", encoding="utf-8")
    assert sorted(run(*roots).sources["source_path"].to_list()) == ["a/news/t.txt", "b/news/t.txt"]


def test_a_root_that_is_a_file_is_named_by_its_name(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    assert run(tmp_path / "a.txt").sources["source_uri"].to_list() == ["a.txt"]


def test_safe_name_is_one_to_one():
    bad = os.fsdecode(b"caf\xe9.txt")
    assert safe_name(bad) == "caf%E9.txt"
    assert safe_name("caf%E9.txt") == "caf%25E9.txt"
    assert safe_name("خبر.txt") == "خبر.txt"


def test_symlink_loop_dangling_symlink_and_fifo_are_quarantined(tmp_path):
    (tmp_path / "good.txt").write_text(AR, encoding="utf-8")
    os.symlink("loop_b.txt", tmp_path / "loop_a.txt")
    os.symlink("loop_a.txt", tmp_path / "loop_b.txt")
    os.symlink("self.txt", tmp_path / "self.txt")
    os.symlink(tmp_path / "nowhere.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("good.txt", tmp_path / "link.txt")  # a working link is read through
    batch = run(tmp_path)
    got = reasons(batch)
    label = tmp_path.name
    for name in ("loop_a.txt", "loop_b.txt", "self.txt"):
        assert got[f"{label}/{name}"][0] == "broken_symlink" and "loop" in got[f"{label}/{name}"][1]
    assert got[f"{label}/dangling.txt"][0] == "broken_symlink" and "dangling" in got[f"{label}/dangling.txt"][1]
    assert got[f"{label}/pipe.txt"] == ("unsupported_format", "not a regular file (FIFO)")
    assert sorted(batch.sources["source_path"].to_list()) == [f"{label}/good.txt", f"{label}/link.txt"]
    assert batch.documents.height == 1
    assert str(tmp_path) not in " ".join(d for _, d in got.values())


def test_broken_entries_stay_quarantined_until_fixed(tmp_path):
    os.symlink("target.txt", tmp_path / "late.txt")
    first = run(tmp_path)
    assert first.rejected["reason"].to_list() == ["broken_symlink"]
    again = ingest(Settings(inputs=(tmp_path,)), detect_language, manifest=first.files)
    assert again.stats["files_unchanged"] == 1
    (tmp_path / "target.txt").write_text(AR, encoding="utf-8")
    fixed = ingest(Settings(inputs=(tmp_path,)), detect_language, manifest=first.files)
    assert fixed.rejected.height == 0
    assert sorted(fixed.sources["source_path"].to_list()) == [f"{tmp_path.name}/late.txt", f"{tmp_path.name}/target.txt"]


def test_non_utf8_file_name_is_read_and_stored_escaped(tmp_path):
    raw_dir = os.fsencode(tmp_path)
    with open(os.path.join(raw_dir, b"caf\xe9 \xd8.txt"), "w", encoding="utf-8") as fh:
        fh.write(AR)
    batch = run(tmp_path)
    assert batch.rejected.height == 0
    assert batch.sources["source_path"].to_list() == [f"{tmp_path.name}/caf%E9 %D8.txt"]
    assert batch.documents["external_id"].to_list() == ["caf%E9 %D8.txt"]
    # the stored names are valid UTF-8 text
    for v in batch.sources["source_uri"].to_list() + batch.files["path"].to_list():
        v.encode("utf-8")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every directory")
def test_unlistable_directory_is_quarantined(tmp_path):
    (tmp_path / "ok.txt").write_text(AR, encoding="utf-8")
    closed = tmp_path / "closed"
    closed.mkdir()
    (closed / "x.txt").write_text(AR, encoding="utf-8")
    closed.chmod(0)
    try:
        batch = run(tmp_path)
    finally:
        closed.chmod(0o755)
    assert reasons(batch)[f"{tmp_path.name}/closed"][0] == "unreadable"


def test_scan_never_raises_and_lists_every_entry(tmp_path):
    os.symlink("x", tmp_path / "x")
    (tmp_path / ".hidden").write_text("h")
    entries = list(scan_inputs([tmp_path, tmp_path / "absent"]))
    assert [e.key for e in entries] == [f"{tmp_path.name}/x"] and entries[0].problem[0] == "broken_symlink"


def test_a_root_given_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    batch = run(tmp_path, tmp_path)
    assert batch.files.height == 1 and batch.sources.height == 1
