"""The shared corpus for benchmarks: where it is and how to read it (never copied into the repo)."""

from __future__ import annotations

import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_FILE = "ant_v2.1_middle_east_international.jsonl"


def corpus_path() -> Path:
    """The corpus JSONL file: ``$KHABAR_CORPUS`` (a file or a directory) or ``../shared/corpus/ant/``."""
    p = Path(os.environ.get("KHABAR_CORPUS", ROOT.parent / "shared" / "corpus" / "ant"))
    return p / CORPUS_FILE if p.is_dir() else p


def read_records(n: int | None = None, wanted: set[str] | None = None) -> list[dict]:
    """The first ``n`` records (all when ``None``), or the records whose ``docno`` is in ``wanted``."""
    out: list[dict] = []
    with corpus_path().open(encoding="utf-8") as fh:
        for line in fh:
            if wanted is None and n is not None and len(out) >= n:
                break
            record = json.loads(line)
            if wanted is None or record["docno"] in wanted:
                out.append(record)
                if wanted is not None and len(out) == len(wanted):
                    break
    return out
