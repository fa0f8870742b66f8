"""Document-level features of the tagger's second pass ("stacked" CRF).

A first pass tags every sentence of a document; for each token, the probabilities of its type
(the sum of the ``B-``/``I-`` marginals) are pooled by word form. The second pass sees, for each
token, what the first pass thought of the *same word elsewhere in the document* (never of the
token itself): ``dPERSON5`` — some other occurrence is a PERSON with probability >= 0.5,
``dPERSON9`` — >= 0.9, likewise for ORG and LOC; ``dO`` — it occurs elsewhere and is never
more than 0.1 likely a name there. A word behind a one-letter proclitic (``وكورت``) also looks up
its bare form (``كورت``). The token's neighbours' flags are lent as ``-1:``/``+1:``.

Training data for the second pass comes from a jackknifed first pass (:func:`jackknife_doc_attrs`),
so the flags are as noisy as they are on new text.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate, chain

import numpy as np

__all__ = ["TYPES", "DOC_BLOCK", "doc_attrs", "type_columns"]

TYPES = ("PERSON", "ORG", "LOC")
DOC_BLOCK = 20  # ANERcorp has no document boundaries: runs of this many sentences stand for one
_ONE = frozenset("وفبلك")


def type_columns(labels: list[str]) -> list[list[int]]:
    """Per type of :data:`TYPES`, the label columns (``B-T``, ``I-T``) of a model's labels."""
    return [[i for i, lab in enumerate(labels) if lab[2:] == t] for t in TYPES]


def doc_attrs(sentences: list[list[str]], margs: list[np.ndarray], cols: list[list[int]],
              neighbours: bool = True, ordinary: bool = True, low: float = 0.5,
              support: dict[tuple[int, int], list[float]] | None = None) -> dict[int, dict[int, list[str]]]:
    """Second-pass attributes of one document: sentence -> position -> attribute list (tokens
    without any left out). ``margs[i]``: first-pass marginals ``(len, labels)`` of sentence ``i``.
    ``ordinary``: also the ``dO`` flag; ``low`` < 0.5: also ``dPERSON3`` … (probability >= ``low``).
    ``support``, when given, receives ``(sentence, position) -> label probabilities``: the best
    first-pass marginal of each label over the other occurrences behind a flagged token's flags."""
    idx = [si for si, (w, m) in enumerate(zip(sentences, margs)) if len(w) and m.shape[0] == len(w)]
    if not idx:
        return {}
    words = list(chain.from_iterable(sentences[si] for si in idx))
    starts = list(accumulate((len(sentences[si]) for si in idx), initial=0))
    m = np.concatenate([margs[si] for si in idx])
    sel = np.zeros((m.shape[1], len(cols)))
    for t, c in enumerate(cols):
        sel[c, t] = 1.0
    tp = m @ sel  # (tokens, types): probability of each type
    if ordinary:  # every recurring word can give a flag (dO)
        hot = {w for w in words if len(w) > 1 and w.isalpha()}
    else:  # only words some occurrence of which is likely a name
        hot = {words[k] for k in np.flatnonzero(tp.max(1) >= min(low, 0.5)).tolist()}
        hot = {w for w in hot if len(w) > 1 and w.isalpha()}
    if not hot:
        return {}
    cand = hot | {c + h for h in hot for c in _ONE if len(h) >= 3}
    ks = [k for k, w in enumerate(words) if w in cand]
    occ: dict[str, list[int]] = {}
    for k in ks:
        w = words[k]
        if w in hot:
            occ.setdefault(w, []).append(k)
    out: dict[int, dict[int, list[str]]] = {}
    for k in ks:
        w = words[k]
        these = occ.get(w)
        if len(w) >= 4 and w[0] in _ONE and w[1:] in occ:
            these = (these or []) + occ[w[1:]]
        if not these:
            continue
        others = [j for j in these if j != k]
        if not others:
            continue
        best = tp[others].max(0).tolist()
        at = []
        for t, v in zip(TYPES, best):
            if v >= low and low < 0.5:
                at.append("d" + t + "3")
            if v >= 0.5:
                at.append("d" + t + "5")
                if v >= 0.9:
                    at.append("d" + t + "9")
        if ordinary and not at and max(best) <= 0.1:
            at.append("dO")
        if at:
            r = bisect_right(starts, k) - 1
            out.setdefault(idx[r], {}).setdefault(k - starts[r], []).extend(at)
            if support is not None:
                support[(idx[r], k - starts[r])] = m[others].max(0)
    if neighbours and out:
        for si, own in list(out.items()):
            n = len(sentences[si])
            lent: dict[int, list[str]] = {i: list(v) for i, v in own.items()}
            for i, at in own.items():
                if i > 0:
                    lent.setdefault(i - 1, []).extend("+1:" + a for a in at if a != "dO")
                if i + 1 < n:
                    lent.setdefault(i + 1, []).extend("-1:" + a for a in at if a != "dO")
            out[si] = {i: v for i, v in lent.items() if v}
    return {si: v for si, v in out.items() if v}
