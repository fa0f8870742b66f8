"""Names mined from unlabelled text by their left context (issue 11, stream ``ner5``).

A semi-supervised gazetteer for the tagger: in an unlabelled news corpus, the words right after a
high-precision cue are counted as candidate names of the cue's type —

* organisations after a head noun: ``شركة X``, ``نادي X``, ``فريق X``, ``حزب X``, ``بنك X`` …;
* persons after a title or role: ``اللاعب X``, ``المدرب X``, ``الرئيس [الأمريكي] X``, ``السيد X`` …
  (up to two nationality or other ``-ي`` adjectives between cue and name are skipped; a person name does not start with
  the article, so ``وزير الخارجية`` gives nothing);
* places after a place head: ``مدينة X``, ``بلدة X``, ``محافظة X`` ….

A candidate is the first one, two or three words after the cue (never across punctuation, digits,
stop words, reporting verbs or another cue). It is kept when it follows its cue at least
``min_count`` times and in at least ``min_share`` of all its occurrences in the corpus (``ريال``,
the currency, is far more often alone than after ``نادي``). Pure Python and deterministic (counts
over the text in order, sorted output); the result is a set of normalized token tuples per type
(no text), written by ``scripts/build_ner_mined.py`` to ``model/mined_names.tsv`` and read by the
tagger's features as the ``M…`` gazetteer flags (option ``mined``).
"""

from __future__ import annotations

from collections import Counter

from pipeline.extract.entities import vocab as V
from pipeline.text.normalize import normalize_key

__all__ = ["CUES", "mine_names"]

_ORG = ["شركة", "نادي", "فريق", "مجموعة", "بنك", "مصرف", "صحيفة", "وكالة", "منظمة", "حزب", "حركة", "جامعة",
        "قناة", "شبكة", "مؤسسة", "جمعية", "مجلة", "مصنع", "منتخب", "اتحاد", "رابطة", "تحالف", "جبهة", "تنظيم",
        "معهد", "مركز", "هيئة", "الشركة", "النادي", "الفريق", "المجموعة", "البنك", "المصرف", "الصحيفة",
        "الوكالة", "المنظمة", "الحزب", "الحركة", "الجامعة", "القناة", "الشبكة", "المؤسسة", "المجلة", "المنتخب"]
_PERSON = ["اللاعب", "لاعب", "المدرب", "مدرب", "المهاجم", "الحارس", "النجم", "المدافع", "الرئيس", "الوزير",
           "وزيرة", "السيد", "السيدة", "الدكتور", "الدكتورة", "الشيخ", "الملك", "الأمير", "الجنرال", "المستشار",
           "السفير", "الزعيم", "القائد", "المتحدث", "الناطق", "النائب", "النائبة", "السناتور", "السيناتور",
           "المبعوث", "الكاتب", "الكاتبة", "الصحفي", "الصحفية", "المحلل", "الباحث", "المخرج", "الممثل",
           "الممثلة", "المغني", "المغنية", "الفنان", "الفنانة", "الروائي", "الشاعر", "المحامي", "رئيسة", "الرئيسة",
           "زميله", "نظيره", "نظيرته", "المرشح", "المرشحة", "الملياردير"]
_LOC = ["مدينة", "بلدة", "قرية", "محافظة", "ولاية", "إقليم", "جزيرة", "العاصمة", "عاصمة", "مقاطعة", "منطقة"]
_ONE = "وفبلك"
#: A longer candidate needs this share of the cue count of the name it extends.
EXTEND_MIN = 0.1
#: A candidate is dropped when one of its one-word extensions has this share of its cue count.
PREFIX_MAX = 0.5
_ART = ("وال", "فال", "بال", "كال", "لل")

#: Cue keys (normalized) per type.
CUES: dict[str, frozenset[str]] = {
    "ORG": frozenset(normalize_key(w) for w in _ORG),
    "PERSON": frozenset(normalize_key(w) for w in _PERSON),
    "LOC": frozenset(normalize_key(w) for w in _LOC),
}


def _cue_index() -> dict[str, str]:
    idx: dict[str, str] = {}
    for typ in ("LOC", "ORG", "PERSON"):  # sorted, so a cue in two lists keeps the last type
        for c in CUES[typ]:
            idx[c] = typ
    return idx


def _stop() -> frozenset[str]:
    words = set(V.STOPWORDS) | set(V.REPORTING_VERBS) | set(V.TITLE_CUES) | set(V.ORG_HEADS) | set(V.ROLE_WORDS)
    words |= set(V.COMMON_ADJECTIVES) | set(V.PLACE_HEADS) | set(V.PROFESSION_WORDS)
    keys = {normalize_key(w) for w in words} | set(V.RAW_STOPWORDS)
    for typ in CUES.values():
        keys |= typ
    keys |= {normalize_key(w) for w in ("الذي", "التي", "عام", "خلال", "يوم", "امس", "بان", "بعد",
                                                 "باسمه", "باسمها", "باسمهم", "قرب", "شمال", "جنوب", "شرق", "غرب",
                                                 "شمالي", "جنوبي", "شرقي", "غربي", "وسط")}
    return frozenset(keys)


def _nationality() -> frozenset[str]:
    out = set()
    for g in V.gentilics():
        k = normalize_key(g)
        out.update({"ال" + k, "ال" + k + "ه", k, k + "ه"})
    out |= {normalize_key(w) for w in ("السابق", "السابقة", "الحالي", "الجديد", "الدولي", "المخضرم", "الشاب",
                                        "الأسبق", "المنتخب", "المعارض")}
    return frozenset(out)


def _nisba(t: str) -> bool:
    """A definite adjective in ``-ي``/``-يه`` (``الهولندي``, ``التنفيذي``): skipped between a title and a name."""
    return t.startswith("ال") and len(t) > 4 and (t.endswith("ي") or t.endswith("يه"))


def _is_word(t: str) -> bool:
    return len(t) > 1 and t.isalpha() and not t.isascii() and not t.startswith(_ART)


def _cue_type(tok: str, idx: dict[str, str]) -> str | None:
    typ = idx.get(tok)
    if typ is None and len(tok) > 3 and tok[0] in _ONE:
        typ = idx.get(tok[1:])  # ``وشركه``, ``لنادي``
    return typ


def mine_names(sentences, min_count: int = 3, min_share: float = 0.25, max_len: int = 3, token_share: float = 0.0
               ) -> dict[str, set[tuple[str, ...]]]:
    """Mined names per type from ``sentences`` (an iterable, read twice: a list of normalized token
    lists); see the module doc. ``token_share`` > 0: a name of several words is also dropped when one
    of its words is seen after a cue (inside any candidate) in less than that share of its corpus
    occurrences (``السعوديه`` of ``ارامكو السعوديه``: its flags would fire on every ``السعوديه``)."""
    idx = _cue_index()
    stop = _stop()
    nat = _nationality()
    ctx: Counter = Counter()  # (type, name) -> times after a cue of that type
    inside: Counter = Counter()  # word -> times inside a candidate after a cue
    for words in sentences:
        n = len(words)
        for i, tok in enumerate(words):
            typ = _cue_type(tok, idx)
            if typ is None:
                continue
            j = i + 1
            if typ == "PERSON":
                while j < n and j <= i + 2 and (words[j] in nat or _nisba(words[j])):
                    j += 1
                if j < n and words[j].startswith("ال"):
                    continue
            name: list[str] = []
            while j < n and len(name) < max_len and _is_word(words[j]) and words[j] not in stop \
                    and _cue_type(words[j], idx) is None:
                name.append(words[j])
                ctx[(typ, tuple(name))] += 1
                inside[words[j]] += 1
                j += 1
    cand = {key for key, c in ctx.items() if c >= min_count}
    if not cand:
        return {}
    grams = {name for _, name in cand}
    if token_share > 0:
        grams |= {(t,) for name in grams for t in name}
    total: Counter = Counter()
    for words in sentences:
        n = len(words)
        for i in range(n):
            for k in range(1, max_len + 1):
                if i + k > n:
                    break
                g = tuple(words[i:i + k])
                if g in grams:
                    total[g] += 1
    longest: Counter = Counter()  # (type, name) -> largest count of a one-word extension
    for typ, name in cand:
        if len(name) > 1:
            key = (typ, name[:-1])
            longest[key] = max(longest[key], ctx[(typ, name)])
    out: dict[str, set[tuple[str, ...]]] = {}
    for typ, name in sorted(cand):
        c = ctx[(typ, name)]
        if c < min_share * total[name]:
            continue  # mostly seen elsewhere: an ordinary word (``ريال`` the currency)
        if len(name) > 1 and c < EXTEND_MIN * ctx[(typ, name[:-1])]:
            continue  # a rare word after a frequent name (``دونالد ترامب بحلول``)
        if token_share > 0 and len(name) > 1 and any(inside[t] < token_share * total[(t,)] for t in name):
            continue  # a word mostly seen outside names (its flags would be noise)
        if longest[(typ, name)] >= PREFIX_MAX * c:
            continue  # mostly the start of a longer name (``حظر`` of ``منظمة حظر الأسلحة``)
        out.setdefault(typ, set()).add(name)
    return out
