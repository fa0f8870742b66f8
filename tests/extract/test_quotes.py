"""Tests for pipeline.extract.quotes (hand-built mention inputs)."""

import re
from pathlib import Path

import pytest

from pipeline.extract.quotes import SPEAKER_KINDS, extract_quotes, find_quote_spans

from tests.extract.fact_helpers import SEEDS, mentions_for, split  # noqa: E402,F401






def run(text, specs=()):
    rows = extract_quotes(text, split(text), mentions_for(text, specs))
    for r in rows:
        assert text[r["start"]:r["end"]] == r["quote_text"]
        assert r["quote_text"][:1] not in "“”«»\"" and r["quote_text"][-1:] not in "“”«»\""
        assert r["speaker_kind"] in SPEAKER_KINDS
        if r["speaker_start"] is not None:
            assert text[r["speaker_start"]:r["speaker_end"]] == r["speaker_surface"]
    return rows


def test_guillemets_with_named_speaker_before_colon():
    text = "وقال وزير الخارجية أحمد علي للصحفيين: «نحن ملتزمون بالحوار مع جميع الأطراف»."
    [q] = run(text, [("أحمد علي", "per:ahmed-ali", "PERSON", "minister")])
    assert q["quote_text"] == "نحن ملتزمون بالحوار مع جميع الأطراف"
    assert (q["speaker_surface"], q["speaker_entity_id"], q["speaker_kind"], q["reporting_verb"]) == (
        "أحمد علي", "per:ahmed-ali", "named", "وقال")


def test_speaker_after_the_quote():
    text = '"لن نسمح بتكرار ما حدث"، قال المتحدث باسم الجيش.'
    [q] = run(text)
    assert q["quote_text"] == "لن نسمح بتكرار ما حدث"
    assert q["speaker_surface"] == "المتحدث باسم الجيش" and q["speaker_kind"] == "named"
    assert q["reporting_verb"] == "قال"


def test_name_colon_quote_headline():
    text = "ماكرون: «لن نتراجع عن دعم أوكرانيا»"
    [q] = run(text, [("ماكرون", "per:macron", "PERSON", None)])
    assert (q["speaker_surface"], q["speaker_entity_id"], q["speaker_kind"]) == ("ماكرون", "per:macron", "named")
    assert q["reporting_verb"] is None


def test_colon_quote_without_quotation_marks():
    text = "وقال المتحدث باسم الشرطة: الوضع تحت السيطرة تماما ولا داعي للقلق.\nوفي سياق آخر وصل الوفد."
    [q] = run(text)
    assert q["quote_text"] == "الوضع تحت السيطرة تماما ولا داعي للقلق"
    assert q["speaker_surface"] == "المتحدث باسم الشرطة"


def test_quote_spanning_sentences_and_continuation_verb():
    text = ("وقال سامي الحسن: «الوضع صعب للغاية. لكننا سنصمد حتى النهاية».\n"
            "وأضاف «لن نغادر أرضنا مهما كلف الأمر».")
    q1, q2 = run(text, [("سامي الحسن", "per:sami", "PERSON", None)])
    assert q1["quote_text"] == "الوضع صعب للغاية. لكننا سنصمد حتى النهاية"
    assert q1["speaker_kind"] == "named"
    assert q2["speaker_kind"] == "previous" and q2["reporting_verb"] == "وأضاف"
    assert (q2["speaker_surface"], q2["speaker_entity_id"]) == ("سامي الحسن", "per:sami")


def test_anonymous_speakers():
    text = 'قال مسؤول أمريكي: "لا توجد خطط للانسحاب في الوقت الحالي".\n"الوضع مستقر نسبيا"، وفقا لمصادر أمنية.'
    q1, q2 = run(text)
    assert (q1["speaker_surface"], q1["speaker_kind"]) == ("مسؤول أمريكي", "anonymous")
    assert (q2["speaker_surface"], q2["speaker_kind"]) == ("مصادر أمنية", "anonymous")


def test_scare_quotes_dropped_long_uncued_quote_kept_unknown():
    text = ('وأصبح العراق "الملعب المفضل" للصراع.\n'
            'وجاء في اللافتة "لا للحرب ولا للاحتلال ولا للفساد في بلادنا بعد اليوم".')
    rows = run(text)
    assert [r["quote_text"] for r in rows] == ["لا للحرب ولا للاحتلال ولا للفساد في بلادنا بعد اليوم"]
    assert rows[0]["speaker_kind"] == "unknown" and rows[0]["speaker_start"] is None


def test_short_characterisation_after_wasafa_is_a_quote_of_its_subject():
    # sixth session: one convention in both golds — the held-out golds (A–P) count a two-word characterisation
    # after وصف as the subject's quote ("وصف العبادي تدمير المسجد بـ"جريمة تاريخية""); it was dropped before
    # (the seed gold's old convention, changed with it: tests/gold/seeds_facts.yaml, seed 000)
    text = 'ووصف رئيس الوزراء العراقي حيدر العبادي تدمير المسجد بـ"جريمة تاريخية" مثلت هزيمة التنظيم.'
    [q] = run(text, [("حيدر العبادي", "per:haider-al-abadi", "PERSON", None)])
    assert q["quote_text"] == "جريمة تاريخية"
    assert q["speaker_surface"] == "حيدر العبادي"
    assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_surface"]


def test_find_quote_spans_pairs_marks():
    text = "أ “ب ج” د «هـ و» \"ز ح\""
    assert [text[s:e] for s, e, _ in find_quote_spans(text)] == ["ب ج", "هـ و", "ز ح"]


# --- seeds ------------------------------------------------------------------

def seed(prefix):
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_seed_001_abadi_and_continuation():
    text = seed("001")
    rows = run(text, [("حيدر العبادي", "per:haider-al-abadi", "PERSON", "politician")])
    q1 = [r for r in rows if r["quote_text"].startswith("لا أعتقد")][0]
    q2 = [r for r in rows if r["quote_text"].startswith("كما لا أرى")][0]
    assert (q1["speaker_surface"], q1["speaker_entity_id"], q1["speaker_kind"]) == (
        "حيدر العبادي", "per:haider-al-abadi", "named")
    assert q1["reporting_verb"] == "وقال"
    assert (q2["speaker_entity_id"], q2["speaker_kind"], q2["reporting_verb"]) == ("per:haider-al-abadi", "previous", "وأضاف")


def test_seed_001_without_mentions_uses_noun_phrase():
    rows = run(seed("001"))
    assert rows[0]["speaker_surface"] == "رئيس الوزراء العراقي السابق حيدر العبادي"


def test_seed_003_sudani_and_ryder():
    text = seed("003")
    specs = [("محمد شياع السوداني", "per:mohammed-shia-al-sudani", "PERSON", "prime_minister"),
             ("السوداني", "per:mohammed-shia-al-sudani", "PERSON", "prime_minister"),
             ("بات رايدر", "per:pat-ryder", "PERSON", "spokesperson"),
             ("رايدر", "per:pat-ryder", "PERSON", "spokesperson")]
    rows = run(text, specs)
    by_start = {r["quote_text"].split()[0]: r for r in rows}
    assert by_start["نحن"]["speaker_kind"] == "previous"
    assert by_start["نحن"]["speaker_entity_id"] == "per:mohammed-shia-al-sudani"
    assert by_start["السيادة"]["speaker_kind"] == "named"
    assert by_start["السيادة"]["speaker_entity_id"] == "per:mohammed-shia-al-sudani"
    assert by_start["سيستمر"]["speaker_surface"] == "بات رايدر"
    assert by_start["لست"]["speaker_entity_id"] == "per:pat-ryder"
    # the long quote after "ووفقاً لبيان صحفي صادر عن وزارة الدفاع"
    assert by_start["تعتزم"]["speaker_surface"] == "وزارة الدفاع"


def test_seed_000_quote_then_anonymous_sources():
    rows = run(seed("000"))
    q = [r for r in rows if r["quote_text"].startswith("تغيرت الحسابات")][0]
    assert (q["speaker_surface"], q["speaker_kind"], q["reporting_verb"]) == ("مصادر", "anonymous", "قالت")
    assert not [r for r in rows if r["quote_text"] == "ميدل إيست آي"]
    # sixth session: the characterisation after وصف is the researcher's quote (one convention with the held-out golds)
    [c] = [r for r in rows if r["quote_text"] == "الملعب المفضل"]
    assert c["speaker_surface"].startswith("مدير مبادرة العراق") and c["reporting_verb"] == "وصف"  # no mentions here


# --- B2: a relay phrase after the subject does not supply the speaker ----------

def test_subject_before_relay_phrase_is_the_speaker():
    text = "وكما قال مسؤول أميركي نقلاً عن وكالة الأنباء، فإن “المسألة الآن هي متى وكيف سيتم ذلك”."
    [q] = run(text, [("وكالة الأنباء", "org:news-agency", "ORG", "news_agency")])
    assert (q["speaker_surface"], q["speaker_kind"], q["speaker_entity_id"]) == ("مسؤول أميركي", "anonymous", None)
    assert text[q["speaker_start"]:q["speaker_end"]] == "مسؤول أميركي"


@pytest.mark.parametrize("cue", ["وفقا لـ", "بحسب", "استنادا إلى"])
def test_named_subject_before_other_attribution_cues(cue):
    text = f"وقال المتحدث باسم الحكومة {cue} وكالة رويترز: «لن نتراجع عن قرارنا»."
    [q] = run(text, [("رويترز", "org:reuters", "ORG", "news_agency")])
    assert q["speaker_surface"] == "المتحدث باسم الحكومة" and q["speaker_entity_id"] is None


def test_org_mention_next_to_the_verb_is_still_the_speaker():
    text = "وقالت وزارة الخارجية في بيان: «نرفض هذه الاتهامات جملة وتفصيلا»."
    [q] = run(text, [("وزارة الخارجية", "org:mofa", "ORG", "ministry")])
    assert (q["speaker_surface"], q["speaker_entity_id"], q["speaker_kind"]) == ("وزارة الخارجية", "org:mofa", "named")


# --- B3: attribution does not cross a line break -------------------------------

def test_reporting_verb_on_the_next_line_is_not_the_speaker():
    text = ('وقال متحدث: "إن تركيا ستطهر المنطقة من المسلحين قريبا."\n'
            "وأفاد المرصد أن القصف استمر طوال الليل.")
    [q] = run(text, [("المرصد", "org:sohr", "ORG", "ngo")])
    assert q["quote_text"] == "إن تركيا ستطهر المنطقة من المسلحين قريبا."
    assert (q["speaker_surface"], q["reporting_verb"]) == ("متحدث", "وقال")
    assert text[q["speaker_start"]:q["speaker_end"]] == "متحدث"


def test_attribution_cue_on_the_next_line_is_ignored():
    text = ('وكتب الوزير: "سنواصل العمل حتى تحقيق أهدافنا كاملة"\n'
            "وفقا لمصادر أمنية، وصلت التعزيزات إلى المدينة.")
    [q] = run(text)
    assert q["speaker_surface"] == "الوزير" and q["reporting_verb"] == "وكتب"


def test_uncued_quote_followed_by_verb_on_next_line_stays_unknown():
    text = ('"لا للحرب ولا للاحتلال ولا للفساد في بلادنا بعد اليوم"\n'
            "وقالت الشرطة إن التظاهرة انتهت بسلام.")
    rows = run(text)
    assert rows[0]["speaker_kind"] == "unknown" and rows[0]["speaker_surface"] is None


def test_colon_attribution_before_the_quote_beats_a_verb_after_it():
    text = 'قال المتحدث باسم الجيش: "العملية انتهت بنجاح"، قالت مصادر محلية إن الاشتباكات مستمرة.'
    q = run(text)[0]
    assert q["speaker_surface"] == "المتحدث باسم الجيش"


def test_speaker_after_quote_on_the_same_line_still_works():
    text = "«سنرد على أي هجوم بقوة»، قال قائد الجيش في مؤتمر صحفي.\nوفي سياق آخر وصل الوفد."
    [q] = run(text)
    assert q["speaker_surface"].startswith("قائد الجيش") and q["reporting_verb"] == "قال"


def test_quote_followed_by_new_citation_cue_gets_the_cited_speaker():
    text = "«نرفض أي تدخل في شؤوننا الداخلية»، وفقاً لما ذكرته وزارة الخارجية في بيان."
    [q] = run(text, [("وزارة الخارجية", "org:mofa", "ORG", "ministry")])
    assert q["speaker_surface"] == "وزارة الخارجية" and q["speaker_entity_id"] == "org:mofa"


def test_named_subject_before_the_quote_beats_a_relay_after_it():
    text = 'وقال الرئيس أحمد علي إن "موقفنا ثابت ولن يتغير مهما حدث"، وفق وكالة الأنباء الرسمية.'
    [q] = run(text, [("أحمد علي", "per:ahmed-ali", "PERSON", None)])
    assert (q["speaker_surface"], q["speaker_entity_id"], q["reporting_verb"]) == ("أحمد علي", "per:ahmed-ali", "وقال")


@pytest.mark.parametrize(
    "text",
    ['وتشمل التهم "الدعاية" و"التحريض"، وفق ما ذكرت وكالة "الأناضول".',
     'وحذروا الحوثيين من ارتكاب أي "حماقة"، وفق مسؤول في الحزب.'],
)
def test_short_quotes_cued_only_by_a_citation_are_scare_quotes(text):
    assert run(text) == []


def test_longer_quote_cued_by_a_citation_is_kept_but_a_document_is_no_speaker():
    text = 'ويستخدم المسلحون "موزعين في سوق سوداء يخضعون لسيطرتهم"، وفق التقرير.'
    [q] = run(text)
    assert q["quote_text"] == "موزعين في سوق سوداء يخضعون لسيطرتهم"
    # a report is not a person or organisation and no issuer is named: no speaker
    assert (q["speaker_surface"], q["speaker_kind"], q["reporting_verb"]) == (None, "unknown", "وفق")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [('وقال متحدث باسم الحكومة التركية: "إن تركيا ستسيطر قريبا على المدينة كلها."', "متحدث باسم الحكومة التركية"),
     # the whole phrase since session 4 (speaker_extent): the complement is part of the speaker, not the speaker
     ("وقال مسؤول في وزارة الدفاع: «العملية ستستمر حتى تحقيق أهدافها».", "مسؤول في وزارة الدفاع"),
     ("وقال وزير خارجية الحكومة التركية: «لن نسمح بأي تهديد لحدودنا».", "وزير خارجية الحكومة التركية")],
)
def test_head_noun_after_the_verb_beats_an_org_inside_its_phrase(text, speaker):
    [q] = run(text, [("الحكومة التركية", "org:tr-gov", "ORG", "government"),
                     ("وزارة الدفاع", "org:mod", "ORG", "ministry")])
    assert q["speaker_surface"] == speaker and text[q["speaker_start"]:q["speaker_end"]] == speaker


# --- issue 13: speakers are persons or organisations (regressions from the whole-corpus run) ---

def test_outlet_name_in_quotation_marks_is_not_a_quote_and_newspaper_word_not_a_speaker():
    text = ('وذكرت صحيفة "حرييت" التركية أن الشرطة أطلقت النار على سائق الجرار بعد رفضه التوقف.\n'
            'وقالت صحيفة "لوكوريي بيكارد" الفرنسية إن "الهدف ليس العثور على فتاة بل على سلوك لا غبار عليه".')
    rows = run(text)
    assert [r["quote_text"] for r in rows] == ["الهدف ليس العثور على فتاة بل على سلوك لا غبار عليه"]
    # the nationality adjective after the quoted name belongs to the phrase (speaker_extent, session 4)
    assert rows[0]["speaker_surface"] == 'صحيفة "لوكوريي بيكارد" الفرنسية' and rows[0]["speaker_kind"] == "named"


@pytest.mark.parametrize("head", ["تنظيم", "وكالة", "مراسل"])
def test_quoted_names_after_a_name_head_are_dropped(head):
    text = f'وأعلن {head} "الدولة الإسلامية" مسؤوليته عن الهجوم على المقر.'
    assert run(text) == []


def test_statement_as_speaker_resolves_to_its_issuer():
    text = ('أصدرت وزارة الداخلية الأردنية بيانا السبت.\n'
            'وقال البيان إن "انفجارا وقع مساء أمس لدورية مشتركة لقوات الدرك والأمن العام".')
    [q] = run(text, [("وزارة الداخلية الأردنية", None, "ORG", None)])
    assert q["speaker_surface"] == "وزارة الداخلية الأردنية" and q["speaker_kind"] == "previous"
    assert q["speaker_surface"] != "البيان"


def test_statement_without_a_named_issuer_speaks_itself():
    # sixth session: the convention of the held-out golds (F, H, N accept "البيان", "التقرير", "الدراسة"): a
    # document that is the subject of a reporting verb and whose issuer is not in sight is the speaker (it was
    # no speaker before); a document only cited ("وفق التقرير") still gives none (test above)
    text = 'وقال البيان إن "انفجارا وقع مساء أمس لدورية مشتركة لقوات الدرك والأمن العام".'
    [q] = run(text)
    assert q["speaker_surface"] == "البيان" and q["speaker_kind"] == "named"
    assert text[q["speaker_start"]:q["speaker_end"]] == "البيان"


def test_participle_is_never_the_speaker():
    text = ('ووصف ماتيس الخطوة بأنها رد أولي على الصين.\n'
            'وحذر قائلا "توجد عواقب أكبر بكثير في المستقبل عندما تخسر الدول علاقات جيرانها".')
    [q] = run(text, [("ماتيس", "per:mattis", "PERSON", None)])
    assert q["speaker_surface"] == "ماتيس" and q["speaker_entity_id"] == "per:mattis"


def test_participle_takes_the_clause_subject():
    text = ('حذر الرئيس الفرنسي السابق فرانسوا هولاند خليفته إيمانويل ماكرون، قائلا: '
            '"لا تنسى أن الطبقة المالكة في فرنسا أعدمت بالمقصلة".')
    [q] = run(text, [("فرانسوا هولاند", "per:hollande", "PERSON", None), ("إيمانويل ماكرون", "per:macron", "PERSON", None)])
    assert q["speaker_entity_id"] == "per:hollande"


def test_recipient_is_not_the_speaker_putin_case():
    text = ('وكان ماكرون قد قال لنظيره الروسي فلاديمير بوتين، العام الماضي، إن استخدام الأسلحة الكيماوية '
            'في سوريا "خط أحمر" وسوف "ترد فرنسا فورا" على استخدام هذه الأسلحة.')
    rows = run(text, [("ماكرون", "per:macron", "PERSON", None), ("فلاديمير بوتين", "per:putin", "PERSON", None)])
    assert [r["quote_text"] for r in rows] == ["خط أحمر", "ترد فرنسا فورا"]
    assert all(r["speaker_entity_id"] == "per:macron" for r in rows)


@pytest.mark.parametrize("bad", ["قائلا", "فيها", "صحيفة", "البيان", "بالقول"])
def test_common_words_are_rejected_as_speakers(bad):
    from pipeline.extract.quantities import analyze
    from pipeline.extract.speakers import check_speaker

    text = f"وقال {bad} كلاما"
    _v, toks = analyze(text)
    s = text.index(bad)
    verdict = check_speaker(text, toks, [], s, s + len(bad))
    assert verdict is None or verdict[0] == "anaphor"


def test_every_quote_has_a_confidence_and_unknown_speakers_rank_lowest():
    text = ('وقال الوزير أحمد علي: «نحن ملتزمون بالحوار مع جميع الأطراف».\n'
            'وجاء في اللافتة "لا للحرب ولا للاحتلال ولا للفساد في بلادنا بعد اليوم".')
    named, unknown = run(text, [("أحمد علي", "per:ahmed-ali", "PERSON", None)])
    assert named["confidence"] > 0.5 > unknown["confidence"]
    assert unknown["speaker_kind"] == "unknown"


# --- fixes after held-out sample A (hand-built sentences of the same shapes) ---

def test_relay_to_an_anonymous_official_is_not_the_name_inside_his_title():
    text = 'ونقلت الصحيفة عن مسؤول كبير بإدارة ترامب قوله "عندما يقول الرئيس إنه لن يرتكب أخطاء الماضي فهذا يعني الكثير".'
    [q] = run(text, [("ترامب", "per:trump", "PERSON", None)])
    assert q["speaker_surface"] == "مسؤول كبير بإدارة ترامب" and q["speaker_kind"] == "anonymous"


def test_participle_continues_the_speaker_of_the_same_sentence():
    text = ('وقال دبلوماسي إن روسيا "رفعت تحفظاتها على اقتراح هولندا إدراج ستة أفراد على القائمة"، '
            'مشيرا إلى أن "العقوبات تسري فورا".')
    rows = run(text, [("روسيا", "loc:ru", "LOC", "country")])
    assert [r["speaker_surface"] for r in rows] == ["دبلوماسي", "دبلوماسي"]


def test_name_written_with_hamza_alef_is_not_the_article():
    text = ('من جهته، أعلن أليغيري أن فريقه سيدقق في المحاضر. '
            'وقال للصحفيين أمام منزله "نوافق على أنها نتائج أولية تشير إلى تقدم خصمنا".')
    [q] = run(text)
    assert q["speaker_surface"] == "أليغيري"


def test_report_issued_by_an_organisation_speaks_for_it():
    text = 'وقال التقرير الصادر عن الحركة العالمية للدفاع عن الأطفال إن المحاكم "صورية وتسيء معاملة الأطفال".'
    [q] = run(text, [("الحركة العالمية للدفاع عن الأطفال", None, "ORG", None)])
    assert q["speaker_surface"] == "الحركة العالمية للدفاع عن الأطفال"


# --- speaker classes found on the development samples A–B (issue 13; measured on the fresh sample D) ---

def test_definite_noun_is_not_a_reporting_verb():
    # "النقل" (transport) is not the verb "نقل": the quote's speaker is the embassy's verb, not "الروسية …"
    text = 'وطالبت وزارة النقل الروسية بريطانيا بتفسير سبب تفتيش طائرة "إيرفلوت" التي قالت السفارة الروسية إنها "تعرضت لاستفزاز سافر ومتعمد".'
    rows = run(text, [("السفارة الروسية", "org:ru-embassy", "ORG", None)])
    assert [r["speaker_surface"] for r in rows] == ["السفارة الروسية"]


def test_verb_after_the_quote_without_a_subject_falls_back_to_the_verb_before():
    text = ('قال الأمين العام للأمم المتحدة، أنطونيو غوتيريش، إن أي عملية عسكرية في إدلب قد تؤدي إلى '
            '"كارثة إنسانية كبيرة"، وحذر من استخدام الأسلحة الكيماوية.')
    [q] = run(text, [("أنطونيو غوتيريش", "per:guterres", "PERSON", None)])
    assert q["speaker_surface"] == "أنطونيو غوتيريش"


def test_relay_after_a_continued_quote_does_not_replace_the_speaker():
    text = ('رأى المتحدث باسم وزارة الخارجية الإيرانية، بهرام قاسمي، إن السعودية تعد "أبرز مساندة للإرهاب في العالم"، '
            'مشيراً إلى أن الإرهاب "يكمن في السعودية لا غير"، بحسب ما نقلته وكالة الأنباء.')
    rows = run(text, [("بهرام قاسمي", "per:qasemi", "PERSON", None)])
    assert [r["speaker_surface"] for r in rows] == ["بهرام قاسمي", "بهرام قاسمي"]


def test_words_before_a_colon_without_a_verb_must_be_able_to_speak():
    text = 'ونقلت صحيفة بريطانية بياناً مطولا قالت فيه: "سنرد بالمثل على الإجراءات".\nوأضاف: "بمجرد إجراء هذا التفتيش سمح للطائرة بالإقلاع".'
    rows = run(text)
    assert all(r["speaker_surface"] != "مطولا قالت فيه" for r in rows)


def test_tagger_name_cut_at_a_particle_or_in_a_hashtag_is_completed():
    text = 'وكان وزير الأمن البريطاني بن والاس، قد قال إن "التفتيش إجراء روتيني لحماية بريطانيا".'
    [q] = run(text, [("بن", "per:x", "PERSON", None)])
    assert q["speaker_surface"] == "بن والاس"
    text = 'إلى ذلك، قال الشيخ #محمد_بن_زايد "إن رؤية هذه الكوكبة من أبنائنا تعزز ثقتنا".'
    [q] = run(text, [("محمد_بن", "per:mbz", "PERSON", None)])
    assert q["speaker_surface"] == "محمد_بن_زايد" and text[q["speaker_start"]:q["speaker_end"]] == "محمد_بن_زايد"


def test_relay_speaker_is_the_phrase_before_qawluhu():
    text = 'ونقل برنامج اسباني عن صديق للملكة ليتيسيا قوله إن "هذا الموقف تركها قلقة ومحطمة".'
    [q] = run(text, [("ليتيسيا", "per:letizia", "PERSON", None)])
    assert q["speaker_surface"] == "صديق للملكة ليتيسيا"


def test_relative_clause_verb_speaks_for_the_phrase_it_hangs_on():
    text = 'ونقلت وكالة الأنباء السورية الرسمية بيان الجيش والذي ذكر: "منظومات دفاعنا الجوي تصدت بكفاءة عالية لصواريخ العدوان".'
    [q] = run(text, [("الجيش", "org:syrian-army", "ORG", None)])
    assert q["speaker_surface"] == "الجيش"
    text = 'ونقلت صحيفة "ديلي ميل" بياناً لوزارة النقل الروسية قالت فيه: "إذا لم تحصل روسيا على تفسير فإنها سترد".'
    [q] = run(text, [("وزارة النقل الروسية", "org:ru-transport", "ORG", None)])
    assert q["speaker_surface"] == "وزارة النقل الروسية"


def test_name_given_by_a_naming_verb_is_not_a_quote():
    text = 'قالت القيادة العامة للقوات المسلحة السورية، إن 110 صواريخ أطلقت على مواقع في سوريا فيما أسمته "العدوان الثلاثي".'
    assert run(text, [("القيادة العامة للقوات المسلحة السورية", "org:sy-army", "ORG", None)]) == []


@pytest.mark.parametrize(("text", "specs", "speaker"), [
    ('وحمّل الجيش الإسرائيلي، في بيان له، حركة حماس مسؤولية الهجوم بالإضافة "لكل شيء يحصل داخل قطاع غزة ومنه".',
     [("الجيش الإسرائيلي", "org:idf", "ORG", None)], "الجيش الإسرائيلي"),
    ('دعت السفارة الروسية في المملكة المتحدة الحكومة البريطانية إلى "التخلي عن الاتهامات العامة المسيسة".',
     [("المملكة المتحدة", "loc:gb", "LOC", "country")], "السفارة الروسية في المملكة المتحدة"),  # whole phrase since session 4
    ('ويسمح نظام العقوبات لمجلس الأمن بفرض حظر للسفر على "أفراد وكيانات ضالعة أو متواطئة في الانتهاكات".', [], None),
])
def test_quoted_fragment_takes_the_subject_of_its_verb_first_clause(text, specs, speaker):
    [q] = run(text, specs)
    assert q["speaker_surface"] == speaker
    assert speaker is None or q["confidence"] >= 0.5


def test_two_word_outlet_head_speaks():
    text = 'ووصفت وسائل الإعلام الإسبانية الأمر بأنه "مشهد متوتر بين الملكتين".'
    [q] = run(text)
    assert q["speaker_surface"].startswith("وسائل الإعلام الإسبانية")


def test_role_phrase_keeps_the_surname_of_a_person_named_before():
    text = ('وقالت الوزيرة ماري أنجي موشوبيكوا للمجلس إن ما حدث يتعذر وصفه. '
            'وقالت وزيرة حقوق الإنسان موشوبيكوا إن الحكومة تعاونت لكنها أضافت أن بعض النتائج "مشكوك فيها إلى حد ما".')
    [q] = run(text, [("ماري أنجي موشوبيكوا", "per:x", "PERSON", None)])
    assert q["speaker_surface"] == "وزيرة حقوق الإنسان موشوبيكوا"


def test_pronoun_verb_after_a_clause_whose_subject_is_a_body():
    text = ('ودعت الوزارة في مؤتمر صحفي عقده بومبيو، دول العالم إلى التجاوب مع العقوبات، '
            'وقالت إن "العقوبات هدفها تغيير سلوك إيران".')
    [q] = run(text, [("بومبيو", "per:pompeo", "PERSON", None)])
    assert q["speaker_surface"] == "الوزارة"


def test_name_particle_opens_an_untagged_name():
    [q] = run('وشدد دي مستورا على الحاجة إلى دعم "بناء وفعال من دمشق".')
    assert q["speaker_surface"] == "دي مستورا"


# --- speaker classes found on held-out sample D (fixed afterwards; measured on sample E) ---

def test_verb_with_an_object_pronoun_in_a_relative_clause_is_not_the_speech_verb():
    text = ('وقالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا، في تصريحات نقلتها وكالات الأنباء، '
            'إن "هذه مهزلة في البرلمان البريطاني".')
    [q] = run(text, [("ماريا زاخاروفا", "per:zakharova", "PERSON", None)])
    assert q["speaker_surface"] == "ماريا زاخاروفا"


def test_report_issuer_is_the_organisation_not_the_adjective_before_it():
    text = ('وقد ذكر التقرير السنوي لمنظمة الصحة العالمية أن عدد الهجمات تضاعف. '
            'وأضاف أن "عدد المستشفيات المتضررة تراجع بشكل طفيف هذا العام".')
    rows = run(text, [("منظمة الصحة العالمية", "org:who", "ORG", None)])
    assert [r["speaker_surface"] for r in rows] == ["منظمة الصحة العالمية"]


def test_commissioner_is_a_role_and_station_or_song_names_are_not_quotes():
    [q] = run('صرح المفوض السامي لشؤون اللاجئين "نحن عند لحظة حاسمة في مواجهة النزوح".')
    assert q["speaker_surface"].startswith("المفوض السامي")
    assert run('وقالت محطة "صوت أميركا" إن السجناء طالبوا بالإفراج عن المعتقلين.') == []
    assert run('وقال الأمير إنه استمع لشاب يغني أغنية "يا وطني" في رام الله.') == []


# --- quote classes found on held-out sample E (fixed afterwards; measured on sample F) ---

def test_places_named_after_capture_verbs_and_coordinated_names_are_not_quotes():
    text = 'وقال بيان للجيش، إنه تم تحرير "جبل الصفراء" و"وادي الحمراء" في المديرية بعد مواجهات عنيفة.'
    assert run(text, [("الجيش", "org:army", "ORG", None)]) == []
    # coordinated speech fragments stay quotes
    rows = run('وقال الوزير إن الحكومة "ملتزمة بالاتفاق" و"ماضية في تنفيذه بالكامل".')
    assert [r["speaker_surface"] for r in rows] == ["الوزير", "الوزير"]


def test_a_name_after_a_preposition_in_an_adverbial_is_not_the_subject():
    text = ('وأعلن الحريري، أمس، أنه سلم الرئيس ميشال عون "مسودة" للحكومة، وقال بعد لقاء مع عون في القصر: '
            '"سلمت المسودة اليوم وسنكمل المشاورات في الأيام المقبلة".')
    [q] = run(text, [("الحريري", "per:hariri", "PERSON", None), ("ميشال عون", "per:aoun", "PERSON", None),
                     ("عون", "per:aoun", "PERSON", None)])
    assert q["speaker_surface"] == "الحريري"


# --- quote classes found on held-out sample F (fixed afterwards; F re-scores are no longer independent) ---

def test_a_person_after_a_relational_head_is_the_complement_of_the_speaker():
    rows = run('وقال المحامي إن موكله "بريء". وتابع محامي الرئيس: "لقد درسنا كل ما يتعلق بالملف ولم نجد أي مخالفة".',
               [("الرئيس", "per:p", "PERSON", None)])
    assert rows[-1]["speaker_surface"] == "محامي الرئيس"
    [q] = run('وقال والد اللاعب للصحفيين إن "ابني سيعود إلى الملاعب خلال أسابيع قليلة".', [("اللاعب", "per:x", "PERSON", None)])
    assert q["speaker_surface"] == "والد اللاعب"
    [q] = run('وقال الرئيس سالم إن "الاتفاق لا يلبي مطالبنا ولن نقبل به".', [("سالم", "per:s", "PERSON", None)])
    assert q["speaker_surface"] == "سالم"  # a definite role before the name is an apposition


def test_a_platform_after_a_preposition_is_not_the_subject():
    text = 'وعلى تويتر، تباهى خالد العمر بالمشاركة في السباق، قائلا، في 4 مارس، إنه حصل "على المركز الأول في فئة الدراجات".'
    [q] = run(text, [("تويتر", "org:tw", "ORG", None), ("خالد العمر", "per:k", "PERSON", None)])
    assert q["speaker_surface"] == "خالد العمر"


def test_a_possessed_name_head_introduces_a_name():
    assert run('وتسعى الصين إلى توسيع نفوذها عبر مبادرتها "الطريق البحري" في المحيط.', [("الصين", "loc:cn", "LOC", "country")]) == []
    [q] = run('وقال الوزير في كلمته "سنعيد بناء ما دمرته الحرب".')
    assert q["speaker_surface"] == "الوزير"


def test_a_relative_clause_present_tense_verb_speaks_for_its_antecedent():
    text = 'وتدور القضية حول الممثلة سارة لين، التي تؤكد أنها تعرضت "لضغوط استمرت عدة أشهر" من المنتج.'
    [q] = run(text, [("سارة لين", "per:s", "PERSON", None)])
    assert q["speaker_surface"] == "سارة لين"
    # a subjunctive present ("أن تؤكد") reports nothing
    rows = run('وتضيف الكاتبة أنه ينبغي أن تؤكد فعاليات "الأسبوع الثقافي" على الهوية.')
    assert all(r["speaker_surface"] != "فعاليات" for r in rows)


def test_words_that_came_in_a_report_belong_to_its_issuer():
    [q] = run('وجاء في ملخص تقرير منظمة الرقابة الصادر الاثنين أن "عشرات المحتجزين يتعرضون لأذى جسدي مروع".',
              [("منظمة الرقابة", "org:w", "ORG", None)])
    assert q["speaker_surface"] == "منظمة الرقابة"
    rows = run('وقالت الوزيرة "ما حدث يتعذر وصفه". وجاء في التقرير "بعض الشهود تحدثوا عن أشياء مروعة في القرى".',
               [("الوزيرة", "per:m", "PERSON", None)])
    assert rows[-1]["speaker_surface"] is None  # an unnamed issuer is not the previous speaker


def test_the_subject_phrase_stops_before_an_object_with_a_figure():
    text = ('أعلن مسؤولون نرويجيون اعتقال 4 أشخاص في العاصمة، وفق ما ذكرت وكالة الأمن الداخلي النرويجية.\n'
            'وأوضحت الوكالة أن الأربعة اعتقلوا، وأضافت أن مستوى التهديد "لم يتغير منذ بداية العام الحالي".')
    [q] = run(text, [("وكالة الأمن الداخلي النرويجية", "org:pst", "ORG", None)])
    assert q["speaker_surface"] == "وكالة الأمن الداخلي النرويجية"


# --- quote classes found on held-out sample G (fixed afterwards; G re-scores are no longer independent) ---

def test_relay_role_quoted_body_and_name_before_qawluhu():
    text = ('ونقلت وكالات أنباء رسمية عن قائد "لواء الشمال" بالجيش الوطني سالم الحداد قوله إن '
            '"الجيش مستعد لتطبيق خطة تمنع أي تقدم نحو المدينة".')
    rows = run(text, [("سالم الحداد", "per:h", "PERSON", None)])
    assert [r["speaker_surface"] for r in rows] == ['قائد "لواء الشمال" بالجيش الوطني سالم الحداد']


def test_the_author_of_a_speech_noun_owns_the_quote():
    text = 'وأشاد الوزير بتهديد الرئيس سامي النجار بأن "الدول المجاورة لن تصدر النفط إذا منعت بلادنا من ذلك".'
    [q] = run(text, [("سامي النجار", "per:n", "PERSON", None)])
    assert q["speaker_surface"] == "الرئيس سامي النجار"


def test_construct_role_chain_and_narrating_verb():
    text = 'وعزا نائب رئيس الهيئة، في تصريحات للتلفزيون، ذلك إلى "وجود كثافات كبيرة أمام اللجان في الساعات الأخيرة".'
    [q] = run(text)
    assert q["speaker_surface"] == "نائب رئيس الهيئة"
    text = ('وقال شهود إنهم سمعوا طلقات نارية. وروى كريم ناصر لصحيفة محلية تفاصيل الحادث.\n'
            'وقال إنه "كان هناك إطلاق نار كثيف ثم توقف ثم عاد من جديد بعد دقائق".')
    [q] = run(text, [("كريم ناصر", "per:k", "PERSON", None)])
    assert q["speaker_surface"] == "كريم ناصر"


def test_the_subject_before_a_name_in_a_with_phrase_wins():
    text = 'وقال كلود بيرنار للصحافيين بعد مفاوضات أجراها مع نظيره البريطاني جون سميث "توصلنا إلى اتفاق بشأن المرحلة الانتقالية".'
    [q] = run(text, [("جون سميث", "per:s", "PERSON", None)])
    assert q["speaker_surface"].startswith("كلود")


def test_a_relay_cue_later_in_the_sentence_does_not_speak_for_names_or_claims():
    # rule "3e" (a later 'بحسب ما أعلن X' naming the fragment's speaker) was removed after sample H:
    # it gave speakers to quoted names ("إف 16") and to claims of others
    text = 'ورافقت طائرته 12 طائرة حربية من طرازي "إف 16" و"ميراج"، حسبما ذكرت وكالة الأنباء الرسمية.'
    rows = run(text, [("وكالة الأنباء الرسمية", "org:w", "ORG", None)])
    assert all(r["speaker_surface"] is None for r in rows)


# --- session 4: speaker position and extent (classes of F/G/H; real sentences, shortened) ---

def _extent(text, speaker, specs=()):
    from pipeline.extract.quantities import analyze
    from pipeline.extract.speakers import speaker_extent

    s = text.index(speaker)
    a, b = speaker_extent(text, analyze(text)[1], mentions_for(text, specs), s, s + len(speaker))
    return text[a:b]


def test_role_phrase_extends_over_its_complement_and_the_name():
    text = 'كما أكدت المسؤولة الثانية في الحكومة سرايا سينز دو سانتاماريا أنه "لا يزال علينا تغيير الكثير".'
    assert _extent(text, "المسؤولة الثانية", [("سرايا سينز دو سانتاماريا", "per:santamaria", "PERSON", None)]) == \
        "المسؤولة الثانية في الحكومة سرايا سينز دو سانتاماريا"


def test_role_phrase_takes_the_name_after_a_comma_only_when_it_is_the_heads():
    text = 'وقالت مسؤولة السياسة الخارجية في الاتحاد الأوروبي، فيدريكا موغريني، إنها تتوقع ذلك.'
    assert _extent(text, "مسؤولة السياسة الخارجية", [("فيدريكا موغريني", "per:mogherini", "PERSON", None)]) == \
        "مسؤولة السياسة الخارجية في الاتحاد الأوروبي، فيدريكا موغريني"
    text = 'وقال أحد محامي الرئيس الأميركي، دونالد ترامب، إن "التحقيق هو الأكثر فسادا".'
    assert _extent(text, "أحد محامي الرئيس الأميركي", [("دونالد ترامب", "per:trump", "PERSON", None)]) == "أحد محامي الرئيس الأميركي"


def test_a_complement_takes_one_noun_phrase_not_the_object_after_it():
    text = 'دعت السفارة الروسية في المملكة المتحدة الحكومة البريطانية إلى "التخلي عن الاتهامات".'
    assert _extent(text, "السفارة الروسية", [("المملكة المتحدة", "loc:uk", "LOC", "country")]) == "السفارة الروسية في المملكة المتحدة"


def test_represented_name_after_basm_and_no_recipient():
    text = ('وقالت المتحدث باسم كيت إليسون للشبكة إن إليسون "ترفض جميع أشكال معاداة السامية"، '
            'وقالت إن "الجناح اليميني يدفع هذه القصص لسنوات لدفع إسفين".')
    rows = run(text)
    assert [q["speaker_surface"] for q in rows] == ["المتحدث باسم كيت إليسون"] * 2


def test_agency_name_with_its_construct_and_quoted_acronym():
    text = 'وبحسب ما ذكرت وكالة أنباء الإمارات "وام"، فقد اقتربت المقاتلات "بشكل خطير وغير آمن" من طائرة مدنية.'
    [q] = [q for q in run(text) if q["quote_text"].startswith("بشكل")]
    assert q["speaker_surface"] == 'وكالة أنباء الإمارات "وام"'


def test_a_name_in_a_relative_clause_after_the_subject_is_not_the_speaker():
    text = 'ويقول البيان، الذي نشر على موقع "بارتكلز فور جاستس" (Particles for Justice) إن حديثه "لا أساس له من الصحة".'
    rows = run(text, [("Particles for Justice", "org:pfj", "ORG", None)])
    assert all(q["speaker_surface"] != "Particles for Justice" for q in rows)


def test_a_body_named_in_a_complement_is_no_antecedent():
    text = ('حضره الرئيس السابق لمجلس النواب الأميركي نيوت غينغريتش.\n'
            'وقال المجلس، الذي يضم العديد من المنظمات المعارضة، في بيان إن "الإرهابيين خططوا لهذا الهجوم".')
    [q] = run(text, [("مجلس النواب الأميركي", "org:house", "ORG", None), ("نيوت غينغريتش", "per:gingrich", "PERSON", None)])
    assert q["speaker_surface"] == "المجلس"


def test_the_mention_right_after_the_verb_is_the_participles_subject():
    text = 'ونفت موسكو بشدة أن تكون أرادت قرصنة منظمة حظر الأسلحة الكيميائية، مؤكدة أن إبعاد الروس ناجم عن "سوء تفاهم".'
    [q] = run(text, [("موسكو", "loc:moscow", "LOC", "city"), ("منظمة حظر الأسلحة الكيميائية", "org:opcw", "ORG", None)])
    assert q["speaker_surface"] == "موسكو"


def test_a_verb_after_the_quote_that_opens_the_next_quote_with_a_colon():
    text = 'وردا على صحافي سألها هل يمكن وصف الوضع بأنه "حرب إلكترونية تامة بين البلدين"، أجابت الوزيرة: "نعم، هذا هو الوضع".'
    rows = run(text)
    assert all(q["speaker_surface"] != "الوزيرة" for q in rows if q["quote_text"].startswith("حرب"))
    assert [q["speaker_surface"] for q in rows if q["quote_text"].startswith("نعم")] == ["الوزيرة"]


def test_indefinite_subject_before_the_verb_and_a_quantity_is_no_name():
    text = 'وقّع أكثر من 250 عالما على بيان أدانوا فيه تعليقات باحث إيطالي قال إن علم الفيزياء "بناه علماء رجال".'
    [q] = run(text)
    assert q["speaker_surface"] == "باحث إيطالي"


def test_a_document_does_not_resolve_to_whoever_spoke_last():
    text = ('وقال باحث إيطالي إن الفيزياء "بناها رجال وليس النساء".\n'
            'ويقول البيان، الذي نشر على موقع، إن حديثه "لا أساس له من الصحة على الإطلاق".')
    rows = run(text)
    assert rows[-1]["speaker_surface"] != "باحث إيطالي"


def test_the_country_right_after_the_verb_beats_a_person_named_later():
    text = ('وتحدث بومبيو بعدما قالت كوريا الشمالية في بيان نقلته الوكالة بعد مغادرة بومبيو لبيونغيانغ إن المحادثات '
            '"وضعتنا هذه المرة في موقف خطير ربما تتزعزع فيه إرادتنا".')
    [q] = run(text, [("كوريا الشمالية", "loc:kp", "LOC", "country"), ("بومبيو", "per:pompeo", "PERSON", None)])
    assert q["speaker_surface"] == "كوريا الشمالية"


# --- session 4, classes of sample J ---

def test_a_name_glued_to_a_preposition_is_not_the_subject():
    text = 'وقالت بعثة إسرائيل بالأمم المتحدة في بيان "قررنا أن نواصل التحرك مع حلفائنا حتى النهاية".'
    [q] = run(text, [("الأمم المتحدة", "org:un", "ORG", None), ("إسرائيل", "loc:il", "LOC", "country")])
    assert q["speaker_surface"] != "الأمم المتحدة"


def test_a_relay_right_after_the_verb_is_not_the_speaker():
    text = ('جاء ذلك في تدوينة لزاخاروفا على صفحتها، حيث قالت وفقا لما ترجمته وكالة سبوتنيك الروسية: '
            '"لقد تبين أن عددهم 13 شخصا وفقا لوزارة العدل الأمريكية".')
    [q] = run(text, [("زاخاروفا", "per:zakharova", "PERSON", None), ("وكالة سبوتنيك", "org:sputnik", "ORG", "news_agency")])
    assert q["speaker_surface"] != "وكالة سبوتنيك الروسية" and "سبوتنيك" not in (q["speaker_surface"] or "")


def test_the_owner_of_a_speech_noun_speaks_for_the_participle():
    text = ('ويتوافق هذا الاقتراح مع تصريحات لنتانياهو في لقاء مع وزراء حزب الليكود، قائلا إنهم '
            '"يعملون من أجل حكومة مستقرة حتى نهاية ولايتها".')
    [q] = run(text, [("نتانياهو", "per:netanyahu", "PERSON", None), ("حزب الليكود", "org:likud", "ORG", None)])
    assert q["speaker_surface"] == "نتانياهو"


def test_a_subordinate_clauses_subject_is_not_the_participles():
    text = ('وقال السفير الروسي أناتولي فيكتوروف إن موسكو لا تستطيع ذلك.\n'
            'لكن عندما سئل هل تستطيع روسيا إجبار إيران على الخروج أجاب قائلا "لا نستطيع".')
    rows = run(text, [("أناتولي فيكتوروف", "per:viktorov", "PERSON", None), ("روسيا", "loc:ru", "LOC", "country"),
                      ("إيران", "loc:ir", "LOC", "country")])
    assert rows[-1]["speaker_surface"] != "روسيا"


# --- session 4, classes of sample K (scored on 6019a69 first; K is development data after that) ---

def test_a_title_or_a_role_in_construct_before_the_name_is_part_of_the_speaker():
    text = 'لكن أمير قطر قال خلال اللقاء: "لن نتسامح مع من يمول الإرهاب وسنتعاون مع واشنطن".'
    [q] = run(text, [("قطر", "loc:qa", "LOC", "country")])
    assert q["speaker_surface"] == "أمير قطر"
    # a definite title (الشيخ تميم) stays outside, as the seed gold's convention wants ("بات رايدر", not "اللواء بات رايدر")


def test_a_name_in_a_complement_clause_is_not_the_participles_subject():
    text = ('وقالت رئيسة الوزراء تيريزا ماي إن بلادها ستغادر السوق.\n'
            'وأضافت أن بريطانيا تريد الحرية في التفاوض، مشيرة إلى أن الخلافات قد لا يمكن البت فيها "في محكمة أي من الطرفين".')
    rows = run(text, [("تيريزا ماي", "per:may", "PERSON", None), ("بريطانيا", "loc:gb", "LOC", "country")])
    assert rows[-1]["speaker_surface"] != "بريطانيا"


def test_ala_lisan_is_a_relay_like_an():
    text = 'ونقل التقرير على لسان المصدر الذي لم يسمه، قوله: "مزاعم استعمال السلاح الكيميائي باتت اسطوانة مملة".'
    [q] = run(text)
    assert q["speaker_surface"] is None or "المصدر" in q["speaker_surface"]


def test_a_relative_clause_inside_reported_content_has_no_speech_verb():
    text = ('وتابع البيان أن رفض موسكو التي تنفي بشدة أي تورط في القضية "الرد على المطالب المشروعة للحكومة '
            'البريطانية إنما يبرز مسؤوليتها".')
    [q] = run(text, [("موسكو", "loc:moscow", "LOC", "city")])
    assert q["speaker_surface"] != "رفض موسكو"


def test_min_jiha_ukhra_is_an_adverbial_not_an_issuer():
    text = 'وأوضح البيان من جهة أخرى أن قلق المجموعة ازداد نتيجة "انتهاج روسيا المتكرر لسلوك غير مسؤول ومزعزع".'
    [q] = run(text)
    assert q["speaker_surface"] != "جهة أخرى"


def test_a_relay_phrase_ends_before_the_comma_of_qawlaha():
    """Found on fresh sample L (scored before this fix): the surface kept the comma before قولها."""
    text = ('ونقل البيان على لسان المتحدثة باسم الخارجية الأمريكية، هيذر نويرت، قولها: '
            '"كانت المملكة شريكا رائدا في التحالف الدولي منذ البداية".')
    [q] = run(text, [("هيذر نويرت", "per:nauert", "PERSON", None)])
    assert not q["speaker_surface"].endswith("،") and "نويرت" in q["speaker_surface"]


# --- fifth session (classes of the development samples A–L) ---


@pytest.mark.parametrize("verb", ["وأكملت", "وتضيف", "واستدركت"])
def test_present_and_continuation_verbs_refer_to_the_previous_speaker(verb):
    text = ('وقالت رئيسة الوزراء البريطانية تيريزا ماي في خطاب "سنغادر السوق الواحدة والحياة ستكون مختلفة". '
            f'{verb} "لقد اخترنا الخروج وعلينا مسؤولية المساعدة في إيجاد حل".')
    rows = run(text, [("تيريزا ماي", "per:may", "PERSON", None)])
    assert len(rows) == 2 and all("ماي" in (q["speaker_surface"] or "") for q in rows)
    assert rows[1]["speaker_kind"] == "previous"


def test_tutabi_follows_is_not_a_speech_verb():
    """``قالت بنسودا إنها تتابع … و"…"``: the quote is hers, ``تتابع`` ("follows") opens no new attribution."""
    text = ('والأسبوع الماضي قالت بنسودا إنها تتابع من كثب الاضطرابات في غزة و"ستتخذ أي إجراء ضروري" لمقاضاة '
            'المسؤولين عن الجرائم.')
    [q] = run(text, [("بنسودا", "per:bensouda", "PERSON", None)])
    assert q["speaker_surface"] == "بنسودا"


def test_a_reporting_verb_inside_an_earlier_quote_is_not_an_antecedent():
    """Fresh sample M: ``وذكر بأن …`` took a name from inside the previous quotation (``كما ذكر الناطق …``)."""
    text = ('وقال وزير الخارجية إن "الموقف واضح جدا فيما يتعلق بالصواريخ، كما ذكر الناطق باسم التحالف المملكة '
            'لها الحق أن ترد". وذكر بأن المملكة "عثرت على صواريخ في اليمن تم تهريبها من الخارج".')
    rows = run(text)
    assert len(rows) == 2 and rows[1]["speaker_surface"] == "وزير الخارجية"


# --- sixth session (issue 13: bodies and documents as speakers; development samples A–P) ---


def test_humanitarian_body_without_a_tag_is_the_speaker():
    # N: "وقال الهلال الأحمر السوري إن" was no speaker (the tagger leaves the body untagged)
    text = ('أجلي مدنيون من الغوطة. وقال الهلال الأحمر السوري إن "التهدئة ساعدت على إجلاء زوجين باكستانيين عجوزين". '
            'وغرد الصليب الأحمر الدولي على تويتر قائلا إن "الزوجين سلما للسفارة الباكستانية في سوريا".')
    q1, q2 = run(text)
    assert q1["speaker_surface"] == "الهلال الأحمر السوري" and q1["speaker_kind"] == "named"
    assert text[q1["speaker_start"]:q1["speaker_end"]] == "الهلال الأحمر السوري"
    assert q2["speaker_surface"] == "الصليب الأحمر الدولي"
    assert text[q2["speaker_start"]:q2["speaker_end"]] == "الصليب الأحمر الدولي"


def test_report_and_study_speak_and_do_not_chain_to_each_other():
    # N: "وقال التقرير الذي أعده فريق مارشي أوهل "…"" had no speaker; a later "وقالت الدراسة" is not the report
    text = ('وقال التقرير الذي أعده الفريق "حجم مقاطع الفيديو وغيرها من الصور غير مسبوق في أي عملية أخرى". '
            'وقالت الدراسة إن "النساء تعرضن لاعتداء جنسي بالعنف أكثر من مرة".')
    q1, q2 = run(text)
    assert q1["speaker_surface"] == "التقرير" and text[q1["speaker_start"]:q1["speaker_end"]] == "التقرير"
    assert q2["speaker_surface"] == "الدراسة" and text[q2["speaker_start"]:q2["speaker_end"]] == "الدراسة"


def test_issued_report_cut_before_its_issuer_is_not_the_speaker():
    # A: "وقال التقرير الصادر عن الحركة …، إن" must not give "التقرير الصادر"
    text = 'وقال التقرير الصادر عن الحركة العالمية للدفاع عن الأطفال، إن المحاكم "صورية وتسيء معاملة الأطفال".'
    [q] = run(text)
    assert q["speaker_surface"] != "التقرير الصادر"


@pytest.mark.parametrize(
    ("text", "specs", "speaker"),
    [  # M: "انتقد X "…"" had no speaker (انتقد, اتهم, ندد, دان are not reporting verbs for citations)
        ('انتقد وزير الخارجية السعودية، عادل الجبير، الأربعاء "الاختراق الصارخ للقوانين الدولية".',
         [("عادل الجبير", "per:adel-al-jubeir", "PERSON", None)], "عادل الجبير"),
        ('وندد رئيس بلدية تورونتو، جون توري، بـ"المأساة التي هزت المدينة".',
         [("جون توري", None, "PERSON", None)], "جون توري"),
        # the subject stands right after the verb; the later name is the object, never the speaker
        ('اتهم دونالد ترامب خصمه جو بايدن بـ"التحريض على العنف في البلاد".',
         [("دونالد ترامب", "per:trump", "PERSON", None), ("جو بايدن", "per:biden", "PERSON", None)], "دونالد ترامب"),
        ('ودانت الجامعة العربية "الجرائم الإسرائيلية الواضحة والممنهجة ضد أبناء الشعب".', [], "الجامعة العربية"),
    ],
)
def test_stance_verb_subject_is_the_speaker(text, specs, speaker):
    [q] = run(text, specs)
    assert q["speaker_surface"] == speaker
    assert text[q["speaker_start"]:q["speaker_end"]] == speaker


def test_stance_verb_object_is_never_the_speaker():
    # no subject after the verb (a pronoun subject): the object after it does not speak
    text = 'واتهم خصمه جو بايدن بـ"التحريض على العنف في البلاد".'
    [q] = run(text, [("جو بايدن", "per:biden", "PERSON", None)])
    assert q["speaker_surface"] != "جو بايدن"


def test_came_in_a_statement_issued_by_a_body():
    # P: "وجاء في بيان أصدره المجلس، "…"" had no speaker; the issuer after أصدره speaks (resolved to the council)
    text = ('وقال المجلس المحلي في دوما إن الأسر تنام في الشوارع. '
            'وجاء في بيان أصدره المجلس، "بعد أكثر من 20 يوما من الحملة العسكرية لم يعد هناك مكان آمن".')
    rows = run(text, [("المجلس المحلي في دوما", None, "ORG", None)])
    q = rows[-1]
    assert q["speaker_surface"] in ("المجلس", "المجلس المحلي في دوما")
    assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_surface"]


@pytest.mark.parametrize(("text", "name", "speaker"), [
    # D, K: the bare name was kept ("عبد الله", "تميم"); the titled speaker is the gold's
    ('وقال الملك عبد الله إن "هؤلاء الشهداء انضموا إلى قافلة الأبطال".', "عبد الله", "الملك عبد الله"),
    ('وقال الشيخ تميم: "نقدم الشكر للرئيس على استضافتنا اليوم".', "تميم", "الشيخ تميم"),
])
def test_definite_title_before_a_name_is_part_of_the_speaker(text, name, speaker):
    [q] = run(text, [(name, None, "PERSON", None)])
    assert q["speaker_surface"] == speaker
    assert text[q["speaker_start"]:q["speaker_end"]] == speaker


def test_wire_dateline_does_not_hide_the_clause_subject():
    # I, E, H, G: "دبي، الإمارات العربية المتحدة (CNN)— طالب X … "…"": the clause opens after the dateline
    text = ('دبي، الإمارات العربية المتحدة (CNN)— طالب النائب الكويتي، وليد الطبطبائي، مساء السبت، باتخاذ إجراءات '
            'حاسمة على ما وصفه بـ"فرق كوماندور" أنشأتها السفارة.')
    [q] = run(text, [("وليد الطبطبائي", None, "PERSON", None)])
    assert "وليد الطبطبائي" in q["speaker_surface"] and "CNN" not in q["speaker_surface"]
    assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_surface"]


def test_clause_subject_keeps_the_first_name_before_the_tagged_part():
    # "قال حسن نصر الله، …، محذرا … "…"": the clause subject is the whole name, not "حسن"
    text = ('قال حسن نصر الله، الأمين العام لحزب الله إن 55 صاروخا أطلقت نحو الجولان، محذرا إسرائيل لأن '
            '"الرد في المرة المقبلة سيكون في قلب فلسطين المحتلة".')
    [q] = run(text, [("نصر الله", None, "PERSON", None)])
    assert q["speaker_surface"] == "حسن نصر الله"
    assert text[q["speaker_start"]:q["speaker_end"]] == "حسن نصر الله"


# --- seventh session (development sample Q): a quoted channel after مع, a closing verb, a relayed statement ---


def test_a_quoted_channel_after_ma_is_not_the_speaker():
    # Q, SK-middleEast-2460: 'في مقابلة مع "سكاي نيوز عربية"' is the interview's partner, never the speaker
    text = 'وقال عبد الله الربيعة في مقابلة مع "سكاي نيوز عربية"، الاثنين، إن "العمل الإنساني من أولويات التحالف".'
    rows = run(text, [("سكاي نيوز عربية", "org:sky", "ORG", None)])
    assert rows and rows[0]["quote_text"] == "العمل الإنساني من أولويات التحالف"
    assert rows[0]["speaker_surface"] != "سكاي نيوز عربية"
    rows = run(text, [("عبد الله الربيعة", "per:rabiah", "PERSON", None), ("سكاي نيوز عربية", "org:sky", "ORG", None)])
    assert rows[0]["speaker_surface"] == "عبد الله الربيعة"


def test_the_closing_verb_khatam_continues_the_speaker():
    # Q, SK-middleEast-2460: "وختم:" was taken as a name
    text = 'وقال عبد الله الربيعة: "نحن هنا لمساعدة أهل الحديدة". وختم: "نأمل أن يكون لمحافظة الحديدة نصيب كبير".'
    rows = run(text, [("عبد الله الربيعة", "per:rabiah", "PERSON", None)])
    assert [r["quote_text"] for r in rows] == ["نحن هنا لمساعدة أهل الحديدة", "نأمل أن يكون لمحافظة الحديدة نصيب كبير"]
    assert rows[1]["speaker_surface"] == "عبد الله الربيعة" and rows[1]["reporting_verb"] == "وختم"


def test_a_relayed_statements_owner_speaks_after_idh_qala():
    # Q, CN-middleEast-1245: 'ونقلت وكالة … تصريحات وزير …، إذ قال إن "…"': the minister, not the agency
    text = ('ونقلت وكالة الأنباء البحرينية، الجمعة، تصريحات وزير شؤون الإعلام البحريني لصحيفة "الشرق الأوسط"، '
            'إذ قال إن "النظام القطري التزم بالمشاركة في البطولات".')
    rows = run(text, [("وكالة الأنباء البحرينية", "org:bna", "ORG", None)])
    assert rows and rows[-1]["quote_text"] == "النظام القطري التزم بالمشاركة في البطولات"
    assert rows[-1]["speaker_surface"] == "وزير شؤون الإعلام البحريني"
    # with no relayed statements, the clause subject still speaks
    text = 'وقالت وكالة الأنباء البحرينية، الجمعة، إن "النظام القطري التزم بالمشاركة في البطولات".'
    rows = run(text, [("وكالة الأنباء البحرينية", "org:bna", "ORG", None)])
    assert rows[-1]["speaker_surface"] == "وكالة الأنباء البحرينية"


def test_a_feminine_member_heads_the_speaker_not_her_party():
    # Q, CN-internationalNews-95: "عضوة البرلمان البريطاني عن حزب العمال": the member speaks, not the party
    text = 'وقالت عضوة البرلمان البريطاني عن حزب العمال ناز شاه، عبر صفحتها، إن "رسالة الكراهية تثير القلق في المجتمع".'
    rows = run(text, [("حزب العمال", "org:labour", "ORG", None)])
    assert rows and rows[0]["quote_text"] == "رسالة الكراهية تثير القلق في المجتمع"
    assert rows[0]["speaker_surface"].startswith("عضوة البرلمان")


# eighth session: a name cut before its family name (dev A, K, P: "ماري أنجي" of "ماري أنجي موشوبيكوا", "معصومة" of
# "معصومة ابتكار،", "جان كلود" of "جان كلود يونكر،")
def test_a_tagged_name_cut_before_its_family_name_is_completed():
    text = 'وقالت المفوضة جوانا ليا ستيرنر للمجلس "نحن قلقون جدا من تدهور الوضع في المنطقة".'
    [q] = run(text, [("جوانا ليا", "per:x", "PERSON", None)])
    assert q["speaker_surface"] == "جوانا ليا ستيرنر"


def test_an_untagged_subject_cut_before_its_family_name_is_completed():
    text = 'ودانت سميرة نوفل، نائبة رئيس البلدية، ما حدث للعمال، وقالت "هذا أمر غير مقبول على الإطلاق ولن نسكت عنه".'
    [q] = run(text)
    assert q["speaker_surface"] == "سميرة نوفل"


def test_a_name_is_not_completed_over_an_adverb_or_the_verbs_object():
    # the word after the candidate must close the name (a comma, إن/أن, a recipient): "هاتفيا مع", "تدمير الجسر" do not
    text = 'وتحدث الرئيس كريم سالم هاتفيا مع نظيره، وقال "سنعمل معا من أجل السلام في المنطقة كلها".'
    [q] = run(text, [("كريم سالم", "per:y", "PERSON", None)])
    assert q["speaker_surface"] == "الرئيس كريم سالم"
    text = 'ووصف الوزير كريم سالم تدمير الجسر بـ"جريمة كبرى".'
    [q] = run(text, [("كريم سالم", "per:y", "PERSON", None)])
    assert q["speaker_surface"] == "كريم سالم"


# eighth session: a relay's source speaks (dev G; 600 held-out quote articles: one more, right — "ونقل عن مقتدى الصدر")
def test_a_speech_verb_without_subject_after_a_relay_gives_the_relays_source():
    text = ('ونقلت صحيفة "لو موند" عن سمير داود قوله إنه تحدث مع رئيسة الوزراء صباح الخميس بشأن القضية، وقال لها:'
            '"نعتقد معا أن ليست هناك تفسيرات أخرى".')
    [q] = run(text, [("سمير داود", "per:s", "PERSON", None), ("لو موند", "org:lm", "ORG", None)])
    assert q["speaker_surface"] == "سمير داود"


def test_a_relay_verbs_source_after_an_is_the_speaker_not_the_agency():
    text = 'ونقلت وكالة الأنباء عن سمير داود "لقد أفرج عنه في الساعة الخامسة من هذا الصباح وأخذته الشرطة".'
    [q] = run(text, [("سمير داود", "per:s", "PERSON", None), ("وكالة الأنباء", "org:x", "ORG", "news_agency")])
    assert q["speaker_surface"] == "سمير داود"


def test_a_two_word_fragment_cited_with_a_speech_verb_is_a_quote():
    # eighth session (dev B, L): "وفق ما قال X" attributes words; a bare "وفق X" after two words may cite a name
    text = 'وتعاني المدينة من وضع "إنساني مأساوي" وفق ما قال مسؤولون أكراد، وسط نزوح كبير.'
    [q] = run(text)
    assert q["quote_text"] == "إنساني مأساوي" and q["speaker_surface"] == "مسؤولون أكراد"


def test_wasafa_with_a_pronoun_subject_and_a_noun_object_gives_the_previous_speaker():
    # eighth session (dev G, K, N, O: "ووصفت القرار بأنه "خطوة متواضعة""): the noun after وصف is its object
    text = ('وقالت سميرة نوفل في تصريحات قبل التصويت إن "ما نحتاجه الآن هو إجراء ملموس من المجتمع الدولي". '
            'ووصفت القرار بأنه "خطوة متواضعة" لتمديد العقوبات.')
    rows = run(text, [("سميرة نوفل", "per:s", "PERSON", None)])
    assert [q["speaker_surface"] for q in rows] == ["سميرة نوفل", "سميرة نوفل"]


def test_the_verbal_noun_wasf_after_a_modal_is_no_characterisation():
    # dev H: "هل يمكن وصف الوضع بأنه "حرب إلكترونية"" — وصف is a verbal noun there, not a clause with a pronoun subject
    from pipeline.extract.quantities import analyze
    from pipeline.extract.quotes import _finite_characterisation

    def at(text, word):
        toks = analyze(text)[1]
        return _finite_characterisation(toks, next(k for k, t in enumerate(toks) if t.key.endswith(word)))

    assert not at("هل يمكن وصف الوضع الراهن بأنه خطير", "وصف")
    assert at("ووصفت القرار بأنه خطوة", "وصفت") and at("لكنه وصف رد الفعل بأنه غريب", "وصف")


# ninth session (stream facts9): general mechanisms chosen by frequency over the pooled development samples M–U


def test_a_content_clause_quote_before_a_nationality_noun_is_speech():
    # dev Q (×2): 'فأوضح X أن "…" الفلسطينيين' — a quote right after أن is reported content, not a name before a
    # nationality adjective ('وكالة "تاس" الروسية' stays a name)
    text = 'وأوضح المسؤول سامر حداد أن "الحكومة ستتخذ الخطوات اللازمة لحماية" اللبنانيين المقيمين في الخارج.'
    [q] = run(text, [("سامر حداد", "per:s", "PERSON", None)])
    assert q["quote_text"] == "الحكومة ستتخذ الخطوات اللازمة لحماية" and q["speaker_surface"] == "سامر حداد"
    assert run('ونقلت وكالة "تاس" الروسية عن مصدر قوله إن الاجتماع انتهى.') == []


@pytest.mark.parametrize("text, speaker", [
    # dev M, P, Q, R, S: the definite subject of a verb of saying that no vocabulary knows and the tagger missed
    ('وقال الحمداني، في بيان، إن اللجنة "كانت تنظر في تلك الملفات منذ مدة طويلة".', "الحمداني"),
    ('وأضاف البستاني "سوف نعلن النتائج كاملة خلال الأسبوع المقبل للجميع".', "البستاني"),
    ('وأشار الداعية المعروف إلى أن برامج الدعم "تعاني من ضعف التنسيق فيما بينها".', "الداعية المعروف"),
    ('وفي رسالة أخرى قالت المذيعة السورية: "لن نتوقف عن العمل مهما كانت الظروف صعبة".', "المذيعة السورية"),
    ('وأضاف العامل الذي فضل عدم نشر هويته: "هربنا من الباب الخلفي ثم سمعنا صوت إطلاق نار".', "العامل"),
])
def test_an_untagged_definite_subject_of_a_verb_of_saying_speaks(text, speaker):
    [q] = run(text)
    assert q["speaker_surface"] == speaker and q["speaker_kind"] == "named"


def test_no_definite_subject_from_a_day_an_object_or_a_tagged_mention():
    # a day after the verb is an adverb; أكد takes an object (not in the list of verbs without one)
    [q] = run('وقال الأحد إن "الوضع لم يعد يحتمل أي تأجيل أو مماطلة".')
    assert q["speaker_surface"] is None
    [q] = run('وأكد العزم على المضي في مشروع "بناء الدولة التي تحقق الأمن والعدالة للجميع".')
    assert q["speaker_surface"] != "العزم"
    # a following وأضاف inherits the new subject
    rows = run('وقال البستاني إن "اللجنة حريصة على العمل بسرعة". وأضاف أن "النتائج ستعلن قريبا جدا".')
    assert [q["speaker_surface"] for q in rows] == ["البستاني", "البستاني"]


def test_a_source_named_after_the_quote_wins_over_the_previous_speaker():
    # dev P, R: 'وأكدت أن الهجوم "…"، حسب الرئاسة الفلسطينية' — a verb with no subject of its own
    text = ('وأعلنت الشرطة اعتقال رجلين. وأكدت أن الهجوم "يستهدف الجهود التي تبذلها الحكومة منذ أشهر"، حسب '
            'الرئاسة الفلسطينية.')
    rows = run(text, [("الرئاسة الفلسطينية", "org:p", "ORG", None)])
    assert rows[-1]["speaker_surface"] == "الرئاسة الفلسطينية"
    # a news agency after the quote only relays: the previous speaker goes on
    text = ('وقال الوزير سامر حداد إن الوضع صعب. وأضاف "لن نقبل بذلك مهما كانت الظروف"، وفقا لوكالة رويترز.')
    rows = run(text, [("سامر حداد", "per:s", "PERSON", None)])
    assert rows[-1]["speaker_surface"] == "سامر حداد"


def test_an_odd_mark_on_the_line_does_not_shift_the_pairs():
    # dev M, S, U: a quotation never closed (to the end of its sentence or a citation cue after a comma), or never opened
    # (the words after the colon); the later pairs of the line stay right
    spans = find_quote_spans('وقالت مصادر محلية إن "القتيل كان قد عاد إلى منزله. ثم قال "نحن هنا" و"هم هناك".')
    assert [(a, b) for a, b, _ in spans] == [(22, 49), (59, 66), (70, 77)]
    text = 'مشيرا إلى "ما يقدمه المركز من دعم للسكان، وفقا للمسؤول. '
    [(a, b, _)] = find_quote_spans(text)
    assert text[a:b] == "ما يقدمه المركز من دعم للسكان"
    text = 'وقال الوزير للصحفيين قبل عودته: في حال انسحبت واشنطن فإن الرد سيكون قاسيا جدا "\nوأضاف أن الأمر انتهى.'
    [q] = run(text)
    assert q["quote_text"] == "في حال انسحبت واشنطن فإن الرد سيكون قاسيا جدا" and q["speaker_surface"] == "الوزير"


def test_an_unclosed_mark_after_a_name_head_opens_no_quote():
    # 600 held-out quote articles: 'عملية "غصن الزيتون، …' and 'اجتماع لـ "هيئة …' are names whose closer is missing
    assert find_quote_spans('وأطلق الجيش ما يسمى عملية "درع الشمال، الرامية إلى إبعاد المسلحين.') == []
    assert find_quote_spans('ويسبق الاجتماع اجتماع لـ "هيئة متابعة القرارات التابعة للقمة.') == []


def test_reversed_curly_marks_pair_within_a_paragraph():
    # dev M: '”…“' written by a right-to-left editor
    text = 'وقال الوزير ”لن نقبل بأي تسوية لا تحترم حقوقنا كاملة“ ثم غادر القاعة.'
    [q] = run(text)
    assert q["quote_text"] == "لن نقبل بأي تسوية لا تحترم حقوقنا كاملة" and q["speaker_surface"] == "الوزير"
    assert [(a, b) for a, b, _ in find_quote_spans('قال “نعم” ثم قال “لا أبدا”.')] == [(5, 8), (18, 25)]


def test_a_role_subject_of_a_fragment_clause_resolves_to_the_body_named_before():
    # dev O, U: 'وأعربت المنظمة عن "قلق بالغ"' — no speech verb; the clause's subject is a bare role head
    text = 'قالت منظمة الصحة العالمية، الاثنين، إن فرقها وصلت إلى المدينة. وأعربت المنظمة عن "قلق بالغ" إزاء الوضع.'
    rows = run(text, [("منظمة الصحة العالمية", "org:who", "ORG", None)])
    assert rows[-1]["quote_text"] == "قلق بالغ" and rows[-1]["speaker_surface"] == "منظمة الصحة العالمية"


def test_a_verb_after_the_quote_does_not_reach_into_its_own_content():
    # dev U: '"…"، وأكد أن إيران مستمرة في تسليح ميليشيات حزب الله' — the name inside what the next verb reports is not
    # the speaker of the quote before it
    text = 'وأضاف الجنرال سامي، أن بلاده "تحافظ على قوتها على الحدود الشمالية"، وأكد أن إيران مستمرة في دعم حزب الله.'
    [q] = run(text, [("حزب الله", "org:h", "ORG", None), ("إيران", "loc:ir", "LOC", "country")])
    assert q["speaker_surface"] == "الجنرال سامي"


@pytest.mark.parametrize("text, speaker", [
    # dev M, U: the subject before the verb in a clause opened by أن/إن/لكن, a role phrase the tagger did not mark
    ('وألغيت المباراة. بيد أن خبير الطقس سالم العبيدي أشار إلى أنه "لا نتوقع عاصفة بالقوة ذاتها هذه المرة".',
     "خبير الطقس سالم العبيدي"),
    ('ونفت الوزارة أن المتحدث باسمها قال، في مقابلة مع صحيفة محلية، إن "المفاوضات انتهت بلا اتفاق".',
     "المتحدث باسمها"),
])
def test_a_fronted_subject_after_an_or_lakin_speaks(text, speaker):
    rows = run(text)
    assert rows[-1]["speaker_surface"] == speaker


def test_a_verb_after_inna_hu_is_inside_the_content_of_the_outer_verb():
    # dev T: 'وقال إنه يعتبر ذلك "خيانة عظمى"' — يعتبر has the pronoun as subject; the outer قال speaks for the clause's subject
    text = 'افتتح الرئيس سامي حسن، الخميس، مدينة جديدة، مشددا على احترام الجيش، وقال إنه يعتبر الإساءة له "خيانة عظمى".'
    [q] = run(text, [("سامي حسن", "per:s", "PERSON", None)])
    assert q["speaker_surface"] is not None and "سامي حسن" in q["speaker_surface"]


@pytest.mark.parametrize("text, org, speaker", [
    # dev S, V: a feminine or indefinite role head in construct with a tagged organisation is the speaker, not the body
    ('وقالت زعيمة حزب الخضر، التي عارضت القرار، إن "الناس لا يجب أن يسمعوا ذلك في منازلهم".', "حزب الخضر",
     "زعيمة حزب الخضر"),
    ('وقال مرشح حزب العمال الذي حل ثانيا، إن "تسليح الناس لن يحل شيئا في البلاد".', "حزب العمال", "مرشح حزب العمال"),
])
def test_a_role_head_in_construct_with_an_organisation_speaks(text, org, speaker):
    [q] = run(text, [(org, "org:p", "ORG", None)])
    assert q["speaker_surface"] == speaker


@pytest.mark.parametrize("text", [
    # dev N, O, V (the judging convention of E, J, N, V): a short quote that names a charge reports no words
    'وقالت النيابة إنها أحالت سبعة متهمين إلى المحاكمة بتهمة "تفجير أنبوب غاز في الشمال" الشهر الماضي.',
    'وأوضح المحامي أن القضاء وجه الاتهام لموكله بـ"التواطؤ في تمويل غير شرعي" للحملة.',
    'وقال المدعي العام إنه سيحيل الملف إلى المحكمة بتهمة ارتكاب "جرائم حرب" في المدينة.',
])
def test_a_charge_title_is_no_quote(text):
    assert run(text) == []


def test_a_long_charge_wording_and_a_stance_object_stay_quotes():
    # a charge worded at length (dev O) and 'واتهم X بممارسة "…"' (a stance verb, not a charge noun) keep their quotes
    assert len(run('وتضمنت التهم "تنظيم وإدارة جماعة إرهابية على خلاف أحكام القانون والتخابر مع جهة أجنبية".')) == 1
    assert len(run('واتهم الوزير العاصمة بممارسة "ضغوط قوية" على الدول الصغيرة.')) == 1


@pytest.mark.parametrize("tail", ["، وفق المنظمة.", "، بحسب المنظمة التي تتخذ من لندن مقرا."])
def test_a_bare_role_head_named_after_the_quote_speaks(tail):
    # dev P, T, V: '"…"، وفق المنظمة' — a role head the citation rules leave out, resolved to the body named before
    text = ('قالت منظمة العفو الدولية إن الوضع صعب. لكن "نقص المعدات والخبرة جعل عملية تحديد الهوية غير دقيقة"' + tail)
    rows = run(text, [("منظمة العفو الدولية", "org:ai", "ORG", None)])
    assert rows[-1]["speaker_surface"] == "منظمة العفو الدولية"


def test_an_adverb_after_the_verb_is_no_name():
    # dev W: 'لكنه قال كذلك إن …' then 'ومضى يقول: "…"' — كذلك was taken for an untagged name and carried on as the speaker
    text = 'وقال المسؤول إن الوضع صعب. لكنه قال كذلك إن الضغوط كانت كبيرة. ومضى يقول: "طاقمنا كان تحت ضغط كبير لتقديم المعلومات".'
    assert run(text)[-1]["speaker_surface"] != "كذلك"


# tenth session (stream facts10): the word lists of quotes.py live in vocab/sources.yaml; each test below fails when
# its list is empty (checked by emptying each list in turn)


@pytest.mark.parametrize("text, name", [
    # not_surname_words: an adverb or preposition after a name the tagger ended is not its family name
    ('وقالت ميركل شخصيا، إن "الحكومة لن تتراجع عن قرارها مهما حصل".', "ميركل"),
    ('وقال عباس عقب، إن "الحكومة لن تتراجع عن قرارها مهما حصل".', "عباس"),
])
def test_a_cut_name_is_not_completed_over_a_listed_word(text, name):
    [q] = run(text, [(name, "per:x", "PERSON", None)])
    assert q["speaker_surface"] == name


def test_the_quote_word_lists_come_from_the_vocabulary_file():
    from pipeline.extract.speakers import speaker_vocab
    from pipeline.text.normalize import normalize_key

    voc = speaker_vocab()
    assert normalize_key("قالت") in voc["intransitive_say"] and normalize_key("أكد") not in voc["intransitive_say"]
    assert normalize_key("الأحد") in voc["not_subject"] and normalize_key("لكن") in voc["fronting"]
    assert normalize_key("عقب") in voc["not_surname"]


@pytest.mark.parametrize("text, mention, speaker", [
    # dev X: a name with a hyphenated part, cut at the hyphen by the tagger
    ('وكان تشونغ أوي-يونغ، وهو مستشار الأمن القومي للرئيس، أعلن في وقت سابق: "نحن نتوقع إجراء مفاوضات تبحث في العمق".',
     "تشونغ أوي", "تشونغ أوي-يونغ"),
    # dev S, X: a speaker phrase that ends on a name particle (the tagger's name ends before it, the phrase runs on to it)
    ('قال الشيخ خالد بن أحمد آل خليفة أن "الحكومة السورية هي حكومة سوريا الشرعية".', "خالد بن أحمد",
     "الشيخ خالد بن أحمد آل خليفة"),
])
def test_a_speaker_never_ends_at_a_hyphen_or_on_a_name_particle(text, mention, speaker):
    [q] = run(text, [(mention, "per:x", "PERSON", None)])
    assert q["speaker_surface"] == speaker


def test_a_bare_anonymous_head_takes_its_indefinite_modifier():
    # dev X: 'وتحدث شهود عيان عن "انفجار هائل"' — the speaker is the witnesses, not "witnesses" cut from its complement
    [q] = run('وتحدث شهود عيان عن "انفجار هائل" وقع حوالي الساعة الرابعة.')
    assert q["speaker_surface"] == "شهود عيان"
    # not over a recipient, an adverb of time or إن
    for text in ('وقال مصدر لرويترز إن "الاتفاق بات قريبا جدا من التوقيع".',
                 'وقال مصدر أمس إن "الاتفاق بات قريبا جدا من التوقيع".',
                 'وقال شهود إنهم "سمعوا دوي انفجارات متتالية في المنطقة".'):
        [q] = run(text)
        assert q["speaker_surface"] in ("مصدر", "شهود")


@pytest.mark.parametrize("text", [
    # dev X: 'قال إن الرئيس الأمريكى دونالد ترامب أعلن أنه …' then 'وأضاف … إن …"…"' — the subject of the verb inside the
    # reported content is not whom the continuation refers to
    'وقال الوزير سامر حداد إن الرئيس سامي حسن أعلن أنه سيزور المدينة الشهر المقبل.\n'
    'وأضاف في مؤتمر صحفي إن الرئيس وافق أيضا على وقف التجارب وأنه "ملتزم بنزع السلاح بشكل كامل".',
    'وقال الوزير سامر حداد إن الرئيس سامي حسن كشف عن خطة جديدة للبلاد. وأضاف "لن نقبل بهذه الخطة مهما كانت الظروف".',
])
def test_a_verb_inside_reported_content_gives_no_antecedent(text):
    rows = run(text, [("سامر حداد", "per:s", "PERSON", None), ("سامي حسن", "per:h", "PERSON", None)])
    assert rows[-1]["speaker_surface"] == "سامر حداد"


@pytest.mark.parametrize("text, speakers", [
    # dev X (×2), dev Q: a partitive before a definite noun right after a verb of saying is its subject
    ('وقال أحد العمال المضربين: "لم يحصل عمال البلدية على رواتبهم منذ فبراير الماضي". وأضاف: "عدم دفع الرواتب سيضع '
     'العمال في مشاكل خطيرة".', ["أحد العمال المضربين", "أحد العمال المضربين"]),
    ('وروى أحد المتطوعين الكثر الذين هرعوا إلى المكان أنه غالبا ما يجد نفسه مضطرا إلى "انتشال الجثث من تحت الأنقاض '
     'بيديه".', ["أحد المتطوعين الكثر"]),
])
def test_a_partitive_subject_of_a_verb_of_saying_speaks(text, speakers):
    assert [q["speaker_surface"] for q in run(text)] == speakers


def test_a_stance_verb_in_a_relative_clause_speaks_for_its_antecedent():
    # dev X (×2): 'وكتب ميغانو، الذي انتقد البابا في السابق "…"' — the word after the verb of a relative clause is its
    # object; the clause's subject is the phrase it hangs on (and a later واضاف goes on with it)
    text = ('وكتب ميغانو، الذي انتقد البابا في السابق "البابا فرانسيس طالب سابقا بالشفافية التامة في الكنيسة". '
            'واضاف "في هذه اللحظة الهامة يجب أن يعترف".')
    rows = run(text, [("ميغانو", "per:m", "PERSON", None), ("البابا فرانسيس", "per:p", "PERSON", None)])
    assert [q["speaker_surface"] for q in rows] == ["ميغانو", "ميغانو"]


# --- eleventh session: names, titles and labels in quotation marks (quotes.py: _label_quote) ---------------------


@pytest.mark.parametrize("text", [
    # a designation word right before the quote, whatever cue stands earlier in the sentence
    'وقال الوزير إن الحزب الذي تصنفه الحكومة "جماعة محظورة" لن يشارك في الانتخابات.',
    'وقال الوزير إن المسلحين حلوا المجلس البلدي واستبدلوه بما سموها "مجالس شعبية" في المدينة.',
    'وقال الوزير إن آلاف الزوار زاروا القلعة القديمة بمناسبة ذكرى "سقوط القلعة" عند سكان البلدة.',
    # a glued لـ after a noun: the name of a body
    'وأعلنت قوات التحالف الدولي لـ"حماية السواحل" أنها أوقفت سفينة في المضيق.',
    # no speech cue in the clause: the name of an event, a weapon, a ship
    'نظمت جمعية المزارعين في المدينة الخميس "مسيرة الحصاد" في قرية قريبة من النهر.',
    # the head of the name of an aircraft or a ship, even inside reported content
    'وقال الوزير إن المناورات ستشارك بها حاملة طائرات تقل مقاتلات "نسر 40" الحديثة.',
    'وقال الوزير إن الطائرات ستنطلق من على متن حاملة الطائرات "نجمة البحر" الأسبوع المقبل.',
])
def test_a_short_label_in_quotation_marks_is_no_quote(text):
    assert run(text, [("الوزير", "per:x", "PERSON", None)] if "الوزير" in text else []) == []


@pytest.mark.parametrize("text, quote", [
    # characterisations and speech-governed fragments stay quotes (the judging rules)
    ('ووصف الوزير سامي الحسن الهجوم بأنه "عمل جبان" وتوعد بالرد.', "عمل جبان"),
    ('واعتبرت المنظمة القرار "خطوة خطيرة" في بيان لها.', "خطوة خطيرة"),
    ('وأعربت المنظمة عن "قلق بالغ" إزاء الهجوم على القرية.', "قلق بالغ"),
    ('وقال سامي الحسن إن الهجوم قد يؤدي إلى "كارثة إنسانية" في المنطقة.', "كارثة إنسانية"),
    ('وتعاني المدينة من وضع "إنساني مأساوي" وفق ما قال مسؤولون محليون.', "إنساني مأساوي"),
    ('ووصف سامي الحسن ما جرى بـ"جريمة تاريخية" في كلمته أمام البرلمان.', "جريمة تاريخية"),
    # side effects read in 462 corpus articles: a role phrase with باسم, a proposal, a denunciation
    ('وأدان المتحدث باسم الوزير "الهجوم البشع" على تويتر.', "الهجوم البشع"),
    ('واقترح سامي الحسن في اجتماع للمنظمة تأسيس "منتدى للحوار الإقليمي".', "منتدى للحوار الإقليمي"),
])
def test_a_short_characterisation_or_governed_fragment_stays_a_quote(text, quote):
    rows = run(text, [("سامي الحسن", "per:sami", "PERSON", None)] if "سامي الحسن" in text else [])
    assert [q["quote_text"] for q in rows] == [quote]


# --- twelfth session: a body's name behind a bare head (quotes.py: _body_name) ---------------------------------


@pytest.mark.parametrize("text, speakers", [
    # a bare definite head stands for the body named earlier with the same head (the name is untagged)
    ('انتقدت هيئة رقابة المستشفيات الوطنية، في تقرير نشر الاثنين، نقص الأطباء. '
     'وأوضحت الهيئة أن العيادات "تعمل بنصف طاقتها منذ شهور".',
     ["هيئة رقابة المستشفيات الوطنية"]),
    # a listed two-word head goes on the name (side effects: not "مفوضية الأمم")
    ('وحذرت مفوضية الأمم المتحدة لشؤون اللاجئين من موجة نزوح جديدة. وقالت المفوضية إن "آلاف الأسر فرت خلال أسبوع".',
     ["مفوضية الأمم المتحدة"]),
    # also a name in quotation marks, and after a later continuation with the same bare head
    ('دعت "مجموعة الدراسات الاستراتيجية" في تقرير الحكومة إلى "مراجعة خطة الطاقة في البلاد". '
     'وأضافت المجموعة أن الخطة الحالية "لن تحقق أهدافها قبل عشر سنوات على الأقل".',
     ["مجموعة الدراسات الاستراتيجية", "مجموعة الدراسات الاستراتيجية"]),
])
def test_a_bare_definite_body_head_is_the_body_named_before(text, speakers):
    assert run(text)[-1]["speaker_surface"] == speakers[-1]


def test_a_bare_indefinite_body_head_takes_the_rest_of_its_name():
    # a speaker cut to the first word of a body's name (the older rules did so for a pronoun's antecedent in
    # 'ورحبت مجموعة … إلا أنها حذرت من أنه "…"') takes the rest of the name, its definite adjective included
    from pipeline.extract.quantities import analyze
    from pipeline.extract.quotes import _body_name

    text = 'ورحبت جمعية حماية المستهلك الدولية بالقرار، إلا أنها حذرت من ارتفاع الأسعار.'
    _view, toks = analyze(text)
    a = text.index("جمعية")
    s, e = _body_name(toks, a, a + len("جمعية"))
    assert text[s:e] == "جمعية حماية المستهلك الدولية"
    # a preposition before any definite word: no name, the speaker stays as found
    text = 'وحذرت مجموعة من ارتفاع الأسعار في الأسواق.'
    _view, toks = analyze(text)
    a = text.index("مجموعة")
    assert _body_name(toks, a, a + len("مجموعة")) is None


@pytest.mark.parametrize("text, speaker", [
    # no earlier name with the head: the bare head stays (nothing is invented)
    ('وقالت الهيئة في بيان إن "الانتخابات ستجري في موعدها المحدد".', "الهيئة"),
    # a day word after the earlier head is no part of a name: "هيئة الثلاثاء" is not taken
    ('أعلنت هيئة الثلاثاء أنها ستراجع القرار. وقالت الهيئة إن "المراجعة ستستغرق شهرا كاملا".', "الهيئة"),
])
def test_a_bare_body_head_without_an_earlier_name_stays(text, speaker):
    assert run(text)[-1]["speaker_surface"] == speaker


# --- twelfth session: a definite family name after a title or a name particle (quotes.py: _surname_end) ----------


@pytest.mark.parametrize("text, mention, speaker", [
    # a title right before the name the tagger cut, the family name closed by a comma
    ('وقال مساعد وزير الخارجية للشؤون الإنسانية، السفير كريم الهاشمي، الاثنين للصحفيين "الوضع يتحسن ببطء شديد".',
     "كريم", "كريم الهاشمي"),
    # a name particle inside the cut name, the family name closed by إن
    ('وقال النائب العام فهد بن عبد الرحمن الشمري إن التحقيقات "ستكتمل قبل نهاية الشهر المقبل".',
     "فهد بن عبد الرحمن", "فهد بن عبد الرحمن الشمري"),
])
def test_a_cut_name_takes_its_definite_family_name(text, mention, speaker):
    [q] = run(text, [(mention, "per:x", "PERSON", None)])
    assert q["speaker_surface"] == speaker


@pytest.mark.parametrize("text, mention", [
    # no title, no particle: the definite word after a stance verb's subject is its object
    ('وأدان كريم الهجوم، مؤكدا أن "المهاجمين سيحاسبون على ما فعلوه".', "كريم"),
    # a day word after a titled name is no family name
    ('وقال السفير كريم الاثنين، للصحفيين إن "الوضع يتحسن ببطء شديد".', "كريم"),
    # side effects (1,150 unjudged articles): عبد opens a given name, it is no particle of lineage
    ('وفي اليوم الأول، تحدى عبد الكريم القضاء، مؤكدا للقضاة "أنه لا يعترف بهذه المحكمة".', "عبد الكريم"),
])
def test_a_definite_word_that_is_no_family_name_is_not_taken(text, mention):
    [q] = run(text, [(mention, "per:x", "PERSON", None)])
    assert q["speaker_surface"] == mention


# --- twelfth session: an anonymous source takes the phrase that says whose it is (quotes.py: _anonymous_affiliation_end)


@pytest.mark.parametrize("text, speaker", [
    ('وقال مسؤول في مكتب الادعاء لـ"فرانس برس": "من المرجح أن يوقفه القاضي أسبوعين".', "مسؤول في مكتب الادعاء"),
    ('ورجح مصدر مقرب من البيت الأبيض قيام الرئيس بذلك، لأنه "لا يريد أن يعرف أحد بما يفعل".',
     "مصدر مقرب من البيت الأبيض"),
    # and no more than that:
    # no definite word after the preposition: the phrase is about the speech, not the source
    ('وقال مسؤول في تصريح لرويترز إن "الوضع تحت السيطرة تماما الآن".', "مسؤول"),
    # a day word ends the affiliation
    ('وقال مصدر في الشرطة الثلاثاء إن "الوضع تحت السيطرة تماما الآن".', "مصدر في الشرطة"),
    # side effects (1,150 unjudged articles): only adjectives go on after the definite word, not the verb's object
    ('وأكد مسؤول كبير في الإدارة الواقعة لوكالة رويترز قائلا "لقد حدث ذلك بالفعل أمس".', "مسؤول كبير في الإدارة"),
])
def test_an_anonymous_source_takes_its_affiliation_and_no_more(text, speaker):
    [q] = run(text)
    assert q["speaker_surface"] == speaker


# --- twelfth session (facts13): verbs of urging take the subject right after them (vocab urging_verbs; quotes.py) ---------


@pytest.mark.parametrize("text, specs, speaker", [
    # a document as the subject of an urging verb, then the addressee and the preposition
    ('ودعا التقرير الحكومة إلى "وقف الاعتقالات التعسفية فورا وإطلاق سراح المعتقلين".', [], "التقرير"),
    # a body's definite name goes on over its adjective only: the next definite noun is the addressee
    ('وطالبت الهيئة الوطنية الحكومة بـ"الكشف عن مصير المفقودين خلال شهر واحد".', [], "الهيئة الوطنية"),
    ('وحث الرئيس الفرنسي إيمانويل ماكرون الدول الأوروبية على "التحرك معا قبل فوات الأوان".',
     [("إيمانويل ماكرون", "per:m", "PERSON", None)], "إيمانويل ماكرون"),
])
def test_an_urging_verb_speaks_through_its_subject(text, specs, speaker):
    [q] = run(text, specs)
    assert q["speaker_surface"] == speaker


@pytest.mark.parametrize("text, specs, speaker", [
    # a verb joined by a comma to an earlier clause shares its subject: the word after it is the addressee
    ('وندد رئيس البلدية جون توري بالهجوم، ودعا السكان إلى الهدوء وتفادي "الخروج باستنتاجات متسرعة".',
     [("جون توري", "per:t", "PERSON", None)], "جون توري"),
    # inside the content of an earlier speech verb the outer verb's subject speaks
    ('وقال الوزير سامي الحسن إن الحكومة دعت الشركات إلى "خفض الأسعار في أسرع وقت ممكن".',
     [("سامي الحسن", "per:s", "PERSON", None)], "سامي الحسن"),
])
def test_an_urging_verb_that_is_no_new_source(text, specs, speaker):
    [q] = run(text, specs)
    assert speaker in (q["speaker_surface"] or "")


# --- twelfth session (facts13): a bare person role is the person introduced with the same head (_bare_role_antecedent) ----


@pytest.mark.parametrize("text, specs, speaker", [
    # a definite head with an adjective the earlier phrase lacks (not a nationality)
    ('انتقد الأدميرال الأميركي سامي الحسن قرار الوزير. ودافع الأدميرال المتقاعد في رسالة عن زميله بوصفه '
     '"أحد أرقى الموظفين الذين عرفتهم".', [("سامي الحسن", "per:s", "PERSON", None)], "سامي الحسن"),
    # an indefinite head in construct with a definite noun: the earlier phrase shares the noun
    ('وقالت رئيسة لجنة التحكيم هدى الخطيب إن الجائزة مستحقة. وأوضحت رئيسة اللجنة أن "الأعمال المشاركة كانت متميزة".',
     [("هدى الخطيب", "per:h", "PERSON", None)], "هدى الخطيب"),
    # an earlier indefinite head with its affiliation and no name
    ('وأكدت متحدثة باسم الصحيفة أن المراسل حصل على تصريح. وقالت المتحدثة: "نشعر بالقلق من إبعاده بالقوة".', [],
     "متحدثة باسم الصحيفة"),
    # a party is a body head: the bare head is the party's untagged name
    ('دعا حزب التيار الشعبي إلى استفتاء. وذكر الحزب في بيانه أنه "لا يرى مانعا من عرض الأمر على الشعب".', [],
     "حزب التيار الشعبي"),
])
def test_a_bare_role_is_the_one_introduced_before(text, specs, speaker):
    assert run(text, specs)[-1]["speaker_surface"] == speaker


@pytest.mark.parametrize("text, specs, speaker", [
    # another nationality: the earlier president is someone else
    ('وقال الرئيس اليوناني كريم الحسن إن العلاقات متوترة. وقال الرئيس التركي إن "الجنديين سيحاكمان أمام القضاء".',
     [("كريم الحسن", "per:k", "PERSON", None)], "الرئيس التركي"),
    # two persons introduced with the head: left as found
    ('التقى الرئيس سامي الحسن الرئيس كريم العلي. وقال الرئيس إن "المحادثات كانت مثمرة جدا".',
     [("سامي الحسن", "per:s", "PERSON", None), ("كريم العلي", "per:k", "PERSON", None)], "الرئيس"),
    # a body is no person introduced before
    ('وقال قائد الشرطة سامي الحسن إن التحقيق مستمر. وأضافت الشرطة أن "المشتبه به اعتقل صباح الأحد".',
     [("سامي الحسن", "per:s", "PERSON", None)], "الشرطة"),
    # side effects (1,149 unjudged articles, first version): a family is not the person it is named after, a name
    # after a particle of lineage is the father's, and a role after a definite subject is the verb's object
    ('طالبت أسرة الصحفي سامي الحسن بتحقيق دولي. وقالت الأسرة في بيانها: "نريد أن نعرف الحقيقة كاملة".',
     [("سامي الحسن", "per:s", "PERSON", None)], "الأسرة"),
    ('نشرت الأميرة الجوهرة بنت سامي الحسن صورة لوالدها. وعلقت الأميرة الجوهرة على الصورة "الحمد لله على سلامتك".',
     [("سامي الحسن", "per:s", "PERSON", None)], "الأميرة الجوهرة"),
])
def test_a_bare_role_with_no_single_antecedent_stays(text, specs, speaker):
    assert run(text, specs)[-1]["speaker_surface"] == speaker


def test_a_subject_and_its_object_are_no_bare_role():
    # side effects: 'وتتهم المعارضة الرئيس "…"' — the president is the object; the opposition is not resolved to him
    text = ('وقال الرئيس سامي الحسن إن الانتخابات ستجري في موعدها. '
            'وتتهم المعارضة الرئيس بـ"المحسوبية والفساد المالي في مؤسسات الدولة".')
    surface = run(text, [("سامي الحسن", "per:s", "PERSON", None)])[-1]["speaker_surface"]
    assert surface.startswith("المعارضة") and "سامي" not in surface


# --- thirteenth session (facts14): a social platform carries a post, it never speaks (_is_platform, _post_owner) ------
@pytest.mark.parametrize("text, specs, speaker", [
    # the owner named with لـ after the post noun
    ('جاء ذلك في تغريدة لسامي الحسن على صفحته بموقع التواصل الاجتماعي، تويتر، حيث قال: "الحوار هو الطريق الوحيد للحل".',
     [("سامي الحسن", "per:s", "PERSON", None), ("تويتر", "org:tw", "ORG", "company")], "سامي الحسن"),
    # the owner written with the article swallowed by لل: the same name introduced earlier
    ('قال النائب كريم الحسيني إن القرار خاطئ. جاء ذلك في تغريدة للحسيني على صفحته بموقع التواصل الاجتماعي، تويتر، '
     'حيث قال: "لن نقبل بهذا القرار أبدا مهما كان الثمن".',
     [("كريم الحسيني", "per:k", "PERSON", None), ("حسيني", "per:k", "PERSON", None), ("تويتر", "org:tw", "ORG", "company")],
     "كريم الحسيني"),
    # the verb's subject that published the post
    ('ونشر سامي الحسن تغريدة عبر صفحته الرسمية على موقع تويتر قال فيها: "سأعلن قراري غدا من القصر الرئاسي".',
     [("سامي الحسن", "per:s", "PERSON", None), ("موقع تويتر", "org:tw", "ORG", "company")], "سامي الحسن"),
    # no post noun: the subject of the clause whose verb the platform follows
    ('لكن الرئيس سامي الحسن رفض الاتهامات، وقال على تويتر إن "الاقتباسات المنسوبة إلي مختلقة تماما".',
     [("سامي الحسن", "per:s", "PERSON", None), ("تويتر", "org:tw", "ORG", "company")], "الرئيس سامي الحسن"),
])
def test_a_platform_is_no_speaker_its_post_owner_is(text, specs, speaker):
    assert run(text, specs)[-1]["speaker_surface"] == speaker


def test_a_platform_with_no_owner_named_gives_no_speaker():
    text = 'وكتب على صفحته في موقع فيس بوك قائلا: "الأوضاع صعبة جدا في المدينة هذه الأيام".'
    assert run(text, [("فيس بوك", "org:fb", "ORG", "company")])[-1]["speaker_surface"] is None


# --- thirteenth session (facts14): an outlet that relays the words is no speaker when the speaker is found (_relayed_outlet) -
@pytest.mark.parametrize("text, specs, speaker", [
    # a continuation verb with the relay inside its clause: the previous speaker goes on
    ('وقال الوزير سامي الحسن إن الوضع صعب جدا. وأضاف، في تصريح نقلته وكالة الأنباء الوطنية، أن المسلحين منعوا السفن '
     '"من إفراغ حمولتها في الميناء".',
     [("سامي الحسن", "per:s", "PERSON", None), ("وكالة الأنباء الوطنية", "org:a", "ORG", "news_agency")], "سامي الحسن"),
    # the relay named after the quote: the clause's subject, a role with the name in apposition
    ('وجدد الرئيس اليمني، سامي الحسن، التأكيد على أن اليمن "لن ينسلخ من جلده العربي أبدا"، وفقا لما نقلت وكالة الأنباء الوطنية.',
     [("سامي الحسن", "per:s", "PERSON", None)], "الرئيس اليمني، سامي الحسن"),
])
def test_a_relaying_outlet_gives_way_to_the_speaker(text, specs, speaker):
    assert run(text, specs)[-1]["speaker_surface"] == speaker


def test_a_relaying_outlet_that_is_the_only_source_stays():
    text = 'أعلنت السلطات إغلاق الطريق. "لا توجد أي إصابات بين المدنيين حتى الآن"، بحسب وكالة الأنباء الوطنية.'
    assert run(text)[-1]["speaker_surface"] == "وكالة الأنباء الوطنية"


# --- thirteenth session (facts14): more heads of names before a quote (vocab name_heads: مسيرة، جمعة، يوم، تمرين، قوات …) -
@pytest.mark.parametrize("text", [
    'وقال المتحدث باسم الجيش سامي الحسن إن قوات "التحالف العربي لدعم الشرعية" تقدمت نحو المدينة.',
    'وأعلنت الهيئة العليا اختتام فعاليات جمعة "من غزة لحيفا دم واحد" بمشاركة الآلاف.',
    'وأكد اللواء سامي الحسن أن تمرين "درع الخليج المشترك 1" حقق أهدافه كاملة.',
    'ودعت الجامعة العربية إلى التحقيق في قتل المتظاهرين خلال مسيرة "يوم الأرض" في غزة.',
])
def test_a_name_after_a_name_head_is_no_quote(text):
    assert run(text, [("سامي الحسن", "per:s", "PERSON", None)]) == []


# --- thirteenth session (facts15): a body's لل complement is part of the role (speakers.py: _body_complement) ----------
@pytest.mark.parametrize("text, specs, speaker", [
    # the complement after a body head and its adjective, then carried to the next quote
    ('ولفت وزير النقل رئيس اللجنة العليا للإغاثة إلى أن "ست سفن أخرى تم احتجازها خلال الأشهر الماضية".',
     [], "وزير النقل رئيس اللجنة العليا للإغاثة"),
    ('وقال مدير اللجنة الدولية للصليب الأحمر إن "القتال اندلع رغم الضمانات المقدمة للقافلة".',
     [], "مدير اللجنة الدولية للصليب الأحمر"),
])
def test_a_body_complement_with_lil_stays_in_the_role(text, specs, speaker):
    assert run(text, specs)[-1]["speaker_surface"] == speaker


def test_a_recipient_with_lil_is_not_part_of_the_role():
    text = 'وقال رئيس اللجنة الانتخابية للصحفيين إن "النتائج ستعلن غدا في المساء".'
    assert run(text)[-1]["speaker_surface"] == "رئيس اللجنة الانتخابية"


# --- thirteenth session (facts15): a locative after the role, then the person's name (speakers.py: _person_after_locative) -
def test_a_locative_complement_then_the_name_completes_the_role():
    text = 'وقال قائد المنطقة الأمنية الخاصة للسواحل الشرقية بالولاية سامي الحسن في تصريح صحفي "نعتقد أنهم عناصر مسلحة".'
    rows = run(text, [("سامي الحسن", "per:s", "PERSON", None)])
    assert rows[-1]["speaker_surface"] == "قائد المنطقة الأمنية الخاصة للسواحل الشرقية بالولاية سامي الحسن"


# --- thirteenth session (facts15): a bare definite anonymous head is the source introduced before (_bare_anonymous_antecedent)
@pytest.mark.parametrize("text, speaker", [
    ('كشف مصدر رسمي في التحالف العربي عن عزم التحالف عرض أدلة جديدة. وقال المصدر إن التحالف "سيعرض غدا أدلة على تهريب '
     'الصواريخ".', "مصدر رسمي في التحالف العربي"),
    ('وقال مسؤول أميركي كبير إن الشركات بدأت الانسحاب من السوق. وأكد المسؤول أن "خمسين شركة أعلنت نيتها تقليص علاقاتها".',
     "مسؤول أميركي كبير"),
])
def test_a_bare_anonymous_head_is_the_source_introduced_before(text, speaker):
    assert run(text)[-1]["speaker_surface"] == speaker


def test_a_bare_anonymous_head_after_two_sources_stays():
    text = ('وقال مسؤول أميركي كبير إن الشركات بدأت الانسحاب. وقال مسؤول روسي إن موسكو سترد على ذلك. وأكد المسؤول أن '
            '"خمسين شركة أعلنت نيتها تقليص علاقاتها".')
    assert run(text)[-1]["speaker_surface"] == "المسؤول"
