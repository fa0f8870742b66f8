"""Same inputs → same ids and rows whatever the batching (issue 9/12): a one-shot build and the same
documents arriving over several refreshes (through the whole `khabar_refresh` job) give identical
documents, extracted rows, events (ids included), entity candidates and search postings."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import SEEDS

TABLES = {
    "documents": "SELECT doc_id, status, content_sha256, clean_text, n_sources FROM documents",
    "sentences": "SELECT sentence_id, start_char, end_char FROM sentences",
    "entity_mentions": "SELECT mention_id, entity_id, start_char, end_char FROM entity_mentions",
    "event_mentions": "SELECT event_mention_id, event_id, event_type, date_start, location_entity_id, "
                      "actor_entity_id FROM event_mentions",
    "events": "SELECT * FROM events",
    "entity_candidates": "SELECT * FROM entity_candidates",
    "event_blocks": "SELECT * FROM event_blocks",
    "entity_candidate_keys": "SELECT * FROM entity_candidate_keys",
    "search_postings": "SELECT * FROM search_postings",
    "search_documents": "SELECT * FROM search_documents",
}


def _tables(wh) -> dict:
    from pipeline.warehouse.connect import connect_readonly

    con = connect_readonly(wh, fts=False)
    try:
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in TABLES.items()}
    finally:
        con.close()


def _run(inputs, wh):
    from khabar.runner import run_refresh
    from pipeline.settings import Settings

    summary = run_refresh(Settings(inputs=(inputs,), warehouse=wh), log_level="ERROR")
    assert summary.success, summary.error
    return summary


def _compare(parts: list[list], tmp_path, write) -> dict:
    """Build ``parts`` one-shot and then part after part; assert identical tables; return them."""
    one_dir, inc_dir = tmp_path / "one", tmp_path / "inc"
    one_dir.mkdir()
    inc_dir.mkdir()
    for k, part in enumerate(parts):
        write(one_dir, k, part)
    _run(one_dir, tmp_path / "one.duckdb")
    for k, part in enumerate(parts):
        write(inc_dir, k, part)
        _run(inc_dir, tmp_path / "inc.duckdb")
    one, inc = _tables(tmp_path / "one.duckdb"), _tables(tmp_path / "inc.duckdb")
    for name in TABLES:
        assert inc[name] == one[name], name
    return one


@pytest.mark.slow
def test_seeds_one_shot_equals_three_refreshes(tmp_path):
    files = sorted(SEEDS.iterdir())
    parts = [files[:2], files[2:3], files[3:]]

    def write(directory, _k, part):
        for f in part:
            shutil.copy(f, directory / f.name)

    one = _compare(parts, tmp_path, write)
    assert one["documents"] and one["search_postings"] and one["sentences"]


@pytest.mark.slow
def test_corpus_one_shot_equals_split_batches(tmp_path, corpus_file):
    from tests.conftest import corpus_slice

    import json

    records = corpus_slice(240)
    parts = [records[:100], records[100:101], records[101:240]]

    def write(directory, k, part):
        with (directory / f"part{k}.jsonl").open("w", encoding="utf-8") as fh:
            for r in part:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    one = _compare(parts, tmp_path, write)
    assert len(one["events"]) > 50 and any(r[-4] > 1 for r in one["events"])  # some events have several reports
