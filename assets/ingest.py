"""Ingest assets: scan the input locations and quarantine bad input."""


import dagster as dg
import polars as pl

from assets.resources import KhabarConfig
from assets.support import OWNERS, emit_checks, spec, table_metadata
from pipeline.clean.script import detect_language
from pipeline.faults import fault_point
from pipeline.ingest.batch import ingest
from pipeline.ingest.representatives import settle_documents, stored_state
from pipeline.ingest.sources import REJECT_REASONS
from pipeline.ingest.texts import raw_file_checks, write_documents
from pipeline.ingest.withdrawal import ACTIVE_SOURCE_SCHEMA, active_sources, withdrawal_outcome, withdrawals
from pipeline.quality import frames as fc
from pipeline.runs.leftovers import raw_documents_file
from pipeline.runs.memory import release_freed_memory
from pipeline.settings import processing_version
from pipeline.warehouse.connect import connect_published
from pipeline.warehouse.load import read_state

GROUP = "ingest"


@dg.multi_asset(
    name="ingest",
    group_name=GROUP,
    outs={
        "raw_documents": dg.AssetOut(
            description="Documents to (re)process this run: decoded raw text, content hash and source metadata. "
            "Content-addressed (doc_id = sha256 prefix); exact duplicates collapse.",
            owners=OWNERS, kinds={"python", "polars"}, is_required=True),
        "document_sources": dg.AssetOut(
            description="Every source record (file or feed line) of the files read this run, with the document it holds.",
            owners=OWNERS, kinds={"python", "polars"}),
        "source_files": dg.AssetOut(
            description="Manifest of input files (size, mtime, sha256, present/missing) for incremental refreshes.",
            owners=OWNERS, kinds={"python", "polars"}),
        "rejected_documents": dg.AssetOut(
            description="Quarantined input with a reason code (empty, binary, undecodable, too_large, not_arabic, "
            "invalid_json, missing_text, unsupported_format, unreadable, broken_symlink; empty_after_cleaning is "
            "added at publish) and detail; a feed line is quarantined alone, with its line number.",
            owners=OWNERS, kinds={"python", "polars"}),
    },
    check_specs=[
        spec("raw_documents", "doc_id_unique", "doc_id is unique within the batch"),
        spec("raw_documents", "required_not_null", "doc_id, raw_text, content_sha256, encoding are never null"),
        spec("raw_documents", "content_hash_matches", "content_sha256 = sha256(raw_text) and doc_id is its prefix"),
        spec("document_sources", "source_uri_unique", "source_uri is unique"),
        spec("document_sources", "encodings_recorded", "every source records its detected encoding"),
        spec("source_files", "path_unique", "each input file appears once in the manifest"),
        spec("source_files", "withdrawal_within_limit",
             "no input file still present would see more than KHABAR_MAX_WITHDRAWN_SHARE (default 20%) of its "
             "published documents withdrawn by this refresh; the failure names the file"),
        spec("rejected_documents", "reason_codes_valid", "rejections carry a known reason code and a detail"),
        spec("rejected_documents", "rejected_share", "share of rejected records is under the configured threshold",
             blocking=False),
    ],
)
def ingest_assets(context: dg.AssetExecutionContext, khabar: KhabarConfig):
    settings = khabar.settings()
    manifest = known = None
    previous = pl.DataFrame(schema=ACTIVE_SOURCE_SCHEMA)
    # the texts go to Parquet parts as they are read and are joined to the chosen documents' metadata
    # in the run's raw documents file, which downstream reads back a chunk at a time: neither the ingest
    # nor the rest of the run holds the batch's texts (memory flat in the batch size)
    raw_path = raw_documents_file(settings.warehouse, context.run.run_id)
    raw_path.parent.mkdir(parents=True, exist_ok=True)
    text_dir = raw_path.with_name(raw_path.name.replace(".raw.parquet", ".texts"))
    # one read-only connection (one snapshot) for the manifest and, after reading the inputs, what the
    # changed files carry in the published warehouse
    con = connect_published(settings.warehouse)
    try:
        if con is not None:
            manifest, known = read_state(con)
        batch = ingest(settings, detect_language, manifest=manifest, known_docs=known, full=khabar.full_refresh,
                       text_dir=text_dir)
        touched = batch.files.filter(pl.col("changed"))["path"].to_list()
        docs = batch.documents
        if con is not None and manifest is not None and touched:
            # what the changed and missing files carry in the published warehouse (the withdrawal gate)
            previous = active_sources(con, touched)
            if not khabar.full_refresh:
                # a document's row comes from its smallest source URI among *all* its sources, as in a
                # one-shot build: reprocess the documents whose representative this refresh changes
                others, stored = stored_state(con, batch.candidates["doc_id"].to_list(), touched)
                docs = settle_documents(batch.candidates, others, stored, processing_version())
    finally:
        if con is not None:
            con.close()
    context.log.info(f"ingest: {batch.stats}")
    sources, files, rejected = batch.sources, batch.files, batch.rejected

    write_documents(docs, batch.texts, raw_path)
    batch.texts.remove()
    raw = raw_file_checks(raw_path)
    raw_scan = pl.scan_parquet(raw_path)
    yield dg.Output(raw_scan, output_name="raw_documents", metadata=table_metadata(raw_scan, rows=docs.height, extra={
        "documents": docs.height, "files_read": batch.stats["files_read"],
        "files_unchanged": batch.stats["files_unchanged"], "duplicates_collapsed": batch.stats["duplicates_collapsed"],
        "already_processed": batch.stats["documents_already_processed"]}))
    yield dg.Output(sources, output_name="document_sources", metadata=table_metadata(sources))
    yield dg.Output(files, output_name="source_files", metadata=table_metadata(files, {
        "files_missing": batch.stats["files_missing"]}))
    yield dg.Output(rejected, output_name="rejected_documents", metadata=table_metadata(rejected, {
        "rejected": rejected.height, "rejected_by_reason": batch.stats["rejected_by_reason"]}))

    # the raw documents' checks read the file written (DuckDB hashes the texts there)
    hashes_ok = raw["bad_hash"] == 0
    duplicates, missing = raw["rows"] - raw["distinct_ids"], raw["missing_required"]
    wh = settings.warehouse
    yield from emit_checks(context, "raw_documents", [
        fc.CheckOutcome("doc_id_unique", duplicates == 0, float(duplicates), details={"duplicate_rows": duplicates}),
        fc.CheckOutcome("required_not_null", missing == 0, float(missing),
                        description="doc_id, raw_text, content_sha256, encoding", details={"rows_missing": missing}),
        fc.CheckOutcome("content_hash_matches", hashes_ok, float(raw["bad_hash"]),
                        description="content_sha256 = sha256(raw_text)"),
    ], wh)
    roots_emptied = batch.stats["roots_emptied"]
    del batch, docs  # the batch's texts are in the run's file now: hand the memory back (pipeline/runs/memory.py)
    release_freed_memory()
    yield from emit_checks(context, "document_sources", [
        fc.unique(sources, ["source_uri"], name="source_uri_unique"),
        fc.not_null(sources, ["encoding"], name="encodings_recorded"),
    ], wh)
    withdrawn = withdrawal_outcome(withdrawals(files, sources, previous), settings.max_withdrawn_share,
                                   settings.withdrawal_min_documents, roots_emptied)
    if not withdrawn.passed:
        context.log.error(f"ingest: {withdrawn.description}; nothing will be published "
                          "(fix the input, or raise KHABAR_MAX_WITHDRAWN_SHARE if the withdrawal is intended)")
    yield from emit_checks(context, "source_files", [fc.unique(files, ["path"], name="path_unique"), withdrawn], wh)
    reasons = fc.accepted_values(rejected, "reason", REJECT_REASONS, name="reason_codes_valid", allow_null=False)
    if rejected.height and rejected["detail"].null_count():
        reasons.passed = False
        reasons.details["missing_detail"] = int(rejected["detail"].null_count())
    yield from emit_checks(context, "rejected_documents", [
        reasons,
        fc.share_at_most(rejected.height, rejected.height + sources.height, settings.max_rejected_share,
                         "rejected_share", severity="WARN", blocking=False),
    ], wh)
    fault_point("ingest.after")
