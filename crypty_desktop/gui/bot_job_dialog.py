"""What the dialogs about one bot's past share (Bots › Compare with a backtest…, Bots › Report…):
they compute in a background job (``crypty_desktop.gui.jobs``), then show what came back.

``BotJobDialog`` lays out the introduction, the error panel, a status line (what is being done,
then what was computed) and a body the dialog fills, above Close. While the job runs, the status
line says what it does; a failure clears it and shows the error in words. Closing the dialog
cancels the job: its result is then discarded and nothing is shown. A dialog gives only what is
its own: ``compute(control)`` (in the worker thread, no widget) and ``show_result(result)``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.gui.feedback import MessagePanel
from crypty_desktop.gui.jobs import Job, JobControl, run_cancellable
from crypty_desktop.gui.qt import QDialog, QDialogButtonBox, QLabel, Qt, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from crypty_desktop.app import Core


def minute_text(ms: int) -> str:
    """A UTC time to the minute, as these dialogs show times (``2024-03-01 14:05``)."""
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%d %H:%M")


class BotJobDialog(QDialog):
    """A dialog about one bot whose content is computed in a background job.

    Subclasses write the introduction and the status line (what is being done), fill
    ``self.body`` (under the status line), implement ``compute`` and ``show_result``, and call
    ``start()`` once their own widgets exist.
    """

    def __init__(
        self,
        core: Core,
        spec: BotSpec,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.core = core
        self.spec = spec
        self.job: Job | None = None
        self.intro = QLabel("")
        self.intro.setWordWrap(True)
        self.message = MessagePanel()
        self.message.hide()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addLayout(self.body, 1)
        layout.addWidget(buttons)

    def start(self, name: str) -> Job:
        """Start computing (a job named ``name``); ``show_result`` runs when it is done."""
        self.job = run_cancellable(
            self.compute, self._on_done, self._on_failed, parent=self, name=name
        )
        return self.job

    def compute(self, control: JobControl) -> object:
        """In the worker thread: what the dialog shows (check ``control()`` between steps)."""
        raise NotImplementedError

    def show_result(self, result: object) -> None:
        """On the GUI thread: show what ``compute`` returned."""
        raise NotImplementedError

    def _on_done(self, result: object) -> None:
        self.show_result(result)

    def _on_failed(self, error: BaseException) -> None:
        self.status.setText("")
        self.message.show_error(error)

    @property
    def busy(self) -> bool:
        """True while the job runs (until its outcome is delivered)."""
        return self.job is not None and not self.job.done

    def done(self, result: int) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()  # its result is discarded: nothing is shown after the dialog closed
        super().done(result)
