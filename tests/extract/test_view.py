"""The matching view's tokens, built from ``re.split`` and running sums of lengths, are the spans of
``TOKEN_RE``'s matches, with the token and gap strings the extractor reads."""

from __future__ import annotations

import random

from pipeline.extract.entities.view import TOKEN_RE, build_view
from tests.extract.test_quantities_tokens import random_texts


def _reference(c: str):
    toks = [m.span() for m in TOKEN_RE.finditer(c)]
    return toks, [c[a:b] for a, b in toks], [c[toks[i - 1][1]:toks[i][0]] if i else "" for i in range(len(toks))]


def test_tokens_keys_and_gaps_equal_the_regex_matches_on_random_and_edge_texts():
    texts = ["", " ", "a", "قال", " قال ", "قال،", "،قال", "1٬000 ـ قالـ", "\n\nفي  بغداد\t،", *random_texts(3000, 7)]
    for text in texts:
        view = build_view(text)
        toks, keys, gaps = _reference(view.c)
        assert (view.tokens, view.keys, view.gaps) == (toks, keys, gaps), repr(text)
        assert all(view.c[a:b] == k for (a, b), k in zip(view.tokens, view.keys))


def test_a_long_document_gives_the_same_tokens():
    rng = random.Random(3)
    text = " ".join(rng.choice(["قال", "الرئيس", "،", "2024", "في", "ـ", "Trump", "\n"]) for _ in range(20_000))
    view = build_view(text)
    assert (view.tokens, view.keys, view.gaps) == _reference(view.c)
