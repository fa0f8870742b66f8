"""Headless Chromium screenshots for tests (Debian's ``chromium``; skipped with a reason where absent)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("Debian's chromium is not installed (make test installs it when run as root: `make system-deps`)")
    return exe


def screenshot(page: Path, png: Path, width: int = 1500, height: int = 1800) -> Path:
    """Render ``page`` (a local file) in headless Chromium and write a PNG of the viewport."""
    cmd = [chromium(), *FLAGS, f"--user-data-dir={png.parent / 'chromium-profile'}", f"--window-size={width},{height}",
           f"--screenshot={png}", page.resolve().as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert png.exists(), f"chromium wrote no screenshot (exit {proc.returncode}): {proc.stderr[-2000:]}"
    return png
