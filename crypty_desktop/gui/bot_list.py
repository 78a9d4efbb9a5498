"""The Bots page's content: a toolbar, the table of bots and, below it, the selected bot's detail.

The toolbar has ``+ New bot``, Start, Pause, Stop, Remove and ``■ Stop all`` (always visible).
Rows change in place from the supervisor's signals. A Trader bot asks for confirmation on each
start, naming the real account and the budget; Cancel is the default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from crypty_desktop.bots.confirm import key_warnings, risk_lines
from crypty_desktop.bots.manual import CANCELLED_BY_YOU, cancel_stopped_order
from crypty_desktop.bots.ownership import Role
from crypty_desktop.bots.removal import NeedsConfirmation, Removed
from crypty_desktop.domain.bots import (
    STOPPED_BY_STOP_ALL,
    BotKind,
    BotSpec,
    BotState,
    BotStatus,
    Decision,
    OnStop,
)
from crypty_desktop.gui.bot_badges import KindBadgeDelegate
from crypty_desktop.gui.bot_detail import BotDetail
from crypty_desktop.gui.bot_editor import BotEditor
from crypty_desktop.gui.bot_models import (
    COL_KIND,
    COL_NAME,
    LIVE_STATES,
    BotEntry,
    BotTableModel,
    load_entries,
    load_rules,
    quote_decimals,
)
from crypty_desktop.gui.bot_report_dialog import BotReportDialog
from crypty_desktop.gui.feedback import MessagePanel
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.number_format import amount
from crypty_desktop.gui.parity_dialog import ParityDialog
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QAbstractButton,
    QAbstractItemView,
    QCoreApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QModelIndex,
    QPoint,
    QPushButton,
    QSplitter,
    QStackedWidget,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from crypty_desktop.gui.removal_box import ask_removal
from crypty_desktop.gui.stop_dialog import ask_on_stop, left_behind
from crypty_desktop.gui.workers import BotSupervisor

BotDialog = TypeVar("BotDialog", ParityDialog, BotReportDialog)  # computed for one bot, in a job

if TYPE_CHECKING:
    from crypty_desktop.app import Core

EMPTY_TEXT = QT_TRANSLATE_NOOP(
    "BotListWidget",
    "No bots yet. Click “+ New bot” to create one: it follows one strategy on one market, as "
    "a Ghost (paper money on real prices, nothing at risk) or a Trader (real orders with your "
    "money).",
)
STOP_ALL_REASON = STOPPED_BY_STOP_ALL  # saved with the state; shown through core_text
ELSEWHERE_CHECK_MS = 5000


def trader_question(parent: QWidget | None, entry: BotEntry) -> tuple[QMessageBox, QAbstractButton]:
    """The confirmation a Trader bot needs on each start (the real account, the budget), and its
    Start button. Cancel is the default and the Escape button."""
    spec, platform = entry.spec, entry.platform
    assert platform is not None
    key = (
        QCoreApplication.translate("TraderQuestion", "key %1").replace("%1", platform.key_masked)
        if platform.key_masked
        else QCoreApplication.translate("TraderQuestion", "no API key (offline demo)")
    )
    type_label = core_text(platform.type.label)
    budget = amount(spec.budget, quote_decimals(entry.rules), unit=entry.quote)
    box = QMessageBox(parent)
    box.setObjectName("traderConfirmation")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("TraderQuestion", "Start a Trader bot?"))
    if platform.type.needs_keys:
        box.setText(
            "<b>"
            + QCoreApplication.translate(
                "TraderQuestion",
                "“%1” will place REAL orders on your %2 account “%3”, spending up to %4.",
            )
            .replace("%1", spec.name)
            .replace("%2", type_label)
            .replace("%3", platform.name)
            .replace("%4", budget)
            + "</b>"
        )
        details = QCoreApplication.translate(
            "TraderQuestion",
            "Account: %1 — %2, %3\nMarket: %4 · %5\nBudget: up to %6 of real money\n\n"
            "This is a Trader bot, not a Ghost: its orders spend your money.",
        )
    else:  # the offline demo: real orders on the demo exchange, but play money
        box.setText(
            "<b>"
            + QCoreApplication.translate(
                "TraderQuestion",
                "“%1” will place REAL orders on the offline demo exchange “%2”, spending up to %3 "
                "of its play money.",
            )
            .replace("%1", spec.name)
            .replace("%2", platform.name)
            .replace("%3", budget)
            + "</b>"
        )
        details = QCoreApplication.translate(
            "TraderQuestion",
            "Account: %1 — %2, %3\nMarket: %4 · %5\nBudget: up to %6\n\n"
            "This is a Trader bot: on a Binance platform the same bot would spend your money. "
            "Here nothing leaves this computer.",
        )
    shown = (platform.name, type_label, key, spec.symbol, entry.strategy_text(), budget)
    for number, value in enumerate(shown, 1):
        details = details.replace(f"%{number}", value)
    notes = [core_text(line) for line in (*risk_lines(spec.risk), *key_warnings(platform))]
    box.setInformativeText(details + "\n\n" + "\n".join(notes))
    start = box.addButton(
        QCoreApplication.translate("TraderQuestion", "Start Trader bot"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    return box, start


class BotListWidget(QWidget):
    """The bots table, its toolbar, and the detail of the selected bot.

    Signals:
        sig_message(str): a short sentence for the status bar (a bot failed, all stopped…).
        sig_running_changed(int): how many bots run now.
        sig_backtest_requested(object): "Backtest…" on this ``BotSpec``.
    """

    sig_message = Signal(str)
    sig_running_changed = Signal(int)
    sig_backtest_requested = Signal(object)

    def __init__(
        self, core: Core, supervisor: BotSupervisor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("botList")
        self.core = core
        self.supervisor = supervisor
        self.model = BotTableModel(self)
        self.load_job: Job | None = None
        self.remove_job: Job | None = None
        self.removal_box: QMessageBox | None = None  # what removing a running bot would do
        self.rules_job: Job | None = None
        self.editor: BotEditor | None = None
        self._build()
        supervisor.sig_status.connect(self._on_status)
        supervisor.sig_decision.connect(self._on_decision)
        supervisor.sig_started.connect(self._on_started)
        supervisor.sig_failed.connect(self._on_failed)
        supervisor.sig_stopped.connect(self._on_stopped)
        supervisor.sig_refused.connect(self._on_refused)
        # A bot another process runs: look again now and then, to show when it stops there.
        self.elsewhere_timer = QTimer(self)
        self.elsewhere_timer.setInterval(ELSEWHERE_CHECK_MS)
        self.elsewhere_timer.timeout.connect(self._on_elsewhere_check)
        self.elsewhere_timer.start()
        self._update_buttons()

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.new_button = QPushButton(self.tr("+ New bot"))
        self.start_button = QPushButton("▶ " + self.tr("Start"))
        self.pause_button = QPushButton("❚❚ " + self.tr("Pause"))
        self.stop_button = QPushButton("■ " + self.tr("Stop"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Change the settings of a stopped bot."))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.backtest_button = QPushButton(self.tr("Backtest…"))
        self.backtest_button.setToolTip(
            self.tr("Backtest this bot: run its strategy and settings over past candles.")
        )
        self.stop_all_button = QPushButton("■ " + self.tr("Stop all"))
        self.stop_all_button.setObjectName("stopAllButton")
        self.stop_all_button.setToolTip(self.tr("Stop every running bot now."))
        self.stop_all_button.setStyleSheet("QPushButton#stopAllButton { font-weight: bold; }")
        self.new_button.clicked.connect(self._on_new_clicked)
        self.start_button.clicked.connect(self.start_selected)
        self.pause_button.clicked.connect(self.pause_selected)
        self.stop_button.clicked.connect(self.stop_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.backtest_button.clicked.connect(self._on_backtest_clicked)
        self.stop_all_button.clicked.connect(self._on_stop_all_clicked)
        toolbar = QHBoxLayout()
        for button in (
            self.new_button,
            self.start_button,
            self.pause_button,
            self.stop_button,
            self.edit_button,
            self.remove_button,
            self.backtest_button,
        ):
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        toolbar.addWidget(self.stop_all_button)

        self.view = QTableView()
        self.view.setObjectName("botTable")
        self.view.setAccessibleName(self.tr("Bots"))
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(COL_KIND, KindBadgeDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 80, 110, 90, 110, 120, 190)):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.doubleClicked.connect(self._on_double_clicked)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_context_menu)
        self.detail = BotDetail(self.core)
        self.detail.sig_cancel_requested.connect(self.cancel_order)
        self.cancel_job: Job | None = None
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("botListSplitter")  # its sizes are remembered
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([200, 400])
        self.empty_label = QLabel(self.tr(EMPTY_TEXT))
        self.empty_label.setWordWrap(True)
        self.empty_label.setMaximumWidth(560)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.splitter)
        self.message = MessagePanel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(toolbar)
        layout.addWidget(self.message)
        layout.addWidget(self.stack, 1)
        self.model.modelReset.connect(self._on_rows_changed)
        self.model.rowsInserted.connect(self._on_rows_changed)
        self.model.rowsRemoved.connect(self._on_rows_changed)

    # --- loading ----------------------------------------------------------------------------------
    def reload(self) -> Job:
        """Read the bots and their saved state in a job, then their markets' rules in another."""
        if self.load_job is not None:
            self.load_job.cancel()
        self.load_job = run_in_background(
            lambda: load_entries(self.core),
            self._on_loaded,
            self._on_load_failed,
            parent=self,
            name="load-bots",
        )
        return self.load_job

    def _on_loaded(self, entries: object) -> None:
        assert isinstance(entries, list)
        self.load_job = None
        selected = self.selected_id()
        self.model.set_entries(entries)
        if selected is not None:
            self.select_bot(selected)
            shown = self.model.find(selected)
            if shown is not None:
                self.detail.update_entry(shown)  # its balances as now recorded
        elif self.model.rowCount():
            self.view.selectRow(0)
        self._load_rules([e for e in entries if e.rules is None])

    def _on_load_failed(self, error: BaseException) -> None:
        self.load_job = None
        self.message.show_error(error)

    def _load_rules(self, entries: list[BotEntry]) -> None:
        wanted = [(e.spec, e.platform) for e in entries if e.platform is not None]
        if not wanted:
            return
        self.rules_job = run_in_background(
            lambda: load_rules(self.core, wanted),
            self._on_rules_loaded,
            parent=self,
            name="load-bot-rules",
        )

    def _on_rules_loaded(self, rules: object) -> None:
        assert isinstance(rules, dict)
        self.rules_job = None
        self.model.set_rules(rules)
        entry = self.selected_entry()
        if entry is not None:
            self.detail.update_entry(entry)

    # --- selection --------------------------------------------------------------------------------
    def selected_entry(self) -> BotEntry | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.entry(index.row())

    def selected_id(self) -> str | None:
        entry = self.selected_entry()
        return entry.spec.id if entry is not None else None

    def create_from_draft(self, draft: BotSpec) -> Job:
        """Create a stopped bot from a draft (e.g. a backtest's settings) in a job; select it."""
        core = self.core

        def create() -> BotSpec:
            platform = next(p for p in core.platforms.list() if p.id == draft.platform_id)
            taken = {b.name for b in core.bots.list()}
            name, n = draft.name, 2
            while name in taken:
                name, n = f"{draft.name[:36]} {n}", n + 1
            return core.bots.create(
                name=name,
                platform_name=platform.name,
                kind=draft.kind,
                symbol=draft.symbol,
                strategy=draft.strategy,
                params=draft.params,
                budget=draft.budget,
                interval=draft.interval,
                stop_loss=draft.risk.stop_loss_pct,
                take_profit=draft.risk.take_profit_pct,
                max_drawdown=draft.risk.max_drawdown_pct,
                trailing_stop=draft.risk.trailing_stop_pct,
            )

        return run_in_background(
            create, self._on_bot_saved, self.message.show_error, parent=self, name="bot-from-draft"
        )

    def select_bot(self, bot_id: str) -> bool:
        row = self.model.row_of(bot_id)
        if row < 0:
            return False
        self.view.selectRow(row)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry(current.row()) if current.isValid() else None
        if entry is None or entry.spec.id != self.detail.bot_id:
            self.detail.show_bot(entry)
        self._update_buttons()

    def _on_rows_changed(self, *_args: object) -> None:
        has_rows = self.model.rowCount() > 0
        self.stack.setCurrentWidget(self.splitter if has_rows else self.empty_label)
        if not self.selected_entry():
            self.detail.show_bot(None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.selected_entry()
        running = entry is not None and self.supervisor.is_running(entry.spec.id)
        self.start_button.setEnabled(entry is not None and not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        self.remove_button.setEnabled(entry is not None and self.remove_job is None)
        self.edit_button.setEnabled(entry is not None and not running)
        self.backtest_button.setEnabled(entry is not None)
        if entry is not None and entry.spec.kind is BotKind.TRADER and not running:
            self.start_button.setText("▶ " + self.tr("Start (real orders)"))
        else:
            self.start_button.setText("▶ " + self.tr("Start"))

    # --- commands ---------------------------------------------------------------------------------
    def open_editor(self, spec: BotSpec | None = None) -> BotEditor:
        """Open the New bot dialog, or the Edit one for a stopped bot (one at a time, not
        blocking the window).

        Connected straight to a menu action, the action's ``triggered(bool)`` lands in ``spec``:
        anything that is not a bot opens the New bot dialog.
        """
        if not isinstance(spec, BotSpec):
            spec = None
        if self.editor is not None and self.editor.spec is not spec:
            self.editor.reject()
            self._on_editor_finished(0)
        if self.editor is None:
            self.editor = BotEditor(self.core, self, spec=spec)
            self.editor.sig_saved.connect(self._on_bot_saved)
            self.editor.finished.connect(self._on_editor_finished)
        self.editor.show()
        self.editor.raise_()
        return self.editor

    def start_bot(self, bot_id: str, *, confirmed: bool = False) -> bool:
        """Start a bot; a Trader asks first unless ``confirmed``. True if it was started."""
        entry = self.model.find(bot_id)
        if entry is None or self.supervisor.is_running(bot_id):
            return False
        if self._refuse_if_elsewhere(entry):
            return False
        if entry.platform is None:
            self.message.show_message(
                "error",
                self.tr(
                    "“%1” cannot start: its platform was removed. Remove the bot, "
                    "or create it again on another platform."
                ).replace("%1", entry.spec.name),
            )
            return False
        if entry.spec.kind is BotKind.TRADER and not confirmed:
            box, start = trader_question(self, entry)
            box.exec()
            if box.clickedButton() is not start:
                self.sig_message.emit(
                    self.tr("“%1” was not started.").replace("%1", entry.spec.name)
                )
                return False
        self.message.clear()
        self.supervisor.start(entry.spec)
        return True

    def _refuse_if_elsewhere(self, entry: BotEntry) -> bool:
        """True, with a message saying who runs it, if another Crypty process runs the bot.

        One lock file tried without waiting (local, like the database reads of the GUI thread).
        """
        owner = self.core.bots.owner_elsewhere(entry.spec)
        self.model.set_elsewhere(entry.spec.id, owner)
        if owner is None:
            return False
        self.message.show_message("error", entry.busy_text())
        return True

    def pause_bot(self, bot_id: str) -> None:
        if self.supervisor.is_running(bot_id):
            self.model.set_state(bot_id, BotState.STOPPING, self.tr("pausing…"))
            self.supervisor.pause(bot_id)

    def stop_bot(self, bot_id: str, on_stop: OnStop | None = None) -> bool:
        """Stop a running bot. With open orders or holdings it asks what to do with them
        (unless ``on_stop`` says); the core does it in the bot's thread. True if it stops."""
        if not self.supervisor.is_running(bot_id):
            return False
        entry = self.model.find(bot_id)
        if on_stop is None:
            status = entry.status if entry is not None else None
            on_stop = OnStop.KEEP
            if entry is not None and left_behind(status):
                chosen = ask_on_stop(self, [entry])
                if chosen is None:
                    return False
                on_stop = chosen
        if not self.supervisor.is_running(bot_id):  # it ended while the question was open
            return False
        self.model.set_state(bot_id, BotState.STOPPING, self.tr("stopping…"))
        self.supervisor.stop(bot_id, on_stop=on_stop)
        return True

    def stop_all(self, on_stop: object = None) -> int:
        """Ask every running bot to stop (they end within about a second). Returns how many.

        Asks once, for all the bots that leave open orders or holdings, what to do with them,
        unless ``on_stop`` (an ``OnStop``) says; 0 when the user chose not to stop.
        """
        running = self.supervisor.running()
        choice = on_stop if isinstance(on_stop, OnStop) else None
        if choice is None:
            behind = [e for e in map(self.model.find, running) if e and left_behind(e.status)]
            choice = OnStop.KEEP
            if behind:
                chosen = ask_on_stop(self, behind, stop_all=True)
                if chosen is None:
                    return 0
                choice = chosen
            running = self.supervisor.running()
        for bot_id in running:
            self.model.set_state(bot_id, BotState.STOPPING, self.tr("stopping…"))
        self.supervisor.stop_all(STOP_ALL_REASON, wait_ms=0, on_stop=choice)
        self.sig_message.emit(
            (
                self.tr("Stopping 1 bot…")
                if len(running) == 1
                else self.tr("Stopping %1 bots…").replace("%1", str(len(running)))
            )
            if running
            else self.tr("No bot is running.")
        )
        return len(running)

    def cancel_order(self, bot_id: str, cid: str) -> bool:
        """Cancel one open order of a bot: a running bot does it in its own thread; a stopped
        one in a background job (its lock, the platform's gateway). Never on this thread."""
        entry = self.model.find(bot_id)
        if entry is None:
            return False
        if self.supervisor.is_running(bot_id):
            if not self.supervisor.cancel_order(bot_id, cid, CANCELLED_BY_YOU):
                self.message.show_message(
                    "error",
                    self.tr("“%1” is starting or stopping; cancel the order in a moment.").replace(
                        "%1", entry.spec.name
                    ),
                )
                return False
            self.sig_message.emit(self.tr("Cancelling the order…"))
            return True
        if self._refuse_if_elsewhere(entry):
            return False
        core, spec = self.core, entry.spec
        self.cancel_job = run_in_background(
            lambda: cancel_stopped_order(core.bot_context, spec, cid),
            self._on_cancelled,
            self._on_cancel_failed,
            parent=self,
            name="cancel-order",
        )
        return True

    def _on_cancelled(self, text: object) -> None:
        self.cancel_job = None
        self.sig_message.emit(core_text(str(text)))
        entry = self.selected_entry()
        if entry is not None:
            self.detail.show_bot(entry)  # its log, orders and trades as now recorded
        self.reload()

    def _on_cancel_failed(self, error: BaseException) -> None:
        self.cancel_job = None
        self.message.show_error(error)
        self.detail.reload_trades()

    def remove_bot(self, bot_id: str, *, ask: bool = True) -> bool:
        """Remove a bot, in the background. A bot that runs or has orders open on the exchange
        is refused by the core with what removing involves: a box lists its open orders and
        what they hold, and only its confirmation stops the bot, cancels them and removes it.
        Returns whether the removal was started."""
        entry = self.model.find(bot_id)
        if entry is None or self.remove_job is not None:
            return False
        if self._refuse_if_elsewhere(entry):
            return False
        if ask and not self.supervisor.is_running(bot_id):
            answer = QMessageBox.question(
                self,
                self.tr("Remove bot"),
                self.tr(
                    "Remove “%1”? Its log is deleted; its orders and trades stay in "
                    "the platform's history."
                ).replace("%1", entry.spec.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self._remove(entry.spec, confirmed=False)
        return True

    def _remove(self, spec: BotSpec, *, confirmed: bool) -> None:
        core = self.core
        self.message.clear()
        self.remove_job = run_in_background(
            lambda: core.bots.remove(spec, confirmed=confirmed, role=Role.WINDOW),
            lambda done: self._on_removed(spec, done),
            lambda error: self._on_remove_failed(spec, error),
            parent=self,
            name="remove-bot",
        )
        self._update_buttons()

    def _on_removed(self, spec: BotSpec, done: object) -> None:
        self.remove_job = None
        self.model.remove(spec.id)
        cancelled = done.cancelled if isinstance(done, Removed) else 0
        text = self.tr("Removed “%1”.").replace("%1", spec.name)
        if cancelled:
            text += " " + self.tr("%1 open orders were cancelled.").replace("%1", str(cancelled))
        self.sig_message.emit(text)
        self._update_buttons()
        self.sig_running_changed.emit(len(self.supervisor.running()))

    def _on_remove_failed(self, spec: BotSpec, error: BaseException) -> None:
        self.remove_job = None
        self._update_buttons()
        if not isinstance(error, NeedsConfirmation):
            self.message.show_error(error)
            return
        self.removal_box = ask_removal(
            self,
            error,
            self.tr("Remove bot"),
            self.tr("Stop, cancel its orders and remove"),
            lambda confirmed: self._on_remove_confirmed(spec, confirmed),
        )

    def _on_remove_confirmed(self, spec: BotSpec, confirmed: bool) -> None:
        self.removal_box = None
        if confirmed:
            self._remove(spec, confirmed=True)
        else:
            self.sig_message.emit(self.tr("“%1” was not removed.").replace("%1", spec.name))

    # --- slots ------------------------------------------------------------------------------------
    def _on_new_clicked(self) -> None:
        self.open_editor()

    def _on_backtest_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.sig_backtest_requested.emit(entry.spec)

    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        menu = QMenu(self)
        menu.addAction(self.tr("Compare with a backtest…"), self.compare_with_backtest)
        menu.addAction(self.tr("Report…"), self.show_report)
        menu.addAction(self.tr("Backtest…"), self._on_backtest_clicked)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def compare_with_backtest(self) -> ParityDialog | None:
        """The selected bot's trades beside a backtest of its own window (computed in a job)."""
        return self._open_for_selected(ParityDialog)

    def show_report(self) -> BotReportDialog | None:
        """The selected bot's figures and metrics, as a backtest's (computed in a job)."""
        return self._open_for_selected(BotReportDialog)

    def _open_for_selected(self, dialog_class: type[BotDialog]) -> BotDialog | None:
        entry = self.selected_entry()
        if entry is None:
            return None
        dialog = dialog_class(self.core, entry.spec, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _on_edit_clicked(self) -> None:
        entry = self.selected_entry()
        if entry is not None and not self.supervisor.is_running(entry.spec.id):
            if not self._refuse_if_elsewhere(entry):
                self.open_editor(entry.spec)

    # --- the selected bot (the buttons, and the Bots menu's actions) ----------------------------
    def start_selected(self) -> None:
        """Start the selected bot (nothing when none is selected)."""
        self._with_selected(self.start_bot)

    def pause_selected(self) -> None:
        """Pause the selected bot (nothing when none is selected)."""
        self._with_selected(self.pause_bot)

    def stop_selected(self) -> None:
        """Stop the selected bot, asking what to do with its orders (nothing when none is)."""
        self._with_selected(self.stop_bot)

    def remove_selected(self) -> None:
        """Remove the selected bot, after asking (nothing when none is selected)."""
        self._with_selected(self.remove_bot)

    def _with_selected(self, act: Callable[[str], object]) -> None:
        bot_id = self.selected_id()
        if bot_id is not None:
            act(bot_id)

    def _on_stop_all_clicked(self) -> None:
        self.stop_all()

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() == COL_NAME:
            self.detail.tabs.setCurrentIndex(0)

    def _on_bot_saved(self, spec: object) -> None:
        assert isinstance(spec, BotSpec)
        platform = next((p for p in self.core.platforms.list() if p.id == spec.platform_id), None)
        market = self.editor.market if self.editor is not None else None
        entry = BotEntry(spec, platform, rules=market.rules if market is not None else None)
        edited = self.model.find(spec.id)
        if edited is not None:  # an edit: same id, new settings, same history
            entry.state, entry.reason = edited.state, edited.reason
            entry.pnl, entry.pnl_pct = edited.pnl, edited.pnl_pct
            entry.last_action = edited.last_action
            self.model.remove(spec.id)
        self.model.add(entry)
        self.select_bot(spec.id)
        if edited is not None:
            self.detail.show_bot(entry)
            self.sig_message.emit(self.tr("Saved the changes to “%1”.").replace("%1", spec.name))
        else:
            self.sig_message.emit(
                self.tr("Created “%1”. Press Start to run it.").replace("%1", spec.name)
            )
        if entry.rules is None:
            self._load_rules([entry])

    def _on_editor_finished(self, _result: int) -> None:
        if self.editor is not None:
            self.editor.deleteLater()
            self.editor = None

    def _on_status(self, status: object) -> None:
        assert isinstance(status, BotStatus)
        self.model.apply_status(status)
        self.detail.on_status(status)

    def _on_decision(self, decision: object) -> None:
        assert isinstance(decision, Decision)
        self.detail.on_decision(decision)

    def _on_started(self, bot_id: str) -> None:
        self.model.set_state(bot_id, BotState.STARTING, "")
        self._update_buttons()
        self.sig_running_changed.emit(len(self.supervisor.running()))

    def _on_failed(self, bot_id: str, message: str, _kind: str) -> None:
        self.model.set_state(bot_id, BotState.ERROR, message)
        entry = self.model.find(bot_id)
        name = entry.spec.name if entry is not None else self.tr("A bot")
        self.message.show_message(
            "error",
            self.tr("“%1” stopped: %2").replace("%1", name).replace("%2", core_text(message)),
        )
        self.sig_message.emit(self.tr("“%1” stopped on an error.").replace("%1", name))

    def _on_refused(self, bot_id: str, message: str, owner: object) -> None:
        """The worker found the bot's lock taken: another process runs it; nothing changed."""
        self.model.set_elsewhere(bot_id, owner)  # type: ignore[arg-type]
        self.message.show_message("error", core_text(message))

    def _on_elsewhere_check(self) -> None:
        if self.load_job is None and any(e.elsewhere for e in self.model.entries()):
            self.reload()

    def _on_stopped(self, bot_id: str) -> None:
        entry = self.model.find(bot_id)
        if entry is not None and entry.state in LIVE_STATES:
            state, reason, _should_run = self.core.bot_store.state(bot_id)
            self.model.set_state(bot_id, state, reason)
        self.reload()  # its balances and P&L as recorded once its orders were dealt with
        self._update_buttons()
        self.sig_running_changed.emit(len(self.supervisor.running()))
