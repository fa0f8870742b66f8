"""Progress of long loops — stage, documents done/total, rate, ETA — for whoever listens.

Library code marks progress with :func:`track` (a wrapping iterator); nothing is shown unless a
caller installed a sink with :func:`set_sink` (``khabar run`` does: a live line on a terminal,
plain periodic lines otherwise). The stage is whatever :func:`set_stage` last named (the run's
console logger names the Dagster step that starts).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, TypeVar

__all__ = ["Progress", "set_sink", "set_stage", "current_stage", "track", "before_output"]

T = TypeVar("T")


@dataclass(frozen=True)
class Progress:
    stage: str
    done: int
    total: int
    elapsed_s: float

    @property
    def rate(self) -> float:
        return self.done / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def eta_s(self) -> float | None:
        if not self.rate or self.total <= 0:
            return None
        return max(0.0, (self.total - self.done) / self.rate)

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    def line(self) -> str:
        pct = f"{100 * self.done / self.total:3.0f}%" if self.total else "  -"
        eta = self.eta_s
        tail = f"done in {_duration(self.elapsed_s)}" if self.finished else (
            f"ETA {_duration(eta)}" if eta is not None else "ETA …")
        return f"{self.stage}  {self.done:,}/{self.total:,} documents {pct}  {self.rate:,.0f}/s  {tail}"


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    minutes, s = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{s:02d}s"
    h, m = divmod(minutes, 60)
    return f"{h}h{m:02d}m"


_sink: Callable[[Progress], None] | None = None
_pause: Callable[[], None] | None = None
_stage = "documents"
_depth = 0  # tracked loops running (the items they are producing), see :func:`track`


def set_sink(sink: Callable[[Progress], None] | None, pause: Callable[[], None] | None = None):
    """Install ``sink`` (called at most every ``track(every_s=…)`` and at the end of a loop) and an
    optional ``pause`` (called before other output is written). Returns the previous pair."""
    global _sink, _pause
    previous = (_sink, _pause)
    _sink, _pause = sink, pause
    return previous


def set_stage(name: str) -> None:
    global _stage
    _stage = name


def current_stage() -> str:
    return _stage


def before_output() -> None:
    """Let a live progress line make room for other console output."""
    if _pause is not None:
        _pause()


def track(items: Iterable[T], total: int, stage: str | None = None, every_s: float = 0.5,
          weight: Callable[[T], int] | None = None) -> Iterator[T]:
    """Yield ``items``, reporting progress to the sink (a no-op without one). ``total`` counts documents:
    an item is one document unless ``weight(item)`` says how many it holds (a chunk of documents)."""
    global _depth
    if _sink is None or _depth:  # a loop inside a tracked loop (a chunk's documents) is not reported
        yield from items
        return
    sink, name = _sink, stage or _stage
    start = last = time.monotonic()
    done = 0
    _depth += 1
    try:
        for item in items:
            _depth -= 1  # the consumer's own loops, while it holds the item, are not inside this one
            try:
                yield item
            finally:
                _depth += 1
            done += 1 if weight is None else weight(item)
            now = time.monotonic()
            if now - last >= every_s and done != total:  # the last item: the final report below says it
                last = now
                sink(Progress(name, done, total, now - start))
    finally:
        _depth -= 1
    sink(Progress(name, done, max(total, done), time.monotonic() - start))
