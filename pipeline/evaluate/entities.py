"""Document-level entity scoring against a gold file (``tests/gold/seeds_entities.yaml``).

An item is a KB entity id (``loc:iq``) or, for a name outside the KB, ``"TYPE:normalized"``
(``ORG:اللجنه العسكريه العليا``, :func:`pipeline.text.normalize.normalize_key`). Scores are
micro-averaged over documents: TP/FP/FN summed over the per-document sets.

CLI::

    .venv/bin/python -m pipeline.evaluate.entities [--gold tests/gold/seeds_entities.yaml] [--seeds seeds] [-v]
    .venv/bin/python -m pipeline.evaluate.entities --warehouse warehouse/khabar.lake.sqlite   # after `make run`
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from pipeline.text.normalize import normalize_key

__all__ = ["load_gold", "gold_sets", "mention_items", "score_documents", "predicted_from_warehouse", "main"]

ROOT = Path(__file__).resolve().parents[2]


def load_gold(path: Path) -> dict:
    """Read a gold YAML file: ``{doc: {kb: [ids], outside_kb: [{surface, type}]}}``."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


def gold_sets(gold: dict, article_only: bool = False) -> dict[str, set[str]]:
    """Per-document item sets from the gold structure (already-set values are passed through).

    ``article_only`` leaves out the items a document lists under ``removed_by_cleaning`` (names
    that occur only in boilerplate the cleaner removes, e.g. headlines of other articles).
    """
    out: dict[str, set[str]] = {}
    for doc, g in gold.items():
        if isinstance(g, (set, list, tuple)):
            out[doc] = set(g)
            continue
        items = set(g.get("kb") or [])
        items |= {f"{o['type']}:{normalize_key(str(o['surface']))}" for o in g.get("outside_kb") or []}
        if article_only:
            removed = {x if not x.split(":", 1)[0].isupper() else
                       f"{x.split(':', 1)[0]}:{normalize_key(x.split(':', 1)[1])}"
                       for x in g.get("removed_by_cleaning") or []}
            items -= removed
        out[doc] = items
    return out


def mention_items(mentions: list[dict]) -> set[str]:
    """Document items of extractor mentions: the entity id, or ``TYPE:normalized`` when unlinked."""
    return {m["entity_id"] or f"{m['entity_type']}:{m['normalized']}" for m in mentions}


def score_documents(predicted: dict[str, set[str]], gold, article_only: bool = False) -> dict:
    """Micro-averaged document-level precision / recall / F1.

    ``gold`` is the YAML structure (or ``{doc: set}``); documents missing from ``predicted``
    count as empty predictions. Returns ``{precision, recall, f1, tp, fp, fn, per_document:
    {doc: {tp, fp, fn, false_positives, false_negatives}}}``.
    """
    g = gold_sets(gold, article_only)
    tp = fp = fn = 0
    per_doc = {}
    for doc, gs in g.items():
        ps = set(predicted.get(doc, set()))
        t, f_p, f_n = ps & gs, ps - gs, gs - ps
        tp, fp, fn = tp + len(t), fp + len(f_p), fn + len(f_n)
        per_doc[doc] = {"tp": len(t), "fp": len(f_p), "fn": len(f_n),
                        "false_positives": sorted(f_p), "false_negatives": sorted(f_n)}
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "tp": tp, "fp": fp, "fn": fn,
            "per_document": per_doc}


def predicted_from_warehouse(path: Path) -> dict[str, set[str]]:
    """Per-document items (keyed by ``documents.external_id``) of the mentions in a built warehouse."""
    from pipeline.warehouse.connect import connect_readonly

    con = connect_readonly(path, fts=False)
    try:
        rows = con.execute(
            "SELECT d.external_id, m.entity_id, m.entity_type, m.normalized FROM entity_mentions m "
            "JOIN documents d USING (doc_id) WHERE d.status = 'active'").fetchall()
    finally:
        con.close()
    out: dict[str, set[str]] = {}
    for ext, eid, etype, norm in rows:
        out.setdefault(ext, set()).add(eid or f"{etype}:{norm}")
    return out


def main(argv: list[str] | None = None) -> int:
    """Score a built warehouse (``--warehouse``) or, without it, the extractor run directly over the
    seed files; print the scores as JSON."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "seeds_entities.yaml")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("-w", "--warehouse", type=Path, help="score this warehouse (built from the seeds)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print per-document errors")
    args = ap.parse_args(argv)
    gold = load_gold(args.gold)
    if args.warehouse:
        predicted = predicted_from_warehouse(args.warehouse)
    else:
        from pipeline.extract.entities import EntityExtractor
        from pipeline.kb.load import load_kb

        extractor = EntityExtractor(load_kb())
        predicted = {}
        for doc in gold:
            text = (args.seeds / doc).read_text(encoding="utf-8")
            predicted[doc] = mention_items(extractor.extract(text).mentions)
    res = score_documents(predicted, gold)
    if args.warehouse:  # the cleaner removed boilerplate: also score the article text alone
        article = score_documents(predicted, gold, article_only=True)
        res = {"all_gold": res, "article_text": article}
    if not args.verbose:
        res = {k: ({kk: vv for kk, vv in v.items() if kk != "per_document"} if isinstance(v, dict) else v)
               for k, v in res.items() if k != "per_document"}
    json.dump(res, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
