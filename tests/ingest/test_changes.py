"""Proving that nothing changed since the last published refresh (pipeline/ingest/changes.py,
pipeline/warehouse/state.py): file metadata against the manifest,
processing versions, schema version — no input file is read."""

from __future__ import annotations

import os

import polars as pl

import pipeline.ingest.changes as changes_mod
from pipeline.ingest.changes import InputChanges, check_unchanged, input_changes
from pipeline.settings import Settings
from pipeline.warehouse.state import published_state
from tests.warehouse.test_refresh import A, B, refresh


def _built(tmp_path):
    src, wh = tmp_path / "in", tmp_path / "w" / "k.duckdb"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    (src / "b.txt").write_text(B, encoding="utf-8")
    result = refresh(src, wh, "one")
    return src, wh, result


def test_an_untouched_input_is_proven_unchanged_and_every_change_is_seen(tmp_path, monkeypatch):
    src, wh, result = _built(tmp_path)
    settings = Settings(inputs=(src,), warehouse=wh)
    assert check_unchanged(settings) == f"nothing changed since snapshot {result.snapshot_id} (2 input file(s) unchanged)"

    # not one input file is opened to prove it
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda f, *a, **k: (opened.append(str(f)), real_open(f, *a, **k))[1])
    assert check_unchanged(settings) is not None
    assert not [f for f in opened if f.startswith(str(src))]
    monkeypatch.undo()

    st = os.stat(src / "a.txt")
    os.utime(src / "a.txt", ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # touched
    assert check_unchanged(settings) is None
    os.utime(src / "a.txt", ns=(st.st_atime_ns, st.st_mtime_ns))
    assert check_unchanged(settings) is not None

    (src / "c.txt").write_text(A + " جديد", encoding="utf-8")   # a new file
    assert "1 new or changed input file(s), e.g. in/c.txt" in _changes(settings).describe()
    (src / "c.txt").unlink()
    (src / "b.txt").rename(tmp_path / "b.txt")                  # a file gone
    assert _changes(settings).missing == ("in/b.txt",)
    assert check_unchanged(settings) is None


def test_a_new_processing_version_or_a_pending_migration_is_a_change(tmp_path, monkeypatch):
    src, wh, _ = _built(tmp_path)
    settings = Settings(inputs=(src,), warehouse=wh)
    state = published_state(wh)
    assert not state.schema_behind and state.versions["n"].sum() == 2
    monkeypatch.setattr(changes_mod, "processing_version", lambda: "another+kb.0")
    got = input_changes(settings, state.manifest, state.versions)
    assert got.stale_documents == 2 and not got.nothing_changed
    assert "2 document(s) processed by another pipeline or knowledge-base version" in got.describe()
    monkeypatch.undo()
    assert input_changes(settings, state.manifest, state.versions).nothing_changed
    assert not input_changes(settings, state.manifest, state.versions, schema_behind=True).nothing_changed


def test_no_warehouse_is_never_unchanged(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    settings = Settings(inputs=(src,), warehouse=tmp_path / "none.duckdb")
    assert published_state(settings.warehouse) is None and check_unchanged(settings) is None
    assert input_changes(settings, None, None).describe() == "no warehouse yet"
    empty = pl.DataFrame(schema={"path": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64})
    assert input_changes(settings, empty, None).new_or_changed == ("in/a.txt",)
    assert InputChanges(files_seen=3).describe() == "nothing changed: 3 input file(s) unchanged"


def _changes(settings):
    state = published_state(settings.warehouse)
    return input_changes(settings, state.manifest, state.versions, state.schema_behind)
