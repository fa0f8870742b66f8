"""Who can speak: validation and resolution of quote speakers, and quoted names that are not speech.

A quote speaker must be a person or an organisation. :func:`check_speaker` accepts a
candidate phrase when it

* contains a PERSON or ORG entity mention (the entity extractor's spans, any method),
* opens with a country (LOC mention of subtype ``country``: ``قالت تركيا``),
* is an outlet (``وكالة الأنباء العراقية``, ``صحيفة "حرييت"`` — the quoted name is taken in),
* is headed by an anonymous-source noun (``مصادر``, ``مسؤول أمريكي``) or a role noun
  (``المتحدث باسم الجيش``, ``وزير الخارجية الروسي``, ``المحامي``; ``vocab/sources.yaml``:
  ``official_heads`` + ``speaker_role_heads``).

A bare definite head that refers back (``الوزارة``, ``الصحيفة``, ``الجيش``) or a document
(``البيان``, ``التقرير``) is *resolved* to the organisation or person named earlier
(:func:`resolve_antecedent`); common nouns, verbs, participles (``قائلا``) and
preposition + pronoun words (``فيها``) are rejected. :func:`is_name_quote` recognises
quoted names and terms (``تنظيم "داعش"``, ``مراسل "العربية"``, ``"حرييت" التركية``).
"""

from __future__ import annotations

import re

from collections.abc import Sequence
from functools import lru_cache

from pipeline.extract.citations import clitic_variants, find_outlet, source_vocab
from pipeline.extract.quantities import Token, gentilic_entity
from pipeline.extract.spans import candidates_between
from pipeline.extract.vocab import load_vocab
from pipeline.text.normalize import normalize_key

__all__ = [
    "PERSON_TYPES", "SPEAKER_TYPES", "NAME_QUOTE_MAX_WORDS", "MIN_QUOTE_WORDS",
    "speaker_vocab", "is_participle", "is_name_quote", "check_speaker", "resolve_antecedent",
    "in_recipient", "subject_before", "speaker_extent", "subject_np_before", "speech_noun_owner", "glued_preposition",
]

PERSON_TYPES = ("PERSON", "PER")
SPEAKER_TYPES = PERSON_TYPES + ("ORG",)
#: A quote right after a name head (``صحيفة``, ``تنظيم`` …) with at most this many words is a name.
NAME_QUOTE_MAX_WORDS = 6
#: Quotes shorter than this (in words) are names or terms ("الإرهابيين"، "خلافة"), never speech.
MIN_QUOTE_WORDS = 2
_QUANT = frozenset(normalize_key(w) for w in ("العديد", "عدد", "عدة", "بعض", "أحد", "احد", "إحدى", "كبار", "من",
                                              "أكثر", "أقل", "نحو", "حوالي"))  # "أكثر من 250 عالما": a quantity, not a name
_WAW_VERB = frozenset(normalize_key(w) for w in ("قد", "كان", "وكان", "فقد", "وقد", "لقد", "كانت", "وكانت"))
_NOT_RECIPIENT = frozenset(normalize_key(w) for w in ("لكن", "لكنه", "لكنها", "لدى", "لذلك", "لأن", "لقد", "ليس", "ليست", "لاحقا", "لاسيما", "لهذا"))
_NOT_SUBJECT_PREP = frozenset(normalize_key(w) for w in (
    "في", "على", "عن", "من", "مع", "إلى", "الى", "ضد", "بين", "أمام", "حول", "لدى", "عند", "بعد", "قبل", "منذ"))


@lru_cache(maxsize=1)
def is_preposition(key: str) -> bool:
    """A preposition that keeps what follows from being a subject, also with a و/ف clitic (``وعلى``)."""
    return key in _NOT_SUBJECT_PREP or (len(key) > 2 and key[0] in "وف" and key[1:] in _NOT_SUBJECT_PREP)


@lru_cache(maxsize=1)
def speaker_vocab() -> dict[str, frozenset[str]]:
    """Normalized speaker vocabularies (single words and two-word phrases as ``'a b'``)."""
    voc = load_vocab("sources")
    keys = lambda name: frozenset(normalize_key(w) for w in voc[name])  # noqa: E731
    return {
        "roles": keys("official_heads") | keys("speaker_role_heads") | keys("speaker_collectives"),
        "name_heads": keys("name_heads"),
        "participles": keys("speech_participles") | keys("speech_participles_more"),
        # quote attribution (quotes.py): verbs whose definite next word is their subject, words that are never that
        # subject, openers of a clause with a fronted subject, words a cut name is never completed over
        "intransitive_say": keys("intransitive_say_verbs"),
        "not_subject": keys("not_subject_words"),
        "fronting": keys("fronting_openers"),
        "not_surname": keys("not_surname_words"),
        "partitive": keys("partitive_heads"),
        "body_heads": keys("body_heads"),  # twelfth session: quotes.py _body_name
        # eleventh session: labels in quotation marks (quotes.py: _label_quote)
        "label_designation": keys("label_designation_words"),
        "label_designation_nouns": keys("label_designation_nouns"),
        "label_cue": keys("label_cue_words"),
        "label_heads": keys("label_heads"),
    }


def _variants(tok: Token) -> tuple[str, ...]:
    return clitic_variants(tok.key)


def is_participle(tok: Token) -> bool:
    """``قائلا``, ``مضيفا``, ``بالقول``: a speech participle (never a speaker)."""
    key = tok.key
    forms = (key, key[1:]) if key[:1] in "وف" and len(key) > 3 else (key,)
    return any(c in speaker_vocab()["participles"] for c in forms)  # never article-stripped: اللافتة is a noun


def token_index(toks: Sequence[Token], pos: int) -> int:
    """Index of the first token that ends after ``pos`` (binary search; tokens are in text order)."""
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


_tok_index = token_index


def _word(tok: Token) -> bool:
    return tok.key[:1].isalpha() or tok.is_digit


def _prev_word(toks: Sequence[Token], pos: int) -> int | None:
    """Index of the last word token ending at or before ``pos``."""
    k = _tok_index(toks, pos) - 1
    while k >= 0 and not _word(toks[k]):
        k -= 1
    return k if k >= 0 else None


def _definite(tok: Token) -> bool:
    return any(c.startswith("ال") for c in clitic_variants(tok.key)[:3] if c != tok.key or tok.key.startswith("ال"))


#: Name heads that also introduce speech when possessed (``في كلمته "…"`` is a speech, not a name).
_SPEECH_HEADS = frozenset(normalize_key(w) for w in (
    "كلمة", "عبارة", "شعار", "شعارات", "عنوان", "لافتة", "لافتات", "وصف", "تسمية", "اسم", "رسالة", "قصيدة", "حساب", "مقال"))


#: Indefinite role heads in the construct state: a short quote right after one is the name of a body.
_ORG_ROLE_HEADS = frozenset(normalize_key(w) for w in ("قائد", "رئيس", "زعيم", "مؤسس", "عضو", "أمين"))


def _possessed(key: str) -> str:
    """The noun under a possessive suffix (``مبادرتها`` → ``مبادره``), or ``""``."""
    for suf in ("هما", "هم", "ها", "ه"):
        if key.endswith(suf) and len(key) - len(suf) >= 3:
            stem = key[: -len(suf)]
            return stem[:-1] + "ه" if stem.endswith("ت") else stem
    return ""


_COORDINATED_QUOTE = re.compile(r'["»”]\s*،?\s*و\s*$')


def is_name_quote(text: str, toks: Sequence[Token], mentions: Sequence[dict], qs: int, qe: int) -> bool:
    """Is the quoted stretch ``text[qs:qe]`` a name or term rather than speech?

    True for quotes of fewer than :data:`MIN_QUOTE_WORDS` words, and for short quotes (at most
    :data:`NAME_QUOTE_MAX_WORDS` words) right after a name head (``صحيفة "حرييت"``,
    ``تنظيم "الدولة الإسلامية"``, ``لافتات كتب عليها "…"``), right before a nationality
    adjective (``"تاس" الروسية``), or that are exactly an entity mention.
    """
    words = text[qs:qe].split()
    if len(words) < MIN_QUOTE_WORDS:
        return True
    if len(words) > NAME_QUOTE_MAX_WORDS:
        return False
    prev = _COORDINATED_QUOTE.search(text, max(0, qs - 1 - 6), qs - 1)
    if prev is not None:
        # 'تحرير "جبل الصفراء" و"وادي الحمراء"': a short quote joined by و to a quoted name is a name too
        close = prev.start()
        open_ = text.rfind(text[close], max(0, close - 80), close) if text[close] == '"' else text.rfind("«", max(0, close - 80), close)
        if open_ >= 0 and is_name_quote(text, toks, mentions, open_ + 1, close):
            return True
    k = _prev_word(toks, qs - 1)
    if k is not None and qs - 1 - toks[k].end <= 3 and not text[toks[k].end : qs - 1].strip():
        heads = speaker_vocab()["name_heads"]
        # an indefinite head names what follows (تنظيم "داعش"); a definite one does not (الجيش "…")
        if not _definite(toks[k]) and any(c in heads for c in _variants(toks[k])):
            return True
        if toks[k].key in ("ل", "ب") and k > 0 and any(c in heads for c in _variants(toks[k - 1])):
            return True  # "لصحيفة لـ"…"" is rare; "مراسل لـ"…"" too
        if any(c in _ORG_ROLE_HEADS for c in _variants(toks[k])):
            return True  # 'قائد "فيلق القدس"', 'رئيس "حزب …"': the head of a named body
        if any(_possessed(c) in heads - _SPEECH_HEADS for c in _variants(toks[k])):
            return True  # 'بمبادرتها "الحزام والطريق"', 'حملته "…"': a head with a possessive names what follows
        if _charge_title(toks, k):
            return True  # ninth session: 'بتهمة "…"', 'واتهامهم بـ"…"', 'بتهمة ارتكاب "…"': the title of a charge
    j = _tok_index(toks, qe + 1)
    while j < len(toks) and not _word(toks[j]) and toks[j].start - qe <= 3:
        j += 1
    if j < len(toks) and toks[j].start - qe <= 3 and gentilic_entity(toks[j].key)[0] and not (
            k is not None and toks[k].key in _CONTENT_OPENERS and qs - 1 - toks[k].end <= 3):
        # '"تاس" الروسية': a name before a nationality adjective — but never a content clause after إن/أن (ninth
        # session: 'وأوضح X أن "القيادة ستتخذ التدابير الكافية لحماية" الفلسطينيين': speech, then a noun)
        return True
    return any(abs(m["start"] - qs) <= 1 and abs(m["end"] - qe) <= 1 for m in candidates_between(mentions, qs - 1, qs + 1))


#: Ninth session: charge nouns (``بتهمة``, ``اتهامهم``) — a short quote right after one (or after its بـ or ``ارتكاب``)
#: names the charge, it reports no words (the judging convention of samples E, J, N, V).
_CHARGE_NOUNS = frozenset(normalize_key(w) for w in (
    "تهمة", "تهم", "بتهمة", "بتهم", "بتهمتي", "تهمتي", "اتهام", "الاتهام", "اتهاما", "اتهامه", "اتهامها", "اتهامهم",
    "باتهام", "الاتهامات", "اتهامات"))
_CHARGE_LINKS = frozenset(normalize_key(w) for w in ("ب", "ارتكاب", "بارتكاب"))


def _charge_title(toks: Sequence[Token], k: int) -> bool:
    """The word ``k`` right before a quotation mark is a charge noun, or بـ/``ارتكاب`` with a charge noun at most two
    words before it, with no punctuation between (``بتهمة "…"``, ``وجه الاتهام لموكله بـ"…"``)."""
    def charge(t: Token) -> bool:
        key = t.key[1:] if len(t.key) > 4 and t.key[0] in "وف" else t.key
        return key in _CHARGE_NOUNS
    if charge(toks[k]):
        return True
    if toks[k].key not in _CHARGE_LINKS:
        return False
    for x in range(k - 1, max(-1, k - 3), -1):
        if not _word(toks[x]):
            return False
        if charge(toks[x]):
            return True
    return False


def in_recipient(toks: Sequence[Token], m: dict, lo: int) -> bool:
    """The mention sits in a 'to …' phrase after the verb (``قال لنظيره الروسي فلاديمير بوتين``,
    ``صرح لرويترز``): the ل is glued to the mention's first word, or a ل-prefixed noun comes at
    most three words before it (no punctuation between), from token ``lo`` on."""
    k = _tok_index(toks, m["start"])
    if k < len(toks) and m["start"] > toks[k].start and toks[k].key.startswith("ل") and not toks[k].key.startswith("ال"):
        return True  # لرويترز، للرئيس … (the mention starts after the clitic)
    for x in range(k - 1, max(lo, k - 3) - 1, -1):
        key = toks[x].key
        if not _word(toks[x]):
            if key in ('"', "«", "“", "”", "»"):
                continue
            return False
        if key == "ل":
            return True  # لـ"سكاي نيوز"
        if key in _NOT_SUBJECT_PREP:
            return False
        if key.startswith("ل") and not key.startswith("ال") and len(key) > 3 and key not in _NOT_RECIPIENT:
            return True
    return False


def _mentions_in(mentions: Sequence[dict], s: int, e: int, types: tuple[str, ...]) -> list[dict]:
    return [m for m in candidates_between(mentions, s, e) if m["start"] >= s and m["end"] <= e
            and m.get("entity_type") in types]


def _country_at(mentions: Sequence[dict], s: int, e: int) -> dict | None:
    for m in candidates_between(mentions, s, s + 2):
        if m.get("entity_type") == "LOC" and m.get("subtype") == "country" and s <= m["start"] <= s + 2 and m["end"] <= e:
            return m
    return None


def _head(toks: Sequence[Token], s: int, e: int) -> int | None:
    k = _tok_index(toks, s)
    while k < len(toks) and toks[k].start < e and (toks[k].key in _QUANT or not _word(toks[k])):
        k += 1
    return k if k < len(toks) and toks[k].start < e else None


def _in(vocab: frozenset[str], toks: Sequence[Token], k: int, e: int) -> bool:
    cands = _variants(toks[k])
    if k + 1 < len(toks) and toks[k + 1].end <= e:
        cands = cands + tuple(f"{c} {toks[k + 1].key}" for c in cands)
    return any(c in vocab for c in cands)


def _names_person(text: str, toks: Sequence[Token], mentions: Sequence[dict], k: int) -> bool:
    """Token ``k`` is a word of a PERSON/ORG name mentioned elsewhere in the document
    (``رايدر`` after ``اللواء بات رايدر``): a short back-reference the tagger did not mark."""
    key = toks[k].key
    if len(key) < 3:
        return False
    later, first = _name_words(text, mentions)
    return key in later or key in first


_NAME_WORDS: list = [None, None, 0, (frozenset(), frozenset())]


def _name_words(text: str, mentions: Sequence[dict]) -> tuple[frozenset[str], frozenset[str]]:
    """Words of the document's multi-word PERSON/ORG names: every word after the first, and the first
    word of PERSON names — computed once per document (the list last seen), not once per question."""
    last_text, last_rows, n, words = _NAME_WORDS
    if last_text is text and last_rows is mentions and n == len(mentions):
        return words
    later, first = set(), set()
    for m in mentions:
        if m.get("entity_type") in SPEAKER_TYPES:
            ws = normalize_key(text[m["start"]:m["end"]]).split()
            if len(ws) > 1:
                later.update(ws[1:])
                if m.get("entity_type") in PERSON_TYPES:
                    first.add(ws[0])
    words = (frozenset(later), frozenset(first))
    _NAME_WORDS[:] = [text, mentions, len(mentions), words]
    return words


def check_speaker(
    text: str, toks: Sequence[Token], mentions: Sequence[dict], s: int, e: int
) -> tuple[str, tuple[int, int]] | None:
    """Classify a candidate speaker span ``text[s:e]``.

    Returns ``(verdict, span)`` where verdict is ``"named"`` (a PERSON/ORG mention, a country,
    an outlet, a role phrase), ``"anonymous"`` (an unnamed source), ``"role"`` (a bare definite
    role head such as ``الوزارة``/``الوزير`` — resolve it with :func:`resolve_antecedent`, keep
    it when nothing fits), ``"anaphor"`` (a document or bare outlet head, ``البيان``,
    ``الصحيفة`` — resolve it or drop it), or ``None``
    when the phrase cannot speak (common noun, verb, participle, pronoun). The span may grow
    over a quoted outlet name (``صحيفة "حرييت"``).
    """
    if s is None or e is None or e <= s:
        return None
    inside = _mentions_in(mentions, s, e, SPEAKER_TYPES)
    if inside and inside[0]["start"] > s + 1:
        k = _head(toks, s, inside[0]["start"])
        if k is not None and toks[k].end <= inside[0]["start"]:
            svoc = source_vocab()
            heads = svoc["official"] | svoc["anonymous"] | svoc["media_heads"] | svoc["agency_heads"] | speaker_vocab()["roles"]
            doc = any(c in svoc["document"] for c in _variants(toks[k]))
            if doc or (_definite(toks[k]) and not _in(heads, toks, k, e)):
                # "التقرير السنوي لمنظمة الصحة العالمية", "السنوي للمفوضية …": the organisation speaks
                return "named", (inside[0]["start"], inside[0]["end"])
    if inside or _country_at(mentions, s, e):
        last = max(inside, key=lambda m: m["end"]) if inside else None
        if last is not None and last["end"] < e:
            j = _tok_index(toks, last["end"])
            if j < len(toks) and toks[j].key.startswith("ل") and not toks[j].key.startswith("ال"):
                return "named", (s, last["end"])  # "وودورد لترامب": the recipient is not part of the speaker
        return "named", (s, e)
    k = _head(toks, s, e)
    if k is not None and _names_person(text, toks, mentions, k):
        return "named", (s, e)
    if k is None:
        return None
    svoc, voc = source_vocab(), speaker_vocab()
    tok = toks[k]
    if is_participle(tok):
        return None
    heads = svoc["media_heads"] | svoc["agency_heads"]
    if _in(heads, toks, k, e):  # also two-word heads: "وسائل الإعلام الإسبانية"
        # صحيفة "حرييت" / وكالة الأنباء الفرنسية / قناة العربية: a named outlet
        j = k + 1
        if j < len(toks) and toks[j].key in ('"', "«", "“") and toks[j].start - tok.end <= 2:
            close = text.find({'"': '"', "«": "»", "“": "”"}[toks[j].key], toks[j].end)
            if 0 < close - toks[j].end <= 40 and "\n" not in text[toks[j].end:close]:
                return "named", (s, close + 1)
        out = find_outlet(toks, k, len(toks))
        if out is not None and out[0] > k + 1 and toks[out[0] - 1].end <= max(e, toks[k].end) + 40:
            if out[0] - 1 > k and toks[out[0] - 1].end <= e:
                return "named", (s, e)
            if _mentions_in(mentions, toks[k + 1].start, toks[out[0] - 1].end, SPEAKER_TYPES):
                return "named", (s, toks[out[0] - 1].end)
        if toks[k].end >= e or all(not _word(t) for t in toks[k + 1:_tok_index(toks, e)]):
            return "anaphor", (s, e)  # "الصحيفة", "صحيفة" alone
        return "named", (s, e)
    if find_outlet(toks, k, _tok_index(toks, e)) is not None:
        return "named", (s, e)
    if any(c in svoc["anonymous"] for c in _variants(tok)):
        return "anonymous", (s, e)
    if any(c in svoc["document"] for c in _variants(tok)):
        # "بيان الخارجية السعودية", "التقرير الصادر عن الحركة …": the issuer follows the document head
        j = k + 1
        if j + 1 < len(toks) and toks[j].key == "من" and toks[j + 1].key in _ADVERBIAL_SIDES:
            return "anaphor", (s, toks[k].end)  # "وأوضح البيان من جهة أخرى": an adverbial, not the issuer
        while j < len(toks) and toks[j].end <= e and toks[j].key in _DOC_LINKERS:
            j += 1
        if j < len(toks) and toks[j].end <= e and _word(toks[j]):
            rest = check_speaker(text, toks, mentions, toks[j].start, e)
            if rest is not None and rest[0] in ("named", "role"):
                issuer = _mentions_in(mentions, *rest[1], SPEAKER_TYPES)
                if issuer and not _definite_word_only(toks, rest[1][0], issuer[0]["start"]):
                    # "التقرير السنوي للمفوضية السامية …": the issuer is the mention, not "السنوي …"
                    return "named", (issuer[0]["start"], issuer[0]["end"])
                return "named", rest[1]
        return "anaphor", (s, e)
    if _in(svoc["official"], toks, k, e) or _in(voc["roles"], toks, k, e):
        single = tok.end >= e - 1
        if single and _definite(tok):
            return "role", (s, e)  # "الوزارة", "الوزير": refers back to a named body or person
        return "named", (s, e)
    # "أشرف القدرة الناطق باسم الوزارة": a name the tagger missed, in apposition to a role
    for x in range(k + 1, min(_tok_index(toks, e), k + 4)):
        if _word(toks[x]) and _definite(toks[x]) and (_in(svoc["official"], toks, x, e) or _in(voc["roles"], toks, x, e)):
            return "named", (s, e)
    # "وقال ألماغرو"، "وقال زانغ": a short phrase of indefinite words the vocabularies do not know
    # is a name the tagger missed (common-noun subjects are definite or listed heads)
    words = [t for t in toks[k:_tok_index(toks, e)] if _word(t)]
    if len(words) == 2 and words[0].key in _NAME_PARTICLES:
        words = words[1:]  # "وشدد دي مستورا": a name particle, then the name
    if 1 <= len(words) <= 2 and all(_looks_like_name(t, text) for t in words):
        return "named", (s, e)
    return None


def _definite_word_only(toks: Sequence[Token], s: int, e: int) -> bool:
    """Nothing but spaces/prefix between ``s`` and ``e`` (the mention starts the phrase)."""
    return e - s <= 2


_ADVERBIAL_SIDES = frozenset(normalize_key(w) for w in ("جهة", "جهته", "جهتها", "جانب", "جانبه", "جانبها", "ناحية", "ناحيته"))
#: Ninth session: words that open reported content (a quote right after them is speech, not a name).
_CONTENT_OPENERS = frozenset(("ان", "انه", "انها", "بان", "بانه", "بانها", "انهم", "بانهم"))
_NAME_PARTICLES = frozenset(normalize_key(w) for w in ("دي", "دو", "فون", "فان", "أبو", "ابو", "بن", "ابن", "آل", "ولد"))
_DOC_LINKERS = frozenset(normalize_key(w) for w in (
    "الصادر", "الصادرة", "صادر", "صادرة", "عن", "من", "ل", "الذي", "التي", "أصدره", "أصدرته", "أصدرها", "نشرته", "نشرها"))
_FUNCTION = frozenset(normalize_key(w) for w in (
    "إن", "أن", "ان", "انه", "إنه", "أنه", "بأن", "كما", "ذلك", "هذا", "هذه", "لكن", "أيضا", "ايضا", "عن", "على",
    "إلى", "الى", "مع", "من", "في", "بعد", "قبل", "أمس", "اليوم", "غدا", "حيث", "عندما", "بينما", "خلال", "كل",
    "كلا", "بعض", "أي", "اي", "هناك", "هنا", "ثم", "قد", "لقد", "لم", "لن", "لا", "ما", "ماذا", "كيف", "متى",
    "وهو", "وهي", "هو", "هي", "هم", "نحن", "أنا", "انا", "أنت", "إنها", "أنها", "بها", "به", "له", "لها", "لهم",
    "كذلك", "أيضاً", "مجددا", "مجدداً", "حينها", "حينئذ", "وقتها", "آنذاك",  # ninth session: adverbs after a verb, never a name
    "شيئا", "أحدا", "أحد", "ذات", "نفس", "جميع", "عدة", "عدد", "مؤخرا", "سابقا", "لاحقا", "مجددا", "صراحة",
    "بوضوح", "بشكل", "بصورة", "علنا", "رسميا", "أول", "آخر", "آخرون", "مساء", "صباح", "ليل", "يوم", "أمام",
    "فيها", "فيه", "فيهم", "عليها", "عليه", "عليهم", "منها", "منه", "عنها", "عنه", "لديه", "لديها", "إليه",
    "إليها", "معه", "معها", "بينها", "بينهم", "ضمنها", "إياه", "إياها",
))


def _looks_like_name(tok: Token, text: str | None = None) -> bool:
    """An indefinite word that is not a function word, participle, verb-looking or listed noun.
    With ``text``, a word written with hamza (``أليغيري``, ``إلهان``) is not taken for the article."""
    if text is not None and text[tok.start : tok.start + 2] in ("أل", "إل", "آل") and len(tok.key) > 4:
        return tok.key not in _FUNCTION and not is_participle(tok) and not _listed(tok)
    key = tok.key
    if len(key) > 3 and key[0] in "وف":
        key = key[1:]
    if len(key) < 3 or not key[:1].isalpha() or key in _FUNCTION or _definite(tok) or is_participle(tok):
        return False
    if key.endswith(("ها", "هم", "هما", "هن")):
        return False  # a noun with a pronoun suffix (دورها), never a name
    if key[0] in "يت" or key.startswith(("لل", "بال", "وال", "فال", "كال")):
        return False  # imperfect verbs (يجب، تم) and article-bearing words
    if key[0] == "ل" and len(key) > 3:
        return False  # a recipient (لرويترز)
    return not _listed(tok)


def looks_like_name(tok: Token, text: str | None = None) -> bool:
    """Public name of :func:`_looks_like_name`."""
    return _looks_like_name(tok, text)


def _listed(tok: Token) -> bool:
    svoc = source_vocab()
    return any(c in svoc["anonymous"] or c in svoc["official"] or c in svoc["document"] or c in svoc["verbs"]
               for c in _variants(tok))


def resolve_antecedent(
    text: str, toks: Sequence[Token], mentions: Sequence[dict], span: tuple[int, int], prev: dict | None,
    window: int = 700, same_head_only: bool = False,
) -> tuple[int, int] | None:
    """Antecedent of an anaphoric speaker (``الوزارة``, ``البيان``, ``الصحيفة``).

    A same-head ORG mention named earlier (``وزارة الخارجية`` for ``الوزارة``) wins; else the
    previous quote's speaker when it is a person or organisation within ``window`` characters;
    else the nearest PERSON/ORG mention before it in that window. None when nothing fits.
    """
    s, e = span
    k = _head(toks, s, e)
    head = {c.removeprefix("ال") for c in _variants(toks[k])} if k is not None else set()
    before = [m for m in candidates_between(mentions, s - window - 200, s)
              if m["end"] <= s and s - m["end"] <= window and m.get("entity_type") in SPEAKER_TYPES]
    if head:
        same = [m for m in before if m.get("entity_type") == "ORG"
                and normalize_key(m.get("surface") or text[m["start"]:m["end"]]).split()[0].removeprefix("ال") in head]
        if same:
            # a body named as a subject or speaker before outranks one named inside a complement
            # ("الرئيس السابق لمجلس النواب الأميركي" is no antecedent of "وقال المجلس")
            salient = [m for m in same if not _glued_preposition(toks, m) and not _after_preposition(toks, m)]
            if salient:
                return salient[-1]["start"], salient[-1]["end"]
    if same_head_only or (k is not None and any(c in source_vocab()["document"] for c in _variants(toks[k]))):
        # "الوزارة" is not whoever spoke last; nor is "البيان" (a document is issued by a body named near
        # a document word, below, or stays unresolved)
        if same_head_only:
            return None
        if prev is not None and prev.get("speaker_start") is not None and 0 <= s - prev["end"] <= window:
            k0, k1 = _tok_index(toks, prev["speaker_start"]), _tok_index(toks, prev["speaker_end"])
            first = {c.removeprefix("ال") for c in _variants(toks[k0])} if k0 < len(toks) else set()
            other_doc = any(c in source_vocab()["document"] for c in first) and not (first & head)
            if not other_doc and any(c in source_vocab()["document"] or c.removesuffix("ا") in source_vocab()["document"]
                   for t in toks[max(0, k0 - 3) : k1 + 3] for c in _variants(t)):
                return prev["speaker_start"], prev["speaker_end"]  # "بيان الجيش والذي ذكر: … وأضاف البيان:"
        return _issuer_near_document(toks, before)
    if prev is not None and prev.get("speaker_start") is not None and 0 <= s - prev["end"] <= window:
        pv = check_speaker(text, toks, mentions, prev["speaker_start"], prev["speaker_end"])
        if pv is not None and pv[0] == "named":
            return prev["speaker_start"], prev["speaker_end"]
    return _issuer_near_document(toks, before)


def _issuer_near_document(toks: Sequence[Token], before: Sequence[dict]) -> tuple[int, int] | None:
    """"أصدرت وزارة الداخلية بيانا … وقال البيان": an organisation or person next to a document word."""
    doc = source_vocab()["document"]
    for m in reversed(before):
        k = _tok_index(toks, m["end"])
        near = toks[max(0, _tok_index(toks, m["start"]) - 3) : _tok_index(toks, m["start"])] + toks[k : k + 3]
        if any(c in doc or c.removesuffix("ا") in doc for t in near for c in _variants(t)):
            return m["start"], m["end"]
    return None


def _after_preposition(toks: Sequence[Token], m: dict) -> bool:
    """The word before the mention is a preposition (``في مجلس الأمن``): a complement, not a subject."""
    k = _prev_word(toks, m["start"])
    return k is not None and is_preposition(toks[k].key)


def _glued_preposition(toks: Sequence[Token], m: dict) -> bool:
    """The mention's word carries a preposition clitic (``بمصر``, ``لروسيا``): not a subject."""
    k = _tok_index(toks, m["start"])
    if k >= len(toks) or toks[k].start >= m["start"]:
        return False
    prefix = toks[k].key[: m["start"] - toks[k].start]
    return any(c in prefix for c in "بلك")


def subject_before(
    text: str, toks: Sequence[Token], mentions: Sequence[dict], lo: int, verb_start: int
) -> tuple[int, int] | None:
    """The subject of a clause whose reporting verb (or participle) starts at ``verb_start``.

    ``وكان ماكرون قد قال`` → ``ماكرون``: a PERSON/ORG mention (or country) ending at most two
    words before the verb (only ``قد``/``كان`` between). For a participle (``حذر هولاند خليفته
    … قائلا``) the caller passes the clause start as ``lo`` and gets the first PERSON/ORG
    mention after it that is not introduced by a preposition.
    """
    cands = [m for m in candidates_between(mentions, lo, verb_start) if lo <= m["start"] and m["end"] <= verb_start
             and (m.get("entity_type") in SPEAKER_TYPES or (m.get("entity_type") == "LOC" and m.get("subtype") == "country"))]
    k_lo = _tok_index(toks, lo)
    for m in reversed(cands):
        gap = toks[_tok_index(toks, m["end"]) : _tok_index(toks, verb_start)]
        kb = _tok_index(toks, m["start"]) - 1
        if m.get("entity_type") in PERSON_TYPES and gap and gap[0].key in ("،", ",") and kb >= 0 and toks[kb].key in ("،", ","):
            gap = gap[1:]  # "مستشار الأمن القومي، جون بولتون، اعتبر أن" (an apposition between commas)
        if gap and gap[0].key in ("،", ",") and len(gap) > 1 and gap[1].key in _WAW_VERB:
            gap = gap[1:]  # "وكان وزير الأمن البريطاني بن والاس، قد وصف"
        if len(gap) <= 2 and all(t.key in _WAW_VERB for t in gap):
            if _glued_preposition(toks, m):
                return None  # "… للسفارة السعودية بمصر أكد": مصر is not the subject
            k = _prev_word(toks, m["start"])
            if k is not None and k >= k_lo and toks[k].key in _NOT_SUBJECT_PREP:
                return None  # "… من العراق قال": not a subject
            return m["start"], m["end"]
        return None
    return None


def _role_end(toks: Sequence[Token], mentions: Sequence[dict], k1: int, k2: int, text: str | None = None) -> int:
    """End of a role phrase starting at ``k1``: up to and including a PERSON mention inside it,
    else its head and the adjectives after it (``رئيس الوزراء الإسرائيلي``, not the object after)."""
    pers = _mentions_in(mentions, toks[k1].start, toks[k2 - 1].end, PERSON_TYPES)
    if pers:
        return pers[0]["end"]
    if text is not None:
        later, first = _name_words(text, mentions)
        named = [x for x in range(k1 + 1, k2) if len(toks[x].key) > 2 and (toks[x].key in later or toks[x].key in first)]
        if named:
            return toks[named[-1]].end  # "وزيرة حقوق الإنسان موشوبيكوا": the surname of a person named before
    j = k1 + 1
    while j + 1 < k2 and not _definite(toks[j]) and _word(toks[j]) and _in(speaker_vocab()["roles"] | source_vocab()["official"], toks, j, toks[j].end):
        j += 1  # "نائب رئيس الهيئة": a construct chain of role nouns, ended by a definite noun
    while j < k2 and (_definite(toks[j]) or gentilic_entity(toks[j].key)[0]):
        j += 1
        if gentilic_entity(toks[j - 1].key)[0]:
            break
    return toks[j - 1].end


#: Openers of a subordinate or complement clause: a name after them is that clause's, not the speaker
#: (``عندما سئل هل تستطيع روسيا``, ``وأضافت أن بريطانيا تريد …، مشيرة``).
_SUBORDINATORS = frozenset(normalize_key(w) for w in ("هل", "عندما", "حين", "حينما", "إذا", "لو", "لما", "كلما",
                                                     "أن", "إن", "بأن", "أنه", "إنه", "أنها", "إنها"))
_PARTICLES_BEFORE_VERB = frozenset(normalize_key(w) for w in ("لم", "ولم", "لن", "ولن", "قد", "وقد", "فقد", "لقد", "هذا", "كما"))


def clause_subject(
    text: str, toks: Sequence[Token], mentions: Sequence[dict], lo: int, pos: int,
    quoted: Sequence[tuple[int, int]] = (),
) -> tuple[int, int] | None:
    """The subject of a ``verb X … قائلا`` clause in ``[lo, pos)``: the phrase right after the
    clause's first word when it can speak (``توعد رئيس الوزراء الإسرائيلي إيران، مشددا``), else
    the first PERSON, then ORG, then country mention not introduced by a preposition or a
    ل-recipient and not inside a quotation (``quoted`` spans)."""
    k_lo = _tok_index(toks, lo)
    kv = k_lo
    while kv + 1 < len(toks) and toks[kv].key in _PARTICLES_BEFORE_VERB and toks[kv + 1].end <= pos:
        kv += 1  # "ولم يفصح المسؤول الإيراني": the verb comes after the particle
    k1 = kv + 1
    if k1 < len(toks) and toks[k1].end <= pos and _word(toks[kv]) and _word(toks[k1]) \
            and not is_preposition(toks[kv].key) and toks[kv].key not in ("و", "ف"):
        k2 = k1
        while k2 < len(toks) and k2 - k1 < 8 and _word(toks[k2]) and toks[k2].end <= pos \
                and not (k2 > k1 and toks[k2].key in _NOT_SUBJECT_PREP):
            k2 += 1
        np = check_speaker(text, toks, mentions, toks[k1].start, toks[k2 - 1].end) if k2 > k1 else None
        if np is not None and np[0] in ("named", "anonymous", "role") and not _mentions_in(mentions, toks[k1].start, toks[k2 - 1].end, ("LOC",)):
            head = _head(toks, toks[k1].start, toks[k2 - 1].end)
            if head is not None and (_in(source_vocab()["official"], toks, head, toks[k2 - 1].end)
                                     or _in(speaker_vocab()["roles"], toks, head, toks[k2 - 1].end)
                                     or any(c in source_vocab()["anonymous"] for c in _variants(toks[head]))):
                return np[1][0], _role_end(toks, mentions, k1, k2, text)
            if head == k1 and _looks_like_name(toks[k1], text):
                person = _mentions_in(mentions, *np[1], PERSON_TYPES) if np[0] == "named" else []
                if person and person[0]["start"] <= toks[min(k1 + 2, k2 - 1)].start:
                    # sixth session: "قال حسن نصر الله، …": the first name and the name the tagger found
                    return toks[k1].start, max(toks[k1].end, person[0]["end"])
                return toks[k1].start, toks[k1].end  # "وكرر جراهام … قائلا"
    ok = []
    sub = next((x for x in range(k_lo, _tok_index(toks, pos)) if toks[x].key in _SUBORDINATORS), None)
    for m in candidates_between(mentions, lo, pos):
        if not (lo <= m["start"] and m["end"] <= pos):
            continue
        if sub is not None and m["start"] > toks[sub].start:
            continue  # "لكن عندما سئل هل تستطيع روسيا …، أجاب قائلا": a subordinate clause's subject is not the speaker
        if any(a <= m["start"] < b for a, b in quoted):
            continue
        if not (m.get("entity_type") in SPEAKER_TYPES or (m.get("entity_type") == "LOC" and m.get("subtype") == "country")):
            continue
        k = _prev_word(toks, m["start"])
        if k is not None and k >= k_lo and is_preposition(toks[k].key):
            continue  # "وعلى إنستغرام، تباهى X … قائلا": a platform after a preposition is not the subject
        if in_recipient(toks, m, k_lo) or _glued_preposition(toks, m):
            continue
        ok.append(m)
    # the subject position (the mention right after the clause's verb) outranks the entity type:
    # "ونفت موسكو بشدة أن تكون أرادت قرصنة منظمة حظر الأسلحة الكيميائية، مؤكدة" → موسكو
    if k1 < len(toks):
        first = [m for m in ok if toks[k1].start <= m["start"] <= toks[k1].start + 1] or [
            m for m in candidates_between(mentions, toks[k1].start - 1, toks[k1].start + 2)
            if toks[k1].start <= m["start"] <= toks[k1].start + 1 and m["end"] <= pos and m.get("entity_type") == "LOC"
            and not any(a <= m["start"] < b for a, b in quoted)]  # "نفت موسكو": a capital for its government
        if first:
            return first[0]["start"], first[0]["end"]
    for types in (PERSON_TYPES, ("ORG",), ("LOC",)):
        cands = [m for m in ok if m.get("entity_type") in types]
        if cands:
            return cands[0]["start"], cands[0]["end"]
    return None


#: Prepositions that open a complement inside a role phrase (``المسؤولة الثانية في الحكومة``,
#: ``المتحدث باسم كيت إليسون``, ``المرشحة الرئاسية عن حزب الخير``).
_ROLE_COMPLEMENT_PREPS = frozenset(normalize_key(w) for w in ("في", "باسم", "عن", "لدى"))
#: Words that end a role phrase (times, adverbials, content openers).
_EXTENT_STOPS = frozenset(normalize_key(w) for w in (
    "إن", "أن", "ان", "انه", "إنه", "أنه", "بأن", "بان", "الذي", "التي", "الذين", "يوم", "أمس", "اليوم", "مساء",
    "صباح", "خلال", "حيث", "لكن", "بينما", "عندما", "كما", "فإن", "مؤخرا", "الخميس", "الجمعة", "السبت", "الأحد",
    "الاثنين", "الثلاثاء", "الأربعاء", "الأسبوع", "أيضا", "مجددا", "بعد", "قبل", "على", "إلى", "الى", "مع", "حول",
    "نقلا", "وفقا", "بحسب", "حسب", "حسبما", "قوله", "قولها", "والذي", "والتي", "والذين", "الصادر", "الصادرة",
    "المنشور", "المنشورة"))
#: Titles before a name (``الشيخ تميم``, ``الأمير محمد``): part of the speaker phrase.
_TITLES = frozenset(normalize_key(w) for w in ("الشيخ", "الأمير", "الأميرة", "الملك", "الملكة", "السيد", "السيدة",
                                               "الدكتور", "الرئيس", "الجنرال", "اللواء", "العميد", "العقيد", "القاضي"))
#: Role nouns in construct before a country or body (``أمير قطر``, ``ملك الأردن``, ``وزير خارجية فرنسا``).
_CONSTRUCT_ROLES = frozenset(normalize_key(w) for w in (
    "أمير", "ملك", "رئيس", "وزير", "وزيرة", "سفير", "سفيرة", "مندوب", "مندوبة", "ولي", "حاكم", "زعيم", "أمين", "قائد",
    "نائب", "رئيسة", "وزراء", "خارجية", "دفاع", "داخلية"))
#: Definite titles right before a name are part of the speaker (sixth session: ``وقال الملك عبد الله``,
#: ``وقال الشيخ تميم`` gave the bare name, which the golds' strict match does not take for the titled one).
_DEFINITE_TITLES = frozenset(normalize_key(w) for w in (
    "الملك", "الشيخ", "الأمير", "الأميرة", "الملكة", "الشيخة", "السلطان", "البابا", "الكاردينال", "الإمام"))
#: Person roles inside a role phrase: a name after a comma is theirs (``أحد محامي الرئيس الأميركي، دونالد ترامب``).
_PERSON_ROLES = frozenset(normalize_key(w) for w in (
    "الرئيس", "رئيس", "الرئيسة", "الملك", "الملكة", "الأمير", "الأميرة", "الوزير", "الوزيرة", "الزعيم", "المرشد",
    "ولي", "الشيخ", "السلطان", "البابا", "رئيسة"))
#: Most words a role phrase is extended by.
EXTENT_MAX_WORDS = 8


def speaker_extent(text: str, toks: Sequence[Token], mentions: Sequence[dict], s: int, e: int) -> tuple[int, int]:
    """The whole noun phrase of a speaker headed by a role, source or outlet noun: the span grows over
    its definite modifiers, nationality adjectives, construct nouns, a complement opened by
    ``في/باسم/عن`` and a name in apposition after it (``المسؤولة الثانية في الحكومة سرايا سينز دو
    سانتاماريا``, ``مسؤولة السياسة الخارجية في الاتحاد الأوروبي، فيدريكا موغريني``, ``وكالة أنباء
    الإمارات "وام"``). A speaker that is a PERSON/ORG mention, or any other phrase, is returned as is.
    It stops at a verb, a content opener (``إن``/``أن``), a time word, a recipient (``لوكالة``) and
    punctuation (a comma only when no name follows it)."""
    k = _head(toks, s, e)
    if k is None:
        return s, e
    svoc = source_vocab()
    heads = svoc["official"] | svoc["anonymous"] | svoc["media_heads"] | svoc["agency_heads"] | speaker_vocab()["roles"]
    # backward: a title or a role head in construct right before a name ("الشيخ تميم", "أمير قطر",
    # "رئيس وزراء بريطانيا"): the phrase is the speaker, the name its part
    kb = k
    while kb > 0 and kb - k > -3 and _word(toks[kb - 1]) and not _definite(toks[kb]) and (
            toks[kb - 1].key in _CONSTRUCT_ROLES or (kb == k and toks[kb - 1].key in _DEFINITE_TITLES) or (not _definite(toks[kb - 1]) and toks[kb - 1].key[:1] not in "وف"
                                            and any(c in heads for c in _variants(toks[kb - 1]))
                                            and not any(c in source_vocab()["verbs"] for c in _variants(toks[kb - 1])))):
        kb -= 1
    if kb < k:
        s = toks[kb].start
        k = kb
    if not _in(heads, toks, k, e):
        return s, e
    role_inside = any(toks[x].key in _PERSON_ROLES for x in range(k + 1, _tok_index(toks, e)))
    in_pp = False
    verbs = svoc["verbs"]
    j = _tok_index(toks, e)
    end, n, name_ok, pp_closed = e, 0, False, False
    while j < len(toks) and n < EXTENT_MAX_WORDS:
        t = toks[j]
        m = next((m for m in candidates_between(mentions, t.start - 1, t.start + 2)
                  if t.start <= m["start"] <= t.start + 1 and m.get("entity_type") in SPEAKER_TYPES + ("LOC",)), None)
        if t.key in ("،", ","):
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            pm = nxt and next((m for m in candidates_between(mentions, nxt.start - 1, nxt.start + 2)
                               if nxt.start <= m["start"] <= nxt.start + 1 and m.get("entity_type") in PERSON_TYPES), None)
            if pm and not role_inside:
                end = pm["end"]  # "…، فيدريكا موغريني": the name in apposition (not "أحد محامي الرئيس الأميركي، دونالد ترامب")
            break
        if t.key in ('"', "«", "“") and (find_outlet(toks, k, len(toks)) is not None or _in(svoc["media_heads"] | svoc["agency_heads"], toks, k, e)):
            close = text.find({'"': '"', "«": "»", "“": "”"}[t.key], t.end)
            if 0 < close - t.end <= 40 and "\n" not in text[t.end:close]:
                end = close + 1  # 'وكالة أنباء الإمارات "وام"'
            break
        if not _word(t) or t.is_digit or t.key in _EXTENT_STOPS or is_participle(t):
            break
        if any(c in verbs for c in ((t.key, t.key[1:]) if t.key[:1] in "وف" and len(t.key) > 3 else (t.key,))):
            break
        if m is not None:
            if _glued_preposition(toks, m):
                break  # "لوكالة …", "بمصر": a recipient or an adverbial
            end = m["end"]
            role_inside = role_inside or any(x.key in _PERSON_ROLES for x in toks[j:_tok_index(toks, m["end"])])
            j = _tok_index(toks, m["end"])
            n += 1
            pp_closed = in_pp
            continue
        if name_ok and _looks_like_name(t, text):
            end = t.end  # "المتحدث باسم كيت إليسون": the represented name after باسم (untagged)
            j += 1
            n += 1
            continue
        name_ok = False
        if t.key in _ROLE_COMPLEMENT_PREPS and j + 1 < len(toks) and _word(toks[j + 1]) and (
                t.key == "باسم" or _definite(toks[j + 1]) or any(toks[j + 1].start <= x["start"] <= toks[j + 1].start + 1 for x in _mentions_in(mentions, toks[j + 1].start, toks[j + 1].end + MAX_NAME_CHARS, SPEAKER_TYPES + ("LOC",)))):
            name_ok = t.key == "باسم"
            in_pp = True
            j += 1
            n += 1
            continue
        if t.key.startswith("بال") and len(t.key) >= 5 and (pj := _person_after_locative(toks, mentions, j)) is not None:
            # thirteenth session (facts15): 'للسواحل الشرقية بالولاية هازاني غزالي', 'بالشرق الأوسط، روبرت مارديني': a
            # locative complement of the role with the person's name right after it
            end = pj["end"]
            break
        if _body_complement(toks, k, j):
            # thirteenth session (facts15): 'رئيس اللجنة العليا للإغاثة', 'اللجنة الدولية للصليب الأحمر', 'لجنة نوبل للسلام':
            # a body's لل complement is part of its name (one definite adjective may follow)
            end = t.end
            j += 1
            n += 1
            if j < len(toks) and _word(toks[j]) and _definite(toks[j]) and len(toks[j].key) >= 5 and toks[j].key not in _EXTENT_STOPS and (
                    toks[j].key.endswith(("ي", "يه")) or (toks[j].key.startswith("الا") and len(toks[j].key) == 6)):
                end = toks[j].end  # its adjective: 'للسواحل الشرقية', 'للصليب الأحمر' (not 'للطيران التعليق', an object)
                j += 1
                n += 1
            in_pp, pp_closed = True, True
            continue
        if t.key.startswith("ل") and not t.key.startswith("ال"):
            break  # "لوكالة فرانس برس", "للشبكة": a recipient
        if (_definite(t) and not pp_closed) or gentilic_entity(t.key)[0]:
            end = t.end  # after a complement preposition, one definite noun and its nationality adjectives
            pp_closed = in_pp
            role_inside = role_inside or t.key in _PERSON_ROLES
            j += 1
            n += 1
            continue
        if j == k + 1 and j + 1 < len(toks) and _word(toks[j + 1]) and _definite(toks[j + 1]):
            end = toks[j + 1].end  # "وكالة أنباء الإمارات": an indefinite construct noun and its definite complement
            j += 2
            n += 2
            continue
        break
    return s, max(e, end)




def _body_complement(toks: Sequence[Token], k: int, j: int) -> bool:
    """Thirteenth session (facts15): ``toks[j]`` is a definite لل noun (``للإغاثة``, ``للسواحل``, ``للصليب``) that completes the
    name of a body among the last three words before it (``body_heads`` of ``vocab/sources.yaml`` and
    ``منطقة``: ``رئيس اللجنة العليا``, ``قائد المنطقة الأمنية الخاصة``), not a recipient (``للصحفيين``, media and agency heads)."""
    t = toks[j]
    if not (t.key.startswith("لل") and len(t.key) >= 5) or t.key in _lil_recipients():
        return False
    svoc = source_vocab()
    if any(c in svoc["media_heads"] | svoc["agency_heads"] for c in (t.key[2:], "ال" + t.key[2:])):
        return False
    heads = _lil_body_heads()
    return any(_word(toks[x]) and toks[x].key.removeprefix("ال") in heads for x in range(max(k, j - 3), j))


def _person_after_locative(toks: Sequence[Token], mentions: Sequence[dict], j: int) -> dict | None:
    """Thirteenth session (facts15): the PERSON mention right after the locative ``toks[j]`` (``بالولاية``), its definite
    adjective (``بالشرق الأوسط``) and a comma, else None."""
    x = j + 1
    if x < len(toks) and _word(toks[x]) and _definite(toks[x]):
        x += 1
    if x < len(toks) and toks[x].key in ("،", ","):
        x += 1
    if x >= len(toks):
        return None
    return next((m for m in _mentions_in(mentions, toks[x].start, toks[x].start + MAX_NAME_CHARS, PERSON_TYPES)
                 if toks[x].start <= m["start"] <= toks[x].start + 1), None)


@lru_cache(maxsize=1)
def _lil_recipients() -> frozenset[str]:
    """Words after لل that are a recipient, not a body's complement (``وقال رئيس اللجنة للصحفيين``):
    ``lil_recipients`` of ``vocab/sources.yaml`` (thirteenth session, facts15)."""
    return frozenset(normalize_key(w) for w in load_vocab("sources")["lil_recipients"])


@lru_cache(maxsize=1)
def _lil_body_heads() -> frozenset[str]:
    voc = load_vocab("sources")
    return frozenset(normalize_key(w).removeprefix("ال") for w in list(voc["body_heads"]) + ["منطقة"])


#: Longest name looked for after a complement preposition (characters).
MAX_NAME_CHARS = 60


def subject_np_before(text: str, toks: Sequence[Token], mentions: Sequence[dict], lo: int, verb_start: int) -> tuple[int, int] | None:
    """The noun phrase right before a reporting verb that has no subject after it (subject-verb order, or
    an indefinite noun and its adjectival clause): ``تعليقات باحث إيطالي قال إن`` → ``باحث إيطالي``.
    Only a phrase headed by a role or source noun (possibly with nationality adjectives) qualifies."""
    kv = _tok_index(toks, verb_start)
    k = kv - 1
    while k >= 0 and toks[k].start >= lo and _word(toks[k]) and gentilic_entity(toks[k].key)[0]:
        k -= 1
    if k < 0 or toks[k].start < lo or not _word(toks[k]):
        return None
    svoc = source_vocab()
    heads = svoc["official"] | svoc["anonymous"] | speaker_vocab()["roles"]
    if not any(c in heads for c in _variants(toks[k])) or _definite(toks[k]):
        return None
    return toks[k].start, toks[kv - 1].end


def glued_preposition(toks: Sequence[Token], m: dict) -> bool:
    """Public name of :func:`_glued_preposition`."""
    return _glued_preposition(toks, m)


#: Speech nouns whose owner speaks for a participle after them (``تصريحات لنتانياهو …، قائلا``).
_SPEECH_NOUNS_OWNED = frozenset(normalize_key(w) for w in (
    "تصريحات", "تصريح", "كلمة", "خطاب", "مقابلة", "حديث", "تغريدة", "تدوينة", "بيان", "رسالة"))


def speech_noun_owner(toks: Sequence[Token], mentions: Sequence[dict], lo: int, pos: int) -> tuple[int, int] | None:
    """A PERSON/ORG mention right after a speech noun (``تصريحات لنتانياهو``, ``كلمة الرئيس ماكرون``,
    ``تدوينة لزاخاروفا``) in ``[lo, pos)``: the author the clause's participle or pronoun refers to."""
    for m in candidates_between(mentions, lo, pos):
        if not (lo <= m["start"] and m["end"] <= pos) or m.get("entity_type") not in SPEAKER_TYPES:
            continue
        k = _tok_index(toks, m["start"])
        glued = toks[k].start < m["start"] and toks[k].key[:1] == "ل"
        prev = k - 1 if not glued else k - 1
        if prev < 0 or toks[prev].start < lo:
            continue
        if any(c.removeprefix("ال") in _SPEECH_NOUNS_OWNED or c in _SPEECH_NOUNS_OWNED for c in _variants(toks[prev])):
            return m["start"], m["end"]
    return None
