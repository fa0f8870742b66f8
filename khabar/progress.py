"""The progress display of ``khabar run``: a live line on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from datetime import datetime
from typing import IO, Iterator

from pipeline import progress

__all__ = ["ProgressDisplay", "showing_progress"]


class ProgressDisplay:
    """Sink for :mod:`pipeline.progress`.

    On a terminal one line is redrawn in place (and wiped when other output comes or the stage
    ends); elsewhere (CI, a pipe, a log) a plain line is printed every ``every_s`` seconds.
    """

    def __init__(self, stream: IO[str] | None = None, tty: bool | None = None, every_s: float = 10.0):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.every_s = every_s
        self._active = False
        self._last: dict[str, float] = {}
        self._printed: set[str] = set()

    def __call__(self, p: progress.Progress) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        if self.tty:
            if p.finished:
                self.pause()
                return
            self.stream.write(f"\r\x1b[K{stamp} {p.line()}")
            self.stream.flush()
            self._active = True
            return
        now = time.monotonic()
        last = self._last.setdefault(p.stage, now)  # the stage's start, then its last printed line
        printed = p.stage in self._printed
        if (not p.finished and now - last >= self.every_s) or (p.finished and printed):
            self._last[p.stage] = now
            self._printed.add(p.stage)
            self.stream.write(f"{stamp} {p.line()}\n")
            self.stream.flush()

    def pause(self) -> None:
        if self._active:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._active = False


@contextmanager
def showing_progress(display: ProgressDisplay) -> Iterator[ProgressDisplay]:
    previous = progress.set_sink(display, display.pause)
    try:
        yield display
    finally:
        display.pause()
        progress.set_sink(*previous)
