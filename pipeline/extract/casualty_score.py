"""A confidence for event casualty figures from structural features (fifth session, issue 13).

Rules decide whether a figure is attached to an event mention (``events.py``, ``tolls.py``); this module
scores how much to believe it, from where and how it is said rather than from its words: the trigger's place
in the article, the figure's distance and side, how many numbers and casualty words share the sentence,
years, months, periods and totals in the sentence, accident / natural-disaster / crime / war / protest words
in the paragraph, a quotation around it, the event type and the figure's size. The weights are a logistic
regression trained on every judged casualty row of ``bench/facts_heldout_judgments.jsonl`` (the samples are
listed in the weights file, ``trained_on``),
rebuilt byte for byte by ``scripts/casualty_structural_loso.py --write``; its leave-one-sample-out estimate is
in docs/quality_facts.md §5 (fifth session). The score caps the event row's ``confidence``, so the analyst views
(threshold 0.5, ``warehouse/migrations/008_fact_confidence.sql``) hide doubtful figures without deleting them.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path

from pipeline.text.normalize import normalize_key

__all__ = ["WEIGHTS", "features", "casualty_score"]

WEIGHTS = Path(__file__).with_name("casualty_weights.json")

_K = lambda *ws: tuple(normalize_key(w) for w in ws)  # noqa: E731
CLASSES = {
    "since": _K("منذ", "ومنذ"),
    "during": _K("خلال", "وخلال", "طوال", "طيلة", "مدى", "مدار"),
    "total": _K("حصيلة", "الحصيلة", "إجمالي", "الإجمالي", "مجموع", "مجمل", "ارتفع", "ارتفعت", "لترتفع", "ليرتفع", "ارتفاع"),
    "period": _K("أيام", "الأيام", "أسبوع", "الأسبوع", "أسابيع", "شهر", "الشهر", "أشهر", "شهور", "عام", "العام", "سنوات", "أعوام"),
    "accident": _K("حادث", "الحادث", "حادثة", "تحطم", "انهيار", "غرق", "حريق", "اصطدام", "انقلاب", "انحراف", "تسمم",
                   "قطار", "طائرة", "الطائرة", "حافلة", "سير", "مروري", "المرور"),
    "natural": _K("زلزال", "فيضان", "فيضانات", "إعصار", "عاصفة", "سيول", "الأمطار", "أمطار", "موجة", "وباء", "الكوليرا"),
    "crime": _K("جريمة", "الجريمة", "جرائم", "عصابة", "عصابات", "قاتل", "القاتل", "طعن", "سرقة", "السطو", "المخدرات"),
    "war": _K("الحرب", "حرب", "النزاع", "الصراع", "الاحتلال"),
    "protest": _K("الاحتجاجات", "احتجاجات", "المظاهرات", "التظاهرات", "مسيرات", "المسيرات"),
    "subset": _K("بينهم", "منهم", "بينهن", "منهن"),
    "past": _K("كان", "كانت", "سابق", "السابق", "الماضي", "الماضية", "آنذاك", "حينها"),
    "cause": _K("هجوم", "الهجوم", "غارة", "غارات", "تفجير", "انفجار", "قصف", "اشتباكات", "كمين", "عملية", "انتحاري"),
}
_CASUALTY = _K("قتل", "قتلى", "قتيل", "مقتل", "قتلوا", "مصرع", "إصابة", "اصابة", "جرحى", "جريح", "إصابات", "أصيب", "اصيب",
               "لقوا", "لقي", "سقوط", "استشهاد", "شهداء", "شهيد")
MONTHS = _K("يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
            "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين")
TYPES = ("attack", "killing", "strike", "protest", "invasion")
_NUM = re.compile(r"\d[\d,.]*")
_YEAR = re.compile(r"\b(19|20)\d\d\b")


_END = re.compile(r"[.!؟?\n]")


@lru_cache(maxsize=4)
def _ends(text: str) -> list[int]:
    """Positions of the sentence-ending characters of ``text``, found once per document (its rows reuse them)."""
    return [m.start() for m in _END.finditer(text)]


def _sentence(text: str, a: int, b: int) -> tuple[int, int]:
    """From after the last ending character before ``a`` to the first one at or after ``b`` (or the text's end)."""
    ends = _ends(text)
    i, j = bisect_left(ends, a), bisect_left(ends, b)
    return (ends[i - 1] + 1 if i else 0), (ends[j] if j < len(ends) else len(text))


def _has(words: list[str], vocab: tuple[str, ...]) -> bool:
    """A word of ``vocab`` at the start of a word, after at most two proclitic letters (و، ب، ل، ف، ك)."""
    vs = _sets(vocab)
    for w in words:
        if w in vs or (len(w) > 1 and w[0] in _CLITICS and (w[1:] in vs or (len(w) > 2 and w[1] in _CLITICS and w[2:] in vs))):
            return True
    return False


_CLITICS = frozenset("وبلفك")


@lru_cache(maxsize=64)
def _sets(vocab: tuple[str, ...]) -> frozenset[str]:
    return frozenset(vocab)


def features(text: str, row: dict) -> dict[str, float]:
    """Dense structural features of a casualty row (``start``/``end`` of the trigger in ``text``, ``killed``,
    ``injured``, ``event_type``)."""
    a, b = row["start"], row["end"]
    s0, s1 = _sentence(text, a, b)
    sent = text[s0:s1]
    words = normalize_key(sent).split()
    p0 = text.rfind("\n", 0, a) + 1
    p1 = text.find("\n", b)
    para = normalize_key(text[max(0, p0 - 200) : (p1 if p1 >= 0 else len(text))]).split()
    fig = row.get("killed") if row.get("killed") is not None else row.get("injured")
    f: dict[str, float] = {}
    f["killed"] = float(row.get("killed") is not None)
    f["both"] = float(row.get("killed") is not None and row.get("injured") is not None)
    f["log_fig"] = math.log10(1 + (fig or 0))
    f["fig_1"] = float(fig == 1)
    for t in TYPES:
        f[f"type_{t}"] = float(row.get("event_type") == t)
    n_sent_before = bisect_left(_ends(text), s0)  # ending characters before the sentence
    f["lede"] = float(n_sent_before <= 1)
    f["rel_pos"] = a / max(1, len(text))
    nums = [m for m in _NUM.finditer(sent)]
    f["n_numbers"] = min(len(nums), 6) / 6
    f["n_casualty_words"] = min(sum(w in _CASUALTY or w[1:] in _CASUALTY for w in words), 6) / 6
    f["sent_len"] = min(len(words), 80) / 80
    pos = [m.start() + s0 for m in nums if fig is not None and m.group().replace(",", "").rstrip(".") == str(fig)]
    if pos:
        d = min(pos, key=lambda p: abs(p - a))
        f["fig_digits"] = 1.0
        f["fig_before_trigger"] = float(d < a)
        f["fig_dist"] = min(abs(d - a), 200) / 200
        between = normalize_key(text[min(d, b) : max(d, a)])
        f["comma_between"] = float("،" in between or "," in between)
    else:
        f["fig_digits"] = f["fig_before_trigger"] = f["comma_between"] = 0.0
        f["fig_dist"] = 0.5
    f["year"] = float(bool(_YEAR.search(sent)))
    f["month"] = float(_has(words, MONTHS))
    for name, vocab in CLASSES.items():
        f[f"s_{name}"] = float(_has(words, vocab))
        if name in ("accident", "natural", "crime", "war", "protest", "cause"):
            f[f"p_{name}"] = float(_has(para, vocab))
    f["in_quote"] = float(sent[: a - s0].count('"') % 2 == 1 or sent[: a - s0].count("«") > sent[: a - s0].count("»"))
    return f




@lru_cache(maxsize=1)
def _model() -> dict:
    return json.loads(WEIGHTS.read_text(encoding="utf-8"))


def casualty_score(text: str, row: dict) -> float:
    """Probability that ``row``'s casualty figure is its event's own toll (0..1)."""
    m = _model()
    f = features(text, row)
    z = m["bias"] + sum(w * (f[n] - mu) / sd for n, w, mu, sd in zip(m["names"], m["weights"], m["mean"], m["sd"]))
    return 1 / (1 + math.exp(-z))
