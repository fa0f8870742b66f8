"""The tagger's neural half (pipeline/extract/entities/neural.py): fastText-compatible subword
vectors, the numpy forward pass equal to the trained float64 network's, training deterministic
bit for bit and independent of the CPU's kernels (exact matrix products), and the committed
CRF + network pair finding names the knowledge base and the CRF alone miss."""

import numpy as np
import pytest

from pipeline.extract.entities.features import FeatureExtractor, Lexicon
from pipeline.extract.entities.neural import (
    CNN_PATH, EMB_PATH, CnnWeights, InputEncoder, WordVectors, ngram_hashes)

SENTS = [
    (["قال", "جوزيه", "مورينيو", "مدرب", "نادي", "ريال", "مدريد", "امس", "."],
     ["O", "B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "I-ORG", "O", "O"]),
    (["وصل", "الرئيس", "الى", "باريس", "."], ["O", "O", "O", "B-LOC", "O"]),
    (["اعلنت", "شركه", "فولكسفاغن", "عن", "ارباح"], ["O", "O", "B-ORG", "O", "O"]),
    (["التقى", "كورت", "كفيورد", "في", "اوسلو"], ["O", "B-PERSON", "I-PERSON", "O", "B-LOC"]),
]


class _Vectors:
    """A tiny stand-in for the stored vectors (deterministic per word)."""

    dim = 8
    index = {"قال": 0}

    def __getitem__(self, w):
        rng = np.random.default_rng(sum(map(ord, w)))
        return rng.standard_normal(self.dim).astype(np.float32)


def _encoder():
    fx = FeatureExtractor({"PERSON1": frozenset({"جوزيه"}), "LOC1": frozenset({"باريس"})}, Lexicon({}, {}))
    return InputEncoder(_Vectors(), fx)


def test_ngram_hashes_are_gensims():
    ft = pytest.importorskip("gensim.models.fasttext")
    for w in ["كلمة", "بنفيكا", "فولكسفاغن", "abc", "x", "ستيوا"]:
        assert ngram_hashes(w, 2, 5, 80_000) == list(ft.ft_ngram_hashes(w, 2, 5, 80_000))


@pytest.mark.skipif(not EMB_PATH.exists(), reason="no committed embeddings")
def test_unknown_word_gets_the_mean_of_its_ngrams():
    v = WordVectors()
    w = "زخرفولكسيناتوف"  # not in any vocabulary
    assert w not in v.index
    h = ngram_hashes(w, v.min_n, v.max_n, v.bucket)
    assert np.array_equal(v[w], v.ngrams[h].astype(np.float32).mean(0))
    assert np.linalg.norm(v[w]) > 0


def _train(epochs=2, seed=3):
    from pipeline.extract.entities.neural_train import train_cnn

    return train_cnn(SENTS, _encoder(), hidden=16, dilations=(1, 2), epochs=epochs, batch=2, seed=seed)


def test_training_is_deterministic():
    a, b = _train(), _train()
    keys = [k for k in a if not k.startswith("_")]
    for k in keys:
        assert np.array_equal(a[k], b[k]), k
    c = _train(seed=4)
    assert not np.array_equal(a["w_in"], c["w_in"])


def test_numpy_forward_equals_the_trained_network(tmp_path):
    from pipeline.extract.entities.neural_train import reference_log_probs, save

    arrays = _train(epochs=3)
    save(arrays, tmp_path / "cnn.npz")
    w = CnnWeights(tmp_path / "cnn.npz")
    enc = _encoder()
    xs = [enc.matrix(s) for s, _ in SENTS]
    want = reference_log_probs(arrays, xs)
    # all sentences packed together (gaps between them) give each sentence's own result
    got = w.log_probs(np.concatenate(xs), [len(x) for x in xs])
    assert np.allclose(got, np.concatenate(want), atol=1e-5)
    one = w.log_probs(xs[1], [len(xs[1])])
    assert np.allclose(one, want[1], atol=1e-5)


def test_character_cnn_forward_equals_the_trained_network(tmp_path):
    """With a character CNN (``char_dim``): the run-time path (packed sentences; the scorer that
    caches the first layer per word form) gives the float64 reference's log-probabilities, and a
    character outside the training alphabet or a word longer than ``char_len`` is handled."""
    from pipeline.extract.entities.neural import CnnScorer
    from pipeline.extract.entities.neural_train import reference_log_probs, save, train_cnn

    enc = _encoder()
    arrays = train_cnn(SENTS, enc, hidden=16, dilations=(1, 2), epochs=3, batch=2, seed=3, char_dim=6,
                       char_filters=5, char_len=6)
    assert arrays["char_w"].shape == (18, 5) and arrays["w_in"].shape[0] == enc.dim + 5
    save(arrays, tmp_path / "cnn.npz")
    w = CnnWeights(tmp_path / "cnn.npz")
    sents = [s for s, _ in SENTS] + [["قال", "زxيرفولكسيناتوف", "في", "باريس"]]
    xs = [enc.matrix(s) for s in sents]
    want = reference_log_probs(arrays, xs, sents)
    got = w.log_probs(np.concatenate(xs), [len(x) for x in xs], [t for s in sents for t in s])
    assert np.allclose(got, np.concatenate(want), atol=1e-5)
    sc = CnnScorer(w, enc, list(w.labels), 1.0)
    for _ in range(2):
        assert np.allclose(sc.log_probs(sents), np.concatenate(want), atol=1e-5)


def test_quantized_matrix_products_are_exact():
    """Operands rounded by ``quantize`` multiply exactly: the float64 product (any BLAS kernel,
    any order) equals the product of their integer mantissas, also past one block of sums."""
    from pipeline.extract.entities import neural_train as nt

    rng = np.random.default_rng(5)
    for k in (7, 300, nt._CHUNK + 5):
        a = nt.quantize(rng.standard_normal((6, k)) * 3.7)
        b = nt.quantize(rng.standard_normal((k, 5)) * 1e-3)
        sa, sb = 2.0 ** (nt.BITS - np.frexp(np.abs(a).max())[1]), 2.0 ** (nt.BITS - np.frexp(np.abs(b).max())[1])
        ia, ib = (a * sa).astype(np.int64), (b * sb).astype(np.int64)
        assert np.array_equal(ia, a * sa) and np.abs(ia).max() <= 2 ** nt.BITS
        exact = (ia.astype(object) @ ib.astype(object))  # Python integers: no rounding at all
        got = nt.mm(a, b) * (sa * sb)
        if k <= nt._CHUNK:
            assert np.array_equal(got, exact.astype(np.float64))
        else:  # two exact blocks, one correctly rounded addition
            assert np.allclose(got, exact.astype(np.float64), rtol=1e-15)
    x = -np.abs(rng.standard_normal(1000)) * 20
    assert np.allclose(nt.det_exp(x), np.exp(np.maximum(x, -50)), rtol=1e-14, atol=0)


_CPU_SCRIPT = """
import hashlib, sys
import numpy as np
sys.path.insert(0, {root!r})
from pipeline.extract.entities.neural_train import train_cnn
rng = np.random.default_rng(1)
class Enc:
    class vectors:
        dim = 48
    gaz_names = ["g1", "g2"]
    dim = 57
    rows = rng.standard_normal((500, 57)).astype(np.float32)
    def matrix(self, words):
        return self.rows[[int(w) for w in words]]
labs = ["O", "B-PERSON", "I-PERSON", "B-LOC"]
sents = [([str(i) for i in rng.integers(0, 500, n)], [labs[i] for i in rng.integers(0, 4, n)])
         for n in rng.integers(3, 60, 120)]
h = hashlib.sha256()
# also with a character CNN (its embeddings' gradient is a scatter-add) and with a BiLSTM (stream ner7)
for char_dim, rnn in ((0, 0), (8, 0), (0, 8)):
    a = train_cnn(sents, Enc(), hidden=32, epochs=2, batch=16, seed=2, char_dim=char_dim, char_filters=8, rnn=rnn)
    h.update(b"".join(a[k].tobytes() for k in sorted(a) if not k.startswith("_")))
    h.update(b"".join(x.tobytes() for x in a["_master"].arrays()))  # the float64 weights, not only float32
print(h.hexdigest())
"""


def test_training_does_not_depend_on_the_cpu_kernels():
    """The same training in subprocesses with OpenBLAS forced to its oldest SSE kernels and to its
    AVX2 kernels, and numpy's AVX2/AVX-512 loops switched off, gives the same bytes as with the
    machine's own kernels (on an AVX-512 machine: three vector widths). The float64 weights are
    compared, not only the float32 export: with ``quantize`` switched off they differ between the
    three kernels on the AVX-512 machine this was written on, so the check can fail."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from numpy._core._multiarray_umath import __cpu_features__ as feats

    root = str(Path(__file__).resolve().parents[2])
    code = _CPU_SCRIPT.format(root=root)
    off = ",".join(f for f in ("X86_V3", "X86_V4", "AVX512_ICL", "AVX512_SPR") if feats.get(f))
    runs = [{}, {"OPENBLAS_CORETYPE": "Prescott", **({"NPY_DISABLE_CPU_FEATURES": off} if off else {})}]
    if feats.get("AVX2"):
        runs.append({"OPENBLAS_CORETYPE": "Haswell"})
    out = set()
    for extra in runs:
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", **extra}
        res = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        out.add(res.stdout.strip().splitlines()[-1])
    assert len(out) == 1, out


def test_word_vector_attributes_score_as_pycrfsuite(tmp_path):
    """A CRF trained with valued word-vector attributes (window 2): the numpy decoder with
    :class:`EmbeddingScorer` gives pycrfsuite's labels and marginals."""
    import pycrfsuite

    from pipeline.extract.entities.decode import Decoder
    from pipeline.extract.entities.neural import EmbeddingScorer
    from pipeline.extract.entities.tagger import NerTagger
    from pipeline.extract.entities.training import train_crf

    vecs = _Vectors()
    vecs.vectors = np.stack([vecs[w] for s, _ in SENTS for w in s])
    emb = EmbeddingScorer(vecs, window=2)
    fx = FeatureExtractor({"PERSON1": frozenset({"جوزيه"})}, Lexicon({}, {}))
    raw = [(w, lab) for w, lab in SENTS] * 3
    path = tmp_path / "v.crfsuite"
    train_crf(raw, fx, path, {"max_iterations": 30, "c2": 0.01}, gaz_dropout=0,
              valued={i: emb.attrs(w) for i, (w, _) in enumerate(raw)})
    tagger = NerTagger(fx, path)
    dec: Decoder = tagger.decoder
    dec.cnn = EmbeddingScorer(vecs, dec.w, 2, emb.mean, emb.std)
    sents = [s for s, _ in SENTS] + [["مورينيو", "في", "باريس"]]
    labels, margs = dec.decode(sents)
    crf = pycrfsuite.Tagger()
    crf.open(str(path))
    for words, lab, marg in zip(sents, labels, margs):
        seq = [{**dict.fromkeys(f, 1.0), **v} for f, v in zip(tagger.features.sequence(words), emb.attrs(words))]
        assert lab == crf.tag(seq)
        ref = np.array([[crf.marginal(y, k) for y in dec.w.labels] for k in range(len(words))])
        assert np.allclose(marg, ref, atol=1e-5)


@pytest.mark.skipif(not CNN_PATH.exists(), reason="no committed network")
def test_committed_network_recovers_a_foreign_name_the_kb_lacks(monkeypatch):
    """Duterte is in neither the knowledge base nor the NER training data; the committed CRF + network
    sees a PERSON with confidence >= 0.6, the CRF alone does not (since the retraining with the knowledge
    base of stream ner8 it proposes the name at 0.54; before, not at all)."""
    from pipeline.extract.entities.tagger import load_tagger
    from pipeline.extract.entities.view import build_view
    from pipeline.kb.load import load_kb
    from pipeline.text.normalize import normalize_key

    assert normalize_key("دوتيرتي") not in set(load_kb().aliases["normalized"].to_list())
    view = build_view('وقال دوتيرتي "سأطلب من الخطوط الجوية نقل العمال".')
    monkeypatch.delenv("KHABAR_NER_CNN", raising=False)
    tagger = load_tagger()
    assert tagger.first.cnn is not None  # on by default
    got = [(view.c[s.a:s.b], s.entity_type) for s in tagger.tag_view(view) if s.confidence >= 0.6]
    assert ("دوتيرتي", "PERSON") in got
    assert not [s for s in load_tagger(cnn=False).tag_view(view) if s.confidence >= 0.6]
    monkeypatch.setenv("KHABAR_NER_CNN", "0")
    assert load_tagger().first.cnn is None


@pytest.mark.skipif(not CNN_PATH.exists(), reason="no committed network")
def test_committed_network_speaks_for_persons_only():
    """The committed network only says "person or not" (``types``): its ORG/LOC/O columns get one
    shared log-probability, so it cannot move the CRF between ORG, LOC and O."""
    from pipeline.extract.entities.tagger import load_tagger

    tagger = load_tagger(cnn=True)
    sc = tagger.first.cnn
    assert sc.w.types == ["PERSON"]
    e = sc.scores([["قال", "دوتيرتي", "في", "مانيلا", "."]])
    labels = tagger.first.w.labels
    rest = [labels.index(lab) for lab in ("O", "B-ORG", "I-ORG", "B-LOC", "I-LOC")]
    assert np.allclose(e[:, rest], e[:, rest[:1]])


@pytest.mark.skipif(not CNN_PATH.exists(), reason="no committed network")
def test_cached_first_layer_equals_the_reference_forward_pass(monkeypatch):
    """``CnnScorer.log_probs`` keeps the first layer's output per word form; it must give what
    ``CnnWeights.log_probs`` gives from the input rows — for repeated words, gazetteer-free
    (``plain``) positions, and after the cache is cleared when full."""
    import pipeline.extract.entities.neural as neural
    from pipeline.extract.entities.tagger import load_tagger

    sc = load_tagger(cnn=True).first.cnn
    sents = [s for s, _ in SENTS] + [["قال", "دوتيرتي", "في", "مانيلا", "قال", "."]]
    words = [w for s in sents for w in s]
    lens = [len(s) for s in sents]
    want = sc.w.log_probs(sc.encoder.matrix(words), lens)
    for _ in range(2):  # cold, then every word from the cache
        assert np.allclose(sc.log_probs(sents), want, atol=1e-5)
    plain = {0: [1, 2], 4: [3]}
    x = sc.encoder.matrix(words).copy()
    starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
    for si, ks in plain.items():
        for i in ks:
            x[starts[si] + i, sc._gaz] = 0
    assert np.allclose(sc.log_probs(sents, plain), sc.w.log_probs(x, lens), atol=1e-5)
    assert np.allclose(sc.log_probs(sents), want, atol=1e-5)  # plain rows did not enter the cache
    monkeypatch.setattr(neural, "_CACHE_MAX", 3)
    sc._row.clear()
    assert np.allclose(sc.log_probs(sents[1:2]), want[lens[0]:lens[0] + lens[1]], atol=1e-5)  # 5 new words
    assert np.allclose(sc.log_probs(sents), want, atol=1e-5)
    assert len(sc._row) <= 3
