"""``khabar`` — run the pipeline, query the warehouse, extract from one document.

Errors are one line with a hint (exit code 2); a refresh whose blocking checks fail exits 1.
"""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

import click

from khabar import analyst
from khabar.common import KhabarError, clip, print_frame, terminal_width
from khabar.common import resolve_warehouse as _warehouse
from khabar.common import warehouse_option as _warehouse_option
from khabar.report import report
from pipeline.settings import Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def main() -> None:
    """Khabar: Arabic news → a queryable intelligence warehouse (DuckDB).

    \b
    Examples:
      khabar run                                  # build warehouse/khabar.lake.sqlite (+ khabar.lake/) from seeds/
      khabar run --input ../shared/corpus/ant     # ingest a JSON Lines feed directory
      khabar query "SELECT title, published_at FROM documents"
      khabar extract seeds/000_788c76a359087e8b.txt
    """
    try:
        Settings.from_env()
    except ValueError as exc:  # a malformed KHABAR_* setting: one line, not a traceback
        raise KhabarError(str(exc), "fix or unset it (see the Configuration table in README.md)") from None


@main.command()
@click.option("--input", "-i", "inputs", multiple=True, type=click.Path(path_type=Path),
              help="Input file or directory (.txt/.html files, .jsonl feeds); repeatable. Default: seeds/.")
@_warehouse_option
@click.option("--include", "include", multiple=True, metavar="GLOB",
              help="Only input files matching this glob (file name, or path below the input root); repeatable. "
                   "Default: $KHABAR_INCLUDE (comma-separated), else every file.")
@click.option("--exclude", "exclude", multiple=True, metavar="GLOB",
              help="Also leave out input files matching this glob; repeatable. Always left out: $KHABAR_EXCLUDE, "
                   "else README*, LICENSE*, CHANGELOG*, *.md.")
@click.option("--full-refresh", is_flag=True, help="Re-read and reprocess every input, ignoring the manifest.")
@click.option("--force", is_flag=True, help="Run the job even when no input, knowledge base or version changed "
              "(by default such a run is skipped after comparing file sizes and times with the manifest).")
@click.option("--quiet", "-q", is_flag=True, help="Only print the summary.")
def run(inputs: tuple[Path, ...], warehouse: Path | None, include: tuple[str, ...], exclude: tuple[str, ...],
        full_refresh: bool, force: bool, quiet: bool) -> None:
    """Materialize every asset and check through Dagster, then publish atomically.

    \b
    Examples:
      khabar run
      khabar run -i seeds -i ../shared/corpus/ant -w /tmp/k.duckdb
      khabar run --full-refresh
      khabar run --force          # run the job although nothing changed
      khabar run -i feeds/ --include "*.jsonl" --exclude "drafts/*"
    When no input file, knowledge base, pipeline version or schema changed since the last published
    refresh, no run is started ("nothing changed since snapshot N"); `--force` runs anyway.
    Exit codes: 0 published (or nothing to do); 1 a blocking check failed or a step failed (nothing published).
    """
    from khabar.runner import run_refresh

    env = Settings.from_env()
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise KhabarError(f"input not found: {', '.join(missing)}", "pass existing files or directories to --input")
    settings = replace(env, inputs=tuple(p.resolve() for p in inputs) or env.inputs, warehouse=_warehouse(warehouse),
                       include=tuple(include) or env.include, exclude=env.exclude + tuple(exclude))
    from khabar.progress import ProgressDisplay, showing_progress

    click.echo(f"khabar run: {', '.join(str(p) for p in settings.inputs)} → {settings.warehouse}", err=True)
    with nullcontext() if quiet else showing_progress(ProgressDisplay()):
        summary = run_refresh(settings, full_refresh=full_refresh, log_level="ERROR" if quiet else "INFO",
                              echo=lambda line: click.echo(f"khabar run: {line}", err=True), skip_unchanged=not force)
    if summary.skipped:
        click.echo(f"khabar run: {summary.skipped}, checked in {summary.elapsed_s:.2f} s; no run started "
                   "(`khabar run --force` runs anyway)")
        return
    _print_summary(summary, settings.warehouse)
    if not summary.success or summary.failed_blocking:
        sys.exit(1)


@main.command()
@click.option("--input", "-i", "inputs", multiple=True, type=click.Path(path_type=Path),
              help="Input file or directory; repeatable. Default: $KHABAR_INPUTS, else seeds/.")
@_warehouse_option
@click.option("--partition", "-p", "keys", multiple=True, metavar="KEY",
              help="Only this input batch (a key `khabar backfill --list` prints); repeatable. Default: every batch.")
@click.option("--lines", type=int, default=None, metavar="N",
              help="Lines per chunk of a JSON Lines feed (default $KHABAR_PARTITION_LINES, else 1000; 0: whole feeds).")
@click.option("--list", "list_only", is_flag=True, help="Only print the input batches (partition keys), run nothing.")
@click.option("--full-refresh", is_flag=True, help="Reprocess every document of each batch.")
def backfill(inputs: tuple[Path, ...], warehouse: Path | None, keys: tuple[str, ...], lines: int | None,
             list_only: bool, full_refresh: bool) -> None:
    """Backfill by input batches: one Dagster run per partition (a feed file, a chunk of a feed, a dropped directory).

    Each run publishes its batch through the incremental refresh; the result is the same as a
    one-shot `khabar run` over the same inputs, in whatever order the batches run. Runs here are
    sequential; `dagster job backfill -j khabar_partitions` or the UI run them through the run queue
    (docs/partitions.md).

    \b
    Examples:
      khabar backfill --list -i ../shared/corpus/ant
      khabar backfill -i ../shared/corpus/ant -w /tmp/k.duckdb
      khabar backfill -p "ant/ant_v2.1_middle_east_international.jsonl#lines=1001-2000"
    Exit codes: 0 every batch published; 1 a batch failed (the later ones are not run).
    """
    from pipeline.ingest.batches import parse_batch_key, plan_batches

    env = Settings.from_env()
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise KhabarError(f"input not found: {', '.join(missing)}", "pass existing files or directories to --input")
    if lines is not None and lines < 0:
        raise KhabarError(f"--lines {lines} is negative", "pass 0 (whole feeds) or a positive number of lines")
    settings = replace(env, inputs=tuple(p.resolve() for p in inputs) or env.inputs, warehouse=_warehouse(warehouse),
                       partition_chunk_lines=env.partition_chunk_lines if lines is None else lines)
    batches = plan_batches(settings)
    if list_only:
        for b in batches:
            click.echo(f"{b.key}\t{b.scope.kind}\t{b.files} file{'s' if b.files != 1 else ''}")
        return
    for key in keys:
        try:
            parse_batch_key(key)
        except ValueError as exc:
            raise KhabarError(str(exc), "`khabar backfill --list` prints the keys") from None
    from khabar.runner import run_partitions

    chosen = list(keys) or [b.key for b in batches]
    click.echo(f"khabar backfill: {len(chosen)} input batches of {', '.join(str(p) for p in settings.inputs)} "
               f"→ {settings.warehouse}", err=True)

    def done(key: str, summary) -> None:
        state = "published" if summary.success else f"FAILED: {summary.error}"
        click.echo(f"  {key}: run {summary.run_id} {state} ({summary.elapsed_s:.1f} s)")

    results = run_partitions(settings, chosen, full_refresh=full_refresh, log_level="ERROR", on_result=done)
    if len(results) < len(chosen) or not all(s.success for _, s in results):
        sys.exit(1)


def _recorded_checks(warehouse: Path, run_id: str) -> int | None:
    """How many check results of ``run_id`` the warehouse holds (``dq_results``), None if unreadable."""
    import duckdb

    from pipeline.warehouse.connect import connect_readonly

    try:
        con = connect_readonly(warehouse, fts=False)
    except (OSError, RuntimeError, duckdb.Error):
        return None
    try:
        return con.execute("SELECT count(*) FROM dq_results WHERE run_id = ?", [run_id]).fetchone()[0]
    except duckdb.Error:
        return None
    finally:
        con.close()


def _print_summary(summary, warehouse: Path | None = None) -> None:
    s = summary.stats
    raw, clean, rej, wh = (s.get(k, {}) for k in ("raw_documents", "clean_documents", "rejected_documents", "warehouse"))
    click.echo("")
    click.echo(f"run {summary.run_id}: {'SUCCESS' if summary.success else 'FAILED'}")
    if raw:
        click.echo(f"  documents read:     {raw.get('documents', 0)} to process "
                   f"({raw.get('files_read', 0)} files read, {raw.get('files_unchanged', 0)} unchanged, "
                   f"{raw.get('duplicates_collapsed', 0)} duplicates collapsed, "
                   f"{raw.get('already_processed', 0)} already processed)")
    if clean:
        click.echo(f"  documents cleaned:  {clean.get('documents', 0)} "
                   f"({clean.get('with_published_at', 0)} with a publication date)")
    if rej:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted((rej.get("rejected_by_reason") or {}).items(),
                                                                     key=lambda kv: -kv[1]))
        click.echo(f"  rejected:           {rej.get('rejected', 0)}" + (f" ({reasons})" if reasons else ""))
    if wh:
        click.echo(f"  warehouse:          {wh.get('documents', 0)} documents, {wh.get('sentences', 0)} sentences, "
                   f"{wh.get('rejected', 0)} rejected in quarantine")
    if summary.timings:
        steps = " · ".join(f"{step} {secs:.1f} s" for step, secs in summary.timings.items())
        click.echo(f"  steps:              {steps} (run {summary.elapsed_s:.1f} s)")
    passed = sum(c["passed"] for c in summary.checks)
    recorded = _recorded_checks(warehouse, summary.run_id) if warehouse else None
    split = ""
    if recorded is not None and recorded != len(summary.checks):
        split = (f" ({recorded} recorded in the warehouse, as `khabar status` shows; "
                 f"{len(summary.checks) - recorded} made after publishing)")
    click.echo(f"  checks:             {passed}/{len(summary.checks)} passed{split}")
    for c in summary.checks:
        if not c["passed"]:
            kind = "BLOCKING" if c["blocking"] and c["severity"] == "ERROR" else c["severity"]
            click.echo(f"    FAILED [{kind}] {c['asset']}.{c['check']} (metric={c['metric']})")
            if not c["passed"] and c.get("description") and kind == "BLOCKING":
                click.echo(f"      {c['description']}")
    if summary.error:
        click.echo(f"  error: {summary.error}" + (f" (details: {summary.log_file})" if summary.log_file else ""))


@main.command()
@click.argument("sql")
@_warehouse_option
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--limit", type=int, default=200, show_default=True, help="Rows shown in table format (0 = all).")
@click.option("--snapshot", type=int, default=None, help="Query this snapshot id (time travel; see `khabar status`).")
@click.option("--at", "at", default=None, help="Query the warehouse as it was at this time (e.g. '2026-01-05 10:00').")
def query(sql: str, warehouse: str | None, fmt: str, limit: int, snapshot: int | None, at: str | None) -> None:
    """Run read-only SQL against the published warehouse (or an earlier snapshot of it).

    \b
    Examples:
      khabar query "SELECT status, count(*) FROM documents GROUP BY ALL"
      khabar query -f csv "SELECT * FROM rejected_documents" > rejected.csv
      khabar query -f json "SELECT doc_id, title FROM documents LIMIT 3"
      khabar query --snapshot 12 "SELECT count(*) FROM documents"
      khabar query --at "2026-01-05 10:00" "SELECT count(*) FROM documents"
    """
    import duckdb

    from pipeline.warehouse.connect import LegacyWarehouseError, connect_readonly
    from pipeline.warehouse.sandbox import UnsafeQuery, check_read_only

    path = _warehouse(warehouse)
    if snapshot is not None and at is not None:
        raise KhabarError("--snapshot and --at exclude each other", "pass one of them")
    try:
        con = connect_readonly(path, snapshot=snapshot, at=at)
    except LegacyWarehouseError as exc:
        raise KhabarError(str(exc)) from None
    except FileNotFoundError as exc:
        raise KhabarError(str(exc), "run `make run` (or `khabar run`) first, or pass --warehouse") from None
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        raise KhabarError(f"cannot open the warehouse: {first}",
                          "`khabar status` lists the snapshot ids that time travel can reach") from None
    try:
        check_read_only(con, sql)
        frame = con.execute(sql).pl()
    except UnsafeQuery as exc:
        raise KhabarError(f"query refused: {exc}",
                          "use SELECT (or WITH/FROM/DESCRIBE/SHOW); `khabar export` writes tables to files") from None
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        raise KhabarError(f"query failed: {first}", query_error_hint(exc)) from None
    finally:
        con.close()
    print_frame(frame, fmt, limit)


@main.command()
@click.argument("file", type=click.Path(allow_dash=True, path_type=Path), default="-")
@click.option("--published-at", help="Publication date/time (ISO 8601) to anchor relative dates; "
              "otherwise a printed dateline is used, or none.")
@click.option("--title", help="Title, when the text has none on its first line.")
@click.option("--summary", is_flag=True, help="A short readable summary instead of JSON.")
@click.option("--text/--no-text", "with_text", default=True, show_default=True,
              help="Include document.clean_text (the text start_char/end_char index) in the JSON.")
def extract(file: Path, published_at: str | None, title: str | None, summary: bool, with_text: bool) -> None:
    """Print everything extracted from one document, as JSON (the warehouse is not touched).

    FILE is a text or HTML file, or - for standard input. Offsets `raw_start`/`raw_end` index the
    input exactly as given (after decoding); `start_char`/`end_char` index the cleaned text, given
    as `document.clean_text`. A warning goes to stderr when the input does not look like Arabic
    (a `khabar run` would reject it as not_arabic).

    \b
    Examples:
      khabar extract seeds/000_788c76a359087e8b.txt
      khabar extract --summary seeds/000_788c76a359087e8b.txt
      echo "قال وزير الدفاع الأمريكي لويد أوستن يوم الخميس ..." | khabar extract - --published-at 2024-01-28
    """
    from datetime import datetime

    from pipeline.clean.script import detect_language
    from pipeline.ingest.decode import DecodeError, decode_bytes
    from pipeline.ingest.html import html_to_text, looks_like_html
    from pipeline.steps.single import extract_document

    try:
        data = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except OSError as exc:
        raise KhabarError(f"cannot read {file}: {exc.strerror}", "pass a readable file or - for stdin") from None
    try:
        text = decode_bytes(data).text
    except DecodeError as exc:
        raise KhabarError(f"cannot decode {file}: {exc.reason} ({exc.detail})",
                          "Khabar reads UTF-8/UTF-16/Windows-1256 text or HTML") from None
    if looks_like_html(text) or str(file).lower().endswith((".html", ".htm")):
        text, html_title = html_to_text(text)
        title = title or html_title
    when = None
    if published_at:
        try:
            when = datetime.fromisoformat(published_at)
        except ValueError:
            raise KhabarError(f"--published-at {published_at!r} is not ISO 8601", "e.g. 2024-01-28 or 2024-01-28T10:45") from None
    language, ratio = detect_language(text)
    min_ratio = Settings.from_env().min_arabic_ratio
    if language != "ar" or ratio < min_ratio:
        click.echo(f"warning: {'the input' if str(file) == '-' else file} does not look like Arabic (language={language}, Arabic letters "
                   f"{ratio:.0%} < {min_ratio:.0%}); `khabar run` would reject it as not_arabic and little "
                   "will be extracted", err=True)
    result = extract_document(text, published_at=when, title=title)
    result["document"] = {"language": language, "arabic_ratio": ratio, **result["document"]}
    if summary:
        for line in extract_summary(result, terminal_width()):
            click.echo(line)
        return
    if not with_text:
        result["document"].pop("clean_text", None)
    click.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))


def extract_summary(result: dict, width: int) -> list[str]:
    """A few readable lines about one extraction: the document, then each kind of fact."""
    from collections import Counter

    doc = result["document"]
    lines = [clip(f"title: {doc.get('title') or '(none)'}", width),
             f"published: {doc.get('published_at') or 'unknown'} (from {doc.get('published_at_source') or '-'}); "
             f"language: {doc['language']} ({doc['arabic_ratio']:.0%} Arabic letters); "
             f"{doc['n_paragraphs']} paragraphs, {doc['n_sentences']} sentences"]
    lines[1] = clip(lines[1], width)
    mentions = result.get("entity_mentions", [])
    counts = Counter((m.get("entity_id") or "", m.get("name_en") or m["surface"], m["entity_type"]) for m in mentions)
    linked = sum(1 for m in mentions if m.get("entity_id"))
    lines.append(f"entities: {len(mentions)} mentions ({linked} linked to the knowledge base, "
                 f"{len(mentions) - linked} new name{'' if len(mentions) - linked == 1 else 's'})")
    for (eid, name, typ), n in counts.most_common(12):
        lines.append(clip(f"  {n:>3}× {typ:<6} {name}" + (f"  [{eid}]" if eid else "  (new)"), width))
    if len(counts) > 12:
        lines.append(f"  … {len(counts) - 12} more")
    sections = (
        ("dates", "time_expressions", lambda t: f"{t['surface']} → {t.get('value') or '?'}"),
        ("events", "event_mentions", lambda e: f"{e['event_type']}: {e['trigger']}"
         + (f" (killed {e['killed']})" if e.get("killed") else "")),
        ("quotes", "quotes", lambda q: f"{q.get('speaker_surface') or '?'}: «{q['quote_text']}»"),
        ("figures", "quantities", lambda q: f"{q['surface']} ({q.get('category') or '-'})"),
        ("sources cited", "citations", lambda c: f"{c.get('source_surface') or '?'} ({c.get('role') or '-'})"),
    )
    for label, key, fmt in sections:
        rows = result.get(key, [])
        lines.append(f"{label}: {len(rows)}")
        for r in rows[:6]:
            lines.append(clip("  " + fmt(r), width))
        if len(rows) > 6:
            lines.append(f"  … {len(rows) - 6} more (full detail: without --summary)")
    return lines


def query_error_hint(exc: Exception) -> str:
    """A hint that matches the kind of DuckDB error (syntax, unknown name, file access, …)."""
    import duckdb

    if isinstance(exc, duckdb.ParserException):
        return "check the SQL syntax near the position DuckDB names (e.g. SELECT, FROM, quotes)"
    if isinstance(exc, duckdb.CatalogException):
        return "no such table, view or function; `khabar query \"SHOW TABLES\"` lists them, docs/schema.md describes them"
    if isinstance(exc, duckdb.BinderException):
        return "check column names and types; `khabar query \"DESCRIBE <table>\"` lists a table's columns"
    if isinstance(exc, duckdb.PermissionException):
        return "analyst queries read the warehouse only: no files, extensions or settings"
    if isinstance(exc, (duckdb.ConversionException, duckdb.InvalidInputException)):
        return "a value could not be converted; check casts and literals"
    return "see docs/schema.md for tables, columns and views"


@main.command()
@_warehouse_option
@click.option("--retention", default=None,
              help="Expire snapshots older than this (e.g. 7d, 12h; default $KHABAR_SNAPSHOT_RETENTION or 7d).")
@click.option("--grace", default="1h", show_default=True,
              help="Delete unreferenced files only once they are this old (readers may still scan them).")
@click.option("--dry-run", is_flag=True, help="Only count what would be expired and deleted.")
def maintain(warehouse: str | None, retention: str | None, grace: str, dry_run: bool) -> None:
    """Lake maintenance: merge small files, expire old snapshots, delete unreferenced files.

    \b
    Examples:
      khabar maintain
      khabar maintain --retention 30d --dry-run
    (The Dagster job `lake_maintenance` runs the same on a schedule.)
    """
    from pipeline.warehouse.connect import LegacyWarehouseError, warehouse_exists
    from pipeline.warehouse.maintain import maintain as run_maintain, parse_duration

    path = _warehouse(warehouse)
    if not warehouse_exists(path):
        raise KhabarError(f"no warehouse at {path}", "run `make run` (or `khabar run`) first, or pass --warehouse")
    try:
        report = run_maintain(path, retention=parse_duration(retention) if retention else None,
                              grace=parse_duration(grace), dry_run=dry_run)
    except ValueError as exc:
        raise KhabarError(str(exc), "durations look like 7d, 12h, 30m or 0") from None
    except LegacyWarehouseError as exc:
        raise KhabarError(str(exc)) from None
    click.echo(json.dumps(report.as_dict(), indent=1))


@main.command()
@_warehouse_option
@click.option("--from", "source", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A single-file DuckDB warehouse of an earlier version to copy into the lake.")
def migrate(warehouse: str | None, source: Path | None) -> None:
    """Bring a warehouse to the current format and schema.

    Applies pending schema migrations to the lake. A single-file DuckDB warehouse of an earlier
    Khabar (at --warehouse, or given with --from) is copied into the lake, table by table, in one
    snapshot; converted in place, the old file is kept as <name>.v0.duckdb.

    \b
    Examples:
      khabar migrate                                   # pending migrations of the default warehouse
      khabar migrate -w /tmp/k.duckdb                  # convert an old single-file warehouse in place
      khabar migrate --from warehouse/khabar.duckdb    # copy an old warehouse into the default lake
    """
    from pipeline.warehouse.convert import convert_warehouse

    try:
        result = convert_warehouse(_warehouse(warehouse), source)
    except (FileNotFoundError, ValueError) as exc:
        raise KhabarError(str(exc)) from None
    click.echo(json.dumps(result, indent=1, default=str))


analyst.register(main)
main.add_command(report)


if __name__ == "__main__":
    main()
