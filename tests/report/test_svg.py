"""The SVG chart primitives: what they draw, where, and that text is escaped."""

from __future__ import annotations

import re
from datetime import date

from pipeline.report import svg


def _floats(pattern: str, s: str) -> list[float]:
    return [float(x) for x in re.findall(pattern, s)]


def test_line_chart_one_path_per_series_with_a_point_per_date():
    d1, d2, d3 = date(2024, 1, 1), date(2024, 1, 8), date(2024, 1, 15)
    out = svg.line_chart({"Iraq": {d1: 10, d2: 0, d3: 5}, "Syria": {d2: 8}}, "t")
    assert out.count('class="series"') == 2
    assert out.count("<circle") == 6                   # missing points count as 0 on the shared axis
    assert "2024-01-01" in out and "2024-01-15" in out
    ys = _floats(r'<circle cx="[\d.]+" cy="([\d.]+)"', out)
    assert min(ys) == ys[0]                            # Iraq's 10 is the highest point (smallest y)


def test_stacked_bars_heights_are_proportional_and_stack():
    w = date(2024, 1, 1)
    out = svg.stacked_bars({w: {"attack": 3, "withdrawal": 1}}, "t")
    heights = [h for h in _floats(r'height="([\d.]+)" fill="#[0-9a-f]{6}" class="bar"', out)]
    assert len(heights) == 2 and abs(heights[0] / heights[1] - 3.0) < 1e-6
    assert "attack (3)" in out and "withdrawal (1)" in out


def test_point_map_projects_inside_the_frame_and_sizes_by_weight():
    pts = [{"lat": 33.3, "lon": 44.4, "label": "Baghdad", "mentions": 50, "events": 2},
           {"lat": 36.2, "lon": 37.1, "label": "Aleppo", "mentions": 5, "events": 0}]
    out = svg.point_map(pts, "t", width=600, height=400)
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)" fill="(#[0-9a-f]+)"', out)
    assert len(circles) == 2
    by_color = {c[3]: c for c in circles}
    bx, by, br = map(float, by_color["#d62728"][:3])
    ax, ay, ar = map(float, by_color[svg.PALETTE[0]][:3])
    assert br > ar                                     # more mentions → bigger circle; events → red
    assert bx > ax and by > ay                         # Baghdad is east and south of Aleppo
    for x, y in ((ax, ay), (bx, by)):
        assert 10 <= x <= 590 and 28 <= y <= 390
    assert "°N" in out and "°E" in out                # graticule labels


def test_text_is_escaped_and_arabic_is_rtl():
    out = svg.hbar_chart([("<b>x</b>", 1), ("العراق", 2)], "t")
    assert "<b>x</b>" not in out and "&lt;b&gt;x&lt;/b&gt;" in out
    assert "direction:rtl" in out


def test_empty_inputs_say_why():
    assert "no dated data" in svg.line_chart({}, "Mentions")
    assert "no place" in svg.point_map([], "Map")
    assert "nothing to show" in svg.hbar_chart([], "Speakers")
