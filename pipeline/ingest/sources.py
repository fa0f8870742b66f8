"""Reading input locations: directories of .txt/.html files and JSON Lines feeds.

Produces :class:`SourceRecord` (one article from one place) and :class:`Rejection`
(input that could not become a document, with a reason code). Nothing raises for
bad input: every problem becomes a rejection.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Iterator

from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.html import html_to_text, looks_like_html
from pipeline.ingest.jsonl import FeedLine, feed_file_lines, scan_feed
from pipeline.ingest.locations import InputFile, scan_inputs
from pipeline.ingest.metadata import parse_metadata_datetime, published_at_flag
from pipeline.settings import Settings

__all__ = [
    "REJECT_REASONS", "SourceRecord", "Rejection", "FileState",
    "list_input_files", "file_state", "read_file",
]

#: Every reason code a rejection can carry (the checks accept only these).
REJECT_REASONS = (
    "empty", "binary", "undecodable", "too_large", "not_arabic",
    "invalid_json", "missing_text", "unsupported_format", "unreadable", "broken_symlink",
    "empty_after_cleaning",
)
FEED_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl"}
HTML_FORMATS = {".html": "html", ".htm": "html"}


@dataclass
class SourceRecord:
    source_uri: str
    source_path: str
    source_format: str            # txt | html | jsonl
    external_id: str
    raw_text: str
    encoding: str
    line_no: int | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    published_utc_offset_min: int | None = None
    published_at_raw: str | None = None
    published_at_flag: str | None = None   # before_1900 | in_future: published_at_raw not believed
    size_bytes: int = 0

    @property
    def content_sha256(self) -> str:
        return hashlib.sha256(self.raw_text.encode("utf-8")).hexdigest()


@dataclass
class Rejection:
    source_uri: str
    source_path: str
    external_id: str | None
    reason: str
    detail: str
    size_bytes: int | None = None
    encoding: str | None = None
    line_no: int | None = None


@dataclass
class FileState:
    path: str                      # stored name: ``<root label>/<relative path>`` (pipeline.ingest.locations)
    size_bytes: int
    mtime_ns: int
    kind: str                      # file | feed
    sha256: str | None = None
    records: list[SourceRecord] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    fs_path: Path | None = None    # where to read it on this machine (never stored)
    problem: tuple[str, str] | None = None  # (reason, detail) when it cannot be read at all


def list_input_files(inputs: tuple[Path, ...] | list[Path]) -> Iterator[Path]:
    """Yield every readable, regular, non-hidden file below the given files/directories, sorted
    (symlink loops, dangling symlinks and other broken entries are skipped; the ingest quarantines them)."""
    for entry in scan_inputs(inputs):
        if entry.problem is None:
            yield entry.path


def file_state(entry: InputFile) -> FileState:
    kind = "feed" if entry.key.lower().endswith(tuple(FEED_FORMATS)) else "file"
    return FileState(entry.key, entry.size_bytes, entry.mtime_ns, kind, fs_path=entry.path, problem=entry.problem)


def _uri(path: str) -> str:
    """URI of a file: its stored name (a reference relative to the input roots)."""
    return path


def _fragment_uri(base_uri: str, fragment: str) -> str:
    """URI of one record of a feed: ``<root label>/…/feed.jsonl#<record id>``."""
    return f"{base_uri}#{fragment}"


def read_file(state: FileState, settings: Settings, detect_language) -> FileState:
    """Read one input file into records and rejections (never raises for bad content).

    ``detect_language(text) -> (language, arabic_ratio)`` decides Arabic vs not.
    """
    path = state.fs_path if state.fs_path is not None else Path(state.path)
    name = state.path.rsplit("/", 1)[-1]
    suffix = Path(name).suffix.lower()
    uri = _uri(state.path)
    if state.problem is not None:
        reason, detail = state.problem
        state.rejections.append(Rejection(uri, state.path, name, reason, detail, None))
        return state
    if suffix not in settings.file_extensions:
        state.rejections.append(Rejection(uri, state.path, name, "unsupported_format",
                                          f"extension {suffix or '(none)'} is not one of {', '.join(settings.file_extensions)}",
                                          state.size_bytes))
        return state
    limit, limit_name = ((settings.max_feed_bytes, "max_feed_bytes") if suffix in FEED_FORMATS
                         else (settings.max_file_bytes, "max_file_bytes"))
    if state.size_bytes > limit:
        state.rejections.append(Rejection(uri, state.path, name, "too_large",
                                          f"{state.size_bytes} bytes > {limit_name} {limit}",
                                          state.size_bytes))
        return state
    if suffix in FEED_FORMATS:
        return _read_feed_file(state, path, uri, name, settings, detect_language)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _unreadable(state, uri, name, exc)
    state.sha256 = hashlib.sha256(data).hexdigest()
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        state.rejections.append(Rejection(uri, state.path, name, exc.reason, exc.detail, len(data)))
        return state
    text, title, fmt = decoded.text, None, "txt"
    if suffix in HTML_FORMATS or looks_like_html(text):
        text, title = html_to_text(text)
        fmt = "html"
    record = SourceRecord(uri, state.path, fmt, name, text, decoded.encoding,
                          title=title, size_bytes=len(data))
    _admit(state, record, settings, detect_language)
    return state


def _unreadable(state: FileState, uri: str, name: str, exc: OSError) -> FileState:
    state.rejections.append(Rejection(uri, state.path, name, "unreadable", f"cannot read: {exc.strerror or exc}",
                                      state.size_bytes))
    return state


def _read_feed_file(state: FileState, path: Path, uri: str, name: str, settings: Settings,
                    detect_language) -> FileState:
    """A JSON Lines feed, streamed: a scan (hash, blank, how it decodes), then one line at a time, so
    that reading a feed holds one line of it, never the whole file (:mod:`pipeline.ingest.jsonl`)."""
    try:
        scan = scan_feed(path)
    except OSError as exc:
        return _unreadable(state, uri, name, exc)
    state.sha256 = scan.sha256
    if scan.blank:
        state.rejections.append(Rejection(uri, state.path, name, "empty", f"{scan.size_bytes} bytes, no text",
                                          scan.size_bytes))
        return state
    digest = hashlib.sha256()
    try:
        _read_feed(state, feed_file_lines(path, scan, digest), settings, detect_language)
    except DecodeError as exc:
        state.rejections.append(Rejection(uri, state.path, name, exc.reason, exc.detail, scan.size_bytes))
        return state
    except OSError as exc:  # the file went away or failed while being read: none of its records count
        state.records.clear()
        state.rejections.clear()
        return _unreadable(state, uri, name, exc)
    state.sha256 = digest.hexdigest()
    return state


def _admit(state: FileState, record: SourceRecord, settings: Settings, detect_language) -> None:
    """Final per-document gates: emptiness, size, language."""
    reject = None
    if not record.raw_text.strip():
        reject = ("empty", "no text after extraction")
    elif len(record.raw_text) > settings.max_document_chars:
        reject = ("too_large", f"{len(record.raw_text)} characters > max_document_chars {settings.max_document_chars}")
    else:
        language, ratio = detect_language(record.raw_text)
        if language != "ar" or ratio < settings.min_arabic_ratio:
            reject = ("not_arabic", f"language={language} arabic_ratio={ratio:.2f} (min {settings.min_arabic_ratio})")
    if reject:
        state.rejections.append(Rejection(record.source_uri, record.source_path, record.external_id,
                                          reject[0], reject[1], record.size_bytes, record.encoding, record.line_no))
    else:
        state.records.append(record)


def _first(obj: dict, keys: tuple[str, ...]):
    for key in keys:
        value = obj.get(key)
        if value not in (None, ""):
            return value
    return None


def _read_feed(state: FileState, lines: Iterator[FeedLine], settings: Settings, detect_language) -> None:
    """Records of a feed, line by line (``lines`` from :func:`pipeline.ingest.jsonl.feed_lines`).

    Lines are split on ``\\n`` only: ``str.splitlines()`` would also split inside records on
    U+2028, ``\\x1c``, ``\\x85`` … A line that does not decode is quarantined alone.
    """
    fmap = settings.field_map
    base = _uri(state.path)  # computed once per feed, not once per record
    seen_ids: dict[str, int] = {}
    for fl in lines:
        line_no, line, encoding, size = fl.line_no, fl.text, fl.encoding, fl.size_bytes
        if line is None:
            # name the lost record when its id can still be read around the bad bytes
            external_id = _record_id(fl.lossy, fmap)
            if external_id is not None:
                external_id = external_id if external_id not in seen_ids else f"{external_id}@line={line_no}"
                seen_ids[external_id] = line_no
            state.rejections.append(Rejection(_fragment_uri(base, external_id or f"line={line_no}"), state.path,
                                              external_id, "undecodable", fl.error or f"line {line_no}: not UTF-8",
                                              size, encoding, line_no))
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            state.rejections.append(Rejection(_fragment_uri(base, f"line={line_no}"), state.path, None, "invalid_json",
                                              f"line {line_no}: {exc.msg} at column {exc.colno}", size, encoding, line_no))
            continue
        if not isinstance(obj, dict):
            state.rejections.append(Rejection(_fragment_uri(base, f"line={line_no}"), state.path, None, "invalid_json",
                                              f"line {line_no}: expected an object, got {type(obj).__name__}",
                                              size, encoding, line_no))
            continue
        ext = _first(obj, fmap["external_id"])
        external_id = str(ext) if ext is not None else f"line={line_no}"
        if external_id in seen_ids:  # repeated id inside one feed: keep both, disambiguate the URI
            external_id = f"{external_id}@line={line_no}"
        seen_ids[external_id] = line_no
        uri = _fragment_uri(base, external_id)
        body = _first(obj, fmap["text"])
        if not isinstance(body, str) or not body.strip():
            state.rejections.append(Rejection(uri, state.path, external_id, "missing_text",
                                              f"none of the text fields {list(fmap['text'])} holds text",
                                              size, encoding, line_no))
            continue
        fmt = "jsonl"
        if looks_like_html(body):
            body, _ = html_to_text(body)
        raw_time = _first(obj, fmap["published_at"])
        parsed = parse_metadata_datetime(raw_time)
        date_flag = published_at_flag(parsed[0]) if parsed else None
        if date_flag:
            parsed = None  # not believed: the record is published undated and flagged
        title = _first(obj, fmap["title"])
        record = SourceRecord(
            source_uri=uri, source_path=state.path, source_format=fmt, external_id=external_id,
            raw_text=body, encoding=encoding, line_no=line_no,
            title=_str(title),
            url=_str(_first(obj, fmap["url"])), publisher=_str(_first(obj, fmap["publisher"])),
            author=_str(_first(obj, fmap["author"])),
            published_at=parsed[0] if parsed else None,
            published_utc_offset_min=parsed[1] if parsed else None,
            published_at_raw=None if raw_time is None else str(raw_time),
            published_at_flag=date_flag,
            size_bytes=size,
        )
        _admit(state, record, settings, detect_language)


#: Control characters (other than TAB and line breaks) dropped from feed metadata fields.
_METADATA_CONTROLS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _record_id(text: str | None, fmap: dict) -> str | None:
    """The record id of a line that is not valid JSON text as is (``None`` when unreadable)."""
    if not text:
        return None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError:
        return None
    ext = _first(obj, fmap["external_id"]) if isinstance(obj, dict) else None
    return _str(ext)


def _str(value) -> str | None:
    """A metadata field (title, url, publisher, author) as stripped text without control characters."""
    if value is None:
        return None
    text = _METADATA_CONTROLS_RE.sub("", str(value)).strip()
    return text or None
