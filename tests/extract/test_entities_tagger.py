"""The statistical tagger: features, training determinism, the committed model and its record,
document-level propagation, and spans on real sentences."""

import json

import pytest

from pipeline.extract.entities.features import FeatureExtractor, Lexicon, variants
from pipeline.extract.entities.tagger import MODEL_PATH, NerTagger, load_tagger, propagate
from pipeline.extract.entities.training import train_crf
from pipeline.extract.entities.view import build_view

GAZ = {"LOC1": frozenset({"العراق", "بغداد"}), "GN": frozenset({"جورج"})}
LEX = Lexicon({"العراق": ("1", "10"), "بغداد": ("1", "11")}, {"العراق": 0, "بغداد": 1})


def test_variants_split_clitics():
    assert variants("والعراق") == (["العراق", "عراق"], ["العراق"])
    assert variants("للجيش") == (["الجيش", "جيش"], ["لجيش"])
    assert variants("وجده") == ([], ["جده"])


def test_features_use_clitic_split_gazetteer_clusters_and_context():
    fx = FeatureExtractor(GAZ, LEX)
    seq = fx.sequence(["زار", "جورج", "بالعراق", "."])
    assert "g=GN" in seq[1] and "+1:g~LOC1" in seq[1] and "-1:w=زار" in seq[1]
    assert {"art=بال", "stem=عراق", "g~LOC1", "c~1=1", "c~2=10"} <= set(seq[2])
    assert "oov" in seq[1] and "oov" not in seq[2] and "BOS" in seq[0] and "EOS" in seq[3]
    assert fx.sequence(["زار", "جورج", "بالعراق", "."]) == seq  # cached words give the same lists


def _toy():
    sents = []
    for name, place in [("جورج", "بغداد"), ("سمير", "البصره"), ("جورج", "الموصل"), ("ليلى", "بغداد")] * 5:
        sents.append((["وصل", name, "الى", place, "امس"], ["O", "B-PERSON", "O", "B-LOC", "O"]))
    return sents


def test_training_is_deterministic(tmp_path):
    fx = FeatureExtractor(GAZ, LEX)
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    n = train_crf(_toy(), fx, a, {"max_iterations": 30})
    train_crf(_toy(), fx, b, {"max_iterations": 30})
    assert n == 100 and a.read_bytes() == b.read_bytes()
    tagger = NerTagger(fx, a)
    assert tagger.tag_words(["وصل", "جورج", "الى", "بغداد", "امس"]) == ["O", "B-PERSON", "O", "B-LOC", "O"]


def test_propagate_spreads_a_name_within_the_document():
    sents = [["قال", "جوزيه", "مانويل", "ان"], ["ورفض", "وجوزيه", "مانويل", "الحديث"], ["في", "الملعب"]]
    found = [[(1, 3, "PERSON", 0.9)], [], []]
    out = propagate(sents, found, rank={})
    assert out[1] == [(1, 3, "PERSON", 0.81)] and out[2] == []
    assert propagate(sents, [[(1, 3, "PERSON", 0.4)], [], []], rank={})[1] == []  # too unsure to spread


@pytest.fixture(scope="module")
def tagger():
    if not MODEL_PATH.exists():
        pytest.skip("committed model missing")
    return load_tagger()


def test_committed_model_record_matches_a_fresh_dev_run(tagger):
    """The record's dev scores are what the committed model scores now (exact-span, last tenth of
    ANERcorp train). Floors are the figures reached, not the issue's targets (0.80 overall, PERSON
    0.78, ORG 0.65, LOC 0.85), which the CRF does not reach yet: see docs/quality.md."""
    from pipeline.evaluate.ner import evaluate_dev
    from pipeline.extract.entities.ner_data import NER_DIR

    record = json.loads((MODEL_PATH.parent / "ner_model.json").read_text(encoding="utf-8"))
    assert record["data"]["dev"]["part"] == "last tenth of the sentences"
    assert MODEL_PATH.stat().st_size < 50 * 1024 * 1024
    if not (NER_DIR / "anercorp" / "train.txt").exists():
        pytest.skip("shared NER data not present")
    dev = record["dev_scores"]
    fresh = evaluate_dev(tagger)
    for k in ("all", "PERSON", "ORG", "LOC"):
        assert abs(fresh[k]["f1"] - dev[k]["f1"]) < 0.02, (k, fresh[k], dev[k])
    assert fresh["all"]["f1"] >= 0.70 and fresh["LOC"]["f1"] >= 0.85


def test_tagger_finds_names_outside_the_kb(tagger):
    text = "وقال المدرب الإسباني فيسنتي ديل بوسكي في مدريد إن شركة فولكسفاغن ستدعم الاتحاد الإسباني لكرة القدم."
    view = build_view(text)
    got = {}
    for sp in tagger.tag_view(view):
        s, e = view.span(sp.a, sp.b)
        got[text[s:e]] = sp.entity_type
        assert 0 < sp.confidence <= 1
    assert got.get("فيسنتي ديل بوسكي") == "PERSON"
    assert got.get("مدريد") == "LOC"


def test_view_collapses_white_space_and_drops_tatweel_with_an_offset_map():
    text = "  قال\u0640\u0640 جورج\t\tفي\r\n\nبغداد\u00a0امس \n"
    view = build_view(text)
    assert view.c == " قال جورج في\nبغداد امس\n"
    assert len(view.idx) == len(view.c)
    for k, ch in enumerate(view.c):
        if not ch.isspace():
            assert text[view.idx[k]] == ch
    a = view.c.index("بغداد")
    s, e = view.span(a, a + len("بغداد"))
    assert text[s:e] == "بغداد"
