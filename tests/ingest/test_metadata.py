from datetime import datetime

import pytest

from pipeline.ingest.metadata import parse_metadata_datetime


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Mon, 19 Feb 2018 00:16:11 +0400", (datetime(2018, 2, 19, 0, 16, 11), 240)),
        ("2024-01-28T10:45:25Z", (datetime(2024, 1, 28, 10, 45, 25), 0)),
        ("2024-01-28 10:45:25", (datetime(2024, 1, 28, 10, 45, 25), None)),
        ("2024-01-28", (datetime(2024, 1, 28), None)),
        (1706438725, (datetime(2024, 1, 28, 10, 45, 25), 0)),
        (1706438725000, (datetime(2024, 1, 28, 10, 45, 25), 0)),
    ],
)
def test_parses_common_feed_time_formats(value, expected):
    assert parse_metadata_datetime(value) == expected


@pytest.mark.parametrize("value", [None, "", "not a date", "يوم الخميس"])
def test_unparseable_is_none_not_now(value):
    assert parse_metadata_datetime(value) is None


def test_implausible_publication_times_are_flagged():
    from pipeline.ingest.metadata import published_at_flag

    now = datetime(2026, 1, 1, 12, 0)
    assert published_at_flag(datetime(2500, 1, 1), now) == "in_future"
    assert published_at_flag(datetime(2026, 1, 4), now) == "in_future"
    assert published_at_flag(datetime(2026, 1, 2, 23, 0), now) is None  # within the time-zone horizon
    assert published_at_flag(datetime(1899, 12, 31), now) == "before_1900"
    assert published_at_flag(datetime(1, 1, 1), now) == "before_1900"
    assert published_at_flag(datetime(1900, 1, 1), now) is None
    assert published_at_flag(None, now) is None


def test_feed_record_with_an_implausible_date_is_kept_undated_and_flagged(tmp_path):
    import json

    from pipeline.clean.script import detect_language
    from pipeline.ingest.batch import ingest
    from pipeline.settings import Settings

    ar = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد"
    recs = [{"id": "ok", "text": ar + " أمس.", "date": "2024-01-28"},
            {"id": "far", "text": ar + " غدا.", "date": "2500-03-01T10:00:00Z"},
            {"id": "old", "text": ar + " قديما.", "date": "1850-01-01"}]
    (tmp_path / "f.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), encoding="utf-8")
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language)
    assert batch.rejected.height == 0 and batch.documents.height == 3
    src = {r["external_id"]: r for r in batch.sources.iter_rows(named=True)}
    assert (src["ok"]["published_at"], src["ok"]["published_at_flag"]) == (datetime(2024, 1, 28), None)
    assert (src["far"]["published_at"], src["far"]["published_at_flag"]) == (None, "in_future")
    assert src["far"]["published_at_raw"] == "2500-03-01T10:00:00Z" and src["far"]["published_utc_offset_min"] is None
    assert (src["old"]["published_at"], src["old"]["published_at_flag"]) == (None, "before_1900")
    docs = {d["external_id"]: d for d in batch.documents.iter_rows(named=True)}
    assert docs["far"]["published_at"] is None and "published_at_flag" not in docs["far"]
