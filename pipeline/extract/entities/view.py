"""A compact, normalized matching view of a document with a map back to original offsets.

``normalize_for_matching`` is length preserving but turns diacritics into tatweel
placeholders. The matching view drops every tatweel/placeholder and collapses runs of
white space (to one space, or one newline when the run contains a line break), and
lower-cases ASCII letters. ``idx[k]`` is the original offset of view character ``k``,
so a view span ``[a, b)`` is the original span ``[idx[a], idx[b-1] + 1)`` (extended over
trailing diacritics). Building it is linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate

from pipeline.text.normalize import MATCHING_MAP, TATWEEL

__all__ = ["TextView", "build_view", "TOKEN_RE", "token_starts"]

_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_MATCHING_LOWER = MATCHING_MAP.then(_LOWER)  # the view's two tables as one pass
_SQUEEZE_RE = re.compile(f"{TATWEEL}+|\\s+")
#: The runs of :data:`_SQUEEZE_RE` that the view changes: tatweel runs, white-space runs of two or
#: more characters, and single white-space characters other than a space or a newline.
_CHANGE_RE = re.compile(f"{TATWEEL}+|\\s{{2,}}|[^\\S \n]")
#: Tokens of the view: runs of letters/digits (Arabic or Latin).
TOKEN_RE = re.compile(r"[^\W_]+")
_TOKEN_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")


@dataclass
class TextView:
    """Original text, its compact normalized view ``c`` and the index map ``idx``."""

    text: str
    c: str
    idx: list[int]
    marks: str = field(repr=False, default="")  # the length-preserving normalized text
    tokens: list[tuple[int, int]] = field(default_factory=list)  # view spans of tokens

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original ``(start, end)`` of view span ``[a, b)``; the end absorbs trailing diacritics."""
        start, end = self.idx[a], self.idx[b - 1] + 1
        n = len(self.text)
        while end < n and self.marks[end] == TATWEEL and not self.text[end].isspace():
            end += 1
        return start, end

    # the token lists every step of the extractor reads, built once per view (``tokens`` is set by
    # :func:`build_view` and not changed afterwards; callers must not change these lists)
    @cached_property
    def keys(self) -> list[str]:
        """The view text of each token."""
        c = self.c
        return [c[a:b] for a, b in self.tokens]

    @cached_property
    def gaps(self) -> list[str]:
        """The view text between each token and the one before it (``""`` for the first)."""
        c, toks = self.c, self.tokens
        return [c[toks[i - 1][1]:toks[i][0]] if i else "" for i in range(len(toks))]

    def is_word(self, k: int) -> bool:
        """True when view position ``k`` exists and is a letter or digit."""
        return 0 <= k < len(self.c) and self.c[k].isalnum()


def build_view(text: str) -> TextView:
    """Build the :class:`TextView` of ``text`` (see module docstring)."""
    marks = _MATCHING_LOWER(text)  # = normalize_for_matching(text).translate(_LOWER)
    parts: list[str] = []
    idx: list[int] = []
    pos = 0
    for m in _CHANGE_RE.finditer(marks):  # only the runs that change (a lone space or newline stays)
        a, b = m.span()
        if a > pos:
            parts.append(marks[pos:a])
            idx.extend(range(pos, a))
        run = m.group()
        if run[0] != TATWEEL:
            parts.append("\n" if ("\n" in run or "\r" in run) else " ")
            idx.append(a)
        pos = b
    if pos < len(marks):
        parts.append(marks[pos:])
        idx.extend(range(pos, len(marks)))
    c = "".join(parts)
    view = TextView(text=text, c=c, idx=idx, marks=marks)
    # ``[m.span() for m in TOKEN_RE.finditer(c)]`` and the token and gap strings, without a Python step
    # per token: ``re.split`` with the pattern as one group gives ``[gap, token, gap, …, gap]`` and the
    # running sums of their lengths the tokens' ends and starts (tests/extract/test_view.py)
    parts = _TOKEN_SPLIT_RE.split(c)
    ends = list(accumulate(map(len, parts)))
    view.tokens = list(zip(ends[0:-1:2], ends[1::2]))
    view.__dict__["keys"] = parts[1::2]  # the cached properties, filled
    view.__dict__["gaps"] = [""] + parts[2:-2:2] if len(parts) > 1 else []
    return view


_STARTS: list = [None, []]


def token_starts(toks: list[tuple[int, int]]) -> list[int]:
    """Start offsets of ``toks``, computed once per token list (the document being extracted)."""
    if _STARTS[0] is not toks:
        _STARTS[0], _STARTS[1] = toks, [t[0] for t in toks]
    return _STARTS[1]
