"""normalize_for_matching is one translate pass equal to the six documented steps applied in turn."""

from pipeline.text.normalize import (
    TATWEEL, mask_diacritics, normalize_alef, normalize_alef_maksura, normalize_digits, normalize_for_matching,
    normalize_key, normalize_persian_letters, normalize_teh_marbuta,
)


def _stepwise(text: str) -> str:
    return mask_diacritics(normalize_digits(normalize_persian_letters(
        normalize_teh_marbuta(normalize_alef_maksura(normalize_alef(text))))))


def test_equal_to_the_steps_on_every_code_point():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    out = normalize_for_matching(every)
    assert len(out) == len(every)
    assert out == _stepwise(every)


def test_folds_letters_digits_and_masks_marks_in_place():
    text = "أحمد إلى مدرسةٍ ٢٠٢٤ گ ؤ ی"
    out = normalize_for_matching(text)
    assert out == _stepwise(text)
    assert out == "احمد الي مدرسه" + TATWEEL + " 2024 ك و ي"
    assert normalize_key("الوِلاياتُ  المتّحدة") == normalize_key("الولايات المتحده")


def test_code_point_map_equals_translate_on_long_and_short_text():
    """The numpy look-up path (long strings) gives what ``str.translate`` gives, including code
    points outside the Basic Multilingual Plane and lone surrogates (left to ``str.translate``)."""
    import pytest

    from pipeline.text.normalize import _MATCHING, MATCHING_MAP, CodePointMap

    base = "أَحْمَد إلى مدرسة ٣٤ ۵ پژوهش ی ک ABC " * 12
    assert len(base) >= CodePointMap.LONG > 20  # both paths are taken below
    for text in (base, base[:20], base + "😀 ١٩", base + "\ud800", "", "ـ" * 300):
        assert MATCHING_MAP(text) == text.translate(_MATCHING)
    lower = str.maketrans("ABC", "abc")
    assert MATCHING_MAP.then(lower)(base) == base.translate(_MATCHING).translate(lower)
    with pytest.raises(ValueError):
        CodePointMap({ord("a"): "bc"})  # not one code point
