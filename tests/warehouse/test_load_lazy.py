"""Loading spooled (lazy) tables gives the same warehouse rows as loading in-memory frames."""

from __future__ import annotations

from datetime import datetime

import duckdb
import polars as pl

from pipeline.warehouse.load import load_batch
from pipeline.warehouse.migrate import apply_migrations
from pipeline.warehouse.refresh import DOCUMENT_COLUMNS
from tests.conftest import SEEDS
from tests.warehouse.helpers import batch_for, identity_tables


def _load(lazy: bool, now: datetime) -> dict:
    con = duckdb.connect(":memory:")
    apply_migrations(con)
    batch = batch_for(SEEDS)
    docs, tables = identity_tables(batch.documents)
    docs = docs.select(DOCUMENT_COLUMNS)
    for _ in range(2):  # the second load replaces the first (delete-then-insert, ingested_at kept)
        stats = load_batch(con, now=now, files=batch.files, sources=batch.sources, rejected=batch.rejected,
                           documents=docs.lazy() if lazy else docs,
                           doc_tables={k: (v.lazy() if lazy else v) for k, v in tables.items()})
    out = {"stats": stats}
    for t in ("documents", "paragraphs", "sentences", "offset_map"):
        out[t] = con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
    con.close()
    return out


def test_lazy_load_equals_eager_load():
    now = datetime(2026, 11, 29, 12, 0, 0)
    eager, lazy = _load(False, now), _load(True, now)
    assert eager["stats"]["documents_loaded"] == lazy["stats"]["documents_loaded"] > 0
    assert eager == lazy


def test_lazy_tables_are_inserted_in_slices_with_the_same_rows(monkeypatch):
    import pipeline.warehouse.load as load

    now = datetime(2026, 11, 29, 12, 0, 0)
    whole = _load(True, now)
    n_docs = len(whole["documents"])
    calls = []
    real = load.pl.LazyFrame.slice

    def counted(self, offset, length=None):
        calls.append((offset, length))
        return real(self, offset, length)

    # two documents a slice (the seeds: 5, an odd count), one sentence a slice (a count the slices divide)
    monkeypatch.setattr(load, "LAZY_SLICE_ROWS", {"documents": 2, "sentences": 1})
    monkeypatch.setattr(load.pl.LazyFrame, "slice", counted)
    sliced = _load(True, now)
    assert sliced == whole
    assert (4, 2) in calls and n_docs % 2 == 1
    assert sum(1 for c in calls if c[1] == 1) >= len(whole["sentences"])


def test_slices_are_sized_by_bytes_so_wide_tables_take_fewer_rows(monkeypatch):
    import polars as pl

    import pipeline.warehouse.load as load

    narrow = pl.DataFrame({"doc_id": [f"d{i}" for i in range(3000)], "n": list(range(3000))}).lazy()
    wide = pl.DataFrame({"doc_id": [f"d{i}" for i in range(3000)], "text": ["نص " * 500] * 3000}).lazy()
    monkeypatch.setattr(load, "LAZY_SLICE_BYTES", 1 << 20)
    monkeypatch.setattr(load, "LAZY_SLICE_MIN_ROWS", 10)
    monkeypatch.setattr(load, "LAZY_SLICE_MAX_ROWS", 100_000)
    n_narrow, n_wide = load.slice_rows("paragraphs", narrow), load.slice_rows("documents", wide)
    assert n_wide < 1_000 < n_narrow  # ~3 KB a wide row: ~350 rows in 1 MB; a narrow row ~20 bytes
    wide_row = wide.head(100).collect().estimated_size() / 100
    assert n_wide == int((1 << 20) // wide_row)
    assert load.slice_rows("documents", wide.head(0)) == 100_000  # an empty table: one statement
    monkeypatch.setattr(load, "LAZY_SLICE_ROWS", {"documents": 7})
    assert load.slice_rows("documents", wide) == 7
    monkeypatch.setattr(load, "LAZY_SLICE_MIN_ROWS", 500)
    monkeypatch.setattr(load, "LAZY_SLICE_BYTES", 1)
    assert load.slice_rows("paragraphs", narrow) == 500  # never below the floor


def test_byte_sized_slices_load_the_same_rows(monkeypatch):
    import pipeline.warehouse.load as load

    now = datetime(2026, 11, 29, 12, 0, 0)
    whole = _load(True, now)
    monkeypatch.setattr(load, "LAZY_SLICE_MIN_ROWS", 1)
    monkeypatch.setattr(load, "LAZY_SLICE_BYTES", 2_000)  # a few rows a slice: several statements a table
    steps = []
    real = load.slice_rows
    monkeypatch.setattr(load, "slice_rows", lambda t, f: steps.append((t, real(t, f))) or steps[-1][1])
    assert _load(True, now) == whole
    sizes = dict(steps)
    assert sizes["documents"] < len(whole["documents"]) and sizes["sentences"] < len(whole["sentences"])


def _load_excluding(now: datetime, exclude: list[str], lazy: bool) -> dict:
    con = duckdb.connect(":memory:")
    apply_migrations(con)
    batch = batch_for(SEEDS)
    docs, tables = identity_tables(batch.documents)
    docs = docs.select(DOCUMENT_COLUMNS)
    sources = batch.sources.filter(~pl.col("doc_id").is_in(exclude))
    if lazy:  # the spool's scans as they are, the quarantined documents left out by DuckDB
        stats = load_batch(con, now=now, files=batch.files, sources=sources, rejected=batch.rejected,
                           documents=docs.lazy(), doc_tables={k: v.lazy() for k, v in tables.items()},
                           exclude_doc_ids=exclude)
    else:  # the frames filtered beforehand
        keep = ~pl.col("doc_id").is_in(exclude)
        stats = load_batch(con, now=now, files=batch.files, sources=sources, rejected=batch.rejected,
                           documents=docs.filter(keep), doc_tables={k: v.filter(keep) for k, v in tables.items()})
    out = {"stats": stats}
    for t in ("documents", "paragraphs", "sentences", "offset_map", "removed_spans"):
        out[t] = con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
    con.close()
    return out


def test_excluded_documents_are_left_out_of_unfiltered_scans(monkeypatch):
    # the quarantine's documents: a filtered scan cannot be sliced cheaply (three times the corpus: +400 MB
    # for the documents' texts), so the spool's scans are loaded as they are and DuckDB leaves them out
    import pipeline.warehouse.load as load

    now = datetime(2026, 11, 29, 12, 0, 0)
    ids = sorted(batch_for(SEEDS).documents["doc_id"].to_list())
    exclude = [ids[1], ids[3]]
    want = _load_excluding(now, exclude, lazy=False)
    assert len(want["documents"]) == len(ids) - 2 and want["sentences"]
    assert _load_excluding(now, exclude, lazy=True) == want
    # slices of two documents / one sentence: a slice whose rows are all excluded inserts nothing but
    # the load goes on to the next one
    monkeypatch.setattr(load, "LAZY_SLICE_ROWS", {"documents": 2, "sentences": 1, "paragraphs": 1})
    assert _load_excluding(now, exclude, lazy=True) == want
