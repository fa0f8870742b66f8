"""Spooled per-document tables: the same frames as in memory, read back lazily or a slice of
whole documents at a time."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from pipeline.clean.script import detect_language
from pipeline.ingest.batch import ingest
from pipeline.kb.load import load_kb
from pipeline.settings import Settings
from pipeline.steps.parallel import TABLES, process_documents
from pipeline.steps.spool import Spool


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    kb = load_kb()
    kb_frames = {"entities": kb.entities, "aliases": kb.aliases, "roles": kb.roles, "alias_rules": kb.alias_rules}
    raw = ingest(Settings(), detect_language).documents
    spool = Spool(tmp_path_factory.mktemp("spool") / "run.tables")
    return (process_documents(raw, kb_frames, workers=1, chunk=2),
            process_documents(raw, kb_frames, workers=1, chunk=2, spool=spool), spool)


def test_spooled_tables_equal_the_in_memory_frames(outputs):
    memory, spooled, spool = outputs
    assert spooled.chunks == memory.chunks == spool.chunks == 3
    for name in TABLES:
        assert isinstance(spooled.frames[name], pl.LazyFrame)
        assert_frame_equal(spooled.frames[name].collect(), memory.frames[name], check_exact=True)
        assert spool.rows[name] == memory.frames[name].height
    assert spooled.clean_stats == memory.clean_stats and spooled.errors == memory.errors
    assert memory.frames["entity_mentions"].height and memory.frames["quantities"].height


def test_slices_hold_whole_documents_and_cover_the_batch(outputs):
    memory, _spooled, spool = outputs
    parts = list(spool.slices(chunks=2))
    assert len(parts) == 2
    for part in parts:
        ids = set(part["documents"]["doc_id"])
        for name in TABLES:
            assert set(part[name]["doc_id"]) <= ids  # every row's document is in the slice
    for name in TABLES:
        assert_frame_equal(pl.concat([p[name] for p in parts]), memory.frames[name], check_exact=True)


def test_remove_deletes_the_files(tmp_path):
    spool = Spool(tmp_path / "x.tables")
    spool.add({"t": pl.DataFrame({"doc_id": ["a"], "n": [1]})})
    assert spool.files("t")[0].exists() and spool.read("t").height == 1
    spool.remove()
    assert not (tmp_path / "x.tables").exists()
