"""National governments and state bodies added from the corpus's unlinked ORG names
(``pipeline/kb/build/actors_orgs_states.py``), linked in news sentences; the bare word الحكومة is no alias."""

import pytest

from pipeline.extract.entities import EntityExtractor
from pipeline.kb.load import load_kb


@pytest.fixture(scope="module")
def ex():
    return EntityExtractor(load_kb())


def _linked(ex, text):
    out = {}
    for m in ex.extract(text).mentions:
        assert text[m["start"]:m["end"]] == m["surface"]
        out[m["surface"]] = m["entity_id"]
    return out


@pytest.mark.parametrize("text, surface, entity_id", [
    ("وقال مصدر مقرب من الحكومة السورية إن القوات تقدمت في الغوطة.", "الحكومة السورية", "org:syrian-government"),
    ("ورغم مساعي الحكومة التركية لطمأنة الأسواق تراجعت الليرة.", "الحكومة التركية", "org:turkish-government"),
    ("وأكد أن المحادثات مع الحكومة الأميركية انتهت.", "الحكومة الأميركية", "org:us-government"),
    ("وقتل ثلاثة فلسطينيين بحسب وزارة الصحة الفلسطينية.", "وزارة الصحة الفلسطينية", "org:palestinian-ministry-of-health"),
    ("وقالت وزارة العدل الأمريكية إن الأهداف شملت منظمات دولية.", "وزارة العدل الأمريكية", "org:us-department-of-justice"),
    ("وسيطر فيلق الرحمن على بلدات عربين وسقبا.", "فيلق الرحمن", "org:faylaq-al-rahman"),
    ("وذكرت وكالة الأنباء السورية الرسمية أن القصف أوقع قتلى.", "وكالة الأنباء السورية الرسمية", "org:sana"),
    ("ونقلت وكالة أنباء الأناضول عن الوزير قوله إن الاتفاق قريب.", "وكالة أنباء الأناضول", "org:anadolu-agency"),
    ("وفقد رئيس منظمة الشرطة الدولية في الصين.", "منظمة الشرطة الدولية", "org:interpol"),
])
def test_governments_and_bodies_are_linked(ex, text, surface, entity_id):
    assert _linked(ex, text).get(surface) == entity_id


def test_afghan_government_is_its_own_entity(ex):
    linked = _linked(ex, "واتهم التقرير الحكومة الأفغانية وطالبان بارتكاب جرائم.")
    assert linked.get("الحكومة الأفغانية") == "org:afghan-government"
    assert "org:iranian-government" not in linked.values()
