"""Input batches: which batches a location splits into, with stable keys that parse back."""

import json

import pytest

from pipeline.ingest.batches import BatchScope, batch_key, chunk_ranges, parse_batch_key, plan_batches
from pipeline.settings import Settings


def _feed(path, n, start=0):
    with path.open("a", encoding="utf-8") as fh:
        for i in range(start, start + n):
            fh.write(json.dumps({"id": f"r{i}", "text": f"نص الخبر رقم {i}"}, ensure_ascii=False) + "\n")


@pytest.fixture
def inbox(tmp_path):
    root = tmp_path / "inbox"
    (root / "drop1" / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("نص", encoding="utf-8")
    (root / "drop1" / "x.txt").write_text("نص", encoding="utf-8")
    (root / "drop1" / "sub" / "y.html").write_text("<p>نص</p>", encoding="utf-8")
    (root / "README.md").write_text("not an input", encoding="utf-8")
    _feed(root / "feed.jsonl", 25)
    return root


def test_plan_splits_files_chunks_and_directories(inbox):
    batches = plan_batches(Settings(inputs=(inbox,)), chunk_lines=10)
    keys = [b.key for b in batches]
    assert keys == ["inbox/a.txt", "inbox/drop1/", "inbox/feed.jsonl#lines=1-10", "inbox/feed.jsonl#lines=11-20",
                    "inbox/feed.jsonl#lines=21-30"]
    by_key = {b.key: b for b in batches}
    assert by_key["inbox/drop1/"].files == 2 and by_key["inbox/drop1/"].scope.kind == "directory"
    assert by_key["inbox/a.txt"].scope.kind == "file"
    assert by_key["inbox/feed.jsonl#lines=11-20"].scope == BatchScope("inbox/feed.jsonl", 11, 20)
    # chunking off: the feed is one file batch
    assert "inbox/feed.jsonl" in [b.key for b in plan_batches(Settings(inputs=(inbox,)), chunk_lines=0)]


def test_appending_to_a_feed_changes_only_the_last_chunk_and_adds_new_ones(inbox):
    settings = Settings(inputs=(inbox,))
    before = {b.key: b.fingerprint for b in plan_batches(settings, chunk_lines=10)}
    _feed(inbox / "feed.jsonl", 10, start=25)  # 35 lines
    after = {b.key: b.fingerprint for b in plan_batches(settings, chunk_lines=10)}
    assert set(after) - set(before) == {"inbox/feed.jsonl#lines=31-40"}
    changed = {k for k in before if before[k] != after[k]}
    assert changed == {"inbox/feed.jsonl#lines=21-30"}  # full chunks keep their fingerprint


def test_directory_fingerprint_changes_when_a_file_is_dropped_in(inbox):
    settings = Settings(inputs=(inbox,))
    before = {b.key: b.fingerprint for b in plan_batches(settings, chunk_lines=10)}
    (inbox / "drop1" / "z.txt").write_text("نص جديد", encoding="utf-8")
    (inbox / "drop2").mkdir()
    (inbox / "drop2" / "w.txt").write_text("نص", encoding="utf-8")
    after = {b.key: b.fingerprint for b in plan_batches(settings, chunk_lines=10)}
    assert set(after) - set(before) == {"inbox/drop2/"}
    assert [k for k in before if before[k] != after[k]] == ["inbox/drop1/"]


def test_root_given_as_a_file_is_one_batch(inbox):
    batches = plan_batches(Settings(inputs=(inbox / "a.txt",)), chunk_lines=10)
    assert [(b.key, b.scope.kind) for b in batches] == [("a.txt", "file")]


@pytest.mark.parametrize("scope", [
    BatchScope("seeds/000.txt"), BatchScope("in/dir/"), BatchScope("in/f.jsonl", 1001, 2000),
    BatchScope("in/odd...name\t%41.txt"), BatchScope("in/a#b.txt"),
])
def test_keys_parse_back_and_are_valid_partition_keys(scope):
    key = batch_key(scope)
    assert parse_batch_key(key) == scope
    assert "..." not in key and "\t" not in key


def test_scope_membership():
    chunk = BatchScope("in/f.jsonl", 11, 20)
    assert chunk.contains("in/f.jsonl") and not chunk.contains("in/f.jsonl2")
    assert chunk.contains_line(11) and chunk.contains_line(20) and not chunk.contains_line(21)
    assert chunk.contains_line(None)  # a file-level rejection belongs to every chunk
    d = BatchScope("in/dir/")
    assert d.contains("in/dir/x/y.txt") and not d.contains("in/dir2/x.txt")


def test_bad_keys_are_refused():
    for bad in ["", "/abs/path", "in/f.jsonl#lines=0-10", "in/f.jsonl#lines=20-10"]:
        with pytest.raises(ValueError):
            parse_batch_key(bad)


def test_chunk_ranges_are_fixed():
    assert chunk_ranges(25, 10) == [(1, 10), (11, 20), (21, 30)]
    assert chunk_ranges(0, 10) == [(1, 10)]
    with pytest.raises(ValueError):
        chunk_ranges(5, 0)
