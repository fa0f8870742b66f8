"""Dates the cleaner settled on (metadata or a printed dateline) that cannot be right are dropped."""

from datetime import datetime

import polars as pl

from pipeline.clean.date_sanity import drop_implausible_dates
from pipeline.steps.clean import clean_step

AR = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد في محافظة الأنبار."


def raw_frame(rows):
    return pl.DataFrame([{"doc_id": d, "raw_text": t, "title": None, "author": None, "published_at": p}
                         for d, t, p in rows],
                        schema={"doc_id": pl.String, "raw_text": pl.String, "title": pl.String, "author": pl.String,
                                "published_at": pl.Datetime("us")})


def test_a_future_dateline_is_dropped_and_listed():
    out = clean_step(raw_frame([
        ("a", "28/01/2099\n" + AR, None),
        ("b", "28/01/2024\n" + AR, None),
        ("c", AR, datetime(1850, 5, 1)),
    ]))
    before = {d: (p, s) for d, p, s in out.documents.select("doc_id", "published_at", "published_at_source").rows()}
    assert before["a"] == (datetime(2099, 1, 28), "text")  # what the cleaner read
    docs, flagged = drop_implausible_dates(out.documents, now=datetime(2026, 1, 1))
    after = {d: (p, s) for d, p, s in docs.select("doc_id", "published_at", "published_at_source").rows()}
    assert after == {"a": (None, None), "b": (datetime(2024, 1, 28), "text"), "c": (None, None)}
    assert [(f["doc_id"], f["flag"], f["source"]) for f in flagged] == [("a", "in_future", "text"),
                                                                          ("c", "before_1900", "metadata")]
    assert docs.height == 3 and docs["clean_text"].to_list() == out.documents["clean_text"].to_list()


def test_nothing_to_drop_returns_the_frame_unchanged():
    out = clean_step(raw_frame([("b", AR, datetime(2024, 1, 1))]))
    docs, flagged = drop_implausible_dates(out.documents)
    assert flagged == [] and docs.equals(out.documents)
