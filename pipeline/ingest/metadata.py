"""Parsing of feed metadata values (publication times)."""

from __future__ import annotations

import email.utils
from datetime import datetime, timedelta, timezone

__all__ = ["parse_metadata_datetime", "MIN_PUBLISHED_YEAR", "FUTURE_HORIZON", "published_at_flag"]

#: Publication times before this year are not believed (placeholders such as 0001-01-01, typos).
MIN_PUBLISHED_YEAR = 1900
#: Publication times later than now plus this are not believed (a clock or a typo, e.g. 2500).
FUTURE_HORIZON = timedelta(days=2)


def published_at_flag(dt: datetime | None, now: datetime | None = None) -> str | None:
    """``'before_1900'`` or ``'in_future'`` when a publication time cannot be right, else ``None``.

    ``dt`` is a naive wall-clock time; the horizon (now + 2 days) covers every time zone.
    """
    if dt is None:
        return None
    if dt.year < MIN_PUBLISHED_YEAR:
        return "before_1900"
    if dt > (now or datetime.now()) + FUTURE_HORIZON:
        return "in_future"
    return None


def parse_metadata_datetime(value: object) -> tuple[datetime, int | None] | None:
    """Parse a feed's publication time.

    Returns ``(local_naive_datetime, utc_offset_minutes)`` — the wall-clock time as the
    publisher printed it plus its UTC offset (``None`` when the value carries no zone) —
    or ``None`` when the value is missing or unparseable. Accepts RFC 2822
    (``Mon, 19 Feb 2018 00:16:11 +0400``), ISO 8601 (``2024-01-28T10:45:25Z``,
    ``2024-01-28 10:45``, ``2024-01-28``) and Unix epochs in seconds or milliseconds (UTC).
    """
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value) / (1000.0 if abs(value) > 1e11 else 1.0)
        try:
            dt = datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return dt.replace(tzinfo=None), 0
    text = str(value).strip()
    if not text:
        return None
    if text.isdigit() and len(text) >= 9:
        return parse_metadata_datetime(int(text))
    dt: datetime | None = None
    try:
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            dt = None
    if dt is None:
        return None
    offset = dt.utcoffset()
    minutes = None if offset is None else int(offset / timedelta(minutes=1))
    return dt.replace(tzinfo=None), minutes
