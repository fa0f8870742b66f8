"""The khabar command line: query formats, extract JSON, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from khabar.cli import main
from pipeline.warehouse.connect import connect_readonly

REPO = Path(__file__).resolve().parent.parent
SEED0 = REPO / "seeds" / "000_788c76a359087e8b.txt"


@pytest.fixture(scope="module")
def warehouse(seeds_build):
    return seeds_build[0]  # read only here (tests/conftest.py: built once per test process)


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_help_lists_every_command_with_examples():
    res = invoke("--help")
    assert res.exit_code == 0
    for cmd in ("run", "query", "extract"):
        assert cmd in res.output
        sub = invoke(cmd, "--help")
        assert sub.exit_code == 0 and "Examples:" in sub.output


def test_query_table_csv_json(warehouse):
    sql = "SELECT external_id, status FROM documents ORDER BY external_id"
    table = invoke("query", sql, "-w", str(warehouse))
    assert table.exit_code == 0 and "000_788c76a359087e8b.txt" in table.output and "(5 rows)" in table.output
    csv_out = invoke("query", sql, "-w", str(warehouse), "-f", "csv")
    assert csv_out.output.splitlines()[0] == "external_id,status" and len(csv_out.output.splitlines()) == 6
    rows = json.loads(invoke("query", sql, "-w", str(warehouse), "-f", "json").output)
    assert rows[0] == {"external_id": "000_788c76a359087e8b.txt", "status": "active"}


def test_query_is_read_only_and_errors_are_one_line(warehouse):
    res = invoke("query", "DELETE FROM documents", "-w", str(warehouse))
    assert res.exit_code != 0 and "Traceback" not in res.output
    assert "query refused" in res.output and "DELETE statements are refused" in res.output
    assert "hint:" in res.output and len(res.output.strip().splitlines()) == 2
    # hints match the error: a syntax error is not blamed on the read-only warehouse
    res = invoke("query", "SELEC 1", "-w", str(warehouse))
    assert res.exit_code != 0 and "query failed: Parser Error" in res.output
    assert "syntax" in res.output and "read-only" not in res.output
    res = invoke("query", "SELECT * FROM no_such_table", "-w", str(warehouse))
    assert "Catalog Error" in res.output and "SHOW TABLES" in res.output
    res = invoke("query", "SELECT no_such_column FROM documents", "-w", str(warehouse))
    assert "Binder Error" in res.output and "DESCRIBE" in res.output
    res = invoke("query", "SELECT 1", "-w", str(warehouse.parent / "missing.duckdb"))
    assert res.exit_code != 0 and "no warehouse" in res.output and "hint:" in res.output


def test_run_rejects_missing_input(tmp_path):
    res = invoke("run", "-i", str(tmp_path / "nope"), "-w", str(tmp_path / "w.duckdb"))
    assert res.exit_code != 0 and "input not found" in res.output


def test_extract_prints_offsets_into_the_input_as_given():
    raw = SEED0.read_text(encoding="utf-8")
    res = invoke("extract", str(SEED0))
    assert res.exit_code == 0
    data = json.loads(res.output)
    assert data["document"]["published_at"] == "2024-01-28T10:45:25"
    assert data["entity_mentions"], "no mentions extracted"
    for m in data["entity_mentions"]:
        assert raw[m["raw_start"]:m["raw_end"]] == m["surface"], m
    names = {m.get("name_en") for m in data["entity_mentions"]}
    assert "Lloyd Austin" in names
    for key in ("time_expressions", "quantities", "event_mentions", "quotes", "citations"):
        assert key in data
    # the cleaned text the start_char/end_char offsets refer to is part of the output
    clean = data["document"]["clean_text"]
    for key in ("entity_mentions", "time_expressions", "quantities"):
        for row in data[key]:
            assert clean[row["start_char"]:row["end_char"]] == row["surface"], row
    assert data["document"]["language"] == "ar" and data["document"]["arabic_ratio"] > 0.9
    assert "clean_text" not in json.loads(invoke("extract", "--no-text", str(SEED0)).output)["document"]


def test_extract_warns_when_the_input_is_not_arabic():
    runner = CliRunner()
    res = runner.invoke(main, ["extract", "-"], input=b"The talks in Baghdad will start on Thursday, officials said.",
                        catch_exceptions=False)
    assert res.exit_code == 0
    assert "warning: the input does not look like Arabic (language=en" in res.stderr
    assert "not_arabic" in res.stderr and "warning" not in res.stdout
    assert json.loads(res.stdout)["document"]["language"] == "en"
    res = runner.invoke(main, ["extract", str(SEED0)], catch_exceptions=False)
    assert "warning" not in res.stderr


def test_extract_summary_is_short_and_readable(monkeypatch):
    monkeypatch.setenv("COLUMNS", "90")
    res = invoke("extract", "--summary", str(SEED0))
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0] == "title: محادثات حول إنهاء الوجود العسكري الأمريكي في العراق"
    assert lines[1].startswith("published: 2024-01-28T10:45:25 (from text); language: ar")
    assert any("× PERSON Lloyd Austin [per:lloyd-austin]" in line for line in lines)
    assert any(line.startswith("quotes: ") for line in lines) and any(line.startswith("events: ") for line in lines)
    assert len(lines) < 80 and all(len(line) <= 90 for line in lines)
    with pytest.raises(json.JSONDecodeError):
        json.loads(res.output)


def test_extract_reads_stdin():
    res = invoke("extract", "-", "--published-at", "2024-01-28",
                 input="قال وزير الدفاع الأمريكي لويد أوستن يوم الخميس إن المحادثات مع العراق ستبدأ.".encode())
    data = json.loads(res.output)
    assert any(t["value"] == "2024-01-25" for t in data["time_expressions"])


def test_backfill_lists_input_batches_and_refuses_unknown_keys(tmp_path):
    (tmp_path / "in" / "drop").mkdir(parents=True)
    (tmp_path / "in" / "drop" / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "in" / "f.jsonl").write_text("".join(f'{{"id": {i}, "text": "نص {i}"}}\n' for i in range(5)),
                                             encoding="utf-8")
    out = invoke("backfill", "--list", "--lines", "2", "-i", str(tmp_path / "in"))
    assert out.exit_code == 0
    assert [line.split("\t")[:2] for line in out.output.splitlines()] == [
        ["in/drop/", "directory"], ["in/f.jsonl#lines=1-2", "chunk"], ["in/f.jsonl#lines=3-4", "chunk"],
        ["in/f.jsonl#lines=5-6", "chunk"]]
    bad = CliRunner().invoke(main, ["backfill", "-p", "/etc/passwd", "-i", str(tmp_path / "in")])
    assert bad.exit_code == 1 and "not an input batch key" in bad.output and "--list" in bad.output


@pytest.mark.slow
def test_backfill_runs_each_batch_as_its_own_run(tmp_path, monkeypatch):
    import shutil

    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KHABAR_WORKERS", "1")
    (tmp_path / "in").mkdir()
    for f in sorted((REPO / "seeds").glob("*.txt"))[:2]:
        shutil.copy2(f, tmp_path / "in" / f.name)
    out = invoke("backfill", "-i", str(tmp_path / "in"), "-w", str(tmp_path / "k.duckdb"))
    assert out.exit_code == 0, out.output
    lines = [line for line in out.output.splitlines() if "published" in line]
    assert len(lines) == 2 and len({line.split(" run ")[1].split()[0] for line in lines}) == 2
    con = connect_readonly(tmp_path / "k.duckdb", fts=False)
    try:
        assert con.execute("SELECT count(DISTINCT run_id) FROM refresh_runs WHERE status = 'published'").fetchone()[0] == 2
    finally:
        con.close()
