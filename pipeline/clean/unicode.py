"""Character-level hygiene with an exact offset map.

One regex finds every place that needs a change (invisible characters, odd spaces,
tatweel, runs of repeated punctuation, non-NFC characters); everything between the
matches is copied unchanged. Each change is local (a run of spaces/invisibles, a run
of the same punctuation mark, one combining sequence), so normalising a slice that
starts and ends on a non-space character gives the same result as slicing the
normalised whole — the invariant the offset checks rely on:

    surface_normalize(raw[raw_start:raw_end]) == clean[start:end]

Choices (see ``docs/cleaning.md``):

* NFC per combining sequence (Arabic hamza/madda combining forms compose).
* Removed: zero-width space/joiner/non-joiner, word joiner, BOM, soft hyphen, bidi marks
  (LRM, RLM, ALM, embeddings, overrides, isolates), tatweel, and control characters (NUL and
  the rest of C0, DEL, C1) other than TAB (a space) and the line breaks (LF, VT, FF, CR, NEL,
  which the document cleaner splits on, so none of them reaches the cleaned text either).
* NBSP, narrow NBSP, en/em/thin/ideographic spaces and tabs become ``' '``; a run of
  spaces and invisibles containing at least one space becomes a single ``' '``.
* ``!!!`` → ``!``, ``؟؟`` → ``؟``, ``??`` → ``?``, ``،،`` → ``،``; three or more full stops
  (``...``, ``.....``) → ``…`` (U+2026); two full stops are left alone.
* Line breaks are not touched here (the document cleaner splits lines first).
* A missing space after a comma or full stop (``المقبلة،سيبدأ``) is left as is so that
  the text keeps a 1:1 mapping there.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.clean.offsets import OffsetMap, Segment, merge_segments

__all__ = [
    "INVISIBLE_CHARS",
    "SPACE_CHARS",
    "STRIP_CHARS",
    "normalize_with_map",
    "surface_normalize",
    "strip_span",
]

#: Characters deleted outright (zero-width, BOM, soft hyphen, bidi controls, tatweel).
INVISIBLE_CHARS = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"  # zero-width space/NJ/J, word joiner, BOM, SHY, MVS
    "\u200e\u200f\u061c"                            # LRM, RLM, ALM
    "\u202a\u202b\u202c\u202d\u202e"                # embeddings / overrides / PDF
    "\u2066\u2067\u2068\u2069"                      # isolates
    "\u0640"                                        # tatweel
    # control characters: C0 except TAB/LF/VT/FF/CR (TAB is a space; the others break lines),
    # DEL, and C1 except NEL (a line break)
    + "".join(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0)]))
)
#: Horizontal space characters that become a plain ASCII space.
SPACE_CHARS = " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
#: Characters trimmed from both ends of a line or paragraph.
STRIP_CHARS = SPACE_CHARS + INVISIBLE_CHARS

_INV_SET = frozenset(INVISIBLE_CHARS)
_SPACE_SET = frozenset(SPACE_CHARS)
_SP = re.escape(SPACE_CHARS)
_INV = re.escape(INVISIBLE_CHARS)


def _build_nfc_classes() -> tuple[str, str]:
    """Character classes: combining marks, and characters NFC changes on their own."""
    comb, single = [], []
    for cp in range(0x80, 0x30000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if unicodedata.combining(ch):
            comb.append(cp)
        elif unicodedata.normalize("NFC", ch) != ch:
            single.append(cp)
    # Arabic madda/hamza above/below have combining class > 0; they are covered above.
    return _ranges(comb), _ranges(single)


def _ranges(cps: list[int]) -> str:
    out, i = [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        a, b = chr(cps[i]), chr(cps[j])
        out.append(re.escape(a) if i == j else f"{re.escape(a)}-{re.escape(b)}")
        i = j + 1
    return "".join(out)


_COMB, _SINGLE = _build_nfc_classes()

# Order matters: the alternatives are tried left to right at each position.
_CHANGE_RE = re.compile(
    rf"(?P<ws>[{_SP}{_INV}]{{2,}}|[{re.escape(SPACE_CHARS[1:])}])"  # run of spaces/invisibles, odd space
    rf"|(?P<inv>[{_INV}])"                                 # a lone invisible
    r"|(?P<punct>!{2,}|\?{2,}|؟{2,}|،{2,}|\.{3,})"        # repeated punctuation
    rf"|(?P<nfc>[^{_COMB}][{_COMB}]+|[{_SINGLE}])"         # combining sequence / singleton
)
# Fast check: does the string contain anything the regex could change?
_NEEDS_RE = re.compile(rf"[{re.escape(SPACE_CHARS[1:])}{_INV}{_COMB}{_SINGLE}]|  |!!|\?\?|؟؟|،،|\.\.\.")
# The same two without the NFC alternative, for a string that is already NFC (``unicodedata.is_normalized``):
# there every combining sequence is left as it is, so only spaces, invisibles and punctuation can change.
# Arabic with short vowels is full of combining marks, each a match of ``nfc`` that changes nothing.
# Dropping the alternative changes no other match: it only matches where the three before it failed,
# and a combining mark it consumed is none of their characters.
_CHANGE_NO_NFC_RE = re.compile(
    rf"(?P<ws>[{_SP}{_INV}]{{2,}}|[{re.escape(SPACE_CHARS[1:])}])"
    rf"|(?P<inv>[{_INV}])"
    r"|(?P<punct>!{2,}|\?{2,}|؟{2,}|،{2,}|\.{3,})"
)
_NEEDS_NO_NFC_RE = re.compile(rf"[{re.escape(SPACE_CHARS[1:])}{_INV}]|  |!!|\?\?|؟؟|،،|\.\.\.")


def _replacement(m: re.Match[str]) -> str | None:
    """The replacement text for a change match, or ``None`` if it changes nothing."""
    kind = m.lastgroup
    s = m.group(0)
    if kind == "ws":
        if any(c in _SPACE_SET for c in s):
            return " "
        return ""
    if kind == "inv":
        return ""
    if kind == "punct":
        return "…" if s[0] == "." else s[0]
    out = unicodedata.normalize("NFC", s)
    return None if out == s else out


def normalize_with_map(s: str, base: int = 0, clean_base: int = 0) -> tuple[str, list[Segment]]:
    """Apply :func:`surface_normalize` to ``s`` and return ``(clean, segments)``.

    ``segments`` are ``(clean_start, clean_len, raw_start, raw_len)`` with ``raw_start``
    offset by ``base`` and ``clean_start`` offset by ``clean_base`` (so a slice of a larger
    raw text can be mapped directly). Deleted characters belong to no segment.
    """
    if not s:
        return "", []
    nfc = unicodedata.is_normalized("NFC", s)
    if (_NEEDS_NO_NFC_RE if nfc else _NEEDS_RE).search(s) is None:
        return s, [(clean_base, len(s), base, len(s))]
    parts: list[str] = []
    segs: list[Segment] = []
    pos = 0  # raw position (relative)
    cpos = clean_base
    for m in (_CHANGE_NO_NFC_RE if nfc else _CHANGE_RE).finditer(s):
        rep = _replacement(m)
        if rep is None:
            continue
        a, b = m.span()
        if a > pos:
            parts.append(s[pos:a])
            segs.append((cpos, a - pos, base + pos, a - pos))
            cpos += a - pos
        if rep:
            parts.append(rep)
            if len(rep) == b - a and rep == " ":
                segs.append((cpos, 1, base + a, 1))
            else:
                segs.append((cpos, len(rep), base + a, b - a))
            cpos += len(rep)
        pos = b
    if pos < len(s):
        parts.append(s[pos:])
        segs.append((cpos, len(s) - pos, base + pos, len(s) - pos))
    return "".join(parts), merge_segments(segs)




def surface_normalize(s: str) -> str:
    """Context-free character-level hygiene (NFC, invisible/bidi/zero-width removal, NBSP and other
    spaces -> ' ', tatweel removal, whitespace collapse, repeated punctuation).

    Used by checks: for any paragraph or sentence span,
    ``surface_normalize(raw_text[raw_start:raw_end]) == clean_text[start:end]``.
    Line breaks are left untouched.
    """
    return normalize_with_map(s)[0]


_LSTRIP_RE = re.compile(rf"[{re.escape(STRIP_CHARS)}]*")
_RSTRIP_RE = re.compile(rf"[{re.escape(STRIP_CHARS)}]*\Z")


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` of ``text`` past leading/trailing spaces and invisible characters."""
    m = _LSTRIP_RE.match(text, start, end)
    if m:
        start = m.end()
    while end > start and text[end - 1] in _STRIP_SET:
        end -= 1
    return start, end


_STRIP_SET = frozenset(STRIP_CHARS)


def to_offset_map(segments: list[Segment]) -> OffsetMap:
    """Wrap segments in an :class:`OffsetMap`."""
    return OffsetMap(segments)

