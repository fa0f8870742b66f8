"""Casualty figures: one incident's toll or a cumulative/historical total?

``قتل 5 جنود في هجوم`` is an incident toll; ``أسفرت الحرب منذ 2011 عن مقتل أكثر من 350
ألف شخص``, ``قتل ستة ملايين يهودي في المحرقة`` and ``10 آلاف قتيل منذ مارس 2015`` are
cumulative or historical totals. Totals stay quantities (``scope = 'cumulative'``) but are
never attached to an event mention as its ``killed``/``injured`` figure.

Rules (:func:`toll_scope`), on the normalized view of the quantity's sentence:

* a *cumulative cue* within :data:`CUE_WINDOW` words of the number — ``منذ``, ``طوال``,
  ``على مدى/مدار``, ``حتى الآن``, ``إجمالي``/``مجموع``/``حصيلة إجمالية``, period words
  (``أيام``, ``يومين``, ``أسابيع``, ``أشهر``, ``سنوات``, ``أعوام``, ``عقود``: a toll over
  several days of protests or raids is a running total, not one incident's), a start
  (``بدأت في 30 مارس``, ``منذ اندلاع``), historical events (``الحرب العالمية``, ``المحرقة``,
  ``الهولوكوست``, ``الإبادة``);
* a *war* word (``الحرب``, ``النزاع``, ``الصراع``) near a figure of at least
  :data:`WAR_TOTAL_MIN`, or a protest-wave word (``الاحتجاجات``, ``مسيرات``) near one of at least
  :data:`PROTEST_TOTAL_MIN` (``وقتل 155 فلسطينيا في الاحتجاجات`` counts weeks of marches);
* (seventh session) a charge right before the figure (``بتهمة قتل 370 شخصا``), landmines in the plural with no
  day named (``انفجار ألغام خلفتها الميليشيات``), an operation named with a year (``العملية العسكرية "سيناء 2018"``:
  the Egyptian army's periodic statements count several days);
* (eighth session) a protest wave's toll: plural protests the figure points back to (``مسيرات العودة … وقتل فيها``)
  or that follow it with a demonstrative or a week named (``خلال تلك التظاهرات``), no day or year named;
* any figure of at least :data:`MAX_INCIDENT_TOLL` (no single attack, strike or killing in
  the news reaches it; the corpus' largest such figures are all war or genocide totals).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.extract.numbers import number_word_value
from pipeline.extract.vocab import load_vocab
from pipeline.text.normalize import normalize_key

if TYPE_CHECKING:  # quantities imports this module
    from pipeline.extract.quantities import Token

__all__ = ["SCOPES", "CUE_WINDOW", "WAR_TOTAL_MIN", "MAX_INCIDENT_TOLL", "CASUALTY_CATEGORIES", "toll_scope"]

SCOPES: tuple[str, ...] = ("incident", "cumulative")
CASUALTY_CATEGORIES = ("casualties_killed", "casualties_injured")
CUE_WINDOW = 10
WAR_TOTAL_MIN = 1000
MAX_INCIDENT_TOLL = 5000

_N = lambda *ws: frozenset(normalize_key(w) for w in ws)  # noqa: E731
_CUES = _N(
    "منذ", "ومنذ", "مذاك", "منذئذ", "طوال", "طيلة", "مدى", "مدار", "إجمالي", "الإجمالي", "إجمالا", "إجمالية", "الإجمالية",
    "مجموع", "مجمل", "حصيلة إجمالية", "سنوات", "السنوات", "أعوام", "الأعوام", "عقود", "العقود", "عقدين",
    "الأيام", "أيام", "يومين", "اليومين", "أسابيع", "أسبوعين", "الأسبوعين", "أشهر", "شهور", "بدأت", "بدأ",
    "اندلاع", "اندلعت", "الأسابيع", "الأشهر", "الشهور", "المحرقة", "الهولوكوست", "الإبادة", "إبادة", "العالمية", "مجازر", "التراكمية", "تراكمية",
    # a continuing campaign ("في القصف المتواصل للغوطة"): a running total, not one strike's toll
    "المتواصل", "المتواصلة", "متواصل", "متواصلة", "المستمر", "المستمرة", "مستمر", "مستمرة",
    # several incidents ("في حوادث متعددة"), several places ("في أنحاء المكسيك"), a season ("في ربيع العام
    # الحالي"), a series of robberies ("عمليات سطو"): a count, not one toll
    "متعددة", "متفرقة", "المتفرقة", "أنحاء", "ربيع", "صيف", "شتاء", "خريف", "الربيع", "الصيف", "الشتاء", "الخريف",
    "عمليات",
    # sixth session: an escalation or a campaign ("التصعيد الأخير أسفر عن مقتل 462", "في حملة اغتيالات"): a running total
    "التصعيد", "اغتيالات",
    # thirteenth session (tolls14, sample M): separate incidents ("في واقعتين منفصلتين … ما أسفر عن مقتل خمسة"): their
    # figures summed, no one incident's toll (as "متفرقة" above)
    "منفصلة", "منفصلتين", "منفصلين", "المنفصلة",
)
#: "بعد/خلال (نحو) أسبوع/شهر": a toll counted over a period (``بعد نحو أسبوع من المعارك التي قتل فيها``).
_PERIOD_INTRO = _N("بعد", "خلال", "طوال", "وبعد", "وخلال")
_APPROX = _N("نحو", "قرابة", "حوالي", "زهاء")
_PERIOD = _N("أسبوع", "شهر", "عام", "سنة", "أسبوعين", "شهرين", "عامين", "سنتين", "الأسبوع", "الشهر", "يومي", "أسبوعي")
#: "قتل خلاله": the figure points back to a period or campaign named earlier in its sentence.
_PAST = _N("الماضي", "الماضية", "المقبل", "الجاري", "الحالي")
_DURING_IT = _N("خلاله", "خلالها", "طواله", "طوالها", "فيها", "فيه")
_PERIOD_WORD = normalize_key("الفترة")
_UNTIL_NOW = (("حتي", "الان"), ("حتي", "اليوم"), ("لحد", "الان"))
#: Thirteenth session (tolls14, sample Z): a period of the event itself with its ordinal — "المواجهات، التي تدخل الجمعة
#: أسبوعها الثاني، عن مقتل 21": the event has lasted weeks, months or years, so its toll is a running total (days are not
#: here: "في يومها الثاني قتل 5" may be that day's toll).
_OWN_PERIOD = _N("أسبوعها", "أسبوعه", "أسبوعهم", "شهرها", "شهره", "شهرهم", "عامها", "عامه", "سنتها", "سنته")
_OWN_PERIOD_ORDINALS = _N("الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر",
                          "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة")
_WAR = _N("الحرب", "حرب", "النزاع", "الصراع", "للحرب", "بالحرب", "الحروب")
#: Protest waves: an undated toll of "the protests" of at least PROTEST_TOTAL_MIN is a running total.
_PROTEST_WAVE = _N("الاحتجاجات", "المظاهرات", "التظاهرات", "مسيرات", "المسيرات", "احتجاجات", "الاحتجاج")
PROTEST_TOTAL_MIN = 50
#: Demonstratives that refer a toll back to the events of the previous sentence.
_DEMONSTRATIVE = _N("هذه", "هذا", "تلك", "ذلك", "وهذه", "تلكم")


#: Campaigns after "خلال/طوال" (``خلال التدخل العسكري``): a running total.
_CAMPAIGN = _N("التدخل", "الحملة", "الحرب", "النزاع", "الحصار", "الاحتلال", "العملية", "العمليات", "الهجوم")
#: Superlatives and "first" before a later "since" (``في أول هجوم منذ …``): a comparison, not a period.
_SUPERLATIVE = _N("أول", "الأول", "أكثر", "الأكثر", "أكبر", "الأكبر", "أعنف", "الأعنف", "أسوأ", "الأسوأ", "أشد",
                  "الأشد", "أخطر", "الأخطر", "أدمى", "الأدمى", "اول", "الاول")
#: Single acts: a toll over a period that names one of them is that act's (``خلال الأسبوع الماضي في هجوم``).
_SINGLE_EVENTS = _N("هجوم", "الهجوم", "غارة", "الغارة", "تفجير", "التفجير", "انفجار", "الانفجار", "كمين", "الكمين",
                    "اشتباك", "الاشتباك", "حادث", "الحادث", "حادثة", "الحادثة", "ضربة", "الضربة", "عملية", "العملية",
                    "اعتداء", "الاعتداء", "قصف", "القصف", "هجوما")
#: Result verbs after ما/مما (``ما أسفر عن مقتل``).
_RESULT = _N("أسفر", "أسفرت", "أدى", "أدت", "خلف", "خلفت", "أوقع", "أوقعت")
#: "العملية الجارية", "الحملة المتواصلة": a campaign still going on (its toll is a running total).
_ONGOING = _N("الجارية", "الجاري", "المتواصلة", "المتواصل", "المستمرة", "المستمر", "الحالية", "القائمة")
#: Plural event nouns: a toll of several attacks or battles over a period (``خلال الشهر الجاري، قتل 13 في هجمات``).
_PLURAL_EVENTS = _N("هجمات", "الهجمات", "غارات", "الغارات", "اشتباكات", "الاشتباكات", "معارك", "المعارك",
                    "مواجهات", "المواجهات", "انفجارات", "تفجيرات", "التفجيرات", "اعتداءات", "الاعتداءات")
#: "since" reaches farther than the other cues (``وتتعرض منذ نحو أسبوعين لحملة قصف أسفرت وفق المرصد … عن مقتل 628``).
#: Twelfth session: "since then" in one word (``وقتل 149 فلسطينيا برصاص الجنود مذاك``) is "since" too.
_SINCE = _N("منذ", "ومنذ", "مذاك", "ومذاك", "منذئذ", "ومنذئذ")
SINCE_WINDOW = 2 * CUE_WINDOW


#: Seventh session: a charge ("بتهمة قتل 370 شخصا", "بتهم قتل"): the figure is what a court or a prosecutor
#: counts over a person's deeds, not one incident's toll.
_CHARGE = _N("تهمة", "بتهمة", "بتهم", "تهم", "التهمة", "التهم", "بتهمتي", "اتهام", "باتهام", "الاتهام", "الاتهامات",
             "بالاتهام", "لاتهامه", "متهم", "متهمة", "متهمين", "متهمون", "المتهم", "المتهمين", "المتهمون")
CHARGE_WINDOW = 3
#: Thirteenth session (tolls14, sample AH): an accusation verb, "of killing" right before the figure and attacks in the
#: plural in the sentence — "اتهمت الأمم المتحدة قوات … بقتل أكثر من مئتي مدني … أثناء هجماتها على قرى": a charge over
#: a party's acts, not one event's toll ("إثر اتهام النظام بشن هجوم … تسبب بمقتل أربعين" keeps the attack's toll: the
#: accusation is of the attack; "اتهمت المنظمة المسلحين بقتل 53 شخصا من قرى هندوسية في 25 آب" names one massacre).
_ACCUSE = _N("اتهم", "اتهمت", "واتهم", "واتهمت", "يتهم", "تتهم", "ويتهم", "وتتهم", "اتهموا", "يتهمون", "اتهمه", "اتهمها",
             "اتهمتها", "اتهمته", "اتهمهم", "اتهمتهم")
_OF_KILLING = _N("بقتل", "بتصفية", "بإعدام", "باغتيال")
_CAUSED = _N("أسفر", "أسفرت", "أدى", "أدت", "خلف", "خلفت", "أوقع", "أوقعت", "تسبب", "تسببت", "يسبب", "أودى", "أودت",
             "ما", "مما", "الذي", "التي")


def _plural_event(tok: Token) -> bool:
    """Attacks, strikes or clashes in the plural, with a clitic or a possessive (``هجماتها``, ``وغاراته``)."""
    return any(c in _PLURAL_EVENTS or c[:-2] in _PLURAL_EVENTS or c[:-1] in _PLURAL_EVENTS for c in _keys(tok))


def _accused_of_killing(toks: Sequence[Token], s_lo: int, i0: int, s_hi: int) -> bool:
    k_of = next((k for k in range(i0 - 1, max(s_lo, i0 - CHARGE_WINDOW - 1) - 1, -1) if toks[k].key in _OF_KILLING), None)
    if k_of is None:
        return False
    k_acc = next((k for k in range(k_of - 1, s_lo - 1, -1) if toks[k].key in _ACCUSE), None)
    # not "اتهمت … بشن هجوم تسبب بقتل 5": the killing is the result of the act accused of, whose toll it is
    if k_acc is None or any(c in _CAUSED for k in range(k_acc + 1, k_of) for c in _keys(toks[k])):
        return False
    return any(_plural_event(toks[k]) for k in range(s_lo, s_hi))
#: Landmines in the plural ("انفجار ألغام خلفتها الميليشيات", "ضحايا الألغام"): victims over time, not one blast.
_LANDMINES = _N("ألغام", "الألغام", "بالألغام", "للألغام", "لألغام", "بألغام", "وألغام", "والألغام")
#: "عملية/العملية (العسكرية|الشاملة) "سيناء 2018"": an operation named with a year is a campaign; a statement's toll
#: of it is a running total (the Egyptian army's periodic statements on the Sinai operation).
_IN_YEAR = _N("في", "عام", "العام", "سنة")  # "عملية فجر ليبيا في عام 2014" dates the operation, it is not its name
_OPERATION = _N("عملية", "العملية", "بعملية", "والعملية", "وعملية", "للعملية", "لعملية")


@lru_cache(maxsize=1)
def _case_words() -> tuple[frozenset[str], frozenset[str]]:
    voc = load_vocab("quantity_nouns")
    return frozenset(normalize_key(w) for w in voc["case_nouns"]), frozenset(normalize_key(w) for w in voc["violation_nouns"])


def _case_tally(toks: Sequence[Token], s_lo: int, s_hi: int) -> bool:
    """Twelfth session (tolls13, casualty sample AF): the sentence counts cases (``case_nouns``, ``violation_nouns`` in
    ``vocab/quantity_nouns.yaml``) — one count of a violation (``550 حالة قتل``, ``2351 حالة تجنيد أطفال``) or two
    counts of any cases (``64 حالة إصابة … بواقع 78 حالة``): a report's tally, so its figures are no single toll."""
    cases, violations = _case_words()
    hi = min(s_hi, len(toks))
    counts = 0
    for k in range(s_lo, hi):
        key = toks[k].key
        if key not in cases:
            continue
        dual = key.endswith(("تي", "تين"))
        if not dual and not (k > s_lo and (toks[k - 1].is_digit or number_word_value(toks[k - 1].key) is not None)):
            continue
        if k + 1 < hi and toks[k + 1].key in violations:
            return True
        counts += 1
    return counts >= 2


def _named_year_operation(toks: Sequence[Token], s_lo: int, s_hi: int) -> bool:
    """The sentence names an operation whose name ends with a year (``العملية العسكرية "سيناء 2018"``): up to four
    tokens after ``عملية``, a four-digit number with no month or day word between them (``عملية في 5 مارس 2018``
    dates one act)."""
    hi = min(s_hi, len(toks))
    for k in range(s_lo, hi):
        if toks[k].key not in _OPERATION:
            continue
        for x in range(k + 1, min(hi, k + 6)):
            if toks[x].is_digit and len(toks[x].key) == 4:
                if not any(c in _DAY or c in _IN_YEAR for y in range(k + 1, x) for c in _keys(toks[y])) \
                        and not any(toks[y].is_digit for y in range(k + 1, x)):
                    return True
                break
    return False


#: Eleventh session: a campaign (``حملة قصف``, ``حملة مكافحة المخدرات``) whose result a figure gives after a result verb
#: (``وتتعرض منذ نحو أسبوعين لحملة قصف أسفرت … عن مقتل 628``, ``الحملة … والتي أدت إلى مقتل حوالى أربعة آلاف``).
#: (matched with a proclitic too, through :func:`_keys`: ``لحملة``, ``وحملات``)
_CAMPAIGN_NOUNS = _N("حملة", "الحملة", "حملات", "الحملات")
_OPERATIONS = _N("العمليات")
_IN_OPERATIONS = _N("في", "خلال", "طوال", "جراء", "أثناء", "اثناء", "إثر", "بسبب")


_THIS = _N("هذا")
_THIS_PERIOD = _N("الأسبوع", "الشهر")


#: Eighth session: plural protests (a wave, several days), words pointing a toll back to them, words naming one day.
_PROTEST_PLURAL = _N("احتجاجات", "الاحتجاجات", "مسيرات", "المسيرات", "مظاهرات", "المظاهرات", "تظاهرات", "التظاهرات")
_IN_IT = _N("فيها", "خلالها")
_WEEKS = _N("الأسبوع", "أسبوع", "الأسابيع", "أسابيع", "أسبوعين", "الأسبوعين")
_DURING_PROTESTS = _N("خلال", "أثناء", "اثناء", "طوال", "وخلال")
_ONE_DAY = _N("الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "اليوم", "أمس", "ليل",
              "ليلة", "فجر", "صباح", "مساء", "ظهر")


#: Contrastive conjunctions: another clause, whose cues (``فيما لم تعلن أي جهة مسؤوليتها حتى الآن``) are not the figure's.
_CONTRAST = _N("فيما", "بينما", "وفيما", "وبينما")


def _words_back(toks: Sequence[Token], i0: int, s_lo: int) -> int:
    """Start of the cue window: :data:`CUE_WINDOW` words before the figure (punctuation such as the
    slash of ``مارس/آذار`` does not count), not past a contrastive conjunction."""
    k, n = i0, 0
    while k > s_lo and n < CUE_WINDOW and toks[k - 1].key not in _CONTRAST:
        k -= 1
        n += toks[k].key[:1].isalnum()
    return k


def _words_ahead(toks: Sequence[Token], i1: int, s_hi: int) -> int:
    """End of the cue window after the figure (as :func:`_words_back`)."""
    k, n = i1, 0
    while k < s_hi and n < CUE_WINDOW and toks[k].key not in _CONTRAST:
        n += toks[k].key[:1].isalnum()
        k += 1
    return k


#: "خلال يومي الجمعة والسبت": two days (the construct dual).
_TWO_DAYS = normalize_key("يومي")
#: "during" (not "after": ``بعد يومين من المداهمات`` dates an event, it does not span a period).
_DURING = _N("خلال", "طوال", "وخلال", "طيلة")
#: Words that anchor a toll to a day or a date (weekdays, today, night, month names).
_DAY = _N("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد", "اليوم", "أمس", "ليل", "ليلة",
          "فجر", "صباح", "مساء", "ظهر", "الإثنين", "يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو",
          "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز",
          "آب", "أيلول", "تشرين")


def _day_anchor(toks: Sequence[Token], s_lo: int, s_hi: int) -> bool:
    """The sentence names a day or a date (``الجمعة``, ``أمس``, ``في نهاية نيسان/أبريل``, ``2017``)."""
    return any(c in _DAY for k in range(s_lo, min(s_hi, len(toks))) for c in _keys(toks[k])) or any(
        toks[k].is_digit and len(toks[k].key) == 4 for k in range(s_lo, min(s_hi, len(toks))))


def _keys(tok: Token) -> tuple[str, ...]:
    k = tok.key
    out = [k]
    if len(k) > 3 and k[0] in "وفبل" and not k.startswith("ال"):
        out.append(k[1:])
    return tuple(out)


#: Words that introduce a period after a figure (``خلال اليومين الماضيين``, ``في الـ72 ساعة الماضية``).
_PERIOD_AFTER = _DURING | _N("في")
_HOURS = _N("ساعة", "ساعات", "الساعات", "الساعة")
#: Ordinals and superlatives before a period: the period counts acts, not the toll (``ثاني هجوم … خلال يومين``).
_ORDINALS = _SUPERLATIVE | _N("ثاني", "الثاني", "ثالث", "الثالث", "رابع", "الرابع", "ثانية", "الثانية", "ثالثة", "الثالثة")
#: Days in the dual or plural (``اليومين``, ``الأيام``), weeks and months: more than one day.
#: Not the singular week or month: ``في الأسبوع الماضي`` dates one act.
_SEVERAL_DAYS = _N("يومين", "اليومين", "أيام", "الأيام", "أسبوعين", "الأسبوعين", "أسابيع", "الأسابيع", "أشهر",
                   "الأشهر", "شهور", "الشهور") | {_TWO_DAYS}


#: Twelfth session: units of a counted period (``في 34 يوما``, ``خلال ثلاثة أسابيع``).
_UNITS = _N("يوما", "أيام", "أسبوعا", "أسابيع", "شهرا", "أشهر", "شهور", "عاما", "أعوام", "سنوات")


def _multi_day(toks: Sequence[Token], a: int, b: int) -> bool:
    """Tokens ``[a, b)`` right after ``خلال/في`` name more than one day: the dual or plural of a day, a week or a
    month (``اليومين``, ``الأيام``, ``الأسابيع``), or hours counted past a day (``الساعات الـ48``, ``الـ72 ساعة``,
    ``الساعات الثماني والأربعين``) — not ``الساعات الـ24``."""
    keys = [toks[k].key for k in range(a, min(b, len(toks)))]
    if keys and keys[0] in _SEVERAL_DAYS:
        return True
    if keys and keys[0] == _PERIOD_WORD:
        return True  # twelfth session: "خلال الفترة ذاتها" — the period of the previous sentence's running total
    if len(keys) > 1 and keys[1] in _UNITS and (keys[0].isdigit() and int(keys[0]) > 1
                                                 or (number_word_value(keys[0]) or 0) > 1):
        return True  # twelfth session: "مقتل 1433 مدنيا في 34 يوما من هجمات النظام", "خلال ثلاثة أسابيع"
    if not any(k in _HOURS for k in keys):
        return False
    return any((k.isdigit() and int(k) > 24) or "اربعين" in k or "سبعين" in k for k in keys)


def _own_period(toks: Sequence[Token], s_lo: int, s_hi: int) -> bool:
    """Thirteenth session: the sentence gives its event's own week, month or year with an ordinal (``تدخل أسبوعها
    الثاني``, ``في عامه الثالث``): a toll of an event that has lasted that long counts all of it."""
    return any(c in _OWN_PERIOD and toks[k + 1].key in _OWN_PERIOD_ORDINALS
               for k in range(s_lo, min(s_hi, len(toks)) - 1) for c in _keys(toks[k]))


def toll_scope(toks: Sequence[Token], i0: int, i1: int, s_lo: int, s_hi: int, value: float | None,
               prev_lo: int | None = None) -> str:
    """``'cumulative'`` or ``'incident'`` for the casualty figure on tokens ``[i0, i1)``;
    ``[s_lo, s_hi)`` are the token bounds of its sentence, ``prev_lo`` the first token of the
    sentence before it: when the figure's clause points back with a demonstrative (``وأسفرت هذه
    المواجهات عن مقتل 30``), a cumulative cue of that sentence (``منذ أن اندلعت … في 30 مارس``)
    makes the figure a running total too."""
    if value is not None and value >= MAX_INCIDENT_TOLL:
        return "cumulative"
    lo, hi = _words_back(toks, i0, s_lo), _words_ahead(toks, i1, s_hi)  # punctuation ("/", "،") does not count
    # "بعد أسبوع من القصف … قتل خلاله 500", "بعد نحو أسبوع المعارك التي قتل فيها 374": a toll counted
    # during a period named before the figure and pointed back to (the period may be far before it)
    during = [k for k in range(s_lo, i0) if toks[k].key in _DURING_IT]
    for k in range(s_lo, during[-1] if during else s_lo):
        if toks[k].key in _PERIOD_INTRO:
            n = k + 1 + (toks[k + 1].key in _APPROX)
            if n < i0 and toks[n].key in _PERIOD and (n + 1 >= len(toks) or toks[n + 1].key not in _PAST):
                return "cumulative"
    # "خلال الشهر الجاري، قتل 13 شخصا في هجمات انتحارية": several acts over a period; "قتلت خلال شهر ديسمبر
    # الماضي 206": a period and no single act named — a count over the period ("خلال الأسبوع الماضي في هجوم"
    # names one act and stays an incident toll)
    if any(toks[k].key in _PERIOD_INTRO and toks[k + 1].key in _PERIOD for k in range(lo, min(hi, len(toks) - 1))) \
            and (any(_keys(toks[k])[-1] in _PLURAL_EVENTS or toks[k].key in _PLURAL_EVENTS for k in range(lo, hi))
                 or not any(c in _SINGLE_EVENTS for k in range(s_lo, s_hi) for c in _keys(toks[k]))):
        return "cumulative"
    # "منذ 30 آذار عندما بدأ الفلسطينيون … ، ما أسفر عن مقتل 118": a figure in a result clause counts what
    # the whole sentence describes, so its "since" may be anywhere before it
    if any(toks[k].key in _RESULT and toks[k - 1].key in ("ما", "مما") for k in range(max(s_lo + 1, i0 - 4), i0)) \
            and any(toks[k].key in _SINCE for k in range(s_lo, i0)):
        return "cumulative"
    k_since = lo
    n = 0
    while k_since > s_lo and n < SINCE_WINDOW - CUE_WINDOW and toks[k_since - 1].key not in _CONTRAST:
        k_since -= 1
        n += toks[k_since].key[:1].isalnum()
    if any(toks[k].key in _SINCE for k in range(k_since, lo)):
        return "cumulative"
    # "وقتل 132 فلسطينياً على الأقل على أيدي قوات … على الحدود بين قطاع غزة وإسرائيل منذ اندلاع الاحتجاجات":
    # "since" after the figure reaches as far as before it
    k_after, n = hi, 0
    while k_after < s_hi and n < SINCE_WINDOW - CUE_WINDOW and toks[k_after].key not in _CONTRAST:
        n += toks[k_after].key[:1].isalnum()
        k_after += 1
    if any(toks[k].key in _SINCE and not any(toks[x].key in _SUPERLATIVE for x in range(max(i1, k - 4), k))
           for k in range(hi, k_after)):
        return "cumulative"  # but not "في أول هجوم كبير منذ …", "أكثر الأيام دموية منذ بدء العملية" (a superlative)
    # "حصيلة الغارات … في العملية الجارية … ارتفعت إلى 100": the toll of an operation still going on,
    # anywhere in the sentence
    if any(toks[k].key in _CAMPAIGN and toks[k + 1].key in _ONGOING for k in range(s_lo, min(s_hi, len(toks)) - 1)):
        return "cumulative"
    # "قتل 45 جنديا خلال التدخل العسكري": a toll over a whole campaign
    if any(toks[k].key in _PERIOD_INTRO and toks[k + 1].key in _CAMPAIGN for k in range(lo, min(hi, len(toks) - 1))):
        return "cumulative"
    # "رصد خلال الفترة من 21 مارس 2015 إلى 31 مارس 2018 مقتل 3021": a count over a date range
    if any(toks[k].key == _PERIOD_WORD and toks[k + 1].key in ("من", "بين") for k in range(s_lo, i0)):
        return "cumulative"
    # "خلال سبعة أشهر، بينهم … وحملت الميليشيا مسؤولية مقتل 370": a period anywhere before the figure in its sentence
    if any(toks[k].key in _DURING and any(c in _CUES or c == _TWO_DAYS for x in range(k + 1, min(i0, k + 4)) for c in _keys(toks[x]))
           for k in range(s_lo, i0)):
        return "cumulative"
    # "قتل نحو 60 مسلحا في جبهة الساحل الغربي خلال الساعات الـ48 الأخيرة", "مقتل 341 عنصرا في الـ72 ساعة الماضية",
    # "… جنوبي مدينة الحديدة خلال اليومين الماضيين": a period of more than a day after the figure, anywhere in its
    # clause (the cue window misses it when the place is named at length)
    k_end = i1
    while k_end < s_hi and toks[k_end].key not in _CONTRAST:
        k_end += 1
    if any(toks[k].key in _PERIOD_AFTER and _multi_day(toks, k + 1, min(k_end, k + 5))
           and not any(toks[x].key in _ORDINALS for x in range(max(i1, k - 4), k)) for k in range(i1, k_end)):
        return "cumulative"  # but not "في ثاني هجوم تشهده المنطقة خلال يومين" (the period counts the attacks)
    # sixth session: "مقتل 62 فلسطينيا بنيران القوات الإسرائيلية هذا الأسبوع": a toll of this week (or month) with no
    # single act named in the sentence is the period's count ("في هجوم هذا الأسبوع" names one act and stays)
    if any(toks[k].key in _THIS and toks[k + 1].key in _THIS_PERIOD for k in range(i1, min(k_end, len(toks) - 1))) \
            and not any(c in _SINGLE_EVENTS for k in range(s_lo, s_hi) for c in _keys(toks[k])):
        return "cumulative"
    # seventh session: a charge ("بتهمة قتل 370 شخصا"), landmine victims ("انفجار ألغام"), an operation named with
    # a year ("في إطار العملية العسكرية "سيناء 2018"")
    if any(c in _CHARGE for k in range(max(s_lo, i0 - CHARGE_WINDOW - 1), i0) for c in _keys(toks[k])):
        return "cumulative"
    if _accused_of_killing(toks, s_lo, i0, s_hi):
        return "cumulative"
    if any(c in _LANDMINES for k in range(lo, hi) for c in _keys(toks[k])) and not _day_anchor(toks, s_lo, s_hi):
        return "cumulative"  # but "مقتل 11 مدنيا … جراء انفجار ألغام لدى عودتهم ليلا" (a night, one blast)
    if _named_year_operation(toks, s_lo, s_hi):
        return "cumulative"
    # eleventh session: a campaign named before the figure and a result verb between them ("حملة قصف … ما أسفر عن
    # مقتل 650"): the campaign's running toll, not one strike's — unless a day or a date between them names the act the
    # figure belongs to ("حملات اعتقال … انتهت بفض اعتصامهم … في 14 أغسطس 2013 ما أسفر عن مقتل ما يزيد عن ألف")
    camp = [k for k in range(s_lo, i0) if any(c in _CAMPAIGN_NOUNS for c in _keys(toks[k]))]
    if camp and any(c in _RESULT for k in range(camp[0] + 1, i0) for c in _keys(toks[k])) \
            and not _day_anchor(toks, camp[0] + 1, i0):
        return "cumulative"
    # "في العمليات العسكرية التي أدت إلى مقتل 900": the toll of a campaign of operations (not "في منطقة العمليات",
    # "المتحدث باسم العمليات", "قيادة العمليات": the theatre, a spokesman, a command)
    if any(toks[k].key in _OPERATIONS and toks[k - 1].key in _IN_OPERATIONS for k in range(max(lo, 1), hi)):
        return "cumulative"
    if _case_tally(toks, s_lo, s_hi):
        return "cumulative"
    if _own_period(toks, s_lo, s_hi):
        return "cumulative"
    day = _day_anchor(toks, s_lo, s_hi)
    # eighth session: the toll of a protest wave — plural protests ("احتجاجات", "مسيرات", "التظاهرات") that the figure
    # points back to ("مسيرات العودة … وقتل فيها قرابة 123", "خلال احتجاجات … قتل فيها 3") or that follow it in its
    # clause with a demonstrative or a week named ("مقتل 31 فلسطينيا خلال تلك التظاهرات", "17 فلسطينيا في غزة الأسبوع
    # الماضي أثناء احتجاجات"), with no day or year named in the sentence (weekdays, today, last night; "خلال مظاهرات عام
    # 1976"): several days' count ("وقتل الجمعة 4 متظاهرين … احتجاجات" stays)
    if not any(c in _ONE_DAY or (toks[k].is_digit and len(toks[k].key) == 4) for k in range(s_lo, min(s_hi, len(toks)))
               for c in _keys(toks[k])):
        if any(toks[k].key in _IN_IT for k in range(max(s_lo, i0 - 3), i0)) and any(
                c in _PROTEST_PLURAL for k in range(s_lo, i0) for c in _keys(toks[k])):
            return "cumulative"
        week = any(c in _WEEKS for k in range(s_lo, min(s_hi, len(toks))) for c in _keys(toks[k]))
        for k in range(i1, min(k_end, len(toks) - 1)):
            if toks[k].key in _DURING_PROTESTS:
                this = toks[k + 1].key in _DEMONSTRATIVE and k + 2 < len(toks)
                if (this or week) and any(c in _PROTEST_PLURAL for c in _keys(toks[k + 1 + this])):
                    return "cumulative"  # not "قتل ثلاثة … خلال تظاهرات قرب الشريط الحدودي" (a lede: the day's protests)
    # "قتل أكثر من 110 أشخاص خلال اشتباكات", "سقوط ثمانية قتلى خلال احتجاجات الأسبوع الماضي": during several
    # events with no day named, a count over them
    if not day and any(toks[k].key in _DURING and toks[k + 1].key in _PLURAL_EVENTS | _PROTEST_WAVE
                       for k in range(lo, min(hi, len(toks) - 1))):
        return "cumulative"
    # "ومنذ بدء قوات النظام تصعيدها … . وبحسب الأمم المتحدة، … وقتل تسعة": a sentence framed by "since"
    # scopes over the next one when that one names no day of its own
    if prev_lo is not None and prev_lo < s_lo and not day and toks[prev_lo].key in _SINCE:
        return "cumulative"
    if prev_lo is not None and prev_lo < s_lo and any(toks[k].key in _DEMONSTRATIVE for k in range(lo, i0)):
        lo = max(prev_lo, s_lo - 6 * CUE_WINDOW)
    for k in range(lo, hi):
        keys = _keys(toks[k])
        if any(c in _CUES for c in keys):
            return "cumulative"
        if k + 1 < hi and any((c, toks[k + 1].key) in _UNTIL_NOW for c in keys):
            return "cumulative"
        if value is not None and value >= WAR_TOTAL_MIN and any(c in _WAR for c in keys):
            return "cumulative"
        if value is not None and value >= PROTEST_TOTAL_MIN and any(c in _PROTEST_WAVE for c in keys):
            return "cumulative"
    return "incident"
