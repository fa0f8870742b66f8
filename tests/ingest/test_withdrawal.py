"""The withdrawal gate: what a refresh would withdraw, per source, measured against the warehouse."""

import json
from datetime import datetime

import duckdb
import pytest

from pipeline.ingest.withdrawal import active_sources, withdrawal_outcome, withdrawals
from pipeline.warehouse.load import load_batch, read_state
from pipeline.warehouse.migrate import apply_migrations
from pipeline.warehouse.refresh import DOCUMENT_COLUMNS
from tests.warehouse.helpers import batch_for, identity_tables

AR = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد في محافظة الأنبار"


def feed_lines(n=200):
    return [json.dumps({"id": f"r{i}", "text": f"{AR} رقم {i}."}, ensure_ascii=False).encode("utf-8")
            for i in range(1, n + 1)]


@pytest.fixture
def con():
    c = duckdb.connect(":memory:")
    apply_migrations(c)
    yield c
    c.close()


def publish(con, batch):
    docs, tables = identity_tables(batch.documents)
    return load_batch(con, now=datetime.now(), files=batch.files, sources=batch.sources, rejected=batch.rejected,
                      documents=docs.select(DOCUMENT_COLUMNS), doc_tables=tables)


def plan(con, inputs):
    """What the ingest asset does: read state, ingest, measure withdrawals against the warehouse."""
    manifest, known = read_state(con)
    batch = batch_for(inputs, manifest, known)
    touched = batch.files.filter(changed=True)["path"].to_list()
    return batch, withdrawals(batch.files, batch.sources, active_sources(con, touched))


def active(con):
    return con.execute("SELECT count(*) FROM documents WHERE status = 'active'").fetchone()[0]


def test_bad_byte_in_line_100_withdraws_one_document_and_passes(tmp_path, con):
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    lines = feed_lines()
    feed.write_bytes(b"\n".join(lines) + b"\n")
    publish(con, batch_for(feed.parent))
    assert active(con) == 200

    lines[99] = lines[99][:30] + b"\xff\xfe" + lines[99][30:]
    feed.write_bytes(b"\n".join(lines) + b"\n")
    batch, report = plan(con, feed.parent)
    assert [(w.documents, w.withdrawn) for w in report] == [(200, 1)]
    outcome = withdrawal_outcome(report, 0.2, 5)
    assert outcome.passed and outcome.blocking
    stats = publish(con, batch)
    assert stats["documents_removed"] == 1  # the prediction matches what the load does
    assert active(con) == 199
    assert con.execute("SELECT reason, line_no FROM rejected_documents").fetchall() == [("undecodable", 100)]


def test_a_refresh_withdrawing_most_of_a_feed_fails_naming_it(tmp_path, con):
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    lines = feed_lines()
    feed.write_bytes(b"\n".join(lines) + b"\n")
    publish(con, batch_for(feed.parent))
    # 50 of 200 lines broken (25 % > 20 %)
    broken = [ln[:-1] if i % 4 == 0 else ln for i, ln in enumerate(lines)]
    feed.write_bytes(b"\n".join(broken) + b"\n")
    batch, report = plan(con, feed.parent)
    outcome = withdrawal_outcome(report, 0.2, 5)
    assert not outcome.passed and outcome.blocking and outcome.severity == "ERROR"
    assert "in/feed.jsonl" in outcome.description and str(tmp_path) not in outcome.description
    assert "50 of 200" in outcome.description and outcome.metric == pytest.approx(0.25)
    assert outcome.details["offending"][0]["withdrawn"] == 50
    # the prediction is what a load would really do
    assert publish(con, batch)["documents_removed"] == 50
    # a higher limit lets the same refresh through
    assert withdrawal_outcome(report, 0.3, 5).passed


def test_documents_kept_alive_by_another_source_are_not_withdrawn(tmp_path, con):
    a, b = tmp_path / "in" / "a.jsonl", tmp_path / "in" / "b.jsonl"
    a.parent.mkdir()
    lines = feed_lines(10)
    a.write_bytes(b"\n".join(lines))
    b.write_bytes(b"\n".join(lines))  # same records, same documents
    publish(con, batch_for(a.parent))
    a.write_bytes(b"not json\n" * 10)
    _, report = plan(con, a.parent)
    assert [(w.documents, w.withdrawn) for w in report] == [(10, 0)]
    assert withdrawal_outcome(report, 0.2, 5).passed


def test_edited_records_and_deleted_files_do_not_block(tmp_path, con):
    d = tmp_path / "in"
    d.mkdir()
    lines = feed_lines(10)
    (d / "a.jsonl").write_bytes(b"\n".join(lines))
    (d / "b.jsonl").write_bytes(b"\n".join(feed_lines(20)[10:]))
    publish(con, batch_for(d))
    # every record of a.jsonl edited in place (same ids): replaced, not withdrawn; b.jsonl deleted
    (d / "a.jsonl").write_bytes(b"\n".join(ln.replace("رقم".encode(), "عدد".encode()) for ln in lines))
    (d / "b.jsonl").unlink()
    _, report = plan(con, d)
    by = {w.source_path.rsplit("/", 1)[-1]: w for w in report}
    assert (by["a.jsonl"].withdrawn, by["b.jsonl"].withdrawn, by["b.jsonl"].missing) == (0, 10, True)
    assert withdrawal_outcome(report, 0.2, 5).passed


def test_small_sources_are_reported_but_never_block(tmp_path, con):
    d = tmp_path / "in"
    d.mkdir()
    (d / "one.txt").write_text(AR, encoding="utf-8")
    publish(con, batch_for(d))
    (d / "one.txt").write_text("", encoding="utf-8")
    _, report = plan(con, d)
    assert [(w.documents, w.withdrawn) for w in report] == [(1, 1)]
    outcome = withdrawal_outcome(report, 0.2, 5)
    assert outcome.passed and outcome.details["withdrawals"][0]["withdrawn"] == 1
    assert not withdrawal_outcome(report, 0.2, 1).passed


def test_fresh_warehouse_has_nothing_to_withdraw(tmp_path, con):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    _, report = plan(con, tmp_path)
    assert report == [] and withdrawal_outcome(report, 0.2, 5).passed


def test_limit_comes_from_the_environment(monkeypatch):
    from pipeline.settings import Settings

    assert Settings().max_withdrawn_share == 0.2
    monkeypatch.setenv("KHABAR_MAX_WITHDRAWN_SHARE", "0.5")
    monkeypatch.setenv("KHABAR_WITHDRAWAL_MIN_DOCUMENTS", "2")
    assert (Settings().max_withdrawn_share, Settings().withdrawal_min_documents) == (0.5, 2)
    monkeypatch.setenv("KHABAR_MAX_WITHDRAWN_SHARE", "lots")
    with pytest.raises(ValueError, match="KHABAR_MAX_WITHDRAWN_SHARE"):
        Settings()


def test_a_warehouse_with_absolute_names_upgrades_without_withdrawing(tmp_path, con):
    import polars as pl

    d = tmp_path / "in"
    d.mkdir()
    (d / "f.jsonl").write_bytes(b"\n".join(feed_lines(10)))
    (d / "a.txt").write_text(AR, encoding="utf-8")
    old = batch_for(d)
    # what the code before relative names stored: absolute paths and file:// URIs
    absolute = lambda c: pl.lit(str(d) + "/") + pl.col(c).str.strip_prefix("in/")  # noqa: E731
    old.files = old.files.with_columns(absolute("path").alias("path"))
    old.sources = old.sources.with_columns(absolute("source_path").alias("source_path"),
                                           (pl.lit("file://") + absolute("source_uri")).alias("source_uri"))
    old.documents = old.documents.with_columns((pl.lit("file://") + absolute("source_uri")).alias("source_uri"))
    publish(con, old)
    con.execute("UPDATE documents SET pipeline_version = '1+kb.0123456789'")  # processed by the old code
    assert con.execute("SELECT count(*) FROM document_sources WHERE source_path LIKE '/%'").fetchone() == (11,)

    batch, report = plan(con, d)
    assert batch.stats["files_missing"] == 2 and batch.stats["files_read"] == 2
    assert all(w.missing for w in report) and withdrawal_outcome(report, 0.2, 5).passed
    stats = publish(con, batch)
    assert stats["documents_removed"] == 0 and active(con) == 11
    assert con.execute("SELECT count(*) FROM document_sources WHERE active AND source_path LIKE '/%'").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM document_sources WHERE active AND source_path LIKE 'in/%'").fetchone() == (11,)
    assert con.execute("SELECT count(*) FROM source_files WHERE status = 'present' AND path LIKE '/%'").fetchone() == (0,)
    # the version bump reprocessed every document, so no primary source_uri keeps an old name either
    assert batch.documents.height == 11
    assert con.execute("SELECT count(*) FROM documents WHERE source_uri LIKE 'file:%'").fetchone() == (0,)


def test_an_input_root_that_yields_nothing_any_more_blocks(tmp_path, con):
    d = tmp_path / "mnt"
    d.mkdir()
    (d / "a.jsonl").write_bytes(b"\n".join(feed_lines(6)))
    (d / "b.jsonl").write_bytes(b"\n".join(feed_lines(12)[6:]))
    publish(con, batch_for(d))
    for f in d.iterdir():  # the volume is not mounted: an empty directory
        f.unlink()
    batch, report = plan(con, d)
    assert batch.stats["roots_emptied"] == ["mnt"] and all(w.missing for w in report)
    outcome = withdrawal_outcome(report, 0.2, 5, batch.stats["roots_emptied"])
    assert not outcome.passed and "input mnt yields no file any more" in outcome.description
    assert "all 12 of its documents" in outcome.description
    assert withdrawal_outcome(report, 1.0, 5, batch.stats["roots_emptied"]).passed  # on purpose
    # deleting some of its files is an ordinary withdrawal
    (d / "a.jsonl").write_bytes(b"\n".join(feed_lines(6)))
    batch, report = plan(con, d)
    assert batch.stats["roots_emptied"] == []
    assert withdrawal_outcome(report, 0.2, 5, batch.stats["roots_emptied"]).passed
