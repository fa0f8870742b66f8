"""The per-document pool: the same frames as the step-by-step serial path, whatever the workers and chunks."""

from __future__ import annotations

import json

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from pipeline.clean.date_sanity import drop_implausible_dates
from pipeline.clean.script import detect_language
from pipeline.extract.entities import EntityExtractor
from pipeline.ingest.batch import ingest
from pipeline.kb.load import KnowledgeBase, load_kb
from pipeline.settings import Settings
from pipeline.steps.clean import clean_step
from pipeline.steps.documents import guarded, iter_documents
from pipeline.steps.entities import entity_rows, mention_frame, role_frame
from pipeline.steps.facts import CITATION_SCHEMA, EVENT_MENTION_SCHEMA, QUANTITY_SCHEMA, QUOTE_SCHEMA, fact_rows, frame
from pipeline.steps.parallel import TABLES, process_documents, worker_chunks, worker_count
from pipeline.steps.time import time_frame, time_rows
from tests.conftest import corpus_slice


@pytest.fixture(scope="module")
def kb_frames() -> dict[str, pl.DataFrame]:
    kb = load_kb()
    return {"entities": kb.entities, "aliases": kb.aliases, "roles": kb.roles, "alias_rules": kb.alias_rules}


def _rows_by_doc(f: pl.DataFrame) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in f.iter_rows(named=True):
        r["start"], r["end"] = r["start_char"], r["end_char"]
        out.setdefault(r["doc_id"], []).append(r)
    return out


def serial_reference(raw: pl.DataFrame, kb_frames: dict) -> dict[str, pl.DataFrame]:
    """The stage-by-stage path the assets took before the pool: clean the whole batch, then each
    extractor over every document, facts reading the entity and time frames."""
    c = clean_step(raw)
    c.documents, _ = drop_implausible_dates(c.documents)
    extractor = EntityExtractor(KnowledgeBase(**kb_frames))
    mentions, roles, timexes, errors = [], [], [], []
    for v in iter_documents(c.documents, c.sentences, c.offset_map):
        m, r = guarded("entities", v, errors, entity_rows, v, extractor, default=([], []))
        mentions += m
        roles += r
        timexes += guarded("time", v, errors, time_rows, v, default=([], 0))[0]
    mf, rf, tf = mention_frame(mentions), role_frame(roles), time_frame(timexes)
    by_m, by_t = _rows_by_doc(mf), _rows_by_doc(tf)
    facts = {"quantities": [], "event_mentions": [], "quotes": [], "citations": []}
    for v in iter_documents(c.documents, c.sentences, c.offset_map):
        for k, rows in guarded("facts", v, errors, fact_rows, v, by_m.get(v.doc_id, []), by_t.get(v.doc_id, []),
                               default={}).items():
            facts[k] += rows
    schemas = {"quantities": QUANTITY_SCHEMA, "event_mentions": EVENT_MENTION_SCHEMA, "quotes": QUOTE_SCHEMA,
               "citations": CITATION_SCHEMA}
    return {"documents": c.documents, "paragraphs": c.paragraphs, "sentences": c.sentences,
            "removed_spans": c.removed_spans, "offset_map": c.offset_map, "entity_mentions": mf,
            "entity_roles": rf, "time_expressions": tf, **{k: frame(v, schemas[k]) for k, v in facts.items()}}


def _assert_same(got: dict[str, pl.DataFrame], want: dict[str, pl.DataFrame]) -> None:
    assert set(got) == set(TABLES) == set(want)
    for name in TABLES:
        assert_frame_equal(got[name], want[name], check_exact=True)


def _seed_batch(tmp_path) -> pl.DataFrame:
    return ingest(Settings(inputs=(tmp_path,) if tmp_path else Settings().inputs), detect_language).documents


def test_pool_output_equals_the_serial_stage_by_stage_run(kb_frames):
    raw = _seed_batch(None)
    assert raw.height >= 5
    want = serial_reference(raw, kb_frames)
    assert want["entity_mentions"].height and want["quantities"].height and want["time_expressions"].height
    one = process_documents(raw, kb_frames, workers=1, chunk=2)
    pooled = process_documents(raw, kb_frames, workers=2, chunk=2)
    assert (one.workers, one.chunks) == (1, 3)
    assert (pooled.workers, pooled.chunks) == (2, 3)
    _assert_same(one.frames, want)
    _assert_same(pooled.frames, want)
    assert pooled.clean_stats["documents"] == raw.height
    assert pooled.errors == {"entities": [], "time": [], "facts": []}


def test_pool_on_corpus_articles_equals_serial(kb_frames, corpus_file, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus_slice(120)), encoding="utf-8")
    raw = _seed_batch(tmp_path)
    assert raw.height > 100
    pooled = process_documents(raw, kb_frames, workers=2, chunk=25)
    assert pooled.chunks == 5
    _assert_same(pooled.frames, serial_reference(raw, kb_frames))


def test_replaced_workers_give_the_same_frames(kb_frames, monkeypatch):
    raw = _seed_batch(None)
    monkeypatch.setenv("KHABAR_WORKER_CHUNKS", "1")  # a fresh worker for every chunk
    assert worker_chunks() == 1 and worker_chunks(0) is None
    replaced = process_documents(raw, kb_frames, workers=2, chunk=2)
    assert (replaced.workers, replaced.chunks) == (2, 3)
    _assert_same(replaced.frames, process_documents(raw, kb_frames, workers=1, chunk=2).frames)
    with pytest.raises(ValueError):
        worker_chunks(-1)


def test_raw_documents_read_back_from_a_file_a_chunk_at_a_time_give_the_same_frames(kb_frames, tmp_path):
    # the ingest asset hands the raw documents over as a scan of the run's Parquet file
    raw = _seed_batch(None)
    raw.write_parquet(tmp_path / "raw.parquet")
    lazy = pl.scan_parquet(tmp_path / "raw.parquet")
    for workers in (1, 2):
        got = process_documents(lazy, kb_frames, workers=workers, chunk=2)
        assert got.chunks == 3 and got.clean_stats["documents"] == raw.height
        _assert_same(got.frames, process_documents(raw, kb_frames, workers=1, chunk=2).frames)
    empty = process_documents(lazy.head(0), kb_frames, workers=2)
    assert all(f.height == 0 for f in empty.frames.values())


def test_empty_batch_has_every_frame(kb_frames):
    raw = _seed_batch(None).head(0)
    out = process_documents(raw, kb_frames, workers=2)
    assert set(out.frames) == set(TABLES) and all(f.height == 0 for f in out.frames.values())
    assert out.frames["entity_mentions"].columns[0] == "mention_id"


def test_worker_count_setting(monkeypatch):
    monkeypatch.delenv("KHABAR_WORKERS", raising=False)
    import os

    assert worker_count() == len(os.sched_getaffinity(0))
    monkeypatch.setenv("KHABAR_WORKERS", "3")
    assert worker_count() == 3
    assert worker_count(1) == 1
    with pytest.raises(ValueError):
        worker_count(0)


def test_progress_counts_documents_not_chunks(kb_frames):
    # the 3x corpus run showed "178/1,014 documents": chunks counted as documents
    from pipeline import progress

    raw = _seed_batch(None)
    seen = []
    previous = progress.set_sink(seen.append)
    try:
        progress.set_stage("process_documents")
        process_documents(raw, kb_frames, workers=1, chunk=2)
    finally:
        progress.set_sink(*previous)
    assert seen and all(p.total == raw.height for p in seen)
    # reports come at most every 0.5 s: each is a chunk boundary counted in documents (chunks of 2)
    boundaries = {min(n, raw.height) for n in range(2, raw.height + 2, 2)}
    assert raw.height not in (2, 3) and {p.done for p in seen} <= boundaries
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert seen[-1].finished and seen[-1].done == raw.height
