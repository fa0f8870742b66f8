"""Throughput of entity extraction on the first N corpus documents.

    .venv/bin/python bench/bench_entities.py [N]        # default N = 2000
    .venv/bin/python bench/bench_entities.py 200 --sample 100   # generalisation figures + a random
                                                              # sample of mentions to judge by reading

Prints docs/s for the dictionary part alone (normalized view + Aho-Corasick + clitic and
boundary checks), for the statistical tagger alone, and for the full extractor (dictionary,
tagger, discovery, fuzzy linking, short forms, roles), on one core; wall-clock and CPU time
(the machine is shared: CPU time is the steadier figure). The corpus is read from ``$KHABAR_CORPUS`` (a .jsonl file or a
directory holding one) or ``../shared/corpus/ant/`` relative to the repository root; only the
``text`` field is used and nothing is written.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.extract.entities import EntityExtractor  # noqa: E402
from pipeline.extract.entities.view import build_view  # noqa: E402
from pipeline.kb.load import load_kb  # noqa: E402
from bench.corpus import read_records  # noqa: E402


def read_texts(n: int) -> list[str]:
    """The ``text`` of the first ``n`` documents."""
    return [r.get("text") or "" for r in read_records(n)]


def sample(texts: list[str], k: int, seed: int = 7) -> None:
    """Share of PERSON/ORG mentions outside the KB, documents without entities, and ``k`` random
    mentions with a little context (printed to the terminal for judging; nothing is stored)."""
    import random
    from collections import Counter

    ex = EntityExtractor(load_kb())
    rows, empty = [], 0
    for d, t in enumerate(texts):
        ms = ex.extract(t).mentions
        empty += not ms
        for m in ms:
            assert t[m["start"]:m["end"]] == m["surface"]
            rows.append((d, m, t[max(0, m["start"] - 40):m["end"] + 40].replace("\n", " ")))
    po = [m for _, m, _ in rows if m["entity_type"] in ("PERSON", "ORG")]
    out = [m for m in po if m["entity_id"] is None]
    print(f"docs={len(texts)} without_entity={empty} mentions={len(rows)} person_org={len(po)} "
          f"outside_kb={len(out)} ({len(out) / max(1, len(po)):.1%})")
    print(dict(Counter(m["method"] for _, m, _ in rows)))
    random.seed(seed)
    for i, (d, m, ctx) in enumerate(random.sample(rows, min(k, len(rows))), 1):
        print(f'{i}\t{d}\t{m["surface"]}\t{m["entity_id"]}\t{m["entity_type"]}\t{m["method"]}\t|{ctx}|')


def main(argv: list[str]) -> None:
    n = int(argv[1]) if len(argv) > 1 and argv[1].isdigit() else 2000
    texts = read_texts(n)
    if "--sample" in argv:
        sample(texts, int(argv[argv.index("--sample") + 1]))
        return
    t0 = time.perf_counter()
    ex = EntityExtractor(load_kb())
    build = time.perf_counter() - t0
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    hits = sum(len(ex.matcher.find(build_view(t))) for t in texts)
    dict_s = time.perf_counter() - t0
    tag_s = tag_cpu = 0.0
    if ex.tagger is not None:
        t0, c0 = time.perf_counter(), time.process_time()
        spans = sum(len(ex.tagger.tag_view(build_view(t))) for t in texts)
        tag_s, tag_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    mentions = sum(len(ex.extract(t).mentions) for t in texts)
    full_s, full_cpu = time.perf_counter() - t0, time.process_time() - c0
    batched_s = batched_cpu = 0.0
    if ex.tagger is not None:  # as the pipeline step runs it: chunks of 50 documents tagged together
        t0, c0 = time.perf_counter(), time.process_time()
        for k in range(0, len(texts), 50):
            chunk = texts[k:k + 50]
            ex.pretag(chunk)
            for t in chunk:
                ex.extract(t)
        batched_s, batched_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"docs={len(texts)} chars={chars} extractor_build_s={build:.2f}")
    print(f"dictionary: {len(texts) / dict_s:.0f} docs/s ({hits} matches, {chars / dict_s / 1e6:.2f} Mchar/s)")
    if ex.tagger is not None:
        print(f"tagger alone (first pass, cold feature cache): {len(texts) / tag_s:.0f} docs/s wall, "
              f"{len(texts) / tag_cpu:.0f} docs per CPU-second ({spans} spans)")
    print(f"full extract: {len(texts) / full_s:.0f} docs/s wall, {len(texts) / full_cpu:.0f} docs per CPU-second "
          f"({mentions} mentions)")
    if batched_cpu:
        print(f"full extract, chunks of 50 tagged together (pretag, as the pipeline step): "
              f"{len(texts) / batched_s:.0f} docs/s wall, {len(texts) / batched_cpu:.0f} docs per CPU-second")


if __name__ == "__main__":
    main(sys.argv)
