"""The token before a sentence-final dot, read backwards (``pipeline.clean.segment._token_before``)."""

import random
import re

from pipeline.clean.segment import _token_before, split_sentences

_REFERENCE = re.compile(r"(\S+)$")  # what the function replaces: a search tried from every position


def _reference(text: str, end: int) -> str | None:
    m = _REFERENCE.search(text, 0, end)
    return m.group(1) if m else None


def test_token_before_equals_the_regex_search_on_random_strings():
    alphabet = ["a", "B", " ", "\n", "\t", "\u00a0", ".", "د", "\u2003", "\r", "\x85", "(", "«"]
    rng = random.Random(7)
    for _ in range(20_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        for end in range(len(s) + 1):
            assert _token_before(s, end) == _reference(s, end), (s, end)


def test_abbreviations_and_initials_still_do_not_end_sentences():
    text = "قال د. أحمد إن الوضع هادئ. وأكد Mr. Smith ذلك في U.S. اليوم. انتهى"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["قال د. أحمد إن الوضع هادئ.", "وأكد Mr. Smith ذلك في U.S. اليوم.", "انتهى"]


def test_a_long_paragraph_of_many_sentences_is_split_linearly():
    # 3,000 sentences in one paragraph: each dot looks back one word, not over the whole paragraph
    text = " ".join(f"جملة رقم {i} هنا." for i in range(3000))
    spans = split_sentences(text)
    assert len(spans) == 3000
    assert all(text[a:b].endswith("هنا.") for a, b in spans)
