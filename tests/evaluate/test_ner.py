"""Exact-span scoring of BIO sequences (pipeline.evaluate.ner) and the NER data helpers."""

from pipeline.evaluate.ner import score_spans
from pipeline.extract.entities.ner_data import map_label, read_bio, spans, to_pieces


def test_map_label():
    assert map_label("B-PERS") == "B-PERSON"
    assert map_label("I-ORG") == "I-ORG"
    assert map_label("B-MISC") == "O"
    assert map_label("O") == "O"


def test_spans_and_orphan_inside():
    assert spans(["B-PERSON", "I-PERSON", "O", "I-LOC", "B-LOC", "B-LOC"]) == {
        (0, 2, "PERSON"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "LOC")}


def test_to_pieces_splits_punctuation_and_normalizes():
    words, labels = to_pieces((["(أ", "ف", "ب)", "والعراقُ", "جورج", "بوش."],
                               ["B-ORG", "I-ORG", "I-ORG", "B-LOC", "B-PERSON", "I-PERSON"]))
    assert words == ["(", "ا", "ف", "ب", ")", "والعراق", "جورج", "بوش", "."]
    assert labels == ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "B-LOC", "B-PERSON", "I-PERSON", "I-PERSON"]


def test_read_bio(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("جورج B-PERS\nبوش I-PERS\nفي O\n\nمعرض B-MISC\nباريس B-LOC\n", encoding="utf-8")
    assert read_bio(p) == [(["جورج", "بوش", "في"], ["B-PERSON", "I-PERSON", "O"]),
                           (["معرض", "باريس"], ["O", "B-LOC"])]


def test_score_spans_exact_and_per_type():
    gold = [["B-PERSON", "I-PERSON", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    pred = [["B-PERSON", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "B-PERSON"]]
    res = score_spans(gold, pred)
    assert (res["all"]["tp"], res["all"]["fp"], res["all"]["fn"]) == (2, 2, 1)
    assert res["PERSON"]["tp"] == 0 and res["PERSON"]["fp"] == 2 and res["PERSON"]["fn"] == 1
    assert res["LOC"]["f1"] == 1.0 and res["ORG"]["f1"] == 1.0
    assert res["all"]["precision"] == 0.5 and res["all"]["recall"] == round(2 / 3, 4)


def test_cv_splits_are_contiguous_folds_or_the_last_ninth():
    """The CV scripts' splits (pipeline.extract.entities.ner_data.cv_splits): k contiguous folds that
    partition the train part, each held out once; one split = the train part minus its last ninth."""
    from pipeline.extract.entities.ner_data import cv_splits

    train = list(range(40))
    folds = cv_splits(train, 3)
    assert [val for _, val in folds] == [list(range(0, 14)), list(range(14, 27)), list(range(27, 40))]
    assert all(sorted(fit + val) == train for fit, val in folds)
    assert cv_splits(train, 1) == [(train[:36], train[36:])]
