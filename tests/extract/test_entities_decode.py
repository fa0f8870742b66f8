"""The numpy CRF decoder gives pycrfsuite's labels and marginal probabilities, for sentences
packed together into rows, with and without gazetteer flags on probed tokens."""

import numpy as np
import pytest

from pipeline.extract.entities.decode import Decoder
from pipeline.extract.entities.features import FeatureExtractor, Lexicon
from pipeline.extract.entities.tagger import MODEL_PATH, NerTagger, load_tagger
from pipeline.extract.entities.training import train_crf

GAZ = {"LOC1": frozenset({"العراق", "بغداد"}), "GN": frozenset({"جورج"}), "ORGB": frozenset({"حزب"})}
LEX = Lexicon({"العراق": ("1", "10"), "بغداد": ("1", "11"), "جورج": ("2", "20")}, {"العراق": 0, "بغداد": 1})

SENTENCES = [
    ["وصل", "جورج", "الى", "بغداد", "امس"],
    ["قال", "سمير", "حداد", "ان", "حزب", "الله", "رفض", "."],
    ["بغداد"],
    [],
    ["زار", "وفد", "من", "حزب", "البعث", "العراق", "و", "التقى", "جورج", "بوش", "في", "البصره", "؟"],
    ["(", "جورج", ")", "|", "|", "بغداد"],
]


def _toy():
    out = []
    for name, place in [("جورج", "بغداد"), ("سمير", "البصره"), ("جورج", "الموصل"), ("ليلى", "بغداد")] * 4:
        out.append((["وصل", name, "الى", place, "امس"], ["O", "B-PERSON", "O", "B-LOC", "O"]))
        out.append((["قال", "حزب", "الله", "ان", name, "حداد", "في", place],
                    ["O", "B-ORG", "I-ORG", "O", "B-PERSON", "I-PERSON", "O", "B-LOC"]))
        out.append((["(", name, ")", "|", "|", place], ["O", "B-PERSON", "O", "O", "O", "B-LOC"]))
    return out


@pytest.fixture(scope="module")
def toy_tagger(tmp_path_factory):
    path = tmp_path_factory.mktemp("crf") / "toy.crfsuite"
    train_crf(_toy(), FeatureExtractor(GAZ, LEX), path, {"max_iterations": 40, "c2": 0.01})
    return NerTagger(FeatureExtractor(GAZ, LEX), path)


def _reference(tagger, words, plain_at=()):
    """pycrfsuite's labels and marginals ``(len, labels)`` for one sentence."""
    crf = tagger.crf
    labels = crf.tag(tagger.features.sequence(words, plain_at))
    marg = np.array([[crf.marginal(lab, k) for lab in tagger.decoder.w.labels] for k in range(len(words))])
    return labels, marg


def _check(tagger, sentences):
    labels, margs = tagger.decoder.decode(sentences)
    assert len(labels) == len(margs) == len(sentences)
    for words, lab, marg in zip(sentences, labels, margs):
        if not words:
            assert lab == [] and marg.shape[0] == 0
            continue
        ref_l, ref_m = _reference(tagger, words)
        assert lab == ref_l
        assert np.allclose(marg, ref_m, atol=1e-5)


def test_decoder_matches_crfsuite_on_a_toy_model(toy_tagger):
    _check(toy_tagger, SENTENCES)
    assert toy_tagger.tag_words(["وصل", "جورج", "الى", "بغداد", "امس"]) == ["O", "B-PERSON", "O", "B-LOC", "O"]


def test_probed_tokens_are_scored_without_their_gazetteer_flags(toy_tagger):
    words = SENTENCES[4]
    probes = [5, 8]
    _, ref_m = _reference(toy_tagger, words, probes)
    _, margs = toy_tagger.decoder.decode([SENTENCES[0], words], {1: probes}, viterbi=False)
    assert np.allclose(margs[1], ref_m, atol=1e-5)


def test_rows_pack_sentences_without_overlap():
    lens = [5, 1, 9, 3, 3, 7, 2]
    width, row, col = Decoder._pack(lens)
    assert width >= max(lens)
    cells = set()
    for r, c, n in zip(row, col, lens):
        assert c + n <= width
        new = {(r, c + k) for k in range(n)}
        assert not cells & new
        cells |= new
    assert len(cells) == sum(lens)


def test_committed_model_decodes_like_crfsuite():
    if not MODEL_PATH.exists():
        pytest.skip("committed model missing")
    tagger = load_tagger(cnn=False)  # the CRF's own scores (the network's: tests/extract/test_entities_neural.py)
    words = ["وقال", "ان", "الحديده", "تعرضت", "لقصف", "في", "بعقوبه", "امس", "."]
    _, ref_m = _reference(tagger, words, [2, 6])
    _, margs = tagger.decoder.decode([words], {0: [2, 6]}, viterbi=False)
    assert np.allclose(margs[0], ref_m, atol=1e-5)
    _, with_gaz = _reference(tagger, words)
    assert not np.allclose(ref_m, with_gaz, atol=1e-3)  # the gazetteer flags did matter
    _check(tagger, SENTENCES + [["وقال", "المدرب", "الاسباني", "فيسنتي", "ديل", "بوسكي", "في", "مدريد", "ان",
                                 "شركه", "فولكسفاغن", "ستدعم", "الاتحاد", "الاسباني", "لكره", "القدم", "."]])


def _same_weights(a, b) -> bool:
    return (a.labels == b.labels and a.rows == b.rows and np.array_equal(a.state, b.state)
            and np.array_equal(a.transitions, b.transitions))


def test_crf_weights_cache_gives_the_parsed_weights_and_survives_damage(tmp_path, monkeypatch):
    import pycrfsuite

    from pipeline.extract.entities.decode import CrfWeights

    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path / "cache"))
    crf = pycrfsuite.Tagger()
    crf.open(str(MODEL_PATH))
    parsed = CrfWeights(crf)
    first = CrfWeights.load(crf, MODEL_PATH)           # parses and writes the cache
    files = list((tmp_path / "cache").glob("crf-weights-*.npz"))
    assert len(files) == 1 and _same_weights(first, parsed)
    assert _same_weights(CrfWeights.load(crf, MODEL_PATH), parsed)   # read from the cache
    files[0].write_bytes(b"not an npz")                # a damaged cache is parsed again and rewritten
    assert _same_weights(CrfWeights.load(crf, MODEL_PATH), parsed)
    assert _same_weights(CrfWeights.load(crf, MODEL_PATH), parsed)
    monkeypatch.setenv("KHABAR_CACHE_DIR", "off")      # disabled: parsed, nothing written
    assert _same_weights(CrfWeights.load(crf, MODEL_PATH), parsed)
    assert len(list((tmp_path / "cache").glob("*"))) == 1


def test_crf_weights_cache_is_keyed_by_the_model_file(tmp_path, monkeypatch, toy_tagger):
    from pipeline.extract.entities.decode import _cache_path

    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path))
    assert _cache_path(MODEL_PATH) != _cache_path(toy_tagger.model_path)   # another model, another file
