"""Token features of the statistical entity tagger (shared by training and run time).

Every token is a normalized piece (:mod:`.tokens`). Its features:

* the word, its first and last 1–3 letters, length and shape (digit, Latin, punctuation);
* clitic split: the proclitic chain before an article (``وال``, ``بال``, ``لل`` …) and the stem
  behind it, and the word without a one-letter proclitic (``و``/``ف``/``ب``/``ل``/``ك``);
* gazetteer flags from the knowledge base (single-token names, first / inner tokens of multi-token
  names, per type) and from the cue vocabularies (given names, titles, organisation and place
  heads, nationality adjectives, reporting verbs, stop words), on the word or its clitic-split form;
* unsupervised word clusters (coarse and fine k-means over word2vec vectors of the ANT corpus) and
  an out-of-vocabulary flag for words outside those clusters (:file:`model/clusters.tsv`);
* the word, clusters and gazetteer flags of the two tokens either side, and word bigrams.

Word features are computed once per distinct word: :meth:`FeatureExtractor.sequence` (training,
tests) caches the lists; at run time the decoder (:mod:`.decode`) turns each word's attributes
(:meth:`FeatureExtractor.word_attrs`) into cached label-score vectors.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.entities import vocab as V

__all__ = ["MODEL_DIR", "Lexicon", "FeatureExtractor", "build_gazetteer", "load_lexicon", "name_gazetteer",
           "load_names", "ordinary_words", "write_names", "with_mined", "with_option_sets"]

MODEL_DIR = Path(__file__).resolve().parent / "model"
_ART_CLITICS = ("وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
_ONE = frozenset("وفبلك")
_TWO = frozenset({"وب", "ول", "وك", "فب", "فل", "فك"})
_CACHE_MAX = 200_000


class Lexicon:
    """Word clusters and ranks loaded from ``clusters.tsv``."""

    def __init__(self, clusters: dict[str, tuple[str, str]], rank: dict[str, int]):
        self.clusters = clusters
        self.rank = rank


def load_lexicon(path: Path | None = None) -> Lexicon:
    """Read ``word<TAB>coarse<TAB>fine`` lines (rank order); a missing file gives an empty lexicon."""
    p = Path(path) if path else MODEL_DIR / "clusters.tsv"
    clusters: dict[str, tuple[str, str]] = {}
    rank: dict[str, int] = {}
    if p.exists():
        for line in p.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            w, a, b = line.split("\t")
            rank[w] = len(rank)
            clusters[w] = (a, b)
    return Lexicon(clusters, rank)


def build_gazetteer(aliases, entity_types: dict[str, str]) -> dict[str, frozenset[str]]:
    """Gazetteer token sets: ``PERSON1``/``ORG1``/``LOC1`` (one-token names), ``…B`` / ``…I``
    (first / other tokens of multi-token names), plus the cue vocabularies."""
    sets: dict[str, set[str]] = {}
    for eid, lang, norm in aliases.select("entity_id", "lang", "normalized").iter_rows():
        typ = entity_types.get(eid)
        if typ is None or lang != "ar" or not norm:
            continue
        toks = norm.split()
        if len(toks) == 1:
            sets.setdefault(typ + "1", set()).add(toks[0])
        else:
            sets.setdefault(typ + "B", set()).add(toks[0])
            for t in toks[1:]:
                sets.setdefault(typ + "I", set()).add(t)
    k = V.keyset
    nat = set()
    for g in V.gentilics():
        nat.update({"ال" + g, "ال" + g + "ه", "ال" + g + "ون", "ال" + g + "ين", g, g + "ه"})
    sets["GN"] = set(V.given_names())
    sets["TTL"] = set(k(tuple(V.TITLE_CUES)))
    sets["OH"] = set(k(tuple(V.ORG_HEADS)))
    sets["PH"] = set(k(tuple(V.PLACE_HEADS)))
    sets["NAT"] = nat
    sets["RV"] = set(k(tuple(V.REPORTING_VERBS)))
    sets["STP"] = set(k(tuple(V.STOPWORDS)))
    sets["CON"] = set(k(tuple(V.NAME_CONNECTORS)))
    return {name: frozenset(v) for name, v in sorted(sets.items())}


def name_gazetteer(names: dict[str, set[tuple[str, ...]]], prefix: str = "N") -> dict[str, frozenset[str]]:
    """Gazetteer token sets of names seen annotated in the NER training data (``names``: type ->
    name token tuples): ``NPERSON1`` (one-token names), ``NPERSONB`` / ``NPERSONI`` (first / other
    tokens of longer names), likewise ``NORG…``, ``NLOC…``; kept apart from the knowledge base's
    sets so the model weighs the two sources separately."""
    sets: dict[str, set[str]] = {}
    for typ, keys in names.items():
        for key in keys:
            if len(key) == 1:
                sets.setdefault(prefix + typ + "1", set()).add(key[0])
            else:
                sets.setdefault(prefix + typ + "B", set()).add(key[0])
                for t in key[1:]:
                    if len(t) > 1:
                        sets.setdefault(prefix + typ + "I", set()).add(t)
    return {name: frozenset(v) for name, v in sorted(sets.items())}


#: Heads after which a club, team or company name follows (option ``clubs``: the ``CH`` flag, lent to
#: the neighbours like every gazetteer flag, so ``فريق``/``لفريق``/``فريقي`` + name share one context cue).
CLUB_HEADS = ("نادي", "فريق", "فريقي", "فريقه", "منتخب", "شركة", "شركتي", "شركات", "مجموعة", "مصنع", "مصرف", "بنك",
              "مصارف", "متسابق", "سائق", "لاعب", "مهاجم", "حارس", "مدافع", "مدرب", "صانع", "ماركة", "علامة")


def with_mined(fx: "FeatureExtractor", path: Path | None = None) -> "FeatureExtractor":
    """``fx`` plus the ``M…`` flags of the mined names (``model/mined_names.tsv`` or ``path``)."""
    names = load_names(Path(path) if path else MODEL_DIR / "mined_names.tsv")
    return FeatureExtractor({**fx.gazetteer, **name_gazetteer(names, "M")}, fx.lex, fx.options)


def ordinary_words(path: Path | None = None) -> frozenset[str]:
    """The ordinary frequent words of ``model/frequent_words.txt`` (``scripts/build_ner_lexicon.py``:
    among the ANT corpus's most frequent words, those the NER training data shows outside names)."""
    p = Path(path) if path else MODEL_DIR / "frequent_words.txt"
    if not p.exists():
        return frozenset()
    return frozenset(w for w in p.read_text(encoding="utf-8").splitlines() if w and not w.startswith("#"))


#: the multi-token name sets whose words ``gazclean`` filters (one-token names ``…1`` are kept)
_NAME_PARTS = ("PERSONB", "PERSONI", "ORGB", "ORGI", "LOCB", "LOCI")


def with_option_sets(fx: "FeatureExtractor") -> "FeatureExtractor":
    """``fx`` plus the gazetteer sets its options ask for (``clubs``: the ``CH`` heads) and without
    the flags they remove (``gazclean``: the first / other words of multi-token KB names, the
    ``…B`` / ``…I`` sets, lose the ordinary frequent words, so that ``الكورية`` of the Korean agency's
    name or ``الجزيرة`` of a longer name no longer look like name parts wherever they occur)."""
    if "clubs" not in fx.options and "gazclean" not in fx.options:
        return fx
    gaz = dict(fx.gazetteer)
    if "clubs" in fx.options:
        gaz["CH"] = V.keyset(CLUB_HEADS)
    if "gazclean" in fx.options:
        common = ordinary_words()
        for name in _NAME_PARTS:
            if name in gaz:
                gaz[name] = frozenset(gaz[name] - common)
    return FeatureExtractor(gaz, fx.lex, fx.options)


def write_names(names: dict[str, set[tuple[str, ...]]], path: Path, header: str) -> None:
    """``TYPE<TAB>normalized name`` lines, sorted (the tagger's name gazetteer, ``model/names.tsv``)."""
    lines = sorted(f"{typ}\t{' '.join(key)}" for typ, keys in names.items() for key in keys)
    Path(path).write_text(f"# {header}\n" + "\n".join(lines) + "\n", encoding="utf-8")


def load_names(path: Path | None = None) -> dict[str, set[tuple[str, ...]]]:
    """The names of :func:`write_names` (a missing file gives none)."""
    p = Path(path) if path else MODEL_DIR / "names.tsv"
    out: dict[str, set[tuple[str, ...]]] = {}
    if p.exists():
        for line in p.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                typ, name = line.split("\t")
                out.setdefault(typ, set()).add(tuple(name.split(" ")))
    return out


def variants(w: str) -> tuple[list[str], list[str]]:
    """Clitic-split readings of ``w``: the safe article forms (``والعراق`` → ``العراق``, ``عراق``),
    and the doubtful readings without a one- or two-letter proclitic (``وجده`` → ``جده``, which is
    also 'and his grandfather')."""
    sure: list[str] = []
    for p in _ART_CLITICS:
        if w.startswith(p) and len(w) - len(p) >= 2:
            rest = w[len(p):]
            if p != "ال":
                sure.append("ال" + rest)
            sure.append(rest)
            break
    doubt: list[str] = []
    if len(w) >= 4 and w[:2] in _TWO:
        doubt.append(w[2:])
    if len(w) >= 4 and w[0] in _ONE:
        doubt.append(w[1:])
    return sure, doubt


class FeatureExtractor:
    """Feature lists for token sequences; one instance per (gazetteer, lexicon)."""

    def __init__(self, gazetteer: dict[str, frozenset[str]], lexicon: Lexicon, options=()):
        self.options = frozenset(options)
        self.gazetteer = gazetteer
        self.gaz_names = list(gazetteer)
        index: dict[str, list[str]] = {}
        for name, words in gazetteer.items():
            for w in words:
                index.setdefault(w, []).append(name)
        self.gaz_index = {w: frozenset(v) for w, v in index.items()}
        self.lex = lexicon
        self.known: frozenset[str] | None = None  # attributes the model knows (None: keep all)
        self._cache: dict[str, tuple[list[str], tuple[list[str], ...]]] = {}
        self._plain: FeatureExtractor | None = None

    def restricted(self, known: frozenset[str]) -> "FeatureExtractor":
        """A copy that only emits the attributes in ``known`` (those with a weight in the model):
        the same labels, less work in the tagger."""
        fx = FeatureExtractor.__new__(FeatureExtractor)
        fx.gaz_names, fx.gaz_index, fx.lex, fx.options = self.gaz_names, self.gaz_index, self.lex, self.options
        fx.gazetteer = self.gazetteer
        fx.known = frozenset(known)
        fx._cache = {}
        fx._plain = None
        return fx

    def _plain_word(self, w: str):
        """Features of ``w`` without its gazetteer flags (the same extractor, empty gazetteer)."""
        if self._plain is None:
            self._plain = FeatureExtractor({}, self.lex, self.options)
            self._plain.known = self.known
        return self._plain._word(w)

    def plain_word_features(self, w: str) -> tuple[list[str], tuple[list[str], ...]]:
        """:meth:`word_features` of ``w`` without its gazetteer flags."""
        if self._plain is None:
            self._plain = FeatureExtractor({}, self.lex, self.options)
            self._plain.known = self.known
        return self._plain.word_features(w)

    def _word(self, w: str) -> tuple[list[str], tuple[list[str], ...]]:
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        out = self.word_features(w)
        if len(self._cache) > _CACHE_MAX:
            self._cache.clear()
        self._cache[w] = out
        return out

    def word_features(self, w: str) -> tuple[list[str], tuple[list[str], ...]]:
        """Uncached: the attributes of ``w`` itself, and the four lists it lends to its neighbours:
        ``-2:…`` / ``-1:…`` to the tokens two / one places after it, ``+1:…`` / ``+2:…`` to the
        tokens one / two places before it."""
        f, ctx = self.word_attrs(w)
        prefixed = tuple([f"{o}:{x}" for x in ctx] for o in ("-2", "-1", "+1", "+2"))
        if self.known is not None:
            k = self.known
            f = [x for x in f if x in k]
            prefixed = tuple([x for x in p if x in k] for p in prefixed)
        return f, prefixed

    def word_attrs(self, w: str) -> tuple[list[str], list[str]]:
        """The attributes of ``w`` itself and the ones it shows its neighbours (unprefixed), whether
        or not the model knows them."""
        f = ["w=" + w]
        ctx = ["w=" + w]
        if len(w) == 1 and not w.isalnum():
            f.append("punct")
            ctx.append("punct")
        elif w.isdigit():
            f.append("digit")
            ctx.append("digit")
        elif w.isascii():
            f.append("latin")
            ctx.append("latin")
        else:
            n = len(w)
            f += ["p1=" + w[:1], "p2=" + w[:2], "p3=" + w[:3], "s1=" + w[-1:], "s2=" + w[-2:], "s3=" + w[-3:],
                  "len=" + str(min(n, 8))]
            sure, doubt = variants(w)
            vs = sure + doubt
            if "affix4" in self.options:
                stem = sure[-1] if sure else doubt[-1] if doubt else w
                if n >= 5:
                    f += ["p4=" + w[:4], "s4=" + w[-4:]]
                if stem is not w:
                    f += ["tp2=" + stem[:2], "tp3=" + stem[:3], "ts2=" + stem[-2:], "ts3=" + stem[-3:]]
            for p in _ART_CLITICS:
                if w.startswith(p) and n - len(p) >= 2:
                    f.append("art=" + p)
                    f.append("stem=" + w[len(p):])
                    ctx.append("stem=" + w[len(p):])
                    break
            else:
                if doubt:
                    f.append("nc=" + doubt[-1])
            gi = self.gaz_index
            own = gi.get(w, frozenset())
            near = frozenset().union(*(gi.get(v, ()) for v in sure)) if sure else frozenset()
            far = frozenset().union(*(gi.get(v, ()) for v in doubt)) if doubt else frozenset()
            if own or near or far:
                for name in self.gaz_names:
                    g = "g=" if name in own else "g~" if name in near else "g?" if name in far else None
                    if g:
                        f.append(g + name)
                        ctx.append(g + name)
            cl = self.lex.clusters.get(w)
            tag = "c"
            if cl is None:
                for v in vs:
                    cl = self.lex.clusters.get(v)
                    if cl is not None:
                        tag = "c~"
                        break
            if cl is not None:
                f += [tag + "1=" + cl[0], tag + "2=" + cl[1]]
                ctx += [tag + "1=" + cl[0], tag + "2=" + cl[1]]
            if w not in self.lex.rank and not any(v in self.lex.rank for v in vs):
                f.append("oov")  # rare in the ANT corpus (frequency ranks themselves do not transfer:
                # names frequent in recent news are rare in the training text)
        return f, ctx

    def sequence(self, words: list[str], plain_at: frozenset[int] | list[int] = ()) -> list[list[str]]:
        """Feature lists of one sentence of normalized tokens; the tokens at ``plain_at`` get no
        gazetteer flags (so the model judges them from the word and its context alone)."""
        info = [self._word(w) for w in words]
        for k in plain_at:
            info[k] = self._plain_word(words[k])
        n = len(words)
        k = self.known
        pairs = [words[i - 1] + "|" + words[i] for i in range(1, n)]
        left = ["b-=" + p for p in pairs]  # feature of the right word: its left bigram
        right = ["b+=" + p for p in pairs]  # feature of the left word: its right bigram
        if k is not None:
            left = [b if b in k else None for b in left]
            right = [b if b in k else None for b in right]
        out = []
        for i in range(n):
            f = list(info[i][0])
            if i >= 2:
                f += info[i - 2][1][0]
            if i >= 1:
                f += info[i - 1][1][1]
                if left[i - 1] is not None:
                    f.append(left[i - 1])
            else:
                f.append("BOS")
            if i + 1 < n:
                f += info[i + 1][1][2]
                if right[i] is not None:
                    f.append(right[i])
            else:
                f.append("EOS")
            if i + 2 < n:
                f += info[i + 2][1][3]
            out.append(f)
        return out
