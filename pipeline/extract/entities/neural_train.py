"""Training of the tagger's convolutional network (:mod:`.neural`), in numpy float64 with exact
matrix products, so that the same data and settings give the same weights bit for bit on **any**
CPU (any vector width, any BLAS kernel, any thread count).

Why not PyTorch (used until stream ``ner6``): with one thread and
``torch.use_deterministic_algorithms`` torch repeats itself on one machine, but its matrix
products, convolutions and reductions take a different summation order (and fused multiply-adds)
on a CPU with other vector units (MKL / oneDNN / ATen kernels chosen at run time for AVX2 or
AVX-512), so float32 results differ in the last bits; 20 epochs of training amplify that into
entirely different weights (docs/quality.md, "Reproducibility of the network across machines").
Float64 alone only shrinks the first difference; it still grows.

How this is made independent of the order of additions:

* every operand of a matrix product is first rounded to a *block floating-point* grid
  (:func:`quantize`): each value becomes an integer of at most ``BITS`` = 20 bits times one
  power of two shared by the whole tensor (found from its largest magnitude, exact). A product
  of two such values is an integer of at most 40 bits times a power of two, and a sum of up to
  ``2**(53 - 2*BITS)`` = 8,192 of them is an integer below 2**53: **exactly representable in
  float64, so every partial sum is exact and the result is the same whatever the order, blocking,
  vector width or FMA use of the BLAS kernel** (:func:`mm` splits longer sums into blocks of that
  size and adds the blocks in a fixed order). Sums over rows (bias gradients) are exact the same way;
* everything else is elementwise (``+ - * / sqrt``, ``rint``, ``max``, comparisons), which IEEE 754
  rounds correctly to the same bits on every CPU; separate numpy calls are never fused;
* the one transcendental function training needs, ``exp`` in the softmax, is computed here
  (:func:`det_exp`: range reduction + a fixed polynomial, elementwise operations only), because
  libm and numpy pick CPU-specific ``exp`` code (glibc's FMA variant, numpy's AVX-512 loop) that
  may differ in the last bit; the 7 label terms are added in a fixed order; Adam's bias
  corrections use repeated multiplication, not ``pow``;
* random numbers come from numpy's PCG64 generator (integer arithmetic; ``random()`` is an exact
  53-bit fraction): the initial weights, the sentence order and the dropout masks.

The master weights stay in float64 (Adam as in PyTorch: betas 0.9/0.999, eps 1e-8, the same default
initialisation bounds); the exported arrays (what :class:`.neural.CnnWeights` reads) are their
float32 rounding, also deterministic. Checked in ``tests/extract/test_entities_neural.py``: the
products equal exact integer products, two trainings give the same bytes, and a training in a
subprocess with OpenBLAS forced to its SSE3 kernels (``OPENBLAS_CORETYPE=Prescott``) and numpy's
AVX2/AVX-512 loops disabled gives the same bytes as with the machine's AVX-512 kernels.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["LABELS", "train_cnn", "save", "reference_log_probs", "jackknife_probs", "prob_attrs",
           "quantize", "mm", "det_exp", "char_ids", "BITS",
           "det_sigmoid", "det_tanh", "time_steps", "lstm_direction"]

LABELS = ["O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]

#: bits of the integer part of every matrix-product operand (relative precision ~1e-6, float32's
#: is 6e-8); two of them multiply into 40 bits, so 2**13 products add up exactly in float64
BITS = 20
_CHUNK = 2 ** (53 - 2 * BITS)


def quantize(x: np.ndarray, bits: int = BITS) -> np.ndarray:
    """``x`` (float64) rounded to integers of at most ``bits`` bits times one power of two:
    ``2**(e - bits)`` where ``2**e`` bounds ``max |x|``. Every step is exact or correctly rounded."""
    m = float(np.max(np.abs(x))) if x.size else 0.0
    if m == 0.0:
        return x
    _, e = math.frexp(m)  # m = f * 2**e, 0.5 <= f < 1
    scale = math.ldexp(1.0, bits - e)
    return np.rint(x * scale) / scale


def mm(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a @ b`` of two :func:`quantize`\\ d operands: exact (so independent of the BLAS kernel) for
    up to ``2**(53 - 2*BITS)`` terms per sum; longer sums are cut into blocks that size, added in
    order."""
    k = a.shape[1]
    if k <= _CHUNK:
        return a @ b
    out = a[:, :_CHUNK] @ b[:_CHUNK]
    for s in range(_CHUNK, k, _CHUNK):
        out = out + a[:, s:s + _CHUNK] @ b[s:s + _CHUNK]
    return out


_LN2 = 0.6931471805599453
_INV_LN2 = 1.4426950408889634
_POW2 = np.array([math.ldexp(1.0, -k) for k in range(80)])


def det_exp(x: np.ndarray) -> np.ndarray:
    """``exp(x)`` for ``x <= 0`` (float64) from elementwise IEEE operations only: ``x = k ln2 + r``,
    ``|r| <= ln2/2``, a degree-13 Taylor polynomial of ``exp(r)`` (relative error ~1e-16) times
    ``2**-k`` from a table. Values below -50 count as -50 (exp(-50) ~ 2e-22)."""
    x = np.maximum(x, -50.0)
    k = np.rint(x * _INV_LN2)
    r = x - k * _LN2
    p = np.ones_like(r)
    for n in range(13, 0, -1):  # Horner: 1 + r(1 + r/2(1 + r/3(...)))
        p = p * (r / n) + 1.0
    return p * _POW2[(-k).astype(np.int64)]


def _softmax(z: np.ndarray) -> np.ndarray:
    e = det_exp(z - z.max(1, keepdims=True))
    s = e[:, 0].copy()
    for j in range(1, e.shape[1]):  # fixed order (a reduction could pick any)
        s = s + e[:, j]
    return e / s[:, None]


def _colsum(q: np.ndarray) -> np.ndarray:
    """Sum over rows of a quantized array: exact (at most 2**33 rows), so any order."""
    return q.sum(0)


def _init(rng, fan_in: int, shape) -> np.ndarray:
    """PyTorch's default initialisation of Linear/Conv1d weights and biases: uniform in
    ``±1/sqrt(fan_in)`` (``random()`` is an exact 53-bit fraction; ``2u - 1`` is exact)."""
    bound = 1.0 / math.sqrt(fan_in)
    return (rng.random(shape) * 2.0 - 1.0) * bound


class _Params:
    def __init__(self, rng, din: int, hidden: int, dilations, n_chars: int = 0, char_dim: int = 0,
                 char_filters: int = 0, rnn: int = 0):
        self.w_in = _init(rng, din + char_filters, (din + char_filters, hidden))
        self.b_in = _init(rng, din + char_filters, (hidden,))
        self.convs = [_init(rng, 3 * hidden, (3, hidden, hidden)) for _ in dilations]
        self.bconvs = [_init(rng, 3 * hidden, (hidden,)) for _ in dilations]
        out_in = 2 * rnn if rnn else hidden
        self.w_out = _init(rng, out_in, (out_in, len(LABELS)))
        self.b_out = _init(rng, out_in, (len(LABELS),))
        self.chars = []
        if char_filters:  # character embeddings (row 0: padding, kept zero), width-3 convolution over them
            emb = rng.random((n_chars + 1, char_dim)) * 2.0 - 1.0
            emb[0] = 0.0
            self.chars = [emb, _init(rng, 3 * char_dim, (3 * char_dim, char_filters)),
                          _init(rng, 3 * char_dim, (char_filters,))]
        self.rnn = []
        if rnn:  # a bidirectional LSTM (forward, then backward: w_x, w_h, b each), PyTorch's init bounds
            for _ in range(2):
                self.rnn += [_init(rng, rnn, (hidden, 4 * rnn)), _init(rng, rnn, (rnn, 4 * rnn)),
                             _init(rng, rnn, (4 * rnn,))]

    def arrays(self) -> list[np.ndarray]:
        return [self.w_in, self.b_in, *self.convs, *self.bconvs, self.w_out, self.b_out, *self.chars, *self.rnn]


def _char_windows(emb: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """``(n, L, 3 * dim)``: each character position's embedding with its two neighbours' (zero
    beyond the word), for the width-3 character convolution."""
    e = emb[ids]
    z = np.zeros((e.shape[0], 1, e.shape[2]))
    ep = np.concatenate([z, e, z], axis=1)
    return np.concatenate([ep[:, :-2], ep[:, 1:-1], ep[:, 2:]], axis=2)


def char_ids(words: list[str], chars: dict[str, int], length: int) -> np.ndarray:
    """``(len(words), length)`` character ids (0: padding or a character outside ``chars``); a
    longer word keeps its first ``length // 2`` and last ``length - length // 2`` characters."""
    out = np.zeros((len(words), length), dtype=np.int64)
    half = length // 2
    for i, w in enumerate(words):
        if len(w) > length:
            w = w[:half] + w[len(w) - (length - half):]
        out[i, :len(w)] = [chars.get(c, 0) for c in w]
    return out


class _Adam:
    """Adam as PyTorch's (betas 0.9/0.999, eps 1e-8), elementwise operations only, in place."""

    def __init__(self, params: list[np.ndarray], lr: float, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8):
        self.params, self.lr, self.b1, self.b2, self.eps = params, lr, b1, b2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.p1 = self.p2 = 1.0  # b1**t, b2**t by repeated multiplication (libm's pow may vary by CPU)

    def step(self, grads: list[np.ndarray]) -> None:
        self.p1 *= self.b1
        self.p2 *= self.b2
        step = self.lr / (1.0 - self.p1)
        bc2 = math.sqrt(1.0 - self.p2)
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m *= self.b1
            m += g * (1.0 - self.b1)
            v *= self.b2
            v += (g * g) * (1.0 - self.b2)
            denom = np.sqrt(v) / bc2 + self.eps
            p -= (m / denom) * step


def _layout(lens: list[int], pad: int):
    """Rows of sentences laid end to end with ``pad`` zero rows before, between and after them
    (as :meth:`.neural.CnnWeights.log_probs_from_first` does)."""
    n = int(sum(lens))
    pos = np.empty(n, dtype=np.intp)
    k, start = 0, pad
    for m in lens:
        pos[k:k + m] = np.arange(start, start + m)
        k += m
        start += m + pad
    total = n + pad * (len(lens) + 1)
    rows = np.zeros((total, 1))
    rows[pos] = 1.0
    return pos, total, rows


def _step(par: _Params, dilations, x: np.ndarray, y: np.ndarray, lens: list[int], rng, drop: float,
          cids: np.ndarray | None = None):
    """One forward and backward pass over a batch (``x`` the token rows, float64; ``cids`` their
    character ids with a character CNN); returns the gradients (in :meth:`_Params.arrays` order)
    and the summed loss (for the log only)."""
    keep = 1.0 / (1.0 - drop)
    pad = max(dilations) if dilations else 0
    pos, total, rows = _layout(lens, pad)
    n, hid = len(y), par.w_in.shape[1]

    def dropout(a):
        if not drop:
            return a, None
        m = (rng.random(a.shape) >= drop) * keep
        return a * m, m

    if par.chars:  # character CNN: max over positions of ReLU(width-3 convolution), appended to x
        emb, wc, bc = par.chars
        nf = wc.shape[1]
        qwin = quantize(_char_windows(emb, cids).reshape(-1, wc.shape[0]))
        qwc = quantize(wc)
        ca = (mm(qwin, qwc) + bc).reshape(len(cids), cids.shape[1], nf)
        ca = ca * ((ca > 0) & (cids > 0)[:, :, None])  # ReLU, padding positions out
        arg = ca.argmax(1)  # first maximum: deterministic
        cf = np.take_along_axis(ca, arg[:, None, :], 1)[:, 0]
        x = np.concatenate([x, cf], axis=1)
    xd, m0 = dropout(x)
    qx, qw = quantize(xd), quantize(par.w_in)
    a0 = mm(qx, qw) + par.b_in
    r0 = a0 > 0
    h = np.zeros((total, hid))
    h[pos] = a0 * r0
    saved = []
    for w, b, d in zip(par.convs, par.bconvs, dilations):
        hd, md = dropout(h)
        qh, qw3 = quantize(hd), quantize(w)
        s = mm(qh, qw3[1])
        s[d:] += mm(qh[:-d], qw3[0])
        s[:-d] += mm(qh[d:], qw3[2])
        a = s + b
        r = (a > 0) * rows
        saved.append((qh, qw3, md, r, d))
        h = a * r
    if par.rnn:  # the bidirectional LSTM over the convolutions' output (dropout on its input)
        u, mu = dropout(h[pos])
        starts, active = time_steps(lens)
        qu = quantize(u)
        rnn_saved = []
        outs = []
        for dr in range(2):
            wx, wh, bb = par.rnn[3 * dr:3 * dr + 3]
            qwx = quantize(wx)
            hs, cs, gs = lstm_direction(mm(qu, qwx), wh, bb, starts, active, reverse=bool(dr))
            rnn_saved.append((qwx, hs, cs, gs))
            outs.append(hs)
        ht, mo = dropout(np.concatenate(outs, axis=1))
    else:
        ht, mo = dropout(h[pos])
    qh, qwo = quantize(ht), quantize(par.w_out)
    z = mm(qh, qwo) + par.b_out
    p = _softmax(z)
    loss = float(-np.log(np.maximum(p[np.arange(n), y], 1e-300)).sum())  # the log only
    g = p.copy()
    g[np.arange(n), y] -= 1.0
    g = g / n  # the mean over the batch's tokens, as CrossEntropyLoss
    qg = quantize(g)
    gw_out, gb_out = mm(qh.T, qg), _colsum(qg)
    dh_t = mm(qg, qwo.T)
    if mo is not None:
        dh_t = dh_t * mo
    grnn = []
    if par.rnn:
        H = par.rnn[1].shape[0]
        du = np.zeros_like(u)
        for dr in range(2):
            qwx, hs, cs, gs = rnn_saved[dr]
            da, hprev = _lstm_backward(dh_t[:, dr * H:(dr + 1) * H], par.rnn[3 * dr + 1], hs, cs, gs, starts,
                                       active, reverse=bool(dr))
            qda = quantize(da)
            grnn += [mm(qu.T, qda), mm(quantize(hprev).T, qda), _colsum(qda)]
            du = du + mm(qda, qwx.T)
        dh_t = du * mu if mu is not None else du
    dh = np.zeros((total, hid))
    dh[pos] = dh_t
    gconv, gbconv = [], []
    for qh, qw3, md, r, d in reversed(saved):
        qg = quantize(dh * r)
        gw = np.empty_like(qw3)
        gw[1] = mm(qh.T, qg)
        gw[0] = mm(qh[:-d].T, qg[d:])
        gw[2] = mm(qh[d:].T, qg[:-d])
        gconv.append(gw)
        gbconv.append(_colsum(qg))
        dq = mm(qg, qw3[1].T)
        dq[:-d] += mm(qg[d:], qw3[0].T)
        dq[d:] += mm(qg[:-d], qw3[2].T)
        dh = dq * md if md is not None else dq
    qg = quantize(dh[pos] * r0)
    gw_in, gb_in = mm(qx.T, qg), _colsum(qg)
    gchars = []
    if par.chars:
        din = x.shape[1] - nf
        gcf = mm(qg, qw[din:].T)
        if m0 is not None:
            gcf = gcf * m0[:, din:]
        gcf = gcf * (cf > 0)
        ga = np.zeros_like(ca)
        np.put_along_axis(ga, arg[:, None, :], gcf[:, None, :], 1)
        qga = quantize(ga.reshape(-1, nf))
        gwc, gbc = mm(qwin.T, qga), _colsum(qga)
        dwin = mm(qga, qwc.T).reshape(len(cids), cids.shape[1], -1)
        dc = emb.shape[1]
        dep = np.zeros((len(cids), cids.shape[1] + 2, dc))
        dep[:, :-2] += dwin[:, :, :dc]
        dep[:, 1:-1] += dwin[:, :, dc:2 * dc]
        dep[:, 2:] += dwin[:, :, 2 * dc:]
        gemb = np.zeros_like(emb)
        np.add.at(gemb, cids.reshape(-1), quantize(dep[:, 1:-1].reshape(-1, dc)))  # exact sums: any order
        gemb[0] = 0.0
        gchars = [gemb, gwc, gbc]
    return [gw_in, gb_in, *reversed(gconv), *reversed(gbconv), gw_out, gb_out, *gchars, *grnn], loss


def train_cnn(sentences: list[tuple[list[str], list[str]]], encoder, hidden: int = 64,
              dilations: tuple[int, ...] = (1, 2, 1), epochs: int = 20, lr: float = 2e-3, drop: float = 0.25,
              batch: int = 32, seed: int = 11, gaz_dropout: float = 0.0, log=None, char_dim: int = 0,
              char_filters: int = 32, char_len: int = 16, rnn: int = 0) -> dict[str, np.ndarray]:
    """Train on ``(words, labels)`` sentences (the tagger's pieces) and return the exported arrays
    (float32; ``_master``: the float64 weights, for tests). ``gaz_dropout``: share of training
    sentences seen without gazetteer flags in each epoch. ``char_dim`` > 0: also a character CNN
    (embeddings of that size, ``char_filters`` width-3 filters, max over the first/last
    ``char_len`` characters) whose output joins each word's input row. ``rnn`` > 0: a bidirectional
    LSTM of that many units each way over the convolutions' output (``dilations`` may be empty),
    read by the output layer instead of them."""
    rng = np.random.default_rng(seed)
    lid = {lab: i for i, lab in enumerate(LABELS)}
    sentences = [(w, labs) for w, labs in sentences if w]
    data = [(encoder.matrix(w).astype(np.float64), np.array([lid[lab] for lab in labs], dtype=np.int64))
            for w, labs in sentences]
    chars: dict[str, int] = {}
    cdata = None
    if char_dim:
        chars = {c: i + 1 for i, c in enumerate(sorted({c for w, _ in sentences for t in w for c in t}))}
        cdata = [char_ids(w, chars, char_len) for w, _ in sentences]
    din = encoder.dim
    g0, g1 = encoder.vectors.dim, encoder.vectors.dim + len(encoder.gaz_names)
    dilations = tuple(int(d) for d in dilations)
    par = _Params(rng, din, hidden, dilations, len(chars), char_dim, char_filters if char_dim else 0, rnn)
    opt = _Adam(par.arrays(), lr)
    for ep in range(epochs):
        order = rng.permutation(len(data))
        total = 0.0
        for k in range(0, len(order), batch):
            idx = order[k:k + batch]
            x = np.concatenate([data[i][0] for i in idx])
            y = np.concatenate([data[i][1] for i in idx])
            lens = [len(data[i][1]) for i in idx]
            if gaz_dropout:
                off = rng.random(len(idx)) < gaz_dropout
                starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
                for j in np.flatnonzero(off):
                    x[starts[j]:starts[j] + lens[j], g0:g1] = 0
            cids = np.concatenate([cdata[i] for i in idx]) if cdata is not None else None
            grads, loss = _step(par, dilations, x, y, lens, rng, drop, cids)
            opt.step(grads)
            total += loss / len(y) * len(idx)
        if log:
            log(f"epoch {ep + 1}/{epochs} loss {total / len(data):.4f}")
    return export(par, dilations, encoder.gaz_names, chars, char_len)


def export(par: _Params, dilations, gaz_names, chars: dict[str, int] | None = None, char_len: int = 16
           ) -> dict[str, np.ndarray]:
    """The arrays :class:`.neural.CnnWeights` reads (float32; ``alpha`` set later)."""
    f32 = lambda a: a.astype(np.float32)  # noqa: E731
    out = {"w_in": f32(par.w_in), "b_in": f32(par.b_in), "w_out": f32(par.w_out), "b_out": f32(par.b_out),
           "dilations": np.array(dilations, dtype=np.int64), "labels": np.array(LABELS, dtype=str),
           "gaz_names": np.array(list(gaz_names), dtype=str), "alpha": np.float64(1.0)}
    for k in range(len(dilations)):
        out[f"conv{k}"] = f32(par.convs[k])  # (3, in, out): tap 0 reads the token d places before
        out[f"bconv{k}"] = f32(par.bconvs[k])
    if par.chars:  # the character CNN: its alphabet (id = position + 1), embeddings, filters
        out["chars"] = np.array(sorted(chars, key=chars.get), dtype=str)
        out["char_len"] = np.int64(char_len)
        out["char_emb"], out["char_w"], out["char_b"] = (f32(a) for a in par.chars)
    if par.rnn:  # the bidirectional LSTM: per direction (f, b) input and recurrent weights, bias
        for k, dr in enumerate("fb"):
            out[f"lstm_{dr}_wx"], out[f"lstm_{dr}_wh"], out[f"lstm_{dr}_b"] = (f32(a) for a in par.rnn[3 * k:3 * k + 3])
    out["_master"] = par  # dropped before saving; the float64 weights, for the tests
    return out


def save(arrays: dict, path) -> None:
    with open(path, "wb") as fh:
        np.savez(fh, **{k: v for k, v in arrays.items() if not k.startswith("_")})


def reference_log_probs(arrays: dict, x_sents: list[np.ndarray], words: list[list[str]] | None = None
                        ) -> list[np.ndarray]:
    """Log-probabilities per sentence from the float64 master weights, each sentence alone with
    zero padding (no dropout, no rounding): the reference the numpy run-time path is checked against."""
    par: _Params = arrays["_master"]
    dil = [int(d) for d in arrays["dilations"]]
    out = []
    for si, x in enumerate(x_sents):
        x = x.astype(np.float64)
        if par.chars:
            emb, wc, bc = par.chars
            alphabet = {str(c): i + 1 for i, c in enumerate(arrays["chars"])}
            ids = char_ids(words[si], alphabet, int(arrays["char_len"]))
            ca = _char_windows(emb, ids) @ wc + bc
            ca = np.maximum(ca, 0) * (ids > 0)[:, :, None]
            x = np.concatenate([x, ca.max(1)], axis=1)
        h = np.maximum(x @ par.w_in + par.b_in, 0)
        for w, b, d in zip(par.convs, par.bconvs, dil):
            hp = np.pad(h, ((d, d), (0, 0)))
            h = np.maximum(hp[:-2 * d] @ w[0] + hp[d:-d] @ w[1] + hp[2 * d:] @ w[2] + b, 0)
        if par.rnn:  # plain recurrences, one token at a time
            outs = []
            for dr in range(2):
                wx, wh, bb = par.rnn[3 * dr:3 * dr + 3]
                H = wh.shape[0]
                hh, cc = np.zeros(H), np.zeros(H)
                ho = np.zeros((len(h), H))
                for t in (range(len(h) - 1, -1, -1) if dr else range(len(h))):
                    a = h[t] @ wx + hh @ wh + bb
                    i, f = 1 / (1 + np.exp(-a[:H])), 1 / (1 + np.exp(-a[H:2 * H]))
                    g, o = np.tanh(a[2 * H:3 * H]), 1 / (1 + np.exp(-a[3 * H:]))
                    cc = f * cc + i * g
                    hh = o * np.tanh(cc)
                    ho[t] = hh
                outs.append(ho)
            h = np.concatenate(outs, axis=1)
        z = h @ par.w_out + par.b_out
        z = z - z.max(1, keepdims=True)
        out.append(z - np.log(np.exp(z).sum(1, keepdims=True)))
    return out


# --- the optional bidirectional LSTM over the convolutions' output (stream ``ner7``) -------------

def det_sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function from :func:`det_exp` (elementwise IEEE operations only)."""
    e = det_exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def det_tanh(x: np.ndarray) -> np.ndarray:
    """``tanh`` as ``2 sigmoid(2x) - 1`` from :func:`det_sigmoid`."""
    return 2.0 * det_sigmoid(2.0 * x) - 1.0


def _sigmoid32(x: np.ndarray) -> np.ndarray:
    """The logistic function at run time (``0.5 + 0.5 tanh(x/2)``: one call, no overflow)."""
    return 0.5 + 0.5 * np.tanh(0.5 * x)


def time_steps(lens: list[int]) -> tuple[np.ndarray, list[int]]:
    """The batch of a recurrent layer over sentences laid end to end: the start of each sentence in
    the token array, longest sentence first (``starts``), and per time step ``t`` the number of
    sentences still running (``active[t]``: a prefix of ``starts``). The tokens of step ``t`` are
    ``starts[:active[t]] + t``; one matrix product per step serves every sentence."""
    lens_a = np.asarray(lens, dtype=np.int64)
    order = np.argsort(-lens_a, kind="stable")
    begin = np.concatenate(([0], np.cumsum(lens_a)[:-1])).astype(np.int64)
    sl = lens_a[order]
    tmax = int(sl[0]) if len(sl) else 0
    # active[t] = number of sorted lengths > t (lengths descending)
    active = np.searchsorted(-sl, -np.arange(tmax), side="left").tolist() if tmax else []
    return begin[order], active


def lstm_direction(xg: np.ndarray, wh: np.ndarray, b: np.ndarray, starts: np.ndarray, active: list[int],
                   reverse: bool, exact: bool = True):
    """One direction of an LSTM over sentences laid end to end (:func:`time_steps`). ``xg``:
    ``(n, 4H)`` the input's part of the gate pre-activations (``x W_x``; gates i, f, g, o).
    ``exact``: training arithmetic (float64, quantized products, :func:`det_sigmoid`); otherwise
    plain numpy in the arrays' dtype (run time). Returns the states ``h``, ``c`` ``(n, H)`` and the
    gate activations ``(n, 4H)``."""
    n, G = xg.shape
    H = G // 4
    h = np.zeros((n, H), dtype=xg.dtype)
    c = np.zeros((n, H), dtype=xg.dtype)
    gates = np.zeros((n, G), dtype=xg.dtype) if exact else None
    qwh = quantize(wh) if exact else wh
    T = len(active)
    gscale = np.ones(G, dtype=xg.dtype)
    gscale[2 * H:3 * H] = 2.0  # tanh(g) = 2 sigmoid(2g) - 1
    sig = det_sigmoid if exact else _sigmoid32
    tanh = det_tanh if exact else np.tanh
    for t in (range(T - 1, -1, -1) if reverse else range(T)):
        k = active[t]
        idx = starts[:k] + t
        a = xg[idx] + b
        kp = (active[t + 1] if t + 1 < T else 0) if reverse else (k if t > 0 else 0)
        cp = np.zeros((k, H), dtype=xg.dtype)
        if kp:
            pidx = idx[:kp] + (1 if reverse else -1)
            hp = h[pidx]
            a[:kp] += mm(quantize(hp), qwh) if exact else hp @ qwh
            cp[:kp] = c[pidx]
        s = sig(a * gscale)
        s[:, 2 * H:3 * H] = 2.0 * s[:, 2 * H:3 * H] - 1.0
        cn = s[:, H:2 * H] * cp + s[:, :H] * s[:, 2 * H:3 * H]
        c[idx] = cn
        h[idx] = s[:, 3 * H:] * tanh(cn)
        if exact:
            gates[idx] = s
    return h, c, gates


def _lstm_backward(dh_out: np.ndarray, wh: np.ndarray, h, c, gates, starts, active: list[int], reverse: bool):
    """Backpropagation through time of :func:`lstm_direction` (exact mode): from the gradient of the
    states ``dh_out`` ``(n, H)``, the gradient of the gate pre-activations ``(n, 4H)`` and the
    previous state of each token ``(n, H)`` (zero at a sentence's first step)."""
    n, H = dh_out.shape
    da_all = np.zeros((n, 4 * H))
    hprev = np.zeros((n, H))
    dh_rec = np.zeros((n, H))
    dc_rec = np.zeros((n, H))
    qwh_t = quantize(wh).T
    T = len(active)
    for t in (range(T) if reverse else range(T - 1, -1, -1)):  # the forward steps, backwards
        k = active[t]
        idx = starts[:k] + t
        kp = (active[t + 1] if t + 1 < T else 0) if reverse else (k if t > 0 else 0)
        s = gates[idx]
        i, f, g, o = s[:, :H], s[:, H:2 * H], s[:, 2 * H:3 * H], s[:, 3 * H:]
        tc = det_tanh(c[idx])
        dh = dh_out[idx] + dh_rec[idx]
        do = dh * tc
        dc = dh * o * (1.0 - tc * tc) + dc_rec[idx]
        cp = np.zeros((k, H))
        if kp:
            pidx = idx[:kp] + (1 if reverse else -1)
            cp[:kp] = c[pidx]
            hprev[idx[:kp]] = h[pidx]
        da = np.concatenate([dc * g * i * (1.0 - i), dc * cp * f * (1.0 - f), dc * i * (1.0 - g * g),
                             do * o * (1.0 - o)], axis=1)
        da_all[idx] = da
        if kp:
            dh_rec[pidx] = mm(quantize(da[:kp]), qwh_t)
            dc_rec[pidx] = (dc * f)[:kp]
    return da_all, hprev


def jackknife_probs(sentences: list[tuple[list[str], list[str]]], encoder, folds: int = 5, log=None, **kw
                    ) -> list[np.ndarray]:
    """Label probabilities of every sentence from a network trained on the other ``folds - 1``
    contiguous folds (what a CRF trained on them sees is then as unsure as at run time)."""
    from pipeline.extract.entities.ner_data import fold_of
    from pipeline.extract.entities.neural import CnnWeights
    import tempfile
    from pathlib import Path

    n = len(sentences)
    out: list[np.ndarray | None] = [None] * n
    for j in range(folds):
        fit = [s for i, s in enumerate(sentences) if fold_of(i, n, folds) != j]
        arrays = train_cnn(fit, encoder, log=log, **kw)
        with tempfile.TemporaryDirectory() as d:
            save(arrays, Path(d) / "cnn.npz")
            w = CnnWeights(Path(d) / "cnn.npz")
        for i, (words, _) in enumerate(sentences):
            if fold_of(i, n, folds) == j:
                out[i] = (np.exp(w.log_probs(encoder.matrix(words), [len(words)], words=words)) if words
                          else np.zeros((0, 7)))
        if log:
            log(f"jackknife fold {j + 1}/{folds} done")
    return out


def prob_attrs(p: np.ndarray) -> list[dict[str, float]]:
    """The CRF attributes of a sentence's network probabilities: ``nn:LABEL`` valued by the
    probability (the ``O`` column left out, it is one minus the rest)."""
    return [{"nn:" + LABELS[k]: float(row[k]) for k in range(1, len(LABELS)) if row[k] >= 0.01} for row in p]
