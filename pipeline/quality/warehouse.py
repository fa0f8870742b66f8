"""Run the declarative contracts of ``warehouse/contracts.yaml`` as SQL against a warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import yaml

from pipeline.quality.outcome import CheckOutcome
from pipeline.settings import REPO_ROOT

__all__ = ["CONTRACTS_PATH", "load_contracts", "run_contracts"]

CONTRACTS_PATH = REPO_ROOT / "warehouse" / "contracts.yaml"
_EXAMPLES = 5


def load_contracts(path: Path = CONTRACTS_PATH) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["tables"]


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def run_contracts(con: duckdb.DuckDBPyConnection, contracts: dict | None = None,
                  only_docs: list[str] | None = None) -> list[CheckOutcome]:
    """Evaluate every contract of every existing table. Each outcome's metric is the number of
    offending rows. Span tests compare code-point substrings (DuckDB ``substring`` counts
    Unicode code points, like Python slicing)."""
    contracts = contracts or load_contracts()
    present = _tables(con)
    out: list[CheckOutcome] = []
    for table, spec in contracts.items():
        if table not in present:
            continue
        pk = spec.get("primary_key")
        if pk:
            cols = ", ".join(pk)
            n = con.execute(f"SELECT count(*) FROM (SELECT {cols} FROM {table} GROUP BY ALL HAVING count(*) > 1)").fetchone()[0]
            nulls = con.execute(f"SELECT count(*) FROM {table} WHERE " + " OR ".join(f"{c} IS NULL" for c in pk)).fetchone()[0]
            out.append(CheckOutcome(f"{table}.primary_key", n == 0 and nulls == 0, float(n + nulls),
                                    {"duplicate_keys": n, "null_keys": nulls}, description=f"{table}({cols}) unique, not null"))
        for col in spec.get("not_null", []):
            n = con.execute(f"SELECT count(*) FROM {table} WHERE {col} IS NULL").fetchone()[0]
            out.append(CheckOutcome(f"{table}.{col}.not_null", n == 0, float(n), {}, description=f"{table}.{col} not null"))
        for col, values in (spec.get("accepted_values") or {}).items():
            rows = con.execute(
                f"SELECT DISTINCT {col} FROM {table} WHERE {col} IS NOT NULL AND {col} NOT IN (SELECT unnest(?))",
                [values]).fetchall()
            out.append(CheckOutcome(f"{table}.{col}.accepted_values", not rows, float(len(rows)),
                                    {"unexpected": [r[0] for r in rows[:_EXAMPLES]]},
                                    description=f"{table}.{col} in {values}"))
        for rel in spec.get("relationships", []):
            col, target = rel["column"], rel["to"]
            ptable, pcol = target.split(".")
            rows = con.execute(
                f"SELECT DISTINCT c.{col} FROM {table} c WHERE c.{col} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {ptable} p WHERE p.{pcol} = c.{col})").fetchall()
            out.append(CheckOutcome(f"{table}.{col}.relationships", not rows, float(len(rows)),
                                    {"orphans": [r[0] for r in rows[:_EXAMPLES]], "to": target},
                                    description=f"{table}.{col} → {target}"))
        for sp in spec.get("spans", []):
            ttable, tcol = sp["text"].split(".")
            start = sp["start"]
            length = sp.get("length") or f"({sp['end']} - {start})"
            end_expr = f"({start} + {length})"
            cond = f"{start} < 0 OR {length} < 0 OR {end_expr} > length(t.{tcol})"
            if sp.get("surface"):
                cond += f" OR substring(t.{tcol}, {start} + 1, {length}) <> s.{sp['surface']}"
            rows = con.execute(
                f"SELECT s.doc_id, {start}, {end_expr} FROM {table} s JOIN {ttable} t USING (doc_id) WHERE {cond}"
            ).fetchall()
            n_missing = con.execute(
                f"SELECT count(*) FROM {table} s WHERE NOT EXISTS (SELECT 1 FROM {ttable} t WHERE t.doc_id = s.doc_id)"
            ).fetchone()[0]
            label = sp.get("surface") or "in range"
            out.append(CheckOutcome(f"{table}.{start}.spans_{tcol}", not rows and n_missing == 0, float(len(rows) + n_missing),
                                    {"failures": [list(r) for r in rows[:_EXAMPLES]], "missing_text": n_missing},
                                    description=f"{table} offsets {start}.. into {tcol} ({label})"))
    return out
