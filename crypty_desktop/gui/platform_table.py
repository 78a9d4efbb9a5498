"""The table of platforms: name, type, masked key, what the key allows, when it was last checked."""

from __future__ import annotations

from datetime import datetime

from crypty_desktop.domain.platform import Platform
from crypty_desktop.gui.i18n import core_text, format_datetime
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractItemView,
    QCoreApplication,
    QHeaderView,
    QLocale,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
    Signal,
)

COLUMNS = (
    QT_TRANSLATE_NOOP("PlatformTable", "Name"),
    QT_TRANSLATE_NOOP("PlatformTable", "Type"),
    QT_TRANSLATE_NOOP("PlatformTable", "Key"),
    QT_TRANSLATE_NOOP("PlatformTable", "Allows"),
    QT_TRANSLATE_NOOP("PlatformTable", "Last checked"),
)
_ID_ROLE = Qt.ItemDataRole.UserRole
COLUMN_ROOM = 24  # pixels added to each column's text width


def local_time(moment: datetime | None) -> str:
    """A timestamp in the user's local time zone and short locale format, or a dash."""
    if moment is None:
        return "—"
    return format_datetime(int(moment.timestamp() * 1000))


def allows_text(platform: Platform) -> str:
    if platform.audit is None:
        return QCoreApplication.translate("PlatformTable", "Not checked yet")
    return core_text(platform.audit.summary())


def key_text(platform: Platform) -> str:
    if not platform.type.needs_keys:
        return QCoreApplication.translate("PlatformTable", "No key needed")
    return platform.key_masked or "—"


class PlatformTable(QTableWidget):
    """Read-only rows, one per platform; selection by row.

    Signals:
        sig_selection_changed(object): the selected ``Platform``, or ``None``.
        sig_activated(object): a platform was double-clicked or Enter was pressed on it.
    """

    sig_selection_changed = Signal(object)
    sig_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("platformTable")
        self.setAccessibleName(self.tr("Platforms"))
        self.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._platforms: list[Platform] = []
        self.itemSelectionChanged.connect(self._on_selection_changed)
        self.itemActivated.connect(self._on_item_activated)
        self.setLocale(QLocale.system())

    def set_platforms(self, platforms: list[Platform]) -> None:
        """Show these platforms, keeping the selection on the same platform if it is still there."""
        selected = self.selected_platform()
        self.blockSignals(True)
        self._platforms = list(platforms)
        self.setRowCount(len(self._platforms))
        for row, platform in enumerate(self._platforms):
            cells = (
                platform.name,
                core_text(platform.type.label),
                key_text(platform),
                allows_text(platform),
                local_time(platform.audit.checked_at if platform.audit else None),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(_ID_ROLE, platform.id)
                if column == 3 and platform.audit is not None and platform.audit.warnings:
                    item.setText(f"{text}  ⚠")
                    item.setToolTip(
                        self.tr("This key has warnings: select it and click Test connection.")
                    )
                self.setItem(row, column, item)
        self.blockSignals(False)
        self._fit_columns()
        if selected is not None:
            self.select_platform(selected.id)
        self._on_selection_changed()

    def _fit_columns(self) -> None:
        """Each column as wide as its text plus breathing room (the Allows column stretches)."""
        for column in range(len(COLUMNS)):
            if column != 3:
                self.resizeColumnToContents(column)
                self.setColumnWidth(column, self.columnWidth(column) + COLUMN_ROOM)

    def platforms(self) -> list[Platform]:
        return list(self._platforms)

    def selected_platform(self) -> Platform | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        if not rows:
            return None
        row = rows[0].row()
        return self._platforms[row] if 0 <= row < len(self._platforms) else None

    def select_platform(self, platform_id: int) -> None:
        for row, platform in enumerate(self._platforms):
            if platform.id == platform_id:
                self.selectRow(row)
                return

    def _on_selection_changed(self) -> None:
        self.sig_selection_changed.emit(self.selected_platform())

    def _on_item_activated(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if 0 <= row < len(self._platforms):
            self.sig_activated.emit(self._platforms[row])
