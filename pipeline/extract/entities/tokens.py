"""Tokens for the statistical tagger: words and punctuation of a normalized string.

The tagger sees the same token stream at training time (tokens of the NER files, each folded
with :func:`normalize_key` and split here) and at run time (the matching view of a document,
:mod:`.view`). Words are runs of letters/digits (the view's :data:`~.view.TOKEN_RE`), every other
non-space character is a token of its own, so ``(د`` gives ``(`` and ``د``.
"""

from __future__ import annotations

import re

__all__ = ["PIECE_RE", "SENTENCE_END", "pieces"]

#: A word (letters/digits) or one punctuation character.
PIECE_RE = re.compile(r"[^\W_]+|[^\w\s]|_")
#: Tokens that close a sentence for the tagger (a line break also does).
SENTENCE_END = frozenset({".", "!", "?", "؟"})


def pieces(key: str) -> list[str]:
    """Word and punctuation pieces of an already normalized string."""
    return PIECE_RE.findall(key)
