"""clean_document on the seeds, invented documents and a corpus slice (offset invariants)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from pipeline.clean.document import clean_document
from pipeline.clean.unicode import surface_normalize

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def assert_invariants(raw: str, res) -> None:
    """Every paragraph/sentence reproduces in both texts; removed spans reproduce in the raw text."""
    for span in res.paragraphs + res.sentences:
        clean = res.clean_text[span["start"]:span["end"]]
        assert clean and clean == clean.strip()
        assert surface_normalize(raw[span["raw_start"]:span["raw_end"]]) == clean
        assert res.offset_map.to_raw(span["start"], span["end"]) == (span["raw_start"], span["raw_end"])
    for r in res.removed_spans:
        assert raw[r["raw_start"]:r["raw_end"]] == r["text"]
    prev = (-1, -1, -1, -1)
    for seg in res.offset_map.segments:
        assert seg[0] >= prev[0] + prev[1] and seg[2] >= prev[2] + prev[3]
        assert seg[0] + seg[1] <= len(res.clean_text) and seg[2] + seg[3] <= len(raw)
        prev = seg
    for s in res.sentences:
        p = res.paragraphs[s["paragraph_index"]]
        assert p["start"] <= s["start"] < s["end"] <= p["end"]


def _removed(res, rule):
    return [r["text"] for r in res.removed_spans if r["rule"] == rule]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_invariants(prefix):
    raw = _seed(prefix)
    res = clean_document(raw)
    assert_invariants(raw, res)
    assert "\u00a0" not in res.clean_text


def test_seed_000():
    raw = _seed("000")
    res = clean_document(raw)
    assert res.published_at == datetime(2024, 1, 28, 10, 45, 25) and res.published_at_source == "text"
    assert _removed(res, "dateline") == ["2024-01-28 10:45:25"]
    assert _removed(res, "developer_credit") == ["Developed by Smarthand"]
    assert len(_removed(res, "copyright")) == 1 and "پارێزراوه" in _removed(res, "copyright")[0]
    assert len(_removed(res, "related_heading")) == 1
    assert [t.strip() for t in _removed(res, "trailing_junk")] == ["Draw"]
    assert "Developed by" not in res.clean_text and "Draw" not in res.clean_text
    assert "پارێزراوه" not in res.clean_text
    assert 'تقرير"ميدل إيست آي" ترجمة عربية' in res.clean_text       # attribution survives
    kinds = {res.clean_text[p["start"]:p["end"]]: p["kind"] for p in res.paragraphs}
    assert kinds["العراق في مرمى النيران"] == "heading"              # genuine subheading kept
    assert res.title_source == "text" and res.paragraphs[0]["kind"] == "title"
    assert res.title == "محادثات حول إنهاء الوجود العسكري الأمريكي في العراق"
    assert "2024-01-28" not in res.clean_text


def test_seed_001():
    raw = _seed("001")
    res = clean_document(raw)
    assert sorted(_removed(res, "ad_marker")) == ["[ad_1]", "[ad_2]"]
    assert _removed(res, "source_credit") == ["المصدر"]
    assert "[ad_" not in res.clean_text and not res.clean_text.endswith("المصدر")
    assert res.published_at is None and res.published_at_source is None   # no printed date, no clock
    assert res.paragraphs[0]["kind"] == "caption"


def test_seed_002_and_003_related_headlines():
    res = clean_document(_seed("002"))
    assert "العراق يشتري مروحيات عسكرية من فرنسا" in _removed(res, "related_headline")
    assert _removed(res, "share_prompt") == ["شاركها."]
    res = clean_document(_seed("003"))
    assert len(_removed(res, "related_headline")) == 2
    assert _removed(res, "click_prompt") == ["انقر هنا للحصول على تطبيق FOX NEWS"]
    assert res.title is None


def test_seed_004_byline():
    raw = _seed("004")
    res = clean_document(raw)
    assert res.author == "يوني بن مناحيم" and res.author_source == "text"
    # the byline stays in the clean text as its own paragraph kind, so its name is a mention
    assert _removed(res, "byline") == []
    assert _removed(res, "widget") == ["حجم الخط"]
    bylines = [p for p in res.paragraphs if p["kind"] == "byline"]
    assert len(bylines) == 1
    assert res.clean_text[bylines[0]["start"]:bylines[0]["end"]] == "يوني بن مناحيم يكتب"


def test_metadata_wins():
    raw = _seed("004")
    when = datetime(2020, 8, 20, 12, 0)
    res = clean_document(raw, title="لن تنسحب الولايات المتحدة من العراق في السنوات القادمة",
                         published_at=when, author="Someone")
    assert (res.title_source, res.author, res.author_source) == ("metadata", "Someone", "metadata")
    assert res.published_at == when and res.published_at_source == "metadata"
    assert res.paragraphs[0]["kind"] == "title"
    assert [p["kind"] for p in res.paragraphs].count("byline") == 1  # the byline line is still recognised


BODY1 = "وقال مسؤول عسكري إن القوات بدأت الانسحاب من القاعدة الجوية في شمال البلاد صباح اليوم وفق الخطة المعلنة."
BODY2 = "وأضاف أن العملية ستستغرق عدة أسابيع وأن التنسيق مع الحكومة المحلية مستمر على جميع المستويات دون توقف."


def test_invented_document_crlf_bom_digits():
    raw = ("\ufeffعنوان الخبر عن انسحاب القوات\r\n\r\nنشر في: ٢٨/٠١/٢٠٢٤ - ١٠:٤٥\r\nبقلم: سمير خليل\r\n"
           f"{BODY1}\r\nوزير الدفاع يزور أنقرة لبحث ملف الحدود المشترك\r\n{BODY2}\r\n"
           "مواضيع ذات صلة\r\nالجيش يعلن حالة التأهب في المناطق الحدودية\r\n"
           "جميع الحقوق محفوظة © 2024\r\n")
    res = clean_document(raw)
    assert_invariants(raw, res)
    assert res.published_at == datetime(2024, 1, 28, 10, 45)
    assert res.author == "سمير خليل"
    assert res.title == "عنوان الخبر عن انسحاب القوات"
    assert "\r" not in res.clean_text and "\ufeff" not in res.clean_text
    rules = {r["rule"] for r in res.removed_spans}
    assert {"dateline", "related_headline", "related_heading", "related_link", "copyright"} <= rules
    assert [p["kind"] for p in res.paragraphs] == ["title", "byline", "body", "body"]


def test_body_dates_are_not_datelines():
    raw = f"{BODY1}\n2024-01-28 10:45:25 هو موعد بدء المحادثات بحسب البيان الرسمي الصادر عن الوزارة.\n{BODY2}"
    res = clean_document(raw)
    assert res.published_at is None
    assert not _removed(res, "dateline")


def test_non_arabic_paragraph_not_extractable():
    raw = f"{BODY1}\nThe talks will start in Baghdad next week and last for several months.\n{BODY2}"
    res = clean_document(raw)
    langs = [(p["language"], p["is_extractable"]) for p in res.paragraphs]
    assert langs == [("ar", True), ("en", False), ("ar", True)]


def test_inline_ad_splits_paragraph():
    raw = f"{BODY1} [ad_1] {BODY2}"
    res = clean_document(raw)
    assert_invariants(raw, res)
    assert _removed(res, "ad_marker") == ["[ad_1]"] and "[ad_1]" not in res.clean_text


def test_empty_document():
    res = clean_document("")
    assert res.clean_text == "" and res.paragraphs == [] and res.title is None


def test_corpus_slice_invariants(corpus_file):
    n = 0
    with open(corpus_file, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            raw = d.get("text") or ""
            res = clean_document(raw, title=d.get("title"))
            assert_invariants(raw, res)
            n += 1
            if n >= 300:
                break
    assert n == 300
