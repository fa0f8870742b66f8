"""Numbered SQL migrations (``warehouse/migrations/NNN_name.sql``) applied in order.

Applied migrations are recorded with a checksum (of the file as written) in ``schema_migrations``;
editing a migration that a warehouse already applied is an error (write a new migration instead).

Migrations are written in DuckDB SQL with their keys and checks declared (``PRIMARY KEY``,
``UNIQUE``, ``CHECK``, ``REFERENCES``): they document the model, and the same keys are proven on
every refresh by ``warehouse/contracts.yaml``. DuckLake (the warehouse's storage) supports only
``NOT NULL`` and has no indexes or sequences, so on a lake each migration is applied through
:func:`lake_sql`, which drops those declarations and nothing else (the checksum stays that of the
original file). A migration needing a sequence is refused: write ids in the pipeline instead.
"""

from __future__ import annotations

import hashlib
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipeline.settings import REPO_ROOT

__all__ = ["MIGRATIONS_DIR", "Migration", "MigrationError", "list_migrations", "apply_migrations", "schema_version",
           "lake_sql", "is_lake"]

MIGRATIONS_DIR = REPO_ROOT / "warehouse" / "migrations"
_NAME_RE = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


class MigrationError(RuntimeError):
    pass


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def list_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found = []
    for path in sorted(directory.glob("*.sql")):
        m = _NAME_RE.match(path.name)
        if not m:
            raise MigrationError(f"migration file name must be NNN_name.sql: {path.name}")
        found.append(Migration(int(m.group(1)), m.group(2), path.read_text(encoding="utf-8")))
    versions = [m.version for m in found]
    # numbers are assigned to work streams ahead of time, so a branch may hold 009 before 007 lands:
    # versions must be unique and start at 001, gaps are allowed (an applied-late lower number still runs)
    if len(set(versions)) != len(versions) or (versions and versions[0] != 1):
        raise MigrationError(f"migrations must be numbered uniquely from 001: {versions}")
    return found


def is_lake(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the connection's current database is a DuckLake."""
    row = con.execute("SELECT type FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    return bool(row) and row[0] == "ducklake"


_TOKEN_RE = re.compile(r"""(?P<ws>\s+)|(?P<comment>--[^\n]*|/\*.*?\*/)|(?P<str>'(?:[^']|'')*')|(?P<qid>"(?:[^"]|"")*")"""
                       r"""|(?P<word>[A-Za-z_][A-Za-z0-9_$]*)|(?P<num>\d+(?:\.\d+)?)|(?P<op>.)""", re.S)
_REF_ACTIONS = {"CASCADE", "RESTRICT", "SET", "NULL", "DEFAULT", "NO", "ACTION"}


def _tokens(sql: str) -> list[str]:
    """SQL split into tokens (whitespace kept, comments dropped)."""
    return [m.group() for m in _TOKEN_RE.finditer(sql) if m.lastgroup != "comment"]


def _up(tok: str) -> str:
    return tok.upper()


def _next(toks: list[str], i: int) -> int:
    """Index of the next non-whitespace token at or after ``i``."""
    while i < len(toks) and toks[i].isspace():
        i += 1
    return i


def _skip_parens(toks: list[str], i: int) -> int:
    """``toks[i]`` is ``(``: index just after its matching ``)``."""
    depth = 0
    while i < len(toks):
        depth += toks[i] == "("
        depth -= toks[i] == ")"
        i += 1
        if depth == 0:
            break
    return i


def _split(toks: list[str], sep: str) -> list[list[str]]:
    """Split at ``sep`` tokens outside parentheses."""
    parts, cur, depth = [], [], 0
    for t in toks:
        depth += t == "("
        depth -= t == ")"
        if t == sep and depth == 0:
            parts.append(cur)
            cur = []
        else:
            cur.append(t)
    parts.append(cur)
    return parts


def _clean_column(toks: list[str]) -> list[str]:
    """A column definition without PRIMARY KEY / UNIQUE / CHECK (…) / REFERENCES … clauses."""
    out, i = [], 0
    while i < len(toks):
        u = _up(toks[i])
        j = _next(toks, i + 1)
        if u == "PRIMARY" and j < len(toks) and _up(toks[j]) == "KEY":
            i = j + 1
        elif u == "UNIQUE":
            i += 1
        elif u == "CHECK" and j < len(toks) and toks[j] == "(":
            i = _skip_parens(toks, j)
        elif u == "REFERENCES":
            i = _next(toks, j + 1)
            while i < len(toks) and toks[i] == ".":
                i = _next(toks, _next(toks, i + 1) + 1)
            if i < len(toks) and toks[i] == "(":
                i = _skip_parens(toks, i)
            while True:
                k = _next(toks, i)
                if k < len(toks) and _up(toks[k]) == "ON":
                    i = _next(toks, _next(toks, k + 1) + 1)  # ON DELETE|UPDATE
                    while i < len(toks) and _up(toks[i]) in _REF_ACTIONS:
                        i = _next(toks, i + 1)
                else:
                    break
        elif u == "CONSTRAINT":
            i = j + 1  # the named constraint that follows is handled by the rules above
        elif u == "NEXTVAL":
            raise MigrationError("sequences are not supported by the lake storage; compute ids in the pipeline")
        else:
            out.append(toks[i])
            i += 1
    return out


_TABLE_CONSTRAINTS = {"PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "CONSTRAINT"}


def _lake_statement(toks: list[str]) -> list[str]:
    words = [_up(t) for t in toks if not t.isspace()]
    if not words:
        return toks
    head = words[:4]
    if head[:2] == ["CREATE", "INDEX"] or head[:3] == ["CREATE", "UNIQUE", "INDEX"] or head[:2] == ["DROP", "INDEX"]:
        return []
    if "SEQUENCE" in head:
        raise MigrationError("sequences are not supported by the lake storage; compute ids in the pipeline")
    if head[:2] == ["CREATE", "TABLE"] and "(" in toks:
        start = toks.index("(")
        end = _skip_parens(toks, start)
        elements = []
        for el in _split(toks[start + 1:end - 1], ","):
            first = next((_up(t) for t in el if not t.isspace()), "")
            if first in _TABLE_CONSTRAINTS:
                continue
            elements.append(_clean_column(el))
        body = [","] * (2 * len(elements) - 1)
        body[0::2] = ["".join(e) for e in elements]
        return toks[:start + 1] + body + ["\n)"] + toks[end:]
    if head[:2] == ["ALTER", "TABLE"] and "ADD" in words:
        return _clean_column(toks)
    return toks


def lake_sql(sql: str) -> str:
    """``sql`` as DuckLake accepts it: key, unique, check and foreign-key declarations and index
    statements removed; comments dropped; everything else unchanged."""
    statements = []
    for stmt in _split(_tokens(sql), ";"):
        out = _lake_statement(stmt)
        if "".join(out).strip():
            statements.append("".join(out).strip())
    return ";\n".join(statements) + (";\n" if statements else "")


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations' "
        "AND table_catalog = current_database()"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]


def apply_migrations(con: duckdb.DuckDBPyConnection, directory: Path = MIGRATIONS_DIR) -> list[int]:
    """Apply every migration not yet applied. Returns the versions applied.

    On a lake, the ledger and every pending migration are applied in one transaction, committed as one
    snapshot: a reader sees the schema before or after the upgrade, never a half-upgraded one (nor, on a
    new lake, a ledger without its tables). On a single DuckDB file (``khabar migrate --from``), each
    migration is its own transaction."""
    lake = is_lake(con)
    ledger = ("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
              "checksum VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
    fresh = lake and schema_version(con) == 0
    if not lake:
        con.execute(ledger)
    applied = {} if fresh else {v: c for v, c in con.execute("SELECT version, checksum FROM schema_migrations").fetchall()}
    pending = []
    for mig in list_migrations(directory):
        if mig.version in applied:
            if applied[mig.version] != mig.checksum:
                raise MigrationError(
                    f"migration {mig.version:03d}_{mig.name} changed after it was applied; add a new migration instead"
                )
            continue
        pending.append(mig)
    if not pending:
        return []
    if lake:
        with _transaction(con):
            if fresh:  # (a no-op DDL would still commit a snapshot: only on a new lake)
                con.execute(lake_sql(ledger))
            for mig in pending:
                _apply(con, mig, lake_sql(mig.sql))
        return [m.version for m in pending]
    for mig in pending:
        with _transaction(con):
            _apply(con, mig, mig.sql)
    return [m.version for m in pending]


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection):
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _apply(con: duckdb.DuckDBPyConnection, mig: Migration, sql: str) -> None:
    """Run one migration's SQL and record it in the ledger (inside the caller's transaction)."""
    con.execute(sql)
    con.execute("INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
                [mig.version, mig.name, mig.checksum])
