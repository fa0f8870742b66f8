"""Time-expression extraction for Arabic news (issue "Time").

Our own spotting grammar (:mod:`pipeline.extract.timex.grammar`) finds the
expressions — numeric dates and times, day/month/year with every Arabic month
convention and their dual forms, ordinal days, years with year evidence,
ranges, decades, weekdays, relative expressions, Hijri dates, durations and
sets — and :mod:`pipeline.extract.timex.resolve` normalizes them to TIMEX3
values anchored only on the publication date. dateparser is used (cached,
per process) to normalize the absolute day–month–year dates the grammar
spotted, in the Arabic locale owning the month vocabulary.

Plain functions over Python objects; no dagster import.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from pipeline.extract.timex.grammar import FoldedView, fold_view, spot, yearlike_numbers
from pipeline.extract.timex.resolve import clause_direction, resolve

__all__ = ["TimexResult", "extract_time_expressions", "is_valid_timex", "plausible_window"]

#: years before / after the publication year that a resolved date may fall in
WINDOW_YEARS_BEFORE = 150
WINDOW_YEARS_AFTER = 30
#: window used when the document has no publication date
UNDATED_WINDOW = (date(1850, 1, 1), date(2100, 12, 31))


@dataclass
class TimexResult:
    """Expressions of one document plus the count of year-like numbers rejected.

    ``expressions``: one dict per expression, keys ``start, end, surface, kind,
    value, date_start, date_end, granularity, anchor, confidence`` (see
    :func:`extract_time_expressions`). ``rejected_numbers``: 4-digit numbers
    between 1000 and 2999 that were *not* read as dates (troop counts,
    casualty figures, money, years outside the plausible window).
    """

    expressions: list[dict] = field(default_factory=list)
    rejected_numbers: int = 0


def _as_date(value: date | datetime | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    return value


def plausible_window(published_at: date | datetime | None) -> tuple[date, date]:
    """Range a resolved date must fall in to be kept.

    From 1 January, ``WINDOW_YEARS_BEFORE`` (150) years before the publication
    year, to 31 December, ``WINDOW_YEARS_AFTER`` (30) years after it — wide
    enough for historical references (1916, 1948, 1967) and plans (رؤية 2030);
    for an undated document 1850-01-01 .. 2100-12-31.
    """
    pub = _as_date(published_at)
    if pub is None:
        return UNDATED_WINDOW
    return date(pub.year - WINDOW_YEARS_BEFORE, 1, 1), date(pub.year + WINDOW_YEARS_AFTER, 12, 31)


_WS = re.compile(r"\s+")
_Y = r"(?:\d{4}|XXXX)"
_MD = r"(?:\d{2}|XX)"
_TIME = r"(?:T\d{2}:\d{2}(?::\d{2})?)"
_DATE_RE = re.compile(rf"^{_Y}(?:-{_MD}(?:-{_MD}{_TIME}?)?)?$|^{_Y}-W(?:\d{{2}}|XX)(?:-(?:[1-7]|WE))?$"
                      rf"|^(?:\d{{2,3}}|XX\d|XXX|XX)$")
_DUR_RE = re.compile(r"^P(?:(?:\d+|X)(?:Y|M|W|D|DE|CE)|T(?:\d+|X)(?:H|M|S))$")
_REF_RE = re.compile(r"^(?:PAST_REF|PRESENT_REF|FUTURE_REF)$")


def _valid_date_part(v: str) -> bool:
    if not _DATE_RE.match(v):
        return False
    m = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", v)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            return False
        if m.group(3):
            try:
                date(y, mo, int(m.group(3)))
            except ValueError:
                return False
    m = re.match(r"^XXXX-(\d{2})(?:-(\d{2}))?", v)
    if m and (not 1 <= int(m.group(1)) <= 12 or (m.group(2) and not 1 <= int(m.group(2)) <= 31)):
        return False
    m = re.match(r"^\d{4}-W(\d{2})", v)
    if m and not 1 <= int(m.group(1)) <= 53:
        return False
    m = re.search(r"T(\d{2}):(\d{2})(?::(\d{2}))?$", v)
    if m and (int(m.group(1)) > 23 or int(m.group(2)) > 59 or (m.group(3) and int(m.group(3)) > 59)):
        return False
    return True


def is_valid_timex(value: str) -> bool:
    """True when ``value`` is a TIMEX3 value this extractor can emit.

    Accepted: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-MM-DDThh:mm[:ss]``,
    ``YYYY-Www``, ``YYYY-Www-D`` / ``-WE``, decades ``YYY`` and centuries
    ``YY``, the same with ``X`` placeholders (``XXXX-01-04``, ``XXXX-WXX-4``),
    durations (``P3Y``, ``PXM``, ``PT48H``), ``PAST_REF``/``FUTURE_REF``/
    ``PRESENT_REF``, and an interval ``A/B`` of two such dates (year ranges,
    Hijri years/months) whose start is not after its end.
    """
    if not isinstance(value, str) or not value:
        return False
    if _DUR_RE.match(value) or _REF_RE.match(value):
        return True
    if "/" in value:
        a, _, b = value.partition("/")
        if not (_valid_date_part(a) and _valid_date_part(b)) or "X" in a + b:
            return False
        return a <= b or len(a) != len(b)
    return _valid_date_part(value)


def _sentence_bounds(fv: FoldedView, sentences: list[tuple[int, int]] | None):
    """Sentence spans in folded-view coordinates."""
    view = fv.text
    if sentences:
        return sorted((fv.to_folded(s), fv.to_folded(e)) for s, e in sentences)
    bounds, start = [], 0
    for m in re.finditer(r"[.!?؟\n]+", view):
        bounds.append((start, m.end()))
        start = m.end()
    bounds.append((start, len(view)))
    return bounds


def extract_time_expressions(text: str, published_at: date | datetime | None,
                             sentences: list[tuple[int, int]] | None = None) -> TimexResult:
    """Spot and normalize the time expressions of one document.

    Args:
        text: cleaned document text (original; never modified).
        published_at: publication date/datetime, the only anchor used for
            relative and year-less expressions; ``None`` leaves them unresolved.
        sentences: optional ``(start, end)`` sentence spans (code-point offsets
            into ``text``) used as the clause window for tense cues.

    Returns:
        :class:`TimexResult`. Each expression dict has ``start``/``end``
        (code-point offsets, ``text[start:end] == surface``), ``surface``,
        ``kind`` ('date'|'time'|'duration'|'set'), ``value`` (TIMEX3),
        ``date_start``/``date_end`` (``datetime.date`` or ``None``),
        ``granularity``, ``anchor`` ('absolute'|'publication_date'|'unanchored')
        and ``confidence`` (0..1). Expressions never overlap (longest wins).
    """
    pub = _as_date(published_at)
    fv = fold_view(text)
    view = fv.text
    bounds: list[tuple[int, int]] | None = None
    starts: list[int] = []
    lo, hi = plausible_window(pub)
    expressions: list[dict] = []
    kept_spans: list[tuple[int, int]] = []
    for c in spot(view):
        direction = "past"
        if pub is not None and _needs_direction(c.sem):
            if bounds is None:
                bounds = _sentence_bounds(fv, sentences)
                starts = [b[0] for b in bounds]
            i = max(bisect.bisect_right(starts, c.start) - 1, 0)
            direction = clause_direction(view, c.start, c.end, bounds[i],
                                         imperfect_is_future=c.sem["type"] in ("weekday", "weekend"))
        month_word = None
        if "mspan" in c.sem:
            month_word = _WS.sub(" ", view[c.sem["mspan"][0]:c.sem["mspan"][1]])
        try:
            out = resolve(c, pub, direction, month_word)
        except (ValueError, OverflowError):  # e.g. "منذ 2500 سنة": shifted outside the calendar
            out = None
        if out is None:
            continue
        if out["date_start"] is not None and not (lo <= out["date_start"] and out["date_end"] <= hi):
            continue
        start, end = fv.to_original(c.start, c.end)
        while end < len(text) and _is_mark(text[end]):
            end += 1
        expressions.append({"start": start, "end": end, "surface": text[start:end], **out})
        kept_spans.append((c.start, c.end))
    rejected = sum(1 for s, e in yearlike_numbers(view)
                   if not any(ks <= s and e <= ke for ks, ke in kept_spans))
    return TimexResult(expressions=expressions, rejected_numbers=rejected)


def _needs_direction(sem: dict) -> bool:
    """Only year-less dates, weekdays and weekends depend on the clause tense."""
    t = sem["type"]
    if t == "hijri":
        return sem.get("year") is None
    if t == "abs":
        return "year" not in sem and "year_rel" not in sem and "month_rel" not in sem
    return t in ("weekday", "weekend") and sem.get("direction") is None and sem.get("rel") is None


def _is_mark(ch: str) -> bool:
    """Diacritic or tatweel trailing a word (kept inside the span)."""
    return ch == "\u0640" or "\u064b" <= ch <= "\u065f" or ch == "\u0670"
