"""The fact extractors' tokens (``pipeline.extract.quantities.tokenize``), built from ``re.split`` and
running sums of lengths, equal one ``Token`` per match of the token pattern."""

from __future__ import annotations

import random

from pipeline.extract.quantities import _TOKEN_RE, Token, tokenize
from pipeline.text.normalize import TATWEEL, normalize_for_matching

#: characters that exercise every branch of the token pattern and of the keys: Arabic letters and
#: digits, separators, tatweel placeholders, Latin capitals, superscript two (``isdigit`` but not
#: ``\d``), punctuation, white space of several kinds
ALPHABET = list("قالبغدإأآىةـ٠١٢34567،,.٬٫:-\"«»()") + [TATWEEL, "²", "A", "Z", "ß", "İ", " ", "\n", "\t", "\u00a0", "_"]


def random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def _reference(view: str) -> list[tuple]:
    out = []
    for m in _TOKEN_RE.finditer(view):
        norm = m.group()
        out.append((m.start(), m.end(), norm, norm.replace(TATWEEL, "").lower(), norm[:1].isdigit()))
    return out


def _fields(toks: list[Token]) -> list[tuple]:
    return [(t.start, t.end, t.norm, t.key, t.is_digit) for t in toks]


def test_tokens_equal_the_regex_matches_on_random_and_edge_texts():
    texts = ["", " ", "٢", "²", "قال ٣٬٠٠٠ جندي،", " 1,000.5ـA ", *random_texts(5000, 11)]
    for text in texts:
        for view in (text, normalize_for_matching(text)):
            assert _fields(tokenize(view)) == _reference(view), repr(view)


def test_a_long_view_gives_the_same_tokens():
    rng = random.Random(5)
    view = normalize_for_matching(" ".join(rng.choice(["قتل", "12", "،", "2,500", "جنديا", "ـ", "\n", "A.B"])
                                           for _ in range(20_000)))
    toks = tokenize(view)
    assert _fields(toks) == _reference(view) and len(toks) > 20_000
    assert all(view[t.start:t.end] == t.norm for t in toks)


def test_a_token_built_alone_computes_its_key_and_digit_flag():
    t = Token(3, 8, f"Al{TATWEEL}Qa")
    assert (t.key, t.is_digit) == ("alqa", False) and Token(0, 2, "٣٤").is_digit
