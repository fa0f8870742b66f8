"""Cleaning tables (cleaned text, offset map, removed boilerplate, paragraphs, sentences): their asset
specs and checks, produced by the per-document asset in `assets/documents.py`."""


from datetime import datetime, timedelta

import dagster as dg
import polars as pl

from assets.resources import KhabarConfig
from assets.support import OWNERS, emit_checks, spec, table_metadata
from pipeline.clean.unicode import surface_normalize
from pipeline.quality import frames as fc
from pipeline.quality.markers import markers_in
from pipeline.steps.clean import CleanOutputs

GROUP = "clean"
_K = {"python", "polars"}


#: The cleaning outputs of the per-document asset (``assets/documents.py``).
OUTS = {
    "clean_documents": dg.AssetOut(
        description="Cleaned text beside the raw text, with title, author and publication date "
        "(metadata or printed dateline; NULL when unknown, never the wall clock).", owners=OWNERS, kinds=_K,
        group_name=GROUP),
    "paragraphs": dg.AssetOut(description="Paragraphs with offsets in both texts and per-paragraph script/language; "
                              "non-Arabic paragraphs are kept but not extractable.", owners=OWNERS, kinds=_K,
                              group_name=GROUP),
    "sentences": dg.AssetOut(description="Sentences with offsets in both texts.", owners=OWNERS, kinds=_K,
                             group_name=GROUP),
    "removed_spans": dg.AssetOut(description="Every span removed from the raw text and the rule that removed it.",
                                 owners=OWNERS, kinds=_K, group_name=GROUP),
    "offset_map": dg.AssetOut(description="Segments mapping cleaned-text offsets back to raw-text offsets.",
                              owners=OWNERS, kinds=_K, group_name=GROUP),
}
CHECK_SPECS = [
    spec("clean_documents", "no_boilerplate_left", "no ad marker, share prompt, widget or footer survives cleaning"),
    spec("clean_documents", "published_at_sane", "a publication date has a source and is not in the future"),
    spec("clean_documents", "published_at_plausible", "documents whose date could not be right (before 1900, "
         "or in the future) are published undated and listed here", blocking=False),
    spec("clean_documents", "no_cleaner_failures", "no document made the cleaner fail (such documents get "
         "the conservative fallback cleaning and are listed here)", blocking=False),
    spec("paragraphs", "offsets_reproduce", "paragraph offsets are valid in both texts"),
    spec("sentences", "offsets_reproduce", "clean_text[start:end] = sentence text = cleaned raw_text[raw_start:raw_end]"),
    spec("removed_spans", "offsets_reproduce", "raw_text[raw_start:raw_end] = removed text"),
    spec("offset_map", "segments_in_bounds", "segments are ordered and inside both texts"),
]


def clean_outputs(out: CleanOutputs, rows: dict[str, int] | None = None):
    """The cleaning tables' outputs (``rows``: row counts when the frames are lazy scans)."""
    docs = out.documents
    yield dg.Output(docs, output_name="clean_documents", metadata=table_metadata(docs, {
        "documents": _height(docs, rows, "documents"), "with_published_at": out.stats.get("with_published_at", 0)},
        rows=_count(rows, "documents")))
    yield dg.Output(out.paragraphs, output_name="paragraphs",
                    metadata=table_metadata(out.paragraphs, rows=_count(rows, "paragraphs")))
    yield dg.Output(out.sentences, output_name="sentences",
                    metadata=table_metadata(out.sentences, rows=_count(rows, "sentences")))
    yield dg.Output(out.removed_spans, output_name="removed_spans", metadata=table_metadata(out.removed_spans, {
        "removed_by_rule": out.stats.get("removed_by_rule", {})}, rows=_count(rows, "removed_spans")))
    yield dg.Output(out.offset_map, output_name="offset_map",
                    metadata=table_metadata(out.offset_map, rows=_count(rows, "offset_map")))


def _count(rows: dict[str, int] | None, table: str) -> int | None:
    return None if rows is None else rows.get(table)


def _height(frame, rows: dict[str, int] | None, table: str) -> int:
    return rows[table] if rows is not None else frame.height


def batch_checks(out: CleanOutputs, undated: list[dict]) -> list[tuple[str, list[fc.CheckOutcome]]]:
    """Checks over the whole batch's statistics (not its frames)."""
    return [("clean_documents", [
        fc.CheckOutcome("published_at_plausible", not undated, float(len(undated)), {"documents": undated[:20]},
                        severity="WARN", blocking=False),
        fc.CheckOutcome("no_cleaner_failures", not out.stats["fallback_documents"],
                        float(len(out.stats["fallback_documents"])),
                        {"documents": out.stats["fallback_documents"][:20]}, severity="WARN", blocking=False),
    ])]


def frame_checks(out: CleanOutputs) -> list[tuple[str, list[fc.CheckOutcome]]]:
    """Checks over the cleaning frames (whole documents: a batch, or a slice of one)."""
    docs = out.documents
    texts = docs.select("doc_id", "clean_text", "raw_text")
    leftovers = markers_in(texts, "clean_text")
    horizon = datetime.now() + timedelta(days=2)
    bad_dates = docs.filter(
        pl.col("published_at").is_not_null() & (pl.col("published_at_source").is_null() | (pl.col("published_at") > horizon))
    ) if docs.height else docs
    par = out.paragraphs.rename({"start_char": "s", "end_char": "e"})
    p_clean = fc.spans_reproduce(par, texts, text_column="clean_text", start="s", end="e", name="offsets_reproduce")
    p_raw = fc.spans_reproduce(out.paragraphs, texts, text_column="raw_text", start="raw_start", end="raw_end",
                               name="offsets_reproduce")
    s_clean = fc.spans_reproduce(out.sentences, texts, text_column="clean_text", start="start_char", end="end_char",
                                 surface="text", name="offsets_reproduce")
    s_raw = fc.spans_reproduce(out.sentences, texts, text_column="raw_text", start="raw_start", end="raw_end",
                               surface="text", normalize=surface_normalize, name="offsets_reproduce")
    return [
        ("clean_documents", [
            fc.CheckOutcome("no_boilerplate_left", not leftovers, float(len(leftovers)), {"examples": leftovers[:5]}),
            fc.CheckOutcome("published_at_sane", bad_dates.height == 0, float(bad_dates.height),
                            {"doc_ids": bad_dates["doc_id"].head(5).to_list() if bad_dates.height else []}),
        ]),
        ("paragraphs", [_both(p_clean, p_raw)]),
        ("sentences", [_both(s_clean, s_raw)]),
        ("removed_spans", [fc.spans_reproduce(out.removed_spans, texts, text_column="raw_text", start="raw_start",
                                              end="raw_end", surface="text", name="offsets_reproduce")]),
        ("offset_map", [_segments_ok(out.offset_map, texts)]),
    ]


def clean_results(context: dg.AssetExecutionContext, khabar: KhabarConfig, out: CleanOutputs, undated: list[dict]):
    """Outputs and checks of the cleaning tables (``out`` holds the whole batch's frames, implausible
    dates already dropped; ``undated`` lists those documents)."""
    context.log.info(f"clean: {out.stats}")
    yield from clean_outputs(out)
    wh = khabar.settings().warehouse
    frame = dict(frame_checks(out))
    batch = dict(batch_checks(out, undated))
    # the order the checks were always emitted in
    yield from emit_checks(context, "clean_documents", frame["clean_documents"] + batch["clean_documents"], wh)
    for asset in ("paragraphs", "sentences", "removed_spans", "offset_map"):
        yield from emit_checks(context, asset, frame[asset], wh)


def _both(a: fc.CheckOutcome, b: fc.CheckOutcome) -> fc.CheckOutcome:
    return fc.CheckOutcome(a.name, a.passed and b.passed, (a.metric or 0) + (b.metric or 0),
                           {"clean": a.details, "raw": b.details}, description=a.description)


def _segments_ok(segments: pl.DataFrame, texts: pl.DataFrame) -> fc.CheckOutcome:
    if segments.height == 0:
        return fc.CheckOutcome("segments_in_bounds", True, 0.0, {"checked": 0})
    lens = texts.select("doc_id", pl.col("clean_text").str.len_chars().alias("nc"), pl.col("raw_text").str.len_chars().alias("nr"))
    seg = segments.join(lens, on="doc_id", how="left").sort("doc_id", "clean_start").with_columns(
        pl.col("clean_start").shift(-1).over("doc_id").alias("next_start"))
    bad = seg.filter(
        (pl.col("clean_start") < 0) | (pl.col("raw_start") < 0) | (pl.col("clean_start") + pl.col("clean_len") > pl.col("nc"))
        | (pl.col("raw_start") + pl.col("raw_len") > pl.col("nr"))
        | (pl.col("next_start").is_not_null() & (pl.col("clean_start") + pl.col("clean_len") > pl.col("next_start")))
    )
    return fc.CheckOutcome("segments_in_bounds", bad.height == 0, float(bad.height),
                           {"checked": seg.height, "examples": bad.head(5).drop("nc", "nr").to_dicts() if bad.height else []})
