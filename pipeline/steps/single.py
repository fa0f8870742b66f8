"""Everything Khabar extracts from one document, without a warehouse (``khabar extract``)."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from pipeline.clean.document import clean_document
from pipeline.steps.documents import DocView

__all__ = ["extract_document"]


@lru_cache(maxsize=1)
def _extractor():
    from pipeline.extract.entities import EntityExtractor
    from pipeline.kb.load import load_kb

    kb = load_kb()
    names = {r["entity_id"]: (r["name_en"], r["name_ar"]) for r in kb.entities.select("entity_id", "name_en", "name_ar").iter_rows(named=True)}
    return EntityExtractor(kb), names


def _view(raw_text: str, res) -> DocView:
    extractable = {p["index"]: bool(p["is_extractable"]) for p in res.paragraphs}
    sents, ids, skip, starts, all_ids = [], [], [], [], []
    for s in res.sentences:
        sid = f"s{s['index']}"
        starts.append(s["start"])
        all_ids.append(sid)
        if extractable.get(s["paragraph_index"], True):
            sents.append((s["start"], s["end"]))
            ids.append(sid)
        else:
            skip.append((s["start"], s["end"]))
    return DocView("doc", res.clean_text, raw_text, res.published_at, sents, ids, skip, res.offset_map, starts, all_ids)


def extract_document(raw_text: str, *, published_at: datetime | None = None, title: str | None = None) -> dict:
    """Clean ``raw_text`` and run every extractor; all offsets are returned for both texts
    (``raw_start``/``raw_end`` index ``raw_text`` exactly as given, ``start_char``/``end_char`` index
    ``document.clean_text``)."""
    from pipeline.steps.entities import entity_rows
    from pipeline.steps.facts import fact_rows
    from pipeline.steps.time import time_rows

    res = clean_document(raw_text, title=title, published_at=published_at)
    view = _view(raw_text, res)
    extractor, names = _extractor()
    mentions, roles = entity_rows(view, extractor)
    timexes, rejected = time_rows(view)
    facts = fact_rows(view, mentions, timexes)
    for m in mentions:
        if m.get("entity_id") in names:
            m["name_en"], m["name_ar"] = names[m["entity_id"]]
    def clean(rows):
        return [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()
                 if k not in ("start", "end", "doc_id")} for r in rows]
    return {
        "document": {
            "title": res.title, "title_source": res.title_source, "author": res.author,
            "published_at": res.published_at.isoformat() if res.published_at else None,
            "published_at_source": res.published_at_source,
            "n_paragraphs": len(res.paragraphs), "n_sentences": len(res.sentences),
            "removed_spans": res.removed_spans,
            "clean_text": res.clean_text,  # what start_char/end_char index
        },
        "entity_mentions": clean(mentions),
        "entity_roles": clean(roles),
        "time_expressions": clean(timexes),
        "rejected_year_like_numbers": rejected,
        **{k: clean(v) for k, v in facts.items()},
    }
