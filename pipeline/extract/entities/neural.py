"""The neural half of the entity tagger: a small dilated convolutional network (ID-CNN style) over
subword word vectors and the knowledge-base gazetteer flags, run in numpy.

Input of a token (computed once per word form and cached): its fastText vector
(``model/embeddings.npz``, trained on the ANT corpus by ``scripts/build_ner_embeddings.py``; a word
outside the stored vocabulary gets the mean of its character n-gram vectors, as fastText does, so an
unseen foreign name still lands near similar names), its gazetteer flags (the CRF's
:meth:`.features.FeatureExtractor.word_attrs` ``g=``/``g~``/``g?`` flags) and a few shape flags.
A dense layer, then ``len(dilations)`` convolutions of width 3 (dilations 1, 2, 1 …: each token
sees four neighbours either side) with ReLU, then a linear layer to the BIO label scores.
Sentences are packed into one token array with gaps, and each layer's output is zeroed outside the
sentences, which equals zero padding per sentence (what the network is trained with:
:mod:`.neural_train`).

The tagger (:mod:`.tagger`) adds ``alpha`` times the network's log-probabilities to the CRF's
emission scores and decodes with the CRF's transitions (a product of experts), so labels, spans
and marginal-probability confidences keep their meaning.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from pipeline.extract.entities.features import _ART_CLITICS, variants

__all__ = ["CNN_PATH", "EMB_PATH", "WordVectors", "InputEncoder", "CnnWeights", "ft_hash", "ngram_hashes"]

_DIR = Path(__file__).resolve().parent / "model"
EMB_PATH = _DIR / "embeddings.npz"
CNN_PATH = _DIR / "ner_cnn.npz"
_CACHE_MAX = 200_000


def ft_hash(b: bytes) -> int:
    """fastText's (and gensim's) FNV-1a variant over bytes read as signed chars."""
    h = 2166136261
    for c in b:
        h = ((h ^ ((c - 256 if c > 127 else c) & 0xFFFFFFFF)) * 16777619) & 0xFFFFFFFF
    return h


def ngram_hashes(word: str, min_n: int, max_n: int, bucket: int) -> list[int]:
    """Bucket rows of the character n-grams of ``<word>`` (lengths ``min_n``..``max_n`` in
    characters), in gensim's order (:func:`gensim.models.fasttext.ft_ngram_hashes`)."""
    w = "<" + word + ">"
    out = []
    cache = _NGRAMS
    for i in range(len(w)):
        for n in range(min_n, max_n + 1):
            if i + n > len(w):
                break
            g = w[i:i + n]
            h = cache.get(g)
            if h is None:  # n-grams recur across words: each is hashed once
                if len(cache) > 1_000_000:
                    cache.clear()
                h = cache[g] = ft_hash(g.encode("utf-8"))
            out.append(h % bucket)
    return out


_NGRAMS: dict[str, int] = {}


class WordVectors:
    """Stored fastText vectors: the vocabulary's own, and n-gram buckets for any other word."""

    def __init__(self, path: Path = EMB_PATH):
        with np.load(path, allow_pickle=False) as z:
            words = [str(w) for w in z["words"]]
            self.vectors = z["vectors"]  # float16, as stored (half the memory of float32 in every worker)
            self.ngrams = z["ngrams"]
            self.min_n, self.max_n, self.bucket = int(z["min_n"]), int(z["max_n"]), int(z["bucket"])
        self.index = {w: i for i, w in enumerate(words)}
        self.dim = self.vectors.shape[1]

    def __getitem__(self, word: str) -> np.ndarray:
        i = self.index.get(word)
        if i is not None:
            return self.vectors[i].astype(np.float32)
        h = ngram_hashes(word, self.min_n, self.max_n, self.bucket)
        if not h:
            return np.zeros(self.dim, dtype=np.float32)
        return self.ngrams[h].astype(np.float32).mean(0)


#: shape flags of a token (the same idea as the CRF's ``punct``/``digit``/``latin``/``art=``/``oov``)
SHAPES = ("punct", "digit", "latin", "art", "oov", "short", "known")


class InputEncoder:
    """Per-word input vectors of the network: fastText vector, gazetteer flags, shape flags."""

    def __init__(self, vectors: WordVectors, features, gaz_names: list[str] | None = None):
        self.vectors = vectors
        self.fx = features
        self.gaz_names = list(gaz_names if gaz_names is not None else features.gaz_names)
        self._gaz = {g: k for k, g in enumerate(self.gaz_names)}
        self.dim = vectors.dim + len(self.gaz_names) + len(SHAPES)
        self._cache: dict[str, np.ndarray] = {}

    def word(self, w: str) -> np.ndarray:
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        x = self.word_uncached(w)
        if len(self._cache) > _CACHE_MAX:
            self._cache.clear()
        self._cache[w] = x
        return x

    def word_uncached(self, w: str) -> np.ndarray:
        x = np.zeros(self.dim, dtype=np.float32)
        d = self.vectors.dim
        x[:d] = self.vectors[w]
        s0 = d + len(self.gaz_names)
        # the flags of :meth:`.features.FeatureExtractor.word_attrs` this network reads (the same
        # values, without building the CRF's other attributes; tests/extract/test_entities_neural.py)
        if len(w) == 1 and not w.isalnum():
            x[s0] = 1
        elif w.isdigit():
            x[s0 + 1] = 1
        elif w.isascii():
            x[s0 + 2] = 1
        else:
            n = len(w)
            if any(w.startswith(p) and n - len(p) >= 2 for p in _ART_CLITICS):
                x[s0 + 3] = 1
            sure, doubt = variants(w)
            gi = self.fx.gaz_index
            gaz = self._gaz
            for v, val in ((w, 1.0), *((v, 1.0) for v in sure), *((v, 0.5) for v in doubt)):
                for name in gi.get(v, ()):
                    k = gaz.get(name)
                    if k is not None and x[d + k] < val:
                        x[d + k] = val
            rank = self.fx.lex.rank
            if w not in rank and not any(v in rank for v in sure + doubt):
                x[s0 + 4] = 1
        x[s0 + 5] = len(w) <= 2
        x[s0 + 6] = w in self.vectors.index
        return x

    def word_from_attrs(self, w: str) -> np.ndarray:
        """:meth:`word` computed from :meth:`.features.FeatureExtractor.word_attrs` (the reference
        the fast path is checked against)."""
        x = np.zeros(self.dim, dtype=np.float32)
        d = self.vectors.dim
        x[:d] = self.vectors[w]
        f, _ = self.fx.word_attrs(w)
        s0 = d + len(self.gaz_names)
        for a in f:
            if a[:2] in ("g=", "g~", "g?"):
                k = self._gaz.get(a[2:])
                if k is not None:
                    x[d + k] = max(x[d + k], 1.0 if a[1] in "=~" else 0.5)
            elif a == "punct":
                x[s0] = 1
            elif a == "digit":
                x[s0 + 1] = 1
            elif a == "latin":
                x[s0 + 2] = 1
            elif a.startswith("art="):
                x[s0 + 3] = 1
            elif a == "oov":
                x[s0 + 4] = 1
        x[s0 + 5] = len(w) <= 2
        x[s0 + 6] = w in self.vectors.index
        return x

    def matrix(self, words: list[str]) -> np.ndarray:
        """Input rows of a token list."""
        if not words:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.word(w) for w in words])


class CnnWeights:
    """The exported network (``model/ner_cnn.npz``): ``w_in``/``b_in``, per convolution ``conv{k}``
    (3, H, H) + ``bconv{k}``, ``w_out``/``b_out``, ``dilations``, ``labels``, ``gaz_names``, ``alpha``."""

    def __init__(self, path: Path = CNN_PATH):
        with np.load(path, allow_pickle=False) as z:
            self.labels = [str(x) for x in z["labels"]]
            self.gaz_names = [str(x) for x in z["gaz_names"]]
            self.dilations = [int(x) for x in z["dilations"]]
            self.alpha = float(z["alpha"])
            #: the entity types the network speaks for (others, with ``O``, share one "rest" probability)
            self.types = [str(x) for x in z["types"]] if "types" in z else ["PERSON", "ORG", "LOC"]
            self.w_in, self.b_in = z["w_in"].astype(np.float32), z["b_in"].astype(np.float32)
            self.convs = [(z[f"conv{k}"].astype(np.float32), z[f"bconv{k}"].astype(np.float32))
                          for k in range(len(self.dilations))]
            self.w_out, self.b_out = z["w_out"].astype(np.float32), z["b_out"].astype(np.float32)
            #: optional character CNN (``neural_train.train_cnn(char_dim=…)``): its output per word
            #: joins the word's input row
            self.chars = None
            if "char_emb" in z:
                self.chars = {str(c): i + 1 for i, c in enumerate(z["chars"])}
                self.char_len = int(z["char_len"])
                self.char_emb = z["char_emb"].astype(np.float32)
                self.char_w, self.char_b = z["char_w"].astype(np.float32), z["char_b"].astype(np.float32)
            #: optional bidirectional LSTM over the convolutions' output (``train_cnn(rnn=…)``): per
            #: direction ``(w_x, w_h, b)``, gates i, f, g, o
            self.lstm = None
            if "lstm_f_wx" in z:
                self.lstm = [tuple(z[f"lstm_{d}_{k}"].astype(np.float32) for k in ("wx", "wh", "b")) for d in "fb"]
        self.pad = max(self.dilations) if self.dilations else 0

    def char_features(self, words: list[str]) -> np.ndarray:
        """The character CNN's output of each word: max over its characters of ReLU(width-3
        convolution over the character embeddings)."""
        from pipeline.extract.entities.neural_train import _char_windows, char_ids

        ids = char_ids(words, self.chars, self.char_len)
        a = _char_windows(self.char_emb, ids).astype(np.float32) @ self.char_w + self.char_b
        return (np.maximum(a, 0) * (ids > 0)[:, :, None]).max(1)

    def log_probs(self, x: np.ndarray, lens: list[int], words: list[str] | None = None) -> np.ndarray:
        """Log-probabilities ``(sum(lens), labels)`` of the tokens of sentences of lengths ``lens``
        whose input rows ``x`` are concatenated (``words``: the tokens, for a character CNN)."""
        if int(sum(lens)) == 0:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        return self.log_probs_from_first(self.first(x, words), lens)

    def first(self, x: np.ndarray, words: list[str] | None = None) -> np.ndarray:
        """The first (dense, ReLU) layer of input rows ``x`` (of the tokens ``words``): a function of
        each token alone."""
        if self.chars is not None:
            x = np.concatenate([x, self.char_features(words)], axis=1)
        return np.maximum(x @ self.w_in + self.b_in, 0)

    def bilstm(self, h: np.ndarray, lens: list[int]) -> np.ndarray:
        """The bidirectional LSTM's output ``(n, 2H)`` over the rows ``h`` of sentences of lengths
        ``lens`` laid end to end: all sentences at once, one matrix product per time step and
        direction (:func:`.neural_train.time_steps`)."""
        from pipeline.extract.entities.neural_train import lstm_direction, time_steps

        starts, active = time_steps(lens)
        outs = []
        for dr, (wx, wh, b) in enumerate(self.lstm):
            hs, _, _ = lstm_direction(h @ wx, wh, b, starts, active, reverse=bool(dr), exact=False)
            outs.append(hs)
        return np.concatenate(outs, axis=1)

    def log_probs_from_first(self, h0: np.ndarray, lens: list[int]) -> np.ndarray:
        """:meth:`log_probs` from the first layer's rows ``h0`` of the concatenated tokens."""
        n = int(sum(lens))
        if n == 0:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        p = self.pad
        total = n + p * (len(lens) + 1)
        pos = np.empty(n, dtype=np.intp)  # each sentence after a gap of ``pad`` zero rows
        k = 0
        start = p
        for m in lens:
            pos[k:k + m] = np.arange(start, start + m)
            k += m
            start += m + p
        mask = np.zeros((total, 1), dtype=np.float32)
        mask[pos] = 1
        h = np.zeros((total, self.w_in.shape[1]), dtype=np.float32)
        h[pos] = h0
        for (w, b), d in zip(self.convs, self.dilations):
            out = h @ w[1] + b
            out[d:] += h[:-d] @ w[0]
            out[:-d] += h[d:] @ w[2]
            h = np.maximum(out, 0) * mask
        h = h[pos]
        if self.lstm is not None:
            h = self.bilstm(h, lens)
        z = h @ self.w_out + self.b_out
        z -= z.max(1, keepdims=True)
        return z - np.log(np.exp(z).sum(1, keepdims=True))


class CnnScorer:
    """What the network adds to a CRF's emission scores: ``alpha`` times its log-probabilities, in
    the CRF's label order (:meth:`.decode.Decoder.emissions` calls :meth:`scores`)."""

    def __init__(self, weights: CnnWeights, encoder: InputEncoder, crf_labels: list[str], alpha: float | None = None,
                 crf=None):
        self.w = weights
        self.encoder = encoder
        self.alpha = weights.alpha if alpha is None else float(alpha)
        self.perm = [weights.labels.index(lab) for lab in crf_labels]
        self.rest = None
        if set(weights.types) != {"PERSON", "ORG", "LOC"}:
            self.rest = [k for k, lab in enumerate(weights.labels) if lab == "O" or lab[2:] not in weights.types]
        # a CRF trained with the network's probabilities as valued attributes ``nn:LABEL``
        # (:func:`.neural_train.prob_attrs`): its weights of those attributes, one row per network label
        self.feature_matrix = None
        if crf is not None and any(a.startswith("nn:") for a in crf.rows):
            miss = len(crf.rows)
            m = crf.state[[crf.rows.get("nn:" + lab, miss) for lab in weights.labels]].copy()
            m[weights.labels.index("O")] = 0
            self.feature_matrix = m
        g0 = encoder.vectors.dim
        self._gaz = slice(g0, g0 + len(encoder.gaz_names))
        # the first layer depends on the token alone: its output is kept per word form, rows of one
        # table, so a document costs a dictionary look-up per token and one gather
        self._row: dict[str, int] = {}
        self._first = np.zeros((1024, weights.w_in.shape[1]), dtype=np.float32)

    def first_rows(self, words: list[str]) -> np.ndarray:
        """The network's first-layer output of each token of ``words`` (cached per word form)."""
        row = self._row
        ids = [row.get(w, -1) for w in words]
        new = [w for w, i in zip(words, ids) if i < 0]
        if new:
            new = list(dict.fromkeys(new))
            if len(row) + len(new) > _CACHE_MAX:
                row.clear()
                return self.w.first(self._inputs(words), words)
            n = len(row)
            need = n + len(new)
            if need > len(self._first):
                grown = np.zeros((max(need, 2 * len(self._first)), self._first.shape[1]), dtype=np.float32)
                grown[:n] = self._first[:n]
                self._first = grown
            self._first[n:need] = self.w.first(self._inputs(new), new)
            for k, w in enumerate(new):
                row[w] = n + k
            ids = [row[w] for w in words]
        return self._first[ids]

    def _inputs(self, words: list[str]) -> np.ndarray:
        """Input rows of ``words``, not kept (the first layer's output is)."""
        return np.stack([self.encoder.word_uncached(w) for w in words])

    def log_probs(self, sentences: list[list[str]], plain: dict[int, list[int]] | None = None) -> np.ndarray:
        """Log-probabilities (network label order) of the tokens of ``sentences`` laid end to end;
        ``plain``: per sentence, positions seen without their gazetteer flags."""
        words = [w for s in sentences for w in s]
        lens = [len(s) for s in sentences]
        if not words:
            return self.w.log_probs(np.zeros((0, self.encoder.dim), dtype=np.float32), lens, [])
        h0 = self.first_rows(words)
        if plain:
            starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
            at = [int(starts[si]) + i for si, ks in plain.items() for i in ks]
            if at:
                x = self.encoder.matrix([words[k] for k in at]).copy()
                x[:, self._gaz] = 0
                h0[at] = self.w.first(x, [words[k] for k in at])
        return self.w.log_probs_from_first(h0, lens)

    def scores(self, sentences: list[list[str]], plain: dict[int, list[int]] | None = None) -> np.ndarray:
        """What the network adds to the CRF's emission scores of the tokens of ``sentences``."""
        lp = self.log_probs(sentences, plain)
        if self.feature_matrix is not None:
            p = np.exp(lp.astype(np.float64))
            p[p < 0.01] = 0  # as in training (prob_attrs)
            return p @ self.feature_matrix
        lp = lp.astype(np.float64)  # a new array: changed in place below
        if self.rest is not None:  # the network only says "this type or not" for its types
            lp[:, self.rest] = np.log(np.maximum(np.exp(lp[:, self.rest]).sum(1, keepdims=True), 1e-12))
        return self.alpha * lp[:, self.perm]


def load_scorer(features, crf_labels: list[str], path: Path = CNN_PATH, emb_path: Path = EMB_PATH,
                alpha: float | None = None, crf=None) -> CnnScorer | None:
    """The committed network as a scorer for a CRF with labels ``crf_labels``; None without it."""
    if not Path(path).exists() or not Path(emb_path).exists():
        return None
    w = CnnWeights(path)
    return CnnScorer(w, InputEncoder(_vectors(str(emb_path)), features, w.gaz_names), crf_labels, alpha, crf)


_VECTORS: dict[str, WordVectors] = {}


def _vectors(path: str) -> WordVectors:
    v = _VECTORS.get(path)
    if v is None:
        v = _VECTORS[path] = WordVectors(Path(path))
    return v


class EmbeddingScorer:
    """Dense word-vector attributes of a CRF: ``v{d}`` (the token's own standardised fastText
    vector component ``d``) and, up to ``window`` places away, ``v-1:{d}`` / ``v+1:{d}`` … (those of
    the tokens one place before / after it …), valued. Their emission scores are matrix products."""

    def __init__(self, vectors: WordVectors, crf=None, window: int = 1, mean=None, std=None):
        self.vectors = vectors
        self.window = window
        v64 = vectors.vectors.astype(np.float64)
        self.mean = v64.mean(0).astype(np.float32) if mean is None else mean
        self.std = (v64.std(0) + 1e-6).astype(np.float32) if std is None else std
        self._cache: dict[str, np.ndarray] = {}
        self.offsets = [0] + [o for k in range(1, window + 1) for o in (-k, k)]
        self.mats = None
        if crf is not None:
            miss = len(crf.rows)
            self.mats = [crf.state[[crf.rows.get(f"{self.prefix(o)}{k}", miss) for k in range(vectors.dim)]]
                         for o in self.offsets]

    @staticmethod
    def prefix(offset: int) -> str:
        """Attribute prefix of the vector of the token ``offset`` places away (``v``, ``v-1:`` …)."""
        return "v" if offset == 0 else f"v{offset:+d}:"

    def word(self, w: str) -> np.ndarray:
        hit = self._cache.get(w)
        if hit is None:
            hit = ((self.vectors[w] - self.mean) / self.std).astype(np.float32)
            if len(self._cache) > _CACHE_MAX:
                self._cache.clear()
            self._cache[w] = hit
        return hit

    def attrs(self, words: list[str]) -> list[dict[str, float]]:
        """Training attributes of one sentence."""
        z = [self.word(w) for w in words]
        n = len(words)
        keys = [[f"{self.prefix(o)}{k}" for k in range(self.vectors.dim)] for o in self.offsets]
        zl = [v.tolist() for v in z]
        out = []
        for i in range(n):
            a: dict[str, float] = {}
            for o, ks in zip(self.offsets, keys):
                if 0 <= i + o < n:
                    a.update(zip(ks, zl[i + o]))
            out.append(a)
        return out

    def scores(self, sentences: list[list[str]], plain=None) -> np.ndarray:
        words = [w for s in sentences for w in s]
        z = np.stack([self.word(w) for w in words]).astype(np.float64)
        lens = np.array([len(s) for s in sentences])
        starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
        pos = np.arange(len(words)) - np.repeat(starts, lens)
        rev = np.repeat(lens, lens) - 1 - pos
        e = np.zeros((len(words), self.mats[0].shape[1]))
        for o, m in zip(self.offsets, self.mats):
            s = z @ m  # what each token's vector gives the token ``o`` places before it
            if o == 0:
                e += s
            elif o < 0:  # token i reads token i + o (before it)
                e[-o:] += s[:o] * (pos[-o:] >= -o)[:, None]
            else:
                e[:-o] += s[o:] * (rev[:-o] >= o)[:, None]
        return e


class Scorers:
    """Several emission-score additions as one (:attr:`.decode.Decoder.cnn`)."""

    def __init__(self, *parts):
        self.parts = [p for p in parts if p is not None]

    def scores(self, sentences, plain=None):
        e = self.parts[0].scores(sentences, plain)
        for p in self.parts[1:]:
            e = e + p.scores(sentences, plain)
        return e


def attach(decoder, features, cnn_path: Path | None = CNN_PATH, emb_path: Path = EMB_PATH) -> None:
    """Give ``decoder`` (:class:`.decode.Decoder`) what its CRF was trained with beyond the feature
    strings: the word-vector attributes when its model has ``v0`` weights (always: they are part of
    that model), and the network when ``cnn_path`` is given and exists."""
    crf = decoder.w
    parts = []
    if "v0" in crf.rows and Path(emb_path).exists():
        window = 0
        while f"v-{window + 1}:0" in crf.rows:
            window += 1
        parts.append(EmbeddingScorer(_vectors(str(emb_path)), crf, window=window))
    if cnn_path is not None:
        parts.append(load_scorer(features, crf.labels, cnn_path, emb_path, crf=crf))
    parts = [p for p in parts if p is not None]
    decoder.cnn = None if not parts else parts[0] if len(parts) == 1 else Scorers(*parts)
