"""Stream ner9 (issue 11): the document pass spreads a person's surname, and the ``gazclean`` feature
option drops ordinary words from the knowledge base's multi-word name flags."""

from pipeline.extract.entities.features import (FeatureExtractor, Lexicon, ordinary_words, with_option_sets)
from pipeline.extract.entities.tagger import propagate

SENTS = [["قال", "ارلين", "سبيكتر", "امس"], ["واكد", "سبيكتر", "ان", "اللجنه"], ["ورفض", "وسبيكتر", "ذلك"]]


def test_surname_alone_is_spread_as_a_person_also_behind_a_proclitic():
    found = [[(1, 3, "PERSON", 0.9)], [], []]
    out = propagate(SENTS, found, rank={}, surnames=True)
    assert out[1] == [(1, 2, "PERSON", 0.81)] and out[2] == [(1, 2, "PERSON", 0.81)]
    assert propagate(SENTS, found, rank={}, surnames=False)[1:] == [[], []]  # off: only full names spread


def test_surname_rule_skips_unsure_names_other_types_and_common_words():
    assert propagate(SENTS, [[(1, 3, "PERSON", 0.5)], [], []], rank={}, surnames=True)[1] == []
    assert propagate(SENTS, [[(1, 3, "ORG", 0.9)], [], []], rank={}, surnames=True)[1] == []
    # a frequent word of the ANT corpus (rank < 3000), an ordinary word, a nationality adjective
    assert propagate(SENTS, [[(1, 3, "PERSON", 0.9)], [], []], rank={"سبيكتر": 10}, surnames=True)[1] == []
    common = sorted(w for w in ordinary_words() if len(w) > 2 and w.isalpha())[0]
    sents = [["قال", "جيمس", common], ["ثم", common]]
    assert propagate(sents, [[(1, 3, "PERSON", 0.9)], []], rank={}, surnames=True)[1] == []
    sents = [["قال", "ابو", "حمزه", "المصري"], ["الجيش", "المصري"]]
    out = propagate(sents, [[(1, 4, "PERSON", 0.9)], []], rank={}, surnames=True, not_names=frozenset({"المصري"}))
    assert out[1] == []
    # a one-word name of another type found in the document keeps its type
    sents = [["قال", "جون", "واشنطن"], ["في", "واشنطن"], ["زار", "واشنطن"]]
    out = propagate(sents, [[(1, 3, "PERSON", 0.9)], [(1, 2, "LOC", 0.95)], []], rank={}, surnames=True)
    assert out[2] == [(1, 2, "LOC", 0.855)]


def test_gazclean_drops_ordinary_words_from_multi_word_name_flags_only():
    common = sorted(w for w in ordinary_words() if len(w) > 2)[0]
    gaz = {"ORGB": frozenset({common, "مانشستر"}), "ORGI": frozenset({common, "يونايتد"}),
           "ORG1": frozenset({common}), "GN": frozenset({common})}
    lex = Lexicon({}, {})
    plain = with_option_sets(FeatureExtractor(gaz, lex))
    assert plain.gazetteer["ORGI"] == gaz["ORGI"]  # without the option nothing changes
    clean = with_option_sets(FeatureExtractor(gaz, lex, ("gazclean",)))
    assert clean.gazetteer["ORGB"] == {"مانشستر"} and clean.gazetteer["ORGI"] == {"يونايتد"}
    assert clean.gazetteer["ORG1"] == gaz["ORG1"] and clean.gazetteer["GN"] == gaz["GN"]
    assert "g=ORGI" not in clean.word_attrs(common)[0] and "g=ORGI" in plain.word_attrs(common)[0]
    assert "g=ORGI" in clean.word_attrs("يونايتد")[0]
