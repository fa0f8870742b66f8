"""The report, GeoJSON and `khabar report` on a real seeds warehouse built by the pipeline."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from khabar.cli import main
from pipeline.report.data import load_report_data
from pipeline.report.geojson import events_geojson, places_geojson
from pipeline.report.page import SECTION_IDS
from tests.chromium import screenshot

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeds_wh(seeds_build):
    return seeds_build[0]  # read only (tests/conftest.py: built once per test process)


@pytest.fixture
def con(seeds_wh):
    from pipeline.warehouse.connect import connect_readonly

    c = connect_readonly(seeds_wh)
    yield c
    c.close()


def test_report_figures_match_the_views(con):
    data = load_report_data(con)
    assert data.kpis["documents"] == con.execute("SELECT count(*) FROM v_documents").fetchone()[0] == 5
    assert data.kpis["events"] == con.execute("SELECT count(*) FROM v_event_timeline").fetchone()[0] > 0
    # every drawn place is a knowledge-base place with coordinates that the documents mention or locate an event in
    assert data.places.height > 0
    for row in data.places.iter_rows(named=True):
        assert row["lat"] is not None and row["n_mentions"] + row["n_events"] > 0
    iraq = data.places.filter(data.places["entity_id"] == "loc:iq")
    assert iraq.height == 1 and iraq["n_mentions"][0] == con.execute(
        "SELECT count(*) FROM v_mentions WHERE entity_id = 'loc:iq'").fetchone()[0]
    assert data.checks.height > 0 and data.last_run["status"] == "published"


def test_geojson_points_are_lon_lat_of_the_knowledge_base(con):
    places = places_geojson(con)
    assert places["type"] == "FeatureCollection" and places["features"]
    coords = dict(con.execute("SELECT entity_id, [lon, lat] FROM entities WHERE lat IS NOT NULL").fetchall())
    for f in places["features"]:
        assert f["geometry"]["type"] == "Point"
        assert f["geometry"]["coordinates"] == coords[f["id"]]
    baghdad = next(f for f in places["features"] if f["properties"]["name_en"] == "Baghdad")
    lon, lat = baghdad["geometry"]["coordinates"]
    assert 44 < lon < 45 and 33 < lat < 34
    events = events_geojson(con)
    assert all(f["properties"]["location_entity_id"] in coords for f in events["features"])
    json.dumps(events)  # dates serialised


def test_khabar_report_command_writes_the_page_and_refuses_symlinks(seeds_wh, tmp_path):
    out = tmp_path / "r.html"
    res = CliRunner().invoke(main, ["report", "-w", str(seeds_wh), "-o", str(out)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert all(f'<section id="{s}">' in html for s in SECTION_IDS)
    assert oct(out.stat().st_mode & 0o777) != "0o600"
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    link = tmp_path / "link.html"
    link.symlink_to(victim)
    res = CliRunner().invoke(main, ["report", "-w", str(seeds_wh), "-o", str(link)])
    assert res.exit_code != 0 and "symbolic link" in res.output
    assert victim.read_text() == "keep"


def test_report_renders_in_headless_chromium(seeds_wh, tmp_path):
    """The page renders with its charts and map: the screenshot holds the palette's colours."""
    from PIL import Image

    out = tmp_path / "r.html"
    assert CliRunner().invoke(main, ["report", "-w", str(seeds_wh), "-o", str(out)]).exit_code == 0
    png = screenshot(out, tmp_path / "report.png", 1500, 1400)
    img = Image.open(png).convert("RGB")
    assert img.size == (1500, 1400)
    colours = {c for _, c in img.getcolors(maxcolors=1 << 20)}

    def near(rgb, tol=40):
        return any(sum(abs(a - b) for a, b in zip(rgb, c)) <= tol for c in colours)

    assert near((0x1f, 0x77, 0xb4)), "no blue series/bars drawn"
    assert near((0xd6, 0x27, 0x28)), "no red event markers drawn"
    assert near((0xee, 0xf4, 0xf8)), "no map frame drawn"
    if os.environ.get("KHABAR_KEEP_SCREENSHOT"):
        Image.open(png).save(os.environ["KHABAR_KEEP_SCREENSHOT"])


def test_khabar_export_geojson_writes_places_and_events(seeds_wh, tmp_path):
    out = tmp_path / "geo"
    res = CliRunner().invoke(main, ["export", "-w", str(seeds_wh), "--format", "geojson", str(out)])
    assert res.exit_code == 0, res.output
    places = json.loads((out / "places.geojson").read_text(encoding="utf-8"))
    events = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert places["type"] == events["type"] == "FeatureCollection"
    assert places["features"] and all(f["geometry"]["type"] == "Point" for f in places["features"])
    assert "العراق" in (out / "places.geojson").read_text(encoding="utf-8")  # Arabic kept readable
    assert f"{len(places['features'])}  geojson" in res.output
    assert not list(out.glob(".*.tmp"))
    res = CliRunner().invoke(main, ["export", "-w", str(seeds_wh), "--format", "geojson", "--views", str(out)])
    assert res.exit_code != 0 and "takes no --views" in res.output
