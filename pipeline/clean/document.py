"""``clean_document``: raw article text → cleaned text, segmentation, metadata and an offset map.

Steps (each removal is recorded with its rule; the raw text is never modified):

1. split into lines (CRLF/CR/LF/LS/PS); trim spaces and invisible characters; drop empty lines;
2. line rules (:mod:`pipeline.clean.boilerplate`): ad markers, prompts, widgets, footers,
   separators, source credits, related-article headings and links; inline ``[ad_N]`` markers
   split a line; a lone trailing Latin token (``Draw``) is cut from a short Arabic line;
3. header: a dateline and a byline among the first lines are removed and parsed; the title is the
   metadata title or the first remaining title-shaped line (kept, kind ``title``);
4. context: lines after a "related" heading that read like headlines are removed
   (``related_link``); a headline-shaped line between two body paragraphs is removed
   (``related_headline``); a 1–4 word line there is kept as a ``heading``;
5. every kept line is normalised (:func:`pipeline.clean.unicode.normalize_with_map`) and becomes a
   paragraph; paragraphs are joined with a blank line; sentences, script and language per paragraph.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from pipeline.clean import boilerplate as bp
from pipeline.clean.metadata import parse_byline, parse_dateline, title_shape
from pipeline.clean.offsets import OffsetMap
from pipeline.clean.script import identify
from pipeline.clean.segment import split_lines, split_sentences
from pipeline.clean.unicode import normalize_with_map, strip_span, surface_normalize
from pipeline.text.normalize import normalize_key

__all__ = ["CleanResult", "clean_document", "PARAGRAPH_SEPARATOR", "HEADER_WINDOW"]

PARAGRAPH_SEPARATOR = "\n\n"
#: How many leading content lines are searched for a byline or a dateline.
HEADER_WINDOW = 6
#: Lines with more spaces than this skip the line rules (the longest rule bound is 40 words;
#: runs of spaces are counted too, so this is conservative).
_LONG_LINE_SPACES = 60


@dataclass
class CleanResult:
    """Everything the cleaning step produces for one document (see module docstring)."""

    clean_text: str
    offset_map: OffsetMap
    title: str | None = None
    title_source: str | None = None            # 'metadata' | 'text' | None
    author: str | None = None
    author_source: str | None = None
    published_at: datetime | None = None       # None if no date printed; never the wall clock
    published_at_source: str | None = None     # 'metadata' | 'text' | None
    removed_spans: list[dict] = field(default_factory=list)   # {raw_start, raw_end, rule, text}
    paragraphs: list[dict] = field(default_factory=list)      # {index, start, end, raw_start, raw_end, script, language, is_extractable, kind}
    sentences: list[dict] = field(default_factory=list)       # {index, paragraph_index, start, end, raw_start, raw_end}
    stats: dict = field(default_factory=dict)


@dataclass
class _Item:
    start: int
    end: int
    text: str
    key: str
    line: int
    kind: str = "body"
    rule: str | None = None


def _line_items(raw: str) -> tuple[list[_Item], list[dict]]:
    """Content lines as items, with whole-line and edge rules applied."""
    items: list[_Item] = []
    removed: list[dict] = []
    for ln, (ls, le) in enumerate(split_lines(raw)):
        s, e = strip_span(raw, ls, le)
        if s >= e:
            continue
        pieces = [(s, e)]
        ads = bp.inline_ad_spans(raw[s:e])
        if ads:
            pieces, cur = [], s
            for a, b in ads:
                removed.append(_rm(raw, s + a, s + b, "ad_marker"))
                pieces.append((cur, s + a))
                cur = s + b
            pieces.append((cur, e))
            pieces = [p for p in (strip_span(raw, a, b) for a, b in pieces) if p[0] < p[1]]
        for a, b in pieces:
            text = raw[a:b]
            if text.count(" ") > _LONG_LINE_SPACES:
                # long paragraph: no line rule applies (all are bounded in length)
                items.append(_Item(a, b, text, "", ln))
                continue
            key = normalize_key(text)
            if not key:
                removed.append(_rm(raw, a, b, "empty"))
                continue
            rule = bp.match_line(text, key)
            if rule is None and bp.is_related_heading(text, key):
                rule = "related_heading"
            if rule:
                items.append(_Item(a, b, text, key, ln, kind="removed", rule=rule))
                continue
            cut = bp.trailing_junk_start(text)
            if cut is not None:
                b2 = strip_span(raw, a, a + cut)[1]
                removed.append(_rm(raw, b2, b, "trailing_junk"))
                b, text = b2, raw[a:b2]
                key = normalize_key(text)
            kind = "caption" if bp.caption_like(text, key) else "credit" if bp.credit_like(text, key) else "body"
            items.append(_Item(a, b, text, key, ln, kind=kind))
    return items, removed


def _rm(raw: str, a: int, b: int, rule: str) -> dict:
    return {"raw_start": a, "raw_end": b, "rule": rule, "text": raw[a:b]}


def _kept(items: list[_Item]) -> list[int]:
    return [i for i, it in enumerate(items) if it.rule is None]


def _header(items: list[_Item], title: str | None, author: str | None, published_at: datetime | None) -> dict:
    """Dateline, byline and title among the first lines; mutates ``items``."""
    out: dict = {"title": None, "author": None, "published_at": None}
    kept = _kept(items)[:HEADER_WINDOW]
    for i in kept:
        it = items[i]
        if it.kind != "body":
            continue
        dt = parse_dateline(it.text)
        if dt is not None:
            it.rule = "dateline"
            if out["published_at"] is None:
                out["published_at"] = dt
            continue
        name = parse_byline(it.text)
        if name is not None:
            # kept in the clean text (paragraph kind 'byline', not a body paragraph) so that the
            # author is also an entity mention of the document
            it.kind = "byline"
            if out["author"] is None:
                out["author"] = surface_normalize(name)
    kept = _kept(items)
    if title:
        tkey = normalize_key(title)
        for i in kept[:3]:
            if (items[i].key or normalize_key(items[i].text)) == tkey:
                items[i].kind = "title"
                break
    elif kept and items[kept[0]].kind == "body" and title_shape(items[kept[0]].text):
        nxt = items[kept[1]] if len(kept) > 1 else None
        # a title is followed by something (not the last line) and is not itself a long paragraph
        if nxt is not None:
            items[kept[0]].kind = "title"
            out["title"] = surface_normalize(items[kept[0]].text)
    return out


def _context(items: list[_Item]) -> None:
    """Related-article sections, injected headlines and subheadings; mutates ``items``."""
    in_related = False
    for it in items:
        if it.rule == "related_heading":
            in_related = True
            continue
        if it.rule is not None:
            continue
        if in_related and it.kind == "body" and bp.word_count(it.text, 25) <= 25 and (
                bp.headline_shape(it.text) or bp.heading_shape(it.text)):
            it.rule = "related_link"
            continue
        in_related = False
    kept = _kept(items)
    n = len(kept)
    pos = 1
    while pos < n:
        it = items[kept[pos]]
        prev = items[kept[pos - 1]]
        if it.kind != "body" or not (prev.kind == "body" and bp.body_shape(prev.text)):
            pos += 1
            continue
        # a run of consecutive headline-shaped lines after a body paragraph
        end = pos
        while end < n and items[kept[end]].kind == "body" and bp.related_headline_shape(items[kept[end]].text):
            end += 1
        nxt = items[kept[end]] if end < n else None
        next_body = nxt is None or (nxt.kind == "body" and bp.body_shape(nxt.text))
        if end > pos and next_body:
            for j in range(pos, end):
                items[kept[j]].rule = "related_headline"
            pos = end
            continue
        if bp.heading_shape(it.text) and pos + 1 < n:
            nx = items[kept[pos + 1]]
            if nx.kind == "body" and bp.body_shape(nx.text):
                it.kind = "heading"
        pos += 1


def clean_document(raw_text: str, *, title: str | None = None, published_at: datetime | None = None,
                   author: str | None = None) -> CleanResult:
    """Clean one raw article. Metadata arguments win over what is found in the text
    (``*_source`` = ``'metadata'``); otherwise title/author/date come from the text (``'text'``)."""
    raw = raw_text or ""
    items, removed = _line_items(raw)
    head = _header(items, title, author, published_at)
    _context(items)

    parts: list[str] = []
    segments: list[tuple[int, int, int, int]] = []
    paragraphs: list[dict] = []
    sentences: list[dict] = []
    cpos = 0
    for it in items:
        if it.rule is not None:
            removed.append(_rm(raw, it.start, it.end, it.rule))
            continue
        if parts:
            parts.append(PARAGRAPH_SEPARATOR)
            cpos += len(PARAGRAPH_SEPARATOR)
        clean, segs = normalize_with_map(it.text, base=it.start, clean_base=cpos)
        parts.append(clean)
        segments.extend(segs)
        info = identify(clean)
        pidx = len(paragraphs)
        paragraphs.append({
            "index": pidx, "start": cpos, "end": cpos + len(clean), "raw_start": it.start, "raw_end": it.end,
            "script": info.script, "language": info.language, "is_extractable": info.language == "ar",
            "kind": it.kind,
        })
        local = OffsetMap(segs)
        for a, b in split_sentences(clean):
            rs, re_ = local.to_raw(cpos + a, cpos + b)
            sentences.append({"index": len(sentences), "paragraph_index": pidx, "start": cpos + a,
                              "end": cpos + b, "raw_start": rs, "raw_end": re_})
        cpos += len(clean)
    removed.sort(key=lambda r: (r["raw_start"], r["raw_end"]))
    rules = Counter(r["rule"] for r in removed)

    res = CleanResult(clean_text="".join(parts), offset_map=OffsetMap(segments), removed_spans=removed,
                      paragraphs=paragraphs, sentences=sentences)
    if title:
        res.title, res.title_source = title, "metadata"
    elif head["title"]:
        res.title, res.title_source = head["title"], "text"
    if author:
        res.author, res.author_source = author, "metadata"
    elif head["author"]:
        res.author, res.author_source = head["author"], "text"
    if published_at is not None:
        res.published_at, res.published_at_source = published_at, "metadata"
    elif head["published_at"] is not None:
        res.published_at, res.published_at_source = head["published_at"], "text"
    res.stats = {
        "raw_chars": len(raw), "clean_chars": len(res.clean_text), "paragraphs": len(paragraphs),
        "sentences": len(sentences), "removed_spans": len(removed), "removed_by_rule": dict(rules),
        "paragraph_kinds": dict(Counter(p["kind"] for p in paragraphs)),
    }
    return res
