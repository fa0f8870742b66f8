"""Would a trained attribution ranker beat the rule speaker choice?  Leave-one-sample-out experiment.

Fifth session (issue 13). For every quote the pipeline extracts from the fully annotated quote articles of the
judged samples (``bench/facts_heldout_judgments.jsonl``), the candidates are the rule choice (the extractor's
``speaker_surface``) and every PERSON / ORG / country mention from 500 characters before the quote to 150 after
it. Each candidate gets a few dozen structural features (rule choice and its kind, entity type, side and
distance, rank by distance, a reporting verb right before it (subject slot) or right after it, a preposition or
a glued clitic before it, a colon or a line break between it and the quote, inside a quotation, length); the
label is whether it is an acceptable speaker of the gold quote (``heldout_facts.speaker_matches``; a quote that
is not gold has no right candidate). A logistic regression (numpy, L2, deterministic) is trained on all samples
but one; on the left-out sample every quote takes its best candidate when the score reaches the threshold that
maximises the training samples' F1, else no speaker. Speaker precision and recall are computed as the scorer
does (recall over every gold quote with a speaker, extracted or not) and compared with the rule choice.

Nothing here changes the extractor; no article text is written.

Usage::

    KHABAR_CORPUS=/work/shared/corpus/ant .venv/bin/python scripts/speaker_ranker_loso.py [--no-rule]
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.extract.citations import source_vocab  # noqa: E402
from pipeline.text.normalize import normalize_key  # noqa: E402
from pipeline.evaluate import logistic  # noqa: E402
from scripts.heldout_facts import load_judgments, speaker_matches  # noqa: E402
from scripts.sample_facts import iter_corpus  # noqa: E402

BEFORE, AFTER = 500, 150
KINDS = ("named", "anonymous", "previous", "inferred", "unknown")
TYPES = ("PERSON", "ORG", "LOC", "rule")
_PREPS = frozenset(normalize_key(w) for w in ("عن", "مع", "إلى", "الى", "على", "في", "من", "بشأن", "حول", "لدى", "ضد"))
_QUOTE_RE = re.compile(r'"[^"\n]{2,}"|«[^»\n]{2,}»|“[^”\n]{2,}”')


def _words_before(text: str, pos: int, n: int) -> list[str]:
    return normalize_key(text[max(0, pos - 80) : pos]).split()[-n:]


def _words_after(text: str, pos: int, n: int) -> list[str]:
    return normalize_key(text[pos : pos + 80]).split()[:n]


def _is_verb(w: str, verbs: frozenset[str]) -> bool:
    return w in verbs or (len(w) > 3 and w[0] in "وف" and w[1:] in verbs)


def candidates(text: str, q: dict, mentions: list[dict]) -> list[dict]:
    qs, qe = q["raw_start"], q["raw_end"]
    out: dict[str, dict] = {}
    sp = q.get("speaker_surface")
    if sp:
        a = text.rfind(sp, 0, qs)
        if a < 0:
            a = text.find(sp, qe)
        if a >= 0:
            out[normalize_key(sp)] = {"surface": sp, "start": a, "end": a + len(sp), "type": "rule", "rule": 1.0}
    for m in mentions:
        t = m.get("entity_type")
        if t not in ("PERSON", "ORG") and not (t == "LOC" and m.get("subtype") == "country"):
            continue
        a, b = m["raw_start"], m["raw_end"]
        if not (qs - BEFORE <= a and b <= qs) and not (qe <= a <= qe + AFTER):
            continue
        key = normalize_key(m["surface"])
        if key in out:
            out[key].setdefault("etype", t)
            continue
        out[key] = {"surface": text[a:b], "start": a, "end": b, "type": t, "rule": 0.0}
    return list(out.values())


def features(text: str, q: dict, cands: list[dict], spans: list[tuple[int, int]]) -> list[dict[str, float]]:
    verbs = source_vocab()["verbs"]
    qs, qe = q["raw_start"], q["raw_end"]
    before = sorted((c for c in cands if c["end"] <= qs), key=lambda c: qs - c["end"])
    rank = {id(c): i for i, c in enumerate(before)}
    persons_before = [c for c in before if (c.get("etype") or c["type"]) == "PERSON"]
    rows = []
    for c in cands:
        f: dict[str, float] = {}
        f["rule"] = c["rule"]
        for k in KINDS:
            f[f"rule_{k}"] = c["rule"] * float(q.get("speaker_kind") == k)
        t = c.get("etype") or c["type"]
        for name in TYPES:
            f[f"type_{name}"] = float(t == name)
        side_before = c["end"] <= qs
        f["before"] = float(side_before)
        gap = text[c["end"] : qs] if side_before else text[qe : c["start"]]
        f["log_dist"] = math.log1p(len(gap)) / 7
        f["rank_before"] = min(rank.get(id(c), 9), 9) / 9
        f["nearest_person_before"] = float(bool(persons_before) and persons_before[0] is c)
        f["newline_between"] = float("\n" in gap)
        f["colon_between"] = float(":" in gap)
        f["sentence_break_between"] = float(any(ch in gap for ch in ".؟!?"))
        wb = _words_before(text, c["start"], 3)
        wa = _words_after(text, c["end"], 2)
        f["verb_right_before"] = float(bool(wb) and _is_verb(wb[-1], verbs))
        f["verb_before_3"] = float(any(_is_verb(w, verbs) for w in wb))
        f["verb_right_after"] = float(bool(wa) and _is_verb(wa[0], verbs))
        f["prep_before"] = float(bool(wb) and wb[-1] in _PREPS)
        w0 = text.rfind(" ", 0, c["start"]) + 1
        f["glued_clitic"] = float(c["start"] > w0 and text[w0:c["start"]].strip() != "")
        f["in_quotation"] = float(any(a < c["start"] < b for a, b in spans))
        f["n_words"] = min(len(c["surface"].split()), 6) / 6
        f["quote_has_rule_speaker"] = float(bool(q.get("speaker_surface")))
        rows.append(f)
    return rows


def train(x: np.ndarray, y: np.ndarray):
    return logistic.fit(x, y, epochs=1500)


predict = logistic.predict


def main(argv: list[str] | None = None) -> int:
    from pipeline.ingest.metadata import parse_metadata_datetime
    from pipeline.steps.single import extract_document

    judged = load_judgments()
    art = {j["docno"]: j.get("sample", "A") for j in judged if j["kind"] == "quote_article"}
    gold = [j for j in judged if j["kind"] == "quote"]
    recs = {r["docno"]: r for r in iter_corpus() if r["docno"] in art}
    items = []  # (sample, quote, candidates, feature rows, labels, gold index or None)
    for d in sorted(art):
        rec = recs[d]
        text = rec.get("text") or ""
        parsed = parse_metadata_datetime(rec.get("time"))
        out = extract_document(text, published_at=parsed[0] if parsed else None, title=rec.get("title"))
        spans = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]
        g_doc = [(i, g) for i, g in enumerate(gold) if g["docno"] == d]
        for q in out["quotes"]:
            match = next(((i, g) for i, g in g_doc if q["raw_start"] < g["raw_end"] and g["raw_start"] < q["raw_end"]), None)
            cands = candidates(text, q, out["entity_mentions"])
            feats = features(text, q, cands, spans)
            labels = [float(match is not None and speaker_matches(c["surface"], match[1]["speakers"])) for c in cands]
            items.append((art[d], q, cands, feats, labels, match[0] if match else None))
    names = sorted(items[0][3][0]) if items and items[0][3] else []
    if "--no-rule" in (argv if argv is not None else sys.argv[1:]):
        names = [n for n in names if not n.startswith("rule")]  # structural features only: can they choose alone?
    samples = sorted(set(art.values()))
    gold_sp = {i for i, g in enumerate(gold) if g["speakers"] and art.get(g["docno"])}

    def evaluate(sample_items, choose) -> tuple[int, int, int, int]:
        n_pred = n_ok = 0
        found: set[int] = set()
        for it in sample_items:
            k = choose(it)
            if k is None:
                continue
            n_pred += 1
            if it[4][k]:
                n_ok += 1
                found.add(it[5])
        n_gold = sum(1 for i in gold_sp if art[gold[i]["docno"]] == sample_items[0][0]) if sample_items else 0
        return n_ok, n_pred, len(found), n_gold

    def rule_choice(it):
        return next((k for k, c in enumerate(it[2]) if c["rule"]), None)

    print("sample  rule P / R              ranker P / R (LOSO)")
    tot_r, tot_m = [0, 0, 0, 0], [0, 0, 0, 0]
    for s in samples:
        tr = [it for it in items if it[0] != s and it[2]]
        te = [it for it in items if it[0] == s]
        x = np.array([[f[n] for n in names] for it in tr for f in it[3]])
        y = np.array([lab for it in tr for lab in it[4]])
        model = train(x, y)
        # threshold: the one maximising F1 of the training samples' choices
        def chooser(thr):
            def ch(it):
                if not it[2]:
                    return None
                p = predict(model, np.array([[f[n] for n in names] for f in it[3]]))
                k = int(np.argmax(p))
                return k if p[k] >= thr else None
            return ch
        best_thr, best_f = 0.5, -1.0
        for thr in (0.2, 0.3, 0.4, 0.5, 0.6):
            agg = [0, 0, 0, 0]
            for s2 in samples:
                if s2 == s:
                    continue
                r = evaluate([it for it in tr if it[0] == s2], chooser(thr))
                agg = [a + b for a, b in zip(agg, r)]
            p_, r_ = agg[0] / max(1, agg[1]), agg[2] / max(1, agg[3])
            f1 = 2 * p_ * r_ / max(1e-9, p_ + r_)
            if f1 > best_f:
                best_thr, best_f = thr, f1
        r_rule = evaluate(te, rule_choice)
        r_rank = evaluate(te, chooser(best_thr))
        tot_r = [a + b for a, b in zip(tot_r, r_rule)]
        tot_m = [a + b for a, b in zip(tot_m, r_rank)]
        print(f"{s:6}  {r_rule[0] / max(1, r_rule[1]):.2f} ({r_rule[0]}/{r_rule[1]}) / {r_rule[2] / max(1, r_rule[3]):.2f}"
              f"      {r_rank[0] / max(1, r_rank[1]):.2f} ({r_rank[0]}/{r_rank[1]}) / {r_rank[2] / max(1, r_rank[3]):.2f}  thr {best_thr}")
    print(f"all     {tot_r[0] / tot_r[1]:.2f} ({tot_r[0]}/{tot_r[1]}) / {tot_r[2] / tot_r[3]:.2f} ({tot_r[2]}/{tot_r[3]})"
          f"      {tot_m[0] / tot_m[1]:.2f} ({tot_m[0]}/{tot_m[1]}) / {tot_m[2] / tot_m[3]:.2f} ({tot_m[2]}/{tot_m[3]})")
    reach = sum(1 for it in items if it[5] is not None and any(it[4]))
    print(f"extracted gold quotes with an acceptable candidate: {reach} of {len(gold_sp)} gold quotes with a speaker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
