"""Build and validate the actor KB files: ``people.csv``, ``organizations.csv``, ``roles.csv``.

Deterministic and offline. Run from the repository root::

    .venv/bin/python -m pipeline.kb.build.actors_build          # write + validate
    .venv/bin/python -m pipeline.kb.build.actors_build --check  # validate the committed CSVs only

The curated records live in ``actors_people_*.py``, ``actors_orgs_*.py`` and
``actors_roles.py``. This module adds *mechanical* Arabic spelling variants
that news text really uses (bare alef for hamza/madda alef at word start,
``عبد ال…`` written joined or split), de-duplicates aliases and writes
RFC 4180 CSV with the ``csv`` module.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.kb.build.actors_orgs_civil import ORGS_CIVIL
from pipeline.kb.build.actors_orgs_security import ORGS_SECURITY
from pipeline.kb.build.actors_orgs_states import ORGS_STATES
from pipeline.kb.build.actors_orgs_world import ORGS_WORLD
from pipeline.kb.build.actors_people_mena import PEOPLE_MENA
from pipeline.kb.build.actors_people_news import PEOPLE_NEWS
from pipeline.kb.build.actors_people_region import PEOPLE_REGION
from pipeline.kb.build.actors_people_world import PEOPLE_WORLD
from pipeline.kb.build.actors_roles import ROLES
from pipeline.kb.build.actors_schema import KB_COLUMNS, ROLE_COLUMNS, SUBTYPES, Actor, Role
from pipeline.text.normalize import normalize_key

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
PEOPLE_CSV = DATA_DIR / "people.csv"
ORGS_CSV = DATA_DIR / "organizations.csv"
ROLES_CSV = DATA_DIR / "roles.csv"
PLACES_CSV = DATA_DIR / "places.csv"

_ID_RE = re.compile(r"^(per|org):[a-z0-9]+(?:-[a-z0-9]+)*$")
_CC_RE = re.compile(r"^[A-Z]{2}$")
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_HAMZA_ALEF_START = re.compile(r"(?:(?<=^)|(?<=\s))[أإآ]")
_ABD_SPLIT = re.compile(r"\bعبد ال")
_ABD_JOINED = re.compile(r"\bعبدال")


def split_aliases(value: str) -> list[str]:
    """Split a ``|``-separated alias cell into stripped, non-empty aliases."""
    return [a.strip() for a in value.split("|") if a.strip()]


def arabic_variants(name: str) -> list[str]:
    """Mechanical spelling variants of an Arabic name that news text uses.

    * hamza/madda alef at the start of a word written as bare alef
      (``إسماعيل`` -> ``اسماعيل``);
    * ``عبد ال…`` written joined (``عبدالله``) or split (``عبد الله``).

    Returns the variants that differ from ``name`` (possibly empty).
    """
    out: list[str] = []
    bare = _HAMZA_ALEF_START.sub("ا", name)
    candidates = [bare]
    for base in (name, bare):
        if _ABD_SPLIT.search(base):
            candidates.append(_ABD_SPLIT.sub("عبدال", base))
        if _ABD_JOINED.search(base):
            candidates.append(_ABD_JOINED.sub("عبد ال", base))
    for c in candidates:
        if c != name and c not in out:
            out.append(c)
    return out


def _dedupe(items: Iterable[str], exclude: set[str]) -> list[str]:
    seen = set(exclude)
    out: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def actor_row(actor: Actor) -> dict[str, str]:
    """Serialise one curated :class:`Actor` into a KB row (adds Arabic variants)."""
    curated_ar = split_aliases(actor.aliases_ar)
    expanded: list[str] = []
    for alias in [actor.name_ar, *curated_ar]:
        if alias != actor.name_ar:
            expanded.append(alias)
        expanded.extend(arabic_variants(alias))
    aliases_ar = _dedupe(expanded, {actor.name_ar})
    aliases_en = _dedupe(split_aliases(actor.aliases_en), {actor.name_en})
    return {
        "entity_id": actor.entity_id,
        "entity_type": actor.entity_type,
        "subtype": actor.subtype,
        "name_ar": actor.name_ar,
        "name_en": actor.name_en,
        "country_code": actor.country_code.upper(),
        "lat": "",
        "lon": "",
        "aliases_ar": "|".join(aliases_ar),
        "aliases_en": "|".join(aliases_en),
        "parent_id": actor.parent_id,
        "note": actor.note,
    }


def role_row(role: Role) -> dict[str, str]:
    """Serialise one :class:`Role` into a ``roles.csv`` row."""
    return {
        "entity_id": role.entity_id,
        "role_title_ar": role.role_title_ar,
        "role_title_en": role.role_title_en,
        "org_entity_id": role.org_entity_id,
        "start_year": str(role.start_year),
        "end_year": "" if role.end_year is None else str(role.end_year),
    }


def build_rows() -> tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, str]]]:
    """Return ``(people_rows, org_rows, role_rows)`` from the curated records, sorted by id."""
    people = sorted((actor_row(a) for a in PEOPLE_MENA + PEOPLE_REGION + PEOPLE_WORLD + PEOPLE_NEWS),
                    key=lambda r: r["entity_id"])
    orgs = sorted((actor_row(a) for a in ORGS_SECURITY + ORGS_CIVIL + ORGS_WORLD + ORGS_STATES), key=lambda r: r["entity_id"])
    roles = [role_row(r) for r in ROLES]
    return people, orgs, roles


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[dict[str, str]]) -> None:
    """Write ``rows`` as UTF-8 RFC 4180 CSV with a header (``\\n`` line ends)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read a KB CSV into a list of dicts (empty list if the file is missing)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def validate(people: Sequence[dict[str, str]], orgs: Sequence[dict[str, str]],
             roles: Sequence[dict[str, str]], places: Sequence[dict[str, str]] = ()) -> list[str]:
    """Check the actor files against the KB format rules; return a list of error strings.

    Checks: column sets, unique well-formed ids, allowed type/subtype, non-empty
    names, Arabic script in ``name_ar``/``aliases_ar``, no coordinates on actors,
    ``parent_id`` pointing to an ORG of these files, no alias (compared with
    :func:`normalize_key`) shared by two entities or equal to another entity's
    ``name_ar`` (including place names when ``places`` is given), and roles that
    reference known PERSON and ORG ids with sane years.
    """
    errors: list[str] = []
    rows = [*people, *orgs]
    ids: dict[str, dict[str, str]] = {}
    for row in rows:
        eid = row.get("entity_id", "")
        if set(row) != set(KB_COLUMNS):
            errors.append(f"{eid}: columns {sorted(row)}")
        if not _ID_RE.match(eid):
            errors.append(f"{eid}: malformed id")
        if eid in ids:
            errors.append(f"{eid}: duplicate id")
        ids[eid] = row
        etype = row.get("entity_type", "")
        if etype not in ("PERSON", "ORG") or (etype == "PERSON") != eid.startswith("per:"):
            errors.append(f"{eid}: bad entity_type {etype!r}")
        elif row.get("subtype") not in SUBTYPES[etype]:
            errors.append(f"{eid}: bad subtype {row.get('subtype')!r}")
        if not row.get("name_ar", "").strip() or not row.get("name_en", "").strip():
            errors.append(f"{eid}: empty name")
        if not _ARABIC_RE.search(row.get("name_ar", "")):
            errors.append(f"{eid}: name_ar has no Arabic letters")
        for alias in split_aliases(row.get("aliases_ar", "")):
            if not _ARABIC_RE.search(alias):
                errors.append(f"{eid}: non-Arabic aliases_ar entry {alias!r}")
        for alias in split_aliases(row.get("aliases_en", "")):
            if _ARABIC_RE.search(alias):
                errors.append(f"{eid}: Arabic text in aliases_en {alias!r}")
        if row.get("lat") or row.get("lon"):
            errors.append(f"{eid}: coordinates on a non-place")
        cc = row.get("country_code", "")
        if cc and not _CC_RE.match(cc):
            errors.append(f"{eid}: bad country_code {cc!r}")
        for cell in row.values():
            if cell != cell.strip() or "\n" in cell:
                errors.append(f"{eid}: stray whitespace in {cell!r}")
    for row in rows:
        parent = row.get("parent_id", "")
        if parent and (parent not in ids or ids[parent]["entity_type"] != "ORG" or parent == row["entity_id"]):
            errors.append(f"{row['entity_id']}: parent_id {parent!r} is not an ORG of these files")

    owner_ar: dict[str, str] = {}
    for row in rows:
        for name in [row["name_ar"], *split_aliases(row["aliases_ar"])]:
            key = normalize_key(name)
            prev = owner_ar.setdefault(key, row["entity_id"])
            if prev != row["entity_id"]:
                errors.append(f"Arabic name/alias {name!r} shared by {prev} and {row['entity_id']}")
    owner_en: dict[str, str] = {}
    for row in rows:
        for name in [row["name_en"], *split_aliases(row["aliases_en"])]:
            key = name.casefold()
            prev = owner_en.setdefault(key, row["entity_id"])
            if prev != row["entity_id"]:
                errors.append(f"English name/alias {name!r} shared by {prev} and {row['entity_id']}")
    for place in places:
        for name in [place.get("name_ar", ""), *split_aliases(place.get("aliases_ar", ""))]:
            key = normalize_key(name)
            if key and key in owner_ar:
                errors.append(f"Arabic {name!r} of {owner_ar[key]} collides with place {place.get('entity_id')}")

    for role in roles:
        eid = role.get("entity_id", "")
        if set(role) != set(ROLE_COLUMNS):
            errors.append(f"role {eid}: columns {sorted(role)}")
        if eid not in ids or ids[eid]["entity_type"] != "PERSON":
            errors.append(f"role {eid}: unknown person")
        org_id = role.get("org_entity_id", "")
        if org_id and (org_id not in ids or ids[org_id]["entity_type"] != "ORG"):
            errors.append(f"role {eid}: unknown org {org_id!r}")
        if not role.get("role_title_ar") or not role.get("role_title_en"):
            errors.append(f"role {eid}: empty title")
        start, end = role.get("start_year", ""), role.get("end_year", "")
        if not start.isdigit() or not 1900 <= int(start) <= 2030:
            errors.append(f"role {eid}: bad start_year {start!r}")
        elif end and (not end.isdigit() or int(end) < int(start)):
            errors.append(f"role {eid}: bad end_year {end!r}")
    return errors


def stats(people: Sequence[dict[str, str]], orgs: Sequence[dict[str, str]],
          roles: Sequence[dict[str, str]]) -> dict[str, int]:
    """Counts used in the report and docs: entities, aliases by language, roles."""
    rows = [*people, *orgs]
    return {
        "people": len(people),
        "organizations": len(orgs),
        "aliases_ar": sum(len(split_aliases(r["aliases_ar"])) for r in rows),
        "aliases_en": sum(len(split_aliases(r["aliases_en"])) for r in rows),
        "roles": len(roles),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: write the CSVs (unless ``--check``), validate, print counts; exit 1 on errors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate the committed CSVs, do not write")
    args = parser.parse_args(argv)
    if args.check:
        people, orgs, roles = read_csv(PEOPLE_CSV), read_csv(ORGS_CSV), read_csv(ROLES_CSV)
    else:
        people, orgs, roles = build_rows()
        write_csv(PEOPLE_CSV, KB_COLUMNS, people)
        write_csv(ORGS_CSV, KB_COLUMNS, orgs)
        write_csv(ROLES_CSV, ROLE_COLUMNS, roles)
    errors = validate(people, orgs, roles, read_csv(PLACES_CSV))
    for err in errors:
        print("ERROR", err, file=sys.stderr)
    print(stats(people, orgs, roles))
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
