"""Tests for pipeline.extract.event_clusters."""

import datetime as dt

import polars as pl

from pipeline.extract.event_clusters import ASSIGNMENT_COLUMNS, EVENT_COLUMNS, cluster_event_mentions, mention_blocks


def mention(mid, doc, etype="strike", day=None, end=None, precision="day", loc=None, actor=None, target=None,
            killed=None, injured=None):
    return {"event_mention_id": mid, "doc_id": doc, "event_type": etype, "cameo_root": "19",
            "trigger": "غارة", "start": 0, "end": 4, "sentence_index": 0,
            "date_value": None, "date_start": day, "date_end": end or day, "date_precision": precision,
            "location_entity_id": loc, "actor_entity_id": actor, "target_entity_id": target,
            "actor_surface": None, "target_surface": None, "killed": killed, "injured": injured, "confidence": 0.8}


D = dt.date


def frame(rows):
    return pl.DataFrame(rows, infer_schema_length=None)


def test_same_incident_across_documents_is_one_event():
    rows = [
        mention("a1", "docA", day=D(2024, 1, 4), loc="loc:iq-bgw", actor="loc:us", killed=2),
        mention("b1", "docB", day=D(2024, 1, 4), loc="loc:iq-bgw", actor=None, killed=3),
        # month-precision report of the same strike: overlaps the day
        mention("c1", "docC", day=D(2024, 1, 1), end=D(2024, 1, 31), precision="month", loc="loc:iq-bgw", actor="loc:us"),
        # different place, same day -> different event
        mention("d1", "docD", day=D(2024, 1, 4), loc="loc:sy", actor="loc:us"),
        # same place, other type -> different event
        mention("e1", "docE", etype="talks", day=D(2024, 1, 4), loc="loc:iq-bgw", actor="loc:us"),
    ]
    events, asg = cluster_event_mentions(frame(rows))
    assert tuple(events.columns) == EVENT_COLUMNS and tuple(asg.columns) == ASSIGNMENT_COLUMNS
    assert events.height == 3
    ev_of = dict(zip(asg["event_mention_id"], asg["event_id"]))
    assert ev_of["a1"] == ev_of["b1"] == ev_of["c1"]
    assert len({ev_of["a1"], ev_of["d1"], ev_of["e1"]}) == 3
    merged = events.filter(pl.col("event_id") == ev_of["a1"]).to_dicts()[0]
    assert (merged["n_mentions"], merged["n_documents"]) == (3, 3)
    assert (merged["date_start"], merged["date_end"], merged["date_precision"]) == (D(2024, 1, 4), D(2024, 1, 4), "day")
    assert merged["killed"] == 3  # max across reports, not the sum
    assert merged["actor_entity_id"] == "loc:us" and merged["location_entity_id"] == "loc:iq-bgw"


def test_conflicting_actors_or_distant_dates_do_not_merge():
    rows = [
        mention("a", "d1", day=D(2024, 2, 1), loc="loc:iq", actor="loc:us"),
        mention("b", "d2", day=D(2024, 2, 1), loc="loc:iq", actor="org:kataib-hezbollah"),
        mention("c", "d3", day=D(2024, 3, 15), loc="loc:iq", actor="loc:us"),
        mention("d", "d4", day=D(2024, 2, 1)),  # no place, no actor: nothing anchors it
    ]
    events, asg = cluster_event_mentions(frame(rows))
    assert events.height == 4
    assert events["n_mentions"].to_list() == [1, 1, 1, 1]


def test_undated_mentions_merge_only_within_their_document():
    rows = [
        mention("a", "d1", etype="withdrawal", loc="loc:iq", actor="loc:us"),
        mention("b", "d1", etype="withdrawal", loc="loc:iq", actor="loc:us"),
        mention("c", "d2", etype="withdrawal", loc="loc:iq", actor="loc:us"),
    ]
    events, asg = cluster_event_mentions(frame(rows))
    assert events.height == 2
    assert sorted(events["n_mentions"].to_list()) == [1, 2]
    assert events["date_start"].null_count() == 2


def test_event_ids_are_deterministic_and_order_independent():
    rows = [mention(f"m{i}", f"doc{i}", day=D(2024, 1, 4), loc="loc:iq", actor="loc:us") for i in range(5)]
    e1, a1 = cluster_event_mentions(frame(rows))
    e2, a2 = cluster_event_mentions(frame(list(reversed(rows))))
    assert e1["event_id"].to_list() == e2["event_id"].to_list()
    assert e1["event_id"][0].startswith("ev_") and len(e1["event_id"][0]) == 19
    assert a1.equals(a2)
    assert a1.height == 5 and a1["event_id"].n_unique() == 1


def test_empty_input():
    rows = [mention("x", "d", day=D(2024, 1, 1), loc="loc:iq")]
    events, asg = cluster_event_mentions(frame(rows).head(0))
    assert events.height == 0 and asg.height == 0
    assert tuple(events.columns) == EVENT_COLUMNS


def test_daily_incidents_do_not_chain_and_ambiguous_month_report_stays_apart():
    rows = [mention(f"d{k}", f"doc{k}", day=D(2024, 5, 1) + dt.timedelta(days=k), loc="loc:iq-bgw", actor="loc:us")
            for k in range(6)]
    rows.append(mention("m", "docM", day=D(2024, 5, 1), end=D(2024, 5, 31), precision="month", loc="loc:iq-bgw"))
    events, asg = cluster_event_mentions(frame(rows))
    assert events["n_mentions"].max() <= 3  # consecutive days are not one long event
    ev_of = dict(zip(asg["event_mention_id"], asg["event_id"]))
    assert sum(v == ev_of["m"] for v in ev_of.values()) == 1  # several candidates: the month report is not guessed


def test_month_report_joins_the_single_compatible_event():
    rows = [mention("a", "d1", day=D(2024, 6, 10), loc="loc:sy", actor="loc:us", injured=4),
            mention("b", "d2", day=D(2024, 6, 1), end=D(2024, 6, 30), precision="month", loc="loc:sy", injured=5)]
    events, asg = cluster_event_mentions(frame(rows))
    assert events.height == 1
    e = events.to_dicts()[0]
    assert (e["date_precision"], e["date_start"], e["injured"]) == ("day", D(2024, 6, 10), 5)


def _random_rows(seed, n=150):
    import random

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        day = D(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 20))
        kind = rng.random()
        start, end, prec = ((day, day, "day") if kind < 0.65 else (D(2024, 1, 1), D(2024, 1, 31), "month")
                            if kind < 0.85 else (None, None, None))
        rows.append(mention(f"m{i:03d}", f"doc{rng.randint(0, 40)}", etype=rng.choice(["strike", "attack"]),
                            day=start, end=end, precision=prec, loc=rng.choice([None, "loc:a", "loc:b"]),
                            actor=rng.choice([None, "org:x", "org:y"]), target=rng.choice([None, None, "org:z"]),
                            killed=rng.choice([None, 1, 3])))
    return rows


def test_any_order_gives_the_same_events():
    import random

    for seed in range(3):
        rows = _random_rows(seed)
        e1, a1 = cluster_event_mentions(frame(rows))
        shuffled = rows[:]
        random.Random(seed).shuffle(shuffled)
        e2, a2 = cluster_event_mentions(frame(shuffled))
        assert e1.equals(e2) and a1.equals(a2)
        assert e1["n_mentions"].max() > 1


def test_blocks_are_closed_so_each_block_clusters_alone():
    rows = _random_rows(11)
    events, asg, blocks = cluster_event_mentions(frame(rows), with_blocks=True)
    assert blocks.equals(mention_blocks(frame(rows)).sort("event_mention_id"))
    block_of = dict(zip(blocks["event_mention_id"], blocks["block_id"]))
    assert 1 < len(set(block_of.values())) < len(rows)
    # an event never spans two blocks, and clustering the blocks one by one gives the same events
    for eid, members in asg.group_by("event_id").agg(pl.col("event_mention_id")).iter_rows():
        assert len({block_of[m] for m in members}) == 1
    alone = []
    for b in sorted(set(block_of.values())):
        part = [r for r in rows if block_of[r["event_mention_id"]] == b]
        alone.append(cluster_event_mentions(frame(part))[0])
    assert pl.concat(alone).sort("event_id").equals(events)


def test_types_clustered_apart_give_the_events_of_all_together():
    # clustering runs one event type at a time (memory: one type's rows); the same mentions in one
    # call and in one call per type give the same events, assignment and blocks, in the same order
    rows = []
    for k in range(12):
        etype = ("strike", "talks", "visit")[k % 3]
        rows.append(mention(f"m{k:02d}", f"doc{k % 4}", etype=etype, day=D(2024, 1, 4 + k % 2), loc="loc:iq-bgw",
                            actor="loc:us" if k % 5 else None, killed=k if etype == "strike" else None))
    rows.append(mention("u1", "doc9", etype="talks", loc="loc:iq-bgw"))  # undated, one document
    together = cluster_event_mentions(frame(rows), with_blocks=True)
    per_type = [cluster_event_mentions(frame([r for r in rows if r["event_type"] == t]), with_blocks=True)
                for t in ("strike", "talks", "visit")]
    for k, key in enumerate(("event_id", "event_mention_id", "event_mention_id")):
        assert together[k].equals(pl.concat([p[k] for p in per_type]).sort(key))
    ev_type = dict(zip(together[0]["event_id"], together[0]["event_type"]))
    m_type = {r["event_mention_id"]: r["event_type"] for r in rows}
    assert all(ev_type[e] == m_type[m] for m, e in together[1].iter_rows())
    assert together[0].height == 3 + 1  # one event per type on the shared place and days, + the undated talk


def test_types_clustered_one_at_a_time_equal_each_type_alone_and_share_repeated_values():
    """``cluster_event_mentions`` takes one type's mentions at a time (a NULL type too): the result is
    each type's own clustering, concatenated; the rows it builds share equal values (one object)."""
    from pipeline.extract.event_clusters import _prepare

    rows = _random_rows(5) + [mention("n1", "doc1", etype=None, day=D(2024, 1, 2), loc="loc:a"),
                              mention("n2", "doc2", etype=None, day=D(2024, 1, 2), loc="loc:a")]
    events, asg, blocks = cluster_event_mentions(frame(rows), with_blocks=True)
    alone = [cluster_event_mentions(frame([r for r in rows if r["event_type"] == t]), with_blocks=True)
             for t in ("strike", "attack", None)]
    for k, key in enumerate(("event_id", "event_mention_id", "event_mention_id")):
        assert pl.concat([a[k] for a in alone]).sort(key).equals((events, asg, blocks)[k])
    assert events.filter(pl.col("event_type").is_null())["n_mentions"].to_list() == [2]
    prepared = _prepare(frame(rows))
    loc_a = [r.location_entity_id for r in prepared if r.location_entity_id == "loc:a"]
    assert len(loc_a) > 1 and len({id(v) for v in loc_a}) == 1
    assert [r.event_mention_id for r in prepared] == sorted(r["event_mention_id"] for r in rows)
