"""The analyst report: one self-contained, offline HTML file of charts and a map built from the warehouse.

``data.load_report_data`` reads the published warehouse through its analyst views (so the report shows
exactly what a SQL user sees), ``svg`` draws small dependency-free SVG charts, ``page`` assembles the HTML,
and ``geojson`` writes places and events for GIS tools.
"""

from pipeline.report.page import build_report, write_report

__all__ = ["build_report", "write_report"]
