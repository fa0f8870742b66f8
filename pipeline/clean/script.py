"""Script and language identification by letter and function-word frequencies.

No model: counts of letters per script, letters that only Persian or only Kurdish
(Sorani) use, and a few very frequent function words per language. Good enough to
separate Arabic news paragraphs from Kurdish/Persian footers and English blocks.
"""

from __future__ import annotations

import re

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


def arabic_ratio(text: str) -> float:
    """Share of Arabic-script letters among all letters (0.0 when there are no letters)."""
    ar = _count(_ARABIC_LETTER_RE, text)
    total = ar + _count(_LATIN_LETTER_RE, text) + _count(_OTHER_LETTER_RE, text)
    return ar / total if total else 0.0


def _arabic_script_language(text: str) -> str:
    """Arabic, Persian or Kurdish for a text written in Arabic script."""
    if _PERSIAN_LETTERS_RE.search(text) is None and _KURDISH_LETTERS_RE.search(text) is None:
        return "ar"  # no letter Arabic lacks: nothing to weigh
    words = _WORD_RE.findall(text)
    ku = 2 * _count(_KURDISH_LETTERS_RE, text) + 3 * sum(w in _KU_WORDS for w in words if w != "و")
    fa = _count(_PERSIAN_LETTERS_RE, text) + 3 * sum(w in _FA_WORDS for w in words)
    ar = _count(_ARABIC_ONLY_RE, text) + 3 * sum(w in _AR_WORDS for w in words)
    # Arabic text borrows پ چ گ ی in names; Kurdish also uses Persian letters. Require a clear margin.
    if ku > 0 and ku >= ar and ku >= fa * 0.5:
        return "ku"
    if fa > ar:
        return "fa"
    return "ar"


def identify(text: str) -> ScriptInfo:
    """Script (``arabic``/``latin``/``mixed``/``other``), language (``ar``/``fa``/``ku``/``en``/``other``)
    and Arabic-letter ratio of a paragraph."""
    ar = _count(_ARABIC_LETTER_RE, text)
    la = _count(_LATIN_LETTER_RE, text)
    ot = _count(_OTHER_LETTER_RE, text)
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
        lang = _arabic_script_language(text)
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
