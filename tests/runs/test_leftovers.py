"""Run files beside the warehouse: a run's own are removed, a finished run's are swept, live ones kept."""

from __future__ import annotations

from pipeline.quality.ledger import ledger_path
from pipeline.runs.leftovers import remove_files_of_finished_runs, remove_run_files, run_files
from pipeline.warehouse.location import runs_dir

A = "11111111-2222-3333-4444-555555555555"
B = "66666666-7777-8888-9999-000000000000"


def _make(tmp_path):
    wh = tmp_path / "khabar.lake.sqlite"
    runs = runs_dir(wh)
    runs.mkdir(parents=True)
    names = [f"{A}.dq.jsonl", f"{A}.tmp", f"{B}.dq.jsonl", "notes.txt"]
    for n in names:
        (runs / n).write_text("x")
    other = runs_dir(tmp_path / "other.lake.sqlite")   # another warehouse in the same directory
    other.mkdir(parents=True)
    (other / f"{A}.dq.jsonl").write_text("x")
    return wh, runs, other


def test_the_ledger_lives_in_the_runs_directory(tmp_path):
    wh = tmp_path / "khabar.lake.sqlite"
    assert ledger_path(wh, A).parent == runs_dir(wh) and ledger_path(wh, A).name == f"{A}.dq.jsonl"


def test_a_run_removes_its_own_files_and_only_those(tmp_path):
    wh, runs, other = _make(tmp_path)
    assert len(run_files(wh, A)) == 2
    removed = remove_run_files(wh, A, keep_ledger=True)
    assert [p.name for p in removed] == [f"{A}.tmp"]
    remove_run_files(wh, A)
    assert sorted(p.name for p in runs.iterdir()) == sorted([f"{B}.dq.jsonl", "notes.txt"])
    assert [p.name for p in other.iterdir()] == [f"{A}.dq.jsonl"]


def test_files_of_finished_runs_are_swept_live_and_unknown_kept(tmp_path):
    wh, runs, other = _make(tmp_path)
    asked = []
    removed = remove_files_of_finished_runs(wh, lambda rid: asked.append(rid) or rid == A)
    assert len(removed) == 2 and sorted(set(asked)) == sorted([A, B])
    assert sorted(p.name for p in runs.iterdir()) == sorted([f"{B}.dq.jsonl", "notes.txt"])
    assert [p.name for p in other.iterdir()] == [f"{A}.dq.jsonl"]


def test_no_runs_directory_is_fine(tmp_path):
    wh = tmp_path / "khabar.lake.sqlite"
    assert remove_run_files(wh, A) == [] and remove_files_of_finished_runs(wh, lambda r: True) == []


def _spool(wh, run_id):
    from pipeline.runs.leftovers import spool_dir
    spool = spool_dir(wh, run_id)
    (spool / "documents").mkdir(parents=True)
    (spool / "documents" / "part-000000.parquet").write_bytes(b"x")
    return spool


def test_the_spool_lives_in_the_runs_directory_and_goes_with_the_run(tmp_path):
    from pipeline.runs.leftovers import remove_spool, spool_dir
    wh, runs, other = _make(tmp_path)
    assert spool_dir(wh, A) == runs / f"{A}.tables"
    spool = _spool(wh, A)
    assert spool in run_files(wh, A)
    remove_run_files(wh, A, keep_ledger=True)  # a failed run: the spool goes, the ledger stays
    assert not spool.exists() and (runs / f"{A}.dq.jsonl").exists()
    spool = _spool(wh, A)
    remove_spool(wh, A)
    assert not spool.exists() and (runs / f"{A}.dq.jsonl").exists()


def test_a_dead_runs_spool_is_swept_a_live_ones_kept(tmp_path):
    wh, runs, other = _make(tmp_path)
    dead, live = _spool(wh, A), _spool(wh, B)
    removed = remove_files_of_finished_runs(wh, lambda rid: rid == A)
    assert dead in removed and not dead.exists() and live.exists()
