"""Boilerplate rules: which lines (or edges of lines) of a news page are not article text.

Whole-line rules are matched on the comparison key of the line
(:func:`pipeline.text.normalize.normalize_key`: alef/yeh/teh-marbuta/Persian letters folded,
diacritics and tatweel dropped, Latin lower-cased, spaces collapsed), so one pattern
covers ``اقرأ أيضاً`` / ``إقرأ ايضا`` / ``اقرأ أيضا:``. Patterns are written in that folded form.
Most rules also carry a word limit so that a long body paragraph that merely mentions
"copyright" or "click" is never removed.

Context-dependent decisions (related-article headlines between paragraphs, headings,
title/byline/dateline) live in :mod:`pipeline.clean.document` and :mod:`pipeline.clean.metadata`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.text.normalize import normalize_key

__all__ = [
    "LINE_RULES",
    "LineRule",
    "caption_like",
    "credit_like",
    "headline_shape",
    "related_headline_shape",
    "body_shape",
    "heading_shape",
    "inline_ad_spans",
    "is_related_heading",
    "match_line",
    "related_link",
    "trailing_junk_start",
    "word_count",
]


@dataclass(frozen=True)
class LineRule:
    """A whole-line rule: ``pattern`` is matched on the line key; ``full`` means the whole key
    must match, otherwise a search; ``max_words`` bounds the line length in words."""

    name: str
    pattern: re.Pattern[str]
    full: bool = True
    max_words: int | None = None


def _rx(p: str) -> re.Pattern[str]:
    return re.compile(p)


_P = r"\s*[.:!|\-–—…]*\s*"  # trailing punctuation allowed on a prompt/heading line

_WIDGET = (
    r"(?:حجم الخط|تكبير الخط|تصغير الخط|تكبير|تصغير|طباعه|اطبع|طباعه الصفحه|طباعه الخبر|ارسال(?: لصديق)?|"
    r"ارسل(?: لصديق)?|نسخ الرابط|حفظ|a\+|a-|a|print|font size|email|share|تعليق(?:ات)?|\d+ تعليق(?:ات)?)"
)

LINE_RULES: tuple[LineRule, ...] = (
    LineRule("ad_marker", _rx(r"\[\s*(?:ad|ads|advert|advertisement|اعلان)[\s_-]*\d*\s*\]|advertisement|"
                              r"اعلان|مساحه اعلانيه|\(اعلان\)")),
    LineRule("share_prompt", _rx(r"(?:شاركها|شارك|شارك(?:ها)? (?:على|عبر) \S+(?: \S+)?|شارك (?:الخبر|المقال|المقاله|الموضوع)|"
                                 r"مشاركه|share(?: this| this article| on \S+)?|tweet)" + _P)),
    LineRule("follow_prompt", _rx(r"^(?:تابعونا|تابعوا|تابعنا|follow us)\b"), full=False, max_words=15),
    LineRule("click_prompt", _rx(r"(?:انقر|اضغط|انقروا|اضغطوا|اضغط علي|انقر علي) (?:هنا|علي (?:الرابط|العنوان|الصوره))|"
                                 r"click here|tap here"), full=False, max_words=20),
    LineRule("app_prompt", _rx(r"(?:حمل|حملوا|نزل|نزلوا|تحميل|تنزيل|ثبت)(?: احدث نسخه من)? (?:ال)?تطبيق|"
                               r"download (?:our|the) app|get the app|متوفر علي (?:متجر|جوجل بلاي|اب ستور)"),
              full=False, max_words=30),
    LineRule("subscribe_prompt", _rx(r"^(?:اشترك|اشتركوا|للاشتراك|سجل|subscribe|sign up)\b.*"
                                     r"(?:نشره|النشره|قناه|قناتنا|يوتيوب|تلغرام|تليجرام|واتساب|خدمه|newsletter|بريد|مجانا)"),
              full=False, max_words=20),
    LineRule("widget", _rx(_WIDGET + r"(?:\s*[|/•·\-–]?\s*" + _WIDGET + r")*")),
    LineRule("developer_credit", _rx(r"\b(?:developed|designed|powered|created|hosted|built) by\b|"
                                     r"^(?:تصميم و ?تطوير|تطوير و ?تصميم|برمجه و ?تصميم|تصميم و ?برمجه)\b"),
              full=False, max_words=10),
    LineRule("copyright", _rx(r"©|\(c\) ?\d{4}|copyright|all rights reserved|(?:جميع|كل) الحقوق محفوظه|"
                              r"الحقوق محفوظه|حقوق (?:النشر|الطبع)(?: والنشر)? محفوظه|باريزراو|مافي .{0,40}باريز"),
              full=False, max_words=25),
    LineRule("disclaimer", _rx(r"المقالات المنشوره (?:تمثل|تعبر عن) (?:راي|اراء)|"
                               r"(?:لا )?تعبر (?:بالضروره )?عن (?:راي|وجهه نظر) (?:الموقع|الصحيفه|القناه|الجريده)|"
                               r"الاراء (?:الوارده|المنشوره) .{0,40}(?:تعبر|تمثل)"), full=False, max_words=25),
    LineRule("source_credit", _rx(r"(?:المصدر|مصدر|المصادر|source|sources)(?:\s*[:：\-–]\s*[^.؟?!]{0,80})?" + _P),
              max_words=10),
)

_RELATED_HEADING_RE = _rx(
    r"(?:[*#•\-–]\s*)?(?:(?:مواضيع|مقالات|اخبار|موضوعات|قصص|روابط) (?:ذات صله|متعلقه|مشابهه|اخري)|ذات صله|"
    r"اقرا (?:ايضا|كذلك|المزيد)|اقرا ايضا|شاهد (?:ايضا|المزيد)|للمزيد|المزيد|اخترنا لك|قد يهمك(?: ايضا)?|"
    r"related(?: articles| stories| news| content)?|read (?:more|also)|see also|more on this|"
    r"بابهتي (?:بهيوهنديدار|هاوشيوه)|هه والي (?:بهيوهنديدار|تر))" + _P
)
_RELATED_LINK_RE = _rx(
    r"^(?:[*#•\-–]\s*)?(?:اقرا (?:ايضا|كذلك|المزيد)|للمزيد|شاهد (?:ايضا|المزيد)|قد يهمك|read (?:more|also)|related|see also)"
    r"\s*(?:[:|\-–—]+|\.{2,}|…)\s*\S"
)
_INLINE_AD_RE = re.compile(r"\[\s*(?:ad|ads|advert)[\s_-]*\d*\s*\]", re.IGNORECASE)
_CREDIT_RE = _rx(
    r"ترجمه|نقلا عن|بتصرف|عن (?:صحيفه|موقع|وكاله)|"
    r"(?:^|[\s/|(*])(?:ا ف ب|رويترز|وكالات|ا ب|د ب ا|الاناضول|فرانس ?24|afp|reuters|ap|dpa)(?:$|[\s/|)])"
)
_CAPTION_RE = _rx(
    r"\((?:غيتي|getty(?: images)?|رويترز|reuters|afp|ا ف ب|epa|ap|الاناضول|انترنت|ارشيف|ارشيفيه|"
    r"مواقع التواصل|تويتر|فيسبوك|اسوشيتد برس|[^()]{0,25}صوره[^()]{0,25}|[^()]{0,25}getty[^()]{0,25})\)$"
)
_TRAILING_JUNK_RE = re.compile(r"[\s\u00a0]+([A-Z][a-z]{2,14})$")
_LATIN_RE = re.compile(r"[A-Za-z]")
_ARABIC_RE = re.compile(r"[\u0621-\u064a]")
_TERMINAL = frozenset(".!:،,؛;…")
_CLOSERS = "\"'»”’)]"


def word_count(text: str, cap: int | None = None) -> int:
    """Number of whitespace-separated tokens; with ``cap``, counted no further than ``cap + 1`` (all a
    comparison with ``cap`` or less needs: a long paragraph is not split whole to learn it is long)."""
    return len(text.split()) if cap is None else len(text.split(None, cap))


#: The longest line, in words, a line rule admits (its word count is needed no further).
_MAX_RULE_WORDS = max(r.max_words for r in LINE_RULES if r.max_words is not None)


def match_line(line: str, key: str | None = None) -> str | None:
    """Name of the whole-line boilerplate rule matching ``line`` (stripped), or ``None``."""
    key = normalize_key(line) if key is None else key
    if not key:
        return None
    if _SEPARATOR_RE.fullmatch(line):
        return "separator"
    n = None
    for rule in LINE_RULES:
        if rule.max_words is not None:
            n = word_count(key, _MAX_RULE_WORDS) if n is None else n
            if n > rule.max_words:
                continue
        m = rule.pattern.fullmatch(key) if rule.full else rule.pattern.search(key)
        if m:
            return rule.name
    if _RELATED_LINK_RE.search(key) and word_count(key, 30) <= 30:
        return "related_link"
    return None


_SEPARATOR_RE = re.compile(r"[\s\-_=*~•·─━.#+]*[\-_=*~•·─━#+]{3,}[\s\-_=*~•·─━.#+]*")


def is_related_heading(line: str, key: str | None = None) -> bool:
    """True for a "related articles" heading line (``مواضيع ذات صلة``, ``اقرأ أيضا:``, Kurdish ``بابەتی پەیوەندیدار``)."""
    key = normalize_key(line) if key is None else key
    return bool(key) and _RELATED_HEADING_RE.fullmatch(key) is not None


def related_link(line: str, key: str | None = None) -> bool:
    """True for an inline related-article link line (``اقرأ أيضا: <headline>``, ``للمزيد - <headline>``)."""
    key = normalize_key(line) if key is None else key
    return _RELATED_LINK_RE.search(key) is not None and word_count(key, 30) <= 30


def inline_ad_spans(line: str) -> list[tuple[int, int]]:
    """Spans of bracketed ad markers (``[ad_1]``) inside ``line``."""
    return [m.span() for m in _INLINE_AD_RE.finditer(line)]


def trailing_junk_start(line: str) -> int | None:
    """Offset where a trailing junk token starts (a lone capitalised Latin word such as ``Draw``
    after an otherwise Arabic short line), or ``None``."""
    m = _TRAILING_JUNK_RE.search(line)
    if not m:
        return None
    head = line[: m.start()]
    if _LATIN_RE.search(head) or len(_ARABIC_RE.findall(head)) < 4 or word_count(head, 10) > 10:
        return None
    return m.start()


def credit_like(line: str, key: str | None = None) -> bool:
    """Short attribution line kept in the text (``تقرير "ميدل إيست آي" ترجمة عربية``,
    ``فرانس24/ أ ف ب``, ``* نقلا عن "الخليج"``)."""
    key = normalize_key(line) if key is None else key
    return word_count(key, 12) <= 12 and not key.endswith(".") and _CREDIT_RE.search(key) is not None


def caption_like(line: str, key: str | None = None) -> bool:
    """Photo caption ending with a parenthesised credit (``… (غيتي)``, ``… (رويترز)``)."""
    key = normalize_key(line) if key is None else key
    return word_count(key, 40) <= 40 and _CAPTION_RE.search(key) is not None


def _last_char(text: str) -> str:
    t = text.rstrip(_CLOSERS + " ")
    return t[-1] if t else ""


def headline_shape(line: str) -> bool:
    """A line that reads like a headline: 5–22 words, at most 170 characters, no sentence-final
    punctuation (a question mark is allowed) and no full stop inside."""
    n = word_count(line, 22)
    if not 5 <= n <= 22 or len(line) > 170:
        return False
    if _last_char(line) in _TERMINAL or ". " in line:
        return False
    return True


#: Openers of running text, not of headlines: conjunction/particle + word (``وقال``, ``وفي``, ``فهل``),
#: connectives (``كذلك``, ``يذكر أن``, ``كما``) and list/attribution dashes.
_RUNNING_TEXT_START_RE = re.compile(
    r"^(?:[-–•*]|\d+\s*[-.)–]|[وف](?:ال|في|من|قد|كان|كانت|لكن|هل|كيف|لم|لن|لا|ما|إن|ان|أن|ب|ل|ي|ت|أ|ن|على|عن|بعد|قبل|خلال)"
    r"|(?:كذلك|يذكر|كما|ثم|لكن|لذلك|بينما|حيث|إذ|اذ|أي|مضيفا|مضيفة|وأضاف|وقال|قال|قالت|أضاف|أضافت|تحليل)(?:\s|$))"
)


def related_headline_shape(line: str) -> bool:
    """:func:`headline_shape` and not opening like running text (see ``_RUNNING_TEXT_START_RE``)."""
    return headline_shape(line) and _RUNNING_TEXT_START_RE.match(line) is None


def heading_shape(line: str) -> bool:
    """A section subheading: 1–4 words, at most 50 characters, no sentence-final full stop."""
    n = word_count(line, 4)
    return 1 <= n <= 4 and len(line) <= 50 and _last_char(line) not in ".،,؛;"


def body_shape(line: str) -> bool:
    """A body paragraph: at least 12 words, or at least 6 words ending with sentence punctuation."""
    n = word_count(line, 12)
    return n >= 12 or (n >= 6 and _last_char(line) in ".!?؟…")
