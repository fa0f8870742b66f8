"""pipeline.kb.review: generic phrases, candidate ids and look-up by id, surface or key."""

from __future__ import annotations

import duckdb
import pytest

from pipeline.kb.review import candidate_id, find_candidate, is_generic, list_candidates
from pipeline.text.normalize import normalize_key


@pytest.mark.parametrize("name, generic", [
    ("وكالة الأنباء", True), ("وكالة أنباء", True), ("وكالة الأنباء الرسمية", True), ("شبكة الإنترنت", True),
    ("أكبر عدد", True), ("عدد", True),
    ("وكالة الأنباء اليمنية الرسمية", False), ("حزب الكتائب", False), ("الحكومة السورية", False),
    ("مجلس الأمن", False), ("جبهة الساحل الغربي", False), ("روبرت مولر", False),
])
def test_generic_phrases(name, generic):
    assert is_generic(normalize_key(name)) is generic


@pytest.fixture
def con():
    c = duckdb.connect()
    c.execute("CREATE TABLE entity_candidates (normalized_name VARCHAR, type_guess VARCHAR, doc_count INTEGER, "
              "mention_count INTEGER, surfaces VARCHAR[], example_sentences VARCHAR[], first_seen TIMESTAMP, "
              "last_seen TIMESTAMP)")
    rows = [("وكالة الأنباء", "ORG", 50, 60), ("الحكومة السورية", "ORG", 40, 41), ("روبرت مولر", "PERSON", 5, 9),
            ("شبكة الإنترنت", "ORG", 30, 30)]
    for surface, typ, docs, ments in rows:
        c.execute("INSERT INTO entity_candidates VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)",
                  [normalize_key(surface), typ, docs, ments, [surface], [f"جملة فيها {surface}."]])
    return c


def test_list_hides_generic_phrases_in_sql_like_is_generic(con):
    assert [r["surface"] for r in list_candidates(con)] == ["الحكومة السورية", "روبرت مولر"]
    shown = list_candidates(con, include_generic=True)
    assert [r["surface"] for r in shown] == ["وكالة الأنباء", "الحكومة السورية", "شبكة الإنترنت", "روبرت مولر"]
    assert [r["surface"] for r in list_candidates(con, type_guess="PERSON")] == ["روبرت مولر"]
    assert [r["surface"] for r in list_candidates(con, limit=1)] == ["الحكومة السورية"]
    assert shown[1]["example"] == "جملة فيها الحكومة السورية." and shown[1]["doc_count"] == 40


def test_find_by_id_surface_or_key(con):
    key = normalize_key("روبرت مولر")
    by_id = find_candidate(con, candidate_id(key, "PERSON"))
    assert by_id and by_id["surface"] == "روبرت مولر" and by_id["id"] == candidate_id(key, "PERSON")
    assert find_candidate(con, "روبرت مولر")["normalized_name"] == key
    assert find_candidate(con, key)["surface"] == "روبرت مولر"
    assert find_candidate(con, "روبرت مولر", "ORG") is None
    assert find_candidate(con, "c0000000") is None and find_candidate(con, "غير موجود") is None
    assert candidate_id(key, "PERSON") != candidate_id(key, "ORG")
