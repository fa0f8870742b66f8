"""Input batches as Dagster partitions (assets/partitions.py).

* the same inputs give the same ids and rows whatever the batching: a one-shot ``khabar run``, the
  partitions run one by one (in two orders), and ``khabar run`` refreshes as the inputs arrive —
  every warehouse table is compared;
* the sensor registers a partition for a new feed file, a new chunk of a growing feed and a new
  directory, requests runs for new or changed batches only, and never registers a key twice;
* a backfill of several partitions materializes them as separate runs.
"""

from __future__ import annotations

import json
import shutil

import dagster as dg
import pytest

from assets.partitions import INPUT_BATCHES, input_batch_asset, input_batches_sensor
from assets.resources import KhabarConfig
from pipeline.ingest.batches import plan_batches
from pipeline.warehouse.connect import connect_readonly
from tests.conftest import SEEDS
from tests.reliability.harness import snapshot

#: Tables whose rows describe runs, not data: one row per run / per check of a run (their number
#: depends on how many runs built the warehouse) and the migration log (applied_at).
BOOKKEEPING_TABLES = {"refresh_runs", "dq_results", "schema_migrations"}
#: Columns that record *when* a run saw or wrote a row (differ between any two builds, even of
#: the same batching): timestamps of ingestion, update, scan, first/last sight, withdrawal.
BOOKKEEPING_COLUMNS = {"ingested_at", "updated_at", "last_scanned_at", "first_seen_at", "last_seen_at", "removed_at"}

CHUNK = 7  # lines per feed chunk in these tests


def warehouse_rows(path) -> dict[str, list[tuple]]:
    """Every table of the warehouse (bookkeeping left out), rows sorted."""
    return snapshot(path, skip_tables=BOOKKEEPING_TABLES, skip_columns=BOOKKEEPING_COLUMNS)


def _records(n: int) -> list[dict]:
    """``n`` Arabic news records built from the seed articles (paragraph windows, distinct texts)."""
    paras = []
    for f in sorted(SEEDS.glob("*.txt")):
        paras += [p.strip() for p in f.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 40]
    out = []
    for i in range(n):
        text = "\n\n".join(paras[(i + k) % len(paras)] for k in range(3))
        out.append({"id": f"n{i:03d}", "title": f"خبر {i}", "time": f"2024-03-{1 + i % 28:02d}T10:00:00",
                    "source": "seed", "text": text})
    return out


def _write_inputs(root) -> None:
    """A feed of 18 lines (3 chunks of 7: a blank line, an invalid line, a record repeated in a later
    chunk under a smaller id so that the later chunk holds the representative), a loose file, and a
    dropped directory whose file repeats a feed record."""
    recs = _records(15)
    root.mkdir(parents=True)
    lines = [json.dumps(r, ensure_ascii=False) for r in recs[:10]]
    lines.insert(4, "")                                   # line 5: blank
    lines.insert(8, "{not json")                          # line 9: quarantined
    dup = dict(recs[2], id="a-first", title="نسخة")       # line 13: the text of line 3, a smaller URI
    lines += [json.dumps(dup, ensure_ascii=False), json.dumps(recs[10], ensure_ascii=False),
              json.dumps(recs[11], ensure_ascii=False), json.dumps(recs[12], ensure_ascii=False),
              json.dumps(recs[13], ensure_ascii=False), json.dumps(recs[14], ensure_ascii=False)]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy2(sorted(SEEDS.glob("*.txt"))[0], root / sorted(SEEDS.glob("*.txt"))[0].name)
    (root / "drop").mkdir()
    (root / "drop" / "again.txt").write_text(recs[12]["text"], encoding="utf-8")
    shutil.copy2(sorted(SEEDS.glob("*.txt"))[2], root / "drop" / "seed.txt")


def _config(inputs, wh) -> KhabarConfig:
    return KhabarConfig(inputs=[str(inputs)], warehouse=str(wh), partition_chunk_lines=CHUNK)


def _run_partitions(cfg: KhabarConfig, keys: list[str], instance) -> list[str]:
    """Each key as its own run of the partitioned job; returns the run ids."""
    runs = []
    for key in keys:
        result = dg.materialize([input_batch_asset], partition_key=key, instance=instance,
                                resources={"khabar": cfg}, raise_on_error=False)
        assert result.success, [getattr(getattr(e.event_specific_data, "error", None), "message", str(e.event_specific_data))
                                for e in result.all_events if e.is_failure]
        runs.append(result.run_id)
    return runs


@pytest.fixture(scope="module")
def one_shot(tmp_path_factory):
    """The inputs, and the warehouse a one-shot ``khabar run`` builds from them (its rows)."""
    from khabar.runner import run_refresh

    tmp = tmp_path_factory.mktemp("partitions")
    mp = pytest.MonkeyPatch()
    mp.setenv("KHABAR_WORKERS", "1")
    mp.setenv("DAGSTER_HOME", str(tmp / "home"))
    inputs = tmp / "in" / "inbox"
    _write_inputs(inputs)
    cfg = _config(inputs, tmp / "one.duckdb")
    summary = run_refresh(cfg.settings(), log_level="ERROR")
    assert summary.success, summary.error
    rows = warehouse_rows(tmp / "one.duckdb")
    yield inputs, rows
    mp.undo()


def _assert_same(got: dict, one: dict, label: str) -> None:
    assert got.keys() == one.keys()
    for table in one:
        assert got[table] == one[table], f"{label}: {table} differs from the one-shot build"


@pytest.mark.slow
@pytest.mark.parametrize("order", ["planned", "reversed"])
def test_partition_runs_in_any_order_give_the_one_shot_rows(one_shot, order, tmp_path, monkeypatch):
    monkeypatch.setenv("KHABAR_WORKERS", "1")
    inputs, one = one_shot
    assert len(one["documents"]) == 17 and len(one["rejected_documents"]) == 1
    assert one["events"] and one["search_postings"] and one["entity_mentions"]
    wh = tmp_path / f"{order}.duckdb"
    keys = [b.key for b in plan_batches(_config(inputs, wh).settings())]
    assert keys == ["inbox/000_788c76a359087e8b.txt", "inbox/drop/", "inbox/feed.jsonl#lines=1-7",
                    "inbox/feed.jsonl#lines=8-14", "inbox/feed.jsonl#lines=15-21"]
    # reversed: the chunk holding the repeated record's smaller URI commits first
    order_keys = keys if order == "planned" else keys[::-1]
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(INPUT_BATCHES.name, keys)
        runs = _run_partitions(_config(inputs, wh), order_keys, instance)
        assert len(set(runs)) == len(keys)  # a backfill of several partitions: separate runs
        assert instance.get_materialized_partitions(dg.AssetKey("input_batch")) == set(keys)
        tagged = {r.tags.get("dagster/partition") for r in instance.get_runs()}
        assert tagged == set(keys)
    _assert_same(warehouse_rows(wh), one, order)


@pytest.mark.slow
def test_incremental_refreshes_give_the_one_shot_rows(one_shot, tmp_path, monkeypatch):
    """``khabar run`` as the inputs arrive: the loose file and the directory, then the feed's first 8
    lines, then all of it (files keep their modification times)."""
    from khabar.runner import run_refresh

    monkeypatch.setenv("KHABAR_WORKERS", "1")
    inputs, one = one_shot
    inc = tmp_path / "inbox"
    inc.mkdir()
    shutil.copy2(inputs / "000_788c76a359087e8b.txt", inc / "000_788c76a359087e8b.txt")
    shutil.copytree(inputs / "drop", inc / "drop", copy_function=shutil.copy2)
    for step in ("first8", "all"):
        if step == "first8":
            head = (inputs / "feed.jsonl").read_text(encoding="utf-8").split("\n")[:8]
            (inc / "feed.jsonl").write_text("\n".join(head) + "\n", encoding="utf-8")
        else:
            shutil.copy2(inputs / "feed.jsonl", inc / "feed.jsonl")
        summary = run_refresh(_config(inc, tmp_path / "inc.duckdb").settings(), log_level="ERROR")
        assert summary.success, summary.error
    _assert_same(warehouse_rows(tmp_path / "inc.duckdb"), one, "incremental")


def _tick(instance, cfg, cursor):
    ctx = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"khabar": cfg})
    result = input_batches_sensor(ctx)
    if isinstance(result, dg.SensorResult):  # apply the registration as the daemon would
        for req in result.dynamic_partitions_requests:
            instance.add_dynamic_partitions(req.partitions_def_name, list(req.partition_keys))
        return result, result.cursor
    return result, cursor


def _feed_lines(path, start, n):
    with path.open("a", encoding="utf-8") as fh:
        for i in range(start, start + n):
            fh.write(json.dumps({"id": f"r{i}", "text": f"نص الخبر رقم {i}"}, ensure_ascii=False) + "\n")


def test_sensor_registers_new_feeds_chunks_and_directories_once(tmp_path):
    root = tmp_path / "inbox"
    root.mkdir()
    _feed_lines(root / "a.jsonl", 0, 5)
    cfg = _config(root, tmp_path / "w.duckdb")
    with dg.instance_for_test() as instance:
        def registered():
            return instance.get_dynamic_partitions(INPUT_BATCHES.name)

        first, cursor = _tick(instance, cfg, None)
        assert registered() == ["inbox/a.jsonl#lines=1-7"]
        assert [r.partition_key for r in first.run_requests] == ["inbox/a.jsonl#lines=1-7"]

        # nothing new: no registration, no run
        again, cursor = _tick(instance, cfg, cursor)
        assert isinstance(again, dg.SkipReason)
        assert registered() == ["inbox/a.jsonl#lines=1-7"]

        # a new feed file
        _feed_lines(root / "b.jsonl", 0, 3)
        res, cursor = _tick(instance, cfg, cursor)
        assert registered() == ["inbox/a.jsonl#lines=1-7", "inbox/b.jsonl#lines=1-7"]
        assert [r.partition_key for r in res.run_requests] == ["inbox/b.jsonl#lines=1-7"]

        # the feed grows past a chunk: the last chunk changed, a new chunk appears
        _feed_lines(root / "a.jsonl", 5, 4)  # 9 lines
        res, cursor = _tick(instance, cfg, cursor)
        assert registered()[-1] == "inbox/a.jsonl#lines=8-14" and len(registered()) == 3
        assert sorted(r.partition_key for r in res.run_requests) == ["inbox/a.jsonl#lines=1-7",
                                                                       "inbox/a.jsonl#lines=8-14"]

        # a dropped directory
        (root / "drop").mkdir()
        (root / "drop" / "x.txt").write_text("نص", encoding="utf-8")
        (root / "drop" / "y.txt").write_text("نص آخر", encoding="utf-8")
        res, cursor = _tick(instance, cfg, cursor)
        assert "inbox/drop/" in registered() and len(registered()) == 4
        assert [r.partition_key for r in res.run_requests] == ["inbox/drop/"]

        # the same inputs, a fresh cursor (sensor reset): runs are requested again, nothing re-registered
        res, _ = _tick(instance, cfg, None)
        assert not res.dynamic_partitions_requests and len(registered()) == 4
        # a removed file: its partition gets one run (its documents are withdrawn), no registration
        (root / "b.jsonl").unlink()
        res, cursor = _tick(instance, cfg, cursor)
        assert [r.partition_key for r in res.run_requests] == ["inbox/b.jsonl#lines=1-7"]
        assert not res.dynamic_partitions_requests
        # run keys are unique per content, so the daemon never runs the same batch content twice
        assert len({r.run_key for r in first.run_requests + res.run_requests}) == 2


def test_definitions_show_partitioned_job_sensor_and_unpartitioned_refresh():
    from assets.definitions import defs

    graph = defs.resolve_asset_graph()
    node = graph.get(dg.AssetKey("input_batch"))
    assert node.partitions_def == INPUT_BATCHES and node.group_name == "partitions"
    assert defs.resolve_job_def("khabar_partitions").partitions_def == INPUT_BATCHES
    assert defs.resolve_job_def("khabar_refresh").partitions_def is None  # the one-shot build stays whole
    assert defs.resolve_sensor_def("input_batches_sensor").job_name == "khabar_partitions"
    assert {c.name for c in graph.asset_check_keys if c.asset_key == dg.AssetKey("input_batch")} >= {
        "withdrawal_within_limit", "contract_primary_key", "contract_relationships"}


@pytest.mark.slow
def test_backfill_through_the_run_queue_and_the_daemon(tmp_path, monkeypatch):
    """`dagster job backfill` queues one run per partition; the daemon's run queue launches them
    (each in its own process) within the limits of dagster.yaml; each publishes its batch."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    bin_dir = Path(sys.executable).parent
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(repo / "dagster.yaml", home / "dagster.yaml")
    inputs = tmp_path / "inbox"
    inputs.mkdir()
    for f in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy2(f, inputs / f.name)
    wh = tmp_path / "wh.duckdb"
    env = {**os.environ, "DAGSTER_HOME": str(home), "KHABAR_INPUTS": str(inputs), "KHABAR_WAREHOUSE": str(wh),
           "KHABAR_WORKERS": "1", "KHABAR_LOG_FILE": str(tmp_path / "khabar.log")}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    keys = [b.key for b in plan_batches(_config(inputs, wh).settings())]
    assert len(keys) == 2
    daemon = None
    with dg.DagsterInstance.get() as instance:
        instance.add_dynamic_partitions(INPUT_BATCHES.name, keys)
        subprocess.run([str(bin_dir / "dagster"), "job", "backfill", "-j", "khabar_partitions", "--partitions",
                        ",".join(keys), "--noprompt", "-w", str(repo / "workspace.yaml")],
                       cwd=repo, env=env, check=True, capture_output=True, timeout=300)
        try:
            daemon = subprocess.Popen([str(bin_dir / "dagster-daemon"), "run", "-w", str(repo / "workspace.yaml")],
                                      cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 900
            while time.monotonic() < deadline:
                runs = instance.get_runs()
                if len(runs) == 2 and all(r.is_finished for r in runs):
                    break
                time.sleep(2)
        finally:
            if daemon is not None:
                daemon.terminate()
                daemon.wait(timeout=60)
        runs = instance.get_runs()
        assert sorted(r.tags.get("dagster/partition") for r in runs) == sorted(keys)
        assert all(r.status == dg.DagsterRunStatus.SUCCESS for r in runs), [(r.run_id, r.status) for r in runs]
        assert len({r.run_id for r in runs}) == 2
        assert instance.get_materialized_partitions(dg.AssetKey("input_batch")) == set(keys)
    con = connect_readonly(wh, fts=False)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM refresh_runs WHERE status = 'published'").fetchone()[0] == 2
    finally:
        con.close()
