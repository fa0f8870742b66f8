"""Pieces every ``khabar`` command shares: the one-line error, the ``--warehouse`` option, table output.

``khabar/cli.py`` (the group and the pipeline commands) and ``khabar/analyst.py`` (analyst commands)
both import from here; neither imports the other's internals, so there is no import circle.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import click

from pipeline.settings import REPO_ROOT, Settings

__all__ = ["KhabarError", "warehouse_option", "resolve_warehouse", "print_frame", "terminal_width",
           "display_width", "clip"]


class KhabarError(click.ClickException):
    """A user-facing error: one line and a hint."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message + (f"\n  hint: {hint}" if hint else ""))


def warehouse_option(f):
    default = Settings.__dataclass_fields__["warehouse"].default  # no environment read at import
    try:
        shown = Path(default).relative_to(REPO_ROOT)
    except ValueError:
        shown = default
    return click.option("--warehouse", "-w", default=None,
                        help="Warehouse: a catalog path (data files beside it) or a postgres:… catalog URI "
                             f"(default: $KHABAR_WAREHOUSE or {shown}).")(f)


def resolve_warehouse(path: str | Path | None) -> Path | str:
    """``--warehouse`` if given (a resolved path, or a catalog URI as given), else ``$KHABAR_WAREHOUSE``
    or the default."""
    from pipeline.warehouse.location import normalize_spec

    return normalize_spec(path) if path else Settings.from_env().warehouse


def terminal_width(default: int = 100) -> int:
    """Columns of the terminal (``$COLUMNS`` or the tty), ``default`` when not a terminal."""
    return max(40, shutil.get_terminal_size((default, 24)).columns)


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: combining marks (Arabic diacritics) take none, wide CJK two."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def clip(text: str, width: int, squeeze: bool = True) -> str:
    """``text`` on one line (white space runs squeezed unless ``squeeze`` is false), cut to ``width``
    display columns with an ellipsis."""
    text = str(text)
    if squeeze:
        indent = len(text) - len(text.lstrip(" "))
        text = " " * indent + " ".join(text.split())
    else:
        text = text.replace("\n", " ")
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > max(width - 1, 0):
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def print_frame(frame, fmt: str, limit: int = 0) -> None:
    """A polars frame as a table (fitted to the terminal), CSV or JSON on stdout."""
    import polars as pl

    if fmt == "csv":
        click.echo(frame.write_csv(), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(frame.to_dicts(), ensure_ascii=False, default=str, indent=1))
    else:
        shown = frame if not limit else frame.head(limit)
        width = terminal_width()
        with pl.Config(tbl_rows=-1, tbl_cols=-1, fmt_str_lengths=max(20, min(80, width // 3)), tbl_width_chars=width,
                       tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
            click.echo(str(shown))
        if limit and frame.height > limit:
            click.echo(f"({frame.height} rows, {limit} shown; use --limit 0 or --format csv for all)")
        else:
            click.echo(f"({frame.height} rows)")
