"""Discovery of names outside the knowledge base, candidates aggregation and gold scoring."""

from pathlib import Path

import polars as pl
import pytest

from pipeline.evaluate.entities import gold_sets, load_gold, mention_items, score_documents
from pipeline.extract.entities import EntityExtractor, aggregate_candidates
from pipeline.extract.entities.vocab import given_names
from pipeline.kb.load import load_kb

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "tests" / "kb" / "fixtures" / "kb"


@pytest.fixture(scope="module")
def ex():
    return EntityExtractor(load_kb(FIX))


def _found(ex, text):
    res = ex.extract(text)
    for m in res.mentions:
        assert text[m["start"]:m["end"]] == m["surface"]
    return {(m["surface"], m["entity_type"], m["method"]) for m in res.mentions if m["entity_id"] is None}


def test_given_name_list_is_large_enough():
    names = given_names()
    assert len(names) >= 300
    assert {"محمد", "فاطمه", "زينب", "حيدر"} <= names


@pytest.mark.parametrize("text, surface", [
    ("وقال المتحدث باسم الجيش العميد يحيى رسول إن العملية انتهت.", "يحيى رسول"),
    ("أكد القيادي في الحزب هادي العامري أن الحوار مستمر.", "هادي العامري"),
    ("وقال السفير جون سميث للصحفيين إن الزيارة ناجحة.", "جون سميث"),
    ("وقال خالد عبد الرحمن الدليمي إن الاتفاق قريب.", "خالد عبد الرحمن الدليمي"),
    pytest.param("زار الرئيس نيكولاي فيتوف بغداد.", "نيكولاي فيتوف", marks=pytest.mark.xfail(
        strict=True, reason="known regression of the model retrained on 2026-12-01 (KB growth + gazclean): the "
                            "tagger reads only نيكولاي as the name and the pattern keeps to its span; the model "
                            "of stream ner9 found the full name (docs/quality.md, 'After the merges')")),
])
def test_person_patterns(ex, text, surface):
    assert (surface, "PERSON", "pattern") in _found(ex, text)


@pytest.mark.parametrize("text, surface, typ", [
    ("أعلنت حركة النجباء مسؤوليتها عن الهجوم.", "حركة النجباء", "ORG"),
    ("وقالت وزارة الطاقة الأمريكية إن الشركات وقعت.", "وزارة الطاقة الأمريكية", "ORG"),
    ("سيطرت القوات على بلدة جرابلس بعد معارك.", "جرابلس", "LOC"),
    ("نزح السكان من قرية الباغوز ليلا.", "الباغوز", "LOC"),
    ("اجتمعت اللجنة العسكرية العليا أمس.", "اللجنة العسكرية العليا", "ORG"),
])
def test_org_and_place_heads(ex, text, surface, typ):
    assert (surface, typ, "pattern") in _found(ex, text)


@pytest.mark.parametrize("text", [
    "تعرضت قاعدة جوية عراقية للقصف.",
    "وقعت الهجمات على منشآت مملوكة لميليشيات مدعومة.",
    "قال مسؤول حكومي عراقي كبير إن المحادثات قد تطول.",
    "شكلت حركة مسلحة جديدة.",
])
def test_no_false_names_from_common_phrases(ex, text):
    assert _found(ex, text) == set()


def test_discovered_person_short_form_coref(ex):
    text = "قال الباحث ريناد منصور إن العراق ساحة صراع. وأضاف منصور أن الحل سياسي."
    res = ex.extract(text)
    mans = [m for m in res.mentions if m["surface"] == "منصور"]
    assert mans and mans[0]["method"] == "coref" and mans[0]["entity_id"] is None
    assert mans[0]["entity_type"] == "PERSON"


def test_aggregate_candidates():
    mentions = pl.DataFrame({
        "doc_id": ["d1", "d1", "d2", "d3", "d3"],
        "sentence_id": ["d1:s1", "d1:s2", "d2:s1", "d3:s1", "d3:s1"],
        "entity_id": [None, None, None, "loc:iq", None],
        "entity_type": ["PERSON", "PERSON", "PERSON", "LOC", "ORG"],
        "normalized": ["ريناد منصور", "ريناد منصور", "ريناد منصور", "العراق", "حركه النجباء"],
        "surface": ["ريناد منصور", "ريناد منصور", "ريناد منصورُ", "العراق", "حركة النجباء"],
    })
    sentences = pl.DataFrame({"sentence_id": ["d1:s1", "d1:s2", "d2:s1", "d3:s1"],
                              "text": ["جملة أولى", "جملة ثانية", "جملة ثالثة", "جملة رابعة"]})
    out = aggregate_candidates(mentions, sentences)
    assert out.columns == ["normalized_name", "type_guess", "doc_count", "mention_count", "surfaces",
                           "example_sentences"]
    top = out.row(0, named=True)
    assert top["normalized_name"] == "ريناد منصور" and top["type_guess"] == "PERSON"
    assert top["doc_count"] == 2 and top["mention_count"] == 3
    assert top["surfaces"] == ["ريناد منصور", "ريناد منصورُ"]
    assert top["example_sentences"] == ["جملة أولى", "جملة ثالثة"]
    assert "العراق" not in out["normalized_name"].to_list()
    assert out.height == 2
    empty = aggregate_candidates(mentions.head(0), sentences)
    assert empty.height == 0 and empty.columns == out.columns


def test_score_documents_micro_average():
    gold = {"a": {"kb": ["loc:iq", "per:x"], "outside_kb": [{"surface": "حركة النجباء", "type": "ORG"}]},
            "b": {"kb": ["loc:us"]}}
    assert gold_sets(gold)["a"] == {"loc:iq", "per:x", "ORG:حركه النجباء"}
    pred = {"a": {"loc:iq", "ORG:حركه النجباء", "loc:sy"}, "b": set()}
    res = score_documents(pred, gold)
    assert (res["tp"], res["fp"], res["fn"]) == (2, 1, 2)
    assert res["precision"] == round(2 / 3, 4) and res["recall"] == 0.5
    assert res["f1"] == round(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5), 4)
    assert res["per_document"]["a"]["false_negatives"] == ["per:x"]


def test_seed_gold_f1_with_real_kb():
    """End-to-end on the five seeds with the real KB: offsets reproduce and F1 >= 0.95."""
    kb = load_kb()
    if kb.entities.height < 100:
        pytest.skip("real KB not present")
    gold = load_gold(ROOT / "tests" / "gold" / "seeds_entities.yaml")
    ex = EntityExtractor(kb)
    known = set(kb.entities["entity_id"])
    for doc in gold:
        assert set(gold[doc]["kb"]) <= known, f"gold ids must exist in the KB ({doc})"
    pred = {}
    for doc in gold:
        text = (ROOT / "seeds" / doc).read_text(encoding="utf-8")
        res = ex.extract(text)
        for m in res.mentions:
            assert text[m["start"]:m["end"]] == m["surface"]
            assert m["entity_id"] is None or m["entity_id"] in known
        pred[doc] = mention_items(res.mentions)
    score = score_documents(pred, gold)
    assert score["f1"] >= 0.95, score
