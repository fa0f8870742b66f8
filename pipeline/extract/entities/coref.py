"""Within-document short forms: a surname alone links to the person introduced in full.

A *full mention* is a PERSON mention of two or more tokens (dictionary, fuzzy or
discovered). Its *short keys* are the last token of the mention and, for KB entities, the last
token of every multi-token Arabic alias (``لويد أوستن`` → ``اوستن``). A later (or earlier)
free token equal to a short key — possibly behind a proclitic, with the ``لل`` elision for
``ال`` surnames — becomes a ``coref`` mention of that person. When two introduced people
share the short key the nearest preceding one wins with lower confidence.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.extract.entities.matcher import PROCLITICS

__all__ = ["short_key_match", "resolve_short_forms"]

_ELIDING = ("ل", "ول", "فل")


def short_key_match(tok: str, key: str) -> int | None:
    """Offset inside ``tok`` where surname ``key`` starts (after proclitics), or None."""
    if tok == key:
        return 0
    for p in PROCLITICS:
        if tok.startswith(p):
            rest = tok[len(p):]
            if rest == key:
                return len(p)
            if p in _ELIDING and key.startswith("ال") and rest == "ل" + key[2:]:
                return len(p) + 1
    return None


def resolve_short_forms(full: list[tuple[int, str | None, str, set[str]]], tokens: list[tuple[int, int]],
                        keys: list[str], free: list[bool], blocked: frozenset[str],
                        weak: frozenset[str]) -> list[tuple[int, int, int, float]]:
    """Coreferent short forms among free tokens.

    ``full``: ``(view_start, entity_id|None, normalized_name, short_keys)`` of full mentions.
    ``keys[t]``/``free[t]``: token text and whether token ``t`` is unclaimed. ``blocked``: short
    keys never used (stop words); ``weak``: keys that are also given names (lower confidence).
    Returns ``(token_index, offset_in_token, full_index, confidence)``.
    """
    if not full:
        return []
    index: dict[str, list[int]] = {}
    for fi, (_, _, _, shorts) in enumerate(full):
        for k in shorts:
            if len(k) >= 3 and k not in blocked:
                index.setdefault(k, []).append(fi)
    order = {k: i for i, k in enumerate(index)}
    out = []
    first_chars = {k[0] for k in index} | {k[2] for k in index if k.startswith("ال") and len(k) > 2}
    for t, ((a, _), tok) in enumerate(zip(tokens, keys)):
        if not free[t] or len(tok) < 3:
            continue
        if first_chars.isdisjoint(tok[:4]):  # no short key can start in its first four letters
            continue
        # the keys this token can carry (itself, behind a proclitic, elided ال) looked up in the
        # index, the first in index order winning — as a scan of every key with short_key_match
        # would, in time independent of how many people the document introduces
        hits = [(order[k], k, off) for k, off in _forms(tok) if k in index]
        if hits:
            _, k, off = min(hits)
            fis = index[k]
            before = [fi for fi in fis if full[fi][0] < a]
            pool = before or fis
            ids = {full[fi][1] or full[fi][2] for fi in fis}
            fi = max(pool, key=lambda x: full[x][0]) if before else min(pool, key=lambda x: full[x][0])
            conf = 0.9 if before else 0.75
            if len(ids) > 1:
                conf = 0.6
            if k in weak:
                conf -= 0.15
            out.append((t, off, fi, round(conf, 3)))
    return out


@lru_cache(maxsize=100_000)
def _forms(tok: str) -> tuple[tuple[str, int], ...]:
    """Every ``(key, offset)`` with ``short_key_match(tok, key) == offset`` (kept per word form:
    asked for nearly every token of every document)."""
    forms = [(tok, 0)]
    for p in PROCLITICS:
        if tok.startswith(p):
            rest = tok[len(p):]
            forms.append((rest, len(p)))
            if p in _ELIDING and rest.startswith("ل"):
                forms.append(("ال" + rest[1:], len(p) + 1))
    return tuple(forms)
