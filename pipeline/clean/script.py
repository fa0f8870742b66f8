"""Script and language identification by letter and function-word frequencies.

No model: counts of letters per script, letters that only Persian or only Kurdish
(Sorani) use, and a few very frequent function words per language. Good enough to
separate Arabic news paragraphs from Kurdish/Persian footers and English blocks.
"""

from __future__ import annotations

import re

import numpy as np

__all__ = ["ScriptInfo", "arabic_ratio", "detect_language", "identify"]

_ARABIC_LETTER_RE = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08c7\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_OTHER_LETTER_RE = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0900-\u0dff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")

# Letters Arabic does not use. Persian: پ چ ژ گ ی(farsi yeh) ک(keheh); Kurdish Sorani adds ڕ ڵ ێ ۆ ە ڤ.
_KURDISH_LETTERS_RE = re.compile(r"[\u0695\u06b5\u06ce\u06c6\u06d5]")  # ڕ ڵ ێ ۆ ە
_PERSIAN_LETTERS_RE = re.compile(r"[\u067e\u0686\u0698\u06af\u06cc\u06a9]")  # پ چ ژ گ ی ک
# Letters and words that are specifically Arabic.
_ARABIC_ONLY_RE = re.compile(r"[\u0629\u064a\u0643\u0649]")  # ة ي ك ى
_AR_WORDS = frozenset("في من على إلى الى أن التي الذي عن مع هذا هذه قال كان وقد التى ذلك".split())
_FA_WORDS = frozenset("است این را می که های برای با شد از آن یک بود شده خود".split())
_KU_WORDS = frozenset("لە بۆ و کە ئەم بە دەکات هەموو ئەو لەگەڵ پارێزراوه پارێزراوە بابەتی بابهتی مافی".split())
_EN_WORDS = frozenset("the and of to in is that for on with by was are from".split())
_WORD_RE = re.compile(r"\w+")


class ScriptInfo(tuple):
    """``(script, language, arabic_ratio)`` of a piece of text."""

    __slots__ = ()

    def __new__(cls, script: str, language: str, ratio: float) -> "ScriptInfo":
        return super().__new__(cls, (script, language, ratio))

    @property
    def script(self) -> str:
        return self[0]

    @property
    def language(self) -> str:
        return self[1]

    @property
    def arabic_ratio(self) -> float:
        return self[2]


_RUNS: dict[re.Pattern[str], re.Pattern[str]] = {}


def _count(rx: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the one-character class ``rx`` matches, counted over runs
    (one match object per word instead of one per letter)."""
    runs = _RUNS.get(rx)
    if runs is None:
        runs = _RUNS[rx] = re.compile(rx.pattern + "+")
    return sum(map(len, runs.findall(text)))


#: The one-character classes counted, in the order of :func:`_letter_counts`.
_CLASSES = (_ARABIC_LETTER_RE, _LATIN_LETTER_RE, _OTHER_LETTER_RE, _KURDISH_LETTERS_RE, _PERSIAN_LETTERS_RE,
            _ARABIC_ONLY_RE)
_LONG = 256  #: texts at least this long are counted through the code-point table
_TABLE: tuple[np.ndarray, np.ndarray] | None = None


def _table() -> tuple[np.ndarray, np.ndarray]:
    """Per code point (the Basic Multilingual Plane, then one slot for everything above it, which no
    class holds) a bit per class of :data:`_CLASSES`, and per bit pattern the classes it counts in."""
    global _TABLE
    if _TABLE is None:
        bits = np.zeros(0x10001, dtype=np.uint8)
        every = "".join(map(chr, range(0x10000)))  # the classes are character sets: one pass over all
        for k, rx in enumerate(_CLASSES):
            hits = np.fromiter((m.start() for m in rx.finditer(every)), dtype=np.int64)
            bits[hits] |= np.uint8(1 << k)
        patterns = np.array([[(b >> k) & 1 for k in range(len(_CLASSES))] for b in range(1 << len(_CLASSES))],
                            dtype=np.int64)
        _TABLE = (bits, patterns)
    return _TABLE


def _letter_counts(text: str) -> tuple[int | None, ...]:
    """How many characters of ``text`` each class of :data:`_CLASSES` holds. A long text goes through a
    numpy table of the code points in one pass (the six regular-expression passes cost most of the
    ingest step on the corpus); a short one, or one that cannot be encoded (lone surrogates), through
    the expressions, which count the last three classes (the language letters) only when
    :func:`_arabic_script_language` needs them (None until then). Both give the same counts and the
    same answers (``tests/clean/test_metadata_segment_script.py``)."""
    if len(text) >= _LONG:
        try:
            units = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        except UnicodeEncodeError:
            units = None
        if units is not None:
            bits, patterns = _table()
            hist = np.bincount(bits[np.minimum(units, 0x10000)], minlength=len(patterns))
            return tuple(int(n) for n in hist @ patterns)
    # short text: the three script classes now, the language letters only if asked (None)
    return (_count(_ARABIC_LETTER_RE, text), _count(_LATIN_LETTER_RE, text), _count(_OTHER_LETTER_RE, text),
            None, None, None)


def arabic_ratio(text: str) -> float:
    """Share of Arabic-script letters among all letters (0.0 when there are no letters)."""
    ar, la, ot = _letter_counts(text)[:3]
    total = ar + la + ot
    return ar / total if total else 0.0


def _arabic_script_language(text: str, counts: tuple[int, ...] | None = None) -> str:
    """Arabic, Persian or Kurdish for a text written in Arabic script (``counts``: its
    :func:`_letter_counts`, when known)."""
    _, _, _, n_ku, n_fa, n_ar = counts if counts is not None else _letter_counts(text)
    if n_ku is None:  # a short text: look for a letter Arabic lacks before counting anything
        if _PERSIAN_LETTERS_RE.search(text) is None and _KURDISH_LETTERS_RE.search(text) is None:
            return "ar"
        n_ku, n_fa, n_ar = (_count(rx, text) for rx in (_KURDISH_LETTERS_RE, _PERSIAN_LETTERS_RE, _ARABIC_ONLY_RE))
    if n_fa == 0 and n_ku == 0:
        return "ar"  # no letter Arabic lacks: nothing to weigh
    words = _WORD_RE.findall(text)
    ku = 2 * n_ku + 3 * sum(w in _KU_WORDS for w in words if w != "و")
    fa = n_fa + 3 * sum(w in _FA_WORDS for w in words)
    ar = n_ar + 3 * sum(w in _AR_WORDS for w in words)
    # Arabic text borrows پ چ گ ی in names; Kurdish also uses Persian letters. Require a clear margin.
    if ku > 0 and ku >= ar and ku >= fa * 0.5:
        return "ku"
    if fa > ar:
        return "fa"
    return "ar"


def identify(text: str) -> ScriptInfo:
    """Script (``arabic``/``latin``/``mixed``/``other``), language (``ar``/``fa``/``ku``/``en``/``other``)
    and Arabic-letter ratio of a paragraph."""
    counts = _letter_counts(text)
    ar, la, ot = counts[:3]
    total = ar + la + ot
    if total == 0:
        return ScriptInfo("other", "other", 0.0)
    ratio = ar / total
    if ratio >= 0.7:
        script = "arabic"
    elif la / total >= 0.7:
        script = "latin"
    elif ot / total >= 0.7:
        script = "other"
    else:
        script = "mixed"
    if script == "arabic" or (script == "mixed" and ar >= la):
        lang = _arabic_script_language(text, counts)
    elif script == "latin" or script == "mixed":
        words = [w.lower() for w in _WORD_RE.findall(text)]
        lang = "en" if words and sum(w in _EN_WORDS for w in words) >= max(1, len(words) // 12) else "other"
    else:
        lang = "other"
    return ScriptInfo(script, lang, ratio)


def detect_language(text: str) -> tuple[str, float]:
    """Document-level language and Arabic-letter ratio: ``('ar'|'fa'|'ku'|'en'|'other', ratio)``.

    The ingest step rejects documents whose language is not ``'ar'``.
    """
    info = identify(text)
    return info.language, round(info.arabic_ratio, 4)
