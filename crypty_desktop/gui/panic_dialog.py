"""The panic button in the window: Bots › "Make everything safe…" (and in the tray menu).

``PanicController`` owns the action. It opens ``PanicDialog``, the confirmation that lists what
will happen (bots stopped, open orders cancelled, bots another process runs left alone) with a
"sell what they hold" checkbox. Confirmed, the window's own running bots are asked to stop (a
thread-safe flag), and the core's ``make_safe`` runs in a background job (never on the GUI
thread: it waits for those bots, reads the keychain and talks to the exchange). Its report opens
in ``PanicReportDialog``, each line in the interface language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crypty_desktop.bots.ownership import Role
from crypty_desktop.bots.panic import STOPPED_PANIC, PanicPlan, PanicReport, make_safe, panic_plan
from crypty_desktop.gui.feedback import error_text
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.qt import (
    QAction,
    QCheckBox,
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QKeySequence,
    QLabel,
    QMessageBox,
    QObject,
    QPlainTextEdit,
    QPushButton,
    QShowEvent,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:
    from crypty_desktop.gui.main_window import MainWindow

PANIC_SHORTCUT = "Ctrl+Shift+E"


def _names(specs: list[object]) -> str:
    quoted = QCoreApplication.translate("PanicDialog", "“%1”")  # French: « %1 »
    return ", ".join(quoted.replace("%1", str(getattr(s, "name", s))) for s in specs)


class PanicDialog(QDialog):
    """The confirmation: what will happen, the sell checkbox, and the two buttons."""

    def __init__(self, plan: PanicPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panicDialog")
        self.setWindowTitle(self.tr("Make everything safe"))
        self.plan = plan
        column = QVBoxLayout(self)
        column.setSpacing(10)
        intro = QLabel(
            "<b>" + self.tr("Stop every bot and cancel its open orders on the exchange.") + "</b>"
        )
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.steps = QLabel(self._steps_html())
        self.steps.setObjectName("panicSteps")
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        column.addWidget(self.steps)
        self.sell_box = QCheckBox(self.tr("Also sell what the Trader bots hold, at market"))
        self.sell_box.setObjectName("panicSell")
        self.sell_box.setEnabled(bool(plan.traders))
        column.addWidget(self.sell_box)
        note = QLabel(
            self.tr(
                "A market sale takes whatever price the order book offers now. Stopped bots "
                "do not start again by themselves; you start them when you are ready."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        column.addWidget(note)
        buttons = QDialogButtonBox()
        self.ok_button = QPushButton(self.tr("Make everything safe"))
        self.ok_button.setObjectName("panicConfirm")
        self.ok_button.setAutoDefault(False)  # a destructive action is never the Enter default
        self.ok_button.setEnabled(bool(plan.traders or plan.ghosts or plan.running_here))
        buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.setMinimumWidth(460)
        self.setMaximumWidth(640)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()

    @property
    def sell(self) -> bool:
        return self.sell_box.isChecked()

    def _steps_html(self) -> str:
        plan = self.plan
        items: list[str] = []
        if plan.running_here:
            items.append(
                self.tr("Stop the bots running in this window: %1.").replace(
                    "%1", _names(list(plan.running_here))
                )
            )
        if plan.traders:
            items.append(
                self.tr("Cancel every open order of the Trader bots on the exchange: %1.").replace(
                    "%1", _names(list(plan.traders))
                )
            )
        if plan.ghosts:
            items.append(
                self.tr("Stop the Ghost bots (paper money, nothing on the exchange): %1.").replace(
                    "%1", _names(list(plan.ghosts))
                )
            )
        for line in plan.elsewhere_lines():
            items.append(
                self.tr("Not touched: %1 Stop it there first.").replace("%1", core_text(line))
            )
        if not items:
            return self.tr("No bot to make safe.")
        return (
            "<ul style='margin-left: -20px;'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
        )


class PanicReportDialog(QDialog):
    """What was done, bot by bot, in the interface language."""

    def __init__(self, report: PanicReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panicReport")
        self.setWindowTitle(self.tr("Make everything safe: what was done"))
        column = QVBoxLayout(self)
        head = QLabel(
            self.tr("Some bots could not be made safe: see below.")
            if report.failed
            else self.tr("Everything is safe.")
        )
        head.setWordWrap(True)
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        column.addWidget(head)
        self.text = QPlainTextEdit()
        self.text.setObjectName("panicReportText")
        self.text.setReadOnly(True)
        self.text.setPlainText(report_text(report))
        column.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.resize(560, 380)


def report_text(report: PanicReport) -> str:
    """The report, each core sentence translated, each bot's lines under its header."""
    rows: list[str] = []
    for bot, base, quote in report.bots:
        head, *rest = bot.lines(base, quote)
        rows.append(core_text(head))
        rows.extend("    " + core_text(line) for line in rest)
    return "\n".join(rows) if rows else core_text(report.lines()[0])


class PanicController(QObject):
    """The "Make everything safe…" action, its confirmation, its job and its report.

    Signals:
        sig_done(object): the ``PanicReport`` once everything was made safe (or tried).
    """

    sig_done = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.core = window.core
        self.dialog: PanicDialog | None = None
        self.report_dialog: PanicReportDialog | None = None
        self.job: Job | None = None
        self.action = QAction(self.tr("Make everything &safe…"), window)
        self.action.setObjectName("makeEverythingSafe")
        self.action.setShortcut(QKeySequence(PANIC_SHORTCUT))
        self.action.setToolTip(
            self.tr("Stop every bot and cancel its open orders on the exchange (asks first).")
        )
        self.action.triggered.connect(self.open_dialog)
        window.bots.add_menu_action(self.action)

    def open_dialog(self) -> PanicDialog | None:
        """Show the confirmation (ignored while the button's job runs). Local reads only."""
        if self.job is not None:
            return None
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        dialog = PanicDialog(panic_plan(self.core.bot_context), self.window)
        dialog.accepted.connect(lambda: self.run(dialog.sell))
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def run(self, sell: bool) -> Job:
        """Ask this window's bots to stop, then make everything safe in the background."""
        stopping = self.window.bots.request_stop_all(STOPPED_PANIC)  # a flag each: no waiting
        self.action.setEnabled(False)
        self.window.statusBar().showMessage(self.tr("Making everything safe…"))
        core = self.core
        self.job = run_in_background(
            lambda: make_safe(core.bot_context, sell=sell, stopping=stopping, role=Role.WINDOW),
            self._on_done,
            self._on_failed,
            parent=self,
            name="make-everything-safe",
        )
        return self.job

    def _finish(self) -> None:
        self.job = None
        self.action.setEnabled(True)
        self.window.statusBar().clearMessage()
        self.window.bots.reload()

    def _on_done(self, report: object) -> None:
        self._finish()
        assert isinstance(report, PanicReport)
        dialog = PanicReportDialog(report, self.window)
        self.report_dialog = dialog
        dialog.open()
        self.sig_done.emit(report)

    def _on_failed(self, error: BaseException) -> None:
        self._finish()
        text, small = error_text(error)
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Make everything safe"))
        box.setText(self.tr("Making everything safe failed: %1").replace("%1", text))
        if small:
            box.setInformativeText(small)
        box.open()
