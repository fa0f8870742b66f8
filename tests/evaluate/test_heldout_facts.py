"""The held-out split and the speaker/casualty scoring of scripts/heldout_facts.py (no corpus needed)."""

import importlib.util
import json
import sys
from pathlib import Path

from bench.facts_split import developed_on, is_heldout

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("heldout_facts", REPO / "scripts" / "heldout_facts.py")
hf = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("heldout_facts", hf)
_spec.loader.exec_module(hf)


def test_split_is_deterministic_and_excludes_the_articles_developed_on():
    dev = developed_on()
    assert len(dev) == 30  # the first judged sample (one article has no row in its judgments file)
    assert not any(is_heldout(d) for d in dev)
    names = [f"XX-middleEast-{i}-20180101" for i in range(2000)]
    share = sum(map(is_heldout, names)) / len(names)
    assert 0.15 < share < 0.25
    assert [is_heldout(n) for n in names[:50]] == [is_heldout(n) for n in names[:50]]


def test_committed_judgments_are_held_out_and_hold_no_article_text():
    rows = hf.load_judgments()
    assert rows and all(is_heldout(r["docno"]) for r in rows if hf.sample_pool(r.get("sample", "A")) == "heldout")
    # fresh2 samples (M, N) come from the dev split, never from the held-out one nor the articles of §2
    assert not any(is_heldout(r["docno"]) or r["docno"] in developed_on()
                   for r in rows if hf.sample_pool(r.get("sample", "A")) == "fresh2")
    allowed = {"docno", "kind", "sample", "raw_start", "raw_end", "speakers", "fully_annotated", "note",
               "event_type", "killed", "injured", "verdict"}
    assert all(set(r) <= allowed for r in rows)
    assert all(len(s) <= 60 for r in rows for s in r.get("speakers", []))
    quotes = [r for r in rows if r["kind"] == "quote"]
    assert sum(r["sample"] == "B" for r in quotes) >= 50
    assert sum(r["kind"] == "event_casualty" and r["sample"] == "C" for r in rows) == 50
    for fresh in ("D", "E"):  # the second session's samples: >= 50 gold quotes and >= 50 casualty rows each
        assert sum(r["sample"] == fresh for r in quotes) >= 50
        assert sum(r["kind"] == "event_casualty" and r["sample"] == fresh for r in rows) >= 50


def test_speaker_match_is_equality_or_containment_after_normalization():
    assert hf.speaker_matches("الرئيس الأمريكي دونالد ترامب", ["ترامب"])
    assert hf.speaker_matches("صحيفة \"حرييت\"", ["صحيفة حرييت"])
    assert not hf.speaker_matches("ترامب", ["مسؤول كبير بإدارة ترامب"])
    assert not hf.speaker_matches("سارة", ["محامو سارة"])
    assert not hf.speaker_matches(None, ["ترامب"])


def test_scores_count_wrong_speakers_on_non_quotes_and_missed_gold():
    judged = [
        {"docno": "d", "kind": "quote_article"},
        {"docno": "d", "kind": "quote", "raw_start": 10, "raw_end": 20, "speakers": ["ترامب"]},
        {"docno": "d", "kind": "quote", "raw_start": 30, "raw_end": 40, "speakers": ["مصدر"]},
        {"docno": "d", "kind": "quote", "raw_start": 50, "raw_end": 60, "speakers": []},
        {"docno": "d", "kind": "event_casualty", "raw_start": 5, "raw_end": 9, "killed": 3, "injured": None, "verdict": "correct"},
        {"docno": "d", "kind": "event_casualty", "raw_start": 70, "raw_end": 75, "killed": 9, "injured": None, "verdict": "wrong"},
    ]
    extracted = {"d": {
        "quotes": [
            {"raw_start": 10, "raw_end": 20, "speaker_surface": "دونالد ترامب"},   # right
            {"raw_start": 30, "raw_end": 40, "speaker_surface": "الصحيفة"},        # wrong speaker
            {"raw_start": 80, "raw_end": 90, "speaker_surface": "أردوغان"},        # not a quote
            {"raw_start": 50, "raw_end": 60, "speaker_surface": None},            # no speaker: not counted
        ],
        "event_mentions": [{"raw_start": 5, "raw_end": 9, "killed": 3, "injured": None},
                           {"raw_start": 70, "raw_end": 75, "killed": 9, "injured": None}],
    }}
    q = hf.score_quotes(judged, extracted)
    assert (q["predicted_with_speaker"], q["correct_speakers"], q["gold_with_speaker"]) == (3, 1, 2)
    assert abs(q["speaker_precision"] - 1 / 3) < 1e-9 and q["speaker_recall"] == 0.5
    c = hf.score_casualties(judged, extracted)
    assert (c["scored"], c["correct"], c["precision"]) == (2, 1, 0.5)
    extracted["d"]["event_mentions"][1]["killed"] = None   # no longer extracted with a figure
    assert hf.score_casualties(judged, extracted)["no_longer_extracted"] == 1


def test_fresh2_pool_excludes_heldout_developed_audited_and_judged_articles():
    assert hf.sample_pool("L") == "heldout" and hf.sample_pool("M") == "fresh2"
    names = [f"XX-middleEast-{i}-20180101" for i in range(200)]
    dev = [n for n in names if not is_heldout(n)]
    assert dev and all(hf.is_fresh2(n, frozenset()) for n in dev)
    assert not any(hf.is_fresh2(n, frozenset()) for n in names if is_heldout(n))
    assert not hf.is_fresh2(dev[0], frozenset({dev[0]}))  # in an audit sample
    assert not hf.is_fresh2(dev[1], frozenset(), {dev[1]})  # judged in an earlier sample
    assert not any(hf.is_fresh2(d, frozenset()) for d in developed_on())


def test_union_of_two_extractors_casualty_rows_measures_removals():
    """Seventh session: sample R's casualty rows are the union of this checkout's and a baseline's rows."""
    assert hf.sample_pool("R") == "fresh2"
    ours = [{"raw_start": 50, "raw_end": 54, "killed": 3, "injured": None}]
    theirs = [{"raw_start": 10, "raw_end": 14, "killed": 370, "injured": None},  # removed by ours: still judged
              {"raw_start": 50, "raw_end": 54, "killed": 3, "injured": None},  # the same row once
              {"raw_start": 50, "raw_end": 54, "killed": 5, "injured": None}]  # other figures: a row of its own
    rows = hf.union_rows(ours, theirs)
    assert [(r["raw_start"], r["killed"]) for r in rows] == [(10, 370), (50, 3), (50, 5)]
    # scoring: each extractor is scored on the rows it still extracts; the removed wrong row counts against the baseline
    judged = [{"docno": "d", "kind": "event_casualty", "raw_start": 10, "raw_end": 14, "killed": 370, "injured": None,
               "verdict": "wrong"},
              {"docno": "d", "kind": "event_casualty", "raw_start": 50, "raw_end": 54, "killed": 3, "injured": None,
               "verdict": "correct"}]
    mine = hf.score_casualties(judged, {"d": {"event_mentions": ours}})
    base = hf.score_casualties(judged, {"d": {"event_mentions": theirs[:2]}})
    assert (mine["correct"], mine["scored"], mine["no_longer_extracted"]) == (1, 1, 1)
    assert (base["correct"], base["scored"]) == (1, 2)
