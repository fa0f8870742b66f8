"""The Dagster UI end to end: ``dagster dev`` (webserver + daemon) driven through its GraphQL API.

As ``make ui`` does, but on a free 127.0.0.1 port, with a temporary ``DAGSTER_HOME`` seeded from
``dagster.yaml`` and a temporary warehouse built from a copy of ``seeds/``. One server serves every
test of this module: the definitions as the UI lists them, a *Materialize all* run of
``khabar_refresh`` through the queued run coordinator, its check evaluations, the metadata the
asset pages plot, the published warehouse, and switching the schedule and the sensor on and off.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from tests import ui_harness
from tests.ui_harness import DagsterDev, GraphQL, metadata_by_label

REPO = Path(__file__).resolve().parent.parent
JOB = "khabar_refresh"
GROUPS = {"ingest", "clean", "knowledge", "extract", "publish"}
#: the input-batch partitions: their own job (khabar_partitions), not part of a whole refresh
PARTITIONED = {"input_batch"}
OWNER = "team:khabar-data"
RUN_TIMEOUT = 900.0

pytestmark = pytest.mark.timeout(1500)


class UI:
    """What the tests share: the server, its client, the repository selector, the launched run."""

    def __init__(self, dev: DagsterDev, warehouse: Path, inputs: Path) -> None:
        self.dev = dev
        self.gql: GraphQL = dev.client
        self.warehouse = warehouse
        self.inputs = inputs
        self.location, self.repository = self.gql.repository(JOB)
        self.catalog = self.gql.asset_nodes()  # before any run: what the asset catalog shows
        self.definitions = _refresh_nodes(self.catalog)
        self.run_id = self.gql.launch_job(self.location, self.repository, JOB, tags={"khabar/trigger": "ui_e2e"})
        self.run = self.gql.wait_for_run(self.run_id, timeout=RUN_TIMEOUT, alive=dev.assert_alive)
        self.events = self.gql.run_events(self.run_id)

    def failure_report(self) -> str:
        """Failed steps and failed checks (with their details), then the end of the server log."""
        lines = [f"step {e['stepKey']}: {e['error']['message'].strip()[:1500]}" for e in self.events
                 if e["__typename"] == "ExecutionStepFailureEvent"]
        for e in _evaluations(self):
            if not e["success"]:
                details = e["metadata"].get("details", {}).get("jsonString", "")
                lines.append(f"check {e['asset']}.{e['check']} ({e['severity']}): {details[:1500]}")
        return "\n".join(lines) + "\n--- dagster dev log (tail) ---\n" + self.dev.log_tail(3000)


@pytest.fixture(scope="module")
def ui(tmp_path_factory) -> UI:
    root = tmp_path_factory.mktemp("ui_e2e")
    home = root / "dagster_home"
    home.mkdir()
    shutil.copyfile(REPO / "dagster.yaml", home / "dagster.yaml")
    inputs = root / "inputs"
    shutil.copytree(REPO / "seeds", inputs)
    warehouse = root / "warehouse" / "khabar.duckdb"
    warehouse.parent.mkdir()
    env = {
        "DAGSTER_HOME": str(home),
        "KHABAR_WAREHOUSE": str(warehouse),
        "KHABAR_INPUTS": str(inputs),
        "KHABAR_SENSOR_INTERVAL": "3600",
        "PYTHONUNBUFFERED": "1",
        "NO_PROXY": "127.0.0.1,localhost",
    }
    dev = DagsterDev(REPO, env, log_path=root / "dagster_dev.log")
    with dev:
        pgid = dev.proc.pid
        yield UI(dev, warehouse, inputs)
    # the whole process group (webserver, daemon, code server, run workers) is gone
    assert not _group_alive(pgid), f"processes left in group {pgid}"


def _refresh_nodes(nodes: dict) -> dict:
    """The assets of a whole refresh (``khabar_refresh``): every asset but the partitioned ones."""
    return {k: v for k, v in nodes.items() if k not in PARTITIONED}


def _group_alive(pgid: int, wait: float = 15.0) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.5)
    return True


def test_graphql_documents_match_the_installed_dagster_schema():
    """Fast guard (no server): every query and mutation of the harness validates against dagster-graphql."""
    from dagster_graphql.schema import create_schema
    from graphql import parse, validate

    schema = create_schema().graphql_schema
    names = [n for n in ui_harness.__all__ if n.endswith(("_QUERY", "_MUTATION"))]
    assert len(names) >= 12
    for name in names:
        errors = validate(schema, parse(getattr(ui_harness, name)))
        assert not errors, (name, errors)


def _evaluations(ui: UI) -> list[dict]:
    out = []
    for ev in ui.events:
        if ev["__typename"] == "AssetCheckEvaluationEvent":
            e = ev["evaluation"]
            out.append({"asset": "/".join(e["assetKey"]["path"]), "check": e["checkName"], "success": e["success"],
                        "severity": e["severity"], "metadata": metadata_by_label(e["metadataEntries"])})
    return out


def _declared_checks(nodes: dict[str, dict]) -> dict[tuple[str, str], dict]:
    out = {}
    for key, node in nodes.items():
        checks = node["assetChecksOrError"]
        assert checks["__typename"] == "AssetChecks", (key, checks)
        for c in checks["checks"]:
            out[(key, c["name"])] = c
    return out


def _latest_meta(node: dict, run_id: str) -> dict[str, dict]:
    mats = [m for m in node["assetMaterializations"] if m["runId"] == run_id]
    assert mats, f"{node['assetKey']} has no materialization from run {run_id}"
    return metadata_by_label(mats[0]["metadataEntries"])


@pytest.mark.slow
def test_asset_catalog_shows_groups_descriptions_owners_kinds_and_checks(ui):
    nodes = ui.definitions
    assert {"raw_documents", "rejected_documents", "clean_documents", "sentences", "entities", "entity_mentions",
            "time_expressions", "event_mentions", "warehouse"} <= set(nodes)
    by_group: dict[str, set] = {}
    for key, node in nodes.items():
        by_group.setdefault(node["groupName"], set()).add(key)
        assert node["description"] and len(node["description"]) > 20, key
        assert {o.get("team") for o in node["owners"]} == {OWNER.split(":", 1)[1]}, (key, node["owners"])
        assert node["kinds"], key
        assert JOB in node["jobNames"], key
        assert node["hasAssetChecks"], key
    assert set(by_group) == GROUPS, by_group
    assert by_group["publish"] == {"warehouse", "report"}
    assert "html" in nodes["report"]["kinds"]
    assert "duckdb" in nodes["warehouse"]["kinds"]
    declared = _declared_checks(nodes)
    assert len(declared) >= 40
    assert all(c["description"] for c in declared.values())
    non_blocking = {k for k, c in declared.items() if not c["blocking"]}
    assert ("rejected_documents", "rejected_share") in non_blocking
    assert ("raw_documents", "doc_id_unique") not in non_blocking
    # the partitioned input batches: shown in their own group and job, with their checks
    batch = ui.catalog["input_batch"]
    assert batch["groupName"] == "partitions" and JOB not in batch["jobNames"]
    assert "khabar_partitions" in batch["jobNames"] and batch["hasAssetChecks"]


@pytest.mark.slow
def test_materialize_all_through_the_queue_succeeds(ui):
    assert ui.run["status"] == "SUCCESS", ui.failure_report()
    assert ui.run["jobName"] == JOB
    assert {"key": "khabar/trigger", "value": "ui_e2e"} in ui.run["tags"]
    kinds = [e["__typename"] for e in ui.events]
    # queued run coordinator: the webserver only enqueued the run; the daemon launched it
    assert kinds.index("RunEnqueuedEvent") < kinds.index("RunStartingEvent") < kinds.index("RunStartEvent") \
        < kinds.index("RunSuccessEvent"), kinds
    inst = ui.gql.instance()["instance"]
    assert inst["runQueuingSupported"] and inst["runQueueConfig"]["maxConcurrentRuns"] == 1
    daemons = {d["daemonType"]: d["healthy"] for d in inst["daemonHealth"]["allDaemonStatuses"] if d["required"]}
    assert daemons.get("QUEUED_RUN_COORDINATOR") and daemons.get("SCHEDULER") and daemons.get("SENSOR"), daemons
    steps = {s["stepKey"]: s["status"] for s in ui.run["stepStats"]}
    assert steps and set(steps.values()) == {"SUCCESS"}, steps
    materialized = {"/".join(e["assetKey"]["path"]) for e in ui.events if e["__typename"] == "MaterializationEvent"}
    assert materialized == set(ui.definitions), set(ui.definitions) ^ materialized


@pytest.mark.slow
def test_every_declared_check_was_evaluated_and_passed(ui):
    evaluations = _evaluations(ui)
    got = {(e["asset"], e["check"]) for e in evaluations}
    declared = set(_declared_checks(ui.definitions))
    assert got == declared, {"missing": declared - got, "unexpected": got - declared}
    failed = [(e["asset"], e["check"], e["severity"], {k: v.get("floatValue", v.get("jsonString"))
                                                      for k, v in e["metadata"].items()})
              for e in evaluations if not e["success"]]
    assert not failed, failed
    for e in evaluations:  # every result carries its numeric metric
        assert e["metadata"]["metric"]["__typename"] == "FloatMetadataEntry", e
    # the asset pages show the latest execution of each check as passed
    for (asset, name), check in _declared_checks(_refresh_nodes(ui.gql.asset_nodes())).items():
        ex = check["executionForLatestMaterialization"]
        assert ex and ex["runId"] == ui.run_id and ex["status"] == "SUCCEEDED", (asset, name, ex)


@pytest.mark.slow
def test_materializations_carry_schema_row_count_preview_and_plottable_numbers(ui):
    nodes = _refresh_nodes(ui.gql.asset_nodes())
    for key, node in nodes.items():
        meta = _latest_meta(node, ui.run_id)
        assert meta["dagster/row_count"]["__typename"] == "IntMetadataEntry", (key, meta.keys())
        assert meta["preview"]["__typename"] == "MarkdownMetadataEntry", key
        if key not in ("warehouse", "report"):  # the two file-like assets have no column schema
            schema = meta["dagster/column_schema"]
            assert schema["__typename"] == "TableSchemaMetadataEntry", key
            cols = [c["name"] for c in schema["schema"]["columns"]]
            assert cols and all(c["type"] for c in schema["schema"]["columns"]), key
            if meta["dagster/row_count"]["intValue"]:
                header = meta["preview"]["mdStr"].splitlines()[0]
                assert cols[0] in header, (key, header)

    def num(asset: str, label: str):
        entry = _latest_meta(nodes[asset], ui.run_id)[label]
        assert entry["__typename"] in ("IntMetadataEntry", "FloatMetadataEntry"), (asset, label, entry)
        return entry["intValue"] if entry["__typename"] == "IntMetadataEntry" else entry["floatValue"]

    n_seeds = len([p for p in ui.inputs.iterdir() if p.is_file()])
    assert num("raw_documents", "documents") == n_seeds
    assert num("clean_documents", "documents") == n_seeds
    assert num("rejected_documents", "rejected") == 0
    assert num("entity_mentions", "mentions") > 0
    assert num("entity_mentions", "mentions") == num("entity_mentions", "dagster/row_count")
    assert num("warehouse", "documents") == n_seeds
    assert num("warehouse", "rejected") == 0
    assert num("warehouse", "check_pass_rate") == 1.0
    assert num("warehouse", "run_check_pass_rate") == 1.0
    # all but published_readable (recorded after the publish) and the report's check (downstream of the warehouse)
    assert num("warehouse", "checks_evaluated") >= len(_declared_checks(nodes)) - 2
    counts = json.loads(_latest_meta(nodes["warehouse"], ui.run_id)["table_counts"]["jsonString"])
    assert counts["documents"] == n_seeds and counts["entity_mentions"] == num("entity_mentions", "mentions")


@pytest.mark.slow
def test_published_warehouse_answers_read_only(ui):
    assert ui.warehouse.exists()
    from pipeline.warehouse.connect import connect_readonly

    con = connect_readonly(ui.warehouse, fts=False)
    try:
        n_docs = con.execute("SELECT count(*) FROM documents WHERE status = 'active'").fetchone()[0]
        assert n_docs == len([p for p in ui.inputs.iterdir() if p.is_file()])
        assert con.execute("SELECT count(*) FROM entity_mentions").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM sentences").fetchone()[0] > n_docs
        status, = con.execute("SELECT status FROM refresh_runs WHERE run_id = ?", [ui.run_id]).fetchone()
        assert status == "published"
        n, passed = con.execute("SELECT count(*), count(*) FILTER (WHERE passed) FROM dq_results WHERE run_id = ?",
                                [ui.run_id]).fetchone()
        assert n > 0 and passed == n
        # a mention's offsets reproduce its surface in the stored cleaned text
        bad = con.execute("""
            SELECT count(*) FROM entity_mentions m JOIN documents d USING (doc_id)
            WHERE substr(d.clean_text, m.start_char + 1, m.end_char - m.start_char) <> m.surface
        """).fetchone()[0]
        assert bad == 0
    finally:
        con.close()


@pytest.mark.slow
def test_schedule_and_sensor_are_loaded_and_can_be_switched_on_and_off(ui):
    g, loc, repo = ui.gql, ui.location, ui.repository
    sched = g.schedule(loc, repo, "daily_refresh")
    assert sched["pipelineName"] == JOB and sched["cronSchedule"] == os.environ.get("KHABAR_SCHEDULE_CRON", "0 6 * * *")
    assert sched["scheduleState"]["status"] == "STOPPED"
    started = g.start_schedule(loc, repo, "daily_refresh")
    assert started["status"] == "RUNNING"
    assert g.schedule(loc, repo, "daily_refresh")["scheduleState"]["status"] == "RUNNING"
    assert g.stop_schedule(started["id"])["status"] == "STOPPED"
    assert g.schedule(loc, repo, "daily_refresh")["scheduleState"]["status"] == "STOPPED"

    sensor = g.sensor(loc, repo, "input_files_sensor")
    assert [t["pipelineName"] for t in sensor["targets"]] == [JOB]
    assert sensor["minIntervalSeconds"] == 3600  # KHABAR_SENSOR_INTERVAL reached the code server
    assert sensor["sensorState"]["status"] == "STOPPED"
    started = g.start_sensor(loc, repo, "input_files_sensor")
    assert started["status"] == "RUNNING"
    assert g.sensor(loc, repo, "input_files_sensor")["sensorState"]["status"] == "RUNNING"
    assert g.stop_sensor(started["id"])["status"] == "STOPPED"
    assert g.sensor(loc, repo, "input_files_sensor")["sensorState"]["status"] == "STOPPED"
    # the input-batch sensor (registers partitions) targets the partitioned job, off by default
    batches = g.sensor(loc, repo, "input_batches_sensor")
    assert [t["pipelineName"] for t in batches["targets"]] == ["khabar_partitions"]
    assert batches["sensorState"]["status"] == "STOPPED"


@pytest.mark.slow
def test_ui_pages_render_in_chromium_without_the_community_dialog(ui, tmp_path):
    """What a person sees: the lineage page and the run page render (headless Chromium), with the asset
    groups and the run, and no "Join the Dagster community" dialog (``nux: enabled: false``)."""
    from PIL import Image

    from tests.chromium import rendered_dom, screenshot

    dom = rendered_dom(ui.dev.url + "/asset-groups", tmp_path / "p1")
    assert "Join the Dagster community" not in dom
    assert all(group in dom for group in GROUPS), [g for g in GROUPS if g not in dom]
    run_dom = rendered_dom(f"{ui.dev.url}/runs/{ui.run_id}", tmp_path / "p2")
    assert ui.run_id.split("-")[0] in run_dom and "Join the Dagster community" not in run_dom
    png = screenshot(ui.dev.url + "/asset-groups", tmp_path / "lineage.png", 1500, 950, budget_ms=20000)
    img = Image.open(png).convert("RGB")
    assert len(img.getcolors(maxcolors=1 << 20)) > 50  # a rendered page, not a blank or an error screen
    if os.environ.get("KHABAR_KEEP_SCREENSHOT_DIR"):
        shutil.copy(png, Path(os.environ["KHABAR_KEEP_SCREENSHOT_DIR"]) / "ui_lineage.png")
