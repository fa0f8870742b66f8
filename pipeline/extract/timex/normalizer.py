"""Calendar helpers: cached dateparser normalization and Hijri conversion.

dateparser is only used where it normalizes correctly: reading an absolute
day–month–year that our grammar has already spotted, with the Arabic locale
that owns the month vocabulary (plain ``ar`` does not know the Levantine
names; ``ar-IQ`` does; Maghreb names live under ``ar-DZ``/``ar-MA``). Parsers
are built once per process and results are memoized, because building a
``DateDataParser`` costs milliseconds.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

#: grammar convention -> dateparser locale owning its month names
LOCALE_FOR = {"eg": "ar", "lev": "ar-IQ", "dz": "ar-DZ", "ma": "ar-MA"}


@lru_cache(maxsize=None)
def _parser(locale: str):
    from dateparser.date import DateDataParser

    kwargs = {"languages": ["ar"]} if locale == "ar" else {"locales": [locale]}
    return DateDataParser(settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]},
                          **kwargs)


@lru_cache(maxsize=4096)
def dateparser_absolute(day: int, month_word: str, year: int, conv: str) -> date | None:
    """Normalize ``"<day> <month word> <year>"`` with dateparser in the convention's locale.

    Returns ``None`` when dateparser cannot read it. Memoized, but each new key
    costs a dateparser call (~1 ms): the extractor uses :func:`dateparser_month`.
    """
    data = _parser(LOCALE_FOR.get(conv, "ar")).get_date_data(f"{day} {month_word} {year}")
    return data.date_obj.date() if data and data.date_obj else None


@lru_cache(maxsize=1)
def dateparser_month_table() -> dict[str, int | None]:
    """Folded month word -> month number as dateparser reads it in the word's locale.

    Built once per process from the lexicon's month spellings (about 50
    dateparser calls, ~0.1 s); afterwards a month check is a dict lookup.
    ``None`` marks spellings dateparser cannot read in that locale.
    """
    from .lexicon import MONTH_SPELLINGS, fold

    table: dict[str, int | None] = {}
    for word, conv in MONTH_SPELLINGS:
        d = dateparser_absolute(15, word, 2000, conv)
        table[fold(word)] = d.month if d else None
    return table


def dateparser_month(folded_word: str) -> int | None:
    """Month number dateparser gives a (folded) month word; ``None`` if unknown."""
    return dateparser_month_table().get(folded_word)


def safe_date(y: int, m: int, d: int) -> date | None:
    """``date(y, m, d)`` or ``None`` when it does not exist."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def month_range(y: int, m: int) -> tuple[date, date]:
    """First and last day of a month."""
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def add_months(d: date, n: int) -> date:
    """``d`` shifted by ``n`` calendar months (day clipped to the month end)."""
    idx = d.year * 12 + d.month - 1 + n
    y, m = divmod(idx, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def week_value(d: date) -> str:
    """ISO week TIMEX3 value ``YYYY-Www`` of a date."""
    iy, iw, _ = d.isocalendar()
    return f"{iy:04d}-W{iw:02d}"


def week_range(d: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week containing ``d``."""
    mon = d - timedelta(days=d.isoweekday() - 1)
    return mon, mon + timedelta(days=6)


def hijri_to_gregorian(y: int, m: int | None = None, d: int | None = None) -> tuple[date, date] | None:
    """Gregorian range covered by a Hijri year, month or day (Umm al-Qura via ``hijridate``)."""
    from hijridate import Hijri

    try:
        if d is not None and m is not None:
            g = Hijri(y, m, d).to_gregorian()
            return date(g.year, g.month, g.day), date(g.year, g.month, g.day)
        if m is not None:
            start = Hijri(y, m, 1).to_gregorian()
            nxt = Hijri(y + (m == 12), m % 12 + 1, 1).to_gregorian()
        else:
            start = Hijri(y, 1, 1).to_gregorian()
            nxt = Hijri(y + 1, 1, 1).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return date(start.year, start.month, start.day), date(nxt.year, nxt.month, nxt.day) - timedelta(days=1)


def gregorian_to_hijri(d: date) -> tuple[int, int]:
    """(Hijri year, Hijri month) of a Gregorian date (Umm al-Qura via ``hijridate``)."""
    from hijridate import Gregorian

    h = Gregorian(d.year, d.month, d.day).to_hijri()
    return h.year, h.month
