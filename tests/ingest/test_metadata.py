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
