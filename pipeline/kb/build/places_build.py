"""Generate ``pipeline/kb/data/places.csv`` from the curated place tables.

Deterministic and offline (CLDR names come from the installed Babel)::

    .venv/bin/python -m pipeline.kb.build.places_build [--check]

``--check`` only validates the generated rows and the file on disk.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from .places_countries import country_rows
from .places_iraq_syria import iraq_rows, syria_rows
from .places_region import gulf_yemen_rows, iran_rows, levant_rows, turkey_africa_asia_rows, world_rows
from .places_validate import COLUMNS, validate_rows
from .places_world import world_more_rows

__all__ = ["all_place_rows", "write_places_csv", "PLACES_CSV", "main"]

PLACES_CSV = Path(__file__).resolve().parents[1] / "data" / "places.csv"


def all_place_rows() -> list[dict[str, str]]:
    """All place rows in a fixed order: countries, then regional tables."""
    rows: list[dict[str, str]] = []
    for make in (country_rows, iraq_rows, syria_rows, iran_rows, levant_rows, gulf_yemen_rows,
                 turkey_africa_asia_rows, world_rows, world_more_rows):
        rows.extend(make())
    return rows


def write_places_csv(path: Path = PLACES_CSV) -> int:
    """Write the CSV (UTF-8, RFC 4180 via :mod:`csv`); return the row count."""
    rows = all_place_rows()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    """CLI: build (default) or ``--check``; prints problems, returns exit code."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--check", action="store_true", help="validate only, do not write")
    args = ap.parse_args(argv)
    rows = all_place_rows()
    errors, warnings = validate_rows(rows)
    for w in warnings:
        print("WARN ", w)
    for e in errors:
        print("ERROR", e)
    if errors:
        return 1
    if not args.check:
        n = write_places_csv()
        print(f"wrote {n} rows to {PLACES_CSV}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
