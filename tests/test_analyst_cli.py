"""Analyst commands (search, export, status, kb candidates) on a small hand-made warehouse."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from khabar.cli import main
from pipeline.warehouse.connect import connect_readonly
from tests.warehouse.test_views import build_sample


@pytest.fixture(scope="module")
def wh(tmp_path_factory):
    path = tmp_path_factory.mktemp("analyst") / "k.duckdb"
    con = build_sample(path)
    con.execute("INSERT INTO entity_candidates VALUES ('بغداد', 'LOC', 2, 3, ['بغداد'], ['عقد اجتماع في بغداد.'], "
                "NULL, NULL), ('فلان', 'PERSON', 1, 1, ['فلان'], [], NULL, NULL), "
                "('وكاله الانباء', 'ORG', 9, 12, ['وكالة الأنباء'], ['نقلت وكالة الأنباء الخبر.'], NULL, NULL), "
                "('هييه التنسيق', 'ORG', 1, 2, ['هيئة التنسيق', 'هيئة  التنسيق'], "
                "[?], NULL, NULL)", ["وقال " + "كلام طويل " * 30 + "إن هيئة التنسيق " + "اجتمعت أمس " * 30])
    con.execute("INSERT INTO refresh_runs VALUES ('r1', '2024-02-01 10:00', '2024-02-01 10:01', 'published', '[]', "
                "'test', '{}')")
    con.execute("INSERT INTO dq_results VALUES ('r1:warehouse:a', 'r1', 'warehouse', 'contract_spans', true, 'ERROR', "
                "true, 0, '{}', '2024-02-01 10:00'), ('r1:warehouse:b', 'r1', 'warehouse', 'coverage', false, 'WARN', "
                "false, 0.4, '{}', '2024-02-01 10:00')")
    con.close()
    return path


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_every_analyst_command_has_help_with_examples():
    for cmd in (["search"], ["export"], ["status"], ["kb"], ["kb", "candidates"], ["kb", "promote"]):
        res = invoke(*cmd, "--help")
        assert res.exit_code == 0 and "Examples:" in res.output, cmd


def test_search_table_marks_matched_words(wh):
    res = invoke("search", "انسحاب القوات", "-w", str(wh))
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith(" 1. [") and "2024-01-28" in lines[0]
    assert lines[0].endswith("Pub A  انسحاب القوات من العراق")   # the title, not the document hash
    assert "d1" not in lines[0]
    assert "«انسحاب» «القوات»" in lines[1]
    assert "تأجيل الانسحاب" not in res.output       # removed document
    assert lines[-1] == "(3 matching documents)"
    res = invoke("search", "انسحاب القوات", "--limit", "1", "-w", str(wh))
    assert res.output.splitlines()[-1] == "(1 of 3 matching documents shown; --limit N for more)"
    assert "\x1b[1m" in invoke("search", "العراق", "--color", "-w", str(wh)).output


@pytest.mark.parametrize("query", ["انسحاب القوات", "العراق", "الحشد الشعبي", "بغداد دمشق", "قاعدة", "القوات"])
@pytest.mark.parametrize("mode", ["all", "any"])
def test_search_total_counts_every_matching_document(wh, query, mode):
    from khabar.analyst import count_hits
    from pipeline.warehouse.connect import connect_readonly
    from pipeline.warehouse.search import search

    con = connect_readonly(wh)
    try:
        assert count_hits(con, query, mode) == len(search(con, query, limit=1000, mode=mode))
    finally:
        con.close()


def test_search_names_untitled_documents_by_file(wh, tmp_path):
    from pipeline.warehouse.connect import connect_writer

    copy = tmp_path / "k.duckdb"   # a warehouse of its own (the module's is shared)
    build_sample(copy).close()
    con = connect_writer(copy)
    con.execute("UPDATE documents SET title = NULL, external_id = NULL WHERE doc_id = 'd4'")
    con.close()
    res = invoke("search", "الحشد الشعبي", "-w", str(copy))
    assert any(line.endswith("  d4.txt") for line in res.output.splitlines()), res.output
    hits = json.loads(invoke("search", "الحشد الشعبي", "-f", "json", "-w", str(copy)).output)
    assert {h["doc_id"]: h["file"] for h in hits}["d4"] == "d4.txt"


def test_search_json_and_limit(wh):
    res = invoke("search", "الحشد الشعبي", "-f", "json", "--limit", "1", "-w", str(wh))
    hits = json.loads(res.output)
    assert len(hits) == 1 and hits[0]["doc_id"] == "d4"
    text = connect_readonly(wh, fts=False).execute(
        "SELECT clean_text FROM documents WHERE doc_id = 'd4'").fetchone()[0]
    for h in hits[0]["highlights"]:
        assert text[h["start"]:h["end"]] == h["surface"]


def test_search_no_match_and_errors(wh, tmp_path):
    res = invoke("search", "بغداد كتائب", "-w", str(wh))
    assert res.exit_code == 0 and "no document matches" in res.output and "--any" in res.output
    res = invoke("search", "!!", "-w", str(wh))
    assert res.exit_code == 1 and "no searchable word" in res.output and "hint: search with Arabic" in res.output
    assert "rebuild" not in res.output
    assert "Traceback" not in res.output
    res = invoke("search", "العراق", "-w", str(tmp_path / "missing.duckdb"))
    assert res.exit_code == 1 and "no warehouse" in res.output and "hint:" in res.output


def test_export_parquet_and_csv(wh, tmp_path):
    res = invoke("export", str(tmp_path / "pq"), "-w", str(wh))
    assert res.exit_code == 0, res.output
    docs = duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'pq' / 'documents.parquet'}'").fetchone()[0]
    assert docs == 4
    assert not (tmp_path / "pq" / "v_mentions.parquet").exists()
    res = invoke("export", str(tmp_path / "csv"), "-f", "csv", "--views", "-w", str(wh))
    assert res.exit_code == 0
    rows = duckdb.sql(f"SELECT count(*) FROM read_csv('{tmp_path / 'csv' / 'v_figures.csv'}')").fetchone()[0]
    assert rows == 1
    res = invoke("export", str(tmp_path / "one"), "--only", "v_event_timeline", "-w", str(wh))
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["v_event_timeline.parquet"]
    res = invoke("export", str(tmp_path / "bad"), "--only", "nope", "-w", str(wh))
    assert res.exit_code == 1 and "no table or view named nope" in res.output


def test_status_text_and_json(wh):
    res = invoke("status", "-w", str(wh))
    assert res.exit_code == 0, res.output
    assert "documents: 3 active, 1 removed" in res.output
    assert "last publish: r1 published" in res.output and "last refresh" not in res.output
    assert "publication dates: 2024-01-28 … 2024-01-29 (2 dated, 1 undated)" in res.output
    assert "checks of run r1: 1/2 recorded checks passed" in res.output and "FAILED [WARN] warehouse.coverage" in res.output
    st = json.loads(invoke("status", "-f", "json", "-w", str(wh)).output)
    assert st["row_counts"]["documents"] == 4 and st["fts_index"] is True
    assert {"publisher": "Pub A", "documents": 1} in st["publishers"]


def test_kb_candidates(wh):
    res = invoke("kb", "candidates", "-f", "json", "-w", str(wh))
    got = json.loads(res.output)
    # surfaces as written, not matching keys; the generic phrase وكالة الأنباء is left out
    assert [c["surface"] for c in got] == ["بغداد", "هيئة التنسيق", "فلان"]
    assert got[1]["surfaces"] == ["هيئة التنسيق", "هيئة  التنسيق"] and got[1]["normalized_name"] == "هييه التنسيق"
    assert got[0]["example"] == "عقد اجتماع في بغداد." and got[0]["id"].startswith("c") and len(got[0]["id"]) == 8
    got = json.loads(invoke("kb", "candidates", "--all", "-f", "json", "-w", str(wh)).output)
    assert got[0]["surface"] == "وكالة الأنباء" and got[0]["doc_count"] == 9
    got = json.loads(invoke("kb", "candidates", "--type", "LOC", "--min-docs", "2", "-f", "json", "-w", str(wh)).output)
    assert [(c["surface"], c["doc_count"]) for c in got] == [("بغداد", 2)]
    res = invoke("kb", "candidates", "-f", "csv", "-w", str(wh))
    assert res.output.splitlines()[0] == "id,surface,surfaces,type_guess,doc_count,mention_count,example,normalized_name"


@pytest.mark.parametrize("columns", [60, 100, 160])
def test_kb_candidates_table_fits_the_terminal(wh, monkeypatch, columns):
    from khabar.common import display_width

    monkeypatch.setenv("COLUMNS", str(columns))
    res = invoke("kb", "candidates", "-w", str(wh))
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].split()[:4] == ["id", "type", "docs", "ment."]
    assert all(display_width(line) <= columns for line in lines), [display_width(x) for x in lines]
    long_line = next(line for line in lines if "هيئة التنسيق (+1)" in line)
    if columns >= 100:
        assert "هيئة التنسيق" in long_line.split("(+1)", 1)[1]      # the sample keeps the name in view
    assert "هييه" not in res.output and "وكالة الأنباء" not in res.output


def test_kb_promote_candidate_into_a_copied_kb(wh, tmp_path):
    import shutil

    from pipeline.kb.load import DATA_DIR, read_entity_rows
    from pipeline.kb.review import candidate_id

    data = tmp_path / "kb"
    shutil.copytree(DATA_DIR, data)
    res = invoke("kb", "promote", "فلان", "--id", "per:fulan-example", "--name-en", "Fulan Example",
                 "--subtype", "analyst", "--data-dir", str(data), "-w", str(wh))
    assert res.exit_code == 0, res.output
    assert "promoted per:fulan-example (PERSON) فلان / Fulan Example" in res.output
    assert "per:fulan-example" in (data / "promoted.csv").read_text(encoding="utf-8")
    # by the id shown in `kb candidates`, and by a surface as written (not the matching key)
    res = invoke("kb", "promote", candidate_id("هييه التنسيق", "ORG"), "--id", "org:coordination-example",
                 "--name-en", "Coordination Example", "--data-dir", str(data), "-w", str(wh))
    assert res.exit_code == 0, res.output
    row = next(r for r in read_entity_rows(data / "promoted.csv") if r["entity_id"] == "org:coordination-example")
    assert row["name_ar"] == "هيئة التنسيق" and row["entity_type"] == "ORG"
    res = invoke("kb", "promote", "بغداد", "--id", "loc:baghdad-example", "--name-en", "Baghdad example",
                 "--data-dir", str(data), "-w", str(wh))
    assert "no entity candidate" not in res.output
    # promoting the same id again is refused in one line with a hint
    res = invoke("kb", "promote", "فلان", "--id", "per:fulan-example", "--name-en", "Fulan Example",
                 "--data-dir", str(data), "-w", str(wh))
    assert res.exit_code == 1 and "already in the knowledge base" in res.output and "hint:" in res.output
    res = invoke("kb", "promote", "غير موجود", "--id", "per:x", "--name-en", "X", "--data-dir", str(data), "-w", str(wh))
    assert res.exit_code == 1 and "no entity candidate" in res.output
    res = invoke("kb", "promote", "--id", "per:x", "--data-dir", str(data))
    assert res.exit_code == 1 and "--name-en are required" in res.output


def test_analyst_commands_do_not_import_the_cli_module():
    import subprocess
    import sys

    code = "import sys, khabar.analyst; print('khabar.cli' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
