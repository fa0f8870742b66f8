"""Bad input through the real Dagster job: quarantined, never fatal, never a silent withdrawal."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from khabar.cli import main
from pipeline.warehouse.connect import connect_readonly

AR = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد في محافظة الأنبار"


def q(wh: Path, sql: str):
    con = connect_readonly(wh, fts=False)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def khabar_run(inputs: Path, wh: Path):
    return CliRunner().invoke(main, ["run", "-q", "-i", str(inputs), "-w", str(wh)], catch_exceptions=False)


@pytest.mark.slow
def test_one_bad_byte_never_withdraws_a_feed(tmp_path):
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    wh = tmp_path / "w.duckdb"
    lines = [json.dumps({"id": f"r{i}", "text": f"{AR} رقم {i}."}, ensure_ascii=False).encode("utf-8")
             for i in range(1, 201)]
    feed.write_bytes(b"\n".join(lines) + b"\n")
    assert khabar_run(feed.parent, wh).exit_code == 0
    assert q(wh, "SELECT count(*) FROM documents WHERE status = 'active'") == [(200,)]

    # \xff\xfe inside line 100: that line is quarantined with its number, 199 documents stay published
    bad = list(lines)
    bad[99] = bad[99][:30] + b"\xff\xfe" + bad[99][30:]
    feed.write_bytes(b"\n".join(bad) + b"\n")
    res = khabar_run(feed.parent, wh)
    assert res.exit_code == 0, res.output
    assert "SUCCESS" in res.output
    assert q(wh, "SELECT status, count(*) FROM documents GROUP BY ALL ORDER BY 1") == [("active", 199), ("removed", 1)]
    assert q(wh, "SELECT reason, line_no, encoding FROM rejected_documents") == [("undecodable", 100, "utf-8")]
    assert q(wh, "SELECT DISTINCT encoding FROM document_sources WHERE active") == [("utf-8",)]

    # a refresh that would withdraw most of the feed fails a blocking check naming it; nothing is published
    feed.write_bytes(b"\n".join(ln[:-1] for ln in lines) + b"\n")  # every line now invalid JSON
    res = khabar_run(feed.parent, wh)
    assert res.exit_code == 1
    assert "FAILED [BLOCKING] source_files.withdrawal_within_limit" in res.output
    assert "feed.jsonl" in res.output and "199 of 199" in res.output
    assert q(wh, "SELECT status, count(*) FROM documents GROUP BY ALL ORDER BY 1") == [("active", 199), ("removed", 1)]


@pytest.mark.slow
def test_full_refresh_re_extracts_every_document(tmp_path, seeds_dir):
    wh = tmp_path / "w.duckdb"
    assert khabar_run(seeds_dir, wh).exit_code == 0
    before = dict(q(wh, "SELECT doc_id, updated_at FROM documents"))
    counts = q(wh, "SELECT (SELECT count(*) FROM sentences), (SELECT count(*) FROM entity_mentions), "
                   "(SELECT count(*) FROM time_expressions)")
    res = khabar_run(seeds_dir, wh)
    assert "nothing changed since snapshot" in res.output and "no run started" in res.output  # nothing to do
    res = CliRunner().invoke(main, ["run", "-q", "--full-refresh", "-i", str(seeds_dir), "-w", str(wh)],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert f"documents read:     {len(before)} to process" in res.output
    after = dict(q(wh, "SELECT doc_id, updated_at FROM documents"))
    assert after.keys() == before.keys() and all(after[d] > before[d] for d in before)
    assert q(wh, "SELECT (SELECT count(*) FROM sentences), (SELECT count(*) FROM entity_mentions), "
                 "(SELECT count(*) FROM time_expressions)") == counts


def _make_loop(d: Path) -> None:
    os.symlink("b.txt", d / "a.txt")
    os.symlink("a.txt", d / "b.txt")


def _make_dangling(d: Path) -> None:
    os.symlink(d / "gone.txt", d / "dangling.txt")


def _make_bad_name(d: Path) -> None:
    with open(os.path.join(os.fsencode(d), b"\xff\xfe-name.txt"), "w", encoding="utf-8") as fh:
        fh.write(AR + " من ملف باسم غير صالح.")


@pytest.mark.slow
@pytest.mark.parametrize("make, reason", [(_make_loop, "broken_symlink"), (_make_dangling, "broken_symlink"),
                                          (_make_bad_name, None)], ids=["symlink_loop", "dangling", "non_utf8_name"])
def test_broken_entries_never_fail_a_run_at_a_fresh_target(tmp_path, make, reason):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "good.txt").write_text(AR + ".", encoding="utf-8")
    make(inputs)
    wh = tmp_path / "fresh" / "w.duckdb"
    res = khabar_run(inputs, wh)
    assert res.exit_code == 0, res.output
    active = q(wh, "SELECT count(*) FROM documents WHERE status = 'active'")[0][0]
    assert active == (2 if reason is None else 1)
    rejected = [r[0] for r in q(wh, "SELECT reason FROM rejected_documents")]
    assert rejected == ([] if reason is None else [reason] * len(rejected)) and (reason is None or rejected)
    if reason is None:
        assert ("inputs/%FF%FE-name.txt",) in q(wh, "SELECT source_path FROM document_sources")
    # no path of the machine anywhere in the warehouse
    con = connect_readonly(wh, fts=False)
    try:
        columns = con.execute("SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c "
                              "JOIN information_schema.tables t USING (table_schema, table_name) "
                              "WHERE t.table_type = 'BASE TABLE' AND c.data_type = 'VARCHAR'").fetchall()
        assert any(t == "document_sources" for _, t, _ in columns)
        for schema, table, c in columns:
            hits = con.execute(f'SELECT count(*) FROM "{schema}"."{table}" WHERE contains("{c}", ?)',
                               [str(tmp_path)]).fetchone()
            assert hits == (0,), (table, c)
        assert con.execute("SELECT inputs FROM refresh_runs").fetchall() == [('["inputs"]',)]
    finally:
        con.close()


@pytest.mark.slow
def test_one_bad_date_or_an_empty_document_never_blocks_the_batch(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    recs = [{"id": f"r{i}", "text": f"{AR} رقم {i}.", "date": "2024-01-28T10:00:00Z"} for i in range(1, 202)]
    recs[57]["date"] = "2500-01-01T00:00:00Z"
    recs[58]["date"] = "1850-06-01"
    (inputs / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    (inputs / "chrome.txt").write_text("تابعونا على تويتر وفيسبوك وانستغرام\n[ad_1]\nشارك الخبر\n"
                                       "حجم الخط | طباعة | ارسال لصديق\nجميع الحقوق محفوظة لموقع الخبر ٢٠٢٤",
                                       encoding="utf-8")
    (inputs / "future.txt").write_text(f"28/01/2099\n{AR} في المستقبل.", encoding="utf-8")
    wh = tmp_path / "w.duckdb"
    res = khabar_run(inputs, wh)
    assert res.exit_code == 0, res.output
    assert "FAILED [WARN] clean_documents.published_at_plausible" in res.output
    assert q(wh, "SELECT count(*) FROM documents WHERE status = 'active'") == [(202,)]
    assert q(wh, "SELECT count(*) FROM documents WHERE published_at > now() OR year(published_at) < 1900") == [(0,)]
    assert q(wh, "SELECT external_id, published_at_flag, published_at_raw, published_at FROM document_sources "
                 "WHERE published_at_flag IS NOT NULL ORDER BY 1") == [
        ("r58", "in_future", "2500-01-01T00:00:00Z", None), ("r59", "before_1900", "1850-06-01", None)]
    assert q(wh, "SELECT published_at, published_at_source FROM documents WHERE external_id = 'future.txt'") == [
        (None, None)]
    assert q(wh, "SELECT external_id, reason FROM rejected_documents") == [("chrome.txt", "empty_after_cleaning")]
    assert q(wh, "SELECT count(*) FROM documents WHERE trim(clean_text) = ''") == [(0,)]
    assert q(wh, "SELECT bool_and(passed) FROM dq_results WHERE blocking") == [(True,)]


def test_sensor_fingerprint_survives_broken_entries_and_sees_them(tmp_path):
    from assets.automation import inputs_fingerprint
    from assets.resources import KhabarConfig

    (tmp_path / "good.txt").write_text(AR, encoding="utf-8")
    cfg = KhabarConfig(inputs=[str(tmp_path)], warehouse=str(tmp_path / "w.duckdb"))
    before = inputs_fingerprint(cfg)
    _make_loop(tmp_path)
    _make_dangling(tmp_path)
    _make_bad_name(tmp_path)
    after = inputs_fingerprint(cfg)
    assert after[1] == 5 and after[0] != before[0]


def test_a_malformed_withdrawal_setting_is_one_line(monkeypatch):
    monkeypatch.setenv("KHABAR_MAX_WITHDRAWN_SHARE", "lots")
    res = CliRunner().invoke(main, ["status"])
    assert res.exit_code != 0 and "Traceback" not in res.output
    assert "KHABAR_MAX_WITHDRAWN_SHARE='lots' is not a number" in res.output
