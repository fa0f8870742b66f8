"""Analyst commands of ``khabar``: ``search``, ``export``, ``status`` and the ``kb`` group.

Registered on the main group by :func:`register` (called by ``khabar/cli.py``; this module does not
import ``khabar.cli``). Every error is one line with a hint (``khabar.common.KhabarError``), never a
traceback.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import click

from khabar.common import KhabarError, clip, display_width, print_frame, terminal_width
from khabar.common import resolve_warehouse as _warehouse_path
from khabar.common import warehouse_option as _warehouse_option
from pipeline.settings import REPO_ROOT

__all__ = ["register", "search", "export", "status", "kb", "candidates", "promote"]


def _error(message: str, hint: str | None = None) -> click.ClickException:
    return KhabarError(message, hint)


def default_export_dir() -> Path:
    """``$KHABAR_EXPORT_DIR``, else ``exports/`` at the repository root (git-ignored)."""
    import os

    env = os.environ.get("KHABAR_EXPORT_DIR")
    return Path(env).expanduser() if env else REPO_ROOT / "exports"


@contextmanager
def _open(warehouse: Path | None, fts: bool = True) -> Iterator:
    """Read-only connection to the published warehouse, with one-line errors."""
    import duckdb

    from pipeline.warehouse.connect import connect_readonly

    from pipeline.warehouse.connect import LegacyWarehouseError

    path = _warehouse_path(warehouse)
    try:
        con = connect_readonly(path, fts=fts)
    except LegacyWarehouseError as exc:
        raise _error(str(exc)) from None
    except FileNotFoundError as exc:
        raise _error(str(exc), "run `make run` (or `khabar run`) first, or pass --warehouse") from None
    except duckdb.Error as exc:
        raise _error(f"cannot open {path}: {str(exc).strip().splitlines()[0]}",
                     "is it a Khabar warehouse? check --warehouse / $KHABAR_WAREHOUSE") from None
    try:
        yield con
    finally:
        con.close()


# --------------------------------------------------------------------------------------------- search

@click.command()
@click.argument("query")
@_warehouse_option
@click.option("--limit", "-n", type=click.IntRange(1, 1000), default=10, show_default=True, help="Documents shown.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--any", "any_word", is_flag=True, help="Match documents containing any query word (default: all).")
@click.option("--color/--no-color", default=None, help="Bold matched words (default: when stdout is a terminal).")
def search(query: str, warehouse: Path | None, limit: int, fmt: str, any_word: bool, color: bool | None) -> None:
    """Full-text search of the cleaned Arabic text and titles (BM25, Arabic stemmer).

    Query words are normalized like the index (hamza forms, diacritics, digits) and matched with
    or without the article and the proclitics و ف ب ل ك (القوات finds قوات, للقوات, والقوات).
    Documents where the words appear in order rank higher. Matched words are shown «like this»,
    or in bold on a terminal.

    \b
    Examples:
      khabar search "انسحاب القوات"
      khabar search "الحشد الشعبي" --limit 5
      khabar search "عين الأسد" --format json
      khabar search "بغداد دمشق" --any
    """
    from pipeline.warehouse.search import SearchError, render_snippet
    from pipeline.warehouse.search import search as run_search

    mode = "any" if any_word else "all"
    with _open(warehouse) as con:
        try:
            hits = run_search(con, query, limit=limit, mode=mode)
        except SearchError as exc:
            hint = ("rebuild the warehouse with `khabar run`" if "index" in str(exc)
                    else "search with Arabic (or Latin) words, e.g. khabar search \"مجلس الأمن\"")
            raise _error(str(exc), hint) from None
        total = count_hits(con, query, mode) if hits else 0
        names = _file_names(con, [h.doc_id for h in hits])
    if fmt == "json":
        click.echo(json.dumps([{**h.to_dict(), "file": names.get(h.doc_id)} for h in hits], ensure_ascii=False,
                              indent=1))
        return
    if color is None:
        color = sys.stdout.isatty()
    marks = ("\x1b[1m", "\x1b[0m") if color else ("«", "»")
    if not hits:
        click.echo(f"no document matches {query!r}" + ("" if any_word else " (try --any)"))
        return
    width = terminal_width()
    for rank, h in enumerate(hits, 1):
        when = h.published_at.strftime("%Y-%m-%d") if h.published_at else "undated"
        label = h.title or names.get(h.doc_id) or "(untitled)"
        click.echo(clip(f"{rank:>2}. [{h.score:.3f}] {when}  {h.publisher or '-'}  {' '.join(label.split())}", width,
                        squeeze=False))
        click.echo(f"    {render_snippet(h, *marks)}", color=color)
    if total is None:
        click.echo(f"({len(hits)} documents shown)")
    elif total > len(hits):
        click.echo(f"({len(hits)} of {total} matching documents shown; --limit N for more)")
    else:
        click.echo(f"({total} matching documents)")


def _file_names(con, doc_ids: list[str]) -> dict[str, str]:
    """doc_id → the name of the file (or feed record) it came from: external id, else the source's base name."""
    if not doc_ids:
        return {}
    rows = con.execute("SELECT doc_id, external_id, source_uri FROM documents WHERE list_contains(?, doc_id)",
                       [doc_ids]).fetchall()
    return {d: ext or (uri or "").rstrip("/").rsplit("/", 1)[-1] or d for d, ext, uri in rows}


def count_hits(con, query: str, mode: str) -> int | None:
    """How many active documents match ``query`` (every word for mode 'all', any for 'any'), counted on
    the search index with the same term groups as the ranking; None if the index cannot be counted."""
    import duckdb

    from pipeline.warehouse import search as S

    terms = S.query_terms(con, query)
    if not terms:
        return 0
    need = len(terms) if mode == "all" else 1
    groups = [i for i, t in enumerate(terms) for _ in t.stems]
    stems = [s for t in terms for s in t.stems]
    postings = getattr(S, "POSTINGS_TABLE", None)
    q = "WITH q AS (SELECT DISTINCT unnest(?::INTEGER[]) AS grp, unnest(?::VARCHAR[]) AS stem)"
    if postings:  # per-batch postings index
        sql = (f"{q}, hits AS (SELECT p.doc_id, count(DISTINCT q.grp) AS n FROM {postings} p "
               "JOIN q ON p.term = q.stem GROUP BY p.doc_id) "
               "SELECT count(*) FROM hits JOIN documents d USING (doc_id) WHERE hits.n >= ? AND d.status = 'active'")
    else:  # the DuckDB fts index
        fts = S.FTS_SCHEMA
        sql = (f"{q}, qt AS (SELECT DISTINCT q.grp, dict.termid FROM q JOIN {fts}.dict dict ON dict.term = q.stem), "
               f"hits AS (SELECT t.docid, count(DISTINCT qt.grp) AS n FROM {fts}.terms t JOIN qt "
               "ON t.termid = qt.termid GROUP BY t.docid) "
               f"SELECT count(*) FROM hits JOIN {fts}.docs x ON x.docid = hits.docid "
               "JOIN documents d ON d.doc_id = x.name WHERE hits.n >= ? AND d.status = 'active'")
    try:
        return con.execute(sql, [groups, stems, need]).fetchone()[0]
    except duckdb.Error:
        return None


# --------------------------------------------------------------------------------------------- export

@click.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@_warehouse_option
@click.option("--format", "-f", "fmt", type=click.Choice(["parquet", "csv", "geojson"]), default="parquet",
              show_default=True, help="geojson: places.geojson and events.geojson (points with coordinates).")
@click.option("--views", is_flag=True, help="Also export every analyst view (v_*).")
@click.option("--only", multiple=True, help="Export only this table or view; repeatable.")
def export(directory: Path | None, warehouse: Path | None, fmt: str, views: bool, only: tuple[str, ...]) -> None:
    """Write every table (and optionally the views) to DIRECTORY as Parquet or CSV files.

    One file per table, named after it (documents.parquet, entity_mentions.csv, …). DIRECTORY
    defaults to $KHABAR_EXPORT_DIR, else exports/ in the repository (git-ignored). Each file is
    written to a temporary name and renamed into place; symlinked targets and targets inside the
    warehouse's own files are refused. This is the only command that writes files from the warehouse.

    \b
    Examples:
      khabar export
      khabar export --format csv --views /tmp/khabar-csv
      khabar export --only v_figures --only v_event_timeline -f csv /tmp/out
      khabar export --format geojson /tmp/map          # places.geojson, events.geojson for GIS tools
    """
    import duckdb

    from pipeline.warehouse.export import UnsafeTarget, export_warehouse
    from pipeline.warehouse.sandbox import protected_paths

    directory = directory or default_export_dir()
    if directory.exists() and not directory.is_dir():
        raise _error(f"{directory} is not a directory", "pass a new or existing directory")
    with _open(warehouse, fts=False) as con:
        try:
            files = export_warehouse(con, directory, fmt=fmt, include_views=views, only=list(only) or None,
                                     protected=protected_paths(_warehouse_path(warehouse)))
        except UnsafeTarget as exc:
            raise _error(str(exc), "pass a real directory outside the warehouse") from None
        except ValueError as exc:
            raise _error(str(exc), "see `khabar status` for the tables, docs/schema.md for the views") from None
        except (OSError, duckdb.Error) as exc:
            raise _error(f"export failed: {str(exc).strip().splitlines()[0]}",
                         "check that DIRECTORY is writable") from None
    for f in files:
        click.echo(f"{f.rows:>9}  {f.kind:<5}  {f.path}")
    click.echo(f"({len(files)} files written to {directory})")


# --------------------------------------------------------------------------------------------- status

@click.command()
@_warehouse_option
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def status(warehouse: Path | None, fmt: str) -> None:
    """Summarise the warehouse: documents by status and publisher, last refresh, failed checks,
    row counts.

    \b
    Examples:
      khabar status
      khabar status --format json
      khabar status -w /tmp/k.duckdb
    """
    from pipeline.warehouse.status import format_status, warehouse_status

    with _open(warehouse, fts=False) as con:
        st = warehouse_status(con)
    if fmt == "json":
        click.echo(json.dumps(st, ensure_ascii=False, indent=1, default=str))
    else:
        click.echo(format_status(st))


# --------------------------------------------------------------------------------------------- kb

@click.group()
def kb() -> None:
    """Review names found outside the knowledge base and promote them into it.

    \b
    Examples:
      khabar kb candidates --limit 20
      khabar kb candidates --type ORG --min-docs 3 -f json
      khabar kb promote c6c6a654 --id org:example --name-en "Example"
    """


@kb.command()
@_warehouse_option
@click.option("--limit", "-n", type=click.IntRange(0), default=30, show_default=True, help="Rows shown (0 = all).")
@click.option("--type", "type_guess", type=click.Choice(["PERSON", "ORG", "LOC"]), default=None,
              help="Only this entity type.")
@click.option("--min-docs", type=click.IntRange(1), default=1, show_default=True,
              help="Only names found in at least this many documents.")
@click.option("--all", "include_generic", is_flag=True,
              help="Also show generic phrases (وكالة الأنباء, شبكة الإنترنت …), hidden by default.")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def candidates(warehouse: Path | None, limit: int, type_guess: str | None, min_docs: int, include_generic: bool,
               fmt: str) -> None:
    """List entity candidates (names not in the knowledge base), most widespread first: id, type,
    documents, mentions, the name as written (+ other spellings) and a sample sentence.

    Generic phrases (a head such as وكالة/حزب/مجلس followed only by generic words such as الأنباء,
    الرسمية) are left out unless --all. Promote one with `khabar kb promote ID-OR-NAME`.

    \b
    Examples:
      khabar kb candidates
      khabar kb candidates --type PERSON --min-docs 2
      khabar kb candidates -n 0 -f csv > candidates.csv
    """
    from pipeline.kb.review import list_candidates

    with _open(warehouse, fts=False) as con:
        rows = list_candidates(con, type_guess=type_guess, min_docs=min_docs, limit=limit,
                               include_generic=include_generic)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        import polars as pl

        frame = pl.DataFrame([{**r, "surfaces": " | ".join(r["surfaces"])} for r in rows],
                             schema=["id", "surface", "surfaces", "type_guess", "doc_count", "mention_count", "example",
                                     "normalized_name"], orient="row")
        click.echo(frame.write_csv(), nl=False)
    else:
        for line in candidate_lines(rows, terminal_width()):
            click.echo(line)


def candidate_lines(rows: list[dict], width: int) -> list[str]:
    """The candidates as table lines no wider than ``width`` display columns."""
    if not rows:
        return ["no entity candidates (try --all, a lower --min-docs or another --type)"]
    names = [r["surface"] + (f" (+{len(r['surfaces']) - 1})" if len(r["surfaces"]) > 1 else "") for r in rows]
    name_w = min(max(display_width(n) for n in names), 30)
    head = f"{'id':<8}  {'type':<6} {'docs':>5} {'ment.':>5}  "
    lines = [clip(head + f"{'name':<{name_w}}  sample sentence", width, squeeze=False)]
    for r, name in zip(rows, names):
        name = clip(name, name_w)
        left = f"{r['id']:<8}  {r['type_guess']:<6} {r['doc_count']:>5} {r['mention_count']:>5}  "
        left += name + " " * (name_w - display_width(name)) + "  "
        room = width - display_width(left)
        lines.append((left + _around(r["example"], r["surface"], room)).rstrip() if room > 0
                     else clip(left, width, squeeze=False))
    return lines


def _around(sentence: str, surface: str, width: int) -> str:
    """``sentence`` cut to ``width`` columns, keeping ``surface`` in view."""
    sentence = " ".join(sentence.split())
    if display_width(sentence) <= width:
        return sentence
    at = sentence.find(surface)
    if at <= 0:
        return clip(sentence, width)
    start = max(0, at - max(0, (width - display_width(surface)) // 2))
    return clip("…" + sentence[start:], width) if start else clip(sentence, width)



@kb.command()
@click.argument("candidate", required=False)
@click.option("--id", "entity_id", help="New entity id: per:…, org:… or loc:… (lower-case, hyphenated).")
@click.option("--name-en", help="English name.")
@click.option("--name-ar", help="Arabic name (default: the candidate's first surface).")
@click.option("--type", "entity_type", type=click.Choice(["PERSON", "ORG", "LOC"]),
              help="Entity type (default: the candidate's type guess).")
@click.option("--subtype", default="", help="Subtype from the knowledge-base vocabulary (e.g. armed_group, analyst).")
@click.option("--country", default="", help="ISO 3166-1 alpha-2 country code.")
@click.option("--from-csv", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Promote reviewed rows given in the knowledge-base CSV format instead.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Knowledge-base data directory (default: pipeline/kb/data).")
@_warehouse_option
def promote(candidate: str | None, entity_id: str | None, name_en: str | None, name_ar: str | None,
            entity_type: str | None, subtype: str, country: str, from_csv: Path | None, data_dir: Path | None,
            warehouse: Path | None) -> None:
    """Add a reviewed name to the knowledge base (appended to promoted.csv, validated first).

    CANDIDATE is a candidate's id (c…), one of its surfaces as written, or its matching key, from
    `khabar kb candidates`; its surfaces become aliases. The next `khabar run` re-links every
    document with the new entry.

    \b
    Examples:
      khabar kb promote c6c6a654 --id org:example-council --name-en "Example Council"
      khabar kb promote "هيئة التنسيق الشيعية الحاكمة" --id org:shia-coordination-framework \\
          --name-en "Shia Coordination Framework" --subtype political_party
      khabar kb promote --id per:renad-mansour --type PERSON --name-ar "ريناد منصور" --name-en "Renad Mansour"
      khabar kb promote --from-csv reviewed.csv
    """
    from pipeline.kb.load import read_entity_rows
    from pipeline.kb.promote import candidate_to_row
    from pipeline.kb.promote import promote as promote_rows
    from pipeline.kb.review import find_candidate

    if from_csv:
        rows = read_entity_rows(from_csv)
    else:
        if not entity_id or not name_en:
            raise _error("--id and --name-en are required (or --from-csv)",
                         'e.g. khabar kb promote "<id or name>" --id org:example --name-en "Example"')
        if candidate:
            with _open(warehouse, fts=False) as con:
                found = find_candidate(con, candidate, entity_type)
            if not found:
                raise _error(f"no entity candidate {candidate!r}",
                             "copy an id or a name from `khabar kb candidates`, or give --type and --name-ar")
            cand = {"normalized_name": found["normalized_name"], "type_guess": entity_type or found["type_guess"],
                    "surfaces": found["surfaces"]}
            rows = [candidate_to_row(cand, entity_id, name_en, subtype=subtype, name_ar=name_ar, country_code=country)]
        else:
            if not entity_type or not name_ar:
                raise _error("without CANDIDATE, --type and --name-ar are required",
                             "or pass an id or a name from `khabar kb candidates`")
            cand = {"normalized_name": name_ar, "type_guess": entity_type, "surfaces": [name_ar]}
            rows = [candidate_to_row(cand, entity_id, name_en, subtype=subtype, name_ar=name_ar, country_code=country)]
    try:
        path = promote_rows(rows, data_dir)
    except ValueError as exc:
        raise _error(f"not promoted: {exc}", "fix the id, names or subtype and try again") from None
    for r in rows:
        click.echo(f"promoted {r['entity_id']} ({r['entity_type']}) {r['name_ar']} / {r['name_en']}")
    click.echo(f"written to {path}; run `khabar run` to re-link the documents")


def register(main: click.Group) -> None:
    """Add the analyst commands to the ``khabar`` group."""
    for cmd in (search, export, status, kb):
        main.add_command(cmd)
