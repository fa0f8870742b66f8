"""One clear line per failure: the cause and the path."""

from __future__ import annotations

import errno
from pathlib import Path

import duckdb
import pytest

from pipeline.runs.failures import chain_of, describe, describe_exception
from pipeline.runs.gate import WarehouseBusy


def _raise_chain():
    try:
        raise OSError(errno.ENOSPC, "No space left on device", "/data/.staging/k.run.duckdb")
    except OSError as inner:
        raise RuntimeError("Error occurred while executing op \"warehouse\":") from inner


def test_disk_full_names_the_cause_and_the_path():
    with pytest.raises(RuntimeError) as err:
        _raise_chain()
    line = describe_exception(err.value)
    assert line == "disk full: no space left on device writing /data/.staging/k.run.duckdb"


def test_duckdb_disk_full_message_gives_its_path():
    chain = [("DagsterExecutionStepExecutionError", 'Error occurred while executing op "warehouse":'),
             ("FatalException", 'FATAL Error: Failed to create checkpoint because of error: Could not write file '
                                '"/tmp/w/.staging/k.x.duckdb": No space left on device')]
    assert describe(chain) == "disk full: no space left on device writing /tmp/w/.staging/k.x.duckdb"


def test_a_full_lake_catalog_names_the_catalog_file(tmp_path):
    """SQLite's "database or disk is full" (no path in it) becomes the disk-full line naming the catalog."""
    from pipeline.warehouse.location import locate
    from pipeline.warehouse.refresh import _raise_if_catalog_full

    wh = locate(tmp_path / "wh.duckdb")
    exc = duckdb.TransactionException('Failed to commit: Failed to execute query "COMMIT": database or disk is full')
    with pytest.raises(OSError) as err:
        _raise_if_catalog_full(exc, wh)
    assert describe_exception(err.value) == f"disk full: no space left on device writing {wh.catalog_file}"
    _raise_if_catalog_full(duckdb.TransactionException("Conflict on commit"), wh)  # other errors pass through
    assert describe([("TransactionException", "database or disk is full")]) == "disk full: no space left on device"


def test_warehouse_busy_is_its_own_line():
    exc = WarehouseBusy(Path("/w/k.duckdb"), {"run_id": "abc", "pid": 7, "host": "h", "since": "t"}, 3.0)
    line = describe_exception(exc)
    assert line.startswith("warehouse busy: run abc (pid 7 on h") and "\n" not in line


def test_other_errors_give_the_innermost_cause_on_one_line():
    try:
        try:
            duckdb.connect(":memory:").execute("SELECT * FROM nowhere")
        except duckdb.Error as inner:
            raise RuntimeError("wrapper") from inner
    except RuntimeError as exc:
        line = describe_exception(exc)
    assert line.startswith("CatalogException: Catalog Error: Table with name nowhere does not exist")
    assert "\n" not in line and len(line) <= 260
    assert chain_of(ValueError("x")) == [("ValueError", "x")]


def test_a_deliberate_failure_reads_as_its_description():
    chain = [("Failure", "blocking warehouse checks failed, nothing published: ['contract_spans']")]
    assert describe(chain) == "blocking warehouse checks failed, nothing published: ['contract_spans']"
