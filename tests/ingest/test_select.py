"""pipeline.ingest.select: include/exclude globs decide which files below the roots are inputs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.clean.script import detect_language
from pipeline.ingest.batch import ingest
from pipeline.ingest.select import is_selected, parse_patterns, select_inputs
from pipeline.settings import DEFAULT_EXCLUDE, Settings

AR = "أعلنت وزارة الدفاع العراقية أن القوات الأمنية أحبطت هجوما على قاعدة عين الأسد في محافظة الأنبار."
AR2 = "قال وزير الخارجية إن المحادثات مع الجانب العراقي ستستأنف الأسبوع المقبل في بغداد."


@pytest.mark.parametrize("relative, include, exclude, selected", [
    ("a.txt", (), DEFAULT_EXCLUDE, True),
    ("README.md", (), DEFAULT_EXCLUDE, False),
    ("docs/README.txt", (), DEFAULT_EXCLUDE, False),          # a name pattern matches at any depth
    ("LICENSE", (), DEFAULT_EXCLUDE, False),
    ("notes.md", (), DEFAULT_EXCLUDE, False),
    ("README.md", (), (), True),
    ("feed.jsonl", ("*.jsonl",), (), True),
    ("a.txt", ("*.jsonl",), (), False),
    ("drafts/a.txt", (), ("drafts/*",), False),
    ("drafts/deep/a.txt", (), ("drafts/*",), False),          # * crosses / in path patterns
    ("final/a.txt", (), ("drafts/*",), True),
    ("2019/feed.jsonl", ("2019/*",), (), True),
    ("2020/feed.jsonl", ("2019/*",), (), False),
])
def test_is_selected(relative, include, exclude, selected):
    assert is_selected(relative, include, exclude) is selected


def test_parse_patterns():
    assert parse_patterns(" *.jsonl, drafts/* ,,") == ("*.jsonl", "drafts/*")
    assert parse_patterns("") == () and parse_patterns(None) == ()


@dataclass
class Entry:
    path: Path


def test_select_inputs_takes_paths_or_entries_and_keeps_roots_given_as_files(tmp_path):
    root = tmp_path / "in"
    (root / "drafts").mkdir(parents=True)
    files = [root / "a.txt", root / "README.md", root / "drafts" / "b.txt"]
    for f in files:
        f.write_text("x")
    single = tmp_path / "README.md"                       # a root given as a file is always an input
    single.write_text("x")
    settings = Settings(inputs=(root, single), exclude=DEFAULT_EXCLUDE + ("drafts/*",))
    assert list(select_inputs(files + [single], settings)) == [root / "a.txt", single]
    assert [e.path for e in select_inputs([Entry(f) for f in files], settings)] == [root / "a.txt"]


def test_readme_files_are_not_inputs_so_not_rejects(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "README.txt").write_text("Articles scraped in 2019. Do not edit.", encoding="utf-8")
    (tmp_path / "README.md").write_text("# Feeds", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(AR2, encoding="utf-8")
    batch = ingest(Settings(inputs=(tmp_path,)), detect_language)
    assert batch.documents.height == 2 and batch.rejected.height == 0
    assert batch.stats["files_read"] == 2
    # without the default excludes the README files are read and rejected, as before
    everything = ingest(Settings(inputs=(tmp_path,), exclude=()), detect_language)
    assert everything.rejected.height == 2
    assert set(everything.rejected["reason"].to_list()) <= {"not_arabic", "unsupported_format"}
    only_sub = ingest(Settings(inputs=(tmp_path,), include=("sub/*",)), detect_language)
    assert only_sub.documents.height == 1 and only_sub.stats["files_read"] == 1


def test_settings_from_env(monkeypatch):
    monkeypatch.setenv("KHABAR_INCLUDE", "*.jsonl, *.txt")
    monkeypatch.setenv("KHABAR_EXCLUDE", "")
    s = Settings.from_env()
    assert s.include == ("*.jsonl", "*.txt") and s.exclude == ()
    monkeypatch.delenv("KHABAR_EXCLUDE")
    assert Settings.from_env().exclude == DEFAULT_EXCLUDE


def test_globs_travel_through_the_dagster_resource_and_the_command_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    import khabar.runner
    from assets.resources import KhabarConfig
    from khabar.cli import main

    s = Settings(inputs=(tmp_path,), include=("*.jsonl",), exclude=("drafts/*",))
    back = KhabarConfig.from_settings(s).settings()
    assert back.include == ("*.jsonl",) and back.exclude == ("drafts/*",)

    seen = {}

    def fake_run_refresh(settings, **kw):
        seen["settings"] = settings
        raise SystemExit(0)

    monkeypatch.setattr(khabar.runner, "run_refresh", fake_run_refresh)
    CliRunner().invoke(main, ["run", "-i", str(tmp_path), "-w", str(tmp_path / "k.duckdb"),
                              "--include", "*.jsonl", "--exclude", "drafts/*"])
    assert seen["settings"].include == ("*.jsonl",)
    assert seen["settings"].exclude == DEFAULT_EXCLUDE + ("drafts/*",)


def test_selection_never_raises_on_broken_entries(tmp_path):
    (tmp_path / "loop_a.txt").symlink_to(tmp_path / "loop_b.txt")
    (tmp_path / "loop_b.txt").symlink_to(tmp_path / "loop_a.txt")
    (tmp_path / "README.md").symlink_to(tmp_path / "missing")
    items = [tmp_path / "loop_a.txt", tmp_path / "README.md"]
    assert list(select_inputs(items, Settings(inputs=(tmp_path,)))) == [tmp_path / "loop_a.txt"]
