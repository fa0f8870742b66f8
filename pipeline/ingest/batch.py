"""One ingest pass: scan inputs against the last manifest, read what changed, dedupe.

The result is a set of polars frames (documents to process, their sources, the file
manifest and the rejections) plus counters, in the spirit of datatrove's steps that
count what they kept and why they rejected the rest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import polars as pl

from pipeline.ingest.batches import BatchScope
from pipeline.ingest.locations import input_labels, is_under, scan_inputs
from pipeline.ingest.select import select_inputs
from pipeline.ingest.sources import FileState, SourceRecord, file_state, read_file
from pipeline.ingest.texts import TextSpool
from pipeline.settings import Settings, processing_version

__all__ = ["IngestBatch", "ingest", "doc_id_for", "SOURCE_SCHEMA", "DOCUMENT_SCHEMA", "FILE_SCHEMA", "REJECT_SCHEMA"]

SOURCE_SCHEMA = {
    "source_uri": pl.String, "doc_id": pl.String, "source_path": pl.String, "source_format": pl.String,
    "external_id": pl.String, "line_no": pl.Int64, "encoding": pl.String, "title": pl.String,
    "url": pl.String, "publisher": pl.String, "author": pl.String, "published_at": pl.Datetime("us"),
    "published_utc_offset_min": pl.Int64, "published_at_raw": pl.String, "size_bytes": pl.Int64,
    "published_at_flag": pl.String,
}
DOCUMENT_SCHEMA = {
    "doc_id": pl.String, "content_sha256": pl.String, "raw_text": pl.String, "n_sources": pl.Int64,
    **{k: v for k, v in SOURCE_SCHEMA.items() if k not in ("doc_id", "size_bytes", "line_no", "published_at_flag")},
}
FILE_SCHEMA = {
    "path": pl.String, "kind": pl.String, "size_bytes": pl.Int64, "mtime_ns": pl.Int64, "sha256": pl.String,
    "status": pl.String, "changed": pl.Boolean, "n_records": pl.Int64, "n_rejected": pl.Int64,
    # a chunk batch re-read only these lines of the file (null: the whole file); see load_batch
    "first_line": pl.Int64, "last_line": pl.Int64,
}
REJECT_SCHEMA = {
    "source_uri": pl.String, "source_path": pl.String, "external_id": pl.String, "reason": pl.String,
    "detail": pl.String, "size_bytes": pl.Int64, "encoding": pl.String, "line_no": pl.Int64,
}


def doc_id_for(content_sha256: str) -> str:
    """Documents are content-addressed: the same text from any source is one document."""
    return content_sha256[:16]


@dataclass
class IngestBatch:
    documents: pl.DataFrame      # documents to (re)process in this run
    sources: pl.DataFrame        # every source record of the files (re)read in this run
    files: pl.DataFrame          # manifest rows: every input file now, plus files gone missing
    rejected: pl.DataFrame       # quarantined input of the files (re)read in this run
    stats: dict = field(default_factory=dict)
    #: every document of the files (re)read, processed before or not (pipeline/ingest/representatives.py)
    candidates: pl.DataFrame | None = None
    #: the documents' texts; when on disk, ``documents``/``candidates`` carry no ``raw_text`` and
    #: :func:`pipeline.ingest.texts.write_documents` joins them
    texts: TextSpool | None = None


def ingest(
    settings: Settings,
    detect_language: Callable[[str], tuple[str, float]],
    manifest: pl.DataFrame | None = None,
    known_docs: pl.DataFrame | None = None,
    full: bool = False,
    scope: BatchScope | None = None,
    text_dir: Path | None = None,
) -> IngestBatch:
    """Scan ``settings.inputs`` and return what changed since ``manifest``.

    ``manifest`` (path, size_bytes, mtime_ns, sha256) is the previous run's file list;
    files whose size and mtime are unchanged are not read again.
    ``known_docs`` (doc_id, pipeline_version) lists processed documents; a document already
    processed by this processing version is not processed again, but its sources are still
    recorded. When some known document was processed by another version (code or knowledge
    base changed), every file is re-read so that those documents are reprocessed.
    ``full=True`` (``khabar run --full-refresh``) re-reads every file *and* reprocesses every
    document, whatever the manifest and the processed-document list say.

    ``scope`` (an input batch, :mod:`pipeline.ingest.batches`) limits the pass to the files of that
    batch: other files are neither read nor reported missing. A scoped pass returns *every*
    document of the batch (:mod:`pipeline.ingest.representatives` decides which need processing).
    A chunk scope always re-reads its feed (the feed's manifest row is shared by all its chunks) and
    keeps only the records and rejections of its lines; the manifest row still describes the
    whole file, with the chunk's range in ``first_line``/``last_line``.

    ``text_dir``: spool the texts to Parquet parts in this directory as they are read
    (:mod:`pipeline.ingest.texts`); the returned frames then carry no ``raw_text``. Without it the
    frames hold the texts.
    """
    texts = TextSpool(text_dir)
    previous = {}
    if manifest is not None and manifest.height:
        previous = {r["path"]: r for r in manifest.iter_rows(named=True)}
    version = processing_version()
    done = set()
    if known_docs is not None and known_docs.height and not full:
        current = known_docs.filter(pl.col("pipeline_version") == version)
        if current.height < known_docs.height:
            full = True  # processing or knowledge base changed: re-read everything, reprocess stale documents
        done = set(current["doc_id"].to_list())

    # stored names belong to a root by its label; absolute names of warehouses built before names
    # were relative belong to it by its absolute path (they become "missing" and are replaced)
    roots = input_labels(settings.inputs) + [str(Path(p).resolve()) for p in settings.inputs]
    seen_paths: set[str] = set()
    files: list[dict] = []
    states: list[FileState] = []
    read_frames: list[pl.DataFrame] = []
    unchanged = 0
    chunk = scope is not None and scope.kind == "chunk"
    lines = {"first_line": scope.first_line, "last_line": scope.last_line} if chunk else {}
    for entry in select_inputs(scan_inputs(settings.inputs), settings):
        if scope is not None and not scope.contains(entry.key):
            continue
        state = file_state(entry)
        seen_paths.add(state.path)
        prev = previous.get(state.path)
        if (not full and not chunk and prev is not None and prev["size_bytes"] == state.size_bytes
                and prev["mtime_ns"] == state.mtime_ns):
            unchanged += 1
            files.append({"path": state.path, "kind": state.kind, "size_bytes": state.size_bytes,
                          "mtime_ns": state.mtime_ns, "sha256": prev["sha256"], "status": "present",
                          "changed": False, "n_records": prev.get("n_records"), "n_rejected": prev.get("n_rejected")})
            continue
        state.records = _Records(texts, scope if chunk else None)
        read_file(state, settings, detect_language)
        n_records, n_rejected = len(state.records), len(state.rejections)
        if chunk:
            state.rejections = [r for r in state.rejections if scope.contains_line(r.line_no)]
        if (not full and not chunk and prev is not None and state.sha256 is not None
                and prev["sha256"] == state.sha256):
            # touched but identical bytes: nothing to do, remember the new mtime
            unchanged += 1
            files.append({"path": state.path, "kind": state.kind, "size_bytes": state.size_bytes,
                          "mtime_ns": state.mtime_ns, "sha256": state.sha256, "status": "present",
                          "changed": False, "n_records": prev.get("n_records"), "n_rejected": prev.get("n_rejected")})
            continue
        states.append(state)
        read_frames.append(state.records.frame())  # the file's source rows, as one small frame
        state.records = []
        files.append({"path": state.path, "kind": state.kind, "size_bytes": state.size_bytes,
                      "mtime_ns": state.mtime_ns, "sha256": state.sha256, "status": "present", "changed": True,
                      "n_records": n_records, "n_rejected": n_rejected, **lines})
    missing = [p for p in previous if p not in seen_paths and is_under(p, roots)
               and (scope is None or scope.contains(p))]
    # a root that yields no file at all although files were read from it before (an unmounted volume?)
    labels = input_labels(settings.inputs)
    roots_emptied = [] if scope is not None else [label for label in labels
                     if not any(is_under(p, [label]) for p in seen_paths) and any(is_under(p, [label]) for p in missing)]
    for p in missing:
        prev = previous[p]
        files.append({"path": p, "kind": prev.get("kind"), "size_bytes": prev["size_bytes"], "mtime_ns": prev["mtime_ns"],
                      "sha256": prev["sha256"], "status": "missing", "changed": True,
                      "n_records": 0, "n_rejected": 0})

    rejected_rows = [{k: getattr(rej, k) for k in REJECT_SCHEMA} for state in states for rej in state.rejections]
    # every source row, in file then line order, with its content hash; then one row per document from
    # its representative source (the smallest source URI), vectorised
    n_read = len(states)
    read = pl.concat(read_frames) if read_frames else _Records.empty()
    states.clear()
    read_frames.clear()
    sources = read.drop("content_sha256")
    meta = [c for c in DOCUMENT_SCHEMA if c in read.columns]
    candidates = (read.sort("source_uri").group_by("doc_id", maintain_order=True)
                  .agg(*[pl.col(c).first() for c in meta if c != "doc_id"], n_sources=pl.len())
                  .with_columns(raw_text=pl.lit(None, pl.String)))
    del read
    if not texts.on_disk and candidates.height:
        held = pl.DataFrame({"doc_id": list(texts.sizes), "raw_text": [texts.text(d) for d in texts.sizes]},
                            schema={"doc_id": pl.String, "raw_text": pl.String})
        candidates = candidates.drop("raw_text").join(held, on="doc_id", how="left")
    candidates = candidates.select(list(DOCUMENT_SCHEMA)).cast(DOCUMENT_SCHEMA).sort("doc_id")
    # a first build processes every document: the same frame serves as both
    documents = (candidates if scope is not None or not done
                 else candidates.filter(~pl.col("doc_id").is_in(pl.Series(list(done), dtype=pl.String).implode())))
    rejected = pl.DataFrame(rejected_rows, schema=REJECT_SCHEMA)
    stats = {
        "files_seen": len(seen_paths),
        "files_unchanged": unchanged,
        "files_read": n_read,
        "files_missing": len(missing),
        "roots_emptied": roots_emptied,
        "records_read": sources.height,
        "documents_unique": candidates.height,
        "duplicates_collapsed": sources.height - candidates.height,
        "documents_to_process": documents.height,
        "documents_already_processed": candidates.height - documents.height,
        "rejected": len(rejected_rows),
        "rejected_by_reason": dict(Counter(r["reason"] for r in rejected_rows)),
    }
    return IngestBatch(
        documents=documents,
        sources=sources,
        files=pl.DataFrame(files, schema=FILE_SCHEMA),
        rejected=rejected,
        stats=stats,
        candidates=candidates,
        texts=texts,
    )


class _Records:
    """What a file's reader appends its records to (``FileState.records``): each record's text goes
    to the spool at once and only its source row (as columns) and content hash are kept, for the
    records of the chunk's lines when the pass is a chunk of a feed. ``len`` counts every record read."""

    COLUMNS = {**SOURCE_SCHEMA, "content_sha256": pl.String}

    def __init__(self, texts: TextSpool, chunk: BatchScope | None):
        self.texts, self.chunk = texts, chunk
        self.clear()

    def append(self, rec: SourceRecord) -> None:
        self.read += 1
        if self.chunk is not None and not self.chunk.contains_line(rec.line_no):
            return
        sha = rec.content_sha256
        doc_id = doc_id_for(sha)
        for k, col in self.columns.items():
            col.append(doc_id if k == "doc_id" else sha if k == "content_sha256" else getattr(rec, k))
        self.texts.add(doc_id, rec.raw_text)

    def clear(self) -> None:
        self.columns: dict[str, list] = {k: [] for k in self.COLUMNS}
        self.read = 0

    def __len__(self) -> int:
        return self.read

    def frame(self) -> pl.DataFrame:
        return pl.DataFrame(self.columns, schema=self.COLUMNS)

    @classmethod
    def empty(cls) -> pl.DataFrame:
        return pl.DataFrame(schema=cls.COLUMNS)
