"""Training the entity tagger's CRF (used by ``scripts/train_ner.py``; ``make train-ner``).

Deterministic: sentences are appended in file order, gazetteer dropout takes every ``n``-th
sentence, the name-gazetteer folds are contiguous blocks (no random sampling), and CRFsuite's
L-BFGS has no random state.
"""

from __future__ import annotations

from pathlib import Path

import pycrfsuite

from pipeline.extract.entities.features import FeatureExtractor, name_gazetteer
from pipeline.extract.entities.ner_data import Sentence, entity_names, fold_of, to_pieces

__all__ = ["DEFAULT_PARAMS", "NAME_FOLDS", "train_crf", "training_names", "jackknife_features",
           "with_names", "jackknife_doc_attrs", "first_pass_doc_attrs"]

DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True,
                  "feature.minfreq": 1}
NAME_FOLDS = 5


def _merge(a: dict[str, set], b: dict[str, set]) -> dict[str, set]:
    out = {k: set(v) for k, v in a.items()}
    for k, v in b.items():
        out.setdefault(k, set()).update(v)
    return out


def training_names(sentences: list[Sentence], extra: list[Sentence] = ()) -> dict[str, set]:
    """The name gazetteer's names: those annotated in ``sentences`` and in ``extra`` (AQMAR, used
    for its names only)."""
    return _merge(entity_names(sentences), entity_names(list(extra)))


def with_names(features: FeatureExtractor, names: dict[str, set]) -> FeatureExtractor:
    """``features`` plus the name-gazetteer sets of ``names``."""
    return FeatureExtractor({**features.gazetteer, **name_gazetteer(names)}, features.lex, features.options)


def jackknife_features(features: FeatureExtractor, sentences: list[Sentence], extra: list[Sentence] = (),
                       k: int = NAME_FOLDS) -> list[FeatureExtractor]:
    """One extractor per contiguous fold of ``sentences``: the name gazetteer of fold ``j`` holds the
    names of the other folds (and of ``extra``), never its own, so the model learns how far to
    trust the gazetteer on names it has not seen (as on new text)."""
    n = len(sentences)
    per_fold = [entity_names([s for i, s in enumerate(sentences) if fold_of(i, n, k) == j]) for j in range(k)]
    extra_names = entity_names(list(extra))
    out = []
    for j in range(k):
        names = extra_names
        for jj in range(k):
            if jj != j:
                names = _merge(names, per_fold[jj])
        out.append(with_names(features, names))
    return out


def train_crf(sentences: list[Sentence], features: FeatureExtractor | list[FeatureExtractor], model_path: Path,
              params: dict | None = None, gaz_dropout: int = 2,
              extra: dict[int, dict[int, list[str]]] | None = None,
              valued: dict[int, list[dict[str, float]]] | None = None) -> int:
    """Train on raw-token ``sentences`` and write ``model_path``; every ``gaz_dropout``-th sentence
    (0: none) is trained without gazetteer flags so the model also learns names from context.
    ``features`` may be a list of per-fold extractors (:func:`jackknife_features`): sentence ``i``
    of ``n`` uses ``features[fold_of(i, n, len(features))]``; ``extra``: sentence index -> position ->
    further attributes (the second pass's document-level ones); ``valued``: sentence index -> per
    position a dict of attributes with real values (the neural network's label probabilities,
    :mod:`.neural`), or a function of the sentence's pieces giving them (the word-vector
    attributes, built one sentence at a time). Returns the number of training tokens."""
    folds = features if isinstance(features, list) else [features]
    plain = FeatureExtractor({}, folds[0].lex, folds[0].options)
    trainer = pycrfsuite.Trainer(verbose=False)
    n_tok = 0
    n = len(sentences)
    for i, sent in enumerate(sentences):
        words, labels = to_pieces(sent)
        if not words:
            continue
        fx = plain if gaz_dropout and i % gaz_dropout == 0 else folds[fold_of(i, n, len(folds))]
        seq = fx.sequence(words)
        if extra and i in extra:
            for k, at in extra[i].items():
                seq[k] = seq[k] + at
        vals = valued(words) if callable(valued) else valued.get(i) if valued else None
        if vals:
            seq = [{**dict.fromkeys(f, 1.0), **v} for f, v in zip(seq, vals)]
        trainer.append(seq, labels)
        n_tok += len(words)
    trainer.set_params({**DEFAULT_PARAMS, **(params or {})})
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return n_tok


def first_pass_doc_attrs(decoder, sentences: list[Sentence], block: int, ordinary: bool = True,
                         low: float = 0.5) -> dict[int, dict[int, list[str]]]:
    """Second-pass attributes of raw-token ``sentences`` (runs of ``block`` sentences as documents)
    from the first-pass ``decoder``'s marginals: sentence index -> position -> attributes."""
    from pipeline.extract.entities.stacking import doc_attrs, type_columns

    cols = type_columns(decoder.w.labels)
    words = [to_pieces(s)[0] for s in sentences]
    out: dict[int, dict[int, list[str]]] = {}
    for k in range(0, len(words), block):
        doc = words[k:k + block]
        _, margs = decoder.decode(doc, viterbi=False)
        for si, at in doc_attrs(doc, margs, cols, ordinary=ordinary, low=low).items():
            out[k + si] = at
    return out


def jackknife_doc_attrs(sentences: list[Sentence], features: FeatureExtractor, workdir: Path,
                        params: dict | None = None, k: int = NAME_FOLDS, block: int = 20,
                        ordinary: bool = True, low: float = 0.5) -> dict[int, dict[int, list[str]]]:
    """Second-pass attributes of the training ``sentences``: each of ``k`` contiguous folds is tagged by a
    first-pass model trained on the other folds (so the attributes are as noisy as on new text)."""
    from pipeline.extract.entities.decode import CrfWeights, Decoder

    n = len(sentences)
    out: dict[int, dict[int, list[str]]] = {}
    for j in range(k):
        idx = [i for i in range(n) if fold_of(i, n, k) == j]
        rest = [s for i, s in enumerate(sentences) if fold_of(i, n, k) != j]
        path = Path(workdir) / f"fold{j}.crfsuite"
        train_crf(rest, features, path, params, gaz_dropout=0)
        crf = pycrfsuite.Tagger()
        crf.open(str(path))
        w = CrfWeights(crf)
        dec = Decoder(w, features.restricted(frozenset(w.rows)))
        # blocks counted from the start of the whole list, so documents match the final grouping
        first = idx[0]
        lo = first - first % block
        sub = sentences[lo:idx[-1] + 1]
        got = first_pass_doc_attrs(dec, sub, block, ordinary, low)
        for si, at in got.items():
            if lo + si >= first:
                out[lo + si] = at
    return out
