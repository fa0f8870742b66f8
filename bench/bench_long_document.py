"""One very long document through the whole per-document path (clean, entities, time, facts): CPU seconds.

    .venv/bin/python bench/bench_long_document.py [CHARS]      # default 1,000,000 characters

Corpus articles are concatenated (read from ../shared at run time, never copied) and cut to CHARS.
Issue 10's target: a 1,000,000-character document in <= 30 s.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import read_records  # noqa: E402
from pipeline.steps.single import extract_document  # noqa: E402


def long_text(chars: int) -> str:
    parts, n = [], 0
    for record in read_records(max(50, chars // 1000)):
        text = record.get("text") or ""
        parts.append(text)
        n += len(text) + 2
        if n >= chars:
            break
    return "\n\n".join(parts)[:chars]


def main() -> None:
    chars = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    text = long_text(chars)
    t = time.process_time()
    doc = extract_document(text)
    cpu = time.process_time() - t
    print(f"long document: {len(text):,} characters, {cpu:.1f} s CPU ({len(doc.get('quotes', []))} quotes)")


if __name__ == "__main__":
    main()
