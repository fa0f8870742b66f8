"""Bundled DuckDB extensions: loaded from the pinned wheels, nothing else loadable unsigned afterwards."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.warehouse.connect import _in_wheel, _session, extension_path


def test_session_loads_the_bundled_extensions_and_then_refuses_unsigned_ones():
    con = _session(("ducklake", "sqlite", "fts"))
    try:
        loaded = {r[0] for r in con.execute("SELECT extension_name FROM duckdb_extensions() WHERE loaded").fetchall()}
        assert {"ducklake", "sqlite_scanner", "fts"} <= loaded
        assert con.execute("SELECT current_setting('allow_unsigned_extensions')").fetchone()[0] is False
        with pytest.raises(duckdb.Error, match="allow_unsigned_extensions"):
            con.execute("SET allow_unsigned_extensions = true")
    finally:
        con.close()


def test_an_extension_file_outside_the_wheels_is_verified(tmp_path):
    # a copy of a bundled extension elsewhere (as the temp-directory fallback would be) is not trusted,
    # and a tampered copy does not load in a session
    original = extension_path("fts")
    assert _in_wheel(original, "fts")
    copy = tmp_path / "fts.duckdb_extension"
    data = bytearray(original.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    assert not _in_wheel(copy, "fts")
    con = _session(())
    try:
        with pytest.raises(duckdb.Error):
            con.execute(f"LOAD '{copy.as_posix()}'")
    finally:
        con.close()
