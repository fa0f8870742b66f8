"""Run the declarative contracts of ``warehouse/contracts.yaml`` as SQL against a warehouse."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import polars as pl
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


def _doc_scoped(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Tables whose rows belong to one document (they have a ``doc_id`` column)."""
    return {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.columns WHERE column_name = 'doc_id'").fetchall()}


_SCOPE = "_contract_scope"
#: A batch's rows are selected with a literal list of its document ids (a filter evaluated in the scan,
#: which then reads the other columns of the matching rows only) when ids × table rows stays under
#: this; otherwise with a semi join on the registered ids, which scans every row once. For 98 of the
#: 17k corpus documents: documents 0.38 → 0.16 s, sentences 0.11 → 0.07 s; search postings (2.7M
#: narrow rows) keep the join (docs/benchmarks.md).
_LITERAL_WORK = 50_000_000
#: A key that holds ``doc_id`` is unique when it is unique within each document, so on a table of more
#: rows than this it is checked in passes over ranges of document ids, each pass grouping about this
#: many rows: the grouping's memory stays flat in the warehouse size (search postings of three times the
#: corpus, 8.1M rows, in one group: +715 MB). 2M rows a pass held +190 MB a pass at eight times the corpus
#: (search postings, 21.7M rows: the full check's peak once the other whole-table statements were split).
KEY_PASS_ROWS = 1_000_000
#: A span check that compares surfaces joins the rows to their documents' texts, and the join holds
#: every text it reads: checked whole, a large table is joined in passes over ranges of about this many
#: documents (sentences of five times the corpus in one join: +157 MB, the full check's peak).
SPAN_PASS_DOCS = 10_000
#: A whole-table statement whose memory follows the number of distinct keys it holds (the duplicate
#: check of a key without ``doc_id``, a relationship's distinct child values and the parent's keys of
#: its anti join) runs in passes over ``hash(key) % P`` on a table of more rows than this, about this
#: many rows a pass: equal keys share a hash, so every group and every orphan lies in one pass and the
#: passes' results add up to the single statement's (8x the corpus: entity_mentions.mention_id's
#: grouping +208 MB, sentences.paragraph_id's anti join +214 MB in one statement). A batch's rows
#: (materialized, at most MATERIALIZE_MAX_DOCS documents) stay under it: one pass, as before.
HASH_PASS_ROWS = 500_000


#: Batches of up to this many documents are checked on their own rows, read into memory once; a larger
#: batch gets the full check (its rows would not fit in memory, and scanned in place inside the refresh's
#: transaction they cost more than the whole warehouse: +33,788 documents on the corpus, 175 s and
#: 1,075 MB; the full check of the 3x lake, 12 s and 407 MB). The full check is stricter: it also
#: holds the rows outside the batch to the contracts.
MATERIALIZE_MAX_DOCS = 2_000


def run_contracts(con: duckdb.DuckDBPyConnection, contracts: dict | None = None,
                  doc_ids: Iterable[str] | None = None, only_docs: Iterable[str] | None = None) -> list[CheckOutcome]:
    """Evaluate every contract of every existing table. Each outcome's metric is the number of
    offending rows. Span tests compare code-point substrings (DuckDB ``substring`` counts
    Unicode code points, like Python slicing).

    With ``doc_ids`` (the documents a refresh loaded, replaced or removed) the document-scoped
    tables (those with a ``doc_id`` column) are checked only on those documents' rows — keys for
    uniqueness against the whole table, references against the whole target — while the other
    tables (reference data, events, the manifest, check results: small) are checked whole, as are
    relationships marked ``scope: global``. ``None`` checks everything (``--full-check``), and so does a
    batch of more than :data:`MATERIALIZE_MAX_DOCS` documents."""
    contracts = contracts or load_contracts()
    doc_ids = doc_ids if doc_ids is not None else only_docs
    if doc_ids is not None:
        doc_ids = set(doc_ids)
        if len(doc_ids) > MATERIALIZE_MAX_DOCS:
            doc_ids = None  # a large batch: the full check (see MATERIALIZE_MAX_DOCS)
    present = _tables(con)
    # a small warehouse's full check reads each table into memory once too (its 42 relationships and 13
    # span checks against the lake cost ≈ 1.5 s for the five seeds; in memory ≈ 0.2 s)
    small = doc_ids is None and "documents" in present and con.execute(
        "SELECT count(*) FROM documents").fetchone()[0] <= MATERIALIZE_MAX_DOCS
    scoped = _doc_scoped(con) if doc_ids is not None else set()
    if doc_ids is not None:
        ids = sorted(set(doc_ids))
        con.register(_SCOPE, pl.DataFrame({"doc_id": ids}, schema={"doc_id": pl.Utf8}).to_arrow())
    materialized: list[str] = []
    try:
        filters = _scope_filters(con, ids, scoped) if doc_ids is not None else {}
        return _run(con, contracts, present, filters, materialize=doc_ids is not None or small,
                    registered=materialized)
    finally:
        for name in materialized:
            con.unregister(name)
        if doc_ids is not None:
            con.unregister(_SCOPE)


def _scope_filters(con: duckdb.DuckDBPyConnection, ids: list[str], scoped: set[str]) -> dict[str, str]:
    """The WHERE condition selecting the batch's rows of each document-scoped table (see ``_LITERAL_WORK``)."""
    sizes = dict(con.execute(
        "SELECT table_name, estimated_size FROM duckdb_tables() WHERE database_name = current_database()").fetchall())
    literal = "[" + ", ".join("'" + i.replace("'", "''") + "'" for i in ids) + "]::VARCHAR[]"
    out = {}
    for table in scoped:
        rows = sizes.get(table)
        small = rows is not None and len(ids) * max(int(rows), 1) <= _LITERAL_WORK
        out[table] = f"list_contains({literal}, doc_id)" if small else f"doc_id IN (SELECT doc_id FROM {_SCOPE})"
    return out


def _run(con: duckdb.DuckDBPyConnection, contracts: dict, present: set[str], filters: dict[str, str],
         materialize: bool = False, registered: list[str] | None = None) -> list[CheckOutcome]:
    """``filters``: the condition selecting the batch's rows of each document-scoped table (none: every
    table is checked whole)."""
    scoped = set(filters)

    def rows_of(table: str) -> str:
        """The rows of ``table`` under check: the batch's documents' rows or all of them."""
        if table in scoped:
            return f"(SELECT * FROM {table} WHERE {filters[table]})"
        return table

    materialized_as: dict[str, str] = {}
    counted: dict[str, int] = {}  # rows of each batch table read into memory (its name -> rows)

    def scoped_rows(table: str) -> str:
        """``rows_of(table)``, read from memory once the table's batch rows were materialized."""
        return materialized_as.get(table) or rows_of(table)

    lengths_of: dict[tuple[str, str], str] = {}

    def text_lengths(source: str, ttable: str, tcol: str) -> str:
        """An in-memory table ``doc_id, {tcol}`` holding the code-point length of each text of ``source``
        (read once per source and column): a span check without a surface needs only the length, and a
        join on it does not read the texts again for every table (the full check of a large warehouse)."""
        key = (source, tcol)
        if key not in lengths_of:
            name = f"_contract_len_{len(lengths_of)}_{ttable}_{tcol}"
            con.register(name, con.execute(f"SELECT doc_id, length({tcol}) AS {tcol} FROM {source}").to_arrow_table())
            if registered is not None:
                registered.append(name)
            lengths_of[key] = name
        return lengths_of[key]

    keys_of: dict[tuple[str, str], str] = {}

    def parent_keys(ptable: str, pcol: str) -> str:
        """The distinct ``pcol`` values of the whole table ``ptable`` (one that is not document-scoped:
        entities, events, source files), read once for every relationship that points at them — sixteen
        columns point at ``entities.entity_id``, and each anti join against the lake table cost a scan with
        its catalog look-ups (≈ 17 ms a statement for the seeds). From the table's copy in memory when the
        loop has read it already."""
        key = (ptable, pcol)
        if key not in keys_of:
            name = f"_contract_keys_{len(keys_of)}_{ptable}_{pcol}"
            con.register(name, con.execute(
                f"SELECT DISTINCT {pcol} FROM {scoped_rows(ptable)} WHERE {pcol} IS NOT NULL").to_arrow_table())
            if registered is not None:
                registered.append(name)
            keys_of[key] = name
        return keys_of[key]

    span_ranges: list[str] = []

    def doc_ranges() -> list[str]:
        """Document-id ranges for the surface checks of whole tables (see :data:`SPAN_PASS_DOCS`)."""
        if not span_ranges:
            n = con.execute("SELECT count(*) FROM documents").fetchone()[0] if "documents" in present else 0
            span_ranges.extend(_doc_ranges(con, -(-n // SPAN_PASS_DOCS)) if n > SPAN_PASS_DOCS else ["true"])
        return span_ranges

    out: list[CheckOutcome] = []
    for table, spec in contracts.items():
        if table not in present:
            continue
        rel = rows_of(table)
        if materialize:
            # A batch's rows (and the small whole tables) are read once into memory: every check
            # below scans them there instead of the warehouse (each scan of a lake table costs
            # catalog look-ups and Parquet opens). The checks read the same rows either way.
            name = f"_contract_rows_{table}"
            rows_in = con.execute(f"SELECT * FROM {rel}").to_arrow_table()
            con.register(name, rows_in)
            counted[name] = rows_in.num_rows  # no count(*) statement for it below
            if registered is not None:
                registered.append(name)
            # a batch table holds the batch's rows; any other table is read whole (the small whole
            # tables of a batch's check, every table of a small warehouse's full check)
            materialized_as[table] = name
            rel = name
        pk = spec.get("primary_key")
        null_cols = list(dict.fromkeys([*spec.get("not_null", [])]))
        null_counts = {}
        if pk or null_cols:
            # every IS NULL count of the table in one scan
            exprs = [f"count(*) FILTER (WHERE {c} IS NULL)" for c in null_cols]
            if pk:
                exprs.append("count(*) FILTER (WHERE " + " OR ".join(f"{c} IS NULL" for c in pk) + ")")
            counts = con.execute(f"SELECT {', '.join(exprs)} FROM {rel}").fetchone()
            null_counts = dict(zip(null_cols, counts[:len(null_cols)]))
            pk_nulls = counts[-1] if pk else 0
        if pk:
            cols = ", ".join(pk)
            if table in scoped and "doc_id" not in pk:
                # keys of the batch's rows, counted over the whole table
                on = " AND ".join(f"t.{c} = k.{c}" for c in pk)
                dup_sql = (f"SELECT count(*) FROM (SELECT {', '.join('t.' + c for c in pk)} FROM {table} t "
                           f"SEMI JOIN {rel} k ON {on} GROUP BY ALL HAVING count(*) > 1)")
                n = con.execute(dup_sql).fetchone()[0]
            else:
                n = _duplicate_keys(con, rel, pk, counted.get(rel))
            nulls = pk_nulls
            out.append(CheckOutcome(f"{table}.primary_key", n == 0 and nulls == 0, float(n + nulls),
                                    {"duplicate_keys": n, "null_keys": nulls}, description=f"{table}({cols}) unique, not null"))
        for col in spec.get("not_null", []):
            n = null_counts[col]
            out.append(CheckOutcome(f"{table}.{col}.not_null", n == 0, float(n), {}, description=f"{table}.{col} not null"))
        for col, values in (spec.get("accepted_values") or {}).items():
            rows = con.execute(
                f"SELECT DISTINCT {col} FROM {rel} WHERE {col} IS NOT NULL AND {col} NOT IN (SELECT unnest(?))",
                [values]).fetchall()
            out.append(CheckOutcome(f"{table}.{col}.accepted_values", not rows, float(len(rows)),
                                    {"unexpected": [r[0] for r in rows[:_EXAMPLES]]},
                                    description=f"{table}.{col} in {values}"))
        for r in spec.get("relationships", []):
            col, target = r["column"], r["to"]
            ptable, pcol = target.split(".")
            child = table if r.get("scope") == "global" else rel
            parent = ptable
            if child == rel and table in scoped and col == pcol == "doc_id" and ptable in scoped:
                # the batch's rows point at the batch's documents: a doc_id in scope exists in the whole
                # parent exactly when it exists in the parent's batch rows (no scan of the whole parent)
                parent = scoped_rows(ptable)
            elif materialize and ptable not in scoped:
                parent = parent_keys(ptable, pcol)
            # the child's distinct values first, then the anti join: a large child (search postings) is
            # reduced to its few thousand keys instead of being probed row by row (3x corpus: +386 MB)
            sql = (f"SELECT k FROM (SELECT DISTINCT {col} AS k FROM {child} WHERE {col} IS NOT NULL AND {{cw}}) c "
                   f"WHERE NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{pcol} = c.k AND {{pw}})")
            passes = _hash_passes(con, child, counted.get(child))
            if passes > 1 and not _same_type(con, table, col, ptable, pcol):
                passes = 1  # hash() of unequal types could split equal values
            rows = [r for cw, pw in _hash_ranges(passes, col, f"p.{pcol}")
                    for r in con.execute(sql.format(cw=cw, pw=pw)).fetchall()]
            out.append(CheckOutcome(f"{table}.{col}.relationships", not rows, float(len(rows)),
                                    {"orphans": [x[0] for x in rows[:_EXAMPLES]], "to": target},
                                    description=f"{table}.{col} → {target}"))
        for sp in spec.get("spans", []):
            ttable, tcol = sp["text"].split(".")
            start = sp["start"]
            length = sp.get("length") or f"({sp['end']} - {start})"
            end_expr = f"({start} + {length})"
            if sp.get("surface"):
                joined = scoped_rows(ttable)
                cond = (f"{start} < 0 OR {length} < 0 OR {end_expr} > length(t.{tcol}) "
                        f"OR substring(t.{tcol}, {start} + 1, {length}) <> s.{sp['surface']}")
            else:  # in range: the text's length is enough
                joined = text_lengths(scoped_rows(ttable), ttable, tcol)
                cond = f"{start} < 0 OR {length} < 0 OR {end_expr} > t.{tcol}"
            # the text's rows for the rows under check: when those are the batch's, the batch's documents
            # (read once above) hold every text they can refer to
            texts = scoped_rows(ttable) if (table in scoped) == (ttable in scoped) else ttable
            ranges = doc_ranges() if sp.get("surface") and table not in scoped else ["true"]
            rows = [r for w in ranges for r in con.execute(
                f"SELECT s.doc_id, {start}, {end_expr} FROM (SELECT * FROM {rel} WHERE {w}) s "
                f"JOIN (SELECT * FROM {joined} WHERE {w}) t USING (doc_id) WHERE {cond}").fetchall()]
            n_missing = con.execute(
                f"SELECT count(*) FROM {rel} s WHERE NOT EXISTS (SELECT 1 FROM {texts} t WHERE t.doc_id = s.doc_id)"
            ).fetchone()[0]
            label = sp.get("surface") or "in range"
            out.append(CheckOutcome(f"{table}.{start}.spans_{tcol}", not rows and n_missing == 0, float(len(rows) + n_missing),
                                    {"failures": [list(x) for x in rows[:_EXAMPLES]], "missing_text": n_missing},
                                    description=f"{table} offsets {start}.. into {tcol} ({label})"))
    return out


def _doc_ranges(con: duckdb.DuckDBPyConnection, passes: int) -> list[str]:
    """Conditions on ``doc_id`` that split every row into ``passes`` ranges of about as many documents
    (cut at the ids of ``documents``; the first range also takes a null ``doc_id``)."""
    ids = [r[0] for r in con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]
    step = -(-len(ids) // max(passes, 1)) if ids else 1
    cuts = ["'" + i.replace("'", "''") + "'" for i in ids[step::step]]
    if not cuts:
        return ["true"]
    out = [f"(doc_id < {cuts[0]} OR doc_id IS NULL)"]
    out += [f"doc_id >= {a} AND doc_id < {b}" for a, b in zip(cuts, cuts[1:])]
    out.append(f"doc_id >= {cuts[-1]}")
    return out


def _duplicate_keys(con: duckdb.DuckDBPyConnection, rel: str, pk: list[str], rows: int | None = None) -> int:
    """Keys of ``rel`` (a table, or a batch's rows of it) held by more than one row; a large one whose
    key holds ``doc_id`` is grouped in passes over document-id ranges (see :data:`KEY_PASS_ROWS`)."""
    cols = ", ".join(pk)
    sql = f"SELECT count(*) FROM (SELECT {cols} FROM {rel} WHERE {{where}} GROUP BY ALL HAVING count(*) > 1)"
    if rows is None:
        rows = con.execute(f"SELECT count(*) FROM {rel}").fetchone()[0]
    if "doc_id" in pk:
        if rows > KEY_PASS_ROWS:
            ranges = _doc_ranges(con, -(-rows // KEY_PASS_ROWS))
            return sum(con.execute(sql.format(where=w)).fetchone()[0] for w in ranges)
        return con.execute(sql.format(where="true")).fetchone()[0]
    # a key without doc_id (e.g. entity_mentions.mention_id): passes over its hash (HASH_PASS_ROWS)
    ranges = _hash_ranges(_hash_passes(con, rel, rows), f"hash({cols})")
    return sum(con.execute(sql.format(where=w)).fetchone()[0] for w, *_ in ranges)


def _hash_passes(con: duckdb.DuckDBPyConnection, rel: str, rows: int | None = None) -> int:
    """How many hash passes a whole-table statement over ``rel`` (of ``rows`` rows, counted when not given)
    takes (see :data:`HASH_PASS_ROWS`)."""
    if rows is None:
        rows = con.execute(f"SELECT count(*) FROM {rel}").fetchone()[0]
    return -(-rows // HASH_PASS_ROWS) if rows > HASH_PASS_ROWS else 1


def _hash_ranges(passes: int, *exprs: str) -> list[tuple[str, ...]]:
    """For each of ``passes`` passes, one condition per expression: ``hash(expr) % passes = p`` (an
    expression already ``hash(...)`` is taken as it is); one pass: ``true``."""
    if passes <= 1:
        return [tuple("true" for _ in exprs)]
    hashed = [e if e.startswith("hash(") else f"hash({e})" for e in exprs]
    return [tuple(f"{h} % {passes} = {p}" for h in hashed) for p in range(passes)]


def _same_type(con: duckdb.DuckDBPyConnection, table: str, col: str, ptable: str, pcol: str) -> bool:
    types = dict(((r[0], r[1]), r[2]) for r in con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE (table_name = ? AND column_name = ?) OR (table_name = ? AND column_name = ?)",
        [table, col, ptable, pcol]).fetchall())
    a, b = types.get((table, col)), types.get((ptable, pcol))
    return a is not None and a == b
