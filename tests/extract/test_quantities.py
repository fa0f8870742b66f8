"""Tests for pipeline.extract.quantities (hand-built mention/timex inputs)."""

import re
from pathlib import Path

import pytest

from pipeline.extract.quantities import CATEGORIES, QUALIFIERS, extract_quantities

from tests.extract.fact_helpers import SEEDS, mentions_for, split  # noqa: E402,F401






PLACES = [("العراق", "loc:iq", "LOC", "country"), ("سوريا", "loc:sy", "LOC", "country"),
          ("الولايات المتحدة", "loc:us", "LOC", "country"), ("تركيا", "loc:tr", "LOC", "country"),
          ("بغداد", "loc:iq-bgw", "LOC", "city")]


def run(text, specs=PLACES, timexes=()):
    rows = extract_quantities(text, split(text), mentions_for(text, specs), timexes)
    for r in rows:
        assert text[r["start"]:r["end"]] == r["surface"]
        assert r["category"] in CATEGORIES
        assert r["qualifier"] in QUALIFIERS
        assert r["value"] is None or r["value"] >= 0
        assert 0 < r["confidence"] <= 1
    return rows


def one(rows, needle):
    found = [r for r in rows if needle in r["surface"]]
    assert found, f"{needle!r} not in {[r['surface'] for r in rows]}"
    return found[0]


def test_vocabularies_exported():
    assert "troops" in CATEGORIES and "money" in CATEGORIES and "other" in CATEGORIES
    assert set(QUALIFIERS) >= {"about", "at_least", "more_than", "fewer_than", "at_most", "range", "exact"}


def test_troops_with_actor_location_and_ellipsis():
    text = "وينتشر 2500 جندي أمريكي في العراق و900 في سوريا منذ سنوات."
    rows = run(text)
    a, b = one(rows, "2500"), one(rows, "900")
    assert (a["value"], a["category"], a["actor_entity_id"], a["location_entity_id"]) == (2500, "troops", "loc:us", "loc:iq")
    assert b["surface"] == "900"
    assert (b["value"], b["category"], b["actor_entity_id"], b["location_entity_id"]) == (900, "troops", "loc:us", "loc:sy")
    assert not [r for r in rows if "سنوات" in r["surface"]]


def test_actor_from_preceding_country_and_arabic_indic_digits():
    text = "نشرت تركيا نحو ١٬٥٠٠ جندي في شمال سوريا."
    r = one(run(text), "١٬٥٠٠")
    assert (r["value"], r["qualifier"], r["category"]) == (1500, "about", "troops")
    assert r["actor_entity_id"] == "loc:tr" and r["location_entity_id"] == "loc:sy"


@pytest.mark.parametrize(
    ("text", "needle", "qualifier", "value", "category"),
    [
        ("قتل ما لا يقل عن 12 شخصا في الانفجار.", "12", "at_least", 12, "casualties_killed"),
        ("أصيب أكثر من ثلاثة آلاف مدني.", "ثلاثة آلاف", "more_than", 3000, "casualties_injured"),
        ("شارك أقل من 50 شخصا في الاجتماع.", "50", "fewer_than", 50, "people"),
        ("يضم التنظيم ما لا يزيد عن 40 مقاتلا.", "40", "at_most", 40, "fighters"),
        ("أرسلت الجماعة ما يقارب 300 عنصر.", "300", "about", 300, "fighters"),
        ("سجلت أزيد من 200 هجوم على المواقع.", "200", "more_than", 200, "attacks"),
        ("وصل قرابة ألفي لاجئ إلى الحدود.", "ألفي", "about", 2000, "people"),
        ("سقط 7 قتلى و15 جريحا.", "7 قتلى", "exact", 7, "casualties_killed"),
        ("سقط 7 قتلى و15 جريحا.", "15 جريحا", "exact", 15, "casualties_injured"),
        ("فرضت غرامة قدرها 2.5 مليون يورو.", "2.5 مليون", "exact", 2_500_000, "money"),
    ],
)
def test_qualifiers_and_categories(text, needle, qualifier, value, category):
    r = one(run(text), needle)
    assert r["qualifier"] == qualifier
    assert r["value"] == pytest.approx(value)
    assert r["category"] == category
    assert r["vague"] is False


def test_range_has_min_and_max():
    r = one(run("تظاهر بين 200 و300 متظاهر أمام السفارة."), "200")
    assert r["qualifier"] == "range" and r["value"] is None
    assert (r["value_min"], r["value_max"], r["category"]) == (200, 300, "people")
    assert r["surface"] == "200 و300 متظاهر"


@pytest.mark.parametrize(
    ("text", "needle", "category"),
    [("قتل عشرات المدنيين في القصف.", "عشرات", "casualties_killed"),
     ("خرج آلاف المتظاهرين إلى الشوارع.", "آلاف", "people"),
     ("انضم إليهم مئات الجنود من دول أوروبية.", "مئات", "troops")],
)
def test_vague_amounts(text, needle, category):
    r = one(run(text), needle)
    assert r["vague"] is True and r["value"] is None and r["category"] == category


@pytest.mark.parametrize(
    ("text", "currency", "value"),
    [("وقعت اتفاقيات بقيمة 8 مليارات دولار.", "USD", 8e9),
     ("خصصت 500 مليون دينار عراقي للمشروع.", "IQD", 5e8),
     ("بلغت الخسائر 300 ألف ليرة سورية.", "SYP", 3e5),
     ("تبرعت بمبلغ 20 مليون ريال سعودي.", "SAR", 2e7)],
)
def test_money_currency(text, currency, value):
    r = [q for q in run(text) if q["category"] == "money"][0]
    assert r["currency"] == currency and r["value"] == pytest.approx(value)
    assert r["actor_entity_id"] is None  # the currency's nationality is not an actor


def test_numbers_in_time_expressions_are_not_quantities():
    text = "في عام 2014 وصل 40 خبيرا. وفي 17 أكتوبر الساعة 10:45 قتل 3 أشخاص خلال ثلاث سنوات."
    timex_surface = "17 أكتوبر"
    s = text.index(timex_surface)
    timexes = [{"start": s, "end": s + len(timex_surface), "surface": timex_surface, "kind": "date",
                "value": "2023-10-17", "date_start": None, "date_end": None, "granularity": "day", "anchor": None}]
    rows = run(text, timexes=timexes)
    surfaces = [r["surface"] for r in rows]
    assert not any(x in s_ for s_ in surfaces for x in ("2014", "17", "10", "45", "ثلاث"))
    assert one(rows, "3 أشخاص")["category"] == "casualties_killed"
    assert one(rows, "40")["value"] == 40


def test_times_noun_counts_attacks_only_in_attack_context():
    rows = run("تم استهداف القواعد 60 مرة في العراق وأكثر من 90 مرة في سوريا.")
    a, b = one(rows, "60"), one(rows, "90")
    assert a["category"] == b["category"] == "attacks"
    assert (a["location_entity_id"], b["location_entity_id"], b["qualifier"]) == ("loc:iq", "loc:sy", "more_than")
    assert one(run("زار الوزير المدينة 3 مرات."), "3")["category"] == "other"


# --- the seeds' own facts -------------------------------------------------

def seed(prefix):
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_seed_001_troops_iraq_and_syria_by_ellipsis():
    text = seed("001")
    rows = run(text)
    first_line = [r for r in rows if r["sentence_index"] == 1]
    a, b = first_line[0], first_line[1]
    assert (a["surface"], a["value"], a["qualifier"], a["category"]) == ("2500 جندي", 2500, "about", "troops")
    assert (a["actor_entity_id"], a["location_entity_id"]) == ("loc:us", "loc:iq")
    assert (b["surface"], b["value"], b["category"], b["location_entity_id"], b["actor_entity_id"]) == (
        "900", 900, "troops", "loc:sy", "loc:us")


def test_seed_000_fighters_and_attack_counts():
    rows = run(seed("000"))
    f = one(rows, "150,000")
    assert (f["value"], f["qualifier"], f["category"]) == (150000, "more_than", "fighters")
    a60, a90 = one(rows, "60 مرة"), one(rows, "90 مرة")
    assert (a60["category"], a60["location_entity_id"]) == ("attacks", "loc:iq")
    assert (a90["category"], a90["qualifier"], a90["location_entity_id"]) == ("attacks", "more_than", "loc:sy")
    inj = one(rows, "أربعة")
    assert (inj["value"], inj["category"]) == (4, "casualties_injured")
    assert not [r for r in rows if r["surface"].startswith(("2011", "2014", "2024"))]


def test_seed_002_at_least_70_attacks():
    r = one(run(seed("002")), "70")
    assert (r["surface"], r["value"], r["qualifier"], r["category"]) == ("70 هجوما", 70, "at_least", "attacks")


def test_seed_003_actor_from_possessive_lam():
    # "للولايات المتحدة": the entity extractor's mention starts after the preposition ل
    r = one(run(seed("003"), PLACES + [("لولايات المتحدة", "loc:us", "LOC", "country")]), "2500")
    assert (r["qualifier"], r["category"], r["actor_entity_id"], r["location_entity_id"]) == ("about", "troops", "loc:us", "loc:iq")


def test_seed_004_money_and_troops():
    rows = run(seed("004"))
    m = one(rows, "مليارات")
    assert (m["surface"], m["value"], m["category"], m["currency"]) == ("8 مليارات دولار", 8e9, "money", "USD")
    t = one(rows, "5000")
    assert (t["value"], t["qualifier"], t["category"], t["actor_entity_id"], t["location_entity_id"]) == (
        5000, "about", "troops", "loc:us", "loc:iq")


def test_phone_numbers_and_huge_values_are_not_quantities():
    rows = run("للتواصل: 0096477012345 أو 123456789012345678 دولار. وبلغت الميزانية تريليوني دولار.")
    assert [r["value"] for r in rows] == [2e12]
    assert rows[0]["category"] == "money" and rows[0]["currency"] == "USD"


def test_descending_pairs_are_not_ranges():
    """A score (2–1) or a change (من 6899 إلى 6254) must not become a range with min > max."""
    for text in ("فاز الفريق 2–1 على خصمه", "تراجع عدد القتلى من 6899 إلى 6254 قتيلا"):
        rows = extract_quantities(text, [(0, len(text))], [])
        assert rows and all(r["qualifier"] != "range" for r in rows)
        assert all(r["value_min"] is None or r["value_max"] is None or r["value_min"] <= r["value_max"] for r in rows)
    text = "بين 10 و20 جنديا"
    (row,) = extract_quantities(text, [(0, len(text))], [])
    assert (row["value_min"], row["value_max"], row["qualifier"]) == (10.0, 20.0, "range")
