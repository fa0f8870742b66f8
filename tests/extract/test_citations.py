"""Tests for pipeline.extract.citations (hand-built mention inputs)."""

import re
from pathlib import Path

import pytest

from pipeline.extract.citations import ROLES, SOURCE_KINDS, extract_citations

from tests.extract.fact_helpers import SEEDS, mentions_for, split  # noqa: E402,F401






def run(text, specs=()):
    rows = extract_citations(text, split(text), mentions_for(text, specs))
    for r in rows:
        assert text[r["cue_start"]:r["cue_end"]] == r["cue"]
        assert text[r["source_start"]:r["source_end"]] == r["source_surface"]
        assert r["start"] <= r["cue_start"] and r["start"] <= r["source_start"]
        assert r["end"] >= r["cue_end"] and r["end"] >= r["source_end"]
        assert r["source_kind"] in SOURCE_KINDS and r["role"] in ROLES
    return rows


def by_source(rows):
    return {r["source_surface"]: r for r in rows}


@pytest.mark.parametrize(
    ("text", "cue", "source", "kind"),
    [("وبحسب وكالة الأناضول، وصلت التعزيزات.", "وبحسب", "وكالة الأناضول", "news_agency"),
     ("وذلك وفقا لصحيفة واشنطن بوست الأمريكية.", "وفقا", "صحيفة واشنطن بوست الأمريكية", "media"),
     ("ونقلا عن مصدر أمني، فإن الهجوم فشل.", "ونقلا عن", "مصدر أمني", "anonymous"),
     ("حسبما ذكرت وزارة الصحة في بيانها.", "حسبما ذكرت", "وزارة الصحة", "official"),
     ("وبحسب تقرير للأمم المتحدة فإن الأزمة تتفاقم.", "وبحسب", "للأمم المتحدة", "official"),
     ("وبحسب البيان، فإن الاجتماع انتهى.", "وبحسب", "البيان", "document"),
     ("طبقا لمسؤولين محليين، فقد قتل ثلاثة.", "طبقا", "مسؤولين محليين", "anonymous")],
)
def test_prepositional_cues(text, cue, source, kind):
    r = by_source(run(text))[source]
    assert (r["cue"], r["source_kind"], r["role"]) == (cue, kind, "source")


def test_speaker_to_outlet_gives_two_rows():
    text = "وقال دبلوماسي غربي لوكالة فرانس برس إن المحادثات متعثرة."
    rows = by_source(run(text))
    assert rows["دبلوماسي غربي"]["source_kind"] == "anonymous" and rows["دبلوماسي غربي"]["role"] == "source"
    assert rows["وكالة فرانس برس"]["source_kind"] == "news_agency" and rows["وكالة فرانس برس"]["role"] == "outlet"


def test_entity_linking_from_mentions():
    text = "وذكرت مصادر لرويترز أن الاتفاق وشيك."
    rows = by_source(run(text, [("رويترز", "org:reuters", "ORG", "news_org")]))
    assert rows["رويترز"]["source_entity_id"] == "org:reuters"
    assert rows["مصادر"]["source_kind"] == "anonymous"


def test_non_source_after_cue_is_ignored():
    assert run("وفقا للعوامل التالية: التهديد والمتطلبات.") == []
    assert run("تحدث الوزير عن الاقتصاد.") == []


def test_translation_credit_records_both_outlets():
    text = 'تقرير "نيويورك تايمز" ترجمة خاصة SomeSite\n\nنص التقرير.'
    rows = by_source(run(text))
    assert rows["نيويورك تايمز"]["role"] == "translated_from" and rows["نيويورك تايمز"]["source_kind"] == "media"
    assert rows["SomeSite"]["role"] == "translator" and rows["SomeSite"]["source_kind"] == "translation"


# --- seeds ------------------------------------------------------------------

def seed(prefix):
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_seed_000_citations():
    rows = run(seed("000"), [("لويد أوستن", "per:lloyd-austin", "PERSON", "minister"),
                             ("رويترز", "org:reuters", "ORG", "news_org")])
    src = by_source(rows)
    assert src["رويترز"]["source_entity_id"] == "org:reuters" and src["رويترز"]["source_kind"] == "news_agency"
    assert src["رويترز"]["cue"] == "قالت"
    assert src["مصادر"]["source_kind"] == "anonymous"
    austin = src["وزير الدفاع الأمريكي لويد أوستن"]
    assert (austin["cue"], austin["source_kind"], austin["source_entity_id"]) == ("حسبما أعلن", "official", "per:lloyd-austin")
    assert src["ميدل إيست آي"]["role"] == "translated_from"
    assert src["Draw"]["role"] == "translator" and src["Draw"]["source_kind"] == "translation"


def test_seed_002_report_by_reuters_and_ina():
    src = by_source(run(seed("002")))
    assert (src["رويترز"]["cue"], src["رويترز"]["source_kind"]) == ("وفقا", "news_agency")
    assert src["رويترز"]["start"] < src["رويترز"]["source_start"]
    assert (src["وكالة الأنباء العراقية"]["cue"], src["وكالة الأنباء العراقية"]["source_kind"]) == ("وبحسب", "news_agency")


def test_seed_003_fox_news_and_anonymous_official():
    rows = run(seed("003"))
    fox = [r for r in rows if r["source_surface"] == "شبكة فوكس نيوز"]
    assert fox and all(r["source_kind"] == "media" and r["role"] == "outlet" for r in fox)
    official = [r for r in rows if r["source_surface"] == "مسؤول أمريكي"][0]
    assert (official["cue"], official["source_kind"]) == ("حسبما صرح", "anonymous")
    assert by_source(rows)["للقيادة المركزية الأمريكية"]["source_kind"] == "official"


def test_seed_001_reuters_and_anonymous_government_official():
    src = by_source(run(seed("001")))
    assert src["رويترز"]["source_kind"] == "news_agency"
    assert src["مسؤول حكومي عراقي كبير"]["source_kind"] == "anonymous"


# --- B4: وفق / وفقا لما + verb cue shapes -----------------------------------------

@pytest.mark.parametrize(
    ("text", "cue", "source", "kind"),
    [("وبدأت هدنة، وفقا لما نقلته وكالة سبوتنيك الروسية.", "وفقا لما نقلته", "وكالة سبوتنيك الروسية", "news_agency"),
     ("تتواصل العودة، وفق المرصد السوري لحقوق الإنسان.", "وفق", "المرصد السوري لحقوق الإنسان", "official"),
     ("قتل ثلاثة مدنيين، وفق ما أوردت وكالة الأناضول.", "وفق ما أوردت", "وكالة الأناضول", "news_agency"),
     ("ارتفع عدد الضحايا وفقاً لما ذكرته وزارة الصحة.", "وفقاً لما ذكرته", "وزارة الصحة", "official"),
     ("وارتفع عدد القتلى، ووفق مصادر طبية فإن بينهم أطفالا.", "ووفق", "مصادر طبية", "anonymous"),
     ("انتهى الاجتماع، ووفقًا لما أعلنه مسؤول محلي فإن الطرفين اتفقا.", "ووفقًا لما أعلنه", "مسؤول محلي", "anonymous"),
     ("فوفقا لما نشرته صحيفة الغارديان، فإن الصفقة ألغيت.", "فوفقا لما نشرته", "صحيفة الغارديان", "media"),
     ("وفق ما ذكر مسؤولون أمنيون، فقد أغلقت الطرق.", "وفق ما ذكر", "مسؤولون أمنيون", "anonymous"),
     ("ووفقا لما ذكر ببيان صادر عن الجيش، فقد انتهت العملية.", "ووفقا لما ذكر", "الجيش", "official")],
)
def test_wafq_and_wafqan_lima_cues(text, cue, source, kind):
    rows = run(text)
    r = by_source(rows).get(source)
    assert r is not None, [(x["cue"], x["source_surface"]) for x in rows]
    assert (r["cue"], r["source_kind"], r["role"]) == (cue, kind, "source")
    assert text[r["cue_start"]:r["cue_end"]] == cue and text[r["source_start"]:r["source_end"]] == source


@pytest.mark.parametrize(
    "text",
    ["وتسير الأمور وفق الخطة المرسومة.",      # وفق + a plan: not a source
     "وتم توزيع المساعدات وفق الأولويات.",
     "نفذ الهجوم وفقا لما خطط له."],        # وفقا لما + a verb with no source after it
)
def test_wafq_without_a_source_gives_nothing(text):
    assert run(text) == []


def test_document_author_ends_before_a_relative_verb():
    text = "وفق بيان لوزارة الخارجية نشرته وكالة الأنباء الرسمية."
    src = by_source(run(text))
    assert "وزارة الخارجية" in src and src["وزارة الخارجية"]["source_kind"] == "official"
