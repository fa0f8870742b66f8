"""Classify the tagger's span errors of one type on cross-validation folds (never the dev tenth):
reads the JSON lines written by ``scripts/ner_cnn_cv.py --dump FILE`` (held-out sentences of the train
part with gold and predicted labels) and counts the misses (false negatives) and false alarms by class.

    .venv/bin/python scripts/ner_cv_errors.py /tmp/dump.jsonl [--alpha 0.75] [--type PERSON] [--show 5]

Classes of a missed gold span: ``wrong type`` (same span, other type), ``boundary`` (an overlapping
predicted span of the type, other boundaries: ``too long`` / ``too short`` / ``shifted``), ``other type
overlapping``, ``not proposed`` (no predicted span overlaps). Each miss is also described by traits:
one token, first word a known given name (``GN``), a KB name flag on one of its words, the word before
it a nationality adjective / title / reporting verb, a token outside the word clusters (``oov``), a
proclitic on its first word.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.extract.entities.features import FeatureExtractor, build_gazetteer, load_lexicon  # noqa: E402
from pipeline.extract.entities.ner_data import spans  # noqa: E402
from pipeline.kb.load import load_kb  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dump", type=Path)
    ap.add_argument("--alpha", default="0.75")
    ap.add_argument("--type", default="PERSON")
    ap.add_argument("--show", type=int, default=6)
    args = ap.parse_args(argv)
    kb = load_kb()
    types = dict(kb.entities.select("entity_id", "entity_type").iter_rows())
    gaz = build_gazetteer(kb.aliases, types)
    lex = load_lexicon()
    fx = FeatureExtractor(gaz, lex)
    typ = args.type

    def flags(w: str) -> set[str]:
        f, _ = fx.word_attrs(w)
        return {x[2:] for x in f if x[:2] in ("g=", "g~", "g?")}

    classes: Counter = Counter()
    traits: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    fp_classes: Counter = Counter()
    fp_examples: dict[str, list[str]] = defaultdict(list)
    n_gold = 0
    for line in args.dump.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r["alpha"] != args.alpha:
            continue
        w, g, p = r["words"], spans(r["gold"]), spans(r["pred"])
        for s, e, t in sorted(g):
            if t != typ:
                continue
            n_gold += 1
            if (s, e, t) in p:
                continue
            over = sorted(q for q in p if q[0] < e and s < q[1])
            same = [q for q in over if q[2] == typ]
            if any(q[0] == s and q[1] == e for q in over):
                c = "wrong type " + next(q[2] for q in over if q[0] == s and q[1] == e)
            elif same:
                q = same[0]
                c = ("boundary: too long" if q[0] <= s and q[1] >= e else
                     "boundary: too short" if q[0] >= s and q[1] <= e else "boundary: shifted")
            elif over:
                c = "other type overlapping"
            else:
                c = "not proposed"
            classes[c] += 1
            ctx = " ".join(w[max(0, s - 3):s]) + " [" + " ".join(w[s:e]) + "] " + " ".join(w[e:e + 3])
            if len(examples[c]) < args.show:
                examples[c].append(ctx)
            prev = flags(w[s - 1]) if s > 0 else set()
            fl = set().union(*(flags(x) for x in w[s:e]))
            tr = ["one token" if e - s == 1 else "several tokens"]
            if "GN" in flags(w[s]):
                tr.append("first word a given name (GN)")
            if fl & {typ + "1", typ + "B", typ + "I"}:
                tr.append("a KB " + typ + " flag")
            if "NAT" in prev:
                tr.append("after a nationality adjective")
            if "TTL" in prev:
                tr.append("after a title")
            if "RV" in prev:
                tr.append("after a reporting verb")
            if any("oov" in fx.word_attrs(x)[0] for x in w[s:e]):
                tr.append("a word outside the clusters (oov)")
            if w[s][:1] in "وفبلك" and len(w[s]) > 3:
                tr.append("first word starts with a proclitic letter")
            for x in tr:
                traits[(c == "not proposed", x)] += 1
        for s, e, t in sorted(p):
            if t != typ or (s, e, t) in g:
                continue
            over = sorted(q for q in g if q[0] < e and s < q[1])
            if any(q[0] == s and q[1] == e for q in over):
                c = "gold is " + next(q[2] for q in over if q[0] == s and q[1] == e)
            elif any(q[2] == typ for q in over):
                c = "boundary"
            elif over:
                c = "overlaps another type"
            else:
                c = "no gold name"
            fp_classes[c] += 1
            if len(fp_examples[c]) < args.show:
                fp_examples[c].append(" ".join(w[max(0, s - 3):s]) + " [" + " ".join(w[s:e]) + "] "
                                      + " ".join(w[e:e + 3]))
    missed = sum(classes.values())
    print(f"{typ}: {n_gold} gold spans, {missed} missed (alpha {args.alpha})")
    for c, n in classes.most_common():
        print(f"  {n:4d}  {c}")
        for x in examples[c]:
            print("        ", x)
    print("traits of the misses (all misses / not proposed at all):")
    for x in sorted({k[1] for k in traits}):
        print(f"  {traits[(False, x)] + traits[(True, x)]:4d} / {traits[(True, x)]:4d}  {x}")
    print(f"false {typ} spans: {sum(fp_classes.values())}")
    for c, n in fp_classes.most_common():
        print(f"  {n:4d}  {c}")
        for x in fp_examples[c]:
            print("        ", x)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
