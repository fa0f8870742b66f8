"""Extract quantities (counts, money, casualty figures) from Arabic news text.

A quantity is a number (digits, number words or a vague plural such as
``مئات``) with its qualifier (``نحو``, ``أكثر من``, ``بين 10 و20`` …), the
noun it counts, a category derived from that noun and its context, and where
the sentence says so the place (``في العراق``) and the actor the figure is
about (``جندي أمريكي`` → loc:us).

Matching runs on the length-preserving view
:func:`pipeline.text.normalize.normalize_for_matching`; spans are code-point
offsets into the original text and ``text[start:end] == surface``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter, methodcaller
from typing import Any

from pipeline.extract.numbers import (
    VAGUE_WORDS,
    number_word_value,
    parse_digits,
    scale_word_value,
)
from pipeline.extract.prefilter import KeyTest
from pipeline.extract.vocab import load_vocab
from pipeline.text.normalize import TATWEEL, normalize_for_matching, normalize_key
from pipeline.extract.tolls import CASUALTY_CATEGORIES, toll_scope

__all__ = [
    "CATEGORIES",
    "QUALIFIERS",
    "MAX_VALUE",
    "Token",
    "tokenize",
    "analyze",
    "LOC_INTRO_RE",
    "sentence_index",
    "gentilic_entity",
    "extract_quantities",
    "LOW_CONFIDENCE",
]

#: Nouns after a bare number that are not people (``13 تهمة بالشروع في القتل``: charges, not casualties).
_NOT_CASUALTY_NOUNS = frozenset(normalize_key(w) for w in (
    "تهمة", "تهم", "تهمه", "جريمة", "جرائم", "قضية", "قضايا", "عملية", "عمليات", "حادثة", "حوادث", "مرة", "مرات",
    # things damaged, not people hurt ("إصابة سبع طائرات بأضرار")
    "طائرة", "طائرات", "سيارة", "سيارات", "مركبة", "مركبات", "دبابة", "دبابات", "آليات", "منازل", "مبان", "مباني",
    "سفن", "سفينة", "مبنى", "مواقع", "أهداف",
    # twelfth session (tolls13, sample X): vehicles and buildings destroyed ("وإصابة آخرين، وتدمير 5 عربات عسكرية")
    "عربة", "عربات", "آلية", "مدرعة", "مدرعات", "ناقلة", "ناقلات", "زورق", "زوارق", "مروحية", "مروحيات", "منزل",
    "منزلا", "بيوت", "مستودع", "مستودعات", "مخازن"))

#: Confidence of a bare number with no counted noun (category ``other``): below the views' default threshold.
LOW_CONFIDENCE = 0.45

#: Quantity categories (closed vocabulary).
CATEGORIES: tuple[str, ...] = (
    "troops",
    "fighters",
    "attacks",
    "casualties_killed",
    "casualties_injured",
    "money",
    "people",
    "other",
)
#: Values above this are treated as noise (phone numbers, ids), not quantities.
MAX_VALUE = 1e14
#: Qualifier values (closed vocabulary).
QUALIFIERS: tuple[str, ...] = (
    "about",
    "at_least",
    "more_than",
    "fewer_than",
    "at_most",
    "range",
    "exact",
)

_TOKEN_RE = re.compile(r"\d+(?:[,٬]\d{3})+(?:[.٫]\d+)?|\d+(?:[.٫]\d+)?|[^\W\d_]+|\S")
_LATIN_RE = re.compile(r"[A-Za-z_]")
# "في <LOC>", "ب<LOC>", "في شمال <LOC>" (normalized view, before a place mention)
LOC_INTRO_RE = re.compile(r"(?:^|\s)(?:في|ب|الي|من|داخل)\s+(?:(?:شمال|جنوب|شرق|غرب|وسط)\S*\s+)?$|(?:^|\s)ب$")
# Qualifier patterns over the de-tatweeled normalized window before a number.
_QUALIFIER_PATTERNS: tuple[tuple[str, str], ...] = (
    ("at_least", r"(?:ما )?لا يقل (?:عن|على)|على الاقل"),
    ("at_most", r"(?:ما )?لا يزيد (?:عن|على)|على الاكثر|بحد اقصي"),
    ("more_than", r"اكثر من|ازيد من|(?:ما )?يزيد (?:عن|على)|(?:ما )?يربو (?:عن|على)|ما فوق|اكثر من"),
    ("fewer_than", r"اقل من|(?:ما )?يقل (?:عن|على)|دون"),
    ("about", r"نحو|حوالي|قرابه|زهاء|(?:ما )?يقارب|(?:ما )?يقرب من|تقريبا|ما يناهز|يناهز"),
)
_QUAL_RES = tuple(
    (name, re.compile(r"(?:^|\s)[وفبل]?(?:ل)?(?:" + pat + r")\s*$")) for name, pat in _QUALIFIER_PATTERNS
)
_AFTER_QUAL_RES = (
    ("about", re.compile(r"^\s*تقريبا")),
    ("at_least", re.compile(r"^\s*على الاقل")),
    ("at_most", re.compile(r"^\s*على الاكثر")),
)


class Token:
    """A token of the normalized view: span, normalized text and lookup key (``key``: ``norm``
    without tatweel placeholders, lower-cased; ``is_digit``: ``norm`` starts with a digit)."""

    __slots__ = ("start", "end", "norm", "key", "is_digit")

    def __init__(self, start: int, end: int, norm: str, key: str | None = None, is_digit: bool | None = None) -> None:
        self.start = start
        self.end = end
        self.norm = norm
        self.key = norm.replace(TATWEEL, "").lower() if key is None else key
        self.is_digit = norm[:1].isdigit() if is_digit is None else is_digit

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Token({self.start},{self.end},{self.norm!r})"


_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")
_NO_TATWEEL = methodcaller("replace", TATWEEL, "")
_FIRST = itemgetter(0)


def tokenize(view: str) -> list[Token]:
    """Split a normalized view into digit runs, letter runs and punctuation.

    The same tokens as ``Token(m.start(), m.end(), m.group())`` for each match of ``_TOKEN_RE``,
    built without a Python step per token before the constructor: ``re.split`` with the pattern as
    one group gives ``[gap, token, gap, token, …, gap]`` (gaps may be empty), the running sums of
    their lengths give every token's start and end, and keys and digit flags are mapped over the
    token strings (``tests/extract/test_quantities_tokens.py``)."""
    parts = _TOKEN_SPLIT_RE.split(view)
    ends = list(accumulate(map(len, parts)))
    norms = parts[1::2]
    return list(map(Token, ends[0:-1:2], ends[1::2], norms, map(str.lower, map(_NO_TATWEEL, norms)),
                    map(str.isdigit, map(_FIRST, norms))))


@lru_cache(maxsize=4)
def analyze(text: str) -> tuple[str, tuple[Token, ...]]:
    """Normalized view and its tokens for ``text`` (cached: every extractor tokenizes the same text)."""
    view = normalize_for_matching(text)
    return view, tuple(tokenize(view))


def sentence_index(pos: int, sentences: Sequence[tuple[int, int]]) -> int:
    """Index of the sentence containing ``pos`` (the preceding one if in a gap; 0 if none)."""
    if not sentences:
        return 0
    i = bisect.bisect_right(_starts(sentences), pos) - 1
    return max(i, 0)


_LAST_STARTS: list = [None, 0, []]


def _starts(sentences: Sequence[tuple[int, int]]) -> list[int]:
    """Sentence starts, kept for the last sentence list seen: the extractors ask once per number,
    trigger or quote of the same document, so building them every time was quadratic."""
    last, n, starts = _LAST_STARTS
    if last is not sentences or n != len(sentences):
        starts = [s for s, _ in sentences]
        _LAST_STARTS[:] = [sentences, len(sentences), starts]
    return starts


@lru_cache(maxsize=65536)
def _bare(key: str) -> tuple[str, ...]:
    """Lookup candidates for a token key: with and without clitics and article."""
    out = [key]
    k = key
    if len(k) > 3 and k[0] in "وفب" and not k.startswith("ال"):
        k = k[1:]
        out.append(k)
    if len(k) > 3 and k[0] == "ل" and not k.startswith(("لل", "ال")):
        k = k[1:]
        out.append(k)
    if len(k) > 3 and k.startswith("لل"):
        out.append("ال" + k[2:])
        out.append(k[2:])
    if len(k) > 3 and k.startswith("ال"):
        out.append(k[2:])
    return tuple(out)


@lru_cache(maxsize=1)
def _noun_table() -> dict[str, str]:
    voc = load_vocab("quantity_nouns")
    table: dict[str, str] = {}
    for cat in ("troops", "fighters", "attacks", "casualties_killed", "casualties_injured", "people", "times", "time_units"):
        for w in voc[cat]:
            table.setdefault(normalize_key(w), cat)
    for w in load_vocab("currencies")["currencies"]:
        table[normalize_key(w)] = "money"
    return table


@lru_cache(maxsize=1)
def _word_sets() -> dict[str, frozenset[str]]:
    voc = load_vocab("quantity_nouns")
    return {
        name: frozenset(normalize_key(w) for w in voc[name])
        for name in ("killed_cues", "injured_cues", "attack_context", "months")
    }


@lru_cache(maxsize=1)
def _gentilics() -> dict[str, str | None]:
    return {normalize_key(k): v for k, v in load_vocab("gentilics")["gentilics"].items()}


@lru_cache(maxsize=1)
def _currencies() -> dict[str, dict[str, Any]]:
    return {normalize_key(k): v for k, v in load_vocab("currencies")["currencies"].items()}


def gentilic_entity(word: str) -> tuple[bool, str | None]:
    """Is ``word`` a nationality adjective, and which country entity id?

    Accepts article, clitics and inflection (``الأمريكيين``, ``أمريكيا``,
    ``العراقية``). Returns ``(True, 'loc:us')`` / ``(True, None)`` for
    gentilics without a country (``أوروبي``) / ``(False, None)``.
    """
    table = _gentilics()
    for cand in _bare(normalize_key(word)):
        for suffix in ("", "ين", "ون", "ه", "ا", "يين", "يون"):
            if suffix and not cand.endswith(suffix):
                continue
            stem = cand[: len(cand) - len(suffix)] if suffix else cand
            if suffix in ("يين", "يون"):
                stem += "ي"
            if stem in table:
                return True, table[stem]
    return False, None


#: Eighth session: the injured nouns that, after a killed noun, make one count of both (``70 قتيل وجريح``).
_AND_INJURED = frozenset(normalize_key(w) for w in ("وجريح", "وجرحى", "ومصاب", "ومصابين", "والجرحى", "وجرحي",
                                                     # twelfth session (tolls13, sample U): the accusative forms
                                                     "وجريحا", "ومصابا", "ومصابون", "والمصابين"))
_KILLED_NOUNS = frozenset(normalize_key(w) for w in ("قتيل", "قتلى", "القتلى", "قتيلا", "شهيد", "شهيدا", "شهداء"))
_DEATH_NOUNS = frozenset(normalize_key(w) for w in ("مقتل", "بمقتل", "لمقتل", "ومقتل", "مصرع", "بمصرع"))
_INJURY_NOUNS = frozenset(normalize_key(w) for w in ("إصابة", "اصابة", "جرح"))
#: Thirteenth session (tolls14, sample AH): the active verb of wounding after a killing in the same clause ("قتل امرأتين
#: طعنا وأصاب 8 أشخاص", "فقتل رجلا وأصاب أربعة آخرين") counts the injured; alone ("أصابت أربع منها رأسه": bullets,
#: "الاحتلال أصاب 100") it stays no cue.
_WOUNDED_ACTIVE = frozenset(normalize_key(w) for w in ("أصاب", "أصابت", "أصابوا"))
#: Thirteenth session: "قُتل وأصيب 55" — a killed verb, then an injured verb with و, then the figure.
_KILLED_VERBS = frozenset(normalize_key(w) for w in ("قتل", "وقتل", "فقتل", "قتلت", "وقتلت"))
_KILL_INJURE_VERBS = frozenset(normalize_key(w) for w in ("وأصيب", "وجرح", "وأصيبت", "وجرحت", "وأصاب", "وأصابت"))
_APPROX_WORDS = frozenset(normalize_key(w) for w in ("أكثر", "من", "نحو", "حوالي", "قرابة", "زهاء", "ما", "لا", "يقل", "عن",
                                                     "يزيد", "أقل"))
#: Particles that may open a clause before its verb (no subject between them and the verb).
_CLAUSE_OPENERS = frozenset(normalize_key(w) for w in (
    "و", "ف", "فيما", "بينما", "حيث", "كما", "قد", "وقد", "فقد", "ما", "مما", "وكان", "كان", "ولقد", "لقد",
    "أنه", "إنه", "أنها", "إنها", "انه", "انها"))  # "مضيفا أنه قتل وأصاب أكثر من 115": the pronoun is the subject


def _killed_and_injured(toks: list, i0: int, end_i: int) -> bool:
    """A casualty figure that counts the killed and the injured together: ``بمقتل وإصابة 20`` (a killed cue, و and an
    injured cue right before the number) or ``70 قتيل وجريح`` / ``بين قتيل وجريح`` right after it."""
    before = [toks[k].key for k in range(max(0, i0 - 3), i0)]
    if len(before) >= 2:
        inj = before[-1][1:] if before[-1][:1] == "و" else before[-1]
        kil = before[-2] if before[-1][:1] == "و" else (before[-3] if len(before) == 3 and before[-2] == "و" else "")
        if inj in _INJURY_NOUNS and kil in _DEATH_NOUNS:
            return True  # nouns: "بمقتل وإصابة 20"
        # thirteenth session (tolls14, sample AH): two verbs sharing the figure as their subject, the killed verb opening
        # its clause — "قُتل وأصيب 55 عنصرا" (55 killed or injured); "إن رجلا واحدا قتل وأصيب 6" keeps 6 injured (the
        # killed verb has its own subject before it)
        k_inj = i0 - 1
        while k_inj > 0 and toks[k_inj].key in _APPROX_WORDS:
            k_inj -= 1  # "قتل وأصاب أكثر من 115"
        k_kil = k_inj - 1
        if toks[k_inj].key in _KILL_INJURE_VERBS and k_kil >= 0 and toks[k_kil].key in _KILLED_VERBS and (
                k_kil == 0 or toks[k_kil - 1].key in _CLAUSE_OPENERS or not toks[k_kil - 1].key[:1].isalnum()):
            return True
    after = [toks[k].key for k in range(end_i, min(len(toks), end_i + 3))]
    if after and after[0] == normalize_key("بين"):
        after = after[1:]
    return len(after) >= 2 and after[0] in _KILLED_NOUNS and after[1] in _AND_INJURED


def _noun_category(key: str) -> tuple[str | None, str | None]:
    """(category, matched key) of a counted noun, via the noun table."""
    table = _noun_table()
    for cand in _bare(key):
        if cand in table:
            return table[cand], cand
    return None, None


def _in_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _overlaps_any(start: int, end: int, spans: list[tuple[int, int]], starts: list[int], longest: int) -> bool:
    """``_in_any`` over ``spans`` sorted by start: only spans starting in ``(start - longest, end)``
    can overlap ``[start, end)``."""
    lo = bisect.bisect_right(starts, start - longest)
    return _in_any(start, end, spans[lo : bisect.bisect_left(starts, end)])


#: Words joining the two ends of a range (``3 إلى 4``, ``2 أو 3``, ``22 و23``, ``3-4``), as normalized keys.
_RANGE_JOINERS = frozenset({"و", "-", "–", "الي", "حتي", "او"})


def _range_into_timex(toks: Sequence, n: "_Num", t_first: set[int]) -> bool:
    """Twelfth session (tolls13, casualty sample AF): the number is the first end of a range whose second end opens a time
    expression (``وقتلت خلال 3 إلى 4 ساعات 504 من المدنيين``, ``خلال 2 أو 3 أيام``): it counts hours or days, not
    people, as the time expression's own number does."""
    k = n.i1
    return k + 1 < len(toks) and toks[k].key in _RANGE_JOINERS and toks[k + 1].start in t_first


def _qualifier_before(view: str, start: int, floor: int) -> str | None:
    window = view[max(floor, start - 40) : start].replace(TATWEEL, "")
    window = re.sub(r"\s+", " ", window)
    for name, rx in _QUAL_RES:
        if rx.search(window):
            return name
    return None


class _Num:
    """A number found in the token stream (internal)."""

    __slots__ = ("i0", "i1", "value", "vague", "magnitude")

    def __init__(self, i0: int, i1: int, value: float | None, vague: bool, magnitude: int | None = None):
        self.i0, self.i1, self.value, self.vague, self.magnitude = i0, i1, value, vague, magnitude


_SKIP_STANDALONE = {normalize_key(w) for w in ("واحد", "واحدة", "أحد", "إحدى", "احدي")}


def _may_start_number(key: str) -> bool:
    """Can a token with this key open a number expression (digits, or a number word, a scale word or
    a vague plural behind any clitic)? False means :func:`_scan_numbers` steps over it."""
    return (key[:1].isdigit() or number_word_value(key) is not None or scale_word_value(key) is not None
            or any(c in VAGUE_WORDS for c in _bare(key)))


#: The number prefilter (:mod:`pipeline.extract.prefilter`); a token's ``is_digit`` is ``key[:1].isdigit()``.
_number_start = KeyTest(_may_start_number)


def _scan_numbers(toks: Sequence[Token]) -> list[_Num]:
    """Find number expressions as token index ranges [i0, i1).

    Python only runs on the tokens that can open a number (digits, number, scale and vague words,
    picked by the prefilter); the walk visits them in order as before, and ``i`` is where it stands
    after a number."""
    out: list[_Num] = []
    n = len(toks)
    i = 0
    for at in _number_start.indices(toks):
        if at < i:
            continue
        i = at
        t = toks[i]
        if t.is_digit:
            val = parse_digits(t.norm)
            j = i + 1
            if val is not None and j < n:
                sc = scale_word_value(toks[j].key)
                if sc is not None:
                    val *= sc[0]
                    j += 1
            digits = t.norm.replace(",", "").replace("٬", "")
            if val is not None and val <= MAX_VALUE and not (len(digits) >= 7 and digits.startswith("0")):
                out.append(_Num(i, j, val, False))
            i = j
            continue
        unit = number_word_value(t.key)
        scale = scale_word_value(t.key)
        if unit is not None or (scale is not None and scale[1] != "plural"):
            j = i
            total, current = 0.0, 0.0
            while j < n:
                k = toks[j].key
                u = number_word_value(k)
                s = scale_word_value(k)
                if j > i and k == "و":
                    j += 1
                    continue
                if u is not None and not (j > i and (u >= 100 or current >= 10) and not k.startswith("و") and current):
                    current += u
                elif s is not None and (s[1] != "plural" or current):
                    mult = s[0]
                    if current == 0:
                        current = 2 if s[1] == "dual" else 1
                    total += current * mult
                    current = 0.0
                else:
                    break
                j += 1
            while j > i + 1 and toks[j - 1].key == "و":
                j -= 1
            value = total + current
            if j == i + 1 and t.key in _SKIP_STANDALONE:
                i = j
                continue
            if value > 0:
                out.append(_Num(i, j, value, False))
            i = max(j, i + 1)
            continue
        vk = next((c for c in _bare(t.key) if c in VAGUE_WORDS), None)
        if vk is not None:
            out.append(_Num(i, i + 1, None, True, VAGUE_WORDS[vk]))
        i += 1
    return out


def _is_date_like(view: str, toks: list[Token], num: _Num) -> bool:
    """Heuristic: the number is part of a date, time or year (when no timexes are given)."""
    first, last = toks[num.i0], toks[num.i1 - 1]
    before = view[max(0, first.start - 1) : first.start]
    after = view[last.end : last.end + 1]
    if before and (_LATIN_RE.match(before) or before in ":/-") and not num.vague:
        return True
    if after and (_LATIN_RE.match(after) or after in ":/"):
        return True
    if after == "-" and view[last.end + 1 : last.end + 2].isdigit():
        return True
    sets = _word_sets()
    nxt = toks[num.i1].key if num.i1 < len(toks) else ""
    prev = toks[num.i0 - 1].key if num.i0 > 0 else ""
    if any(c in sets["months"] for c in _bare(nxt)):
        return True
    if any(c in {"يوم", "عام", "عامي", "سنه", "سنة", "العام"} for c in _bare(prev)) and first.is_digit:
        return True
    if num.value is not None and first.is_digit and num.i1 == num.i0 + 1:
        if 1800 <= num.value <= 2100 and float(num.value).is_integer() and "," not in first.norm:
            cat, _ = _noun_category(nxt)
            if cat is None or cat == "time_units":
                return True
    return False


def _index_of(toks: Sequence[Token], tok_starts: list[int], tok: Token) -> int:
    """``toks.index(tok)`` by binary search on the (unique, increasing) token starts."""
    k = bisect.bisect_left(tok_starts, tok.start)
    return k if k < len(toks) and toks[k] is tok else toks.index(tok)


def _find_mention(mentions: Sequence[dict], start: int, end: int, types: tuple[str, ...]) -> dict | None:
    for m in mentions:
        if m["start"] >= start and m["end"] <= end and m.get("entity_type") in types:
            return m
    return None


def extract_quantities(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[dict],
    timexes: Sequence[dict] = (),
) -> list[dict]:
    """Extract quantity expressions from ``text``.

    Returns one dict per quantity, ordered by offset, with keys ``start``,
    ``end``, ``surface`` (number [+ scale word] [+ counted noun]), ``value``
    (float|None), ``value_min``, ``value_max``, ``qualifier`` (one of
    :data:`QUALIFIERS`), ``vague`` (bool), ``category`` (one of
    :data:`CATEGORIES`), ``unit`` (counted-noun surface|None), ``currency``
    (ISO 4217|None), ``location_entity_id``, ``actor_entity_id``,
    ``sentence_index``, ``scope`` (casualty figures only: ``incident`` or
    ``cumulative``, see :mod:`pipeline.extract.tolls`) and ``confidence``
    (:data:`LOW_CONFIDENCE` for a bare number with no counted noun). Numbers inside ``timexes`` spans
    (or that look like dates, years and clock times) are skipped.
    """
    view, toks = analyze(text)
    tok_starts = [t.start for t in toks]
    tspans = sorted((t["start"], t["end"]) for t in timexes)
    sents = list(sentences) or [(0, len(text))]
    mentions = sorted(mentions, key=lambda m: m["start"])
    # mention scans below look near one number only: they run over a slice of the sorted mentions
    # (scanning every mention of the document per number made long documents quadratic)
    m_starts = [m["start"] for m in mentions]
    t_starts = [s for s, _ in tspans]
    t_longest = max((e - s for s, e in tspans), default=0)
    t_first = set(t_starts)
    sets = _word_sets()
    nums = [
        n
        for n in _scan_numbers(toks)
        if not _overlaps_any(toks[n.i0].start, toks[n.i1 - 1].end, tspans, t_starts, t_longest)
        and not _is_date_like(view, toks, n)
        and not _range_into_timex(toks, n, t_first)
    ]
    results: list[dict] = []
    consumed: set[int] = set()
    for idx, num in enumerate(nums):
        if idx in consumed:
            continue
        first = toks[num.i0]
        si = sentence_index(first.start, sents)
        s_start, s_end = sents[si] if si < len(sents) else (0, len(text))
        value_min = value_max = num.value
        qualifier = _qualifier_before(view, first.start, s_start)
        end_i = num.i1
        # ranges: بين N و M / من N إلى M / N - M / N إلى M
        prev_key = toks[num.i0 - 1].key if num.i0 > 0 else ""
        nxt = nums[idx + 1] if idx + 1 < len(nums) else None
        if nxt is not None and not num.vague and not nxt.vague:
            gap = [toks[k].key for k in range(num.i1, nxt.i0)]
            if gap in (["و"], ["-"], ["الي"], ["حتي"], ["–"]) and (
                gap != ["و"] or prev_key in {"بين", "مابين"}
            ) and num.value is not None and nxt.value is not None and num.value < nxt.value:
                # a descending pair (a score "2–1", a change "من 6899 إلى 6254") is not a range
                value_min, value_max = num.value, nxt.value
                qualifier = "range"
                end_i = nxt.i1
                consumed.add(idx + 1)
        # counted noun (possibly after من)
        j = end_i
        if j < len(toks) and toks[j].key == "من" and num.vague:
            j += 1
        cat, unit_tok = None, None
        if j < len(toks):
            cat, matched = _noun_category(toks[j].key)
            if cat is not None and toks[j].key[:1] == "و" and matched != toks[j].key and matched in _bare(toks[j].key[1:]):
                cat = None  # "بمقتل ثلاثة وإصابة اثنين": "وإصابة" opens the next part, it is not the counted noun
            if cat is not None:
                unit_tok = toks[j]
        if cat == "time_units":
            continue  # a duration, not a quantity
        after_qual = view[toks[end_i - 1].end : toks[end_i - 1].end + 16].replace(TATWEEL, "")
        if unit_tok is not None:
            after_qual = view[unit_tok.end : unit_tok.end + 16].replace(TATWEEL, "")
        for name, rx in _AFTER_QUAL_RES:
            if qualifier is None and rx.search(after_qual):
                qualifier = name
        # gentilic after the noun → actor; currency country
        actor_id: str | None = None
        actor_from_gentilic = False
        k_after = (_index_of(toks, tok_starts, unit_tok) + 1) if unit_tok is not None else end_i
        if k_after < len(toks):
            is_g, ent = gentilic_entity(toks[k_after].key)
            if is_g:
                actor_id, actor_from_gentilic = ent, True
        currency = None
        if cat == "money" and unit_tok is not None:
            cur = next((c for c in _bare(unit_tok.key) if c in _currencies()), None)
            if cur is not None:
                spec = _currencies()[cur]
                currency = (spec.get("by_country") or {}).get(actor_id, spec["default"]) if actor_id else spec["default"]
            actor_id = None if actor_from_gentilic else actor_id
        t_lo, t_hi = bisect.bisect_left(tok_starts, s_start), bisect.bisect_left(tok_starts, s_end)
        sent_keys = {c for t in toks[t_lo:t_hi] for c in _bare(t.key)}
        if cat == "times":
            cat = "attacks" if sent_keys & sets["attack_context"] else "other"
        # casualty cue words shortly before the number
        window_keys = [
            c for t in toks[t_lo : num.i0] if first.start - t.start < 40 for c in _bare(t.key)
        ]
        after_key = toks[end_i].key if end_i < len(toks) else ""
        if cat in (None, "troops", "fighters", "people") and not (
                cat is None and any(c in _NOT_CASUALTY_NOUNS for c in _bare(after_key))):
            # the nearest cue wins: "قتل فلسطيني وأصيب 3 آخرون" -> 3 injured, not killed
            for x, k in enumerate(reversed(window_keys[-6:])):
                if k in sets["killed_cues"]:
                    cat = "casualties_killed"
                    break
                if k in sets["injured_cues"]:
                    cat = "casualties_injured"
                    break
                if k in _WOUNDED_ACTIVE and any(c in sets["killed_cues"] for c in window_keys[: len(window_keys) - 1 - x]):
                    cat = "casualties_injured"  # thirteenth session: "قتل امرأتين طعنا وأصاب 8 أشخاص"
                    break
        if cat in ("casualties_killed", "casualties_injured") and _killed_and_injured(toks, num.i0, end_i):
            cat = "people"  # eighth session: "بمقتل وإصابة 20", "70 قتيل وجريح": killed and injured counted together
        confidence = 0.9 if cat else 0.5
        span_end_tok = unit_tok if unit_tok is not None else toks[end_i - 1]
        if unit_tok is None and end_i < len(toks) and toks[end_i].key in ("%", "٪") and toks[end_i].start == toks[end_i - 1].end:
            unit_tok = span_end_tok = toks[end_i]  # percentages
        # ellipsis: "و900 في سوريا" inherits the previous quantity's noun
        if cat is None and results:
            prev = results[-1]
            if prev["sentence_index"] == si and prev["category"] != "other" and (
                prev_key == "و" or first.start > 0 and view[first.start - 1] == "و"
                or prev_key in {"و", "او"}
            ):
                cat = prev["category"]
                currency = prev["currency"]
                actor_id = actor_id or prev["actor_entity_id"]
                confidence = 0.7
        elif results and actor_id is None and prev_key == "و":
            prev = results[-1]  # "2500 جندي أمريكي في العراق و900 جندي في سوريا": same actor
            if prev["sentence_index"] == si and prev["category"] == cat:
                actor_id = prev["actor_entity_id"]
        if cat is None:
            if not first.is_digit and unit_tok is None:
                continue  # a bare number word (ثلاث، ست) without a counted noun is too ambiguous
            cat = "other"
        start, end = first.start, span_end_tok.end
        if not first.is_digit and not num.vague and first.key[:1] in "وفبل" and number_word_value(first.key[1:]) is not None:
            start += 1  # leave the clitic (وثلاثة) out of the surface
        # location: "في <LOC>" right after the phrase, before the next number
        limit = s_end
        if idx + 1 < len(nums):
            limit = min(limit, toks[nums[idx + 1].i0].start)
        loc_id = None
        tail_end = toks[k_after].end if (actor_from_gentilic and k_after < len(toks)) else end
        for m in mentions[bisect.bisect_left(m_starts, tail_end) : bisect.bisect_left(m_starts, limit)]:
            if m["start"] >= tail_end and m["start"] < limit and m["start"] - tail_end <= 40:
                if m.get("entity_type") == "LOC":
                    pre = view[max(0, m["start"] - 20) : m["start"]].replace(TATWEEL, "")
                    if LOC_INTRO_RE.search(pre):
                        loc_id = m.get("entity_id")
                        break
        # actor: a country/organisation mention just before (للولايات المتحدة ... 2500 جندي)
        if actor_id is None and cat in ("troops", "fighters", "attacks", "casualties_killed", "casualties_injured"):
            for m in reversed(mentions[bisect.bisect_left(m_starts, s_start) : bisect.bisect_right(m_starts, first.start)]):
                if m["end"] <= first.start and m["start"] >= s_start:
                    g_lo = bisect.bisect_left(tok_starts, m["end"])
                    gap_toks = [t for t in toks[g_lo : num.i0] if t.key not in "،,"]
                    if len(gap_toks) <= 4 and m.get("entity_type") in ("LOC", "ORG"):
                        pre = view[max(0, m["start"] - 4) : m["start"]].replace(TATWEEL, "")
                        if not re.search(r"(?:في|من|الي|على)\s*$", pre):
                            actor_id = m.get("entity_id")
                    break
        results.append(
            {
                "start": start,
                "end": end,
                "surface": text[start:end],
                "value": None if num.vague else (value_min if qualifier != "range" else None),
                "value_min": value_min,
                "value_max": value_max,
                "qualifier": qualifier or "exact",
                "vague": num.vague,
                "category": cat,
                "unit": text[unit_tok.start : unit_tok.end] if unit_tok is not None else None,
                "currency": currency,
                "location_entity_id": loc_id,
                "actor_entity_id": actor_id,
                "sentence_index": si,
                "scope": toll_scope(toks, num.i0, bisect.bisect_right(tok_starts, span_end_tok.start),
                                    bisect.bisect_left(tok_starts, s_start), bisect.bisect_left(tok_starts, s_end),
                                    value_max if value_max is not None else value_min,
                                    bisect.bisect_left(tok_starts, sents[si - 1][0]) if 0 < si < len(sents) else None)
                if cat in CASUALTY_CATEGORIES else None,
                "confidence": (confidence if not num.vague else min(confidence, 0.6))
                if not (cat == "other" and unit_tok is None) else LOW_CONFIDENCE,
            }
        )
    return results
