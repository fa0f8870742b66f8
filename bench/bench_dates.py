"""Benchmark the time-expression extractor against dateparser.search_dates.

Usage (from the repo root)::

    .venv/bin/python bench/bench_dates.py [--docs 500] [--dateparser-docs N]

* Speed: documents per CPU-second (``time.process_time``, so other processes on
  a shared machine distort it less than wall time) of :func:`pipeline.extract.dates.extract_time_expressions`
  and of ``dateparser.search_dates(text, languages=['ar'])`` on the same first
  N documents of the shared corpus.
* Accuracy: precision/recall of both against ``bench/dates_gold.jsonl`` (50
  hand-checked corpus sentences referenced by docno + offsets; the text is read
  from the corpus at run time). A prediction is correct when its span overlaps
  a gold span and its value matches: exact TIMEX3 string for our extractor;
  for dateparser (which returns a datetime) the datetime rendered at the gold
  value's granularity, or any year inside a gold year range (lenient).

The corpus is found at ``$KHABAR_CORPUS`` (a .jsonl file or a directory) or
``../shared/corpus/ant/`` relative to the repository root.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.extract.dates import extract_time_expressions  # noqa: E402

GOLD = ROOT / "bench" / "dates_gold.jsonl"


from bench.corpus import read_records as load_docs  # noqa: E402


def pub_of(doc: dict) -> datetime | None:
    try:
        return parsedate_to_datetime(doc.get("time") or "").replace(tzinfo=None)
    except (TypeError, ValueError):
        return None


def dp_value_matches(d: datetime, gold: str) -> bool:
    """Does a dateparser datetime agree with a gold TIMEX3 value (lenient)?"""
    if gold.startswith("P") or gold.endswith("_REF") or "X" in gold:
        return False
    if "/" in gold:
        a, b = gold.split("/")
        return a[:4].isdigit() and int(a[:4]) <= d.year <= int(b[:4])
    if "-W" in gold:
        iy, iw, _ = d.isocalendar()
        return gold.startswith(f"{iy:04d}-W{iw:02d}")
    return d.strftime("%Y-%m-%d")[:len(gold)] == gold


def match(preds: list[tuple[int, int, object]], golds: list[dict], same) -> tuple[int, int]:
    """Greedy one-to-one matching; returns (matched predictions, overlapping predictions)."""
    used, used_span, ok, span_ok = set(), set(), 0, 0
    for s, e, v in preds:
        for j, g in enumerate(golds):
            if s < g["end"] and g["start"] < e:
                if j not in used and same(v, g["value"]):
                    used.add(j)
                    ok += 1
                    break
        for j, g in enumerate(golds):
            if j not in used_span and s < g["end"] and g["start"] < e:
                used_span.add(j)
                span_ok += 1
                break
    return ok, span_ok


def prf(ok: int, npred: int, ngold: int) -> tuple[float, float, float]:
    p = ok / npred if npred else 0.0
    r = ok / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(gold_path: Path = GOLD) -> dict:
    """Precision/recall of both systems on the gold sentences."""
    import dateparser.search

    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8")]
    docs = {d["docno"]: d for d in load_docs(wanted={g["docno"] for g in gold})}
    stats = {k: {"ok": 0, "span": 0, "pred": 0} for k in ("khabar", "dateparser")}
    ngold = 0
    for g in gold:
        text = docs[g["docno"]]["text"]
        s0, e0 = g["sent_start"], g["sent_end"]
        pub = date.fromisoformat(g["published_at"]) if g["published_at"] not in (None, "None") else None
        ngold += len(g["expected"])
        ours = [(x["start"], x["end"], x["value"]) for x in extract_time_expressions(text, pub).expressions
                if s0 <= x["start"] < e0]
        ok, span = match(ours, g["expected"], lambda v, gv: v == gv)
        stats["khabar"]["ok"] += ok
        stats["khabar"]["span"] += span
        stats["khabar"]["pred"] += len(ours)
        sent = text[s0:e0]
        settings = {"PREFER_DATES_FROM": "past"}
        if pub is not None:
            settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
        found = dateparser.search.search_dates(sent, languages=["ar"], settings=settings) or []
        dps, cursor = [], 0
        for surf, dt in found:
            k = sent.find(surf, cursor)
            if k < 0:
                k = sent.find(surf)
            if k < 0:
                continue
            cursor = k + len(surf)
            dps.append((s0 + k, s0 + k + len(surf), dt))
        ok, span = match(dps, g["expected"], dp_value_matches)
        stats["dateparser"]["ok"] += ok
        stats["dateparser"]["span"] += span
        stats["dateparser"]["pred"] += len(dps)
    for st in stats.values():
        st["p"], st["r"], st["f1"] = prf(st["ok"], st["pred"], ngold)
        st["span_p"], st["span_r"], _ = prf(st["span"], st["pred"], ngold)
    return {"gold_sentences": len(gold), "gold_expressions": ngold, **stats}


def speed(n_docs: int, n_dp: int) -> dict:
    """Documents/second for both systems on the first documents of the corpus."""
    import dateparser.search

    docs = load_docs(n_docs)
    pubs = [pub_of(d) for d in docs]
    extract_time_expressions("تمهيد في 4 يناير 2024", date(2024, 1, 28))  # warm caches/regexes
    t0 = time.process_time()
    n_expr = rejected = 0
    for d, p in zip(docs, pubs):
        r = extract_time_expressions(d["text"], p)
        n_expr += len(r.expressions)
        rejected += r.rejected_numbers
    ours = len(docs) / (time.process_time() - t0)
    dp_docs = docs[:n_dp]
    dateparser.search.search_dates("في 4 يناير 2024", languages=["ar"])  # warm-up
    t0 = time.process_time()
    n_dp_expr = 0
    for d in dp_docs:
        n_dp_expr += len(dateparser.search.search_dates(d["text"], languages=["ar"]) or [])
    dp = len(dp_docs) / (time.process_time() - t0)
    return {"docs": len(docs), "dp_docs": len(dp_docs), "khabar_dps": ours, "dateparser_dps": dp,
            "khabar_expressions": n_expr, "rejected_numbers": rejected, "dateparser_expressions": n_dp_expr}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=500, help="corpus documents for the speed run")
    ap.add_argument("--dateparser-docs", type=int, default=None,
                    help="documents for the dateparser speed run (default: same as --docs)")
    ap.add_argument("--gold", type=Path, default=GOLD, help="gold JSONL (default bench/dates_gold.jsonl)")
    args = ap.parse_args(argv)
    sp = speed(args.docs, args.dateparser_docs or args.docs)
    ev = evaluate(args.gold)
    k, d = ev["khabar"], ev["dateparser"]
    print(f"Speed: first {sp['docs']} corpus documents (dateparser on {sp['dp_docs']}); "
          f"{sp['khabar_expressions']} expressions, {sp['rejected_numbers']} year-like numbers rejected "
          f"(dateparser found {sp['dateparser_expressions']} 'dates').")
    print(f"Accuracy ({args.gold.name}): {ev['gold_sentences']} gold sentences, "
          f"{ev['gold_expressions']} gold expressions.\n")
    print("| system | docs/s | speed-up | precision | recall | F1 | span P | span R |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| khabar `extract_time_expressions` | {sp['khabar_dps']:.1f} | "
          f"{sp['khabar_dps'] / sp['dateparser_dps']:.0f}× | {k['p']:.2f} | {k['r']:.2f} | {k['f1']:.2f} | "
          f"{k['span_p']:.2f} | {k['span_r']:.2f} |")
    print(f"| `dateparser.search_dates(languages=['ar'])` | {sp['dateparser_dps']:.1f} | 1× | "
          f"{d['p']:.2f} | {d['r']:.2f} | {d['f1']:.2f} | {d['span_p']:.2f} | {d['span_r']:.2f} |")


if __name__ == "__main__":
    main()
