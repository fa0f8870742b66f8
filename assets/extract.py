"""Extraction tables (entity mentions and roles, time expressions, facts): their asset specs and
checks, produced by the per-document asset in `assets/documents.py`."""

from datetime import date

import dagster as dg
import polars as pl

from assets.resources import KhabarConfig
from assets.support import OWNERS, emit_checks, spec, table_metadata
from pipeline.clean.unicode import surface_normalize
from pipeline.faults import fault_point
from pipeline.extract.citations import SOURCE_KINDS
from pipeline.extract.dates import is_valid_timex, plausible_window
from pipeline.extract.events import EVENT_TYPES
from pipeline.extract.quantities import CATEGORIES, MAX_VALUE, QUALIFIERS
from pipeline.quality import frames as fc

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


#: The extraction outputs of the per-document asset (``assets/documents.py``).
OUTS = {
    "entity_mentions": dg.AssetOut(description="Person, organisation and place mentions linked to the knowledge "
                                   "base (entity_id NULL for names it lacks), with offsets in both texts.",
                                   owners=OWNERS, kinds=_K, group_name=GROUP),
    "entity_roles": dg.AssetOut(description="Roles stated in the text for a mentioned person "
                                "(وزير الدفاع الأمريكي لويد أوستن).", owners=OWNERS, kinds=_K, group_name=GROUP),
    "time_expressions": dg.AssetOut(
        description="Dates, times, durations and sets as TIMEX3 values with covered ranges, anchored only on the "
        "document's publication date (relative expressions in undated documents stay unresolved).",
        owners=OWNERS, kinds=_K, group_name=GROUP),
    "quantities": dg.AssetOut(description="Numbers with qualifier, category (troops, attacks, casualties, money…), "
                              "place and actor.", owners=OWNERS, kinds=_K, group_name=GROUP),
    "event_mentions": dg.AssetOut(description="Typed event reports (attack, strike, talks, withdrawal…) with "
                                  "date, place, actor, target, casualties and CAMEO root code.", owners=OWNERS,
                                  kinds=_K, group_name=GROUP),
    "quotes": dg.AssetOut(description="Direct quotations with their resolved speaker.", owners=OWNERS, kinds=_K,
                          group_name=GROUP),
    "citations": dg.AssetOut(description="Attributed sources (news agency, media, official, anonymous, document, "
                             "translation).", owners=OWNERS, kinds=_K, group_name=GROUP),
}
CHECK_SPECS = [
    spec("entity_mentions", "offsets_reproduce", "every mention's offsets reproduce its surface in both texts"),
    spec("entity_mentions", "linked_entities_exist", "linked mentions point to existing entities"),
    spec("entity_mentions", "types_accepted", "entity_type and method within their vocabularies"),
    spec("entity_mentions", "documents_without_entities", "share of Arabic documents with no entity at all",
         blocking=False),
    spec("entity_mentions", "no_extraction_errors", "no document made the extractor fail (failures are "
         "isolated to their document and listed here)", blocking=False),
    spec("entity_roles", "roles_point_to_mentions", "every role belongs to a mention of this batch"),
    spec("time_expressions", "offsets_reproduce", "offsets reproduce the surface in both texts"),
    spec("time_expressions", "values_are_timex3", "every value parses as TIMEX3"),
    spec("time_expressions", "ranges_ordered", "date_start <= date_end"),
    spec("time_expressions", "dates_in_plausible_window", "resolved dates fall in the window around publication"),
    spec("time_expressions", "no_extraction_errors", "no document made the extractor fail", blocking=False),
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
]


def extract_outputs(frames: dict, rows: dict[str, int] | None = None, rejected: int = 0):
    """The entity and time tables' outputs; ``frames`` may be lazy scans (``rows``: their row counts)."""
    mf, rf, tf = frames["entity_mentions"], frames["entity_roles"], frames["time_expressions"]
    lazy = isinstance(mf, pl.LazyFrame)
    n = (lambda t: rows[t]) if rows is not None else (lambda t: frames[t].height)
    lz = mf.lazy()
    linked = int(lz.select(pl.col("entity_id").is_not_null().sum()).collect().item()) if n("entity_mentions") else 0
    by_type = dict(lz.group_by("entity_type").len().collect().iter_rows()) if n("entity_mentions") else {}
    yield dg.Output(mf, output_name="entity_mentions", metadata=table_metadata(mf, {
        "mentions": n("entity_mentions"), "linked": linked, "unlinked": n("entity_mentions") - linked,
        "by_type": by_type}, rows=n("entity_mentions") if lazy else None))
    yield dg.Output(rf, output_name="entity_roles", metadata=table_metadata(rf, rows=n("entity_roles") if lazy else None))
    by_anchor = dict(tf.lazy().group_by("anchor").len().collect().iter_rows()) if n("time_expressions") else {}
    yield dg.Output(tf, output_name="time_expressions", metadata=table_metadata(tf, {
        "expressions": n("time_expressions"), "rejected_year_like_numbers": rejected, "by_anchor": by_anchor},
        rows=n("time_expressions") if lazy else None))


def fact_outputs(frames: dict, rows: dict[str, int] | None = None):
    """The four fact tables' outputs; ``frames`` may be lazy scans (``rows``: their row counts)."""
    lazy = rows is not None
    for k in FACT_TABLES:
        n = rows[k] if lazy else frames[k].height
        yield dg.Output(frames[k], output_name=k, metadata=table_metadata(frames[k], {k: n}, rows=n if lazy else None))


FACT_TABLES = ("quantities", "event_mentions", "quotes", "citations")


def frame_checks(frames: dict[str, pl.DataFrame], entities: pl.DataFrame) -> list[tuple[str, list[fc.CheckOutcome]]]:
    """Checks over the extraction frames of whole documents (a batch, or a slice of one);
    ``frames`` also holds ``documents`` (the cleaned documents)."""
    clean_documents = frames["documents"]
    mf, rf, tf = frames["entity_mentions"], frames["entity_roles"], frames["time_expressions"]
    arabic = clean_documents.filter(pl.col("language") == "ar")["doc_id"] if clean_documents.height else pl.Series([], dtype=pl.String)
    without = arabic.filter(~arabic.is_in(mf["doc_id"].unique().implode())) if arabic.len() else arabic
    types_ok = fc.accepted_values(mf, "entity_type", ENTITY_TYPES, allow_null=False, name="types_accepted")
    methods_ok = fc.accepted_values(mf, "method", METHODS, allow_null=False, name="types_accepted")
    out = [("entity_mentions", [
        _offset_checks("offsets_reproduce", mf, clean_documents, "surface"),
        fc.relationships(mf, "entity_id", entities, "entity_id", name="linked_entities_exist"),
        fc.CheckOutcome("types_accepted", types_ok.passed and methods_ok.passed,
                        (types_ok.metric or 0) + (methods_ok.metric or 0),
                        {"entity_type": types_ok.details, "method": methods_ok.details}),
        fc.share_at_most(without.len(), max(1, arabic.len()), 0.05, "documents_without_entities",
                         severity="WARN", blocking=False),
    ]), ("entity_roles", [fc.relationships(rf, "mention_id", mf, "mention_id", name="roles_point_to_mentions")])]

    bad_values = [v for v in tf["value"].to_list() if not is_valid_timex(v)] if tf.height else []
    disordered = tf.filter(pl.col("date_start") > pl.col("date_end")) if tf.height else tf
    pub = dict(clean_documents.select("doc_id", "published_at").iter_rows()) if clean_documents.height else {}
    outside = []
    for doc_id, a, b in (tf.select("doc_id", "date_start", "date_end").iter_rows() if tf.height else []):
        lo, hi = plausible_window(pub.get(doc_id))
        if (a is not None and a < lo) or (b is not None and b > hi):
            outside.append((doc_id, str(a), str(b)))
    out.append(("time_expressions", [
        _offset_checks("offsets_reproduce", tf, clean_documents, "surface"),
        fc.CheckOutcome("values_are_timex3", not bad_values, float(len(bad_values)), {"examples": bad_values[:5]}),
        fc.CheckOutcome("ranges_ordered", disordered.height == 0, float(disordered.height),
                        {"examples": disordered.head(5).select("doc_id", "surface").to_dicts() if disordered.height else []}),
        fc.CheckOutcome("dates_in_plausible_window", not outside, float(len(outside)), {"examples": outside[:5]}),
    ]))

    q, e = frames["quantities"], frames["event_mentions"]
    cat = fc.accepted_values(q, "category", CATEGORIES, allow_null=False, name="vocabularies")
    qual = fc.accepted_values(q, "qualifier", QUALIFIERS, name="vocabularies")
    insane = q.filter((pl.col("value") < 0) | (pl.col("value_min") < 0) | (pl.col("value") > MAX_VALUE) | (pl.col("value_max") > MAX_VALUE)
                      | (pl.col("value_min") > pl.col("value_max"))) if q.height else q
    out.append(("quantities", [
        _offset_checks("offsets_reproduce", q, clean_documents, "surface"),
        fc.CheckOutcome("vocabularies", cat.passed and qual.passed, (cat.metric or 0) + (qual.metric or 0),
                        {"category": cat.details, "qualifier": qual.details}),
        fc.CheckOutcome("values_sane", insane.height == 0, float(insane.height),
                        {"examples": insane.head(5).select("doc_id", "surface").to_dicts() if insane.height else []}),
    ]))
    outside_e = [(d, str(a)) for d, a, b in (e.select("doc_id", "date_start", "date_end").iter_rows() if e.height else [])
                 if _outside(a, b, plausible_window(pub.get(d)))]
    out.append(("event_mentions", [
        _offset_checks("offsets_reproduce", e, clean_documents, "trigger"),
        fc.accepted_values(e, "event_type", list(EVENT_TYPES), allow_null=False, name="types_accepted"),
        fc.CheckOutcome("dates_in_plausible_window", not outside_e, float(len(outside_e)), {"examples": outside_e[:5]}),
    ]))
    out.append(("quotes", [_offset_checks("offsets_reproduce", frames["quotes"], clean_documents, "quote_text")]))
    out.append(("citations", [
        _offset_checks("offsets_reproduce", frames["citations"], clean_documents, "surface"),
        fc.accepted_values(frames["citations"], "source_kind", SOURCE_KINDS, allow_null=False,
                           name="source_kinds_accepted"),
    ]))
    return out


def finish_checks(checks: list[tuple[str, list[fc.CheckOutcome]]], errors: dict[str, list[dict]],
                  rejected: int) -> list[tuple[str, list[fc.CheckOutcome]]]:
    """Add the batch-wide parts to the frame checks: each extractor's failures (``errors`` by
    ``entities``/``time``/``facts``) and the count of rejected year-like numbers."""
    out = []
    for asset, outcomes in checks:
        outcomes = list(outcomes)
        if asset == "time_expressions":
            for o in outcomes:
                if o.name == "dates_in_plausible_window":
                    o.details["rejected_year_like_numbers"] = rejected
        extra = {"entity_mentions": "entities", "time_expressions": "time", "quantities": "facts"}.get(asset)
        if extra:
            outcomes.append(_errors_outcome(errors[extra]))
        out.append((asset, outcomes))
    return out


def extract_results(context: dg.AssetExecutionContext, khabar: KhabarConfig, frames: dict[str, pl.DataFrame],
                    entities: pl.DataFrame, errors: dict[str, list[dict]], rejected: int):
    """Outputs and checks of every extraction table over in-memory frames (``frames`` also holds
    ``documents``)."""
    yield from extract_outputs(frames, rejected=rejected)
    fault_point("extract.during")  # entities and times extracted, facts not yet output
    yield from fact_outputs(frames)
    wh = khabar.settings().warehouse
    for asset, outcomes in finish_checks(frame_checks(frames, entities), errors, rejected):
        yield from emit_checks(context, asset, outcomes, wh)


def _errors_outcome(errors: list[dict]) -> fc.CheckOutcome:
    return fc.CheckOutcome("no_extraction_errors", not errors, float(len(errors)),
                           {"errors": errors[:20], "total": len(errors)}, severity="WARN", blocking=False)


def _outside(a: date | None, b: date | None, window: tuple[date, date]) -> bool:
    lo, hi = window
    return (a is not None and a < lo) or (b is not None and b > hi)

