"""Development / held-out split of the shared corpus for fact-extraction work.

An article is *held out* when the first 8 hex digits of SHA-1(docno), read as an integer,
are divisible by 5 (about 20 % of the corpus), unless it was already read while developing
(the 30 articles of the first corpus sample, listed in ``bench/facts_corpus_judgments.jsonl``,
are always *dev*). Rules are tuned only on dev articles (``scripts/facts_audit.py`` draws from
them); the judged samples of ``bench/facts_heldout_judgments.jsonl`` come only from held-out ones.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_SAMPLE = ROOT / "bench" / "facts_corpus_judgments.jsonl"
#: Read in the first sample but absent from its judgments file (no fact, no miss; see quality_facts.md §2).
NO_ROW = frozenset({"SK-middleEast-3382-20180814"})
MODULUS = 5


@lru_cache(maxsize=1)
def developed_on() -> frozenset[str]:
    """Docnos read while developing the extractors (the first judged corpus sample)."""
    with FIRST_SAMPLE.open(encoding="utf-8") as fh:
        return frozenset(json.loads(line)["docno"] for line in fh if line.strip()) | NO_ROW


def is_heldout(docno: str) -> bool:
    """True for held-out articles (never read while developing)."""
    if docno in developed_on():
        return False
    return int(hashlib.sha1(docno.encode("utf-8")).hexdigest()[:8], 16) % MODULUS == 0
