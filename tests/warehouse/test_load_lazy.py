"""Loading spooled (lazy) tables gives the same warehouse rows as loading in-memory frames."""

from __future__ import annotations

from datetime import datetime

import duckdb

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
