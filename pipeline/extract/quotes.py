"""Direct quotations and their speakers.

Quotations are text inside “…”, «…», "…" (paired within a paragraph; the
span may cross sentence boundaries) or after a reporting verb and a colon
(``قال X: نص``). Scare quotes (short quoted names/terms with no speech cue,
or with only a citation cue such as ``وفق وكالة "الأناضول"``) are skipped.

Speaker resolution, in order:

1. a reporting verb right after the quote — ``"…"، قالت مصادر لرويترز`` —
   on the same line (attribution never crosses a line break) and only when
   the quote is not already introduced by ``verb … :``;
2. ``وفقا لـ X`` / ``بحسب X`` / ``وفقا لما ذكرته X`` right after the quote
   (same line), unless rule 3 finds a named subject (``وقال X إن "…"، وفق
   وكالة Y`` → X: Y only relays);
3. the last reporting verb before the quote in its sentence —
   ``وقال X … : “…”``, ``ونقلت الوكالة عن X …``; the speaker is the PERSON
   (else ORG) mention between verb and quote, else the noun phrase after the
   verb (an ORG only if it opens the subject: ``متحدث باسم الحكومة`` is
   the speaker, not ``الحكومة``); recipients (``للصحفيين``, ``لرويترز``) are
   skipped, and the stretch ends at an attribution cue after the subject
   (``قال مسؤول نقلا عن وكالة …`` → ``مسؤول``);
4. ``X: «…»`` — the name just before the colon;
5. a continuation verb with no subject (``وأضاف “…”``) or a pronoun subject
   (``وقال إن``) → the previous quote's speaker (or the last PERSON mention),
   ``speaker_kind='previous'``; a second quote in the same sentence inherits
   the first one's speaker.

``speaker_kind`` is ``anonymous`` for unnamed sources (``مصادر``,
``مسؤول أمريكي``), ``named`` otherwise, ``unknown`` when nothing is found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pipeline.extract.citations import (
    attribution_cue_at,
    clitic_variants,
    extract_citations,
    find_outlet,
    is_recipient,
    source_np,
    source_vocab,
)
from pipeline.extract.quantities import Token, analyze, gentilic_entity, sentence_index
from pipeline.extract.spans import candidates_between
from pipeline.extract.vocab import load_vocab
from pipeline.text.normalize import normalize_key
from pipeline.extract.speakers import token_index as _tok_index
from pipeline.extract.speakers import _word
from pipeline.extract.speakers import (
    check_speaker,
    speaker_extent,
    subject_np_before,
    speech_noun_owner,
    glued_preposition,
    clause_subject,
    in_recipient,
    is_name_quote,
    is_participle,
    is_preposition,
    looks_like_name,
    resolve_antecedent,
    speaker_vocab,
    subject_before,
)

__all__ = ["SPEAKER_KINDS", "MIN_UNCUED_WORDS", "MIN_CITED_WORDS", "CONFIDENCE", "find_quote_spans", "extract_quotes"]

SPEAKER_KINDS: tuple[str, ...] = ("named", "anonymous", "previous", "unknown")
#: Quotes without any speech cue are kept only if at least this many words long.
MIN_UNCUED_WORDS = 7
#: Quotes attributed only through a citation cue (``وفق X``, no reporting verb) need this many words.
MIN_CITED_WORDS = 3
#: Eighth session: a citation cue with a speech verb (``وفق ما قال مسؤولون أكراد``, ``بحسب ما ذكرت المنظمة``) attributes
#: words, not a name: a two-word fragment it cites is a quote (``وضع "إنساني مأساوي" وفق ما قال …``).
_SAID_CUE = re.compile(r"(?:^|\s)(?:ما|لما)\s*\S|حسبما|كما")
#: A continuation (``وأضاف``) refers to the previous quote's speaker only within this many characters.
PREVIOUS_WINDOW = 1500
#: With no earlier quote or reporting clause, a PERSON mention this close before the quote is the antecedent.
RECENT_PERSON_WINDOW = 400
#: The subject of a verb-first clause is looked for this many characters after the verb (bounded work per quote).
FRAGMENT_SUBJECT_WINDOW = 300
#: Quote confidence by how the speaker was found (see :func:`_confidence`).
CONFIDENCE: dict[str, float] = {"entity": 0.9, "named": 0.8, "anonymous": 0.75, "previous": 0.7, "inferred": 0.65,
                                "unknown": 0.4}
#: ``”…“`` (ninth session): marks reversed by a right-to-left editor; paired only within a paragraph (an ordinary
#: ``“…”`` pair is consumed first, so its closer never opens).
_PAIRS = {"“": "”", "«": "»", "„": "“", "”": "“"}
_OPENERS = re.compile("[" + "".join(_PAIRS) + "]")
#: A wire dateline ending in the outlet and a dash (``دبي، الإمارات العربية المتحدة (CNN)—``).
_DATELINE = re.compile(r"\((?:CNN|سي إن إن)\)\s*[-–—]+\s*")
_PERSON = ("PERSON", "PER")


def find_quote_spans(text: str) -> list[tuple[int, int, str]]:
    """(content start, content end, kind) of quoted stretches; kind is 'mark' or 'colon' (set later).

    Curly and angle quotes pair with the next matching closer (nested openers
    are absorbed); straight double quotes pair left-to-right within a
    paragraph.
    """
    spans: list[tuple[int, int, str]] = []
    i = 0
    while (m := _OPENERS.search(text, i)) is not None:  # the next opener (a regex scan, not a step per character)
        i = m.start()
        ch = text[i]
        close = text.find(_PAIRS[ch], i + 1)
        para_end = text.find("\n\n", i + 1)
        if close != -1 and (para_end == -1 or close < para_end or ch == "“"):
            if close - i > 1:
                spans.append((i + 1, close, "mark"))
            i = close + 1
            continue
        i += 1
    for line in re.finditer(r"[^\n]+", text):
        pos = [line.start() + m.start() for m in re.finditer('"', line.group())]
        if len(pos) % 2 and len(pos) < 40:
            # ninth session: an odd number of marks on the line — one mark was never closed or never opened; pair
            # them by their sides instead of left to right, so the one left over does not shift every later pair
            for a, b in _unbalanced_pairs(text, line.start(), line.end(), pos):
                if b - a > 1 and not any(s <= a < e for s, e, _ in spans):
                    spans.append((a, b, "mark"))
            continue
        for a, b in zip(pos[::2], pos[1::2]):
            if b - a > 1 and not any(s <= a < e for s, e, _ in spans):
                spans.append((a + 1, b, "mark"))
    return sorted(spans)


#: Ninth session: where an unclosed quotation ends — the end of its sentence, or a citation cue after a comma
#: (``مشيرا "لما يقوم به المركز …، وفقا للزياني.``).
_UNCLOSED_END = re.compile(r"[.!?؟](?=\s|$)|\s*[،,]\s*(?:[وف]?(?:بحسب|حسب|وفق|طبقا|نقلا)|على حد)")


def _unbalanced_pairs(text: str, lo: int, hi: int, pos: list[int]) -> list[tuple[int, int]]:
    """Content spans of a line ``text[lo:hi]`` whose straight quotation marks ``pos`` are odd in number. A mark with a
    word right after it and a space, a colon or a glued بـ/لـ before it opens; one with a space or punctuation (or the
    line end) after it closes. An opener left unclosed runs to the end of its sentence (or a citation cue after a
    comma); a closer with no opener closes the words after the last colon of the line before it (``وقال ظريف …: في حال
    … لهم "``), if any."""
    def opens(p: int) -> bool:
        nxt = text[p + 1] if p + 1 < hi else ""
        prv = text[p - 1] if p > lo else " "
        if prv in ":،," and nxt == " " and p + 2 < hi and text[p + 2].isalpha():
            return True  # 'البلاد،" أساؤوا للشعب': a comma, the mark, a space, then the words
        return bool(nxt) and not nxt.isspace() and nxt not in ".،,:؛)!?؟" and (
            prv.isspace() or prv in ":(،,-–ـ" or (prv in "بلو" and (p - 1 == lo or text[p - 2].isspace())))

    def closes(p: int) -> bool:
        nxt = text[p + 1] if p + 1 < hi else ""
        return not nxt or nxt.isspace() or nxt in ".،,:؛)!?؟"

    out: list[tuple[int, int]] = []
    open_at: int | None = None
    done = lo  # end of the last span: a closer's colon must come after it
    for p in pos:
        if open_at is None:
            if opens(p):
                open_at = p
            elif closes(p):
                colon = text.rfind(":", done, p)
                if colon != -1:
                    a = colon + 1
                    while a < p and text[a].isspace():
                        a += 1
                    b = p
                    while b > a and text[b - 1].isspace():
                        b -= 1
                    if len(text[a:b].split()) >= 3:
                        out.append((a, b))
                done = p + 1
        elif closes(p) or not opens(p):
            out.append((open_at + 1, p))
            open_at, done = None, p + 1
        else:
            out.append(_unclosed(text, open_at, p))  # a new opener: the old one was never closed
            open_at = p
    if open_at is not None and not _names_next(text, lo, open_at):
        out.append(_unclosed(text, open_at, hi))
    return [(a, b) for a, b in out if b > a]


def _names_next(text: str, lo: int, at: int) -> bool:
    """The mark at ``at`` follows a name head (``عملية "غصن الزيتون``, ``هيئة``) or a glued/spaced لـ: what it opens is
    a name whose closing mark is missing, not words left unclosed."""
    from pipeline.extract.speakers import speaker_vocab

    before = text[lo:at].rstrip(" ـ")
    if before.endswith(("ل", "لـ")) and (len(before) < 2 or not before[-2].isalpha()):
        return True
    word = before.rsplit(None, 1)[-1] if before.split() else ""
    key = normalize_key(word)
    return bool(key) and (key in speaker_vocab()["name_heads"] or key[1:] in speaker_vocab()["name_heads"] and key[:1] in "وبل")


def _unclosed(text: str, at: int, limit: int) -> tuple[int, int]:
    """Content of a quotation opened at ``at`` and never closed: to the end of its sentence or a citation cue before
    ``limit``, without trailing spaces and commas."""
    m = _UNCLOSED_END.search(text, at + 1, limit)
    b = m.start() if m else limit
    while b > at + 1 and text[b - 1] in " \t،,":
        b -= 1
    return at + 1, b


def _verb_forms(key: str) -> tuple[str, ...]:
    """Lookup forms of a possible verb: the word and the word without a leading و/ف — never the
    article-stripped form (``النقل`` is a noun, not ``نقل``)."""
    if key.startswith("ال"):
        return ()
    # no object-pronoun forms: "تصريحات نقلتها وكالات الأنباء" is a relative clause, not the speech verb
    return (key, key[1:]) if len(key) > 3 and key[0] in "وف" else (key,)


#: Longest mention considered when a window is sized from a mention's end (windows are by start).
MAX_MENTION_CHARS = 200
_SPANS_CACHE: list = [None, []]


def _quote_spans(text: str) -> list[tuple[int, int, str]]:
    """:func:`find_quote_spans` of the document, computed once per text (not once per quote)."""
    if _SPANS_CACHE[0] is not text:
        _SPANS_CACHE[:] = [text, find_quote_spans(text)]
    return _SPANS_CACHE[1]


@lru_cache(maxsize=1)
def _stance_verbs() -> frozenset[str]:
    """Verbs of stance (``اتهم``, ``انتقد``, ``دانت``): speech verbs for quotes only (``vocab/sources.yaml``)."""
    return frozenset(normalize_key(w) for w in load_vocab("sources")["stance_verbs"])


def _is_stance(tok: Token) -> bool:
    return any(c in _stance_verbs() for c in _verb_forms(tok.key)) or _is_urging(tok)


@lru_cache(maxsize=1)
def _urging_verbs() -> frozenset[str]:
    """Twelfth session (facts13): verbs of urging (``دعا``, ``طالبت``, ``حث``), read as stance verbs (``vocab/sources.yaml``)."""
    return frozenset(normalize_key(w) for w in load_vocab("sources")["urging_verbs"])


def _is_urging(tok: Token) -> bool:
    return any(c in _urging_verbs() for c in _verb_forms(tok.key))


def _stance_subject(text: str, toks: list[Token], mentions: Sequence[dict], kv: int, qs: int,
                    quoted: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """Subject of a stance verb (``انتقد وزير الخارجية السعودية، عادل الجبير، "…"``): only the phrase right
    after the verb — a later name is the object (``اتهم X خصمه Y بـ"…"``). None when no speaker stands there."""
    if kv + 1 >= len(toks) or toks[kv + 1].start >= qs:
        return None
    k1 = kv + 1
    named = [m for m in candidates_between(mentions, toks[k1].start - 1, qs)
             if toks[k1].start <= m["start"] and m["end"] <= qs and (m.get("entity_type") in _PERSON + ("ORG",)
                                                                    or m.get("subtype") == "country")]
    if named and named[0]["start"] <= toks[k1].start + 1:
        return named[0]["start"], named[0]["end"]  # "ودانت الجامعة العربية "…""
    if _role_head(toks[k1]):
        # "انتقد وزير الخارجية السعودية، عادل الجبير، الأربعاء "…"": the role phrase and its apposed name
        person = [m for m in named if m.get("entity_type") in _PERSON and _tok_index(toks, m["start"]) - k1 <= 10]
        if person and not any(is_preposition(t.key) for t in toks[k1 + 1 : _tok_index(toks, person[0]["start"])]
                               if t.key not in ("في",)):
            return person[0]["start"], person[0]["end"]
    if _is_urging(toks[kv]) and _document_head(toks, toks[k1].start, toks[k1].end):
        j = k1 + 1
        while j < len(toks) and toks[j].end <= qs and _name_adjective(toks, j):
            j += 1
        return toks[k1].start, toks[j - 1].end  # twelfth session (facts13): 'ودعا التقرير الرياض إلى "…"': the document
    subj = clause_subject(text, toks, mentions, toks[kv].start, qs, quoted)
    if subj is None or subj[0] > toks[kv + 1].start + 1:
        return None
    if _tok_index(toks, subj[1] - 1) == k1 and not toks[k1].key.startswith("ال") and not any(
            m["start"] <= subj[0] and subj[1] <= m["end"] for m in named):
        return None  # "اتّهم مرشّح اليسار … حدّاد" cut to "مرشّح": a bare indefinite role is an extent error
    verdict = check_speaker(text, toks, mentions, *subj)
    return subj if verdict is not None and verdict[0] in ("named", "anonymous", "role") else None


def _definite_head_end(toks: list[Token], mentions: Sequence[dict], a: int, b: int) -> int:
    """Twelfth session (facts13): the end of an urging verb's subject ``[a, b)``. A subject that opens with a definite noun
    goes on over definite adjectives only, and a definite noun right after them is the verb's addressee (``ودعا الحزب
    الديمقراطي الحكومة إلى "…"``: not ``… الحكومة``); a person's name inside the subject ends it when a definite noun
    or another entity follows it (``وحث الرئيس … ماكرون الدول الأوروبية على``, ``ودعا … تسيبراس تركيا إلى``). Nothing
    is cut inside an entity mention or before one (``الأمير الوليد بن طلال``), nor after a word that is no adjective
    (``المتحدث باسم الخارجية``)."""
    inside = [m for m in candidates_between(mentions, a - 1, b) if a <= m["start"] and m["end"] <= b]
    for m in inside:
        if m.get("entity_type") not in _PERSON or m["end"] >= b:
            continue
        j = _tok_index(toks, m["end"])
        if j < len(toks) and toks[j].end <= b and (
                (toks[j].key.startswith("ال") and not _name_adjective(toks, j))
                or any(o["start"] == toks[j].start for o in inside)):
            return m["end"]
    k1 = _tok_index(toks, a)
    if k1 >= len(toks) or toks[k1].start != a or not toks[k1].key.startswith("ال"):
        return b
    j = k1 + 1
    while j < len(toks) and toks[j].end <= b and _name_adjective(toks, j):
        j += 1
    if j >= len(toks) or toks[j].end > b or not toks[j].key.startswith("ال"):
        return b
    if any(m["start"] < toks[j].end and m["end"] > toks[j].start for m in inside):
        return b
    return toks[j - 1].end


def _is_verb(tok: Token) -> bool:
    return any(c in source_vocab()["verbs"] for c in _verb_forms(tok.key))


#: Eleventh session: a label in quotation marks has at most this many words (``"مسيرة العودة"``, ``"أف 35"``).
LABEL_MAX_WORDS = 3
_LABEL_CLITICS = frozenset(("ل", "ب"))


def _label_cue(tok: Token) -> bool:
    """A word that governs a later short quote as speech or a characterisation: a reporting, stance or continuation
    verb, a speech participle, أن/إن (``_THAT``) or a word of ``label_cue_words``."""
    if tok.key in (":",) or tok.key in _THAT or tok.key in ("ان", "وان", "فان", "لان"):
        return True
    if _is_verb(tok) or _is_stance(tok) or _is_continuation(tok) or is_participle(tok):
        return True
    cues = speaker_vocab()["label_cue"]
    return any(c in cues for c in clitic_variants(tok.key)) or any(c in cues for c in _verb_forms(tok.key))


def _label_quote(text: str, toks: list[Token], s0: int, qs: int, qe: int) -> bool:
    """Is the short quote ``text[qs:qe]`` (two or three words) a name, title or label rather than speech?

    True when the word right before the opening mark (no punctuation between) is a designation word or noun
    (``label_designation_words``, ``label_designation_nouns``: ``تصنفه``, ``سموها``, ``ذكرى``, ``بعنوان``) or the word
    before it is a designation word (``الذي تصنفه الحكومة "…"``), or the head of the name
    of an aircraft, a ship or a weapon (``label_heads``: ``مقاتلات``, ``حاملة الطائرات``), whatever precedes it; or when it is
    a glued لـ after a word that is no cue (``قوات التحالف لـ"دعم الشرعية"``); or when it is any other word that is
    no cue and nothing from the clause's start (``s0``) to the quote governs it as speech (:func:`_label_cue`) and no
    reporting verb or citation cue follows the quote (``نظمت الجمعية الخميس "مسيرة العودة"``, ``مقاتلات "أف 35"``).
    A characterisation (``وصفه بأنه "…"``, ``اعتبرها "…"``) and a fragment after a verb of stance (``أعرب عن "قلق
    بالغ"``) keep their quote."""
    words = text[qs:qe].split()
    if not 2 <= len(words) <= LABEL_MAX_WORDS:
        return False
    k = _tok_index(toks, qs - 1) - 1
    if k < 0 or not _word(toks[k]) or qs - 1 - toks[k].end > 3 or text[toks[k].end : qs - 1].strip(" ـ"):
        return False
    voc = speaker_vocab()
    if any(c in voc["label_designation"] or c in voc["label_designation_nouns"] for c in clitic_variants(toks[k].key)):
        return True
    if _label_cue(toks[k]):
        return False
    if k > 0 and _word(toks[k - 1]) and any(c in voc["label_designation"] for c in clitic_variants(toks[k - 1].key)):
        return True  # 'الذي تصنفه الحكومة "…"': the designation verb and its subject
    heads = voc["label_heads"]
    head = lambda t: (t.key in heads or (len(t.key) > 3 and t.key[0] in "وف" and t.key[1:] in heads))  # noqa: E731
    if head(toks[k]) or (k > 0 and toks[k].key.startswith(("ال", "وال")) and _word(toks[k - 1]) and head(toks[k - 1])):
        return True  # 'مقاتلات "أف 35"', 'حاملة الطائرات "يو أس أس واسب"': the name of an aircraft, a ship, a weapon
    glued = toks[k].key in _LABEL_CLITICS and toks[k].end >= qs - 2 and k > 0
    if glued and toks[k].key == "ل" and _word(toks[k - 1]) and not _label_cue(toks[k - 1]) and not _is_stance(toks[k - 1]):
        return True
    # the clause before the quote: from the sentence's start, or from the last quote closed before it in the sentence
    k0 = _tok_index(toks, s0)
    if any(_label_cue(t) for t in toks[k0:k]):
        return False
    j = _tok_index(toks, qe + 1)
    while j < len(toks) and toks[j].key in ("،", ",", "-", "–"):
        j += 1
    if j < len(toks) and toks[j].start - qe <= 4 and (_label_cue(toks[j]) or _PREP_CUE.match(text, qe + 1)):
        return False  # '"…"، قال X', '"…" بحسب المنظمة'
    return True


def _is_continuation(tok: Token) -> bool:
    return any(c in source_vocab()["continuation"] for c in _verb_forms(tok.key))


#: Relational heads in the construct state before a person (``محامي ترامب``, ``والد نيمار``).
_RELATIONAL = frozenset(normalize_key(w) for w in (
    "محامي", "محامية", "مستشار", "مستشارة", "والد", "والدة", "نجل", "ابن", "ابنة", "نجلة", "زوجة", "زوج", "شقيق",
    "شقيقة", "مساعد", "مساعدة", "صديق", "صديقة", "متحدث", "متحدثة", "سكرتير", "سكرتيرة", "وكيل", "وكيلة", "مدير", "مديرة"))


def _construct_head(tok: Token) -> bool:
    """An indefinite relational noun (``محامي``, ``والد``) or ``باسم``, with or without و/ف."""
    return any(c in _RELATIONAL or c == "باسم" for c in _verb_forms(tok.key))


#: Prepositions right before a name after the speech verb: the name is a complement, not the subject.
_QUOTE_MARKS = frozenset('"«»“”„')
_PREP_BEFORE_NAME = frozenset(normalize_key(w) for w in ("مع", "ضد", "بين", "أمام", "حول", "لدى", "عند", "بعد", "قبل"))


def _speaker_from_region(
    text: str, toks: list[Token], mentions: Sequence[dict], i: int, j: int
) -> tuple[int, int] | None:
    """Character span of the speaker in toks[i:j] (the stretch after a reporting verb).

    The stretch ends at an attribution cue that follows the subject
    (``قال مسؤول نقلا عن وكالة …``): what the cue introduces is the speaker's
    own source, not the speaker.
    """
    if i >= j:
        return None
    cut = next((k for k in range(i + 1, j) if attribution_cue_at(toks, k)), None)
    if cut is not None:
        j = cut
    # the subject ends where a relative clause or a parenthesis opens ('ويقول البيان، الذي نشر على موقع
    # "…" (Particles for Justice) إن', 'وقال المجلس، الذي يضم … جماعة مجاهدي خلق، في بيان إن'): names
    # inside them are not the speaker
    cut = next((k for k in range(i + 1, j) if toks[k].key in _RELATIVE or toks[k].key == "("), None)
    if cut is not None:
        j = cut
        while j > i + 1 and toks[j - 1].key in ("،", ","):
            j -= 1
    if i < j and is_participle(toks[i]):
        return None  # "وقال مخاطبا الحكومة": a participle, then its object — no subject here
    if i < j and attribution_cue_at(toks, i):
        return None  # "حيث قالت وفقا لما ترجمته وكالة سبوتنيك:": a relay, no subject after the verb
    s, e = toks[i].start, toks[j - 1].end
    inside = [m for m in candidates_between(mentions, s, e) if m["start"] >= s and m["end"] <= e]
    lo = i

    def recipient(m: dict) -> bool:
        k = _tok_index(toks, m["start"])
        while k - 1 > lo and toks[k - 1].key in _QUOTE_MARKS:
            k -= 1  # seventh session: 'في مقابلة مع "سكاي نيوز عربية"': a quoted name is still the complement
        if lo < k < len(toks) and toks[k - 1].key in _PREP_BEFORE_NAME:
            return True  # "وقال بعد اجتماع مع عون:": a complement of the adverbial, not the subject
        if any(toks[x].key == "مع" for x in range(max(lo + 1, k - 3), k)) and all(toks[x].key[:1].isalpha() for x in range(max(lo + 1, k - 3), k)):
            return True  # "وقال بارنييه … بعد مفاوضات أجراها مع نظيره البريطاني ديفيد ديفيس"
        return k < len(toks) and (is_recipient(toks, k, min(len(toks), k + 5)) or in_recipient(toks, m, lo))

    # "نقلت الوكالة عن X": the speaker follows عن
    verb_key = toks[i - 1].key if i > 0 else ""
    for k in range(i, j):
        if toks[k].key == "علي" and k + 1 < j and toks[k + 1].key == "لسان" and any(c in ("نقل", "نقلت") for c in clitic_variants(verb_key)):
            k += 1  # "ونقل التقرير على لسان المصدر … قوله": as "عن"
        if toks[k].key in ("عن", "لسان") and any(c in ("نقل", "نقلت") for c in clitic_variants(verb_key)):
            rng = source_np(toks, k + 1, j)
            after = [m for m in inside if m["start"] >= toks[k].end]
            if rng and not (after and after[0]["start"] <= toks[k + 1].start + 1):
                head = {c for c in clitic_variants(toks[rng[0]].key)}
                say = next((x for x in range(k + 1, min(j, k + 12)) if toks[x].key in _SAYING), None)
                if head & (voc_anon() | voc_roles()):
                    if say is not None and any(m.get("entity_type") in _PERSON and abs(m["end"] - toks[say - 1].end) <= 1
                                               for m in after):
                        # 'عن قائد "فيلق القدس" بالحرس الثوري قاسم سليماني قوله': the role and the name in apposition
                        return toks[k + 1].start, toks[_last_word(toks, k + 1, say)].end
                    return toks[rng[0]].start, toks[rng[1] - 1].end  # "عن مسؤول كبير بإدارة ترامب قوله"
                if say is not None and say > k + 1:
                    # "نقل برنامج عن صديق للملكة ليتيسيا قوله": the whole phrase before قوله is the speaker;
                    # a name inside it is a complement
                    return toks[k + 1].start, toks[_last_word(toks, k + 1, say)].end
            if after:
                return after[0]["start"], after[0]["end"]
            if rng:
                return toks[rng[0]].start, toks[rng[1] - 1].end
    # "قال متحدث باسم الحكومة": a source head noun opens the subject; an ORG inside its
    # phrase is the head's complement, not the speaker (a PERSON name still wins)
    voc = source_vocab()
    # the subject position: a person, organisation or country named right after the verb is the
    # subject, whatever is named later in the stretch ("قالت كوريا الشمالية في بيان نقلته وكالة … بعد
    # مغادرة بومبيو إن": not بومبيو)
    first = [m for m in candidates_between(mentions, toks[i].start - 1, toks[i].start + 2)
             if toks[i].start <= m["start"] <= toks[i].start + 1 and m["end"] <= e
             and (m.get("entity_type") in _PERSON + ("ORG",) or (m.get("entity_type") == "LOC" and m.get("subtype") == "country"))]
    if first and not recipient(first[0]) and not (toks[i].start < first[0]["start"] and toks[i].key[:1] in "بلك"):
        return first[0]["start"], first[0]["end"]
    headed = any(c in voc["anonymous"] or c in voc["official"] or c in voc_roles() for c in clitic_variants(toks[i].key)) \
        or _role_head(toks[i], indefinite=True)  # ninth session: also 'زعيمة حزب …', 'مرشح حزب …' (feminine, indefinite forms of listed heads)
    for types in (_PERSON, ("ORG",)):
        # a name glued to a preposition ("بعثة إسرائيل بالأمم المتحدة") is a complement, never the subject
        cands = [m for m in inside if m.get("entity_type") in types and not recipient(m) and not glued_preposition(toks, m)]
        if headed and types == ("ORG",):
            cands = [m for m in cands if m["start"] <= toks[i].start + 1]
        if cands:
            k = _tok_index(toks, cands[0]["start"])
            if types == _PERSON and k - 1 >= i and _construct_head(toks[k - 1]):
                # "وتابع محامي ترامب:", "قال والد اللاعب نيمار": the person is the complement of the
                # speaker's role; the speaker is the phrase (with a name in apposition after it, if any)
                end = cands[0]["end"]
                nxt = [m for m in cands[1:] if m["start"] - end <= 2]
                return toks[k - 1].start, (nxt[0]["end"] if nxt else end)
            return cands[0]["start"], cands[0]["end"]
    k0 = toks[i].key
    if (k0.startswith("ل") and not k0.startswith("ال") and len(k0) > 3) or k0 == "ل":
        return None  # "قال لنظيره …": a recipient, the subject is elsewhere
    rng = source_np(toks, i, j)
    if rng:
        return toks[rng[0]].start, toks[rng[1] - 1].end
    return None


def _last_word(toks: list[Token], lo: int, hi: int) -> int:
    """Index of the last word token in ``[lo, hi)`` (a relay phrase ends before the comma of
    ``على لسان المتحدثة …، هيذر نويرت، قولها``)."""
    k = hi - 1
    while k > lo and not toks[k].key[:1].isalnum():
        k -= 1
    return k


#: "that" words: the reported content starts there, the speaker is before them.
_THAT = frozenset(("ان", "انه", "انها", "بان", "بانه", "بانها", "بانهم", "انهم"))
#: Name particles: a PERSON mention never ends on one (``بن`` of ``بن والاس``, ``محمد_بن`` of a hashtag).
_PARTICLES = frozenset(normalize_key(w) for w in ("بن", "ابن", "بنت", "أبو", "ابو", "أبي", "عبد", "آل", "دي", "دو", "فون", "فان", "ولد"))


def _name_tail_end(text: str, e: int) -> int:
    """Tenth session: the end of a speaker span, whatever found it, completed over what a name cannot stop before — the
    hyphenated rest of a word (``تشونغ أوي-يونغ``) and the word after a final name particle (``الشيخة مي بنت محمد آل
    خليفة``, ``خالد بن أحمد آل خليفة``). ``e`` itself when neither applies."""
    while True:
        if 0 < e < len(text) - 1 and text[e] == "-" and text[e - 1].isalpha() and text[e + 1].isalpha():
            m = re.match(r"-[^\W\d_]+", text[e:e + 40])
            e += m.end()
            continue
        last = re.search(r"(?:^|\s)([^\s]+)$", text[max(0, e - 12):e])
        if last and normalize_key(last.group(1)) in _PARTICLES:
            nxt = re.match(r"[ \u00a0]([^\W\d_]{2,})", text[e:e + 40])
            if nxt:
                e += nxt.end()
                continue
        return e


def _anonymous_tail_end(text: str, toks: list[Token], mentions: Sequence[dict], a: int, b: int) -> int:
    """Tenth session: a speaker that is a bare indefinite anonymous head (``شهود``, ``مصدر``, ``مسؤول``) takes the
    indefinite word right after it, its adjective or construct complement (``شهود عيان``, ``مصدر أمني``, ``مسؤول
    كبير``) — not a verb, participle, preposition, ``إن/أن``, a recipient (``لرويترز``), a time or function word, a
    definite word or a tagged mention. ``b`` itself otherwise."""
    ka = _tok_index(toks, a)
    if ka >= len(toks) or toks[ka].end != b or toks[ka].key not in voc_anon() or ka + 1 >= len(toks):
        return b
    t = toks[ka + 1]
    voc = speaker_vocab()
    if t.start != b + 1 or not t.key.isalpha() or len(t.key) < 3 or t.key.startswith("ال") or t.key in _THAT \
            or _is_verb(t) or is_participle(t) or is_preposition(t.key) or t.key in voc["not_surname"] \
            or t.key in voc["not_subject"] or is_recipient(toks, ka + 1, min(len(toks), ka + 4)) \
            or text[t.start:t.end].endswith(("اً", "ًا")) or any(m["start"] == t.start for m in mentions):
        return b
    return t.end


#: Twelfth session: prepositions that tie an anonymous source to the body it belongs to (``مسؤول في مكتب الادعاء``,
#: ``مصدر مقرب من البيت الأبيض``).
_AFFILIATION_PREPS = frozenset(normalize_key(w) for w in ("في", "من", "لدى", "داخل"))


def _anonymous_affiliation_end(text: str, toks: list[Token], a: int, b: int) -> int:
    """Twelfth session: an anonymous speaker — its head (``voc_anon``) and at most one modifier, ``مسؤول``, ``مصدر
    مقرب`` — takes the phrase that says whose it is: ``في/من/لدى/داخل`` and a noun phrase that reaches a definite word
    within three words, with that word's definite adjectives (``مسؤول في مكتب الادعاء``, ``مصدر مقرب من البيت
    الأبيض``, ``مصدر من داخل الحزب``). Nothing when no definite word comes (``مسؤول في تصريح لرويترز``) or a verb,
    participle, ``إن/أن``, day or time word or punctuation comes first. ``b`` itself otherwise."""
    ka, kb = _tok_index(toks, a), _tok_index(toks, b - 1)
    if ka >= len(toks) or toks[ka].start != a or toks[ka].key not in voc_anon() or kb - ka > 1 or kb + 2 >= len(toks):
        return b
    p = toks[kb + 1]
    if p.start != b + 1 or p.key not in _AFFILIATION_PREPS:
        return b
    end = _definite_phrase_end(toks, kb + 2, kb + 6, allowed=_INSIDE)
    return b if end is None else end


#: Thirteenth session (facts15): indefinite adjectives of rank after an anonymous source and its nationality (``مسؤول أميركي كبير``).
_RANK_ADJECTIVES = frozenset(normalize_key(w) for w in (
    "كبير", "كبيرة", "رفيع", "رفيعة", "بارز", "بارزة", "سابق", "سابقة", "مطلع", "مطلعة", "مسؤول", "مسؤولة", "رسمي", "رسمية"))


def _bare_anonymous_antecedent(text: str, toks: list[Token], mentions: Sequence[dict], a: int, b: int) -> tuple[int, int] | None:
    """Thirteenth session (facts15): a speaker that is only a definite anonymous head (``وقال المصدر``, ``وأكد المسؤول``),
    with no mention on it, is the source the article introduced with the same head before it, indefinite, within
    :data:`ROLE_ANTECEDENT_WINDOW` characters: that phrase with its modifiers and affiliation (``مصدر رسمي في التحالف
    العربي``, ``مسؤول أميركي كبير``). None when no earlier phrase adds a word to the head, or the earlier phrases with the
    head differ (two sources), or the earlier head is itself the bare definite one."""
    ka = _tok_index(toks, a)
    if ka >= len(toks) or toks[ka].start != a or toks[ka].end != b or not toks[ka].key.startswith("ال"):
        return None
    head = toks[ka].key[2:]
    if head not in voc_anon() or " " in head:
        return None
    if any(m["start"] < b and m["end"] > a for m in candidates_between(mentions, a - MAX_MENTION_CHARS, b)):
        return None
    found: set[str] = set()
    hit: tuple[int, int] | None = None
    for j in range(ka - 1, -1, -1):
        if a - toks[j].start > ROLE_ANTECEDENT_WINDOW:
            break
        if head not in clitic_variants(toks[j].key) or toks[j].key.startswith(("ال", "وال")):
            continue
        s0 = toks[j].start + (len(toks[j].key) - len(head))
        s1, e1 = speaker_extent(text, toks, mentions, s0, toks[j].end)
        e1 = _anonymous_tail_end(text, toks, mentions, s1, e1)
        ke = _tok_index(toks, e1)
        if ke < len(toks) and toks[ke].start == e1 + 1 and toks[ke].key in _RANK_ADJECTIVES:
            e1 = toks[ke].end  # 'مسؤول أميركي كبير'
        e1 = _anonymous_affiliation_end(text, toks, s1, e1)
        if e1 <= toks[j].end:
            continue  # the bare head again ('مصدر قال'): adds nothing
        found.add(normalize_key(text[s1:e1]))
        hit = hit or (s1, e1)
    return hit if hit is not None and len(found) == 1 else None


#: Twelfth session: particles of lineage inside a name (``سعود بن عبد الله``), evidence that a family name follows
#: (facts12) and that a role word is no speaker of its own (facts13).
_LINEAGE = frozenset(normalize_key(w) for w in ("بن", "ابن", "بنت", "آل"))


@lru_cache(maxsize=1)
def _organ_heads() -> frozenset[str]:
    """Twelfth session (facts13): official heads that name a body (``vocab/sources.yaml``: ``organ_heads``)."""
    return frozenset(normalize_key(w).removeprefix("ال") for w in load_vocab("sources")["organ_heads"])


#: Twelfth session (facts13): how far back a bare definite role (``وقالت المتحدثة``) looks for the phrase that introduced it.
ROLE_ANTECEDENT_WINDOW = 1500


def _bare_role_antecedent(text: str, toks: list[Token], mentions: Sequence[dict], a: int, b: int) -> tuple[int, int] | None:
    """Twelfth session (facts13): a speaker that is only a definite role head, with at most two definite words after it and no
    entity mention (``وقالت المتحدثة``, ``ودافع الأدميرال المتقاعد``, ``وأوضحت رئيسة اللجنة``), is the person the
    article introduced with the same head before it: the PERSON mention within ten words after the earlier head
    (``الأدميرال الأميركي ويليام ماكرايفن``, ``رئيسة لجنة نوبل للسلام بيريت ريس أندرسون``), else the earlier phrase
    of an indefinite head with its affiliation (``متحدثة باسم صحيفة "ذا نيشن"``). None when nothing fits: the speaker
    stays as found."""
    k = _tok_index(toks, a)
    if k >= len(toks) or toks[k].start != a or not _role_head(toks[k]):
        return None
    rest = [t for t in toks[k + 1 : _tok_index(toks, b)] if t.end <= b]
    if len(rest) > 2 or any(not t.key.startswith("ال") for t in rest):
        return None
    if toks[k].key.startswith("ال") and any(_role_head(t) for t in rest):
        return None  # not 'المعارضة الرئيس' (a subject and the verb's object)
    # a definite head (``المتحدثة``, ``الأدميرال المتقاعد``), or an indefinite one in construct with one definite noun
    # (``رئيسة اللجنة``), which the earlier phrase must share (``رئيسة لجنة …``: not any earlier ``رئيسة``)
    construct = not toks[k].key.startswith("ال")
    if construct and len(rest) != 1:
        return None
    if any(m["start"] < b and m["end"] > a for m in candidates_between(mentions, a - MAX_MENTION_CHARS, b)
           if m.get("entity_type") in _PERSON + ("ORG",)):
        return None
    head = toks[k].key.removeprefix("ال")
    voc = source_vocab()
    if head in _organ_heads() or any(head in voc[n] or "ال" + head in voc[n] for n in ("media_heads", "agency_heads")) \
            or head in speaker_vocab()["body_heads"]:
        return None  # a body (``وقالت الشرطة``, ``وأضاف المجلس``) is no person introduced before
    forms = {head, "ال" + head}
    # a nationality adjective of the bare role must stand in the earlier phrase too (``الرئيس التركي`` is not the
    # earlier ``الرئيس اليوناني …``); other adjectives need not (``الأدميرال المتقاعد`` for ``الأدميرال الأميركي …``)
    needed = {t.key for t in rest if not construct and t.key.endswith(("ي", "يه"))}
    found: list[tuple[int, int]] = []
    for j in range(k - 1, -1, -1):
        if a - toks[j].start > ROLE_ANTECEDENT_WINDOW:
            break
        if not any(c in forms for c in clitic_variants(toks[j].key)):
            continue
        if construct and (j + 1 >= len(toks) or toks[j + 1].key.removeprefix("ال") != rest[0].key[2:]):
            continue
        seen: set[str] = set()
        hit: tuple[int, int] | None = None
        for x in range(j + 1, min(len(toks), j + 11)):
            t = toks[x]
            if t.start >= a or t.key in (".", ":", "؟", "!") or _is_verb(t) or is_participle(t) or t.key in _THAT:
                break
            person = [m for m in candidates_between(mentions, t.start - 1, t.end) if m["start"] == t.start
                      and m.get("entity_type") in _PERSON and not (t.key.startswith("ال") and t.key.endswith("ي"))]
            if person and toks[x - 1].key in _LINEAGE:
                break  # 'الأميرة الجوهرة بنت طلال …': the father's name, not the princess
            if person:
                hit = (person[0]["start"], person[0]["end"])
                break
            seen.add(t.key)
        if hit is None and not toks[j].key.startswith("ال") and j + 1 < len(toks) and toks[j + 1].key == "باسم":
            s, e = speaker_extent(text, toks, mentions, toks[j].start, toks[j].end)
            hit = (s, e) if e > toks[j + 1].end else None
        if hit is not None and needed <= seen:
            found.append(hit)
        elif hit is not None:
            return None  # the nearest earlier head names someone else
    # one person behind every earlier head in the window (``الرئيس`` after two presidents is left as found)
    if not found or len({normalize_key(text[s:e]) for s, e in found}) > 1:
        return None
    return found[0]


#: Twelfth session: how far back a bare definite body head (``وقالت الهيئة``) looks for the body's name.
BODY_NAME_WINDOW = 1500
_CLITICS = ("و", "ف", "ب", "ل")


def _name_adjective(toks: list[Token], j: int) -> bool:
    """Twelfth session: token ``j`` goes on the definite name before it — a definite adjective (``الدولية``,
    ``البريطانية``) or the second word of a listed two-word head (``البيت الأبيض``, ``الأمم المتحدة``); never a day or
    time word, a relative pronoun, a preposition, a verb or a participle."""
    t = toks[j]
    if t.start - toks[j - 1].end != 1 or not t.key.startswith("ال") or t.key in speaker_vocab()["not_subject"] \
            or t.key in _RELATIVE or is_preposition(t.key) or _is_verb(t) or is_participle(t):
        return False
    return t.key.endswith(("ي", "يه")) or f"{toks[j - 1].key} {t.key}" in voc_roles()


def _body_chain_end(toks: list[Token], k: int) -> int | None:
    """End of the name the body head at token ``k`` opens: the words after it up to the first definite one, at most
    three (``هيئة تفتيش السجون``, ``مجموعة الأزمات``), then that word's definite adjectives (``الدولية``,
    ``البريطانية``). None when no definite word comes within three words or a preposition, verb, participle, relative
    pronoun, ``إن/أن``, a day or time word or punctuation comes first."""
    return _definite_phrase_end(toks, k + 1, k + 6)


#: the one preposition an anonymous source's affiliation may hold (``مصدر من داخل الحزب``)
_INSIDE = frozenset({normalize_key("داخل")})


def _definite_phrase_end(toks: list[Token], first: int, last: int, allowed: frozenset[str] = frozenset()) -> int | None:
    """End of the noun phrase from token ``first``: at most three words up to the first definite one, then that
    word's definite adjectives up to token ``last`` (:func:`_name_adjective`). None when no definite word comes within
    three words, or a preposition (other than ``allowed``), verb, participle, relative pronoun, ``إن/أن``, a day or
    time word, a non-word or a gap other than one space comes first (:func:`_body_chain_end`,
    :func:`_anonymous_affiliation_end`)."""
    not_subject = speaker_vocab()["not_subject"]
    j = first
    while j < len(toks) and j - first < 3:
        t = toks[j]
        if t.start - toks[j - 1].end != 1 or not t.key.isalpha() or _is_verb(t) or is_participle(t) \
                or (is_preposition(t.key) and t.key not in allowed) or t.key in _THAT or t.key in _RELATIVE \
                or t.key in not_subject:
            return None
        if t.key.startswith("ال"):
            break
        j += 1
    else:
        return None
    end = toks[j].end
    j += 1
    while j < len(toks) and j <= last and _name_adjective(toks, j):
        end = toks[j].end
        j += 1
    return end


def _body_name(toks: list[Token], a: int, b: int) -> tuple[int, int] | None:
    """Twelfth session: the name of the body a one-word speaker stands for (``body_heads`` in ``vocab/sources.yaml``).
    A bare indefinite head cut from its name (``مجموعة`` of ``ورحبت مجموعة الأزمات الدولية …``) takes the rest of the
    name; a bare definite head (``وأوضحت الهيئة``, ``وأضافت المجموعة``) is the latest body named with the same head
    within :data:`BODY_NAME_WINDOW` characters before it (``نددت هيئة تفتيش السجون البريطانية …``, also a name in
    quotation marks or after a clitic: ``دعت "مجموعة الأزمات الدولية"``, ``لمجموعة …``) — the tagger often leaves
    such names untagged, so no mention stands for them. None otherwise (the speaker stays as found)."""
    ka = _tok_index(toks, a)
    if ka >= len(toks) or toks[ka].start != a or toks[ka].end != b:
        return None
    heads = speaker_vocab()["body_heads"]
    key = toks[ka].key
    if key in heads:
        end = _body_chain_end(toks, ka)
        return (a, end) if end is not None else None
    if not key.startswith("ال") or key[2:] not in heads:
        return None
    head = key[2:]
    for x in range(ka - 1, -1, -1):
        if toks[x].start < a - BODY_NAME_WINDOW:
            break
        kx = toks[x].key
        if kx == head or (len(kx) == len(head) + 1 and kx[:1] in _CLITICS and kx[1:] == head):
            end = _body_chain_end(toks, x)
            if end is not None:
                return toks[x].start + (len(kx) - len(head)), end
    return None


def complete_names(text: str, mentions: list[dict]) -> list[dict]:
    """PERSON/ORG mentions the tagger cut short, completed: over the rest of a hashtag
    (``#محمد_بن_زايد``) and over the next word after a final name particle (``بن والاس``).
    Returns a new list (changed mentions are copies, in the same order)."""
    out = []
    for m in mentions:
        e = m["end"]
        if m.get("entity_type") in _PERSON + ("ORG",):
            while e < len(text) and text[e] == "_" and e + 1 < len(text) and text[e + 1].isalpha():
                e += 1
                while e < len(text) and (text[e].isalpha() or text[e] in "_\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"):
                    e += 1
            words = text[m["start"]:e].split()
            if m.get("entity_type") in _PERSON and words and normalize_key(words[-1]) in _PARTICLES:
                nxt = re.match(r" ([^\W\d_]{2,})", text[e:e + 40])
                if nxt:
                    e += nxt.end()
        out.append(m if e == m["end"] else {**m, "end": e, "surface": text[m["start"]:e]})
    return out


def _surname_end(text: str, toks: list[Token], e: int, starts: frozenset[int] | set[int] = frozenset(),
                 s: int | None = None) -> int:
    """End of the family name a cut name ending at ``e`` leaves out, else ``e``: the next word when it follows after
    a single space, looks like a name (indefinite, not a function word, verb, participle, role, listed noun,
    nationality adjective, adverbial accusative or a saying noun such as ``قوله``; a word opening with ي/ت such as
    ``يونكر`` is allowed), opens no other mention (``starts``), and the word after it closes the name: a comma or a
    full stop, ``إن/أن`` or a recipient (``للمجلس``).

    Twelfth session: with the name's start ``s`` given, a definite family name (``السفير ناصر الصبيح،``, ``سعود بن
    عبد الله المعجب إن``) completes a name that a title or role opens or that holds a name particle — not a day or
    time word, a role, a nationality adjective or a noun ending in ة — when a comma, a full stop, ``إن/أن`` or a
    recipient follows it (a definite object after a stance verb's subject, ``وأدان غوتيريس الهجوم،``, has neither the
    title nor the particle)."""
    if e + 1 >= len(text) or text[e] != " ":
        return e
    k = _tok_index(toks, e + 1)
    if k >= len(toks):
        return e
    t = toks[k]
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if text[t.start:t.end].endswith(("اً", "ًا")):
        return e  # an adverbial accusative ("نقلاً عن"), never a name
    not_surname = speaker_vocab()["not_surname"]
    if t.start != e + 1 or t.start in starts or t.key in not_surname or t.key in _SAYING or _is_verb(t) \
            or gentilic_entity(t.key)[0] or any(c.isdigit() for c in t.key) or len(t.key) < 3:
        return e
    # the word after the surname closes the name: a comma or a full stop, a content opener (إن، أن) or a recipient
    # (للمجلس, لوكالة) — never a noun, a preposition or an adverb ("وصف العبادي تدمير المسجد", "تحدث ماكرون هاتفيا
    # مع", "وتقيم أشواق حاليا في": the verb's object or an adverbial after its subject)
    closes = nxt is None or nxt.key in ("،", ",", ".", ":", "؛") or nxt.key in _THAT \
        or (nxt.key[:1] == "ل" and not nxt.key.startswith("ال") and len(nxt.key) > 3)
    if t.key.endswith(("ه", "ة")) or t.key in not_surname or t.key in voc_roles():
        return e
    if t.key.startswith("ال") and not looks_like_name(t, text):
        return t.end if closes and s is not None and _definite_surname(toks, t, s) else e
    if not closes:
        return e
    if not looks_like_name(t, text) and not (t.key[:1] in "يت" and not t.key.endswith(("ه", "ها", "هم"))):
        return e
    return t.end




def _definite_surname(toks: list[Token], t: Token, s: int) -> bool:
    """Twelfth session (:func:`_surname_end`): the definite word ``t`` after a name starting at ``s`` is its family
    name — a title or role word right before the name, or a particle of lineage after its first word (``بن``, ``آل``;
    not ``عبد`` of ``عبد السلام``, a given name), and ``t`` no day or time word and no function word."""
    if len(t.key) < 5 or t.key in speaker_vocab()["not_subject"] or t.key in _RELATIVE or is_preposition(t.key) \
            or _is_verb(t) or is_participle(t):
        return False
    k0 = _tok_index(toks, s)
    kt = _tok_index(toks, t.start)
    titled = k0 > 0 and toks[k0 - 1].end <= s and toks[k0 - 1].key in voc_roles()
    particle = any(toks[x].key in _LINEAGE for x in range(k0 + 1, kt))  # not "عبد السلام" (a given name)
    return titled or particle


def complete_surnames(text: str, toks: list[Token], mentions: list[dict]) -> list[dict]:
    """PERSON mentions the tagger cut before the family name (``سارة ليا`` of ``سارة ليا ويتسن``, ``ماري أنجي`` of
    ``ماري أنجي موشوبيكوا``), completed over it (:func:`_surname_end`). Returns a new list (changed mentions are
    copies)."""
    starts = {m["start"] for m in mentions}
    out = []
    for m in mentions:
        last = _tok_index(toks, m["end"] - 1)
        # twelfth session: also a name ending on a definite word after a particle ("سعود بن عبد الله" + "المعجب")
        e = _surname_end(text, toks, m["end"], starts, m["start"]) if m.get("entity_type") in _PERSON and last < len(toks) \
            and (looks_like_name(toks[last], text) or any(toks[x].key in _LINEAGE for x in range(_tok_index(toks, m["start"]) + 1, last))) \
            else m["end"]
        out.append({**m, "end": e, "surface": text[m["start"]:e]} if e != m["end"] else m)
    return out


_SAYING = frozenset(("قوله", "قولها", "قولهم", "قولهما", "تاكيده", "تاكيدها"))


def voc_anon() -> frozenset[str]:
    return source_vocab()["anonymous"]


def voc_roles() -> frozenset[str]:
    from pipeline.extract.speakers import speaker_vocab

    return speaker_vocab()["roles"] | source_vocab()["official"]


def _colon_intro(text: str, toks: list[Token], s0: int, qs: int, how: str) -> bool:
    """The quote opening at ``qs`` follows "reporting verb … :" in its own sentence/line (``قال X: "…"``)."""
    if how != "mark":
        return False
    before = text[s0 : qs - 1].rstrip()
    if not before.endswith(":"):
        return False
    c = s0 + len(before) - 1
    k0, kc = _tok_index(toks, s0), _tok_index(toks, c)
    return any(_is_verb(toks[k]) for k in range(max(k0, kc - 12), kc))


def _kind_of(toks: list[Token], mentions: Sequence[dict], s: int, e: int) -> str:
    """``anonymous`` when an anonymous head opens the phrase (``مسؤول كبير بإدارة ترامب``: the name
    is the complement, not the speaker), else ``named``."""
    k = _tok_index(toks, s)
    voc = source_vocab()
    while k < len(toks) and toks[k].key in ("العديد", "عدد", "بعض", "احد", "من"):
        k += 1
    opens = any(m["start"] <= toks[k].start + 1 and m["end"] > toks[k].start
                for m in candidates_between(mentions, toks[k].start - MAX_MENTION_CHARS, toks[k].start + 1)
                if m.get("entity_type") in _PERSON + ("ORG",)) if k < len(toks) else False
    if k < len(toks) and not opens and any(c in voc["anonymous"] for c in clitic_variants(toks[k].key)):
        return "anonymous"
    return "named"


def _entity(mentions: Sequence[dict], s: int, e: int) -> str | None:
    inside = [m for m in candidates_between(mentions, s, e) if m["start"] >= s and m["end"] <= e and m.get("entity_id")]
    return inside[0]["entity_id"] if inside else None


def extract_quotes(text: str, sentences: Sequence[tuple[int, int]], mentions: Sequence[dict]) -> list[dict]:
    """Extract direct quotations with resolved speakers.

    Returns dicts (ordered by offset) with keys ``start``, ``end`` (quote text
    without the quotation marks), ``quote_text``, ``speaker_surface``,
    ``speaker_start``, ``speaker_end`` (None when no speaker is found; for
    ``previous`` they point at the antecedent speaker), ``speaker_entity_id``,
    ``speaker_kind`` (one of :data:`SPEAKER_KINDS`) and ``reporting_verb``.
    """
    _view, toks = analyze(text)
    sents = list(sentences) or [(0, len(text))]
    mentions = complete_names(text, sorted(mentions, key=lambda m: m["start"]))
    mentions = complete_surnames(text, toks, mentions)
    spans = find_quote_spans(text)
    citations = extract_citations(text, sents, mentions)
    # colon quotes: reporting verb … ":" then unquoted text to the end of the sentence
    for si, (s0, s1) in enumerate(sents):
        for m in re.finditer(r":\s*", text[s0:s1]):
            c = s0 + m.start()
            q0 = s0 + m.end()
            if q0 >= s1 or text[q0] in _PAIRS or text[q0] == '"' or any(a - 1 <= q0 <= b for a, b, _ in spans):
                continue
            k0, kc = _tok_index(toks, s0), _tok_index(toks, c)
            if any(_is_verb(toks[k]) for k in range(max(k0, kc - 12), kc)):
                q1 = s1
                while q1 > q0 and text[q1 - 1] in " \n.،,":
                    q1 -= 1
                if q1 - q0 > 3:
                    spans.append((q0, q1, "colon"))
    spans.sort()
    spans_only = [(a, b) for a, b, _ in spans]
    cue_spans = [(c["cue_start"], c["cue_end"]) for c in citations]
    quotes: list[dict] = []
    prev: dict | None = None
    for qs, qe, how in spans:
        content = text[qs:qe]
        if not content.strip():
            continue
        if how == "mark" and is_name_quote(text, toks, mentions, qs, qe):
            continue  # 'صحيفة "حرييت"', 'تنظيم "داعش"', '"خلافة"': a name or term, not speech
        si = sentence_index(qs - 1, sents)
        s0 = sents[si][0] if si < len(sents) else 0
        line0 = text.rfind("\n", 0, qs) + 1
        s0 = max(s0, line0)
        dl = _DATELINE.search(text, s0, qs)
        if dl is not None and dl.start() - s0 <= 80:
            s0 = dl.end()  # sixth session: "دبي، الإمارات العربية المتحدة (CNN)— طالب X …": the clause opens after the dateline
        if how == "mark" and _label_quote(text, toks, s0, qs, qe):
            continue  # eleventh session: 'الذي تصنفه "منظمة إرهابية"', 'بمناسبة ذكرى "خراب الهيكل"': a label, not speech
        if prev is not None and prev["end"] >= s0:
            s0_region = prev["end"] + 1
        else:
            s0_region = s0
        k_open = _tok_index(toks, qs - (1 if how == "mark" else 0))
        k_close = _tok_index(toks, qe + 1)
        speaker: tuple[int, int] | None = None
        verb: str | None = None
        kind: str | None = None
        cited: tuple[tuple[int, int], str] | None = None
        inferred = False  # speaker taken from the clause's subject (participle / pronoun verb), not stated at the verb
        row_prev: dict | None = None  # resolved antecedent of an anaphoric speaker (الوزارة، البيان)
        verb_at: int | None = None  # start of the reporting verb (or participle) before the quote
        by_citation = False  # attributed only through a citation cue (وفق X، حسب ما ذكرت X)
        cited_after = False  # ninth session: a cue after the quote names a source that is not a relaying outlet
        bare_subject = False  # ninth session: an untagged definite subject of a verb of saying (:func:`_definite_subject`)
        # 1/2: cue after the quote, on the same line, unless a "verb … :" already introduces it
        k = k_close
        while k < len(toks) and toks[k].key in ("،", ",", "-", "–"):
            k += 1
        same_line = k < len(toks) and "\n" not in text[qe : toks[k].start]
        if same_line and toks[k].start - qe <= 4 and not _colon_intro(text, toks, s0, qs, how):
            if _is_verb(toks[k]):
                verb = text[toks[k].start : toks[k].end]
                lim = k + 1
                while lim < len(toks) and lim - k <= 8 and toks[lim].key[:1].isalpha() and toks[lim].key not in _THAT:
                    lim += 1  # ninth session: not into the verb's own content ('"…"، وأكد أن إيران … حزب الله')
                speaker = _speaker_from_region(text, toks, mentions, k + 1, lim)
                if lim < len(toks) and toks[lim].key == ":":
                    speaker = None  # '… "حرب إلكترونية"، أجابت الوزيرة: "نعم"': the verb opens the next quote
                if speaker is not None and check_speaker(text, toks, mentions, *speaker) is None:
                    speaker = None  # '"كارثة إنسانية"، وحذر من استخدام …': no subject after the verb
                if speaker is None:
                    verb = None  # "… ”، وأكد" with no subject: look before the quote
            else:
                # "…"، وفقا لـ X / بحسب X: an attribution phrase right after the quote
                after = [c for c in citations if c["role"] == "source" and 0 <= c["cue_start"] - qe <= 4
                         and "\n" not in text[qe : c["cue_start"]]]
                if after:  # used unless a reporting verb before the quote names the speaker (rule 3)
                    cited = ((after[0]["source_start"], after[0]["source_end"]), after[0]["cue"])
                    cited_after = after[0]["source_kind"] not in _RELAY_KINDS and _PREP_CUE.match(after[0]["cue"]) is not None \
                        and not any(ch in text[qe:after[0]["cue_start"]] for ch in ".؟!")
                else:
                    # ninth session: '"…"، وفق المنظمة', '"…"، بحسب التحالف': a bare definite role head after the cue, which
                    # the citation rules leave out (bare وفق also means "in line with"); resolved as a role below
                    m = _ROLE_AFTER.match(text, qe + 1)
                    if m is not None:
                        kr = _tok_index(toks, m.start(1))
                        if kr < len(toks) and toks[kr].start == m.start(1) and toks[kr].key.startswith("ال") and _role_head(toks[kr]):
                            cited, cited_after = ((toks[kr].start, toks[kr].end), m.group(0).strip(" ،,")[: -len(m.group(1))].strip()), True
        # 3: reporting verb earlier in the sentence
        if speaker is None and verb is None:
            k_start = _tok_index(toks, s0_region)
            for kv in range(k_open - 1, k_start - 1, -1):
                if _is_verb(toks[kv]) and kv > 0 and toks[kv - 1].key in _SUBJUNCTIVE and toks[kv].key[:1] in "يت":
                    continue  # "يبغي أن تؤكد فعاليات …": a wish, not a report
                if _is_verb(toks[kv]) and kv - 2 >= k_start and toks[kv - 1].key in _PRONOUN_THAT and _is_verb(toks[kv - 2]):
                    continue  # ninth session: 'وقال إنه يعتبر ذلك "خيانة عظمى"': the inner verb's subject is the pronoun, the outer verb speaks
                if _is_verb(toks[kv]) and kv > 0 and toks[kv - 1].key in _RELATIVE and any(
                        _is_verb(toks[x]) and any(toks[y].key in _THAT for y in range(x + 1, kv - 1)) for x in range(k_start, kv - 1)):
                    continue  # "وتابع البيان أن رفض موسكو التي تنفي … "…"": a relative clause inside reported content
                if _is_urging(toks[kv]) and not _is_verb(toks[kv]) and _in_reported_content(text, toks, kv, k_start):
                    continue  # twelfth session (facts13): 'وقال الوزير إن الحكومة دعت إلى "…"': the outer verb's subject speaks
                if _is_verb(toks[kv]) or is_participle(toks[kv]) or _is_stance(toks[kv]):
                    if any(c["cue_start"] <= toks[kv].start < c["cue_end"] for c in citations) and any(
                            _is_verb(toks[x]) for x in range(k_start, kv)):
                        continue  # "وقال التحالف بحسب ما نقلت عنه قناة …": the relay's verb is not the speech verb
                    verb = text[toks[kv].start : toks[kv].end]
                    verb_at = toks[kv].start
                    by_citation = any(c["cue_start"] <= toks[kv].start < c["cue_end"] for c in citations)
                    end_k = k_open
                    colon = next((x for x in range(kv + 1, k_open) if toks[x].key == ":"), None)
                    if colon is not None:
                        end_k = colon
                    # stop the region at "إن/أن" (speech content follows)
                    for x in range(kv + 1, end_k):
                        if toks[x].key in _THAT:
                            end_k = x
                            break
                    subj = None if is_participle(toks[kv]) else subject_before(text, toks, mentions, s0_region, toks[kv].start)
                    if subj is None and not is_participle(toks[kv]):
                        subj = _fronted_subject(text, toks, mentions, k_start, kv)
                    if is_participle(toks[kv]) and prev is not None and prev["speaker_start"] is not None \
                            and sentence_index(prev["start"], sents) == si and prev["end"] < toks[kv].start:
                        # 'وقال دبلوماسي إن روسيا "…"، مشيرا إلى أن "…"': the same speaker goes on
                        speaker, kind, inferred = None, "previous", False
                        row_prev = {"speaker_start": prev["speaker_start"], "speaker_end": prev["speaker_end"],
                                    "speaker_entity_id": prev["speaker_entity_id"]}
                        break
                    if is_participle(toks[kv]):
                        # "… قائلا: «…»": the subject of the clause, else the previous speaker;
                        # "وتابع بوتين قائلا": the words between a reporting verb and the participle
                        kverb = next((x for x in range(kv - 1, max(k_start, kv - 4) - 1, -1) if _is_verb(toks[x])), None)
                        if subj is None and kverb is not None and kverb + 1 < kv:
                            subj = _speaker_from_region(text, toks, mentions, kverb + 1, kv)
                            if subj is not None and check_speaker(text, toks, mentions, *subj) is None:
                                subj = None
                        inferred = subj is None
                        # "مع تصريحات لنتانياهو في لقاء مع وزراء حزب الليكود …، قائلا": the speech noun's owner
                        subj = subj or speech_noun_owner(toks, mentions, s0, toks[kv].start)
                        speaker = subj or clause_subject(text, toks, mentions, s0, toks[kv].start, spans_only)
                        if speaker is None:
                            kind = "previous"
                        break
                    if _is_stance(toks[kv]):
                        # sixth session: "انتقد X "…"", "ودانت الجامعة "…"": the subject right after the verb, or none;
                        # tenth session: in a relative clause ("ميغانو، الذي انتقد البابا في السابق "…"") the phrase
                        # the clause hangs on is the subject, the word after the verb its object
                        if subj is None and kv - 1 >= k_start and toks[kv - 1].key in _RELATIVE:
                            speaker = _relative_antecedent(text, toks, mentions, kv, k_start)
                        else:
                            speaker = subj or _stance_subject(text, toks, mentions, kv, qs, spans_only)
                        if _is_urging(toks[kv]) and not _is_verb(toks[kv]) and subj is None and (speaker is None or (
                                kv - 1 > k_start and toks[kv - 1].key in ("،", ",") and not any(
                                    m.get("entity_type") in _PERSON + ("ORG",) for m in candidates_between(mentions, speaker[0], speaker[1])
                                    if m["start"] == speaker[0]))):
                            # twelfth session (facts13): no subject after an urging verb, or a verb joined by a comma to an
                            # earlier clause ('وندد X بـ"…"، ودعا السكان إلى "…"': the untagged word after it is the
                            # addressee) — the rules that read it as no verb go on (an earlier verb, the clause's subject)
                            speaker = None
                            verb = verb_at = None
                            by_citation = False
                            continue
                        break
                    speaker = subj or _speaker_from_region(text, toks, mentions, kv + 1, end_k)
                    if any(c in _RELAY_FROM_VERBS for c in _verb_forms(toks[kv].key)):
                        # eighth session: 'ونقلت "فرانس برس" عن إدارة السجون "…"': the relayed source speaks
                        speaker = _relay_source(text, toks, mentions, kv, k_open, mention_only=True) or speaker
                    if subj is None and (speaker is None or check_speaker(text, toks, mentions, *speaker) is None):
                        # "بيان الجيش والذي ذكر:", "بياناً لوزارة النقل قالت فيه:" (no subject after the verb)
                        speaker = _relative_antecedent(text, toks, mentions, kv, k_start) or speaker
                    if subj is None and (speaker is None or check_speaker(text, toks, mentions, *speaker) is None):
                        # ninth session: 'وأشار العاهل المغربي إلى أن', 'وأضاف الشاوي "…"': the definite phrase right
                        # after a verb of saying that takes no object is its subject, known to no vocabulary
                        bare = _definite_subject(text, toks, mentions, kv, end_k)
                        if bare is not None:
                            speaker, bare_subject = bare, True
                    if speaker is None or _is_continuation(toks[kv]) and toks[kv + 1].start >= qs - 2 and subj is None:
                        speaker = None
                        kind = "previous"
                    break
        # 2 (deferred): "وقال X إن "…"، وفق وكالة Y" names X; the relay Y speaks only when no subject is found
        if cited is not None and speaker is None and kind is None and prev is not None and prev["speaker_start"] is not None \
                and sentence_index(prev["start"], sents) == si and verb is None:
            cited = None  # 'اعتبر ظريف … "هزيمة" و"انتصارا"، بحسب ما نقلته وكالة …': the relay is not the speaker
        if cited is not None and cited_after and speaker is None and kind == "previous" and row_prev is None:
            # ninth session: 'وأكدت أن الهجوم "…"، حسب الرئاسة الفلسطينية': a verb with no subject of its own, and the
            # speaker named right after the quote — the named source, not a guess at the previous speaker (a news
            # agency or outlet after the quote only relays: 'وأضاف "…"، وفقا لرويترز' keeps the previous speaker)
            speaker, verb, kind = cited[0], cited[1], None
            by_citation = True
        if cited is not None and speaker is None and kind is None:
            speaker, verb = cited
            kind = None
            by_citation = True
        # 4: "X: «…»" without a verb
        if speaker is None and kind is None and verb is None:
            before = text[max(s0, qs - 3) : qs]
            if ":" in before:
                c = text.rfind(":", 0, qs)
                named = [m for m in candidates_between(mentions, c - MAX_MENTION_CHARS, c) if 0 <= c - m["end"] <= 2]
                if named:
                    speaker = (named[-1]["start"], named[-1]["end"])
                else:
                    kc = _tok_index(toks, c)
                    k0 = kc
                    while k0 > 0 and kc - k0 < 4 and toks[k0 - 1].key[:1].isalpha() and toks[k0 - 1].start >= s0:
                        k0 -= 1
                    if k0 < kc:
                        verdict = check_speaker(text, toks, mentions, toks[k0].start, toks[kc - 1].end)
                        if verdict is not None and verdict[0] in ("named", "anonymous"):
                            speaker = verdict[1]  # never "الروسية قالت فيه" (a verb and a pronoun)
        # same sentence as the previous quote: inherit
        if speaker is None and kind is None and prev is not None and sentence_index(prev["start"], sents) == si:
            if verb is None:
                quotes.append({**prev, "start": qs, "end": qe, "quote_text": content})
                prev = quotes[-1]
                continue
        # 3b: an attribution cue earlier in the sentence ("وفقا لبيان صادر عن X، “…”")
        if speaker is None and kind is None and verb is None:
            cites = [c for c in citations if s0 <= c["start"] and c["end"] <= qs and c["role"] == "source"]
            if cites:
                c = cites[-1]
                speaker, verb = (c["source_start"], c["source_end"]), c["cue"]
                by_citation = True
        # 3d: "وجاء في ملخص تقرير المنظمة … أن "…"": the issuer of the document the words are in
        if speaker is None and kind is None and verb is None and how == "mark":
            speaker = _came_in(text, toks, mentions, s0, qs)
            if speaker is not None:
                verb = "جاء"
        # 3f: 'وأشاد سليماني بتهديد الرئيس الإيراني حسن روحاني بأن "…"': the words are the threat's author's
        if speaker is None and kind is None and verb is None and how == "mark":
            speaker = _speech_noun_owner(toks, mentions, s0, qs)
            if speaker is not None:
                verb = text[toks[_tok_index(toks, speaker[0]) - 1].start : toks[_tok_index(toks, speaker[0]) - 1].end]
        # 3c: a quoted fragment inside a clause with no speech verb ('وتعهدت واشنطن … "…"',
        # 'وأعرب الشيخ محمد بن زايد عن فخره بما يقدمه "…"'): the clause's subject, right after its verb
        if speaker is None and kind is None and verb is None and how == "mark":
            speaker = _fragment_subject(text, toks, mentions, s0, qs - 1, spans_only, roles=True)
            inferred = speaker is not None
        cued = verb is not None or speaker is not None or how == "colon"
        if not cued and len(content.split()) < MIN_UNCUED_WORDS:
            continue
        if by_citation and len(content.split()) < MIN_CITED_WORDS and not (
                len(content.split()) == 2 and verb is not None and (_SAID_CUE.search(verb) or cited_after)):
            # ninth session: a two-word fragment with its source named right after it ('"قيد التحقيق"، بحسب المنظمة')
            continue  # 'وفق وكالة "الأناضول"', '"حماقة"، وفق X': a quoted name or term, not speech
        # a speaker must be a person or organisation: validate, resolve anaphors, else fall back
        if speaker is not None and kind is None and not bare_subject:
            verdict = check_speaker(text, toks, mentions, *speaker)
            if verdict is None:
                # a participle or "قال فيها" stands where the subject should be: the clause's
                # subject, else the previous speaker; any other common noun: no speaker
                if _pronominal(toks, *speaker):
                    speaker = clause_subject(text, toks, mentions, s0, verb_at, spans_only) if verb_at is not None else None
                    inferred = True
                    kind = "previous" if speaker is None else None
                elif verb is not None and verb_at is not None and _characterising(verb) \
                        and _tok_index(toks, speaker[0]) == _tok_index(toks, verb_at) + 1 \
                        and _finite_characterisation(toks, _tok_index(toks, verb_at)):
                    # eighth session: 'ووصفت القرار بأنه "خطوة متواضعة"', 'ووصف الوضع في الغوطة بأنه "…"': a common noun
                    # right after وصف is its object — the subject is a pronoun, the previous speaker or the clause's subject
                    speaker = clause_subject(text, toks, mentions, s0, verb_at, spans_only)
                    inferred = True
                    kind = "previous" if speaker is None else None
                else:
                    speaker = None
            elif verdict[0] in ("anaphor", "role"):
                ante = resolve_antecedent(text, toks, mentions, verdict[1], prev, same_head_only=verdict[0] == "role")
                if verdict[0] == "anaphor" and toks[_tok_index(toks, verdict[1][0])].key in _OUTLET_HEADS:
                    ante = _outlet_opener(text, max(0, qs - PREVIOUS_WINDOW), verdict[1][0]) or ante  # "وتقول الصحيفة"
                speaker = verdict[1] if verdict[0] == "role" and ante is None else None
                if ante is None and verdict[0] == "anaphor" and not by_citation and _document_head(toks, *verdict[1]):
                    # sixth session: "وقال التقرير …" with no issuer in sight: the document is the verb's subject and
                    # speaks ("وفق التقرير" alone, a citation cue, still gives no speaker)
                    speaker = verdict[1]
                if ante is not None:
                    row_prev = {"speaker_start": ante[0], "speaker_end": ante[1],
                                "speaker_entity_id": _entity(mentions, *ante)}
                    kind = "previous"
            else:
                speaker = verdict[1]
        if kind == "previous" and speaker is None and row_prev is not None:
            sp = (row_prev["speaker_start"], row_prev["speaker_end"])
            row = {
                "start": qs, "end": qe, "quote_text": content, "speaker_surface": text[sp[0] : sp[1]],
                "speaker_start": sp[0], "speaker_end": sp[1], "speaker_entity_id": row_prev["speaker_entity_id"],
                "speaker_kind": "previous", "reporting_verb": verb,
            }
        elif kind == "previous":
            # "وأحجمت المتحدثة … كاتينا آدمز عن …، لكنها قالت: «…»": the sentence's own subject first
            own = None
            if verb_at is not None:
                # seventh session: 'ونقلت وكالة … تصريحات وزير الإعلام …، إذ قال إن "…"': the relayed statements' owner
                own = _relayed_owner(text, toks, mentions, s0, verb_at)
                if own is None:
                    # eighth session: 'ونقلت صحيفة … عن ماكرون قوله إنه …، وقال لها: "…"': the relay's source goes on
                    own = _relay_source(text, toks, mentions, _tok_index(toks, s0), _tok_index(toks, verb_at))
            if own is None and verb_at is not None and any(t.key[:1].isalpha() for t in toks[_tok_index(toks, s0) : _tok_index(toks, verb_at)]):
                own = subject_np_before(text, toks, mentions, s0, verb_at) or clause_subject(text, toks, mentions, s0, verb_at, spans_only)
            sp, ent = (own, _entity(mentions, *own)) if own else _antecedent(text, toks, mentions, qs, prev, cue_spans,
                                                                                       sents[si - 1] if 0 < si <= len(sents) else None)
            row = {
                "start": qs, "end": qe, "quote_text": content,
                "speaker_surface": text[sp[0] : sp[1]] if sp else None,
                "speaker_start": sp[0] if sp else None, "speaker_end": sp[1] if sp else None,
                "speaker_entity_id": ent, "speaker_kind": "previous", "reporting_verb": verb,
            }
        elif speaker is not None:
            row = {
                "start": qs, "end": qe, "quote_text": content,
                "speaker_surface": text[speaker[0] : speaker[1]],
                "speaker_start": speaker[0], "speaker_end": speaker[1],
                "speaker_entity_id": _entity(mentions, *speaker),
                "speaker_kind": _kind_of(toks, mentions, *speaker), "reporting_verb": verb,
            }
        else:
            row = {
                "start": qs, "end": qe, "quote_text": content, "speaker_surface": None,
                "speaker_start": None, "speaker_end": None, "speaker_entity_id": None,
                "speaker_kind": "unknown", "reporting_verb": verb,
            }
        if row["speaker_start"] is None and verb_at is not None and how == "mark":
            # eighth session: 'ونقلت صحيفة … عن ماكرون قوله إنه …، وقال لها: "…"': a speech verb with no subject of its
            # own after a relay in its sentence — the relay's source goes on
            src = _relay_source(text, toks, mentions, _tok_index(toks, s0), _tok_index(toks, verb_at))
            if src is not None:
                row.update(speaker_surface=text[src[0]:src[1]], speaker_start=src[0], speaker_end=src[1],
                           speaker_entity_id=_entity(mentions, *src), speaker_kind="previous")
        platform = row["speaker_start"] is not None and _is_platform(toks, row["speaker_start"], row["speaker_end"])
        if platform or row["speaker_start"] is not None and _relayed_outlet(toks, row["speaker_start"], row["speaker_end"]):
            # thirteenth session (facts14): 'جاء ذلك في تغريدة لقرقاش على صفحته بموقع التواصل الاجتماعي، تويتر، حيث قال:':
            # the platform carries the post; its owner speaks, else whoever was speaking before (never the platform)
            own = _post_owner(text, toks, mentions, s0, qs)
            if own is None:
                # 'وكتب X على تويتر', 'ورد جيفرز على رومني عبر تويتر وقال', 'لكن الرئيس ترامب رفض …، وقال على تويتر إن':
                # the subject of the verb before the platform, or of its clause
                kpl = _tok_index(toks, row["speaker_start"])
                kv = next((k for k in range(kpl - 1, _tok_index(toks, s0) - 1, -1) if _is_verb(toks[k])), None)
                if kv is not None:
                    own = _named_at(mentions, toks[kv + 1]) or clause_subject(
                        text, toks, mentions, s0, toks[kv].start, spans_only)
                    if own is not None and (_is_platform(toks, *own) or _relayed_outlet(toks, *own)
                                            or check_speaker(text, toks, mentions, *own) is None):
                        own = None
            ent = _entity(mentions, *own) if own else None
            if own is None:
                own, ent = _antecedent(text, toks, mentions, qs, prev, cue_spans, sents[si - 1] if 0 < si <= len(sents) else None)
                if own is not None and (_is_platform(toks, *own) or _relayed_outlet(toks, *own)):
                    own = ent = None
            if not platform and not (own is not None and any(
                    m["start"] < own[1] + 3 and own[0] < m["end"] and m.get("entity_type") in _PERSON + ("ORG",) for m in candidates_between(
                        mentions, own[0] - MAX_MENTION_CHARS, own[1] + 3))):
                # an outlet that relays stays the speaker unless a person or body is found that says the words (a mention,
                # or a role with the name right after it: 'الرئيس اليمني، عبدربه منصور هادي'); '"…"، بحسب وكالة الأنباء
                # السودانية' alone: the agency is the only source named
                own = (row["speaker_start"], row["speaker_end"])
                ent = row["speaker_entity_id"]
            row.update(speaker_surface=text[own[0]:own[1]] if own else None, speaker_start=own[0] if own else None,
                       speaker_end=own[1] if own else None, speaker_entity_id=ent,
                       speaker_kind=("previous" if row["speaker_kind"] == "previous" else _kind_of(toks, mentions, *own)) if own else "unknown")
        if row["speaker_start"] is not None:
            # eighth session: a speaker found in the text, not a mention, that ends on a name cut before its family name
            # ("ودانت معصومة ابتكار،": the untagged subject of a stance verb)
            kl = _tok_index(toks, row["speaker_end"] - 1)
            if kl < len(toks) and looks_like_name(toks[kl], text) and not gentilic_entity(toks[kl].key)[0] \
                    and not any(m["end"] == row["speaker_end"] for m in mentions):  # a tagged name ends there
                b = _surname_end(text, toks, row["speaker_end"], {m["start"] for m in mentions})
                if b != row["speaker_end"]:
                    row["speaker_end"], row["speaker_surface"] = b, text[row["speaker_start"]:b]
        if row["speaker_start"] is not None:
            a, b = speaker_extent(text, toks, mentions, row["speaker_start"], row["speaker_end"])
            b = _name_tail_end(text, b)
            b = _anonymous_tail_end(text, toks, mentions, a, b)
            a, b = _body_name(toks, a, b) or (a, b)
            b = _anonymous_affiliation_end(text, toks, a, b)
            a, b = _bare_role_antecedent(text, toks, mentions, a, b) or (a, b)
            a, b = _bare_anonymous_antecedent(text, toks, mentions, a, b) or (a, b)
            if verb_at is not None and _is_urging(toks[_tok_index(toks, verb_at)]):
                b = _definite_head_end(toks, mentions, a, b)  # twelfth session (facts13): not the urging verb's addressee
            if (a, b) != (row["speaker_start"], row["speaker_end"]):
                row["speaker_start"], row["speaker_end"], row["speaker_surface"] = a, b, text[a:b]
                row["speaker_entity_id"] = row["speaker_entity_id"] or _entity(mentions, a, b)
        row["confidence"] = _confidence(row, mentions, how, by_citation, inferred)
        quotes.append(row)
        prev = row
    return quotes


#: Thirteenth session (facts14): social platforms carry a post, they never speak (``جاء ذلك في تغريدة لقرقاش على صفحته
#: بموقع التواصل الاجتماعي، تويتر، حيث قال: "…"``, ``ونشر ترامب تغريدة عبر صفحته الرسمية على موقع تويتر قال فيها: "…"``).
_PLATFORM_NAMES = frozenset(normalize_key(w) for w in (
    "تويتر", "تويتير", "فيسبوك", "فيس", "إنستغرام", "انستغرام", "إنستجرام", "انستجرام", "يوتيوب", "تلغرام", "تليغرام", "تيليغرام", "سناب"))
#: The names and the words that may stand with them in a platform's phrase (``موقع تويتر``, ``فيس بوك``, ``سناب شات``).
_PLATFORMS = _PLATFORM_NAMES | frozenset(normalize_key(w) for w in (
    "بوك", "شات", "موقع", "بموقع", "صفحة", "صفحته", "صفحتها", "حساب", "حسابه", "حسابها"))
#: Nouns of a post whose owner follows with لـ (``تغريدة لقرقاش``, ``تدوينة لزاخاروفا``).
_POST_NOUNS = frozenset(normalize_key(w) for w in (
    "تغريدة", "تغريدته", "تغريدتها", "تغريدات", "تدوينة", "تدوينته", "تدوينتها", "منشور", "منشورا", "تسجيل", "تسجيلا"))


def _is_platform(toks: list[Token], s: int, e: int) -> bool:
    """True when the span ``[s, e)`` is a social platform's name (``تويتر``, ``موقع تويتر``, ``فيس بوك``)."""
    ks = [t for t in toks[_tok_index(toks, s):_tok_index(toks, e)] if t.key[:1].isalpha()]
    return bool(ks) and all(any(c in _PLATFORMS for c in clitic_variants(t.key)) for t in ks) and any(
        any(c in _PLATFORM_NAMES for c in clitic_variants(t.key)) for t in ks)


#: Thirteenth session (facts14): words before an outlet that make it the relay of the words, not their speaker
#: (``في تصريح نقلته وكالة …``, ``بحسب موقع "نسمة"``, ``وفقا لما نقلت وكالة …``, ``في مقابلة على قناة "…"``).
_RELAYING = frozenset(normalize_key(w) for w in (
    "نقلته", "نقلتها", "نقلها", "نقله", "أوردته", "أوردتها", "بثته", "بثتها", "نشرته", "نشرتها", "أذاعته", "أذاعتها",
    "بحسب", "حسب", "وبحسب", "وحسب", "وفق", "وفقا", "ووفقا", "ووفق", "طبقا", "نقلا", "حسبما", "وحسبما"))
_RELAY_AFTER_WHAT = frozenset(normalize_key(w) for w in ("نقلت", "نقل", "أوردت", "أورد", "ذكرت", "ذكر", "بثت", "نشرت"))
_WHAT = frozenset(normalize_key(w) for w in ("ما", "لما", "حسبما", "كما"))
_CARRIED_ON = frozenset(normalize_key(w) for w in ("على", "عبر"))


def _relayed_outlet(toks: list[Token], s: int, e: int) -> bool:
    """True when the span ``[s, e)`` opens with a news outlet that stands where the words are relayed, not said
    (``نقلته وكالة الأنباء …``, ``بحسب موقع "نسمة"``, ``وفقا لما نقلت وكالة …``, ``على قناة "روسيا اليوم"``)."""
    k, ke = _tok_index(toks, s), _tok_index(toks, e - 1) + 1
    out = find_outlet(toks, k, max(ke, k + 1))
    if out is None:
        return False
    j = k - 1
    while j >= 0 and (toks[j].key in _QUOTE_MARKS or toks[j].key == "("):
        j -= 1
    for x in range(j, max(-1, j - 3), -1):
        key = toks[x].key
        if not key[:1].isalpha():
            return False
        if key in _RELAYING or (key in _RELAY_AFTER_WHAT and x > 0 and toks[x - 1].key in _WHAT):
            return True
        if x == j and key in _CARRIED_ON and out[1] == "media":
            return True
    return False


def _post_owner(text: str, toks: list[Token], mentions: Sequence[dict], s0: int, hi: int) -> tuple[int, int] | None:
    """Who wrote the post a quote comes from, in the sentence ``[s0, hi)``: the person or body named with لـ after the
    post noun (``تغريدة لقرقاش``), else the person or body right after the sentence's verb that published it
    (``ونشر ترامب تغريدة``); None when neither is named."""
    k0, k1 = _tok_index(toks, s0), _tok_index(toks, hi)
    posts = [k for k in range(k0, k1) if any(c in _POST_NOUNS for c in clitic_variants(toks[k].key))]
    if not posts:
        return None
    kp = posts[-1]
    if kp + 1 < k1 and toks[kp + 1].key.startswith("ل") and not toks[kp + 1].key.startswith("ال"):
        t = toks[kp + 1]
        own = [m for m in candidates_between(mentions, t.start, t.end + MAX_MENTION_CHARS)
               if t.start <= m["start"] <= t.start + 2 and m.get("entity_type") in _PERSON + ("ORG",)]
        if own:
            m = own[0]
            if t.key.startswith("لل") and m["start"] > t.start:
                # 'تغريدة للطبطبائي': the article is swallowed by لل — the same name written with it earlier, if any
                full = "ال" + text[m["start"]:m["end"]]
                earlier = [x for x in candidates_between(mentions, s0 - PREVIOUS_WINDOW, s0) if x["end"] <= s0
                           and x.get("entity_type") == m.get("entity_type") and text[x["start"]:x["end"]].endswith(full)]
                if earlier:
                    return earlier[-1]["start"], earlier[-1]["end"]
            return m["start"], m["end"]
    for kv in range(k0, kp):
        if _is_verb(toks[kv]) and kv + 1 < kp:
            return _named_at(mentions, toks[kv + 1], before=toks[kp].start)
    return None


def _named_at(mentions: Sequence[dict], tok: Token, before: int | None = None) -> tuple[int, int] | None:
    """The span of the first person or organisation mention that starts at ``tok`` (and ends by ``before``), else None:
    the subject right after a verb (``ونشر ترامب تغريدة``, ``وكتب X على تويتر``)."""
    for m in candidates_between(mentions, tok.start, tok.end + MAX_MENTION_CHARS):
        if m["start"] == tok.start and (before is None or m["end"] <= before) and m.get("entity_type") in _PERSON + ("ORG",):
            return m["start"], m["end"]
    return None


def _fronted_subject(text: str, toks: list[Token], mentions: Sequence[dict], k_lo: int, kv: int) -> tuple[int, int] | None:
    """Ninth session: the subject before the verb in a clause opened by ``أن/إن/لكن`` (``بيد أن خبير الأرصاد الجوية مارتن
    بوولس أشار إلى أنه``, ``نفى الفاتيكان أن البابا قال``): the words between the opener and the verb (at most six, no
    punctuation, verb or participle), when they make a role, source or named phrase — a role or source head noun, or a
    PERSON/ORG mention inside. None otherwise (the tagged subjects are found by :func:`subject_before`)."""
    fronting = speaker_vocab()["fronting"]
    a = kv
    while a - 1 >= k_lo and kv - a < 6 and toks[a - 1].key[:1].isalpha() and toks[a - 1].key not in fronting \
            and toks[a - 1].key not in _THAT and not _is_verb(toks[a - 1]) and not is_participle(toks[a - 1]):
        a -= 1
    if a == kv or a - 1 < k_lo or toks[a - 1].key not in fronting:
        return None
    rng = source_np(toks, a, kv)
    if rng is None or rng[1] != kv or any(t.key.startswith(("لكن", "ولكن")) for t in toks[a:kv]):
        return None  # "إن الحكومة تعاونت لكنها أضافت": a clause, not a noun phrase, before the verb
    s, e = toks[a].start, toks[kv - 1].end
    verdict = check_speaker(text, toks, mentions, s, e)
    if verdict is None or verdict[0] not in ("named", "anonymous"):
        return None
    if not (_role_head(toks[a]) or any(m.get("entity_type") in _PERSON + ("ORG",)
                                       for m in candidates_between(mentions, s, e) if m["start"] >= s and m["end"] <= e)):
        return None
    return verdict[1]


def _definite_subject(text: str, toks: list[Token], mentions: Sequence[dict], kv: int, end_k: int) -> tuple[int, int] | None:
    """Subject of ``وقال المعجب``, ``وأشار العاهل المغربي إلى أن``, ``وأضاف الموظف الذي …:``: a definite phrase right after
    a verb of ``intransitive_say_verbs`` (``vocab/sources.yaml``; the subject of a verb-first clause: these verbs take
    no object), up to a preposition, ``إن/أن``, a relative pronoun or punctuation. None for another verb, a participle,
    a day or time word (``not_subject_words``), a word inside a quotation, or when a tagged mention starts there (the
    older rules decided on it)."""
    voc = speaker_vocab()
    head = kv + 1
    if kv + 2 < end_k and toks[kv + 1].key in voc["partitive"] and toks[kv + 1].start - toks[kv].end == 1 \
            and toks[kv + 2].key.startswith("ال") and len(toks[kv + 2].key) > 4 and toks[kv + 2].key not in voc["not_subject"] \
            and not _is_verb(toks[kv + 2]) and not is_participle(toks[kv + 2]):
        # tenth session: 'وقال أحد العمال المضربين:', 'وروى أحد المتطوعين الكثر': a partitive before a definite noun is
        # the subject of any verb of saying (an object never stands right after the verb in this form)
        kv += 1
    elif not any(c in voc["intransitive_say"] for c in _verb_forms(toks[kv].key)) or kv + 1 >= end_k:
        return None
    t = toks[kv + 1]
    if t.start - toks[kv].end > 1 or not t.key.startswith("ال") or len(t.key) < 5 or t.key in voc["not_subject"] \
            or is_participle(t) or _is_verb(t) or t.key in _RELATIVE or gentilic_entity(t.key)[0] and kv + 2 >= end_k:
        return None
    if any(m["start"] <= t.start + 1 and m["end"] > t.start for m in candidates_between(mentions, t.start - MAX_MENTION_CHARS, t.start + 2)):
        return None
    j = kv + 2
    while j < end_k and j - kv <= 4 and toks[j].key.startswith("ال") and len(toks[j].key) > 3 \
            and toks[j].key not in _RELATIVE and toks[j].key not in ("الي", "الا", "اللذين") \
            and toks[j].key not in voc["not_subject"] and not _is_verb(toks[j]) and not is_participle(toks[j]):
        j += 1  # "العاهل المغربي", "الإعلامية البحرينية": definite adjectives or a definite complement
    return toks[head].start, toks[j - 1].end


_RELAY_VERBS = frozenset(normalize_key(w) for w in ("نقل", "نقلت", "تنقل", "ينقل", "أورد", "أوردت", "بث", "بثت", "نشر", "نشرت"))
_RELAYED_NOUNS = frozenset(normalize_key(w) for w in ("تصريحات", "تصريح", "تصريحا", "قول", "كلام", "حديث", "حديثا"))
_PRONOUN_OPENERS = frozenset(normalize_key(w) for w in ("إذ", "اذ", "حيث", "وقد", "فقد"))


def _relayed_owner(text: str, toks: list[Token], mentions: Sequence[dict], s0: int, verb_at: int) -> tuple[int, int] | None:
    """``ونقلت وكالة الأنباء البحرينية تصريحات وزير شؤون الإعلام …، إذ قال إن``: a verb with a pronoun subject right
    after ``إذ/حيث`` in a sentence whose relay verb (``نقلت``, ``أوردت``) has statements (``تصريحات``) as its object:
    the statements' owner speaks, not the relaying agency (the clause subject)."""
    kv = _tok_index(toks, verb_at)
    if kv < 1 or toks[kv - 1].key not in _PRONOUN_OPENERS:
        return None
    k0 = _tok_index(toks, s0)
    relay = next((k for k in range(k0, kv) if any(c in _RELAY_VERBS for c in _verb_forms(toks[k].key))), None)
    if relay is None:
        return None
    for x in range(relay + 1, kv - 1):
        if toks[x].key in _RELAYED_NOUNS:
            rng = source_np(toks, x + 1, kv - 1)
            if rng is None:
                return None
            a, b = toks[rng[0]].start, toks[rng[1] - 1].end
            ment = [m for m in candidates_between(mentions, a, b) if m["start"] >= a and m["end"] <= b
                    and m.get("entity_type") in _PERSON]
            if ment:
                return ment[0]["start"], ment[0]["end"]
            verdict = check_speaker(text, toks, mentions, a, b)
            return verdict[1] if verdict is not None and verdict[0] in ("named", "role", "anonymous") else None
    return None


#: Eighth session: relay verbs whose source follows ``عن`` (``نقلت الوكالة عن الوزير قوله``) or a glued ``لـ``
#: (``نسبت الوكالة لأكرم القول``).
_RELAY_FROM_VERBS = _RELAY_VERBS | frozenset(normalize_key(w) for w in ("نسب", "نسبت", "ينسب", "تنسب"))
_FROM = frozenset(("عن",))
_RELAY_SAYING = _SAYING | frozenset(normalize_key(w) for w in ("القول", "قولهما", "تصريحه", "تصريحها"))


_CHARACTERISING = frozenset(normalize_key(w) for w in ("وصف", "وصفت", "يصف", "تصف"))


_CLAUSE_OPENERS = frozenset(normalize_key(w) for w in ("لكنه", "لكنها", "ولكنه", "ولكنها", "كما", "ثم", "وقد", "فقد", "قد"))


def _finite_characterisation(toks: list[Token], kv: int) -> bool:
    """``وصف`` at ``kv`` is a finite verb opening a clause — glued to و/ف, after punctuation or the start, or after
    ``لكنه/كما/وقد`` — not the verbal noun of ``هل يمكن وصف الوضع بأنه``."""
    key = toks[kv].key
    glued = key[:1] in "وف" and key[1:] in _CHARACTERISING  # "ووصفت", "فوصف" (the bare "وصف" starts with و itself)
    return glued or kv == 0 or not toks[kv - 1].key[:1].isalnum() or toks[kv - 1].key in _CLAUSE_OPENERS


def _characterising(verb: str) -> bool:
    """``وصف`` and its forms, with or without a و/ف clitic (the verb of a characterisation, ``وصف X بأنه "…"``)."""
    return any(c in _CHARACTERISING for c in _verb_forms(normalize_key(verb)))


def _relay_source(text: str, toks: list[Token], mentions: Sequence[dict], k_lo: int, k_hi: int,
                  mention_only: bool = False) -> tuple[int, int] | None:
    """``ونقلت الوكالة الرسمية عن الفورار قوله``, ``ونقلت "فرانس برس" عن إدارة السجون``, ``ونسبت الوكالة لأكرم القول``:
    the source a relay verb in tokens ``[k_lo, k_hi)`` quotes, right after ``عن`` (within six words of the verb) or
    glued to ``لـ`` before ``القول`` — a PERSON/ORG mention opening the phrase, else (unless ``mention_only``: a role
    phrase such as ``عن قائد "فيلق القدس" … قاسم سليماني`` is left to the other rules) a named, role or anonymous
    phrase; None otherwise."""
    for kv in range(k_lo, k_hi):
        if not any(c in _RELAY_FROM_VERBS for c in _verb_forms(toks[kv].key)):
            continue
        for x in range(kv + 1, min(k_hi, kv + 8)):
            t = toks[x]
            if t.key in _THAT or not (t.key[:1].isalpha() or t.key in ('"', "«", "»", "“", "”")):
                break
            glued_l = t.key[:1] == "ل" and not t.key.startswith("ال") and x + 1 < k_hi and toks[x + 1].key in _RELAY_SAYING
            if t.key not in _FROM and not glued_l:
                continue
            a = t.start + 1 if glued_l else (toks[x + 1].start if x + 1 < k_hi else None)
            if a is None:
                return None
            lim = next((y for y in range(x + 1, k_hi) if toks[y].key in _RELAY_SAYING or toks[y].key in _THAT
                        or toks[y].key in ("،", ",", ":")), k_hi)
            b = toks[max(x, lim - 1)].end
            ment = [m for m in candidates_between(mentions, a - 1, a + 2) if a - 1 <= m["start"] <= a + 1
                    and m["end"] <= b and m.get("entity_type") in _PERSON + ("ORG",)]
            if ment:
                return ment[0]["start"], ment[0]["end"]
            if glued_l or mention_only:
                return None
            rng = source_np(toks, x + 1, lim)
            if rng is None:
                return None
            verdict = check_speaker(text, toks, mentions, toks[rng[0]].start, toks[rng[1] - 1].end)
            return verdict[1] if verdict is not None and verdict[0] in ("named", "role", "anonymous") else None
    return None


_DOC_ISSUED = frozenset(normalize_key(w) for w in ("الصادر", "الصادرة", "صادر", "صادرة", "الذي", "التي"))


def _document_head(toks: list[Token], s: int, e: int) -> bool:
    """The phrase ``text[s:e]`` is headed by a definite document noun (``التقرير``, ``الدراسة``, ``البيان``)."""
    k = _tok_index(toks, s)
    while k < len(toks) and toks[k].end <= e and not toks[k].key[:1].isalpha():
        k += 1
    if k >= len(toks) or toks[k].end > e:
        return False
    doc = source_vocab()["document"]
    last = _tok_index(toks, e) - 1
    if last > k and toks[last].key in _DOC_ISSUED:
        return False  # "التقرير الصادر" cut before "عن X": the issuer is elsewhere, not the document alone
    return any(c.startswith("ال") and c[2:] in doc for c in clitic_variants(toks[k].key)) or (
        toks[k].key.startswith("ال") and toks[k].key[2:] in doc)


_RELATIVE = frozenset(("الذي", "التي", "والذي", "والتي", "الذين", "اللذين", "اللتين"))


def _relative_antecedent(text: str, toks: list[Token], mentions: Sequence[dict], kv: int, k_lo: int) -> tuple[int, int] | None:
    """The speaker of a reporting verb in a relative clause or with a "في + pronoun" object: the
    phrase the clause hangs on. ``بيان الجيش والذي ذكر:`` → ``بيان الجيش``; ``منهم محمد عبدالواحد،
    الذي شرح`` → the name; ``بياناً لوزارة النقل الروسية قالت فيه:`` → the ministry."""
    if kv - 1 >= k_lo and toks[kv - 1].key in _RELATIVE:
        anchor = kv - 1
    elif kv + 1 < len(toks) and toks[kv + 1].key in ("فيه", "فيها"):
        anchor = kv
    else:
        return None
    a = anchor
    while a - 1 >= k_lo and toks[a - 1].key in ("،", ","):
        a -= 1
    if a <= k_lo:
        return None
    end = toks[a - 1].end
    for m in reversed(candidates_between(mentions, toks[max(k_lo, a - 6)].start, end)):
        if m["end"] == end or (m["end"] <= end and not text[m["end"]:end].strip()):
            if m.get("entity_type") in _PERSON + ("ORG",):
                return m["start"], m["end"]
    for j in range(min(4, a - k_lo), 0, -1):
        verdict = check_speaker(text, toks, mentions, toks[a - j].start, end)
        if verdict is not None and verdict[0] in ("named", "anonymous"):
            return verdict[1]
    return None


#: Speech nouns whose author is named right after them (``بتهديد الرئيس … بأن "…"``, ``تصريح الوزير أن``).
_SPEECH_NOUNS = frozenset(normalize_key(w) for w in (
    "تهديد", "تصريح", "تصريحات", "قول", "دعوة", "تأكيد", "إعلان", "تحذير", "وعد", "اتهام", "تعهد", "مطالبة"))


def _speech_noun_owner(toks: list[Token], mentions: Sequence[dict], s0: int, qs: int) -> tuple[int, int] | None:
    """A PERSON/ORG named right after a speech noun, the noun and the name ending just before
    ``بأن/أن/إن "…"``: the author of the words quoted."""
    kq = _tok_index(toks, qs - 1)
    k = kq - 1
    if k < 0 or toks[k].key not in _THAT:
        return None
    for m in candidates_between(mentions, max(s0, toks[k].start - MAX_MENTION_CHARS), toks[k].start):
        if m.get("entity_type") not in _PERSON + ("ORG",) or not (s0 <= m["start"] and 0 <= toks[k].start - m["end"] <= 2):
            continue
        x = _tok_index(toks, m["start"]) - 1
        while x >= 0 and toks[x].start >= s0 and x > k - 8 and not any(c in _SPEECH_NOUNS for c in clitic_variants(toks[x].key)):
            if not toks[x].key[:1].isalpha() or _is_verb(toks[x]):
                return None
            x -= 1
        if x >= 0 and toks[x].start >= s0 and any(c in _SPEECH_NOUNS for c in clitic_variants(toks[x].key)):
            # the role words between the noun and the name belong to the speaker phrase
            return toks[x + 1].start, m["end"]
    return None


#: Ninth session: citation source kinds that relay words rather than say them (a cue after the quote naming them is not
#: the speaker's name).
_RELAY_KINDS = frozenset(("news_agency", "media"))
#: Ninth session: "that" with a pronoun (``إنه``, ``أنها``): a verb after it in ``وقال إنه يعتبر`` has the pronoun as subject.
_PRONOUN_THAT = frozenset(("انه", "انها", "بانه", "بانها", "انهم", "بانهم"))
#: Ninth session: a comma, a cue and a word right after a quote (``"…"، وفق المنظمة``).
_ROLE_AFTER = re.compile(r"\s*[،,]\s*[وف]?(?:بحسب|حسب|وفقا ل|وفقاً ل|وفق)\s*(\w+)")
#: Ninth session: prepositional cues after a quote (``بحسب``, ``حسب``, ``وفقا لـ``, ``طبقا لـ``), not a reporting verb.
_PREP_CUE = re.compile(r"\s*[وف]?(?:بحسب|حسب|وفق|طبقا)")
_SUBJUNCTIVE = frozenset(normalize_key(w) for w in ("أن", "لن", "كي", "لكي", "لم"))
_CAME = frozenset(normalize_key(w) for w in ("جاء", "وجاء", "ورد", "وورد"))
#: Documents that words "came in" (``وجاء في بيان/تقرير …``).
_DOCUMENTS = frozenset(normalize_key(w) for w in (
    "بيان", "البيان", "تقرير", "التقرير", "ملخص", "رسالة", "الرسالة", "نص", "وثيقة", "الوثيقة", "بيانها", "بيانه",
    "تقريرها", "تقريره", "رسالتها", "رسالته"))


_ISSUED_IT = frozenset(normalize_key(w) for w in ("أصدره", "أصدرته", "أصدرها", "نشره", "نشرته", "نشرها"))


def _came_in(text: str, toks: list[Token], mentions: Sequence[dict], s0: int, qs: int) -> tuple[int, int] | None:
    """Speaker of ``وجاء في (ملخص) تقرير X … أن "…"``: the first organisation or person named in the
    few words after the document noun, else the document phrase itself (``البيان``, resolved later)."""
    k0 = _tok_index(toks, s0)
    while k0 < len(toks) and not toks[k0].key[:1].isalpha():
        k0 += 1
    if k0 + 2 >= len(toks) or toks[k0].key not in _CAME or toks[k0 + 1].key != "في":
        return None
    kq = _tok_index(toks, qs - 1)
    doc = next((x for x in range(k0 + 2, min(k0 + 5, kq)) if toks[x].key in _DOCUMENTS), None)
    if doc is None:
        return None
    lim = toks[min(doc + 7, kq) - 1].end
    named = [m for m in candidates_between(mentions, toks[doc].start, lim)
             if m["start"] >= toks[doc].start and m["end"] <= lim and m.get("entity_type") in _PERSON + ("ORG",)]
    if named:
        return named[0]["start"], named[0]["end"]
    end = doc + 1
    while end < kq and toks[end].key in _DOCUMENTS:
        end += 1  # "ملخص تقرير"
    if end < kq and toks[end].key in _ISSUED_IT:
        end += 1  # sixth session: "وجاء في بيان أصدره المجلس": the issuer after the verb
    if end < kq and toks[end].key.startswith("ال") and toks[end].key not in ("الصادر", "الصادره", "الذي", "التي"):
        return toks[end].start, toks[end].end  # "تقرير المنظمة": the issuer, an anaphor resolved later
    return None  # "وجاء في التقرير": the issuer is not named here (never the previous speaker; the document
    # itself was tried in the sixth session: the golds name the issuer there, 2 wrong for 0 right on A–P)


def _fragment_subject(text: str, toks: list[Token], mentions: Sequence[dict], s0: int, pos: int,
                      quoted: Sequence[tuple[int, int]], roles: bool = False) -> tuple[int, int] | None:
    """Subject of a verb-first clause that carries a quoted fragment but no speech verb: the
    PERSON/ORG/country phrase right after the clause's first word (or after ``كان``/``قد``).
    None when the clause does not open with a verb-like word (a preposition, a definite noun, a
    name) or its subject cannot speak. With ``roles`` (ninth session), a bare definite role head (``وأعربت المنظمة عن
    "قلق بالغ"``) is returned too, for the caller to resolve to the body or person it refers to."""
    k0 = _tok_index(toks, s0)
    while k0 < len(toks) and not toks[k0].key[:1].isalpha() and toks[k0].start < pos:
        k0 += 1
    if k0 >= len(toks) or toks[k0].start >= pos:
        return None
    w0 = toks[k0].key
    bare = w0[1:] if len(w0) > 3 and w0[0] in "وف" else w0
    if bare.startswith("ال") or bare in _NOT_ANTECEDENT or bare in _NOT_VERB_OPENERS or len(bare) < 3:
        return None
    if any(m["start"] <= toks[k0].end and m["end"] > toks[k0].start for m in candidates_between(mentions, toks[k0].start, toks[k0].end)):
        return None  # the clause opens with a name: not a verb
    subj = clause_subject(text, toks, mentions, s0, min(pos, toks[k0].end + FRAGMENT_SUBJECT_WINDOW), quoted)
    if subj is None:
        return None
    k_subj = _tok_index(toks, subj[0])
    between = [t for t in toks[k0 + 1 : k_subj] if t.key[:1].isalpha()]
    if between and _role_head(between[0]) and k_subj - k0 <= 10 and not any(t.key in _NOT_ANTECEDENT for t in between[:1]):
        subj = (between[0].start, subj[1])  # "ورحبت مندوبة الولايات المتحدة … نيكي هايلي": role phrase + name
    elif len(between) > 1 or any(t.key not in ("قد", "كان", "كانت") for t in between):
        return None  # the subject is not right after the verb
    verdict = check_speaker(text, toks, mentions, *subj)
    if roles and verdict is not None and verdict[0] == "role":
        return verdict[1]
    if verdict is None or verdict[0] not in ("named", "anonymous"):
        return None
    # evidence that the subject can speak: an entity mention, or a source/role head — not a guessed name
    if not any(m.get("entity_type") in _PERSON + ("ORG",) or m.get("subtype") == "country"
               for m in candidates_between(mentions, subj[0], subj[1]) if m["start"] >= subj[0] and m["end"] <= subj[1]):
        head = toks[_tok_index(toks, subj[0])]
        voc = source_vocab()
        if not any(c in voc["anonymous"] or c in voc["official"] or c in voc["media_heads"] or c in voc["agency_heads"]
                   or c in voc_roles() for c in clitic_variants(head.key)):
            return None
    return verdict[1]


def _role_head(tok: Token, indefinite: bool = False) -> bool:
    """A source or role head noun, also in the feminine (``مندوبة`` for ``مندوب``); with ``indefinite``, also the
    indefinite form of a head listed with its article (``مرشح`` for ``المرشح``)."""
    voc = source_vocab()
    for c in clitic_variants(tok.key):
        for f in (c, c[:-1]) if c.endswith("ه") and len(c) > 4 else (c,):
            if f in voc["anonymous"] or f in voc["official"] or f in voc_roles():
                return True
            if indefinite and not f.startswith("ال") and len(f) > 3 and "ال" + f in voc_roles():
                return True  # ninth session: 'مرشح' for the listed 'المرشح'
    return False


_NOT_VERB_OPENERS = frozenset(normalize_key(w) for w in (
    "إن", "أن", "لكن", "كما", "حيث", "إذ", "إذا", "لو", "بعد", "قبل", "منذ", "خلال", "أما", "ثم", "هذا", "هذه", "ذلك",
    "تلك", "هو", "هي", "هم", "عندما", "بينما", "فيما", "وسط", "رغم", "يذكر", "يشار", "يأتي", "تأتي", "جاء", "وجاء"))


def _in_reported_content(text: str, toks: list[Token], kv: int, k_lo: int) -> bool:
    """Tenth session: the verb at ``kv`` stands inside the content clause of an earlier speech verb of its sentence
    (``قالت بوبليت إن الرئيس الروسي فلاديمير بوتن كشف عن …``, ``… إن الرئيس دونالد ترامب أعلن أنه …``): a verb, then
    ``إن/أن``, then this verb, with no sentence end (a full stop, ``!``, ``؟`` or a line break) between."""
    seen_that = False
    for j in range(kv - 1, max(k_lo, kv - 40) - 1, -1):
        if toks[j].key in (".", "!", "؟", "?") or "\n" in text[toks[j].end:toks[j + 1].start]:
            return False
        if toks[j].key in _THAT:
            seen_that = True
        elif seen_that and _is_verb(toks[j]):
            return True
    return False


def _antecedent(text: str, toks: list[Token], mentions: Sequence[dict], qs: int,
                prev: dict | None, cue_spans: Sequence[tuple[int, int]] = (),
                prev_sentence: tuple[int, int] | None = None) -> tuple[tuple[int, int] | None, str | None]:
    """Who "وأضاف" / "وقال إن" refers to: the subject of the latest reporting clause before the
    quote (``وقال ترامب إن …`` then ``وأضاف "…"``) or the previous quote's speaker, whichever
    is closer, within :data:`PREVIOUS_WINDOW` characters; (None, None) when neither is found."""
    best_pos, best, ent = -1, None, None
    if prev is not None and prev["speaker_start"] is not None and qs - prev["end"] < PREVIOUS_WINDOW:
        best_pos, best, ent = prev["start"], (prev["speaker_start"], prev["speaker_end"]), prev["speaker_entity_id"]
    lo = max(0, qs - PREVIOUS_WINDOW)
    k_lo = _tok_index(toks, lo)
    quoted = [(a, b) for a, b, _ in _quote_spans(text) if lo < b <= qs]
    for kv in range(_tok_index(toks, qs) - 1, k_lo - 1, -1):
        if toks[kv].start <= best_pos:
            break
        if not _is_verb(toks[kv]) or any(a <= toks[kv].start < b for a, b in cue_spans):
            continue  # "حسبما يقول X" attributes a claim; it does not open a speech clause
        if any(a <= toks[kv].start < b for a, b in quoted):
            continue  # a reporting verb inside an earlier quotation is the quoted speaker's words, not a clause of the article
        if _in_reported_content(text, toks, kv, k_lo):
            continue  # tenth session: "قالت بوبليت إن بوتن كشف عن …": the content's subject is not whom وأضافت refers to
        subj = subject_before(text, toks, mentions, lo, toks[kv].start)
        if subj is None:
            end_k = kv + 1
            while end_k < len(toks) and end_k - kv <= 8 and toks[end_k].key[:1].isalpha() \
                    and toks[end_k].key not in ("ان", "انه", "انها", "بان", "في") and toks[end_k].start < qs:
                end_k += 1
            cand = _speaker_from_region(text, toks, mentions, kv + 1, end_k)
            verdict = check_speaker(text, toks, mentions, *cand) if cand else None
            if verdict is not None and verdict[0] in ("named", "anonymous"):
                subj = verdict[1]
            elif verdict is not None and verdict[0] == "anaphor":
                # "وأوضحت الوكالة أن …، وأضافت أن "…"": the body named earlier (same head), not an older subject
                subj = resolve_antecedent(text, toks, mentions, verdict[1], None, same_head_only=True)
        if subj is not None:
            best_pos, best, ent = toks[kv].start, subj, _entity(mentions, *subj)
            break
    # the subject of the sentence just before, when it comes after that clause: "ورحبت مندوبة الولايات
    # المتحدة … نيكي هايلي بالعقوبات. وقالت إنه «…»" — the pronoun refers to the latest subject
    if prev_sentence is not None and prev_sentence[0] > best_pos and qs - prev_sentence[0] < PREVIOUS_WINDOW:
        subj = _fragment_subject(text, toks, mentions, prev_sentence[0], min(prev_sentence[1], qs), ())
        if subj is not None and _kind_of(toks, mentions, *subj) == "named":
            return subj, _entity(mentions, *subj)
    # a press review: 'صحيفة "العرب" سلطت الضوء … . وتشرح بأن "…"' — the outlet of the paragraph
    outlet = _outlet_opener(text, max(lo, best_pos + 1), qs)
    if outlet is not None:
        return outlet, _entity(mentions, *outlet)
    # a person named after that (not in a prepositional phrase, not the subject of reported
    # content after إن/أن) is the one now talking: "… دفع رئيس الوزراء السوداني إلى … وأضاف «…»"
    if best is not None and qs - best_pos < RECENT_PERSON_WINDOW:
        return best, ent  # a reporting clause close by wins over persons named inside its content
    k_lo2 = _tok_index(toks, max(0, qs - RECENT_PERSON_WINDOW))
    near = candidates_between(mentions, qs - RECENT_PERSON_WINDOW - MAX_MENTION_CHARS, qs)
    for m in reversed([m for m in near if m["end"] <= qs and qs - m["end"] < RECENT_PERSON_WINDOW
                       and m["start"] > best_pos and m.get("entity_type") in _PERSON]):
        k = _tok_index(toks, m["start"]) - 1
        if (k >= k_lo2 and toks[k].key in _NOT_ANTECEDENT) or in_recipient(toks, m, k_lo2):
            continue
        if any(qa <= m["start"] < qb for qa, qb, _ in _quote_spans(text) if qb <= qs):
            continue
        return (m["start"], m["end"]), m.get("entity_id")
    return best, ent


#: A press review's paragraph opener: an outlet head and its name in quotation marks (``صحيفة "العرب" سلطت …``).
_OUTLET_OPENER = re.compile(r'(?m)^[ \t]*(?:صحيفة|جريدة|مجلة|موقع|صحيفتا)\s+["«“]([^"»”\n]{1,40})["»”]')
_OUTLET_HEADS = frozenset(normalize_key(w) for w in ("الصحيفة", "الجريدة", "المجلة", "الموقع", "وتقول", "وتضيف", "وتشرح"))


def _outlet_opener(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The last press-review opener (``صحيفة "X"`` at the start of a line) in ``[lo, hi)``: the
    outlet that ``وتقول الصحيفة`` / ``وتشرح بأن`` in the following lines refers to."""
    last = None
    for m in _OUTLET_OPENER.finditer(text, lo, hi):
        last = (m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end())
    return last


_NOT_ANTECEDENT = frozenset(("في", "على", "عن", "من", "مع", "الى", "ضد", "ان", "انه", "بان", "لان", "ل", "ب"))


def _pronominal(toks: list[Token], s: int, e: int) -> bool:
    """Only a verb/participle, a preposition + pronoun (``فيها``) or nothing stands where the
    subject should be: the speaker is the one already talking."""
    words = [t for t in toks[_tok_index(toks, s) : _tok_index(toks, e)] if t.key[:1].isalpha()]
    return all(is_participle(t) or _is_verb(t) or t.key in _PRONOUN_WORDS for t in words)


_PRONOUN_WORDS = frozenset(("فيها", "فيه", "فيهم", "عليها", "عليه", "منها", "منه", "بها", "به", "ان", "انه", "انها", "الي", "القول",
                            "بان", "بانه", "بانها", "ايضا", "قائلا", "هو", "هي", "كذلك", "للصحفيين", "من", "علي", "عن"))


def _confidence(row: dict, mentions: Sequence[dict], how: str, by_citation: bool, inferred: bool = False) -> float:
    """How much to trust a quote row: by speaker evidence (:data:`CONFIDENCE`), lower for
    unmarked colon quotes and for speakers known only through a citation cue."""
    kind = row["speaker_kind"]
    if kind == "named" and row["speaker_start"] is not None and any(
        m["start"] >= row["speaker_start"] and m["end"] <= row["speaker_end"] and m.get("entity_type") in _PERSON + ("ORG",)
        for m in candidates_between(mentions, row["speaker_start"], row["speaker_end"])
    ):
        conf = CONFIDENCE["entity"]
    elif kind == "previous" and row["speaker_start"] is None:
        conf = CONFIDENCE["unknown"]
    else:
        conf = CONFIDENCE[kind]
    if inferred and kind == "named":
        conf = CONFIDENCE["inferred"]
    if how == "colon":
        conf -= 0.1
    if by_citation:
        conf -= 0.05
    return round(conf, 2)
