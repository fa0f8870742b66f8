"""Dagster assets of Khabar (``assets.definitions`` is the code location)."""

# before any asset module imports duckdb or polars: their allocators read this once, when loaded
from pipeline.runs.allocators import configure as _configure_allocators

_configure_allocators()
