"""Extraction assets: entity mentions and roles, time expressions, and facts."""

from datetime import date, datetime

import dagster as dg
import polars as pl

from assets.resources import KhabarConfig
from assets.support import OWNERS, emit_checks, spec, table_metadata
from pipeline.clean.unicode import surface_normalize
from pipeline.extract.citations import SOURCE_KINDS
from pipeline.extract.dates import is_valid_timex, plausible_window
from pipeline.extract.entities import EntityExtractor
from pipeline.extract.events import EVENT_TYPES
from pipeline.extract.quantities import CATEGORIES, MAX_VALUE, QUALIFIERS
from pipeline.kb.load import KnowledgeBase
from pipeline.quality import frames as fc
from pipeline.steps.documents import guarded, iter_documents
from pipeline.steps.entities import entity_rows, mention_frame, role_frame
from pipeline.steps.facts import CITATION_SCHEMA, EVENT_MENTION_SCHEMA, QUANTITY_SCHEMA, QUOTE_SCHEMA, fact_rows, frame
from pipeline.steps.time import time_frame, time_rows

GROUP = "extract"
_K = {"python", "polars"}
ENTITY_TYPES = ("PERSON", "ORG", "LOC")
METHODS = ("dictionary", "fuzzy", "coref", "pattern", "latin", "tagger")


def _offset_checks(name: str, rows: pl.DataFrame, docs: pl.DataFrame, surface: str) -> fc.CheckOutcome:
    texts = docs.select("doc_id", "clean_text", "raw_text")
    a = fc.spans_reproduce(rows, texts, text_column="clean_text", start="start_char", end="end_char",
                           surface=surface, name=name)
    b = fc.spans_reproduce(rows, texts, text_column="raw_text", start="raw_start", end="raw_end",
                           surface=surface, normalize=surface_normalize, name=name)
    return fc.CheckOutcome(name, a.passed and b.passed, (a.metric or 0) + (b.metric or 0),
                           {"clean": a.details, "raw": b.details},
                           description="offsets reproduce the surface in the cleaned and the raw text")


@dg.multi_asset(
    name="entity_extraction",
    group_name=GROUP,
    ins={k: dg.AssetIn() for k in ("clean_documents", "sentences", "offset_map", "entities", "entity_aliases",
                                   "entity_known_roles", "entity_alias_rules")},
    outs={
        "entity_mentions": dg.AssetOut(description="Person, organisation and place mentions linked to the knowledge "
                                       "base (entity_id NULL for names it lacks), with offsets in both texts.",
                                       owners=OWNERS, kinds=_K),
        "entity_roles": dg.AssetOut(description="Roles stated in the text for a mentioned person "
                                    "(وزير الدفاع الأمريكي لويد أوستن).", owners=OWNERS, kinds=_K),
    },
    check_specs=[
        spec("entity_mentions", "offsets_reproduce", "every mention's offsets reproduce its surface in both texts"),
        spec("entity_mentions", "linked_entities_exist", "linked mentions point to existing entities"),
        spec("entity_mentions", "types_accepted", "entity_type and method within their vocabularies"),
        spec("entity_mentions", "documents_without_entities", "share of Arabic documents with no entity at all",
             blocking=False),
        spec("entity_mentions", "no_extraction_errors", "no document made the extractor fail (failures are "
             "isolated to their document and listed here)", blocking=False),
        spec("entity_roles", "roles_point_to_mentions", "every role belongs to a mention of this batch"),
    ],
)
def entity_assets(context: dg.AssetExecutionContext, khabar: KhabarConfig, clean_documents: pl.DataFrame,
                  sentences: pl.DataFrame, offset_map: pl.DataFrame, entities: pl.DataFrame,
                  entity_aliases: pl.DataFrame, entity_known_roles: pl.DataFrame, entity_alias_rules: pl.DataFrame):
    extractor = EntityExtractor(KnowledgeBase(entities=entities, aliases=entity_aliases, roles=entity_known_roles,
                                              alias_rules=entity_alias_rules))
    mentions, roles, errors = [], [], []
    for view in iter_documents(clean_documents, sentences, offset_map):
        m, r = guarded("entities", view, errors, entity_rows, view, extractor, default=([], []))
        mentions += m
        roles += r
    mf, rf = mention_frame(mentions), role_frame(roles)
    linked = int(mf["entity_id"].is_not_null().sum()) if mf.height else 0
    yield dg.Output(mf, output_name="entity_mentions", metadata=table_metadata(mf, {
        "mentions": mf.height, "linked": linked, "unlinked": mf.height - linked,
        "by_type": dict(mf.group_by("entity_type").len().iter_rows()) if mf.height else {}}))
    yield dg.Output(rf, output_name="entity_roles", metadata=table_metadata(rf))
    wh = khabar.settings().warehouse
    arabic = clean_documents.filter(pl.col("language") == "ar")["doc_id"] if clean_documents.height else pl.Series([], dtype=pl.String)
    without = arabic.filter(~arabic.is_in(mf["doc_id"].unique().implode())) if arabic.len() else arabic
    types_ok = fc.accepted_values(mf, "entity_type", ENTITY_TYPES, allow_null=False, name="types_accepted")
    methods_ok = fc.accepted_values(mf, "method", METHODS, allow_null=False, name="types_accepted")
    yield from emit_checks(context, "entity_mentions", [
        _offset_checks("offsets_reproduce", mf, clean_documents, "surface"),
        fc.relationships(mf, "entity_id", entities, "entity_id", name="linked_entities_exist"),
        fc.CheckOutcome("types_accepted", types_ok.passed and methods_ok.passed,
                        (types_ok.metric or 0) + (methods_ok.metric or 0),
                        {"entity_type": types_ok.details, "method": methods_ok.details}),
        fc.share_at_most(without.len(), max(1, arabic.len()), 0.05, "documents_without_entities",
                         severity="WARN", blocking=False),
        _errors_outcome(errors),
    ], wh)
    yield from emit_checks(context, "entity_roles", [
        fc.relationships(rf, "mention_id", mf, "mention_id", name="roles_point_to_mentions")], wh)


@dg.asset(
    name="time_expressions",
    group_name=GROUP,
    description="Dates, times, durations and sets as TIMEX3 values with covered ranges, anchored only on the "
    "document's publication date (relative expressions in undated documents stay unresolved).",
    ins={k: dg.AssetIn() for k in ("clean_documents", "sentences", "offset_map")},
    owners=OWNERS, kinds=_K,
    check_specs=[
        spec("time_expressions", "offsets_reproduce", "offsets reproduce the surface in both texts"),
        spec("time_expressions", "values_are_timex3", "every value parses as TIMEX3"),
        spec("time_expressions", "ranges_ordered", "date_start <= date_end"),
        spec("time_expressions", "dates_in_plausible_window", "resolved dates fall in the window around publication"),
        spec("time_expressions", "no_extraction_errors", "no document made the extractor fail", blocking=False),
    ],
)
def time_asset(context: dg.AssetExecutionContext, khabar: KhabarConfig, clean_documents: pl.DataFrame,
               sentences: pl.DataFrame, offset_map: pl.DataFrame):
    rows, rejected, errors = [], 0, []
    for view in iter_documents(clean_documents, sentences, offset_map):
        r, n = guarded("time", view, errors, time_rows, view, default=([], 0))
        rows += r
        rejected += n
    tf = time_frame(rows)
    yield dg.Output(tf, metadata=table_metadata(tf, {
        "expressions": tf.height, "rejected_year_like_numbers": rejected,
        "by_anchor": dict(tf.group_by("anchor").len().iter_rows()) if tf.height else {}}))
    wh = khabar.settings().warehouse
    bad_values = [v for v in tf["value"].to_list() if not is_valid_timex(v)] if tf.height else []
    disordered = tf.filter(pl.col("date_start") > pl.col("date_end")) if tf.height else tf
    pub = dict(clean_documents.select("doc_id", "published_at").iter_rows()) if clean_documents.height else {}
    outside = []
    for doc_id, a, b in (tf.select("doc_id", "date_start", "date_end").iter_rows() if tf.height else []):
        lo, hi = plausible_window(pub.get(doc_id))
        if (a is not None and a < lo) or (b is not None and b > hi):
            outside.append((doc_id, str(a), str(b)))
    yield from emit_checks(context, "time_expressions", [
        _offset_checks("offsets_reproduce", tf, clean_documents, "surface"),
        fc.CheckOutcome("values_are_timex3", not bad_values, float(len(bad_values)), {"examples": bad_values[:5]}),
        fc.CheckOutcome("ranges_ordered", disordered.height == 0, float(disordered.height),
                        {"examples": disordered.head(5).select("doc_id", "surface").to_dicts() if disordered.height else []}),
        fc.CheckOutcome("dates_in_plausible_window", not outside, float(len(outside)),
                        {"examples": outside[:5], "rejected_year_like_numbers": rejected}),
        _errors_outcome(errors),
    ], wh)


@dg.multi_asset(
    name="fact_extraction",
    group_name=GROUP,
    ins={k: dg.AssetIn() for k in ("clean_documents", "sentences", "offset_map", "entity_mentions", "time_expressions")},
    outs={
        "quantities": dg.AssetOut(description="Numbers with qualifier, category (troops, attacks, casualties, money…), "
                                  "place and actor.", owners=OWNERS, kinds=_K),
        "event_mentions": dg.AssetOut(description="Typed event reports (attack, strike, talks, withdrawal…) with "
                                      "date, place, actor, target, casualties and CAMEO root code.", owners=OWNERS, kinds=_K),
        "quotes": dg.AssetOut(description="Direct quotations with their resolved speaker.", owners=OWNERS, kinds=_K),
        "citations": dg.AssetOut(description="Attributed sources (news agency, media, official, anonymous, document, "
                                 "translation).", owners=OWNERS, kinds=_K),
    },
    check_specs=[
        spec("quantities", "offsets_reproduce", "offsets reproduce the surface in both texts"),
        spec("quantities", "vocabularies", "category and qualifier within their vocabularies"),
        spec("quantities", "values_sane", "no negative values; min <= max; nothing absurd (> MAX_VALUE = 1e14)"),
        spec("quantities", "no_extraction_errors", "no document made a fact extractor fail", blocking=False),
        spec("event_mentions", "offsets_reproduce", "trigger offsets reproduce the trigger in both texts"),
        spec("event_mentions", "types_accepted", "event_type within the vocabulary"),
        spec("event_mentions", "dates_in_plausible_window", "event dates fall in the window around publication"),
        spec("quotes", "offsets_reproduce", "quote offsets reproduce the quote text in both texts"),
        spec("citations", "offsets_reproduce", "citation offsets reproduce the phrase in both texts"),
        spec("citations", "source_kinds_accepted", "source_kind within the vocabulary"),
    ],
)
def fact_assets(context: dg.AssetExecutionContext, khabar: KhabarConfig, clean_documents: pl.DataFrame,
                sentences: pl.DataFrame, offset_map: pl.DataFrame, entity_mentions: pl.DataFrame,
                time_expressions: pl.DataFrame):
    by_doc_m = _rows_by_doc(entity_mentions)
    by_doc_t = _rows_by_doc(time_expressions)
    out = {"quantities": [], "event_mentions": [], "quotes": [], "citations": []}
    errors: list[dict] = []
    for view in iter_documents(clean_documents, sentences, offset_map):
        rows = guarded("facts", view, errors, fact_rows, view, by_doc_m.get(view.doc_id, []),
                       by_doc_t.get(view.doc_id, []), default={})
        for k, v in rows.items():
            out[k] += v
    schemas = {"quantities": QUANTITY_SCHEMA, "event_mentions": EVENT_MENTION_SCHEMA, "quotes": QUOTE_SCHEMA,
               "citations": CITATION_SCHEMA}
    frames = {k: frame(v, schemas[k]) for k, v in out.items()}
    for k, f in frames.items():
        yield dg.Output(f, output_name=k, metadata=table_metadata(f, {k: f.height}))
    wh = khabar.settings().warehouse
    q, e = frames["quantities"], frames["event_mentions"]
    cat = fc.accepted_values(q, "category", CATEGORIES, allow_null=False, name="vocabularies")
    qual = fc.accepted_values(q, "qualifier", QUALIFIERS, name="vocabularies")
    insane = q.filter((pl.col("value") < 0) | (pl.col("value_min") < 0) | (pl.col("value") > MAX_VALUE) | (pl.col("value_max") > MAX_VALUE)
                      | (pl.col("value_min") > pl.col("value_max"))) if q.height else q
    yield from emit_checks(context, "quantities", [
        _offset_checks("offsets_reproduce", q, clean_documents, "surface"),
        fc.CheckOutcome("vocabularies", cat.passed and qual.passed, (cat.metric or 0) + (qual.metric or 0),
                        {"category": cat.details, "qualifier": qual.details}),
        fc.CheckOutcome("values_sane", insane.height == 0, float(insane.height),
                        {"examples": insane.head(5).select("doc_id", "surface").to_dicts() if insane.height else []}),
        _errors_outcome(errors),
    ], wh)
    pub = dict(clean_documents.select("doc_id", "published_at").iter_rows()) if clean_documents.height else {}
    outside = [(d, str(a)) for d, a, b in (e.select("doc_id", "date_start", "date_end").iter_rows() if e.height else [])
               if _outside(a, b, plausible_window(pub.get(d)))]
    yield from emit_checks(context, "event_mentions", [
        _offset_checks("offsets_reproduce", e, clean_documents, "trigger"),
        fc.accepted_values(e, "event_type", list(EVENT_TYPES), allow_null=False, name="types_accepted"),
        fc.CheckOutcome("dates_in_plausible_window", not outside, float(len(outside)), {"examples": outside[:5]}),
    ], wh)
    yield from emit_checks(context, "quotes", [
        _offset_checks("offsets_reproduce", frames["quotes"], clean_documents, "quote_text")], wh)
    yield from emit_checks(context, "citations", [
        _offset_checks("offsets_reproduce", frames["citations"], clean_documents, "surface"),
        fc.accepted_values(frames["citations"], "source_kind", SOURCE_KINDS, allow_null=False,
                           name="source_kinds_accepted"),
    ], wh)


def _errors_outcome(errors: list[dict]) -> fc.CheckOutcome:
    return fc.CheckOutcome("no_extraction_errors", not errors, float(len(errors)),
                           {"errors": errors[:20], "total": len(errors)}, severity="WARN", blocking=False)


def _outside(a: date | None, b: date | None, window: tuple[date, date]) -> bool:
    lo, hi = window
    return (a is not None and a < lo) or (b is not None and b > hi)


def _rows_by_doc(frame_: pl.DataFrame) -> dict[str, list[dict]]:
    """Rows per document with ``start``/``end`` = clean offsets, as the extractors expect."""
    if frame_.height == 0:
        return {}
    out: dict[str, list[dict]] = {}
    for r in frame_.iter_rows(named=True):
        r["start"], r["end"] = r["start_char"], r["end_char"]
        out.setdefault(r["doc_id"], []).append(r)
    return out
