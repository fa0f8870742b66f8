"""End-to-end: the real Dagster job on the seeds and on a slice of the shared corpus."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from khabar.runner import run_refresh
from pipeline.settings import Settings
from pipeline.warehouse.connect import connect_readonly

REPO = Path(__file__).resolve().parent.parent


def q(wh: Path, sql: str):
    con = connect_readonly(wh, fts=False)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def seeds_warehouse(tmp_path_factory):
    wh = tmp_path_factory.mktemp("wh") / "khabar.duckdb"
    summary = run_refresh(Settings(inputs=(REPO / "seeds",), warehouse=wh))
    return wh, summary


def test_seeds_build_with_every_check_passing(seeds_warehouse):
    wh, summary = seeds_warehouse
    assert summary.success, summary.error
    failed = [c for c in summary.checks if not c["passed"]]
    assert not failed, failed
    assert q(wh, "SELECT count(*) FROM documents WHERE status = 'active'") == [(5,)]
    assert q(wh, "SELECT count(*) FROM rejected_documents") == [(0,)]
    assert q(wh, "SELECT min(n_sentences) > 0 FROM documents") == [(True,)]
    assert q(wh, "SELECT count(DISTINCT run_id) FROM dq_results") == [(1,)]
    assert q(wh, "SELECT bool_and(passed) FROM dq_results") == [(True,)]
    # a published run leaves none of its files: spooled tables, raw documents, check ledger
    from pipeline.warehouse.location import runs_dir

    assert not [p.name for p in runs_dir(wh).glob(f"{summary.run_id}*")]


def test_seed_metadata_from_text(seeds_warehouse):
    wh, _ = seeds_warehouse
    rows = dict(q(wh, "SELECT external_id, published_at FROM documents"))
    assert str(rows["000_788c76a359087e8b.txt"]) == "2024-01-28 10:45:25"
    assert rows["002_64500c877a054f3f.txt"] is None  # undated: never the wall clock
    assert q(wh, "SELECT author FROM documents WHERE external_id = '004_eafc00741987e60d.txt'") == [("يوني بن مناحيم",)]
    assert q(wh, "SELECT count(*) FROM documents WHERE clean_text LIKE '%[ad_%' OR clean_text LIKE '%Developed by%'") == [(0,)]


def test_second_run_does_no_work(seeds_warehouse):
    wh, _ = seeds_warehouse
    summary = run_refresh(Settings(inputs=(REPO / "seeds",), warehouse=wh))
    assert summary.success
    assert summary.stats["raw_documents"]["documents"] == 0
    assert summary.stats["raw_documents"]["files_unchanged"] == 5
    assert q(wh, "SELECT count(*) FROM documents") == [(5,)]
    assert q(wh, "SELECT count(*) FROM refresh_runs WHERE status = 'published'") == [(2,)]


def test_khabar_run_skips_when_nothing_changed_and_force_runs(seeds_warehouse):
    """`khabar run` proves from file metadata that nothing changed and starts no run; --force runs."""
    from click.testing import CliRunner

    from khabar.cli import main

    wh, _ = seeds_warehouse
    published = q(wh, "SELECT count(*) FROM refresh_runs WHERE status = 'published'")
    res = CliRunner().invoke(main, ["run", "-i", str(REPO / "seeds"), "-w", str(wh)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert "nothing changed since snapshot" in res.output and "5 input file(s) unchanged" in res.output
    assert "no run started" in res.output and "SUCCESS" not in res.output
    assert q(wh, "SELECT count(*) FROM refresh_runs WHERE status = 'published'") == published
    res = CliRunner().invoke(main, ["run", "-q", "--force", "-i", str(REPO / "seeds"), "-w", str(wh)],
                             catch_exceptions=False)
    assert res.exit_code == 0 and "SUCCESS" in res.output and "0 to process" in res.output, res.output
    assert q(wh, "SELECT count(*) FROM refresh_runs WHERE status = 'published'")[0][0] == published[0][0] + 1


@pytest.mark.slow
def test_corpus_slice_ingests_with_defaults(tmp_path, corpus_feed):
    wh = tmp_path / "k.duckdb"
    summary = run_refresh(Settings(inputs=(corpus_feed.parent,), warehouse=wh))
    assert summary.success, summary.error
    assert not [c for c in summary.checks if not c["passed"] and c["severity"] == "ERROR"]
    n_docs, with_title, with_url, with_date = q(
        wh, "SELECT count(*), count(title), count(url), count(published_at) FROM documents")[0]
    assert n_docs >= 140 and with_title == n_docs and with_url == n_docs and with_date == n_docs
    assert q(wh, "SELECT count(*) FROM documents WHERE published_at_source = 'metadata'")[0][0] == n_docs


READER = r"""
import sys, time
from pipeline.warehouse.connect import connect_readonly
path, stop = sys.argv[1], sys.argv[2]
import os
ok = err = 0
errors = []
while not os.path.exists(stop):
    began = time.monotonic()
    try:
        con = connect_readonly(path, fts=False)
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        m = con.execute("SELECT count(*) FROM sentences s JOIN documents d USING (doc_id)").fetchone()[0]
        con.close()
        ok += 1
    except Exception as exc:
        err += 1
        errors.append(repr(exc)[:200])
    time.sleep(max(0.01, time.monotonic() - began))  # at most half a core: the refreshes under test need the rest
print(ok, err)
print("\n".join(errors[:5]))
"""


@pytest.mark.slow
def test_readers_never_fail_during_refreshes(tmp_path, seeds_dir):
    inputs = tmp_path / "in"
    shutil.copytree(seeds_dir, inputs)
    wh = tmp_path / "k.duckdb"
    assert run_refresh(Settings(inputs=(inputs,), warehouse=wh)).success
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(wh), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    try:
        for i in range(3):  # refreshes that change, add and remove documents while the reader runs
            (inputs / f"extra_{i}.txt").write_text(
                f"خبر إضافي رقم {i}: قالت وزارة الدفاع إن القوات انسحبت من القاعدة في بغداد.", encoding="utf-8")
            if i == 2:
                (inputs / "extra_0.txt").unlink()
            assert run_refresh(Settings(inputs=(inputs,), warehouse=wh)).success
        time.sleep(0.2)
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    counts = out.splitlines()[0].split()
    ok, err = int(counts[0]), int(counts[1])
    assert ok > 10 and err == 0, out


def test_seed_entities_meet_f1_target_in_the_warehouse(seeds_warehouse):
    from pipeline.evaluate.entities import load_gold, predicted_from_warehouse, score_documents

    wh, _ = seeds_warehouse
    gold = load_gold(REPO / "tests" / "gold" / "seeds_entities.yaml")
    predicted = predicted_from_warehouse(wh)
    article = score_documents(predicted, gold, article_only=True)
    assert article["f1"] >= 0.95, article
    # names that only occur in removed boilerplate cost recall, nothing else
    full = score_documents(predicted, gold)
    assert full["fp"] == article["fp"] and full["fn"] - article["fn"] == 5


CONCURRENT = r"""
import sys
from pathlib import Path
from khabar.runner import run_refresh
from pipeline.settings import Settings
from pipeline.warehouse.connect import connect_readonly
s = run_refresh(Settings(inputs=(Path(sys.argv[1]),), warehouse=Path(sys.argv[2])), log_level="ERROR")
print("OK" if s.success else "FAILED " + str(s.error))
"""


@pytest.mark.slow
def test_concurrent_runs_in_one_dagster_home_never_mix_their_data(tmp_path, seeds_dir):
    """Two refreshes of different warehouses at the same time (CLI runs bypass the run queue)."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "one.txt").write_text("قالت وزارة الدفاع العراقية إن القوات انسحبت من قاعدة في الأنبار.", encoding="utf-8")
    procs = [subprocess.Popen([sys.executable, "-c", CONCURRENT, str(src), str(tmp_path / f"{name}.duckdb")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(REPO))
             for name, src in (("seeds", seeds_dir), ("other", other))]
    results = [p.communicate(timeout=600) for p in procs]
    outs = [(out.strip().splitlines() or [""])[-1] for out, _ in results]
    assert outs == ["OK", "OK"], [err[-3000:] for _, err in results]
    assert q(tmp_path / "seeds.duckdb", "SELECT count(*) FROM documents") == [(5,)]
    assert q(tmp_path / "other.duckdb", "SELECT external_id FROM documents") == [("one.txt",)]
