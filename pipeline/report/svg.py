"""Small, dependency-free SVG charts for the offline report (no JavaScript, no web fonts, no tiles).

Each function returns one ``<svg>`` element as a string. Text is escaped; Arabic labels are drawn with
``direction: rtl`` so that they shape and order correctly in any browser.
"""

from __future__ import annotations

import math
from datetime import date
from html import escape

__all__ = ["PALETTE", "line_chart", "stacked_bars", "hbar_chart", "point_map", "empty_chart"]

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
           "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939"]
_FONT = "font-family:'DejaVu Sans','Noto Sans Arabic',Arial,sans-serif"


def _is_rtl(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def _text(x: float, y: float, s: str, size: int = 11, anchor: str = "start", fill: str = "#333",
          weight: str = "normal", extra: str = "") -> str:
    style = f"{_FONT};font-size:{size}px;font-weight:{weight}"
    if _is_rtl(s):
        # in right-to-left text "start" is the right edge: flip so the caller's anchor keeps its meaning
        style += ";direction:rtl;unicode-bidi:plaintext"
        anchor = {"start": "end", "end": "start"}.get(anchor, anchor)
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}" style="{style}"{extra}>'
            f"{escape(s)}</text>")


def empty_chart(message: str, width: int = 720, height: int = 80) -> str:
    """A placeholder that says why there is nothing to draw (never a blank box)."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'role="img" class="chart empty"><rect width="100%" height="100%" fill="#fafafa" stroke="#ddd"/>'
            f"{_text(width / 2, height / 2 + 4, message, 13, 'middle', '#777')}</svg>")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _y_axis(x0: float, y0: float, plot_h: float, ymax: float, width: float) -> list[str]:
    parts = []
    for i in range(5):
        v = ymax * i / 4
        y = y0 - plot_h * i / 4
        parts.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#e5e5e5"/>')
        label = f"{v:,.0f}" if ymax >= 4 else f"{v:.1f}"
        parts.append(_text(x0 - 6, y + 4, label, 10, "end", "#666"))
    return parts


def _x_labels(weeks: list[date], x_of, y: float) -> list[str]:
    step = max(1, math.ceil(len(weeks) / 8))
    return [_text(x_of(i), y, w.isoformat(), 10, "middle", "#666") for i, w in enumerate(weeks) if i % step == 0]


def line_chart(series: dict[str, dict[date, float]], title: str, width: int = 720, height: int = 300,
               step_days: int = 7, span: tuple[date, date] | None = None) -> str:
    """One line per series on a time-scaled x axis; every ``step_days`` from the first to the last date
    (or over ``span``) is a point (dates without data count as 0, so gaps show as dips, not shortcuts)."""
    weeks = _date_axis({w for points in series.values() for w in points}, step_days, span)
    if not weeks:
        return empty_chart(f"{title}: no dated data")
    x0, y0, top = 56, height - 70, 28
    plot_w, plot_h = width - x0 - 10, y0 - top
    ymax = _nice_max(max(v for points in series.values() for v in points.values()))

    def x_of(i: int) -> float:
        return x0 + (plot_w * i / (len(weeks) - 1) if len(weeks) > 1 else plot_w / 2)

    parts = [_text(x0, 16, title, 13, weight="bold"), *_y_axis(x0, y0, plot_h, ymax, width),
             *_x_labels(weeks, x_of, y0 + 16)]
    for k, (name, points) in enumerate(series.items()):
        color = PALETTE[k % len(PALETTE)]
        coords = [(x_of(i), y0 - plot_h * points.get(w, 0) / ymax) for i, w in enumerate(weeks)]
        path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(coords))
        parts.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="2" class="series"/>')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{color}"/>' for x, y in coords]
        lx, ly = x0 + (k % 3) * (plot_w / 3), y0 + 36 + (k // 3) * 16
        parts.append(f'<rect x="{lx:.1f}" y="{ly - 9:.1f}" width="10" height="10" fill="{color}"/>')
        parts.append(_text(lx + 14, ly, name, 11))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'role="img" class="chart line">{"".join(parts)}</svg>')


def _date_axis(seen: set[date], step_days: int, span: tuple[date, date] | None) -> list[date]:
    if not seen:
        return []
    first, last = span if span and span[0] and span[1] else (min(seen), max(seen))
    return [date.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1, step_days)]


def stacked_bars(counts: dict[date, dict[str, float]], title: str, width: int = 720, height: int = 300,
                 step_days: int = 7, span: tuple[date, date] | None = None) -> str:
    """One bar slot per ``step_days`` on a time-scaled axis (over ``span`` if given), stacked by category;
    a legend lists categories by total."""
    weeks = _date_axis(set(counts), step_days, span)
    counts = {w: counts.get(w, {}) for w in weeks}
    if not weeks:
        return empty_chart(f"{title}: no dated data")
    totals: dict[str, float] = {}
    for per in counts.values():
        for cat, v in per.items():
            totals[cat] = totals.get(cat, 0) + v
    cats = sorted(totals, key=lambda c: (-totals[c], c))
    colors = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(cats)}
    x0, y0, top = 56, height - 80, 28
    plot_w, plot_h = width - x0 - 10, y0 - top
    ymax = _nice_max(max(sum(per.values()) for per in counts.values() if per))
    slot = plot_w / len(weeks)
    bar_w = max(1.0, min(28.0, slot * 0.8))

    def x_of(i: int) -> float:
        return x0 + slot * (i + 0.5)

    parts = [_text(x0, 16, title, 13, weight="bold"), *_y_axis(x0, y0, plot_h, ymax, width),
             *_x_labels(weeks, x_of, y0 + 16)]
    for i, w in enumerate(weeks):
        y = y0
        for cat in cats:
            v = counts[w].get(cat, 0)
            if not v:
                continue
            h = plot_h * v / ymax
            y -= h
            parts.append(f'<rect x="{x_of(i) - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                         f'fill="{colors[cat]}" class="bar"><title>{escape(f"{w}: {cat} {v:g}")}</title></rect>')
    for k, cat in enumerate(cats[:12]):
        lx, ly = x0 + (k % 4) * (plot_w / 4), y0 + 36 + (k // 4) * 16
        parts.append(f'<rect x="{lx:.1f}" y="{ly - 9:.1f}" width="10" height="10" fill="{colors[cat]}"/>')
        parts.append(_text(lx + 14, ly, f"{cat} ({totals[cat]:g})", 11))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'role="img" class="chart bars">{"".join(parts)}</svg>')


def hbar_chart(rows: list[tuple[str, float]], title: str, width: int = 720, bar_h: int = 22) -> str:
    """Horizontal bars, largest first, labels on the left (Arabic labels right-aligned to the bar)."""
    if not rows:
        return empty_chart(f"{title}: nothing to show")
    label_w, top = 340, 28
    height = top + bar_h * len(rows) + 10
    vmax = max(v for _, v in rows) or 1
    parts = [_text(10, 16, title, 13, weight="bold")]
    for i, (label, v) in enumerate(rows):
        y = top + i * bar_h
        w = (width - label_w - 50) * v / vmax
        parts.append(_text(label_w - 8, y + bar_h * 0.7, label if len(label) <= 44 else label[:43] + "…", 12, "end"))
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{bar_h - 6}" fill="{PALETTE[0]}" class="bar"/>')
        parts.append(_text(label_w + w + 6, y + bar_h * 0.7, f"{v:g}", 11, fill="#555"))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'role="img" class="chart hbar">{"".join(parts)}</svg>')


def point_map(points: list[dict], title: str, width: int = 720, height: int = 440, labels: int = 14,
              landmarks: list[dict] | None = None) -> str:
    """Places on a plain equirectangular projection fitted to the points, with a graticule.

    ``points``: dicts with ``lat``, ``lon``, ``label``, ``mentions`` and ``events``. Circle area follows
    mentions + events; places with events are drawn in red. ``landmarks`` (``lat``, ``lon``, ``label``;
    e.g. every country of the knowledge base) are drawn as faint names for orientation. No tile server
    and no outline dataset are needed. Labels that would overlap an earlier (larger) one are left out.
    """
    pts = [p for p in points if p.get("lat") is not None and p.get("lon") is not None]
    if not pts:
        return empty_chart(f"{title}: no place with coordinates was mentioned", width)
    lats = [p["lat"] for p in pts]
    lons = [p["lon"] for p in pts]
    pad_lat = max(2.0, (max(lats) - min(lats)) * 0.08)
    pad_lon = max(2.0, (max(lons) - min(lons)) * 0.08)
    south, north = max(-85.0, min(lats) - pad_lat), min(85.0, max(lats) + pad_lat)
    west, east = max(-180.0, min(lons) - pad_lon), min(180.0, max(lons) + pad_lon)
    x0, top = 10, 28
    plot_w, plot_h = width - 20, height - top - 10
    # keep degrees square at the mean latitude (equirectangular with a cos(lat) aspect)
    k = math.cos(math.radians((south + north) / 2))
    scale = min(plot_w / ((east - west) * k), plot_h / (north - south))
    cx, cy = x0 + plot_w / 2, top + plot_h / 2
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2

    def project(lat: float, lon: float) -> tuple[float, float]:
        return cx + (lon - mid_lon) * k * scale, cy - (lat - mid_lat) * scale

    span = max(east - west, north - south)
    step = next(s for s in (1, 2, 5, 10, 15, 30, 60) if span / s <= 10)
    parts = [_text(x0, 16, title, 13, weight="bold"),
             f'<rect x="{x0}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#eef4f8" stroke="#c8d6e0"/>']
    g_lon = math.ceil(west / step) * step
    while g_lon <= east:
        xa, _ = project(mid_lat, g_lon)
        if x0 <= xa <= x0 + plot_w:
            parts.append(f'<line x1="{xa:.1f}" y1="{top}" x2="{xa:.1f}" y2="{top + plot_h}" stroke="#cfdbe4"/>')
            parts.append(_text(xa + 2, top + plot_h - 4, f"{g_lon:g}°{'E' if g_lon >= 0 else 'W'}", 9, fill="#7a8c99"))
        g_lon += step
    g_lat = math.ceil(south / step) * step
    while g_lat <= north:
        _, ya = project(g_lat, mid_lon)
        if top <= ya <= top + plot_h:
            parts.append(f'<line x1="{x0}" y1="{ya:.1f}" x2="{x0 + plot_w}" y2="{ya:.1f}" stroke="#cfdbe4"/>')
            parts.append(_text(x0 + 3, ya - 2, f"{g_lat:g}°{'N' if g_lat >= 0 else 'S'}", 9, fill="#7a8c99"))
        g_lat += step
    taken: list[tuple[float, float, float, float]] = []

    def free(x: float, y: float, text: str, size: int) -> bool:
        box = (x, y - size, x + 0.62 * size * len(text), y + 2)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            return False
        taken.append(box)
        return True

    for lm in landmarks or []:
        x, y = project(lm["lat"], lm["lon"])
        if x0 + 2 <= x <= x0 + plot_w - 40 and top + 10 <= y <= top + plot_h - 2:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.2" fill="#9fb3c2" class="landmark"/>')
    weight_max = max(p["mentions"] + p["events"] for p in pts) or 1
    ranked = sorted(pts, key=lambda p: -(p["mentions"] + p["events"]))
    for p in reversed(ranked):  # biggest drawn first, small ones stay visible on top
        x, y = project(p["lat"], p["lon"])
        r = 3 + 17 * math.sqrt((p["mentions"] + p["events"]) / weight_max)
        color = "#d62728" if p["events"] else PALETTE[0]
        tip = f"{p['label']}: {p['mentions']} mentions, {p['events']} events"
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{color}" fill-opacity="0.45" '
                     f'stroke="{color}" class="place"><title>{escape(tip)}</title></circle>')
    shown = 0
    for p in ranked:
        if shown >= labels:
            break
        x, y = project(p["lat"], p["lon"])
        if free(x + 5, y - 5, p["label"], 11):
            parts.append(_text(x + 5, y - 5, p["label"], 11, fill="#222", weight="bold"))
            shown += 1
    for lm in landmarks or []:  # orientation names go wherever a place label is not
        x, y = project(lm["lat"], lm["lon"])
        if x0 + 2 <= x <= x0 + plot_w - 40 and top + 10 <= y <= top + plot_h - 2 and free(x + 3, y + 3, lm["label"], 9):
            parts.append(_text(x + 3, y + 3, lm["label"], 9, fill="#8a9aa6", extra=' class="landmark-label"'))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'role="img" class="chart map">{"".join(parts)}</svg>')
