"""Khabar command line and Dagster runner (the processing library is ``pipeline``)."""

# before anything imports duckdb or polars: their allocators read this once, when loaded
from pipeline.runs.allocators import configure as _configure_allocators

_configure_allocators()
