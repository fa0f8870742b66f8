"""Run settings shared by the library, the Dagster resources and the CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PIPELINE_VERSION", "processing_version", "KB_DATA_DIR", "REPO_ROOT", "DEFAULT_FIELD_MAP", "DEFAULT_EXCLUDE",
           "Settings"]

#: Bump when processing changes so that every document is reprocessed on the next refresh.
#: 2: input names relative to the input roots, control characters removed by cleaning, linear HTML.
PIPELINE_VERSION = "2"

REPO_ROOT = Path(__file__).resolve().parent.parent
KB_DATA_DIR = Path(__file__).resolve().parent / "kb" / "data"


def processing_version(kb_dir: Path = KB_DATA_DIR) -> str:
    """``PIPELINE_VERSION`` plus a fingerprint of the knowledge-base files.

    Stored per document; when either changes, the next refresh reprocesses every document
    (entity links depend on the knowledge base).
    """
    import hashlib

    h = hashlib.sha256()
    if kb_dir.is_dir():
        for f in sorted(kb_dir.glob("*")):
            if f.is_file():
                h.update(f.name.encode() + b"\0" + f.read_bytes())
    return f"{PIPELINE_VERSION}+kb.{h.hexdigest()[:10]}"

#: Feed field → candidate JSON keys, first present wins.
DEFAULT_FIELD_MAP: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "docno", "doc_id", "guid", "uuid"),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "full_text"),
    "published_at": ("published_at", "time", "date", "published", "pubDate", "datetime", "timestamp"),
    "url": ("url", "link", "href"),
    "publisher": ("source", "src", "publisher", "site", "outlet"),
    "author": ("author", "byline", "writer"),
}


def _env_float(name: str, default: float) -> float:
    """A number from the environment, or ``default`` when unset; a malformed value is an error naming it."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number") from None


#: Input files that are documentation, never articles (pipeline/ingest/select.py).
DEFAULT_EXCLUDE: tuple[str, ...] = ("README*", "readme*", "LICENSE*", "LICENCE*", "CHANGELOG*", "*.md")


@dataclass(frozen=True)
class Settings:
    """Where to read, where to publish, and the thresholds of the quality gates."""

    inputs: tuple[Path, ...] = (REPO_ROOT / "seeds",)
    #: a catalog path or URI (``postgres:dbname=…``), see ``pipeline/warehouse/location.py``
    warehouse: Path | str = REPO_ROOT / "warehouse" / "khabar.lake.sqlite"
    max_file_bytes: int = 20 * 1024 * 1024          # one-document files (.txt/.html)
    max_feed_bytes: int = 4 * 1024 * 1024 * 1024    # JSON Lines feeds (records are limited by max_document_chars)
    max_document_chars: int = 1_000_000
    min_arabic_ratio: float = 0.5
    max_rejected_share: float = 0.2
    #: A refresh that would withdraw (mark removed) more than this share of the published documents of
    #: one input file still present fails a blocking check naming the file (``KHABAR_MAX_WITHDRAWN_SHARE``).
    max_withdrawn_share: float = field(default_factory=lambda: _env_float("KHABAR_MAX_WITHDRAWN_SHARE", 0.2))
    #: Files carrying fewer published documents than this are reported but never block
    #: (``KHABAR_WITHDRAWAL_MIN_DOCUMENTS``).
    withdrawal_min_documents: int = field(
        default_factory=lambda: int(_env_float("KHABAR_WITHDRAWAL_MIN_DOCUMENTS", 5)))
    field_map: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_FIELD_MAP))
    file_extensions: tuple[str, ...] = (".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson")
    warehouse_wait_timeout_s: float = 600.0          # waiting for another run to finish writing the warehouse
    #: input selection globs (pipeline/ingest/select.py): files not selected are not inputs at all
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    #: input batches (Dagster partitions, pipeline/ingest/batches.py): a JSON Lines feed is split into
    #: chunks of this many lines; 0 keeps every feed one batch (``KHABAR_PARTITION_LINES``)
    partition_chunk_lines: int = field(default_factory=lambda: int(_env_float("KHABAR_PARTITION_LINES", 1000)))

    @classmethod
    def from_env(cls) -> "Settings":
        """Defaults overridden by ``KHABAR_INPUTS`` (os.pathsep-separated), ``KHABAR_WAREHOUSE`` and
        ``KHABAR_WAREHOUSE_WAIT_TIMEOUT`` (seconds), ``KHABAR_INCLUDE`` / ``KHABAR_EXCLUDE`` (comma-separated globs)."""
        kwargs = {}
        if os.environ.get("KHABAR_INPUTS"):
            kwargs["inputs"] = tuple(Path(p).resolve() for p in os.environ["KHABAR_INPUTS"].split(os.pathsep) if p)
        if os.environ.get("KHABAR_WAREHOUSE"):
            from pipeline.warehouse.location import normalize_spec

            kwargs["warehouse"] = normalize_spec(os.environ["KHABAR_WAREHOUSE"])
        if os.environ.get("KHABAR_WAREHOUSE_WAIT_TIMEOUT"):
            kwargs["warehouse_wait_timeout_s"] = float(os.environ["KHABAR_WAREHOUSE_WAIT_TIMEOUT"])
        for key in ("include", "exclude"):  # comma-separated globs; KHABAR_EXCLUDE="" selects everything
            if f"KHABAR_{key.upper()}" in os.environ:
                kwargs[key] = tuple(p.strip() for p in os.environ[f"KHABAR_{key.upper()}"].split(",") if p.strip())
        return cls(**kwargs)
