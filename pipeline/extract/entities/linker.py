"""Typo- and variant-tolerant linking of discovered names to KB entities (rapidfuzz), and
context-based choice between entities that share a dictionary key.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import polars as pl
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

__all__ = ["FuzzyLinker", "choose_entity"]


class FuzzyLinker:
    """Index of multi-token Arabic names/aliases per entity type.

    :meth:`link` accepts a candidate when the whole-string similarity (``fuzz.ratio`` on
    :func:`normalize_key` forms) reaches ``cutoff`` *and* every aligned token pair is within one
    edit per four letters (``شيع``/``شياع``), so a different surname, given name or nationality
    adjective (``الحكومة الأمريكية`` vs ``الحكومة الإيرانية``) does not link.
    Confidence is the similarity scaled into ``[0.6, 0.95]``.
    """

    def __init__(self, aliases: pl.DataFrame, entity_types: dict[str, str], cutoff: float = 85.0,
                 token_cutoff: float = 75.0):
        self.cutoff = cutoff
        #: answers by (key, type): the same discovered names recur across a batch's documents, and each
        #: answer is a fuzzy scan of every multi-token name of the type; cleared when ``exact`` changes
        self._answers = lru_cache(maxsize=100_000)(self._link)
        #: tokens that must match exactly (nationality adjectives: ``الأفغانية`` is not ``الإيرانية``)
        self.exact = frozenset()
        self.token_cutoff = token_cutoff
        self.keys: dict[str, list[str]] = defaultdict(list)
        self.owner: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for eid, lang, norm in aliases.select("entity_id", "lang", "normalized").iter_rows():
            typ = entity_types.get(eid)
            if lang != "ar" or not norm or " " not in norm or typ is None:
                continue
            if norm not in self.owner[typ]:
                self.keys[typ].append(norm)
            self.owner[typ][norm].add(eid)

    @property
    def exact(self) -> frozenset[str]:
        return self._exact

    @exact.setter
    def exact(self, tokens) -> None:
        self._exact = frozenset(tokens)
        self._answers.cache_clear()

    def link(self, key: str, entity_type: str) -> tuple[str, float, str] | None:
        """``(entity_id, confidence, matched_key)`` for ``key`` or None (also None when ambiguous)."""
        return self._answers(key, entity_type)

    def _link(self, key: str, entity_type: str) -> tuple[str, float, str] | None:
        choices = self.keys.get(entity_type)
        if not choices or " " not in key:
            return None
        hits = process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=3)
        q = key.split()
        for match, score, _ in hits:
            owners = self.owner[entity_type][match]
            if len(owners) != 1:
                continue
            m = match.split()
            if abs(len(q) - len(m)) > 1:
                continue
            pairs = list(zip(q, m)) if len(q) == len(m) else [(q[0], m[0]), (q[-1], m[-1])]
            if not all(_close(x, y) and (x == y or (x not in self.exact and y not in self.exact))
                       for x, y in pairs):
                continue
            conf = round(0.6 + 0.35 * (score - self.cutoff) / (100 - self.cutoff), 3)
            return next(iter(owners)), conf, match
        return None


def _close(a: str, b: str) -> bool:
    """Token-level closeness: at most one edit per four letters (at least one)."""
    return Levenshtein.distance(a, b) <= max(1, max(len(a), len(b)) // 4)


def choose_entity(options: tuple[str, ...], primary: tuple[bool, ...], context: dict[str, int],
                  related: dict[str, set[str]]) -> tuple[str, float]:
    """Pick one of several entities sharing a key, from document context.

    ``context`` counts unambiguous entity mentions of the document; ``related[e]`` holds the
    entities that support ``e`` (its parent, its country, entities it is ``ambiguous_with``'s
    partner of is *not* support). The option with most support wins; ties go to the entity
    whose primary name the key is, then to the first id. Confidence: 0.8 with support, else 0.5.
    """
    best, best_score = options[0], -1.0
    for eid, prim in zip(options, primary):
        score = sum(context.get(r, 0) for r in related.get(eid, ())) + (0.5 if prim else 0.0)
        if score > best_score:
            best, best_score = eid, score
    return best, (0.8 if best_score >= 1 else 0.5)
