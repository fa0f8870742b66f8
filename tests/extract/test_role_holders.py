"""Speakers and sources named by their office alone, linked to the office holder of the publication
year (pipeline/extract/role_holders.py, called by the facts step)."""

from datetime import datetime

import pytest

from pipeline.extract.role_holders import RoleHolders, link_role_phrases, role_holders

ROWS = [
    {"entity_id": "per:a", "role_title_ar": "الرئيس الأمريكي", "start_year": 2009, "end_year": 2017},
    {"entity_id": "per:b", "role_title_ar": "الرئيس الأمريكي", "start_year": 2017, "end_year": 2021},
    {"entity_id": "per:c", "role_title_ar": "الأمين العام للأمم المتحدة", "start_year": 2017, "end_year": None},
    {"entity_id": "per:d", "role_title_ar": "وزير الخارجية الأمريكي", "start_year": 2017, "end_year": 2018},
    {"entity_id": "per:e", "role_title_ar": "وزير الخارجية الأمريكي", "start_year": 2018, "end_year": 2021},
    {"entity_id": "per:f", "role_title_ar": None, "start_year": 2000, "end_year": None},
]
H = RoleHolders.from_rows(ROWS)


@pytest.mark.parametrize("phrase, year, want", [
    ("الرئيس الأمريكي", 2014, "per:a"),
    ("الرئيس الأميركي", 2019, "per:b"),           # the other spelling
    ("والرئيس الأميركي", 2019, "per:b"),          # behind a conjunction
    ("الرئيس الامريكى", 2019, "per:b"),           # alef maksura, no hamza
    ("الرئيس الأمريكي", 2017, None),             # the office changed hands that year
    ("الرئيس الأمريكي", 2009, None),             # first year of a term: not trusted
    ("الرئيس الأمريكي", 2030, None),             # nobody listed
    ("الأمين العام للأمم المتحدة", 2024, "per:c"),  # an open term
    ("وزير الخارجية الأمريكي", 2018, None),      # Tillerson, then Pompeo
    ("الرئيس", 2019, None),                      # no office without its country
    ("الرئيس الأمريكي السابق", 2019, None),       # a former holder: the whole phrase must be the title
    ("الرئيس الأمريكي", None, None),             # no publication date
    (None, 2019, None),
])
def test_holder_of_an_office_in_a_year(phrase, year, want):
    assert H.holder(phrase, year) == want


def test_link_role_phrases_fills_only_rows_without_an_entity():
    rows = [{"speaker_surface": "الرئيس الأميركي", "speaker_entity_id": None},
            {"speaker_surface": "الرئيس الأميركي", "speaker_entity_id": "per:x"},
            {"speaker_surface": "المصدر", "speaker_entity_id": None},
            {"speaker_surface": None, "speaker_entity_id": None}]
    assert link_role_phrases(rows, datetime(2019, 3, 1), H, "speaker_surface", "speaker_entity_id") == 1
    assert [r["speaker_entity_id"] for r in rows] == ["per:b", "per:x", None, None]
    assert link_role_phrases(rows, None, H, "speaker_surface", "speaker_entity_id") == 0


def test_other_phrasings_of_a_listed_office_reach_its_holders():
    rows = [{"entity_id": "per:r", "role_title_ar": "رئيس الجمهورية الإيرانية", "start_year": 2013, "end_year": 2021}]
    h = RoleHolders.from_rows(rows)
    assert h.holder("الرئيس الإيراني", 2018) == h.holder("رئيس الجمهورية الإيرانية", 2018) == "per:r"
    assert RoleHolders.from_rows([]).holder("الرئيس الإيراني", 2018) is None  # a synonym of nothing listed


def test_every_listed_holder_is_a_knowledge_base_entity():
    from pipeline.kb.load import load_kb

    ids = set(load_kb().entities["entity_id"])
    holders = role_holders()
    assert holders.by_title
    assert {eid for hs in holders.by_title.values() for eid, _, _ in hs} <= ids


def test_the_facts_step_links_a_speaker_named_by_office():
    from pipeline.steps.single import extract_document

    text = ('واشنطن - وقال الرئيس الأميركي للصحفيين في البيت الأبيض إن "الاتفاق النووي مع إيران كان كارثة".\n'
            'وقال الرئيس الأميركي السابق إن "الاتفاق كان جيدا".\n')

    def speakers(year):
        doc = extract_document(text, published_at=datetime(year, 6, 1) if year else None)
        return [(q["speaker_surface"], q["speaker_entity_id"]) for q in doc["quotes"]]

    assert speakers(2018) == [("الرئيس الأميركي", "per:donald-trump"), ("الرئيس الأميركي السابق", None)]
    assert speakers(2017) == [("الرئيس الأميركي", None), ("الرئيس الأميركي السابق", None)]
    assert speakers(None) == [("الرئيس الأميركي", None), ("الرئيس الأميركي السابق", None)]
