"""NUL and the other control characters never reach the cleaned text; offsets stay exact."""

from __future__ import annotations

import random
import re

import polars as pl
import pytest

from pipeline.clean.document import clean_document
from pipeline.clean.fallback import fallback_clean
from pipeline.clean.offsets import OffsetMap
from pipeline.clean.unicode import normalize_with_map, surface_normalize

#: every control character except TAB and the line breaks (LF, VT, FF, CR, NEL)
CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0)]]
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

ARTICLE = (
    "بغداد - أعلنت وزارة الدفاع العراقية يوم الأحد أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد.\n"
    "وقال المتحدث باسم الوزارة إن الهجوم نفذ بطائرات مسيرة، مضيفا أن التحقيقات جارية.\n\n"
    "وأكد مسؤولون أمريكيون أن المحادثات بشأن انسحاب القوات ستستأنف الأسبوع المقبل في بغداد."
)


def sprinkle(text: str, seed: int, n: int = 60) -> str:
    rnd = random.Random(seed)
    chars = list(text)
    for _ in range(n):
        chars.insert(rnd.randrange(len(chars) + 1), rnd.choice(CONTROLS) * rnd.choice((1, 1, 2)))
    return "".join(chars)


@pytest.mark.parametrize("ch", CONTROLS)
def test_each_control_character_is_removed(ch):
    clean, segs = normalize_with_map(f"قال{ch}الوزير {ch} إن{ch}")
    assert clean == "قالالوزير إن"
    assert surface_normalize(f"a{ch}b") == "ab"


def test_tab_and_line_breaks_are_not_deleted_by_hygiene():
    assert surface_normalize("a\tb") == "a b"
    assert surface_normalize("a\nb") == "a\nb"


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("cleaner", [clean_document, fallback_clean])
def test_cleaned_text_has_no_controls_and_every_span_reproduces(seed, cleaner):
    raw = sprinkle(ARTICLE, seed)
    assert "\x00" in raw or _CONTROL_RE.search(raw)
    res = cleaner(raw)
    assert not _CONTROL_RE.search(res.clean_text), repr(res.clean_text)
    assert res.clean_text.replace("\n", "") and "\t" not in res.clean_text
    # the cleaned text is the article, controls aside
    assert surface_normalize(_CONTROL_RE.sub("", res.clean_text)) == res.clean_text
    for p in res.paragraphs:
        assert surface_normalize(raw[p["raw_start"]:p["raw_end"]]) == res.clean_text[p["start"]:p["end"]]
    for s in res.sentences:
        assert surface_normalize(raw[s["raw_start"]:s["raw_end"]]) == res.clean_text[s["start"]:s["end"]]
    for r in res.removed_spans:
        assert raw[r["raw_start"]:r["raw_end"]] == r["text"]
    om = res.offset_map
    for m in re.finditer(r"\S+", res.clean_text):
        a, b = om.to_raw(*m.span())
        assert surface_normalize(raw[a:b]) == m.group(0)
        assert not _CONTROL_RE.match(raw[a]) and not _CONTROL_RE.match(raw[b - 1])


def test_clean_step_stores_no_nul(tmp_path):
    from pipeline.clean.script import detect_language
    from pipeline.ingest.batch import ingest
    from pipeline.settings import Settings
    from pipeline.steps.clean import clean_step

    (tmp_path / "a.txt").write_text(ARTICLE.replace("الدفاع", "الدفاع\x00").replace("الأحد", "\x07الأحد"),
                                    encoding="utf-8")
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language)
    out = clean_step(batch.documents)
    doc = out.documents.row(0, named=True)
    assert "\x00" in doc["raw_text"]  # the raw text is kept exactly as decoded
    assert "\x00" not in doc["clean_text"] and "\x07" not in doc["clean_text"]
    assert out.sentences.filter(pl.col("text").str.contains("\x00", literal=True)).height == 0
