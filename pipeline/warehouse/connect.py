"""Connections to the warehouse (a DuckLake: catalog + Parquet files) and offline loading of DuckDB extensions.

``connect_readonly(PATH_OR_URI)`` is the one documented read path, for every backend: an in-memory
DuckDB session with the lake attached read-only as ``lake`` and selected (``USE lake``), so that every
table and view answers to its plain name. ``connect_writer`` is for the refresh (and maintenance) only.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from pipeline.warehouse.location import DEFAULT_WAREHOUSE, LAKE_ALIAS, Warehouse, locate
from pipeline.warehouse.sandbox import lock_down

__all__ = ["LegacyWarehouseError", "extension_path", "load_extension", "fts_extension_path", "load_fts",
           "connect_published",
           "warehouse_exists", "file_format", "connect_readonly", "connect_writer", "connect_memory",
           "attach_lake"]

#: rows a commit may inline in the catalog instead of writing Parquet (0: never; see attach_lake)
DATA_INLINING_ROW_LIMIT = 0

#: wheel name → the extension's own name (its entry point is ``<name>_duckdb_cpp_init``)
_ENTRY_NAMES = {"sqlite": "sqlite_scanner", "postgres": "postgres_scanner"}


class LegacyWarehouseError(RuntimeError):
    """The path holds a single-file DuckDB warehouse of an earlier Khabar version."""


def extension_path(name: str) -> Path:
    """Path of extension ``name`` shipped by the ``duckdb-extension-<name>`` wheel (pinned to our DuckDB).

    Extensions whose entry point differs from the wheel's file name (``sqlite`` → ``sqlite_scanner``)
    are reached through a symlink with the right name, made once next to the wheel's file (or in the
    temp directory when site-packages is read-only)."""
    import importlib

    module = importlib.import_module(f"duckdb_extension_{name}")
    base = Path(module.__file__).parent / "extensions" / f"v{duckdb.__version__}"
    found = base / f"{name}.duckdb_extension"
    if not found.exists():
        raise RuntimeError(f"{name} extension for DuckDB {duckdb.__version__} not found under {base}; "
                           f"pin duckdb-extension-{name} to the same version as duckdb")
    entry = _ENTRY_NAMES.get(name)
    if entry is None:
        return found
    for directory in (base, Path(os.environ.get("TMPDIR", "/tmp")) / f"khabar-duckdb-ext-{os.getuid()}"):
        link = directory / f"{entry}.duckdb_extension"
        if link.exists():
            return link
        try:
            directory.mkdir(parents=True, exist_ok=True)
            tmp = directory / f".{entry}.{os.getpid()}.tmp"
            tmp.unlink(missing_ok=True)
            os.symlink(found, tmp)
            os.replace(tmp, link)
            return link
        except OSError:
            continue
    raise RuntimeError(f"cannot make a loadable name for the {name} extension")


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Load a bundled extension (no network)."""
    con.execute(f"LOAD '{extension_path(name).as_posix()}'")


def fts_extension_path() -> Path:
    return extension_path("fts")


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load the bundled full-text-search extension (no network)."""
    load_extension(con, "fts")


def file_format(path: Path) -> str | None:
    """'sqlite', 'duckdb' (a single-file warehouse of an earlier version), 'other', or None if absent."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except (FileNotFoundError, IsADirectoryError):
        return None
    if head.startswith(b"SQLite format 3\x00"):
        return "sqlite"
    if head[8:12] == b"DUCK":
        return "duckdb"
    return "other" if head else "empty"


#: where earlier versions published the warehouse by default
LEGACY_DEFAULT = DEFAULT_WAREHOUSE.with_name("khabar.duckdb")


def _check_catalog(wh: Warehouse) -> None:
    if wh.catalog_file is None:
        return
    if (wh.catalog_file == DEFAULT_WAREHOUSE and not wh.catalog_file.exists()
            and file_format(LEGACY_DEFAULT) == "duckdb"):
        raise LegacyWarehouseError(
            f"{LEGACY_DEFAULT} is a single-file warehouse of an earlier Khabar; copy it into the lake with "
            f"`khabar migrate --from {LEGACY_DEFAULT}` (or delete it to start afresh)")
    fmt = file_format(wh.catalog_file)
    if fmt == "duckdb":
        raise LegacyWarehouseError(
            f"{wh.catalog_file} is a single-file DuckDB warehouse of an earlier Khabar; "
            f"convert it to the lake format with `khabar migrate -w {wh.catalog_file}` (the old file is kept beside it)")
    if fmt == "other":
        raise LegacyWarehouseError(f"{wh.catalog_file} is not a Khabar warehouse (not a SQLite DuckLake catalog)")


def warehouse_exists(path_or_uri) -> bool:
    """Whether a warehouse is there with its schema committed (for a path: its catalog file exists and
    holds tables; for a PostgreSQL catalog: the database holds an initialised lake with tables). A lake
    whose first writer has not yet committed its schema counts as absent, as :func:`connect_readonly`
    treats it."""
    wh = locate(path_or_uri)
    if wh.backend != "postgres":
        return wh.exists() and _sqlite_catalog_has_tables(wh.catalog_file)
    con = _session(("ducklake", "postgres"))
    try:
        attach_lake(con, wh, read_only=True)
        return bool(con.execute(f"SELECT count(*) FROM duckdb_tables() WHERE database_name = '{LAKE_ALIAS}'").fetchone()[0])
    except duckdb.Error:
        return False
    finally:
        con.close()


def _sqlite_catalog_has_tables(path: Path) -> bool:
    """Whether a SQLite DuckLake catalog records any live table (read with sqlite3, no DuckDB session)."""
    import sqlite3

    fmt = file_format(path)
    if fmt == "empty":  # the first writer has created the file, not yet the catalog's tables
        return False
    if fmt != "sqlite":
        return True  # a legacy or foreign file: let the caller's open refuse it in one line
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error:
        return False
    try:
        return bool(db.execute("SELECT count(*) FROM ducklake_table WHERE end_snapshot IS NULL").fetchone()[0])
    except sqlite3.Error:  # the catalog's own tables are not created yet
        return False
    finally:
        db.close()


def _in_wheel(path: Path, name: str) -> bool:
    """Whether ``path`` (an :func:`extension_path`) lies in the ``duckdb-extension-<name>`` wheel's own
    directory in site-packages (not in the temp-directory fallback for a read-only site-packages)."""
    import importlib

    wheel_dir = Path(importlib.import_module(f"duckdb_extension_{name}").__file__).parent.resolve()
    return path.parent.resolve().is_relative_to(wheel_dir)


def _session(extensions: tuple[str, ...]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB session with the bundled ``extensions`` loaded.

    DuckDB checks an extension file's signature on every ``LOAD`` by hashing the whole file: 0.19 s for
    ducklake + sqlite + fts (81 MB), paid by every connection — five per refresh. The files inside the
    pinned wheels' own directories in site-packages are as trusted as the Python code that loads them,
    so they are loaded with ``allow_unsigned_extensions`` on (1–3 ms); the setting is switched off right
    after, before any other statement, and DuckDB refuses to switch it on again in that session, so
    nothing else can ever be loaded unsigned in it (analyst sessions cannot ``LOAD`` at all: the
    sandbox). A file outside the wheels (the temp-directory fallback) is loaded afterwards, verified."""
    paths = {name: extension_path(name) for name in extensions}
    trusted = [n for n in extensions if _in_wheel(paths[n], n)]
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                             "allow_unsigned_extensions": bool(trusted)})
    try:
        for name in trusted:
            con.execute(f"LOAD '{paths[name].as_posix()}'")
        con.execute("SET allow_unsigned_extensions = false")
        con.execute("SET enable_progress_bar = false")
        for name in extensions:
            if name not in trusted:
                con.execute(f"LOAD '{paths[name].as_posix()}'")
    except Exception:
        con.close()
        raise
    return con


def attach_lake(con: duckdb.DuckDBPyConnection, wh: Warehouse, *, read_only: bool,
                snapshot: int | None = None, at: str | None = None) -> None:
    """ATTACH the lake as ``lake`` (read-only or not, optionally at a snapshot id or time) and ``USE`` it."""
    options = []
    if read_only:
        options.append("READ_ONLY")
    else:
        options.append(f"DATA_PATH '{_sql_str(wh.data_path)}'")
        # no data inlining: with DuckLake 1.5.5, rows inlined in the catalog that one transaction deletes,
        # re-inserts and updates (a re-processed document's event mentions and their event blocks)
        # committed inconsistent — event_blocks rows without their mention (docs/storage.md)
        options.append(f"DATA_INLINING_ROW_LIMIT {DATA_INLINING_ROW_LIMIT}")
    if snapshot is not None:
        options.append(f"SNAPSHOT_VERSION {int(snapshot)}")
    if at is not None:
        options.append(f"SNAPSHOT_TIME '{_sql_str(str(at))}'")
    con.execute(f"ATTACH '{_sql_str(wh.attach)}' AS {LAKE_ALIAS} ({', '.join(options)})")
    con.execute(f"USE {LAKE_ALIAS}")


def connect_readonly(path: Path | str, fts: bool = True, *, snapshot: int | None = None,
                     at: str | None = None) -> duckdb.DuckDBPyConnection:
    """Open the warehouse read-only (any number of readers, also while a refresh runs).

    ``path`` is a catalog path or URI (see :mod:`pipeline.warehouse.location`). Tables and views
    answer to their plain names. ``snapshot`` / ``at`` open an earlier snapshot (time travel).
    Raises ``FileNotFoundError`` when there is no warehouse (or a new one whose schema is not yet
    committed), :class:`LegacyWarehouseError` for a
    single-file warehouse of an earlier version. The connection is locked down
    (``pipeline.warehouse.sandbox``): it reads the lake's files and nothing else.
    """
    wh = locate(path)
    _check_catalog(wh)
    if not wh.exists():
        raise FileNotFoundError(f"no warehouse at {wh}; build it with `make run` or `khabar run`")
    being_created = FileNotFoundError(f"no warehouse at {wh} yet: it is being created; build it with `make run` "
                                      "or `khabar run`")
    if wh.backend != "postgres" and not _sqlite_catalog_has_tables(wh.catalog_file):
        # the first writer has created the catalog file but not yet committed the lake's schema: a
        # read-only ATTACH would fail with DuckLake's "creating a new DuckLake is explicitly disabled"
        raise being_created
    con = _session(("ducklake", wh.backend) + (("fts",) if fts else ()))
    try:
        if wh.backend != "postgres":  # (the postgres catalog's ATTACH looks up the persistent secret storage)
            con.execute("SET allow_persistent_secrets = false")  # before the secret manager starts (sandbox)
        try:
            attach_lake(con, wh, read_only=True, snapshot=snapshot, at=at)
        except duckdb.InvalidInputException as exc:
            if "creating a new DuckLake is explicitly disabled" in str(exc):  # (a PostgreSQL catalog being created)
                raise being_created from None
            raise
        if not con.execute(f"SELECT count(*) FROM duckdb_tables() WHERE database_name = '{LAKE_ALIAS}'").fetchone()[0]:
            # a lake whose first writer has not yet committed its schema (migrations are one snapshot)
            raise being_created
    except Exception:
        con.close()
        raise
    _lock_down(con, wh)
    return con


def connect_published(path: Path | str, fts: bool = False) -> duckdb.DuckDBPyConnection | None:
    """:func:`connect_readonly`, or ``None`` when nothing is published there yet: no warehouse, or a new
    lake whose first writer has not committed its schema. The second case is checked by the read-only
    attach itself, not only by :func:`warehouse_exists`: two runs starting on a new lake at once
    (partition runs, two ``khabar run``) can see the catalog's tables from SQLite a moment before a
    DuckLake reader sees them (``tests/warehouse/test_publish.py``)."""
    if not warehouse_exists(path):
        return None
    try:
        return connect_readonly(path, fts=fts)
    except FileNotFoundError:
        return None


def _lock_down(con: duckdb.DuckDBPyConnection, wh: Warehouse) -> None:
    """Restrict the reader to the lake's files: its catalog file and data directory (the analyst
    sandbox, ``pipeline.warehouse.sandbox``)."""
    allowed = [p for p in (wh.local_data_dir, wh.catalog_file) if p is not None]
    lock_down(con, allowed)


def connect_writer(path: Path | str, *, converting: bool = False) -> duckdb.DuckDBPyConnection:
    """A read-write session on the lake (the refresh, migrations, maintenance). Creates a new lake.
    ``converting``: ``khabar migrate --from`` is copying a legacy warehouse in (no refusal)."""
    wh = locate(path)
    if not converting:
        _check_catalog(wh)
    if wh.catalog_file is not None:
        wh.catalog_file.parent.mkdir(parents=True, exist_ok=True)
    if wh.local_data_dir is not None:
        wh.local_data_dir.mkdir(parents=True, exist_ok=True)
    # a new lake: no catalog file yet, or an empty one (a first writer stopped before it created the catalog)
    new = wh.catalog_file is not None and file_format(wh.catalog_file) in (None, "empty")
    con = _session(("ducklake", wh.backend, "fts"))
    try:
        attach_lake(con, wh, read_only=False)
        if new:
            con.execute("USE memory")
            con.execute(f"DETACH {LAKE_ALIAS}")
            _sqlite_wal(wh.catalog_file)
            attach_lake(con, wh, read_only=False)
    except Exception:
        con.close()
        raise
    return con


def _sqlite_wal(path: Path) -> None:
    """Switch a new SQLite catalog to write-ahead logging (persistent): readers holding a snapshot
    open then never block the writer's commit, and the writer never blocks them."""
    import sqlite3

    db = sqlite3.connect(path)
    try:
        mode = db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    finally:
        db.close()
    if mode.lower() != "wal":
        raise RuntimeError(f"cannot switch the catalog {path} to WAL mode (got {mode})")


def connect_memory() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:")


def _sql_str(value: str) -> str:
    return value.replace("'", "''")
