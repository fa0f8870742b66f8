"""The report page (pure function of ReportData): sections, offline, escaped, honest notes."""

from __future__ import annotations

import re

from pipeline.report.page import SECTION_IDS, render_html
from tests.report.sample import sample_data


def test_every_section_has_its_chart():
    html = render_html(sample_data())
    for sid in SECTION_IDS:
        assert f'<section id="{sid}">' in html, sid
    body = {sid: html.split(f'<section id="{sid}">')[1].split("</section>")[0] for sid in SECTION_IDS}
    assert 'class="chart line"' in body["entities"]
    assert 'class="chart bars"' in body["events"]
    assert 'class="chart map"' in body["map"] and body["map"].count('class="place"') >= 3
    assert 'class="chart hbar"' in body["speakers"]
    assert "1 failed" in body["quality"] and "coverage" in body["quality"] and "not_arabic" in body["quality"]


def test_page_is_self_contained_and_offline():
    html = render_html(sample_data())
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert not re.search(r'\b(src|href)\s*=', html)
    urls = set(re.findall(r"https?://[^\s\"'<>]+", html))
    assert urls <= {"http://www.w3.org/2000/svg"}, urls


def test_quote_text_is_escaped():
    html = render_html(sample_data())
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; سنبقى في العراق" in html


def test_window_note_counts_what_is_not_drawn():
    html = render_html(sample_data())
    assert "Weeks 2024-01-01 to 2024-01-15" in html
    assert "2 events dated outside it" in html
