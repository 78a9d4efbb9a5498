"""File › Export trades…: every fill of every bot between two days, to CSV, JSON or Koinly.

The rows and the file come from the core (``crypty_desktop.reports.exports``); the export runs in
a background job (it reads the database and writes a file), the dialog only chooses and reports.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from crypty_desktop.gui.feedback import MessagePanel
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from crypty_desktop.reports.exports import ExportFormat, export_trades

if TYPE_CHECKING:
    from crypty_desktop.app import Core


def _day(edit: QDateEdit) -> datetime:
    day = edit.date()
    return datetime(day.year(), day.month(), day.day(), tzinfo=UTC)


class ExportDialog(QDialog):
    """Choose the days, the format and the file; the export runs in the background."""

    def __init__(self, core: Core, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export trades"))
        self.core = core
        self.folder = folder
        self.job: Job | None = None
        today = QDate.currentDate()
        intro = QLabel(
            self.tr(
                "Every fill of every bot between two days (UTC, both included): date and time, "
                "pair, side, quantity, price, amount, fee, Binance's order and trade numbers, "
                "the bot and the platform. Amounts are written exactly as recorded."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.from_edit = QDateEdit(QDate(today.year(), 1, 1))
        self.to_edit = QDateEdit(today)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("&From:"), self.from_edit)
        form.addRow(self.tr("&To:"), self.to_edit)
        self.format_box = QComboBox()
        self.format_box.addItem(self.tr("CSV (spreadsheets)"), ExportFormat.CSV.value)
        self.format_box.addItem(self.tr("JSON"), ExportFormat.JSON.value)
        self.format_box.addItem(
            self.tr("Koinly (Universal CSV, for tax reports)"), ExportFormat.KOINLY.value
        )
        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        form.addRow(self.tr("F&ormat:"), self.format_box)
        self.paper_box = QCheckBox(self.tr("Include &paper trades (Ghost bots, demo platforms)"))
        self.paper_box.setToolTip(
            self.tr("Paper trades moved no real money; included, each is marked as paper.")
        )
        form.addRow("", self.paper_box)
        file_row = QHBoxLayout()
        self.path_edit = QLineEdit(str(folder / "crypty-trades.csv"))
        self.path_edit.setAccessibleName(self.tr("File to write"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self._on_browse_clicked)
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        form.addRow(self.tr("&File:"), file_row)
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            text = label.widget() if label is not None else None
            if isinstance(text, QLabel) and field is not None:
                text.setBuddy(field.widget() or self.path_edit)
        self.message = MessagePanel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._on_export_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def chosen_format(self) -> ExportFormat:
        return ExportFormat(str(self.format_box.currentData()))

    def _on_format_changed(self, _index: int) -> None:
        path = Path(self.path_edit.text().strip() or "crypty-trades")
        self.path_edit.setText(str(path.with_suffix(self.chosen_format().suffix)))

    def _on_browse_clicked(self) -> None:
        fmt = self.chosen_format()
        pattern = (
            self.tr("JSON files (*.json)")
            if fmt is ExportFormat.JSON
            else self.tr("CSV files (*.csv)")
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export trades"), self.path_edit.text(), pattern
        )
        if path:
            self.path_edit.setText(path)

    def _on_export_clicked(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.message.show_message("error", self.tr("Choose the file to write."))
            return
        if self.job is not None:
            return
        path = Path(text).expanduser()
        fmt = self.chosen_format()
        start = _day(self.from_edit)
        end = _day(self.to_edit) + timedelta(days=1)  # the whole last day
        paper = self.paper_box.isChecked()
        store = self.core.store
        self.export_button.setEnabled(False)
        self.message.show_message("info", self.tr("Exporting…"))
        self.job = run_in_background(
            lambda: export_trades(store, path, fmt, start, end, include_paper=paper),
            lambda count: self._on_exported(count, path),
            self._on_export_failed,
            parent=self,
        )

    def _on_exported(self, count: object, path: Path) -> None:
        self.job = None
        self.export_button.setEnabled(True)
        text = self.tr("Trades written: %1, to %2.")
        self.message.show_message("ok", text.replace("%1", str(count)).replace("%2", str(path)))

    def _on_export_failed(self, error: BaseException) -> None:
        self.job = None
        self.export_button.setEnabled(True)
        self.message.show_error(error)
