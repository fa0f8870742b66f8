"""Vocabularies for Arabic time expressions.

All entries are written in ordinary Arabic and folded at import time with
:func:`fold`, the same folding the grammar applies to the text (alef, yeh,
teh marbuta, digits; diacritics and tatweel removed), so patterns and text
always agree.
"""

from __future__ import annotations

import re

from pipeline.text.normalize import TATWEEL, normalize_for_matching


def fold(s: str) -> str:
    """Fold a vocabulary entry exactly like the grammar folds the text."""
    return normalize_for_matching(s).replace(TATWEEL, "")


def _trie_regex(node: dict) -> str:
    """Regex for a character trie; greedy, so longer words are tried first."""
    terminal = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if terminal:
        return "(?:" + body + ")?"
    return body


def alt(words) -> str:
    """Non-capturing regex matching any of the folded ``words`` (trie-compiled).

    A trie keeps Python's backtracking engine from trying every alternative at
    every position; the result prefers the longest word, like a longest-first
    alternation. Spaces inside entries match any run of whitespace.
    """
    root: dict = {}
    for w in {re.sub(r"\s+", " ", fold(w)) for w in words}:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _trie_regex(root) + ")"


# --- Gregorian months, every Arabic convention ------------------------------
#: month word -> (month number, convention). Conventions select the dateparser
#: locale used to normalize absolute dates (see ``normalizer.LOCALE_FOR``).
MONTHS: dict[str, tuple[int, str]] = {}
_EG = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
       "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
_EG_VARIANTS = {"إبريل": 4, "ابريل": 4, "يونيه": 6, "يوليه": 7, "اغسطس": 8,
                "أغسطوس": 8, "اكتوبر": 10, "أكتوبر": 10, "سبتمير": 9}
_LEV = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
        "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"]
_DZ = ["جانفي", "فيفري", "مارس", "أفريل", "ماي", "جوان", "جويلية", "أوت",
       "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
_MA = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت",
       "شتنبر", "أكتوبر", "نونبر", "دجنبر"]
#: original spellings with their convention (dateparser reads these, see normalizer)
MONTH_SPELLINGS: list[tuple[str, str]] = []
for _conv, _names in (("ma", _MA), ("dz", _DZ), ("lev", _LEV), ("eg", _EG)):
    for _i, _n in enumerate(_names, 1):
        MONTHS[fold(_n)] = (_i, _conv)
        MONTH_SPELLINGS.append((_n, _conv))
for _n, _i in _EG_VARIANTS.items():
    MONTHS[fold(_n)] = (_i, "eg")
MONTHS[fold("كانون ثاني")] = (1, "lev")
MONTHS[fold("كانون أول")] = (12, "lev")
MONTHS[fold("تشرين أول")] = (10, "lev")
MONTHS[fold("تشرين ثاني")] = (11, "lev")
MONTHS[fold("أفريل")] = (4, "dz")

#: Month words that are also common words (آب "father" after alef folding,
#: مارس "practised", ماي, أوت): only accepted with a day, a year, the word
#: شهر or inside a dual form.
AMBIGUOUS_MONTHS = {fold(w) for w in ("آب", "مارس", "ماي", "أوت", "نيسان")}

MONTH_RE = alt(MONTHS)

# --- Hijri months --------------------------------------------------------------
HIJRI_MONTHS: dict[str, int] = {}
for _i, _ns in enumerate([
    ["محرم"], ["صفر"], ["ربيع الأول", "ربيع أول"], ["ربيع الآخر", "ربيع الثاني", "ربيع ثاني"],
    ["جمادى الأولى", "جمادى الأول"], ["جمادى الآخرة", "جمادى الثانية", "جمادى الآخر"],
    ["رجب"], ["شعبان"], ["رمضان"], ["شوال"], ["ذو القعدة", "ذي القعدة"],
    ["ذو الحجة", "ذي الحجة"]], 1):
    for _n in _ns:
        HIJRI_MONTHS[fold(_n)] = _i
HIJRI_MONTH_RE = alt(HIJRI_MONTHS)
#: Hijri era markers: هـ (folds to ه), هجري/هجرية, للهجرة.
HIJRI_ERA_RE = "(?:" + "|".join(re.escape(fold(w)) for w in ("للهجرة", "هجرية", "هجري", "هـ", "ه")) + ")(?!\\w)"

# --- Weekdays (ISO numbering, Monday = 1) ------------------------------------
WEEKDAYS: dict[str, int] = {fold(k): v for k, v in {
    "الاثنين": 1, "الإثنين": 1, "الثلاثاء": 2, "الأربعاء": 3, "الاربعاء": 3,
    "الخميس": 4, "الجمعة": 5, "السبت": 6, "الأحد": 7}.items()}
WEEKDAY_RE = alt(WEEKDAYS)

# --- Numbers -----------------------------------------------------------------
_UNITS = {"واحد": 1, "واحدة": 1, "اثنين": 2, "اثنتين": 2, "اثنان": 2, "ثلاث": 3, "ثلاثة": 3,
          "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7,
          "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
          "عشر": 10, "عشرة": 10}
NUMBER_WORDS: dict[str, int] = {fold(k): v for k, v in _UNITS.items()}
for _k, _v in {"أحد عشر": 11, "إحدى عشرة": 11, "اثني عشر": 12, "اثنا عشر": 12,
               "اثنتي عشرة": 12, "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30,
               "أربعين": 40, "خمسين": 50, "ستين": 60, "سبعين": 70, "ثمانين": 80,
               "تسعين": 90, "مئة": 100, "مائة": 100}.items():
    NUMBER_WORDS[fold(_k)] = _v
for _u, _uv in {"ثلاثة": 3, "أربعة": 4, "خمسة": 5, "ستة": 6, "سبعة": 7, "ثمانية": 8, "تسعة": 9,
                "ثلاث": 3, "أربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثماني": 8, "تسع": 9}.items():
    NUMBER_WORDS[fold(_u + " عشر")] = 10 + _uv
    NUMBER_WORDS[fold(_u + " عشرة")] = 10 + _uv
for _u, _uv in {"واحد": 1, "إحدى": 1, "اثنين": 2, "اثنتين": 2, "اثنان": 2, "ثلاث": 3, "ثلاثة": 3,
                "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5, "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7,
                "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9}.items():
    for _t, _tv in {"عشرين": 20, "ثلاثين": 30, "أربعين": 40, "خمسين": 50, "ستين": 60,
                    "سبعين": 70, "ثمانين": 80, "تسعين": 90}.items():
        NUMBER_WORDS[fold(_u + " و" + _t)] = _tv + _uv
NUMBER_WORDS_RE = alt(NUMBER_WORDS)
#: Vague quantities -> unknown count (TIMEX3 ``X``).
VAGUE_COUNT_RE = alt(["عدة", "بضعة", "بضع", "عشرات", "بضعة", "لعدة", "عدّة"])

# --- Ordinal day words (1..31) -------------------------------------------------
_ORD = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن",
        "التاسع", "العاشر"]
ORDINAL_DAYS: dict[str, int] = {fold(w): i for i, w in enumerate(_ORD, 1)}
ORDINAL_DAYS[fold("الفاتح")] = 1
ORDINAL_DAYS[fold("أول")] = 1  # أول أبريل = 1 April
ORDINAL_DAYS[fold("الحادي عشر")] = 11
for _i, _w in enumerate(_ORD[1:9], 2):
    ORDINAL_DAYS[fold(_w + " عشر")] = 10 + _i
ORDINAL_DAYS[fold("العشرين")] = 20
ORDINAL_DAYS[fold("الثلاثين")] = 30
for _tens, _tv in (("العشرين", 20), ("الثلاثين", 30)):
    ORDINAL_DAYS[fold("الحادي و" + _tens)] = _tv + 1
    for _i, _w in enumerate(_ORD[1:9], 2):
        if _tv + _i <= 31:
            ORDINAL_DAYS[fold(_w + " و" + _tens)] = _tv + _i
ORDINAL_DAY_RE = alt(ORDINAL_DAYS)

# --- Units ---------------------------------------------------------------------
#: folded unit word -> (TIMEX unit letter, count implied by the form or None)
UNIT_FORMS: dict[str, tuple[str, int | None]] = {}
for _unit, _sing, _plur, _dual in (
    ("Y", ["سنة", "عام", "عاما", "عامًا", "سنةً"], ["سنوات", "سنين", "أعوام", "أعواما"], ["عامين", "سنتين", "عامان", "سنتان"]),
    ("M", ["شهر", "شهرا"], ["أشهر", "شهور"], ["شهرين", "شهران"]),
    ("W", ["أسبوع", "أسبوعا", "اسبوع"], ["أسابيع"], ["أسبوعين", "أسبوعان"]),
    ("D", ["يوم", "يوما"], ["أيام"], ["يومين", "يومان"]),
    ("H", ["ساعة"], ["ساعات"], ["ساعتين", "ساعتان"]),
    ("MIN", ["دقيقة"], ["دقائق"], ["دقيقتين"]),
    ("DE", ["عقد", "عقدا"], ["عقود"], ["عقدين"]),
    ("CE", ["قرن", "قرنا"], ["قرون"], ["قرنين"]),
):
    for _w in _sing + _plur:
        UNIT_FORMS[fold(_w)] = (_unit, None)
        UNIT_FORMS[fold("ال" + _w)] = (_unit, None)
    for _w in _dual:
        UNIT_FORMS[fold(_w)] = (_unit, 2)
        UNIT_FORMS[fold("ال" + _w)] = (_unit, 2)
UNIT_RE = alt(UNIT_FORMS)
DUAL_UNIT_RE = alt([w for w, (_, c) in UNIT_FORMS.items() if c == 2])
SINGULAR_UNITS = {fold(w) for w in ("سنة", "عام", "شهر", "أسبوع", "يوم", "ساعة", "عقد", "قرن",
                                     "عاما", "شهرا", "يوما", "أسبوعا")}
PLURAL_UNIT_RE = alt(["سنوات", "سنين", "أعوام", "أشهر", "شهور", "أسابيع", "أيام", "ساعات", "عقود"])
#: unit letter for a plural form with ال (الأيام المقبلة -> D)
PLURAL_UNITS = {fold(w): u for w, u in (("سنوات", "Y"), ("سنين", "Y"), ("أعوام", "Y"), ("أشهر", "M"),
                                         ("شهور", "M"), ("أسابيع", "W"), ("أيام", "D"),
                                         ("ساعات", "H"), ("عقود", "DE"))}

# --- Calendar units for relative expressions ---------------------------------
REL_UNITS: dict[str, str] = {fold(k): v for k, v in {
    "الأسبوع": "W", "الشهر": "M", "العام": "Y", "السنة": "Y", "اليوم": "D"}.items()}
REL_UNIT_RE = alt(["الأسبوع", "الشهر", "العام", "السنة"])
THIS_UNIT_RE = alt(["أسبوع", "شهر", "عام", "سنة"])
PAST_ADJ = {fold(w) for w in ("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة",
                              "السابق", "السابقة", "الأخير", "الأخيرة", "الماضيين", "الأخيرين",
                              "الماضيتين")}
FUTURE_ADJ = {fold(w) for w in ("المقبل", "المقبلة", "القادم", "القادمة", "المقبلين", "القادمين",
                                "المقبلتين", "التالي", "التالية")}
CURRENT_ADJ = {fold(w) for w in ("الجاري", "الجارية", "الحالي", "الحالية", "نفسه", "ذاته")}
REL_ADJ_RE = alt(PAST_ADJ | FUTURE_ADJ | CURRENT_ADJ)

#: day-relative words -> offset in days from the publication date
REL_DAYS: dict[str, int] = {fold(k): v for k, v in {
    "اليوم": 0, "أمس": -1, "الأمس": -1, "البارحة": -1, "أول أمس": -2, "أمس الأول": -2,
    "غدا": 1, "غداً": 1, "الغد": 1, "بعد غد": 2, "الليلة": 0}.items()}
REL_DAY_RE = alt(REL_DAYS)
DAY_PART_RE = alt(["صباح", "مساء", "ليلة", "ليل", "فجر", "ظهر", "عصر", "ظهيرة", "منتصف ليل", "يوم",
                   "بعد ظهر", "الساعات الأولى من", "ساعة مبكرة من", "ساعات الصباح الأولى من",
                   "وقت متأخر من", "وقت مبكر من"])

#: part-of-period modifiers -> (fraction start, fraction end) of the period
PART_MODIFIERS: dict[str, tuple[float, float]] = {fold(k): v for k, v in {
    "بداية": (0.0, 1 / 3), "مطلع": (0.0, 1 / 3), "أوائل": (0.0, 1 / 3), "أول": (0.0, 1 / 3), "مستهل": (0.0, 1 / 3),
    "منتصف": (1 / 3, 2 / 3), "أواسط": (1 / 3, 2 / 3), "أواخر": (2 / 3, 1.0),
    "نهاية": (2 / 3, 1.0), "آخر": (2 / 3, 1.0), "ختام": (2 / 3, 1.0)}.items()}
PART_RE = alt(PART_MODIFIERS)

DECADES: dict[str, int] = {fold(k): v for k, v in {
    "عشرين": 2, "ثلاثين": 3, "أربعين": 4, "خمسين": 5, "ستين": 6, "سبعين": 7, "ثمانين": 8,
    "تسعين": 9}.items()}
DECADE_RE = alt(DECADES)

#: prepositions kept inside the span (they are the TIMEX "signal")
SIGNAL_RE = alt(["في", "منذ", "حتى", "بحلول", "خلال", "طوال", "طيلة", "مطلع", "لغاية", "مع حلول"])

#: words before a bare number that mark a quantity, never a year
QUANTITY_CUES = {fold(w) for w in ("نحو", "حوالي", "قرابة", "زهاء", "أكثر", "أقل", "يقارب",
                                   "بلغ", "عدد", "من", "إلى", "الى", "مجموع", "بنحو", "بحوالي",
                                   "رقم", "حوالى", "ب", "قتل", "مقتل", "إصابة", "اعتقال")}

#: future cue tokens (tense of the clause)
FUTURE_CUES = {fold(w) for w in ("سوف", "المقبل", "المقبلة", "القادم", "القادمة", "المقرر",
                                 "المتوقع", "يعتزم", "تعتزم", "المرتقب", "المزمع", "يتوقع",
                                 "ينتظر", "غدا", "سيتم")}
#: past cue tokens: reporting verbs / auxiliaries that close the backward scan
PAST_CUES = {fold(w) for w in ("قال", "قالت", "أعلن", "أعلنت", "أكد", "أكدت", "أضاف", "أضافت",
                               "ذكر", "ذكرت", "أفاد", "أفادت", "صرح", "وقعت", "وقع", "شنت", "شن",
                               "كان", "كانت", "جرى", "جرت", "تم", "منذ", "أمس", "الماضي",
                               "الماضية", "حسبما", "قتل", "قتلت", "بدأت", "بدأ", "عقد", "عقدت")}
#: words starting with سي/ست/سن that are not future verbs
NON_FUTURE_S = tuple(fold(w) for w in ("سياس", "سيار", "سيطر", "سياد", "سيد", "سنة", "سنو", "سنين",
                                       "ستين", "ستة", "ستار", "سيناء", "سيول", "سنغافور", "ستوكهولم",
                                       "سيول", "سين", "ستراتيج", "سيناريو", "سنت", "ستا", "سنا",
                                       "سيسي", "سيف", "سيرة", "سير", "سني", "سنّ"))

#: nouns that turn a following year-less "day month" into a name
#: (قوى 14 آذار, ثورة 25 يناير, حركة 20 فبراير)
NAMED_EVENT_HEADS = {fold(w) for w in ("قوى", "تحالف", "فريق", "حركة", "تيار", "ثورة", "انتفاضة",
                                       "شارع", "ميدان", "جسر", "مستشفى", "جامعة")}
