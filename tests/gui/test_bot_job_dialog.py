"""What the two dialogs about a bot's past share (``BotJobDialog``): the job runs in the
background while the status line says so; a failure clears it and shows the error in words;
closing while the job runs cancels it and nothing is shown afterwards."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from crypty_desktop.app import Core
from crypty_desktop.domain.errors import ValidationError
from crypty_desktop.gui.bot_job_dialog import BotJobDialog, minute_text
from crypty_desktop.gui.bot_report_dialog import BotReportDialog
from crypty_desktop.gui.jobs import JobControl
from crypty_desktop.gui.parity_dialog import ParityDialog
from crypty_desktop.gui.qt import QLabel
from tests.reports.test_parity import ghost

pytestmark = [pytest.mark.gui]
WAIT_MS = 15_000


class Gated(BotJobDialog):
    """Computes once the test opens the gate: then returns ``answer``, or raises it."""

    def __init__(self, core: Core, answer: object) -> None:
        super().__init__(core, ghost(core))
        self.gate = threading.Event()
        self.answer = answer
        self.shown: list[object] = []
        self.worker_saw_cancel = threading.Event()
        self.status.setText("Working…")
        self.result_label = QLabel("")
        self.body.addWidget(self.result_label)
        self.start("gated")

    def compute(self, control: JobControl) -> object:
        assert self.gate.wait(WAIT_MS / 1000)
        if not control():
            self.worker_saw_cancel.set()
        if isinstance(self.answer, BaseException):
            raise self.answer
        return self.answer

    def show_result(self, result: object) -> None:
        self.shown.append(result)
        self.result_label.setText(str(result))
        self.status.setText("Done.")


def test_the_result_is_shown_once_the_job_is_done(qtbot: QtBot, core: Core) -> None:
    dialog = Gated(core, "42 candles")
    qtbot.add_widget(dialog)
    assert dialog.busy and dialog.status.text() == "Working…" and dialog.message.isHidden()
    dialog.gate.set()
    qtbot.wait_until(lambda: not dialog.busy, timeout=WAIT_MS)
    assert dialog.shown == ["42 candles"] and dialog.result_label.text() == "42 candles"
    assert dialog.status.text() == "Done." and dialog.message.isHidden()


def test_a_failure_shows_the_error_panel_with_its_words(qtbot: QtBot, core: Core) -> None:
    dialog = Gated(core, ValidationError("The bot has no candles in this window."))
    qtbot.add_widget(dialog)
    dialog.gate.set()
    qtbot.wait_until(lambda: not dialog.busy, timeout=WAIT_MS)
    assert not dialog.message.isHidden() and dialog.message.level == "error"
    assert "The bot has no candles in this window." in dialog.message.text.text()
    assert dialog.status.text() == "" and dialog.shown == []


@pytest.mark.parametrize("answer", ["42 candles", ValidationError("too late")])
def test_closing_while_running_cancels_and_shows_nothing(
    qtbot: QtBot, core: Core, answer: object
) -> None:
    dialog = Gated(core, answer)
    qtbot.add_widget(dialog)
    dialog.show()
    job = dialog.job
    assert job is not None and job.running
    with qtbot.wait_signal(job.sig_cancelled, timeout=1000):
        dialog.close()  # Close, Escape and the title bar's cross all end in done()
    assert job.cancelled and not dialog.isVisible()
    with qtbot.wait_signal(job.sig_finished, timeout=WAIT_MS):
        dialog.gate.set()  # the worker ends after the dialog closed
    assert dialog.worker_saw_cancel.is_set()  # the job was told to stop
    qtbot.wait(50)
    assert dialog.shown == [] and dialog.result_label.text() == ""
    assert dialog.message.isHidden() and dialog.status.text() == "Working…"


def test_closing_after_the_job_ended_does_not_cancel(qtbot: QtBot, core: Core) -> None:
    dialog = Gated(core, "7 trades")
    qtbot.add_widget(dialog)
    dialog.gate.set()
    qtbot.wait_until(lambda: not dialog.busy, timeout=WAIT_MS)
    job = dialog.job
    assert job is not None
    dialog.close()
    assert not job.cancelled and dialog.shown == ["7 trades"]


@pytest.mark.parametrize("kind", [ParityDialog, BotReportDialog])
def test_both_bot_dialogs_are_job_dialogs(
    qtbot: QtBot, core: Core, kind: type[BotJobDialog]
) -> None:
    """Each keeps its own words and widgets on the shared frame: closed at once, it shows no
    result and no error once its job ends."""
    dialog = kind(core, ghost(core, "idle"))
    qtbot.add_widget(dialog)
    dialog.show()
    job = dialog.job
    assert job is not None and dialog.status.text() != ""
    busy_words = dialog.status.text()
    dialog.close()
    assert job.done or job.cancelled
    qtbot.wait_until(lambda: job.done, timeout=WAIT_MS)
    if job.cancelled:
        assert dialog.message.isHidden() and dialog.status.text() == busy_words


def test_times_are_shown_to_the_minute_in_utc() -> None:
    assert minute_text(1_709_301_900_000) == "2024-03-01 14:05"
