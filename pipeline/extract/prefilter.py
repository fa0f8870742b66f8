"""Token prefilters: which tokens of a document an extractor has to look at, picked without a
Python step per token.

An extractor that walks every token in Python only acts on a few (event triggers, numbers, speech
verbs). A :class:`KeyTest` asks its question once per distinct token key and remembers the
answer; :meth:`KeyTest.indices` then picks the indices of the tokens whose key passes with C-level
operations (``map``, ``set``, ``itertools.compress``), so Python runs only on those tokens. The
test must be a function of the key alone, and a superset of what the extractor acts on: the
extractor still decides, the prefilter only skips tokens on which it would do nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import compress
from operator import attrgetter

__all__ = ["KeyTest", "MAX_KEYS", "token_keys"]

#: Answers kept per test; past this the answers are forgotten and asked again (memory stays bounded).
MAX_KEYS = 200_000
_KEY = attrgetter("key")


_LAST: list = [None, None]  # the last token sequence whose keys were listed (held: its id stays its own), its keys


def token_keys(toks: Sequence) -> list[str]:
    """``[t.key for t in toks]``, listed once for the same sequence object: the extractors of a
    document share one cached token tuple (:func:`pipeline.extract.quantities.analyze`) and each
    asks its prefilter about it."""
    if _LAST[0] is toks:
        return _LAST[1]
    keys = list(map(_KEY, toks))
    if isinstance(toks, tuple):  # immutable: safe to remember
        _LAST[0], _LAST[1] = toks, keys
    return keys


class KeyTest:
    """A yes/no question about a token key (``test(key) -> bool``), answered once per distinct key."""

    __slots__ = ("test", "answers")

    def __init__(self, test: Callable[[str], object]) -> None:
        self.test = test
        self.answers: dict[str, bool] = {}

    def __call__(self, key: str) -> bool:
        answer = self.answers.get(key)
        if answer is None:
            if len(self.answers) >= MAX_KEYS:
                self.answers.clear()
            answer = self.answers[key] = bool(self.test(key))
        return answer

    def indices(self, toks: Sequence) -> list[int]:
        """Indices (increasing) of the tokens of ``toks`` whose ``key`` passes the test."""
        keys = token_keys(toks)
        answers = self.answers
        found = list(map(answers.get, keys))  # None: not asked yet
        if None in found:
            missing = set(keys).difference(answers)
            if len(answers) + len(missing) > MAX_KEYS:
                answers.clear()
                missing = set(keys)
            test = self.test
            for key in missing:
                answers[key] = bool(test(key))
            found = list(map(answers.__getitem__, keys))
        return list(compress(range(len(keys)), found))
