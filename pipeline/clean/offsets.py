"""Offset bookkeeping between a cleaned text and the raw text it came from.

The cleaner never edits the raw text; it builds a new string and records, for
every run of cleaned characters, which raw characters produced it. A span found
in the cleaned text can then be reported in the raw text as well.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["OffsetMap", "Segment", "compose", "merge_segments"]

#: ``(clean_start, clean_len, raw_start, raw_len)``
Segment = tuple[int, int, int, int]


@dataclass
class OffsetMap:
    """Maps spans of the cleaned text back to the raw text.

    ``segments``: list of ``(clean_start, clean_len, raw_start, raw_len)`` in clean order.
    A segment with ``clean_len == raw_len`` maps 1:1 character by character; otherwise it is a
    replacement (e.g. an NFC composition, 2 raw chars -> 1 clean char) mapped as a whole.
    Raw characters that were deleted belong to no segment; clean characters that were inserted
    (paragraph separators) belong to no segment either.
    """

    segments: list[Segment] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.segments = [tuple(int(v) for v in s) for s in self.segments if s[1] > 0]  # type: ignore[misc]
        self._starts = [s[0] for s in self.segments]
        self._ends = [s[0] + s[1] for s in self.segments]

    @classmethod
    def identity(cls, n: int) -> "OffsetMap":
        """The map of a text that was not changed (``n`` characters)."""
        return cls([(0, n, 0, n)] if n > 0 else [])

    def __len__(self) -> int:
        return len(self.segments)

    def _raw_start(self, pos: int) -> int:
        """Raw offset of the clean character at ``pos`` (or of the next mapped one)."""
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._ends[i]:
            cs, cl, rs, rl = self.segments[i]
            return rs + (pos - cs) if cl == rl else rs
        j = i + 1  # pos is an inserted character: use the next mapped character
        if j < len(self.segments):
            return self.segments[j][2]
        return self.segments[-1][2] + self.segments[-1][3] if self.segments else 0

    def _raw_end(self, pos: int) -> int:
        """Raw end offset for a clean span ending (exclusive) at ``pos``."""
        if pos <= 0 or not self.segments:
            return self.segments[0][2] if self.segments else 0
        last = pos - 1  # last clean character inside the span
        i = bisect_right(self._starts, last) - 1
        if i >= 0 and last < self._ends[i]:
            cs, cl, rs, rl = self.segments[i]
            return rs + (last - cs) + 1 if cl == rl else rs + rl
        if i >= 0:  # inserted character: end of the previous mapped character
            cs, cl, rs, rl = self.segments[i]
            return rs + rl
        return self.segments[0][2]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Clean span ``[start, end)`` -> raw span ``[raw_start, raw_end)``.

        Replacement segments are indivisible: a span touching one covers all of its raw
        characters. An empty span maps to an empty raw span at the raw start.
        """
        rs = self._raw_start(start)
        if end <= start:
            return rs, rs
        return rs, max(rs, self._raw_end(end))

    def to_raw_many(self, starts: Iterable[int], ends: Iterable[int]) -> tuple[list[int], list[int]]:
        """Vectorised :meth:`to_raw` over parallel sequences of clean starts and ends."""
        out_s, out_e = [], []
        for s, e in zip(starts, ends):
            a, b = self.to_raw(int(s), int(e))
            out_s.append(a)
            out_e.append(b)
        return out_s, out_e

    def to_clean(self, raw_start: int, raw_end: int) -> tuple[int, int] | None:
        """Raw span -> clean span covering the mapped raw characters inside it, or ``None``."""
        if not self.segments:
            return None
        raw_starts = [s[2] for s in self.segments]
        i = max(bisect_right(raw_starts, raw_start) - 1, 0)
        cs_out = ce_out = None
        for cs, cl, rs, rl in self.segments[i:]:
            if rs >= raw_end:
                break
            if rs + rl <= raw_start:
                continue
            if cl == rl:
                a = cs + max(raw_start - rs, 0)
                b = cs + min(raw_end - rs, rl)
            else:
                a, b = cs, cs + cl
            cs_out = a if cs_out is None else cs_out
            ce_out = b
        return None if cs_out is None else (cs_out, ce_out)

    def clean_length(self) -> int:
        """End of the last mapped clean character."""
        return self._ends[-1] if self._ends else 0


def compose(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """Compose two maps: ``inner`` maps text B -> A, ``outer`` maps text C -> B; result maps C -> A.

    Used when a cleaned text is cleaned again. 1:1 segments are split where they straddle
    segments of the other map; replacement segments stay whole.
    """
    segs: list[Segment] = []
    for cs, cl, bs, bl in outer.segments:
        if cl == bl:
            # split 1:1 outer segment by inner segments
            pos = 0
            while pos < cl:
                b = bs + pos
                i = bisect_right(inner._starts, b) - 1
                if i < 0 or b >= inner._ends[i]:
                    # B char not mapped to A (inserted) – drop it
                    nxt = bisect_left(inner._starts, b + 1)
                    step = (inner._starts[nxt] - b) if nxt < len(inner._starts) else cl - pos
                    pos += max(1, min(step, cl - pos))
                    continue
                ics, icl, irs, irl = inner.segments[i]
                if icl == irl:
                    n = min(ics + icl - b, cl - pos)
                    segs.append((cs + pos, n, irs + (b - ics), n))
                    pos += n
                else:
                    n = min(ics + icl - b, cl - pos)
                    segs.append((cs + pos, n, irs, irl))
                    pos += n
        else:
            a0, a1 = inner.to_raw(bs, bs + bl)
            segs.append((cs, cl, a0, a1 - a0))
    return OffsetMap(merge_segments(segs))


def merge_segments(segs: Sequence[Segment]) -> list[Segment]:
    """Merge adjacent contiguous 1:1 segments."""
    out: list[Segment] = []
    for s in segs:
        if out:
            pcs, pcl, prs, prl = out[-1]
            if pcl == prl and s[1] == s[3] and pcs + pcl == s[0] and prs + prl == s[2]:
                out[-1] = (pcs, pcl + s[1], prs, prl + s[3])
                continue
        out.append(s)
    return out
