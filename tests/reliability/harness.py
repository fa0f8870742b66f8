"""Helpers of the fault-injection suite: `khabar run` in a child process, warehouse snapshots, readers.

Everything here observes behaviour through the documented interfaces (the CLI, the analyst read
path ``connect_readonly``, the Dagster instance), never the storage layout, so that the suite holds
whatever the warehouse backend.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"

#: Every moment at which the suite kills a refresh with SIGKILL (``KHABAR_FAULT``).
KILL_POINTS = ["ingest.after", "extract.during", "publish.mid_load", "publish.before_commit",
               "publish.mid_commit", "publish.after_commit"]
#: Tables whose rows describe runs (ids, timestamps), not the data.
RUN_TABLES = {"refresh_runs", "dq_results"}
#: Columns stamped with the time of the run that wrote them.
RUN_COLUMNS = {"ingested_at", "updated_at", "first_seen_at", "last_seen_at", "last_scanned_at", "checked_at",
               "started_at", "loaded_at", "applied_at"}
RUN_TIMEOUT_S = 300  # a run that stalls fails the test instead of hanging CI


def khabar_run(home: Path, warehouse: Path, *, inputs: Path = SEEDS, env: dict | None = None,
               timeout: float = RUN_TIMEOUT_S, extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """``khabar run -i inputs -w warehouse`` with ``DAGSTER_HOME=home``, in a child process."""
    return subprocess.run(khabar_command(warehouse, inputs, extra), env=khabar_env(home, env, warehouse), cwd=REPO,
                          capture_output=True, text=True, timeout=timeout)


def khabar_command(warehouse: Path, inputs: Path = SEEDS, extra: tuple[str, ...] = ()) -> list[str]:
    """Always ``--force``: a run after a crash must really run the job (after a kill past the commit,
    nothing changed, and a plain ``khabar run`` would only say so)."""
    return [sys.executable, "-m", "khabar.cli", "run", "--force", "-i", str(inputs), "-w", str(warehouse), *extra]


def khabar_env(home: Path, env: dict | None = None, warehouse: Path | None = None) -> dict:
    """The environment of a run: ``home`` records it (``warehouse`` is the configured one, whose runs
    the home records; runs of other warehouses go to ``home/warehouses/…``)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}
    configured = {"KHABAR_WAREHOUSE": str(warehouse)} if warehouse else {}
    return {**base, "DAGSTER_HOME": str(home), "PYTHONUNBUFFERED": "1", **configured, **(env or {})}


def snapshot(warehouse: Path, skip_tables: set[str] = RUN_TABLES,
             skip_columns: set[str] = RUN_COLUMNS) -> dict[str, list[tuple]]:
    """Every data table as sorted rows, without run bookkeeping (what a clean build must equal):
    ``skip_tables`` (and the search tables ``fts_*`` of earlier versions) and ``skip_columns`` left out."""
    from pipeline.warehouse.connect import connect_readonly

    con = connect_readonly(warehouse, fts=False)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        out = {}
        for t in tables:
            if t in skip_tables or t.startswith("fts_"):
                continue
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? "
                "ORDER BY ordinal_position", [t]).fetchall() if r[0] not in skip_columns]
            rows = con.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM \"{t}\"").fetchall()
            out[t] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def documents(warehouse: Path) -> int:
    from pipeline.warehouse.connect import connect_readonly

    con = connect_readonly(warehouse, fts=False)
    try:
        return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        con.close()


def files_naming(root: Path, run_id: str) -> list[Path]:
    """Files anywhere under ``root`` whose name carries ``run_id`` (what a run may leave behind)."""
    return sorted(p for p in root.rglob("*") if run_id in p.name)


def runs(home: Path) -> list:
    """Dagster runs of ``home``, oldest first."""
    import dagster as dg

    old = os.environ.get("DAGSTER_HOME")
    os.environ["DAGSTER_HOME"] = str(home)
    try:
        with dg.DagsterInstance.get() as instance:
            return list(reversed(instance.get_runs()))
    finally:
        if old is None:
            os.environ.pop("DAGSTER_HOME", None)
        else:
            os.environ["DAGSTER_HOME"] = old


READER = r"""
import os, sys, time
from pathlib import Path
from pipeline.warehouse.connect import connect_readonly
path, stop = Path(sys.argv[1]), sys.argv[2]
ok = err = absent = 0
errors = []
while not os.path.exists(stop):
    if not path.exists():
        absent += 1
        time.sleep(0.05)
        continue
    began = time.monotonic()
    try:
        con = connect_readonly(path, fts=False)
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        con.execute("SELECT count(*) FROM sentences s JOIN documents d USING (doc_id)").fetchone()
        con.close()
        ok += 1
    except FileNotFoundError:
        absent += 1
    except Exception as exc:
        err += 1
        errors.append(repr(exc)[:300])
    time.sleep(max(0.1, time.monotonic() - began))  # at most half a core: the runs under test need the rest
print(ok, err, absent)
print("\n".join(errors[:5]))
"""


class Reader:
    """A process querying the warehouse in a loop while the test runs refreshes against it."""

    def __init__(self, warehouse: Path, stop: Path):
        self.stop = stop
        self.proc = subprocess.Popen([sys.executable, "-c", READER, str(warehouse), str(stop)], cwd=REPO,
                                     stdout=subprocess.PIPE, text=True)

    def finish(self) -> tuple[int, int, str]:
        self.stop.touch()
        out, _ = self.proc.communicate(timeout=60)
        first, _, rest = out.partition("\n")
        ok, err, _absent = (int(x) for x in first.split())
        return ok, err, rest


def wait_for(predicate, timeout: float = 60.0, every: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(every)
    return None
