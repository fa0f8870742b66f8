"""Analyst views (migration 005) on a small hand-made warehouse: joins, counts, active-only."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from pipeline.warehouse.migrate import apply_migrations
from pipeline.warehouse.refresh import rebuild_fts

VIEWS = ["v_mentions", "v_entity_summary", "v_cooccurrence_sentence", "v_cooccurrence_document",
         "v_event_timeline", "v_figures", "v_quotes_by_speaker", "v_citations_by_source",
         "v_documents", "v_event_reports", "v_figures_over_time", "v_sentence_entities"]

# Hand-written sample articles (not corpus text): id → (title, text, publisher, published_at, status)
DOCS = {
    "d1": ("انسحاب القوات من العراق",
           "قال وزير الدفاع لويد أوستن إن انسحاب القوات الأمريكية من العراق سيبدأ قريبا. "
           "وينتشر 2500 جندي أمريكي في العراق حاليا.",
           "Pub A", datetime(2024, 1, 28, 10, 45), "active"),
    "d2": ("هجوم على عين الأسد",
           "استهدف هجوم بطائرة مسيرة قاعدة عين الأسد في العراق يوم السبت. "
           "وأعلنت كتائب حزب الله مسؤوليتها عن الهجوم. وطالب قادة والحشد الشعبي بانسحاب للقوات الأجنبية.",
           "Pub B", datetime(2024, 1, 29, 8, 0), "active"),
    "d3": ("تأجيل الانسحاب",
           "قال أوستن إن انسحاب القوات من العراق مؤجل. واستهدف هجوم قاعدة عين الأسد.",
           "Pub A", datetime(2024, 1, 30, 9, 0), "removed"),
    "d4": ("الحشد الشعبي",
           "عقد الحشد الشعبي اجتماعا في بغداد. وناقش الاجتماع الانسحاب والقوات في سوريا.",
           None, None, "active"),
}
ENTITIES = [
    ("loc:iq", "LOC", "country", "العراق", "Iraq", ["العراق"]),
    ("loc:us", "LOC", "country", "الولايات المتحدة", "United States", ["أمريكي", "الأمريكية"]),
    ("per:lloyd-austin", "PERSON", None, "لويد أوستن", "Lloyd Austin", ["لويد أوستن", "أوستن"]),
    ("org:kataib-hezbollah", "ORG", "armed_group", "كتائب حزب الله", "Kataib Hezbollah", ["كتائب حزب الله"]),
    ("loc:ain-al-asad", "LOC", "base", "عين الأسد", "Ain al-Asad", ["عين الأسد"]),
    ("org:pmf", "ORG", "armed_group", "الحشد الشعبي", "Popular Mobilization Forces", ["الحشد الشعبي"]),
]
MENTION_COLS = ("(mention_id, doc_id, sentence_id, entity_id, entity_type, subtype, surface, normalized, "
                "start_char, end_char, raw_start, raw_end, method, confidence)")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.?", text) if m.group().strip()]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while text[s] == " ":
        s += 1
    return s, e


def build_sample(path: Path | str = ":memory:", fts: bool = True) -> duckdb.DuckDBPyConnection:
    """A migrated warehouse holding DOCS with mentions, facts and (optionally) the FTS index: an
    in-memory DuckDB by default, a lake (one snapshot) when ``path`` is a file path."""
    if str(path) == ":memory:":
        con = duckdb.connect(":memory:")
    else:
        from pipeline.warehouse.connect import connect_writer

        con = connect_writer(path)
    apply_migrations(con)
    con.execute("BEGIN TRANSACTION")
    now = datetime(2024, 2, 1)
    sent_of: dict[str, list[tuple[str, int, int]]] = {}
    for doc_id, (title, text, pub, when, status) in DOCS.items():
        sents = [_strip(text, s, e) for s, e in _sentences(text)]
        con.execute(
            "INSERT INTO documents (doc_id, source_uri, source_format, title, publisher, published_at, language, "
            "encoding, content_sha256, raw_text, clean_text, n_sources, n_paragraphs, n_sentences, status, "
            "pipeline_version, ingested_at, updated_at) VALUES (?, ?, 'txt', ?, ?, ?, 'ar', 'utf-8', ?, ?, ?, 1, 1, ?, "
            "?, 'test', ?, ?)",
            [doc_id, f"file:///{doc_id}.txt", title, pub, when, doc_id * 8, text, text, len(sents), status, now, now])
        sent_of[doc_id] = []
        for i, (s, e) in enumerate(sents):
            sid = f"{doc_id}:s{i}"
            sent_of[doc_id].append((sid, s, e))
            con.execute("INSERT INTO sentences (sentence_id, doc_id, paragraph_id, sentence_index, start_char, end_char, "
                        "raw_start, raw_end, text, is_extractable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, true)",
                        [sid, doc_id, f"{doc_id}:p0", i, s, e, s, e, text[s:e]])

    def sid_at(doc_id: str, pos: int) -> str:
        return next(sid for sid, s, e in sent_of[doc_id] if s <= pos < e)

    for eid, etype, sub, ar, en, aliases in ENTITIES:
        con.execute("INSERT INTO entities (entity_id, entity_type, subtype, name_ar, name_en) VALUES (?, ?, ?, ?, ?)",
                    [eid, etype, sub, ar, en])
    n = 0
    for doc_id, (_, text, *_rest) in DOCS.items():
        taken: list[tuple[int, int]] = []
        for eid, etype, sub, _ar, _en, aliases in sorted(ENTITIES, key=lambda e: -max(map(len, e[5]))):
            for alias in sorted(aliases, key=len, reverse=True):
                for m in re.finditer(re.escape(alias), text):
                    if any(m.start() < e and s < m.end() for s, e in taken):
                        continue
                    taken.append((m.start(), m.end()))
                    con.execute("INSERT INTO entity_mentions " + MENTION_COLS + " VALUES "
                                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'dictionary', 0.9)",
                                [f"{doc_id}:m{n}", doc_id, sid_at(doc_id, m.start()), eid, etype, sub, m.group(),
                                 m.group(), m.start(), m.end(), m.start(), m.end()])
                    n += 1
        # an unlinked mention
        for m in re.finditer("بغداد", text):
            con.execute("INSERT INTO entity_mentions " + MENTION_COLS + " VALUES "
                        "(?, ?, ?, NULL, 'LOC', NULL, ?, ?, ?, ?, ?, ?, 'pattern', 0.5)",
                        [f"{doc_id}:m{n}", doc_id, sid_at(doc_id, m.start()), m.group(), m.group(),
                         m.start(), m.end(), m.start(), m.end()])
            n += 1

    def span(doc_id: str, surface: str) -> tuple[int, int]:
        s = DOCS[doc_id][1].index(surface)
        return s, s + len(surface)

    s, e = span("d1", "2500 جندي أمريكي")
    con.execute("INSERT INTO quantities (quantity_id, doc_id, sentence_id, surface, start_char, end_char, raw_start, "
                "raw_end, value, value_min, value_max, qualifier, vague, category, unit, location_entity_id, "
                "actor_entity_id, confidence) VALUES ('d1:q0', 'd1', ?, ?, ?, ?, ?, ?, 2500, 2500, 2500, 'exact', "
                "false, 'troops', 'جندي', 'loc:iq', 'loc:us', 0.9)",
                [sid_at("d1", s), "2500 جندي أمريكي", s, e, s, e])
    con.execute("INSERT INTO events (event_id, event_type, cameo_root, date_start, date_end, date_precision, "
                "location_entity_id, actor_entity_id, target_entity_id, n_mentions, n_documents) VALUES "
                "('ev1', 'attack', '19', '2024-01-27', '2024-01-27', 'day', 'loc:ain-al-asad', "
                "'org:kataib-hezbollah', 'loc:us', 2, 2)")
    for i, doc_id in enumerate(("d2", "d3")):
        s, e = span(doc_id, "هجوم")
        con.execute("INSERT INTO event_mentions (event_mention_id, doc_id, sentence_id, event_id, event_type, "
                    "cameo_root, trigger, start_char, end_char, raw_start, raw_end, date_start, date_end, "
                    "date_precision, location_entity_id, actor_entity_id, actor_surface, confidence) VALUES "
                    "(?, ?, ?, 'ev1', 'attack', '19', 'هجوم', ?, ?, ?, ?, '2024-01-27', '2024-01-27', 'day', "
                    "'loc:ain-al-asad', 'org:kataib-hezbollah', 'كتائب حزب الله', 0.8)",
                    [f"{doc_id}:e0", doc_id, sid_at(doc_id, s), s, e, s, e])
    for doc_id, quote in (("d1", "انسحاب القوات الأمريكية من العراق سيبدأ قريبا"), ("d3", "انسحاب القوات من العراق مؤجل")):
        s, e = span(doc_id, quote)
        sp_s, sp_e = span(doc_id, "أوستن")
        con.execute("INSERT INTO quotes (quote_id, doc_id, sentence_id, quote_text, start_char, end_char, raw_start, "
                    "raw_end, speaker_surface, speaker_start, speaker_end, speaker_entity_id, speaker_kind, "
                    "reporting_verb) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'أوستن', ?, ?, 'per:lloyd-austin', 'named', 'قال')",
                    [f"{doc_id}:quote0", doc_id, sid_at(doc_id, s), quote, s, e, s, e, sp_s, sp_e])
    s, e = span("d2", "وأعلنت كتائب حزب الله")
    con.execute("INSERT INTO citations (citation_id, doc_id, sentence_id, surface, start_char, end_char, raw_start, "
                "raw_end, cue, source_surface, source_entity_id, source_kind) VALUES ('d2:c0', 'd2', ?, ?, ?, ?, ?, ?, "
                "'أعلنت', 'كتائب حزب الله', 'org:kataib-hezbollah', 'organization')", [sid_at("d2", s), "وأعلنت كتائب حزب الله", s, e, s, e])
    if fts:
        rebuild_fts(con)
    con.execute("COMMIT")
    return con


@pytest.fixture(scope="module")
def con():
    c = build_sample()
    yield c
    c.close()


def rows(con, sql, params=None):
    return con.execute(sql, params or []).fetchall()


def test_every_view_exists_and_hides_removed_documents(con):
    present = {r[0] for r in rows(con, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert set(VIEWS) <= present
    for view in VIEWS:
        cols = {r[0] for r in rows(con, f"DESCRIBE {view}")}
        if "doc_id" in cols:
            assert rows(con, f"SELECT count(*) FROM {view} WHERE doc_id = 'd3'") == [(0,)], view
        if "doc_ids" in cols:
            assert rows(con, f"SELECT count(*) FROM {view} WHERE list_contains(doc_ids, 'd3')") == [(0,)], view


def test_mentions_carry_entity_document_and_sentence(con):
    got = rows(con, "SELECT m.surface, m.start_char, m.end_char, d.clean_text, m.sentence_text, m.name_en, "
                    "m.publisher, m.published_date FROM v_mentions m JOIN documents d USING (doc_id) "
                    "WHERE m.entity_id = 'per:lloyd-austin'")
    assert len(got) == 1
    surface, s, e, text, sentence, name_en, pub, day = got[0]
    assert text[s:e] == surface == "لويد أوستن"
    assert surface in sentence and name_en == "Lloyd Austin" and pub == "Pub A" and day == date(2024, 1, 28)
    # unlinked mentions stay visible under their surface
    assert rows(con, "SELECT name_ar, entity_type FROM v_mentions WHERE entity_id IS NULL") == [("بغداد", "LOC")]


def test_entity_summary_counts_and_dates(con):
    got = rows(con, "SELECT n_documents, n_mentions, n_publishers, first_seen, last_seen FROM v_entity_summary "
                    "WHERE entity_id = 'loc:iq'")
    # العراق: twice in d1, once in d2; d3 (removed) is not counted
    assert got == [(2, 3, 2, datetime(2024, 1, 28, 10, 45), datetime(2024, 1, 29, 8, 0))]
    assert rows(con, "SELECT count(*) FROM v_entity_summary WHERE entity_id IS NULL") == [(0,)]


def test_cooccurrence_per_sentence_and_document(con):
    sent = dict(((a, b), n) for a, b, n in rows(con, "SELECT entity_a, entity_b, n_sentences FROM v_cooccurrence_sentence"))
    assert sent[("loc:iq", "per:lloyd-austin")] == 1
    assert sent[("loc:iq", "loc:us")] == 2          # both sentences of d1
    assert ("loc:iq", "org:kataib-hezbollah") not in sent  # different sentences of d2
    doc = {(a, b): (n, ids) for a, b, n, ids in rows(
        con, "SELECT entity_a, entity_b, n_documents, doc_ids FROM v_cooccurrence_document")}
    assert doc[("loc:iq", "org:kataib-hezbollah")] == (1, ["d2"])
    assert doc[("loc:iq", "per:lloyd-austin")] == (1, ["d1"])   # d3 would make it 2 if it counted
    assert all(a < b for a, b in doc)


def test_event_timeline_counts_only_active_reports(con):
    got = rows(con, "SELECT event_id, date_start, date_precision, event_type, location_en, actor_en, target_en, "
                    "actor_surfaces, n_reports, n_documents, publishers, doc_ids FROM v_event_timeline")
    assert got == [("ev1", date(2024, 1, 27), "day", "attack", "Ain al-Asad", "Kataib Hezbollah", "United States",
                    ["كتائب حزب الله"], 1, 1, ["Pub B"], ["d2"])]


def test_figures_with_place_actor_and_source(con):
    got = rows(con, "SELECT f.category, f.value, f.location_en, f.actor_en, f.title, f.surface, f.start_char, "
                    "f.end_char, d.clean_text, f.sentence_text FROM v_figures f JOIN documents d USING (doc_id)")
    assert len(got) == 1
    cat, value, loc, actor, title, surface, s, e, text, sentence = got[0]
    assert (cat, value, loc, actor, title) == ("troops", 2500.0, "Iraq", "United States", "انسحاب القوات من العراق")
    assert text[s:e] == surface and surface in sentence
    assert rows(con, "SELECT category, published_date, n_reports, max_value, doc_ids FROM v_figures_over_time") == [
        ("troops", date(2024, 1, 28), 1, 2500.0, ["d1"])]


def test_quotes_and_citations_by_source(con):
    got = rows(con, "SELECT q.speaker, q.speaker_en, q.quote_text, q.start_char, q.end_char, d.clean_text "
                    "FROM v_quotes_by_speaker q JOIN documents d USING (doc_id)")
    assert len(got) == 1  # the removed document's quote is hidden
    speaker, en, quote, s, e, text = got[0]
    assert (speaker, en) == ("لويد أوستن", "Lloyd Austin") and text[s:e] == quote
    cit = rows(con, "SELECT source, source_kind, cue, surface, start_char, end_char FROM v_citations_by_source")
    assert cit[0][:3] == ("كتائب حزب الله", "organization", "أعلنت")
    assert DOCS["d2"][1][cit[0][4]:cit[0][5]] == cit[0][3]


def test_documents_view_counts(con):
    got = dict((d, (m, f, e, q)) for d, m, f, e, q in rows(
        con, "SELECT doc_id, n_mentions, n_figures, n_event_mentions, n_quotes FROM v_documents"))
    assert set(got) == {"d1", "d2", "d4"}
    assert got["d1"][1:] == (1, 0, 1) and got["d2"][2] == 1


def test_low_confidence_facts_hidden_by_default_with_all_views_and_threshold():
    """008: analyst views hide rows under the confidence threshold (default 0.5); `*_all` views and
    `SET VARIABLE khabar_min_confidence` show them."""
    con = build_sample(fts=False)
    text = DOCS["d2"][1]
    s = text.index("بانسحاب")
    sid = con.execute("SELECT sentence_id FROM sentences WHERE doc_id = 'd2' AND start_char <= ? AND ? < end_char",
                      [s, s]).fetchone()[0]
    con.execute("INSERT INTO quotes (quote_id, doc_id, sentence_id, quote_text, start_char, end_char, raw_start, "
                "raw_end, speaker_kind, confidence) VALUES ('d2:quote9', 'd2', ?, 'بانسحاب', ?, ?, ?, ?, 'unknown', 0.4)",
                [sid, s, s + 7, s, s + 7])
    con.execute("INSERT INTO event_mentions (event_mention_id, doc_id, sentence_id, event_id, event_type, trigger, "
                "start_char, end_char, raw_start, raw_end, confidence) VALUES ('d2:e9', 'd2', ?, 'ev1', "
                "'withdrawal', 'بانسحاب', ?, ?, ?, ?, 0.25)", [sid, s, s + 7, s, s + 7])
    con.execute("INSERT INTO quantities (quantity_id, doc_id, sentence_id, surface, start_char, end_char, raw_start, "
                "raw_end, value, vague, category, confidence, scope) VALUES ('d2:q9', 'd2', ?, 'بانسحاب', ?, ?, ?, ?, "
                "7, false, 'other', 0.45, NULL)", [sid, s, s + 7, s, s + 7])
    con.execute("INSERT INTO citations (citation_id, doc_id, sentence_id, surface, start_char, end_char, raw_start, "
                "raw_end, cue, source_kind, confidence) VALUES ('d2:c9', 'd2', ?, 'بانسحاب', ?, ?, ?, ?, 'بحسب', "
                "'document', 0.3)", [sid, s, s + 7, s, s + 7])
    low = {"v_quotes_by_speaker": "quote_id = 'd2:quote9'", "v_event_reports": "event_mention_id = 'd2:e9'",
           "v_figures": "quantity_id = 'd2:q9'", "v_citations_by_source": "citation_id = 'd2:c9'"}
    count = lambda view, where: con.execute(f"SELECT count(*) FROM {view} WHERE {where}").fetchone()[0]  # noqa: E731
    for view, where in low.items():
        assert count(view, where) == 0, view
        assert count(view + "_all", where) == 1, view
    # the timeline's report counts come from confident reports only
    assert con.execute("SELECT n_reports FROM v_event_timeline WHERE event_id = 'ev1'").fetchone()[0] == 1
    assert con.execute("SELECT n_reports FROM v_event_timeline_all WHERE event_id = 'ev1'").fetchone()[0] == 2
    con.execute("SET VARIABLE khabar_min_confidence = 0")
    for view, where in low.items():
        assert count(view, where) == 1, view
    con.execute("SET VARIABLE khabar_min_confidence = 0.95")
    assert con.execute("SELECT count(*) FROM v_quotes_by_speaker WHERE confidence IS NOT NULL").fetchone()[0] == 0
    # rows published before 008 (confidence NULL) stay visible
    assert con.execute("SELECT count(*) FROM v_quotes_by_speaker_all WHERE confidence IS NULL").fetchone()[0] == 1
