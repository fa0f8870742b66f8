"""``khabar migrate``: pending schema migrations, and conversion of a single-file DuckDB warehouse
(written by Khabar before the lake storage) into a lake.

A conversion copies every base table of the old file into the migrated lake (``INSERT … BY NAME``:
columns added by later migrations stay NULL, as a migration would leave them), rebuilds the
full-text index and commits all of it as one snapshot. Converting in place renames the old file to
``<name>.v0.duckdb`` first and creates the lake's catalog under the original name.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.warehouse.connect import connect_writer, file_format
from pipeline.warehouse.location import LAKE_ALIAS, locate
from pipeline.warehouse.migrate import apply_migrations, schema_version
from pipeline.warehouse.publish import writer_lock

__all__ = ["convert_warehouse"]


def _legacy_copy(target: Path) -> Path:
    stem = target.name[: -len(target.suffix)] if target.suffix else target.name
    backup = target.with_name(f"{stem}.v0.duckdb")
    if backup.exists():
        raise FileExistsError(f"{backup} already exists; move it away first")
    return backup


def convert_warehouse(target, source: Path | None = None) -> dict:
    """Apply pending migrations to the lake at ``target``; with a legacy DuckDB file (``source``, or
    ``target`` itself) copy its tables into the lake first. Returns what was done."""
    wh = locate(target)
    result: dict = {"warehouse": str(wh), "converted_from": None, "tables": {}}
    if source is None and wh.catalog_file is not None and file_format(wh.catalog_file) == "duckdb":
        source = _legacy_copy(wh.catalog_file)
        wh.catalog_file.rename(source)
        for suffix in (".wal",):
            side = wh.catalog_file.with_name(wh.catalog_file.name + suffix)
            if side.exists():
                side.rename(source.with_name(source.name + suffix))
        result["kept_old_file_as"] = str(source)
    if source is not None and file_format(Path(source)) != "duckdb":
        raise ValueError(f"{source} is not a single-file DuckDB warehouse")
    with writer_lock(wh):
        con = connect_writer(wh, converting=source is not None)
        try:
            result["applied_migrations"] = apply_migrations(con)
            if source is not None:
                result["converted_from"] = str(source)
                result["tables"] = _copy_tables(con, Path(source))
            result["schema_version"] = schema_version(con)
        finally:
            con.close()
    return result


def _copy_tables(con, source: Path) -> dict[str, int]:
    from pipeline.warehouse.publish import tag_snapshot
    from pipeline.warehouse.refresh import rebuild_fts

    con.execute(f"ATTACH '{source.as_posix().replace(chr(39), chr(39) * 2)}' AS legacy (READ_ONLY)")
    try:
        old_version = con.execute("SELECT coalesce(max(version), 0) FROM legacy.main.schema_migrations").fetchone()[0]
        if old_version > schema_version(con):
            raise ValueError(f"{source} has schema version {old_version}, newer than this Khabar "
                             f"({schema_version(con)}); upgrade Khabar first")
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = 'legacy' AND schema_name = 'main' "
            "AND table_name <> 'schema_migrations' ORDER BY 1").fetchall()]
        present = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main'",
            [LAKE_ALIAS]).fetchall()}
        missing = sorted(set(tables) - present)
        if missing:
            raise ValueError(f"{source} has tables the lake schema does not know: {', '.join(missing)}")
        copied = {}
        con.execute("BEGIN TRANSACTION")
        try:
            for t in tables:
                con.execute(f'DELETE FROM "{t}"')
                con.execute(f'INSERT INTO "{t}" BY NAME SELECT * FROM legacy.main."{t}"')
                copied[t] = con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            rebuild_fts(con)
            tag_snapshot(con, f"migrate-from-{source.name}", "converted")
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return copied
    finally:
        con.execute("USE " + LAKE_ALIAS)
        con.execute("DETACH legacy")
