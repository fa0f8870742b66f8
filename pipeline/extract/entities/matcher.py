"""Aho-Corasick dictionary matching of KB aliases with Arabic proclitics, longest match first.

Keys are :func:`normalize_key` forms of every alias (tatweel-free, whitespace collapsed,
ASCII lower-cased); the text is matched through :class:`~.view.TextView`, so one pass of
the automaton over the document finds all alias occurrences in linear time.

Clitics and the article (documented choice):

* A match may be preceded, inside the same word, by a proclitic chain ``[وف]?[بلك]?``
  (``والعراق``, ``بالعراق``, ``وواشنطن``, ``فبغداد``). The mention *excludes* the clitics and
  *includes* the article: ``بالعراق`` → ``العراق``.
* With the preposition ``ل`` the article's alef is elided (``للولايات المتحدة``, ``للعراق``).
  Every alias that starts with ``ال`` also gets an elided key ``ل…``; it only matches after a
  ``ل`` proclitic, and the mention then starts *after* ``لل``: ``للولايات المتحدة`` →
  ``ولايات المتحدة``.
* Latin aliases match case-insensitively on plain word boundaries, without clitics.
* The right edge must be a word boundary (no enclitics: ``العراقية`` is not ``العراق``), and
  an Arabic match directly followed by tanwin is rejected (``دبلوماسياً بريطانياً`` 'a British
  diplomat' is an adjective, not ``بريطانيا``).
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick
import polars as pl

from pipeline.extract.entities.view import TextView

__all__ = ["Match", "DictionaryMatcher", "PROCLITICS"]

#: Allowed proclitic chains before a name (conjunction, then preposition).
PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
_ELIDED_OK = frozenset({"ل", "ول", "فل"})
MIN_KEY_LEN = 2
_TANWIN = frozenset("\u064b\u064c\u064d")


@dataclass(frozen=True)
class KeyInfo:
    """What one automaton key stands for."""

    key: str
    entity_ids: tuple[str, ...]
    primary: tuple[bool, ...]  # per entity: the key is its name_ar/name_en
    elided: bool
    latin: bool
    tokens: int


@dataclass
class Match:
    """One accepted dictionary occurrence, in view (``a``, ``b``) and original (``start``, ``end``) offsets."""

    a: int
    b: int
    start: int
    end: int
    info: KeyInfo


def _is_latin(key: str) -> bool:
    return all(ord(ch) < 0x0600 for ch in key)


class DictionaryMatcher:
    """Build once from ``kb.aliases``; :meth:`find` returns non-overlapping longest matches."""

    def __init__(self, aliases: pl.DataFrame):
        owners: dict[tuple[str, bool], dict[str, bool]] = {}
        for eid, norm, primary in aliases.select("entity_id", "normalized", "is_primary").iter_rows():
            if not norm or len(norm.replace(" ", "")) < MIN_KEY_LEN:
                continue
            owners.setdefault((norm, False), {})
            owners[(norm, False)][eid] = owners[(norm, False)].get(eid, False) or bool(primary)
            if norm.startswith("ال") and len(norm) > 4 and not _is_latin(norm):
                ek = "ل" + norm[2:]
                owners.setdefault((ek, True), {})
                owners[(ek, True)][eid] = owners[(ek, True)].get(eid, False) or bool(primary)
        self.automaton = ahocorasick.Automaton()
        by_key: dict[str, list[KeyInfo]] = {}
        for (key, elided), ents in owners.items():
            ids = tuple(sorted(ents))
            by_key.setdefault(key, []).append(KeyInfo(key, ids, tuple(ents[e] for e in ids), elided,
                                                      _is_latin(key), key.count(" ") + 1))
        for key, infos in by_key.items():
            self.automaton.add_word(key, tuple(infos))
        self.size = len(by_key)
        if self.size:
            self.automaton.make_automaton()

    def _accept(self, view: TextView, a: int, b: int, info: KeyInfo) -> int | None:
        """Return the view start of the mention, or None when boundaries/clitics reject it."""
        c = view.c
        if b < len(c) and c[b].isalnum():
            return None
        if not info.latin:
            after = view.idx[b - 1] + 1
            if after < len(view.text) and view.text[after] in _TANWIN:
                return None  # ``بريطانياً``/``روسياً``: an indefinite adjective, not the name
        if a == 0 or not c[a - 1].isalnum():
            return None if info.elided else a
        if info.latin:
            return None
        w = a
        while w > 0 and c[w - 1].isalnum() and a - w < 2:
            w -= 1
        if w > 0 and c[w - 1].isalnum():
            return None
        prefix = c[w:a]
        if info.elided:
            return a + 1 if prefix in _ELIDED_OK else None
        return a if prefix in PROCLITICS else None

    def find(self, view: TextView, skip: list[tuple[int, int]] | None = None) -> list[Match]:
        """All accepted matches, longest first, then leftmost, without overlaps (view offsets)."""
        if not self.size or not view.c:
            return []
        cands: list[Match] = []
        for end_idx, infos in self.automaton.iter(view.c):
            for info in infos:
                a = end_idx - len(info.key) + 1
                b = end_idx + 1
                s = self._accept(view, a, b, info)
                if s is None:
                    continue
                start, end = view.span(s, b)
                cands.append(Match(s, b, start, end, info))
        cands.sort(key=lambda m: (-(m.b - m.a), m.a))
        taken = bytearray(len(view.c) + 1)
        out: list[Match] = []
        for m in cands:
            if any(taken[m.a:m.b]):
                continue
            if skip and any(m.start < e and s < m.end for s, e in skip):
                continue
            taken[m.a:m.b] = b"\x01" * (m.b - m.a)
            out.append(m)
        out.sort(key=lambda m: m.a)
        return out
