"""The analyst report asset: one offline HTML file rebuilt after every publish."""

import dagster as dg

from assets.resources import KhabarConfig
from assets.support import OWNERS
from pipeline.report.data import load_report_data
from pipeline.report.page import SECTION_IDS, write_report
from pipeline.warehouse.connect import connect_readonly
from pipeline.warehouse.location import locate

GROUP = "publish"


@dg.asset(
    name="report",
    group_name=GROUP,
    deps=["warehouse"],
    description="`report.html` beside the warehouse: mentions of the top entities over time, events per week by "
    "type, a map of places, top speakers and quotes, and a data-quality summary. Self-contained and offline "
    "(inline SVG, no script); `khabar report` writes the same file on demand.",
    owners=OWNERS,
    kinds={"html"},
    check_specs=[dg.AssetCheckSpec("report_complete", asset="report", blocking=False,
                                   description="the report has every section and an SVG chart in each")],
)
def report_asset(context: dg.AssetExecutionContext, khabar: KhabarConfig):
    settings = khabar.settings()
    target = locate(settings.warehouse).home / "report.html"
    con = connect_readonly(settings.warehouse)
    try:
        data = load_report_data(con)
        write_report(con, target, data=data)
    finally:
        con.close()
    html = target.read_text(encoding="utf-8")
    missing = [s for s in SECTION_IDS if f'<section id="{s}">' not in html]
    n_svg = html.count("<svg")
    kpis = data.kpis
    preview = "\n".join(["| figure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in kpis.items())])
    yield dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(target)),
        "dagster/row_count": int(kpis["documents"]),  # documents the report covers
        "preview": dg.MetadataValue.md(preview),
        "bytes": len(html.encode()), "charts": n_svg, "places": data.places.height,
    })
    yield dg.AssetCheckResult(check_name="report_complete", asset_key="report", passed=not missing and n_svg >= 4,
                              metadata={"metric": float(len(missing)), "missing_sections": dg.MetadataValue.json(missing),
                                        "charts": n_svg})
