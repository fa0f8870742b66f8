"""The statistical entity tagger: a linear-chain CRF (python-crfsuite) over BIO labels of PERSON,
ORG and LOC, with the features of :mod:`.features`.

The model file ``model/ner.crfsuite`` is committed in the package and retrained by
``make train-ner`` (``scripts/train_ner.py``; its record is ``model/ner_model.json``). Nothing is
downloaded at run time. Tagging runs in numpy (:mod:`.decode`), with pycrfsuite's labels and
probabilities; :meth:`NerTagger.tag_views` decodes several documents together.

:meth:`NerTagger.tag_view` tags a document's matching view (:mod:`.view`) sentence by sentence
(split at line breaks and ``. ! ? ؟``) and returns spans in view offsets with a confidence: the
smallest marginal probability of the span's labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from pipeline.extract.entities.decode import CrfWeights, Decoder
from pipeline.extract.entities.features import MODEL_DIR, FeatureExtractor, build_gazetteer, load_lexicon
from pipeline.extract.entities.ner_data import spans
from pipeline.extract.entities.tokens import PIECE_RE, SENTENCE_END
from pipeline.extract.entities.view import TextView

__all__ = ["MODEL_PATH", "TagSpan", "NerTagger", "load_tagger"]

MODEL_PATH = MODEL_DIR / "ner.crfsuite"
_MAX_SENTENCE = 250  # longer token runs (lists, tables) are tagged in chunks
_BATCH_TOKENS = 20_000  # documents tagged together are decoded in batches of about this many tokens
_PIECE_NL_RE = re.compile(PIECE_RE.pattern + "|\n")  # the tagger's pieces, and line breaks


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

    def __init__(self, features: FeatureExtractor, model_path: Path = MODEL_PATH):
        self.model_path = Path(model_path)
        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(self.model_path))
        weights = CrfWeights(self.crf)
        self.features = features.restricted(frozenset(weights.rows))
        self.decoder = Decoder(weights, self.features)
        self._label_id = {lab: i for i, lab in enumerate(weights.labels)}

    def tag_words(self, words: list[str]) -> list[str]:
        """BIO labels of one sentence of normalized pieces."""
        if not words:
            return []
        return self.decoder.decode([words])[0][0]

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
        labels, margs = self.decoder.decode(flat)
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
            _, pm = self.decoder.decode([flat[j] for j in which], plain, viterbi=False)
            o = self.decoder.o
            for k, j in enumerate(which):
                d, si = owner[j]
                for pos in plain[k]:
                    probed[d][(si, pos)] = round(1.0 - float(pm[k][pos, o]), 3)
        rank = self.features.lex.rank
        return [(propagate(docs[d], found[d], rank), probed[d]) for d in range(len(docs))]

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
        for (ms, bounds), pr in zip(docs, probes):
            if pr:
                want.append([[k for k in range(b - a) if ms[a + k].start() in pr] for a, b in bounds])
            else:
                want.append(None)
        words = []
        for ms, bounds in docs:
            ws = [m.group() for m in ms]
            words.append([ws[a:b] for a, b in bounds])
        out = []
        for (ms, bounds), (found, probed) in zip(docs, self.tag_documents(words, want)):
            spans_ = []
            for (a, _), fs in zip(bounds, found):
                spans_ += [TagSpan(ms[a + s].start(), ms[a + e - 1].end(), typ, conf) for s, e, typ, conf in fs]
            out.append((spans_, {ms[bounds[si][0] + k].start(): p for (si, k), p in probed.items()}))
        return out


def _sentences(c: str) -> tuple[list, list[tuple[int, int]]]:
    """The tagger's sentences of a view string: the piece matches (line breaks left out) and
    each sentence's ``[start, end)`` range in them. Sentences end at line breaks and after
    ``. ! ? ؟``; runs longer than ``_MAX_SENTENCE`` pieces are cut."""
    ms = [m for m in _PIECE_NL_RE.finditer(c)]
    ws = [m.group() for m in ms]
    pieces: list = []
    bounds: list[tuple[int, int]] = []
    start = 0
    for m, w in zip(ms, ws):
        n = len(pieces)
        if w == "\n":  # a line break ends a sentence
            if n > start:
                bounds.append((start, n))
                start = n
            continue
        if n - start >= _MAX_SENTENCE:
            bounds.append((start, n))
            start = n
        pieces.append(m)
        if w in SENTENCE_END:
            bounds.append((start, n + 1))
            start = n + 1
    if len(pieces) > start:
        bounds.append((start, len(pieces)))
    return pieces, bounds


#: Proclitics a repeated name may carry (``وجوزيه``, ``لجوزيه``).
_PROCLITICS = frozenset({"وب", "ول", "وك", "فب", "فل"})
_ONE_LETTER = frozenset("وفبلك")


def propagate(sentences: list[list[str]], found: list[list[tuple[int, int, str, float]]], rank: dict[str, int],
              min_conf: float = 0.6, common_rank: int = 3000) -> list[list[tuple[int, int, str, float]]]:
    """Document-level consistency: a name the tagger found once (confidence >= ``min_conf``) is
    also a name where it recurs untagged in the same document, possibly behind a proclitic.
    One-word names that are frequent words (rank < ``common_rank``) are not spread."""
    names: dict[tuple[str, ...], tuple[str, float]] = {}
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
    return FeatureExtractor(build_gazetteer(kb.aliases, types), load_lexicon(), feature_options())


def load_tagger(aliases=None, entity_types: dict[str, str] | None = None,
                model_path: Path = MODEL_PATH) -> NerTagger:
    """The committed tagger, with gazetteer features from ``aliases`` (default: the loaded KB)."""
    if aliases is None:
        return NerTagger(_default_features(), model_path)
    return NerTagger(FeatureExtractor(build_gazetteer(aliases, entity_types or {}), load_lexicon(),
                                      feature_options(model_path)), model_path)
