"""The annotated NER data in ``../shared/corpus/ner/`` (never copied into the project): reading,
label mapping, the tagger's tokenization, and the train / dev split.

Files hold one ``token TAG`` per line and a blank line between sentences. Labels are mapped to the
tagger's types (``PERS`` → ``PERSON``, ``MISC`` → ``O``). Each token is folded with
:func:`normalize_key` and split into word / punctuation pieces (:func:`.tokens.pieces`) the way the
run-time view is; the first piece keeps the token's label and the others continue the entity.
The dev set is the last tenth of the sentences of ``anercorp/train.txt``, never used for training.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.entities.tokens import pieces
from pipeline.text.normalize import normalize_key

__all__ = ["NER_DIR", "shared_dir", "read_bio", "map_label", "to_pieces", "labelled_pieces", "spans", "split_anercorp",
           "training_sentences", "entity_names", "fold_of"]



def shared_dir() -> Path:
    """``$KHABAR_SHARED``, else the first ``shared/`` beside the repository or one of its parents
    (``../shared`` of a checkout, ``../../shared`` of a worktree under ``wt/``)."""
    import os

    env = os.environ.get("KHABAR_SHARED")
    if env:
        return Path(env)
    root = Path(__file__).resolve().parents[3]
    for base in (root.parent, *root.parent.parents):
        if (base / "shared" / "corpus").is_dir():
            return base / "shared"
    return root.parent / "shared"


NER_DIR = shared_dir() / "corpus" / "ner"
_TYPES = {"PERS": "PERSON", "PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC"}

Sentence = tuple[list[str], list[str]]


def map_label(tag: str) -> str:
    """``B-PERS`` → ``B-PERSON``; ``*-MISC`` and unknown types → ``O``."""
    if tag == "O" or "-" not in tag:
        return "O"
    bio, typ = tag.split("-", 1)
    t = _TYPES.get(typ)
    return f"{bio}-{t}" if t and bio in ("B", "I") else "O"


def read_bio(path: Path) -> list[Sentence]:
    """Sentences ``(tokens, mapped labels)`` of a ``token TAG`` file."""
    out: list[Sentence] = []
    toks: list[str] = []
    labs: list[str] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            if toks:
                out.append((toks, labs))
                toks, labs = [], []
            continue
        tok, _, tag = line.rpartition(" ")
        if not tok:
            continue
        toks.append(tok)
        labs.append(map_label(tag))
    if toks:
        out.append((toks, labs))
    return out


def to_pieces(sentence: Sentence) -> Sentence:
    """The sentence in the tagger's normalized pieces, labels carried over (BIO kept valid)."""
    words: list[str] = []
    labels: list[str] = []
    for tok, lab in zip(*sentence):
        ps = pieces(normalize_key(tok))
        for k, p in enumerate(ps):
            words.append(p)
            labels.append(lab if k == 0 or lab == "O" else "I-" + lab[2:])
    for i, lab in enumerate(labels):  # an I- with nothing of its type before it starts an entity
        if lab.startswith("I-") and (i == 0 or labels[i - 1][2:] != lab[2:]):
            labels[i] = "B-" + lab[2:]
    return words, labels


def labelled_pieces(sentences: list[Sentence]):
    """``(words, labels)`` in the tagger's pieces for each raw-token sentence that has any (the one
    reading loop shared by training, scoring and the lexicon scripts)."""
    for sent in sentences:
        words, labels = to_pieces(sent)
        if words:
            yield words, labels


def entity_names(sentences: list[Sentence]) -> dict[str, set[tuple[str, ...]]]:
    """The annotated names of ``sentences`` per type: ``{"PERSON": {("جورج", "بوش"), ...}, ...}``
    (normalized pieces; one-letter names and digits left out)."""
    out: dict[str, set[tuple[str, ...]]] = {}
    for words, labels in labelled_pieces(sentences):
        for s, e, typ in spans(labels):
            key = tuple(words[s:e])
            if len("".join(key)) >= 2 and not all(w.isdigit() or not w.isalnum() for w in key):
                out.setdefault(typ, set()).add(key)
    return out


def fold_of(i: int, n: int, k: int) -> int:
    """The fold (``0..k-1``) of sentence ``i`` of ``n`` split into ``k`` contiguous blocks (runs of
    sentences of one article stay in one fold, so a fold's names are new to the other folds the
    way an unseen article's are)."""
    return i * k // n


def cv_splits(train: list, folds: int) -> list[tuple[list, list]]:
    """Cross-validation splits of the train part, as the CV scripts use them: ``folds`` > 1 gives that many
    contiguous folds (:func:`fold_of`), each scored by a model of the others; 1 gives one split, the train part
    minus its last ninth, scored on that ninth."""
    if folds > 1:
        return [([s for i, s in enumerate(train) if fold_of(i, len(train), folds) != j],
                 [s for i, s in enumerate(train) if fold_of(i, len(train), folds) == j]) for j in range(folds)]
    cut = len(train) - len(train) // 9
    return [(train[:cut], train[cut:])]


def spans(labels: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` of a BIO label sequence (an orphan ``I-`` starts one)."""
    out = set()
    start, typ = None, None
    for i, lab in enumerate(list(labels) + ["O"]):
        if lab.startswith("I-") and typ == lab[2:]:
            continue
        if typ is not None:
            out.add((start, i, typ))
            start, typ = None, None
        if lab != "O":
            start, typ = i, lab[2:]
    return out


def split_anercorp(ner_dir: Path | None = None, dev_fraction: float = 0.1) -> tuple[list[Sentence], list[Sentence]]:
    """``(train, dev)``: ANERcorp train part without its last tenth, and that last tenth."""
    sents = read_bio(Path(ner_dir or NER_DIR) / "anercorp" / "train.txt")
    cut = len(sents) - int(round(len(sents) * dev_fraction))
    return sents[:cut], sents[cut:]


def training_sentences(ner_dir: Path | None = None) -> list[Sentence]:
    """Training sentences (raw tokens): ANERcorp minus dev, then AQMAR."""
    d = Path(ner_dir or NER_DIR)
    train, _ = split_anercorp(d)
    return train + read_bio(d / "aqmar" / "aqmar.txt")
