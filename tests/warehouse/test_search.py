"""Arabic full-text search: query normalization, clitic/hamza variants, ranking, snippets."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.warehouse.migrate import apply_migrations
from pipeline.warehouse.search import (SearchError, query_terms, query_words, render_snippet, search, tokenize,
                                       word_variants)
from tests.warehouse.test_views import DOCS, build_sample


@pytest.fixture(scope="module")
def con():
    c = build_sample()
    yield c
    c.close()


def check_spans(con, hits):
    for h in hits:
        text = con.execute("SELECT clean_text FROM documents WHERE doc_id = ?", [h.doc_id]).fetchone()[0]
        assert text[h.snippet_start:h.snippet_end] == h.snippet
        assert h.highlights
        for hl in h.highlights:
            assert text[hl.start:hl.end] == hl.surface
            assert h.snippet_start <= hl.start < hl.end <= h.snippet_end


def test_query_words_follow_the_index_tokenizer():
    assert query_words("انسحابُ  القـوات، في ٢٠٢٤!") == ["انسحاب", "القوات", "في", "2024"]
    assert query_words("و عين-الأسد") == ["عين", "الأسد"]      # one-letter words dropped, hyphen splits
    assert tokenize("قاعدة عين-الأسد.") == [(0, 5), (6, 9), (10, 15)]


def test_variants_cover_article_and_proclitics():
    forms = {f for f, _, _ in word_variants("القوات")}
    assert {"القوات", "قوات", "للقوات", "والقوات", "بالقوات"} <= forms
    forms = {f for f, _, _ in word_variants("الشعبية")}
    assert "الشعبيه" in forms                       # teh marbuta / heh
    assert {f for f, _, _ in word_variants("2024")} == {"2024"}


def test_over_stemmed_variants_are_dropped(con):
    (ain,) = query_terms(con, "عين")
    assert "عين" in ain.stems and all(len(s) >= 3 for s in ain.stems)


def test_withdrawal_of_forces_ranks_the_phrase_and_skips_removed(con):
    hits = search(con, "انسحاب القوات")
    ids = [h.doc_id for h in hits]
    assert "d3" not in ids                           # removed document
    assert set(ids) == {"d1", "d2", "d4"}            # d2: بانسحاب للقوات, d4: الانسحاب والقوات
    assert ids[0] == "d1" and hits[0].phrase
    assert hits[0].matched_terms == ["انسحاب", "القوات"]
    check_spans(con, hits)
    d2 = next(h for h in hits if h.doc_id == "d2")
    assert [hl.surface for hl in d2.highlights] == ["بانسحاب", "للقوات"]


def test_pmf_query_matches_conjunction_form(con):
    hits = search(con, "الحشد الشعبي")
    assert [h.doc_id for h in hits] == ["d4", "d2"]  # d4 names it in its title as well
    d2 = hits[1]
    assert [hl.surface for hl in d2.highlights] == ["والحشد", "الشعبي"]
    check_spans(con, hits)


def test_hamza_forms_give_the_same_result(con):
    a = [(h.doc_id, round(h.score, 6)) for h in search(con, "عين الأسد")]
    b = [(h.doc_id, round(h.score, 6)) for h in search(con, "عين الاسد")]
    assert a == b and [d for d, _ in a] == ["d2"]
    assert [h.doc_id for h in search(con, "إنسحاب")] == [h.doc_id for h in search(con, "انسحاب")]


def test_all_versus_any(con):
    assert [h.doc_id for h in search(con, "بغداد كتائب")] == []
    assert {h.doc_id for h in search(con, "بغداد كتائب", mode="any")} == {"d2", "d4"}


def test_limit_and_snippet_rendering(con):
    hits = search(con, "العراق", limit=1)
    assert len(hits) == 1
    line = render_snippet(hits[0])
    assert "«العراق»" in line and "\n" not in line
    assert render_snippet(hits[0], "[", "]").count("[") == len(hits[0].highlights)
    assert hits[0].to_dict()["highlights"][0]["surface"] == "العراق"


def test_errors_without_index_or_words(con):
    with pytest.raises(SearchError):
        search(con, "؟ ، !")
    with pytest.raises(SearchError):
        search(con, "العراق", mode="some")
    bare = duckdb.connect()
    apply_migrations(bare)
    with pytest.raises(SearchError, match="full-text index"):
        search(bare, "العراق")


def test_sample_texts_are_searchable_for_every_title_word(con):
    # every word of an active document's title finds that document (title field is indexed)
    for doc_id, (title, _text, _pub, _when, status) in DOCS.items():
        if status != "active":
            continue
        ids = {h.doc_id for h in search(con, title, limit=20)}
        assert doc_id in ids, title
