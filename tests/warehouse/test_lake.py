"""Lake location and naming, the read path, time travel, status snapshots, conversion of a
single-file warehouse of an earlier version (``khabar migrate``)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from khabar.cli import main
from pipeline.warehouse.connect import LegacyWarehouseError, connect_readonly, connect_writer, file_format
from pipeline.warehouse.convert import convert_warehouse
from pipeline.warehouse.location import locate, normalize_spec
from pipeline.warehouse.migrate import apply_migrations
from tests.warehouse.test_refresh import A, B, q, refresh


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_location_naming():
    wh = locate(Path("/tmp/x/wh.duckdb"))
    assert (wh.backend, wh.catalog_file, wh.data_path) == ("sqlite", Path("/tmp/x/wh.duckdb"), "/tmp/x/wh.lake/")
    assert locate("/tmp/x/khabar.lake.sqlite").data_path == "/tmp/x/khabar.lake/"
    assert locate("/tmp/x/k.lake").data_path == "/tmp/x/k.lake.data/"
    assert locate("/tmp/x/plain").data_path == "/tmp/x/plain.lake/"
    pg = locate("postgres:dbname=news host=db.example user=k")
    assert pg.backend == "postgres" and pg.attach == "ducklake:postgres:dbname=news host=db.example user=k"
    assert pg.catalog_file is None and pg.data_path.endswith("/warehouse/news.lake/")
    assert locate("ducklake:postgres:dbname=news host=h").attach == "ducklake:postgres:dbname=news host=h"
    assert normalize_spec("postgres:dbname=a") == "postgres:dbname=a"
    assert normalize_spec("rel/w.sqlite") == Path("rel/w.sqlite").resolve()


def test_readonly_connection_answers_plain_names_and_refuses_writes(tmp_path):
    wh = tmp_path / "w.sqlite"
    con = connect_writer(wh)
    apply_migrations(con)
    con.close()
    ro = connect_readonly(wh)
    try:
        assert ro.execute("SELECT count(*) FROM documents").fetchone() == (0,)
        assert ro.execute("SELECT count(*) FROM v_documents").fetchone() == (0,)
        assert ro.execute("SELECT stem('القوات', 'arabic')").fetchone()[0]  # fts functions for search
        with pytest.raises(duckdb.Error):
            ro.execute("DELETE FROM documents")
        with pytest.raises(duckdb.Error):
            ro.execute("CREATE TABLE x (a INTEGER)")
    finally:
        ro.close()
    assert file_format(wh) == "sqlite"


def _legacy(path: Path) -> None:
    con = duckdb.connect(str(path))
    apply_migrations(con)
    con.execute("INSERT INTO documents (doc_id, source_uri, source_format, title, language, encoding, content_sha256, "
                "raw_text, clean_text, n_sources, n_paragraphs, n_sentences, status, pipeline_version, ingested_at, "
                "updated_at) VALUES ('d1', 'file:///d1.txt', 'txt', 'عنوان', 'ar', 'utf-8', 'x', ?, ?, 1, 1, 1, "
                "'active', 'old', now(), now())", [A, A])
    con.execute("INSERT INTO refresh_runs VALUES ('old-run', now(), now(), 'published', '[]', 'old', '{}')")
    con.close()


def test_a_single_file_warehouse_is_refused_in_one_line_then_converted_in_place(tmp_path):
    old = tmp_path / "k.duckdb"
    _legacy(old)
    with pytest.raises(LegacyWarehouseError, match="khabar migrate -w"):
        connect_readonly(old)
    res = invoke("query", "SELECT 1", "-w", str(old))
    assert res.exit_code == 1 and "khabar migrate -w" in res.output and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1

    res = invoke("migrate", "-w", str(old))
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["tables"]["documents"] == 1 and out["kept_old_file_as"].endswith("k.v0.duckdb")
    assert file_format(old) == "sqlite" and file_format(tmp_path / "k.v0.duckdb") == "duckdb"
    assert q(old, "SELECT doc_id, title FROM documents") == [("d1", "عنوان")]
    assert q(old, "SELECT run_id FROM refresh_runs") == [("old-run",)]
    res = invoke("search", "القوات", "-w", str(old), "-f", "json")  # the index was rebuilt
    assert [h["doc_id"] for h in json.loads(res.output)] == ["d1"]


def test_convert_from_another_file_into_a_new_lake(tmp_path):
    old = tmp_path / "old.duckdb"
    _legacy(old)
    res = convert_warehouse(tmp_path / "new.sqlite", old)
    assert res["converted_from"] == str(old) and res["tables"]["documents"] == 1
    assert file_format(old) == "duckdb"  # the source is left alone
    with pytest.raises(ValueError, match="not a single-file DuckDB warehouse"):
        convert_warehouse(tmp_path / "new2.sqlite", tmp_path / "new.sqlite")


def test_time_travel_and_status_list_refreshes_with_snapshot_ids(tmp_path):
    src, wh = tmp_path / "in", tmp_path / "k.sqlite"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    r1 = refresh(src, wh, "one")
    (src / "b.txt").write_text(B, encoding="utf-8")
    r2 = refresh(src, wh, "two")
    res = invoke("query", "-f", "json", "--snapshot", str(r1.snapshot_id), "SELECT count(*) AS n FROM documents",
                 "-w", str(wh))
    assert json.loads(res.output) == [{"n": 1}]
    res = invoke("query", "-f", "json", "SELECT count(*) AS n FROM documents", "-w", str(wh))
    assert json.loads(res.output) == [{"n": 2}]
    when = q(wh, f"SELECT snapshot_time FROM lake.snapshots() WHERE snapshot_id = {r1.snapshot_id}")[0][0]
    res = invoke("query", "-f", "json", "--at", str(when), "SELECT count(*) AS n FROM v_documents", "-w", str(wh))
    assert json.loads(res.output) == [{"n": 1}]
    res = invoke("query", "--snapshot", "9999", "SELECT 1", "-w", str(wh))
    assert res.exit_code == 1 and "khabar status" in res.output

    st = json.loads(invoke("status", "-f", "json", "-w", str(wh)).output)
    assert st["snapshot_id"] == r2.snapshot_id
    assert [(r["snapshot_id"], r["run_id"], r["status"]) for r in st["refreshes"]] == [
        (r2.snapshot_id, "two", "published"), (r1.snapshot_id, "one", "published")]
    text = invoke("status", "-w", str(wh)).output
    assert f"snapshot: {r2.snapshot_id}" in text and "recent refreshes" in text


def test_the_old_default_warehouse_is_refused_until_migrated(tmp_path, monkeypatch):
    import pipeline.warehouse.connect as connect

    default = tmp_path / "warehouse" / "khabar.lake.sqlite"
    default.parent.mkdir()
    _legacy(default.with_name("khabar.duckdb"))
    monkeypatch.setattr(connect, "DEFAULT_WAREHOUSE", default)
    monkeypatch.setattr(connect, "LEGACY_DEFAULT", default.with_name("khabar.duckdb"))
    with pytest.raises(LegacyWarehouseError, match="khabar migrate --from"):
        connect_readonly(default)
    with pytest.raises(LegacyWarehouseError, match="khabar migrate --from"):
        connect_writer(default)
    assert convert_warehouse(default, default.with_name("khabar.duckdb"))["tables"]["documents"] == 1
    assert q(default, "SELECT doc_id FROM documents") == [("d1",)]


def test_refreshes_write_parquet_files_never_inlined_rows(tmp_path):
    """Data inlining stays off (docs/storage.md: DuckLake 1.5.5 committed orphan event blocks when one
    transaction deleted, re-inserted and updated inlined rows): no snapshot records inlined changes."""
    src, wh = tmp_path / "in", tmp_path / "k.sqlite"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    refresh(src, wh, "one")
    (src / "a.txt").write_text(B, encoding="utf-8")  # the document replaced: delete + insert in one refresh
    refresh(src, wh, "two")
    changes = [c for (c,) in q(wh, "SELECT changes FROM lake.snapshots()")]
    assert any("tables_deleted_from" in c for c in changes)
    assert not [c for c in changes if any(k.startswith("inlined") for k in c)], changes
    assert q(wh, "SELECT count(*) FROM event_blocks b LEFT JOIN event_mentions e USING (event_mention_id) "
                 "WHERE e.event_mention_id IS NULL") == [(0,)]


def test_a_lake_whose_schema_is_not_committed_yet_counts_as_absent(tmp_path):
    """The window in which a first writer has created the catalog but not committed the schema (one
    snapshot, pipeline/warehouse/migrate.py): readers and ingest see no warehouse, not an error."""
    from pipeline.warehouse.connect import warehouse_exists

    wh = tmp_path / "k.sqlite"
    con = connect_writer(wh)              # the catalog is created ...
    try:
        assert wh.exists() and not warehouse_exists(wh)
        with pytest.raises(FileNotFoundError, match="being created"):
            connect_readonly(wh, fts=False)
        apply_migrations(con)             # ... then the whole schema lands in one snapshot
    finally:
        con.close()
    assert warehouse_exists(wh)
    ro = connect_readonly(wh, fts=False)
    try:
        assert ro.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    finally:
        ro.close()


@pytest.mark.parametrize("state", ["empty file", "sqlite without the catalog's tables"])
def test_a_reader_in_the_moment_the_catalog_file_exists_before_its_metadata_sees_no_warehouse(tmp_path, state):
    """Before the first writer's ATTACH has created DuckLake's own tables, the catalog file is already
    there (empty, or a SQLite database without them). A reader then gets "being created", not DuckLake's
    "creating a new DuckLake is explicitly disabled" (seen by the reader of
    tests/reliability/test_concurrency.py when two first runs start on a new lake)."""
    import sqlite3

    from pipeline.warehouse.connect import connect_published, warehouse_exists

    wh = tmp_path / "k.sqlite"
    if state == "empty file":
        wh.touch()
    else:
        db = sqlite3.connect(wh)
        db.execute("CREATE TABLE other (a)")
        db.commit()
        db.close()
    assert not warehouse_exists(wh) and connect_published(wh) is None
    with pytest.raises(FileNotFoundError, match="being created"):
        connect_readonly(wh, fts=False)


@pytest.mark.parametrize("left", [None, "empty file"])
def test_a_new_lake_is_created_in_wal_mode_also_over_an_empty_catalog_file(tmp_path, left):
    """A new SQLite catalog is switched to write-ahead logging (readers never block the writer's commit);
    so is one whose empty file a first writer left behind when it stopped before creating the catalog."""
    import sqlite3

    wh = tmp_path / "k.sqlite"
    if left:
        wh.touch()
    con = connect_writer(wh)
    try:
        apply_migrations(con)
    finally:
        con.close()
    db = sqlite3.connect(wh)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    finally:
        db.close()
    ro = connect_readonly(wh, fts=False)
    try:
        assert ro.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    finally:
        ro.close()


def test_connect_published_is_none_until_a_reader_can_open_the_lake(tmp_path, monkeypatch):
    """Runs that read the published state first (ingest, partition runs) treat a lake that is absent, or
    still being created by another writer, as no warehouse yet instead of failing."""
    import pipeline.warehouse.connect as C

    wh = tmp_path / "k.sqlite"
    assert C.connect_published(wh) is None              # nothing there
    con = connect_writer(wh)
    try:
        assert C.connect_published(wh) is None          # catalog created, schema not committed
        apply_migrations(con)
    finally:
        con.close()
    ro = C.connect_published(wh)
    assert ro is not None and ro.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    ro.close()

    def being_created(*a, **k):                         # the catalog shows tables a moment before a reader does
        raise FileNotFoundError(f"no warehouse at {wh} yet: it is being created")

    monkeypatch.setattr(C, "connect_readonly", being_created)
    assert C.connect_published(wh) is None
