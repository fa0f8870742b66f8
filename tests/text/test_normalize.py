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
