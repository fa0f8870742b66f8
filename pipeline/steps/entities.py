"""Frame-level entity step: mentions linked to the knowledge base, and roles stated in the text."""

from __future__ import annotations

import polars as pl

from pipeline.steps.documents import DocView, attach_offsets

__all__ = ["MENTION_SCHEMA", "ROLE_SCHEMA", "entity_rows", "mention_frame", "role_frame"]

MENTION_SCHEMA = {
    "mention_id": pl.String, "doc_id": pl.String, "sentence_id": pl.String, "entity_id": pl.String,
    "entity_type": pl.String, "subtype": pl.String, "surface": pl.String, "normalized": pl.String,
    "start_char": pl.Int32, "end_char": pl.Int32, "raw_start": pl.Int32, "raw_end": pl.Int32,
    "method": pl.String, "confidence": pl.Float64,
}
ROLE_SCHEMA = {
    "role_id": pl.String, "doc_id": pl.String, "mention_id": pl.String, "entity_id": pl.String,
    "role_title": pl.String, "affiliation_entity_id": pl.String, "affiliation_surface": pl.String,
    "start_char": pl.Int32, "end_char": pl.Int32, "raw_start": pl.Int32, "raw_end": pl.Int32, "surface": pl.String,
}


def entity_rows(view: DocView, extractor) -> tuple[list[dict], list[dict]]:
    """Mentions and roles of one document with ids, sentence ids and raw offsets."""
    res = extractor.extract(view.text, sentences=view.sentences, skip_spans=view.skip_spans)
    mentions = attach_offsets(view, sorted(res.mentions, key=lambda m: m["start"]), "m", "mention_id")
    by_span = {(m["start_char"], m["end_char"]): m for m in mentions}
    roles = []
    for r in res.roles:
        person = by_span.get((r["mention_start"], r["mention_end"]))
        if person is None:
            continue
        roles.append({**r, "mention_id": person["mention_id"], "entity_id": person.get("entity_id"),
                      "surface": view.text[r["start"]:r["end"]]})
    return mentions, attach_offsets(view, roles, "role", "role_id")


def mention_frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame([{k: r.get(k) for k in MENTION_SCHEMA} for r in rows], schema=MENTION_SCHEMA)


def role_frame(rows: list[dict]) -> pl.DataFrame:
    return pl.DataFrame([{k: r.get(k) for k in ROLE_SCHEMA} for r in rows], schema=ROLE_SCHEMA)
