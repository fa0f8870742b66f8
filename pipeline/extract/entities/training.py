"""Training the entity tagger's CRF (used by ``scripts/train_ner.py``; ``make train-ner``).

Deterministic: sentences are appended in file order, gazetteer dropout takes every ``n``-th
sentence (no random sampling), and CRFsuite's L-BFGS has no random state.
"""

from __future__ import annotations

from pathlib import Path

import pycrfsuite

from pipeline.extract.entities.features import FeatureExtractor
from pipeline.extract.entities.ner_data import Sentence, to_pieces

__all__ = ["DEFAULT_PARAMS", "train_crf"]

DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True,
                  "feature.minfreq": 1}


def train_crf(sentences: list[Sentence], features: FeatureExtractor, model_path: Path,
              params: dict | None = None, gaz_dropout: int = 2) -> int:
    """Train on raw-token ``sentences`` and write ``model_path``; every ``gaz_dropout``-th sentence
    (0: none) is trained without gazetteer flags so the model also learns names from context.
    Returns the number of training tokens."""
    plain = FeatureExtractor({}, features.lex, features.options)
    trainer = pycrfsuite.Trainer(verbose=False)
    n_tok = 0
    for i, sent in enumerate(sentences):
        words, labels = to_pieces(sent)
        if not words:
            continue
        fx = plain if gaz_dropout and i % gaz_dropout == 0 else features
        trainer.append(fx.sequence(words), labels)
        n_tok += len(words)
    trainer.set_params({**DEFAULT_PARAMS, **(params or {})})
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return n_tok
