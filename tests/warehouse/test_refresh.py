"""Loads, incremental semantics, contracts and the atomic publish, without Dagster."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.warehouse.connect import connect_readonly
from pipeline.warehouse.load import read_state
from pipeline.warehouse.publish import prepare_staging, staging_path, warehouse_lock, WarehouseBusy
from pipeline.warehouse.refresh import build_and_publish, record_failed_run
from tests.warehouse.helpers import batch_for, identity_tables

A = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد."
B = "قال رئيس الوزراء العراقي إن المحادثات مع الولايات المتحدة بشأن الانسحاب مستمرة."


def refresh(inputs, wh, run_id):
    manifest = known = None
    if wh.exists():
        con = connect_readonly(wh, fts=False)
        manifest, known = read_state(con)
        con.close()
    batch = batch_for(inputs, manifest, known)
    docs, tables = identity_tables(batch.documents)
    return build_and_publish(warehouse=wh, run_id=run_id, inputs=[str(inputs)], files=batch.files,
                             sources=batch.sources, rejected=batch.rejected, documents=docs, doc_tables=tables)


def q(wh, sql):
    con = duckdb.connect(str(wh), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_publish_then_incremental_replace_and_remove(tmp_path):
    src, wh = tmp_path / "in", tmp_path / "w" / "k.duckdb"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    (src / "b.txt").write_text(B, encoding="utf-8")
    (src / "dup.txt").write_text(B, encoding="utf-8")
    (src / "bad.txt").write_bytes(b"")
    r1 = refresh(src, wh, "r1")
    assert r1.published and all(c.passed for c in r1.checks), [c for c in r1.checks if not c.passed]
    assert q(wh, "SELECT count(*), sum(n_sources) FROM documents WHERE status = 'active'") == [(2, 3)]
    assert q(wh, "SELECT reason FROM rejected_documents") == [("empty",)]
    assert q(wh, "SELECT count(*) FROM dq_results WHERE run_id = 'r1'")[0][0] > 0
    assert q(wh, "SELECT status FROM refresh_runs") == [("published",)]

    # no change: nothing loaded, same documents
    r2 = refresh(src, wh, "r2")
    assert r2.published and r2.load_stats["documents_loaded"] == 0
    assert q(wh, "SELECT count(*) FROM documents") == [(2,)]

    # a changes (old rows replaced), dup disappears (b keeps one source), b's other file removed later
    (src / "a.txt").write_text(A + " وأضاف البيان تفاصيل جديدة.", encoding="utf-8")
    (src / "dup.txt").unlink()
    r3 = refresh(src, wh, "r3")
    assert r3.published and r3.load_stats["documents_replaced"] == 1
    rows = dict(q(wh, "SELECT external_id, status FROM documents"))
    assert rows == {"a.txt": "active", "b.txt": "active"}
    assert q(wh, "SELECT n_sources FROM documents WHERE external_id = 'b.txt'") == [(1,)]
    assert q(wh, "SELECT count(*) FROM sentences") == [(2,)]

    (src / "b.txt").unlink()
    r4 = refresh(src, wh, "r4")
    assert r4.published
    assert dict(q(wh, "SELECT external_id, status FROM documents")) == {"a.txt": "active", "b.txt": "removed"}
    # the removed document keeps its rows (status says it is gone), the contracts still hold
    assert q(wh, "SELECT count(*) FROM sentences") == [(2,)]
    assert all(c.passed for c in r4.checks)


def test_failed_contract_publishes_nothing_but_records_the_run(tmp_path):
    src, wh = tmp_path / "in", tmp_path / "k.duckdb"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    assert refresh(src, wh, "good").published
    before = q(wh, "SELECT doc_id, clean_text FROM documents")

    (src / "b.txt").write_text(B, encoding="utf-8")
    con = connect_readonly(wh, fts=False)
    manifest, known = read_state(con)
    con.close()
    batch = batch_for(src, manifest, known)
    docs, tables = identity_tables(batch.documents)
    tables["sentences"] = tables["sentences"].with_columns(end_char=tables["sentences"]["end_char"] + 5)  # corrupt
    res = build_and_publish(warehouse=wh, run_id="bad", inputs=[str(src)], files=batch.files, sources=batch.sources,
                            rejected=batch.rejected, documents=docs, doc_tables=tables)
    assert not res.published
    assert {c.name for c in res.checks if not c.passed} == {"contract_spans"}
    assert q(wh, "SELECT doc_id, clean_text FROM documents") == before
    assert q(wh, "SELECT status FROM refresh_runs WHERE run_id = 'bad'") == [("failed",)]
    assert q(wh, "SELECT passed FROM dq_results WHERE run_id = 'bad' AND check_name = 'contract_spans'") == [(False,)]
    assert not list((wh.parent / ".staging").glob("*.duckdb"))
    # the runner records failed runs too; a second recording must not erase the first one's checks
    record_failed_run(wh, "bad", [str(src)])
    assert q(wh, "SELECT passed FROM dq_results WHERE run_id = 'bad' AND check_name = 'contract_spans'") == [(False,)]


def test_killed_refresh_leaves_published_warehouse_intact(tmp_path):
    src, wh = tmp_path / "in", tmp_path / "k.duckdb"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    assert refresh(src, wh, "good").published
    before = wh.read_bytes()
    # a refresh that dies after staging and a partial write, before the swap
    staging = prepare_staging(wh, "killed")
    con = duckdb.connect(str(staging))
    con.execute("DELETE FROM documents")
    con.close()
    assert wh.read_bytes() == before
    assert q(wh, "SELECT count(*) FROM documents") == [(1,)]
    # the next refresh sweeps the leftover staging file
    (src / "b.txt").write_text(B, encoding="utf-8")
    assert refresh(src, wh, "next").published
    assert not staging.exists()
    assert q(wh, "SELECT count(*) FROM documents") == [(2,)]


def test_lock_excludes_a_second_writer(tmp_path):
    wh = tmp_path / "k.duckdb"
    with warehouse_lock(wh):
        with pytest.raises(WarehouseBusy):
            with warehouse_lock(wh, timeout_s=0.3):
                pass


def test_reader_connection_survives_publish(tmp_path):
    src, wh = tmp_path / "in", tmp_path / "k.duckdb"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    assert refresh(src, wh, "one").published
    reader = duckdb.connect(str(wh), read_only=True)  # an analyst keeps this open
    (src / "b.txt").write_text(B, encoding="utf-8")
    assert refresh(src, wh, "two").published          # no lock error for the writer
    assert reader.execute("SELECT count(*) FROM documents").fetchone() == (1,)  # old snapshot
    reader.close()
    assert q(wh, "SELECT count(*) FROM documents") == [(2,)]                    # new readers see the new one
    assert staging_path(wh, "two").exists() is False
