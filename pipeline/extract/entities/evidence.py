"""Tagger evidence for the entity extractor: which view tokens the statistical tagger calls names,
which dictionary matches are also ordinary words, and how a tagged span is trimmed to a name.

* :class:`TagIndex` maps the tagger's spans (:mod:`.tagger`) onto the view's word tokens.
* :func:`common_word_reading` — a one-token alias whose token also reads as a frequent Arabic word
  (``دوما`` 'always', ``بعقوبة`` = ``ب`` + ``عقوبة`` 'with a penalty', ``وجده`` = ``وجد`` + ``ه``
  'he found it', ``بابها`` = ``باب`` + ``ها`` 'its door'). The frequent words
  (``model/frequent_words.txt``, ``scripts/build_ner_lexicon.py``) are the ordinary words among the
  10,000 most frequent words of the ANT corpus: those the annotated NER data shows outside names at
  least 90% of the time (``دوما``, ``عقوبة``, ``باب``; not ``الحوثيين`` or ``ترمب``, frequent as names).
* :func:`trim_tokens` — titles, roles, nationality adjectives and function words stay out of a
  tagged name (``الأسباني فيسنت`` → ``فيسنت``).
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path

from pipeline.extract.entities.features import MODEL_DIR
from pipeline.extract.entities.view import token_starts

__all__ = ["TagIndex", "frequent_words", "frequent_rank", "common_word_reading", "trim_tokens", "strip_proclitic"]

_PROCLITIC_LETTERS = frozenset("وفبلك")
_ENCLITICS = ("هما", "هم", "هن", "ها", "نا", "كم", "ه", "ك")
_ART_CLITICS = ("وبال", "فبال", "وكال", "وال", "فال", "بال", "كال")


@lru_cache(maxsize=2)
def frequent_words(path: str | None = None) -> frozenset[str]:
    """Normalized frequent Arabic words (``model/frequent_words.txt``); empty when missing."""
    p = Path(path) if path else MODEL_DIR / "frequent_words.txt"
    if not p.exists():
        return frozenset()
    return frozenset(w for w in p.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#"))


@lru_cache(maxsize=2)
def frequent_rank(path: str | None = None) -> dict[str, int]:
    """Rank (0 = most frequent) of each word of ``model/frequent_words.txt``."""
    p = Path(path) if path else MODEL_DIR / "frequent_words.txt"
    if not p.exists():
        return {}
    words = [w for w in p.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#")]
    return {w: i for i, w in enumerate(words)}


def common_word_reading(tok: str, key: str, frequent: frozenset[str]) -> str | None:
    """How the token ``tok`` holding the alias match ``key`` also reads as a frequent word:

    * ``"split"`` — another segmentation gives a frequent word: a one-letter proclitic that belongs
      to the alias (``بعقوبه`` = ``ب`` + ``عقوبه``), or a pronoun suffix (``بابها`` = ``باب`` + ``ها``,
      ``وجده`` = ``وجد`` + ``ه``);
    * ``"self"`` — the alias itself is a frequent word (``دوما``, but also ``العراق``);
    * ``None`` — no common-word reading."""
    bases = [tok]
    if len(tok) > 3 and tok[0] in _PROCLITIC_LETTERS:
        bases.append(tok[1:])
    for b in bases:
        if b != key and b != tok and b in frequent:
            return "split"
        for enc in _ENCLITICS:
            if b.endswith(enc) and len(b) - len(enc) >= 3 and b[: -len(enc)] in frequent and b[: -len(enc)] != key:
                return "split"
    if key in frequent or tok in frequent:
        return "self"
    return None


class TagIndex:
    """Tagger spans over the view's word tokens: ``at(t)`` → ``(type, confidence, span index)``."""

    def __init__(self, tokens: list[tuple[int, int]], spans):
        self.spans = list(spans)
        self.by_token: dict[int, tuple[str, float, int]] = {}
        self.ranges: list[tuple[int, int]] = []
        starts = token_starts(tokens)
        for i, sp in enumerate(self.spans):
            ta = bisect.bisect_left(starts, sp.a)
            tb = bisect.bisect_left(starts, sp.b)
            self.ranges.append((ta, tb))
            for t in range(ta, tb):
                self.by_token[t] = (sp.entity_type, sp.confidence, i)

    def at(self, t: int) -> tuple[str, float, int] | None:
        return self.by_token.get(t)

    def support(self, ta: int, tb: int, types: tuple[str, ...] | None = None) -> float:
        """Best tagger confidence of a name over tokens ``[ta, tb)`` (of one of ``types``), else 0."""
        best = 0.0
        for t in range(ta, tb):
            hit = self.by_token.get(t)
            if hit and (types is None or hit[0] in types):
                best = max(best, hit[1])
        return best


def strip_proclitic(tok: str) -> int:
    """Letters of a proclitic chain before an article inside ``tok`` (``والعراق`` → 1, ``للجيش`` → 2:
    the mention starts after ``لل`` as in :mod:`.matcher`); 0 when there is none."""
    for p in _ART_CLITICS:
        if tok.startswith(p) and len(tok) - len(p) >= 2:
            return len(p) - 2
    for p in ("ولل", "فلل", "لل"):
        if tok.startswith(p) and len(tok) - len(p) >= 2:
            return len(p)
    return 0


def trim_tokens(keys: list[str], ta: int, tb: int, is_cue) -> tuple[int, int]:
    """Narrow ``[ta, tb)`` so that it neither starts nor ends with a cue word (title, role,
    nationality adjective, function word: ``is_cue(token)``)."""
    while ta < tb and is_cue(keys[ta]):
        ta += 1
    while tb > ta and is_cue(keys[tb - 1]):
        tb -= 1
    return ta, tb
