"""Run-time decoding of the tagger's CRF in numpy: Viterbi labels and per-token marginal
probabilities for all sentences of a document at once.

CRFsuite scores a label sequence as the sum of the weights of (attribute, label) pairs plus the
weights of (label, label) transitions. The tagger's attributes (:mod:`.features`) are per-word
lists: a word's own attributes and those it lends to the tokens two and one places either side,
plus word bigrams and ``BOS``/``EOS``. Since the score is a sum, each word's five lists are turned
once into five vectors of label scores (cached by word form), and a token's emission scores are
the sum of at most nine vectors. Sentences are packed side by side into a few rows, so the numpy
loops of Viterbi and forward-backward run over the longest row, not over every token; a sentence
start inside a row has no transition from the token before it.

Same labels and marginals as ``pycrfsuite.Tagger`` on the same model (checked in
``tests/extract/test_entities_decode.py``), at a fraction of the cost: pycrfsuite converts and
looks up about 20 attribute strings per token on every call.
"""

from __future__ import annotations

import hashlib
import heapq
import os
import tempfile
from pathlib import Path

import numpy as np

__all__ = ["CrfWeights", "Decoder"]

_CACHE_WORDS = 150_000


class CrfWeights:
    """State and transition weights of a loaded ``pycrfsuite.Tagger``."""

    def __init__(self, crf):
        info = crf.info()
        self.labels: list[str] = list(crf.labels())
        lid = {lab: i for i, lab in enumerate(self.labels)}
        n = len(self.labels)
        self.transitions = np.zeros((n, n))
        for (a, b), w in info.transitions.items():
            self.transitions[lid[a], lid[b]] = w
        rows: dict[str, int] = {}
        for attr, _ in info.state_features:
            rows.setdefault(attr, len(rows))
        self.state = np.zeros((len(rows) + 1, n))  # last row: unknown attributes (all zero)
        for (attr, lab), w in info.state_features.items():
            self.state[rows[attr], lid[lab]] = w
        self.rows = rows

    @classmethod
    def load(cls, crf, model_path: Path | str) -> "CrfWeights":
        """The weights of ``crf`` (opened from ``model_path``), read from a cache file keyed by the
        model file's SHA-256 when there is one, else parsed and the cache written. Parsing CRFsuite's
        text dump costs ≈ 0.25 s, paid by every pool worker at start-up (and on every refresh);
        the cache (plain ``.npz`` arrays, no pickle) loads in a few milliseconds. Any problem with the
        cache (unwritable, damaged) falls back to parsing."""
        path = _cache_path(Path(model_path))
        if path is not None and path.exists():
            try:
                with np.load(path, allow_pickle=False) as z:
                    return cls._from_arrays(z["labels"], z["transitions"], z["state"], z["attrs"])
            except (OSError, ValueError, KeyError):
                pass
        weights = cls(crf)
        if path is not None:
            weights._save(path)
        return weights

    @classmethod
    def _from_arrays(cls, labels, transitions, state, attrs) -> "CrfWeights":
        w = cls.__new__(cls)
        w.labels = [str(x) for x in labels]
        w.transitions = np.asarray(transitions, dtype=float)
        w.state = np.asarray(state, dtype=float)
        w.rows = {str(a): i for i, a in enumerate(attrs)}
        if w.state.shape != (len(w.rows) + 1, len(w.labels)) or w.transitions.shape != (len(w.labels),) * 2:
            raise ValueError("cached CRF weights do not fit together")
        return w

    def _save(self, path: Path) -> None:
        attrs = sorted(self.rows, key=self.rows.__getitem__)  # row order
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, suffix=".tmp", delete=False) as fh:
                tmp = Path(fh.name)
                np.savez(fh, labels=np.array(self.labels), transitions=self.transitions, state=self.state,
                         attrs=np.array(attrs, dtype=str))
            os.replace(tmp, path)  # atomic: concurrent workers write the same content
        except OSError:
            if tmp is not None:
                tmp.unlink(missing_ok=True)

    def vector(self, attrs) -> np.ndarray:
        """Summed label scores of a list of attribute names."""
        get, miss = self.rows.get, len(self.rows)
        return self.state[[get(a, miss) for a in attrs]].sum(0) if attrs else np.zeros(len(self.labels))


#: Version of the cache format (bump when :class:`CrfWeights` changes what it keeps).
_CACHE_FORMAT = 1


def cache_dir() -> Path | None:
    """Where derived model files are cached: ``$KHABAR_CACHE_DIR``, else ``$XDG_CACHE_HOME/khabar``,
    else ``~/.cache/khabar``; ``KHABAR_CACHE_DIR=off`` disables the cache."""
    value = os.environ.get("KHABAR_CACHE_DIR")
    if value:
        return None if value.lower() in ("off", "0", "none") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "khabar"


def _cache_path(model_path: Path) -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    try:
        digest = hashlib.sha256(model_path.read_bytes()).hexdigest()[:24]
    except OSError:
        return None
    return root / f"crf-weights-v{_CACHE_FORMAT}-{digest}.npz"


class Decoder:
    """Document decoding with one model (:class:`CrfWeights`) and one feature extractor."""

    def __init__(self, weights: CrfWeights, features, cnn=None):
        self.w = weights
        self.fx = features
        #: the neural network's scores added to the emissions (:class:`.neural.CnnScorer`), or None
        self.cnn = cnn
        n = len(weights.labels)
        self.n = n
        self.o = weights.labels.index("O") if "O" in weights.labels else 0
        self.exp_t = np.exp(weights.transitions)
        # rescale forward/backward sums often enough to stay far from float64 over/underflow:
        # one step changes a sum by a factor within [exp(min T), n * exp(max T)]
        t = weights.transitions
        grow = max(abs(float(t.min())), float(t.max()) + float(np.log(n)), 1.0)
        self.rescale = max(1, int(200 // grow))
        self.bos = weights.vector(["BOS"])
        self.eos = weights.vector(["EOS"])
        # bigram attributes: pair -> (scores for the right word, scores for the left word)
        zero = np.zeros(n)
        pairs: dict[str, list[np.ndarray]] = {}
        for attr in weights.rows:
            if attr.startswith(("b-=", "b+=")):
                v = pairs.setdefault(attr[3:], [zero, zero])
                v[0 if attr[1] == "-" else 1] = weights.vector([attr])
        self.pairs = {k: (v[0], v[1]) for k, v in pairs.items()}
        # left words of the known pairs (a filter; ``|`` is a piece of its own when it occurs)
        self.pair_lefts = frozenset(k.split("|", 1)[0] for k in pairs) | {"|"}
        # an attribute a word shows its neighbours -> its rows as seen at -2, -1, +1, +2
        miss = len(weights.rows)
        lent: dict[str, list[int]] = {}
        for attr, r in weights.rows.items():
            p = ("-2:", "-1:", "+1:", "+2:").index(attr[:3]) if attr[:3] in ("-2:", "-1:", "+1:", "+2:") else -1
            if p >= 0:
                lent.setdefault(attr[3:], [miss] * 4)[p] = r
        self.lent = {k: tuple(v) for k, v in lent.items()}
        self._plain_fx = None
        self._index: dict[str, int] = {}
        self._table = np.zeros((1024, 5, n))

    # --- per-word vectors ---------------------------------------------------
    def _vectors(self, words: list[str], fx) -> np.ndarray:
        """``(len(words), 5, labels)``: per word, the scores of its own attributes and of those it
        lends at -2, -1, +1, +2 (one gather and one segmented sum for all the words)."""
        get, miss, lent = self.w.rows.get, len(self.w.rows), self.lent
        idx: list[int] = []
        starts: list[int] = []
        for w in words:
            own, ctx = fx.word_attrs(w)
            starts.append(len(idx))
            idx.append(miss)  # every segment starts with the zero row, so none is empty
            idx += [get(a, miss) for a in own]
            rows = [lent[x] for x in ctx if x in lent]
            for p in range(4):
                starts.append(len(idx))
                idx.append(miss)
                idx += [r[p] for r in rows]
        out = np.add.reduceat(self.w.state[idx], starts, axis=0)
        return out.reshape(len(words), 5, self.n)

    def _ids(self, words: list[str]) -> np.ndarray:
        index = self._index
        if len(index) + len(words) > _CACHE_WORDS:
            index.clear()
        new = [w for w in dict.fromkeys(words) if w not in index]
        if new:
            k0 = len(index)
            if k0 + len(new) > len(self._table):
                grown = np.zeros((max(2 * len(self._table), k0 + len(new)), 5, self.n))
                grown[:k0] = self._table[:k0]
                self._table = grown
            self._table[k0:k0 + len(new)] = self._vectors(new, self.fx)
            for j, w in enumerate(new):
                index[w] = k0 + j
        return np.array([index[w] for w in words], dtype=np.intp)

    # --- emissions ----------------------------------------------------------
    def emissions(self, sentences: list[list[str]], plain: dict[int, list[int]] | None = None,
                  extra: dict[int, dict[int, list[str]]] | None = None) -> np.ndarray:
        """Emission scores ``(tokens, labels)`` of the sentences laid end to end. ``plain``: per
        sentence, positions whose word is scored without its gazetteer flags (own and lent).
        ``extra``: per sentence, position -> further attributes of that token (the document-level
        ones of :mod:`.stacking`)."""
        words = [w for s in sentences for w in s]
        lens = np.array([len(s) for s in sentences], dtype=np.intp)
        total = len(words)
        ids = self._ids(words)
        tab = self._table
        starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
        pos = np.arange(total) - np.repeat(starts, lens)
        rev = np.repeat(lens, lens) - 1 - pos
        e = tab[ids, 0].copy()
        if total > 1:
            e[1:] += tab[ids[:-1], 2] * (pos[1:] >= 1)[:, None]
            e[:-1] += tab[ids[1:], 3] * (rev[:-1] >= 1)[:, None]
        if total > 2:
            e[2:] += tab[ids[:-2], 1] * (pos[2:] >= 2)[:, None]
            e[:-2] += tab[ids[2:], 4] * (rev[:-2] >= 2)[:, None]
        e[pos == 0] += self.bos
        e[rev == 0] += self.eos
        pairs, lefts = self.pairs, self.pair_lefts
        k = 0
        for s in sentences:
            for i in range(1, len(s)):
                if s[i - 1] not in lefts:
                    continue
                hit = pairs.get(s[i - 1] + "|" + s[i])
                if hit is not None:
                    e[k + i] += hit[0]
                    e[k + i - 1] += hit[1]
            k += len(s)
        if plain:
            for si, ks in plain.items():
                s, base = sentences[si], int(starts[si])
                if self._plain_fx is None:
                    self._plain_fx = type(self.fx)({}, self.fx.lex, self.fx.options)
                pv = self._vectors([s[i] for i in ks], self._plain_fx)
                for j, i in enumerate(ks):
                    d = pv[j] - tab[ids[base + i]]
                    e[base + i] += d[0]
                    for off, part in ((2, 1), (1, 2), (-1, 3), (-2, 4)):
                        if 0 <= i + off < len(s):
                            e[base + i + off] += d[part]
        if extra:
            vec = self.w.vector
            for si, at in extra.items():
                base = int(starts[si])
                for i, attrs in at.items():
                    e[base + i] += vec(attrs)
        if self.cnn is not None and total:
            e += self.cnn.scores(sentences, plain)
        return e

    # --- packing and decoding ------------------------------------------------
    @staticmethod
    def _pack(lens: list[int]) -> tuple[int, list[int], list[int]]:
        """Rows for the sentences (longest first, each into the shortest row): ``(row length,
        row of each sentence, column where it starts)``."""
        total, longest = sum(lens), max(lens)
        n_rows = max(1, min(len(lens), -(-total // max(longest, 1))))
        heap = [(0, r) for r in range(n_rows)]  # (fill, row): the shortest row on top
        row = [0] * len(lens)
        col = [0] * len(lens)
        for i in sorted(range(len(lens)), key=lambda i: -lens[i]):
            fill, r = heap[0]
            row[i], col[i] = r, fill
            heapq.heapreplace(heap, (fill + lens[i], r))
        return max(f for f, _ in heap), row, col

    def decode(self, sentences: list[list[str]], plain: dict[int, list[int]] | None = None,
               viterbi: bool = True, extra: dict[int, dict[int, list[str]]] | None = None
               ) -> tuple[list[list[str]], list[np.ndarray]]:
        """Labels (when ``viterbi``) and marginals ``(len, labels)`` of each non-empty sentence."""
        lens = [len(s) for s in sentences]
        if not sentences or not any(lens):
            return [[] for _ in sentences], [np.zeros((0, self.n)) for _ in sentences]
        keep = [i for i, n in enumerate(lens) if n]
        sents = [sentences[i] for i in keep]
        if plain:
            remap = {i: j for j, i in enumerate(keep)}
            plain = {remap[i]: v for i, v in plain.items() if i in remap}
        if extra:
            remap = {i: j for j, i in enumerate(keep)}
            extra = {remap[i]: v for i, v in extra.items() if i in remap}
        e = self.emissions(sents, plain, extra)
        labels, margs = self.decode_scores(e, [len(x) for x in sents], viterbi)
        out_l: list[list[str]] = [[] for _ in sentences]
        out_m: list[np.ndarray] = [np.zeros((0, self.n)) for _ in sentences]
        for j, i in enumerate(keep):
            out_m[i] = margs[j]
            if labels is not None:
                out_l[i] = labels[j]
        return out_l, out_m

    def decode_scores(self, e: np.ndarray, klens: list[int], viterbi: bool = True
                      ) -> tuple[list[list[str]] | None, list[np.ndarray]]:
        """Labels (when ``viterbi``, else None) and marginals of non-empty sentences of lengths
        ``klens`` whose emission scores (:meth:`emissions`) lie end to end in ``e``."""
        width, row, col = self._pack(klens)
        n, n_rows = self.n, max(row) + 1
        flat_r = np.repeat(np.array(row, dtype=np.intp), klens)
        starts = np.repeat(np.array(col, dtype=np.intp), klens)
        offs = np.concatenate(([0], np.cumsum(klens)[:-1]))
        flat_c = starts + np.arange(len(e)) - np.repeat(offs, klens)
        em = np.zeros((n_rows, width, n))
        em[flat_r, flat_c] = e
        start = np.ones((n_rows, width), dtype=bool)  # padding counts as sentence starts
        start[flat_r, flat_c] = False
        start[np.array(row, dtype=np.intp), np.array(col, dtype=np.intp)] = True
        labels = None
        if viterbi:
            path = self._viterbi(em, start)
            lab = self.w.labels
            labels = [[lab[y] for y in path[r, c:c + m].tolist()] for r, c, m in zip(row, col, klens)]
        marg = self._marginals(em, start)
        return labels, [marg[r, c:c + m] for r, c, m in zip(row, col, klens)]

    def _viterbi(self, em: np.ndarray, start: np.ndarray) -> np.ndarray:
        """Best label path of every row (a sentence start has no transition into it)."""
        n_rows, width, n = em.shape
        trans = np.where(start[:, :, None, None], 0.0, self.w.transitions)  # (rows, width, n, n)
        delta = np.empty_like(em)
        d = delta[:, 0] = em[:, 0]
        for t in range(1, width):
            d = delta[:, t] = (d[:, :, None] + trans[:, t]).max(1) + em[:, t]
        back = (delta[:, :-1, :, None] + trans[:, 1:]).argmax(2)  # back-pointers of all steps at once
        path = np.empty((n_rows, width), dtype=np.intp)
        y = path[:, -1] = delta[:, -1].argmax(1)
        rows = np.arange(n_rows)
        for t in range(width - 1, 0, -1):
            y = path[:, t - 1] = back[rows, t - 1, y]
        return path

    def _marginals(self, em: np.ndarray, start: np.ndarray) -> np.ndarray:
        """Marginal label probabilities by forward-backward in probability space. The backward
        pass runs in the same loop as the forward one, on the rows reversed in time with the
        transposed transition matrices; sums are rescaled every :attr:`rescale` steps."""
        n_rows, width, n = em.shape
        pe = np.maximum(np.exp(em - em.max(2, keepdims=True)), 1e-300)  # the best label of a position: 1
        pt = np.where(start[:, :, None, None], 1.0, self.exp_t)
        # backward rows in reversed time: h'_s = (h'_{s-1} @ P_{W-s}^T) * pe_{W-1-s}
        mats = np.empty((2 * n_rows, width, n, n))
        mats[:n_rows] = pt
        mats[n_rows:, 1:] = pt[:, :0:-1].transpose(0, 1, 3, 2)
        vecs = np.concatenate([pe, pe[:, ::-1]])
        acc = np.empty((2 * n_rows, width, n))
        x = acc[:, 0] = vecs[:, 0]
        every = self.rescale
        for t in range(1, width):
            x = np.matmul(x[:, None, :], mats[:, t])[:, 0] * vecs[:, t]
            if t % every == 0:
                x /= x.sum(1, keepdims=True)
            acc[:, t] = x
        alpha = acc[:n_rows]
        h = acc[n_rows:, ::-1]  # h_t = pe_t * beta_t (up to a factor per position)
        m = alpha * h / pe
        return m / m.sum(2, keepdims=True)
