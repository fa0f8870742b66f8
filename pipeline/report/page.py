"""Assemble the report: one self-contained HTML file (inline CSS and SVG; no script, no remote resource)."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from html import escape
from pathlib import Path

import duckdb

from pipeline.report import svg
from pipeline.report.data import ReportData, load_report_data

__all__ = ["SECTION_IDS", "build_report", "render_html", "write_report"]

#: The page's sections, in order (ids of the <section> elements).
SECTION_IDS = ("entities", "events", "map", "speakers", "quality")

_CSS = """
body{font-family:'DejaVu Sans','Noto Sans Arabic',Arial,sans-serif;margin:24px auto;max-width:1500px;color:#222;
background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:0 0 8px;color:#333}
.sub{color:#666;font-size:13px;margin-bottom:16px}
.kpis{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0 20px}
.kpi{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:110px}
.kpi b{display:block;font-size:20px}.kpi span{color:#666;font-size:12px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(740px,1fr));gap:18px}
section{border:1px solid #e3e3e3;border-radius:6px;padding:12px;overflow-x:auto}
table{border-collapse:collapse;font-size:13px;width:100%}
td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:start;vertical-align:top}
.ar{direction:rtl;unicode-bidi:plaintext;text-align:right}
.fail{color:#b00020;font-weight:bold}.ok{color:#1b7f3b}
.note{color:#777;font-size:12px}
td.date{white-space:nowrap}
"""


def _kpi(value, label: str) -> str:
    shown = f"{value:,}" if isinstance(value, int) else escape(str(value if value is not None else "–"))
    return f'<div class="kpi"><b>{shown}</b><span>{escape(label)}</span></div>'


def _entity_section(data: ReportData) -> str:
    series: dict[str, dict] = {}
    for row in data.entity_weeks.iter_rows(named=True):
        series.setdefault(row["label"], {})[row["week"]] = row["n_mentions"]
    return svg.line_chart(series, "Mentions of the top entities per week (by publication date)",
                          span=data.window) + _window_note(
        data, "mentions")


def _events_section(data: ReportData) -> str:
    counts: dict = {}
    for row in data.event_weeks.iter_rows(named=True):
        counts.setdefault(row["week"], {})[row["event_type"]] = row["n_events"]
    return svg.stacked_bars(counts, "Events per week, by type (by event date)", span=data.window) + _window_note(data, "events")


def _window_note(data: ReportData, what: str) -> str:
    first, last = data.window
    if first is None:
        return ""
    n = data.outside_window.get(what, 0)
    extra = f"; {n:,} {what} dated outside it (or undated) are not drawn" if n else ""
    return f'<p class="note">Weeks {first} to {last}{extra}.</p>'



def _map_section(data: ReportData) -> str:
    points = [{"lat": r["lat"], "lon": r["lon"], "label": r["name_en"] or r["name_ar"], "mentions": r["n_mentions"],
               "events": r["n_events"]} for r in data.places.iter_rows(named=True)]
    landmarks = [{"lat": r["lat"], "lon": r["lon"], "label": r["name_en"]} for r in data.landmarks.iter_rows(named=True)]
    maps = svg.point_map(points, "Places mentioned (blue) and places of events (red)", landmarks=landmarks)
    detail = _detail(points)
    if detail and len(detail) < len(points):
        maps += svg.point_map(detail, "Detail: around the most reported place", landmarks=landmarks, labels=20)
    return (maps
            + f'<p class="note">{len(points)} places with coordinates; circle area ∝ mentions + events; '
              "grey names are countries of the knowledge base, for orientation; equirectangular projection fitted to the places.</p>")


def _detail(points: list[dict], radius_deg: float = 12.0) -> list[dict]:
    """The places within ``radius_deg`` of the most reported one (the map's crowded centre), if any."""
    if not points:
        return []
    hub = max(points, key=lambda p: p["mentions"] + p["events"])
    return [p for p in points if abs(p["lat"] - hub["lat"]) <= radius_deg and abs(p["lon"] - hub["lon"]) <= radius_deg]


def _speakers_section(data: ReportData) -> str:
    rows = [(f"{r['speaker']}" + (f" ({r['speaker_en']})" if r["speaker_en"] else ""), r["n_quotes"])
            for r in data.speakers.iter_rows(named=True)]
    chart = svg.hbar_chart(rows, "Top quoted speakers (quotes)")
    quotes = "".join(
        f"<tr><td class=\"ar\">{escape(r['speaker'] or '')}</td><td class=\"ar\">«{escape(_clip(r['quote_text'], 220))}»</td>"
        f"<td class=\"date\">{escape(str(r['published_date'] or 'undated'))}</td></tr>"
        for r in data.quotes.iter_rows(named=True))
    table = (f"<table><tr><th>speaker</th><th>quote</th><th>date</th></tr>{quotes}</table>" if quotes
             else '<p class="note">No quote with an identified speaker.</p>')
    return chart + "<h2 style=\"margin-top:12px\">Latest quotes</h2>" + table


def _quality_section(data: ReportData) -> str:
    run = data.last_run
    if not run:
        return '<p class="note">No refresh has been recorded in this warehouse.</p>'
    n = data.checks.height
    failed = data.checks.filter(~data.checks["passed"])
    head = (f"<p>Last refresh <code>{escape(str(run['run_id']))}</code>: {escape(str(run['status']))}, started "
            f"{escape(str(run['started_at']))}. Checks: <span class=\"ok\">{n - failed.height} passed</span>, "
            f"<span class=\"{'fail' if failed.height else 'ok'}\">{failed.height} failed</span>.</p>")
    rows = "".join(
        f"<tr><td>{escape(r['asset'])}</td><td>{escape(r['check_name'])}</td><td>{escape(r['severity'])}</td>"
        f"<td>{'blocking' if r['blocking'] else ''}</td><td>{_metric(r['metric'])}</td></tr>"
        for r in failed.iter_rows(named=True))
    failed_table = (f"<table><tr><th>asset</th><th>failed check</th><th>severity</th><th></th><th>metric</th></tr>"
                    f"{rows}</table>") if rows else ""
    rej = [(r["reason"], r["n"]) for r in data.rejections.iter_rows(named=True)]
    rej_chart = svg.hbar_chart(rej, "Quarantined inputs by reason") if rej else '<p class="note">No input was quarantined.</p>'
    return head + failed_table + rej_chart


def _metric(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _clip(text: str | None, n: int) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


def render_html(data: ReportData, title: str = "Khabar report", generated_at: datetime | None = None) -> str:
    """The whole page as a string (pure function of ``data``)."""
    k = data.kpis
    period = (f"{k['first_published']} → {k['last_published']}" if k.get("first_published") else "undated")
    when = (generated_at or datetime.now()).strftime("%Y-%m-%d %H:%M")
    kpis = "".join([
        _kpi(k["documents"], "documents"), _kpi(period, "publication dates"), _kpi(k["mentions"], "entity mentions"),
        _kpi(k["entities"], "entities"), _kpi(k["events"], "events"), _kpi(k["quotes"], "quotes"),
        _kpi(k["figures"], "figures"),
    ])
    sections = [
        ("entities", "Who is in the news", _entity_section(data)),
        ("events", "What happened", _events_section(data)),
        ("map", "Where", _map_section(data)),
        ("speakers", "Who said what", _speakers_section(data)),
        ("quality", "Data quality", _quality_section(data)),
    ]
    body = "".join(f'<section id="{sid}"><h2>{escape(h)}</h2>{content}</section>' for sid, h, content in sections)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
            f"<h1>{escape(title)}</h1><div class=\"sub\">Generated {when} from the published warehouse. "
            "Every figure comes from the analyst views (docs/schema.md).</div>"
            f'<div class="kpis">{kpis}</div><div class="grid">{body}</div></body></html>\n')


def build_report(con: duckdb.DuckDBPyConnection, title: str = "Khabar report") -> str:
    """Read the warehouse through ``con`` and return the report's HTML."""
    return render_html(load_report_data(con), title=title)


def write_report(con: duckdb.DuckDBPyConnection, target: Path, title: str = "Khabar report",
                 data: ReportData | None = None) -> Path:
    """Write the report to ``target`` atomically (temporary file in the same directory, then rename)."""
    html = render_html(data, title=title) if data is not None else build_report(con, title)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(html)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; a report is meant to be shared
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
