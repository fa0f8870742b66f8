"""Development audit of quotes and event casualties on *dev* corpus articles (never held-out ones).

Runs the real single-document pipeline on a seeded sample of dev articles (see
``bench/facts_split.py``) and prints the most frequent quote speakers per kind, the
largest event casualty figures and the quantities kept as historical totals, so that
rule changes can be checked at scale. Writes ``bench/out/facts_audit.jsonl`` (git-ignored).

Usage: ``.venv/bin/python scripts/facts_audit.py [--n 1500] [--seed 7]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.facts_split import is_heldout  # noqa: E402
from scripts.sample_facts import extract_facts, iter_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args(argv)
    pool = [r for r in iter_corpus() if not is_heldout(r["docno"]) and r.get("text")]
    sample = random.Random(args.seed).sample(pool, min(args.n, len(pool)))
    speakers: dict[str, Counter] = {}
    killed = []
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    with (out / "facts_audit.jsonl").open("w", encoding="utf-8") as fh:
        for rec in sample:
            res = extract_facts(rec)
            fh.write(json.dumps(res, ensure_ascii=False, default=str) + "\n")
            for q in res["quotes"]:
                speakers.setdefault(q["speaker_kind"], Counter())[q.get("speaker_surface")] += 1
            for e in res["event_mentions"]:
                if e.get("killed") or e.get("injured"):
                    killed.append((e.get("killed") or 0, e.get("injured") or 0, e["event_type"], e["trigger"],
                                   e.get("date_value"), rec["docno"], e.get("confidence")))
    n_quotes = sum(sum(c.values()) for c in speakers.values())
    print(f"articles={len(sample)} quotes={n_quotes}")
    for kind, c in sorted(speakers.items()):
        print(f"\n== {kind} ({sum(c.values())})")
        print("  " + " | ".join(f"{s} {n}" for s, n in c.most_common(args.top)))
    print(f"\n== events with casualties ({len(killed)}), largest:")
    for row in sorted(killed, key=lambda r: (r[0], r[1]), reverse=True)[: args.top]:
        print("  ", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
