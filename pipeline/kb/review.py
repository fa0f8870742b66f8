"""Review of ``entity_candidates`` (names found outside the knowledge base) for ``khabar kb``.

* :func:`list_candidates` — the candidates an analyst would promote: their surfaces (as written,
  most frequent first), counts and a sample sentence, most widespread first, generic phrases left
  out (``وكالة الأنباء``, ``شبكة الإنترنت``, ``أكبر عدد``: every word is a generic head such as وكالة
  or حزب, or a generic modifier such as الأنباء or الرسمية; see :func:`is_generic`).
* :func:`candidate_id` — a short stable id (``c`` + 7 hex) of a candidate, shown in the list.
* :func:`find_candidate` — a candidate by that id, by one of its surfaces, or by its matching key.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

import duckdb

from pipeline.extract.entities.vocab import ORG_HEADS, PLACE_HEADS
from pipeline.text.normalize import normalize_key

__all__ = ["GENERIC_MODIFIERS", "candidate_id", "generic_keys", "is_generic", "list_candidates", "find_candidate"]

#: Words that do not make a name specific: an organisation/place head (ORG_HEADS, PLACE_HEADS) or one of
#: these, followed only by these, is a generic phrase, not a name (``حزب الكتائب`` is a name: الكتائب is
#: not a modifier).
GENERIC_MODIFIERS = (
    "أنباء", "الأنباء", "أخبار", "الأخبار", "الرسمية", "الرسمي", "الحكومية", "الحكومي", "الحكومة", "حكومة",
    "الإنترنت", "عدد", "أكبر", "أكثر", "المحلية", "المحلي", "الخاصة", "الخاص", "التواصل", "الاجتماعي",
    "موقع", "مواقع", "الإلكتروني", "الإلكترونية", "الصحفية", "الصحفي", "الإعلام", "الإعلامية", "الإعلامي",
    "المعنية", "المختصة", "المسؤولة", "الأمنية", "العسكرية", "المسلحة", "الإرهابية",
    "التابعة", "التابع", "المحلية", "الجديدة", "الجديد", "الكبرى", "العليا", "العامة", "العام",
)


def candidate_id(normalized_name: str, type_guess: str) -> str:
    """Stable short id of a candidate (its key and type), e.g. ``c1f3a9b2``."""
    return "c" + hashlib.sha1(f"{normalized_name}\t{type_guess}".encode("utf-8")).hexdigest()[:7]


@lru_cache(maxsize=1)
def generic_keys() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Matching keys of the words that may start a generic phrase (heads, with or without the article,
    and the modifiers) and of those that may continue it (the modifiers)."""
    heads = list(ORG_HEADS) + list(PLACE_HEADS)
    modifiers = {normalize_key(w) for w in GENERIC_MODIFIERS} - {""}
    first = {normalize_key(w) for w in heads + ["ال" + h for h in heads]} - {""}
    return tuple(sorted(first | modifiers)), tuple(sorted(modifiers))


def is_generic(normalized_name: str) -> bool:
    """True for a generic phrase rather than a name (``وكاله الانباء``; not ``حزب الكتائب``)."""
    words = normalized_name.split()
    first, rest = (set(k) for k in generic_keys())
    return bool(words) and words[0] in first and all(w in rest for w in words[1:])


_COLUMNS = ("normalized_name, type_guess, doc_count, mention_count, surfaces, "
            "coalesce(example_sentences[1], '') AS example")
_GENERIC_SQL = ("(list_contains(?, string_split(normalized_name, ' ')[1]) AND coalesce(list_bool_and("
                "list_transform(string_split(normalized_name, ' ')[2:], w -> list_contains(?, w))), true))")


def list_candidates(con: duckdb.DuckDBPyConnection, type_guess: str | None = None, min_docs: int = 1,
                    limit: int = 0, include_generic: bool = False) -> list[dict]:
    """Candidates, most widespread first: dicts with ``id, surface, surfaces, type_guess, doc_count,
    mention_count, example, normalized_name`` (``surface`` = the most frequent written form)."""
    params: list = [type_guess, type_guess, min_docs]
    where = "(? IS NULL OR type_guess = ?) AND doc_count >= ?"
    if not include_generic:
        where += f" AND NOT coalesce({_GENERIC_SQL}, false)"
        params += [list(k) for k in generic_keys()]
    sql = (f"SELECT {_COLUMNS} FROM entity_candidates WHERE {where} "
           "ORDER BY doc_count DESC, mention_count DESC, normalized_name" + (" LIMIT ?" if limit else ""))
    rows = con.execute(sql, params + ([limit] if limit else [])).fetchall()
    return [_row(*r) for r in rows]


def find_candidate(con: duckdb.DuckDBPyConnection, ref: str, type_guess: str | None = None) -> dict | None:
    """The candidate whose id, surface or matching key is ``ref`` (the most widespread if several)."""
    ref = ref.strip()
    key = normalize_key(ref)
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM entity_candidates WHERE (? IS NULL OR type_guess = ?) "
        "AND (normalized_name = ? OR normalized_name = ? OR list_contains(surfaces, ?)) "
        "ORDER BY doc_count DESC, mention_count DESC", [type_guess, type_guess, ref, key, ref]).fetchall()
    if rows:
        return _row(*rows[0])
    if len(ref) == 8 and ref.startswith("c"):
        for r in con.execute(f"SELECT {_COLUMNS} FROM entity_candidates WHERE (? IS NULL OR type_guess = ?)",
                             [type_guess, type_guess]).fetchall():
            if candidate_id(r[0], r[1]) == ref:
                return _row(*r)
    return None


def _row(normalized_name, type_guess, doc_count, mention_count, surfaces, example) -> dict:
    surfaces = [s for s in (surfaces or []) if s]
    return {"id": candidate_id(normalized_name, type_guess), "surface": surfaces[0] if surfaces else normalized_name,
            "surfaces": surfaces, "type_guess": type_guess, "doc_count": doc_count, "mention_count": mention_count,
            "example": example or "", "normalized_name": normalized_name}
