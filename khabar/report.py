"""``khabar report``: write the analyst report (one offline HTML file) from the published warehouse."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.settings import Settings

__all__ = ["report", "default_report_path"]


def default_report_path(warehouse: Path | str) -> Path:
    """``report.html`` beside the warehouse (git-ignored under ``warehouse/``)."""
    from pipeline.warehouse.location import locate

    return locate(warehouse).home / "report.html"


@click.command()
@click.option("--warehouse", "-w", default=None,
              help="Warehouse to read: catalog path or postgres:… URI (default: $KHABAR_WAREHOUSE or "
                   "warehouse/khabar.lake.sqlite).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="HTML file to write (default: report.html beside the warehouse).")
@click.option("--title", default="Khabar report", show_default=True, help="Page title.")
def report(warehouse: Path | None, output: Path | None, title: str) -> None:
    """Write one self-contained HTML report: entities over time, events per week, a map of places,
    top speakers and quotes, and a data-quality summary. It loads nothing from the network.

    \b
    Examples:
      khabar report                                # warehouse/report.html
      khabar report -w /tmp/k.duckdb -o /tmp/k.html
    """
    import duckdb

    from pipeline.report import write_report
    from pipeline.warehouse.connect import connect_readonly

    from pipeline.warehouse.location import normalize_spec

    path = normalize_spec(warehouse) if warehouse else Settings.from_env().warehouse
    target = output or default_report_path(path)
    target = target.parent.resolve() / target.name  # never resolve the file itself: it may be a symlink
    if target.is_symlink():
        raise click.ClickException(f"{target} is a symbolic link; refusing to write through it")
    try:
        con = connect_readonly(path)
    except FileNotFoundError as exc:
        raise click.ClickException(f"{exc}") from None
    except duckdb.Error as exc:
        raise click.ClickException(f"cannot open {path}: {str(exc).strip().splitlines()[0]}") from None
    try:
        written = write_report(con, target, title=title)
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc.strerror}") from None
    finally:
        con.close()
    click.echo(f"report written to {written}")
