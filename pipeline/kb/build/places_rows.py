"""Row constructors shared by the hand-curated place tables.

``place`` builds one KB row; ``city_and_governorate`` builds the city /
same-named governorate pair with the ambiguity marked on both sides (the city
keeps the bare name, the governorate is ``محافظة <name>`` and does NOT get the
bare name as an alias).
"""

from __future__ import annotations

__all__ = ["place", "city_and_governorate", "Coord"]

Coord = tuple[float, float] | None


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{round(value, 4):.4f}".rstrip("0").rstrip(".")


def place(
    slug: str,
    subtype: str,
    name_ar: str,
    name_en: str,
    cc: str,
    coord: Coord,
    aliases_ar: str = "",
    aliases_en: str = "",
    parent: str = "",
    note: str = "",
) -> dict[str, str]:
    """Return one LOC row. ``slug`` and ``parent`` are given without ``loc:``."""
    lat, lon = coord if coord else (None, None)
    return {
        "entity_id": f"loc:{slug}",
        "entity_type": "LOC",
        "subtype": subtype,
        "name_ar": name_ar,
        "name_en": name_en,
        "country_code": cc.upper(),
        "lat": _fmt(lat),
        "lon": _fmt(lon),
        "aliases_ar": aliases_ar,
        "aliases_en": aliases_en,
        "parent_id": f"loc:{parent}" if parent else "",
        "note": note,
    }


def city_and_governorate(
    cc: str,
    key: str,
    name_ar: str,
    name_en: str,
    coord: Coord,
    *,
    city_aliases_ar: str = "",
    city_aliases_en: str = "",
    gov_aliases_ar: str = "",
    gov_aliases_en: str = "",
    gov_word_ar: str = "محافظة",
    gov_word_en: str = "Governorate",
    gov_parent: str | None = None,
    city_subtype: str = "city",
    city_note: str = "",
    city_name_ar: str | None = None,
) -> list[dict[str, str]]:
    """City + same-named first-level division, ambiguity noted on both.

    Ids: ``<cc>-<key>`` (city) and ``<cc>-<key>-governorate`` or
    ``-province`` (division, depending on ``gov_word_en``). ``city_name_ar``
    replaces the bare city name when the bare form is too ambiguous to list.
    """
    cc = cc.lower()
    city_id = f"{cc}-{key}"
    gov_id = f"{cc}-{key}-{'province' if gov_word_en == 'Province' else 'governorate'}"
    city_notes = [f"ambiguous_with=loc:{gov_id}"]
    if city_note:
        city_notes.append(city_note)
    gov_en_alias = f"{name_en} {'Governorate' if gov_word_en == 'Province' else 'Province'}"
    return [
        place(city_id, city_subtype, city_name_ar or name_ar, name_en, cc, coord, city_aliases_ar, city_aliases_en,
              parent=gov_id, note="; ".join(city_notes)),
        place(gov_id, "province", f"{gov_word_ar} {name_ar}", f"{name_en} {gov_word_en}", cc, coord,
              gov_aliases_ar, "|".join(a for a in [gov_en_alias, gov_aliases_en] if a),
              parent=gov_parent or cc,
              note=f"ambiguous_with=loc:{city_id} (bare name is the city); coord: capital ({name_en})"),
    ]
