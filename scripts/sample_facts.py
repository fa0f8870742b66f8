"""Draw a seeded random sample of Middle-East security articles and dump their extracted facts for review.

Sampling rule (documented in ``docs/quality_facts.md``):

1. records of the shared ANT corpus (``../shared/corpus/ant/*.jsonl``, or ``$KHABAR_CORPUS``, a
   directory or one file) with ``cat == "middleEast"``;
2. a *security* article: the normalized title + text contains at least ``MIN_SECURITY_STEMS``
   distinct stems of :data:`SECURITY_STEMS` (attack, strike, shelling, killing, forces, troops,
   militants, explosion, missile, clashes, military, …), counted as word-initial matches after
   optional proclitics;
3. text length between ``MIN_CHARS`` and ``MAX_CHARS`` code points (short enough to be read and
   judged fully by hand; this biases the sample towards news briefs — say so when reporting);
4. duplicates (same text) collapsed to the first occurrence;
5. ``random.Random(SEED).sample(eligible, N)`` over the eligible records in file order.

Each sampled article goes through the real single-document pipeline
(:func:`pipeline.steps.single.extract_document`: cleaning, sentence splitting, entity linking,
time expressions, then the fact extractors), with the feed title and publication time passed as
the warehouse ingestion would. Output (``bench/out/`` is git-ignored, so article text may be
written there for the reviewer):

* ``bench/out/facts_sample.jsonl`` — one line per article: ``docno``, ``title``, ``published_at``,
  ``n_chars`` and the four fact lists with raw offsets (into the corpus ``text`` field);
* ``bench/out/facts_sample_review.md`` — the article text followed by every fact with a numbered
  key ``docno|type|raw_start|raw_end`` and its attributes, for hand judging.

Usage: ``.venv/bin/python scripts/sample_facts.py [--n 30] [--seed 20240128]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.text.normalize import normalize_key  # noqa: E402

__all__ = [
    "SECURITY_STEMS", "MIN_SECURITY_STEMS", "MIN_CHARS", "MAX_CHARS", "SEED", "FACT_KEYS",
    "corpus_files", "iter_corpus", "security_stems", "eligible", "draw_sample", "extract_facts", "fact_key",
]

#: Security vocabulary (ordinary spelling, normalized at use): word stems matched at a word start
#: after optional proclitics (و ف ب ل ك ال).
SECURITY_STEMS: tuple[str, ...] = (
    "هجوم", "هجمات", "غارة", "غارات", "قصف", "ضربة", "ضربات", "مقتل", "قتلى", "قتل", "جرحى", "إصابة",
    "قوات", "جنود", "جندي", "الجيش", "مسلح", "ميليشيا", "انفجار", "تفجير", "صاروخ", "صواريخ",
    "اشتباك", "معارك", "عسكري", "عسكرية", "داعش", "إرهاب", "اعتقال", "طائرة مسيرة",
)
MIN_SECURITY_STEMS = 3
MIN_CHARS = 500
MAX_CHARS = 2200
SEED = 20240128
CORPUS_GLOB = "*.jsonl"
#: Fact list name in the extractor output → short type name used in judgment keys.
FACT_KEYS: dict[str, str] = {"quantities": "quantity", "event_mentions": "event", "quotes": "quote", "citations": "citation"}

_PROCLITIC = r"(?:^|(?<=[^\w]))(?:[وف]?(?:[بلك])?(?:ال)?)"


def corpus_files() -> list[Path]:
    """JSONL files of the shared corpus (``$KHABAR_CORPUS`` — a directory or a file — overrides)."""
    env = os.environ.get("KHABAR_CORPUS")
    base = Path(env) if env else ROOT.parent / "shared" / "corpus" / "ant"
    return sorted(base.glob(CORPUS_GLOB)) if base.is_dir() else [base]


def iter_corpus(files: list[Path] | None = None) -> Iterator[dict[str, Any]]:
    """Yield every corpus record (dicts with docno, title, text, cat, time, …) in file order."""
    for path in files or corpus_files():
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


_STEM_RES = [
    (stem, re.compile(_PROCLITIC + re.escape(normalize_key(stem).removeprefix("ال"))))
    for stem in SECURITY_STEMS
]


def security_stems(text: str) -> set[str]:
    """Distinct :data:`SECURITY_STEMS` found word-initially (after proclitics) in ``text``."""
    key = normalize_key(text)
    return {stem for stem, rx in _STEM_RES if rx.search(key)}


def eligible(record: dict[str, Any]) -> bool:
    """The sampling rule: middleEast category, security vocabulary, hand-checkable length."""
    text = record.get("text") or ""
    if record.get("cat") != "middleEast" or not (MIN_CHARS <= len(text) <= MAX_CHARS):
        return False
    return len(security_stems(f"{record.get('title') or ''}\n{text}")) >= MIN_SECURITY_STEMS


def draw_sample(n: int = 30, seed: int = SEED, files: list[Path] | None = None) -> list[dict[str, Any]]:
    """Seeded random sample of ``n`` eligible, de-duplicated records (in sampled order)."""
    seen: set[str] = set()
    pool = []
    for rec in iter_corpus(files):
        text = rec.get("text") or ""
        if text in seen or not eligible(rec):
            continue
        seen.add(text)
        pool.append(rec)
    return random.Random(seed).sample(pool, min(n, len(pool)))


def fact_key(docno: str, ftype: str, row: dict[str, Any]) -> str:
    """Stable judgment key ``docno|type|raw_start|raw_end`` of one extracted fact."""
    return f"{docno}|{ftype}|{row['raw_start']}|{row['raw_end']}"


def extract_facts(record: dict[str, Any]) -> dict[str, Any]:
    """Run the real single-document pipeline on a corpus record; facts carry raw offsets into ``text``."""
    from pipeline.ingest.metadata import parse_metadata_datetime
    from pipeline.steps.single import extract_document

    text = record.get("text") or ""
    parsed = parse_metadata_datetime(record.get("time"))
    when = parsed[0] if parsed else None
    out = extract_document(text, published_at=when, title=record.get("title"))
    facts: dict[str, Any] = {}
    for name, short in FACT_KEYS.items():
        rows = []
        for r in out.get(name, []):
            rows.append({"key": fact_key(record["docno"], short, r), **r})
        facts[name] = rows
    return {
        "docno": record["docno"], "src": record.get("src"), "title": record.get("title"),
        "published_at": when.isoformat() if when else None, "n_chars": len(text),
        "n_entity_mentions": len(out.get("entity_mentions", [])), "n_timexes": len(out.get("time_expressions", [])),
        **facts,
    }


_SHOW = {
    "quantity": ("surface", "value", "value_min", "value_max", "qualifier", "category", "unit", "currency",
                 "actor_entity_id", "location_entity_id"),
    "event": ("trigger", "event_type", "date_value", "location_entity_id", "actor_entity_id", "actor_surface",
              "target_surface", "killed", "injured"),
    "quote": ("quote_text", "speaker_surface", "speaker_kind", "speaker_entity_id", "reporting_verb"),
    "citation": ("surface", "source_surface", "source_kind", "role", "source_entity_id"),
}


def review_markdown(results: list[dict[str, Any]], records: dict[str, dict[str, Any]]) -> str:
    """Reviewer sheet: numbered article text then one line per fact (git-ignored output)."""
    parts = ["# Facts sample for review (bench/out — not committed)\n"]
    for i, res in enumerate(results, 1):
        rec = records[res["docno"]]
        parts.append(f"\n## {i}. {res['docno']} ({res['src']}, {res['published_at']})\n\n**{rec.get('title')}**\n")
        parts.append(rec.get("text") or "")
        for name, short in FACT_KEYS.items():
            parts.append(f"\n### {name} ({len(res[name])})")
            for r in res[name]:
                attrs = ", ".join(f"{k}={r.get(k)}" for k in _SHOW[short] if r.get(k) not in (None, ""))
                if short == "quote":
                    attrs = attrs.replace(f"quote_text={r.get('quote_text')}", f"quote_text={(r.get('quote_text') or '')[:60]}…")
                parts.append(f"- `{r['key']}` {attrs}")
    return "\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Draw the sample, extract, write ``bench/out/facts_sample.jsonl`` and the review sheet."""
    ap = argparse.ArgumentParser(description="Sample corpus articles and dump their extracted facts.")
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    args = ap.parse_args(argv)
    sample = draw_sample(args.n, args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    results = [extract_facts(rec) for rec in sample]
    with (args.out / "facts_sample.jsonl").open("w", encoding="utf-8") as fh:
        for res in results:
            fh.write(json.dumps(res, ensure_ascii=False, default=str) + "\n")
    (args.out / "facts_sample_review.md").write_text(review_markdown(results, {r["docno"]: r for r in sample}), encoding="utf-8")
    totals = {name: sum(len(r[name]) for r in results) for name in FACT_KEYS}
    print(f"sampled {len(results)} articles; facts: {totals}")
    print("docnos:", " ".join(r["docno"] for r in results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
