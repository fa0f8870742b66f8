"""Disk full: one line naming the cause and the path, nothing left behind, the next run works once
there is space. On a real small tmpfs when running as root, else with writes failing ENOSPC."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import dagster as dg
import pytest

from tests.reliability.harness import files_naming, khabar_run, runs, snapshot

pytestmark = pytest.mark.slow


def _mount_tmpfs(path: Path, size: str) -> bool:
    if os.geteuid() != 0 or os.environ.get("KHABAR_TEST_NO_TMPFS"):  # the latter runs the stand-in as root
        return False
    path.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    # the seeds' lake takes ~1 MB (catalog 0.4 MB + Parquet): 640 KiB fills up while the refresh writes
    if not _mount_tmpfs(mount, "640k"):
        pytest.skip("mounting a tmpfs needs root and KHABAR_TEST_NO_TMPFS unset (the ENOSPC stand-in test covers this case)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def _assert_one_clear_line(result, under: Path) -> str:
    out = result.stdout + result.stderr
    assert "Traceback" not in out and "Stack Trace" not in out and "recording the failure failed" not in out, out
    [error] = [ln.strip() for ln in result.stdout.splitlines() if ln.strip().startswith("error:")]
    assert "disk full: no space left on device writing " + str(under) in error, error
    assert "(details: " in error
    return error


def test_disk_full_on_a_small_tmpfs(small_disk, tmp_path, clean_build):
    home, wh = tmp_path / "home", small_disk / "khabar.duckdb"
    full = khabar_run(home, wh)
    assert full.returncode == 1, full.stderr[-2000:]
    _assert_one_clear_line(full, small_disk)
    failed = runs(home)[-1]
    assert failed.status == dg.DagsterRunStatus.FAILURE
    assert files_naming(small_disk, failed.run_id) == []  # the run's ledger is gone
    log = (home / "logs" / "khabar.log").read_text(encoding="utf-8")
    assert "No space left on device" in log and "Stack Trace" in log  # the details are in the log file

    subprocess.run(["mount", "-o", "remount,size=96m", str(small_disk)], check=True)
    again = khabar_run(home, wh)
    assert again.returncode == 0, again.stderr[-3000:]
    assert snapshot(wh) == clean_build
    assert files_naming(small_disk, runs(home)[-1].run_id) == []


def test_disk_full_stand_in_writes_fail_with_enospc(tmp_path, monkeypatch, seeds_dir):
    """Without root: the publishing step's writes fail ENOSPC after a partial file, as on a full disk."""
    if _mount_tmpfs(probe := tmp_path / "probe", "1m"):
        subprocess.run(["umount", "-l", str(probe)], capture_output=True)
        pytest.skip("covered on a real tmpfs by test_disk_full_on_a_small_tmpfs")
    import assets.warehouse
    from khabar.runner import run_refresh
    from pipeline.settings import Settings

    wh = tmp_path / "wh" / "khabar.duckdb"

    def full_disk(*, warehouse, run_id, **_):
        from pipeline.warehouse.location import runs_dir

        partial = runs_dir(warehouse) / f"{run_id}.partial"   # a run file, as a partial write would leave
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(b"\0" * 4096)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(partial))

    with monkeypatch.context() as patch:
        patch.setattr(assets.warehouse, "build_and_publish", full_disk)
        summary = run_refresh(Settings(inputs=(seeds_dir,), warehouse=wh), log_level="ERROR")
    assert not summary.success
    assert summary.error.startswith("warehouse: disk full: no space left on device writing " + str(wh.parent))
    assert "\n" not in summary.error and files_naming(wh.parent, summary.run_id) == []
    assert run_refresh(Settings(inputs=(seeds_dir,), warehouse=wh), log_level="ERROR").success
