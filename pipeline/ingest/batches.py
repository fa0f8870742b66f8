"""How the input locations split into *input batches*, each with a stable key (the Dagster partitions).

A batch is what one partitioned run reads and publishes:

* a **file** directly in an input root (or a root given as a file): key = its stored name,
  ``seeds/000_788c.txt``;
* a **directory** directly below an input root (a dropped directory, read with everything below
  it): key = its stored name with a trailing ``/``, ``inbox/2026-11-29/``;
* a **chunk** of a JSON Lines feed directly in a root: lines ``a``–``b`` of the feed, for fixed
  ranges of ``chunk_lines`` lines (one record per line; blank lines count): key
  ``ant/feed.jsonl#lines=1001-2000``. The ranges never move, so a feed that grows keeps the keys of
  its full chunks and gains new ones; only the last, partial chunk changes content. With
  ``chunk_lines = 0`` a feed is one file batch.

Stored names are those of :mod:`pipeline.ingest.locations` (``<root label>/<relative path>``), so a
key names the same batch on any machine. :func:`parse_batch_key` turns a key back into a
:class:`BatchScope` (which stored paths, which lines) without scanning anything: a run needs only
its key. Keys escape what Dagster refuses in a partition key (``...`` and control characters) as
``%XX`` (``%`` itself is ``%25``).

:func:`plan_batches` lists the batches now present, each with a *fingerprint* of its content
(sizes and modification times; for a chunk, the hash of its bytes, so that appending to a feed
changes only the last chunk's fingerprint). Nothing here imports Dagster.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Iterator
from urllib.parse import unquote

from pipeline.ingest.locations import InputFile, input_labels, scan_inputs
from pipeline.ingest.select import select_inputs
from pipeline.ingest.sources import FEED_FORMATS

__all__ = ["BatchScope", "InputBatch", "batch_key", "parse_batch_key", "plan_batches", "chunk_ranges"]

_CHUNK_RE = re.compile(r"^(?P<path>.+)#lines=(?P<first>\d+)-(?P<last>\d+)$")
_ESCAPE_RE = re.compile(r"[%\x00-\x1f\x7f]|\.(?=\.\.)")


@dataclass(frozen=True)
class BatchScope:
    """Which stored paths (and, for a chunk, which lines) one batch covers."""

    path: str                          # a file's stored name, or a directory's with a trailing "/"
    first_line: int | None = None      # chunk: first line (1-based), inclusive
    last_line: int | None = None       # chunk: last line, inclusive

    @property
    def kind(self) -> str:
        return "chunk" if self.first_line is not None else "directory" if self.path.endswith("/") else "file"

    def contains(self, stored_path: str) -> bool:
        """Whether ``stored_path`` (a file's stored name) belongs to this batch."""
        if self.path.endswith("/"):
            return stored_path.startswith(self.path)
        return stored_path == self.path

    def contains_line(self, line_no: int | None) -> bool:
        """Whether a record at ``line_no`` belongs to this batch (file-level records, without a
        line number, belong to every chunk of their file)."""
        if self.first_line is None or line_no is None:
            return True
        return self.first_line <= line_no <= self.last_line


@dataclass(frozen=True)
class InputBatch:
    key: str
    scope: BatchScope
    fingerprint: str
    files: int                          # input files in the batch (1 for a file or a chunk)


def _escape(name: str) -> str:
    return _ESCAPE_RE.sub(lambda m: f"%{ord(m.group()):02X}", name)


def batch_key(scope: BatchScope) -> str:
    """The partition key of ``scope`` (inverse of :func:`parse_batch_key`)."""
    key = _escape(scope.path)
    if scope.first_line is not None:
        key += f"#lines={scope.first_line}-{scope.last_line}"
    return key


def parse_batch_key(key: str) -> BatchScope:
    """The scope a partition key names; raises ``ValueError`` for a key no plan produces."""
    if not key or key.startswith("/"):
        raise ValueError(f"not an input batch key: {key!r}")
    m = _CHUNK_RE.match(key)
    if m:
        first, last = int(m.group("first")), int(m.group("last"))
        if first < 1 or last < first:
            raise ValueError(f"bad line range in input batch key: {key!r}")
        return BatchScope(unquote(m.group("path")), first, last)
    return BatchScope(unquote(key))


def chunk_ranges(n_lines: int, chunk_lines: int) -> list[tuple[int, int]]:
    """Fixed line ranges ``(first, last)`` covering ``n_lines`` lines: 1–N, N+1–2N, …"""
    if chunk_lines <= 0:
        raise ValueError("chunk_lines must be positive")
    return [(start + 1, start + chunk_lines) for start in range(0, max(n_lines, 1), chunk_lines)]


def _is_feed(key: str) -> bool:
    return key.lower().endswith(tuple(FEED_FORMATS))


def _feed_chunks(entry: InputFile, chunk_lines: int) -> Iterator[tuple[BatchScope, str]]:
    """Chunks of a feed with the hash of each chunk's bytes (line numbers as the ingest counts them:
    split on ``\\n``)."""
    data = entry.path.read_bytes()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # a final newline does not start a line
    for first, last in chunk_ranges(len(lines), chunk_lines):
        digest = hashlib.sha256(b"\n".join(lines[first - 1:last])).hexdigest()[:20]
        yield BatchScope(entry.key, first, last), digest


def _stat_line(entry: InputFile) -> bytes:
    return f"{entry.key}\0{entry.size_bytes}\0{entry.mtime_ns}\0{entry.problem}\n".encode()


def plan_batches(settings, chunk_lines: int | None = None, entries: Iterable[InputFile] | None = None) -> list[InputBatch]:
    """Every input batch below ``settings.inputs`` (after include/exclude), sorted by path and line.

    ``chunk_lines`` defaults to ``settings.partition_chunk_lines``; ``0`` keeps feeds whole. A feed
    that cannot be read is one file batch (its run quarantines it).
    """
    if chunk_lines is None:
        chunk_lines = getattr(settings, "partition_chunk_lines", 0)
    if chunk_lines < 0:
        raise ValueError(f"lines per feed chunk must be >= 0 (0: feeds are not split), got {chunk_lines}")
    entries = list(select_inputs(scan_inputs(settings.inputs), settings) if entries is None else entries)
    roots = _root_labels(settings)
    directories: dict[str, list[InputFile]] = {}
    out: list[InputBatch] = []
    for entry in entries:
        top = _top_level_directory(entry.key, roots)
        if top is not None:
            directories.setdefault(top, []).append(entry)
            continue
        if chunk_lines > 0 and entry.problem is None and _is_feed(entry.key):
            try:
                chunks = list(_feed_chunks(entry, chunk_lines))
            except OSError:
                chunks = []
            if chunks:
                for scope, digest in chunks:
                    out.append(InputBatch(batch_key(scope), scope, digest, 1))
                continue
        scope = BatchScope(entry.key)
        out.append(InputBatch(batch_key(scope), scope, hashlib.sha256(_stat_line(entry)).hexdigest()[:20], 1))
    for top, members in directories.items():
        h = hashlib.sha256()
        for entry in sorted(members, key=lambda e: e.key):
            h.update(_stat_line(entry))
        scope = BatchScope(top)
        out.append(InputBatch(batch_key(scope), scope, h.hexdigest()[:20], len(members)))
    return sorted(out, key=lambda b: (b.scope.path, b.scope.first_line or 0))


def _root_labels(settings) -> list[str]:
    return input_labels(settings.inputs)


def _top_level_directory(key: str, labels: list[str]) -> str | None:
    """``<label>/<dir>/`` when ``key`` lies in a directory below its root, else None."""
    for label in sorted(labels, key=len, reverse=True):
        prefix = label.rstrip("/") + "/"
        if key.startswith(prefix):
            rest = key[len(prefix):]
            if "/" in rest:
                return prefix + rest.split("/", 1)[0] + "/"
            return None
    return None
