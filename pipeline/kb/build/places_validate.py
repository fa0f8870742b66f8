"""Validation of place KB rows / ``places.csv``.

Checks: header, unique well-formed ids, allowed type/subtype, non-empty
names, coordinates (range, ≤ 4 decimals, present unless the subtype or note
allows none), parents exist and are acyclic, ``ambiguous_with`` targets exist,
and — on the *matching key* (:func:`pipeline.text.normalize.normalize_key`) —
no surface form (name or alias) shared by two entities, which also covers
"no alias equal to another entity's name_ar".
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

from pipeline.text.normalize import normalize_key

__all__ = ["COLUMNS", "LOC_SUBTYPES", "validate_rows", "validate_places"]

COLUMNS = ["entity_id", "entity_type", "subtype", "name_ar", "name_en", "country_code", "lat", "lon",
           "aliases_ar", "aliases_en", "parent_id", "note"]
LOC_SUBTYPES = frozenset({"country", "province", "city", "town", "region", "military_base", "facility",
                          "body_of_water", "territory"})
#: Subtypes that may legitimately have no coordinate.
_COORD_OPTIONAL = frozenset({"region", "body_of_water", "country", "territory"})
_ID_RE = re.compile(r"^loc:[a-z0-9]+(?:-[a-z0-9]+)*$")
_AMBIG_RE = re.compile(r"ambiguous_with=(loc:[a-z0-9-]+)")
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_COORD_RE = re.compile(r"^-?\d{1,3}(?:\.\d{1,4})?$")


def _aliases(value: str) -> list[str]:
    return [a for a in value.split("|")] if value else []


def validate_rows(rows: list[dict[str, str]]) -> tuple[list[str], list[str]]:
    """Validate rows; return ``(errors, warnings)`` as human-readable strings."""
    errors: list[str] = []
    warnings: list[str] = []
    ids = [r["entity_id"] for r in rows]
    known = set(ids)
    seen: set[str] = set()
    owners_ar: dict[str, set[str]] = defaultdict(set)
    owners_en: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        eid = r["entity_id"]
        if list(r) != COLUMNS:
            errors.append(f"{eid}: columns {list(r)} != {COLUMNS}")
        if not _ID_RE.match(eid):
            errors.append(f"{eid}: malformed entity_id")
        if eid in seen:
            errors.append(f"{eid}: duplicate entity_id")
        seen.add(eid)
        if r["entity_type"] != "LOC":
            errors.append(f"{eid}: entity_type {r['entity_type']!r} != LOC")
        if r["subtype"] not in LOC_SUBTYPES:
            errors.append(f"{eid}: subtype {r['subtype']!r} not allowed")
        if not r["name_ar"].strip() or not r["name_en"].strip():
            errors.append(f"{eid}: empty name")
        if r["name_ar"] and not _ARABIC_RE.search(r["name_ar"]):
            errors.append(f"{eid}: name_ar has no Arabic letters")
        cc = r["country_code"]
        if cc and not re.fullmatch(r"[A-Z]{2}", cc):
            errors.append(f"{eid}: bad country_code {cc!r}")
        if r["subtype"] not in ("region", "body_of_water") and not cc:
            errors.append(f"{eid}: country_code required for {r['subtype']}")
        lat, lon = r["lat"], r["lon"]
        if bool(lat) != bool(lon):
            errors.append(f"{eid}: lat/lon must both be set or both empty")
        elif lat:
            if not (_COORD_RE.match(lat) and _COORD_RE.match(lon)):
                errors.append(f"{eid}: coordinate format {lat},{lon}")
            elif not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
                errors.append(f"{eid}: coordinate out of range {lat},{lon}")
        elif r["subtype"] not in _COORD_OPTIONAL and "coord: none" not in r["note"]:
            errors.append(f"{eid}: missing lat/lon for {r['subtype']}")
        if r["parent_id"] and r["parent_id"] not in known:
            errors.append(f"{eid}: unknown parent {r['parent_id']}")
        for target in _AMBIG_RE.findall(r["note"]):
            if target not in known:
                errors.append(f"{eid}: ambiguous_with unknown id {target}")
        if "," in r["aliases_ar"] + r["aliases_en"]:
            warnings.append(f"{eid}: comma inside an alias")
        own_ar = [r["name_ar"]] + _aliases(r["aliases_ar"])
        own_en = [r["name_en"]] + _aliases(r["aliases_en"])
        for a in own_ar[1:] + own_en[1:]:
            if not a.strip() or a != a.strip():
                errors.append(f"{eid}: empty or padded alias {a!r}")
        for a in _aliases(r["aliases_ar"]):
            if a == r["name_ar"]:
                errors.append(f"{eid}: alias repeats name_ar {a!r}")
            if not _ARABIC_RE.search(a):
                errors.append(f"{eid}: aliases_ar entry without Arabic letters {a!r}")
        for a in _aliases(r["aliases_en"]):
            if a == r["name_en"]:
                errors.append(f"{eid}: alias repeats name_en {a!r}")
            if _ARABIC_RE.search(a):
                errors.append(f"{eid}: aliases_en entry with Arabic letters {a!r}")
        for a in own_ar:
            owners_ar[normalize_key(a)].add(eid)
        for a in own_en:
            owners_en[a.strip().lower()].add(eid)
    # parent cycles
    parent = {r["entity_id"]: r["parent_id"] for r in rows}
    for eid in parent:
        cur, hops = eid, 0
        while parent.get(cur):
            cur, hops = parent[cur], hops + 1
            if cur == eid or hops > 20:
                errors.append(f"{eid}: parent cycle")
                break
    for key, owners in sorted(owners_ar.items()):
        if len(owners) > 1:
            errors.append(f"Arabic surface {key!r} shared by {sorted(owners)}")
    for key, owners in sorted(owners_en.items()):
        if len(owners) > 1:
            errors.append(f"English surface {key!r} shared by {sorted(owners)}")
    # reciprocity of ambiguous_with
    notes = {r["entity_id"]: r["note"] for r in rows}
    for eid, note in notes.items():
        for target in _AMBIG_RE.findall(note):
            if target in notes and eid not in notes[target]:
                warnings.append(f"{eid}: ambiguous_with={target} not reciprocated")
    return errors, warnings


def validate_places(path: Path | str) -> tuple[list[str], list[str]]:
    """Read a places CSV and validate it (see :func:`validate_rows`)."""
    with Path(path).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header_errors = [] if reader.fieldnames == COLUMNS else [f"header {reader.fieldnames} != {COLUMNS}"]
        rows = list(reader)
    errors, warnings = validate_rows(rows)
    return header_errors + errors, warnings
