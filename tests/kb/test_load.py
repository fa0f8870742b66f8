"""Loader and validator of the knowledge base."""

from pathlib import Path

import polars as pl

from pipeline.kb.load import KnowledgeBase, load_kb, validate_kb

FIX = Path(__file__).parent / "fixtures"


def test_load_fixture_frames_and_columns():
    kb = load_kb(FIX / "kb")
    assert kb.entities.columns == ["entity_id", "entity_type", "subtype", "name_ar", "name_en", "country_code",
                                   "lat", "lon", "parent_id"]
    assert kb.aliases.columns == ["entity_id", "alias", "lang", "normalized", "is_primary"]
    assert kb.roles.columns == ["entity_id", "role_title_ar", "role_title_en", "org_entity_id", "start_year",
                                "end_year"]
    assert kb.entities.height == 19
    iq = kb.entities.filter(pl.col("entity_id") == "loc:iq").row(0, named=True)
    assert iq["lat"] == 33.3152 and iq["name_en"] == "Iraq"
    al = kb.aliases.filter(pl.col("entity_id") == "loc:iq")
    assert set(al["alias"]) == {"العراق", "Iraq", "جمهورية العراق", "Republic of Iraq"}
    assert al.filter(pl.col("is_primary"))["alias"].to_list() == ["العراق", "Iraq"]
    assert al.filter(pl.col("alias") == "Republic of Iraq")["normalized"].item() == "republic of iraq"
    assert kb.roles.row(0, named=True)["start_year"] == 2021


def test_alias_rules_from_notes():
    kb = load_kb(FIX / "kb")
    rules = kb.alias_rules
    full = rules.filter(pl.col("rule") == "after_full_mention")
    assert set(zip(full["entity_id"], full["alias"])) == {("per:mohammed-shia-al-sudani", "السوداني"),
                                                           ("per:lloyd-austin", "أوستن")}
    pairs = rules.filter(pl.col("rule") == "ambiguous_with")
    assert ("loc:iq-baghdad", "loc:iq-baghdad-governorate") in set(zip(pairs["entity_id"], pairs["other_entity_id"]))


def test_fixture_is_valid():
    assert [i for i in validate_kb(load_kb(FIX / "kb")) if i["severity"] == "error"] == []


def test_validator_reports_each_rule():
    issues = validate_kb(load_kb(FIX / "bad"))
    by_rule = {(i["rule"], i["entity_id"]) for i in issues}
    # duplicate ids are dropped at load (first wins), so build a frame with the duplicate directly
    assert ("unknown_parent", "loc:x-city") in by_rule
    assert ("empty_name", "loc:x-city") in by_rule
    assert ("coordinates_out_of_range", "loc:x-city") in by_rule
    assert ("bad_type", "per:z") in by_rule
    assert ("bad_subtype", "loc:c") in by_rule
    shared = [i for i in issues if i["rule"] == "alias_shared"]
    assert len(shared) == 1 and "loc:iq" in shared[0]["detail"] and "loc:x-city" in shared[0]["detail"]
    separated = [i for i in issues if i["rule"] == "alias_shared_separated"]
    assert len(separated) == 1 and separated[0]["severity"] == "warn" and "loc:b" in separated[0]["detail"]
    assert {i["severity"] for i in issues if i["rule"] == "alias_shared"} == {"error"}


def test_validator_duplicate_ids_and_dangling_aliases():
    kb = load_kb(FIX / "kb")
    dup = KnowledgeBase(entities=pl.concat([kb.entities, kb.entities.head(1)]), aliases=kb.aliases.vstack(
        pl.DataFrame([{"entity_id": "loc:nowhere", "alias": "x", "lang": "en", "normalized": "x",
                       "is_primary": True}], schema=kb.aliases.schema)), roles=kb.roles)
    rules = {(i["rule"], i["entity_id"]) for i in validate_kb(dup)}
    assert ("duplicate_id", "loc:iq") in rules
    assert ("unknown_alias_entity", "loc:nowhere") in rules


def test_real_kb_loads_and_has_no_empty_names():
    kb = load_kb()
    if kb.entities.height == 0:
        return
    assert kb.entities.filter((pl.col("name_ar") == "") | (pl.col("name_en") == "")).height == 0
    assert set(kb.entities["entity_type"].unique()) <= {"PERSON", "ORG", "LOC"}
    assert kb.aliases["entity_id"].is_in(kb.entities["entity_id"].implode()).all()
