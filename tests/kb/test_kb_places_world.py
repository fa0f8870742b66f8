"""Places added from the corpus's unlinked place names (``pipeline/kb/build/places_world.py``): found
and linked with their coordinates in news sentences, while look-alike ordinary words stay unlinked."""

import polars as pl
import pytest

from pipeline.extract.entities import EntityExtractor
from pipeline.kb.load import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.fixture(scope="module")
def ex(kb):
    return EntityExtractor(kb)


def _linked(ex, text):
    out = {}
    for m in ex.extract(text).mentions:
        assert text[m["start"]:m["end"]] == m["surface"]
        if m["entity_id"]:
            out[m["surface"]] = m["entity_id"]
    return out


@pytest.mark.parametrize("text, surface, entity_id", [
    ("وقال حاكم ولاية فلوريدا إن الإعصار سيضرب الساحل الغربي غدا.", "ولاية فلوريدا", "loc:us-florida"),
    ("ويعيش غولن في بنسلفانيا منذ عام 1999.", "بنسلفانيا", "loc:us-pennsylvania"),
    ("وهطلت أمطار غزيرة على نورث كارولينا وفرجينيا.", "نورث كارولينا", "loc:us-north-carolina"),
    ("وعلقت السعودية جميع رحلاتها إلى تورونتو.", "تورونتو", "loc:ca-toronto"),
    ("وسمم الجاسوس السابق في مدينة سالزبري البريطانية.", "سالزبري", "loc:gb-salisbury"),
    ("وأطلقت القوات قذائف على حرستا وعربين في الغوطة الشرقية.", "حرستا", "loc:sy-harasta"),
    ("وقتل 832 شخصا جراء الزلزال في مدينة بالو.", "مدينة بالو", "loc:id-palu"),
    ("وطالبت بيونغ يانغ برفع العقوبات.", "بيونغ يانغ", "loc:kp-pyongyang"),
    ("وبعد انهيار الاتحاد السوفييتي استقلت الجمهوريات.", "الاتحاد السوفييتي", "loc:su-soviet-union"),
])
def test_new_places_are_linked(ex, text, surface, entity_id):
    assert _linked(ex, text).get(surface) == entity_id


@pytest.mark.parametrize("text, entity_id", [
    ("وقال إنه لم يخطر ببالي أن الأمر سيصل إلى هذا الحد.", "loc:id-bali"),
    ("وبنوا بيوتا لعطلاتهم الصيفية على الساحل.", "loc:us-utah"),
    ('وذكرت صحيفة "La Depeche du Midi" أن التحقيق مستمر.', "loc:us-los-angeles"),
    ("وهاجمت أسراب الجراد الحقول وقتلت كل جرادة منها بالمبيدات.", "loc:ma-jerada"),
])
def test_look_alike_words_are_not_these_places(ex, text, entity_id):
    assert entity_id not in _linked(ex, text).values()


def test_new_places_have_coordinates_and_parents(kb):
    e = kb.entities.filter(pl.col("entity_id").is_in(
        ["loc:us-florida", "loc:ca-toronto", "loc:sy-harasta", "loc:kp-pyongyang", "loc:id-palu"]))
    assert e.height == 5
    assert e["lat"].null_count() == 0 and e["lon"].null_count() == 0
