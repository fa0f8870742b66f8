"""Line/paragraph and sentence segmentation with exact offsets.

Paragraphs: every non-empty line is a paragraph (feeds use both blank lines and single
newlines between paragraphs). Sentences: split after ``.`` ``!`` ``?`` ``؟`` ``؛`` (and the
end of the paragraph), with these exceptions:

* a full stop between digits (``2.5``) or inside a dotted abbreviation (``U.S.``) never ends
  a sentence (no space follows it);
* a full stop after a single Latin letter (``J. Smith``), after ``د.``/``أ.`` (doctor, professor)
  or a listed abbreviation (``Mr.``, ``Dr.``, ``etc.``, ``ق.م.``) does not end a sentence;
* closing quotes/brackets that follow the mark immediately (``واضح.”``, ``!»``, ``.)``) stay in
  the sentence;
* no split inside a balanced quotation ``«…»``, ``“…”`` or ``"…"`` of at most 300 characters:
  a quoted statement of several sentences stays one sentence;
* the ellipsis ``…`` and the colon do not end sentences.
"""

from __future__ import annotations

import re

__all__ = ["LINE_BREAK_RE", "split_lines", "split_sentences"]

#: Line terminators: CRLF, LF, CR, NEL, VT, FF, LS, PS.
LINE_BREAK_RE = re.compile(r"\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")

_END_RE = re.compile(r"[.!?؟؛]+[\"'»”’)\]}]*(?=\s|$)")
_QUOTE_RE = re.compile(r"«[^«»\n]{1,300}»|“[^“”\n]{1,300}”|\"[^\"\n]{1,300}\"")
_ABBREV = frozenset(
    "mr mrs ms dr prof st no vs etc jr sr inc ltd co gen col lt sgt capt gov sen rep jan feb mar apr jun jul "
    "aug sep sept oct nov dec e.g i.e u.s u.k u.n a.m p.m ق.م ص.ب د أ".split()
)


def split_lines(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every line of ``text`` (terminators excluded, empty lines included)."""
    out, pos = [], 0
    for m in LINE_BREAK_RE.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _token_before(text: str, end: int) -> str | None:
    """The run of non-space characters ending at ``end`` (or just before a line break there), or
    None: what ``re.search(r"(\\S+)$", text, 0, end)`` finds, read backwards from ``end`` instead of
    tried from every position of the paragraph (that search was quadratic in the paragraph)."""
    if 0 < end <= len(text) and text[end - 1] == "\n":
        end -= 1
    k = end
    while k > 0 and not text[k - 1].isspace():
        k -= 1
    return text[k:end] if k < end else None


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the ``.`` at ``dot`` closes an abbreviation or an initial."""
    tok = _token_before(text, dot)
    if tok is None:
        return False
    tok = tok.lstrip("(\"'«“").lower()
    if len(tok) == 1 and tok.isascii() and tok.isalpha():
        return True
    return tok in _ABBREV


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` of one paragraph (no line breaks expected), trimmed."""
    if not text.strip():
        return []
    protected = [(m.start() + 1, m.end() - 1) for m in _QUOTE_RE.finditer(text)]
    spans: list[tuple[int, int]] = []
    start = 0
    qi = 0
    for m in _END_RE.finditer(text):
        end = m.end()
        mark_pos = m.start()
        while qi < len(protected) and protected[qi][1] <= mark_pos:
            qi += 1
        if qi < len(protected) and protected[qi][0] <= mark_pos < protected[qi][1] and end <= protected[qi][1]:
            continue  # inside a quotation
        if text[mark_pos] == "." and m.group(0).rstrip("\"'»”’)]}") == "." and _is_abbreviation(text, mark_pos):
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out
