"""Title, byline and dateline recognition for the top of an article.

Only whole lines are recognised: a dateline is a line that is *only* a date (optionally a
time, a weekday and a "published"/"updated" label); a date inside a body sentence is never a
dateline. Dates are parsed with a small table of Arabic (Egyptian, Levantine and Maghrebi)
and English month names; Arabic-Indic digits are folded first. Nothing here reads the clock.
"""

from __future__ import annotations

import re
from datetime import datetime

from pipeline.text.normalize import normalize_digits, strip_diacritics

__all__ = ["MONTHS", "parse_byline", "parse_dateline", "title_shape"]

MONTHS: dict[str, int] = {
    # Egyptian / MSA
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12,
    # Levantine / Iraqi
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5, "حزيران": 6,
    "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10, "تشرين الاول": 10,
    "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    # Maghrebi
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "افريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "أوت": 8, "اوت": 8,
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_MONTH = rf"(?:{_MONTH_ALT})(?:\s*/\s*(?:{_MONTH_ALT}))?"
_WEEKDAY = (r"(?:يوم\s+)?(?:ال)?(?:أحد|احد|اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة|سبت)|"
            r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*")
_LABEL = (r"(?:نشر(?:\s+(?:في|بتاريخ))?|تاريخ\s+النشر|آخر\s+تحديث|اخر\s+تحديث|تم\s+النشر|تحديث|"
          r"published(?:\s+on)?|updated(?:\s+on)?|posted(?:\s+on)?)\s*[:：\-–]?")
_TIME = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\s*(?P<ampm>ص|م|صباحا|مساء|مساءً|am|pm))?"
_SEP = r"\s*[,،\-–|/]?\s*"
_DATE = (
    rf"(?:(?P<y1>\d{{4}})[-/.](?P<m1>\d{{1,2}})[-/.](?P<d1>\d{{1,2}})"
    rf"|(?P<d2>\d{{1,2}})[-/.](?P<m2>\d{{1,2}})[-/.](?P<y2>\d{{4}})"
    rf"|(?P<d3>\d{{1,2}})\s+(?P<mn3>{_MONTH})\s*,?\s*(?P<y3>\d{{4}})"
    rf"|(?P<mn4>{_MONTH})\s+(?P<d4>\d{{1,2}}),?\s+(?P<y4>\d{{4}}))"
)
_DATELINE_RE = re.compile(
    rf"(?:{_LABEL}\s*)?(?:(?:{_WEEKDAY}){_SEP})?{_DATE}"
    rf"(?:(?:T|{_SEP})(?:(?:الساعة|الساعه|at)\s*)?{_TIME})?(?:\s*(?:Z|GMT|UTC|[+-]\d{{2}}:?\d{{2}}))?\s*",
    re.IGNORECASE,
)
_NAME_TOKEN = r"[^\s\d:：.,،;؛!?؟\"«»()\[\]|/\-–]+"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}}"
_BYLINE_PREFIX_RE = re.compile(
    rf"(?:[-–*]\s*)?(?:بقلم|كتب|كتبت|كتبه|كتبها|إعداد|اعداد|by)(?:\s+(?:الكاتب|الكاتبة|الدكتور|الدكتورة|د\.))?"
    rf"\s*[:：\-–]?\s*(?P<name>{_NAME})\s*",
    re.IGNORECASE,
)
_BYLINE_SUFFIX_RE = re.compile(rf"(?P<name>{_NAME})\s+(?:يكتب|تكتب)\s*[:：]?\s*")
_NOT_NAME = frozenset("في من على إلى الى عن أن إن إنه انه أنه قال قالت وقال وقالت هو هي هذا هذه التي الذي".split())


def _month_number(name: str) -> int | None:
    name = strip_diacritics(name).strip().lower()
    first = re.split(r"\s*/\s*", name)[0]
    return MONTHS.get(first) or MONTHS.get(name)


def parse_dateline(line: str) -> datetime | None:
    """Parse a line consisting only of a publication date/time; ``None`` otherwise.

    Accepts ``2024-01-28 10:45:25``, ``28/01/2024``, ``28.01.2024 - 10:45``, ``الأحد 28 يناير 2024``,
    ``28 كانون الثاني/يناير 2024``, ``نشر في: …``, ``آخر تحديث: …``, Arabic-Indic digits.
    Day-first is assumed for ``dd/mm/yyyy``.
    """
    text = line.strip()
    if len(text) > 80:  # before the digits are mapped (one code point for one: same length)
        return None
    text = normalize_digits(text)
    m = _DATELINE_RE.fullmatch(text)
    if not m:
        return None
    g = m.groupdict()
    try:
        if g["y1"]:
            y, mo, d = int(g["y1"]), int(g["m1"]), int(g["d1"])
        elif g["y2"]:
            y, mo, d = int(g["y2"]), int(g["m2"]), int(g["d2"])
        elif g["y3"]:
            y, mo, d = int(g["y3"]), _month_number(g["mn3"]) or 0, int(g["d3"])
        else:
            y, mo, d = int(g["y4"]), _month_number(g["mn4"]) or 0, int(g["d4"])
        hh = int(g["H"]) if g["H"] else 0
        mm = int(g["M"]) if g["M"] else 0
        ss = int(g["S"]) if g["S"] else 0
        ampm = (g["ampm"] or "").lower()
        if ampm in ("م", "مساء", "مساءً", "pm") and hh < 12:
            hh += 12
        elif ampm in ("ص", "صباحا", "am") and hh == 12:
            hh = 0
        if not 1900 <= y <= 2100:
            return None
        return datetime(y, mo, d, hh, mm, ss)
    except (ValueError, TypeError):
        return None


def parse_byline(line: str) -> str | None:
    """The author name of a byline line (``بقلم: فلان``, ``كتب: فلان``, ``فلان يكتب``, ``By John Smith``)."""
    text = line.strip()
    if len(text) > 80:
        return None
    m = _BYLINE_PREFIX_RE.fullmatch(text) or _BYLINE_SUFFIX_RE.fullmatch(text)
    if not m:
        return None
    name = m.group("name").strip()
    tokens = name.split()
    if not tokens or any(t in _NOT_NAME for t in tokens):
        return None
    return name


def title_shape(line: str) -> bool:
    """A first line that can be a title: 2–30 words, ≤ 250 characters, not ending with ``.`` or ``:``."""
    t = line.strip()
    n = len(t.split())
    return 2 <= n <= 30 and len(t) <= 250 and not t.rstrip("\"'»”)").endswith((".", ":", "،"))
