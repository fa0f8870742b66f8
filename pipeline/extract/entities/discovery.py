"""Pattern-based discovery of names the knowledge base lacks.

Works on the tokens of the matching view (:mod:`.view`) after dictionary matching; tokens
covered by a dictionary mention are *occupied* and never re-used (except that a person
name may absorb a one-token person short form, so ``محمد شيع السوداني`` becomes one
candidate for the fuzzy linker).

Triggers (all general, see :mod:`.vocab`):

* a title or role cue before a name (``الرئيس``, ``وزير الدفاع الأمريكي``, ``اللواء``,
  ``المتحدث باسم الجيش``, ``مستشار``, ``السفير``, ``القيادي في حزب الله`` …);
* a reporting verb with a named subject (``وقال X Y``) or a byline verb (``X Y يكتب``);
* a given name from ``given_names.txt`` starting a run of name tokens, or ``X بن Y``;
* organisation heads (``حزب``, ``حركة``, ``وزارة``, ``كتائب`` …) and place heads
  (``مدينة``, ``محافظة``, ``قرية``, ``قاعدة`` …) followed by a name;
* Latin-script acronyms (``CJTF-OIR``) and capitalised Latin name sequences.

A name run is a maximal sequence of space-joined tokens that look like name parts: given
names, connectors (``بن``, ``أبو``, ``عبد``), nisba surnames (``الكوثراني``) that are not
common or place-derived adjectives, and other tokens that are not stop words, conjunction-
prefixed words or imperfect verbs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.extract.entities import vocab as V
from pipeline.extract.entities.view import TextView

__all__ = ["Candidate", "Discoverer"]

_CAPITAL = re.compile(r"[A-Z]")
_LATIN_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9&]{1,9}(?:[-/][A-Z0-9]{2,9})*(?![A-Za-z0-9])")
_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][a-z]{1,20}(?: (?:[A-Z][a-z]{1,20}|al|bin|de|von|van))*"
                         r" [A-Z][a-z]{1,20}(?![A-Za-z])")
_ALLOWED_GAPS = frozenset({" ", " ، ", "، ", " ,", ", ", " : ", ": "})
_PCL = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")


@dataclass
class Candidate:
    """A discovered name: view span, type guess, subtype guess, trigger and confidence."""

    a: int
    b: int
    entity_type: str
    subtype: str | None
    trigger: str
    confidence: float
    absorbed: list[int] = field(default_factory=list)  # indexes of absorbed dictionary mentions
    titled: bool = False


class Discoverer:
    """Pattern discovery; build once (vocabularies folded once), call :meth:`find` per document."""

    def __init__(self, place_adjectives: frozenset[str] = frozenset()):
        k = V.keyset
        self.titles = k(tuple(V.TITLE_CUES))
        self.person_titles = k(("الرئيس", "الوزير", "اللواء", "العميد", "العقيد", "الفريق", "الجنرال", "المشير",
                                "الأدميرال", "الشيخ", "السيد", "السيدة", "الملك", "الأمير", "الإمام", "الدكتور",
                                "السفير", "النائب", "القيادي", "القائد", "الزعيم", "المرجع", "السناتور", "السيناتور"))
        self.role_words = k(tuple(V.ROLE_WORDS))
        self.org_heads = k(tuple(V.ORG_HEADS))
        self.gov_heads = k(("الحكومة", "حكومة"))
        self.def_heads = k(("اللجنة", "الحكومة")) | self.gov_heads
        self.place_heads = {V.normalize_key(h): v for h, v in V.PLACE_HEADS.items()}
        self.verbs = k(tuple(V.REPORTING_VERBS))
        self.stop = k(tuple(V.STOPWORDS)) | k(tuple(V.TITLE_CUES)) | k(tuple(V.ORG_HEADS)) | frozenset(self.place_heads)
        self.connectors = k(tuple(V.NAME_CONNECTORS))
        adjs = k(tuple(V.COMMON_ADJECTIVES))
        self.place_adjectives = place_adjectives
        self.adjectives = adjs | frozenset(a + "ه" for a in adjs) | place_adjectives
        # the same adjectives without the article (عراقي، حكومي، أمريكية): never name parts
        self.indef_adjectives = frozenset(a[2:] for a in self.adjectives if a.startswith("ال") and len(a) > 4)
        self.given = V.given_names()
        self.common_names = k(tuple(V.COMMON_WORD_NAMES))
        self.latin_stop = frozenset(V.LATIN_STOP)
        self._expanded: dict[int, frozenset[str]] = {}
        self.place_head_of = {p + h: h for h in self.place_heads for p in ("",) + _PCL}
        self.place_modifiers = k(tuple(V.PLACE_HEAD_MODIFIERS))

    # --- token predicates -------------------------------------------------
    def _strip(self, tok: str, vocab: frozenset[str]) -> bool:
        """``tok`` is a word of ``vocab``, possibly behind a proclitic (``ووزير``, ``بحركة``)."""
        return tok in self.expanded(vocab)

    def expanded(self, vocab: frozenset[str]) -> frozenset[str]:
        """``vocab`` and its words behind every proclitic (the set :meth:`_strip` looks in)."""
        expanded = self._expanded.get(id(vocab))
        if expanded is None:
            expanded = vocab | frozenset(p + v for v in vocab for p in _PCL)
            self._expanded[id(vocab)] = expanded
        return expanded

    def is_nisba_surname(self, tok: str) -> bool:
        """``ال…ي`` surname (``الكوثراني``) that is not a common or place adjective."""
        return (tok.startswith("ال") and tok.endswith("ي") and len(tok) >= 5 and tok not in self.adjectives
                and tok not in self.stop)

    def _verbish(self, tok: str) -> bool:
        return len(tok) >= 4 and tok[0] in "يت" and tok not in self.given

    def is_name_part(self, tok: str) -> bool:
        """Can ``tok`` continue a person's name?"""
        if tok in self.given or tok in self.connectors:
            return True
        if tok in self.stop or len(tok) < 2 or tok.isdigit():
            return False
        if tok.startswith("ال"):
            return self.is_nisba_surname(tok) or tok in ("الدين", "الله", "الرحمن", "الحق")
        if tok[0] == "و" or self._verbish(tok) or tok in self.indef_adjectives:
            return False
        if tok.startswith(("لل", "بال", "وال", "فال", "كال")):
            return False
        return not tok.isascii()

    # --- main -------------------------------------------------------------
    def find(self, view: TextView, occupied: list[int], mention_types: list[tuple[str, bool]]) -> list[Candidate]:
        """Candidates over ``view``.

        ``occupied[t]`` is -1 or the index of the dictionary mention covering token ``t``;
        ``mention_types[i]`` is ``(entity_type, is_single_token_person_short_form)`` of mention ``i``.
        """
        toks = view.tokens
        titles_x, person_titles_x = self.expanded(self.titles), self.expanded(self.person_titles)
        verbs_x, org_heads_x, given_x = self.expanded(self.verbs), self.expanded(self.org_heads), self.expanded(self.given)
        n = len(toks)
        keys, gaps = view.keys, view.gaps
        used = [o >= 0 for o in occupied]
        for i, (a, b) in enumerate(toks):  # على/إلى fold onto names (علي) once normalized;
            if not used[i] and keys[i].endswith("ي"):  # المستشفى/الطوارئ would look like nisba surnames
                s, e = view.span(a, b)
                if view.text[s:e] in V.RAW_STOPWORDS or (view.text[e - 1:e] in ("ى", "ئ")
                                                         and keys[i] not in self.given):
                    used[i] = True
        out: list[Candidate] = []

        def joined(i: int) -> bool:
            return gaps[i] == " "

        def absorbable(i: int) -> bool:
            o = occupied[i]
            return o >= 0 and mention_types[o][1]

        def name_run(i: int, titled: bool) -> tuple[int, list[int]] | None:
            """End token (exclusive) of a name starting at token i, and absorbed mentions."""
            if i >= n or used[i] and not absorbable(i):
                return None
            first = keys[i]
            absorbed: list[int] = []
            if absorbable(i):
                return None
            if not self.is_name_part(first) or (first.startswith("ال") and not titled):
                return None
            j = i + 1
            while j < n and j - i < 5 and joined(j):
                t = keys[j]
                if absorbable(j):
                    absorbed.append(occupied[j])
                    j += 1
                    break
                if used[j] or not self.is_name_part(t):
                    break
                if t.startswith("ال") and not (self.is_nisba_surname(t) or keys[j - 1] in self.connectors
                                                or t in ("الدين", "الله", "الرحمن", "الحق")):
                    break
                j += 1
                if t.startswith("ال") and keys[j - 2] not in self.connectors and t not in ("الدين",):
                    break  # a nisba surname closes the name
            while j - 1 > i and keys[j - 1] in self.connectors and not absorbed:
                j -= 1
            return j, absorbed

        def add(i: int, j: int, typ: str, sub: str | None, trig: str, conf: float, absorbed=(), titled=False) -> bool:
            if any(used[t] for t in range(i, j) if occupied[t] < 0 or occupied[t] not in absorbed):
                return False
            for t in range(i, j):
                used[t] = True
            out.append(Candidate(toks[i][0], toks[j - 1][1], typ, sub, trig, conf, list(absorbed), titled))
            return True

        i = 0
        while i < n:
            t = keys[i]
            if used[i]:
                i += 1
                continue
            # 1. title / role cue
            if t in titles_x and not (t in self.given and i + 1 < n and keys[i + 1] in self.given):
                j = i + 1
                direct = t in person_titles_x
                while j < n and j - i <= 7 and gaps[j] in (" ",) and self._is_role_mod(keys[j], occupied[j], mention_types):
                    if occupied[j] >= 0 and not absorbable(j):
                        o = occupied[j]
                        while j < n and occupied[j] == o:
                            j += 1
                        direct = False
                        continue
                    if not (keys[j] in self.adjectives):
                        direct = False
                    j += 1
                if j < n and gaps[j] in _ALLOWED_GAPS and not used[j]:
                    r = name_run(j, titled=True)
                    if r:
                        e, absorbed = r
                        if e - j >= 2 or (direct and gaps[j] == " " and not keys[j].startswith("ال")) or absorbed:
                            add(j, e, "PERSON", None, "title", 0.75, absorbed, titled=True)
                            i = e
                            continue
                i += 1
                continue
            # 2. reporting verb + named subject
            if t in verbs_x and i + 1 < n and joined(i + 1):
                r = name_run(i + 1, titled=False)
                if r:
                    e, absorbed = r
                    first = keys[i + 1]
                    if e - (i + 1) >= 2 and (first in self.given and first not in self.common_names
                                             or self.is_nisba_surname(keys[e - 1])):
                        add(i + 1, e, "PERSON", None, "reporting_verb", 0.65, absorbed)
                        i = e
                        continue
            # 3. organisation head
            if t in org_heads_x and not t.startswith("ال") and i + 1 < n and joined(i + 1):
                e = self._org_extent(keys, occupied, gaps, i + 1)
                if e:
                    if add(i, e, "ORG", None, "org_head", 0.55) and t not in self.org_heads:  # proclitic on the head (لوزارة): start after it
                        out[-1].a += next(len(p) for p in _PCL if t.startswith(p) and t[len(p):] in self.org_heads)
                    i = e
                    continue
            # 3b. definite heads: ``اللجنة العسكرية العليا`` (two or more definite modifiers),
            #     ``الحكومة الأميركية`` (government + nationality adjective)
            if t in self.def_heads and i + 2 < n and joined(i + 1) and occupied[i + 1] < 0:
                e = i + 1
                while e < n and e - i <= 4 and (e == i + 1 or joined(e)) and occupied[e] < 0 \
                        and keys[e].startswith("ال") and keys[e] not in self.stop \
                        and not (t not in self.gov_heads and e > i + 1 and keys[e] in self.place_adjectives):
                    e += 1
                need = 1 if t in self.gov_heads else 2
                if e - i - 1 >= need and (t not in self.gov_heads or keys[i + 1] in self.adjectives):
                    add(i, e if t not in self.gov_heads else i + 2, "ORG", None, "org_head", 0.5)
                    i = e
                    continue
            # 4. place head
            base = self.place_head_of.get(t)
            if base and i + 1 < n and joined(i + 1):
                sub, head_in_name = self.place_heads[base]
                e = self._place_extent(keys, occupied, gaps, i + 1, base)
                if e:
                    start = i if head_in_name else i + 1
                    if head_in_name and t != base:  # proclitic on the head: start after it
                        add(i, e, "LOC", sub, "place_head", 0.55)
                        cand = out[-1] if out and out[-1].trigger == "place_head" and out[-1].a == toks[i][0] else None
                        if cand:
                            cand.a += len(t) - len(base)
                    else:
                        add(start, e, "LOC", sub, "place_head", 0.55)
                    i = e
                    continue
            # 5. given name / connector pattern
            if t in self.given or (t in given_x and t[0] in "وفبل" and t[1:] not in self.common_names
                                    and len(t) > 3):
                r = name_run(i, titled=False)
                if r:
                    e, absorbed = r
                    if e - i >= 2 and self._strong_start(keys, i, e):
                        a_off = 1 if t not in self.given else 0
                        add(i, e, "PERSON", None, "given_name", 0.6, absorbed)
                        if a_off and out and out[-1].trigger == "given_name" and out[-1].a == toks[i][0]:
                            out[-1].a += 1
                        i = e
                        continue
            if i + 2 < n and keys[i + 1] in ("بن", "بنت", "ابن") and joined(i + 1) and joined(i + 2) \
                    and self.is_name_part(t) and not t.startswith("ال") and self.is_name_part(keys[i + 2]) \
                    and not used[i + 1] and not used[i + 2]:
                add(i, i + 3, "PERSON", None, "connector", 0.6)
                i += 3
                continue
            i += 1
        out += self._latin(view, occupied)
        return out

    def _strong_start(self, keys: list[str], i: int, e: int) -> bool:
        first = keys[i]
        if first[0] in "وفبل" and first not in self.given:
            first = first[1:]
        if first not in self.common_names:
            return True
        second = keys[i + 1]
        return second in self.given or second in self.connectors or self.is_nisba_surname(keys[e - 1])

    def _is_role_mod(self, tok: str, occ: int, mention_types) -> bool:
        if occ >= 0:
            return mention_types[occ][0] in ("ORG", "LOC")
        if tok in self.role_words or tok in self.adjectives or self._strip(tok, self.titles):
            return True
        if tok.startswith(("لل", "بال")) and len(tok) > 4:
            return True
        return tok.startswith("ال") and not self.is_nisba_surname(tok) and tok not in self.stop

    def _org_extent(self, keys, occupied, gaps, j: int) -> int | None:
        n = len(keys)
        t = keys[j]
        if occupied[j] >= 0 or t in self.stop or t.isdigit() or len(t) < 2:
            return None
        if not t.startswith("ال"):
            if t in self.indef_adjectives or t.endswith("ي"):
                return None
            if t.endswith("ه") and len(t) >= 4 and t[-2] == "ي" or t[0] == "و" or self._verbish(t) or t.isascii():
                return None  # indefinite adjective (مسلحة، عراقية), conjunction or verb
            if t.endswith("ه") or t.endswith(("ات", "ون", "ين")):
                return None
        e = j + 1
        while e < n and e - j < 3 and gaps[e] == " " and occupied[e] < 0:
            u = keys[e]
            if not u.startswith("ال") or u in self.stop or u.startswith("وال"):
                break
            e += 1
        return e

    def _place_extent(self, keys, occupied, gaps, j: int, head: str) -> int | None:
        n = len(keys)
        t = keys[j]
        if occupied[j] >= 0 or t in self.stop or t.isdigit() or len(t) < 2 or t.isascii():
            return None
        if t.startswith("ال"):
            if head in ("منطقه", "حي") or t in self.adjectives or t.startswith("وال"):
                return None
        elif (t.endswith("يه") and len(t) >= 4) or t[0] == "و" or self._verbish(t) or t.endswith(("ات", "ون", "ين")) \
                or t in self.indef_adjectives or t in self.place_modifiers:
            return None  # ``لولاية رابعة``, ``منطقة قريبة``: the word describes what the head names
        e = j + 1
        if e < n and gaps[e] == " " and occupied[e] < 0 and not t.startswith("ال"):
            u = keys[e]
            if (u.startswith("ال") and u not in self.adjectives and u not in self.stop and not u.endswith("يه")) \
                    or t in self.connectors:
                e += 1
        return e

    def _latin(self, view: TextView, occupied: list[int]) -> list[Candidate]:
        """Latin acronyms (ORG) and capitalised multi-word names (PERSON guess) not already matched."""
        text = view.text
        out: list[Candidate] = []
        if _CAPITAL.search(text) is None:
            return out  # both patterns start with a capital (most documents have none: one fast scan)
        spans: list[tuple[int, int, str]] = []
        for m in _LATIN_NAME.finditer(text):
            spans.append((m.start(), m.end(), "PERSON"))
        for m in _LATIN_ACRONYM.finditer(text):
            if m.group() in self.latin_stop or m.group().isdigit() or not re.search(r"[A-Z]{2}", m.group()):
                continue
            spans.append((m.start(), m.end(), "ORG"))
        if not spans:
            return out
        taken = []
        for (a, b), o in zip(view.tokens, occupied):
            if o >= 0:
                s, e = view.span(a, b)
                taken.append((s, e))
        seen: list[tuple[int, int]] = []
        for s, e, typ in spans:
            if any(s < te and ts < e for ts, te in taken + seen):
                continue
            seen.append((s, e))
            out.append(Candidate(-1, -1, typ, None, "latin", 0.5 if typ == "ORG" else 0.4))
            out[-1].absorbed = []
            out[-1].a, out[-1].b = s, e  # original offsets for latin candidates (marked by trigger)
        return out
