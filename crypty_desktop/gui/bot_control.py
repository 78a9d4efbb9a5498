"""The bots inside the main window: the Bots menu, the running count, closing, resuming.

``BotsController`` owns the ``BotSupervisor`` and the bot list. At start-up, bots that were
running when the app last closed come back if "Resume bots on start" is on (the preference
``bots/auto_resume`` in the core's preferences file; the plan is ``BotService.resume_on_start``);
otherwise they show as stopped, saying they were running when the app closed. A bot another
Crypty process runs (``crypty bot run``) is left alone: the list shows it running there. Closing
the window with bots running asks whether to keep them running in the background (only where a
system tray exists), to stop them and quit (they resume next time if auto-resume is on), or not
to close.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crypty_desktop.domain.bots import STOPPED_APP_CLOSED
from crypty_desktop.gui.bot_list import BotListWidget
from crypty_desktop.gui.preferences import AUTO_RESUME, Preferences
from crypty_desktop.gui.qt import (
    QAction,
    QApplication,
    QKeySequence,
    QLabel,
    QMenu,
    QMessageBox,
    QObject,
    QSystemTrayIcon,
    Signal,
)
from crypty_desktop.gui.workers import BotSupervisor

if TYPE_CHECKING:
    from crypty_desktop.gui.main_window import MainWindow

AUTO_RESUME_KEY = AUTO_RESUME.key
QUIT_REASON = STOPPED_APP_CLOSED  # saved with the state; shown through core_text
# How long quitting waits for the bots to end: a Trader bot first asks Binance about orders whose
# outcome is unknown, up to ``STOP_SETTLE`` (10 s) a question, each try within a request's timeout.
EXIT_WAIT_MS = 45_000
STOP_ALL_SHORTCUT = "Ctrl+Shift+X"


def tray_available() -> bool:
    """Whether "keep running in the background" can be offered (a tray icon brings it back)."""
    return bool(QSystemTrayIcon.isSystemTrayAvailable())


class BotsController(QObject):
    """Bots in the window: supervisor, list, menu, status bar count, close and resume rules.

    Signals:
        sig_background_requested(): the user chose to keep bots running with the window hidden.
    """

    sig_background_requested = Signal()

    def __init__(self, window: MainWindow, preferences: Preferences | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.core = window.core
        self.prefs = preferences or Preferences(store=self.core.preferences)
        self.supervisor = BotSupervisor(self.core, self)
        self.list = BotListWidget(self.core, self.supervisor)
        self.list.sig_message.connect(self._on_message)
        self.list.sig_running_changed.connect(self._on_running_changed)
        window.bots_page.show_bot_list(self.list)
        self._build_menu()
        self.running_label = QLabel("")
        self.running_label.setContentsMargins(8, 0, 8, 0)
        window.statusBar().addPermanentWidget(self.running_label)
        window.sig_platforms_changed.connect(self.list.reload)
        self.list.sig_backtest_requested.connect(self._on_backtest_requested)
        self._on_running_changed(0)

    def _on_backtest_requested(self, spec: object) -> None:
        """ "Backtest…" in the bot list: the Backtests page, set up like the bot, running."""
        self.window.open_backtest_for(spec)  # type: ignore[arg-type]

    def _on_parity_triggered(self) -> None:
        self.list.compare_with_backtest()

    def create_from_backtest(self, draft: object) -> None:
        """A backtest's "Run as a Ghost bot…": the Bots page, with the new (stopped) bot."""
        self.window.show_bots_page()
        self.list.create_from_draft(draft)  # type: ignore[arg-type]

    # --- building ---------------------------------------------------------------------------------
    def _build_menu(self) -> None:
        menu = QMenu(self.tr("&Bots"), self.window)
        self.menu = menu
        self.new_action = QAction(self.tr("&New bot…"), self.window)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.list.open_editor)
        self.start_action = QAction(self.tr("&Start"), self.window)
        self.start_action.setShortcut(QKeySequence("Ctrl+R"))
        self.start_action.triggered.connect(self.list.start_selected)
        self.pause_action = QAction(self.tr("&Pause"), self.window)
        self.pause_action.triggered.connect(self.list.pause_selected)
        self.stop_action = QAction(self.tr("S&top"), self.window)
        self.stop_action.setShortcut(QKeySequence("Ctrl+T"))
        self.stop_action.triggered.connect(self.list.stop_selected)
        self.stop_all_action = QAction(self.tr("Stop &all bots"), self.window)
        self.stop_all_action.setShortcut(QKeySequence(STOP_ALL_SHORTCUT))
        self.stop_all_action.triggered.connect(self.list.stop_all)
        self.auto_resume_action = QAction(self.tr("&Resume bots on start"), self.window)
        self.auto_resume_action.setCheckable(True)
        self.auto_resume_action.setChecked(self.auto_resume)
        self.auto_resume_action.setToolTip(
            self.tr("When the app starts, start again the bots that were running when it closed.")
        )
        self.auto_resume_action.toggled.connect(self._on_auto_resume_toggled)
        self.parity_action = QAction(self.tr("&Compare with a backtest…"), self.window)
        self.parity_action.setToolTip(
            self.tr("The selected bot's trades beside a backtest of its own window.")
        )
        self.parity_action.triggered.connect(
            lambda _checked=False: self.list.compare_with_backtest()
        )
        self.report_action = QAction(self.tr("Re&port…"), self.window)
        self.report_action.setToolTip(
            self.tr(
                "The selected bot's P&L, drawdown and metrics (Sharpe, Sortino, Calmar, monthly "
                "returns), as a backtest shows them, with CSV and HTML exports."
            )
        )
        self.report_action.triggered.connect(lambda _checked=False: self.list.show_report())
        for action in (self.new_action, self.start_action, self.pause_action, self.stop_action):
            menu.addAction(action)
        menu.addAction(self.parity_action)
        menu.addAction(self.report_action)
        menu.addSeparator()
        menu.addAction(self.stop_all_action)
        menu.addSeparator()
        menu.addAction(self.auto_resume_action)
        bar = self.window.menuBar()
        after_file = next(
            (a for a in bar.actions() if a.text().replace("&", "") == "Platforms"), None
        )
        platforms_menu = getattr(self.window, "platforms_menu", None)  # whatever its language
        if platforms_menu is not None:
            after_file = platforms_menu.menuAction()
        if after_file is not None:
            bar.insertMenu(after_file, menu)
        else:
            bar.addMenu(menu)

    # --- settings ---------------------------------------------------------------------------------
    @property
    def auto_resume(self) -> bool:
        return self.prefs.get(AUTO_RESUME)

    def _on_auto_resume_toggled(self, checked: bool) -> None:
        self.prefs.set(AUTO_RESUME, checked)

    # --- start-up ---------------------------------------------------------------------------------
    def resume_on_start(self) -> list[str]:
        """Bring back (or mark stopped) the bots that ran when the app closed, as the core decides
        (``BotService.resume_on_start``): a bot another process runs is left alone and shown as
        running there. Returns the ids started. Local database and lock files only; the bots
        build themselves in threads."""
        plan = self.core.bots.resume_on_start(self.auto_resume)
        for spec in plan.resume:
            self.supervisor.start(spec)
        self.list.reload()
        return [spec.id for spec in plan.resume]

    # --- closing ----------------------------------------------------------------------------------
    def confirm_close(self) -> bool:
        """Ask what to do with running bots. True: the window may close (bots stopped)."""
        running = self.supervisor.running()
        if not running:
            return True
        count = len(running)
        box = QMessageBox(self.window)
        box.setObjectName("closeWithBots")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Bots are running"))
        box.setText(
            self.tr("1 bot is running.")
            if count == 1
            else self.tr("%1 bots are running.").replace("%1", str(count))
        )
        box.setInformativeText(
            self.tr("Bots only trade while Crypty Desktop runs.")
            + " "
            + (
                self.tr(
                    "They start again when you next open the app (Bots › Resume bots on start "
                    "is on)."
                )
                if self.auto_resume
                else self.tr(
                    "To bring them back when you next open the app, turn on "
                    "Bots › Resume bots on start."
                )
            )
        )
        background = None
        if tray_available():
            background = box.addButton(
                self.tr("Keep running in the background"), QMessageBox.ButtonRole.AcceptRole
            )
        stop = box.addButton(self.tr("Stop bots and quit"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        clicked = box.clickedButton()
        if background is not None and clicked is background:
            QApplication.setQuitOnLastWindowClosed(False)
            self.window.hide()
            self.sig_background_requested.emit()
            return False
        if clicked is stop:
            self.stop_for_exit()
            return True
        return False

    def stop_for_exit(self) -> None:
        """Stop every bot and wait until they have (about a second; longer while a Trader bot asks
        Binance about an order whose outcome is unknown, ``EXIT_WAIT_MS`` at most, the window
        still drawn); they resume next start if auto-resume is on."""
        if self.supervisor.running():
            self.window.statusBar().showMessage(self.tr("Stopping the bots…"))
        self.supervisor.stop_all(QUIT_REASON, wait_ms=EXIT_WAIT_MS, resume_later=True)

    # --- what the window's other parts ask (tray, panic button, settings, closing) -------------
    def running_ids(self) -> list[str]:
        """The ids of the bots this window runs now."""
        return self.supervisor.running()

    def request_stop_all(self, reason: str) -> list[str]:
        """Ask every running bot to stop, without waiting (each ends within about a second);
        returns the ids asked."""
        running = self.supervisor.running()
        self.supervisor.stop_all(reason, wait_ms=0)
        return running

    def stop_all_asking(self) -> None:
        """Bots › Stop all bots: asks once what to do with open orders and holdings."""
        self.list.stop_all()

    def show_bot(self, bot_id: str) -> None:
        """The Bots page with this bot selected."""
        self.window.show_bots_page()
        self.list.select_bot(bot_id)

    def reload(self) -> None:
        """Read the bots again (after a change made elsewhere, e.g. the panic button)."""
        self.list.reload()

    def add_menu_action(self, action: QAction) -> None:
        """Put an action in the Bots menu, in its own group above "Resume bots on start"."""
        self.menu.insertAction(self.auto_resume_action, action)
        self.menu.insertSeparator(self.auto_resume_action)

    def show_auto_resume(self, checked: bool) -> None:
        """Show the "Resume bots on start" setting as changed elsewhere (Settings)."""
        self.auto_resume_action.setChecked(checked)

    # --- slots ------------------------------------------------------------------------------------
    def _on_message(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)

    def _on_running_changed(self, count: int) -> None:
        self.running_label.setText(
            self.tr("No bot running")
            if count == 0
            else self.tr("1 bot running")
            if count == 1
            else self.tr("%1 bots running").replace("%1", str(count))
        )
