"""Parse Arabic and Western number surfaces to numeric values.

Handles Western (``150,000``) and Arabic-Indic (``١٥٠٬٠٠٠``) digits with
thousands separators and decimal points, Arabic cardinal number words
(``ثلاثة``, ``خمسة وعشرون``, ``مئتين``) and scale words with their dual,
construct and plural forms (``ألف``, ``ألفي``, ``آلاف``, ``مليون``,
``ملايين``, ``مليار``, ``مليارات``), alone or after digits
(``8 مليارات`` = 8,000,000,000).

All matching is done on :func:`pipeline.text.normalize.normalize_key`
(alef / teh marbuta / yeh folding, diacritics removed), so spelling variants
such as ``مائة``/``مئة`` or ``أربعة``/``اربعه`` are equivalent.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.text.normalize import normalize_digits, normalize_key

__all__ = [
    "UNIT_WORDS",
    "SCALE_WORDS",
    "VAGUE_WORDS",
    "parse_number",
    "parse_digits",
    "number_word_value",
    "scale_word_value",
]


def _keys(*words: str) -> list[str]:
    return [normalize_key(w) for w in words]


# Cardinal units, teens, tens and hundreds (masculine / feminine / case forms).
_UNIT_FORMS: dict[int, tuple[str, ...]] = {
    1: ("واحد", "واحدة", "أحد", "إحدى"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "إثنين", "إثنان",
        # twelfth session (tolls13, sample X): the construct forms of "twelve" (``اثنا عشر``, ``اثنتي عشرة``), read as 10 before
        "اثنا", "اثني", "اثنتا", "اثنتي", "إثنا", "إثني"),
    3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"),
    5: ("خمس", "خمسة"),
    6: ("ست", "ستة"),
    7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"),
    9: ("تسع", "تسعة"),
    10: ("عشر", "عشرة"),
    20: ("عشرون", "عشرين"),
    30: ("ثلاثون", "ثلاثين"),
    40: ("أربعون", "أربعين"),
    50: ("خمسون", "خمسين"),
    60: ("ستون", "ستين"),
    70: ("سبعون", "سبعين"),
    80: ("ثمانون", "ثمانين"),
    90: ("تسعون", "تسعين"),
    100: ("مئة", "مائة"),
    200: ("مئتان", "مئتين", "مئتا", "مئتي", "مائتان", "مائتين", "مائتا", "مائتي"),
    300: ("ثلاثمئة", "ثلاثمائة"),
    400: ("أربعمئة", "أربعمائة"),
    500: ("خمسمئة", "خمسمائة"),
    600: ("ستمئة", "ستمائة"),
    700: ("سبعمئة", "سبعمائة"),
    800: ("ثمانمئة", "ثمانمائة", "ثمانيمئة", "ثمانيمائة"),
    900: ("تسعمئة", "تسعمائة"),
}
#: normalized word -> value, for cardinal number words below one thousand.
UNIT_WORDS: dict[str, int] = {k: v for v, forms in _UNIT_FORMS.items() for k in _keys(*forms)}

# Scale words: singular, dual (nominative/oblique/construct) and plural.
_SCALE_FORMS: dict[int, dict[str, tuple[str, ...]]] = {
    1_000: {
        "single": ("ألف", "الف"),
        "dual": ("ألفان", "ألفين", "ألفا", "ألفي"),
        "plural": ("آلاف", "ألوف"),
    },
    1_000_000: {
        "single": ("مليون",),
        "dual": ("مليونان", "مليونين", "مليونا", "مليوني"),
        "plural": ("ملايين",),
    },
    1_000_000_000: {
        "single": ("مليار", "بليون"),
        "dual": ("ملياران", "مليارين", "مليارا", "ملياري", "بليونان", "بليونين"),
        "plural": ("مليارات", "بلايين"),
    },
    1_000_000_000_000: {
        "single": ("تريليون", "ترليون"),
        "dual": ("تريليونان", "تريليونين", "تريليونا", "تريليوني"),
        "plural": ("تريليونات", "ترليونات"),
    },
}
#: normalized scale word -> (scale, form) where form is single/dual/plural.
SCALE_WORDS: dict[str, tuple[int, str]] = {
    k: (scale, form)
    for scale, forms in _SCALE_FORMS.items()
    for form, words in forms.items()
    for k in _keys(*words)
}
#: Vague plural amounts (kept with value None): normalized word -> order of magnitude.
VAGUE_WORDS: dict[str, int] = {
    **{k: 10 for k in _keys("عشرات")},
    **{k: 100 for k in _keys("مئات", "مئآت")},
    **{k: 1_000 for k in _keys("آلاف", "ألوف")},
    **{k: 1_000_000 for k in _keys("ملايين")},
    **{k: 1_000_000_000 for k in _keys("مليارات")},
}

_SEP_RE = re.compile(r"^\d{1,3}([,٬'’ ]\d{3})+([.٫]\d+)?$")
_PLAIN_RE = re.compile(r"^\d+([.٫,]\d+)?$")


def parse_digits(surface: str) -> float | None:
    """Parse a digit string (Western or Arabic-Indic) to a float.

    ``'150,000'`` and ``'١٥٠٬٠٠٠'`` → 150000.0, ``'2.5'`` and ``'٢٫٥'`` → 2.5.
    A single comma followed by other than three digits is a decimal comma
    (``'2,5'`` → 2.5). Returns None when the string is not a number.
    """
    s = normalize_digits(surface.strip())
    if not s:
        return None
    if _SEP_RE.match(s):
        s = re.sub(r"[,٬'’ ]", "", s).replace("٫", ".")
        return float(s)
    if _PLAIN_RE.match(s):
        return float(s.replace("٫", ".").replace(",", "."))
    return None


_CLITIC_RE = re.compile(r"^(?:و|ف|ب|ل)(?=.)")


def _strip_clitic(word: str) -> list[str]:
    """Candidate readings of a token: itself and without a leading و/ف/ب/ل."""
    out = [word]
    if len(word) > 2 and _CLITIC_RE.match(word):
        out.append(word[1:])
    return out


@lru_cache(maxsize=65536)
def number_word_value(word: str) -> int | None:
    """Value of a single cardinal number word (``'خمسة'`` → 5, ``'عشرين'`` → 20).

    Accepts a leading conjunction/preposition clitic (``'وعشرون'`` → 20).
    """
    for cand in _strip_clitic(normalize_key(word)):
        if cand in UNIT_WORDS:
            return UNIT_WORDS[cand]
    return None


@lru_cache(maxsize=65536)
def scale_word_value(word: str) -> tuple[int, str] | None:
    """``(scale, form)`` for a scale word (``'مليارات'`` → (1e9, 'plural')), else None."""
    for cand in _strip_clitic(normalize_key(word)):
        if cand in SCALE_WORDS:
            return SCALE_WORDS[cand]
    return None


def _parse_words(tokens: list[str]) -> float | None:
    """Combine number-word tokens: ``خمسة وعشرون ألفا`` → 25000."""
    total = 0.0
    current = 0.0
    seen = False
    for tok in tokens:
        if tok in {"و", ""}:
            continue
        digits = parse_digits(tok)
        if digits is not None:
            current += digits
            seen = True
            continue
        unit = number_word_value(tok)
        if unit is not None:
            current += unit
            seen = True
            continue
        scale = scale_word_value(tok)
        if scale is not None:
            mult, form = scale
            if current == 0:
                current = 2 if form == "dual" else 1
                if form == "plural" and not seen:
                    return None  # bare plural (آلاف) is vague, not a number
            total += current * mult
            current = 0.0
            seen = True
            continue
        return None
    if not seen:
        return None
    return total + current


def parse_number(surface: str) -> float | None:
    """Parse a number surface to a float, or None if it is not a definite number.

    Examples: ``'150,000'`` → 150000, ``'١٥٠٬٠٠٠'`` → 150000, ``'2.5'`` → 2.5,
    ``'ثلاثة'`` → 3, ``'8 مليارات'`` → 8e9, ``'ألفي'`` → 2000,
    ``'خمسة وعشرون'`` → 25, ``'2.5 مليون'`` → 2.5e6. Vague plurals such as
    ``'مئات'`` or ``'آلاف'`` return None (see :data:`VAGUE_WORDS`).
    """
    if not surface or not surface.strip():
        return None
    direct = parse_digits(surface)
    if direct is not None:
        return direct
    tokens = re.split(r"\s+", surface.strip())
    # split a token like "و20" into its clitic and digits
    expanded: list[str] = []
    for tok in tokens:
        m = re.match(r"^([وفبل])([0-9٠-٩].*)$", tok)
        expanded.extend([m.group(2)] if m else [tok])
    return _parse_words(expanded)
