"""Progress of long loops (pipeline/progress.py) and its display by `khabar run` (khabar/progress.py)."""

from __future__ import annotations

import io

from khabar.progress import ProgressDisplay, showing_progress
from pipeline import progress
from pipeline.progress import Progress, track


def test_track_is_transparent_without_a_sink():
    assert list(track(range(5), total=5)) == [0, 1, 2, 3, 4]


def test_track_reports_stage_done_total_and_a_final_report():
    seen = []
    previous = progress.set_sink(seen.append)
    try:
        progress.set_stage("clean")
        assert list(track(range(3), total=3, every_s=0)) == [0, 1, 2]
    finally:
        progress.set_sink(*previous)
    # one final report: a run printed "done in 1m34s" and then "done in 1m35s" for the same stage
    assert [(p.stage, p.done, p.total) for p in seen] == [("clean", 1, 3), ("clean", 2, 3), ("clean", 3, 3)]
    assert seen[-1].finished


def test_progress_line_has_rate_and_eta():
    p = Progress("entity_extraction", 1200, 17797, 5.0)
    line = p.line()
    assert line.startswith("entity_extraction  1,200/17,797 documents   7%")
    assert "240/s" in line and "ETA 1m09s" in line
    assert Progress("clean", 10, 10, 75.0).line().endswith("done in 1m15s")


def test_plain_lines_when_not_a_terminal_are_periodic():
    out = io.StringIO()
    display = ProgressDisplay(out, tty=False, every_s=0.0)
    with showing_progress(display):
        progress.set_stage("clean")
        list(track(range(3), total=3, every_s=0))
    lines = out.getvalue().splitlines()
    assert lines and all("\r" not in ln and "clean" in ln and "/3 documents" in ln for ln in lines)
    assert lines[-1].endswith("done in 0s")

    quiet = io.StringIO()
    with showing_progress(ProgressDisplay(quiet, tty=False, every_s=3600)):
        list(track(range(3), total=3, every_s=0))
    assert quiet.getvalue() == ""  # a short stage prints nothing; the step's "done" line says it all


def test_a_terminal_gets_one_live_line_wiped_before_other_output_and_at_the_end():
    out = io.StringIO()
    with showing_progress(ProgressDisplay(out, tty=True)):
        progress.set_stage("facts")
        it = track(range(3), total=3, every_s=0)
        next(it), next(it)  # the first document is done once the loop asks for the second
        assert out.getvalue().startswith("\r\x1b[K") and "facts  1/3 documents" in out.getvalue()
        progress.before_output()
        assert out.getvalue().endswith("\r\x1b[K")
        list(it)
    assert "\n" not in out.getvalue()


def test_track_weights_items_holding_several_documents():
    seen = []
    previous = progress.set_sink(seen.append)
    try:
        chunks = [["a", "b"], ["c", "d"], ["e"]]
        assert list(track(chunks, total=5, every_s=0, weight=len)) == chunks
    finally:
        progress.set_sink(*previous)
    assert [(p.done, p.total) for p in seen] == [(2, 5), (4, 5), (5, 5)]


def test_loops_that_produce_a_tracked_item_are_not_reported_but_the_consumers_are():
    seen = []
    previous = progress.set_sink(seen.append)

    def chunks():
        for i in range(2):
            yield list(track(range(3), total=3, stage="inner", every_s=0))  # e.g. a chunk's cleaning

    try:
        for chunk in track(chunks(), total=6, stage="outer", every_s=0, weight=len):
            list(track(range(2), total=2, stage="consumer", every_s=0))
    finally:
        progress.set_sink(*previous)
    assert {p.stage for p in seen} == {"outer", "consumer"}
    assert [p.done for p in seen if p.stage == "outer"] == [3, 6]
