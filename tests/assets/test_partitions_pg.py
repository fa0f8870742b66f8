"""Two partition runs committing at once on a PostgreSQL lake catalog (127.0.0.1:5432) give the rows
of a one-shot build (issue 9, point 4). No writer lock on PostgreSQL: DuckLake resolves the two
commits, a conflicting one is retried on the new snapshot (pipeline/warehouse/refresh.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.ingest.batches import plan_batches
from tests.assets.test_partitions import BOOKKEEPING_COLUMNS, BOOKKEEPING_TABLES, _config, _records
from tests.reliability.harness import snapshot
from tests.warehouse.test_pg_catalog import pg_lake  # noqa: F401  (fixture: a fresh database per test)

REPO = Path(__file__).resolve().parents[2]

#: one partition run in its own process, started when the test says go (so that both runs overlap)
PARTITION_RUN = r"""
import sys, time
from pathlib import Path
import dagster as dg
from assets.partitions import INPUT_BATCHES, input_batch_asset
from tests.assets.test_partitions import _config
inputs, wh, key, ready, go = sys.argv[1:6]
with dg.instance_for_test() as instance:
    instance.add_dynamic_partitions(INPUT_BATCHES.name, [key])
    Path(ready).touch()
    while not Path(go).exists():
        time.sleep(0.01)
    result = dg.materialize([input_batch_asset], partition_key=key, instance=instance,
                            resources={"khabar": _config(Path(inputs), wh)}, raise_on_error=False)
    print("OK" if result.success else "FAILED")
"""


@pytest.mark.slow
def test_two_partition_runs_at_once_on_postgres_equal_a_one_shot_build(pg_lake, tmp_path, monkeypatch):  # noqa: F811
    from khabar.runner import run_refresh
    from pipeline.warehouse.convert import convert_warehouse

    monkeypatch.setenv("KHABAR_WORKERS", "1")
    inputs = tmp_path / "in" / "inbox"
    inputs.mkdir(parents=True)
    # two chunks of one feed: both runs rewrite the feed's manifest row and the shared derived tables
    lines = [json.dumps(r, ensure_ascii=False) for r in _records(14)]
    (inputs / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    keys = [b.key for b in plan_batches(_config(inputs, pg_lake).settings())]
    assert keys == ["inbox/feed.jsonl#lines=1-7", "inbox/feed.jsonl#lines=8-14"]
    assert convert_warehouse(pg_lake)["schema_version"] > 0  # the catalog created and migrated once

    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", PARTITION_RUN, str(inputs), pg_lake, key,
                               str(tmp_path / f"ready{i}"), str(go)], cwd=REPO, env=dict(os.environ),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i, key in enumerate(keys)]
    deadline = time.monotonic() + 300
    while not all((tmp_path / f"ready{i}").exists() for i in range(2)) and time.monotonic() < deadline:
        time.sleep(0.05)
    go.touch()
    results = [p.communicate(timeout=900) for p in procs]
    assert [(out.strip().splitlines() or [""])[-1] for out, _ in results] == ["OK", "OK"], \
        [err[-3000:] for _, err in results]

    one = tmp_path / "one.sqlite"
    summary = run_refresh(_config(inputs, one).settings(), log_level="ERROR")
    assert summary.success, summary.error
    expected = snapshot(one, skip_tables=BOOKKEEPING_TABLES, skip_columns=BOOKKEEPING_COLUMNS)
    got = snapshot(pg_lake, skip_tables=BOOKKEEPING_TABLES, skip_columns=BOOKKEEPING_COLUMNS)
    assert len(expected["documents"]) == 14 and expected["events"] and expected["search_postings"]
    assert got.keys() == expected.keys()
    for table in expected:
        assert got[table] == expected[table], f"{table}: the concurrent partition runs differ from the one-shot build"
