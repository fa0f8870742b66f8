"""Run-level reliability helpers (no Dagster): process identity, the warehouse writer gate,
leftover files of dead runs, and one-line failure descriptions."""
