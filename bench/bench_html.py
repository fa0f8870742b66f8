"""HTML → text: CPU time by nesting depth (linear since the converter keeps its own element stack).

    .venv/bin/python bench/bench_html.py

Prints, for nested ``<div>`` of growing depth and for a flat page of as many paragraphs, the CPU
time of :func:`pipeline.ingest.html.html_to_text` and the time per tag: the per-tag figure stays
flat when the work is linear.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.ingest.html import html_to_text  # noqa: E402

TEXT = "قال مسؤولون عراقيون إن المحادثات مع واشنطن ستستأنف الأسبوع المقبل في بغداد."


def cpu(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def main() -> None:
    print(f"{'input':<28}{'tags':>10}{'CPU s':>10}{'µs/tag':>10}")
    for depth in (10_000, 50_000, 100_000):
        nested = "<html><body>" + "<div>" * depth + TEXT + "</div>" * depth + "</body></html>"
        s = cpu(lambda: html_to_text(nested))
        print(f"{f'nested div, depth {depth:,}':<28}{2 * depth:>10,}{s:>10.3f}{s / (2 * depth) * 1e6:>10.2f}")
    for n in (10_000, 100_000):
        flat = "<html><body>" + f"<p>{TEXT}</p>" * n + "</body></html>"
        s = cpu(lambda: html_to_text(flat))
        print(f"{f'flat, {n:,} paragraphs':<28}{2 * n:>10,}{s:>10.3f}{s / (2 * n) * 1e6:>10.2f}")


if __name__ == "__main__":
    main()
