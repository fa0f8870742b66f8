"""Tests for pipeline.extract.dates (issue "Time")."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline.extract.dates import (TimexResult, extract_time_expressions, is_valid_timex,
                                    plausible_window)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PUB = date(2024, 1, 28)  # a Sunday
KEYS = {"start", "end", "surface", "kind", "value", "date_start", "date_end", "granularity",
        "anchor", "confidence"}


def _check(text: str, res: TimexResult) -> None:
    """Invariants every result must satisfy."""
    prev_end = -1
    for e in res.expressions:
        assert set(e) == KEYS
        assert text[e["start"]:e["end"]] == e["surface"]
        assert e["start"] >= prev_end, "expressions overlap"
        prev_end = e["end"]
        assert e["kind"] in ("date", "time", "duration", "set")
        assert e["anchor"] in ("absolute", "publication_date", "unanchored")
        assert e["granularity"] in ("decade", "year", "quarter", "month", "week", "day", "time", None)
        assert 0.0 <= e["confidence"] <= 1.0
        assert is_valid_timex(e["value"]), e["value"]
        if e["date_start"] is not None:
            assert e["date_start"] <= e["date_end"]


def run(text: str, pub=PUB, sentences=None) -> TimexResult:
    res = extract_time_expressions(text, pub, sentences)
    _check(text, res)
    return res


def one(text: str, surface: str, pub=PUB) -> dict:
    """The single expression whose surface contains ``surface``."""
    hits = [e for e in run(text, pub).expressions if surface in e["surface"]]
    assert len(hits) == 1, (surface, run(text, pub).expressions)
    return hits[0]


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


# --- numeric dates and times ------------------------------------------------------
@pytest.mark.parametrize("text,value", [
    ("صدر القرار في 2024-01-28 مساء.", "2024-01-28"),
    ("صدر القرار في 28/1/2024 مساء.", "2024-01-28"),
    ("صدر القرار في 28-01-2024 مساء.", "2024-01-28"),
    ("صدر القرار في ٢٨/١/٢٠٢٤ مساء.", "2024-01-28"),
])
def test_numeric_dates(text, value):
    e = one(text, "في")
    assert (e["value"], e["kind"], e["anchor"], e["granularity"]) == (value, "date", "absolute", "day")
    assert e["date_start"] == e["date_end"] == date(2024, 1, 28)


def test_invalid_numeric_date_is_not_a_date():
    assert run("الرقم 31/02/2024 غير صالح").expressions == []


def test_times_western_and_arabic_indic():
    e = one("وقع الانفجار عند الساعة ١٠:٤٥ صباحا", "١٠:٤٥")
    assert (e["kind"], e["value"], e["anchor"]) == ("time", "2024-01-28T10:45", "publication_date")
    e = one("وقع الانفجار عند 22:05", "22:05", pub=None)
    assert (e["value"], e["anchor"], e["date_start"]) == ("XXXX-XX-XXT22:05", "unanchored", None)


def test_datetime_header():
    e = one("2024-01-28 10:45:25\n\nنص", "2024-01-28")
    assert e["surface"] == "2024-01-28 10:45:25"
    assert (e["kind"], e["value"], e["granularity"]) == ("time", "2024-01-28T10:45:25", "time")


# --- month names of every convention --------------------------------------------
@pytest.mark.parametrize("text,value", [
    ("وصل في 4 يناير 2021 إلى", "2021-01-04"),
    ("وصل في 4 كانون الثاني 2021 إلى", "2021-01-04"),
    ("وصل في 4 جانفي 2021 إلى", "2021-01-04"),
    ("وصل في 9 فيفري 2021 إلى", "2021-02-09"),
    ("وصل في 9 أفريل 2021 إلى", "2021-04-09"),
    ("وصل في 9 جوان 2021 إلى", "2021-06-09"),
    ("وصل في 9 جويلية 2021 إلى", "2021-07-09"),
    ("وصل في 9 أوت 2021 إلى", "2021-08-09"),
    ("وصل في 9 غشت 2021 إلى", "2021-08-09"),
    ("وصل في 9 تشرين الأول 2021 إلى", "2021-10-09"),
    ("وصل في 9 أيلول 2021 إلى", "2021-09-09"),
])
def test_month_conventions(text, value):
    e = one(text, "2021")
    assert (e["value"], e["anchor"], e["granularity"]) == (value, "absolute", "day")


@pytest.mark.parametrize("text,surface,value", [
    ("وفي 4 كانون الثاني/يناير 2024، قتلت", "4 كانون الثاني/يناير 2024", "2024-01-04"),
    ("بعد يوم واحد في 5 كانون الثاني (يناير) 2024.", "5 كانون الثاني (يناير) 2024", "2024-01-05"),
    ("كان مقررا في شهر أغسطس/آب 2023 قبل", "أغسطس/آب 2023", "2023-08"),
    ("بحلول سبتمبر/أيلول 2025، يليه", "سبتمبر/أيلول 2025", "2025-09"),
    ("في يناير (كانون الثاني) 2022 بدأ", "يناير (كانون الثاني) 2022", "2022-01"),
])
def test_dual_month_forms(text, surface, value):
    e = one(text, surface)
    assert e["value"] == value and e["anchor"] == "absolute"


def test_ordinal_day_with_relative_year():
    text = "ومنذ السابع من أكتوبر/تشرين الأول من العام الماضي، تعرضت القوات"
    e = one(text, "السابع من أكتوبر/تشرين الأول من العام الماضي")
    assert (e["value"], e["date_start"], e["anchor"]) == ("2023-10-07", date(2023, 10, 7), "publication_date")
    e = one(text, "السابع", pub=None)
    assert (e["value"], e["date_start"], e["anchor"]) == ("XXXX-10-07", None, "unanchored")


def test_year_less_dates_resolve_to_the_past_by_default():
    e = one("قتل قائد الميليشيا في 4 كانون الثاني/يناير في بغداد", "4 كانون")
    assert e["value"] == "2024-01-04"
    e = one("تعرضت القواعد لهجمات منذ 17 أكتوبر الماضي", "17 أكتوبر")
    assert e["value"] == "2023-10-17"


def test_ambiguous_month_words_need_context():
    assert run("مارس الضغط على الحكومة وقال أب الضحية").expressions == []
    assert one("وفي مارس الماضي اجتمع", "مارس")["value"] == "2023-03"


def test_named_event_is_not_a_date():
    assert run("وقالت قوى 14 آذار إن التحالف انتهى").expressions == []


# --- years, ranges, decades ---------------------------------------------------------
def test_years_need_year_evidence():
    res = run("ويقوم 2500 جندي أميركي بمهمة منذ عام 2014، وغزت أمريكا العراق في 2003، مع أكثر من 150,000 مقاتل.")
    values = [(e["surface"], e["value"]) for e in res.expressions]
    assert values == [("منذ عام 2014", "2014"), ("في 2003", "2003")]
    assert res.rejected_numbers == 1  # 2500 soldiers
    assert run("دفعت الحكومة 2000 دولار لكل عائلة").rejected_numbers == 1


def test_year_range_and_list():
    e = one("بين عامي 2011 و 2014 ، بعد أن سحبت", "بين")
    assert (e["surface"], e["value"]) == ("بين عامي 2011 و 2014", "2011/2014")
    assert (e["date_start"], e["date_end"]) == (date(2011, 1, 1), date(2014, 12, 31))
    e = one("استمرت الحرب من 1980 إلى 1988 وتسببت", "1980")
    assert e["value"] == "1980/1988"


def test_decades():
    e = one("في الثمانينيات من القرن الماضي اندلعت", "الثمانينيات")
    assert (e["value"], e["granularity"], e["date_start"]) == ("198", "decade", date(1980, 1, 1))
    assert one("منذ التسعينات", "التسعينات", pub=None)["value"] == "199"


def test_month_with_year_and_part_of_period():
    e = one("في أوائل يناير، شنت الولايات المتحدة غارة", "أوائل يناير")
    assert (e["value"], e["date_start"], e["date_end"]) == ("2024-01", date(2024, 1, 1), date(2024, 1, 10))
    e = one("في مطلع العام الماضي وقعت", "مطلع العام الماضي")
    assert e["value"] == "2023" and e["date_start"] == date(2023, 1, 1) and e["date_end"] < date(2023, 6, 1)


# --- weekdays and relative expressions ---------------------------------------
def test_weekday_past_and_future():
    e = one("حسبما أعلن وزير الدفاع لويد أوستن يوم الخميس.", "الخميس")
    assert (e["value"], e["anchor"]) == ("2024-01-25", "publication_date")
    assert one("وسيزور الرئيس القاهرة الخميس المقبل", "الخميس")["value"] == "2024-02-01"
    assert one("ومن المقرر أن يصل الوفد الثلاثاء إلى بغداد", "الثلاثاء")["value"] == "2024-01-30"
    assert one("وقعت الهجمات يوم الثلاثاء", "الثلاثاء", pub=None)["value"] == "XXXX-WXX-2"


def test_weekday_datetime_publication():
    e = one("وقعت الهجمات الأخيرة يوم الثلاثاء عندما", "الثلاثاء",
            pub=datetime(2024, 1, 28, 10, 45))
    assert e["value"] == "2024-01-23"


@pytest.mark.parametrize("text,surface,value,start,end", [
    ("قال أمس إن", "أمس", "2024-01-27", date(2024, 1, 27), date(2024, 1, 27)),
    ("يوجد اليوم أكثر من", "اليوم", "2024-01-28", date(2024, 1, 28), date(2024, 1, 28)),
    ("التقى الأسبوع الماضي مع", "الأسبوع الماضي", "2024-W03", date(2024, 1, 15), date(2024, 1, 21)),
    ("سيتم الإعلان هذا الشهر عن", "هذا الشهر", "2024-01", date(2024, 1, 1), date(2024, 1, 31)),
    ("وصل إلى بغداد في وقت سابق من هذا الشهر للإشراف", "في وقت سابق من هذا الشهر", "2024-01",
     date(2024, 1, 1), date(2024, 1, 28)),
    ("ارتفعت الأسعار العام الماضي بنسبة", "العام الماضي", "2023", date(2023, 1, 1), date(2023, 12, 31)),
    ("سيعقد الاجتماع الشهر المقبل في", "الشهر المقبل", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("وصل منذ ثلاثة أيام إلى", "منذ ثلاثة أيام", "2024-01-25", date(2024, 1, 25), date(2024, 1, 25)),
    ("في أعقاب هجوم في نهاية الأسبوع على قاعدة", "في نهاية الأسبوع", "2024-W03-WE",
     date(2024, 1, 20), date(2024, 1, 21)),
    ("يليه انسحاب القوات المتبقية بعد عام آخر.", "بعد عام آخر", "2025", date(2025, 1, 1), date(2025, 12, 31)),
])
def test_relative_expressions(text, surface, value, start, end):
    e = one(text, surface)
    assert e["surface"] == surface
    assert (e["value"], e["date_start"], e["date_end"], e["anchor"]) == (value, start, end, "publication_date")


def test_undated_documents_never_use_the_clock():
    for text in ("قال أمس إن", "التقى الأسبوع الماضي مع", "سيتم الإعلان هذا الشهر عن",
                 "وصل منذ ثلاثة أيام إلى", "بعد عام آخر.", "في نوفمبر المقبل"):
        for e in run(text, pub=None).expressions:
            assert e["anchor"] == "unanchored" and e["date_start"] is None and e["date_end"] is None
            assert "X" in e["value"]


def test_sentences_limit_tense_context():
    text = "سيبدأ الحوار قريبا. الخميس وقع هجوم"
    res = run(text, sentences=[(0, 19), (20, len(text))])
    assert [e["value"] for e in res.expressions if e["surface"] == "الخميس"] == ["2024-01-25"]


# --- Hijri -------------------------------------------------------------------
def test_hijri_dates_converted_with_a_calendar():
    e = one("صدر المرسوم في 15 رمضان 1445 هـ.", "رمضان")
    assert (e["value"], e["anchor"]) == ("2024-03-25", "absolute")
    e = one("في عام 1445 هـ صدر", "1445")
    assert e["date_start"] == date(2023, 7, 19) and e["date_end"] == date(2024, 7, 6)
    assert e["granularity"] == "year"


def test_hijri_month_without_year_uses_publication_date():
    e = one("وستفتح السلطات المعبر طوال أيام شهر رمضان", "رمضان", pub=date(2018, 5, 27))
    assert e["value"] == "2018-05-16/2018-06-14" and e["anchor"] == "publication_date"
    assert run("وستفتح السلطات المعبر طوال أيام شهر رمضان", pub=None).expressions == []


def test_names_and_constructs_are_not_time_expressions():
    res = run('وخلال مقابلة مع قناة "روسيا اليوم"، تم بثها الخميس')
    assert [e["surface"] for e in res.expressions] == ["الخميس"]
    assert run("عاش الناس أيام الحرب في الملاجئ").expressions == []
    assert run("يعملون 10 ساعات في اليوم")  # "per day" is not today
    assert [e["value"] for e in run("يعملون 10 ساعات في اليوم").expressions] == ["PT10H"]


def test_part_of_day_prefixes():
    e = one("أعلن في الساعات الأولى من يوم الاثنين أن", "الاثنين")
    assert e["surface"] == "في الساعات الأولى من يوم الاثنين" and e["value"] == "2024-01-22"


# --- durations and sets --------------------------------------------------------
@pytest.mark.parametrize("text,surface,value", [
    ("وستبقى القوات فيه لمدة ثلاث سنوات مقبلة", "ثلاث سنوات", "P3Y"),
    ("أن تستغرق المحادثات عدة أشهر على الأقل", "عدة أشهر", "PXM"),
    ("لانسحاب القوات من البلاد خلال العامين المقبلين، بعد", "خلال العامين المقبلين", "P2Y"),
    ("ستسحب قواتها خلال السنوات الثلاث المقبلة", "السنوات الثلاث", "P3Y"),
    ("استمر الحصار 48 ساعة", "48 ساعة", "PT48H"),
    ("في الأيام المقبلة سيبدأ", "الأيام المقبلة", "PXD"),
])
def test_durations(text, surface, value):
    e = one(text, surface)
    assert (e["kind"], e["value"], e["date_start"], e["granularity"]) == ("duration", value, None, None)


def test_past_present_future_references():
    res = run("وقال مؤخرا إن القوات المتمركزة حاليا ستنسحب قريبا")
    assert [e["value"] for e in res.expressions] == ["PAST_REF", "PRESENT_REF", "FUTURE_REF"]


def test_sets():
    e = one("يجتمع المجلس كل أسبوع", "كل أسبوع")
    assert (e["kind"], e["value"]) == ("set", "P1W")


# --- the seeds -------------------------------------------------------------------
def _by_surface(res: TimexResult) -> dict[str, dict]:
    return {e["surface"]: e for e in res.expressions}


def test_seed_000_published():
    text = seed("000")
    res = run(text, date(2024, 1, 28))
    got = _by_surface(res)
    assert got["يوم الخميس"]["value"] == "2024-01-25"
    assert got["منذ عام 2014"]["value"] == "2014"
    assert got["يوم الثلاثاء"]["value"] == "2024-01-23"
    assert got["في نهاية الأسبوع"]["value"] == "2024-W03-WE"
    assert got["بين عامي 2011 و 2014"]["value"] == "2011/2014"
    assert got["في وقت سابق من هذا الشهر"]["value"] == "2024-01"
    assert got["في أوائل يناير"]["value"] == "2024-01"
    assert got["عدة أشهر"]["value"] == "PXM"
    assert not any("2500" in s or "150,000" in s for s in got)
    assert res.rejected_numbers == 1


def test_seed_undated_articles():
    got = _by_surface(run(seed("003"), None))
    four = [e for s, e in got.items() if "4 كانون الثاني/يناير" in s]
    assert four and all(e["value"] == "XXXX-01-04" and e["date_start"] is None for e in four)
    assert got["منذ 17 أكتوبر"]["value"] == "XXXX-10-17"
    assert got["في أغسطس 2023"]["value"] == "2023-08"
    got = _by_surface(run(seed("002"), None))
    assert got["خلال العامين المقبلين"]["value"] == "P2Y"
    assert [e["value"] for s, e in got.items() if "سبتمبر/أيلول 2025" in s] == ["2025-09"]
    assert [e["value"] for s, e in got.items() if "السابع من أكتوبر" in s] == ["XXXX-10-07"]
    got = _by_surface(run(seed("001"), None))
    assert got["عام 2017"]["value"] == "2017"
    assert got["في عام 2003"]["value"] == "2003"
    assert got["في كانون الثاني/يناير"]["value"] == "XXXX-01"
    assert got["الأسبوع الماضي"]["value"] == "XXXX-WXX"
    got = _by_surface(run(seed("004"), None))
    assert got["لمدة ثلاث سنوات مقبلة"]["kind"] == "duration"
    assert got["لمدة ثلاث سنوات مقبلة"]["value"] == "P3Y"


# --- helpers for the asset checks ------------------------------------------------------
@pytest.mark.parametrize("value,ok", [
    ("2024", True), ("2024-01", True), ("2024-01-28", True), ("2024-W04", True),
    ("2024-W03-WE", True), ("XXXX-01-04", True), ("XXXX-WXX-4", True), ("P3Y", True),
    ("PXM", True), ("PT48H", True), ("198", True), ("2011/2014", True),
    ("2024-01-28T10:45", True), ("2024-13", False), ("2023-02-30", False), ("P3", False),
    ("2014/2011", False), ("", False), ("yesterday", False), ("2024-W60", False),
])
def test_is_valid_timex(value, ok):
    assert is_valid_timex(value) is ok


def test_plausible_window():
    lo, hi = plausible_window(datetime(2024, 1, 28, 10, 0))
    assert lo == date(1874, 1, 1) and hi == date(2054, 12, 31)
    assert plausible_window(None) == (date(1850, 1, 1), date(2100, 12, 31))
    res = run("في عام 1200 بنيت القلعة، وفي عام 2500 جندي")
    assert res.expressions == [] and res.rejected_numbers == 2


def test_original_text_with_diacritics_is_preserved():
    text = "وسيلتقي غداً بالرئيس في الخَمِيس المقبل"
    res = run(text)
    assert [e["surface"] for e in res.expressions] == ["غداً", "في الخَمِيس المقبل"]


# --- folding and the gold sample -----------------------------------------------------
def test_fold_view_matches_normalize_for_matching_and_maps_offsets():
    from pipeline.extract.timex.grammar import fold_view
    from pipeline.text.normalize import TATWEEL, normalize_for_matching

    for path in SEEDS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        expected = normalize_for_matching(text).replace("\n", "\x00").replace(TATWEEL, "")
        assert fold_view(text).text == expected
    text = "قال غداً إنّ الاجتماعَ في ٤ كانون الثاني"
    fv = fold_view(text)
    i = fv.text.index("4 كانون")
    s, e = fv.to_original(i, i + len("4 كانون"))
    assert text[s:e] == "٤ كانون"
    assert fv.to_folded(s) == i


def test_expressions_never_cross_a_line_break():
    text = "قال إنه في\n\nالأشهر الثلاثة الماضية تراجعت الهجمات"
    res = extract_time_expressions(text, date(2018, 3, 1))
    assert [e["surface"] for e in res.expressions] == ["الأشهر الثلاثة الماضية"]
    assert all("\n" not in e["surface"] for e in res.expressions)


def _corpus_file() -> Path:
    p = Path(os.environ.get("KHABAR_CORPUS", ROOT.parent / "shared" / "corpus" / "ant"))
    return p / "ant_v2.1_middle_east_international.jsonl" if p.is_dir() else p


def test_gold_sample_references_reproduce_surfaces():
    gold = [json.loads(line) for line in (ROOT / "bench" / "dates_gold.jsonl").open(encoding="utf-8")]
    assert len(gold) == 50
    for g in gold:
        assert g["sent_start"] < g["sent_end"]
        for x in g["expected"]:
            assert g["sent_start"] <= x["start"] < x["end"] <= g["sent_end"]
            assert is_valid_timex(x["value"]), x
    corpus = _corpus_file()
    if not corpus.exists():
        pytest.skip("shared corpus not available")
    wanted = {g["docno"] for g in gold}
    texts = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["docno"] in wanted:
                texts[d["docno"]] = d["text"]
    for g in gold:
        text = texts[g["docno"]]
        for x in g["expected"]:
            assert text[x["start"]:x["end"]] == x["surface"]
