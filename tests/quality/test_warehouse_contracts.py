"""Contracts of warehouse/contracts.yaml, whole-warehouse and scoped to a batch's documents."""

from __future__ import annotations

import pytest

from pipeline.quality.warehouse import run_contracts
from tests.warehouse.test_views import build_sample


@pytest.fixture
def con():
    c = build_sample()
    # complete the hand-made sample so that every contract holds: one paragraph per document
    c.execute("INSERT INTO paragraphs SELECT doc_id || ':p0', doc_id, 0, 'body', 0, length(clean_text), 0, "
              "length(raw_text), 'arabic', 'ar', true FROM documents")
    c.execute("UPDATE citations SET source_kind = 'official'")
    c.execute("UPDATE quotes SET confidence = 0.9")  # 008: every fact row has a confidence
    c.execute("UPDATE citations SET confidence = 0.9")
    yield c
    c.close()


def failed(outcomes) -> set[str]:
    return {o.name for o in outcomes if not o.passed}


def _registering(con, registered: list):
    """A stand-in for ``con`` that records the names of the tables registered through it."""
    real = con.register

    class Spy:
        def __getattr__(self, name):
            return getattr(con, name)

        def register(self, name, obj):
            registered.append(name)
            return real(name, obj)

    return Spy


def test_sample_warehouse_passes_in_both_modes(con):
    full = run_contracts(con)
    scoped = run_contracts(con, doc_ids=["d1", "d2"])
    assert full and not failed(full)
    assert not failed(scoped)
    assert {o.name for o in scoped} == {o.name for o in full}  # the same contracts, on fewer rows


def test_bad_span_in_the_batch_fails_outside_it_is_left_to_the_full_check(con):
    con.execute("UPDATE sentences SET end_char = end_char + 500 WHERE doc_id = 'd1'")
    assert "sentences.start_char.spans_clean_text" in failed(run_contracts(con, doc_ids=["d1"]))
    assert "sentences.start_char.spans_clean_text" not in failed(run_contracts(con, doc_ids=["d2"]))
    assert "sentences.start_char.spans_clean_text" in failed(run_contracts(con))


def test_key_of_a_batch_row_is_unique_over_the_whole_table(con):
    # plain tables (009) have no declared key: the contract is what proves it
    con.execute("INSERT INTO event_blocks VALUES ('d2:e0', 'd2', 'd2:e0', 'ev1'), ('d2:e0', 'd1', 'd2:e0', 'ev1')")
    assert "event_blocks.primary_key" in failed(run_contracts(con, doc_ids=["d1"]))   # clashes with d2's row
    assert "event_blocks.primary_key" in failed(run_contracts(con))
    con.execute("INSERT INTO search_postings VALUES ('d4', 'x', 1), ('d4', 'x', 2)")
    assert "search_postings.primary_key" in failed(run_contracts(con, doc_ids=["d4"]))
    assert "search_postings.primary_key" not in failed(run_contracts(con, doc_ids=["d2"]))


def test_bad_reference_and_value_in_the_batch_fail(con):
    con.execute("UPDATE entity_mentions SET entity_id = 'loc:nowhere' WHERE doc_id = 'd4'")
    con.execute("UPDATE documents SET source_format = 'pdf' WHERE doc_id = 'd4'")
    bad = failed(run_contracts(con, doc_ids=["d4"]))
    assert {"entity_mentions.entity_id.relationships", "documents.source_format.accepted_values"} <= bad
    assert not failed(run_contracts(con, doc_ids=["d1"]))


def test_global_relationships_and_small_tables_are_always_checked_whole(con):
    # an event mention of a document outside the batch loses its event (re-clustering touches it)
    con.execute("UPDATE event_mentions SET event_id = 'ev_gone' WHERE doc_id = 'd2'")
    con.execute("INSERT INTO dq_results VALUES ('r:a:c', 'r', 'a', 'c', true, 'FATAL', true, 0, '{}', now())")
    bad = failed(run_contracts(con, doc_ids=["d1"]))
    assert {"event_mentions.event_id.relationships", "dq_results.severity.accepted_values"} <= bad


def test_empty_scope_checks_only_the_whole_tables(con):
    con.execute("UPDATE sentences SET end_char = end_char + 500 WHERE doc_id = 'd1'")
    assert not failed(run_contracts(con, doc_ids=[]))


def test_batch_rows_without_their_document_fail_against_the_batch_documents(con):
    # the scoped checks read the batch's documents once and compare the batch's rows with them (not
    # with the whole documents table): rows whose document is gone must still fail, in both modes
    con.execute("DELETE FROM document_sources WHERE doc_id = 'd1'")
    con.execute("DELETE FROM documents WHERE doc_id = 'd1'")
    for outcomes in (run_contracts(con, doc_ids=["d1"]), run_contracts(con)):
        bad = {o.name: o for o in outcomes if not o.passed}
        assert {"sentences.doc_id.relationships", "paragraphs.doc_id.relationships",
                "sentences.start_char.spans_clean_text"} <= set(bad)
        assert bad["sentences.doc_id.relationships"].details["orphans"] == ["d1"]
        assert bad["sentences.start_char.spans_clean_text"].details["missing_text"] > 0
    assert not failed(run_contracts(con, doc_ids=["d2"]))


def test_scoped_span_check_reads_each_rows_own_document(con):
    # two batch documents: a span valid in d1's text but past the end of d2's must fail for d2 only
    short = con.execute("SELECT min(length(clean_text)) FROM documents").fetchone()[0]
    con.execute(f"UPDATE sentences SET end_char = {short} + 1 WHERE doc_id = (SELECT doc_id FROM documents "
                f"ORDER BY length(clean_text), doc_id LIMIT 1) AND start_char = 0")
    bad = {o.name: o for o in run_contracts(con, doc_ids=["d1", "d2", "d3", "d4"]) if not o.passed}
    assert "sentences.start_char.spans_clean_text" in bad


@pytest.mark.parametrize("literal_work", [0, 10**12])
def test_both_ways_of_selecting_the_batch_rows_find_the_same_failures(con, monkeypatch, literal_work):
    # a literal list of ids (small batches) or a semi join on the registered ids (large ones)
    import pipeline.quality.warehouse as qw

    monkeypatch.setattr(qw, "_LITERAL_WORK", literal_work)
    con.execute("UPDATE sentences SET end_char = end_char + 500 WHERE doc_id = 'd1'")
    con.execute("UPDATE entity_mentions SET entity_id = 'loc:nowhere' WHERE doc_id = 'd4'")
    bad = failed(run_contracts(con, doc_ids=["d1", "d4"]))
    assert {"sentences.start_char.spans_clean_text", "entity_mentions.entity_id.relationships"} <= bad
    assert not failed(run_contracts(con, doc_ids=["d2", "d3"]))


@pytest.mark.parametrize("pass_rows", [1, 10**9])
def test_a_key_holding_doc_id_is_checked_in_passes_with_the_same_result(con, monkeypatch, pass_rows):
    import pipeline.quality.warehouse as qw

    monkeypatch.setattr(qw, "MATERIALIZE_MAX_DOCS", 0)  # the whole-table path of a large warehouse
    monkeypatch.setattr(qw, "KEY_PASS_ROWS", pass_rows)  # 1: one pass per document
    n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    ranges = qw._doc_ranges(con, n_docs)
    assert len(ranges) == n_docs > 1
    # the ranges split the rows: each row falls in exactly one
    hits = [con.execute(f"SELECT count(*) FROM search_postings WHERE {w}").fetchone()[0] for w in ranges]
    assert sum(hits) == con.execute("SELECT count(*) FROM search_postings").fetchone()[0]
    assert "search_postings.primary_key" not in failed(run_contracts(con))
    # duplicates in the first and in the last document, and one under an id outside `documents`
    con.execute("INSERT INTO search_postings SELECT doc_id, term, tf FROM search_postings "
                "WHERE doc_id IN ((SELECT min(doc_id) FROM documents), (SELECT max(doc_id) FROM documents)) LIMIT 2")
    con.execute("INSERT INTO search_postings VALUES ('zz', 'x', 1), ('zz', 'x', 2)")
    out = {o.name: o for o in run_contracts(con)}
    assert out["search_postings.primary_key"].details["duplicate_keys"] == 3
    # a batch's rows are checked in passes too (the batch of every document, duplicates in two of them)
    monkeypatch.setattr(qw, "MATERIALIZE_MAX_DOCS", 10**6)
    batch = {o.name: o for o in run_contracts(con, doc_ids=[r[0] for r in con.execute("SELECT doc_id FROM documents").fetchall()])}
    assert batch["search_postings.primary_key"].details["duplicate_keys"] == 2


def test_surface_spans_of_a_whole_table_are_checked_in_document_ranges_with_the_same_result(con, monkeypatch):
    """The full check joins a large table's rows to their documents' texts in passes over document-id
    ranges (SPAN_PASS_DOCS): one pass per document finds what one pass over all of them finds."""
    import pipeline.quality.warehouse as qw

    monkeypatch.setattr(qw, "MATERIALIZE_MAX_DOCS", 0)  # the whole-table path of a large warehouse
    con.execute("UPDATE sentences SET end_char = end_char + 500 WHERE doc_id = (SELECT min(doc_id) FROM documents)")
    con.execute("UPDATE entity_mentions SET surface = surface || 'x' WHERE doc_id = (SELECT max(doc_id) FROM documents)")
    names = ["sentences.start_char.spans_clean_text", "entity_mentions.start_char.spans_clean_text"]

    def outcome(pass_docs: int) -> dict:
        monkeypatch.setattr(qw, "SPAN_PASS_DOCS", pass_docs)
        out = {o.name: o for o in run_contracts(con)}
        return {n: (out[n].passed, out[n].metric, sorted(map(tuple, out[n].details.get("failures", [])))) for n in out}

    whole, passes = outcome(10**9), outcome(1)
    assert whole == passes
    assert all(not whole[n][0] and whole[n][1] > 0 for n in names)
    assert sum(1 for o in whole.values() if not o[0]) == 2


@pytest.mark.parametrize("max_docs", [0, 10**6])
def test_a_large_batch_gets_the_full_check(con, monkeypatch, max_docs):
    """A batch over MATERIALIZE_MAX_DOCS documents is checked like a full check: no batch rows read into
    memory (3x the corpus: 2.6 GB), and a bad row outside the batch fails too (the full check is stricter)."""
    import pipeline.quality.warehouse as qw

    monkeypatch.setattr(qw, "MATERIALIZE_MAX_DOCS", max_docs)
    registered = []
    Spy = _registering(con, registered)

    con.execute("UPDATE sentences SET end_char = end_char + 500 WHERE doc_id = 'd1'")
    con.execute("UPDATE entity_mentions SET entity_id = 'loc:nowhere' WHERE doc_id = 'd4'")
    out = run_contracts(Spy(), doc_ids=["d1", "d2"])
    large = max_docs == 0
    assert "sentences.start_char.spans_clean_text" in failed(out)
    assert ("entity_mentions.entity_id.relationships" in failed(out)) is large  # d4 is outside the batch
    assert any(n.startswith("_contract_rows_") for n in registered) is not large
    assert {o.name for o in out} == {o.name for o in run_contracts(con)}


def test_whole_table_keys_and_relationships_are_checked_in_hash_passes_with_the_same_result(con, monkeypatch):
    """The full check groups a key without doc_id and anti-joins a relationship's distinct values in
    passes over hash(key) % P (HASH_PASS_ROWS): one row a pass finds the same duplicates and the same
    orphans as one pass; a batch's rows take one pass."""
    import pipeline.quality.warehouse as qw

    monkeypatch.setattr(qw, "MATERIALIZE_MAX_DOCS", 0)  # the whole-table path of a large warehouse
    # the sample's tables carry primary key constraints (a lake's do not): entity_mentions without them
    con.execute("CREATE TABLE _em AS SELECT * FROM entity_mentions")
    con.execute("DROP TABLE entity_mentions CASCADE")
    con.execute("ALTER TABLE _em RENAME TO entity_mentions")
    con.execute("INSERT INTO entity_mentions SELECT * FROM entity_mentions ORDER BY mention_id LIMIT 2")  # two duplicated keys
    con.execute("UPDATE sentences SET paragraph_id = 'nowhere:' || sentence_id WHERE sentence_id IN "
                "(SELECT min(sentence_id) FROM sentences UNION SELECT max(sentence_id) FROM sentences)")
    names = ["entity_mentions.primary_key", "sentences.paragraph_id.relationships"]

    def outcome(pass_rows: int) -> dict:
        monkeypatch.setattr(qw, "HASH_PASS_ROWS", pass_rows)
        out = {o.name: o for o in run_contracts(con)}
        return {n: (out[n].passed, out[n].metric, sorted(out[n].details.get("orphans", [])),
                    out[n].details.get("duplicate_keys")) for n in out}

    seen = []
    real = con.execute

    class Spy:
        def __getattr__(self, name):
            return getattr(con, name)

        def execute(self, sql, *a):
            seen.append(sql)
            return real(sql, *a)

    whole = outcome(10**9)
    monkeypatch.setattr(qw, "HASH_PASS_ROWS", 1)
    passes = {o.name: o for o in run_contracts(Spy())}
    passes = {n: (o.passed, o.metric, sorted(o.details.get("orphans", [])), o.details.get("duplicate_keys"))
              for n, o in passes.items()}
    assert whole == passes
    assert whole["entity_mentions.primary_key"][3] == 2
    assert len(whole["sentences.paragraph_id.relationships"][2]) == 2
    assert all(not whole[n][0] for n in names)
    n_mentions = con.execute("SELECT count(*) FROM entity_mentions").fetchone()[0]
    assert sum(1 for s in seen if "GROUP BY ALL HAVING" in s and f"% {n_mentions} =" in s) == n_mentions > 1
    # a batch's rows (materialized) are one pass whatever HASH_PASS_ROWS says... of the batch's size
    seen.clear()
    monkeypatch.setattr(qw, "HASH_PASS_ROWS", 10**6)
    run_contracts(Spy(), doc_ids=["d1"])
    assert not any("hash(" in s for s in seen)


def test_a_small_warehouse_is_checked_in_memory_with_the_same_result(con, monkeypatch):
    """A full check of a warehouse of at most MATERIALIZE_MAX_DOCS documents reads each table into memory
    once (and the keys a relationship points at once per table and column) instead of scanning the lake
    for every check: the same outcomes, failures and examples as the whole-table path."""
    import pipeline.quality.warehouse as qw

    con.execute("UPDATE sentences SET end_char = end_char + 500 WHERE doc_id = 'd1'")
    con.execute("UPDATE entity_mentions SET entity_id = 'loc:nowhere' WHERE doc_id = 'd4'")
    con.execute("UPDATE entity_mentions SET surface = surface || 'x' WHERE doc_id = 'd2'")
    con.execute("UPDATE event_mentions SET event_id = 'ev_gone' WHERE doc_id = 'd2'")
    con.execute("UPDATE documents SET source_format = 'pdf' WHERE doc_id = 'd3'")
    registered = []
    Spy = _registering(con, registered)

    def outcome(max_docs: int) -> dict:
        monkeypatch.setattr(qw, "MATERIALIZE_MAX_DOCS", max_docs)
        registered.clear()
        return {o.name: (o.passed, o.metric, o.details) for o in run_contracts(Spy())}

    in_memory = outcome(10**6)
    assert any(n.startswith("_contract_keys_") for n in registered)
    assert any(n.startswith("_contract_rows_") for n in registered)
    in_lake = outcome(0)
    assert not any(n.startswith(("_contract_rows_", "_contract_keys_")) for n in registered)
    assert in_memory == in_lake
    assert {n for n, o in in_memory.items() if not o[0]} == {
        "sentences.start_char.spans_clean_text", "entity_mentions.entity_id.relationships",
        "entity_mentions.start_char.spans_clean_text", "event_mentions.event_id.relationships",
        "documents.source_format.accepted_values"}
