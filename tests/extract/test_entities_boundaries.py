"""Person-name boundaries after the tagger (pipeline/extract/entities/boundaries.py): coordinated
names cut apart, a given name left out of the name it starts taken back in."""

import pytest

from pipeline.extract.entities.boundaries import NameWords, adjust_person_spans, extend_left, split_coordinated

GAZ = {
    "GN": frozenset({"غاده", "ياسمين", "اشرف", "مني", "تيسير", "بيت", "قال", "كريم"}),
    "CON": frozenset({"بن", "ابو", "عبد"}),
    "RV": frozenset({"قال"}),
}
RANK = {"بيت": 120, "مني": 900}
NW = NameWords.from_gazetteer(GAZ, RANK)


def test_given_names_exclude_cues_and_the_connectors_are_kept():
    assert "قال" not in NW.given and "غاده" in NW.given
    assert NW.given_name("وياسمين", with_and=True) and not NW.given_name("وياسمين")
    assert NW.connectors == GAZ["CON"]


@pytest.mark.parametrize("words, found, want", [
    # two coordinated persons tagged as one name
    ("واحمد رزق ، وغاده عادل وياسمين عبد العزيز ،".split(), [(3, 8, "PERSON", 0.9)],
     [(3, 5, "PERSON", 0.9), (5, 8, "PERSON", 0.9)]),
    # three in a row
    ("وغاده عادل وياسمين صبري وتيسير فهمي".split(), [(0, 6, "PERSON", 0.8)],
     [(0, 2, "PERSON", 0.8), (2, 4, "PERSON", 0.8), (4, 6, "PERSON", 0.8)]),
    # after a connector the word belongs to the name; one word before the cut is not enough
    ("محمد بن وياسمين".split(), [(0, 3, "PERSON", 0.8)], [(0, 3, "PERSON", 0.8)]),
    ("ايمن وياسمين عادل".split(), [(0, 3, "PERSON", 0.8)], [(0, 3, "PERSON", 0.8)]),
    # nor one word after it ("after a happy and generous life")
    ("عمر سعيد وكريم".split(), [(0, 3, "PERSON", 0.8)], [(0, 3, "PERSON", 0.8)]),
    # not a given name, or not a person
    ("احمد عادل ومحمود صبري".split(), [(0, 4, "PERSON", 0.8)], [(0, 4, "PERSON", 0.8)]),
    ("جامعه الملك وياسمين عادل".split(), [(0, 4, "ORG", 0.8)], [(0, 4, "ORG", 0.8)]),
])
def test_split_coordinated(words, found, want):
    assert split_coordinated(words, found, NW) == want


@pytest.mark.parametrize("words, found, want", [
    ("ومحمد هنيدي ، واشرف عبد الباقي ،".split(), [(0, 2, "PERSON", 0.9), (4, 6, "PERSON", 0.7)],
     [(0, 2, "PERSON", 0.9), (3, 6, "PERSON", 0.7)]),
    ("من المسلسلات مثل مني عبد الغني في".split(), [(4, 6, "PERSON", 0.6)], [(3, 6, "PERSON", 0.6)]),
    # a frequent word that is also a given name does not start the name (بيت "house")
    ("وتربي في بيت رسول الاسلام".split(), [(3, 5, "PERSON", 0.6)], [(3, 5, "PERSON", 0.6)]),
    # a cue, a word already in a span, a word that is no given name
    ("قال عبد الباقي".split(), [(1, 3, "PERSON", 0.6)], [(1, 3, "PERSON", 0.6)]),
    ("تيسير عبد الباقي".split(), [(0, 1, "LOC", 0.6), (1, 3, "PERSON", 0.6)],
     [(0, 1, "LOC", 0.6), (1, 3, "PERSON", 0.6)]),
    ("الفنان عبد الباقي".split(), [(1, 3, "PERSON", 0.6)], [(1, 3, "PERSON", 0.6)]),
    # only persons
    ("تيسير عبد الباقي".split(), [(1, 3, "ORG", 0.6)], [(1, 3, "ORG", 0.6)]),
])
def test_extend_left(words, found, want):
    assert extend_left(words, found, NW) == want


def test_adjust_splits_then_extends_and_leaves_sentences_without_persons_alone():
    words = "الفنان تيسير فهمي ، وغاده عادل وياسمين صبري".split()
    found = [(2, 3, "PERSON", 0.7), (4, 8, "PERSON", 0.8)]
    assert adjust_person_spans(words, found, NW) == [(1, 3, "PERSON", 0.7), (4, 6, "PERSON", 0.8),
                                                      (6, 8, "PERSON", 0.8)]
    only_places = [(0, 1, "LOC", 0.9)]
    assert adjust_person_spans(["بغداد"], only_places, NW) is only_places


def test_the_committed_tagger_tags_coordinated_persons_apart(monkeypatch):
    from pipeline.extract.entities.tagger import MODEL_PATH, load_tagger
    from pipeline.extract.entities.view import build_view

    if not MODEL_PATH.exists():
        pytest.skip("committed model missing")
    text = "وشارك في الحفل الفنانون محمد هنيدي وغادة عادل وياسمين عبد العزيز وأحمد السقا."

    def persons(tagger):
        view = build_view(text)
        return [text[slice(*view.span(s.a, s.b))] for s in tagger.tag_view(view) if s.entity_type == "PERSON"]

    assert "وغادة عادل" in persons(load_tagger()) and "وياسمين عبد العزيز" in persons(load_tagger())
    monkeypatch.setenv("KHABAR_NER_BOUNDARIES", "0")
    assert "وغادة عادل وياسمين عبد العزيز" in persons(load_tagger())  # the tagger alone merges them
