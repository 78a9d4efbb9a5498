"""The main window: menus, the navigation on the left, the pages, and the status bar.

With no platform yet, the Bots page teaches what to do first (try the demo, or add a Binance key).
The help pane docks on the right; ``show_help(topic)`` is the one way other code opens it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crypty_desktop import __version__ as APP_VERSION
from crypty_desktop import demo
from crypty_desktop.app import Core
from crypty_desktop.demo import ensure_demo
from crypty_desktop.domain.bots import BotSpec
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.domain.platform import Platform, PlatformType
from crypty_desktop.gui.backtest_page import BacktestsPage
from crypty_desktop.gui.bot_control import BotsController
from crypty_desktop.gui.bot_detail import set_chart_factory
from crypty_desktop.gui.charts import make_bot_chart
from crypty_desktop.gui.connection_label import ConnectionLabel
from crypty_desktop.gui.dashboard import DashboardPage
from crypty_desktop.gui.export_dialog import ExportDialog
from crypty_desktop.gui.extras import WindowExtras
from crypty_desktop.gui.feedback import error_text
from crypty_desktop.gui.icons import icon
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.onboarding import OnboardingWizard, should_show_onboarding
from crypty_desktop.gui.pages import BotsPage, PlatformsPage
from crypty_desktop.gui.panic_dialog import PanicController
from crypty_desktop.gui.platforms_dialog import PlatformsDialog
from crypty_desktop.gui.preferences import Preferences
from crypty_desktop.gui.qt import (
    QT_TRANSLATE_NOOP,
    QAction,
    QCloseEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSize,
    QStackedWidget,
    Qt,
    QTimer,
    QWidget,
    Signal,
)
from crypty_desktop.gui.theme import WARNING_COLOUR
from crypty_desktop.heap import freeze_startup_heap

if TYPE_CHECKING:
    from crypty_desktop.gui.help_pane import HelpPane

DEMO_NAME = demo.DEMO_NAME
SETTLE_MS = 1000  # after the first paint, the bot list's load and the resumed bots' start
# Page ids (English, also the icon names); shown through the translator.
NAV_PAGES = (
    QT_TRANSLATE_NOOP("MainWindow", "Dashboard"),
    QT_TRANSLATE_NOOP("MainWindow", "Bots"),
    QT_TRANSLATE_NOOP("MainWindow", "Backtests"),
    QT_TRANSLATE_NOOP("MainWindow", "Platforms"),
)


def add_demo_platform(core: Core) -> Platform:
    """The demo platform and its sample Ghost bot (see ``crypty_desktop.demo``). Worker thread."""
    return ensure_demo(core.platforms, core.bots)


class MainWindow(QMainWindow):
    """The application window.

    Signals:
        sig_platforms_changed(): the list of platforms changed (added, edited, removed).
        sig_keychain_checked(str): the keychain status text shown in the status bar.
    """

    sig_platforms_changed = Signal()
    sig_keychain_checked = Signal(str)

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.core = core
        self.help_dock: HelpPane | None = None  # the help pane, made on first use (see show_help)
        self.onboarding: OnboardingWizard | None = None
        self.platforms_dialog: PlatformsDialog | None = None
        self._demo_job: Job | None = None
        self._keychain_job: Job | None = None
        self.keychain_ok: bool | None = None
        self.setWindowTitle("Crypty Desktop")
        self.setWindowIcon(icon("app"))
        self._build_pages()
        self._build_menus()
        self._build_status_bar()
        self.resize(1100, 680)
        self.refresh()
        self.bots = BotsController(self)  # the Bots menu, the bot list, the running count
        self.bots.resume_on_start()
        self.panic = PanicController(self)  # Bots › Make everything safe… (and the tray's)
        self.extras = WindowExtras(self)  # settings, activity, tray, notifications, state
        self.dashboard_page.watch(self.bots.supervisor)  # live bot P&L
        set_chart_factory(make_bot_chart)  # the bot detail's Chart tab
        self.backtests_page.sig_bot_requested.connect(self.bots.create_from_backtest)
        self.backtests_page.sig_help_requested.connect(self.show_help)
        self.check_keychain()
        # Once start-up is over, what it made stays out of the garbage collector's full passes
        # (they stall every thread, the window's too: see crypty_desktop.heap).
        QTimer.singleShot(SETTLE_MS, freeze_startup_heap)

    # --- building ---------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Pages"))
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet(
            "QListWidget#navigation { background: palette(base); padding: 10px 6px; outline: 0;"
            " border: none; border-right: 1px solid palette(mid); }"
            "QListWidget#navigation::item { padding: 7px 8px; border-radius: 4px;"
            " color: palette(text); }"
            "QListWidget#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        for name in NAV_PAGES:
            self.nav.addItem(QListWidgetItem(icon(name.lower()), self.tr(name)))
        self.nav.setFixedWidth(170)
        self.dashboard_page = DashboardPage(self.core)
        self.backtests_page = BacktestsPage(self.core)
        self.bots_page = BotsPage()
        self.platforms_page = PlatformsPage()
        self.pages = QStackedWidget()
        for page in (self.dashboard_page, self.bots_page, self.backtests_page, self.platforms_page):
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(NAV_PAGES.index("Bots"))

        empty = self.bots_page.empty_state
        empty.demo_button.clicked.connect(self._on_try_demo_clicked)
        empty.binance_button.clicked.connect(self._on_add_binance_clicked)
        self.bots_page.next_steps.platforms_button.clicked.connect(self.open_platforms)
        self.dashboard_page.platforms_button.clicked.connect(self.open_platforms)
        self.platforms_page.manage_button.clicked.connect(self.open_platforms)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.export_action = QAction(self.tr("&Export trades…"), self)
        self.export_action.triggered.connect(self.open_export)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self._on_quit_triggered)
        file_menu.addAction(self.quit_action)

        platforms_menu = bar.addMenu(self.tr("&Platforms"))
        self.platforms_menu = platforms_menu
        self.manage_platforms_action = QAction(self.tr("&Manage platforms…"), self)
        self.manage_platforms_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.manage_platforms_action.triggered.connect(self.open_platforms)
        platforms_menu.addAction(self.manage_platforms_action)
        self.try_demo_action = QAction(self.tr("Add the offline &demo"), self)
        self.try_demo_action.triggered.connect(self._on_try_demo_clicked)
        platforms_menu.addAction(self.try_demo_action)

        self.view_menu = bar.addMenu(self.tr("&View"))
        for row, name in enumerate(NAV_PAGES):
            action = QAction(self.tr(name), self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self.nav.setCurrentRow(r))
            self.view_menu.addAction(action)
        self.view_menu.addSeparator()
        self.help_action = QAction(self.tr("&Guide"), self)
        self.help_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.help_action.triggered.connect(self._on_help_action_triggered)
        self.view_menu.addAction(self.help_action)

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.help_action)
        self.getting_started_action = QAction(self.tr("Getting started…"), self)
        self.getting_started_action.triggered.connect(self.open_onboarding)
        self.help_menu.addAction(self.getting_started_action)
        self.about_action = QAction(self.tr("&About Crypty Desktop"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self._on_about)
        self.help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.platforms_label = QLabel("")
        self.keychain_label = QLabel(self.tr("Keychain: checking…"))
        self.data_label = QLabel("")
        self.connection_label = ConnectionLabel(self.core)  # Binance: connected · weight 3 %
        status.addPermanentWidget(self.connection_label)
        for label in (self.platforms_label, self.keychain_label, self.data_label):
            label.setContentsMargins(8, 0, 8, 0)
            status.addPermanentWidget(label)  # temporary messages appear on the left

    # --- public -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the platforms (a small local read) and update the pages and the status bar."""
        platforms = self.core.platforms.list()
        self.bots_page.set_platforms(platforms)
        self.dashboard_page.set_platforms(platforms)
        self.backtests_page.set_platforms(platforms)
        self.platforms_page.set_platforms(platforms)
        count = len(platforms)
        self.platforms_label.setText(
            self.tr("No platform yet")
            if count == 0
            else self.tr("1 platform")
            if count == 1
            else self.tr("%1 platforms").replace("%1", str(count))
        )
        only_demo = count > 0 and all(not p.type.needs_keys for p in platforms)
        self.data_label.setText(self.tr("Demo data: offline") if only_demo else "")
        self.data_label.setVisible(only_demo)

    def open_platforms(self) -> PlatformsDialog:
        """Show the Platforms window (one instance, non-blocking) and return it."""
        if self.platforms_dialog is None:
            dialog = PlatformsDialog(self.core, self)
            dialog.sig_platforms_changed.connect(self._on_platforms_changed)
            dialog.sig_help_requested.connect(self.show_help)
            self.platforms_dialog = dialog
        self.platforms_dialog.refresh()
        self.platforms_dialog.show()
        self.platforms_dialog.raise_()
        self.platforms_dialog.activateWindow()
        return self.platforms_dialog

    def add_binance_key(self) -> PlatformsDialog:
        """Open Platforms with the add form for a Binance key, and the guide beside it."""
        dialog = self.open_platforms()
        dialog.open_add_form(PlatformType.BINANCE)
        self.show_help("add-key")
        return dialog

    def try_demo(self) -> Job | None:
        """Add the offline demo platform in the background (ignored while it is being added)."""
        if self._demo_job is not None:
            return self._demo_job
        self.bots_page.empty_state.set_busy(True)
        self._demo_job = run_in_background(
            lambda: add_demo_platform(self.core),
            self._on_demo_added,
            self._on_demo_failed,
            parent=self,
            name="add-demo",
        )
        return self._demo_job

    def check_keychain(self) -> Job:
        """Ask, off the GUI thread, whether secrets can be stored; show it in the status bar."""
        self._keychain_job = run_in_background(
            self.core.credentials.check_available,
            self._on_keychain_ok,
            self._on_keychain_failed,
            parent=self,
            name="check-keychain",
        )
        return self._keychain_job

    @property
    def keychain_job(self) -> Job | None:
        return self._keychain_job

    def show_help(self, topic: str | None = None) -> HelpPane:
        """Open the guide beside the window at ``topic`` (``"id"`` or ``"id#anchor"``).

        None keeps the topic shown (the start page the first time).
        """
        if self.help_dock is None:
            from crypty_desktop.gui.help_pane import HelpPane  # loaded on first use

            self.help_dock = HelpPane(self)
            self.help_dock.sig_action_requested.connect(self._on_help_action_requested)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.help_dock)
            self.resizeDocks([self.help_dock], [400], Qt.Orientation.Horizontal)
        if topic:
            topic_id, _, anchor = topic.partition("#")
            self.help_dock.show_topic(topic_id, anchor)
        self.help_dock.show()
        self.help_dock.raise_()
        return self.help_dock

    def show_bots_page(self) -> None:
        self.nav.setCurrentRow(NAV_PAGES.index("Bots"))

    def open_backtest_for(self, spec: BotSpec) -> BacktestsPage:
        """Show the Backtests page set up like this bot, and run it ("Backtest this bot")."""
        self.nav.setCurrentRow(NAV_PAGES.index("Backtests"))
        self.backtests_page.open_backtest_for(spec)
        return self.backtests_page

    def open_onboarding(self) -> OnboardingWizard:
        """Open the getting-started wizard (first run, or Help › Getting started…)."""
        if self.onboarding is None:
            wizard = OnboardingWizard(self.core, self)
            wizard.sig_language_chosen.connect(self._on_language_chosen)
            wizard.sig_demo_created.connect(self._on_demo_added)
            wizard.sig_connect_requested.connect(self._on_connect_requested)
            wizard.finished.connect(self._on_onboarding_finished)
            self.onboarding = wizard
        self.onboarding.open()
        return self.onboarding

    def open_onboarding_if_first_run(self) -> None:
        """At start-up: the wizard on the very first run (CRYPTY_NO_ONBOARDING=1 turns it off)."""
        if should_show_onboarding(Preferences()):
            self.open_onboarding()

    # --- slots ------------------------------------------------------------------------------------
    def open_export(self) -> ExportDialog:
        """File › Export trades…: the dialog (made once, kept for the next time)."""
        dialog = getattr(self, "export_dialog", None)
        if dialog is None:
            dialog = ExportDialog(self.core, Path.home(), self)
            self.export_dialog = dialog
        dialog.show()
        dialog.raise_()
        return dialog

    def _on_try_demo_clicked(self) -> None:
        self.try_demo()

    def _on_add_binance_clicked(self) -> None:
        self.add_binance_key()

    def _on_help_action_triggered(self) -> None:
        if self.help_dock is not None and self.help_dock.isVisible():
            self.help_dock.hide()
        else:
            self.show_help(None)

    def _on_help_action_requested(self, name: str, params: dict[str, str]) -> None:
        """An action link in the guide: open Platforms, its add form, or the wizard."""
        if name == "open-platforms":
            self.open_platforms()
        elif name == "add-platform":
            types = {t.value: t for t in PlatformType}
            type_ = types.get(params.get("type", ""), PlatformType.BINANCE)
            self.open_platforms().open_add_form(type_)
        elif name == "getting-started":
            self.open_onboarding()

    def _on_language_chosen(self, language: str) -> None:
        if self.help_dock is not None:
            self.help_dock.set_language(language)

    def _on_connect_requested(self) -> None:
        self.open_platforms()
        self.show_help("ghost-key")

    def _on_onboarding_finished(self, _result: int) -> None:
        if self.onboarding is not None:
            self.onboarding.deleteLater()
            self.onboarding = None

    def _on_demo_added(self, _platform: object) -> None:
        self._demo_job = None
        self.bots_page.empty_state.set_busy(False)
        self._on_platforms_changed()
        self.statusBar().showMessage(self.tr("The offline demo exchange is ready."), 6000)

    def _on_demo_failed(self, error: BaseException) -> None:
        self._demo_job = None
        self.bots_page.empty_state.set_busy(False)
        self.bots_page.empty_state.message.show_error(error)

    def _on_platforms_changed(self) -> None:
        self.refresh()
        self.sig_platforms_changed.emit()

    def _on_keychain_ok(self, _none: object) -> None:
        self._keychain_job = None
        self.keychain_ok = True
        self.keychain_label.setText(self.tr("Keychain: OK"))
        self.keychain_label.setToolTip(
            self.tr("API keys are stored in this computer's keychain, never in a file.")
        )
        self.keychain_label.setStyleSheet("")
        self.sig_keychain_checked.emit(self.keychain_label.text())

    def _on_keychain_failed(self, error: BaseException) -> None:
        self._keychain_job = None
        self.keychain_ok = False
        text, _small = error_text(error)
        self.keychain_label.setText(
            "⚠ " + self.tr("Keychain unavailable: Binance keys cannot be saved")
        )
        self.keychain_label.setToolTip(text if isinstance(error, CryptyError) else "")
        self.keychain_label.setStyleSheet(f"color: {WARNING_COLOUR}; font-weight: bold;")
        self.sig_keychain_checked.emit(self.keychain_label.text())

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Crypty Desktop"),
            f"<b>Crypty Desktop</b> {APP_VERSION}<br><br>"
            + self.tr(
                "Runs crypto trading bots on your own Binance account, from your own computer."
            )
            + "<br>"
            + self.tr("Ghost bots trade paper money; Trader bots place real orders.")
            + "<br><br>"
            + self.tr("Your API keys stay in this computer's keychain."),
        )

    def _on_quit_triggered(self) -> None:
        """File › Quit quits, even when closing the window keeps the bots in the background."""
        self.extras.quitting = True
        try:
            self.close()
        finally:
            self.extras.quitting = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if not self.extras.confirm_close():  # asks once about running bots, remembers
            event.ignore()
            return
        if self.platforms_dialog is not None:
            self.platforms_dialog.close()
        super().closeEvent(event)
