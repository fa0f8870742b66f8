"""Tagger evidence helpers: common-word readings of aliases, proclitics, trimming, token index."""

from pipeline.extract.entities.evidence import TagIndex, common_word_reading, strip_proclitic, trim_tokens
from pipeline.extract.entities.tagger import TagSpan

FREQ = frozenset({"عقوبه", "دوما", "باب", "وجد", "الحكومه", "العراق"})


def test_common_word_readings():
    assert common_word_reading("دوما", "دوما", FREQ) == "self"        # the word itself ('always')
    assert common_word_reading("العراق", "العراق", FREQ) == "self"    # frequent, but as a name
    assert common_word_reading("بعقوبه", "بعقوبه", FREQ) == "split"   # ب + عقوبة 'with a penalty'
    assert common_word_reading("بابها", "ابها", FREQ) == "split"      # باب + ها 'its door'
    assert common_word_reading("وجده", "جده", FREQ) == "split"        # وجد + ه 'he found it'
    assert common_word_reading("بغداد", "بغداد", FREQ) is None
    assert common_word_reading("ابها", "ابها", FREQ | {"اب"}) is None  # two-letter stems are not split off
    assert common_word_reading("والعراق", "العراق", FREQ) == "self"


def test_strip_proclitic_follows_the_matcher_convention():
    assert strip_proclitic("والعراق") == 1
    assert strip_proclitic("بالعراق") == 1
    assert strip_proclitic("للجيش") == 2
    assert strip_proclitic("العراق") == 0
    assert strip_proclitic("بغداد") == 0


def test_trim_tokens():
    cues = {"الرئيس", "الاسباني", "في"}
    keys = ["الرئيس", "الاسباني", "فيسنت", "ديل", "بوسكي", "في"]
    assert trim_tokens(keys, 0, 6, cues.__contains__) == (2, 5)
    assert trim_tokens(["في"], 0, 1, cues.__contains__) == (1, 1)


def test_tag_index_maps_spans_to_tokens():
    tokens = [(0, 4), (5, 9), (10, 13), (14, 18)]
    idx = TagIndex(tokens, [TagSpan(5, 13, "PERSON", 0.9), TagSpan(14, 18, "LOC", 0.4)])
    assert idx.ranges == [(1, 3), (3, 4)]
    assert idx.at(0) is None and idx.at(2) == ("PERSON", 0.9, 0)
    assert idx.support(0, 4) == 0.9 and idx.support(0, 4, ("LOC",)) == 0.4 and idx.support(0, 1) == 0.0
