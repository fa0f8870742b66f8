"""Where input files are, and how they are named in the warehouse.

The warehouse never stores a path of the machine. Every configured input root gets a short
*label* — its own name (``seeds``, ``ant``), or, when two roots share a name, the shortest run
of trailing path components that tells them apart (``a/news``, ``b/news``). A file is stored as
``<label>/<path inside the root>`` (a root that is a file is stored as its label alone), with
``/`` separators whatever the platform. The same inputs mounted elsewhere keep every name, and
documents keep their ids (ids are content hashes, see :func:`pipeline.ingest.batch.doc_id_for`).

File names are bytes on POSIX. Names that are not valid UTF-8 are stored with each invalid byte
percent-escaped (``caf%E9.txt``); to keep the mapping one-to-one a literal ``%`` is stored as
``%25`` in every name.

:func:`scan_inputs` lists the files below the roots without ever raising for one bad entry:
a symlink loop, a dangling symlink, something that is not a regular file (FIFO, socket,
device) or a directory that cannot be listed comes back with a ``problem`` (a reject reason and
a detail) for the ingest to quarantine, and the rest of the inputs are read.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

__all__ = ["InputFile", "safe_name", "root_labels", "input_labels", "scan_inputs", "is_under"]


@dataclass(frozen=True)
class InputFile:
    path: Path                                # where to read it (as found below its root; symlinks kept)
    key: str                                  # how the warehouse names it: ``<label>/<relative path>``
    problem: tuple[str, str] | None = None    # (reject reason, detail) when it cannot be read at all
    size_bytes: int = 0
    mtime_ns: int = 0


def safe_name(raw: str) -> str:
    """``raw`` (a path as decoded by Python, surrogateescape) as valid text: ``%`` → ``%25`` and
    every byte that is not UTF-8 → ``%XX``."""
    out = raw.replace("%", "%25")
    if any("\udc80" <= c <= "\udcff" for c in out):
        out = "".join(f"%{ord(c) - 0xDC00:02X}" if "\udc80" <= c <= "\udcff" else c for c in out)
    return out


def root_labels(roots: tuple[Path, ...] | list[Path]) -> dict[Path, str]:
    """Label of each root: its name, lengthened with parent names until no two roots share one."""
    paths = [Path(os.path.abspath(r)) for r in roots]
    parts = {p: [safe_name(x) for x in p.parts if x != p.anchor] or ["root"] for p in paths}
    labels = {}
    for p in paths:
        n = 1
        while any(q != p and parts[q][-n:] == parts[p][-n:] for q in paths) and n < len(parts[p]):
            n += 1
        labels[p] = "/".join(parts[p][-n:])
    return labels


def input_labels(roots: tuple[Path, ...] | list[Path]) -> list[str]:
    """The labels of ``roots``, in order (what ``refresh_runs.inputs`` records)."""
    labels = root_labels(roots)
    return [labels[Path(os.path.abspath(r))] for r in roots]


def is_under(key: str, labels: list[str]) -> bool:
    """True when the stored name ``key`` belongs to one of the root ``labels`` (absolute paths of
    warehouses built before relative names are matched against absolute roots the same way)."""
    return any(key == r or key.startswith(r.rstrip("/") + "/") for r in labels)


def _entry(path: Path, key: str) -> InputFile:
    """Stat ``path`` (following symlinks) into an :class:`InputFile`, or one with a problem."""
    try:
        st = os.stat(path)
    except OSError as exc:
        try:
            lst = os.lstat(path)
        except OSError:
            lst = None
        mtime = lst.st_mtime_ns if lst else 0
        if exc.errno == errno.ELOOP:
            return InputFile(path, key, ("broken_symlink", "symlink loop (the link never resolves to a file)"), 0, mtime)
        if lst is not None and stat.S_ISLNK(lst.st_mode):
            target = safe_name(os.path.basename(os.readlink(path)))  # never a path of the machine
            return InputFile(path, key, ("broken_symlink", f"dangling symlink: its target …/{target} does not exist"),
                             0, mtime)
        return InputFile(path, key, ("unreadable", f"cannot stat: {exc.strerror or exc}"), 0, mtime)
    if not stat.S_ISREG(st.st_mode):
        kind = ("directory" if stat.S_ISDIR(st.st_mode) else "FIFO" if stat.S_ISFIFO(st.st_mode)
                else "socket" if stat.S_ISSOCK(st.st_mode) else "device")
        return InputFile(path, key, ("unsupported_format", f"not a regular file ({kind})"), 0, st.st_mtime_ns)
    return InputFile(path, key, None, st.st_size, st.st_mtime_ns)


def scan_inputs(roots: tuple[Path, ...] | list[Path]) -> Iterator[InputFile]:
    """Every non-hidden file below ``roots`` (files or directories), sorted, never raising for one entry.

    Directory symlinks are not followed (no cycles); file symlinks are read through, and named as
    found below the root (never by their target).
    """
    labels = root_labels(roots)
    done: set[Path] = set()
    for root in roots:
        root = Path(os.path.abspath(root))
        if root in done:  # the same root given twice is read once
            continue
        done.add(root)
        label = labels[root]
        if not os.path.isdir(root):
            if os.path.lexists(root):
                yield _entry(root, label)
            continue
        problems: list[InputFile] = []

        def onerror(exc: OSError, _root=root, _label=label) -> None:
            rel = os.path.relpath(exc.filename, _root) if exc.filename else "."
            key = _label if rel == "." else f"{_label}/{safe_name(Path(rel).as_posix())}"
            problems.append(InputFile(Path(exc.filename or _root), key,
                                      ("unreadable", f"cannot list directory: {exc.strerror or exc}")))

        for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel_dir = os.path.relpath(dirpath, root)
            prefix = label if rel_dir == "." else f"{label}/{safe_name(Path(rel_dir).as_posix())}"
            for name in sorted(filenames):
                if not name.startswith("."):
                    yield _entry(Path(dirpath) / name, f"{prefix}/{safe_name(name)}")
        yield from problems
