"""Where the warehouse lives: a DuckLake catalog (SQLite file or PostgreSQL) plus a Parquet data path.

``KHABAR_WAREHOUSE`` / ``-w`` take either

- a **path** (any name, e.g. ``warehouse/khabar.lake.sqlite`` or ``/tmp/x/wh.duckdb``): the path is the
  SQLite catalog file and the Parquet data files go in a directory beside it, named after the file with
  its last suffix replaced by ``.lake`` (``khabar.lake.sqlite`` → ``khabar.lake/``, ``wh.duckdb`` →
  ``wh.lake/``; a file already named ``x.lake`` keeps its data in ``x.lake.data/``);
- a **catalog URI** ``postgres:dbname=… host=…`` (or ``ducklake:postgres:…``): the catalog is that
  PostgreSQL database; the data path is ``$KHABAR_LAKE_DATA`` (a directory or ``s3://…``) or, by default,
  ``warehouse/<dbname>.lake/`` — only needed when the catalog is created, it is recorded in the catalog.

Local state that is not warehouse data (the writers' lock, the per-run check ledgers) lives in
``<data dir>/../.khabar/`` for a path, ``warehouse/.khabar/<dbname>/`` for a PostgreSQL catalog.
Only ``pipeline/warehouse/`` looks inside a :class:`Warehouse`; everything else passes the user's
value (``Path`` or ``str``) through.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.settings import REPO_ROOT

__all__ = ["Warehouse", "locate", "runs_dir", "normalize_spec", "is_uri", "DEFAULT_WAREHOUSE", "LAKE_ALIAS"]

DEFAULT_WAREHOUSE = REPO_ROOT / "warehouse" / "khabar.lake.sqlite"
LAKE_ALIAS = "lake"
_URI_RE = re.compile(r"^(ducklake:)?(postgres|postgresql):", re.IGNORECASE)


def is_uri(value: str | Path) -> bool:
    """True for a catalog URI (``postgres:…`` / ``ducklake:postgres:…``), False for a file path."""
    return isinstance(value, str) and bool(_URI_RE.match(value.strip()))


def normalize_spec(value: str | Path) -> Path | str:
    """A user's ``-w`` / ``KHABAR_WAREHOUSE`` value: a resolved ``Path``, or the URI string unchanged."""
    if isinstance(value, Path):
        return value.resolve()
    if is_uri(value):
        return value.strip()
    return Path(value).expanduser().resolve()


@dataclass(frozen=True)
class Warehouse:
    """A located warehouse: backend, the ``ATTACH`` string of its catalog, its data path and local state dir."""

    spec: str
    backend: str              # "sqlite" | "postgres"
    attach: str               # ducklake:sqlite:/abs/file  |  ducklake:postgres:dbname=…
    data_path: str            # directory ending in "/" or an object-store URL
    state_dir: Path
    catalog_file: Path | None = None

    @property
    def home(self) -> Path:
        """The local directory for files produced beside the warehouse (e.g. the HTML report)."""
        return self.catalog_file.parent if self.catalog_file is not None else REPO_ROOT / "warehouse"

    @property
    def local_data_dir(self) -> Path | None:
        """The data directory when it is on the local file system (else None)."""
        return None if "://" in self.data_path else Path(self.data_path)

    def exists(self) -> bool:
        """Whether a warehouse (of any format) is there already. A PostgreSQL catalog always 'exists'
        (the database must be created beforehand); an empty one is initialised on first write."""
        if self.catalog_file is not None:
            return self.catalog_file.exists()
        return True

    def __str__(self) -> str:  # what messages show
        return self.spec


def _data_dir_for(catalog: Path) -> Path:
    base = catalog.name[: -len(catalog.suffix)] if catalog.suffix else catalog.name
    if not base.endswith(".lake"):
        base += ".lake"
    target = catalog.with_name(base)
    return target.with_name(target.name + ".data") if target == catalog else target


def _pg_params(conninfo: str) -> dict[str, str]:
    return dict(re.findall(r"(\w+)\s*=\s*('[^']*'|\S+)", conninfo))


def locate(value: "str | Path | Warehouse") -> Warehouse:
    """Resolve a path or catalog URI into a :class:`Warehouse`."""
    if isinstance(value, Warehouse):
        return value
    spec = normalize_spec(value)
    if isinstance(spec, str):
        conninfo = _URI_RE.sub("", spec, count=1).strip()
        dbname = _pg_params(conninfo).get("dbname", "").strip("'") or "khabar"
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", dbname)
        key = hashlib.sha256(conninfo.encode()).hexdigest()[:8]
        data = os.environ.get("KHABAR_LAKE_DATA") or str(REPO_ROOT / "warehouse" / f"{safe}.lake")
        if "://" not in data:
            data = str(Path(data).expanduser().resolve())
        return Warehouse(spec=spec, backend="postgres", attach=f"ducklake:postgres:{conninfo}",
                         data_path=data.rstrip("/") + "/",
                         state_dir=REPO_ROOT / "warehouse" / ".khabar" / f"{safe}-{key}")
    data_dir = _data_dir_for(spec)
    return Warehouse(spec=str(spec), backend="sqlite", attach=f"ducklake:sqlite:{spec.as_posix()}",
                     data_path=data_dir.as_posix() + "/", state_dir=spec.parent / ".khabar" / spec.name,
                     catalog_file=spec)


def runs_dir(value: "str | Path | Warehouse") -> Path:
    """The directory of per-run local files (check ledgers) of a warehouse: ``<state dir>/runs``."""
    return locate(value).state_dir / "runs"
