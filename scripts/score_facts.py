"""Score the facts of a built warehouse against the seed gold (``tests/gold/seeds_facts.yaml``).

Unlike ``tests/evaluate/test_facts.py`` (extractors run with no entity mentions and no
time expressions), this reads what the *real* pipeline published: quantities, event
mentions, quotes and citations computed with the real sentence splitter, entity
mentions and timexes. Rows are mapped back to the seed files through their raw
offsets (``raw_start``/``raw_end`` index ``documents.raw_text``, which is the seed
file as decoded) and scored with :func:`pipeline.evaluate.facts.score_facts`.

Usage::

    .venv/bin/khabar run -w /tmp/seeds.duckdb             # build from seeds/
    .venv/bin/python scripts/score_facts.py -w /tmp/seeds.duckdb
    .venv/bin/python scripts/score_facts.py --build       # build a temporary warehouse first
    .venv/bin/python scripts/score_facts.py -w /tmp/seeds.duckdb --json

The report prints loose/strict precision, recall and F1 per fact type, the gold
items that were missed and (for completely annotated types) the predictions that
matched no gold item.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

from pipeline.evaluate.facts import FACT_TYPES, load_gold, match_rows, score_facts  # noqa: E402

__all__ = ["predictions_from_warehouse", "score_warehouse", "unmatched_predictions", "format_report", "build_seed_warehouse"]

_TABLES = {"quantities": "quantities", "events": "event_mentions", "quotes": "quotes", "citations": "citations"}
_PRED_LABEL = {"quantities": "surface", "events": "trigger", "quotes": "quote_text", "citations": "source_surface"}


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _source_span(raw: str, row: dict[str, Any]) -> tuple[int | None, int | None]:
    """Raw offsets of the cited source inside the citation phrase (the table stores only the phrase)."""
    src = row.get("source_surface")
    if not src:
        return None, None
    phrase = raw[row["raw_start"]:row["raw_end"]]
    cue_len = len(row.get("cue") or "")
    i = phrase.find(src, cue_len)
    if i < 0:
        i = phrase.find(src)
    if i < 0:
        return None, None
    return row["raw_start"] + i, row["raw_start"] + i + len(src)


def predictions_from_warehouse(warehouse: Path) -> tuple[dict[str, dict[str, list[dict]]], dict[str, str]]:
    """Read the published fact rows of every active document.

    Returns ``({external_id: {fact_type: [row, ...]}}, {external_id: raw_text})``. Every row
    carries ``start``/``end`` = raw offsets (so ``raw_text[start:end]`` is the surface of the
    row, as in the seed file); citation rows also get ``source_start``/``source_end`` for the
    cited source inside the phrase. Rows keep all their warehouse columns.
    """
    from pipeline.warehouse.connect import connect_readonly

    con = connect_readonly(warehouse, fts=False)
    try:
        docs = {r["doc_id"]: r for r in _rows(con, "SELECT doc_id, external_id, raw_text FROM documents WHERE status = 'active'")}
        out: dict[str, dict[str, list[dict]]] = {d["external_id"]: {f: [] for f in FACT_TYPES} for d in docs.values()}
        for ftype, table in _TABLES.items():
            for r in _rows(con, f"SELECT * FROM {table} ORDER BY doc_id, start_char"):
                doc = docs.get(r["doc_id"])
                if doc is None:
                    continue
                r["start"], r["end"] = r["raw_start"], r["raw_end"]
                if ftype == "citations":
                    r["source_start"], r["source_end"] = _source_span(doc["raw_text"], r)
                    if r["source_start"] is None:  # no source phrase: cannot match a gold source
                        r["source_start"] = r["source_end"] = -1
                out[doc["external_id"]][ftype].append(r)
        texts = {d["external_id"]: d["raw_text"] for d in docs.values()}
    finally:
        con.close()
    return out, texts


def unmatched_predictions(predicted: dict[str, dict[str, list[dict]]], gold: dict[str, dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    """Predictions that matched no gold item, per fact type, as ``(seed, surface)`` (false positives
    for completely annotated types; for sampled types they are simply not annotated)."""
    out: dict[str, list[tuple[str, str]]] = {f: [] for f in FACT_TYPES}
    for name, g in gold.items():
        for ftype in FACT_TYPES:
            preds = predicted.get(name, {}).get(ftype, [])
            used = {id(p) for _, p, _ in match_rows(ftype, g["_text"], g[ftype]["items"], preds) if p is not None}
            out[ftype].extend((name, str(p.get(_PRED_LABEL[ftype]))) for p in preds if id(p) not in used)
    return out


def score_warehouse(warehouse: Path, gold_path: Path | None = None, seeds_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    """Score a warehouse built from the seeds against the gold.

    Returns :func:`score_facts`'s report (per fact type: ``loose``/``strict`` precision, recall,
    F1; ``tp``, ``tp_strict``, ``n_gold``, ``n_pred``, ``complete``, ``misses``) with an extra
    ``false_positives`` list per type. Raises ``ValueError`` when a gold seed is not in the
    warehouse or its raw text differs from the seed file (offsets would not be comparable).
    """
    gold = load_gold(gold_path, seeds_dir)
    predicted, texts = predictions_from_warehouse(warehouse)
    for name, g in gold.items():
        if name not in texts:
            raise ValueError(f"seed {name} is not in the warehouse {warehouse}")
        if texts[name] != g["_text"]:
            raise ValueError(f"raw text of {name} in the warehouse differs from the seed file")
    preds = {name: predicted[name] for name in gold}
    report = score_facts(preds, gold)
    fps = unmatched_predictions(preds, gold)
    for ftype in FACT_TYPES:
        report[ftype]["false_positives"] = fps[ftype]
    return report


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def format_report(report: dict[str, dict[str, Any]]) -> str:
    """A Markdown table of the scores followed by the misses and false positives."""
    lines = ["| fact type | gold | predicted | loose P / R / F1 | strict P / R / F1 |", "|---|---|---|---|---|"]
    for ftype in FACT_TYPES:
        r = report[ftype]
        lo, st = r["loose"], r["strict"]
        gold = f"{r['n_gold']}" + ("" if r["complete"] else " (sample)")
        lines.append(f"| {ftype} | {gold} | {r['n_pred']} | {_fmt(lo['precision'])} / {_fmt(lo['recall'])} / {_fmt(lo['f1'])} "
                     f"| {_fmt(st['precision'])} / {_fmt(st['recall'])} / {_fmt(st['f1'])} |")
    for ftype in FACT_TYPES:
        r = report[ftype]
        if r["misses"]:
            lines.append(f"\n{ftype} missed: " + "; ".join(f"{n[:3]}:{s}" for n, s in r["misses"]))
        if r["complete"] and r.get("false_positives"):
            lines.append(f"{ftype} false positives: " + "; ".join(f"{n[:3]}:{s}" for n, s in r["false_positives"]))
    return "\n".join(lines)


def build_seed_warehouse(warehouse: Path, seeds_dir: Path | None = None) -> None:
    """Run the full refresh (Dagster job) over ``seeds_dir`` into ``warehouse``."""
    from khabar.runner import run_refresh
    from pipeline.settings import Settings

    summary = run_refresh(Settings(inputs=(seeds_dir or ROOT / "seeds",), warehouse=warehouse), log_level="ERROR")
    if not summary.success:
        raise RuntimeError(f"refresh failed: {summary.error}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; prints the report (Markdown or JSON)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-w", "--warehouse", type=Path, help="warehouse built from seeds/")
    ap.add_argument("--build", action="store_true", help="build a temporary seeds warehouse first")
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    args = ap.parse_args(argv)
    if not args.warehouse and not args.build:
        ap.error("give -w WAREHOUSE or --build")
    with tempfile.TemporaryDirectory() as tmp:
        wh = args.warehouse
        if args.build:
            wh = wh or Path(tmp) / "seeds.duckdb"
            build_seed_warehouse(wh)
        report = score_warehouse(wh)
    print(json.dumps(report, ensure_ascii=False, indent=1) if args.json else format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
