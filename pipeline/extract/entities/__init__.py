"""Entity recognition, linking and discovery for Arabic news text.

Public API::

    extractor = EntityExtractor(load_kb())          # builds the automaton once
    result = extractor.extract(text)                # EntityResult(mentions, roles)
    aggregate_candidates(mentions_df, sentences_df) # cross-document discovery candidates

Pipeline per document (see ``docs/entities.md``):

1. dictionary: Aho-Corasick over the normalized view with proclitics (:mod:`.matcher`);
   keys shared by several entities are resolved from document context (:func:`.linker.choose_entity`);
   the statistical tagger (:mod:`.tagger`, a CRF) tags the document, and a one-token alias that also
   reads as a frequent word (``دوما``, ``بعقوبة``) needs the tagger's support (:mod:`.evidence`);
2. discovery: titles, reporting verbs, given names, organisation/place heads, Latin names
   (:mod:`.discovery`); a discovered person needs the tagger to see a person there and is cut to the
   tagger's name; discovered person/organisation names are fuzzy-linked to the KB
   (:class:`.linker.FuzzyLinker`) and otherwise kept with ``entity_id`` None;
3. names only the tagger found (method ``tagger``), trimmed of titles and nationality adjectives,
   linked by exact key or fuzzily, or left unlinked as candidates;
4. short forms: surnames alone link to the person introduced in full (:mod:`.coref`); KB
   short aliases flagged ambiguous (``ambiguous_alias`` notes, or a surname that is also a
   nationality adjective such as ``السوداني``) are kept only when that person is introduced;
   a short form the tagger reads as an organisation or place, or a frequent word the tagger does
   not read as a name, is not linked;
5. roles stated next to person mentions (:mod:`.roles`).

Every mention satisfies ``text[start:end] == surface``; mentions never overlap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from pipeline.extract.entities import vocab as V
from pipeline.extract.entities.candidates import aggregate_candidates
from pipeline.extract.entities.coref import resolve_short_forms
from pipeline.extract.entities.discovery import Discoverer
from pipeline.extract.entities.evidence import (TagIndex, common_word_reading, frequent_rank, frequent_words,
                                                strip_proclitic, trim_tokens)
from pipeline.extract.entities.linker import FuzzyLinker, choose_entity
from pipeline.extract.entities.matcher import DictionaryMatcher
from pipeline.extract.entities.roles import find_roles
from pipeline.extract.entities.view import build_view, token_starts
from pipeline.kb.load import KnowledgeBase
from pipeline.text.normalize import normalize_key

__all__ = ["EntityExtractor", "EntityResult", "aggregate_candidates"]

#: Subtypes a bare institution name (``وزارة الدفاع``) may be linked to through the document's country.
_STATE_BODIES = frozenset({"government_body", "armed_forces", "intelligence_agency"})
_NOT_NISBA_END = frozenset("ىئء")
_CLITIC_ARTICLE = ("لل", "بال", "وال", "فال", "كال")
#: Proclitic chains a tagger name may carry in front (longest first; :meth:`EntityExtractor._proclitic_by_evidence`).
_NAME_PROCLITICS = ("وب", "ول", "فب", "فل", "ب", "ل", "ف", "و")
#: A one-word name the tagger alone proposes must be rarer than the most frequent words of the ANT corpus.
_LONE_RANK = 5000
#: Plural, dual and pronoun endings that a rare word of a foreign name does not have.
_NOT_NAME_ENDS = ("هم", "ها", "هما", "ين", "ون", "ات", "تين", "تان")
#: Letters of Kurdish (Sorani) script that Arabic does not use.
_KURDISH = frozenset("ێۆڕڵەڤ")
MENTION_KEYS = ("start", "end", "surface", "entity_id", "entity_type", "subtype", "method", "confidence",
                "normalized")


@dataclass
class EntityResult:
    """Mentions (sorted by start, non-overlapping) and roles of one document.

    mention: ``start, end, surface, entity_id|None, entity_type ('PERSON'|'ORG'|'LOC'), subtype|None,
    method ('dictionary'|'fuzzy'|'coref'|'pattern'|'latin'|'tagger'), confidence (0..1), normalized``.
    role: ``mention_start, mention_end, role_title, affiliation_entity_id|None, affiliation_surface|None,
    start, end`` (span of the role phrase).
    """

    mentions: list[dict] = field(default_factory=list)
    roles: list[dict] = field(default_factory=list)


def _skip_key(skip_spans) -> tuple:
    return tuple(map(tuple, skip_spans)) if skip_spans else ()


class EntityExtractor:
    """Reusable extractor; build once per knowledge base."""

    def __init__(self, kb: KnowledgeBase, tagger="default", tagger_min: float = 0.6, doubt_min: float = 0.3):
        """``tagger``: a :class:`.tagger.NerTagger`, ``None`` (dictionary and patterns only) or
        ``"default"`` (the committed model with gazetteer features from ``kb``, when present).
        ``tagger_min``: smallest tagger confidence for a name the tagger alone proposes;
        ``doubt_min``: smallest tagger probability of a name for an alias that is also a frequent word."""
        ents = kb.entities
        self.info: dict[str, tuple[str, str | None]] = {
            e: (t, s) for e, t, s in ents.select("entity_id", "entity_type", "subtype").iter_rows()}
        self.known = set(self.info)
        aliases = kb.aliases.filter(pl.col("entity_id").is_in(list(self.known)))
        self.matcher = DictionaryMatcher(aliases)
        self.fuzzy = FuzzyLinker(aliases, {e: v[0] for e, v in self.info.items()})
        # context support for choosing between entities sharing a key: parent and country
        country_ids = {f"loc:{(cc or '').lower()}" for cc in ents["country_code"].to_list() if cc}
        self.related: dict[str, set[str]] = {}
        for e, parent, cc in ents.select("entity_id", "parent_id", "country_code").iter_rows():
            rel = set()
            if parent:
                rel.add(parent)
            if cc and f"loc:{cc.lower()}" in country_ids and f"loc:{cc.lower()}" != e:
                rel.add(f"loc:{cc.lower()}")
            self.related[e] = rel
        self.partners: dict[str, set[str]] = {}
        rules = kb.alias_rules if kb.alias_rules is not None else pl.DataFrame()
        self.need_full: set[tuple[str, str]] = set()
        if rules.height:
            for e, norm, rule, other in rules.select("entity_id", "normalized", "rule", "other_entity_id").iter_rows():
                if rule == "after_full_mention" and norm:
                    self.need_full.add((e, norm))
                elif rule == "ambiguous_with" and other:
                    self.partners.setdefault(e, set()).add(other)
        # nationality adjectives derived from place names (for the gentilic heuristic and discovery)
        place_adj: set[str] = set()
        loc_ids = {e for e, v in self.info.items() if v[0] == "LOC"}
        for e, norm in aliases.select("entity_id", "normalized").iter_rows():
            if e in loc_ids and norm and " " not in norm and not norm.isascii():
                stem = norm[2:] if norm.startswith("ال") else norm
                for s in {stem, stem[:-1] if stem.endswith("ا") else stem}:
                    place_adj.update({"ال" + s + "ي", "ال" + s + "يه", "ال" + s + "يون", "ال" + s + "يين"})
        for g in V.gentilics():
            place_adj.update({"ال" + g, "ال" + g + "ه", "ال" + g + "ون", "ال" + g + "ين"})
        self.place_adj = frozenset(place_adj)
        self.fuzzy.exact = self.place_adj
        # short forms of persons: single-token aliases; surnames of multi-token names
        self.short_keys: dict[str, set[str]] = {}
        for e, lang, norm, prim in aliases.select("entity_id", "lang", "normalized", "is_primary").iter_rows():
            if self.info[e][0] != "PERSON" or lang != "ar" or not norm:
                continue
            if " " in norm:
                self.short_keys.setdefault(e, set()).add(norm.rsplit(" ", 1)[1])
            elif not prim and norm in self.place_adj:
                self.need_full.add((e, norm))
        self.discoverer = Discoverer(self.place_adj)
        # exact keys with one owner, and nationality adjectives per country, for contextual linking
        owners: dict[str, set[str]] = {}
        for e, norm in aliases.select("entity_id", "normalized").iter_rows():
            owners.setdefault(norm, set()).add(e)
        self.unique_key = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}
        self.key_types = {k: frozenset(self.info[e][0] for e in v) for k, v in owners.items()}
        # multi-word names written without their space (``اسماعیلقاآنی``), for tagger names
        compact: dict[str, set[str]] = {}
        for k, v in owners.items():
            if " " in k and not k.isascii():
                compact.setdefault(k.replace(" ", ""), set()).update(v)
        self.compact_key = {k: next(iter(v)) for k, v in compact.items() if len(v) == 1 and k not in owners}
        self.adj_of: dict[str, list[str]] = {}
        for stem, loc in V.gentilics().items():
            if loc:
                self.adj_of.setdefault(loc, []).append(stem)
        self.blocked = V.keyset(tuple(V.STOPWORDS)) | V.keyset(tuple(V.TITLE_CUES)) | self.place_adj \
            | V.keyset(tuple(V.COMMON_ADJECTIVES)) | V.keyset(tuple(V.NAME_CONNECTORS))
        self.weak = V.given_names()
        self.frequent = frequent_words()
        #: the most frequent words (``مرات``, ``عشر``): never a surname on their own without the tagger
        self.very_frequent = frozenset(w for w, r in frequent_rank().items() if r < 2000)
        self.parent = {e: p for e, p in ents.select("entity_id", "parent_id").iter_rows() if p}
        self.tagger_min = tagger_min
        self.doubt_min = doubt_min
        if tagger == "default":
            from pipeline.extract.entities.tagger import MODEL_PATH, load_tagger

            tagger = load_tagger(aliases, {e: v[0] for e, v in self.info.items()}) if MODEL_PATH.exists() else None
        self.tagger = tagger
        self._pretagged: dict = {}  # (text, skip spans) -> prepared by :meth:`pretag`
        self.need_full_keys = frozenset(k for _, k in self.need_full)
        self.club_words = V.keyset(tuple(V.CLUB_WORDS))
        d = self.discoverer
        professions = V.keyset(tuple(V.PROFESSION_WORDS))
        self._cue = lambda t: (t in self.blocked and t not in d.connectors) or d._strip(t, d.titles) \
            or t in d.role_words or t in d.adjectives or t in d.indef_adjectives or d._strip(t, d.verbs) \
            or t in professions

    def pretag(self, texts: list[str], skip_spans: list[list[tuple[int, int]] | None] | None = None) -> None:
        """Prepare a batch of documents: views, dictionary matches and the tagger's spans, with the
        tagger decoding all of them together (cheaper than one decoding per document). The next
        :meth:`extract` of each text (with the same ``skip_spans``) uses this and gives the same
        result as without it. Anything prepared earlier and not used is dropped."""
        self._pretagged = {}
        if self.tagger is None or not texts:
            return
        skips = skip_spans or [None] * len(texts)
        views, matches, doubtful = [], [], []
        for text, skip in zip(texts, skips):
            v = build_view(text)
            m = self.matcher.find(v, skip)
            views.append(v)
            matches.append(m)
            doubtful.append(self._doubtful(v, m))
        probes = [frozenset(off for off, _ in d.values()) for d in doubtful]
        for text, skip, v, m, d, t in zip(texts, skips, views, matches, doubtful, self.tagger.tag_views(views, probes)):
            self._pretagged[(text, _skip_key(skip))] = (v, m, d, t)

    # ------------------------------------------------------------------
    def _mention(self, view, a, b, eid, typ, sub, method, conf, **extra) -> dict:
        start, end = view.span(a, b)
        surface = view.text[start:end]
        return {"start": start, "end": end, "surface": surface, "entity_id": eid, "entity_type": typ,
                "subtype": sub, "method": method, "confidence": round(float(conf), 3),
                "normalized": normalize_key(surface), "_a": a, "_b": b, **extra}

    def extract(self, text: str, sentences: list[tuple[int, int]] | None = None,
                skip_spans: list[tuple[int, int]] | None = None) -> EntityResult:
        """Mentions and roles of ``text`` (offsets are code points into ``text``).

        ``sentences`` is accepted for the caller's convenience (sentence ids are assigned by the
        caller from offsets); patterns never cross a line break or sentence punctuation anyway.
        ``skip_spans`` are original-offset ranges where no mention may start or end (e.g. boilerplate).
        """
        pre = self._pretagged.pop((text, _skip_key(skip_spans)), None)
        if pre is not None:
            view, matches, doubtful, (tagged, probed) = pre
        else:
            view = build_view(text)
            matches = self.matcher.find(view, skip_spans)
            if self.tagger is not None:
                doubtful = self._doubtful(view, matches)
                tagged = self.tagger.tag_view(view, frozenset(off for off, _ in doubtful.values()))
                probed = self.tagger.probed_view
        tags = None
        if self.tagger is not None:
            self._rejected: set[int] = set()  # view starts of doubtful matches left out
            tags = TagIndex(view.tokens, tagged)
            matches = self._supported(matches, doubtful, probed)
        # 1. dictionary mentions with context-based choice for shared keys
        context: dict[str, int] = {}
        for m in matches:
            if len(m.info.entity_ids) == 1:
                context[m.info.entity_ids[0]] = context.get(m.info.entity_ids[0], 0) + 1
        mentions: list[dict] = []
        for m in matches:
            info = m.info
            if len(info.entity_ids) == 1:
                eid, conf = info.entity_ids[0], (1.0 if info.tokens > 1 or info.primary[0] else 0.9)
            else:
                eid, conf = choose_entity(info.entity_ids, info.primary, context, self.related)
            typ, sub = self.info[eid]
            if self.partners.get(eid) and any(context.get(p) for p in self.partners[eid]):
                conf = min(conf, 0.8)  # the document also names the entity this one shares a name with
            key = info.key if not info.elided else "ال" + info.key[1:]
            short = typ == "PERSON" and info.tokens == 1 and not any(info.primary)
            mentions.append(self._mention(view, m.a, m.b, eid, typ, sub, "dictionary", conf, _short=short,
                                          _need_full=(eid, key) in self.need_full))
        # token occupancy
        toks = view.tokens
        keys, gaps = view.keys, view.gaps
        occupied = self._occupancy(toks, mentions)
        mtypes = [(m["entity_type"], m["_short"]) for m in mentions]
        # 2. discovery + fuzzy linking
        drop: set[int] = set()
        extra: list[dict] = []
        for cand in self.discoverer.find(view, occupied, mtypes):
            if tags is not None and cand.trigger != "latin" and cand.entity_type == "PERSON":
                cand = self._check_person(view, cand, tags, occupied)
                if cand is None:
                    continue
            if cand.trigger == "latin":
                s, e = cand.a, cand.b
                if skip_spans and any(s < b and a < e for a, b in skip_spans):
                    continue
                surface = text[s:e]
                extra.append({"start": s, "end": e, "surface": surface, "entity_id": None,
                              "entity_type": cand.entity_type, "subtype": None, "method": "latin",
                              "confidence": cand.confidence, "normalized": normalize_key(surface),
                              "_a": -1, "_b": -1, "_short": False, "_need_full": False})
                continue
            mention = self._mention(view, cand.a, cand.b, None, cand.entity_type, cand.subtype, "pattern",
                                    cand.confidence, _short=False, _need_full=False)
            if skip_spans and any(mention["start"] < b and a < mention["end"] for a, b in skip_spans):
                continue
            if cand.entity_type in ("PERSON", "ORG"):
                hit = self.fuzzy.link(mention["normalized"], cand.entity_type)
                if hit:
                    eid, conf, _ = hit
                    mention.update(entity_id=eid, subtype=self.info[eid][1], method="fuzzy", confidence=conf)
                elif cand.absorbed:
                    continue  # keep the dictionary short form instead
                elif cand.entity_type == "ORG":
                    hit = self._link_by_country(mention["normalized"], context)
                    if hit:
                        mention.update(entity_id=hit, subtype=self.info[hit][1], method="fuzzy", confidence=0.65)
            drop.update(cand.absorbed)
            extra.append(mention)
        mentions = [m for i, m in enumerate(mentions) if i not in drop] + extra
        # 3. names only the tagger found (multi-token first: they lend short forms), short forms,
        #    then the tagger's one-token names on the tokens still free
        if tags is not None:
            mentions += self._tagged(view, mentions, tags, keys, context, skip_spans, multi=True)
        mentions = self._short_forms(view, mentions, toks, keys, tags)
        if tags is not None:
            mentions += self._tagged(view, mentions, tags, keys, context, skip_spans, multi=False)
        mentions.sort(key=lambda m: m["start"])
        # 4. roles
        occupied = self._occupancy(toks, mentions)
        starts = token_starts(toks)
        for m in mentions:
            if m["_a"] >= 0:
                m["_ta"], m["_tb"] = self._token_range(toks, m["_a"], m["_b"], starts)
        persons = [m for m in mentions if m["entity_type"] == "PERSON" and m["_a"] >= 0]
        d = self.discoverer
        mention_types = [(x["entity_type"], False) for x in mentions]  # once, not per token asked
        roles = find_roles(
            persons, toks, keys, gaps, occupied, mentions,
            is_title=lambda t: d._strip(t, d.titles),
            is_mod=lambda t, o: d._is_role_mod(t, o, mention_types) if o >= 0
            else d._is_role_mod(t, -1, ()),
            span=view.span, text=text, known=self.known)
        out = [{k: m[k] for k in MENTION_KEYS} for m in mentions]
        return EntityResult(mentions=out, roles=roles)

    # --- tagger evidence ------------------------------------------------
    def _doubtful(self, view, matches) -> dict[int, tuple[int, str]]:
        """One-token alias matches whose token also reads as a frequent word: match index ->
        (view offset of the token, ``"split"`` | ``"self"``, see :func:`.evidence.common_word_reading`)."""
        import bisect

        toks = view.tokens
        starts = [a for a, _ in toks]
        out = {}
        for i, m in enumerate(matches):
            info = m.info
            if info.latin or info.tokens > 1:
                continue
            t = max(bisect.bisect_right(starts, m.a) - 1, 0)
            tok = view.c[toks[t][0]:toks[t][1]]
            key = info.key if not info.elided else "ال" + info.key[1:]
            kind = common_word_reading(tok, key, self.frequent)
            if kind:
                out[i] = (toks[t][0], kind)
        return out

    def _supported(self, matches, doubtful: dict[int, tuple[int, str]], probed: dict[int, float]):
        """Keep a doubtful match when the tagger, judging the token from the word and its context
        without the gazetteer, gives it a name probability of at least ``doubt_min``; or when the
        same entity or its parent (``محافظة ديالى`` for ``بعقوبة``) is matched elsewhere in the
        document without doubt; or when the document repeats a ``self`` alias."""
        if not doubtful:
            return matches
        keep, pending = [], []
        doubtful_kind: dict[int, str] = {}
        for i, m in enumerate(matches):
            if i in doubtful:
                off, kind = doubtful[i]
                doubtful_kind[id(m)] = kind
                if probed.get(off, 0.0) < self.doubt_min:
                    pending.append(m)
                    continue
            keep.append(m)
        if pending:
            sure = {e for m in keep for e in m.info.entity_ids if len(m.info.entity_ids) == 1}
            seen: dict[str, int] = {}
            for m in pending:
                seen[m.info.key] = seen.get(m.info.key, 0) + 1
            # a name the document repeats (``هزيمة داعش`` … ``يشكله داعش``) is its topic, not a stray word
            rescued = [m for m in pending if len(m.info.entity_ids) == 1
                       and (m.info.entity_ids[0] in sure or self.parent.get(m.info.entity_ids[0]) in sure
                            or (doubtful_kind.get(id(m)) == "self" and seen[m.info.key] > 1))]
            self._rejected = {m.a for m in pending if m not in rescued}
            keep += rescued
            keep.sort(key=lambda m: m.a)
        return keep

    def _token_span(self, toks, a: int, b: int) -> tuple[int, int]:
        import bisect

        starts = token_starts(toks)
        return max(bisect.bisect_right(starts, a) - 1, 0), bisect.bisect_left(starts, b)

    def _check_person(self, view, cand, tags: TagIndex, occupied):
        """A discovered person name needs the tagger: dropped when the tagger sees no person in it
        (``مقطع فيديو``, ``علي ضرورة``), cut to the tagger's name when the pattern ran on
        (``جورج بوش اعادة`` → ``جورج بوش``; the start stays where the pattern put it). Kept: a name the fuzzy linker ties to the KB, and a
        name of two or more words none of which is a frequent word (a foreign name the tagger
        has not seen) when the tagger tags nothing there."""
        toks = view.tokens
        ta, tb = self._token_span(toks, cand.a, cand.b)
        a, b = view.span(cand.a, cand.b)
        if self.fuzzy.link(normalize_key(view.text[a:b]), "PERSON"):
            return cand
        hit = [t for t in range(ta, tb) if (tags.at(t) or ("",))[0] == "PERSON"]
        if not hit:
            d = self.discoverer
            words = [view.c[toks[t][0]:toks[t][1]] for t in range(ta, tb)]
            if tb - ta >= 2 and not any(tags.at(t) for t in range(ta, tb)) and all(
                    w in d.given or w in d.connectors or (w not in self.frequent and not w.endswith(_NOT_NAME_ENDS)
                                                          and w[0] not in "بلو") for w in words):
                return cand  # rare words after a cue (``المدرب الإسباني فيسنتي ديل بوسكي``): a foreign name
            return None
        na, nb = ta, hit[-1] + 1  # the trigger fixes the start; the tagger says where the name ends
        if nb != tb:
            if nb - na < 2 and not cand.titled and not cand.absorbed:
                return None  # patterns propose multi-token names; one tagged token is too little
            cand.b = toks[nb - 1][1]
            cand.absorbed = [o for o in cand.absorbed if all(na <= t < nb for t in range(len(toks)) if occupied[t] == o)]
        return cand

    def _strip_club(self, tok: str) -> bool:
        return self.discoverer._strip(tok, self.club_words)

    def _adjective_use(self, m, toks, keys, tags: TagIndex) -> bool:
        """Is the ambiguous short form ``m`` (``السوداني``) an adjective after a definite noun or a title,
        with no tagger support for a person?"""
        ta, _ = self._token_range(toks, m["_a"], m["_b"])
        if tags.support(ta, ta + 1, ("PERSON",)) > 0 or ta == 0:
            return False
        prev = keys[ta - 1]
        if self.discoverer._strip(prev, self.discoverer.verbs):
            return False  # ``وقال السوداني:``: a verb's subject, not an adjective (it needs a noun before it)
        return toks[ta][0] - toks[ta - 1][1] == 1 and (prev.startswith("ال") or self._cue(prev))

    def _tagged(self, view, mentions, tags: TagIndex, keys, context, skip_spans, multi: bool) -> list[dict]:
        """Mentions for tagger names on free tokens (``multi``: the names of two or more tokens,
        else the one-token names). Titles, roles and nationality adjectives are trimmed off; the name
        is linked to the KB by its exact key (same type) or by the fuzzy linker, or left unlinked."""
        toks = view.tokens
        occ = self._occupancy(toks, mentions)
        rank = self.tagger.features.lex.rank
        club_rest = set()  # the other words of names the tagger typed PERSON next to a club word
        for sp, (ta, tb) in zip(tags.spans, tags.ranges):
            if sp.entity_type == "PERSON" and any(self._strip_club(keys[t]) for t in range(ta, tb)):
                club_rest.update(keys[t] for t in range(ta, tb) if not self._strip_club(keys[t]))
        in_person = set()  # tokens inside the tagger's person names sure enough to be mentions
        for sp, (ta, tb) in zip(tags.spans, tags.ranges):
            if sp.entity_type == "PERSON" and sp.confidence >= self.tagger_min:
                in_person.update(range(ta, tb))  # (``فيراري ستفوز`` typed PERSON at 0.51 is no person)

        def outside_persons(k: str) -> bool:
            """Does the document also use ``k`` outside any person name? (more uses in all than inside)"""
            return keys.count(k) > sum(1 for t in in_person if keys[t] == k)

        out = []
        named: tuple[set[str], set[str]] | None = None  # the document's names and their first words, at the first need
        for sp, (ta, tb) in zip(tags.spans, tags.ranges):
            if sp.confidence < self.tagger_min or ta >= tb:
                continue
            if sp.entity_type == "PERSON" and tb - ta >= 3 and outside_persons(keys[ta]):
                ta += 1  # ``سائق فيراري سيباستيان فيتل`` … ``فيراري ستفوز``: a first word that recurs in the
                # document and is no person there is not this person's first name
            if any(occ[t] >= 0 for t in range(ta, tb)):
                continue
            if self._rejected and any(toks[t][0] <= r < toks[t][1] for r in self._rejected for t in range(ta, tb)):
                continue  # the dictionary step already judged this word a common word (``بعقوبة``)
            ta, tb = trim_tokens(keys, ta, tb, self._cue)
            if ta >= tb or (tb - ta >= 2) != multi:
                continue
            first = keys[ta]
            if tb - ta == 1 and (rank.get(first, _LONE_RANK) < _LONE_RANK or first in self.frequent
                                 or len(first) < 3 or first.isdigit()):
                continue  # a lone frequent word (``شبه`` in ``شبه العسكرية``): not enough for a name
            if sp.entity_type == "PERSON" and all(keys[t].startswith("ال") for t in range(ta, tb)) and tb - ta > 1:
                continue  # definite noun + adjective (``الديوان الملكي``) is a description, not a name
            typ = sp.entity_type
            if typ == "PERSON":  # a person's name does not end in a clitic+article word (``نويرت للصحافيين``)
                while tb - ta > 1 and keys[tb - 1].startswith(_CLITIC_ARTICLE):
                    tb -= 1
            if typ == "PERSON" and (any(self._strip_club(keys[t]) for t in range(ta, tb))
                                    or all(keys[t] in club_rest for t in range(ta, tb))):
                typ = "ORG"  # ``أتلتيك بيلباو``: a club, whatever the tagger thought, and ``بيلباو`` later on
            off = strip_proclitic(first)
            if not off and first[0] == "و" and len(first) > 4 and (
                    first[1:] in self.weak or (first[1:] in rank and first not in rank)):
                off = 1  # ``وعصام``, ``وهافانا``: the conjunction is not part of the name
            if not off:
                if named is None:
                    whole = {" ".join(keys[a:b]) for a, b in tags.ranges if a < b}
                    whole.update(m["normalized"] for m in mentions)
                    named = (whole, {w.split(" ", 1)[0] for w in whole})
                off = self._proclitic_by_evidence(keys, ta, tb, named)
            a = toks[ta][0] + off
            m = self._mention(view, a, toks[tb - 1][1], None, typ, None, "tagger", sp.confidence,
                              _short=False, _need_full=False)
            if skip_spans and any(m["start"] < e and s < m["end"] for s, e in skip_spans):
                continue
            line_a = view.text.rfind("\n", 0, m["start"]) + 1
            line_b = view.text.find("\n", m["end"])
            if _KURDISH.intersection(view.text[line_a:line_b if line_b >= 0 else len(view.text)]):
                continue  # the tagger knows Arabic; a Kurdish line (site footers) is not for it
            if m["normalized"] in self.need_full_keys:
                continue  # an ambiguous short form (``أوستن``) the dictionary step already judged
            kt = self.key_types.get(m["normalized"])
            if kt and typ not in kt:
                continue  # a KB name of another type the dictionary step left out (``أوستن`` alone)
            eid = self.unique_key.get(m["normalized"]) or self.compact_key.get(m["normalized"])
            if eid and self.info[eid][0] == typ:
                m.update(entity_id=eid, subtype=self.info[eid][1])
            elif typ in ("PERSON", "ORG"):
                hit = self.fuzzy.link(m["normalized"], typ)
                if hit:
                    m.update(entity_id=hit[0], subtype=self.info[hit[0]][1], method="fuzzy",
                             confidence=min(hit[1], sp.confidence))
                elif typ == "ORG":
                    hit = self._link_by_country(m["normalized"], context)
                    if hit:
                        m.update(entity_id=hit, subtype=self.info[hit][1], method="fuzzy", confidence=0.65)
            out.append(m)
        return out

    def _proclitic_by_evidence(self, keys: list[str], ta: int, tb: int, named: tuple[set[str], set[str]]) -> int:
        """Letters of a proclitic (``ب``, ``ل``, ``ف``, ``و`` or two of them: ``وب``, ``ول``, ``فب``,
        ``فل``) to leave out of the tagger name on tokens ``[ta, tb)``, when what remains is a name by
        evidence:

        * the same document names it without the proclitic (``named``: the whole keys of the
          tagger's names and of the mentions so far, and their first words): ``بأمستردام`` …
          ``أمستردام``, ``لمونفس`` … ``مونفس``; a name of several words must recur whole
          (``لبيونغ يانغ`` is not cut to ``يونغ يانغ`` because of ``ري يونغ هو``);
        * or the first word is not in the ANT corpus's frequency list and its rest is a given name
          or a knowledge-base name (``لنبيل رجب``).

        Else 0: ``فادي`` stays whole beside the verb ``أدى`` (no name), and ``برهان``, ``فريال`` keep
        their first letter (``رهان``, ``ريال`` are not names)."""
        first = keys[ta]
        if first in self.weak:
            return 0
        whole, firsts = named
        for p in _NAME_PROCLITICS:
            if first.startswith(p) and len(first) - len(p) >= 3:
                rest = first[len(p):]
                if " ".join([rest, *keys[ta + 1:tb]]) in whole or (tb - ta == 1 and rest in firsts):
                    return len(p)
                if first not in self.tagger.features.lex.rank and (rest in self.weak or rest in self.key_types):
                    return len(p)
                return 0
        return 0

    def _before_name(self, m: dict, toks, person_starts: set[int]) -> bool:
        """Does another person's name start on the token right after mention ``m``?"""
        _, tb = self._token_range(toks, m["_a"], m["_b"])
        return tb < len(toks) and toks[tb][0] in person_starts and toks[tb][0] - toks[tb - 1][1] == 1

    def _titled(self, m: dict, toks, keys) -> bool:
        """Is mention ``m`` directly preceded by a role phrase (``وزير الدفاع أوستن``)?"""
        ta, _ = self._token_range(toks, m["_a"], m["_b"])
        d = self.discoverer
        k = ta - 1
        while k >= 0 and ta - k <= 5:
            if toks[k + 1][0] - toks[k][1] != 1:
                return False
            if d._strip(keys[k], d.titles):
                return True
            if not d._is_role_mod(keys[k], -1, ()):
                return False
            k -= 1
        return False

    def _link_by_country(self, key: str, context: dict[str, int]) -> str | None:
        """Link a bare institution name (``وزارة الدفاع``) to the KB entity named with the
        nationality of the country the document mentions most (``وزارة الدفاع الأمريكية``)."""
        best, best_n = None, 0
        for loc, stems in self.adj_of.items():
            n = context.get(loc, 0)
            if n <= best_n:
                continue
            for stem in stems:
                hit = self.unique_key.get(f"{key} ال{stem}ه") or self.unique_key.get(f"{key} ال{stem}")
                if hit and self.info[hit][0] == "ORG" and self.info[hit][1] in _STATE_BODIES:
                    best, best_n = hit, n
                    break
        return best

    # ------------------------------------------------------------------
    @staticmethod
    def _token_range(toks, a, b, starts: list[int] | None = None) -> tuple[int, int]:
        import bisect
        if starts is None:
            starts = token_starts(toks)
        ta = bisect.bisect_right(starts, a) - 1
        tb = bisect.bisect_left(starts, b)
        return max(ta, 0), tb

    @staticmethod
    def _occupancy(toks, mentions) -> list[int]:
        occ = [-1] * len(toks)
        if not toks:
            return occ
        import bisect
        starts = token_starts(toks)
        for i, m in enumerate(mentions):
            if m["_a"] < 0:
                continue
            t = max(bisect.bisect_right(starts, m["_a"]) - 1, 0)
            while t < len(toks) and toks[t][0] < m["_b"]:
                if toks[t][1] > m["_a"]:
                    occ[t] = i
                t += 1
        return occ

    def _short_forms(self, view, mentions, toks, keys, tags=None) -> list[dict]:
        full = []
        introduced: dict[str, int] = {}
        for m in mentions:
            if m["entity_type"] != "PERSON" or m["_a"] < 0 or " " not in m["normalized"]:
                continue
            last = m["normalized"].rsplit(" ", 1)[1]
            if not m["entity_id"] and (last.endswith("ه") or last in self.discoverer.indef_adjectives
                                       or last in self.discoverer.adjectives
                                       or (last.startswith("ال") and not self.discoverer.is_nisba_surname(last))):
                continue  # an unlinked name only lends a plausible surname (منصور, الكوثراني)
            shorts = {last}
            if m["entity_id"]:
                shorts |= self.short_keys.get(m["entity_id"], set())
                introduced.setdefault(m["entity_id"], m["_a"])
            full.append((m["_a"], m["entity_id"], m["normalized"], shorts))
        kept = []
        person_starts = {m["_a"] for m in mentions if m["entity_type"] == "PERSON" and m["_a"] >= 0}
        for m in mentions:
            if m.get("_short") and m["entity_id"]:
                first = introduced.get(m["entity_id"])
                if first is not None:
                    if m["_need_full"] and tags is not None and self._adjective_use(m, toks, keys, tags):
                        continue  # ``المسؤول السوداني``: the adjective, though the person is named too
                    m["method"], m["confidence"] = "coref", (0.95 if first < m["_a"] else 0.85)
                elif m["_need_full"]:
                    if not self._titled(m, toks, keys) or self._before_name(m, toks, person_starts):
                        continue  # no title before it, or ``الرئيس السوداني عمر البشير``: the adjective of the name after it
                    m["confidence"] = 0.7  # ambiguous short form, supported by the title before it
            kept.append(m)
        occ = self._occupancy(toks, kept)
        free = [o < 0 for o in occ]
        for t, off, fi, conf in resolve_short_forms(full, toks, keys, free, self.blocked, self.weak):
            if tags is not None:
                hit = tags.at(t)
                if hit and hit[0] != "PERSON":
                    continue  # the tagger reads it as a club, company or place (``بيلباو``, ``فيراري``)
                if not hit and keys[t][off:] in self.very_frequent:
                    continue  # a frequent word (``مرات``, ``عشر``) needs the tagger to read it as a name
            a, b = toks[t][0] + off, toks[t][1]
            _, eid, norm, _ = full[fi]
            sub = self.info[eid][1] if eid else None
            m = self._mention(view, a, b, eid, "PERSON", sub, "coref", conf, _short=False, _need_full=False)
            if m["surface"][-1:] in _NOT_NISBA_END:
                continue  # المستشفى / الطوارئ fold onto ...ي once normalized: not a surname
            kept.append(m)
        return kept
