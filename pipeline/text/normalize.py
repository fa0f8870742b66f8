"""Arabic normalization for the *matching layer* only.

The warehouse always keeps the original text. These small pure functions
produce a normalized *view* of a string that is used to compare names,
aliases and cue words. The important ones are length preserving
(``normalize_for_matching`` maps every input code point to exactly one
output code point), so that a match found at ``[i, j)`` in the normalized
view is the span ``[i, j)`` of the original string.

Modelled on CAMeL Tools ``camel_tools/utils/normalize.py``: one function per
phenomenon, each documented, composed by ``normalize_for_matching``.
"""

from __future__ import annotations

import re

import numpy as np

__all__ = [
    "CodePointMap",
    "MATCHING_MAP",
    "ARABIC_DIACRITICS",
    "TATWEEL",
    "normalize_alef",
    "normalize_alef_maksura",
    "normalize_teh_marbuta",
    "normalize_persian_letters",
    "normalize_digits",
    "mask_diacritics",
    "normalize_for_matching",
    "normalize_key",
    "strip_diacritics",
]

TATWEEL = "\u0640"
#: Harakat, tanwin, shadda, sukun, superscript alef and Quranic marks.
ARABIC_DIACRITICS = "".join(
    chr(c) for c in list(range(0x064B, 0x0660)) + [0x0670] + list(range(0x06D6, 0x06EE))
    if chr(c) not in "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u06dd\u06de\u06e9"
)

_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"})
_MAKSURA = str.maketrans({"ى": "ي", "ئ": "ي"})
_TEH = str.maketrans({"ة": "ه"})
# Persian / Kurdish / Urdu letter forms that Arabic text borrows or mis-encodes.
_PERSIAN = str.maketrans({
    "ی": "ي", "ې": "ي", "ێ": "ي", "ۍ": "ي", "ے": "ي",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "ە": "ه", "ہ": "ه", "ھ": "ه", "ۀ": "ه", "ۃ": "ه",
    "ؤ": "و", "ۆ": "و", "ۇ": "و", "ۋ": "و",
    "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف", "ڨ": "ق",
})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Length-preserving replacements for marks: they become a placeholder that
# matching code treats as "nothing" (see ``normalize_for_matching``).
_MARK_PLACEHOLDER = "\u0640"  # reuse tatweel: both are ignorable in matching
_DIACRITIC_RE = re.compile(f"[{re.escape(ARABIC_DIACRITICS)}]")


def normalize_alef(text: str) -> str:
    """Map hamza/madda/wasla alef forms (أ إ آ ٱ) to bare alef (ا)."""
    return text.translate(_ALEF)


def normalize_alef_maksura(text: str) -> str:
    """Map alef maksura (ى) and yeh with hamza (ئ) to yeh (ي)."""
    return text.translate(_MAKSURA)


def normalize_teh_marbuta(text: str) -> str:
    """Map teh marbuta (ة) to heh (ه)."""
    return text.translate(_TEH)


def normalize_persian_letters(text: str) -> str:
    """Map Persian, Kurdish and Urdu letter forms (ی ک گ ە پ چ ژ ڤ …) to Arabic ones.

    ``اسماعیل قاآنی`` (Persian yeh) becomes ``اسماعيل قاانی``-comparable; also
    folds waw with hamza (ؤ) to waw.
    """
    return text.translate(_PERSIAN)


def normalize_digits(text: str) -> str:
    """Map Arabic-Indic (٠-٩) and Extended Arabic-Indic (۰-۹) digits to ASCII."""
    return text.translate(_DIGITS)


def mask_diacritics(text: str) -> str:
    """Replace each diacritic with a tatweel placeholder (length preserving)."""
    return _DIACRITIC_RE.sub(_MARK_PLACEHOLDER, text)


def strip_diacritics(text: str) -> str:
    """Remove diacritics and tatweel (not length preserving)."""
    return _DIACRITIC_RE.sub("", text).replace(TATWEEL, "")


def _composed_table() -> dict[int, str]:
    """One translate table equal to the composition of the six steps of ``normalize_for_matching``
    (each step maps one code point to one code point, so composing them per code point is exact)."""
    keys = set(ARABIC_DIACRITICS)
    for table in (_ALEF, _MAKSURA, _TEH, _PERSIAN, _DIGITS):
        keys.update(chr(k) for k in table)
    table = {}
    for ch in keys:
        out = mask_diacritics(normalize_digits(normalize_persian_letters(
            normalize_teh_marbuta(normalize_alef_maksura(normalize_alef(ch))))))
        if out != ch:
            table[ord(ch)] = out
    return table


_MATCHING = _composed_table()


class CodePointMap:
    """A one-code-point-to-one-code-point table applied like ``str.translate``, faster on long text.

    ``str.translate`` looks every character of a non-ASCII string up in a dict (about 50 ns a
    character); a document-length string instead goes through a numpy look-up array of the Basic
    Multilingual Plane (its UTF-32 code units in, UTF-32 out: about 8 times faster on corpus
    articles). Short strings, and strings that cannot be encoded (lone surrogates), keep
    ``str.translate``; both give the same result (``tests/text/test_normalize.py``)."""

    LONG = 256  #: strings at least this long use the look-up array

    def __init__(self, table: dict[int, str]):
        if any(len(v) != 1 or k >= 0x10000 or ord(v) >= 0x10000 for k, v in table.items()):
            raise ValueError("a CodePointMap maps BMP code points to single BMP code points")
        self.table = table
        self.lut = np.arange(0x10000, dtype=np.uint32)
        for k, v in table.items():
            self.lut[k] = ord(v)

    def then(self, other: dict[int, int | str]) -> "CodePointMap":
        """This map followed by ``other`` (a ``str.translate`` table of single code points)."""
        composed = {}
        for cp in set(self.table) | {int(k) for k in other}:
            out = chr(cp).translate(self.table).translate(other)
            if out != chr(cp):
                composed[cp] = out
        return CodePointMap(composed)

    def __call__(self, text: str) -> str:
        if len(text) < self.LONG:
            return text.translate(self.table)
        try:
            units = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        except UnicodeEncodeError:
            return text.translate(self.table)
        if int(units.max()) < 0x10000:
            return self.lut[units].tobytes().decode("utf-32-le")
        out = units.copy()
        bmp = units < 0x10000
        out[bmp] = self.lut[units[bmp]]
        return out.tobytes().decode("utf-32-le")


MATCHING_MAP = CodePointMap(_MATCHING)


def normalize_for_matching(text: str) -> str:
    """Length-preserving normalized view of ``text`` for dictionary matching.

    Applies alef, alef maksura, teh marbuta, Persian/Kurdish letter and digit
    folding, and turns diacritics into tatweel placeholders. Every output
    code point corresponds to the input code point at the same index, so
    offsets found in the view are valid in the original. Matchers must treat
    tatweel as ignorable (see :func:`normalize_key`).

    One ``str.translate`` pass over a table composed from the individual steps (the
    same result as applying them in turn; ``tests/text/test_normalize.py`` checks every code point),
    through a numpy look-up array for long text (:class:`CodePointMap`).
    """
    return MATCHING_MAP(text)


_WS_RE = re.compile(r"\s+")


def normalize_key(text: str) -> str:
    """Compact comparison key: matching normalization, marks and tatweel removed,
    whitespace collapsed, Latin letters lower-cased. Not length preserving.

    >>> normalize_key("الوِلاياتُ  المتّحدة") == normalize_key("الولايات المتحده")
    True
    """
    return _WS_RE.sub(" ", normalize_for_matching(text).replace(TATWEEL, "")).strip().lower()
