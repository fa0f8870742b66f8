"""Run files next to the warehouse: a run's own are removed, a finished run's are swept, live ones kept."""

from __future__ import annotations

from pipeline.runs.leftovers import remove_files_of_finished_runs, remove_run_files, run_files

A = "11111111-2222-3333-4444-555555555555"
B = "66666666-7777-8888-9999-000000000000"


def _make(tmp_path):
    wh = tmp_path / "khabar.duckdb"
    staging = tmp_path / ".staging"
    staging.mkdir()
    names = [f"khabar.{A}.duckdb", f"khabar.{A}.duckdb.wal", f"khabar.{A}.dq.jsonl", f"khabar.{A}-failed.duckdb",
             f"khabar.{B}.dq.jsonl", f"other.{A}.dq.jsonl", "notes.txt"]
    for n in names:
        (staging / n).write_text("x")
    return wh, staging


def test_a_run_removes_its_own_files_and_only_those(tmp_path):
    wh, staging = _make(tmp_path)
    assert len(run_files(wh, A)) == 4
    removed = remove_run_files(wh, A, keep_ledger=True)
    assert sorted(p.name for p in removed) == sorted([f"khabar.{A}.duckdb", f"khabar.{A}.duckdb.wal",
                                                       f"khabar.{A}-failed.duckdb"])
    remove_run_files(wh, A)
    assert sorted(p.name for p in staging.iterdir()) == sorted([f"khabar.{B}.dq.jsonl", f"other.{A}.dq.jsonl",
                                                                "notes.txt"])


def test_files_of_finished_runs_are_swept_live_and_unknown_kept(tmp_path):
    wh, staging = _make(tmp_path)
    asked = []
    removed = remove_files_of_finished_runs(wh, lambda rid: asked.append(rid) or rid == A)
    assert len(removed) == 4 and sorted(set(asked)) == sorted([A, B])
    assert sorted(p.name for p in staging.iterdir()) == sorted([f"khabar.{B}.dq.jsonl", f"other.{A}.dq.jsonl",
                                                                "notes.txt"])


def test_no_staging_directory_is_fine(tmp_path):
    wh = tmp_path / "khabar.duckdb"
    assert remove_run_files(wh, A) == [] and remove_files_of_finished_runs(wh, lambda r: True) == []
