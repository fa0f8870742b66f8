"""Freed heap memory handed back to the OS after the ingest step (pipeline/runs/memory.py)."""

from __future__ import annotations

import gc
import platform

import pytest

from pipeline.runs import memory


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc",
                    reason="malloc_trim is glibc's (this system has no glibc)")
def test_freed_memory_is_returned_on_glibc():
    psutil = pytest.importorskip("psutil")
    proc = psutil.Process()
    blob = [bytes(4096) + bytes([i % 256]) for i in range(40_000)]  # ~160 MB of heap blocks
    keep = [bytes(200) + bytes([i % 7]) for i in range(2_000)]  # allocated above them: no automatic trim
    held = proc.memory_info().rss
    del blob
    gc.collect()
    assert proc.memory_info().rss > held - (64 << 20)  # freed, but glibc keeps it
    assert memory.release_freed_memory() is True
    assert proc.memory_info().rss < held - (64 << 20)
    assert len(keep) == 2_000


def test_no_glibc_is_a_no_op(monkeypatch):
    monkeypatch.setattr(memory, "_libc", lambda: None)
    assert memory.release_freed_memory() is False
