"""Score extracted facts (quantities, events, quotes, citations) against seed gold.

Gold lives in ``tests/gold/seeds_facts.yaml``; spans are located at load time
by surface (+ optional anchor) in ``seeds/<name>``. Predictions are passed as
``{seed_file_name: {fact_type: [row dict, ...]}}`` with the row shapes of the
extractors in :mod:`pipeline.extract`.

Matching is one-to-one and greedy, in gold order:

* quantities — spans overlap; *strict* also needs equal value and category;
* events — same ``event_type`` and the predicted trigger in the same
  paragraph as the gold trigger (one mention per sentence and type is
  emitted, so the exact trigger word may differ); *strict* also needs the
  actor to match when the gold gives one;
* quotes — quote spans overlap; *strict* also needs the speaker (gold
  speaker string contained in the predicted speaker surface, or vice versa);
* citations — source spans overlap; *strict* also needs equal source_kind.

For fact types marked ``complete: false`` only recall is reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

__all__ = ["FACT_TYPES", "ROOT", "load_gold", "match_rows", "score_facts"]

FACT_TYPES: tuple[str, ...] = ("quantities", "events", "quotes", "citations")
ROOT = Path(__file__).resolve().parents[2]
_SURFACE_KEY = {"quantities": "surface", "events": "trigger", "quotes": "quote", "citations": "source"}


def _locate(text: str, surface: str, anchor: str | None) -> tuple[int, int]:
    base = 0
    if anchor:
        base = text.find(anchor)
        if base < 0:
            raise ValueError(f"anchor {anchor!r} not found")
    start = text.find(surface, base)
    if start < 0:
        raise ValueError(f"surface {surface!r} not found after anchor {anchor!r}")
    return start, start + len(surface)


def load_gold(path: Path | None = None, seeds_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    """Load gold facts with resolved spans.

    Returns ``{seed_name: {fact_type: {"complete": bool, "items": [item, ...]}}}``
    where every item has ``start``/``end`` (code-point offsets into the seed
    text) besides its annotated attributes, and ``{seed_name: {"text": str}}``
    under the ``"_text"`` key of each seed.
    """
    path = path or ROOT / "tests" / "gold" / "seeds_facts.yaml"
    seeds_dir = seeds_dir or ROOT / "seeds"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["seeds"]
    out: dict[str, dict[str, Any]] = {}
    for name, facts in raw.items():
        text = (seeds_dir / name).read_text(encoding="utf-8")
        entry: dict[str, Any] = {"_text": text}
        for ftype in FACT_TYPES:
            block = facts.get(ftype, [])
            complete = True
            if isinstance(block, dict):
                complete = bool(block.get("complete", True))
                block = block.get("items", [])
            items = []
            for item in block:
                s, e = _locate(text, item[_SURFACE_KEY[ftype]], item.get("anchor"))
                items.append({**item, "start": s, "end": e})
            entry[ftype] = {"complete": complete, "items": items}
        out[name] = entry
    return out


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


def _same_value(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _speaker_ok(gold: str | None, pred: dict) -> bool:
    surf = pred.get("speaker_surface") or ""
    if not gold:
        return not surf
    return bool(surf) and (gold in surf or surf in gold)


def match_rows(ftype: str, text: str, gold: Sequence[dict], pred: Sequence[dict]) -> list[tuple[dict, dict | None, bool]]:
    """Greedy one-to-one matching: ``[(gold_item, matched_pred_or_None, strict_ok), ...]``."""
    used: set[int] = set()
    out: list[tuple[dict, dict | None, bool]] = []
    for g in gold:
        best: tuple[int, dict, bool] | None = None
        for i, p in enumerate(pred):
            if i in used:
                continue
            if ftype == "quantities":
                hit = _overlap(g["start"], g["end"], p["start"], p["end"])
                strict = hit and _same_value(g.get("value"), p.get("value")) and g.get("category") == p.get("category")
            elif ftype == "events":
                ps, pe = _paragraph(text, g["start"])
                hit = g["event_type"] == p.get("event_type") and ps <= p["start"] < pe
                strict = hit and (g.get("actor") is None or g.get("actor") == p.get("actor_entity_id"))
            elif ftype == "quotes":
                hit = _overlap(g["start"], g["end"], p["start"], p["end"])
                strict = hit and _speaker_ok(g.get("speaker"), p)
            else:
                hit = _overlap(g["start"], g["end"], p["source_start"], p["source_end"])
                strict = hit and g.get("kind") == p.get("source_kind")
            if hit and (best is None or (strict and not best[2])):
                best = (i, p, strict)
                if strict:
                    break
        if best is not None:
            used.add(best[0])
            out.append((g, best[1], best[2]))
        else:
            out.append((g, None, False))
    return out


def _prf(tp: int, n_pred: int | None, n_gold: int) -> dict[str, float | None]:
    p = tp / n_pred if n_pred else (None if n_pred is None else 0.0)
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p and r else (None if p is None else 0.0)
    return {"precision": p, "recall": r, "f1": f}


def score_facts(
    predicted: Mapping[str, Mapping[str, Sequence[dict]]],
    gold: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, dict[str, Any]]:
    """Precision/recall/F1 per fact type over the seeds.

    ``predicted`` maps seed file name → fact type → predicted rows (seeds or
    fact types missing count as no predictions). Returns, per fact type,
    ``{"loose": {precision, recall, f1}, "strict": {...}, "tp", "tp_strict",
    "n_gold", "n_pred", "complete", "misses": [(seed, surface), ...]}``;
    precision is None when the gold for that type is not complete.
    """
    gold = gold or load_gold()
    report: dict[str, dict[str, Any]] = {}
    for ftype in FACT_TYPES:
        tp = tp_strict = n_gold = n_pred = 0
        complete = True
        misses: list[tuple[str, str]] = []
        for name, g in gold.items():
            block = g[ftype]
            complete &= block["complete"]
            preds = list(predicted.get(name, {}).get(ftype, []))
            matches = match_rows(ftype, g["_text"], block["items"], preds)
            n_gold += len(block["items"])
            n_pred += len(preds)
            for gi, p, strict in matches:
                if p is not None:
                    tp += 1
                    tp_strict += strict
                else:
                    misses.append((name, gi[_SURFACE_KEY[ftype]]))
        denom = n_pred if complete else None
        report[ftype] = {
            "loose": _prf(tp, denom, n_gold),
            "strict": _prf(tp_strict, denom, n_gold),
            "tp": tp, "tp_strict": tp_strict, "n_gold": n_gold, "n_pred": n_pred,
            "complete": complete, "misses": misses,
        }
    return report
