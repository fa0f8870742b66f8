"""Bytes → text: BOM sniffing, UTF-8/UTF-16/Windows-1256 detection, binary detection.

Every decision is explained by a reason code so that the ingest step can quarantine
bad input instead of crashing or dropping it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

__all__ = ["DecodeError", "Decoded", "decode_bytes"]


class DecodeError(ValueError):
    """Raised when bytes cannot be turned into text; ``reason`` is a reject code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # 'utf-8', 'utf-8-sig', 'utf-16-le', 'utf-16-be', 'windows-1256', ...


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ARABIC_LO, _ARABIC_HI = 0x0600, 0x06FF


def _arabic_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(_ARABIC_LO <= ord(c) <= _ARABIC_HI for c in letters) / len(letters)


_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\ufff0-\uffff]")


def _control_share(text: str) -> float:
    """Share of control characters (other than whitespace controls) — high in binary data."""
    if not text:
        return 0.0
    return len(_CONTROL_RE.findall(text)) / len(text)


def _looks_utf16(data: bytes) -> str | None:
    """Detect BOM-less UTF-16 by the pattern of NUL bytes (ASCII) or of the 0x06 high byte (Arabic)."""
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    n = len(even)
    for enc, hi in (("utf-16-le", odd), ("utf-16-be", even)):
        share = sum(1 for b in hi if b in (0x00, 0x06, 0x20)) / n
        if share > 0.9:
            return enc
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` to text, recording the encoding used.

    Order: empty check → BOM → strict UTF-8 → BOM-less UTF-16 → binary check →
    Windows-1256 (validated by its Arabic share) → charset-normalizer's best guess.
    Raises :class:`DecodeError` with reason ``empty``, ``binary`` or ``undecodable``.
    """
    if not data.strip():
        raise DecodeError("empty", f"{len(data)} bytes, no text")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc.replace("-sig", "") if enc != "utf-8-sig" else "utf-8")
            except UnicodeDecodeError as exc:
                raise DecodeError("undecodable", f"{enc} BOM but invalid bytes at {exc.start}") from exc
            return _checked(text, enc)
    enc16 = _looks_utf16(data)
    if not enc16:
        try:
            return _checked(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    if enc16:
        try:
            return _checked(data.decode(enc16), enc16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise DecodeError("binary", f"NUL bytes in {len(data)} bytes; not UTF-16")
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = None
    if text is not None and _arabic_share(text) >= 0.5 and _control_share(text) < 0.01:
        return Decoded(text, "windows-1256")
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable", "no charset decodes these bytes")
    text = str(best)
    if _control_share(text) >= 0.01:
        raise DecodeError("binary", f"{_control_share(text):.1%} control characters after decoding as {best.encoding}")
    return Decoded(text, best.encoding.replace("_", "-"))


def _checked(text: str, encoding: str) -> Decoded:
    share = _control_share(text)
    if share >= 0.01:
        raise DecodeError("binary", f"{share:.1%} control characters after decoding as {encoding}")
    if not text.strip():
        raise DecodeError("empty", "only whitespace after decoding")
    return Decoded(text, encoding)
