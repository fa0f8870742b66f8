"""Record types and vocabularies shared by the actor (people/organisation) KB generators.

The generators under ``pipeline/kb/build/actors_*.py`` are deterministic and
offline: they turn the hand-curated records below into
``pipeline/kb/data/{people,organizations,roles}.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass

KB_COLUMNS: tuple[str, ...] = (
    "entity_id", "entity_type", "subtype", "name_ar", "name_en", "country_code",
    "lat", "lon", "aliases_ar", "aliases_en", "parent_id", "note",
)
ROLE_COLUMNS: tuple[str, ...] = (
    "entity_id", "role_title_ar", "role_title_en", "org_entity_id", "start_year", "end_year",
)

SUBTYPES: dict[str, frozenset[str]] = {
    "LOC": frozenset({"country", "province", "city", "town", "region", "military_base",
                      "facility", "body_of_water", "territory"}),
    "ORG": frozenset({"government_body", "armed_forces", "armed_group", "political_party",
                      "news_org", "international_org", "company", "religious_body",
                      "coalition", "intelligence_agency", "ngo",
                      "sports_club", "sports_body"}),
    "PERSON": frozenset({"head_of_state", "head_of_government", "minister", "politician",
                         "military_officer", "militant_leader", "religious_leader",
                         "diplomat", "journalist", "analyst", "other"}),
}


@dataclass(frozen=True)
class Actor:
    """One PERSON or ORG record before serialisation.

    ``aliases_ar``/``aliases_en`` are ``|``-separated strings as written by the
    curator; the builder adds mechanical spelling variants and de-duplicates.
    """

    entity_id: str
    entity_type: str
    subtype: str
    country_code: str
    name_ar: str
    name_en: str
    aliases_ar: str = ""
    aliases_en: str = ""
    parent_id: str = ""
    note: str = ""


@dataclass(frozen=True)
class Role:
    """A dated role held by a person (``end_year`` ``None`` = current as of 2024)."""

    entity_id: str
    role_title_ar: str
    role_title_en: str
    org_entity_id: str
    start_year: int
    end_year: int | None = None


def person(entity_id: str, subtype: str, cc: str, name_ar: str, name_en: str,
           ar: str = "", en: str = "", parent: str = "", note: str = "") -> Actor:
    """Build a PERSON record (``parent`` is the person's main organisation, if any)."""
    return Actor(entity_id, "PERSON", subtype, cc, name_ar, name_en, ar, en, parent, note)


def org(entity_id: str, subtype: str, cc: str, name_ar: str, name_en: str,
        ar: str = "", en: str = "", parent: str = "", note: str = "") -> Actor:
    """Build an ORG record (``parent`` is the containing / umbrella organisation)."""
    return Actor(entity_id, "ORG", subtype, cc, name_ar, name_en, ar, en, parent, note)


