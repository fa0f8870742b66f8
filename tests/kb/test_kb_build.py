"""The committed knowledge-base CSVs are exactly what the generators produce, and valid."""

import csv
from pathlib import Path

from pipeline.kb.build import actors_build, places_build
from pipeline.kb.build.places_validate import validate_places

DATA = Path(actors_build.__file__).resolve().parent.parent / "data"


def _read(name):
    with (DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_places_csv_is_valid_and_regenerates_identically():
    errors, warnings = validate_places(DATA / "places.csv")
    assert errors == [] and warnings == []
    assert [dict(r) for r in _read("places.csv")] == places_build.all_place_rows()


def test_actor_csvs_are_valid_and_regenerate_identically():
    people, orgs, roles = actors_build.build_rows()
    assert _read("people.csv") == people
    assert _read("organizations.csv") == orgs
    assert _read("roles.csv") == roles
    assert actors_build.validate(people, orgs, roles, places=_read("places.csv")) == []


def test_kb_size_meets_coverage_targets():
    entities = _read("places.csv") + _read("people.csv") + _read("organizations.csv")
    aliases = sum(len([a for a in (r["aliases_ar"] + "|" + r["aliases_en"]).split("|") if a]) for r in entities)
    assert len(entities) >= 600 and aliases >= 2000


def test_arabic_variants_generates_bare_alef_forms():
    assert "اسماعيل قاآني" in actors_build.arabic_variants("إسماعيل قاآني")
