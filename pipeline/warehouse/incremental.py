"""What a refresh's batch changed, and the warehouse steps scoped to it (stream `incr`).

``build_and_publish`` (``refresh.py``) calls, around ``load_batch``:

1. :func:`batch_state_ready` — before the load: does the per-batch state (search postings, event
   blocks) cover the warehouse? Not right after migration 009: then everything is recomputed once;
2. :func:`replace_reference_tables` — the knowledge base is replaced only when it differs;
3. :func:`refresh_scope` — the document ids the derived steps and contracts must look at
   (``None``: everything; ``[]``: nothing changed);
4. :func:`derive_and_check` — derived tables, search postings and contracts for that scope. With an
   empty scope it does nothing: a refresh where nothing changed only proves that nothing changed.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline.quality.outcome import CheckOutcome
from pipeline.quality.warehouse import run_contracts
from pipeline.runs.memory import release_freed_memory
from pipeline.warehouse.derived import refresh_derived
from pipeline.warehouse.load import insert_frame
from pipeline.warehouse.search_index import search_index_ready, update_search

__all__ = ["batch_state_ready", "reference_changed", "replace_reference_tables", "refresh_scope", "derive_and_check"]


def batch_state_ready(con: duckdb.DuckDBPyConnection) -> bool:
    """Cheap proof (counts) that the per-batch state covers the warehouse; call before the load."""
    return search_index_ready(con)


def reference_changed(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> bool:
    """Whether replacing ``table`` by ``frame`` (inserted by name: other columns NULL) would change it.
    Reference tables (the knowledge base) are small."""
    current = con.execute(f"SELECT * FROM {table}").pl()
    cols = [c for c in frame.columns if c in current.columns]
    if current.height != frame.height or len(cols) != len(frame.columns):
        return True
    if any(current[c].null_count() != current.height for c in current.columns if c not in cols):
        return True
    try:
        a = current.select(cols).cast({c: frame.schema[c] for c in cols})
        return not a.sort(cols, nulls_last=True).equals(frame.select(cols).sort(cols, nulls_last=True))
    except Exception:
        return True


def replace_reference_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pl.DataFrame] | None) -> list[str]:
    """Replace each reference table whose content differs (an unchanged one is not rewritten: on the
    lake that would only add files); returns the names replaced (empty: none changed)."""
    replaced = []
    for table, frame in (tables or {}).items():
        if reference_changed(con, table, frame):
            replaced.append(table)
            con.execute(f"DELETE FROM {table}")
            insert_frame(con, table, frame)
    return replaced


def refresh_scope(changed_doc_ids: list[str] | None, *, ready: bool, reference_changed: bool,
                  full_check: bool) -> list[str] | None:
    """Documents to re-derive and check: the batch's, or ``None`` (all) after a knowledge-base change,
    on a full check, or when the per-batch state did not cover the warehouse."""
    if reference_changed or full_check or not ready or changed_doc_ids is None:
        return None
    return changed_doc_ids


def derive_and_check(con: duckdb.DuckDBPyConnection, scope: list[str] | None, stats: dict) -> list[CheckOutcome]:
    """Derived tables, search postings and contracts for ``scope``; counters go to ``stats``.
    Returns the contract outcomes (none when nothing changed)."""
    if scope is not None and not scope:
        return []
    # each step's freed memory goes back to the OS before the next one grows: Python rows, Arrow
    # tables and DuckDB's own allocations outside its buffer manager stay in glibc's arenas otherwise
    # (no garbage collection: what these steps free, reference counting frees; a full collection costs
    # ≈ 85 ms in the run process, on every refresh however small)
    stats["derived"] = refresh_derived(con, scope)
    release_freed_memory(collect=False)
    stats["search_indexed"] = update_search(con, scope)
    release_freed_memory(collect=False)
    outcomes = run_contracts(con, doc_ids=scope)
    release_freed_memory(collect=False)
    return outcomes
