"""Vocabulary files (YAML) for the fact extractors, loaded once and cached.

Every list in these files is written in ordinary Arabic spelling; callers
normalize entries with :func:`pipeline.text.normalize.normalize_key` before
matching, so spelling variants need not be listed twice.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def load_vocab(name: str) -> dict[str, Any]:
    """Load ``<name>.yaml`` from this directory as a dict (cached)."""
    with open(_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)
