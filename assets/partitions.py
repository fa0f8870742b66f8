"""Input batches as Dagster dynamic partitions: one run reads, processes and publishes one batch.

The batches — a feed file, a chunk of N lines of a large feed, a directory dropped below an input
root — and their keys come from :mod:`pipeline.ingest.batches`; ``input_batches_sensor`` registers
new keys and requests a run for every batch whose content changed. A backfill over many partitions
runs one run per partition (``khabar backfill``, or the UI / ``dagster job backfill``).

Each run does what the ``khabar_refresh`` job does, scoped to its batch: ingest (only the batch's
files or lines), clean and extract its documents, then — under the warehouse's writer gate — load
them with the incremental refresh (``build_and_publish``), which re-derives the cross-document
tables (events, entity candidates, search postings) and runs the contracts for the documents the
batch changed only. How many partition runs run at once is configuration: the asset is in the
``duckdb_warehouse`` pool, whose limit is in ``dagster.yaml`` (docs/partitions.md).
"""


import hashlib
import os

import dagster as dg
import duckdb
import polars as pl

from assets.resources import KhabarConfig
from assets.support import OWNERS, counts_markdown, run_started, spec
from pipeline.clean.script import detect_language
from pipeline.ingest.batch import ingest
from pipeline.ingest.batches import parse_batch_key
from pipeline.ingest.locations import input_labels
from pipeline.ingest.quarantine import quarantine_empty_documents
from pipeline.ingest.representatives import chunk_neighbours, settle_documents, stored_state
from pipeline.ingest.withdrawal import ACTIVE_SOURCE_SCHEMA, active_sources, withdrawal_outcome, withdrawals
from pipeline.kb.load import load_kb
from pipeline.quality.outcome import CheckOutcome
from pipeline.runs.failures import describe_exception
from pipeline.runs.gate import WarehouseBusy, describe_holder, writer_gate
from pipeline.runs.leftovers import remove_run_files
from pipeline.settings import processing_version
from pipeline.steps.parallel import process_documents
from pipeline.warehouse.connect import connect_published
from pipeline.warehouse.load import read_state
from pipeline.warehouse.refresh import CONTRACT_KINDS, build_and_publish

__all__ = ["INPUT_BATCHES", "input_batch_asset", "PARTITIONS_JOB"]

GROUP = "partitions"
INPUT_BATCHES = dg.DynamicPartitionsDefinition(name="input_batches")
#: document-scoped tables the batch loads (the warehouse asset's list)
DOC_TABLES = ["paragraphs", "sentences", "removed_spans", "offset_map", "entity_mentions", "entity_roles",
              "time_expressions", "quantities", "event_mentions", "quotes", "citations"]


def _process(docs: pl.DataFrame, kb_frames: dict) -> dict[str, pl.DataFrame]:
    return process_documents(docs, kb_frames).frames


def _only(frames: dict[str, pl.DataFrame], doc_ids: set[str]) -> dict[str, pl.DataFrame]:
    ids = pl.Series(sorted(doc_ids), dtype=pl.String)
    return {k: f.filter(pl.col("doc_id").is_in(ids.implode())) for k, f in frames.items()}


def _settle_under_gate(settings, scope, all_docs: pl.DataFrame, planned: pl.DataFrame,
                       frames: dict[str, pl.DataFrame], kb_frames: dict) -> tuple[pl.DataFrame, dict, int]:
    """Decide again, from the warehouse as it is now (the gate is held), which documents to load and
    from which representative; process the few whose decision changed since the run started."""
    con = connect_published(settings.warehouse)
    if con is None:
        return planned, frames, 0
    try:
        others, stored = stored_state(con, all_docs["doc_id"].to_list(), scope)
    finally:
        con.close()
    final = settle_documents(all_docs, others, stored, processing_version())
    same = set(final.join(planned, on=final.columns, how="semi", nulls_equal=True)["doc_id"].to_list())
    redo = final.filter(~pl.col("doc_id").is_in(pl.Series(sorted(same), dtype=pl.String).implode()))
    kept = _only(frames, same)
    if redo.height:
        fresh = _process(redo, kb_frames)
        kept = {k: pl.concat([kept[k], fresh[k]], how="vertical_relaxed") for k in kept}
    return final, kept, redo.height


@dg.asset(
    name="input_batch",
    group_name=GROUP,
    partitions_def=INPUT_BATCHES,
    description="One input batch (a feed file, a chunk of N lines of a feed, or a dropped directory; key = its "
    "stored name, e.g. `ant/feed.jsonl#lines=1001-2000`) read, cleaned, extracted and published into the "
    "warehouse by the incremental refresh: events, entity candidates and search postings are updated for the "
    "batch's documents only. Same rows as a one-shot build whatever the batching (docs/partitions.md).",
    owners=OWNERS,
    kinds={"python", "duckdb"},
    pool="duckdb_warehouse",
    check_specs=[
        spec("input_batch", "withdrawal_within_limit",
             "the batch would not withdraw more than KHABAR_MAX_WITHDRAWN_SHARE of a present file's documents"),
        spec("input_batch", "content_hash_matches", "content_sha256 = sha256(raw_text) and doc_id is its prefix"),
        *[spec("input_batch", f"contract_{k}", f"every {k} contract in warehouse/contracts.yaml holds for the batch")
          for k in CONTRACT_KINDS],
    ],
)
def input_batch_asset(context: dg.AssetExecutionContext, khabar: KhabarConfig):
    settings = khabar.settings()
    key = context.partition_key
    scope = parse_batch_key(key)
    run_id = context.run.run_id
    started = run_started(context)

    # 1. ingest the batch against the published state
    manifest = known = None
    previous = pl.DataFrame(schema=ACTIVE_SOURCE_SCHEMA)
    neighbours = pl.DataFrame(schema={"source_uri": pl.String, "doc_id": pl.String})
    con = connect_published(settings.warehouse)
    batch = None
    try:
        if con is not None:
            manifest, known = read_state(con)
        batch = ingest(settings, detect_language, manifest=manifest, known_docs=known,
                       full=khabar.full_refresh, scope=scope)
        touched = batch.files.filter(pl.col("changed"))["path"].to_list()
        if con is not None and touched:
            previous = active_sources(con, touched)
            neighbours = chunk_neighbours(con, scope)
        if con is not None:
            others, stored = stored_state(con, batch.documents["doc_id"].to_list(), scope)
        else:
            others = stored = None
    finally:
        if con is not None:
            con.close()
    version = processing_version()
    planned = (settle_documents(batch.documents, others, stored, version) if others is not None
               else batch.documents)
    context.log.info(f"input batch {key}: {batch.stats['files_read']} files read, "
                     f"{batch.documents.height} documents, {planned.height} to process")

    # 2. the ingest gates: content hashes, withdrawals (a chunk keeps its feed's other lines)
    docs = batch.documents
    hashes_ok = all(hashlib.sha256(t.encode("utf-8")).hexdigest() == h and h.startswith(d)
                    for d, t, h in docs.select("doc_id", "raw_text", "content_sha256").iter_rows())
    kept_sources = pl.concat([batch.sources.select("source_uri", "doc_id"), neighbours])
    withdrawn = withdrawal_outcome(withdrawals(batch.files, kept_sources, previous), settings.max_withdrawn_share,
                                   settings.withdrawal_min_documents, batch.stats["roots_emptied"])
    yield _check("withdrawal_within_limit", withdrawn)
    yield _check("content_hash_matches", CheckOutcome("content_hash_matches", hashes_ok, 0.0 if hashes_ok else 1.0))
    if not (withdrawn.passed and hashes_ok):
        for kind in CONTRACT_KINDS:
            yield dg.AssetCheckResult(check_name=f"contract_{kind}", asset_key="input_batch", passed=False,
                                      metadata={"skipped": "the batch failed an ingest gate; nothing published"})
        raise dg.Failure(description=f"input batch {key}: {withdrawn.description if not withdrawn.passed else 'content hash mismatch'}"
                         "; nothing published")

    # 3. clean and extract the documents to (re)process
    kb = load_kb()
    kb_frames = {"entities": kb.entities, "aliases": kb.aliases, "roles": kb.roles, "alias_rules": kb.alias_rules}
    frames = _process(planned, kb_frames)

    # 4. under the writer gate: settle against the current warehouse, load, derive, check, publish
    def waiting(holder: dict | None, waited_s: float) -> None:
        context.log.warning(f"waiting for the warehouse {settings.warehouse}: {describe_holder(holder)} is writing it "
                            f"({waited_s:.0f} s so far)")

    try:
        with writer_gate(settings.warehouse, run_id, settings.warehouse_wait_timeout_s, on_wait=waiting):
            final, frames, redone = _settle_under_gate(settings, scope, batch.documents, planned, frames, kb_frames)
            if redone:
                context.log.info(f"input batch {key}: {redone} documents reprocessed (another batch committed a "
                                 "source of them meanwhile)")
            documents, sources, rejected, doc_tables = quarantine_empty_documents(
                frames["documents"], batch.sources, batch.rejected, {t: frames[t] for t in DOC_TABLES})
            try:
                result = build_and_publish(
                    warehouse=settings.warehouse, run_id=run_id, inputs=input_labels(settings.inputs),
                    files=batch.files, sources=sources, rejected=rejected, documents=documents,
                    doc_tables=doc_tables,
                    reference_tables={"entities": kb.entities, "entity_aliases": kb.aliases,
                                      "entity_known_roles": kb.roles},
                    started=started,
                    full_check=khabar.full_refresh or os.environ.get("KHABAR_FULL_CHECK", "") not in ("", "0"),
                )
            except BaseException:
                remove_run_files(settings.warehouse, run_id, keep_ledger=True)
                raise
    except (WarehouseBusy, OSError, duckdb.Error) as exc:
        raise dg.Failure(description=describe_exception(exc)) from exc
    for o in result.checks:
        if o.name.startswith("contract_"):
            yield _check(o.name, o)
    if not result.published:
        failed = [o.name for o in result.checks if not o.passed]
        raise dg.Failure(description=f"input batch {key}: blocking warehouse checks failed, nothing published: {failed}")
    counts = result.table_counts
    load = {k: v for k, v in result.load_stats.items() if isinstance(v, (int, float, str))}
    yield dg.MaterializeResult(metadata={
        "partition": key,
        "batch_kind": scope.kind,
        "files_read": batch.stats["files_read"],
        "documents_in_batch": batch.documents.height,
        "documents_processed": final.height,
        "dagster/row_count": counts.get("documents", 0),
        "warehouse": dg.MetadataValue.path(str(settings.warehouse)),
        "preview": dg.MetadataValue.md(counts_markdown(counts)),
        "load": dg.MetadataValue.json(load),
    })


def _check(name: str, outcome: CheckOutcome) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        check_name=name, asset_key="input_batch", passed=bool(outcome.passed),
        severity=dg.AssetCheckSeverity.ERROR if outcome.severity == "ERROR" else dg.AssetCheckSeverity.WARN,
        description=outcome.description or None,
        metadata={"metric": float(outcome.metric or 0.0), "details": dg.MetadataValue.json(outcome.details)})


PARTITIONS_JOB = dg.define_asset_job(
    "khabar_partitions",
    selection=dg.AssetSelection.assets("input_batch"),
    description="One input batch (a partition of `input_batches`) ingested, processed and published incrementally. "
    "Backfill several partitions to run them as separate runs.",
    config={"loggers": {"console": {"config": {"log_level": "INFO"}}, "file": {"config": {"log_level": "DEBUG"}}}},
)


@dg.sensor(
    name="input_batches_sensor",
    job=PARTITIONS_JOB,
    minimum_interval_seconds=int(os.environ.get("KHABAR_SENSOR_INTERVAL", "60")),
    description="Registers every new input batch (a feed file, a new chunk of a growing feed, a dropped directory) "
    "as a partition of `input_batches`, and requests one run per batch that is new, changed or gone. An "
    "alternative to `input_files_sensor` (one whole refresh per change): turn on one of the two.",
)
def input_batches_sensor(context: dg.SensorEvaluationContext, khabar: KhabarConfig):
    import json

    from pipeline.ingest.batches import plan_batches

    settings = khabar.settings()
    batches = plan_batches(settings)
    seen = json.loads(context.cursor) if context.cursor else {}
    registered = set(context.instance.get_dynamic_partitions(INPUT_BATCHES.name))
    new = [b.key for b in batches if b.key not in registered]
    now = {b.key: b.fingerprint for b in batches}
    requests = [dg.RunRequest(partition_key=b.key, run_key=f"{b.key}@{b.fingerprint}",
                              tags={"khabar/trigger": "input_batches_sensor"})
                for b in batches if seen.get(b.key) != b.fingerprint]
    # a batch whose files are gone: one run marks them missing (their documents are withdrawn)
    requests += [dg.RunRequest(partition_key=k, run_key=f"{k}@gone-{fp}", tags={"khabar/trigger": "input_batches_sensor"})
                 for k, fp in sorted(seen.items()) if k not in now and k in registered | set(new)]
    if not new and not requests:
        return dg.SkipReason(f"{len(batches)} input batches unchanged")
    return dg.SensorResult(
        run_requests=requests,
        dynamic_partitions_requests=[INPUT_BATCHES.build_add_request(new)] if new else [],
        cursor=json.dumps(now, sort_keys=True),
    )
