"""Warehouse-wide derived tables and the unlinking of dangling entity references."""

import duckdb
import pytest

from pipeline.warehouse.derived import refresh_derived, unlink_stale_entities
from pipeline.warehouse.migrate import apply_migrations


def _wh():
    con = duckdb.connect(":memory:")
    apply_migrations(con)
    for doc_id, status in (("a", "active"), ("r", "removed")):
        con.execute(
            "INSERT INTO documents (doc_id, source_uri, source_format, language, encoding, content_sha256, raw_text, "
            "clean_text, n_sources, n_paragraphs, n_sentences, status, pipeline_version, ingested_at, updated_at) "
            "VALUES (?, 'u', 'txt', 'ar', 'utf-8', 'x', 'بغداد', 'بغداد', 1, 1, 1, ?, '1', now(), now())", [doc_id, status])
    con.execute("INSERT INTO entities VALUES ('loc:iq-baghdad', 'LOC', 'city', 'بغداد', 'Baghdad', 'IQ', 33.3, 44.4, NULL)")
    for doc_id in ("a", "r"):
        for i, eid in enumerate(("loc:iq-baghdad", "loc:gone", None)):
            con.execute("INSERT INTO entity_mentions VALUES (?, ?, NULL, ?, 'LOC', NULL, 'بغداد', 'بغداد', 0, 5, 0, 5, "
                        "'dictionary', 1.0)", [f"{doc_id}:m{i}", doc_id, eid])
    return con


def test_only_removed_documents_lose_dangling_links():
    con = _wh()
    assert unlink_stale_entities(con) == 1
    rows = dict(con.execute("SELECT mention_id, entity_id FROM entity_mentions").fetchall())
    assert rows["r:m1"] is None and rows["r:m0"] == "loc:iq-baghdad"
    assert rows["a:m1"] == "loc:gone"  # active documents are reprocessed instead; never silently edited


def test_candidates_aggregate_unlinked_mentions_of_active_documents():
    con = _wh()
    out = refresh_derived(con)
    assert out["entity_candidates"] == 1
    assert con.execute("SELECT normalized_name, doc_count, mention_count FROM entity_candidates").fetchall() == [
        ("بغداد", 1, 1)]


# --- incremental refresh: the same documents give the same derived rows whatever the batching -----

import datetime as dt  # noqa: E402
import random  # noqa: E402

from pipeline.extract.event_clusters import cluster_event_mentions  # noqa: E402

DERIVED = {
    "events": "SELECT * FROM events ORDER BY event_id",
    "event_mentions": "SELECT event_mention_id, event_id FROM event_mentions ORDER BY event_mention_id",
    "event_blocks": "SELECT * FROM event_blocks ORDER BY event_mention_id",
    "entity_candidates": "SELECT * FROM entity_candidates ORDER BY normalized_name, type_guess",
    "entity_candidate_keys": "SELECT * FROM entity_candidate_keys ORDER BY ALL",
}


def _random_doc(rng: random.Random, doc_id: str) -> dict:
    """A document's event and entity mentions, drawn so that blocks chain, merge and conflict."""
    events, names = [], []
    for k in range(rng.randint(0, 6)):
        kind = rng.random()
        day = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randint(0, 40))
        if kind < 0.6:
            start, end, prec = day, day, "day"
        elif kind < 0.75:
            start, end, prec = day.replace(day=1), (day.replace(day=28)), "month"
        elif kind < 0.8:
            start, end, prec = dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year"
        else:
            start = end = prec = None
        events.append({"event_mention_id": f"{doc_id}:e{k}", "doc_id": doc_id,
                       "event_type": rng.choice(["attack", "attack", "strike", "talks"]), "trigger": "هجوم",
                       "date_start": start, "date_end": end, "date_precision": prec,
                       "location_entity_id": rng.choice([None, "loc:a", "loc:b", "loc:c"]),
                       "actor_entity_id": rng.choice([None, None, "org:x", "org:y"]),
                       "target_entity_id": rng.choice([None, None, None, "org:z"]),
                       "killed": rng.choice([None, 1, 2, 5]), "injured": None})
    for k in range(rng.randint(0, 4)):
        name = rng.choice(["زيد", "عمرو", "بكر", "خالد", "سعد"])
        names.append({"mention_id": f"{doc_id}:m{k}", "doc_id": doc_id, "normalized": name, "surface": name,
                      "entity_type": rng.choice(["PERSON", "ORG"])})
    return {"doc_id": doc_id, "published_at": dt.datetime(2024, 3, 1) + dt.timedelta(hours=rng.randint(0, 900)),
            "events": events, "names": names}


def _put(con, doc: dict, status: str = "active") -> None:
    """Delete-then-insert one document and its rows (as load_batch does)."""
    d = doc["doc_id"]
    for t in ("event_mentions", "entity_mentions", "sentences", "documents"):
        con.execute(f"DELETE FROM {t} WHERE doc_id = ?", [d])
    con.execute(
        "INSERT INTO documents (doc_id, source_uri, source_format, language, encoding, content_sha256, raw_text, "
        "clean_text, n_sources, n_paragraphs, n_sentences, status, pipeline_version, ingested_at, updated_at, "
        "published_at) VALUES (?, 'u', 'txt', 'ar', 'utf-8', 'x', 'نص', 'نص', 1, 1, 1, ?, '1', now(), now(), ?)",
        [d, status, doc["published_at"]])
    con.execute("INSERT INTO sentences VALUES (?, ?, ?, 0, 0, 2, 0, 2, ?, true)", [f"{d}:s0", d, f"{d}:p0", "نص"])
    for e in doc["events"]:
        con.execute(
            "INSERT INTO event_mentions (event_mention_id, doc_id, event_type, trigger, start_char, end_char, raw_start, "
            "raw_end, date_start, date_end, date_precision, location_entity_id, actor_entity_id, target_entity_id, "
            "killed, injured) VALUES (?, ?, ?, ?, 0, 4, 0, 4, ?, ?, ?, ?, ?, ?, ?, ?)",
            [e["event_mention_id"], d, e["event_type"], e["trigger"], e["date_start"], e["date_end"],
             e["date_precision"], e["location_entity_id"], e["actor_entity_id"], e["target_entity_id"],
             e["killed"], e["injured"]])
    for m in doc["names"]:
        con.execute("INSERT INTO entity_mentions VALUES (?, ?, ?, NULL, ?, NULL, ?, ?, 0, 2, 0, 2, 'pattern', 0.5)",
                    [m["mention_id"], d, f"{d}:s0", m["entity_type"], m["surface"], m["normalized"]])


def _snapshot(con) -> dict:
    return {name: con.execute(sql).fetchall() for name, sql in DERIVED.items()}


def _migrated():
    con = duckdb.connect(":memory:")
    apply_migrations(con)
    return con


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_batches_give_the_one_shot_result(seed):
    rng = random.Random(seed)
    docs = {f"d{i:03d}": _random_doc(rng, f"d{i:03d}") for i in range(120)}
    order = list(docs)
    rng.shuffle(order)
    inc = _migrated()
    status: dict[str, str] = {}
    # several batches of new documents, in another order than the one-shot build
    for lo, hi in ((0, 40), (40, 41), (41, 90), (90, 120)):
        batch = order[lo:hi]
        for d in batch:
            _put(inc, docs[d])
            status[d] = "active"
        out = refresh_derived(inc, batch)
        assert out["stale_entity_links_cleared"] == 0
    # a batch that changes documents (new mentions), removes some and restores one
    changed = order[:8]
    for d in changed[:5]:
        docs[d] = _random_doc(rng, d)
        _put(inc, docs[d])
    for d in changed[5:]:
        inc.execute("UPDATE documents SET status = 'removed' WHERE doc_id = ?", [d])
        status[d] = "removed"
    refresh_derived(inc, changed)
    inc.execute("UPDATE documents SET status = 'active' WHERE doc_id = ?", [changed[7]])
    status[changed[7]] = "active"
    refresh_derived(inc, [changed[7]])
    # an empty batch changes nothing
    before = _snapshot(inc)
    refresh_derived(inc, [])
    assert _snapshot(inc) == before

    one = _migrated()
    for d in sorted(docs):
        _put(one, docs[d], status[d])
    refresh_derived(one)
    got, want = _snapshot(inc), _snapshot(one)
    assert want["events"] and want["entity_candidates"]
    assert max(r[3] for r in want["event_blocks"]) and len({r[2] for r in want["event_blocks"]}) < len(want["event_blocks"])
    for name in DERIVED:
        assert got[name] == want[name], name
    # and the one-shot warehouse holds exactly what clustering all active mentions at once gives
    active = one.execute("SELECT e.* FROM event_mentions e JOIN documents d USING (doc_id) "
                         "WHERE d.status = 'active'").pl()
    events, _ = cluster_event_mentions(active)
    assert sorted(events["event_id"].to_list()) == [r[0] for r in want["events"]]


def test_removed_documents_leave_events_and_candidates():
    con = _migrated()
    rng = random.Random(7)
    docs = [_random_doc(rng, f"x{i}") for i in range(30)]
    for doc in docs:
        _put(con, doc)
    refresh_derived(con, [d["doc_id"] for d in docs])
    gone = docs[0]["doc_id"]
    con.execute("UPDATE documents SET status = 'removed' WHERE doc_id = ?", [gone])
    refresh_derived(con, [gone])
    assert con.execute("SELECT count(*) FROM event_mentions WHERE doc_id = ? AND event_id IS NOT NULL",
                       [gone]).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM event_blocks WHERE doc_id = ?", [gone]).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM entity_candidate_keys WHERE doc_id = ?", [gone]).fetchone()[0] == 0
    # every event still has exactly its active members
    assert con.execute("""SELECT count(*) FROM events ev WHERE n_mentions <> (SELECT count(*) FROM event_mentions e
                          JOIN documents d USING (doc_id) WHERE e.event_id = ev.event_id AND d.status = 'active')"""
                       ).fetchone()[0] == 0


def test_event_ids_set_in_slices_equal_one_update(monkeypatch):
    """The clustering's assignment is written by several UPDATE statements (UPDATE_SLICE_ROWS): the
    same event_id on every mention as one statement gives."""
    import pipeline.warehouse.derived as derived

    rng = random.Random(7)
    docs = {f"d{i:03d}": _random_doc(rng, f"d{i:03d}") for i in range(60)}
    whole, sliced = _migrated(), _migrated()
    for con in (whole, sliced):
        for d in sorted(docs):
            _put(con, docs[d])
    refresh_derived(whole)
    monkeypatch.setattr(derived, "UPDATE_SLICE_ROWS", 3)
    refresh_derived(sliced)
    sql = "SELECT event_mention_id, event_id FROM event_mentions ORDER BY 1"
    want = whole.execute(sql).fetchall()
    assert sum(1 for _, e in want if e) > 3 * 5  # several slices of assigned mentions
    assert sliced.execute(sql).fetchall() == want
    assert _snapshot(sliced) == _snapshot(whole)


# --- candidates' examples: bounded aggregate state, the same lists as the former SQL -------------------

#: the candidates' lists as they were computed before (every distinct value kept per group, then cut)
_FORMER_LISTS = """
    SELECT m.normalized, m.entity_type, list(DISTINCT m.surface ORDER BY m.surface)[1:5],
           list(DISTINCT s.text ORDER BY s.text)[1:3]
    FROM entity_mentions m JOIN documents d USING (doc_id) LEFT JOIN sentences s ON s.sentence_id = m.sentence_id
    WHERE m.entity_id IS NULL AND d.status = 'active' GROUP BY m.normalized, m.entity_type ORDER BY ALL
"""


def test_candidate_examples_equal_the_former_whole_list_aggregate():
    """``min(DISTINCT x, n)`` plus a trailing NULL gives ``list(DISTINCT x ORDER BY x)[1:n]``: duplicates
    once, ascending (Arabic after Latin, the empty text first), a missing sentence as NULL last only when
    fewer than n texts are known."""
    con = _wh()
    texts = ["ج", "ب", "ب", "a", "", "أ", "Z"]
    for i, text in enumerate(texts):
        con.execute("INSERT INTO sentences VALUES (?, 'a', 'a:p0', ?, 0, 1, 0, 1, ?, true)", [f"a:s{i}", i, text])
    rows = [  # (mention, normalized, surface, sentence_id): n1 many texts and a missing one; n2 a missing one
        *[(f"x{i}", "n1", f"س{i % 6}", f"a:s{i}") for i in range(len(texts))],
        ("x7", "n1", "س", None), ("x8", "n2", "ص", "a:s1"), ("x9", "n2", "ص", "a:missing"),
        ("x10", "n3", "ط", "a:s6"), ("x11", "n3", "ط", "a:s6"), ("x12", "n4", "ع", None),
    ]
    for mid, norm, surface, sid in rows:
        con.execute("INSERT INTO entity_mentions VALUES (?, 'a', ?, NULL, 'PER', NULL, ?, ?, 0, 1, 0, 1, "
                    "'pattern', 1.0)", [mid, sid, surface, norm])
    refresh_derived(con)
    got = con.execute("SELECT normalized_name, type_guess, surfaces, example_sentences FROM entity_candidates "
                      "ORDER BY ALL").fetchall()
    want = con.execute(_FORMER_LISTS).fetchall()
    assert got == [tuple(r) for r in want]
    by_name = {r[0]: r for r in got}
    assert by_name["n1"][3] == ["", "Z", "a"] and len(by_name["n1"][2]) == 5
    assert by_name["n2"][3] == ["ب", None] and by_name["n3"][3] == ["Z"] and by_name["n4"][3] == [None]


# --- bounded slices of a large batch (stream mem6): the same rows as one statement ------------------------


@pytest.mark.parametrize("scoped", [False, True])
def test_candidates_in_passes_equal_one_pass(monkeypatch, scoped):
    """Above CANDIDATE_PASS_DOCS documents the candidates are aggregated in passes over hash ranges of the
    names: with one document per pass (many passes, several names each, some passes empty) the
    candidates and their keys are the rows one statement gives, on a first build and on a scoped refresh."""
    import pipeline.warehouse.derived as derived

    rng = random.Random(11)
    docs = {f"d{i:03d}": _random_doc(rng, f"d{i:03d}") for i in range(40)}
    for i, d in enumerate(sorted(docs)):  # more names than the five of _random_doc
        docs[d]["names"].append({"mention_id": f"{d}:n", "doc_id": d, "normalized": f"اسم{i % 13}",
                                 "surface": f"اسم{i % 13}", "entity_type": "PERSON"})
    whole, sliced = _migrated(), _migrated()
    for con in (whole, sliced):
        for d in sorted(docs):
            _put(con, docs[d])
    ids = sorted(docs) if scoped else None
    refresh_derived(whole, ids)
    monkeypatch.setattr(derived, "CANDIDATE_PASS_DOCS", 1)
    refresh_derived(sliced, ids)
    want = _snapshot(whole)
    assert len(want["entity_candidates"]) > 10
    assert _snapshot(sliced) == want


def test_events_written_per_type_equal_one_clustering_of_every_mention():
    """refresh_events clusters and writes one event type at a time: the events, every mention's event id
    and the blocks are those of one clustering of all active mentions together."""
    rng = random.Random(5)
    docs = {f"d{i:03d}": _random_doc(rng, f"d{i:03d}") for i in range(80)}
    con = _migrated()
    for d in sorted(docs):
        _put(con, docs[d])
    refresh_derived(con, sorted(docs))
    active = con.execute("SELECT e.* FROM event_mentions e JOIN documents d USING (doc_id) WHERE d.status = 'active'").pl()
    events, assignment, blocks = cluster_event_mentions(active, with_blocks=True)
    assert active["event_type"].n_unique() >= 3
    cols = ", ".join(events.columns)
    assert con.execute(f"SELECT {cols} FROM events ORDER BY event_id").fetchall() == events.sort("event_id").rows()
    got = con.execute("SELECT event_mention_id, event_id FROM event_mentions ORDER BY 1").fetchall()
    assert got == assignment.sort("event_mention_id").rows()
    assert con.execute("SELECT event_mention_id, block_id FROM event_blocks ORDER BY 1").fetchall() == \
        blocks.sort("event_mention_id").rows()


def test_full_recompute_over_stale_event_ids_equals_a_build_from_none():
    """A full recompute no longer nulls every mention's event id before writing the new ones (each
    mention was rewritten twice): only the mentions outside the clustering (removed documents, a
    document not in documents) lose theirs, and a mention that already holds its id is not rewritten. The result is
    that of a build whose mentions held no event id."""
    rng = random.Random(11)
    docs = {f"d{i:03d}": _random_doc(rng, f"d{i:03d}") for i in range(60)}
    fresh, stale = _migrated(), _migrated()
    for con in (fresh, stale):
        for d in sorted(docs):
            _put(con, docs[d], status="removed" if d in ("d000", "d007") else "active")
    refresh_derived(fresh)
    refresh_derived(stale)
    assert _snapshot(stale) == _snapshot(fresh)
    # stale ids: wrong ones on active and removed documents' mentions, a mention of a document not in documents
    stale.execute("UPDATE event_mentions SET event_id = 'ev_stale_' || event_mention_id "
                  "WHERE hash(event_mention_id) % 3 = 0 OR doc_id IN ('d000', 'd007')")
    for con, ev in ((stale, "'ev_y'"), (fresh, "NULL")):
        con.execute(f"INSERT INTO event_mentions SELECT * REPLACE ('ghost' AS event_mention_id, 'nodoc' AS doc_id, "
                    f"{ev} AS event_id) FROM event_mentions WHERE doc_id = 'd001' LIMIT 1")
    assert stale.execute("SELECT count(*) FROM event_mentions WHERE event_id LIKE 'ev_stale_%' AND doc_id "
                         "IN ('d000', 'd007')").fetchone()[0] > 0
    refresh_derived(stale)
    refresh_derived(fresh)
    sql = "SELECT event_mention_id, event_id FROM event_mentions ORDER BY 1"
    assert stale.execute(sql).fetchall() == fresh.execute(sql).fetchall()
    assert _snapshot(stale) == _snapshot(fresh)
    assert stale.execute("SELECT count(*) FROM event_mentions WHERE event_id IS NOT NULL AND (doc_id IS NULL "
                         "OR doc_id IN ('d000', 'd007', 'nodoc'))").fetchone()[0] == 0
    assert stale.execute("SELECT count(*) FROM event_mentions WHERE event_id IS NOT NULL").fetchone()[0] > 10
