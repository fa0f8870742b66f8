"""Which files below the input roots are inputs at all: include/exclude globs.

A file that is not selected is not read, not counted and not quarantined (a ``README.md`` next to the
feeds is not a rejected document). Patterns are shell globs (``fnmatch``): a pattern without ``/``
matches the file name (``README*``, ``*.md``); a pattern with ``/`` matches the path relative to its
input root (``drafts/*``, ``2019/*.jsonl``; ``*`` also crosses ``/``). With ``include`` patterns, a file
must match one of them; a file matching an ``exclude`` pattern is left out. A root given as a file is
always selected.

Settings: ``Settings.include`` / ``Settings.exclude`` (``KHABAR_INCLUDE`` / ``KHABAR_EXCLUDE``,
comma-separated), ``khabar run --include/--exclude``. Default exclude: :data:`DEFAULT_EXCLUDE`.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator, TypeVar

from pipeline.settings import DEFAULT_EXCLUDE

__all__ = ["DEFAULT_EXCLUDE", "parse_patterns", "is_selected", "select_inputs"]


T = TypeVar("T")


def parse_patterns(value: str | None) -> tuple[str, ...]:
    """``"a, b ,c"`` → ``("a", "b", "c")``; empty or None → ``()``."""
    return tuple(p.strip() for p in (value or "").split(",") if p.strip())


def is_selected(relative: str, include: Iterable[str] = (), exclude: Iterable[str] = DEFAULT_EXCLUDE) -> bool:
    """Whether the file at ``relative`` (POSIX path below its root) is an input."""
    name = PurePosixPath(relative).name

    def hit(pattern: str) -> bool:
        return fnmatchcase(relative, pattern) if "/" in pattern else fnmatchcase(name, pattern)

    include = tuple(include)
    if include and not any(hit(p) for p in include):
        return False
    return not any(hit(p) for p in exclude)


def select_inputs(items: Iterable[T], settings) -> Iterator[T]:
    """The ``items`` (paths, or objects with a ``.path``) below ``settings.inputs`` that
    ``settings.include`` / ``settings.exclude`` select."""
    include = tuple(getattr(settings, "include", ()) or ())
    exclude = tuple(getattr(settings, "exclude", DEFAULT_EXCLUDE) or ())
    if not include and not exclude:
        yield from items
        return
    roots = []
    for root in settings.inputs:
        roots += [Path(os.path.abspath(root)), _resolved(Path(root))]
    for item in items:
        path = Path(getattr(item, "path", item))
        relative = _relative(path, roots)
        if relative is None or is_selected(relative, include, exclude):
            yield item


def _relative(path: Path, roots: list[Path]) -> str | None:
    """``path`` relative to the first root containing it (None for a root given as a file)."""
    for candidate in (Path(os.path.abspath(path)), _resolved(path)):
        for root in roots:
            if candidate is not None and root is not None and candidate != root and candidate.is_relative_to(root):
                return candidate.relative_to(root).as_posix()
    return None


def _resolved(path: Path) -> Path | None:
    """``path`` with links resolved, or None when that fails (a symlink loop): never raises."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None
