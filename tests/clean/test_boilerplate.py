"""Line rules: positive and negative examples (seed-like and invented)."""

from __future__ import annotations

import pytest

from pipeline.clean import boilerplate as bp


@pytest.mark.parametrize("line, rule", [
    ("[ad_1]", "ad_marker"), ("[ ad_12 ]", "ad_marker"), ("إعلان", "ad_marker"),
    ("شاركها.", "share_prompt"), ("شارك عبر فيسبوك", "share_prompt"), ("Share", "share_prompt"),
    ("تابعونا على تويتر", "follow_prompt"),
    ("انقر هنا للحصول على تطبيق FOX NEWS", "click_prompt"),
    ("لمتابعة المباراة على الحواسيب اللوحية، اضغط هنا...", "click_prompt"),
    ("يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق القناة", "app_prompt"),
    ("حمّل التطبيق الآن", "app_prompt"),
    ("اشترك في نشرتنا البريدية مجانا", "subscribe_prompt"),
    ("حجم الخط", "widget"), ("طباعة | تكبير الخط | تصغير الخط", "widget"), ("A+ A-", "widget"),
    ("Developed by Smarthand", "developer_credit"), ("Powered by WordPress", "developer_credit"),
    ("جميع الحقوق محفوظة © 2024", "copyright"), ("All rights reserved", "copyright"),
    ("مافی بهرههمهكان پارێزراوه بۆ درهو", "copyright"), ("هەموو مافەکان پارێزراون", "copyright"),
    ("** جميع المقالات المنشورة تمثل رأي كتابها فقط.", "disclaimer"),
    ("المصدر", "source_credit"), ("المصدر: وكالات", "source_credit"),
    ("-----------------", "separator"), ("______ ______", "separator"),
    ("اقرأ أيضاً: الجماعات المسلحة التي تقاتل في الغوطة", "related_link"),
    ("للمزيد - معركة عفرين: من يقاتل من؟", "related_link"),
])
def test_match_line_positive(line, rule):
    assert bp.match_line(line) == rule


@pytest.mark.parametrize("line", [
    "وقال المصدر إن القوات انسحبت من المدينة بعد اشتباكات عنيفة استمرت يومين.",
    "تقرير\"ميدل إيست آي\" ترجمة عربية",
    "وشارك في الاجتماع وزراء خارجية الدول العربية.",
    "وطالب الحزب بطباعة بطاقات اقتراع جديدة.",
    "العراق في مرمى النيران",
    "ودعا إلى تحميل المسؤولية للحكومة بعد تطبيق القانون الجديد وفقا لما أعلنه المتحدث باسم الوزارة في بيان طويل نشر أمس.",
])
def test_match_line_negative(line):
    assert bp.match_line(line) is None


@pytest.mark.parametrize("line", ["مواضيع ذات صلة", "اقرأ أيضا:", "إقرأ ايضاً", "بابهتی پهیوهندیدار",
                                  "بابەتی پەیوەندیدار", "Related articles", "أخبار ذات صلة"])
def test_related_heading(line):
    assert bp.is_related_heading(line)


def test_related_heading_negative():
    assert not bp.is_related_heading("اقرأ أيضا ما قاله الوزير عن الاتفاق")


def test_inline_ads():
    line = "نص أول [ad_1] نص ثان"
    (a, b), = bp.inline_ad_spans(line)
    assert line[a:b] == "[ad_1]"


def test_trailing_junk():
    line = "تقرير\"ميدل إيست آي\" ترجمة عربية\u00a0Draw"
    cut = bp.trailing_junk_start(line)
    assert cut is not None and line[cut:].strip() == "Draw"
    assert bp.trailing_junk_start("تحدث إلى شبكة CNN") is None            # acronym, not junk
    assert bp.trailing_junk_start("قال جون Smith في مقابلة مع صحيفة Times") is None  # Latin elsewhere


def test_credit_and_caption():
    assert bp.credit_like("تقرير\"ميدل إيست آي\" ترجمة عربية")
    assert bp.credit_like("فرانس24/ أ ف ب")
    assert not bp.credit_like("وقال مسؤول أمريكي إن المحادثات مستمرة.")
    assert bp.caption_like("ويوجد حاليًا حوالي 2500 جندي أمريكي في العراق و900 في سوريا (غيتي)")
    assert not bp.caption_like("وقالت الحكومة (في بيان) إنها سترد")


def test_shapes():
    assert bp.headline_shape("العراق يشتري مروحيات عسكرية من فرنسا")
    assert not bp.headline_shape("العراق في مرمى النيران")             # 4 words: a heading
    assert bp.heading_shape("العراق في مرمى النيران")
    assert not bp.headline_shape("وقال الوزير إن الاتفاق سيوقع قريبا جدا.")
    assert not bp.related_headline_shape("وقال الوزير إن الاتفاق سيوقع قريبا جدا")
    assert not bp.related_headline_shape("5- اللعب بالقاعدة لصالح إيران اليوم")


def test_word_count_with_a_cap_answers_every_comparison_up_to_the_cap():
    """``word_count(text, cap)`` stops counting past ``cap + 1`` words; compared with any bound up to
    ``cap`` it answers as the full count does (the boilerplate rules never split a long paragraph)."""
    from pipeline.clean.boilerplate import word_count

    for text in ("", "   ", "كلمة", "  a  b\tc\nd  ", "قال الرئيس " * 40, "a b   "):
        full = word_count(text)
        for cap in range(0, 12):
            assert word_count(text, cap) == min(full, cap + 1)
            assert all((word_count(text, cap) <= k) == (full <= k) for k in range(cap + 1))
