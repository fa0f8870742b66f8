"""Roles stated next to a person mention: ``وزير الدفاع الأمريكي لويد أوستن`` →
role ``وزير الدفاع الأمريكي``, affiliation ``loc:us`` (``الأمريكي``); also the appositive
``X، قائد فيلق القدس`` / ``X، وهو مسؤول كبير في حزب الله``.

A role phrase starts with a title cue (:data:`.vocab.TITLE_CUES`) and continues through role
words, definite nouns/adjectives, clitic+article words and KB organisation/place mentions up to
the name. The affiliation is the first ORG mention in the phrase, else the first place mention,
else a nationality adjective mapped through ``gentilics.yaml``.
"""

from __future__ import annotations

from typing import Callable

from pipeline.extract.entities import vocab as V

__all__ = ["find_roles"]

_BEFORE_GAPS = frozenset({" ", " ، ", "، ", ", ", " , ", ": ", " : "})
_AFTER_GAPS = frozenset({" ، ", "، ", ", ", " , ", " - ", " – "})
_HONORIFICS = frozenset(V.normalize_key(w) for w in ("السيد", "السيدة", "الدكتور", "الدكتورة", "د", "الأستاذ",
                                                     "الشيخ", "الشيخة"))


def _gentilic(tok: str, table: dict[str, str | None]) -> str | None:
    t = tok[2:] if tok.startswith("ال") else tok
    for cand in (t, t[:-1] if t.endswith("ه") else None, t[:-2] if t.endswith(("ون", "ين")) else None):
        if cand and cand in table:
            return table[cand] or ""
    return None


def find_roles(persons: list[dict], tokens: list[tuple[int, int]], keys: list[str], gaps: list[str],
               occupied: list[int], mentions: list[dict], is_title: Callable[[str], bool],
               is_mod: Callable[[str, int], bool], span: Callable[[int, int], tuple[int, int]],
               text: str, known: set[str]) -> list[dict]:
    """Role dicts (API shape) for ``persons`` (internal mentions with token range ``ta``..``tb``)."""
    table = V.gentilics()
    out = []
    for m in persons:
        ta, tb = m["_ta"], m["_tb"]
        phrase = None
        # before the name
        if ta > 0 and gaps[ta] in _BEFORE_GAPS:
            k, cue = ta - 1, None
            while k >= 0 and ta - k <= 9:
                o = occupied[k]
                if o >= 0 and mentions[o]["entity_type"] == "PERSON":
                    break
                if is_title(keys[k]):
                    cue = k
                elif not is_mod(keys[k], o):
                    break
                if k == 0 or gaps[k] not in (" ",):
                    break
                k -= 1
            if cue is not None:
                phrase = (cue, ta)
        # appositive after the name
        if phrase is None and tb < len(tokens) and gaps[tb] in _AFTER_GAPS:
            k = tb
            if keys[k] in ("وهو", "وهي", "هو", "هي") and k + 1 < len(tokens):
                k += 1
            if is_title(keys[k]) and keys[k] not in _HONORIFICS:
                e = k + 1
                while e < len(tokens) and e - k < 8 and gaps[e] == " " and is_mod(keys[e], occupied[e]):
                    e += 1
                phrase = (k, e)
        if phrase is None:
            continue
        pa, pb = phrase
        if pb - pa == 1 and keys[pa] in _HONORIFICS:
            continue
        start, end = span(tokens[pa][0], tokens[pb - 1][1])
        aff_id = aff_surface = None
        inner = sorted({occupied[k] for k in range(pa, pb) if occupied[k] >= 0})
        for want in ("ORG", "LOC"):
            hit = next((mentions[o] for o in inner if mentions[o]["entity_type"] == want and mentions[o]["entity_id"]),
                       None) or next((mentions[o] for o in inner if mentions[o]["entity_type"] == want), None)
            if hit:
                aff_id, aff_surface = hit["entity_id"], hit["surface"]
                break
        if aff_surface is None:
            for k in range(pa, pb):
                g = _gentilic(keys[k], table)
                if g is not None:
                    s, e = span(*tokens[k])
                    aff_surface = text[s:e]
                    aff_id = g if g in known else None
                    break
        out.append({"mention_start": m["start"], "mention_end": m["end"], "role_title": text[start:end],
                    "affiliation_entity_id": aff_id, "affiliation_surface": aff_surface, "start": start, "end": end})
    return out
