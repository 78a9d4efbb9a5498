"""Unexpected errors reach the GUI thread and open one calm dialog that shows no secret.

``sys.excepthook`` and ``threading.excepthook`` may run on any thread: they only emit a signal,
and the dialog opens on the GUI thread. The report keeps the error type and where it happened,
never local variables; long key-like strings in the message are masked.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from crypty_desktop.gui.qt import QMessageBox, QObject, Qt, QWidget, Signal
from crypty_desktop.redact import redact

log = logging.getLogger(__name__)

__all__ = ["CrashReporter", "crash_report", "redact"]  # redact lives in the core now


def crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    """Where it happened (files, lines, functions) and the redacted message; no variables."""
    frames = traceback.format_tb(tb)
    return redact("".join(frames) + f"{exc_type.__name__}: {exc}")


class CrashReporter(QObject):
    """Installs the hooks and shows the dialog.

    Signals:
        sig_crashed(str, str): a summary and the redacted report, delivered on the GUI thread.
    """

    sig_crashed = Signal(str, str)

    def __init__(self, parent: QObject | None = None, *, show_dialog: bool = True) -> None:
        super().__init__(parent)
        self.show_dialog = show_dialog
        self._old_hook = sys.excepthook
        self._old_thread_hook = threading.excepthook
        self.sig_crashed.connect(self._on_crashed, Qt.ConnectionType.QueuedConnection)
        self.box: QMessageBox | None = None

    def install(self) -> None:
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook = self._old_hook
        threading.excepthook = self._old_thread_hook

    def _hook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        report = crash_report(exc_type, exc, tb)
        log.error("Unexpected error:\n%s", report)
        self.sig_crashed.emit(redact(f"{exc_type.__name__}: {exc}"), report)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self._hook(args.exc_type, args.exc_value, args.exc_traceback)

    def _on_crashed(self, summary: str, report: str) -> None:
        if not self.show_dialog or self.box is not None:
            return
        owner = self.parent()
        box = QMessageBox(owner if isinstance(owner, QWidget) else None)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Unexpected error"))
        box.setText(
            self.tr(
                "Something went wrong inside Crypty Desktop. Running bots keep their saved state; "
                "you can go on, or restart the app if something looks wrong."
            )
        )
        box.setInformativeText(summary)
        box.setDetailedText(report)
        box.finished.connect(self._on_box_closed)
        self.box = box
        box.open()

    def _on_box_closed(self, _result: int) -> None:
        self.box = None
