"""Shared fixtures: repo paths, the shared corpus (skipped when absent), fresh warehouses."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
CORPUS = Path(os.environ.get("KHABAR_CORPUS", REPO.parent / "shared" / "corpus" / "ant"))
CORPUS_FILE = CORPUS / "ant_v2.1_middle_east_international.jsonl"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def corpus_file() -> Path:
    if not CORPUS_FILE.exists():
        pytest.skip(f"shared corpus not found at {CORPUS_FILE}")
    return CORPUS_FILE


def corpus_slice(n: int, start: int = 0) -> list[dict]:
    """First ``n`` corpus records from line ``start`` (read at run time, never copied into the repo)."""
    out = []
    with CORPUS_FILE.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < start:
                continue
            if len(out) >= n:
                break
            out.append(json.loads(line))
    return out


@pytest.fixture
def corpus_feed(tmp_path, corpus_file) -> Path:
    """A 150-article JSON Lines feed cut from the shared corpus into tmp_path."""
    feed = tmp_path / "feed" / "slice.jsonl"
    feed.parent.mkdir()
    with corpus_file.open(encoding="utf-8") as src, feed.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i >= 150:
                break
            dst.write(line)
    return feed


@pytest.fixture(autouse=True)
def _isolated_dagster_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("dagster_home")
    (home / "dagster.yaml").write_text((REPO / "dagster.yaml").read_text())
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    # derived model files (the CRF weights' cache) go to the test session's directory, not ~/.cache
    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "khabar_cache"))
    monkeypatch.delenv("KHABAR_WAREHOUSE", raising=False)
    monkeypatch.delenv("KHABAR_INPUTS", raising=False)
