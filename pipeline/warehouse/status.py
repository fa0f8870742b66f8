"""A summary of the published warehouse: documents, last refresh, failing checks, row counts."""

from __future__ import annotations

import json

import duckdb

__all__ = ["base_tables", "view_names", "warehouse_status", "snapshot_status", "format_status"]


def base_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Base tables of the ``main`` schema (the FTS index schema and views excluded), sorted."""
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() "
        "AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]


def view_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """User views of the ``main`` schema, sorted."""
    return [r[0] for r in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = current_database() "
        "AND schema_name = 'main' ORDER BY 1").fetchall()]


def _has(con, table: str) -> bool:
    return table in set(base_tables(con))


def warehouse_status(con: duckdb.DuckDBPyConnection, max_failures: int = 20) -> dict:
    """Everything ``khabar status`` shows, as a JSON-ready dict.

    Keys: ``schema_version``; ``documents`` {status: n}; ``publishers`` [{publisher, documents}]
    over active documents; ``last_refresh`` and ``last_published`` (run_id, status, started_at,
    published_at, pipeline_version) or None; ``failed_checks`` of the latest run that recorded
    checks [{asset, check_name, severity, blocking, metric, checked_at}]; ``row_counts`` {table: n}.
    """
    out: dict = {"schema_version": None, "documents": {}, "published_dates": None, "publishers": [], "last_refresh": None,
                 "last_published": None, "checks_run_id": None, "checks_total": 0, "failed_checks": [],
                 "row_counts": {}, "fts_index": False}
    tables = base_tables(con)
    if "schema_migrations" in tables:
        out["schema_version"] = con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0]
    if "documents" in tables:
        out["documents"] = dict(con.execute(
            "SELECT status, count(*) FROM documents GROUP BY status ORDER BY status").fetchall())
        first, last, dated, undated = con.execute(
            "SELECT min(published_at), max(published_at), count(published_at), count(*) - count(published_at) "
            "FROM documents WHERE status = 'active'").fetchone()
        out["published_dates"] = {"first": str(first) if first else None, "last": str(last) if last else None,
                                  "dated": dated, "undated": undated}
        out["publishers"] = [{"publisher": p, "documents": n} for p, n in con.execute(
            "SELECT coalesce(publisher, '(unknown)'), count(*) AS n FROM documents WHERE status = 'active' "
            "GROUP BY 1 ORDER BY n DESC, 1").fetchall()]
    if "refresh_runs" in tables:
        cols = ["run_id", "status", "started_at", "published_at", "pipeline_version"]
        for key, where in (("last_refresh", ""), ("last_published", "WHERE status = 'published'")):
            row = con.execute(f"SELECT {', '.join(cols)} FROM refresh_runs {where} "
                              "ORDER BY started_at DESC, run_id DESC LIMIT 1").fetchone()
            out[key] = {c: (str(v) if v is not None and c.endswith("_at") else v) for c, v in zip(cols, row)} if row else None
    if "dq_results" in tables:
        row = con.execute("SELECT run_id FROM dq_results ORDER BY checked_at DESC, run_id DESC LIMIT 1").fetchone()
        if row:
            out["checks_run_id"] = row[0]
            out["checks_total"] = con.execute("SELECT count(*) FROM dq_results WHERE run_id = ?", [row[0]]).fetchone()[0]
            out["failed_checks"] = [
                {"asset": a, "check_name": c, "severity": s, "blocking": b, "metric": m, "checked_at": str(t)}
                for a, c, s, b, m, t in con.execute(
                    "SELECT asset, check_name, severity, blocking, metric, checked_at FROM dq_results "
                    "WHERE run_id = ? AND NOT passed ORDER BY blocking DESC, severity, asset, check_name LIMIT ?",
                    [row[0], max_failures]).fetchall()]
    out["row_counts"] = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    from pipeline.warehouse.search import fts_available

    out["fts_index"] = fts_available(con)
    out.update(snapshot_status(con))
    return out


def snapshot_status(con: duckdb.DuckDBPyConnection, recent: int = 10) -> dict:
    """The lake's current snapshot and the ``recent`` last refreshes with their snapshot ids
    (``{"snapshot_id": None, "refreshes": []}`` on a plain DuckDB database)."""
    row = con.execute("SELECT type FROM duckdb_databases() WHERE database_name = current_database()").fetchone()
    if not row or row[0] != "ducklake":
        return {"snapshot_id": None, "snapshots": 0, "refreshes": []}
    db = con.execute("SELECT current_database()").fetchone()[0]
    snaps = con.execute(
        "SELECT snapshot_id, snapshot_time, commit_message, commit_extra_info FROM ducklake_snapshots(?) "
        "ORDER BY snapshot_id DESC", [db]).fetchall()
    refreshes = []
    for sid, when, message, extra in snaps:
        if message and message.startswith("refresh ") and len(refreshes) < recent:
            info = json.loads(extra) if extra else {}
            refreshes.append({"snapshot_id": sid, "committed_at": str(when),
                              "run_id": info.get("run_id", message[len("refresh "):]),
                              "status": info.get("status", "published")})
    return {"snapshot_id": snaps[0][0] if snaps else None, "snapshots": len(snaps), "refreshes": refreshes}


def format_status(status: dict) -> str:
    """Human-readable multi-line rendering of :func:`warehouse_status`."""
    lines = [f"schema version: {status['schema_version']}"]
    docs = status["documents"]
    lines.append("documents: " + (", ".join(f"{n} {s}" for s, n in docs.items()) or "none"))
    for p in status["publishers"][:15]:
        lines.append(f"  {p['documents']:>7}  {p['publisher']}")
    if len(status["publishers"]) > 15:
        lines.append(f"  … {len(status['publishers']) - 15} more publishers")
    dates = status.get("published_dates")
    if dates and dates["dated"]:
        lines.append(f"publication dates: {dates['first'][:10]} … {dates['last'][:10]} "
                     f"({dates['dated']} dated, {dates['undated']} undated)")
    elif dates:
        lines.append(f"publication dates: none ({dates['undated']} undated)")
    last, pub = status["last_refresh"], status["last_published"]
    if last and pub and last["run_id"] != pub["run_id"]:
        lines.append(f"last refresh: {_run_line(last)}")
    lines.append(f"last publish: {_run_line(pub)}" if pub else "last publish: never")
    failed = status["failed_checks"]
    if status["checks_run_id"]:
        lines.append(f"checks of run {status['checks_run_id']}: {status['checks_total'] - len(failed)}"
                     f"/{status['checks_total']} recorded checks passed (the run summary also counts the "
                     "checks made after publishing)")
        for f in failed:
            kind = "BLOCKING" if f["blocking"] and f["severity"] == "ERROR" else f["severity"]
            lines.append(f"  FAILED [{kind}] {f['asset']}.{f['check_name']} (metric={f['metric']})")
    else:
        lines.append("checks: none recorded")
    lines.append(f"full-text index: {'present' if status['fts_index'] else 'missing'}")
    if status.get("snapshot_id") is not None:
        lines.append(f"snapshot: {status['snapshot_id']} ({status['snapshots']} kept; "
                     "time travel: khabar query --snapshot N)")
        lines.append("recent refreshes (snapshot  committed at  run  status):")
        for r in status["refreshes"]:
            lines.append(f"  {r['snapshot_id']:>6}  {r['committed_at'][:19]}  {r['run_id']}  {r['status']}")
    lines.append("row counts:")
    width = max((len(t) for t in status["row_counts"]), default=0)
    for t, n in status["row_counts"].items():
        lines.append(f"  {t:<{width}}  {n:>9}")
    return "\n".join(lines)


def _run_line(r: dict) -> str:
    """``run_id status, started …, published … (N s after the start), pipeline …``."""
    from datetime import datetime

    line = f"{r['run_id']} {r['status']}, started {r['started_at'][:19]}"
    if r["published_at"]:
        line += f", published {r['published_at'][:19]}"
        try:
            took = (datetime.fromisoformat(r["published_at"]) - datetime.fromisoformat(r["started_at"])).total_seconds()
            line += f" ({took:.0f} s after the start)"
        except (TypeError, ValueError):
            pass
    return line + f", pipeline {r['pipeline_version']}"
