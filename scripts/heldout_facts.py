"""Held-out corpus samples for quote speakers and event casualties: draw, review, score.

Articles come only from the *held-out* split (``bench/facts_split.py``: never read while the
rules were developed). Two samples, each with a fixed seed:

* **quotes** — held-out articles of 400–3,000 characters whose text contains a quotation mark
  (« “ ") — a text-only filter, independent of the extractor — in ``random.Random(QUOTE_SEED)``
  order; every article is read fully and *every* direct quote in it is annotated (span and the
  acceptable speaker surfaces, or none when the text names no speaker), until at least
  ``QUOTE_TARGET`` gold quotes are collected.
* **casualties** — held-out security articles (``scripts/sample_facts.py:eligible`` rule, any
  length up to 4,000 characters) in ``random.Random(EVENT_SEED)`` order; the event mentions the
  pipeline gives a ``killed``/``injured`` figure (at most 2 per article) until ``EVENT_TARGET``;
  each is judged ``correct`` (a real event of that type and the figure is its own toll) or ``wrong``.

Judgments are in ``bench/facts_heldout_judgments.jsonl`` (docno, kind, raw offsets into the corpus
``text``, labels, short speaker surfaces; no article text).

Usage::

    .venv/bin/python scripts/heldout_facts.py sample --sample B   # review sheets in bench/out/ (git-ignored)
    .venv/bin/python scripts/heldout_facts.py score [-v]          # re-extracts and prints the figures per sample
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.facts_split import developed_on, is_heldout  # noqa: E402
from pipeline.text.normalize import normalize_key  # noqa: E402
from scripts.sample_facts import eligible, extract_facts, iter_corpus, security_stems  # noqa: E402

JUDGMENTS = ROOT / "bench" / "facts_heldout_judgments.jsonl"
#: Seeds per sample: (quote sample, casualty sample). Sample A was judged on the extractor of commit
#: "Held-out judged samples (sample A)"; sample B, drawn after the fixes, excludes A's articles.
SAMPLES: dict[str, tuple[int, int]] = {"A": (1313, 2613), "B": (4242, 5252), "C": (7373, 8383), "D": (9191, 9292), "E": (6161, 6262), "F": (3131, 3232), "G": (5757, 5858), "H": (8585, 8686), "I": (2424, 2525), "J": (3838, 3939), "K": (4646, 4747), "L": (5353, 5454), "M": (6868, 6969), "N": (7979, 8080), "O": (2929, 3030), "P": (4141, 4343), "Q": (6464, 6565), "R": (7171, 7272), "S": (9393, 9494), "T": (1919, 2020), "U": (3737, 3636), "V": (1515, 1616), "W": (2727, 2828), "X": (8787, 8888), "Y": (9595, 9696), "Z": (9797, 9898), "AA": (7474, 7575), "AB": (8484, 8585), "AC": (6363, 6464), "AD": (5151, 5252), "AE": (8181, 8282), "AF": (7272, 7373), "AG": (4848, 4949), "AH": (3434, 3535), "AI": (5959, 6060), "AJ": (2121, 2222), "AK": (1717, 1818)}
QUOTE_SEED, EVENT_SEED = SAMPLES["A"]
QUOTE_TARGET, EVENT_TARGET = 50, 50
QUOTE_CHARS = (400, 3000)
EVENT_MAX_CHARS = 4000
MAX_EVENTS_PER_ARTICLE = 2
#: The analyst views' default confidence threshold (``khabar_min_confidence``, migration 008).
SHOWN_CONFIDENCE = 0.5


#: Samples drawn from the *fresh2* pool (fifth session; the held-out casualty pool was exhausted by L): articles
#: of the **dev** split that no session has read — not in any judged sample (A–L), not among the 30 articles of
#: quality_facts.md §2, and not in the seeded audit samples of ``scripts/facts_audit.py`` (seed 7, 1,500 and 5,000
#: articles, the only audit runs documented). Rules were tuned on dev articles only through those audit samples,
#: the judged samples and invented test sentences, so the rest of the dev split is unread.
FRESH2_SAMPLES = frozenset({"M", "N", "O", "P", "Q", "R", "S", "T", "U", "V", "W", "X", "Y", "Z", "AA", "AB", "AC", "AD", "AE", "AF", "AG", "AH", "AI", "AJ", "AK"})
AUDIT_SEED, AUDIT_SIZES = 7, (1500, 5000)


def sample_pool(name: str) -> str:
    """The article pool a sample is drawn from: ``heldout`` (A–L) or ``fresh2`` (M, N)."""
    return "fresh2" if name in FRESH2_SAMPLES else "heldout"


def audited_docnos() -> frozenset[str]:
    """Docnos of the seeded development audit samples (``scripts/facts_audit.py --seed 7 --n 1500|5000``)."""
    pool = [r["docno"] for r in iter_corpus() if not is_heldout(r["docno"]) and r.get("text")]
    out: set[str] = set()
    for n in AUDIT_SIZES:
        out.update(random.Random(AUDIT_SEED).sample(pool, min(n, len(pool))))
    return frozenset(out)


def is_fresh2(docno: str, audited: frozenset[str], judged_elsewhere: set[str] = frozenset()) -> bool:
    """True for a dev-split article never read by a session (see :data:`FRESH2_SAMPLES`)."""
    return (not is_heldout(docno) and docno not in developed_on() and docno not in audited
            and docno not in judged_elsewhere)


def _judged_docnos() -> set[str]:
    return {j["docno"] for j in load_judgments()} if JUDGMENTS.exists() else set()


def _heldout_articles(exclude: set[str], pool: str = "heldout"):
    """Held-out (or ``fresh2``) corpus records with their text, each distinct text once, minus ``exclude`` (docnos or texts)."""
    seen: set[str] = set(exclude)
    audited = audited_docnos() if pool == "fresh2" else frozenset()
    for r in iter_corpus():
        text = r.get("text") or ""
        if text in seen or r["docno"] in seen:
            continue
        if not (is_fresh2(r["docno"], audited) if pool == "fresh2" else is_heldout(r["docno"])):
            continue
        seen.add(text)
        yield r, text


def quote_pool(seed: int = QUOTE_SEED, exclude: set[str] = frozenset(), source: str = "heldout") -> list[dict[str, Any]]:
    """Held-out (``source="fresh2"``: fresh dev) articles for the quote sample, in seeded order (``exclude``: already judged)."""
    pool = []
    for r, text in _heldout_articles(exclude, source):
        if QUOTE_CHARS[0] <= len(text) <= QUOTE_CHARS[1] and any(c in text for c in '«“"'):
            pool.append(r)
    random.Random(seed).shuffle(pool)
    return pool


#: Samples whose casualty pool is wider: by sample F the held-out Middle-East pool (≤ 4,000 characters)
#: had only 4 casualty events left outside A–E, so F takes security articles of any section up to
#: WIDE_EVENT_MAX_CHARS (same eligibility rule otherwise).
WIDE_EVENT_SAMPLES = frozenset({"F", "G", "H", "I", "J", "K", "AB", "AD", "AF", "AH", "AJ"})
#: Eleventh session: the fresh2 Middle-East casualty pool (≤ 4,000 characters) gave Z 21 rows and AA 2; AB (casualties
#: only) takes fresh2 security articles of any section up to WIDE_EVENT_MAX_CHARS, the rule F–J applied to held-out.
WIDE_EVENT_MAX_CHARS = 6000
#: By sample K the wide pool (≤ 6,000 characters) had 9 casualty rows left outside A–J (19 up to 20,000 characters):
#: K takes held-out articles of any section and any topic up to LONG_EVENT_MAX_CHARS — every casualty row the
#: pipeline gives, not only those of security articles.
LONG_EVENT_SAMPLES = frozenset({"K", "L"})
LONG_EVENT_MAX_CHARS = 20000


def event_pool(seed: int = EVENT_SEED, exclude: set[str] = frozenset(), wide: bool | str = False,
               source: str = "heldout") -> list[dict[str, Any]]:
    """Held-out security articles for the casualty sample, in seeded order (``exclude``: already judged;
    ``wide``: any section, up to :data:`WIDE_EVENT_MAX_CHARS`; ``source="fresh2"``: the fresh dev pool,
    with the A–E rule — Middle-East security articles up to 4,000 characters)."""
    pool = []
    max_chars = (LONG_EVENT_MAX_CHARS if wide == "long" else WIDE_EVENT_MAX_CHARS) if wide else EVENT_MAX_CHARS
    for r, text in _heldout_articles(exclude, source):
        if (wide or r.get("cat") == "middleEast") and 500 <= len(text) <= max_chars and (
            wide == "long" or eligible(r) or len(security_stems(f"{r.get('title') or ''}\n{text}")) >= 3
        ):
            pool.append(r)
    random.Random(seed).shuffle(pool)
    return pool


def casualty_rows(res: dict[str, Any]) -> list[dict[str, Any]]:
    rows = [e for e in res["event_mentions"] if e.get("killed") is not None or e.get("injured") is not None]
    return rows[:MAX_EVENTS_PER_ARTICLE]


#: Seventh session: a casualty sample drawn from one extractor's rows never measures the rows it *removes*. With
#: ``sample --baseline DIR`` (a checkout of the code compared with, e.g. ``git archive main``) every article's rows are
#: the union of this checkout's and the baseline's casualty rows (each extractor's first
#: :data:`MAX_EVENTS_PER_ARTICLE`; a span given different figures by the two is two rows), in text order, and all of
#: them count toward the target. ``score`` then gives each extractor's precision over the rows *it* still extracts,
#: so a wrong row removed by one of them counts against the other only.
_BASELINE_WORKER = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
from scripts.sample_facts import extract_facts
for line in sys.stdin:
    res = extract_facts(json.loads(line))
    rows = [e for e in res["event_mentions"] if e.get("killed") is not None or e.get("injured") is not None]
    print(json.dumps(rows[: int(sys.argv[2])], ensure_ascii=False, default=str), flush=True)
"""


class BaselineRows:
    """Casualty rows of another checkout's extractor (``dir``), one worker process kept open for the whole sample."""

    def __init__(self, directory: Path) -> None:
        import subprocess

        self.proc = subprocess.Popen([sys.executable, "-c", _BASELINE_WORKER, str(directory), str(MAX_EVENTS_PER_ARTICLE)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
                                     cwd=str(directory))

    def __call__(self, rec: dict[str, Any]) -> list[dict[str, Any]]:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait()


def union_rows(ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Both extractors' casualty rows, each (span, killed, injured) once, in text order."""
    out: dict[tuple, dict[str, Any]] = {}
    for e in [*ours, *theirs]:
        out.setdefault((e["raw_start"], e["raw_end"], e.get("killed"), e.get("injured")), e)
    return [out[k] for k in sorted(out)]


def load_judgments(path: Path = JUDGMENTS) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _norm(s: str | None) -> str:
    return normalize_key(s or "").replace('"', "").replace("«", "").replace("»", "").strip()


def speaker_matches(pred: str | None, gold: list[str]) -> bool:
    """A predicted speaker is right when it equals an acceptable surface or contains one
    (``الرئيس الأمريكي دونالد ترامب`` for ``ترامب``), after normalization."""
    p = _norm(pred)
    if not p:
        return False
    return any(g and (p == _norm(g) or f" {_norm(g)} " in f" {p} ") for g in gold)


def score_quotes(judged: list[dict[str, Any]], extracted: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Speaker precision/recall over the fully annotated quote articles."""
    gold = [j for j in judged if j["kind"] == "quote"]
    docs = {j["docno"] for j in judged if j["kind"] == "quote_article"}
    n_pred_sp = n_correct_sp = 0
    found_gold: set[int] = set()
    wrong: list[str] = []
    for docno in sorted(docs):
        g_doc = [(i, g) for i, g in enumerate(gold) if g["docno"] == docno]
        for q in extracted[docno]["quotes"]:
            match = next(((i, g) for i, g in g_doc if q["raw_start"] < g["raw_end"] and g["raw_start"] < q["raw_end"]), None)
            has_sp = q.get("speaker_surface") is not None
            if has_sp:
                n_pred_sp += 1
            if match is None:
                if has_sp:
                    wrong.append(f"{docno}|{q['raw_start']} not a quote, speaker {q['speaker_surface']}")
                continue
            i, g = match
            if has_sp and speaker_matches(q["speaker_surface"], g["speakers"]):
                n_correct_sp += 1
                found_gold.add(i)
            elif has_sp:
                wrong.append(f"{docno}|{q['raw_start']} speaker {q['speaker_surface']} (gold {g['speakers'] or 'none'})")
    with_speaker = [i for i, g in enumerate(gold) if g["speakers"]]
    quote_found = sum(
        1 for g in gold if any(q["raw_start"] < g["raw_end"] and g["raw_start"] < q["raw_end"] for q in extracted[g["docno"]]["quotes"])
    )
    missed = [f"{gold[i]['docno']}|{gold[i]['raw_start']} gold {gold[i]['speakers']}" for i in with_speaker if i not in found_gold]
    return {
        "articles": len(docs), "gold_quotes": len(gold), "gold_with_speaker": len(with_speaker),
        "quote_recall": quote_found / len(gold) if gold else None,
        "predicted_with_speaker": n_pred_sp, "correct_speakers": n_correct_sp,
        "speaker_precision": n_correct_sp / n_pred_sp if n_pred_sp else None,
        "speaker_recall": len(found_gold & set(with_speaker)) / len(with_speaker) if with_speaker else None,
        "wrong": wrong, "missed": missed,
    }


def score_casualties(judged: list[dict[str, Any]], extracted: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Precision of event casualty figures over the judged event mentions still extracted."""
    rows = [j for j in judged if j["kind"] == "event_casualty"]
    correct = wrong = gone = changed = 0
    shown = [0, 0]  # correct, wrong among rows with confidence >= SHOWN_CONFIDENCE (what the analyst views show)
    for j in rows:
        now = next((e for e in extracted[j["docno"]]["event_mentions"]
                    if e["raw_start"] == j["raw_start"] and e["raw_end"] == j["raw_end"]), None)
        if now is None or (now.get("killed"), now.get("injured")) == (None, None):
            gone += 1
            continue
        if (now.get("killed"), now.get("injured")) != (j["killed"], j["injured"]):
            changed += 1  # judged for other figures: not counted
            continue
        correct += j["verdict"] == "correct"
        wrong += j["verdict"] == "wrong"
        if (now.get("confidence") or 0) >= SHOWN_CONFIDENCE:
            shown[0] += j["verdict"] == "correct"
            shown[1] += j["verdict"] == "wrong"
    judged_n = correct + wrong
    return {"judged": len(rows), "scored": judged_n, "correct": correct, "wrong": wrong,
            "no_longer_extracted": gone, "figures_changed": changed,
            "precision": correct / judged_n if judged_n else None,
            "shown_correct": shown[0], "shown_scored": sum(shown),
            "shown_precision": shown[0] / sum(shown) if sum(shown) else None}


def _extract_all(docnos: set[str]) -> dict[str, dict[str, Any]]:
    recs = {r["docno"]: r for r in iter_corpus() if r["docno"] in docnos}
    return {d: extract_facts(recs[d]) for d in sorted(docnos)}


def cmd_score(args: argparse.Namespace) -> int:
    judged_all = load_judgments(args.judgments)
    leaked = sorted({j["docno"] for j in judged_all if sample_pool(j.get("sample", "A")) == "heldout" and not is_heldout(j["docno"])})
    fresh = {j["docno"] for j in judged_all if sample_pool(j.get("sample", "A")) == "fresh2"}
    if fresh:
        audited = audited_docnos()
        others = {j["docno"] for j in judged_all if sample_pool(j.get("sample", "A")) == "heldout"}
        leaked += sorted(d for d in fresh if not is_fresh2(d, audited, others))
    if leaked:
        print(f"error: judged articles outside their sample's pool: {leaked}", file=sys.stderr)
        return 2
    samples = [args.sample] if args.sample else sorted({j.get("sample", "A") for j in judged_all})
    extracted = _extract_all({j["docno"] for j in judged_all if j.get("sample", "A") in samples})
    report = {}
    for name in samples:
        judged = [j for j in judged_all if j.get("sample", "A") == name]
        report[name] = {"quotes": score_quotes(judged, extracted), "casualties": score_casualties(judged, extracted)}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return 0
    for name, r in report.items():
        q, c = r["quotes"], r["casualties"]
        print(f"== sample {name}")
        if q["gold_quotes"]:
            print(f"quotes: {q['articles']} articles, {q['gold_quotes']} gold quotes ({q['gold_with_speaker']} with a speaker "
              f"in the text); quote span recall {q['quote_recall']:.2f}")
            print(f"  speaker precision {q['speaker_precision']:.2f} ({q['correct_speakers']}/{q['predicted_with_speaker']})  "
              f"speaker recall {q['speaker_recall']:.2f}")
        if args.verbose and q["gold_quotes"]:
            for w in q["wrong"]:
                print("  wrong:", w)
            for m in q["missed"]:
                print("  missed:", m)
        if c["judged"]:
            print(f"event casualties: {c['scored']} scored of {c['judged']} judged; precision {c['precision']:.2f} "
                  f"({c['correct']}/{c['scored']}); no longer extracted {c['no_longer_extracted']}, "
                  f"figures changed {c['figures_changed']}")
            if c["shown_scored"]:
                print(f"  shown (confidence >= {SHOWN_CONFIDENCE}): precision {c['shown_precision']:.2f} "
                      f"({c['shown_correct']}/{c['shown_scored']})")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    q_seed, e_seed = SAMPLES[args.sample]
    exclude = {j["docno"] for j in load_judgments() if j.get("sample") != args.sample} if JUDGMENTS.exists() else set()
    parts = [f"# Held-out quote sample {args.sample} (bench/out — not committed)\n"]
    n_quotes = 0
    source = sample_pool(args.sample)
    for i, rec in enumerate(quote_pool(q_seed, exclude, source)[: args.quote_articles], 1):
        res = None if args.blind else extract_facts(rec)
        text = rec["text"]
        parts.append(f"\n## Q{i}. {rec['docno']} ({len(text)} chars)\n\n{text}\n")
        if args.blind:  # the quotation-mark spans only (text-based), never the extractor's speakers
            from pipeline.extract.quotes import find_quote_spans

            for a, b, _how in find_quote_spans(text):
                n_quotes += 1
                parts.append(f"- `{a}-{b}` :: {text[a:b][:70]}")
            continue
        for q in res["quotes"]:
            n_quotes += 1
            parts.append(f"- `{q['raw_start']}-{q['raw_end']}` [{q['speaker_kind']}] {q.get('speaker_surface')} "
                         f"({q['confidence']}) :: {text[q['raw_start']:q['raw_end']][:70]}")
    (out / f"heldout_quotes_review_{args.sample}.md").write_text("\n".join(parts) + "\n", encoding="utf-8")
    parts = [f"# Held-out casualty sample {args.sample} (bench/out — not committed)\n"]
    n_ev = 0
    wide = "long" if args.sample in LONG_EVENT_SAMPLES else args.sample in WIDE_EVENT_SAMPLES
    baseline = BaselineRows(args.baseline) if args.baseline else None
    for rec in event_pool(e_seed, exclude, wide=wide, source=source):
        if n_ev >= args.events:
            break
        text = rec["text"]
        res = extract_facts(rec)
        rows = casualty_rows(res)
        if baseline is not None:  # the union with the baseline's rows (which extractor gives a row is not shown)
            rows = union_rows(rows, baseline(rec))
        if not rows:
            continue
        parts.append(f"\n## {rec['docno']}\n")
        for e in rows:
            n_ev += 1
            a = text.rfind("\n", 0, e["raw_start"]) + 1
            b = text.find("\n", e["raw_end"])
            parts.append(f"- E{n_ev} `{e['raw_start']}-{e['raw_end']}` {e['event_type']} '{e['trigger']}' killed={e.get('killed')} "
                         f"injured={e.get('injured')} date={e.get('date_value')}"
                         + ("" if args.blind else f" conf={e['confidence']}")  # blind: no confidence (sixth session)
                         + f"\n  > {text[a:b if b > 0 else None]}")
    if baseline is not None:
        baseline.close()
    (out / f"heldout_casualties_review_{args.sample}.md").write_text("\n".join(parts) + "\n", encoding="utf-8")
    print(f"quote articles {args.quote_articles} ({n_quotes} extracted quotes), casualty events {n_ev}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--sample", choices=sorted(SAMPLES), default="B")
    s.add_argument("--quote-articles", type=int, default=25)
    s.add_argument("--events", type=int, default=EVENT_TARGET)
    s.add_argument("--blind", action="store_true", help="quote sheet lists quotation-mark spans, not extracted speakers")
    s.add_argument("--baseline", type=Path, help="a checkout of the code compared with: casualty rows are the union of "
                   "its rows and this checkout's, so removals are measured (seventh session)")
    s.set_defaults(fn=cmd_sample)
    c = sub.add_parser("score")
    c.add_argument("--judgments", type=Path, default=JUDGMENTS)
    c.add_argument("--json", action="store_true")
    c.add_argument("--sample", choices=sorted(SAMPLES), help="score one sample only (default: all)")
    c.add_argument("-v", "--verbose", action="store_true", help="list wrong and missed speakers")
    c.set_defaults(fn=cmd_score)
    args = ap.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
