"""Decoding a JSON Lines feed one line at a time.

JSON Lines is UTF-8 by specification, so a feed is decoded line by line: a line with invalid
bytes is quarantined on its own (with its line number) and never changes how the other lines
are read. A UTF-8 byte-order mark on the first line is tolerated.

Two whole-file exceptions, both decided from the file as a whole and never by one bad line:

* a feed that starts with a UTF-16/UTF-32 byte-order mark is decoded with that codec (the
  mark declares it) and then split into lines; so is a feed whose NUL bytes show BOM-less UTF-16;
* a legacy feed in which *no* line carrying non-ASCII bytes is valid UTF-8 (e.g. a whole
  Windows-1256 export) is decoded with :func:`pipeline.ingest.decode.decode_bytes`. A single
  valid UTF-8 non-ASCII line is enough to make the feed UTF-8, so one bad byte (or a few) can
  only ever cost the lines that hold them.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pipeline.ingest.decode import DecodeError, _looks_utf16, decode_bytes

__all__ = ["FeedLine", "FeedScan", "feed_lines", "scan_feed", "feed_file_lines"]

_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class FeedLine:
    line_no: int                 # 1-based
    text: str | None             # None when the line could not be decoded
    encoding: str
    size_bytes: int
    error: str | None = None     # why ``text`` is None
    lossy: str | None = None     # when ``text`` is None: the line with U+FFFD for the bad bytes (to name it)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _legacy(lines: list[bytes]) -> bool:
    """True when no line with non-ASCII bytes is valid UTF-8 (and at least one has such bytes)."""
    non_ascii = [ln for ln in lines if not ln.isascii()]
    return bool(non_ascii) and not any(_is_utf8(ln) for ln in non_ascii)


def feed_lines(data: bytes) -> Iterator[FeedLine]:
    """Yield every non-blank line of a feed, decoded, or with the reason it could not be.

    Raises :class:`DecodeError` only for whole-file problems decided before any line is read
    (a wide-BOM feed that does not decode, a legacy feed that no charset decodes).
    """
    for bom, enc in _WIDE_BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as exc:
                raise DecodeError("undecodable", f"{enc} byte-order mark but invalid bytes at {exc.start}") from exc
            for n, line in enumerate(text.split("\n"), start=1):
                if line.strip():
                    yield FeedLine(n, line, enc, len(line.encode(enc)))
            return
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    lines = data.split(b"\n")
    if _legacy(lines) or (b"\x00" in data[:8192] and _looks_utf16(data)):
        decoded = decode_bytes(data)  # may raise DecodeError (binary, undecodable)
        for n, line in enumerate(decoded.text.split("\n"), start=1):
            if line.strip():
                yield FeedLine(n, line, decoded.encoding, len(line.encode("utf-8")))
        return
    for n, raw in enumerate(lines, start=1):
        if raw.strip():
            yield _utf8_line(n, raw)


def _utf8_line(n: int, raw: bytes) -> FeedLine:
    """Line ``n`` of a UTF-8 feed (without its ``\\n``), or the reason it does not decode."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return FeedLine(n, None, "utf-8", len(raw),
                        f"line {n}: invalid UTF-8 byte(s) {raw[exc.start:exc.end].hex(' ')} at byte {exc.start} "
                        "(JSON Lines is UTF-8); the line is quarantined, the rest of the feed is read",
                        raw.decode("utf-8", "replace"))
    return FeedLine(n, text, "utf-8", len(raw))


@dataclass(frozen=True)
class FeedScan:
    """What one streaming pass over a feed file learns before any line is decoded."""

    sha256: str                  # of the whole file's bytes
    size_bytes: int
    blank: bool                  # nothing but whitespace
    whole: bool                  # must be decoded as a whole (wide BOM, BOM-less UTF-16 or a legacy charset)


_SCAN_HEAD = 8192


def scan_feed(path: Path) -> FeedScan:
    """Hash a feed and decide how it decodes, reading it a line at a time (memory: one line).

    A wide byte-order mark, a NUL byte in the first 8 KiB (BOM-less UTF-16?) or a legacy feed (no line
    with non-ASCII bytes is valid UTF-8) make the file one that :func:`feed_lines` reads whole and
    decides on exactly; anything else is read line by line by :func:`feed_file_lines`.
    """
    digest = hashlib.sha256()
    size, blank, head = 0, True, b""
    non_ascii = utf8_seen = False
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh):
            digest.update(raw)
            size += len(raw)
            if len(head) < _SCAN_HEAD:
                head += raw[:_SCAN_HEAD - len(head)]
            if blank and raw.strip():
                blank = False
            if n == 0 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not utf8_seen and not raw.isascii():
                non_ascii = True
                utf8_seen = _is_utf8(raw.rstrip(b"\n"))
    # conservative: a NUL byte in the head is enough to hand the file to feed_lines, which decides exactly
    whole = any(head.startswith(bom) for bom, _ in _WIDE_BOMS) or b"\x00" in head or (non_ascii and not utf8_seen)
    return FeedScan(digest.hexdigest(), size, blank, whole)


def feed_file_lines(path: Path, scan: FeedScan, digest=None) -> Iterator[FeedLine]:
    """:func:`feed_lines` of the file at ``path``, read a line at a time unless ``scan`` says it must
    be decoded whole. Same lines, numbers, encodings and errors as ``feed_lines(path.read_bytes())``.

    ``digest`` (a ``hashlib`` object) is fed the bytes actually read, so that a feed that grew
    between the scan and this pass is recorded with the hash of what was read.
    """
    if scan.whole:
        data = path.read_bytes()
        if digest is not None:
            digest.update(data)
        yield from feed_lines(data)
        return
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if digest is not None:
                digest.update(raw)
            if n == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if raw.endswith(b"\n"):
                raw = raw[:-1]
            if raw.strip():
                yield _utf8_line(n, raw)
