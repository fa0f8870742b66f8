"""Compare two published warehouses table by table: row count and an order-independent row hash.

    .venv/bin/python bench/compare_lakes.py A.lake.sqlite B.lake.sqlite [--tables t1 t2 ...]

For every base table of both lakes (or ``--tables``), ``count(*)`` and ``bit_xor(hash(row))`` over the
columns both have, leaving out the columns a run stamps with its own clock or id (:data:`RUN_COLUMNS`)
and the tables that record runs (:data:`RUN_TABLES`). Prints one line per table and exits 1 when any
differs. Used for the identity checks of docs/benchmarks.md (a build by one branch against another's).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.warehouse.connect import connect_readonly  # noqa: E402

#: stamped by the run (its clock, its id): differ between two builds of the same data
RUN_COLUMNS = {"ingested_at", "updated_at", "removed_at", "first_seen_at", "last_seen_at", "last_scanned_at",
               "mtime_ns", "run_id", "started_at", "published_at_run"}
RUN_TABLES = {"dq_results", "refresh_runs", "schema_migrations"}


def digest(con, table: str, cols: list[str]) -> tuple[int, int]:
    row = "(" + ", ".join(f'"{c}"' for c in cols) + ")"
    n, h = con.execute(f"SELECT count(*), coalesce(bit_xor(hash({row})), 0) FROM {table}").fetchone()
    return int(n), int(h)


def columns(con, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_catalog = current_database() "
        "ORDER BY ordinal_position", [table]).fetchall()]


def tables(con) -> set[str]:
    return {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() "
        "AND table_type = 'BASE TABLE'").fetchall()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--tables", nargs="+")
    args = ap.parse_args(argv)
    ca, cb = connect_readonly(args.a, fts=False), connect_readonly(args.b, fts=False)
    try:
        names = sorted(args.tables or ((tables(ca) & tables(cb)) - RUN_TABLES))
        bad = 0
        for t in names:
            cols = [c for c in columns(ca, t) if c in set(columns(cb, t)) and c not in RUN_COLUMNS]
            da, db = digest(ca, t, cols), digest(cb, t, cols)
            same = da == db
            bad += not same
            print(f"{'same' if same else 'DIFF'}  {t:28s} {da[0]:>10,} rows  {da[1]:>20}" +
                  ("" if same else f"  vs {db[0]:,} rows {db[1]}"))
        print(f"{len(names) - bad} of {len(names)} tables identical")
        return 1 if bad else 0
    finally:
        ca.close()
        cb.close()


if __name__ == "__main__":
    raise SystemExit(main())
