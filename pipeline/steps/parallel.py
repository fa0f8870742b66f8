"""Every per-document stage (clean → entities → time → facts) in one pass per chunk, over a process pool.

A chunk of raw documents goes to a worker once; the worker cleans it, builds the document views,
extracts entities, time expressions and facts, and sends back compact polars frames (pickled as
Arrow IPC). Chunks are streamed: at most ``2 × workers`` are in flight, and results are collected in
input order, so the output is the same as a serial run (``workers=1`` runs the same code in this
process; ``tests/steps/test_parallel.py`` compares every frame).

Workers use the ``spawn`` start method (``fork`` deadlocks once polars' thread pool has run in the
parent). Start-up is one import of the extractors and one knowledge-base matcher per worker, built
by the pool initializer from the knowledge-base frames.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Iterator

import polars as pl

from pipeline.steps.spool import Spool

__all__ = ["DocumentOutputs", "CLEAN_TABLES", "EXTRACT_TABLES", "TABLES", "worker_count", "worker_chunks", "chunk_size",
           "process_chunk", "process_documents"]

CLEAN_TABLES = ("documents", "paragraphs", "sentences", "removed_spans", "offset_map")
EXTRACT_TABLES = ("entity_mentions", "entity_roles", "time_expressions", "quantities", "event_mentions", "quotes",
                  "citations")
TABLES = CLEAN_TABLES + EXTRACT_TABLES
DEFAULT_CHUNK = 50
DEFAULT_WORKER_CHUNKS = 40


def worker_count(value: int | str | None = None) -> int:
    """Processes for the per-document stages: ``value``, else ``$KHABAR_WORKERS``, else the cores
    this process may run on (``os.sched_getaffinity``)."""
    if value is None:
        value = os.environ.get("KHABAR_WORKERS") or None
    if value is None:
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not on Linux
            return max(1, os.cpu_count() or 1)
    n = int(value)
    if n < 1:
        raise ValueError(f"KHABAR_WORKERS must be >= 1, got {value!r}")
    return n


def worker_chunks(value: int | str | None = None) -> int | None:
    """Chunks a worker process handles before a fresh one replaces it: ``value``, else
    ``$KHABAR_WORKER_CHUNKS``, else :data:`DEFAULT_WORKER_CHUNKS`; ``0`` = never replaced. The
    extractors' caches (feature and sentence caches of the entity tagger, token analyses) are
    bounded but large: replacing a worker every 2,000 documents keeps its memory flat whatever the
    batch size, for one knowledge-base matcher build per replacement."""
    n = int(value if value is not None else os.environ.get("KHABAR_WORKER_CHUNKS") or DEFAULT_WORKER_CHUNKS)
    if n < 0:
        raise ValueError(f"KHABAR_WORKER_CHUNKS must be >= 0, got {n}")
    return n or None


def chunk_size(value: int | str | None = None) -> int:
    """Documents per chunk: ``value``, else ``$KHABAR_CHUNK_DOCS``, else 50."""
    n = int(value if value is not None else os.environ.get("KHABAR_CHUNK_DOCS") or DEFAULT_CHUNK)
    if n < 1:
        raise ValueError(f"chunk size must be >= 1, got {n}")
    return n


@dataclass
class DocumentOutputs:
    """Every per-document frame of a batch, plus the step statistics and per-document failures."""

    frames: dict[str, pl.DataFrame | pl.LazyFrame]   # lazy scans of the spool when there is one
    clean_stats: dict = field(default_factory=dict)
    errors: dict[str, list[dict]] = field(default_factory=dict)   # "entities"/"time"/"facts" → failures
    rejected_year_like_numbers: int = 0
    undated: list[dict] = field(default_factory=list)            # implausible publication dates dropped
    workers: int = 1
    chunks: int = 0


# --------------------------------------------------------------------------- one chunk

def process_chunk(raw: pl.DataFrame, extractor) -> dict:
    """Clean, then extract everything from the documents of ``raw`` (``DOCUMENT_SCHEMA`` columns)."""
    from pipeline.steps.clean import clean_step
    from pipeline.steps.documents import guarded, iter_documents
    from pipeline.steps.entities import MENTION_SCHEMA, ROLE_SCHEMA, entity_rows
    from pipeline.steps.facts import CITATION_SCHEMA, EVENT_MENTION_SCHEMA, QUANTITY_SCHEMA, QUOTE_SCHEMA, fact_rows
    from pipeline.steps.time import TIMEX_SCHEMA, time_rows

    from pipeline.clean.date_sanity import drop_implausible_dates

    cleaned = clean_step(raw)
    # dates that cannot be right are dropped before anything is anchored on them
    cleaned.documents, undated = drop_implausible_dates(cleaned.documents)
    rows: dict[str, list[dict]] = {k: [] for k in EXTRACT_TABLES}
    errors: dict[str, list[dict]] = {"entities": [], "time": [], "facts": []}
    rejected = 0
    views = list(iter_documents(cleaned.documents, cleaned.sentences, cleaned.offset_map))
    pretag = getattr(extractor, "pretag", None)
    if pretag is not None:  # the entity tagger decodes the chunk's documents together (same results)
        try:
            pretag([v.text for v in views], [v.skip_spans for v in views])
        except Exception:  # noqa: BLE001 - each document is then tagged alone, failures guarded there
            pretag([])
    for view in views:
        mentions, roles = guarded("entities", view, errors["entities"], entity_rows, view, extractor,
                                  default=([], []))
        timexes, n = guarded("time", view, errors["time"], time_rows, view, default=([], 0))
        rejected += n
        # the fact extractors see the rows as the published frames hold them (schema columns,
        # start/end = clean offsets), exactly as when they read the entity and time frames
        m_in = [_as_frame_row(r, MENTION_SCHEMA) for r in mentions]
        t_in = [_as_frame_row(r, TIMEX_SCHEMA) for r in timexes]
        facts = guarded("facts", view, errors["facts"], fact_rows, view, m_in, t_in, default={})
        rows["entity_mentions"] += mentions
        rows["entity_roles"] += roles
        rows["time_expressions"] += timexes
        for k, v in facts.items():
            rows[k] += v
    schemas = {"entity_mentions": MENTION_SCHEMA, "entity_roles": ROLE_SCHEMA, "time_expressions": TIMEX_SCHEMA,
               "quantities": QUANTITY_SCHEMA, "event_mentions": EVENT_MENTION_SCHEMA, "quotes": QUOTE_SCHEMA,
               "citations": CITATION_SCHEMA}
    frames = {"documents": cleaned.documents, "paragraphs": cleaned.paragraphs, "sentences": cleaned.sentences,
              "removed_spans": cleaned.removed_spans, "offset_map": cleaned.offset_map}
    for k, schema in schemas.items():
        frames[k] = _frame(rows[k], schema)
    return {"frames": frames, "clean_stats": cleaned.stats, "errors": errors, "rejected": rejected,
            "undated": undated, "input_documents": raw.height}


def _as_frame_row(row: dict, schema: dict) -> dict:
    out = {k: row.get(k) for k in schema}
    out["start"], out["end"] = out["start_char"], out["end_char"]
    return out


def _frame(rows: list[dict], schema: dict) -> pl.DataFrame:
    """Column-wise construction (cheaper than a list of dicts)."""
    return pl.DataFrame({k: [r.get(k) for r in rows] for k in schema}, schema=schema)


# --------------------------------------------------------------------------- worker process

_EXTRACTOR = None


def _init_worker(kb_frames: dict[str, pl.DataFrame]) -> None:
    global _EXTRACTOR
    _EXTRACTOR = _build_extractor(kb_frames)


def _run_chunk(raw: pl.DataFrame) -> dict:
    return process_chunk(raw, _EXTRACTOR)


def _build_extractor(kb_frames: dict[str, pl.DataFrame]):
    from pipeline.extract.entities import EntityExtractor
    from pipeline.kb.load import KnowledgeBase

    return EntityExtractor(KnowledgeBase(**kb_frames))


# --------------------------------------------------------------------------- the batch

def _height(raw: pl.DataFrame | pl.LazyFrame) -> int:
    return raw.height if isinstance(raw, pl.DataFrame) else int(raw.select(pl.len()).collect().item())


def _chunks(raw: pl.DataFrame | pl.LazyFrame, height: int, size: int) -> Iterator[pl.DataFrame]:
    """Consecutive chunks of ``size`` documents (``height`` in all); a lazy ``raw`` (the run's
    raw-documents file) is read one chunk at a time."""
    for offset in range(0, height, size):
        part = raw.slice(offset, size)
        yield part if isinstance(part, pl.DataFrame) else part.collect()


def _results(raw: pl.DataFrame | pl.LazyFrame, height: int, kb_frames: dict, workers: int, size: int,
             per_worker: int | None = None) -> Iterator[dict]:
    """Chunk results in input order; serial when one worker (or one chunk) is enough."""
    n_chunks = -(-height // size)
    if height == 0:  # an empty batch still yields every frame, with its columns
        yield process_chunk(raw if isinstance(raw, pl.DataFrame) else raw.collect(), None)
        return
    if workers <= 1 or n_chunks <= 1:
        extractor = _build_extractor(kb_frames)
        for chunk in _chunks(raw, height, size):
            yield process_chunk(chunk, extractor)
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, n_chunks), mp_context=ctx, initializer=_init_worker,
                             initargs=(kb_frames,), max_tasks_per_child=per_worker) as pool:
        pending: deque = deque()
        chunks = _chunks(raw, height, size)
        for chunk in chunks:
            pending.append(pool.submit(_run_chunk, chunk))
            if len(pending) >= 2 * workers:
                break
        while pending:
            result = pending.popleft().result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(pool.submit(_run_chunk, nxt))
            yield result


def process_documents(raw: pl.DataFrame | pl.LazyFrame, kb_frames: dict[str, pl.DataFrame], *, workers: int | None = None,
                      chunk: int | None = None, spool: Spool | None = None,
                      per_worker: int | str | None = None) -> DocumentOutputs:
    """Clean and extract every document of ``raw`` (a frame, or a lazy scan read a chunk at a time);
    ``kb_frames`` are the :class:`KnowledgeBase` fields (``entities``, ``aliases``, ``roles``, ``alias_rules``).

    With a ``spool``, each chunk's frames go to its Parquet files as the chunk arrives and the
    returned frames are lazy scans of those files (memory flat in the batch size); without one
    they are concatenated in memory. ``per_worker``: see :func:`worker_chunks`."""
    workers = worker_count(workers)
    size = chunk_size(chunk)
    parts: dict[str, list[pl.DataFrame]] = {k: [] for k in TABLES}
    errors: dict[str, list[dict]] = {"entities": [], "time": [], "facts": []}
    rule_counts: Counter = Counter()
    fallbacks: list[dict] = []
    rejected = n_chunks = with_dates = 0
    undated: list[dict] = []
    from pipeline.progress import track

    height = _height(raw)
    # progress in documents (a chunk counts as the documents it was given), not in chunks
    for res in track(_results(raw, height, kb_frames, workers, size, worker_chunks(per_worker)),
                     total=max(1, height), weight=lambda r: r["input_documents"]):
        n_chunks += 1
        if spool is not None:
            spool.add(res["frames"])
        else:
            for k, f in res["frames"].items():
                parts[k].append(f)
        for k, v in res["errors"].items():
            errors[k] += v
        rule_counts.update(res["clean_stats"].get("removed_by_rule", {}))
        fallbacks += res["clean_stats"].get("fallback_documents", [])
        rejected += res["rejected"]
        undated += res["undated"]
        with_dates += res["clean_stats"].get("with_published_at", 0)
    if spool is not None:
        frames: dict = {k: spool.scan(k) for k in TABLES}
        rows = dict(spool.rows)
    else:
        frames = {k: pl.concat(v, how="vertical", rechunk=False) if len(v) > 1 else v[0] for k, v in parts.items()}
        rows = {k: f.height for k, f in frames.items()}
    stats = {
        "documents": rows["documents"],
        "paragraphs": rows["paragraphs"],
        "sentences": rows["sentences"],
        "removed_spans": rows["removed_spans"],
        "removed_by_rule": dict(rule_counts),
        "with_published_at": with_dates,  # as cleaned, before implausible dates are dropped
        "fallback_documents": fallbacks,
    }
    return DocumentOutputs(frames=frames, clean_stats=stats, errors=errors, rejected_year_like_numbers=rejected,
                           undated=undated,
                           workers=min(workers, n_chunks) if n_chunks > 1 else 1, chunks=n_chunks)

