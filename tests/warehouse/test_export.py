"""pipeline.warehouse.export: the only way out of the warehouse — atomic files, no symlinks, not into itself."""

from __future__ import annotations

import os

import duckdb
import pytest

from pipeline.warehouse.connect import connect_readonly
from pipeline.warehouse.export import UnsafeTarget, export_warehouse
from pipeline.warehouse.sandbox import protected_paths


@pytest.fixture
def wh(tmp_path):
    path = tmp_path / "wh" / "k.duckdb"
    path.parent.mkdir()
    from pipeline.warehouse.connect import connect_writer

    con = connect_writer(path)
    con.execute("CREATE TABLE docs AS SELECT range AS n, 'نص ' || range AS txt, ['a', 'b'] AS tags, "
                "TIMESTAMP '2024-01-28 10:45:00' AS seen_at FROM range(3)")
    con.execute("CREATE VIEW v_docs AS SELECT n FROM docs")
    con.close()
    return path


def _export(wh, directory, **kw):
    con = connect_readonly(wh, fts=False)
    try:
        return export_warehouse(con, directory, protected=protected_paths(wh), **kw)
    finally:
        con.close()


def test_parquet_and_csv_from_a_locked_connection(wh, tmp_path):
    files = _export(wh, tmp_path / "pq")
    assert [(f.name, f.rows) for f in files] == [("docs", 3)]
    rows = duckdb.sql(f"SELECT n, txt, tags, seen_at FROM '{tmp_path / 'pq' / 'docs.parquet'}' ORDER BY n").fetchall()
    assert rows[1][:3] == (1, "نص 1", ["a", "b"]) and str(rows[1][3]) == "2024-01-28 10:45:00"
    files = _export(wh, tmp_path / "csv", fmt="csv", include_views=True)
    assert [f.name for f in files] == ["docs", "v_docs"]
    text = (tmp_path / "csv" / "docs.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].replace('"', "") == "n,txt,tags,seen_at"
    assert "[a, b]" in text and "2024-01-28 10:45:00" in text and "نص 2" in text
    assert duckdb.sql(f"SELECT count(*) FROM read_csv('{tmp_path / 'csv' / 'v_docs.csv'}')").fetchone()[0] == 3


def test_files_are_replaced_atomically_and_no_temp_file_is_left(wh, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "docs.parquet").write_bytes(b"old")
    inode_before = (out / "docs.parquet").stat().st_ino
    _export(wh, out)
    assert sorted(p.name for p in out.iterdir()) == ["docs.parquet"]
    assert (out / "docs.parquet").stat().st_ino != inode_before          # a new file renamed into place
    assert duckdb.sql(f"SELECT count(*) FROM '{out / 'docs.parquet'}'").fetchone()[0] == 3


def test_a_failed_write_keeps_the_previous_file(wh, tmp_path, monkeypatch):
    import pipeline.warehouse.export as export

    out = tmp_path / "out"
    out.mkdir()
    (out / "docs.parquet").write_bytes(b"previous")

    def broken(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", broken)
    with pytest.raises(OSError, match="No space"):
        _export(wh, out)
    assert (out / "docs.parquet").read_bytes() == b"previous"
    assert sorted(p.name for p in out.iterdir()) == ["docs.parquet"]


def test_symlinked_targets_are_refused(wh, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "via-link").symlink_to(real, target_is_directory=True)
    with pytest.raises(UnsafeTarget, match="symlink"):
        _export(wh, tmp_path / "via-link")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out"
    out.mkdir()
    (out / "docs.parquet").symlink_to(victim)
    with pytest.raises(UnsafeTarget, match="symlink"):
        _export(wh, out)
    assert victim.read_text() == "keep me" and list(real.iterdir()) == []


def test_targets_inside_the_warehouse_are_refused(wh, tmp_path):
    before = wh.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    os.link(wh, out / "docs.parquet")                     # a hard link to the warehouse under a target's name
    with pytest.raises(UnsafeTarget, match="warehouse's own files"):
        _export(wh, out)
    with pytest.raises(UnsafeTarget, match="warehouse's own files"):
        _export(wh, wh)                                     # the warehouse file itself as a directory
    lake = tmp_path / "lake"
    lake.mkdir()
    con = connect_readonly(wh, fts=False)
    with pytest.raises(UnsafeTarget):
        export_warehouse(con, lake / "sub", protected=[lake])
    con.close()
    assert wh.read_bytes() == before and not (lake / "sub").exists()
