"""The per-document asset: cleaning and every extractor in one pass per chunk of documents, over a
process pool (:mod:`pipeline.steps.parallel`), then each table's checks.

One step instead of four: every document is sent to a worker once, intermediate frames are never
handed between steps, and the run records far fewer events. The tables keep their asset keys and
groups (``clean``: cleaned documents, paragraphs, …; ``extract``: mentions, time expressions, facts).
"""

import dagster as dg
import polars as pl

from assets import clean, extract
from assets.resources import KhabarConfig
from pipeline.faults import fault_point
from pipeline.steps.clean import CleanOutputs
from pipeline.steps.parallel import process_documents


@dg.multi_asset(
    name="process_documents",
    ins={"raw_documents": dg.AssetIn(),
         **{k: dg.AssetIn() for k in ("entities", "entity_aliases", "entity_known_roles", "entity_alias_rules")}},
    outs={**clean.OUTS, **extract.OUTS},
    check_specs=[*clean.CHECK_SPECS, *extract.CHECK_SPECS],
)
def document_assets(context: dg.AssetExecutionContext, khabar: KhabarConfig, raw_documents: pl.DataFrame,
                    entities: pl.DataFrame, entity_aliases: pl.DataFrame, entity_known_roles: pl.DataFrame,
                    entity_alias_rules: pl.DataFrame):
    kb = {"entities": entities, "aliases": entity_aliases, "roles": entity_known_roles,
          "alias_rules": entity_alias_rules}
    out = process_documents(raw_documents, kb)
    f = out.frames
    context.log.info(f"processed {raw_documents.height} documents in {out.chunks} chunks on {out.workers} workers")
    docs = f["documents"]
    yield from clean.clean_results(context, khabar, CleanOutputs(
        documents=docs, paragraphs=f["paragraphs"], sentences=f["sentences"], removed_spans=f["removed_spans"],
        offset_map=f["offset_map"], stats=out.clean_stats), out.undated)
    yield from extract.entity_results(context, khabar, docs, f["entity_mentions"], f["entity_roles"], entities,
                                      out.errors["entities"])
    yield from extract.time_results(context, khabar, docs, f["time_expressions"], out.rejected_year_like_numbers,
                                    out.errors["time"])
    fault_point("extract.during")  # entities and times extracted, facts not yet output
    yield from extract.fact_results(context, khabar, docs,
                                    {k: f[k] for k in ("quantities", "event_mentions", "quotes", "citations")},
                                    out.errors["facts"])
