"""Cited sources: attribution phrases and the sources they name.

Recognised constructions (cue → source):

* prepositional cues — ``بحسب X``, ``حسب X``, ``وفقا لـ X``, ``طبقا لـ X``,
  ``نقلا عن X``, ``استنادا إلى X``, ``حسبما أعلن/صرح/قال/ذكر X``,
  ``وفقا لما نقلته/ذكرته X``, ``وفق ما أوردت X`` and bare ``وفق X`` (only when
  X opens with a source: ``وفق المرصد`` but not ``وفق الخطة``), each with an
  optional و/ف prefix and tanwin (``ووفقًا``);
  a document head is looked through: ``وفقا لتقرير صادر عن رويترز`` cites
  Reuters (kind news_agency), ``بحسب بيان لوزارة الدفاع`` cites the ministry;
* speech to an outlet — ``قالت مصادر لرويترز``, ``صرح مسؤول أمريكي لشبكة
  فوكس نيوز``: two rows, the speaker (anonymous/official) and the outlet;
* translation credits — ``تقرير "ميدل إيست آي" ترجمة عربية Draw``: the
  translated outlet (role ``translated_from``) and the publisher
  (kind ``translation``, role ``translator``).

Each row: ``start``/``end`` (whole attribution phrase), ``cue`` and its span,
``source_surface`` and its span, ``source_entity_id`` (from an entity mention
inside the source span), ``source_kind`` (one of :data:`SOURCE_KINDS`) and
``role`` (``source``, ``outlet``, ``translated_from``, ``translator``) and
``confidence`` (:data:`CONFIDENCE`: by source kind, highest for an entity mention).
"""

from __future__ import annotations

import bisect

import re
from collections.abc import Sequence
from functools import lru_cache

from pipeline.extract.prefilter import KeyTest
from pipeline.extract.quantities import Token, analyze, sentence_index
from pipeline.extract.vocab import load_vocab
from pipeline.text.normalize import TATWEEL, normalize_key

__all__ = [
    "SOURCE_KINDS",
    "ROLES",
    "clitic_variants",
    "source_vocab",
    "classify_source",
    "plausible_source",
    "is_recipient",
    "find_outlet",
    "attribution_cue_at",
    "extract_citations",
]

SOURCE_KINDS: tuple[str, ...] = ("news_agency", "media", "official", "anonymous", "document", "translation")
ROLES: tuple[str, ...] = ("source", "outlet", "translated_from", "translator")

# Prepositional cues, matched on the normalized view with diacritics turned into U+200B
# (``_TW``: an optional tanwin/fatha mark before or after the final alef: وفقاً، وفقًا، نقلاً).
def _tw(stem: str) -> str:
    return stem + "\u200b*ا?\u200b*"


# Attribution verbs after ``حسبما`` / ``بحسب ما`` / ``وفق ما`` / ``وفقا لما``; the matched prefix is
# extended to the whole word, so object pronouns (نقلته، ذكرته، أعلنه) need no listing.
_CUE_VERBS = r"(?:ذكر|اعلن|صرح|قال|افاد|اورد|نقل|يقول|تقول|كشف|اكد|اوضح|نشر|بث|ورد|جاء)"
_PREP_CUES = (
    r"بحسب ما " + _CUE_VERBS,
    r"حسبما " + _CUE_VERBS,
    r"حسب ما " + _CUE_VERBS,
    r"بحسب ما ورد",
    r"بحسب",
    r"حسب",
    _tw("وفق") + r" ?لما " + _CUE_VERBS,   # وفقا لما نقلته X
    r"وفق\u200b* ?ما " + _CUE_VERBS,       # وفق ما أوردت X
    _tw("وفق") + r"(?= ?ل)",                # وفقا لـ X
    r"وفق\u200b*(?= )",                    # وفق X (bare; the source must be a source head)
    _tw("طبق") + r"(?= ?ل)",
    _tw("نقل") + r" عن",
    _tw("استناد") + r" (?:الي|على|علي)",
    r"نقلت عن",
    r"نقل عن",
)
_PREP_RE = re.compile(r"(?<![^\s،,.(«\"“])(?:[وف])?(?:" + "|".join(_PREP_CUES) + r")(?=\s|[^\s])")
#: Bare ``وفق`` also means "in line with" (وفق الخطة): its source must itself be a source head.
_BARE_RE = re.compile(r"[وف]?وفق\u200b*")
_SPEECH_VERBS = (
    "قال", "قالت", "قالوا", "يقول", "تقول", "صرح", "صرحت", "اكد", "اكدت", "اوضح", "اوضحت", "ذكر", "ذكرت",
    "افاد", "افادت", "كشف", "كشفت", "اضاف", "اضافت", "اشار", "اشارت",
)
_TRANSLATION_RE = re.compile(r"ترجم(?:ه|ة)(?:\s+(?:عربيه|خاصه|ال\S+))?")
_DOC_LINKERS = {"صادر", "صادره", "الصادر", "الصادره", "عن", "نشرته", "نشرتها", "نشره", "اعدته", "اعده", "من"}


@lru_cache(maxsize=1)
def source_vocab() -> dict[str, frozenset[str] | tuple[tuple[str, ...], ...]]:
    """Normalized source vocabularies from ``vocab/sources.yaml``."""
    voc = load_vocab("sources")
    keys = lambda name: frozenset(normalize_key(w) for w in voc[name])  # noqa: E731
    names = lambda name: tuple(sorted((tuple(normalize_key(w).split()) for w in voc[name]), key=len, reverse=True))  # noqa: E731
    return {
        "agencies": names("news_agencies"),
        "media": names("media"),
        "agency_heads": keys("agency_heads"),
        "media_heads": keys("media_heads"),
        "anonymous": keys("anonymous_heads"),
        "official": keys("official_heads"),
        "document": keys("document_heads"),
        "verbs": keys("reporting_verbs"),
        "continuation": keys("continuation_verbs"),
    }


@lru_cache(maxsize=1)
def _speech_verb_keys() -> frozenset[str]:
    return frozenset(normalize_key(v) for v in _SPEECH_VERBS)


@lru_cache(maxsize=65536)
def _is_speech_verb(key: str) -> bool:
    """A speech verb (قال, صرحت …) behind any clitic: one cached answer per distinct word."""
    verbs = _speech_verb_keys()
    return any(c in verbs for c in clitic_variants(key))


#: Speech-verb prefilter: only tokens that pass start step 2 (:mod:`pipeline.extract.prefilter`).
_speech_verb = KeyTest(_is_speech_verb)


@lru_cache(maxsize=65536)
def clitic_variants(key: str) -> tuple[str, ...]:
    """Lookup forms of a normalized token: without و/ف/ب, ل, and the article (لل… → ال…)."""
    out = [key]
    k = key
    if len(k) > 2 and k[0] in "وفب" and not k.startswith("ال"):
        k = k[1:]
        out.append(k)
    if len(k) > 2 and k[0] == "ل" and not k.startswith("لل"):
        k = k[1:]
        out.append(k)
    if k.startswith("لل") and len(k) > 3:
        out += ["ال" + k[2:], k[2:]]
    elif k.startswith("ال") and len(k) > 3:
        out.append(k[2:])
    return tuple(out)


def find_outlet(toks: list[Token], i: int, limit: int) -> tuple[int, str] | None:
    """If a named outlet (or an outlet head + name) starts at token ``i``: (end index, kind)."""
    voc = source_vocab()
    if i >= limit:
        return None
    first = clitic_variants(toks[i].key)
    for kind, table in (("news_agency", voc["agencies"]), ("media", voc["media"])):
        for name in table:
            n = len(name)
            if i + n > limit:
                continue
            if name[0] in first and all(toks[i + k].key == name[k] for k in range(1, n)):
                return i + n, kind
    for kind, heads in (("news_agency", voc["agency_heads"]), ("media", voc["media_heads"])):
        if any(c in heads for c in first):
            j = i + 1
            if j < limit and toks[j].key in ("الانباء", "انباء"):
                j += 1  # وكالة الأنباء العراقية
            named = find_outlet(toks, j, limit) if j < limit else None
            if named:
                return named[0], kind
            k = j
            while k < limit and k - j < 3 and toks[k].key[:1].isalpha() and toks[k].key not in ("في", "ان", "عن", "يوم"):
                k += 1
            return k, kind
    return None


def is_recipient(toks: list[Token], i: int, limit: int) -> bool:
    """Token ``i`` opens a 'to <outlet/reporters>' phrase (لرويترز، لشبكة …، للصحفيين)."""
    key = toks[i].key
    if not key.startswith("ل") or key.startswith("ال"):
        return False
    if key in ("للصحفيين", "للصحافيين", "للصحافه", "للاعلام", "لوسائل"):
        return True
    return find_outlet(toks, i, limit) is not None


def classify_source(toks: list[Token], i: int, j: int, mention: dict | None = None) -> str:
    """Source kind of the noun phrase toks[i:j] (+ its entity mention, if any)."""
    voc = source_vocab()
    if mention is not None and mention.get("subtype") in ("news_org", "news_agency"):
        out = find_outlet(toks, i, j)
        return out[1] if out else "media"
    out = find_outlet(toks, i, j)
    if out is not None:
        return out[1]
    while i < j - 1 and (toks[i].key in _QUANTIFIERS or toks[i].key == "من"):
        i += 1  # العديد من مسؤولي الدفاع -> head مسؤولي
    head = clitic_variants(toks[i].key) if i < j else []
    if any(c in voc["document"] for c in head):
        if i + 1 < j and toks[i + 1].key in ("اعلاميه", "صحفيه", "صحافيه"):
            return "media"  # تقارير إعلامية
        return "document"
    if mention is not None and mention.get("entity_type") in ("PERSON", "PER", "ORG"):
        return "official"
    if any(c in voc["anonymous"] for c in head):
        return "anonymous"
    if any(c in voc["official"] for c in head):
        return "official"
    return "official" if mention is not None else "anonymous" if not head else "official"


_QUANTIFIERS = frozenset(normalize_key(w) for w in ("العديد", "عدد", "عدة", "بعض", "أحد", "احد", "إحدى", "كبار", "عدد من"))
_NP_STOPS = frozenset(normalize_key(w) for w in (
    "في", "يوم", "إن", "أن", "ان", "انه", "إنه", "أنه", "بأن", "الذي", "التي", "الذين", "على", "عن", "بعد", "قبل",
    "أمس", "اليوم", "مساء", "صباح", "خلال", "حيث", "لكن", "بينما", "عندما", "كما", "فإن", "مؤخرا", "الخميس",
    "الجمعة", "السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الأسبوع", "شريطة", "وهو", "وهي",
    "نقلا", "وفقا", "بحسب", "حسب", "حسبما", "طبقا", "استنادا", "إلى", "الى", "لما", "بما", "حول",
    "ليلا", "صباحا", "ظهرا", "عصرا", "فجرا", "لاحقا", "أيضا", "مجددا",
    # relative verbs after a document's author: "بيان لوزارة الخارجية نشرته وكالة …"
    "نشرته", "نشرتها", "نشره", "نقلته", "نقلتها", "نقله", "أوردته", "أوردتها", "بثته", "بثتها",
    # "نقلت الصحيفة عن مسؤول قوله": the relayed speaker ends before قوله
    "قوله", "قولها", "قولهم", "قولهما",
))


def plausible_source(toks: list[Token], i: int, j: int, mention: dict | None) -> bool:
    """Does toks[i:j] name a source (entity, outlet, office, document or anonymous head)?"""
    if mention is not None or find_outlet(toks, i, j) is not None:
        return True
    voc = source_vocab()
    while i < j - 1 and (toks[i].key in _QUANTIFIERS or toks[i].key == "من"):
        i += 1
    head = clitic_variants(toks[i].key)
    if i + 1 < j:
        head = head + tuple(f"{c} {toks[i + 1].key}" for c in head)  # الأمم المتحدة
    return any(c in voc[name] for c in head for name in ("anonymous", "official", "document"))


def attribution_cue_at(toks: Sequence[Token], k: int) -> bool:
    """Does a prepositional attribution cue (``نقلا عن``, ``وفقا لـ``, ``بحسب`` …) start at token ``k``?"""
    if k >= len(toks):
        return False
    window = " ".join(t.key for t in toks[k : k + 4])
    m = _PREP_RE.match(window)
    if m is None:
        return False
    return m.end() >= len(window) or window[m.end()] == " " or " " in m.group()


def source_np(toks: list[Token], i: int, limit: int, max_len: int = 6) -> tuple[int, int] | None:
    """Token range of the source noun phrase starting at ``i`` (stops at punctuation, stop words, cues, recipients)."""
    j = i
    while j < limit and j - i < max_len:
        t = toks[j]
        if not (t.key[:1].isalpha() or t.is_digit) or t.key in _NP_STOPS:
            break
        if j > i and (is_recipient(toks, j, limit) or _PREP_RE.match(t.key + " ")):
            break
        if j - i >= 3 and t.key.startswith("لل"):
            break  # "رئيس الوزراء الكاظمي للجنرال …": a complete name then "to the …"
        if j > i + 1 and not t.key.startswith("ال") and j + 1 < len(toks) and toks[j + 1].is_digit:
            break  # "أعلن مسؤولون سويديون اعتقال 3 أشخاص": the object (a noun and a figure) follows the subject
        j += 1
    while j > i + 1 and toks[j - 1].key in ("من", "في", "و", "عن"):
        j -= 1  # "مصادر مقربة من" -> drop the dangling preposition
    return (i, j) if j > i else None


def _headed_source(toks: list[Token], i: int, j: int, mentions: Sequence[dict]) -> bool:
    """toks[i:j] *opens* with a source: an entity mention starting at its first word, an outlet,
    or a source head noun (used after bare ``وفق``, where ``وفق الخطة`` is "in line with")."""
    if any(toks[i].start <= m["start"] <= toks[i].start + 1 and m["end"] <= toks[j - 1].end for m in mentions):
        return True
    return plausible_source(toks, i, j, None)


def _mention_in(mentions: Sequence[dict], start: int, end: int) -> dict | None:
    inside = [m for m in mentions if m["start"] >= start and m["end"] <= end]
    return max(inside, key=lambda m: m["end"] - m["start"]) if inside else None


def _tok_at(toks: list[Token], pos: int, ends: list[int] | None = None) -> int:
    """Index of the first token ending after ``pos`` (``len(toks)`` if none); ``ends`` are the
    tokens' ends (increasing), for a binary search."""
    if ends is not None:
        return bisect.bisect_right(ends, pos)
    for k, t in enumerate(toks):
        if t.end > pos:
            return k
    return len(toks)


def extract_citations(text: str, sentences: Sequence[tuple[int, int]], mentions: Sequence[dict]) -> list[dict]:
    """Extract attribution phrases and their sources (see module docstring for row keys)."""
    view, toks = analyze(text)
    toks = list(toks)
    ends = [t.end for t in toks]
    sents = list(sentences) or [(0, len(text))]
    # mentions inside a span: a slice of the mentions by start when they come sorted (they do from
    # the pipeline), instead of a scan of every mention of the document per candidate source
    ordered = list(mentions)
    m_starts = [m["start"] for m in ordered]
    by_start = all(a <= b for a, b in zip(m_starts, m_starts[1:]))

    def mention_in(start: int, end: int) -> dict | None:
        if not by_start:
            return _mention_in(ordered, start, end)
        return _mention_in(ordered[bisect.bisect_left(m_starts, start) : bisect.bisect_right(m_starts, end)], start, end)
    keyview = view.replace(TATWEEL, "\u200b")  # keep length; tatweel never part of cue words
    rows: list[dict] = []

    def sent_limit(k: int) -> int:
        si = sentence_index(toks[k].start, sents) if k < len(toks) else 0
        s1 = sents[si][1] if si < len(sents) else len(text)
        return _tok_at(toks, s1, ends) if s1 < len(text) else len(toks)

    def add(cue_s: int, cue_e: int, rng: tuple[int, int], kind: str | None, role: str, phrase_s: int | None = None,
            headed: bool = False) -> None:
        if not plausible_source(toks, rng[0], rng[1], mention_in(toks[rng[0]].start, toks[rng[1] - 1].end)):
            return
        if headed and not _headed_source(toks, rng[0], rng[1], mentions):
            return
        i, j = rng
        s, e = toks[i].start, toks[j - 1].end
        if text[s] == "ل" and text[s : s + 2] != "لل" and j - i >= 1 and len(toks[i].key) > 3:
            s += 1  # clitic ل (وفقا لتقرير، لرويترز) is not part of the source name
            while s < e and text[s] == TATWEEL:
                s += 1
        m = mention_in(s, e)
        kind = kind or classify_source(toks, i, j, m)
        ps = cue_s if phrase_s is None else phrase_s
        rows.append({
            "start": min(ps, s), "end": max(cue_e, e),
            "cue": text[cue_s:cue_e], "cue_start": cue_s, "cue_end": cue_e,
            "source_surface": text[s:e], "source_start": s, "source_end": e,
            "source_entity_id": m.get("entity_id") if m else None,
            "source_kind": kind, "role": role,
        })

    # 1. prepositional cues
    for mt in _PREP_RE.finditer(keyview):
        cs, ce = mt.start(), mt.end()
        k = _tok_at(toks, ce, ends)
        if k < len(toks) and toks[k].start < ce:
            ce = toks[k].end  # the cue ends mid-word ("حسبما ذكر|ت"): take the whole word
            k += 1
        # clitic ل / لـ glued to the source: "وفقا لتقرير", "وفقا للقيادة"
        limit = sent_limit(k) if k < len(toks) else len(toks)
        if k >= limit:
            continue
        i = k
        # look through a document head: تقرير صادر عن X / بيان لـ X
        voc = source_vocab()
        if any(c in voc["document"] for c in clitic_variants(toks[i].key)):
            j = i + 1
            while j < limit and j - i <= 3 and (toks[j].key in _DOC_LINKERS or toks[j].key in ("صحفي", "رسمي", "جديد")):
                j += 1
            if j > i + 1 and j < limit and toks[j - 1].key in ("عن", "من"):
                rng = source_np(toks, j, limit)
                if rng:
                    add(cs, ce, rng, None, "source")
                    continue
            if j < limit and toks[j].key.startswith("ل") and not toks[j].key.startswith("ال"):
                rng = source_np(toks, j, limit)
                if rng:
                    # "بيان لوزارة الدفاع": the source starts after the clitic
                    add(cs, ce, rng, None, "source")
                    continue
        rng = source_np(toks, i, limit)
        if rng:
            add(cs, ce, rng, None, "source", headed=_BARE_RE.fullmatch(keyview[cs:ce]) is not None)
    # 2. speech verb + speaker + "لـ<outlet>"
    for k in _speech_verb.indices(toks):
        t = toks[k]
        if not _is_speech_verb(t.key):
            continue
        limit = min(sent_limit(k), k + 12)
        for r in range(k + 1, limit):
            if not (toks[r].key[:1].isalpha()):
                if toks[r].key not in "،,":
                    break
                continue
            if is_recipient(toks, r, limit + 4):
                out = find_outlet(toks, r, min(len(toks), r + 5))
                if out is None:
                    break
                o_end, o_kind = out
                # outlet surface without the ل clitic
                o_start_char, o_end_char = toks[r].start + 1, toks[o_end - 1].end
                m = mention_in(o_start_char, o_end_char) or mention_in(toks[r].start, o_end_char)
                rows.append({
                    "start": t.start, "end": o_end_char,
                    "cue": text[t.start:t.end], "cue_start": t.start, "cue_end": t.end,
                    "source_surface": text[o_start_char:o_end_char],
                    "source_start": o_start_char, "source_end": o_end_char,
                    "source_entity_id": m.get("entity_id") if m else None,
                    "source_kind": o_kind, "role": "outlet",
                })
                spk = source_np(toks, k + 1, r)
                if spk:
                    add(t.start, t.end, spk, None, "source")
                break
    # 3. translation credits: تقرير "X" ترجمة عربية PUBLISHER
    for mt in _TRANSLATION_RE.finditer(keyview):
        cs, ce = mt.start(), mt.end()
        line_s = text.rfind("\n", 0, cs) + 1
        line_end = text.find("\n", ce)
        if (len(text) if line_end < 0 else line_end) - line_s > 120:
            continue  # translation credits are short standalone lines
        quoted = list(re.finditer(r"[\"“«]([^\"”»\n]{2,60})[\"”»]", text[line_s:cs]))
        if quoted:
            q = quoted[-1]
            s, e = line_s + q.start(1), line_s + q.end(1)
            m = mention_in(s, e)
            i0, i1 = _tok_at(toks, s, ends), _tok_at(toks, e - 1, ends) + 1
            kind = find_outlet(toks, i0, i1)
            rows.append({
                "start": min(s - 1, cs), "end": ce, "cue": text[cs:ce], "cue_start": cs, "cue_end": ce,
                "source_surface": text[s:e], "source_start": s, "source_end": e,
                "source_entity_id": m.get("entity_id") if m else None,
                "source_kind": kind[1] if kind else "media", "role": "translated_from",
            })
        line_e = text.find("\n", ce)
        line_e = len(text) if line_e < 0 else line_e
        pub = re.match(r"\s*([^\s\d].{0,40}?)\s*$", text[ce:line_e])
        if pub and pub.group(1).strip():
            s = ce + pub.start(1)
            e = ce + pub.end(1)
            m = mention_in(s, e)
            rows.append({
                "start": cs, "end": e, "cue": text[cs:ce], "cue_start": cs, "cue_end": ce,
                "source_surface": text[s:e], "source_start": s, "source_end": e,
                "source_entity_id": m.get("entity_id") if m else None,
                "source_kind": "translation", "role": "translator",
            })
    rows.sort(key=lambda r: (r["start"], r["source_start"]))
    uniq: list[dict] = []
    seen: set[tuple[int, int, str]] = set()
    for r in rows:
        key = (r["source_start"], r["source_end"], r["role"])
        if key not in seen:
            seen.add(key)
            r["confidence"] = _confidence(r, mentions)
            uniq.append(r)
    return uniq


#: Citation confidence by what the source is (entity/outlet > office or anonymous head > document).
CONFIDENCE: dict[str, float] = {"entity": 0.9, "news_agency": 0.9, "media": 0.85, "official": 0.8,
                                "anonymous": 0.75, "document": 0.7, "translation": 0.8}


def _confidence(row: dict, mentions: Sequence[dict]) -> float:
    s, e = row["source_start"], row["source_end"]
    if any(m["start"] >= s and m["end"] <= e and m.get("entity_type") in ("PERSON", "PER", "ORG") for m in mentions):
        return CONFIDENCE["entity"]
    return CONFIDENCE.get(row["source_kind"], 0.7)
