"""Bad input through the real Dagster job: quarantined, never fatal, never a silent withdrawal."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from khabar.cli import main

AR = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد في محافظة الأنبار"


def q(wh: Path, sql: str):
    con = duckdb.connect(str(wh), read_only=True)
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
    assert "documents read:     0 to process" in res.output  # incremental: nothing to do
    res = CliRunner().invoke(main, ["run", "-q", "--full-refresh", "-i", str(seeds_dir), "-w", str(wh)],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert f"documents read:     {len(before)} to process" in res.output
    after = dict(q(wh, "SELECT doc_id, updated_at FROM documents"))
    assert after.keys() == before.keys() and all(after[d] > before[d] for d in before)
    assert q(wh, "SELECT (SELECT count(*) FROM sentences), (SELECT count(*) FROM entity_mentions), "
                 "(SELECT count(*) FROM time_expressions)") == counts
