"""The app's log file: ``<data dir>/logs/crypty.log``, rotated, with every secret masked.

``setup_logging(settings)`` is called once by each entry point (the window and ``crypty``). It adds
a size-rotating file handler to the root logger, and a ``RedactingFilter`` on that handler that
rewrites each record before it is written: the message, its arguments and the exception text all
pass through :func:`crypty_desktop.redact.redact`, so a key that slipped into an error message or
an HTTP library's debug line reaches the disk as ``abcd…wxyz`` at most.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from crypty_desktop.redact import redact
from crypty_desktop.settings import Settings

LOG_FILENAME = "crypty.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"
LEVEL_ENV = "CRYPTY_LOG_LEVEL"
# Libraries that are chatty at DEBUG and would only bury the app's own lines.
_QUIET = ("urllib3", "websockets", "asyncio", "sqlalchemy.engine", "PIL")


class RedactingFilter(logging.Filter):
    """Masks secrets in a record (message, arguments, exception and stack text) in place.

    The formatted message replaces ``msg`` and ``args`` is emptied, so no handler can format the
    raw arguments again. The exception text is formatted once and cached on the record, redacted.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: keep what can be kept
            message = f"{record.msg} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.exc_info = None  # the (redacted) text above is what gets written
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def log_path(settings: Settings) -> Path:
    """Where the current log file is."""
    return settings.log_dir / LOG_FILENAME


def _level(level: int | str | None) -> int:
    value = level if level is not None else os.environ.get(LEVEL_ENV, "INFO")
    if isinstance(value, int):
        return value
    named = logging.getLevelName(value.strip().upper())
    return named if isinstance(named, int) else logging.INFO


class _LogFile(logging.handlers.RotatingFileHandler):
    """The log file; a line the disk refuses (full, read-only) is dropped without a traceback on
    the console: the app says what is wrong with the disk in words where it matters."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handleError(record)


def setup_logging(
    settings: Settings, *, level: int | str | None = None, console: bool = False
) -> Path:
    """Send the app's log records to the rotating, redacted log file; return its path.

    Calling it again (a second window, a test) replaces the previous handler instead of adding a
    second one. ``level`` defaults to ``CRYPTY_LOG_LEVEL`` or INFO; ``console`` also writes
    warnings and errors (redacted too) to standard error.
    """
    settings.ensure_dirs()
    path = log_path(settings)
    root = logging.getLogger()
    teardown_logging()
    handler = _LogFile(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.set_name(_CONSOLE_NAME)
        stream.setLevel(logging.WARNING)
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        stream.addFilter(RedactingFilter())
        root.addHandler(stream)
    root.setLevel(_level(level))
    quiet = logging.DEBUG if root.level <= logging.DEBUG else max(logging.WARNING, root.level)
    for name in _QUIET:
        logging.getLogger(name).setLevel(quiet)
    logging.captureWarnings(True)
    return path


def teardown_logging() -> None:
    """Remove (and close) the handlers ``setup_logging`` added."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() in (_HANDLER_NAME, _CONSOLE_NAME):
            root.removeHandler(handler)
            handler.close()


_HANDLER_NAME = "crypty-file"
_CONSOLE_NAME = "crypty-console"
