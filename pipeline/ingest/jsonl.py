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
from dataclasses import dataclass
from typing import Iterator

from pipeline.ingest.decode import DecodeError, _looks_utf16, decode_bytes

__all__ = ["FeedLine", "feed_lines"]

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
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield FeedLine(n, None, "utf-8", len(raw),
                           f"line {n}: invalid UTF-8 byte(s) {raw[exc.start:exc.end].hex(' ')} at byte {exc.start} "
                           "(JSON Lines is UTF-8); the line is quarantined, the rest of the feed is read",
                           raw.decode("utf-8", "replace"))
            continue
        yield FeedLine(n, text, "utf-8", len(raw))
