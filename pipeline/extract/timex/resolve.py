"""Resolve spotted expressions to TIMEX3 values against the publication date.

Only the document's publication date is ever used as an anchor. Without one,
relative and year-less expressions keep ``X`` placeholders and a NULL range.
Past/future readings come from the expression's own adjective (الماضي /
المقبل) or, failing that, from the tense cues of the surrounding clause
(:func:`clause_direction`); news prose defaults to the past.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import lexicon as L
from .grammar import Candidate
from .normalizer import (add_months, dateparser_month, gregorian_to_hijri, hijri_to_gregorian, month_range,
                         safe_date, week_range, week_value)

_TOKEN = re.compile(r"\w+")
_REF = {"past": "PAST_REF", "future": "FUTURE_REF"}


_NOT_VERBS = tuple(L.fold(w) for w in ("يوم", "يونيو", "يوليو", "يناير", "يمن", "يهود", "يد", "يسار",
                                      "يونان", "ياب"))


def _is_imperfect(tok: str) -> bool:
    """Crude test for a 3rd-person imperfect verb (يلتقي, يجري): ي + at least 3 letters."""
    return len(tok) >= 4 and tok[0] == "ي" and not tok.startswith(_NOT_VERBS)


def clause_direction(view: str, start: int, end: int, sent: tuple[int, int],
                     imperfect_is_future: bool = False) -> str:
    """'past' or 'future' for an expression at ``[start, end)`` of the folded view.

    Scans up to six tokens back (nearest first) inside the sentence for a
    future cue (سوف, المقرر, a سـ-prefixed imperfect verb …) or a past cue
    (reporting verbs, كان, منذ …), then two tokens forward for المقبل/القادم.
    With ``imperfect_is_future`` (weekdays), an imperfect verb among the three
    nearest tokens (يلتقي الثلاثاء) also reads as future.
    """
    after = _TOKEN.findall(view[end:min(sent[1], end + 30)])[:2]
    if any(t in L.FUTURE_ADJ for t in after):
        return "future"
    before = _TOKEN.findall(view[max(sent[0], start - 100):start])[-8:]
    for k, tok in enumerate(reversed(before)):
        if imperfect_is_future and k < 3 and _is_imperfect(tok):
            return "future"
        for t in (tok, tok[1:] if tok[:1] in "وف" and len(tok) > 3 else tok):
            if t in L.PAST_CUES:
                return "past"
            if t in L.FUTURE_CUES:
                return "future"
            if len(t) >= 4 and t[:2] in ("سي", "ست", "سن") and not t.startswith(L.NON_FUTURE_S):
                return "future"
    return "past"


def _apply_mods(c: Candidate, start: date, end: date, pub: date | None) -> tuple[date, date]:
    for kind, arg in c.mods:
        if kind == "part":
            span = (end - start).days + 1
            a, b = arg
            new_start = start + timedelta(days=int(span * a))
            new_end = start + timedelta(days=max(int(round(span * b)) - 1, 0))
            start, end = new_start, max(new_end, new_start)
        elif kind == "earlier" and pub is not None:
            end = max(start, min(end, pub))
        elif kind == "later" and pub is not None:
            start = min(end, max(start, pub))
    return start, end


def _infer_year(month: int, day: int | None, pub: date, direction: str) -> int:
    key, pkey = (month, day or 1), (pub.month, pub.day if day else 1)
    if direction == "future":
        return pub.year if key >= pkey else pub.year + 1
    return pub.year if key <= pkey else pub.year - 1


def _out(kind, value, start, end, gran, anchor, conf) -> dict:
    return {"kind": kind, "value": value, "date_start": start, "date_end": end,
            "granularity": gran, "anchor": anchor, "confidence": round(conf, 2)}


def _unit_value(d: date, unit: str) -> tuple[str, date, date, str]:
    if unit in ("D", "H", "MIN"):
        return d.isoformat(), d, d, "day"
    if unit == "W":
        s, e = week_range(d)
        return week_value(d), s, e, "week"
    if unit == "M":
        s, e = month_range(d.year, d.month)
        return f"{d.year:04d}-{d.month:02d}", s, e, "month"
    if unit == "DE":
        dec = d.year // 10
        return f"{dec:03d}", date(dec * 10, 1, 1), date(dec * 10 + 9, 12, 31), "decade"
    return f"{d.year:04d}", date(d.year, 1, 1), date(d.year, 12, 31), "year"


_X_VALUE = {"D": "XXXX-XX-XX", "H": "XXXX-XX-XX", "MIN": "XXXX-XX-XX", "W": "XXXX-WXX",
            "M": "XXXX-XX", "Y": "XXXX", "DE": "XXX", "CE": "XX"}
_GRAN = {"D": "day", "H": "day", "MIN": "day", "W": "week", "M": "month", "Y": "year",
         "DE": "decade", "CE": "decade"}


def _shift(d: date, unit: str, n: int) -> date:
    if unit == "D":
        return d + timedelta(days=n)
    if unit == "W":
        return d + timedelta(weeks=n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Y":
        return add_months(d, 12 * n)
    if unit == "DE":
        return add_months(d, 120 * n)
    if unit == "CE":
        return add_months(d, 1200 * n)
    return d  # hours / minutes stay on the publication day


def duration_value(unit: str, n: int | None) -> str:
    """TIMEX3 duration such as ``P3Y``, ``PXM``, ``PT48H``."""
    q = "X" if n is None else str(n)
    if unit == "H":
        return f"PT{q}H"
    if unit == "MIN":
        return f"PT{q}M"
    if unit in ("DE", "CE") and n is not None:
        return f"P{n * (10 if unit == 'DE' else 100)}Y"
    return f"P{q}{unit}"


def resolve(c: Candidate, pub: date | None, direction: str, month_word: str | None = None) -> dict | None:
    """TIMEX3 fields for one candidate (see ``TimexResult`` for the keys).

    ``month_word`` is the folded month name of a day–month date; dateparser's
    reading of it (per locale, cached) cross-checks our month table.
    """
    sem, t, conf = c.sem, c.sem["type"], c.confidence
    if t == "abs":
        month, day = sem["month"], sem.get("day")
        if not 1 <= month <= 12:
            return None
        year, anchor = sem.get("year"), "absolute"
        if year is None and "month_rel" in sem and day is None:
            if pub is None:
                year, anchor = None, "unanchored"
            else:
                rel, anchor = sem["month_rel"], "publication_date"
                year = pub.year
                if rel < 0 and month >= pub.month:
                    year -= 1
                elif rel > 0 and month <= pub.month:
                    year += 1
        elif year is None and "year_rel" in sem:
            year, anchor = (pub.year + sem["year_rel"], "publication_date") if pub else (None, "unanchored")
        elif year is None:
            year, anchor = (_infer_year(month, day, pub, direction), "publication_date") if pub else (None, "unanchored")
            conf -= 0.1
        if year is None:
            if day is None:
                return _out("date", f"XXXX-{month:02d}", None, None, "month", anchor, conf)
            if safe_date(2000, month, day) is None:
                return None
            return _out("date", f"XXXX-{month:02d}-{day:02d}", None, None, "day", anchor, conf)
        if day is None:
            s, e = _apply_mods(c, *month_range(year, month), pub)
            return _out("date", f"{year:04d}-{month:02d}", s, e, "month", anchor, conf)
        d = safe_date(year, month, day)
        if d is None:
            return None
        if month_word:
            dp_month = dateparser_month(month_word)
            if dp_month is not None and dp_month != month:
                conf -= 0.2  # our grammar and dateparser disagree: keep ours, lower confidence
        if "hour" in sem:
            h, mi, se = sem["hour"], sem["minute"], sem.get("second")
            if h > 23 or mi > 59 or (se is not None and se > 59):
                return _out("date", d.isoformat(), d, d, "day", anchor, conf)
            v = f"{d.isoformat()}T{h:02d}:{mi:02d}" + (f":{se:02d}" if se is not None else "")
            return _out("time", v, d, d, "time", anchor, conf)
        return _out("date", d.isoformat(), d, d, "day", anchor, conf)
    if t == "time":
        tv = f"T{sem['hour']:02d}:{sem['minute']:02d}" + (f":{sem['second']:02d}" if sem.get("second") is not None else "")
        if pub is None:
            return _out("time", "XXXX-XX-XX" + tv, None, None, "time", "unanchored", conf)
        return _out("time", pub.isoformat() + tv, pub, pub, "time", "publication_date", conf)
    if t == "hijri":
        if sem["year"] is None:  # "شهر رمضان": the occurrence nearest the publication date
            if pub is None:
                return None  # no TIMEX3 form for a Gregorian-unknown Hijri month
            hy, hm = gregorian_to_hijri(pub)
            m = sem["month"]
            if direction == "future" or m == hm:
                year = hy if m >= hm else hy + 1
            else:
                year = hy if m <= hm else hy - 1
            rng = hijri_to_gregorian(year, m)
            if rng is None:
                return None
            s, e = rng
            return _out("date", f"{s.isoformat()}/{e.isoformat()}", s, e, "month", "publication_date", conf)
        rng = hijri_to_gregorian(sem["year"], sem.get("month"), sem.get("day"))
        if rng is None:
            return None
        s, e = rng
        if s == e:
            return _out("date", s.isoformat(), s, e, "day", "absolute", conf)
        s, e = _apply_mods(c, s, e, pub)
        return _out("date", f"{s.isoformat()}/{e.isoformat()}", s, e,
                    "month" if sem.get("month") else "year", "absolute", conf)
    if t == "year_range":
        a, b = sem["start"], sem["end"]
        return _out("date", f"{a:04d}/{b:04d}", date(a, 1, 1), date(b, 12, 31), "year", "absolute", conf)
    if t == "year":
        y = sem["year"]
        s, e = _apply_mods(c, date(y, 1, 1), date(y, 12, 31), pub)
        return _out("date", f"{y:04d}", s, e, "year", "absolute", conf)
    if t == "decade":
        dec, cent, anchor = sem["decade"], sem["century"], "absolute"
        if cent is None:
            if pub is not None:
                cent, anchor = (20 if 2000 + dec * 10 <= pub.year else 19), "publication_date"
            elif dec >= 3:
                cent, conf = 19, conf - 0.2
            else:
                return _out("date", f"XX{dec}", None, None, "decade", "unanchored", conf)
        y0 = cent * 100 + dec * 10
        s, e = _apply_mods(c, date(y0, 1, 1), date(y0 + 9, 12, 31), pub)
        return _out("date", f"{cent}{dec}", s, e, "decade", anchor, conf)
    if t == "rel_day":
        if pub is None:
            return _out("date", "XXXX-XX-XX", None, None, "day", "unanchored", conf)
        d = pub + timedelta(days=sem["offset"])
        return _out("date", d.isoformat(), d, d, "day", "publication_date", conf)
    if t == "weekday":
        wd = sem["weekday"]
        if pub is None:
            return _out("date", f"XXXX-WXX-{wd}", None, None, "day", "unanchored", conf)
        way = sem.get("direction") or direction
        if way == "future":
            delta = (wd - pub.isoweekday()) % 7 or 7
        else:
            delta = -((pub.isoweekday() - wd) % 7)
        d = pub + timedelta(days=delta)
        s, e = _apply_mods(c, d, d, pub)
        return _out("date", d.isoformat(), s, e, "day", "publication_date", conf)
    if t == "weekend":
        if pub is None:
            return _out("date", "XXXX-WXX-WE", None, None, "week", "unanchored", conf)
        rel = sem["rel"]
        if rel is None:
            rel = -1 if direction == "past" else (0 if pub.isoweekday() < 6 else 1)
        ref = pub + timedelta(weeks=rel)
        mon, sun = week_range(ref)
        return _out("date", week_value(ref) + "-WE", sun - timedelta(days=1), sun, "week", "publication_date", conf)
    if t == "rel_unit":
        unit = sem["unit"]
        if pub is None:
            return _out("date", _X_VALUE[unit], None, None, _GRAN[unit], "unanchored", conf)
        v, s, e, gran = _unit_value(_shift(pub, unit, sem["offset"]), unit)
        s, e = _apply_mods(c, s, e, pub)
        return _out("date", v, s, e, gran, "publication_date", conf)
    if t == "shift":
        unit, n = sem["unit"], sem["n"]
        if pub is None:
            return _out("date", _X_VALUE[unit], None, None, _GRAN[unit], "unanchored", conf)
        if n is None:
            return _out("date", _REF["future" if sem["sign"] > 0 else "past"], None, None, None,
                        "publication_date", conf - 0.2)
        v, s, e, gran = _unit_value(_shift(pub, unit, sem["sign"] * n), unit)
        return _out("date", v, s, e, gran, "publication_date", conf - (0.1 if sem.get("approx") else 0))
    if t == "duration":
        return _out("duration", duration_value(sem["unit"], sem["n"]), None, None, None, "unanchored", conf)
    if t == "ref":
        return _out("date", sem["ref"], None, None, None, "publication_date" if pub else "unanchored", conf)
    if t == "set":
        return _out("set", duration_value(sem["unit"], 1), None, None, None, "unanchored", conf)
    return None
