"""Headless Chromium for tests: screenshots and rendered DOM of local pages (Debian's ``chromium``).

Skips with a reason where Chromium is absent (``make test`` installs it as root: ``make system-deps``).
Only local pages are opened (files, or servers on 127.0.0.1); background networking is off.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("Debian's chromium is not installed (make test installs it when run as root: `make system-deps`)")
    return exe


def _target(page: Path | str) -> str:
    if isinstance(page, Path):
        return page.resolve().as_uri()
    host = urlparse(page).hostname
    assert host in ("127.0.0.1", "localhost"), f"only local pages: {page}"
    return page


def _run(page: Path | str, profile: Path, width: int, height: int, budget_ms: int, *extra: str) -> subprocess.CompletedProcess:
    cmd = [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}", *extra]
    if budget_ms:
        cmd.append(f"--virtual-time-budget={budget_ms}")  # let a script-driven page (the Dagster UI) render
    return subprocess.run([*cmd, _target(page)], capture_output=True, text=True, timeout=180)


def screenshot(page: Path | str, png: Path, width: int = 1500, height: int = 1800, budget_ms: int = 0) -> Path:
    """Render ``page`` (a local file or a 127.0.0.1 URL) and write a PNG of the viewport."""
    proc = _run(page, png.parent / "chromium-profile", width, height, budget_ms, f"--screenshot={png}")
    assert png.exists(), f"chromium wrote no screenshot (exit {proc.returncode}): {proc.stderr[-2000:]}"
    return png


def rendered_dom(page: Path | str, profile: Path, budget_ms: int = 20000) -> str:
    """The DOM after scripts ran for ``budget_ms`` of virtual time."""
    proc = _run(page, profile, 1500, 950, budget_ms, "--dump-dom")
    assert proc.stdout, f"chromium printed no DOM (exit {proc.returncode}): {proc.stderr[-2000:]}"
    return proc.stdout
