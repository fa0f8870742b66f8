"""Loads, incremental semantics, contracts and the one-snapshot publish on the lake, without Dagster."""

from __future__ import annotations

import pytest

from pipeline.warehouse.connect import connect_published, connect_readonly
from pipeline.warehouse.load import read_state
from pipeline.warehouse.publish import WarehouseBusy, warehouse_lock
from pipeline.warehouse.refresh import build_and_publish, record_failed_run
from tests.warehouse.helpers import batch_for, identity_tables

A = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد."
B = "قال رئيس الوزراء العراقي إن المحادثات مع الولايات المتحدة بشأن الانسحاب مستمرة."


def refresh(inputs, wh, run_id, reference_tables=None):
    manifest = known = None
    con = connect_published(wh)
    if con is not None:
        manifest, known = read_state(con)
        con.close()
    batch = batch_for(inputs, manifest, known)
    docs, tables = identity_tables(batch.documents)
    return build_and_publish(warehouse=wh, run_id=run_id, inputs=[str(inputs)], files=batch.files,
                             sources=batch.sources, rejected=batch.rejected, documents=docs, doc_tables=tables,
                             reference_tables=reference_tables)


def two_sources(tmp_path) -> list:
    """Two input directories ``one`` and ``two`` holding documents A and B (for concurrent writers)."""
    srcs = []
    for name, text in (("one", A), ("two", B)):
        d = tmp_path / name
        d.mkdir()
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
        srcs.append(d)
    return srcs


def q(wh, sql):
    con = connect_readonly(wh, fts=False)
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
    # the run's recorded checks, read back from the published snapshot (the warehouse asset's metadata)
    assert r1.run_checks == {"evaluated": q(wh, "SELECT count(*) FROM dq_results WHERE run_id = 'r1'")[0][0],
                             "failed": 0}
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
    # the failed run is a snapshot of its own holding only its records, tagged as failed
    assert q(wh, "SELECT commit_extra_info FROM lake.snapshots() ORDER BY snapshot_id DESC LIMIT 1") == [
        ('{"run_id": "bad", "status": "failed"}',)]
    # the runner records failed runs too; a second recording must not erase the first one's checks
    record_failed_run(wh, "bad", [str(src)])
    assert q(wh, "SELECT passed FROM dq_results WHERE run_id = 'bad' AND check_name = 'contract_spans'") == [(False,)]


def test_lock_excludes_a_second_writer(tmp_path):
    wh = tmp_path / "k.duckdb"
    with warehouse_lock(wh):
        with pytest.raises(WarehouseBusy):
            with warehouse_lock(wh, timeout_s=0.3):
                pass


def test_reader_in_a_transaction_keeps_its_snapshot_during_a_publish(tmp_path):
    src, wh = tmp_path / "in", tmp_path / "k.duckdb"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    assert refresh(src, wh, "one").published
    reader = connect_readonly(wh, fts=False)  # an analyst keeps this open
    reader.execute("BEGIN TRANSACTION")
    assert reader.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    (src / "b.txt").write_text(B, encoding="utf-8")
    assert refresh(src, wh, "two").published          # no lock error for the writer
    assert reader.execute("SELECT count(*) FROM documents").fetchone() == (1,)  # its snapshot, consistently
    assert reader.execute("SELECT count(*) FROM sentences").fetchone() == (1,)
    reader.execute("COMMIT")
    assert reader.execute("SELECT count(*) FROM documents").fetchone() == (2,)  # the next query sees the new one
    reader.close()
    assert q(wh, "SELECT count(*) FROM documents") == [(2,)]


def test_a_refresh_is_one_snapshot_and_a_no_change_refresh_writes_no_data(tmp_path):
    src, wh = tmp_path / "in", tmp_path / "k.duckdb"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    r1 = refresh(src, wh, "one")
    (src / "b.txt").write_text(B, encoding="utf-8")
    r2 = refresh(src, wh, "two")
    assert r2.snapshot_id == r1.snapshot_id + 1        # the whole refresh (all tables) is one snapshot
    changes = q(wh, f"SELECT changes FROM lake.snapshots() WHERE snapshot_id = {r2.snapshot_id}")[0][0]
    touched = set(changes.get("tables_inserted_into", [])) | set(changes.get("inlined_insert", []))
    assert len(touched) >= 5                            # documents, sources, sentences, … in that one commit
    # the refresh is listed with its snapshot id
    assert q(wh, "SELECT snapshot_id, commit_message FROM lake.snapshots() WHERE commit_message LIKE 'refresh %' "
                 "ORDER BY snapshot_id") == [(r1.snapshot_id, "refresh one"), (r2.snapshot_id, "refresh two")]
    files = {p for p in wh.parent.rglob("*.parquet")}
    r3 = refresh(src, wh, "three")                     # nothing changed: no table data rewritten
    assert r3.published and r3.load_stats["documents_loaded"] == 0
    new = {p.relative_to(wh.parent).parts[1:3] for p in set(wh.parent.rglob("*.parquet")) - files}
    assert not {t for _, t in new} - {"source_files", "dq_results", "refresh_runs"}, new


def test_unchanged_reference_tables_are_not_rewritten(tmp_path):
    import polars as pl

    src, wh = tmp_path / "in", tmp_path / "k.sqlite"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    kb = pl.DataFrame({"entity_id": ["loc:iq", "loc:us"], "entity_type": ["LOC", "LOC"],
                       "name_ar": ["العراق", "الولايات المتحدة"], "name_en": ["Iraq", "United States"]})

    def run(run_id, entities):
        return refresh(src, wh, run_id, reference_tables={"entities": entities})

    assert run("one", kb).load_stats["reference_tables_replaced"] == ["entities"]
    same = run("two", kb.reverse())                     # same rows, another order: nothing to rewrite
    assert same.load_stats["reference_tables_replaced"] == [] and "derived" not in same.load_stats
    changed = run("three", kb.with_columns(pl.col("name_en").str.to_uppercase()))
    assert changed.load_stats["reference_tables_replaced"] == ["entities"] and "derived" in changed.load_stats
    assert q(wh, "SELECT name_en FROM entities ORDER BY 1") == [("IRAQ",), ("UNITED STATES",)]
