"""Unicode hygiene and the offset map."""

from __future__ import annotations

import pytest

from pipeline.clean.offsets import OffsetMap, compose
from pipeline.clean.unicode import normalize_with_map, strip_span, surface_normalize


@pytest.mark.parametrize("raw, clean", [
    ("مصطفى\u00a0الكاظمي", "مصطفى الكاظمي"),            # NBSP
    ("كـــبير", "كبير"),                                  # tatweel
    ("a\u200f\u200e b", "a b"),                           # bidi marks inside a space run
    ("\ufeffخبر", "خبر"),                                 # BOM
    ("زي\u200bارة", "زيارة"),                             # zero-width space
    ("\u202bنص\u202c", "نص"),                             # embedding
    ("\u2067نص\u2069", "نص"),                             # isolates
    ("كلمة    كلمة", "كلمة كلمة"),                        # space run
    ("ماذا!!!!", "ماذا!"), ("لماذا؟؟؟", "لماذا؟"), ("why??", "why?"),
    ("انتظر....", "انتظر…"), ("ثم...", "ثم…"), ("a..b", "a..b"),
    ("\u0627\u0653", "\u0622"),                           # NFC: alef + madda -> آ
    ("2.5", "2.5"), ("المقبلة،سيبدأ", "المقبلة،سيبدأ"),   # left as is
])
def test_surface_normalize(raw, clean):
    assert surface_normalize(raw) == clean


def test_normalize_with_map_segments_reproduce():
    raw = "أ\u00a0\u200f ب!!! ثم.... كـــبير \u0627\u0653 نهاية"
    clean, segs = normalize_with_map(raw)
    assert clean == surface_normalize(raw)
    om = OffsetMap(segs)
    for cs, cl, rs, rl in segs:
        assert surface_normalize(raw[rs:rs + rl]) == clean[cs:cs + cl]
    # every clean word maps back to a raw span that normalises to it
    import re
    for m in re.finditer(r"\S+", clean):
        a, b = om.to_raw(*m.span())
        assert surface_normalize(raw[a:b]) == m.group(0)


def test_offset_map_identity_and_replacement():
    om = OffsetMap.identity(10)
    assert om.to_raw(2, 5) == (2, 5)
    om = OffsetMap([(0, 3, 0, 3), (3, 1, 3, 3), (4, 2, 8, 2)])  # 3 raw -> 1 clean, then a deleted char
    assert om.to_raw(0, 4) == (0, 6)
    assert om.to_raw(3, 4) == (3, 6)
    assert om.to_raw(4, 6) == (8, 10)
    assert om.to_raw_many([0, 4], [2, 6]) == ([0, 8], [2, 10])
    assert om.to_clean(8, 10) == (4, 6)


def test_offset_map_inserted_separator():
    om = OffsetMap([(0, 3, 0, 3), (5, 3, 10, 3)])  # clean 3..5 is an inserted "\n\n"
    assert om.to_raw(0, 8) == (0, 13)
    assert om.to_raw(3, 8) == (10, 13)


def test_compose():
    a_raw = "x\u00a0\u00a0yy"
    b, segs1 = normalize_with_map(a_raw)               # 'x yy'
    c, segs2 = normalize_with_map(b.replace("yy", "yy!!"))
    inner, outer = OffsetMap(segs1), OffsetMap([(0, 4, 0, 4)])
    comp = compose(outer, inner)
    assert comp.to_raw(2, 4) == (3, 5)
    assert a_raw[slice(*comp.to_raw(0, 1))] == "x"


def test_strip_span():
    t = "\u00a0 \u200fنص\u00a0 "
    a, b = strip_span(t, 0, len(t))
    assert t[a:b] == "نص"



@pytest.mark.parametrize("raw, clean", [
    # already NFC (short vowels in canonical order): only the space run and the invisible change
    ("بِسْمِ  اللَّهِ\u200b الرَّحْمَنِ", "بِسْمِ اللَّهِ الرَّحْمَنِ"),
    # not NFC: shadda before fatha is put in canonical order (fatha, class 30; shadda, 33), alef +
    # madda composed, and the space run still cut
    ("ش\u0651\u064eد  \u0627\u0653", "ش\u064e\u0651د \u0622"),
])
def test_vowelled_text_is_mapped_whether_or_not_it_is_nfc(raw, clean):
    """An NFC string skips the combining-sequence alternative (the fast path); the text and the
    offset map are those of the full path (checked on every corpus text when it was added)."""
    from pipeline.clean import unicode as u

    out, segs = normalize_with_map(raw)
    assert out == clean == surface_normalize(raw)
    # the full path: every alternative of the change pattern, as for a string that is not NFC
    parts, pos = [], 0
    for m in u._CHANGE_RE.finditer(raw):
        rep = u._replacement(m)
        if rep is not None:
            parts.append(raw[pos:m.start()] + rep)
            pos = m.end()
    assert "".join(parts) + raw[pos:] == out
    assert "".join(out[c0:c0 + cl] for c0, cl, _, _ in segs) == out  # the segments cover the clean text
