"""Tests for pipeline.extract.numbers."""

import pytest

from pipeline.extract.numbers import VAGUE_WORDS, number_word_value, parse_digits, parse_number, scale_word_value
from pipeline.text.normalize import normalize_key


@pytest.mark.parametrize(
    ("surface", "value"),
    [
        ("150,000", 150000),
        ("١٥٠٬٠٠٠", 150000),
        ("١٥٠,٠٠٠", 150000),
        ("2.5", 2.5),
        ("٢٫٥", 2.5),
        ("1,234,567.25", 1234567.25),
        ("42", 42),
        ("ثلاثة", 3),
        ("ثلاث", 3),
        ("عشرة", 10),
        ("مئة", 100),
        ("مائة", 100),
        ("ألف", 1000),
        ("ألفي", 2000),
        ("ألفين", 2000),
        ("مليون", 1e6),
        ("مليونين", 2e6),
        ("مليار", 1e9),
        ("8 مليارات", 8e9),
        ("٨ مليارات", 8e9),
        ("2.5 مليون", 2.5e6),
        ("ثلاثة آلاف", 3000),
        ("خمسة ملايين", 5e6),
        ("خمسة وعشرون", 25),
        ("خمسة وعشرون ألفا", 25000),
        ("مئتي", 200),
        ("ثلاثمائة", 300),
        # twelfth session (tolls13, casualty sample X): "twelve" in its construct forms, read as 10 before
        ("إثنا عشر", 12),
        ("اثني عشر", 12),
        ("اثنتا عشرة", 12),
        ("اثنتي عشرة", 12),
    ],
)
def test_parse_number_values(surface, value):
    assert parse_number(surface) == pytest.approx(value)


@pytest.mark.parametrize("surface", ["عشرات", "مئات", "آلاف", "ملايين", "", "   ", "جندي", "abc"])
def test_parse_number_rejects_vague_and_non_numbers(surface):
    assert parse_number(surface) is None


def test_vague_words_have_magnitudes():
    assert VAGUE_WORDS[normalize_key("مئات")] == 100
    assert VAGUE_WORDS[normalize_key("آلاف")] == 1000
    assert VAGUE_WORDS[normalize_key("عشرات")] == 10


def test_word_helpers_accept_clitics_and_spelling_variants():
    assert number_word_value("وعشرون") == 20
    assert number_word_value("اربعه") == 4  # no hamza, heh for teh marbuta
    assert scale_word_value("مليارات") == (1_000_000_000, "plural")
    assert scale_word_value("ألفا") == (1000, "dual")
    assert parse_digits("12a") is None
