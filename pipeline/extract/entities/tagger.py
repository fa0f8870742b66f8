"""The statistical entity tagger: a linear-chain CRF (python-crfsuite) over BIO labels of PERSON,
ORG and LOC, with the features of :mod:`.features`.

The model file ``model/ner.crfsuite`` is committed in the package and retrained by
``make train-ner`` (``scripts/train_ner.py``; its record is ``model/ner_model.json``). Nothing is
downloaded at run time.

:meth:`NerTagger.tag_view` tags a document's matching view (:mod:`.view`) sentence by sentence
(split at line breaks and ``. ! ? ؟``) and returns spans in view offsets with a confidence: the
smallest marginal probability of the span's labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from pipeline.extract.entities.features import MODEL_DIR, FeatureExtractor, build_gazetteer, load_lexicon
from pipeline.extract.entities.ner_data import spans
from pipeline.extract.entities.tokens import PIECE_RE, SENTENCE_END
from pipeline.extract.entities.view import TextView

__all__ = ["MODEL_PATH", "TagSpan", "NerTagger", "load_tagger"]

MODEL_PATH = MODEL_DIR / "ner.crfsuite"
_MAX_SENTENCE = 250  # longer token runs (lists, tables) are tagged in chunks
_CACHE_SENTENCES = 20_000


@dataclass(frozen=True)
class TagSpan:
    """One tagged entity: view offsets ``[a, b)``, type and confidence, and its piece range."""

    a: int
    b: int
    entity_type: str
    confidence: float


class NerTagger:
    """A loaded CRF model plus its feature extractor."""

    def __init__(self, features: FeatureExtractor, model_path: Path = MODEL_PATH):
        self.model_path = Path(model_path)
        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(self.model_path))
        known = frozenset(a for a, _ in self.crf.info().state_features)
        self.features = features.restricted(known)
        self._sentences: dict[tuple[str, ...], list] = {}  # repeated lines (bylines, footers) are tagged once

    def tag_words(self, words: list[str]) -> list[str]:
        """BIO labels of one sentence of normalized pieces."""
        if not words:
            return []
        return self.crf.tag(self.features.sequence(words))

    def tag_document(self, sentences: list[list[str]], probes: list[list[int]] | None = None
                     ) -> list[list[tuple[int, int, str, float]]]:
        """Spans ``(start, end, type, confidence)`` per sentence of one document, with the
        document-level pass (:func:`propagate`). ``probes[i]`` lists token positions of sentence ``i``
        whose probability of being inside a name is wanted, judged from the word and its context
        without the gazetteer flags of those tokens; they are stored in :attr:`probed` as
        ``(sentence, position) -> probability``."""
        found = []
        self.probed: dict[tuple[int, int], float] = {}
        cache = self._sentences
        for si, words in enumerate(sentences):
            if not words or not any(len(w) > 1 or w.isalpha() for w in words):
                found.append([])
                continue
            probe = probes[si] if probes else None
            key = tuple(words)
            sp = cache.get(key) if not probe else None
            if sp is None:
                labels = self.crf.tag(self.features.sequence(words))
                sp = []
                for s, e, typ in sorted(spans(labels)):
                    conf = min(self.crf.marginal(labels[k], k) for k in range(s, e))
                    sp.append((s, e, typ, round(conf, 3)))
                if len(cache) >= _CACHE_SENTENCES:
                    cache.clear()
                cache[key] = sp
            found.append(list(sp))
            if probe:  # judged again without the gazetteer's say-so on those tokens
                self.crf.tag(self.features.sequence(words, probes[si]))
                for k in probes[si]:
                    self.probed[(si, k)] = round(1.0 - self.crf.marginal("O", k), 3)
        return propagate(sentences, found, self.features.lex.rank)

    def tag_view(self, view: TextView, probes: frozenset[int] = frozenset()) -> list[TagSpan]:
        """Entity spans of a whole document view. ``probes``: view offsets of token starts whose
        probability of being inside a name is wanted (read :attr:`probed_view` afterwards:
        view offset -> probability)."""
        c = view.c
        sents: list[list[tuple[int, int, str]]] = []
        sent: list[tuple[int, int, str]] = []
        prev_end = 0
        for m in PIECE_RE.finditer(c):
            a, b = m.span()
            if sent and ("\n" in c[prev_end:a] or len(sent) >= _MAX_SENTENCE):
                sents.append(sent)
                sent = []
            sent.append((a, b, m.group()))
            prev_end = b
            if m.group() in SENTENCE_END:
                sents.append(sent)
                sent = []
        if sent:
            sents.append(sent)
        want = [[k for k, (a, _, _) in enumerate(s) if a in probes] for s in sents] if probes else None
        out: list[TagSpan] = []
        for sent, found in zip(sents, self.tag_document([[w for _, _, w in s] for s in sents], want)):
            out += [TagSpan(sent[s][0], sent[e - 1][1], typ, conf) for s, e, typ, conf in found]
        self.probed_view = {sents[si][k][0]: p for (si, k), p in self.probed.items()}
        return out


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


@lru_cache(maxsize=4)
def _default_features() -> FeatureExtractor:
    from pipeline.kb.load import load_kb

    kb = load_kb()
    types = dict(kb.entities.select("entity_id", "entity_type").iter_rows())
    return FeatureExtractor(build_gazetteer(kb.aliases, types), load_lexicon())


def load_tagger(aliases=None, entity_types: dict[str, str] | None = None,
                model_path: Path = MODEL_PATH) -> NerTagger:
    """The committed tagger, with gazetteer features from ``aliases`` (default: the loaded KB)."""
    if aliases is None:
        return NerTagger(_default_features(), model_path)
    return NerTagger(FeatureExtractor(build_gazetteer(aliases, entity_types or {}), load_lexicon()), model_path)
