"""People added from the corpus's unlinked PERSON names (``pipeline/kb/build/actors_people_news.py``):
linked in news sentences, short forms by coreference; shared surnames stay out of the aliases."""

import pytest

from pipeline.extract.entities import EntityExtractor
from pipeline.kb.load import load_kb


@pytest.fixture(scope="module")
def ex():
    return EntityExtractor(load_kb())


def _linked(ex, text):
    out = []
    for m in ex.extract(text).mentions:
        assert text[m["start"]:m["end"]] == m["surface"]
        out.append((m["surface"], m["entity_id"]))
    return out


@pytest.mark.parametrize("text, surface, entity_id", [
    ("وقال القائد العسكري في شرق ليبيا خليفة حفتر إن قواته تقدمت. وأضاف حفتر أن المعركة مستمرة.",
     "حفتر", "per:khalifa-haftar"),
    ("ووجه المحقق الخاص روبرت مولر اتهامات جديدة. ويحقق مولر في التدخل الروسي.", "مولر", "per:robert-mueller"),
    ("وأفرجت تركيا عن القس الأمريكي أندرو برونسون. وعاد برونسون إلى بلاده.", "برونسون", "per:andrew-brunson"),
    ("وقتل الزعيم الليبي معمر القذافي عام 2011.", "معمر القذافي", "per:muammar-gaddafi"),
    ("وحصلت نادية مراد على جائزة نوبل للسلام.", "نادية مراد", "per:nadia-murad"),
    ("وقال مدير المرصد رامي عبد الرحمن إن القصف تجدد.", "رامي عبد الرحمن", "per:rami-abdel-rahman"),
])
def test_people_are_linked(ex, text, surface, entity_id):
    assert (surface, entity_id) in _linked(ex, text)


def test_a_shared_surname_alone_is_not_linked_to_the_new_person(ex):
    # كوهين alone is many people (Yossi Cohen of the Mossad): not an alias of Michael Cohen
    linked = _linked(ex, "وقال رئيس الموساد كوهين إن إسرائيل لن تسمح بذلك.")
    assert ("كوهين", "per:michael-cohen") not in linked


def test_the_vatican_stays_a_place_next_to_the_pope(ex):
    linked = _linked(ex, "وقال بابا الفاتيكان إن الكنيسة ستحاسب المسؤولين.")
    assert ("الفاتيكان", "loc:va") in linked
