"""The tagger's second pass: document-level attributes from first-pass marginals of the same word
elsewhere in the document, and the decoder scoring them like pycrfsuite."""

import numpy as np
import pytest

from pipeline.extract.entities.features import FeatureExtractor, Lexicon
from pipeline.extract.entities.stacking import doc_attrs, type_columns
from pipeline.extract.entities.tagger import MODEL_PATH, SECOND_PATH, NerTagger
from pipeline.extract.entities.training import train_crf

LABELS = ["O", "B-PERSON", "I-PERSON", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]
COLS = type_columns(LABELS)


def _marg(rows):
    """Marginal rows from ``{label: p}`` dicts (the rest on ``O``)."""
    out = np.zeros((len(rows), len(LABELS)))
    for k, r in enumerate(rows):
        for lab, p in r.items():
            out[k, LABELS.index(lab)] = p
        out[k, 0] = 1.0 - sum(r.values())
    return out


def test_doc_attrs_come_from_other_occurrences_only():
    sents = [["قال", "كورت", "كفيورد", "امس"], ["ويقول", "كورت", "ان", "الرحله", "طويله"], ["وكورت", "قال"]]
    margs = [_marg([{}, {"B-PERSON": 0.95}, {"I-PERSON": 0.9}, {}]),
             _marg([{}, {"B-PERSON": 0.3}, {}, {}, {}]),
             _marg([{"B-PERSON": 0.2}, {}])]
    got = doc_attrs(sents, margs, COLS)
    # the second "كورت" learns from the first (0.95), the first only from the others (0.3, too low)
    assert "dPERSON9" in got[1][1] and "dPERSON5" in got[1][1]
    assert not any(a.startswith("dPERSON") for a in got.get(0, {}).get(1, []))
    # a proclitic form looks up the bare word
    assert "dPERSON9" in got[2][0]
    # neighbours are told (lent as -1:/+1:), and "قال" (elsewhere an ordinary word) is flagged dO
    assert "-1:dPERSON9" in got[1][2] and "+1:dPERSON9" in got[1][0]
    assert got[0][0] == ["dO"] or "dO" in got[0][0]
    # a word that occurs once gets nothing of its own
    assert 3 not in got.get(1, {}) or not any(a.startswith("d") for a in got[1][3])
    assert not any(a == "dO" for a in doc_attrs(sents, margs, COLS, ordinary=False).get(0, {}).get(0, []))


def _toy():
    out, extra = [], {}
    for name in ("جورج", "سمير", "ليلى", "كورت") * 4:
        i = len(out)
        out.append((["قال", name, "ان", "الوفد", "وصل"], ["O", "B-PERSON", "O", "O", "O"]))
        extra[i] = {1: ["dPERSON5", "dPERSON9"], 0: ["+1:dPERSON9"], 3: ["dO"]}
        out.append((["قال", "الوفد", "ان", name, "وصل"], ["O", "O", "O", "O", "O"]))
    return out, extra


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    path = tmp_path_factory.mktemp("crf") / "toy.crfsuite"
    sents, extra = _toy()
    fx = FeatureExtractor({}, Lexicon({}, {}))
    train_crf(sents, fx, path, {"max_iterations": 40, "c2": 0.01}, gaz_dropout=0, extra=extra)
    return NerTagger(fx, path)


def test_decoder_scores_extra_attributes_like_pycrfsuite(toy):
    words = ["قال", "كورت", "ان", "الوفد", "وصل"]
    at = {1: ["dPERSON5", "dPERSON9"], 0: ["+1:dPERSON9"], 3: ["dO"]}
    labels, margs = toy.decoder.decode([words, words], extra={0: at})
    seq = toy.features.sequence(words)
    for k, a in at.items():
        seq[k] = seq[k] + a
    crf = toy.crf
    assert labels[0] == crf.tag(seq)
    ref = np.array([[crf.marginal(lab, k) for lab in toy.decoder.w.labels] for k in range(len(words))])
    assert np.allclose(margs[0], ref, atol=1e-5)
    # the same sentence without the attributes is scored without them
    assert labels[1] == crf.tag(toy.features.sequence(words))
    assert labels[0][1] == "B-PERSON" and toy.stacked


def test_committed_second_pass_is_opt_in(monkeypatch):
    """``ner_second.crfsuite`` (document-level attributes, ``make train-ner``) runs after
    ``ner.crfsuite`` when asked for; by default the tagger is the one-pass model."""
    from pipeline.extract.entities.tagger import load_tagger

    monkeypatch.delenv("KHABAR_NER_SECOND_PASS", raising=False)
    assert load_tagger().model_path == MODEL_PATH and not load_tagger().stacked
    tagger = load_tagger(second_pass=True, cnn=False)  # the CRFs alone (with the network, its first
    # pass also reads ``سعيد`` 'happy' as a person, 0.62: docs/quality.md)
    assert tagger.model_path == SECOND_PATH and tagger.stacked and tagger.first_path == MODEL_PATH
    doc = [["وصل", "كلاس", "يان", "هانتيلار", "الي", "امستردام", "."], ["وقال", "هانتيلار", "انه", "سعيد", "."]]
    found = tagger.tag_document(doc)
    # the second pass names هانتيلار in the second sentence from the first; the CRFs retrained after the KB grew
    # (2026-12-01) also read سعيد 'happy' there as a person, as the network did before (docs/quality.md)
    assert (1, 2) in [(s, e) for s, e, t, _ in found[1] if t == "PERSON"]
