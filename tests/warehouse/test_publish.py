"""Publishing on the lake under failure and concurrency: kill -9 at each commit fault point, reader
processes querying during refreshes, the writers' lock, maintenance of orphaned files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from pipeline.warehouse.connect import connect_readonly
from pipeline.warehouse.maintain import maintain
from tests.warehouse.test_refresh import A, B, q, refresh, two_sources

REPO = Path(__file__).resolve().parents[2]

REFRESH = r"""
import sys
from pathlib import Path
from tests.warehouse.test_refresh import refresh
r = refresh(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
print("PUBLISHED" if r.published else "FAILED")
"""


def _refresh_in_process(src: Path, wh: Path, run_id: str, fault: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("KHABAR_FAULT", None)
    if fault:
        env["KHABAR_FAULT"] = fault
    return subprocess.run([sys.executable, "-c", REFRESH, str(src), str(wh), run_id], cwd=str(REPO), env=env,
                          capture_output=True, text=True, timeout=600)


def _state(wh: Path) -> tuple:
    return (q(wh, "SELECT count(*) FROM documents")[0][0], q(wh, "SELECT count(*) FROM sentences")[0][0],
            sorted(r[0] for r in q(wh, "SELECT run_id FROM refresh_runs")),
            q(wh, "SELECT id FROM lake.current_snapshot()")[0][0])


@pytest.mark.parametrize("point", ["publish.before_commit", "publish.mid_commit", "publish.after_commit"])
def test_refresh_killed_at_a_commit_fault_point(tmp_path, point):
    src, wh = tmp_path / "in", tmp_path / "k.sqlite"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    assert refresh(src, wh, "good").published
    before = _state(wh)
    files_before = set(wh.parent.rglob("*.parquet"))
    (src / "b.txt").write_text(B, encoding="utf-8")

    proc = _refresh_in_process(src, wh, "killed", fault=point)
    assert proc.returncode == -9, (proc.returncode, proc.stderr[-2000:])
    after = _state(wh)
    if point == "publish.after_commit":
        # the snapshot was committed before the kill: it is complete
        assert after[:3] == (2, 2, ["good", "killed"]) and after[3] == before[3] + 1
    else:
        # nothing of the killed refresh is visible: the last snapshot is intact
        assert after == before
    if point == "publish.mid_commit":
        # its Parquet files were written, but no snapshot refers to them: maintenance deletes them
        assert set(wh.parent.rglob("*.parquet")) - files_before
        report = maintain(wh, retention=timedelta(days=7), grace=timedelta(0))
        assert report.orphaned_files >= 1
        assert _state(wh)[:3] == before[:3]
    # the next refresh works and sees everything
    assert refresh(src, wh, "next").published
    assert q(wh, "SELECT count(*) FROM documents WHERE status = 'active'") == [(2,)]
    assert q(wh, "SELECT count(*) FROM search_documents") == [(2,)]  # the search postings cover both


READER = r"""
import os, sys, time
from pipeline.warehouse.connect import connect_readonly
path, stop = sys.argv[1], sys.argv[2]
ok = err = 0
seen, errors = set(), []
con = None
while not os.path.exists(stop):
    began = time.monotonic()
    try:
        if con is None or ok % 5 == 0:   # new connections and long-lived ones
            if con is not None:
                con.close()
            con = connect_readonly(path, fts=False)
        d, s, r = con.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences), "
                              "(SELECT count(*) FROM refresh_runs WHERE status = 'published')").fetchone()
        if not (d == s == r):
            raise AssertionError(f"half state: documents={d} sentences={s} runs={r}")
        seen.add(d)
        ok += 1
    except Exception as exc:
        err += 1
        errors.append(repr(exc)[:300])
    time.sleep(max(0.02, time.monotonic() - began))  # at most half a core: the refreshes under test need the rest
print("RESULT", ok, err, sorted(seen))
print("\n".join(errors[:5]))
"""


def test_readers_never_fail_or_see_a_half_state_during_refreshes(tmp_path):
    src, wh = tmp_path / "in", tmp_path / "k.sqlite"
    src.mkdir()
    (src / "doc_0.txt").write_text(A, encoding="utf-8")
    assert refresh(src, wh, "r0").published
    stop = tmp_path / "stop"
    readers = [subprocess.Popen([sys.executable, "-c", READER, str(wh), str(stop)], cwd=str(REPO),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        time.sleep(2)
        for i in range(1, 4):  # each refresh adds one document (one sentence) and one published run
            (src / f"doc_{i}.txt").write_text(f"{B} خبر رقم {i}.", encoding="utf-8")
            assert refresh(src, wh, f"r{i}").published
        time.sleep(2)
    finally:
        stop.touch()
        outs = [p.communicate(timeout=120) for p in readers]
    seen = set()
    for out, err in outs:
        line = next((ln for ln in out.splitlines() if ln.startswith("RESULT ")), None)
        assert line, (out, err[-2000:])
        _, ok, n_err, values = line.split(maxsplit=3)
        assert int(ok) > 5 and int(n_err) == 0, (out, err[-2000:])
        seen |= set(json.loads(values))
    assert len(seen) >= 2  # the readers did observe refreshes land


def test_writers_are_serialized_on_a_sqlite_catalog(tmp_path):
    """Two refresh processes at once on one SQLite-catalog lake: both publish (the lock serializes them)."""
    wh = tmp_path / "k.sqlite"
    srcs = two_sources(tmp_path)
    procs = [subprocess.Popen([sys.executable, "-c", REFRESH, str(d), str(wh), d.name], cwd=str(REPO),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for d in srcs]
    results = [p.communicate(timeout=600) for p in procs]
    assert [(r[0].strip().splitlines() or [""])[-1] for r in results] == ["PUBLISHED", "PUBLISHED"], [r[1][-2000:] for r in results]
    assert sorted(r[0] for r in q(wh, "SELECT run_id FROM refresh_runs")) == ["one", "two"]
    con = connect_readonly(wh, fts=False)
    try:
        tags = [r[0] for r in con.execute(
            "SELECT commit_message FROM lake.snapshots() WHERE commit_message LIKE 'refresh %' ORDER BY snapshot_id").fetchall()]
    finally:
        con.close()
    assert sorted(tags) == ["refresh one", "refresh two"]
