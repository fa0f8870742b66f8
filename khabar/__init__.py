"""Khabar command line and Dagster runner (the processing library is ``pipeline``)."""
