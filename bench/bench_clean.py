"""Clean the first N corpus articles; print docs/s, rule counts and offset-invariant failures.

Usage: .venv/bin/python bench/bench_clean.py [N] [--measure]

``--measure`` also scores the related-headline heuristic against a silver label: a line equal
(after ``normalize_key``) to the title of *another* corpus article is an injected related-article
link. The corpus path is ``../shared/corpus/ant/…`` relative to the repo root or ``$KHABAR_CORPUS``.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.clean.document import clean_document  # noqa: E402
from pipeline.clean.unicode import surface_normalize  # noqa: E402
from pipeline.text.normalize import normalize_key  # noqa: E402

from bench.corpus import read_records as load  # noqa: E402


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 1000
    measure = "--measure" in sys.argv
    docs = load(None if measure else n)
    sample = docs[:n]
    t0 = time.perf_counter()
    results = [clean_document(d.get("text") or "", title=d.get("title")) for d in sample]
    dt = time.perf_counter() - t0
    print(f"cleaned {len(sample)} docs in {dt:.2f}s = {len(sample) / dt:.0f} docs/s")
    rules, kinds, langs = Counter(), Counter(), Counter()
    bad = 0
    for d, r in zip(sample, results):
        raw = d.get("text") or ""
        for x in r.removed_spans:
            rules[x["rule"]] += 1
        for p in r.paragraphs:
            kinds[p["kind"]] += 1
            langs[p["language"]] += 1
        for s in r.paragraphs + r.sentences:
            if surface_normalize(raw[s["raw_start"]:s["raw_end"]]) != r.clean_text[s["start"]:s["end"]]:
                bad += 1
    print("removed by rule:", dict(rules.most_common()))
    print("paragraph kinds:", dict(kinds.most_common()), "languages:", dict(langs.most_common()))
    print("offset invariant failures:", bad)
    if measure:
        titles = Counter(normalize_key(d.get("title") or "") for d in docs)
        tp = fn = fp = 0
        fps, fns = [], []
        for d, r in zip(sample, results):
            own = normalize_key(d.get("title") or "")
            raw = d.get("text") or ""
            removed = {normalize_key(x["text"]) for x in r.removed_spans
                       if x["rule"] in ("related_headline", "related_link")}
            silver = set()
            for line in raw.split("\n"):
                k = normalize_key(line)
                if len(k) > 10 and k != own and k in titles:
                    silver.add(k)
            tp += len(removed & silver)
            fn += len(silver - removed)
            fp += len(removed - silver)
            fps += list(removed - silver)
            fns += list(silver - removed)
        print(f"related headlines vs silver (lines equal to another article's title): tp={tp} fp={fp} fn={fn} "
              f"precision>={tp / max(tp + fp, 1):.2f} recall={tp / max(tp + fn, 1):.2f}")
        print("sample 'false positives' (not another title; may still be headlines):")
        for k in fps[:25]:
            print("   ", k[:100])
        print("sample misses:")
        for k in fns[:15]:
            print("   ", k[:100])


if __name__ == "__main__":
    main()
