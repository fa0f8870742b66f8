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
