"""Role phrases resolved to the person who held the role: ``وقال الرئيس الأميركي إن …`` in an article
published in 2018 is Donald Trump speaking.

News name an office holder by the office alone once the name is known to the reader, or never:
``الرئيس الأميركي``, ``ولي العهد السعودي``, ``الأمين العام للأمم المتحدة``. The knowledge base lists
who held which office and when (``pipeline/kb/data/roles.csv``: Arabic title, holder, first and last
year). A quote's speaker or a citation's source whose whole phrase is such a title, with no entity
of its own, is linked to the holder of that title in the year the document was published — only
when exactly one holder's term covers that year and the year is neither its first nor its last: a
year in which the office changed hands (``وزير الخارجية الأمريكي`` in 2018: Tillerson, then Pompeo;
``ولي العهد السعودي`` in 2017, when the base lists only the holder from June) or a document without a
publication date leaves it unlinked, as before. The years are whole years, so the first and last year
of a term are never trusted.

Other common phrasings of a listed office (``الرئيس الإيراني`` for ``رئيس الجمهورية الإيرانية``) are in
:data:`TITLE_SYNONYMS`. Titles and phrases are compared by their matching keys (:func:`pipeline.text.normalize.normalize_key`)
with one spelling variant folded (``الأميركي`` / ``الأمريكي``) and a leading ``و``/``ف`` dropped; the
phrase must be the whole title (``الرئيس`` alone names no office).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from pipeline.text.normalize import normalize_key

__all__ = ["TITLE_SYNONYMS", "RoleHolders", "role_holders", "link_role_phrases"]

#: spelling variants folded in role keys (matching keys, after normalize_key)
_VARIANTS = (("اميركي", "امريكي"),)

#: other ways news name an office the knowledge base lists under one title (phrase -> listed title)
TITLE_SYNONYMS = {
    "الرئيس الإيراني": "رئيس الجمهورية الإيرانية",
    "الرئيس العراقي": "رئيس جمهورية العراق",
    "الرئيس الفلسطيني": "رئيس السلطة الفلسطينية",
    "رئيس الحكومة العراقية": "رئيس الوزراء العراقي",
    "رئيس الحكومة الإسرائيلية": "رئيس الوزراء الإسرائيلي",
    "رئيس الحكومة اللبنانية": "رئيس الوزراء اللبناني",
    "رئيس الحكومة البريطانية": "رئيس الوزراء البريطاني",
    "رئيسة الحكومة البريطانية": "رئيسة الوزراء البريطانية",
    "الملك السعودي": "العاهل السعودي",
    "الملك الأردني": "العاهل الأردني",
    "أمير دولة قطر": "أمير قطر",
    "الأمين العام لحلف الناتو": "الأمين العام لحلف شمال الأطلسي",
    "الأمين العام للناتو": "الأمين العام لحلف شمال الأطلسي",
    "وزير الدولة للشؤون الخارجية الإماراتي": "وزير الدولة الإماراتي للشؤون الخارجية",
}


def role_key(phrase: str) -> str:
    """The key a role title and a speaker phrase are compared by."""
    key = normalize_key(phrase)
    for a, b in _VARIANTS:
        key = key.replace(a, b)
    return key


@dataclass(frozen=True)
class RoleHolders:
    """Office holders by title key: ``key -> ((entity_id, first_year, last_year), …)`` (a year may be None: open)."""

    by_title: dict[str, tuple[tuple[str, int | None, int | None], ...]]

    @classmethod
    def from_rows(cls, rows: Iterable[dict]) -> "RoleHolders":
        """From knowledge-base role rows (``entity_id``, ``role_title_ar``, ``start_year``, ``end_year``)."""
        by: dict[str, list[tuple[str, int | None, int | None]]] = {}
        for r in rows:
            if r.get("role_title_ar"):
                by.setdefault(role_key(r["role_title_ar"]), []).append((r["entity_id"], r.get("start_year"), r.get("end_year")))
        for phrase, title in TITLE_SYNONYMS.items():
            listed = by.get(role_key(title))
            if listed and role_key(phrase) not in by:
                by[role_key(phrase)] = listed
        return cls({k: tuple(v) for k, v in by.items()})

    def holder(self, phrase: str | None, year: int | None) -> str | None:
        """The one holder of the office ``phrase`` names in ``year``, else None (also when ``year`` is the
        first or last year of any listed term of that office)."""
        if not phrase or year is None:
            return None
        key = role_key(phrase)
        holders = self.by_title.get(key)
        if holders is None and len(key) > 2 and key[0] in "وف":
            holders = self.by_title.get(key[1:])
        if not holders:
            return None
        if any(year in (a, b) for _, a, b in holders):
            return None  # the office may have changed hands that year (or a holder the base lacks held it)
        found = {eid for eid, a, b in holders if (a is None or a < year) and (b is None or year < b)}
        return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=1)
def role_holders() -> RoleHolders:
    """The knowledge base's office holders (``pipeline/kb/data/roles.csv``), read once per process."""
    from pipeline.kb.load import load_kb

    return RoleHolders.from_rows(load_kb().roles.iter_rows(named=True))


def link_role_phrases(rows: list[dict], published: date | datetime | None, holders: RoleHolders,
                      surface: str = "speaker_surface", entity: str = "entity_id") -> int:
    """Give each row whose ``surface`` phrase is an office title and whose ``entity`` is empty the
    holder of that office in the publication year (in place). Returns how many rows were linked."""
    if published is None:
        return 0
    n = 0
    for r in rows:
        if r.get(entity) is None and r.get(surface):
            eid = holders.holder(r[surface], published.year)
            if eid is not None:
                r[entity] = eid
                n += 1
    return n
