"""A hand-made ReportData (no warehouse): three weeks of mentions, events, places, speakers, checks."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from pipeline.report.data import ReportData

WEEKS = [date(2024, 1, 1), date(2024, 1, 8), date(2024, 1, 15)]


def sample_data() -> ReportData:
    entity_weeks = pl.DataFrame({
        "entity_id": ["loc:iq"] * 3 + ["per:lloyd-austin"] * 2,
        "label": ["Iraq"] * 3 + ["Lloyd Austin"] * 2,
        "week": WEEKS + WEEKS[:2],
        "n_mentions": [10, 4, 7, 2, 5],
    })
    event_weeks = pl.DataFrame({"week": [WEEKS[0], WEEKS[0], WEEKS[2]], "event_type": ["attack", "withdrawal", "attack"],
                                "n_events": [3, 1, 2]})
    places = pl.DataFrame({
        "entity_id": ["loc:iq", "loc:ain-al-asad", "loc:sy"], "name_en": ["Iraq", "Ain al-Asad", "Syria"],
        "name_ar": ["العراق", "عين الأسد", "سوريا"], "subtype": ["country", "base", "country"],
        "lat": [33.2, 33.8, 35.0], "lon": [43.7, 42.4, 38.5], "n_mentions": [21, 3, 6], "n_events": [2, 4, 0],
    })
    landmarks = pl.DataFrame({"name_en": ["Iraq", "Syria", "Iran", "Jordan"], "lat": [33.2, 35.0, 32.4, 31.2],
                              "lon": [43.7, 38.5, 53.7, 36.5]})
    speakers = pl.DataFrame({"speaker": ["لويد أوستن", "كتائب حزب الله"], "speaker_en": ["Lloyd Austin", None],
                             "n_quotes": [4, 2], "n_documents": [3, 2]})
    quotes = pl.DataFrame({"speaker": ["لويد أوستن"], "speaker_en": ["Lloyd Austin"],
                           "quote_text": ["<script>alert(1)</script> سنبقى في العراق"],
                           "published_date": [date(2024, 1, 9)], "title": ["t"], "doc_id": ["d1"]})
    checks = pl.DataFrame({"asset": ["warehouse", "clean_documents"], "check_name": ["contract_spans", "coverage"],
                           "passed": [True, False], "severity": ["ERROR", "WARN"], "blocking": [True, False],
                           "metric": [0.0, 0.4]})
    rejections = pl.DataFrame({"reason": ["not_arabic", "empty"], "n": [3, 1]})
    return ReportData(
        kpis={"documents": 12, "first_published": date(2024, 1, 1), "last_published": date(2024, 1, 20),
              "mentions": 28, "entities": 5, "events": 6, "quotes": 6, "figures": 9},
        entity_weeks=entity_weeks, event_weeks=event_weeks, places=places, landmarks=landmarks, speakers=speakers, quotes=quotes,
        checks=checks, rejections=rejections, window=(WEEKS[0], WEEKS[-1]), outside_window={"mentions": 0, "events": 2},
        last_run={"run_id": "r1", "started_at": datetime(2024, 1, 21, 6, 0), "published_at": None,
                  "status": "published", "stats": {}},
    )
