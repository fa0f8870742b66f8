"""Load the curated knowledge base (``pipeline/kb/data/*.csv``) into polars frames, and validate it.

Every KB file shares one CSV format::

    entity_id,entity_type,subtype,name_ar,name_en,country_code,lat,lon,aliases_ar,aliases_en,parent_id,note

``aliases_ar`` / ``aliases_en`` are ``|``-separated. ``roles.csv`` has
``entity_id,role_title_ar,role_title_en,org_entity_id,start_year,end_year``.
``promoted.csv`` (written by :mod:`pipeline.kb.promote`) uses the entity format and is
loaded after the curated files.

Two machine-readable ``note`` conventions become *alias rules* (``KnowledgeBase.alias_rules``):

* ``ambiguous_alias=<alias> (...)`` — the alias is also an ordinary word or another name; a
  linker should accept it only after a full-name mention in the same document
  (rule ``after_full_mention``).
* ``ambiguous_with=<entity_id>`` — two entities share a name (a city and its governorate);
  the rule ``ambiguous_with`` records the pair, and it is the rule that separates two
  entities claiming the same alias in :func:`validate_kb`.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from pipeline.text.normalize import normalize_key

__all__ = [
    "DATA_DIR", "ENTITY_FILES", "ENTITY_COLUMNS", "ENTITY_TYPES", "SUBTYPES", "KnowledgeBase",
    "load_kb", "validate_kb", "read_entity_rows",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
ENTITY_FILES = ("places.csv", "people.csv", "organizations.csv", "promoted.csv")
ENTITY_COLUMNS = ["entity_id", "entity_type", "subtype", "name_ar", "name_en", "country_code", "lat", "lon",
                  "aliases_ar", "aliases_en", "parent_id", "note"]
ENTITY_TYPES = ("PERSON", "ORG", "LOC")
SUBTYPES: dict[str, frozenset[str]] = {
    "LOC": frozenset({"country", "province", "city", "town", "region", "military_base", "facility",
                      "body_of_water", "territory"}),
    "ORG": frozenset({"government_body", "armed_forces", "armed_group", "political_party", "news_org",
                      "international_org", "company", "religious_body", "coalition", "intelligence_agency",
                      "ngo", "sports_club", "sports_body"}),
    "PERSON": frozenset({"head_of_state", "head_of_government", "minister", "politician", "military_officer",
                         "militant_leader", "religious_leader", "diplomat", "journalist", "analyst", "other"}),
}

ENTITY_SCHEMA = {"entity_id": pl.String, "entity_type": pl.String, "subtype": pl.String, "name_ar": pl.String,
                 "name_en": pl.String, "country_code": pl.String, "lat": pl.Float64, "lon": pl.Float64,
                 "parent_id": pl.String}
ALIAS_SCHEMA = {"entity_id": pl.String, "alias": pl.String, "lang": pl.String, "normalized": pl.String,
                "is_primary": pl.Boolean}
ROLE_SCHEMA = {"entity_id": pl.String, "role_title_ar": pl.String, "role_title_en": pl.String,
               "org_entity_id": pl.String, "start_year": pl.Int32, "end_year": pl.Int32}
RULE_SCHEMA = {"entity_id": pl.String, "alias": pl.String, "normalized": pl.String, "rule": pl.String,
               "other_entity_id": pl.String}

_AMBIG_ALIAS_RE = re.compile(r"ambiguous_alias=([^\s(;,]+(?: [^\s(;,]+)*)")
_AMBIG_WITH_RE = re.compile(r"ambiguous_with=((?:loc|org|per):[a-z0-9-]+)")
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")


@dataclass
class KnowledgeBase:
    """The knowledge base as frames (see module docstring for the columns).

    ``alias_rules`` is optional: a KB rebuilt from warehouse frames has none, and the
    extractor then falls back to its general heuristics.
    """

    entities: pl.DataFrame
    aliases: pl.DataFrame
    roles: pl.DataFrame
    alias_rules: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=RULE_SCHEMA))


def read_entity_rows(path: Path) -> list[dict[str, str]]:
    """Rows of one entity CSV as dicts (missing columns become empty strings)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [{c: (r.get(c) or "").strip() for c in ENTITY_COLUMNS} for r in csv.DictReader(fh)]


def _split(value: str) -> list[str]:
    return [a.strip() for a in value.split("|") if a.strip()] if value else []


def _float(value: str) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _int(value: str) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _rules_from_note(eid: str, note: str) -> list[dict]:
    rules = []
    for alias in _AMBIG_ALIAS_RE.findall(note or ""):
        rules.append({"entity_id": eid, "alias": alias, "normalized": normalize_key(alias),
                      "rule": "after_full_mention", "other_entity_id": None})
    for other in _AMBIG_WITH_RE.findall(note or ""):
        rules.append({"entity_id": eid, "alias": None, "normalized": None, "rule": "ambiguous_with",
                      "other_entity_id": other})
    return rules


def load_kb(data_dir: Path | None = None) -> KnowledgeBase:
    """Load ``places.csv``, ``people.csv``, ``organizations.csv``, ``promoted.csv`` (entities, any
    that exist) and ``roles.csv`` from ``data_dir`` (default ``pipeline/kb/data``).

    Returns a :class:`KnowledgeBase`; aliases include each entity's ``name_ar`` / ``name_en`` with
    ``is_primary=True``. A later file does not override an entity id already loaded.
    """
    data_dir = Path(data_dir) if data_dir is not None else DATA_DIR
    entities: list[dict] = []
    aliases: list[dict] = []
    rules: list[dict] = []
    seen: set[str] = set()
    for name in ENTITY_FILES:
        path = data_dir / name
        if not path.exists():
            continue
        for r in read_entity_rows(path):
            eid = r["entity_id"]
            if not eid or eid in seen:
                continue
            seen.add(eid)
            entities.append({"entity_id": eid, "entity_type": r["entity_type"], "subtype": r["subtype"] or None,
                             "name_ar": r["name_ar"], "name_en": r["name_en"],
                             "country_code": r["country_code"] or None, "lat": _float(r["lat"]),
                             "lon": _float(r["lon"]), "parent_id": r["parent_id"] or None})
            own: set[str] = set()
            for alias, lang, primary in ([(r["name_ar"], "ar", True), (r["name_en"], "en", True)]
                                         + [(a, "ar", False) for a in _split(r["aliases_ar"])]
                                         + [(a, "en", False) for a in _split(r["aliases_en"])]):
                if not alias or alias in own:
                    continue
                own.add(alias)
                aliases.append({"entity_id": eid, "alias": alias, "lang": lang, "normalized": normalize_key(alias),
                                "is_primary": primary})
            rules += _rules_from_note(eid, r["note"])
    roles: list[dict] = []
    if (data_dir / "roles.csv").exists():
        with (data_dir / "roles.csv").open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                roles.append({"entity_id": r["entity_id"], "role_title_ar": r.get("role_title_ar") or None,
                              "role_title_en": r.get("role_title_en") or "", "org_entity_id": r.get("org_entity_id") or None,
                              "start_year": _int(r.get("start_year", "")), "end_year": _int(r.get("end_year", ""))})
    return KnowledgeBase(entities=pl.DataFrame(entities, schema=ENTITY_SCHEMA),
                         aliases=pl.DataFrame(aliases, schema=ALIAS_SCHEMA),
                         roles=pl.DataFrame(roles, schema=ROLE_SCHEMA),
                         alias_rules=pl.DataFrame(rules, schema=RULE_SCHEMA))


def _issue(rule: str, severity: str, entity_id: str | None, detail: str) -> dict:
    return {"rule": rule, "severity": severity, "entity_id": entity_id, "detail": detail}


def validate_kb(kb: KnowledgeBase) -> list[dict]:
    """Check the knowledge base; return issues ``{rule, severity, entity_id, detail}``.

    Errors: ``duplicate_id``, ``empty_name``, ``bad_type``, ``alias_shared`` (one normalized
    alias claimed by two entities with no ``ambiguous_with`` rule between them),
    ``unknown_alias_entity``, ``unknown_parent``, ``unknown_role_entity``, ``coordinates_out_of_range``.
    Warnings: ``bad_subtype``, ``alias_shared_separated`` (shared but separated by a rule),
    ``name_ar_not_arabic``, ``role_years_reversed``.
    """
    issues: list[dict] = []
    ents = kb.entities
    ids = ents["entity_id"].to_list()
    known = set(ids)
    counts: dict[str, int] = defaultdict(int)
    for eid in ids:
        counts[eid] += 1
    issues += [_issue("duplicate_id", "error", e, f"{n} rows") for e, n in counts.items() if n > 1]
    for row in ents.iter_rows(named=True):
        eid = row["entity_id"]
        if not (row["name_ar"] or "").strip() or not (row["name_en"] or "").strip():
            issues.append(_issue("empty_name", "error", eid, "name_ar or name_en is empty"))
        elif not _ARABIC_RE.search(row["name_ar"]):
            issues.append(_issue("name_ar_not_arabic", "warn", eid, row["name_ar"]))
        if row["entity_type"] not in ENTITY_TYPES:
            issues.append(_issue("bad_type", "error", eid, f"entity_type {row['entity_type']!r}"))
        elif row["subtype"] is not None and row["subtype"] not in SUBTYPES[row["entity_type"]]:
            issues.append(_issue("bad_subtype", "warn", eid, f"subtype {row['subtype']!r}"))
        if row["parent_id"] and row["parent_id"] not in known:
            issues.append(_issue("unknown_parent", "error", eid, row["parent_id"]))
        lat, lon = row["lat"], row["lon"]
        if (lat is not None and not -90 <= lat <= 90) or (lon is not None and not -180 <= lon <= 180):
            issues.append(_issue("coordinates_out_of_range", "error", eid, f"{lat},{lon}"))
    separated: set[frozenset[str]] = set()
    rules = kb.alias_rules if kb.alias_rules is not None else pl.DataFrame(schema=RULE_SCHEMA)
    for row in rules.filter(pl.col("rule") == "ambiguous_with").iter_rows(named=True):
        separated.add(frozenset((row["entity_id"], row["other_entity_id"])))
    owners: dict[str, set[str]] = defaultdict(set)
    for eid, alias, norm in kb.aliases.select("entity_id", "alias", "normalized").iter_rows():
        if eid not in known:
            issues.append(_issue("unknown_alias_entity", "error", eid, alias))
        if not (alias or "").strip():
            issues.append(_issue("empty_name", "error", eid, "empty alias"))
            continue
        owners[norm or normalize_key(alias)].add(eid)
    for norm, who in sorted(owners.items()):
        if len(who) < 2:
            continue
        pairs = [frozenset((a, b)) for a in who for b in who if a < b]
        if all(p in separated for p in pairs):
            issues.append(_issue("alias_shared_separated", "warn", sorted(who)[0],
                                 f"{norm!r} shared by {sorted(who)} (ambiguous_with rule)"))
        else:
            issues.append(_issue("alias_shared", "error", sorted(who)[0], f"{norm!r} claimed by {sorted(who)}"))
    for row in kb.roles.iter_rows(named=True):
        if row["entity_id"] not in known:
            issues.append(_issue("unknown_role_entity", "error", row["entity_id"], row["role_title_en"] or ""))
        if row["org_entity_id"] and row["org_entity_id"] not in known:
            issues.append(_issue("unknown_role_entity", "error", row["entity_id"], f"org {row['org_entity_id']}"))
        if row["start_year"] and row["end_year"] and row["end_year"] < row["start_year"]:
            issues.append(_issue("role_years_reversed", "warn", row["entity_id"], row["role_title_en"] or ""))
    return issues
