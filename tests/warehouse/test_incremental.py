"""pipeline/warehouse/incremental.py: a refresh costs what its batch changed — nothing changed → no
derived work and no checks to run;
changed documents → only they are re-indexed and checked; reference data or a warehouse from
before migration 009 → everything."""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline.warehouse.connect import connect_readonly
from pipeline.warehouse.load import read_state
from pipeline.warehouse.refresh import build_and_publish
from pipeline.warehouse.search import search
from tests.warehouse.helpers import batch_for, identity_tables
from tests.warehouse.test_refresh import A, B, q

C = "وصل وفد من الأمم المتحدة إلى دمشق لبحث ملف اللاجئين والانتخابات."


def refresh(src, wh, run_id, **kw):
    manifest = known = None
    if wh.exists():
        con = connect_readonly(wh, fts=False)
        manifest, known = read_state(con)
        con.close()
    batch = batch_for(src, manifest, known)
    docs, tables = identity_tables(batch.documents)
    return build_and_publish(warehouse=wh, run_id=run_id, inputs=[str(src)], files=batch.files, sources=batch.sources,
                             rejected=batch.rejected, documents=docs, doc_tables=tables, **kw)


def hits(wh, query):
    con = connect_readonly(wh)
    try:
        return {h.doc_id for h in search(con, query, mode="any")}
    finally:
        con.close()


def doc_id(wh, name):
    return q(wh, f"SELECT doc_id FROM documents WHERE external_id = '{name}'")[0][0]


def test_work_follows_the_batch(tmp_path):
    src, wh = tmp_path / "in", tmp_path / "k.duckdb"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    (src / "b.txt").write_text(B, encoding="utf-8")
    r1 = refresh(src, wh, "r1")
    assert r1.published and r1.load_stats["search_indexed"] == 2
    assert hits(wh, "الانسحاب") == {doc_id(wh, "b.txt")}

    # nothing changed: no derived step, no re-indexing, every contract kind reported as holding
    r2 = refresh(src, wh, "r2")
    assert r2.published and "derived" not in r2.load_stats and "search_indexed" not in r2.load_stats
    contracts = [c for c in r2.checks if c.name.startswith("contract_")]
    assert contracts and all(c.passed and c.details["evaluated"] == 0 for c in contracts)

    # one new document: only it is indexed and checked
    (src / "c.txt").write_text(C, encoding="utf-8")
    r3 = refresh(src, wh, "r3")
    assert r3.published and r3.load_stats["search_indexed"] == 1
    assert hits(wh, "اللاجئين") == {doc_id(wh, "c.txt")}
    assert 0 < max(c.details["evaluated"] for c in r3.checks if c.name == "contract_spans")

    # a removed document leaves the index
    b = doc_id(wh, "b.txt")
    (src / "b.txt").unlink()
    r4 = refresh(src, wh, "r4")
    assert r4.published and r4.load_stats["search_indexed"] == 0
    assert hits(wh, "الانسحاب") == set()
    assert q(wh, "SELECT count(*) FROM search_postings WHERE doc_id = ?".replace("?", f"'{b}'")) == [(0,)]


def test_reference_change_or_uncovered_index_redoes_everything(tmp_path):
    src, wh = tmp_path / "in", tmp_path / "k.duckdb"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    (src / "b.txt").write_text(B, encoding="utf-8")
    ref = {"entities": pl.DataFrame({"entity_id": ["loc:iq"], "entity_type": ["LOC"], "name_ar": ["العراق"],
                                     "name_en": ["Iraq"]})}
    assert refresh(src, wh, "r1", reference_tables=ref).published
    same = refresh(src, wh, "r2", reference_tables=ref)
    assert "derived" not in same.load_stats           # identical reference data is not a change
    ref["entities"] = ref["entities"].with_columns(name_en=pl.lit("Republic of Iraq"))
    changed = refresh(src, wh, "r3", reference_tables=ref)
    assert changed.load_stats["search_indexed"] == 2  # everything re-derived
    assert q(wh, "SELECT name_en FROM entities") == [("Republic of Iraq",)]

    # a warehouse whose postings do not cover it (e.g. migrated from before 009) is re-indexed whole
    from pipeline.warehouse.connect import connect_writer

    con = connect_writer(wh)
    con.execute("DELETE FROM search_postings")
    con.execute("DELETE FROM search_documents")
    con.close()
    r4 = refresh(src, wh, "r4")
    assert r4.load_stats["search_indexed"] == 2
    assert hits(wh, "الانسحاب") == {doc_id(wh, "b.txt")}


def test_scope_rules_and_reference_comparison():
    from pipeline.warehouse.incremental import derive_and_check, reference_changed, refresh_scope
    from pipeline.warehouse.migrate import apply_migrations

    ids = ["a", "b"]
    assert refresh_scope(ids, ready=True, reference_changed=False, full_check=False) == ids
    assert refresh_scope([], ready=True, reference_changed=False, full_check=False) == []
    for kw in ({"ready": False}, {"reference_changed": True}, {"full_check": True}):
        args = {"ready": True, "reference_changed": False, "full_check": False, **kw}
        assert refresh_scope(ids, **args) is None
    con = duckdb.connect()
    apply_migrations(con)
    stats: dict = {}
    assert derive_and_check(con, [], stats) == [] and stats == {}   # nothing changed: no work at all
    con.execute("INSERT INTO entities (entity_id, entity_type, name_ar, name_en) VALUES ('loc:iq', 'LOC', 'العراق', 'Iraq')")
    frame = pl.DataFrame({"entity_id": ["loc:iq"], "entity_type": ["LOC"], "name_ar": ["العراق"], "name_en": ["Iraq"]})
    assert not reference_changed(con, "entities", frame)
    assert reference_changed(con, "entities", frame.with_columns(name_en=pl.lit("Irak")))
    assert reference_changed(con, "entities", pl.concat([frame, frame]))
    con.execute("UPDATE entities SET country_code = 'IQ'")          # a column the new frame would clear
    assert reference_changed(con, "entities", frame)
