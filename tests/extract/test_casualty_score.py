"""The structural casualty confidence (pipeline/extract/casualty_score.py; fifth session of issue 13)."""

import json

from pipeline.extract.casualty_score import WEIGHTS, casualty_score, features


def _row(text: str, trigger: str, killed=None, injured=None, etype="attack") -> dict:
    a = text.index(trigger)
    return {"start": a, "end": a + len(trigger), "killed": killed, "injured": injured, "event_type": etype}


def test_weights_file_matches_the_features():
    model = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    text = "قتل 5 جنود في هجوم على حاجز عسكري شمال البلاد."
    names = sorted(features(text, _row(text, "هجوم", killed=5)))
    assert model["names"] == names
    assert len(model["weights"]) == len(model["mean"]) == len(model["sd"]) == len(names)


def test_lede_attack_toll_scores_higher_than_a_crime_total_over_a_period():
    lede = "قتل خمسة جنود في هجوم انتحاري استهدف حاجزا عسكريا شمال البلاد صباح اليوم."
    crime = ("وقالت الشرطة إن العصابات ارتكبت جرائم كثيرة.\nوخلال الأشهر الماضية قتل أكثر من 300 شخص في جرائم "
             "القتل والسرقة التي تشهدها المدينة منذ العام الماضي.")
    p_lede = casualty_score(lede, _row(lede, "هجوم", killed=5))
    p_crime = casualty_score(crime, _row(crime, "القتل", killed=300, etype="killing"))
    assert 0 < p_crime < p_lede < 1
    assert p_lede >= 0.5


def test_score_is_deterministic():
    text = "أسفرت غارة جوية عن مقتل 12 مدنيا في ريف إدلب."
    row = _row(text, "غارة", killed=12, etype="strike")
    assert casualty_score(text, row) == casualty_score(text, dict(row))
