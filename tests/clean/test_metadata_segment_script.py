"""Dateline/byline parsing, sentence segmentation, script and language identification."""

from __future__ import annotations

from datetime import datetime

import pytest

from pipeline.clean.metadata import parse_byline, parse_dateline, title_shape
from pipeline.clean.script import detect_language, identify
from pipeline.clean.segment import split_lines, split_sentences


@pytest.mark.parametrize("line, expected", [
    ("2024-01-28 10:45:25", datetime(2024, 1, 28, 10, 45, 25)),
    ("28/01/2024", datetime(2024, 1, 28)),
    ("28.01.2024 - 10:45", datetime(2024, 1, 28, 10, 45)),
    ("٢٠٢٤-٠١-٢٨ ١٠:٤٥", datetime(2024, 1, 28, 10, 45)),
    ("الأحد 28 يناير 2024", datetime(2024, 1, 28)),
    ("نشر في: 5 كانون الثاني/يناير 2020 - 09:30 م", datetime(2020, 1, 5, 21, 30)),
    ("آخر تحديث: 3 أيلول 2019", datetime(2019, 9, 3)),
    ("Published on March 4, 2018", datetime(2018, 3, 4)),
])
def test_parse_dateline(line, expected):
    assert parse_dateline(line) == expected


@pytest.mark.parametrize("line", [
    "وقعت الهجمات يوم 28 يناير 2024 في بغداد.",   # a date inside a sentence
    "15 أكتوبر",                                   # no year
    "31/02/2024",                                  # invalid day
    "2500 جندي",
])
def test_parse_dateline_negative(line):
    assert parse_dateline(line) is None


@pytest.mark.parametrize("line, name", [
    ("يوني بن مناحيم يكتب", "يوني بن مناحيم"), ("بقلم: سمير عطا الله", "سمير عطا الله"),
    ("كتب: أحمد علي", "أحمد علي"), ("By John Smith", "John Smith"), ("كتبت - منى حسن", "منى حسن"),
])
def test_parse_byline(line, name):
    assert parse_byline(line) == name


@pytest.mark.parametrize("line", ["كتب الرئيس رسالة إلى الكونغرس يطالب فيها بالانسحاب", "تقرير\"ميدل إيست آي\" ترجمة عربية",
                                  "وقال إنه يكتب"])
def test_parse_byline_negative(line):
    assert parse_byline(line) is None


def test_title_shape():
    assert title_shape("محادثات حول إنهاء الوجود العسكري الأمريكي في العراق")
    assert not title_shape("وقال الوزير إن الاتفاق سيوقع قريبا.")


def test_split_lines_crlf():
    t = "أ\r\nب\rج\nد\u2029هـ"
    assert [t[a:b] for a, b in split_lines(t)] == ["أ", "ب", "ج", "د", "هـ"]


def test_split_sentences():
    t = ("قال د. محمد إن النمو بلغ 2.5 في المئة. وأضاف «هذا مهم. جدا» ثم غادر! هل تعلم؟ "
         "نعم… ربما؛ وقال “هذا واضح.” وانتهى U.S. forces left. Done")
    got = [t[a:b] for a, b in split_sentences(t)]
    assert got == ["قال د. محمد إن النمو بلغ 2.5 في المئة.", "وأضاف «هذا مهم. جدا» ثم غادر!", "هل تعلم؟",
                   "نعم… ربما؛", "وقال “هذا واضح.”", "وانتهى U.S. forces left.", "Done"]


def test_identify_languages():
    assert identify("وقال مسؤول أمريكي إن المحادثات ستبدأ في العاصمة").language == "ar"
    assert identify("مافی بهرههمهكان پارێزراوه بۆ درهو") [1] == "ku"
    assert identify("این گزارش برای کاربران ایرانی است و از تهران منتشر شد").language == "fa"
    info = identify("The talks will start in Baghdad next week and last for months")
    assert (info.script, info.language) == ("latin", "en")
    assert identify("123 456").script == "other"
    assert identify("قال مسؤول في وزارة الدفاع الأمريكية إن the talks continue").script == "mixed"


def test_detect_language():
    lang, ratio = detect_language("وقال مسؤول أمريكي إن المحادثات ستبدأ. Developed by X")
    assert lang == "ar" and 0.5 < ratio < 1
    assert detect_language("This is an English article about the war in the region")[0] == "en"
    assert detect_language("") == ("other", 0.0)


def test_letter_counts_over_runs_equal_per_character_counts():
    from pipeline.clean.script import _ARABIC_LETTER_RE, _LATIN_LETTER_RE, _OTHER_LETTER_RE, _PERSIAN_LETTERS_RE, _count

    text = "قال الرئيس Biden في 2024: «پیام» Привет 東京 ةيكى abc-déf"
    for rx in (_ARABIC_LETTER_RE, _LATIN_LETTER_RE, _OTHER_LETTER_RE, _PERSIAN_LETTERS_RE):
        assert _count(rx, text) == sum(1 for ch in text if rx.fullmatch(ch))
    assert _count(_LATIN_LETTER_RE, text) == len("Bidenabcdéf")


@pytest.mark.parametrize("text", [
    "قال الرئيس Biden في 2024: «پیام» Привет 東京 ةيكى abc-déf 😀 " * 8,   # every class, and a non-BMP emoji
    "مافی بهرههمهكان پارێزراوه بۆ درهو " * 10,                                 # Kurdish letters
    "این گزارش برای کاربران ایرانی است " * 10,                                  # Persian letters
    "ب" * 300 + "\ud800",                                                      # a lone surrogate: the expressions
])
def test_long_text_letter_counts_equal_the_expressions(text, monkeypatch):
    """A text of at least _LONG characters is counted through the code-point table (a lone surrogate
    falls back to the expressions); each class count equals its expression's, and identify(),
    detect_language() and arabic_ratio() answer as they do through the expressions alone."""
    from pipeline.clean import script

    assert len(text) >= script._LONG
    want = tuple(sum(1 for ch in text if rx.fullmatch(ch)) for rx in script._CLASSES)
    got = script._letter_counts(text)
    assert got[:3] == want[:3] and all(g is None or g == w for g, w in zip(got[3:], want[3:]))
    answers = (identify(text), detect_language(text), script.arabic_ratio(text))
    monkeypatch.setattr(script, "_LONG", 10 ** 9)  # the expressions only
    assert (identify(text), detect_language(text), script.arabic_ratio(text)) == answers


def test_dateline_length_is_checked_on_the_line_as_written():
    """A line longer than 80 characters is never a dateline (checked before its digits are mapped,
    which keeps the length); one just under it still parses, Arabic-Indic digits included."""
    line = "٢٠٢٤-٠١-٢٨ ١٠:٤٥:٢٥"
    assert parse_dateline(line) == datetime(2024, 1, 28, 10, 45, 25)
    assert parse_dateline(line + " " * 70 + "x") is None
