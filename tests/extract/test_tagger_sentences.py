"""The tagger's sentences of a view (``tagger._sentences``), built from ``re.split`` and running sums,
equal the walk over ``_PIECE_NL_RE``'s matches they replace: the same pieces, offsets and bounds."""

from __future__ import annotations

import random

from pipeline.extract.entities import tagger
from pipeline.extract.entities.tokens import SENTENCE_END


def _reference(c: str):
    """The former implementation: a walk over the match objects."""
    pieces, bounds, start = [], [], 0
    for m in tagger._PIECE_NL_RE.finditer(c):
        w, n = m.group(), len(pieces)
        if w == "\n":
            if n > start:
                bounds.append((start, n))
                start = n
            continue
        if n - start >= tagger._MAX_SENTENCE:
            bounds.append((start, n))
            start = n
        pieces.append(m)
        if w in SENTENCE_END:
            bounds.append((start, n + 1))
            start = n + 1
    if len(pieces) > start:
        bounds.append((start, len(pieces)))
    return [m.group() for m in pieces], [m.start() for m in pieces], [m.end() for m in pieces], bounds


def test_pieces_and_bounds_equal_the_match_walk(monkeypatch):
    rng = random.Random(17)
    alphabet = list("قال بغداد،.!?؟\n\n  _-ـ12abc") + ["\n\n\n", ". \n", " \n "]
    texts = ["", "\n", "\n\n", "قال.", "قال\n", "\nقال", "قال\n\nفي.\n", "a_b", "...", "؟\n؟"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(5000)]
    for c in texts:
        assert tagger._sentences(c) == _reference(c), repr(c)
    monkeypatch.setattr(tagger, "_MAX_SENTENCE", 3)  # the cut of long runs, with and without line breaks
    for c in texts[:2000]:
        assert tagger._sentences(c) == _reference(c), repr(c)


def test_a_long_view_with_lists_and_line_breaks():
    rng = random.Random(4)
    c = " ".join(rng.choice(["قال", "،", "1", "\n", "\n", ".", "بغداد", "x_y"]) for _ in range(30_000))
    words, starts, ends, bounds = tagger._sentences(c)
    assert (words, starts, ends, bounds) == _reference(c)
    assert all(c[a:b] == w for w, a, b in zip(words, starts, ends)) and max(b - a for a, b in bounds) <= 250
