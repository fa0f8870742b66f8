"""Tests for pipeline.evaluate.facts and the seed gold file tests/gold/seeds_facts.yaml."""

import re

import pytest

from pipeline.evaluate.facts import FACT_TYPES, load_gold, score_facts
from pipeline.extract.citations import SOURCE_KINDS, extract_citations
from pipeline.extract.events import EVENT_TYPES, extract_event_mentions
from pipeline.extract.quantities import CATEGORIES, QUALIFIERS, extract_quantities
from pipeline.extract.quotes import SPEAKER_KINDS, extract_quotes

from tests.extract.fact_helpers import split  # noqa: E402

KEY = {"quantities": "surface", "events": "trigger", "quotes": "quote", "citations": "source"}




@pytest.fixture(scope="module")
def gold():
    return load_gold()


def test_gold_covers_five_seeds_and_spans_reproduce(gold):
    assert len(gold) == 5
    for name, g in gold.items():
        for ftype in FACT_TYPES:
            for item in g[ftype]["items"]:
                assert g["_text"][item["start"]:item["end"]] == item[KEY[ftype]], (name, item)


def test_gold_values_are_within_vocabularies(gold):
    for g in gold.values():
        for q in g["quantities"]["items"]:
            assert q["category"] in CATEGORIES
            assert q.get("qualifier", "exact") in QUALIFIERS
        for e in g["events"]["items"]:
            assert e["event_type"] in EVENT_TYPES
        for q in g["quotes"]["items"]:
            assert q["speaker_kind"] in SPEAKER_KINDS
        for c in g["citations"]["items"]:
            assert c["kind"] in SOURCE_KINDS


def _as_prediction(ftype, item):
    if ftype == "quantities":
        return {"start": item["start"], "end": item["end"], "value": item.get("value"), "category": item["category"]}
    if ftype == "events":
        return {"start": item["start"], "end": item["end"], "event_type": item["event_type"],
                "actor_entity_id": item.get("actor")}
    if ftype == "quotes":
        return {"start": item["start"], "end": item["end"], "speaker_surface": item["speaker"]}
    return {"source_start": item["start"], "source_end": item["end"], "source_kind": item["kind"]}


def test_perfect_and_empty_predictions(gold):
    perfect = {n: {f: [_as_prediction(f, i) for i in g[f]["items"]] for f in FACT_TYPES} for n, g in gold.items()}
    rep = score_facts(perfect, gold)
    for ftype in FACT_TYPES:
        assert rep[ftype]["strict"]["recall"] == 1.0
        assert rep[ftype]["strict"]["precision"] in (1.0, None)
    assert rep["events"]["strict"]["precision"] is None  # event gold is a sample
    empty = score_facts({}, gold)
    assert all(empty[f]["loose"]["recall"] == 0.0 for f in FACT_TYPES)
    assert empty["quantities"]["loose"]["precision"] == 0.0


def test_wrong_attributes_fail_strict_only(gold):
    name = next(iter(gold))
    g = gold[name]
    preds = [dict(_as_prediction("quantities", i), category="other") for i in g["quantities"]["items"]]
    rep = score_facts({name: {"quantities": preds}}, {name: g})
    assert rep["quantities"]["loose"]["recall"] == 1.0 and rep["quantities"]["strict"]["recall"] == 0.0


def _entity_mentions(text, sents):
    """The real entity extractor's mentions (quote speakers are validated against them)."""
    from pipeline.steps.single import _extractor

    extractor, _names = _extractor()
    return list(extractor.extract(text, sentences=sents, skip_spans=[]).mentions)


def test_extractors_on_seeds_regression_floor(gold):
    """Extractors (no timexes; no mentions except for quotes, whose speakers must be
    persons or organisations found by the entity extractor) keep at least this recall."""
    pred = {}
    for name, g in gold.items():
        t = g["_text"]
        s = split(t)
        q = extract_quantities(t, s, [])
        pred[name] = {"quantities": q, "events": extract_event_mentions(t, s, [], [], q),
                      "quotes": extract_quotes(t, s, _entity_mentions(t, s)), "citations": extract_citations(t, s, [])}
    rep = score_facts(pred, gold)
    assert rep["quantities"]["strict"]["recall"] >= 0.85 and rep["quantities"]["strict"]["precision"] >= 0.9
    assert rep["events"]["loose"]["recall"] >= 0.9
    assert rep["quotes"]["loose"]["recall"] >= 0.9 and rep["quotes"]["strict"]["recall"] >= 0.7
    assert rep["citations"]["strict"]["recall"] >= 0.85 and rep["citations"]["strict"]["precision"] >= 0.9
