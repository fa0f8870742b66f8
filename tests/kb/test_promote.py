"""Promotion of reviewed candidates into promoted.csv."""

import shutil
from pathlib import Path

import polars as pl
import pytest

from pipeline.kb.load import load_kb
from pipeline.kb.promote import candidate_to_row, check_rows, main, promote

FIX = Path(__file__).parent / "fixtures" / "kb"


@pytest.fixture()
def kbdir(tmp_path):
    d = tmp_path / "kb"
    shutil.copytree(FIX, d)
    return d


def test_promote_candidate_row_and_reload(kbdir):
    cand = {"normalized_name": "ريناد منصور", "type_guess": "PERSON", "surfaces": ["ريناد منصور", "ريناد منصورْ"]}
    row = candidate_to_row(cand, "per:renad-mansour", "Renad Mansour", subtype="analyst", country_code="IQ")
    assert row["name_ar"] == "ريناد منصور" and row["aliases_ar"] == "" and row["country_code"] == "IQ"
    path = promote([row], kbdir)
    assert path.name == "promoted.csv"
    kb = load_kb(kbdir)
    got = kb.entities.filter(pl.col("entity_id") == "per:renad-mansour")
    assert got.height == 1 and got["entity_type"].item() == "PERSON" and got["subtype"].item() == "analyst"
    # appending a second row keeps the first
    promote([candidate_to_row({"normalized_name": "x", "type_guess": "ORG", "surfaces": ["لجنة الحوار"]},
                              "org:dialogue-committee", "Dialogue Committee")], kbdir)
    ids = set(load_kb(kbdir).entities["entity_id"])
    assert {"per:renad-mansour", "org:dialogue-committee"} <= ids


def test_promote_rejects_conflicts(kbdir):
    bad = [{"entity_id": "loc:iq", "entity_type": "LOC", "name_ar": "x", "name_en": "y"},
           {"entity_id": "per:new", "entity_type": "PERSON", "name_ar": "عراق", "name_en": "New",
            "aliases_ar": "العِراق"},
           {"entity_id": "per:nameless", "entity_type": "PERSON", "name_ar": "", "name_en": "N"},
           {"entity_id": "Bad Id", "entity_type": "PERSON", "name_ar": "a", "name_en": "b"},
           {"entity_id": "org:x", "entity_type": "ORG", "subtype": "city", "name_ar": "س", "name_en": "X"}]
    problems = check_rows(bad, kbdir)
    text = " ".join(problems)
    assert "already in the knowledge base" in text
    assert "already belongs to loc:iq" in text
    assert "empty name" in text and "bad id" in text and "subtype 'city'" in text
    with pytest.raises(ValueError):
        promote(bad, kbdir)
    assert not (kbdir / "promoted.csv").exists()


def test_cli(kbdir, capsys):
    rc = main(["--id", "org:new-body", "--type", "ORG", "--subtype", "government_body", "--name-ar", "هيئة جديدة",
               "--name-en", "New Body", "--alias-ar", "الهيئة الجديدة", "--data-dir", str(kbdir)])
    assert rc == 0 and "promoted 1" in capsys.readouterr().out
    al = load_kb(kbdir).aliases.filter(pl.col("entity_id") == "org:new-body")
    assert set(al["alias"]) == {"هيئة جديدة", "New Body", "الهيئة الجديدة"}
    assert main(["--id", "org:new-body", "--type", "ORG", "--name-ar", "ز", "--name-en", "Z",
                 "--data-dir", str(kbdir)]) == 1
