"""The per-document asset: cleaning and every extractor in one pass per chunk of documents, over a
process pool (:mod:`pipeline.steps.parallel`), then each table's checks.

One step instead of four: every document is sent to a worker once, intermediate frames are never
handed between steps, and the run records far fewer events. The tables keep their asset keys and
groups (``clean``: cleaned documents, paragraphs, …; ``extract``: mentions, time expressions, facts).

Memory stays flat in the batch size: each chunk's frames are spooled to Parquet files in the run's
directory as they arrive (:mod:`pipeline.steps.spool`), the outputs are lazy scans of those files,
and the checks read them back a slice of documents at a time, folding the slices' outcomes
(:mod:`pipeline.quality.merge`). The warehouse asset loads the scans slice by slice, and the
directory is removed with the run's other files.
"""

import dagster as dg
import polars as pl

from assets import clean, extract
from assets.resources import KhabarConfig
from assets.support import emit_checks
from pipeline.faults import fault_point
from pipeline.quality.merge import merge_checks
from pipeline.runs.leftovers import spool_dir
from pipeline.steps.clean import CleanOutputs
from pipeline.steps.parallel import process_documents
from pipeline.steps.spool import Spool


@dg.multi_asset(
    name="process_documents",
    ins={"raw_documents": dg.AssetIn(),
         **{k: dg.AssetIn() for k in ("entities", "entity_aliases", "entity_known_roles", "entity_alias_rules")}},
    outs={**clean.OUTS, **extract.OUTS},
    check_specs=[*clean.CHECK_SPECS, *extract.CHECK_SPECS],
)
def document_assets(context: dg.AssetExecutionContext, khabar: KhabarConfig, raw_documents: pl.LazyFrame,
                    entities: pl.DataFrame, entity_aliases: pl.DataFrame, entity_known_roles: pl.DataFrame,
                    entity_alias_rules: pl.DataFrame):
    kb = {"entities": entities, "aliases": entity_aliases, "roles": entity_known_roles,
          "alias_rules": entity_alias_rules}
    settings = khabar.settings()
    spool = Spool(spool_dir(settings.warehouse, context.run.run_id))
    spool.remove()  # a retried step starts from an empty spool
    out = process_documents(raw_documents, kb, spool=spool)
    f, rows = out.frames, dict(spool.rows)
    n_raw = raw_documents.lazy().select(pl.len()).collect().item()
    context.log.info(f"processed {n_raw} documents in {out.chunks} chunks on {out.workers} workers "
                     f"(spooled to {spool.root})")
    cleaned = CleanOutputs(documents=f["documents"], paragraphs=f["paragraphs"], sentences=f["sentences"],
                           removed_spans=f["removed_spans"], offset_map=f["offset_map"], stats=out.clean_stats)
    context.log.info(f"clean: {out.clean_stats}")
    yield from clean.clean_outputs(cleaned, rows)
    yield from extract.extract_outputs(f, rows, out.rejected_year_like_numbers)
    fault_point("extract.during")  # entities and times extracted, facts not yet output
    yield from extract.fact_outputs(f, rows)

    # checks, a slice of whole documents at a time
    checks = None
    for part in spool.slices():
        sliced = CleanOutputs(documents=part["documents"], paragraphs=part["paragraphs"],
                              sentences=part["sentences"], removed_spans=part["removed_spans"],
                              offset_map=part["offset_map"], stats=out.clean_stats)
        checks = merge_checks(checks, clean.frame_checks(sliced) + extract.frame_checks(part, entities))
    n_clean = len(clean.OUTS)  # clean.frame_checks: one (asset, outcomes) entry per cleaning table, first
    clean_part, extract_part = checks[:n_clean], checks[n_clean:]
    batch = dict(clean.batch_checks(cleaned, out.undated))
    wh = settings.warehouse
    for asset, outcomes in clean_part:
        yield from emit_checks(context, asset, outcomes + batch.get(asset, []), wh)
    for asset, outcomes in extract.finish_checks(extract_part, out.errors, out.rejected_year_like_numbers):
        yield from emit_checks(context, asset, outcomes, wh)
