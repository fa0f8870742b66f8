"""Spotting grammar for Arabic time expressions.

The grammar runs over a *folded view* of the text: :func:`normalize_for_matching`
(length preserving) with the tatweel/diacritic placeholders squeezed out. A
position map takes every match back to code-point offsets in the original
string, so spans always reproduce the original surface.

Each rule yields :class:`Candidate` objects carrying a small semantic record
(``sem``); :mod:`pipeline.extract.timex.resolve` turns that record into TIMEX3
values. Rules only encode general patterns (cue words, month vocabularies,
number words, units); nothing here is specific to one outlet.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

import ahocorasick

from pipeline.text.normalize import TATWEEL, normalize_for_matching

from . import lexicon as L

F = L.fold


@dataclass
class Candidate:
    """A spotted expression in folded-view coordinates."""

    start: int
    end: int
    sem: dict
    confidence: float
    mods: list = field(default_factory=list)


@dataclass
class FoldedView:
    """Folded text plus the map from folded positions to original offsets.

    ``pos`` is ``None`` when nothing was squeezed out (the common case): folded
    and original offsets are then identical.
    """

    text: str
    pos: list[int] | None  # folded start of each run of kept characters
    original_length: int
    orig: list[int] | None = None  # original start of each run

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded ``[start, end)`` span to original code-point offsets."""
        if self.pos is None:
            return start, end
        return self._orig(start), self._orig(end - 1) + 1

    def _orig(self, i: int) -> int:
        r = bisect.bisect_right(self.pos, i) - 1
        return self.orig[r] + (i - self.pos[r])

    def to_folded(self, offset: int) -> int:
        """Folded index of an original offset (first folded char at or after it)."""
        if self.pos is None:
            return offset
        r = bisect.bisect_right(self.orig, offset) - 1
        if r < 0:
            return 0
        run_len = (self.pos[r + 1] - self.pos[r]) if r + 1 < len(self.pos) else len(self.text) - self.pos[r]
        return self.pos[r] + min(offset - self.orig[r], run_len)


#: ``normalize_for_matching`` as one translate table. That function is a
#: per-character map confined to the Arabic block, so tabulating it over
#: U+0600..U+06FF reproduces it exactly in a single C-level pass.
_FOLD_TABLE = {c: normalize_for_matching(chr(c)) for c in range(0x0600, 0x0700)
               if normalize_for_matching(chr(c)) != chr(c)}


_FOLD_ITEMS = [(chr(k), v) for k, v in _FOLD_TABLE.items()]
# single characters map to single characters that are never themselves mapped,
# so sequential replacement equals one simultaneous translation
assert all(len(v) == 1 and ord(v) not in _FOLD_TABLE for _, v in _FOLD_ITEMS)


def _fold(text: str) -> str:
    # str.replace of the few characters actually present is ~8x faster than
    # str.translate with a dict table on typical news text
    for a, b in _FOLD_ITEMS:
        if a in text:
            text = text.replace(a, b)
    return text


def fold_view(text: str) -> FoldedView:
    """Build the folded matching view of ``text`` (see module docstring)."""
    # newlines become NUL (neither space nor word character) so that no expression spans lines
    view = _fold(text).replace("\n", "\x00")
    if TATWEEL not in view:
        return FoldedView(view, None, len(text))
    pos, orig, k = [], [], 0
    for m in _KEPT_RUN.finditer(view):
        pos.append(k)
        orig.append(m.start())
        k += m.end() - m.start()
    return FoldedView(view.replace(TATWEEL, ""), pos, len(text), orig)


_KEPT_RUN = re.compile(f"[^{TATWEEL}]+")


# --- regex building blocks (all in folded form) -------------------------------
B = r"(?<!\w)"
E = r"(?!\w)"
CL = r"(?:[وفبل]{1,2}(?=\w))??"  # proclitics kept outside the span
SP = r"\s+"
MONTHX = (rf"(?P<M1>{L.MONTH_RE})(?:\s*[/\\\-]\s*(?P<M2>{L.MONTH_RE})|\s*\(\s*(?P<M3>{L.MONTH_RE})\s*\))?")
YEARPART = (
    rf"(?:\s*[،,]?\s*(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?(?P<Y>\d{{4}})(?:\s*م(?!\w))?"
    rf"|\s+من\s+(?P<RY>هذا\s+العام|هذه\s+السنه|{L.REL_UNIT_RE}\s+{L.REL_ADJ_RE})"
    r"|\s+(?P<MADJ>الماضي|المنصرم|الفايت|المقبل|القادم|الجاري|الحالي)(?!\w))"
)
YEAR_WORD = r"(?:عام|العام|سنه|عامي|العامين|سنتي|الاعوام)"


def _rx(body: str) -> re.Pattern:
    return re.compile(B + CL + "(?P<x>" + body + ")" + E)


RULES: list[tuple[str, re.Pattern]] = [
    ("numeric", re.compile(
        r"(?<![\d/.\-:])(?P<x>(?:(?P<Y>\d{4})(?P<sep>[-/.])(?P<M>\d{1,2})(?P=sep)(?P<D>\d{1,2})"
        r"|(?P<D2>\d{1,2})(?P<sep2>[-/.])(?P<M2>\d{1,2})(?P=sep2)(?P<Y2>\d{4}))"
        r"(?:(?:\s+|T)(?:الساعه\s+)?(?P<H>\d{1,2}):(?P<MI>\d{2})(?::(?P<S>\d{2}))?)?)(?![\d/:])")),
    ("time", re.compile(
        r"(?<![\d:/])(?P<x>(?:الساعه\s+)?(?P<H>\d{1,2}):(?P<MI>\d{2})(?::(?P<S>\d{2}))?"
        r"(?:\s*(?P<ap>صباحا|مساء|ص|م)(?!\w))?)(?![\d:])")),
    ("day_month", _rx(
        rf"(?:(?P<WD>{L.WEEKDAY_RE})\s*[،,]?\s*(?:الموافق\s+)?)?"
        rf"(?:(?P<D>\d{{1,2}})\s*(?:من\s+)?|(?P<OD>{L.ORDINAL_DAY_RE})\s+(?:من\s+)?)"
        rf"(?:شهر\s+)?{MONTHX}{YEARPART}?")),
    ("month", _rx(rf"(?P<SH>شهر\s+)?{MONTHX}{YEARPART}?")),
    ("hijri", _rx(
        rf"(?:(?P<D>\d{{1,2}})\s+(?:من\s+)?)?(?:شهر\s+)?(?P<HM>{L.HIJRI_MONTH_RE})\s+(?:(?:عام|سنه)\s+)?"
        rf"(?P<Y>\d{{3,4}})(?:\s*(?P<ERA>{L.HIJRI_ERA_RE}))?"
        rf"|(?:(?:عام|العام|سنه)\s+)?(?P<Y2>\d{{3,4}})\s*{L.HIJRI_ERA_RE}"
        rf"|شهر\s+(?P<HM2>{L.HIJRI_MONTH_RE})(?!\s*\d)")),
    ("year_range", _rx(
        rf"(?:ما\s+)?بين\s+(?:{YEAR_WORD}\s+)?(?P<Y1>\d{{4}})\s*(?:و\s*|-\s*)(?:(?:عام|العام)\s+)?(?P<Y2>\d{{4}})"
        rf"|(?:من|منذ)\s+(?:(?:عام|العام|سنه)\s+)?(?P<Y3>\d{{4}})\s*(?:الي|حتي|وحتي|ولغايه|لغايه|-)\s*(?:(?:عام|العام|سنه)\s+)?(?P<Y4>\d{{4}})"
        rf"|(?:(?:عام|العام|الفتره|الاعوام|السنوات|عامي)\s+)?(?P<Y5>\d{{4}})\s*-\s*(?P<Y6>\d{{4}})")),
    ("year_cue", _rx(
        rf"(?P<cue>{YEAR_WORD})\s+(?P<Y>\d{{4}})(?:\s*م(?!\w))?(?:\s*(?:و|،|,)\s*(?P<Y2>\d{{4}}))?")),
    ("bare_year", _rx(
        rf"(?P<sig>في|منذ|حتي|بحلول|قبل|بعد|خلال|مطلع|اواخر|اوايل|منتصف|نهايه|بدايه|صيف|شتاء|ربيع|خريف)"
        rf"\s+(?P<Y>\d{{4}})(?:\s*م(?!\w))?(?![\d.,٫٬]\d)")),
    ("lone_year", re.compile(
        r"(?<![\w.,/\-:])(?P<x>(?P<Y>(?:19|20)\d\d))(?=\s*(?:[.،,؛:)\]\"»”]|\n|$))")),
    ("decade", _rx(
        rf"(?:ال)?(?P<dec>{L.DECADE_RE})ي?ات(?:\s+(?:من\s+)?(?P<cent>القرن\s+(?:الماضي|العشرين|المنصرم|الفايت|الحالي|الجاري|الحادي\s+والعشرين)))?")),
    ("rel_day", _rx(
        rf"(?:(?P<part>{L.DAY_PART_RE})\s+(?:يوم\s+)?)?(?P<rd>{L.REL_DAY_RE})(?:\s+(?P<WD>{L.WEEKDAY_RE}))?")),
    ("weekday", _rx(
        rf"(?:(?P<part>{L.DAY_PART_RE})\s+(?:يوم\s+)?)?(?P<WD>{L.WEEKDAY_RE})(?:\s+(?P<adj>{L.REL_ADJ_RE}))?")),
    ("weekend", _rx(rf"(?:عطله\s+)?نهايه\s+(?:ال)?اسبوع(?:\s+(?P<adj>{L.REL_ADJ_RE}))?")),
    ("rel_unit", _rx(
        rf"(?:هذا|هذه)\s+(?:ال)?(?P<u1>{L.THIS_UNIT_RE})(?!\s*\d)(?:\s+(?:الجاري|الحالي|الجاريه|الحاليه))?"
        rf"|(?P<u2>{L.REL_UNIT_RE})\s+(?P<adj>{L.REL_ADJ_RE})")),
    ("counted", _rx(
        r"(?:(?P<pre>منذ|قبل|بعد|خلال|لمده|مده|علي\s+مدي|علي\s+مدار|طوال|طيله|في\s+غضون|بعد\s+مرور|في)\s+)?"
        r"(?:(?P<qual>اكثر\s+من|اقل\s+من|نحو|حوالي|قرابه|زهاء)\s+)?"
        rf"(?:(?P<num>\d{{1,4}}|{L.NUMBER_WORDS_RE}|{L.VAGUE_COUNT_RE})\s+(?P<unit>{L.UNIT_RE})"
        rf"|(?P<dual>{L.DUAL_UNIT_RE})"
        rf"|(?P<pl>ال{L.PLURAL_UNIT_RE})\s+(?:ال)?(?P<num2>{L.NUMBER_WORDS_RE}))"
        r"(?:\s+(?P<adj>الماضيه|الماضيين|الماضيتين|المقبله|المقبلين|القادمه|القادمين|الاخيره|الاخيرين|المنصرمه|"
        r"مقبله|قادمه|ماضيه|اخري|اخر|اضافيه|متتاليه|كامله|متواصله))?")),
    ("singular", _rx(
        r"(?P<pre>منذ|قبل|بعد|لمده|خلال|طوال|طيله)\s+(?:(?:حوالي|نحو|قرابه|اكثر\s+من|اقل\s+من)\s+)?"
        r"(?P<su>عام|سنه|شهر|اسبوع|يوم|ساعه|عقد|قرن)"
        r"(?:\s+(?P<adj>اخر|كامل|واحد|ونصف))?(?!\s*\d)|"
        r"(?P<pre2>منذ|قبل|بعد|لمده|خلال|طوال|طيله)\s+(?P<su2>عام|سنه|شهر|اسبوع|يوم|ساعه|عقد|قرن)"
        r"\s+(?P<adj2>اخر|كامل|واحد|ونصف)")),
    ("vague_plural", _rx(
        rf"(?:(?P<pre>في|خلال|طوال|طيله|منذ)\s+)?(?P<vp>ال{L.PLURAL_UNIT_RE})\s+(?:القليله\s+|الطويله\s+|العديده\s+)?(?P<adj>الماضيه|المقبله|القادمه|الاخيره|المنصرمه|الفايته|الاولي)"
        rf"|(?P<pre2>بعد|منذ|قبل|خلال|طوال|لعده|لبضعه)\s+(?P<vp2>{L.PLURAL_UNIT_RE})")),
    ("ref", _rx(
        r"(?P<past>موخرا|في\s+الاونه\s+الاخيره|في\s+وقت\s+سابق(?!\s+من)|سابقا)"
        r"|(?P<present>حاليا|في\s+الوقت\s+الحالي|في\s+الوقت\s+الراهن|حتي\s+الان|الان)"
        r"|(?P<future>قريبا|لاحقا|في\s+وقت\s+لاحق(?!\s+من|\s+هذا|\s+اليوم)|مستقبلا)")),
    ("set", _rx(r"كل\s+(?P<su>يوم|اسبوع|شهر|عام|سنه)|(?P<adv>يوميا|اسبوعيا|شهريا|سنويا)")),
]

#: left modifiers tried on the text just before a core expression
_PART_LEFT = re.compile(rf"{B}{CL}(?P<x>(?:في\s+)?(?P<mod>{L.PART_RE})\s+(?:شهر\s+|عام\s+|العام\s+)?)$")
_EARLIER_LEFT = re.compile(rf"{B}{CL}(?P<x>(?:في\s+)?وقت\s+(?P<when>سابق|مبكر|لاحق|متاخر)\s+(?:من\s+)?)$")
_SIGNAL_LEFT = re.compile(rf"{B}{CL}(?P<x>{L.SIGNAL_RE}\s+(?:يوم\s+)?|يوم\s+)$")
_SIGNALS = frozenset(F(w) for w in ("في", "منذ", "حتى", "بحلول", "خلال", "طوال", "طيلة", "مطلع", "بين",
                                "من", "قبل", "بعد", "لمدة", "مدة", "على", "ما", "لغاية", "حلول"))
_LEFT_WINDOW = 40
#: adjectives that may be relative to another event, not to publication (العام السابق)
_WEAK_ADJ = frozenset(F(w) for w in ("السابق", "السابقة", "التالي", "التالية", "الأخير", "الأخيرة"))


def _yearpart(m: re.Match) -> dict:
    """Year information that follows a month name."""
    if m.group("Y"):
        return {"year": int(m.group("Y"))}
    if m.group("MADJ"):
        adj = m.group("MADJ")
        return {"month_rel": -1 if adj in L.PAST_ADJ else 1 if adj in L.FUTURE_ADJ else 0}
    if m.group("RY"):
        words = m.group("RY").split()
        adj = words[-1]
        if adj in L.PAST_ADJ:
            return {"year_rel": -1}
        if adj in L.FUTURE_ADJ:
            return {"year_rel": 1}
        return {"year_rel": 0}
    return {}


def _month(m: re.Match) -> tuple[int, str, bool]:
    """(month number, convention, dual form?) from a MONTHX match."""
    names = [m.group(g) for g in ("M1", "M2", "M3") if m.group(g)]
    infos = [L.MONTHS[re.sub(r"\s+", " ", n)] for n in names]
    month = infos[0][0]
    if any(i[0] != month for i in infos):  # inconsistent dual: keep the first
        return month, infos[0][1], False
    return month, infos[0][1], len(names) > 1


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    if word.isdigit():
        return int(word)
    return L.NUMBER_WORDS.get(re.sub(r"\s+", " ", word))


def _next_word(view: str, end: int) -> str:
    m = re.match(r"\s*([^\s\d.,،؛:!?؟()\"]+)", view[end:end + 40])
    return m.group(1) if m else ""


def _prev_word(view: str, start: int) -> str:
    m = re.search(r"([^\s\d.,،؛:!?؟()\"]+)\s*$", view[max(0, start - 40):start])
    return m.group(1) if m else ""


_OPEN_QUOTES, _CLOSE_QUOTES = "\"«“", "\"»”"


def _in_quoted_title(view: str, s: int, e: int) -> bool:
    """True when [s, e) ends a short quoted name: the quote closes right after it
    and opened at most two words before it."""
    if e >= len(view) or view[e] not in _CLOSE_QUOTES:
        return False
    left = view[max(0, s - 25):s]
    k = max(left.rfind(q) for q in _OPEN_QUOTES)
    return k >= 0 and len(left[k + 1:].split()) <= 2


def _handle(name: str, m: re.Match, view: str) -> list[Candidate]:  # noqa: C901 - a rule table
    s, e = m.span("x")
    g = m.group
    if name == "numeric":
        if g("Y"):
            y, mo, d = int(g("Y")), int(g("M")), int(g("D"))
        else:
            y, mo, d = int(g("Y2")), int(g("M2")), int(g("D2"))
        sem = {"type": "abs", "year": y, "month": mo, "day": d, "source": "numeric"}
        if g("H"):
            sem.update(hour=int(g("H")), minute=int(g("MI")), second=int(g("S")) if g("S") else None)
        return [Candidate(s, e, sem, 0.95)]
    if name == "time":
        h, mi = int(g("H")), int(g("MI"))
        if g("ap") in ("مساء", "م") and h < 12:
            h += 12
        if h > 23 or mi > 59:
            return []
        # a bare "H:MM" without الساعة needs two-digit minutes and no ratio reading
        conf = 0.9 if view[s:e].startswith("الساعه") else 0.7
        return [Candidate(s, e, {"type": "time", "hour": h, "minute": mi,
                                 "second": int(g("S")) if g("S") else None}, conf)]
    if name == "day_month":
        month, conv, dual = _month(m)
        day = int(g("D")) if g("D") else L.ORDINAL_DAYS[re.sub(r"\s+", " ", g("OD"))]
        if not 1 <= day <= 31:
            return []
        sem = {"type": "abs", "month": month, "day": day, "conv": conv, "mspan": m.span("M1"),
               **_yearpart(m)}
        if "year" not in sem and _prev_word(view, s) in L.NAMED_EVENT_HEADS:
            return []  # قوى 14 آذار, ثورة 25 يناير: a name, not a date of this story
        if g("WD"):
            sem["weekday"] = L.WEEKDAYS[g("WD")]
        return [Candidate(s, e, sem, 0.95 if dual or "year" in sem else 0.9)]
    if name == "month":
        month, conv, dual = _month(m)
        yp = _yearpart(m)
        name1 = re.sub(r"\s+", " ", g("M1"))
        if name1 in L.AMBIGUOUS_MONTHS and not (dual or yp or g("SH")):
            return []
        if re.search(r"\d\s*(?:من\s+)?$", view[max(0, s - 8):s]):
            return []  # a day number the day_month rule refused (named event)
        return [Candidate(s, e, {"type": "abs", "month": month, "conv": conv, **yp},
                          0.9 if (dual or yp) else 0.8)]
    if name == "hijri":
        if g("HM2"):
            return [Candidate(s, e, {"type": "hijri", "year": None,
                                     "month": L.HIJRI_MONTHS[re.sub(r"\s+", " ", g("HM2"))]}, 0.75)]
        if g("Y2"):
            y = int(g("Y2"))
            if not 1 <= y <= 1600:
                return []
            return [Candidate(s, e, {"type": "hijri", "year": y}, 0.9)]
        y = int(g("Y"))
        if not g("ERA") and not 1300 <= y <= 1500:
            return []
        sem = {"type": "hijri", "year": y, "month": L.HIJRI_MONTHS[re.sub(r"\s+", " ", g("HM"))]}
        if g("D"):
            sem["day"] = int(g("D"))
        return [Candidate(s, e, sem, 0.9)]
    if name == "year_range":
        pairs = [(g("Y1"), g("Y2")), (g("Y3"), g("Y4")), (g("Y5"), g("Y6"))]
        a, b = next((int(x), int(y)) for x, y in pairs if x)
        if not (a < b and 1000 <= a and b <= 2200):
            return []
        return [Candidate(s, e, {"type": "year_range", "start": a, "end": b},
                          0.8 if g("Y5") else 0.95)]
    if name == "year_cue":
        y = int(g("Y"))
        if not 1000 <= y <= 2200:
            return []
        if _next_word(view, e) in L.UNIT_FORMS:
            return []
        if g("Y2"):
            s2 = m.start("Y2")
            e1 = m.end("Y") if not view[m.end("Y"):s2].strip().startswith("م") else m.end("Y") + view[m.end("Y"):s2].index("م") + 1
            return [Candidate(s, e1, {"type": "year", "year": y}, 0.95),
                    Candidate(s2, e, {"type": "year", "year": int(g("Y2"))}, 0.9)]
        return [Candidate(s, e, {"type": "year", "year": y}, 0.95)]
    if name == "bare_year":
        y = int(g("Y"))
        nxt = _next_word(view, e)
        if not 1900 <= y <= 2100 or nxt in L.UNIT_FORMS:
            return []
        c = Candidate(s, e, {"type": "year", "year": y, "bare": True}, 0.75)
        if g("sig") in L.PART_MODIFIERS:
            c.mods.append(("part", L.PART_MODIFIERS[g("sig")]))
        return [c]
    if name == "lone_year":
        y = int(g("Y"))
        if _prev_word(view, s) in L.QUANTITY_CUES:
            return []
        return [Candidate(s, e, {"type": "year", "year": y, "bare": True}, 0.5)]
    if name == "decade":
        cent = g("cent")
        century = None
        if cent:
            century = 20 if any(w in cent for w in ("الحالي", "الجاري", "الحادي")) else 19
        return [Candidate(s, e, {"type": "decade", "decade": L.DECADES[g("dec")], "century": century}, 0.9)]
    if name == "rel_day":
        rd = re.sub(r"\s+", " ", g("rd"))
        nxt = _next_word(view, e)
        if rd == "اليوم" and not g("WD") and nxt.startswith("ال") and nxt not in L.CURRENT_ADJ:
            return []  # اليوم الأول / اليوم الوطني / اليوم التالي
        if rd == "اليوم" and not g("WD") and _in_quoted_title(view, s, e):
            return []  # "روسيا اليوم", «أخبار اليوم»: a name
        if rd == "اليوم" and not g("WD") and not g("part") and _prev_word(view, s) == "في":
            return []  # "10 ساعات في اليوم" = per day
        if rd == "غدا" and nxt.startswith("ال") and nxt not in L.WEEKDAYS:
            return []  # غدا الوضع ... (verb "became")
        sem = {"type": "rel_day", "offset": L.REL_DAYS[rd]}
        if g("WD"):
            sem["weekday"] = L.WEEKDAYS[g("WD")]
        return [Candidate(s, e, sem, 0.85 if rd != "اليوم" else 0.75)]
    if name == "weekday":
        wd = g("WD")
        nxt = _next_word(view, e)
        prev = _prev_word(view, s)
        if nxt in ("عشر", "عشره") or prev in ("صلاه", "خطبه", "صلاة", "كلا", "ايام"):
            return []
        adj = g("adj")
        direction = None
        if adj in L.PAST_ADJ:
            direction = "past"
        elif adj in L.FUTURE_ADJ:
            direction = "future"
        elif adj is not None:
            e = m.start("adj") - 1
            while view[e - 1].isspace():
                e -= 1
        conf = 0.9 if (g("part") or adj) else 0.8
        return [Candidate(s, e, {"type": "weekday", "weekday": L.WEEKDAYS[wd], "direction": direction}, conf)]
    if name == "weekend":
        adj = g("adj")
        rel = None
        if adj in L.PAST_ADJ:
            rel = -1
        elif adj in L.FUTURE_ADJ:
            rel = 1
        elif adj in L.CURRENT_ADJ:
            rel = 0
        return [Candidate(s, e, {"type": "weekend", "rel": rel}, 0.85)]
    if name == "rel_unit":
        if g("u1"):
            return [Candidate(s, e, {"type": "rel_unit", "unit": L.REL_UNITS["ال" + g("u1")], "offset": 0}, 0.9)]
        adj = g("adj")
        offset = -1 if adj in L.PAST_ADJ else 1 if adj in L.FUTURE_ADJ else 0
        conf = 0.7 if adj in _WEAK_ADJ else 0.9
        return [Candidate(s, e, {"type": "rel_unit", "unit": L.REL_UNITS[g("u2")], "offset": offset}, conf)]
    if name == "counted":
        pre = re.sub(r"\s+", " ", g("pre")) if g("pre") else None
        if g("dual"):
            unit, n = L.UNIT_FORMS[g("dual")]
        elif g("pl"):
            unit = L.UNIT_FORMS[g("pl")][0]
            n = _count(g("num2"))
        else:
            unit, implied = L.UNIT_FORMS[g("unit")]
            n = implied or _count(g("num"))
            if g("num") and g("num").isdigit() and int(g("num")) == 0:
                return []
        if pre == "في" and not (g("adj") or g("dual") and view[m.start("dual"):].startswith("ال")):
            s = m.start("qual") if g("qual") else (m.start("num") if g("num") else m.start("dual") if g("dual") else m.start("pl"))
            pre = None
        approx = bool(g("qual"))
        if pre in ("منذ", "قبل", "بعد") and _next_word(view, e) not in ("من", "علي", "علي"):
            return [Candidate(s, e, {"type": "shift", "unit": unit, "n": n,
                                     "sign": 1 if pre == "بعد" else -1, "approx": approx}, 0.85)]
        return [Candidate(s, e, {"type": "duration", "unit": unit, "n": n, "approx": approx}, 0.85)]
    if name == "singular":
        pre = g("pre") or g("pre2")
        su = g("su") or g("su2")
        unit = L.UNIT_FORMS[su][0]
        if pre in ("منذ", "قبل", "بعد") and _next_word(view, e) not in ("من", "علي"):
            return [Candidate(s, e, {"type": "shift", "unit": unit, "n": 1,
                                     "sign": 1 if pre == "بعد" else -1, "approx": False}, 0.75)]
        return [Candidate(s, e, {"type": "duration", "unit": unit, "n": 1, "approx": False}, 0.75)]
    if name == "vague_plural":
        if g("vp2"):
            nxt = _next_word(view, e)
            if nxt.startswith("ال") or nxt in ("شهر", "عام", "سنه") or view[e:e + 1] == "ا":
                return []  # construct state: "أيام الحرب", "أيام شهر رمضان"
        vp = g("vp") or g("vp2")
        unit = L.PLURAL_UNITS[vp[2:] if vp.startswith("ال") else vp]
        return [Candidate(s, e, {"type": "duration", "unit": unit, "n": None, "approx": True}, 0.7)]
    if name == "ref":
        ref = "PAST_REF" if g("past") else "PRESENT_REF" if g("present") else "FUTURE_REF"
        return [Candidate(s, e, {"type": "ref", "ref": ref}, 0.6)]
    if name == "set":
        key = g("su") or {"يوميا": "يوم", "اسبوعيا": "اسبوع", "شهريا": "شهر", "سنويا": "عام"}[g("adv")]
        return [Candidate(s, e, {"type": "set", "unit": L.UNIT_FORMS[key][0]}, 0.8)]
    return []


def _extend_left(c: Candidate, view: str) -> None:
    """Attach part-of-period modifiers, 'earlier/later in' and signal prepositions."""
    t = c.sem["type"]
    left = view[max(0, c.start - _LEFT_WINDOW):c.start]
    base = c.start - len(left)
    if t in ("abs", "year", "rel_unit", "decade", "hijri"):
        # "نهاية الأسبوع" is the weekend idiom (own rule), not the last third of a week
        if not (t == "abs" and "day" in c.sem) and not (t == "rel_unit" and c.sem["unit"] == "W"):
            m = _PART_LEFT.search(left)
            if m:
                c.mods.append(("part", L.PART_MODIFIERS[m.group("mod")]))
                c.start = base + m.start("x")
                left = view[max(0, c.start - _LEFT_WINDOW):c.start]
                base = c.start - len(left)
    if t in ("rel_unit", "rel_day", "weekday"):
        m = _EARLIER_LEFT.search(left)
        if m:
            c.mods.append(("earlier" if m.group("when") in ("سابق", "مبكر") else "later", None))
            c.start = base + m.start("x")
            left = view[max(0, c.start - _LEFT_WINDOW):c.start]
            base = c.start - len(left)
    first = view[c.start:c.end].split(maxsplit=1)[0] if view[c.start:c.end].strip() else ""
    if first not in _SIGNALS:
        m = _SIGNAL_LEFT.search(left)
        if m:
            c.start = base + m.start("x")


# --- trigger prefilter ----------------------------------------------------------
# Every rule needs some trigger (a digit or a word of its vocabulary) near its
# match. One Aho-Corasick pass finds all trigger words; each rule then runs
# only on the windows around its own triggers (``finditer(view, pos, endpos)``
# keeps look-behind context, and windows end on whitespace).
_TRIGGERS: dict[str, set[str]] = {
    # ambiguous short month words only as whole words (آب folds to اب, a very common substring)
    "month": {w for w in set(L.MONTHS) | {w.split()[0] for w in L.MONTHS} if len(w) > 3}
    | {a + w + b for w in L.MONTHS if len(w) <= 3 for a in " /(\n" for b in " ،,./)\n"},
    "hijri": set(L.HIJRI_MONTHS),
    "weekday": {w[2:] for w in L.WEEKDAYS},
    "unit": {w for w in L.UNIT_FORMS if not w.startswith("ال")},
    "relday": {F(w) for w in ("اليوم", "أمس", "البارحة", "غدا", "الغد", "الليلة")},
    "relunit": {F(w) for w in ("أسبوع", "شهر", "عام", "سنة")},
    "weekend": {F("نهاية")},
    "decade": {"ينيات", "ينات"},
    "ref": {F(w) for w in ("مؤخرا", "الآونة", "سابق", "حاليا", "الوقت", "الآن", "قريبا", "لاحق", "مستقبلا")},
    "set": {F(w) for w in (" كل ", "\nكل ", "يوميا", "أسبوعيا", "شهريا", "سنويا")},
}
_RULE_TRIGGERS = {
    "numeric": ("digit",), "time": ("digit",), "day_month": ("month",), "month": ("month",),
    "hijri": ("hijri", "digit"), "year_range": ("digit",), "year_cue": ("digit",),
    "bare_year": ("digit",), "lone_year": ("digit",), "decade": ("decade",), "rel_day": ("relday",),
    "weekday": ("weekday",), "weekend": ("weekend",), "rel_unit": ("relunit",),
    "counted": ("unit",), "singular": ("unit",), "vague_plural": ("unit",), "ref": ("ref",),
    "set": ("set",),
}
#: how far a match may start before / end after its trigger, per trigger class
_REACH = {"digit": (22, 14), "month": (45, 35), "hijri": (30, 30), "unit": (35, 25),
          "weekday": (30, 20), "relday": (30, 20), "relunit": (10, 20), "ref": (15, 20),
          "set": (5, 12), "weekend": (10, 20), "decade": (20, 40)}
_DEFAULT_REACH = (45, 40)
_DIGITS = re.compile(r"\d+")


def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for cls, words in _TRIGGERS.items():
        for w in words:
            w = re.sub(r"\s+", " ", w)
            if auto.exists(w):
                auto.add_word(w, auto.get(w) + ((cls, len(w)),))
            else:
                auto.add_word(w, ((cls, len(w)),))
    auto.make_automaton()
    return auto


_AUTO = _automaton()


def _windows(view: str, spans: list[tuple[int, int, int, int]]) -> list[tuple[int, int]]:
    n, out = len(view), []
    for s, e, before, after in sorted(spans):
        ws, we = max(0, s - before), min(n, e + after)
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], we))
        else:
            out.append((ws, we))
    snapped = []
    for ws, we in out:
        k = view.find(" ", we)
        snapped.append((ws, n if k < 0 else k))
    return snapped


def spot(view: str) -> list[Candidate]:
    """All candidate expressions in the folded view, overlaps resolved (longest wins)."""
    hits: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for end, classes in _AUTO.iter(view):
        for cls, length in classes:
            hits[cls].append((end - length + 1, end + 1))
    hits["digit"] = [m.span() for m in _DIGITS.finditer(view)]
    cands: list[Candidate] = []
    windows: dict[tuple, list] = {}
    for name, rx in RULES:
        key = _RULE_TRIGGERS[name]
        if key not in windows:
            windows[key] = _windows(view, [(s, e, *_REACH.get(cls, _DEFAULT_REACH))
                                           for cls in key for s, e in hits.get(cls, ())])
        for ws, we in windows[key]:
            for m in rx.finditer(view, ws, we):
                cands.extend(_handle(name, m, view))
    for c in cands:
        _extend_left(c, view)
    cands.sort(key=lambda c: (-(c.end - c.start), -c.confidence, c.start))
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in cands:
        if c.end <= c.start:
            continue
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    chosen.sort(key=lambda c: c.start)
    return chosen


_NUMBER_GLUE = set(".,٫٬/:-")


def yearlike_numbers(view: str) -> list[tuple[int, int]]:
    """Spans of standalone 4-digit numbers between 1000 and 2999 (could be read as years).

    Digit runs glued to other digits by separators (150,000 / 28/1/2024 / 10:45) are
    parts of larger numbers, not year-like.
    """
    out = []
    n = len(view)
    for m in _DIGITS.finditer(view):
        s, e = m.span()
        if e - s != 4 or not 1000 <= int(m.group()) <= 2999:
            continue
        if s > 0 and view[s - 1] in _NUMBER_GLUE:
            continue
        if e + 1 < n and view[e] in _NUMBER_GLUE and view[e + 1].isdigit():
            continue
        out.append((s, e))
    return out
