"""The statistical entity tagger: a linear-chain CRF (python-crfsuite) over BIO labels of PERSON,
ORG and LOC, with the features of :mod:`.features`.

The model file ``model/ner.crfsuite`` is committed in the package and retrained by
``make train-ner`` (``scripts/train_ner.py``; its record is ``model/ner_model.json``). Nothing is
downloaded at run time. Tagging runs in numpy (:mod:`.decode`), with pycrfsuite's labels and
probabilities; :meth:`NerTagger.tag_views` decodes several documents together.

:meth:`NerTagger.tag_view` tags a document's matching view (:mod:`.view`) sentence by sentence
(split at line breaks and ``. ! ? ؟``) and returns spans in view offsets with a confidence: the
smallest marginal probability of the span's labels.

Opt-in second pass (``KHABAR_NER_SECOND_PASS=1`` or ``load_tagger(second_pass=True)``): the model
``model/ner_second.crfsuite`` re-tags, with document-level attributes (:mod:`.stacking`), the
sentences where what the first pass found elsewhere in the document may change them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from pathlib import Path

import numpy as np
import pycrfsuite

from pipeline.extract.entities.blas import single_threaded_blas
from pipeline.extract.entities.boundaries import NameWords, adjust_person_spans
from pipeline.extract.entities.decode import CrfWeights, Decoder
from pipeline.extract.entities.features import (
    MODEL_DIR, FeatureExtractor, build_gazetteer, load_lexicon, load_names, name_gazetteer, with_option_sets)
from pipeline.extract.entities.ner_data import spans
from pipeline.extract.entities.neural import CNN_PATH, attach
from pipeline.extract.entities.stacking import doc_attrs, type_columns
from pipeline.extract.entities.tokens import PIECE_RE, SENTENCE_END
from pipeline.extract.entities.view import TextView

__all__ = ["MODEL_PATH", "SECOND_PATH", "TagSpan", "NerTagger", "load_tagger", "second_pass_default", "cnn_default"]

MODEL_PATH = MODEL_DIR / "ner.crfsuite"
#: the second-pass model (document-level attributes, :mod:`.stacking`); opt-in, see :func:`load_tagger`
SECOND_PATH = MODEL_DIR / "ner_second.crfsuite"
#: the first-pass model beside a model with document-level attributes (``make train-ner``)
FIRST_NAME = "ner.crfsuite"
_MAX_SENTENCE = 250  # longer token runs (lists, tables) are tagged in chunks
_BATCH_TOKENS = 20_000  # documents tagged together are decoded in batches of about this many tokens
_PIECE_NL_RE = re.compile(PIECE_RE.pattern + "|\n")  # the tagger's pieces, and line breaks
_PIECE_NL_SPLIT_RE = re.compile(f"({_PIECE_NL_RE.pattern})")


@dataclass(frozen=True)
class TagSpan:
    """One tagged entity: view offsets ``[a, b)``, type and confidence, and its piece range."""

    a: int
    b: int
    entity_type: str
    confidence: float


class NerTagger:
    """A loaded CRF model plus its feature extractor. Training and the model file are CRFsuite's;
    tagging runs in numpy (:mod:`.decode`) with the same labels and probabilities."""

    def __init__(self, features: FeatureExtractor, model_path: Path = MODEL_PATH, first_path: Path | None = None,
                 cnn_path: Path | None = None):
        single_threaded_blas()  # small numpy products per document: BLAS threads only spin (.blas)
        self.model_path = Path(model_path)
        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(self.model_path))
        weights = CrfWeights.load(self.crf, self.model_path)
        self.features = features.restricted(frozenset(weights.rows))
        self.decoder = Decoder(weights, self.features)
        self._label_id = {lab: i for i, lab in enumerate(weights.labels)}
        # second pass with document-level attributes (:mod:`.stacking`) when the model knows them;
        # the first pass is ``first_path``'s model, else this one without those attributes
        self.stacked = any(a.startswith(("dPERSON", "dORG", "dLOC")) for a in weights.rows)
        self._ordinary = "dO" in weights.rows
        self._low = 0.3 if any(a.startswith(("dPERSON3", "dORG3", "dLOC3")) for a in weights.rows) else 0.5
        self.first = self.decoder
        if first_path is None and self.stacked and (self.model_path.parent / FIRST_NAME).exists():
            first_path = self.model_path.parent / FIRST_NAME
        self.first_path = first_path
        if first_path is not None:
            crf0 = pycrfsuite.Tagger()
            crf0.open(str(first_path))
            w0 = CrfWeights.load(crf0, first_path)
            self.first = Decoder(w0, features.restricted(frozenset(w0.rows)))
        # word-vector attributes of the CRFs trained with them, and the neural network (:mod:`.neural`)
        # added to the (first-pass) CRF's emission scores
        self.cnn_path = Path(cnn_path) if cnn_path is not None else None
        attach(self.first, features, self.cnn_path)
        if self.decoder is not self.first:
            attach(self.decoder, features, None)
        self._cols = type_columns(weights.labels)
        # the first-pass model's marginal columns in this model's label order
        self._perm = [self.first.w.labels.index(lab) for lab in weights.labels]
        self.gate = os.environ.get("KHABAR_NER_GATE", "1") != "0"
        #: the document pass also spreads the last word of a person's full name (:func:`propagate`)
        self.surnames = surnames_default()
        gz = features.gazetteer
        self._not_surnames = frozenset().union(*(gz.get(k, ()) for k in ("NAT", "TTL", "STP", "RV")))
        #: where persons' names start (:mod:`.boundaries`), unless ``KHABAR_NER_BOUNDARIES=0``
        self.name_words = NameWords.from_gazetteer(gz, features.lex.rank) if boundaries_default() else None

    def tag_words(self, words: list[str]) -> list[str]:
        """BIO labels of one sentence of normalized pieces."""
        if not words:
            return []
        return self._decode([[words]], [words])[0][0]

    def tag_document(self, sentences: list[list[str]], probes: list[list[int]] | None = None
                     ) -> list[list[tuple[int, int, str, float]]]:
        """Spans ``(start, end, type, confidence)`` per sentence of one document, with the
        document-level pass (:func:`propagate`). The confidence of a span is the smallest marginal
        probability of its labels. ``probes[i]`` lists token positions of sentence ``i``
        whose probability of being inside a name is wanted, judged from the word and its context
        without the gazetteer flags of those tokens; they are stored in :attr:`probed` as
        ``(sentence, position) -> probability``."""
        found, self.probed = self.tag_documents([sentences], [probes])[0]
        return found

    def tag_documents(self, docs: list[list[list[str]]], probes: list[list[list[int]] | None]
                      ) -> list[tuple[list[list[tuple[int, int, str, float]]], dict[tuple[int, int], float]]]:
        """:meth:`tag_document` for several documents decoded together (the numpy loops then run
        once for the batch instead of once per document): per document, its spans per sentence
        and its probed probabilities."""
        out = []
        batch: list[int] = []
        size = 0
        for d, sents in enumerate(docs):
            batch.append(d)
            size += sum(len(s) for s in sents)
            if size >= _BATCH_TOKENS or d == len(docs) - 1:
                out += self._tag_batch([docs[i] for i in batch], [probes[i] for i in batch])
                batch, size = [], 0
        return out

    def _tag_batch(self, docs, probes):
        flat: list[list[str]] = []
        owner: list[tuple[int, int]] = []
        for d, sents in enumerate(docs):
            for si, s in enumerate(sents):
                flat.append(s if s and any(len(w) > 1 or w.isalpha() for w in s) else [])
                owner.append((d, si))
        labels, margs = self._decode(docs, flat)
        lid = self._label_id
        found: list[list[list[tuple[int, int, str, float]]]] = [[] for _ in docs]
        for (d, _), lab, marg in zip(owner, labels, margs):
            sp = []
            if lab.count("O") != len(lab):
                for s, e, typ in sorted(spans(lab)):
                    conf = min(float(marg[k, lid[lab[k]]]) for k in range(s, e))
                    sp.append((s, e, typ, round(conf, 3)))
            found[d].append(sp)
        probed: list[dict[tuple[int, int], float]] = [{} for _ in docs]
        which = [j for j, (d, si) in enumerate(owner) if probes[d] and probes[d][si] and flat[j]]
        if which:  # judged again without the gazetteer's say-so on those tokens
            plain = {k: probes[owner[j][0]][owner[j][1]] for k, j in enumerate(which)}
            _, pm = self.first.decode([flat[j] for j in which], plain, viterbi=False)
            o = self.first.o
            for k, j in enumerate(which):
                d, si = owner[j]
                for pos in plain[k]:
                    probed[d][(si, pos)] = round(1.0 - float(pm[k][pos, o]), 3)
        if self.name_words is not None:
            for d, sents in enumerate(docs):
                found[d] = [adjust_person_spans(w, sp, self.name_words) if sp else sp for w, sp in zip(sents, found[d])]
        rank = self.features.lex.rank
        sur = self.surnames
        nn = self._not_surnames
        return [(propagate(docs[d], found[d], rank, surnames=sur, not_names=nn), probed[d]) for d in range(len(docs))]

    def _decode(self, docs, flat: list[list[str]]) -> tuple[list[list[str]], list]:
        """Labels and marginals of the sentences ``flat`` (those of ``docs`` in order): one pass,
        then, for a model with document-level attributes, a second pass over the sentences that
        get any (their emission scores reused, the attributes' scores added)."""
        if not self.stacked:
            return self.decoder.decode(flat)
        dec, first = self.decoder, self.first
        labels: list[list[str]] = [[] for _ in flat]
        margs: list = [np.zeros((0, dec.n)) for _ in flat]
        keep = [j for j, s in enumerate(flat) if s]
        if not keep:
            return labels, margs
        sents = [flat[j] for j in keep]
        lens = [len(s) for s in sents]
        e = first.emissions(sents)
        lab1, m1 = first.decode_scores(e, lens)
        same = self._perm == list(range(len(self._perm)))
        for q, j in enumerate(keep):
            labels[j], margs[j] = lab1[q], (m1[q] if same else m1[q][:, self._perm])
        support: dict[tuple[int, int], list[float]] = {}
        extra = self._extra(docs, flat, margs, support)
        if self.gate:  # only where the document disagrees with the first pass on a flagged word
            extra = {j: at for j, at in extra.items() if _disagrees(labels[j], at)}
        if extra:
            offs = np.concatenate(([0], np.cumsum(lens)[:-1])).tolist()
            qs = [q for q, j in enumerate(keep) if j in extra]
            if first is dec:  # one model: its first-pass scores are reused
                e2 = np.concatenate([e[offs[q]:offs[q] + lens[q]] for q in qs])
            else:
                e2 = dec.emissions([sents[q] for q in qs])
            get, miss = dec.w.rows.get, len(dec.w.rows)
            at_tok: list[int] = []
            at_row: list[int] = []
            base = 0
            for q in qs:
                for i, attrs in extra[keep[q]].items():
                    for a in attrs:
                        at_tok.append(base + i)
                        at_row.append(get(a, miss))
                base += lens[q]
            np.add.at(e2, at_tok, dec.w.state[at_row])
            lab2, m2 = dec.decode_scores(e2, [lens[q] for q in qs])
            lid = self._label_id
            for r, q in enumerate(qs):
                j = keep[q]
                m1j = margs[j]
                for i, lab in enumerate(lab2[r]):
                    # the document makes a name no surer than the first pass made it, here or at the
                    # best of the other occurrences (a doubtful name does not confirm itself)
                    if lab != "O" and (j, i) in support:
                        k = lid[lab]
                        m2[r][i, k] = min(float(m2[r][i, k]), max(float(support[(j, i)][k]), float(m1j[i, k])))
                labels[j], margs[j] = lab2[r], m2[r]
        return labels, margs

    def _extra(self, docs, flat, margs, support=None) -> dict[int, dict[int, list[str]]]:
        """Document-level attributes (:func:`.stacking.doc_attrs`) of the sentences ``flat``;
        ``support`` receives ``(sentence, position) -> type probabilities behind the flags``."""
        extra: dict[int, dict[int, list[str]]] = {}
        k = 0
        for sents in docs:
            sup: dict | None = {} if support is not None else None
            got = doc_attrs(flat[k:k + len(sents)], margs[k:k + len(sents)], self._cols,
                            ordinary=self._ordinary, low=self._low, support=sup)
            for si, at in got.items():
                extra[k + si] = at
            if sup:
                for (si, i), v in sup.items():
                    support[(k + si, i)] = v
            k += len(sents)
        return extra

    def tag_view(self, view: TextView, probes: frozenset[int] = frozenset()) -> list[TagSpan]:
        """Entity spans of a whole document view. ``probes``: view offsets of token starts whose
        probability of being inside a name is wanted (read :attr:`probed_view` afterwards:
        view offset -> probability)."""
        out, self.probed_view = self.tag_views([view], [probes])[0]
        return out

    def tag_views(self, views: list[TextView], probes: list[frozenset[int]]
                  ) -> list[tuple[list[TagSpan], dict[int, float]]]:
        """:meth:`tag_view` of several documents decoded together: per document, its spans and
        its probed probabilities (view offset -> probability)."""
        docs = [_sentences(v.c) for v in views]
        want = []
        for (_, starts, _, bounds), pr in zip(docs, probes):
            if pr:
                want.append([[k for k in range(b - a) if starts[a + k] in pr] for a, b in bounds])
            else:
                want.append(None)
        words = [[ws[a:b] for a, b in bounds] for ws, _, _, bounds in docs]
        out = []
        for (_, starts, ends, bounds), (found, probed) in zip(docs, self.tag_documents(words, want)):
            spans_ = []
            for (a, _), fs in zip(bounds, found):
                spans_ += [TagSpan(starts[a + s], ends[a + e - 1], typ, conf) for s, e, typ, conf in fs]
            out.append((spans_, {starts[bounds[si][0] + k]: p for (si, k), p in probed.items()}))
        return out


_FLAG5 = {"d" + t + "5": t for t in ("PERSON", "ORG", "LOC")}


def _disagrees(labels: list[str], attrs: dict[int, list[str]]) -> bool:
    """Whether the second pass may change the sentence: a token flagged as a name of some type
    elsewhere in the document (``dPERSON5`` …) that the first pass did not tag with that type, or a
    first-pass name holding such a token and a token without the flag (a boundary in doubt:
    ``على عبد العظيم``, ``عبد العظيم منصب``). Elsewhere the second pass would only confirm."""
    flagged = set()
    for i, at in attrs.items():
        for a in at:
            t = _FLAG5.get(a)
            if t is not None:
                if labels[i][2:] != t:
                    return True
                flagged.add(i)
    if flagged:
        for s, e, _ in spans(labels):
            if any(i in flagged for i in range(s, e)) and not all(i in flagged for i in range(s, e)):
                return True
    return False


def _sentences(c: str) -> tuple[list[str], list[int], list[int], list[tuple[int, int]]]:
    """The tagger's sentences of a view string: the pieces (line breaks left out) as their strings,
    start and end offsets in ``c``, and each sentence's ``[start, end)`` range in them. Sentences end
    at line breaks and after ``. ! ? ؟``; runs longer than ``_MAX_SENTENCE`` pieces are cut.

    The pieces are the matches of ``_PIECE_NL_RE``, found without a Python step per match: ``re.split``
    with the pattern as one group gives ``[gap, piece, gap, …, gap]`` and the running sums of their
    lengths every piece's end and start (``tests/extract/test_tagger_sentences.py``)."""
    parts = _PIECE_NL_SPLIT_RE.split(c)
    cum = list(accumulate(map(len, parts)))
    ws, starts, ends = parts[1::2], cum[0:-1:2], cum[1::2]
    if "\n" in c:  # line breaks are not pieces: keep the others
        keep = [w != "\n" for w in ws]
        kept = list(compress(range(len(ws)), keep))
        # a line break ends the sentence before the next kept piece: the number of kept pieces
        # before each line break
        breaks = sorted({k for k, w in zip(accumulate(keep), ws) if w == "\n"})
        ws = [ws[i] for i in kept]
        starts = [starts[i] for i in kept]
        ends = [ends[i] for i in kept]
    else:
        breaks = []
    bounds: list[tuple[int, int]] = []
    start = 0
    stops = iter(breaks)
    stop = next(stops, None)
    for n, w in enumerate(ws):
        while stop is not None and stop <= n:  # line breaks before this piece
            if n > start:
                bounds.append((start, n))
                start = n
            stop = next(stops, None)
        if n - start >= _MAX_SENTENCE:
            bounds.append((start, n))
            start = n
        if w in SENTENCE_END:
            bounds.append((start, n + 1))
            start = n + 1
    if len(ws) > start:
        bounds.append((start, len(ws)))
    return ws, starts, ends, bounds


#: Proclitics a repeated name may carry (``وجوزيه``, ``لجوزيه``).
_PROCLITICS = frozenset({"وب", "ول", "وك", "فب", "فل"})
_ONE_LETTER = frozenset("وفبلك")


def boundaries_default() -> bool:
    """Whether persons' name boundaries are corrected after decoding (:mod:`.boundaries`): on unless
    ``KHABAR_NER_BOUNDARIES=0``."""
    return os.environ.get("KHABAR_NER_BOUNDARIES", "1") != "0"


def surnames_default() -> bool:
    """Whether the document pass spreads surnames (:func:`propagate`): on unless
    ``KHABAR_NER_SURNAMES=0`` (stream ner9, docs/quality.md)."""
    return os.environ.get("KHABAR_NER_SURNAMES", "1") != "0"


@lru_cache(maxsize=1)
def _ordinary() -> frozenset[str]:
    from pipeline.extract.entities.features import ordinary_words

    return ordinary_words()


def propagate(sentences: list[list[str]], found: list[list[tuple[int, int, str, float]]], rank: dict[str, int],
              min_conf: float = 0.6, common_rank: int = 3000, surnames: bool = False,
              not_names: frozenset[str] = frozenset()) -> list[list[tuple[int, int, str, float]]]:
    """Document-level consistency: a name the tagger found once (confidence >= ``min_conf``) is
    also a name where it recurs untagged in the same document, possibly behind a proclitic.
    One-word names that are frequent words (rank < ``common_rank``) are not spread. With
    ``surnames``, the last word of a person's name of two or more words is also spread alone, as a
    person (news name someone in full once, then by the surname: ``ارلين سبيكتر`` … ``سبيكتر``),
    unless it is a frequent or ordinary word (``الثاني``, ``علي``, ``الله``), one of ``not_names``
    (nationality adjectives, titles, stop words, reporting verbs: ``المصري`` of ``ابو حمزه المصري``),
    has under three letters, or the document has it as a one-word name of another type."""
    names: dict[tuple[str, ...], tuple[str, float]] = {}
    last: dict[tuple[str, ...], tuple[str, float]] = {}
    for words, sp in zip(sentences, found):
        for s, e, typ, conf in sp:
            key = tuple(words[s:e])
            if conf < min_conf or (e - s == 1 and rank.get(key[0], common_rank) < common_rank):
                continue
            if not all(len(w) > 1 for w in key):
                continue
            old = names.get(key)
            if old is None or old[1] < conf:
                names[key] = (typ, conf)
            if surnames and typ == "PERSON" and e - s >= 2:
                w = key[-1]
                if (len(w) > 2 and w.isalpha() and rank.get(w, common_rank) >= common_rank
                        and w not in _ordinary() and w not in not_names):
                    old = last.get((w,))
                    if old is None or old[1] < conf:
                        last[(w,)] = ("PERSON", conf)
    for key, val in last.items():
        names.setdefault(key, val)
    if not names:
        return found
    firsts: dict[str, list[tuple[str, ...]]] = {}
    for key in names:
        firsts.setdefault(key[0], []).append(key)
    out = []
    for words, sp in zip(sentences, found):
        taken = bytearray(len(words))
        for s, e, _, _ in sp:
            taken[s:e] = b"\x01" * (e - s)
        extra = []
        i = 0
        while i < len(words):
            if taken[i]:
                i += 1
                continue
            w = words[i]
            if w not in firsts and not (len(w) >= 4 and w[0] in _ONE_LETTER and (
                    w[1:] in firsts or (len(w) >= 5 and w[:2] in _PROCLITICS and w[2:] in firsts))):
                i += 1
                continue
            cands = [w]
            if len(w) >= 4 and w[0] in _ONE_LETTER:
                cands.append(w[1:])
                if len(w) >= 5 and w[:2] in _PROCLITICS:
                    cands.append(w[2:])
            hit = None
            for head in cands:
                if head not in firsts:
                    continue
                for key in sorted(firsts.get(head, ()), key=len, reverse=True):
                    e = i + len(key)
                    if e <= len(words) and not any(taken[i:e]) and tuple(words[i + 1:e]) == key[1:]:
                        hit = (i, e, names[key][0], round(names[key][1] * 0.9, 3))
                        break
                if hit:
                    break
            if hit:
                extra.append(hit)
                i = hit[1]
            else:
                i += 1
        out.append(sorted(sp + extra))
    return out


def feature_options(model_path: Path = MODEL_PATH) -> tuple[str, ...]:
    """The feature options the model was trained with (its record ``ner_model.json`` beside it)."""
    import json

    rec = Path(model_path).parent / "ner_model.json"
    if not rec.exists():
        return ()
    return tuple(json.loads(rec.read_text(encoding="utf-8")).get("feature_options", ()))


@lru_cache(maxsize=4)
def _default_features() -> FeatureExtractor:
    from pipeline.kb.load import load_kb

    kb = load_kb()
    types = dict(kb.entities.select("entity_id", "entity_type").iter_rows())
    return _with_model_names(FeatureExtractor(build_gazetteer(kb.aliases, types), load_lexicon(), feature_options()))


def _with_model_names(fx: FeatureExtractor, model_path: Path = MODEL_PATH) -> FeatureExtractor:
    """``fx`` plus the name gazetteers the model was trained with, if any: the training names
    (option ``names``, ``names.tsv`` beside it) and the names mined from unlabelled text (option
    ``mined``, ``mined_names.tsv`` beside it, the ``M…`` flags)."""
    fx = with_option_sets(fx)
    if "names" not in fx.options and "mined" not in fx.options:
        return fx
    gaz = dict(fx.gazetteer)
    if "names" in fx.options:
        gaz.update(name_gazetteer(load_names(Path(model_path).parent / "names.tsv")))
    if "mined" in fx.options:
        gaz.update(name_gazetteer(load_names(Path(model_path).parent / "mined_names.tsv"), "M"))
    return FeatureExtractor(gaz, fx.lex, fx.options)


def second_pass_default() -> bool:
    """Whether :func:`load_tagger` adds the second pass by default: ``KHABAR_NER_SECOND_PASS=1``.
    Off by default: it gains under one dev F1 point and costs about 14% of the entity step's speed
    (docs/quality.md)."""
    return os.environ.get("KHABAR_NER_SECOND_PASS", "0") == "1"


def cnn_default() -> bool:
    """Whether :func:`load_tagger` adds the neural network (:mod:`.neural`) to the CRF: on unless
    ``KHABAR_NER_CNN=0`` (the CRF alone, as before issue 11's neural stream)."""
    return os.environ.get("KHABAR_NER_CNN", "1") != "0"


def load_tagger(aliases=None, entity_types: dict[str, str] | None = None,
                model_path: Path = MODEL_PATH, second_pass: bool | None = None, cnn: bool | None = None) -> NerTagger:
    """The committed tagger, with gazetteer features from ``aliases`` (default: the loaded KB).
    ``second_pass`` (default :func:`second_pass_default`): tag with ``ner_second.crfsuite`` after
    ``ner.crfsuite`` (document-level attributes, :mod:`.stacking`). ``cnn`` (default
    :func:`cnn_default`): add the committed network ``ner_cnn.npz`` to the (first-pass) CRF's scores
    when the model is the committed one (``KHABAR_NER_CNN_PATH``: another network file instead, such
    as the opt-in recurrent one, ``ner_rnn.npz``)."""
    if second_pass is None:
        second_pass = second_pass_default()
    if cnn is None:
        cnn = cnn_default()
    cnn_path = CNN_PATH if cnn and Path(model_path).parent == CNN_PATH.parent and CNN_PATH.exists() else None
    if cnn_path is not None and os.environ.get("KHABAR_NER_CNN_PATH"):  # another network (an experiment's)
        cnn_path = Path(os.environ["KHABAR_NER_CNN_PATH"])
    if second_pass and Path(model_path) == MODEL_PATH and SECOND_PATH.exists():
        model_path = SECOND_PATH
    if aliases is None:
        return NerTagger(_default_features(), model_path, cnn_path=cnn_path)
    return NerTagger(_with_model_names(FeatureExtractor(build_gazetteer(aliases, entity_types or {}), load_lexicon(),
                                                        feature_options(model_path)), model_path), model_path,
                     cnn_path=cnn_path)
