"""Regenerate the answer blocks of docs/queries.md from a warehouse built from the seeds.

Every worked question in ``docs/queries.md`` is a ```` ```sql ```` block followed by an answer
block between ``<!-- answer -->`` and ``<!-- /answer -->`` (a Markdown table rendered by
:func:`render_answer`). ``tests/test_queries_doc.py`` runs each query on a seeds warehouse and
compares its rendering with the block, so an extraction regression fails the test and an
improvement is one command away from a doc update:

    .venv/bin/python scripts/render_queries.py            # build a seeds warehouse in a temp dir
    .venv/bin/python scripts/render_queries.py -w warehouse/khabar.lake.sqlite   # or use a built one
    .venv/bin/python scripts/render_queries.py --check    # exit 1 when the doc is stale
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "queries.md"
MAX_CELL = 90

_BLOCK_RE = re.compile(r"```sql\n(?P<sql>.*?)```\n+<!-- answer -->\n(?P<answer>.*?)<!-- /answer -->", re.S)


@dataclass(frozen=True)
class QueryBlock:
    """One worked query: its SQL, the stored answer, and the answer's span in the document."""

    sql: str
    answer: str
    start: int
    end: int


def parse_doc(text: str) -> list[QueryBlock]:
    """Every ``sql`` block of the document that is followed by an answer block."""
    return [QueryBlock(m.group("sql"), m.group("answer"), m.start("answer"), m.end("answer"))
            for m in _BLOCK_RE.finditer(text)]


def _cell(value) -> str:
    """One table cell: the value on one line, ``|`` escaped, cut at MAX_CELL characters."""
    s = " ".join(_text(value).split()).replace("|", "\\|")
    return s if len(s) <= MAX_CELL else s[:MAX_CELL - 1] + "…"


def _text(value) -> str:
    if value is None:
        s = "NULL"
    elif isinstance(value, bool):
        s = "true" if value else "false"
    elif isinstance(value, float):
        s = f"{value:.4g}" if not value.is_integer() else str(int(value))
    elif isinstance(value, datetime):
        s = value.isoformat(sep=" ")
    elif isinstance(value, date):
        s = value.isoformat()
    elif isinstance(value, (list, tuple)):
        s = "[" + ", ".join(_text(v) for v in value) + "]"
    else:
        s = str(value)
    return s


def render_answer(columns: list[str], rows: list[tuple]) -> str:
    """A Markdown table of the result (cells flattened to one line and cut at MAX_CELL chars)."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    if not rows:
        lines.append("| " + " | ".join("(no rows)" if i == 0 else "" for i in range(len(columns))) + " |")
    return "\n".join(lines) + "\n"


def run_query(con, sql: str) -> str:
    """Run one documented query and render its answer."""
    cur = con.execute(sql)
    columns = [d[0] for d in cur.description]
    return render_answer(columns, cur.fetchall())


def render_doc(text: str, con) -> str:
    """The document with every answer block replaced by the query's current answer."""
    out, pos = [], 0
    for block in parse_doc(text):
        out.append(text[pos:block.start])
        out.append(run_query(con, block.sql))
        pos = block.end
    out.append(text[pos:])
    return "".join(out)


def build_seeds_warehouse(directory: Path) -> Path:
    """Build a warehouse from seeds/ through the Dagster job (as `make run` does)."""
    import os

    os.environ.setdefault("DAGSTER_HOME", str(directory / "dagster_home"))
    Path(os.environ["DAGSTER_HOME"]).mkdir(parents=True, exist_ok=True)
    from khabar.runner import run_refresh
    from pipeline.settings import Settings

    wh = directory / "seeds.duckdb"
    summary = run_refresh(Settings(inputs=(REPO / "seeds",), warehouse=wh), log_level="ERROR")
    if not summary.success:
        raise SystemExit(f"seeds build failed: {summary.error}")
    return wh


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-w", "--warehouse", type=Path, help="use this warehouse instead of building one from seeds/")
    parser.add_argument("--doc", type=Path, default=DOC)
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 when an answer differs")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from pipeline.warehouse.connect import connect_readonly

    with tempfile.TemporaryDirectory() as tmp:
        wh = args.warehouse or build_seeds_warehouse(Path(tmp))
        con = connect_readonly(wh)
        try:
            text = args.doc.read_text(encoding="utf-8")
            new = render_doc(text, con)
        finally:
            con.close()
    n = len(parse_doc(text))
    if new == text:
        print(f"{args.doc}: {n} answers up to date")
        return 0
    if args.check:
        print(f"{args.doc}: answers differ from the warehouse; run scripts/render_queries.py")
        return 1
    args.doc.write_text(new, encoding="utf-8")
    print(f"{args.doc}: {n} answers rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
