"""The Dagster definitions load, and the schedule and sensor behave."""

import dagster as dg

from assets.automation import inputs_fingerprint, input_files_sensor, refresh_schedule
from assets.definitions import build_definitions, defs
from assets.resources import KhabarConfig


def test_definitions_load_with_groups_checks_schedule_and_sensor():
    dg.Definitions.validate_loadable(defs)
    graph = defs.resolve_asset_graph()
    keys = {k.to_user_string() for k in graph.get_all_asset_keys()}
    assert {"raw_documents", "document_sources", "source_files", "rejected_documents", "clean_documents",
            "paragraphs", "sentences", "removed_spans", "offset_map", "warehouse"} <= keys
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.group_name in {"ingest", "clean", "knowledge", "extract", "publish", "partitions"}, key
        assert node.description, key
    # every asset carries at least one check
    checked = {c.asset_key.to_user_string() for c in graph.asset_check_keys}
    assert keys <= checked, keys - checked
    assert defs.resolve_job_def("khabar_refresh") is not None
    assert defs.resolve_schedule_def("daily_refresh").cron_schedule == "0 6 * * *"
    assert defs.resolve_sensor_def("input_files_sensor") is not None


def test_schedule_requests_a_refresh_run_unless_nothing_changed(tmp_path):
    from tests.warehouse.test_refresh import A, refresh

    src, wh = tmp_path / "in", tmp_path / "w.duckdb"
    src.mkdir()
    (src / "a.txt").write_text(A, encoding="utf-8")
    cfg = KhabarConfig(inputs=[str(src)], warehouse=str(wh))
    def tick():
        return refresh_schedule.evaluate_tick(dg.build_schedule_context(resources={"khabar": cfg}))

    assert len(tick().run_requests) == 1                   # no warehouse yet
    refresh(src, wh, "one")
    skipped = tick()
    assert not skipped.run_requests and "nothing changed since snapshot" in skipped.skip_message
    (src / "b.txt").write_text(A + " ثانية", encoding="utf-8")
    assert len(tick().run_requests) == 1                   # a new input file


def test_sensor_fires_on_new_and_changed_files_only(tmp_path):
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    cfg = KhabarConfig(inputs=[str(tmp_path)], warehouse=str(tmp_path / "w.duckdb"))
    with dg.instance_for_test() as instance:
        ctx = dg.build_sensor_context(instance=instance, resources={"khabar": cfg})
        first = input_files_sensor(ctx)
        assert isinstance(first, dg.RunRequest)
        cursor = ctx.cursor
        ctx2 = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"khabar": cfg})
        assert isinstance(input_files_sensor(ctx2), dg.SkipReason)
        (tmp_path / "b.txt").write_text("نص آخر", encoding="utf-8")
        ctx3 = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"khabar": cfg})
        third = input_files_sensor(ctx3)
        assert isinstance(third, dg.RunRequest) and third.run_key != first.run_key
        assert ctx3.cursor != cursor
    assert inputs_fingerprint(cfg)[1] == 2


def test_build_definitions_binds_configuration(tmp_path):
    cfg = KhabarConfig(inputs=[str(tmp_path)], warehouse=str(tmp_path / "x.duckdb"))
    d = build_definitions(cfg)
    assert d.resources["khabar"].settings().warehouse == (tmp_path / "x.duckdb").resolve()


def test_lake_maintenance_job_runs_on_a_schedule_and_compacts(tmp_path):
    """The scheduled maintenance job runs the maintenance pass on the configured warehouse."""
    from assets.definitions import build_definitions
    from assets.resources import KhabarConfig
    from pipeline.warehouse.connect import connect_writer

    wh = tmp_path / "w.sqlite"
    con = connect_writer(wh)
    con.execute("CREATE TABLE t (x INTEGER)")
    for i in range(3):  # three commits, three small files
        con.execute(f"INSERT INTO t SELECT range FROM range({i * 100}, {i * 100 + 100})")
    con.close()
    defs = build_definitions(KhabarConfig(inputs=[str(tmp_path)], warehouse=str(wh)))
    assert defs.resolve_schedule_def("lake_maintenance_schedule").cron_schedule == "30 3 * * *"
    result = defs.resolve_job_def("lake_maintenance").execute_in_process()
    assert result.success
    out = result.output_for_node("maintain_lake")
    assert out["merged_files"] >= 1 and out["files_before"] >= 3
