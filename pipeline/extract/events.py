"""Typed event mentions from trigger words and their sentence context.

Each event mention is anchored on a trigger word (``هجوم``, ``غارة``,
``انسحاب``, ``زيارة`` …, see ``vocab/events.yaml``) and carries the
sentence's date (nearest time expression), place (a LOC mention, preferring
one introduced by ``في``/``ب``), actor and target (from light-verb,
``من قبل`` and preposition patterns, linked to entity mentions or to a
nationality adjective such as ``القوات الأمريكية`` → loc:us) and casualty
figures from the sentence's quantities.

CAMEO crosswalk (:data:`EVENT_TYPES`, root codes of the CAMEO 1.1b3 codebook):

==========  =====  ===========================================================
type        root   CAMEO root (and closest sub-code)
==========  =====  ===========================================================
attack      19     Fight (190 use conventional military force)
strike      19     Fight (195 employ aerial weapons)
killing     18     Assault (186 assassinate / 18 assault)
talks       04     Consult (046 engage in negotiation, 043/044 meet)
agreement   05     Engage in diplomatic cooperation (057 sign formal agreement)
withdrawal  08     Yield (087 de-escalate military engagement, 0874 retreat)
deployment  15     Exhibit force posture (154 mobilize or increase armed forces)
election    00     no CAMEO equivalent (domestic process); 00 = outside CAMEO
protest     14     Protest
sanction    16     Reduce relations (163 impose embargo, boycott, sanctions)
visit       04     Consult (042 make a visit, 043 host a visit)
arrest      17     Coerce (173 arrest, detain)
invasion    19     Fight (192 occupy territory)
==========  =====  ===========================================================
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from pipeline.extract.citations import source_vocab
from pipeline.extract.numbers import number_word_value
from pipeline.extract.prefilter import KeyTest
from pipeline.extract.quantities import LOC_INTRO_RE, Token, analyze, gentilic_entity, sentence_index
from pipeline.extract.tolls import CASUALTY_CATEGORIES, MAX_INCIDENT_TOLL
from pipeline.extract.vocab import load_vocab
from pipeline.text.normalize import TATWEEL, normalize_key, strip_diacritics

__all__ = ["EVENT_TYPES", "CASUALTY_TYPES", "CLAUSE_WINDOW", "DATE_PRECISIONS", "extract_event_mentions"]

#: event_type -> CAMEO root code (see module docstring for the crosswalk).
EVENT_TYPES: dict[str, str] = {
    "attack": "19",
    "strike": "19",
    "killing": "18",
    "talks": "04",
    "agreement": "05",
    "withdrawal": "08",
    "deployment": "15",
    "election": "00",
    "protest": "14",
    "sanction": "16",
    "visit": "04",
    "arrest": "17",
    "invasion": "19",
}
#: Event types that can have casualties; no other type ever gets ``killed``/``injured``.
CASUALTY_TYPES: frozenset[str] = frozenset({"attack", "strike", "killing", "invasion", "protest"})
#: A casualty figure belongs to a trigger at most this many tokens away, in the same clause.
CLAUSE_WINDOW = 15
#: Tokens that end a clause (a casualty figure never crosses them to reach a trigger).
_CLAUSE_BREAKS = frozenset(("؛", ";", ":", ".", "!", "?", "؟", "(", ")"))
#: Contrastive conjunctions that open another clause (and another event's figures).
_CONTRAST = frozenset(normalize_key(w) for w in ("بينما", "فيما", "حين", "وبينما", "وفيما"))
#: Attempted or foiled acts (``الشروع في قتل 166``, ``أحبطت محاولة لشن هجوم``) just before a trigger:
#: the act did not happen as such, so it has no toll of its own.
_ATTEMPT = frozenset(normalize_key(w) for w in (
    "الشروع", "شروع", "بالشروع", "والشروع", "أحبطت", "أحبط", "إحباط", "وأحبطت", "وأحبط", "أفشلت", "أفشل", "إفشال",
    "محاولة", "بمحاولة", "لمحاولة", "ومحاولة"))
#: Words that open a clause about the cause an act answers (``غارات … ردا على إصابة 4 جنود في انفجار``):
#: a figure behind them is the earlier event's, not the trigger's before them.
_RETALIATION = frozenset(normalize_key(w) for w in ("ردا", "رداً", "انتقاما", "انتقاماً", "ثأرا", "ثأراً",
                                                    # seventh session: the nouns ("وقالت إنه انتقام لمقتل ثلاثة")
                                                    "انتقام", "الانتقام", "للانتقام", "ثأر", "الثأر", "للثأر"))
#: Causes of a shared toll (``قتل 83 في مواجهات مع المقاومة، وغارات للتحالف``): a trigger joined by و after
#: one of them gets no share of the figure before both.
_CAUSES = frozenset(normalize_key(w) for w in (
    "مواجهات", "اشتباكات", "معارك", "المواجهات", "الاشتباكات", "المعارك", "غارات", "الغارات", "قصف", "القصف",
    "هجمات", "الهجمات", "هجوم", "الهجوم", "انفجار", "الانفجار", "تفجير", "التفجير", "معركة", "اشتباك", "غارة"))
#: "what followed it" (``وما تلاه من اشتباكات``): a trigger after it is a later event than a figure before it.
_FOLLOWED = frozenset(normalize_key(w) for w in ("تلاه", "تلاها", "تلته", "تلتها", "أعقبه", "أعقبها", "اعقبه", "اعقبها"))


def _after_another_cause(span: Sequence[Token]) -> bool:
    """A cause noun followed later by a و-coordinated word in the tokens from a figure to a trigger
    (``في مواجهات … ، وغارات``, ``لتغطية الانفجار الأول، واستهدفهم انتحاري بالتفجير الثاني``): the
    trigger is another cause of, or a later part of, the event whose toll the figure is."""
    seen_cause = False
    for t in span:
        k = t.key
        if seen_cause and (k == "و" or (k[:1] == "و" and len(k) > 3)):
            return True
        if k in _CAUSES or (k[:1] == "و" and k[1:] in _CAUSES):
            seen_cause = True
    return False


#: Words that introduce a subset of a toll (``بينهم 41 طفلا``).
_SUBSET = frozenset(normalize_key(w) for w in ("بينهم", "منهم", "بينهن", "منهن", "بينها", "منها", "ضمنهم"))
#: Negation / modality / threat cues in the few words before a trigger: the event may not have happened.
_UNREAL = frozenset(normalize_key(w) for w in (
    "لم", "لن", "لا", "دون", "بدون", "عدم", "نفى", "نفت", "ينفي", "تنفي", "نفي", "يهدد", "تهدد", "هدد", "هددت",
    "التهديد", "تهديد", "بتهديد", "محتمل", "سوف", "يعتزم", "تعتزم", "يستعد", "تستعد", "منع", "لمنع", "تجنب",
    "لتجنب", "احتمال", "إمكانية", "مخاوف", "خشية", "يخشى", "تخشى", "خطط", "خطة", "يريد", "تريد", "ربما",
    "يمكن", "يحتمل", "وشيك"))
#: Adjectives that make ``ضربة`` a figurative blow (ضربة قوية/موجعة/قاصمة).
_FIGURATIVE = frozenset(normalize_key(w) for w in ("قوية", "موجعة", "قاصمة", "قاضية", "استباقية", "موفقة", "قوي", "موجع"))
#: Thirteenth session (tolls14, samples Y and AH): verbs that make ``ضربة`` right after them a figurative blow — it
#: constitutes, deals or is counted a blow (``وشكل ضربة جديدة لعملية المصالحة``, ``وسدد ضربة``); not ``وجه`` (``وجه ضربة
#: جوية`` is an air strike, and an air marker after the trigger keeps it one in any case).
_BLOW_VERBS = frozenset(normalize_key(w) for w in (
    "شكل", "وشكل", "شكلت", "وشكلت", "يشكل", "ويشكل", "تشكل", "وتشكل", "سدد", "وسدد", "سددت", "وسددت", "يسدد", "تسدد",
    "يعد", "تعد", "يعتبر", "تعتبر", "ويعد", "وتعد", "ويعتبر", "وتعتبر", "يمثل", "تمثل", "ويمثل", "وتمثل"))
#: Natural or accidental deaths (floods, earthquakes, crashes): a "killing" (CAMEO 18, assault) it is not.
_NOT_ASSAULT = frozenset(normalize_key(w) for w in (
    "فيضانات", "الفيضانات", "فيضان", "زلزال", "الزلزال", "السيول", "سيول", "الحر", "حريق", "الحريق", "حرائق",
    "إعصار", "الإعصار", "عاصفة", "انهيارات", "انهيار", "تحطم", "تحطمت", "اصطدام", "انقلاب", "غرق", "غرقت", "الكوليرا", "وباء", "تسمم", "مروري", "سير",
    "الانهيارات", "البرد", "الثلوج", "الجفاف", "المجاعة", "ارتطام", "الارتطام", "تصادم", "التصادم", "الاصطدام",
    "عواصف", "العواصف", "العاصفة", "صواعق", "الصواعق", "أمطار", "الأمطار", "الانزلاقات", "انزلاقات", "بركان", "البركان",
    "اللعب", "العبث"))  # "انفجار قنبلة أثناء اللعب": an accident
#: Natural-disaster nouns looked for *around* a killing's sentence (the paragraph and the text just before it):
#: ``أكدت السلطات مقتل ستة أشخاص`` in a hurricane report, ``وتسبب في مقتل 460`` after ``ضربت سلسلة من الزلازل``.
_NATURAL = frozenset(normalize_key(w) for w in (
    "إعصار", "الإعصار", "زلزال", "الزلزال", "الزلازل", "زلازل", "فيضانات", "الفيضانات", "فيضان", "السيول", "سيول",
    "عاصفة", "العاصفة", "عواصف", "العواصف", "تسونامي", "بركان", "البركان", "الانهيارات", "انهيارات", "الأعاصير", "أعاصير",
    # accidents: "تحطم طائرة … . وأكدت الحكومة مقتل اثنين من مواطنيها في الحادث", collapses, trains
    "تحطم", "تحطمت", "التحطم", "اصطدام", "الاصطدام", "غرق", "غرقت", "مروري", "انحراف", "احتراق",
    "انهار", "انهارت", "قطار", "القطار", "حادثين"))
#: Twelfth session: accident words looked for in the killing's own sentence only (those on board are named around
#: attacks too): those on board (a crash: "سقطت في مرتفعات جبال زاغروس … مقتل 65 شخصا كانوا على متنها", "قتل جميع
#: ركابها"), contaminated food; and a structure's fall (``سقوط جسر مشاة``, ``السقوط المدوي للجسر``) — a fall word with a
#: structure noun near it (a bridge alone names towns: ``جسر الشغور``).
_ACCIDENT_IN_SENTENCE = frozenset(normalize_key(w) for w in ("متنها", "ركابها", "ملوث", "ملوثة"))
_FALL = frozenset(normalize_key(w) for w in ("سقوط", "السقوط", "انهيار", "الانهيار", "المنهار", "المنهارة"))
_STRUCTURES = frozenset(normalize_key(w) for w in (
    "جسر", "الجسر", "للجسر", "مبنى", "المبنى", "سقف", "رافعة", "الرافعة", "طائرة", "الطائرة"))


def _fallen_structure(toks: Sequence[Token], lo: int, hi: int) -> bool:
    """A fall word with a structure noun at most four words after it or two before it (``سقوط جسر``, ``السقوط المدوي
    للجسر``, ``سقوط حافلتهم من فوق جسر``, ``الجسر المنهار``)."""
    return any(toks[k].key in _FALL and any(t.key in _STRUCTURES for t in toks[max(lo, k - 2) : min(hi, k + 5)])
               for k in range(lo, hi))
#: How far before a killing's sentence the natural-disaster context is looked for (characters).
NATURAL_CONTEXT_CHARS = 400
#: Words in a killing's own sentence that name an assault: then a nearby storm is not the cause.
_ASSAULT_WORDS = frozenset(normalize_key(w) for w in (
    "برصاص", "بالرصاص", "رصاص", "مسلح", "مسلحون", "مسلحين", "انتحاري", "هجوم", "غارة", "قصف", "تفجير", "اشتباكات",
    "الاشتباكات", "بنيران", "طعن", "قوات", "القوات", "الجيش", "داعش", "النار", "نار", "إرهابي", "الإرهابي", "عبوة", "ناسفة",
    "قذيفة", "قذائف", "صاروخ", "صواريخ", "هاون", "قصفا", "دهس", "الاعتداء", "اعتداء", "انتحاري", "انتحاريا",
    # twelfth session: an aircraft shot down, an ambush, strikes (those on board killed by fire: an assault)
    "أسقطت", "أسقط", "إسقاط", "الدفاعات", "كمين", "الكمين", "غارات", "الغارات", "اغتيال"))
#: Group nouns whose definite complement names the group, not an event (``قوات الاحتلال``, ``جنود الاحتلال``).
_GROUP_NOUNS = frozenset(normalize_key(w) for w in (
    "قوات", "جنود", "جيش", "سلطات", "دولة", "شرطة", "عناصر", "مستوطنو", "حكومة", "آليات", "دوريات", "سجون",
    "وقوات", "وجنود", "وجيش", "وسلطات", "بقوات", "لقوات", "بجنود", "لجنود", "لسلطات", "ولقوات"))
#: "مقتل أو اعتقال 20": a figure shared by a disjunction is no killed figure.
_OR = normalize_key("أو")
#: Confidence taken off an event mention with a negation/modality cue (it then falls below 0.5 or near it).
UNREAL_PENALTY = 0.4
#: Granularities passed through from time expressions (most to least precise).
DATE_PRECISIONS: tuple[str, ...] = ("second", "minute", "hour", "day", "week", "month", "quarter", "season", "year", "decade", "century")

#: Event dates outside [MIN_YEAR, MAX_YEAR] are ignored (implausible for news events).
MIN_YEAR, MAX_YEAR = 1900, 2100
_SUFFIXES = ("هما", "هم", "هن", "ها", "ه")


@lru_cache(maxsize=65536)
def _analyses(key: str, teh: bool = False) -> tuple[tuple[str, str], ...]:
    """Lookup forms of a token key with the kind of prefix that was stripped.

    Each item is ``(form, prefix)`` where ``prefix`` is ``""`` (nothing, or
    only the conjunction و/ف), ``"verbal"`` (ل or future س, which attach to
    imperfect verbs and nouns) or ``"nominal"`` (ب, ك or the article, which
    attach to nouns only). ``teh`` says the original word ends in teh marbuta
    (ة): its final ه is then part of the noun, not a pronoun suffix, so
    ``قتلة`` (killers) is not ``قتل`` + ``ه``. A proclitic is never stripped
    from a word listed in ``root_initial`` (``وزارة`` is not و + ``زارة``).
    """
    lexical = _vocab()["root_initial"]
    stems: list[tuple[str, str]] = [(key, "")]
    k = key
    # proclitics in their fixed order: conjunction (و ف) then preposition/future (ب ل ك س)
    if len(k) > 3 and k[0] in "وف" and not k.startswith("ال") and not _is_lexical(k, teh, lexical):
        k = k[1:]
        stems.append((k, ""))
    if len(k) > 3 and k[0] in "بلكس" and not k.startswith(("ال", "لل")) and not _is_lexical(k, teh, lexical):
        stems.append((k[1:], "verbal" if k[0] in "لس" else "nominal"))
    for s, _kind in list(stems):
        if s.startswith("لل") and len(s) > 4:
            stems.append((s[2:], "nominal"))
        if s.startswith("ال") and len(s) > 4:
            stems.append((s[2:], "nominal"))
    out = list(dict.fromkeys(stems))
    for s, kind in list(out):
        for suf in _SUFFIXES:
            if suf == "ه" and teh:
                continue  # ة is not the pronoun ه
            if s.endswith(suf) and len(s) - len(suf) >= 3:
                base = s[: -len(suf)]
                out.append((base, kind))
                if base.endswith("ت"):
                    out.append((base[:-1] + "ه", kind))  # زيارته -> زياره
    return tuple(dict.fromkeys(out))


def _is_lexical(key: str, teh: bool, lexical: frozenset[str]) -> bool:
    """``key`` (or ``key`` without a possessive suffix) is a listed root-initial noun."""
    if key in lexical:
        return True
    for suf in _SUFFIXES:
        if key.endswith(suf) and not (suf == "ه" and teh):
            base = key[: -len(suf)]
            if base in lexical or (base.endswith("ت") and base[:-1] + "ه" in lexical):
                return True
    return False


def _candidates(key: str, teh: bool = False) -> tuple[str, ...]:
    """Lookup forms of a token key: clitics, future س, article and pronoun suffixes stripped."""
    return tuple(dict.fromkeys(form for form, _ in _analyses(key, teh)))


def _ends_in_teh(text: str, tok: Token) -> bool:
    """The original word ends in teh marbuta (ة), which the matching view folds to ه."""
    return strip_diacritics(text[tok.start : tok.end]).endswith("ة")


@lru_cache(maxsize=1)
def _vocab() -> dict:
    voc = load_vocab("events")
    trig: dict[str, str] = {}
    multi: dict[tuple[str, str], str] = {}
    for etype, words in voc["triggers"].items():
        for w in words:
            parts = normalize_key(w).split()
            if len(parts) == 1:
                trig.setdefault(parts[0], etype)
            else:
                multi[(parts[0], parts[1])] = etype
    keyset = lambda name: frozenset(normalize_key(w) for w in voc[name])  # noqa: E731
    return {
        "triggers": trig,
        "multi": multi,
        "generic": keyset("generic"),
        "ambiguous": keyset("ambiguous"),
        "air": keyset("air_markers"),
        "support": keyset("support_verbs"),
        "target_preps": keyset("target_preps"),
        "stops": keyset("np_stops"),
        "needs_context": {normalize_key(w): t for t, ws in voc["needs_military_context"].items() for w in ws},
        "military": keyset("military_context"),
        "targeted": frozenset(voc["targeted_types"]),
        "direct": keyset("direct_object"),
        "root_initial": keyset("root_initial"),
        "perfect": keyset("perfect_verbs"),
        "imperfect": keyset("imperfect_verbs"),
        "designation": keyset("designation_heads"),
        "after": keyset("after_words"),
        "toll_nouns": keyset("toll_nouns"),
        "addition": keyset("addition_words"),
        "dual_persons": keyset("dual_persons"),
        "months": frozenset(normalize_key(w) for w in load_vocab("quantity_nouns")["months"]),
    }


def _prefix_ok(form: str, prefix: str) -> bool:
    """Can a trigger form carry the stripped prefix? Perfect verbs take only و/ف
    (``لغزا`` is the noun لغز, not ل + غزا); imperfect verbs also take ل and س,
    never ب, ك or the article."""
    voc = _vocab()
    if form in voc["perfect"]:
        return prefix == ""
    if form in voc["imperfect"]:
        return prefix != "nominal"
    return True


@lru_cache(maxsize=1)
def _trigger_heads() -> frozenset[str]:
    """Every form a trigger lookup can match first: single-word triggers and first words of multi-word ones."""
    voc = _vocab()
    return frozenset(voc["triggers"]) | frozenset(a for a, _b in voc["multi"])


def _may_trigger(key: str) -> bool:
    """Can a token with this key be a trigger? False means :func:`_lookup` returns no event type for it,
    whatever the next token and whether the word ends in teh marbuta: no analysis of the key (with or
    without teh) is a trigger or the first word of a multi-word trigger."""
    heads = _trigger_heads()
    return any(c in heads for teh in (False, True) for c, _p in _analyses(key, teh))


#: The trigger prefilter: only tokens that pass are looked up (:mod:`pipeline.extract.prefilter`).
may_trigger = KeyTest(_may_trigger)


def _lookup(tok: Token, nxt: Token | None, text: str) -> tuple[str | None, str | None, bool]:
    """(event_type, matched form, is_multiword) for a token (``text`` is the original string)."""
    if not may_trigger(tok.key):
        return None, None, False
    voc = _vocab()
    cands = [(c, p) for c, p in _analyses(tok.key, _ends_in_teh(text, tok)) if _prefix_ok(c, p)]
    if nxt is not None:
        nk = _candidates(nxt.key, _ends_in_teh(text, nxt))
        for c, _p in cands:
            for d in nk:
                if (c, d) in voc["multi"]:
                    return voc["multi"][(c, d)], c, True
    for c, _p in cands:
        if c in voc["triggers"]:
            return voc["triggers"][c], c, False
    return None, None, False


def _np(text: str, toks: list[Token], i: int, limit: int, max_len: int = 6) -> tuple[int, int] | None:
    """Token range [i, j) of a noun phrase starting at ``i``, stopping at punctuation or stop words."""
    stops = _vocab()["stops"]
    j = i
    while j < limit and j - i < max_len:
        t = toks[j]
        if not (t.is_digit or t.key[:1].isalpha()) or t.key in stops:
            break
        if j > i and (_lookup(t, None, text)[0] is not None):
            break
        j += 1
    return (i, j) if j > i else None


def _entity_in(mentions: Sequence[dict], start: int, end: int) -> dict | None:
    inside = [m for m in mentions if m["start"] >= start and m["end"] <= end and m.get("entity_id")]
    return inside[0] if inside else None


def _gentilic_in(toks: list[Token], i: int, j: int) -> str | None:
    for t in toks[i:j]:
        ok, ent = gentilic_entity(t.key)
        if ok and ent:
            return ent
    return None


def _party(text: str, toks: list[Token], mentions: Sequence[dict], rng: tuple[int, int] | None) -> tuple[str | None, str | None]:
    """(surface, entity_id) for an actor/target noun phrase token range."""
    if rng is None:
        return None, None
    i, j = rng
    start, end = toks[i].start, toks[j - 1].end
    m = _entity_in(mentions, start, end)
    if m is not None and m["start"] == start:
        end = m["end"]  # a name opening the phrase ends it
    ent = m.get("entity_id") if m else _gentilic_in(toks, i, j)
    return text[start:end], ent


def _best_timex(timexes: Sequence[dict], s0: int, s1: int, pos: int) -> dict | None:
    cands = [
        t for t in timexes
        if s0 <= t["start"] < s1 and t.get("kind") in ("date", "time") and t.get("date_start")
        and MIN_YEAR <= t["date_start"].year <= MAX_YEAR
    ]
    if not cands:
        return None
    return min(cands, key=lambda t: abs(t["start"] - pos) + (0 if t["start"] >= pos else 5))


def _location(view: str, mentions: Sequence[dict], s0: int, s1: int, pos: int, exclude: set[int]) -> str | None:
    locs = [m for m in mentions if s0 <= m["start"] < s1 and m.get("entity_type") == "LOC" and m.get("entity_id") and id(m) not in exclude]
    if not locs:
        return None
    def intro(m: dict) -> bool:
        pre = view[max(0, m["start"] - 20) : m["start"]].replace(TATWEEL, "")
        return bool(LOC_INTRO_RE.search(pre))
    introduced = [m for m in locs if intro(m)]
    pool = introduced or []
    if not pool:
        return None
    return min(pool, key=lambda m: abs(m["start"] - pos) + (0 if m["start"] >= pos else 10))["entity_id"]


def extract_event_mentions(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[dict],
    timexes: Sequence[dict],
    quantities: Sequence[dict] = (),
) -> list[dict]:
    """Extract typed event mentions (one per event type per sentence).

    Returns dicts with keys ``start``, ``end`` (trigger span), ``trigger``,
    ``event_type`` (key of :data:`EVENT_TYPES`), ``cameo_root``,
    ``sentence_index``, ``date_value`` (TIMEX3|None), ``date_start``,
    ``date_end`` (date|None), ``date_precision``, ``location_entity_id``,
    ``actor_entity_id``, ``target_entity_id``, ``actor_surface``,
    ``target_surface``, ``killed``, ``injured`` (int|None) and ``confidence``.
    Several triggers of one type in one sentence are merged into the first.
    """
    voc = _vocab()
    view, toks = analyze(text)
    tok_starts = [t.start for t in toks]
    sents = list(sentences) or [(0, len(text))]
    mentions = sorted(mentions, key=lambda m: m["start"])
    m_starts = [m["start"] for m in mentions]

    def starting_in(a: int, b: int) -> list[dict]:
        """The mentions starting in [a, b], in order (a slice: every scan below only looks at
        mentions near its trigger, so scanning all of them made long documents quadratic)."""
        return mentions[bisect.bisect_left(m_starts, a) : bisect.bisect_right(m_starts, b)]

    # quantities of each sentence, and time expressions by start when they come sorted (as from the
    # pipeline): each trigger looks at its own sentence only
    q_by_sentence: dict = {}
    for q in quantities:
        q_by_sentence.setdefault(q.get("sentence_index"), []).append(q)
    t_starts = [t["start"] for t in timexes]
    t_sorted = all(a <= b for a, b in zip(t_starts, t_starts[1:]))

    def timexes_in(a: int, b: int) -> Sequence[dict]:
        return timexes[bisect.bisect_left(t_starts, a) : bisect.bisect_left(t_starts, b)] if t_sorted else timexes

    def party_window(rng: tuple[int, int] | None) -> list[dict]:
        return starting_in(toks[rng[0]].start, toks[rng[1] - 1].end) if rng else []
    raw: list[dict] = []
    # only tokens whose key can be a trigger are looked up (the same tokens the walk over every token
    # found, in the same order); ``i`` is where the walk stands after a match
    i = 0
    for at in may_trigger.indices(toks):
        if at < i:
            continue
        i = at
        tok = toks[i]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        etype, form, is_multi = _lookup(tok, nxt, text)
        if etype is None:
            i += 1
            continue
        t_end_i = i + 2 if is_multi else i + 1
        if form in voc["needs_context"]:
            window = {c for t in toks[max(0, i - 6) : t_end_i + 6] for c in _candidates(t.key)}
            if not window & voc["military"]:
                i += 1
                continue  # "نشر مقالا" (publish), "الخروج من الأزمة": not a military event
        si = sentence_index(tok.start, sents)
        s0, s1 = sents[si] if si < len(sents) else (0, len(text))
        lo, hi = bisect.bisect_left(tok_starts, s0), bisect.bisect_left(tok_starts, s1)
        if lo >= hi:
            lo, hi = i, t_end_i
        # "وجهت ضربة قوية/موجعة لـ…": a figurative blow, not an air strike (unless an air marker follows)
        if etype == "strike" and t_end_i < hi:
            follow = {c for t in toks[t_end_i : min(hi, t_end_i + 3)] for c in _candidates(t.key)}
            if not follow & voc["air"] and _candidates(toks[t_end_i].key)[0] in _FIGURATIVE:
                i = t_end_i
                continue
            air = follow | {c for t in toks[i + 1 : t_end_i] for c in _candidates(t.key)}  # "ضربة جوية" is one trigger
            if not air & voc["air"] and i > lo and toks[i - 1].key in _BLOW_VERBS:
                i = t_end_i
                continue  # "وشكل ضربة جديدة لعملية المصالحة", "وسدد ضربة جديدة": a blow to a process, not a strike
        # attack with an air marker right after → strike
        if etype == "attack":
            follow = {c for t in toks[t_end_i : min(hi, t_end_i + 3)] for c in _candidates(t.key)}
            if follow & voc["air"]:
                etype = "strike"
        # actor: "من قبل X" after the trigger
        actor = target = None
        for k in range(t_end_i, min(hi, t_end_i + 8)):
            if toks[k].key == "من" and k + 1 < hi and toks[k + 1].key == "قبل":
                actor = _np(text, toks, k + 2, hi)
                break
        # actor: light verb + NP + trigger ("شنت القوات الأمريكية ضربات")
        if actor is None:
            for k in range(max(lo, i - 5), i):
                if any(c in voc["support"] for c in _candidates(toks[k].key)) and k + 1 < i:
                    actor = _np(text, toks, k + 1, i)
                    break
        # actor: verb trigger followed directly by a subject mention (VSO)
        if actor is None:
            after = [m for m in starting_in(toks[t_end_i - 1].end, toks[t_end_i - 1].end + 2) if 0 <= m["start"] - toks[t_end_i - 1].end <= 2 and m.get("entity_type") in ("ORG", "PER", "PERSON", "LOC")]
            if after and tok.key[:1] not in "ا" and not form.startswith("ا"):
                m = after[0]
                k0 = next(k for k in range(t_end_i, hi) if toks[k].end >= m["end"]) if any(toks[k].end >= m["end"] for k in range(t_end_i, hi)) else None
                if k0 is not None:
                    actor = (t_end_i, k0 + 1)
        # actor: subject mention shortly before the trigger (SVO)
        if actor is None:
            before = [m for m in starting_in(s0, tok.start) if s0 <= m["start"] and m["end"] <= tok.start and m.get("entity_type") in ("ORG", "PER", "PERSON", "LOC")]
            if before:
                m = before[-1]
                gap = [t for t in toks[lo:i] if t.start >= m["end"]]
                pre = view[max(0, m["start"] - 4) : m["start"]]
                if len(gap) <= 2 and not re.search(r"(?:في|على|ضد|من|الي|عن)\s*$", pre):
                    k0 = next(k for k in range(lo, i) if toks[k].end >= m["start"])
                    k1 = next(k for k in range(k0, i) if toks[k].end >= m["end"])
                    actor = (k0, k1 + 1)
        # target: preposition after the trigger (within a few tokens)
        if etype in voc["targeted"]:
            for k in range(t_end_i, min(hi, t_end_i + 6)):
                if toks[k].key in voc["target_preps"] and k + 1 < hi:
                    if toks[k].key == "علي" and toks[k + 1].key == "يد" and k + 2 < hi:
                        actor = actor or _np(text, toks, k + 2, hi)  # على يد X: the perpetrator
                        continue
                    target = _np(text, toks, k + 1, hi)
                    break
                if not toks[k].key[:1].isalpha() or _lookup(toks[k], None, text)[0] is not None:
                    break
            if target is None and form in voc["direct"] and t_end_i < hi:
                start_k = actor[1] if actor and actor[0] == t_end_i else t_end_i
                target = _np(text, toks, start_k, hi, max_len=4) if start_k < hi else None
        actor_surface, actor_id = _party(text, toks, party_window(actor), actor)
        target_surface, target_id = _party(text, toks, party_window(target), target)
        used = {id(m) for m in party_window(actor) if actor and toks[actor[0]].start <= m["start"] < toks[actor[1] - 1].end}
        tx = _best_timex(timexes_in(s0, s1), s0, s1, tok.start)
        loc = _location(view, starting_in(s0, s1), s0, s1, tok.start, used)
        if i > 0 and toks[i - 1].key in _GROUP_NOUNS and tok.key.startswith("ال"):
            i = t_end_i
            continue  # "قوات الاحتلال", "جنود الاحتلال": the name of a group, not an event
        figures = (_casualties(toks, tok_starts, i, t_end_i, si, q_by_sentence.get(si, ()))
                   if etype in CASUALTY_TYPES and not _attempted(toks, i, lo) and not _day_of_campaign(toks, i)
                   and not (t_end_i < len(toks) and toks[t_end_i].key == _OR) else {})
        if figures and any(t.key in _CHARGES for t in toks[lo:i]):
            # "12 اتهاما … ست منها بالقتل العمد": a count of charges before the trigger, not a toll (but
            # "بتهم قتل عشرة قرويين" names the victims after it)
            figures = {c: f for c, f in figures.items() if f[2] > tok.start}
        if figures and _unreal(toks, i, lo):
            figures = {}  # "لم يرتكب جرائم قتل": an act that did not happen has no toll
        if figures and _natural_context(text, toks, lo, hi, s0):
            figures = {}  # a storm's, an earthquake's or an accident's deaths: not an assault's toll
        killed = figures["casualties_killed"][1] if "casualties_killed" in figures else None
        injured = figures["casualties_injured"][1] if "casualties_injured" in figures else None
        conf = 0.55 if form in voc["ambiguous"] else 0.7
        conf += 0.1 * sum(x is not None for x in (tx, loc, actor_id or actor_surface))
        if etype == "killing" and any(t.key in _NOT_ASSAULT or t.key[1:] in _NOT_ASSAULT for t in toks[lo:hi]):
            i = t_end_i
            continue  # "قتل 199 شخصا جراء الفيضانات": deaths, not an assault
        if t_end_i < len(toks) and toks[t_end_i].key in _NOT_ASSAULT:
            i = t_end_i
            continue  # "احتمال اجتياح عواصف عاتية": a storm, not an invasion
        if _unreal(toks, i, lo):
            conf -= UNREAL_PENALTY  # "لم يكن هناك أي اعتداء", "يهدد بشن هجوم": may not have happened
        end = toks[t_end_i - 1].end
        raw.append(
            {
                "start": tok.start,
                "end": end,
                "trigger": text[tok.start : end],
                "event_type": etype,
                "cameo_root": EVENT_TYPES[etype],
                "sentence_index": si,
                "date_value": tx.get("value") if tx else None,
                "date_start": tx.get("date_start") if tx else None,
                "date_end": tx.get("date_end") if tx else None,
                "date_precision": tx.get("granularity") if tx else None,
                "location_entity_id": loc,
                "actor_entity_id": actor_id,
                "target_entity_id": target_id,
                "actor_surface": actor_surface,
                "target_surface": target_surface,
                "killed": killed,
                "injured": injured,
                "confidence": round(min(conf, 0.95), 2),
                "_generic": form in voc["generic"],
                "_figures": figures,
            }
        )
        i = t_end_i
    return _merge(_assign_figures(raw))


def _natural_context(text: str, toks: Sequence[Token], lo: int, hi: int, s0: int) -> bool:
    """A natural disaster is named in the killing's sentence, its paragraph or the
    :data:`NATURAL_CONTEXT_CHARS` before it, and the sentence itself names no assault."""
    if any(t.key in _ASSAULT_WORDS or t.key[1:] in _ASSAULT_WORDS for t in toks[lo:hi]):
        return False
    if any(t.key in _NATURAL or t.key[1:] in _NATURAL or t.key in _ACCIDENT_IN_SENTENCE
           or t.key[1:] in _ACCIDENT_IN_SENTENCE for t in toks[lo:hi]) or _fallen_structure(toks, lo, hi):
        return True
    a = max(0, s0 - NATURAL_CONTEXT_CHARS)
    k = bisect.bisect_left([t.start for t in toks[max(0, lo - 120):lo]], a) + max(0, lo - 120)
    return any(t.key in _NATURAL or t.key[1:] in _NATURAL for t in toks[k:lo])


def _figure_class(etype: str) -> str:
    """Killings are the heads of their figures; every other casualty type is a cause, and causes compete
    for a figure (``غارات … غداة احتجاجات … قتل خلالها فلسطينيان وأصيب 200``: the protests', not the strikes')."""
    return "killing" if etype == "killing" else "cause"


def _assign_figures(raw: list[dict]) -> list[dict]:
    """A casualty figure belongs to the nearest killing trigger and the nearest cause trigger of its sentence:
    ``قتل فيها العشرات، وأهمها هجوم … أسفر عن مقتل 29`` gives 29 to ``مقتل``, not to ``قتل``."""
    nearest: dict[tuple[str, int, str], int] = {}
    for r in raw:
        for cat, (dist, _v, pos) in r["_figures"].items():
            key = (r["event_type"], pos, cat)
            nearest[key] = min(nearest.get(key, dist), dist)
            if not r["_generic"]:  # "غارات روسية استهدفت": a generic trigger takes no figure from another type
                key = (_figure_class(r["event_type"]), pos, cat)
                nearest[key] = min(nearest.get(key, dist), dist)
    for r in raw:
        for cat, (dist, _v, pos) in r.pop("_figures").items():
            if dist > nearest[(r["event_type"], pos, cat)] or (
                    not r["_generic"] and dist > nearest[(_figure_class(r["event_type"]), pos, cat)]):
                r["killed" if cat == "casualties_killed" else "injured"] = None
    return raw


def _casualties(toks: list[Token], tok_starts: list[int], i: int, t_end_i: int, si: int,
                quantities: Sequence[dict]) -> dict[str, tuple[int, int, int]]:
    """Candidate casualty figures for the trigger on tokens [i, t_end_i): per category
    (``casualties_killed``/``casualties_injured``) the nearest incident-scope figure of the sentence
    within :data:`CLAUSE_WINDOW` tokens and no clause break between, as (distance, value, figure
    start). Cumulative totals (``scope = 'cumulative'``, see :mod:`pipeline.extract.tolls`) never
    count. :func:`_assign_figures` then gives each figure to its nearest trigger only."""
    best: dict[str, tuple[int, int, int]] = {}
    for q in quantities:
        cat = q.get("category")
        if cat not in CASUALTY_CATEGORIES or q.get("sentence_index") != si or q.get("value") is None:
            continue
        if q.get("scope", "cumulative" if q["value"] >= MAX_INCIDENT_TOLL else "incident") == "cumulative":
            continue
        q0 = bisect.bisect_left(tok_starts, q["start"])
        q1 = bisect.bisect_left(tok_starts, q["end"])
        if q0 >= t_end_i:
            gap = toks[t_end_i:q0]
        elif q1 <= i:
            gap = toks[q1:i]
        else:
            gap = []
        if len(gap) > CLAUSE_WINDOW or any(t.key in _CLAUSE_BREAKS or t.key in _CONTRAST for t in gap):
            continue  # "… في غارة، في حين أصيب 3 إسرائيليين من جراء الصواريخ": another event's figure
        kc = bisect.bisect_right(tok_starts, q["start"]) - 1
        glued = toks[kc].start < q["start"] and toks[kc].key[:1] == "و"  # "واثنين"
        if q0 >= t_end_i and ((len(gap) > 1 and gap[-1].key == "و") or (glued and kc > t_end_i)):
            continue  # "أربعة مسلحين قتلوا أمام السفارة واثنين أمام مقر الجيش": a second, elliptic clause's figure
        if q1 <= i and any(t.key in _OTHER_EVENT_LINKS for t in gap):
            continue  # "قتل ستة … اتهمها بالضلوع في هجوم", "مقتل ثلاثة …، وذلك غداة تفجير": a related, earlier event
        if q1 <= i and any(_reporting_verb(t) for t in gap):
            continue  # "أسفرت عن مقتل ثلاثة …، وأوضح أن منفذي الهجوم": a new reported clause, another event's trigger
        if q0 >= t_end_i and any(t.key in _RETALIATION for t in gap):
            continue  # "غارات على القطاع ردا على إصابة 4 جنود في انفجار": the explosion's figure
        if q0 >= t_end_i and _after_deaths(gap):
            continue  # "وتأتي الغارات بعد مقتل 7 خبراء في غارات": the deaths came before the trigger's act
        if _sequenced(gap, q0 >= t_end_i):
            continue  # "وأصاب أربعة آخرين قبل أن يقتله رجال الشرطة": the trigger's act came after the figure's
        if q1 <= i and i > 0 and toks[i - 1].key in ("،", ",") and toks[i].key[:1] in "وف" and len(toks[i].key) > 3:
            continue  # "الهجمات التي أسفرت عن مقتل 3 آلاف شخص، فغزت الولايات المتحدة أفغانستان": a new clause
        if q1 <= i and _after_another_cause([*gap, toks[i]]):
            continue  # "قتل 83 في مواجهات مع المقاومة، وغارات للتحالف": shared by both causes, the strikes' own is unknown
        if q1 <= i and any(t.key in _FOLLOWED for t in gap):
            continue  # "فض اعتصامين قتل فيهما 700، وما تلاه من اشتباكات": the clashes came after that toll
        if q1 <= i and any(t.key in _SUBSET and x > 0 and (gap[x - 1].is_digit or number_word_value(gap[x - 1].key) is not None)
                           for x, t in enumerate(gap)):
            continue  # "مقتل 17 مدنيا، عشرة منهم جراء غارات …": the strikes have the subset, not the total
        if _day_of_month(toks, q1):
            continue  # "قُتلت في 25 من الشهر الجاري": a date, not a toll
        before = [t.key for t in toks[max(0, q0 - 3) : q0]]
        if q0 > 0 and toks[q0 - 1].key in _MODEL_WORDS:
            continue  # "ركاب البوينغ 777": a model number, not a toll
        if _not_a_count(toks, q0, q1):
            continue  # "قائد اللواء 405", "مقتل شاب في الـ22 مساء", "بين 22 و23 مايو": a name, an hour, a date
        if any(t.key in _HANDS for t in toks[max(0, q0 - 4) : q0]):
            continue  # "قُتل على أيدي 15 سعوديا": the killers, not the victims
        if q1 + 1 < len(toks) and toks[q1].key == "من" and toks[q1 + 1].key in _AGE:
            continue  # "شابا أسود في 26 من عمره": an age
        if any(k in _SUBSET for k in before):
            continue  # "مقتل 245، بينهم 41 طفلا": a subset, not the toll
        if q0 > 0 and toks[q0 - 1].key in _WITH or _later_part(toks, tok_starts, q, quantities):
            continue  # "قتل مع سبعة آخرين": one more than the figure; "4 جنود وخمسة عشر مسلحا": 15 is the second part
        value = _coordinated_total(toks, tok_starts, q0, q1, q, quantities)
        if value is None or _more_people_added(toks, tok_starts, q1, q, quantities) or _added_part(toks, tok_starts, q0, q, quantities):
            continue  # "قتل ضابطين و26 مجندا": 26 is one part of a toll whose other part is not a figure
        dist = len(gap)
        if cat not in best or dist < best[cat][0]:
            best[cat] = (dist, value, q["start"])
    return best


#: Links from a toll to *another* event named after it: an accusation (the killed are accused of an attack) or a
#: relative time (the day after / the eve of an attack).
_OTHER_EVENT_LINKS = frozenset(normalize_key(w) for w in (
    "اتهم", "اتهمت", "اتهمها", "اتهمه", "اتهمهم", "اتهمتها", "اتهمته", "اتهمتهم", "يتهم", "تتهم", "المتهمين", "المتهمة",
    "المتهم", "بالضلوع", "بالتورط", "غداة", "عشية"))


def _reporting_verb(tok: Token) -> bool:
    """A reporting verb (``وأوضح``, ``قال``; from ``vocab/sources.yaml``), with or without a و/ف clitic."""
    key = tok.key
    verbs = source_vocab()["verbs"]
    return key in verbs or (len(key) > 3 and key[0] in "وف" and key[1:] in verbs)


_CHARGES = frozenset(normalize_key(w) for w in (
    "اتهاما", "اتهامات", "اتهام", "تهمة", "تهم", "بتهمة", "بتهم", "تهمتي", "التهم", "الاتهامات"))
#: "with" before a figure (``قتل مع سبعة آخرين``; twelfth session (tolls13), sample L: ``قُتل ومعه ١٦``): one more than it.
_WITH = frozenset(normalize_key(w) for w in ("مع", "معه", "ومعه", "معها", "ومعها"))
_HANDS = frozenset(normalize_key(w) for w in ("يد", "أيدي", "ايدي", "يدي"))
_AGE = frozenset(normalize_key(w) for w in ("عمره", "عمرها", "العمر", "عمرهم"))
_MODEL_WORDS = frozenset(normalize_key(w) for w in (
    "البوينغ", "بوينغ", "بوينج", "إيرباص", "ايرباص", "طراز", "إف", "ميغ", "سوخوي", "الطائرة", "طائرة"))
_MONTH_WORDS = frozenset(normalize_key(w) for w in ("الشهر", "شهر"))


def _after_deaths(gap: Sequence[Token]) -> bool:
    """Twelfth session: the tokens from a trigger to a later figure hold "after the killing/wounding of"
    (``بعد مقتل``, ``إثر إصابة``; ``after_words`` and ``toll_nouns`` in ``vocab/events.yaml``): the trigger's act
    followed those deaths, whose figure belongs to the act that caused them."""
    voc = _vocab()
    return any(t.key in voc["after"] and gap[x + 1].key in voc["toll_nouns"] for x, t in enumerate(gap[:-1]))


_BEFORE = frozenset(normalize_key(w) for w in ("قبل", "وقبل"))
_AFTER = frozenset(normalize_key(w) for w in ("بعد", "وبعد"))


def _sequenced(gap: Sequence[Token], figure_after: bool) -> bool:
    """Thirteenth session (tolls14; side effect of the active wounding verb): "قبل أن" between a figure and a later
    trigger (``قتل رجل أحد المارة وأصاب أربعة آخرين قبل أن يقتله رجال الشرطة``) or "بعد أن" between a trigger and a
    later figure (``قتلت الشرطة المهاجم بعد أن طعن رجلا وأصاب أربعة``): the trigger's act came after the casualties,
    so they are not its toll (``أصيب 7 أشخاص بعد أن تعرضوا لهجوم`` keeps the attack's: its act came first)."""
    words = _AFTER if figure_after else _BEFORE
    return any(t.key in words and gap[x + 1].key in ("ان", "أن") for x, t in enumerate(gap[:-1]))


#: Prepositions before a definite number that is an hour, a day or an age (``في الـ22 مساء``, ``حتى الـ10``).
_AT = frozenset(normalize_key(w) for w in ("في", "حتى", "قبل", "بعد", "منذ", "عند"))


def _not_a_count(toks: list[Token], q0: int, q1: int) -> bool:
    """Twelfth session: the number on tokens ``[q0, q1)`` counts no people — it designates a unit, a flight or an
    article (``قائد اللواء 405 مشاة``; ``designation_heads`` in ``vocab/events.yaml``), it is an hour, a day or an
    age with the article after a preposition (``مقتل شاب في الـ22 مساء الثلاثاء``), or a day before a month name,
    alone or in a range (``قتل بين 22 و23 مايو فتاة``)."""
    voc = _vocab()
    if q0 > 0 and toks[q0 - 1].key in voc["designation"]:
        return True
    if q0 > 1 and toks[q0 - 1].key == "ال" and toks[q0 - 2].key in _AT:
        return True
    k = q1
    if k + 1 < len(toks) and toks[k].key == "و" and toks[k + 1].is_digit:
        k += 2  # "22 و23 مايو"
    return toks[q0].is_digit and k < len(toks) and toks[k].key in voc["months"]


def _more_people_added(toks: list[Token], tok_starts: list[int], q1: int, q: dict, quantities: Sequence[dict]) -> bool:
    """Twelfth session (tolls13, casualty sample AF): an addition word right after the figure and its counted noun, then
    more people — a figure of the same category or a dual person noun (``قُتل 66 رجلا بالإضافة إلى امرأتين``,
    ``إضافة إلى 3 مدنيين``;
    ``addition_words``, ``dual_persons`` in ``vocab/events.yaml``): the figure is one part of the toll."""
    voc = _vocab()
    if q1 + 2 >= len(toks) or toks[q1].key not in voc["addition"] or toks[q1 + 1].key not in ("الي", "عن", "علي"):
        return False
    if toks[q1 + 2].key in voc["dual_persons"]:
        return True
    # a figure of the same category (``7 قتلى بالإضافة إلى 12 جريحا`` is the injured figure, no second part)
    return any(o.get("category") == q.get("category") and bisect.bisect_left(tok_starts, o["start"]) == q1 + 2
               for o in quantities if o is not q)


def _added_part(toks: list[Token], tok_starts: list[int], q0: int, q: dict, quantities: Sequence[dict]) -> bool:
    """The figure is the part after an addition word whose first part is a figure of the same category
    (``5 جنود إضافة إلى 3 مدنيين``): it is one part of the toll too (``7 قتلى بالإضافة إلى 12 جريحا`` keeps 12)."""
    if q0 < 3 or toks[q0 - 1].key not in ("الي", "عن", "علي") or toks[q0 - 2].key not in _vocab()["addition"]:
        return False
    return any(o.get("category") == q.get("category") and bisect.bisect_left(tok_starts, o["end"]) == q0 - 2
               for o in quantities if o is not q)


def _day_of_month(toks: list[Token], q1: int) -> bool:
    """The figure is followed by "من الشهر/شهر" (``في 25 من الشهر الجاري``)."""
    return q1 + 1 < len(toks) and toks[q1].key == "من" and toks[q1 + 1].key in _MONTH_WORDS


#: Nouns for people joined to a figure by و that are another part of the same toll (``4 عسكريين وجندي``).
_PERSON_PART = frozenset(normalize_key(w) for w in (
    "جندي", "مدني", "طفل", "شخص", "عنصر", "ضابط", "مواطن", "امرأة", "رجل", "شرطي", "مسلح", "عدد", "آخر", "آخرين",
    "أحد", "احد", "إحدى"))
#: Qualifiers that may stand between two parts of a toll (``أربعة جنود على الأقل وخمسة عشر مسلحا``).
_PART_QUALIFIERS = frozenset(normalize_key(w) for w in ("على", "الأقل", "الاقل", "نحو", "حوالي", "قرابة"))


_DAY_WORDS = frozenset(normalize_key(w) for w in ("اليوم", "الأسبوع", "الشهر", "يوم"))


def _day_of_campaign(toks: list[Token], i: int) -> bool:
    """The trigger names a campaign a day belongs to (``في اليوم الثاني من الهجوم``): a figure of that
    day is not the campaign's toll."""
    return i >= 3 and toks[i - 1].key == "من" and toks[i - 3].key in _DAY_WORDS


def _attempted(toks: list[Token], i: int, lo: int) -> bool:
    """An attempt/foil word in the three words before the trigger (``والشروع في قتل``,
    ``أحبطت محاولة لشن هجوم``)."""
    return any(t.key in _ATTEMPT for t in toks[max(lo, i - 3) : i])


def _coordinated_total(toks: list[Token], tok_starts: list[int], q0: int, q1: int, q: dict,
                       quantities: Sequence[dict]) -> int | None:
    """The toll a figure stands for when parts are joined by و: ``مقتل 5 جنود و3 مدنيين`` → 8 (the
    parts are same-category figures of the sentence); None when a part is not a figure
    (``ضابطين و26 مجندا``: the dual has no number), so the figure is only part of the toll."""
    same = {bisect.bisect_left(tok_starts, o["start"]): o for o in quantities
            if o.get("category") == q.get("category") and o.get("value") is not None}
    ends = {bisect.bisect_left(tok_starts, o["end"]): k for k, o in same.items()}
    total, k, k_end, cur = int(q["value"]), q0, q1, q
    while k >= 2 and toks[k - 1].key == "و":  # parts before: "... جنود و3"
        prev = ends.get(k - 1)
        if prev is None:
            return None if toks[k - 2].key[:1].isalpha() else total
        total += int(same[prev]["value"])
        k = prev
    while True:  # parts after: "5 جنود و3 مدنيين", "تسعة شرطيين وستة عناصر من قوات الأمن وأربعة مدنيين"
        part = _next_part(toks, tok_starts, k_end, cur, quantities)
        if part is None:
            break
        total += int(part["value"])
        cur = part
        k_end = bisect.bisect_left(tok_starts, part["end"])
    while k_end < len(toks) and gentilic_entity(toks[k_end].key)[0]:
        k_end += 1  # "أربعة عسكريين أميركيين وجندي": past the nationality adjective
    if k_end + 1 < len(toks) and toks[k_end].key == "من" and toks[k_end + 1].key.startswith("ال"):
        k_end += 2  # "سبعة من المسلحين وجنديان": past the من-complement of the figure
        while k_end < len(toks) and gentilic_entity(toks[k_end].key)[0]:
            k_end += 1
    for x in range(k_end, min(len(toks), k_end + 8)):
        key = toks[x].key
        if not key[:1].isalpha():
            break
        if key[:1] == "و" and len(key) > 2 and number_word_value(key[1:]) is not None:
            return None  # "20 طفلاً دون السابعة من العمر وستة راشدين": another part of the toll
    if k_end < len(toks):
        nxt = toks[k_end].key
        part = toks[k_end + 1].key if nxt == "و" and k_end + 1 < len(toks) else (nxt[1:] if nxt[:1] == "و" else None)
        if part is not None and any(p in _PERSON_PART for p in _part_forms(part)):
            return None  # "4 عسكريين أميركيين وجندي صومالي", "117 مسلحا وعدد من المدنيين": one more part, not a figure
    return total


def _part_forms(key: str) -> tuple[str, ...]:
    """A noun without the article and without a dual/plural ending (``وجنديان`` → ``جندي``)."""
    k = key.removeprefix("ال")
    out = [key, k]
    for suf in ("ان", "ين", "ون", "ا"):
        if k.endswith(suf) and len(k) - len(suf) >= 3:
            out.append(k[: -len(suf)])
    return tuple(out)


def _later_part(toks: list[Token], tok_starts: list[int], q: dict, quantities: Sequence[dict]) -> bool:
    """The figure is the second part of a toll joined by a و glued to its number word
    (``أربعة جنود على الأقل وخمسة عشر "إرهابيا"``): the toll is the sum :func:`_coordinated_total`
    gives the first part."""
    k = bisect.bisect_right(tok_starts, q["start"]) - 1
    comma_wa = k > 1 and tok_starts[k] == q["start"] and toks[k - 1].key == "و" and toks[k - 2].key in ("،", ",")
    if k < 0 or not comma_wa and (tok_starts[k] >= q["start"] or toks[k].key[:1] != "و"):
        return False  # (eighth session: "…، و4 يمنيين" — a part after a comma and a separate و — counts too)
    return any(_next_part(toks, tok_starts, bisect.bisect_left(tok_starts, o["end"]), o, quantities) is q
               for o in quantities if o["end"] <= q["start"] and o.get("sentence_index") == q.get("sentence_index"))


#: Quantity categories of people that can be another part of a casualty toll (``وأربعة مدنيين``).
_PART_CATEGORIES = frozenset(("people", "troops", "fighters"))


def _next_part(toks: list[Token], tok_starts: list[int], k_end: int, q: dict, quantities: Sequence[dict]) -> dict | None:
    """The next part of a toll joined by و after the tokens ending at ``k_end``: a figure of the same
    casualty category or of people (``مدنيين``) that follows و, with at most an uncounted noun, a
    nationality and a ``من …`` complement of three words between (``تسعة شرطيين وستة عناصر من قوات
    مكافحة الإرهاب وأربعة مدنيين`` → 9 + 6 + 4). A figure of the other casualty category
    (``بمقتل 3 وإصابة 2``) is no part."""
    for o in sorted(quantities, key=lambda o: o["start"]):
        if o["start"] < q["end"] or o.get("value") is None or o.get("sentence_index") != q.get("sentence_index"):
            continue
        if o.get("category") != q.get("category") and o.get("category") not in _PART_CATEGORIES:
            return None
        o0 = bisect.bisect_right(tok_starts, o["start"]) - 1
        if o0 < k_end:
            return None
        gap = [t.key for t in toks[k_end:o0]]
        glued_wa = tok_starts[o0] < o["start"] and toks[o0].key[:1] == "و"
        wa_comma = gap[:-1] if glued_wa else (gap[:-2] if gap[-2:] in (["،", "و"], [",", "و"]) else None)
        if wa_comma is not None and (glued_wa and gap[-1:] in (["،"], [","]) or not glued_wa) and "من" in wa_comma[:2] \
                and 2 < len(wa_comma) <= 6 and all(k[:1].isalpha() for k in wa_comma):
            # eighth session: "مقتل 3 خبراء من ميليشيات حزب الله اللبناني، و4 يمنيين": a comma before the و of the
            # next part after a long "من …" complement; the parts are one toll (3 + 4)
            return o
        if glued_wa:
            pass  # "وستة": the و is a clitic of the number word
        elif gap and gap[-1] == "و":
            gap = gap[:-1]
        else:
            return None
        gap = [k for k in gap if k not in _PART_QUALIFIERS]
        if len(gap) > 5 or any(not k[:1].isalpha() for k in gap):
            return None
        if len(gap) > 1 and "من" not in gap[:3]:
            return None
        return o
    return None


def _unreal(toks: list[Token], i: int, lo: int) -> bool:
    """A negation, threat or modal word in the four words before the trigger."""
    for t in toks[max(lo, i - 4) : i]:
        if t.key in _UNREAL or (len(t.key) > 3 and t.key[0] in "وف" and t.key[1:] in _UNREAL):
            return True
    return False


_FILL = ("date_value", "date_start", "date_end", "date_precision", "location_entity_id", "actor_entity_id",
         "target_entity_id", "actor_surface", "target_surface")


def _merge(raw: list[dict]) -> list[dict]:
    """One mention per (sentence, type) — except that a trigger with its own casualty figures is
    not folded into an earlier one without them; drop generic triggers when a specific one shares
    the sentence."""
    by_sent: dict[int, set[str]] = {}
    for r in raw:
        if not r["_generic"]:
            by_sent.setdefault(r["sentence_index"], set()).add(r["event_type"])
    out: dict[tuple[int, str], dict] = {}
    for r in raw:
        specific = by_sent.get(r["sentence_index"], set())
        if r["_generic"] and specific - {r["event_type"]}:
            continue
        key = (r["sentence_index"], r["event_type"])
        if key not in out:
            out[key] = r
            continue
        kept = out[key]
        if (kept["killed"], kept["injured"]) != (r["killed"], r["injured"]) and (r["killed"] or r["injured"]):
            if kept["killed"] is None and kept["injured"] is None:
                # "قتل فيها العشرات … والتي أسفرت عن مقتل 29": the figure belongs to the later trigger
                out[(r["sentence_index"], r["event_type"], r["start"])] = r
                continue
        for f in _FILL:
            if kept[f] is None and r[f] is not None:
                kept[f] = r[f]
        kept["confidence"] = max(kept["confidence"], r["confidence"])
    result = sorted(out.values(), key=lambda r: r["start"])
    for r in result:
        r.pop("_generic", None)
    return result
