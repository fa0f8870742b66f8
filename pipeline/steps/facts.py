"""Frame-level facts step: quantities, event mentions, quotes and citations of each document."""

from __future__ import annotations

import polars as pl

from pipeline.extract.citations import extract_citations
from pipeline.extract.casualty_score import casualty_score
from pipeline.extract.events import extract_event_mentions
from pipeline.extract.quantities import extract_quantities
from pipeline.extract.quotes import extract_quotes
from pipeline.extract.role_holders import link_role_phrases, role_holders
from pipeline.steps.documents import DocView, attach_offsets

__all__ = ["QUANTITY_SCHEMA", "EVENT_MENTION_SCHEMA", "QUOTE_SCHEMA", "CITATION_SCHEMA", "fact_rows", "frame"]

_OFFS = {"start_char": pl.Int32, "end_char": pl.Int32, "raw_start": pl.Int32, "raw_end": pl.Int32}
QUANTITY_SCHEMA = {
    "quantity_id": pl.String, "doc_id": pl.String, "sentence_id": pl.String, "surface": pl.String, **_OFFS,
    "value": pl.Float64, "value_min": pl.Float64, "value_max": pl.Float64, "qualifier": pl.String,
    "vague": pl.Boolean, "category": pl.String, "unit": pl.String, "currency": pl.String,
    "location_entity_id": pl.String, "actor_entity_id": pl.String, "confidence": pl.Float64, "scope": pl.String,
}
EVENT_MENTION_SCHEMA = {
    "event_mention_id": pl.String, "doc_id": pl.String, "sentence_id": pl.String, "event_id": pl.String,
    "event_type": pl.String, "cameo_root": pl.String, "trigger": pl.String, **_OFFS,
    "date_value": pl.String, "date_start": pl.Date, "date_end": pl.Date, "date_precision": pl.String,
    "timex_id": pl.String, "location_entity_id": pl.String, "actor_entity_id": pl.String, "target_entity_id": pl.String,
    "actor_surface": pl.String, "target_surface": pl.String, "killed": pl.Int64, "injured": pl.Int64,
    "confidence": pl.Float64,
}
QUOTE_SCHEMA = {
    "quote_id": pl.String, "doc_id": pl.String, "sentence_id": pl.String, "quote_text": pl.String, **_OFFS,
    "speaker_surface": pl.String, "speaker_start": pl.Int32, "speaker_end": pl.Int32,
    "speaker_entity_id": pl.String, "speaker_kind": pl.String, "reporting_verb": pl.String, "confidence": pl.Float64,
}
CITATION_SCHEMA = {
    "citation_id": pl.String, "doc_id": pl.String, "sentence_id": pl.String, "surface": pl.String, **_OFFS,
    "cue": pl.String, "source_surface": pl.String, "source_entity_id": pl.String, "source_kind": pl.String, "role": pl.String,
    "confidence": pl.Float64,
}


def fact_rows(view: DocView, mentions: list[dict], timexes: list[dict]) -> dict[str, list[dict]]:
    """All four fact kinds of one document; ``mentions``/``timexes`` are that document's rows."""
    text, sents = view.text, view.sentences
    quantities = extract_quantities(text, sents, mentions, timexes)
    events = extract_event_mentions(text, sents, mentions, timexes, quantities)
    quotes = extract_quotes(text, sents, mentions)
    citations = extract_citations(text, sents, mentions)
    # a speaker or source named by its office alone is the office holder of the publication year
    holders = role_holders()
    link_role_phrases(quotes, view.published_at, holders, "speaker_surface", "speaker_entity_id")
    link_role_phrases(citations, view.published_at, holders, "source_surface", "source_entity_id")
    for q in quantities:
        q.setdefault("surface", text[q["start"]:q["end"]])
    for e in events:
        e["trigger"] = text[e["start"]:e["end"]]
        if e.get("killed") is not None or e.get("injured") is not None:
            # a doubtful figure keeps its row but a low confidence (hidden by the views below 0.5)
            e["confidence"] = round(min(e["confidence"], casualty_score(text, e)), 2)
    for q in quotes:
        q["quote_text"] = text[q["start"]:q["end"]]
    for c in citations:
        c["surface"] = text[c["start"]:c["end"]]
    event_rows = attach_offsets(view, events, "e", "event_mention_id")
    for e in event_rows:
        e["timex_id"] = _source_timex(e, timexes)
    return {
        "quantities": attach_offsets(view, quantities, "q", "quantity_id"),
        "event_mentions": event_rows,
        "quotes": attach_offsets(view, quotes, "quote", "quote_id"),
        "citations": attach_offsets(view, citations, "c", "citation_id"),
    }


def _source_timex(event: dict, timexes: list[dict]) -> str | None:
    """The time expression of the event's sentence whose value is the event's date (nearest one)."""
    if not event.get("date_value"):
        return None
    same = [t for t in timexes if t.get("timex_id") and t.get("sentence_id") == event["sentence_id"]
            and t.get("value") == event["date_value"]]
    if not same:
        return None
    return min(same, key=lambda t: abs(t["start_char"] - event["start_char"]))["timex_id"]


def frame(rows: list[dict], schema: dict) -> pl.DataFrame:
    return pl.DataFrame([{k: r.get(k) for k in schema} for r in rows], schema=schema)
