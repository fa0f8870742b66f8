"""The run loggers: one short line per message on the console, everything in a log file.

Dagster's default console logger prints every event at DEBUG with its metadata and full
tracebacks. Runs of this project use two loggers instead (``Definitions(loggers=…)``, so the UI's
runs too): ``console`` — at INFO, one line per finished step, warning and error (``khabar run -q``:
errors only; DEBUG: every message, still one line each), never a traceback or a long dict; and
``file`` — every message at DEBUG with tracebacks, appended to :func:`log_file`
(``$KHABAR_LOG_FILE``, default ``$DAGSTER_HOME/logs/khabar.log``).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path

import dagster as dg

from pipeline.runs.failures import describe

__all__ = ["log_file", "file_log", "one_line", "error_chain", "console_logger", "file_logger", "LOGGERS"]

MAX_CONSOLE_CHARS = 200
_QUALIFIED = re.compile(r"^(?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*: ")  # "dagster._core….Failure: " before a message


def log_file() -> Path:
    """Where the full logs of runs go."""
    if os.environ.get("KHABAR_LOG_FILE"):
        return Path(os.environ["KHABAR_LOG_FILE"])
    from pipeline.settings import REPO_ROOT

    home = Path(os.environ.get("DAGSTER_HOME") or REPO_ROOT / ".dagster_home")
    return home / "logs" / "khabar.log"


def error_chain(error) -> list[tuple[str, str]]:
    """``(class, message)`` pairs of a Dagster ``SerializableErrorInfo`` and its causes."""
    out = []
    while error is not None:
        message = _QUALIFIED.sub("", (error.message or "").strip(), count=1)
        out.append((error.cls_name or "", message))
        error = error.cause or getattr(error, "context", None)
    return out


def one_line(text: str, limit: int = MAX_CONSOLE_CHARS) -> str:
    line = " ".join((text or "").strip().splitlines()[:1])
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _meta(record: logging.LogRecord) -> dict:
    return getattr(record, "dagster_meta", None) or {}


def _error_of(event):
    return getattr(getattr(event, "event_specific_data", None), "error", None) if event is not None else None


class ConsoleFormatter(logging.Formatter):
    """``HH:MM:SS step  message`` — the first line only; a failure as its cause (see pipeline.runs.failures)."""

    def format(self, record: logging.LogRecord) -> str:
        meta = _meta(record)
        message = meta.get("orig_message") or record.getMessage()
        event = meta.get("dagster_event")
        error = _error_of(event)
        if error is not None:
            message = f"{describe(error_chain(error))} (details: {log_file()})"
        elif event is not None and event.event_type_value == "STEP_SUCCESS":
            ms = getattr(event.event_specific_data, "duration_ms", None)
            message = f"done in {ms / 1000:.1f} s" if ms is not None else "done"
        where = meta.get("step_key") or ""
        level = "" if record.levelno < logging.WARNING else f"{record.levelname.lower()}: "
        stamp = self.formatTime(record, "%H:%M:%S")
        return f"{stamp} {where + '  ' if where else ''}{level}{one_line(message)}"


class ConsoleFilter(logging.Filter):
    """What reaches the console at a level: DEBUG — everything (one line each); INFO — steps done,
    warnings and errors (informative messages and Dagster's event stream go to the log file only);
    WARNING/ERROR — those levels and up. Names the stage for the progress display on step start."""

    def __init__(self, level: int):
        super().__init__()
        self.level = level

    def filter(self, record: logging.LogRecord) -> bool:
        event = _meta(record).get("dagster_event")
        kind = event.event_type_value if event is not None else None
        if kind == "STEP_START":
            from pipeline.progress import set_stage

            set_stage(_meta(record).get("step_key") or "documents")
        if self.level <= logging.DEBUG or record.levelno >= max(self.level, logging.WARNING):
            return True
        return self.level <= logging.INFO and kind in ("STEP_SUCCESS", "STEP_FAILURE", "PIPELINE_FAILURE")


class _ConsoleHandler(logging.StreamHandler):
    def emit(self, record: logging.LogRecord) -> None:
        from pipeline.progress import before_output

        before_output()  # a live progress line makes room
        super().emit(record)


class _QuietFileHandler(logging.handlers.RotatingFileHandler):
    """A log file that never disturbs the run: a full disk or a missing directory loses log lines only."""

    def __init__(self, path: Path):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        super().__init__(path, maxBytes=10 * 1024 * 1024, backupCount=3, encoding="utf-8", delay=True)

    def handleError(self, record) -> None:  # noqa: N802 - logging API
        pass


def _install(name: str, level: str, handler: logging.Handler) -> logging.Logger:
    """A fixed-name logger with exactly ``handler`` (handlers of the previous run in this process are closed)."""
    logger = logging.getLogger(name)
    logger.propagate = False
    logger.setLevel(_level(level))
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    return logger


def _level(name: str) -> int:
    return logging.getLevelName(name.upper()) if isinstance(logging.getLevelName(name.upper()), int) else logging.INFO


@dg.logger(
    config_schema={"log_level": dg.Field(str, is_required=False, default_value="INFO")},
    description="One short line per message on stderr (no tracebacks, no long dicts).",
)
def console_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    level = _level(init_context.logger_config["log_level"])
    handler = _ConsoleHandler(sys.stderr)
    handler.setFormatter(ConsoleFormatter())
    handler.addFilter(ConsoleFilter(level))
    return _install("khabar.run.console", "DEBUG", handler)  # the filter decides


@dg.logger(
    config_schema={"log_level": dg.Field(str, is_required=False, default_value="DEBUG")},
    description="Every message with tracebacks, appended to $KHABAR_LOG_FILE (default $DAGSTER_HOME/logs/khabar.log).",
)
def file_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    handler = _QuietFileHandler(log_file())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))  # Dagster adds tracebacks
    return _install("khabar.run.file", init_context.logger_config["log_level"], handler)


LOGGERS = {"console": console_logger, "file": file_logger}


def file_log() -> logging.Logger:
    """A plain Python logger into :func:`log_file`, for the runner's own messages (outside any run)."""
    logger = logging.getLogger("khabar.runner")
    path = log_file()
    if not any(getattr(h, "baseFilename", None) == str(path.absolute()) for h in logger.handlers):
        for old in list(logger.handlers):
            logger.removeHandler(old)
            old.close()
        handler = _QuietFileHandler(path)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        logger.propagate = False
    return logger
