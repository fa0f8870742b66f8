"""Names mined from unlabelled text by their left context (pipeline/extract/entities/mining.py,
scripts/build_ner_mined.py) and their ``M…`` gazetteer flags in the tagger's features."""

import json

from pipeline.extract.entities.features import FeatureExtractor, Lexicon, load_names, with_mined, write_names
from pipeline.extract.entities.mining import mine_names
from pipeline.text.normalize import normalize_key


def _s(text: str) -> list[str]:
    return normalize_key(text).split()


# a tiny unlabelled "corpus": the club after نادي three times, the company after شركة (once behind
# a proclitic), a foreign player after اللاعب (a nationality adjective in between once), a town;
# ريال is the currency far more often than a club word; وزير الخارجية gives no person.
CORPUS = [
    _s("فاز نادي بنفيكا على منافسه"), _s("قال مدرب نادي بنفيكا ان الفريق جاهز"), _s("واعلن نادي بنفيكا ذلك"),
    _s("اعلنت شركة فولكسفاغن ارباحها"), _s("وقالت شركة فولكسفاغن ان"), _s("باعت لشركة فولكسفاغن سياراتها"),
    _s("سجل اللاعب هانتيلار هدفا"), _s("وقال اللاعب الهولندي هانتيلار انه"), _s("اصيب اللاعب هانتيلار امس"),
    _s("وصلوا الى مدينة دوما امس"), _s("قصف مدينة دوما"), _s("في مدينة دوما"),
    _s("اشترى نادي ريال مدريد"), _s("نادي ريال مدريد"), _s("نادي ريال مدريد"),
    _s("سعر الريال ريال واحد"), _s("دفع ريال"), _s("ريال"), _s("ريال"), _s("ريال"), _s("ريال"), _s("ريال"),
    _s("قال وزير الخارجية"), _s("قال وزير الخارجية"), _s("قال وزير الخارجية"),
]


def test_mining_finds_names_by_context():
    names = mine_names(CORPUS, min_count=3, min_share=0.25)
    assert ("بنفيكا",) in names["ORG"]
    assert ("فولكسفاغن",) in names["ORG"]
    assert ("ريال", "مدريد") in names["ORG"]
    assert ("ريال",) not in names["ORG"]  # mostly the currency, and mostly the start of ريال مدريد
    assert ("هانتيلار",) in names["PERSON"]
    assert normalize_key("دوما") in {n[0] for n in names["LOC"]}
    assert not any("الخارجيه" in n for n in names.get("PERSON", ()))


def test_mining_is_deterministic(tmp_path):
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    write_names(mine_names(CORPUS), a, "fixture")
    write_names(mine_names(list(reversed(CORPUS))), b, "fixture")
    assert a.read_bytes() == b.read_bytes()
    assert load_names(a) == mine_names(CORPUS)


def test_mined_flags_reach_the_features(tmp_path):
    path = tmp_path / "mined.tsv"
    write_names({"ORG": {("بنفيكا",), ("ريال", "مدريد")}, "PERSON": {("هانتيلار",)}}, path, "fixture")
    fx = with_mined(FeatureExtractor({}, Lexicon({}, {})), path)
    seq = fx.sequence(["فاز", "بنفيكا", "على", "ريال", "مدريد", "وهانتيلار"])
    assert "g=MORG1" in seq[1]
    assert "+1:g=MORG1" in seq[0] and "-1:g=MORG1" in seq[2]
    assert "g=MORGB" in seq[3] and "g=MORGI" in seq[4]
    assert "g?MPERSON1" in seq[5]  # behind a one-letter proclitic: the doubtful reading
    assert not any(a.startswith("g") and "M" in a for a in FeatureExtractor({}, Lexicon({}, {})).sequence(["بنفيكا"])[0])


def test_committed_mined_file_matches_the_model_record():
    from pipeline.extract.entities.features import MODEL_DIR

    rec = json.loads((MODEL_DIR / "ner_model.json").read_text(encoding="utf-8"))
    if "mined" in rec.get("feature_options", ()):
        names = load_names(MODEL_DIR / "mined_names.tsv")
        assert sum(len(v) for v in names.values()) > 500


def test_tagger_loads_the_mined_file_beside_its_model(tmp_path):
    from pipeline.extract.entities.tagger import _with_model_names

    write_names({"ORG": {("بنفيكا",)}}, tmp_path / "mined_names.tsv", "fixture")
    fx = FeatureExtractor({}, Lexicon({}, {}), ("mined",))
    got = _with_model_names(fx, tmp_path / "ner.crfsuite")
    assert got.gazetteer["MORG1"] == frozenset({"بنفيكا"})
    assert "MORG1" not in _with_model_names(FeatureExtractor({}, Lexicon({}, {})), tmp_path / "ner.crfsuite").gazetteer


def test_build_script_is_deterministic(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    corpus = tmp_path / "c.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for s in CORPUS:
            fh.write(json.dumps({"text": " ".join(s) + " ."}, ensure_ascii=False) + "\n")
    root = Path(__file__).resolve().parents[2]
    outs = []
    for k in range(2):
        out = tmp_path / f"m{k}.tsv"
        subprocess.run([sys.executable, str(root / "scripts" / "build_ner_mined.py"), "--corpus", str(corpus),
                        "--out", str(out)], check=True, capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert ("بنفيكا",) in load_names(tmp_path / "m0.tsv")["ORG"]


def test_token_share_drops_names_with_a_common_word():
    corpus = CORPUS + [_s("قالت شركة ارامكو السعودية ان")] * 3 + [_s("زار السعودية وفد")] * 40
    assert ("ارامكو", normalize_key("السعودية")) in mine_names(corpus)["ORG"]
    names = mine_names(corpus, token_share=0.2)
    assert ("ارامكو", normalize_key("السعودية")) not in names.get("ORG", set())
    assert ("بنفيكا",) in names["ORG"]
