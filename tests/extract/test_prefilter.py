"""Token prefilters: the fact extractors give the same rows whether Python walks every token or
only the tokens the prefilters pick (seeds and a corpus sample), and the prefilter itself."""

from __future__ import annotations

import json

import pytest

from pipeline.clean.script import detect_language
from pipeline.extract import prefilter
from pipeline.extract.entities import EntityExtractor
from pipeline.extract.prefilter import KeyTest
from pipeline.extract.quantities import analyze
from pipeline.ingest.batch import ingest
from pipeline.kb.load import load_kb
from pipeline.settings import Settings
from pipeline.steps.clean import clean_step
from pipeline.steps.documents import iter_documents
from pipeline.steps.entities import MENTION_SCHEMA, entity_rows
from pipeline.steps.facts import fact_rows
from pipeline.steps.parallel import _as_frame_row
from pipeline.steps.time import TIMEX_SCHEMA, time_rows
from tests.conftest import corpus_slice


class _Tok:
    def __init__(self, key: str) -> None:
        self.key = key


def test_indices_pick_the_passing_keys_in_order_and_ask_once_per_key():
    asked: list[str] = []
    test = KeyTest(lambda k: asked.append(k) or k.startswith("ق"))
    toks = [_Tok(k) for k in ("قال", "في", "قتل", "في", "قال", "")]
    assert test.indices(toks) == [0, 2, 4]
    assert sorted(asked) == sorted({"قال", "في", "قتل", ""})  # each distinct key once
    assert test.indices(toks) == [0, 2, 4] and len(asked) == 4  # answers remembered
    assert test("قصف") and not test("ضرب") and test.indices([]) == []


def test_answers_stay_bounded(monkeypatch):
    monkeypatch.setattr(prefilter, "MAX_KEYS", 3)
    test = KeyTest(lambda k: k == "b")
    assert test.indices([_Tok(k) for k in "abcdef"]) == [1]  # one document's keys are all answered
    assert test.indices([_Tok(k) for k in "gb"]) == [1]      # past the bound: forgotten, asked again
    assert set(test.answers) == {"g", "b"}
    assert test("x") is False and test("b") is True


def _documents(raw):
    c = clean_step(raw)
    extractor = EntityExtractor(load_kb())
    out = []
    for v in iter_documents(c.documents, c.sentences, c.offset_map):
        m = [_as_frame_row(r, MENTION_SCHEMA) for r in entity_rows(v, extractor)[0]]
        t = [_as_frame_row(r, TIMEX_SCHEMA) for r in time_rows(v)[0]]
        out.append((v, m, t))
    return out


def _facts_both_ways(docs, monkeypatch) -> tuple[list, list]:
    picked = [fact_rows(v, m, t) for v, m, t in docs]
    analyze.cache_clear()
    with monkeypatch.context() as mp:  # the walk over every token, as before the prefilters
        mp.setattr(KeyTest, "indices", lambda self, toks: list(range(len(toks))))
        walked = [fact_rows(v, m, t) for v, m, t in docs]
    return picked, walked


def _assert_same_and_meaningful(picked, walked, docs):
    assert picked == walked
    counts = {k: sum(len(f[k]) for f in picked) for k in ("quantities", "event_mentions", "quotes", "citations")}
    assert all(counts.values()), counts  # the sample exercises every extractor
    # the prefilters do skip tokens (else this test would compare a walk with itself)
    from pipeline.extract.events import may_trigger
    toks = [tok for v, _m, _t in docs for tok in analyze(v.text)[1]]
    assert len(may_trigger.indices(toks)) < len(toks) / 5


def test_facts_identical_with_and_without_prefilters_on_the_seeds(monkeypatch):
    raw = ingest(Settings(), detect_language).documents
    docs = _documents(raw)
    picked, walked = _facts_both_ways(docs, monkeypatch)
    assert picked == walked
    assert all(sum(len(f[k]) for f in picked) for k in ("quantities", "event_mentions", "citations"))


@pytest.mark.slow
def test_facts_identical_with_and_without_prefilters_on_corpus_articles(corpus_file, tmp_path, monkeypatch):
    records = corpus_slice(150, start=9000)
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                                         encoding="utf-8")
    docs = _documents(ingest(Settings(inputs=(tmp_path,)), detect_language).documents)
    assert len(docs) > 100
    _assert_same_and_meaningful(*_facts_both_ways(docs, monkeypatch), docs)


def test_token_keys_are_listed_once_per_token_tuple_and_never_reused_for_another():
    t = KeyTest(lambda k: k.startswith("a"))
    first = tuple(_Tok(k) for k in ("ab", "b", "ac"))
    second = tuple(_Tok(k) for k in ("b", "ab", "b", "aa"))
    assert t.indices(first) == [0, 2]
    assert prefilter.token_keys(first) is prefilter.token_keys(first)  # listed once for the same tuple
    assert t.indices(second) == [1, 3]  # another tuple: its own keys
    assert t.indices(first) == [0, 2]
    assert t.indices([_Tok("a"), _Tok("x")]) == [0]  # a list (mutable) is listed afresh each time
