"""The Activity page: what the bots decided and what happened in the app, as it happens.

Rows come from the bot supervisor (decisions, starts, stops, failures), from notifications, and
from the app itself (``add_event``). The list can be narrowed to one bot and to a level
(everything, warnings and errors, errors only). Past decisions of every bot are read once, in the
background, when the page is built. The list keeps the newest ``MAX_ROWS`` rows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from crypty_desktop.domain.bots import Decision, EventKind
from crypty_desktop.gui.i18n import core_text, format_datetime
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QComboBox,
    QCoreApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from crypty_desktop.notifications import Notification

if TYPE_CHECKING:
    from crypty_desktop.app import Core
    from crypty_desktop.gui.workers import BotSupervisor

MAX_ROWS = 10_000
HISTORY_PER_BOT = 200
LEVELS = ("info", "warning", "error")
_RANK = {level: i for i, level in enumerate(LEVELS)}
_MARK = {"info": "•", "warning": "⚠", "error": "✗"}


@dataclass(frozen=True, slots=True)
class ActivityRow:
    time_ms: int
    level: str
    bot_id: str
    message: str


def decision_row(decision: Decision) -> ActivityRow:
    level = decision.kind.level
    when = decision.time or int(time.time() * 1000)
    return ActivityRow(when, level, decision.bot_id, decision.message)


class ActivityModel(QAbstractTableModel):
    """The rows, newest last; columns Time, Level, Bot, Message."""

    COLUMNS = ("Time", "Level", "Bot", "Message")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ActivityRow] = []
        self.names: dict[str, str] = {}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802 - Qt override
        return 0 if parent is not None and parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [
                QCoreApplication.translate("ActivityView", "Time"),
                QCoreApplication.translate("ActivityView", "Level"),
                QCoreApplication.translate("ActivityView", "Bot"),
                QCoreApplication.translate("ActivityView", "Message"),
            ][section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return format_datetime(row.time_ms, seconds=True)
            if column == 1:
                return f"{_MARK[row.level]} {self.level_name(row.level)}"
            if column == 2:
                return (
                    self.names.get(row.bot_id, row.bot_id)
                    if row.bot_id
                    else QCoreApplication.translate("ActivityView", "App")
                )
            return core_text(row.message)
        if role == Qt.ItemDataRole.ToolTipRole and column == 3:
            return core_text(row.message)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    @staticmethod
    def level_name(level: str) -> str:
        return {
            "info": QCoreApplication.translate("ActivityView", "Info"),
            "warning": QCoreApplication.translate("ActivityView", "Warning"),
            "error": QCoreApplication.translate("ActivityView", "Error"),
        }[level]

    def add(self, rows: list[ActivityRow]) -> None:
        if not rows:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()
        extra = len(self.rows) - MAX_ROWS
        if extra > 0:
            self.beginRemoveRows(QModelIndex(), 0, extra - 1)
            del self.rows[:extra]
            self.endRemoveRows()

    def add_history(self, rows: list[ActivityRow]) -> None:
        """Older rows read from the database go before the live ones, in time order."""
        merged = sorted([*rows, *self.rows], key=lambda r: r.time_ms)[-MAX_ROWS:]
        self.beginResetModel()
        self.rows = merged
        self.endResetModel()


class ActivityFilter(QSortFilterProxyModel):
    """Keeps the rows of one bot (or all) at or above a level."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bot_id: str | None = None  # None: every bot and the app
        self.min_level = "info"

    def set_filter(self, bot_id: str | None, min_level: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self.bot_id, self.min_level = bot_id, min_level
            self.endFilterChange()
        else:
            self.bot_id, self.min_level = bot_id, min_level
            self.invalidateFilter()

    def filterAcceptsRow(  # noqa: N802 - Qt override
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ActivityModel):
            return True
        row = model.rows[source_row]
        if self.bot_id is not None and row.bot_id != self.bot_id:
            return False
        return _RANK[row.level] >= _RANK[self.min_level]


class ActivityView(QWidget):
    """The Activity page: filters on top, the list below, newest at the bottom."""

    def __init__(
        self, core: Core, parent: QWidget | None = None, *, show_title: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("activityView")
        self._show_title = show_title
        self.core = core
        self.model = ActivityModel(self)
        self.proxy = ActivityFilter(self)
        self.proxy.setSourceModel(self.model)
        self.history_job: Job | None = None
        self._build()

    def _build(self) -> None:
        title = QLabel(self.tr("Activity"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)  # float-ok: font size
        font.setBold(True)
        title.setFont(font)
        title.setVisible(self._show_title)
        self.bot_box = QComboBox()
        self.bot_box.setAccessibleName(self.tr("Show the activity of"))
        self.bot_box.addItem(self.tr("All bots and the app"), None)
        self.bot_box.setMinimumContentsLength(18)
        self.level_box = QComboBox()
        self.level_box.setAccessibleName(self.tr("Level"))
        self.level_box.addItem(self.tr("Everything"), "info")
        self.level_box.addItem(self.tr("Warnings and errors"), "warning")
        self.level_box.addItem(self.tr("Errors only"), "error")
        bot_label = QLabel(self.tr("&Show:"))
        bot_label.setBuddy(self.bot_box)
        level_label = QLabel(self.tr("&Level:"))
        level_label.setBuddy(self.level_box)
        self.bot_box.currentIndexChanged.connect(self._on_filter_changed)
        self.level_box.currentIndexChanged.connect(self._on_filter_changed)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(bot_label)
        top.addWidget(self.bot_box)
        top.addSpacing(12)
        top.addWidget(level_label)
        top.addWidget(self.level_box)
        self.table = QTableView()
        self.table.setObjectName("activityTable")
        self.table.setAccessibleName(self.tr("Activity of the bots and the app"))
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(2, 140)
        layout = QVBoxLayout(self)
        if self._show_title:
            layout.setContentsMargins(24, 18, 24, 18)
        else:  # inside the Activity dock, whose title says it already
            layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    # --- feeding ----------------------------------------------------------------------------------
    def connect_supervisor(self, supervisor: BotSupervisor) -> None:
        supervisor.sig_decision.connect(self.add_decision)
        supervisor.sig_started.connect(self._on_started)
        supervisor.sig_stopped.connect(self._on_stopped)
        supervisor.sig_failed.connect(self._on_failed)

    def add_decision(self, decision: object) -> None:
        if isinstance(decision, Decision):
            self._know(decision.bot_id)
            self._append(decision_row(decision))

    def add_event(self, level: str, message: str, bot_id: str = "") -> None:
        """An app event (a platform added, the keychain, a notification…)."""
        if bot_id:
            self._know(bot_id)
        self._append(ActivityRow(int(time.time() * 1000), level, bot_id, message))

    def add_notification(self, notice: object) -> None:
        """A notification not already listed as a bot decision (key or rate-limit problems)."""
        if isinstance(notice, Notification) and not notice.bot_id:
            level = notice.level if notice.level in LEVELS else "info"
            text = self.tr("%1: %2", "a platform or bot, then what happened")
            self.add_event(
                level, text.replace("%1", notice.subject).replace("%2", core_text(notice.detail))
            )

    def load_history(self) -> Job:
        """Read every bot's recent decisions in the background, then show them in order."""
        core = self.core
        self.history_job = run_in_background(
            lambda: _read_history(core),
            self._on_history_loaded,
            self._on_history_failed,
            parent=self,
            name="activity-history",
        )
        return self.history_job

    # --- inside -----------------------------------------------------------------------------------
    def _append(self, row: ActivityRow) -> None:
        bar = self.table.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 2
        self.model.add([row])
        if at_end:
            self.table.scrollToBottom()

    def _know(self, bot_id: str, name: str | None = None) -> None:
        if bot_id in self.model.names and name is None:
            return
        if name is None:
            name = next((s.name for s in self.core.bots.list() if s.id == bot_id), bot_id)
        self.model.names[bot_id] = name
        if self.bot_box.findData(bot_id) < 0:
            self.bot_box.addItem(name, bot_id)

    def _on_filter_changed(self, _index: int) -> None:
        self.proxy.set_filter(self.bot_box.currentData(), str(self.level_box.currentData()))

    def _on_started(self, bot_id: str) -> None:
        self._know(bot_id)
        self.add_event("info", self.tr("Bot started."), bot_id)

    def _on_stopped(self, bot_id: str) -> None:
        self.add_event("info", self.tr("Bot stopped."), bot_id)

    def _on_failed(self, bot_id: str, message: str, kind: str) -> None:
        self.add_event(EventKind(kind).level, message, bot_id)

    def _on_history_loaded(self, result: object) -> None:
        self.history_job = None
        names, rows = cast("tuple[dict[str, str], list[ActivityRow]]", result)
        for bot_id, name in names.items():
            self._know(bot_id, name)
        self.model.add_history(rows)
        self.table.scrollToBottom()

    def _on_history_failed(self, error: BaseException) -> None:
        self.history_job = None
        self.add_event(
            "warning", self.tr("The past activity could not be read: %1").replace("%1", str(error))
        )


def _read_history(core: Core) -> tuple[dict[str, str], list[ActivityRow]]:
    """Worker thread: the bots' names and their recent decisions."""
    specs = core.bots.list()
    rows = [
        decision_row(d)
        for spec in specs
        for d in core.bot_store.decisions(spec.id, HISTORY_PER_BOT)
        if d.time
    ]
    return {s.id: s.name for s in specs}, rows
