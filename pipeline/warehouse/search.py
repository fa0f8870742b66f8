"""Arabic full-text search over the published warehouse (postings tables, Arabic stemmer).

The index (``search_postings`` / ``search_documents``, maintained per batch by
``pipeline/warehouse/search_index.py``) stores the Snowball-Arabic stem (the fts extension's
``stem``) of every token of ``documents.title`` and ``documents.clean_text``. That
stemmer folds hamza forms (أ إ آ → ا) and strips the article in most words, but it is not
consistent with clitics: ``القوات`` → ``القو`` while ``قوات`` → ``قوا`` and ``والحشد`` is kept whole.
A query word is therefore expanded, in the matching layer only, into the surface variants a text
can show it in (article and proclitics ``و ف ب ل ك``, teh marbuta/heh, alef maksura/yeh, hamza on
waw/yeh), each variant is stemmed with the *same* stemmer as the index, and the distinct stems
form one *term group*. A document matches a group when it contains any of its stems.

Scoring is BM25 (k1 = 1.2, b = 0.75, as the fts extension's ``match_bm25``) computed in SQL per
term group from the postings (a group behaves like one term: tf = occurrences of any of its stems,
df = documents containing any of them; N and the average length are aggregates of
``search_documents``). By default every group must match (``mode='all'``); a document where
the query words appear consecutively in order gets a phrase boost. Only active documents are
returned.

Snippets and highlights are code-point offsets into ``documents.clean_text``
(``clean_text[start:end] == surface``); a document token is highlighted when its stem belongs to
a matched group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

import duckdb

from pipeline.text.normalize import normalize_digits, normalize_key, strip_diacritics
from pipeline.warehouse.search_index import LENGTHS_TABLE, POSTINGS_TABLE

__all__ = [
    "SearchError", "Highlight", "SearchHit", "QueryTerm",
    "fts_available", "query_words", "word_variants", "query_terms", "tokenize", "search", "render_snippet",
]

K1, B = 1.2, 0.75
PHRASE_BOOST = 1.5
SNIPPET_TOKENS = 32
SNIPPET_LEAD = 6

#: Same token definition as the index (``ignore = '(\.|[^\p{L}\p{N}])+'``): runs of letters/digits.
_TOKEN_RE = re.compile(r"[^\W_]+")
_PROCLITIC_ARTICLE = ("وال", "فال", "بال", "كال", "وبال", "ولل", "فلل", "لل", "ال")
_PREFIXES = ("", "ال", "و", "وال", "ف", "فال", "ب", "بال", "وب", "وبال", "ل", "لل", "ول", "ولل", "ك", "كال")
_MIN_CORE = 3


class SearchError(RuntimeError):
    """The query cannot be run (no index, empty query)."""


@dataclass(frozen=True)
class Highlight:
    """A highlighted token: offsets into ``documents.clean_text``."""

    start: int
    end: int
    surface: str
    term: int  # index of the query term group it matched


@dataclass(frozen=True)
class QueryTerm:
    """One query word and the index stems that count as an occurrence of it."""

    word: str
    stems: tuple[str, ...]


@dataclass
class SearchHit:
    """A ranked document with its best snippet."""

    doc_id: str
    title: str | None
    publisher: str | None
    published_at: datetime | None
    score: float
    bm25: float
    phrase: bool
    matched_terms: list[str]
    snippet_start: int
    snippet_end: int
    snippet: str
    highlights: list[Highlight] = field(default_factory=list)
    text_chars: int = 0  # length of clean_text (to tell whether the snippet is cut)

    def to_dict(self) -> dict:
        """JSON-ready dict (highlight offsets index ``clean_text``)."""
        return {
            "doc_id": self.doc_id, "title": self.title, "publisher": self.publisher,
            "published_at": self.published_at.isoformat(sep=" ") if self.published_at else None,
            "score": round(self.score, 4), "bm25": round(self.bm25, 4), "phrase": self.phrase,
            "matched_terms": self.matched_terms, "snippet": self.snippet,
            "snippet_start": self.snippet_start, "snippet_end": self.snippet_end,
            "highlights": [{"start": h.start, "end": h.end, "surface": h.surface} for h in self.highlights],
        }


def fts_available(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the warehouse holds a full-text index (postings of at least one document)."""
    present = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_name IN (?, ?)",
        [POSTINGS_TABLE, LENGTHS_TABLE]).fetchall()}
    return len(present) == 2 and con.execute(f"SELECT count(*) FROM {LENGTHS_TABLE}").fetchone()[0] > 0


def query_words(query: str) -> list[str]:
    """Tokens of a query as the index tokenizes text: diacritics/tatweel removed, digits folded,
    lower-cased, split on anything that is not a letter or digit; one-letter words dropped."""
    text = normalize_digits(strip_diacritics(query)).lower()
    return [t for t in _TOKEN_RE.findall(text) if len(t) > 1 or t.isdigit()]


def _core(word: str) -> str:
    for p in _PROCLITIC_ARTICLE:
        if word.startswith(p) and len(word) - len(p) >= _MIN_CORE:
            return word[len(p):]
    return word


def _spellings(core: str) -> set[str]:
    """Spelling variants of a word core: initial hamza (ا أ إ), final ة/ه and ى/ي, medial ؤ/ئ."""
    out = {core}
    if core[0] in "اأإآ":  # initial hamza is written or dropped freely
        out |= {a + core[1:] for a in "اأإ"}
    for a, b in (("ة", "ه"), ("ه", "ة"), ("ى", "ي"), ("ي", "ى")):
        out |= {w[:-1] + b for w in list(out) if w.endswith(a)}
    for a, b in (("ؤ", "ئ"), ("ئ", "ؤ")):
        out |= {w.replace(a, b) for w in list(out) if a in w}
    return out


def word_variants(word: str) -> list[tuple[str, str, str]]:
    """Surface forms under which ``word`` may occur in a text: its core (article/proclitics
    removed) in the usual spelling variants, with every common proclitic sequence.

    Returns ``(form, prefix, spelling)`` triples; the query word itself comes first as
    ``(word, "", word)``.
    """
    core = _core(word)
    forms = [(word, "", word)]
    if core.isalpha() and any("\u0600" <= c <= "\u06ff" for c in core):
        for spelling in sorted(_spellings(core)):
            forms += [(p + spelling, p, spelling) for p in _PREFIXES if p + spelling != word]
    return forms


def _stems(con: duckdb.DuckDBPyConnection, words: list[str]) -> list[str]:
    """The index's stem of each word, computed once per distinct word (passed as an Arrow table:
    binding a long Python list as a query parameter is far slower)."""
    if not words:
        return []
    import pyarrow as pa

    distinct = list(dict.fromkeys(words))
    con.register("_khabar_stem_words", pa.table({"w": pa.array(distinct, pa.string())}))
    try:
        stems = dict(con.execute("SELECT w, stem(lower(w), 'arabic') FROM _khabar_stem_words").fetchall())
    finally:
        con.unregister("_khabar_stem_words")
    return [stems[w] for w in words]


def _plausible(stem: str, prefix: str, spelling: str) -> bool:
    """Whether the stem of ``prefix + spelling`` still stands for ``spelling``: once the prefix is
    removed it must be a prefix of the spelling (compared on matching keys) losing at most two
    letters. Rejects over-stemmed forms such as ``بالعين`` → ``بالع``."""
    rest = normalize_key(stem[len(prefix):] if stem.startswith(prefix) else stem)
    if prefix.endswith("ال") and not stem.startswith(prefix):
        rest = normalize_key(stem)
    core = normalize_key(spelling)
    return len(rest) >= 2 and len(rest) >= len(core) - 2 and (core.startswith(rest) or rest.startswith(core))


def query_terms(con: duckdb.DuckDBPyConnection, query: str) -> list[QueryTerm]:
    """Normalize ``query`` and expand each word into the stems the index may hold for it."""
    terms = []
    for word in query_words(query):
        variants = word_variants(word)
        stems = _stems(con, [form for form, _, _ in variants])
        kept = {stems[0]} | {s for s, (_, p, sp) in zip(stems[1:], variants[1:]) if _plausible(s, p, sp)}
        terms.append(QueryTerm(word, tuple(sorted(kept))))
    return terms


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token spans of ``text`` (code-point offsets), as the index tokenizes it."""
    return [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _candidates(con, terms: list[QueryTerm], need: int, limit: int) -> list[tuple]:
    groups, stems = [], []
    for i, t in enumerate(terms):
        groups += [i] * len(t.stems)
        stems += list(t.stems)
    sql = f"""
        WITH q AS (SELECT DISTINCT unnest(?::INTEGER[]) AS grp, unnest(?::VARCHAR[]) AS stem),
        hits AS (SELECT p.doc_id, q.grp, sum(p.tf) AS tf
                 FROM {POSTINGS_TABLE} p JOIN q ON p.term = q.stem GROUP BY p.doc_id, q.grp),
        df AS (SELECT grp, count(*) AS df FROM hits GROUP BY grp),
        st AS (SELECT count(*) AS num_docs, avg(n_terms) AS avgdl FROM {LENGTHS_TABLE}),
        scored AS (
            SELECT h.doc_id, count(*) AS n_groups, list(h.grp ORDER BY h.grp) AS grps,
                   sum(log((st.num_docs - df.df + 0.5) / (df.df + 0.5) + 1)
                       * (h.tf * ({K1} + 1)) / (h.tf + {K1} * (1 - {B} + {B} * l.n_terms / st.avgdl))) AS score
            FROM hits h JOIN df USING (grp) JOIN {LENGTHS_TABLE} l USING (doc_id), st
            GROUP BY h.doc_id)
        SELECT d.doc_id, d.title, d.publisher, d.published_at, d.clean_text, s.score, s.grps
        FROM scored s JOIN documents d ON d.doc_id = s.doc_id
        WHERE s.n_groups >= ? AND d.status = 'active'
        ORDER BY s.score DESC, d.published_at DESC NULLS LAST, d.doc_id
        LIMIT ?"""
    return con.execute(sql, [groups, stems, need, limit]).fetchall()


def _token_matches(con, text: str, terms: list[QueryTerm]) -> tuple[list[tuple[int, int]], list[int | None]]:
    spans = tokenize(text)
    stems = _stems(con, [text[s:e] for s, e in spans])
    lookup: dict[str, int] = {}
    for i, t in enumerate(terms):
        for s in t.stems:
            lookup.setdefault(s, i)
    return spans, [lookup.get(s) for s in stems]


def _has_phrase(groups: list[int | None], n_terms: int) -> bool:
    if n_terms < 2:
        return False
    for i in range(len(groups) - n_terms + 1):
        if all(groups[i + j] == j for j in range(n_terms)):
            return True
    return False


def _best_window(groups: list[int | None]) -> int:
    """Index of the first token of the snippet window richest in distinct matched terms."""
    best, best_key = 0, (-1, -1)
    positions = [i for i, g in enumerate(groups) if g is not None]
    for i in positions:
        window = [g for g in groups[i:i + SNIPPET_TOKENS - SNIPPET_LEAD] if g is not None]
        key = (len(set(window)), len(window))
        if key > best_key:
            best, best_key = i, key
    return max(0, best - SNIPPET_LEAD) if positions else 0


def search(con: duckdb.DuckDBPyConnection, query: str, limit: int = 10, mode: str = "all") -> list[SearchHit]:
    """Ranked active documents matching ``query``; ``mode`` 'all' (every word) or 'any'.

    Each hit carries a snippet (``clean_text[snippet_start:snippet_end]``) and highlight spans
    into ``clean_text``. Raises :class:`SearchError` without an index or with an empty query.
    """
    if mode not in ("all", "any"):
        raise SearchError(f"unknown search mode {mode!r} (all | any)")
    if not fts_available(con):
        raise SearchError("the warehouse has no full-text index (it is built when documents are published)")
    terms = query_terms(con, query)
    if not terms:
        raise SearchError(f"the query {query!r} has no searchable word")
    need = len(terms) if mode == "all" else 1
    rows = _candidates(con, terms, need, max(limit * 3, 30))
    hits = []
    for doc_id, title, publisher, published_at, text, bm25, grps in rows:
        spans, groups = _token_matches(con, text, terms)
        phrase = _has_phrase(groups, len(terms))
        first = _best_window(groups)
        window = spans[first:first + SNIPPET_TOKENS]
        s0, s1 = (window[0][0], window[-1][1]) if window else (0, 0)
        highlights = [Highlight(s, e, text[s:e], g) for (s, e), g in zip(spans[first:first + SNIPPET_TOKENS],
                                                                         groups[first:first + SNIPPET_TOKENS])
                      if g is not None]
        hits.append(SearchHit(
            doc_id=doc_id, title=title, publisher=publisher, published_at=published_at,
            score=bm25 * (PHRASE_BOOST if phrase else 1.0), bm25=bm25, phrase=phrase,
            matched_terms=[terms[g].word for g in sorted(set(grps))],
            snippet_start=s0, snippet_end=s1, snippet=text[s0:s1], highlights=highlights, text_chars=len(text),
        ))
    hits.sort(key=lambda h: (-h.score, -(h.published_at.timestamp() if h.published_at else 0), h.doc_id))
    return hits[:limit]


def render_snippet(hit: SearchHit, open_mark: str = "«", close_mark: str = "»") -> str:
    """The hit's snippet on one line with every highlighted token wrapped in marks."""
    out, pos = [], hit.snippet_start
    for h in hit.highlights:
        out.append(hit.snippet[pos - hit.snippet_start:h.start - hit.snippet_start])
        out.append(open_mark + h.surface + close_mark)
        pos = h.end
    out.append(hit.snippet[pos - hit.snippet_start:])
    line = " ".join("".join(out).split())
    return ("… " if hit.snippet_start > 0 else "") + line + (" …" if hit.snippet_end < hit.text_chars else "")
