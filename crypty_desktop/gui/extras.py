"""What makes the window pleasant to live in for days, plugged into the main window in one place.

``WindowExtras(window)`` adds: File › Settings… (Ctrl+,), the Activity dock (View › Activity,
Ctrl+Shift+A), Help › Copy diagnostics, notifications (core ``Notifier`` → tray balloon or toast),
the tray icon, the remembered answer to "close with running bots", and the window's geometry and
dock layout saved and restored.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from crypty_desktop.domain.bots import BotSpec, BotStatus, Decision, EventKind
from crypty_desktop.gui import preferences as prefs
from crypty_desktop.gui.activity import ActivityView
from crypty_desktop.gui.i18n import current_language
from crypty_desktop.gui.icons import icon
from crypty_desktop.gui.jobs import Job, run_in_background
from crypty_desktop.gui.preferences import Preferences
from crypty_desktop.gui.qt import (
    PYSIDE_VERSION,
    QAction,
    QApplication,
    QDockWidget,
    QGuiApplication,
    QKeySequence,
    QMenu,
    QObject,
    Qt,
    QTimer,
    qVersion,
)
from crypty_desktop.gui.settings_dialog import SettingsDialog
from crypty_desktop.gui.theme import apply_theme
from crypty_desktop.gui.tray import NotificationPresenter, TrayController, tray_available
from crypty_desktop.notifications import Notifier
from crypty_desktop.reports.diagnostics import diagnostics_text

if TYPE_CHECKING:
    from crypty_desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)

SETTINGS_SHORTCUT = "Ctrl+,"
ACTIVITY_SHORTCUT = "Ctrl+Shift+A"


class WindowExtras(QObject):
    """Settings, activity, notifications, tray, diagnostics, window state for one main window."""

    def __init__(self, window: MainWindow, preferences: Preferences | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.core = window.core
        self.prefs = preferences or Preferences()
        self.settings_dialog: SettingsDialog | None = None
        self.diagnostics_job: Job | None = None
        self._specs: dict[str, BotSpec] = {}
        self.quitting = False  # File › Quit: quit, whatever closing the window does
        self._build_activity()
        self._build_actions()
        self.tray = TrayController(window, before_quit=self.save_state)
        self.presenter = NotificationPresenter(window, lambda: self.tray.icon, self)
        self.presenter.toast.sig_help_requested.connect(window.show_help)
        self.presenter.sig_shown.connect(self.activity.add_notification)
        self.notifier = Notifier(self.prefs.notify_enabled)
        # Alerts (also sent by `crypty bot run`) speak the interface language.
        self.core.alerts.set_language(current_language())
        self.core.alerts.start()  # the daily summary: a thread of the core, no I/O here
        self.connect_supervisor(window.bots.supervisor)
        window.connection_label.sig_paused.connect(self._on_rate_paused)
        self.activity.load_history()
        self.restore_state()

    # --- building ---------------------------------------------------------------------------------
    def _build_activity(self) -> None:
        self.activity = ActivityView(self.core, show_title=False)
        dock = QDockWidget(self.tr("Activity"), self.window)
        dock.setObjectName("activityDock")
        dock.setWidget(self.activity)
        dock.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.hide()
        self.activity_dock = dock

    def _build_actions(self) -> None:
        w = self.window
        self.settings_action = QAction(icon("settings"), self.tr("&Settings…"), w)
        self.settings_action.setShortcut(QKeySequence(SETTINGS_SHORTCUT))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        file_menu = _menu_of(w, w.quit_action)
        if file_menu is not None:
            file_menu.insertAction(w.quit_action, self.settings_action)
            file_menu.insertSeparator(w.quit_action)
        else:
            w.addAction(self.settings_action)

        self.activity_action = self.activity_dock.toggleViewAction()
        self.activity_action.setText(self.tr("&Activity"))
        self.activity_action.setIcon(icon("activity"))
        self.activity_action.setShortcut(QKeySequence(ACTIVITY_SHORTCUT))
        w.view_menu.insertAction(w.help_action, self.activity_action)
        w.view_menu.insertSeparator(w.help_action)

        self.diagnostics_action = QAction(self.tr("Copy &diagnostics"), w)
        self.diagnostics_action.setToolTip(
            self.tr("Copy versions and settings for support (no keys, no names) to the clipboard")
        )
        self.diagnostics_action.triggered.connect(self.copy_diagnostics)
        w.help_menu.insertAction(w.about_action, self.diagnostics_action)
        w.help_menu.insertSeparator(w.about_action)

    # --- bots -------------------------------------------------------------------------------------
    def connect_supervisor(self, supervisor: QObject) -> None:
        """Listen to the running bots: activity rows, notifications, the tray's tooltip."""
        self.activity.connect_supervisor(supervisor)  # type: ignore[arg-type]
        supervisor.sig_decision.connect(self._on_decision)  # type: ignore[attr-defined]
        supervisor.sig_status.connect(self._on_status)  # type: ignore[attr-defined]
        supervisor.sig_failed.connect(self._on_failed)  # type: ignore[attr-defined]
        supervisor.sig_started.connect(self._on_started)  # type: ignore[attr-defined]
        supervisor.sig_stopped.connect(self._on_stopped)  # type: ignore[attr-defined]
        self.window.bots.sig_background_requested.connect(self._on_background_requested)

    def _spec(self, bot_id: str) -> BotSpec | None:
        spec = self._specs.get(bot_id)
        if spec is None:
            self._specs = {s.id: s for s in self.core.bots.list()}  # a small local read
            spec = self._specs.get(bot_id)
        return spec

    def _on_decision(self, decision: object) -> None:
        if isinstance(decision, Decision):
            spec = self._spec(decision.bot_id)
            self.presenter.present(self.notifier.on_decision(decision, spec))
            self.core.alerts.on_bot_event(decision, spec)  # queued: never waits

    def _on_status(self, status: object) -> None:
        if isinstance(status, BotStatus):
            spec = self._spec(status.bot_id)
            self.presenter.present(self.notifier.on_status(status, spec))
            self.core.alerts.on_bot_event(status, spec)

    def _on_failed(self, bot_id: str, message: str, kind: str) -> None:
        spec, what = self._spec(bot_id), EventKind(kind)
        self.presenter.present(self.notifier.on_failed(bot_id, message, spec, what))
        self.core.alerts.on_failed(bot_id, message, spec, what)

    def _on_started(self, bot_id: str) -> None:
        self.notifier.forget(bot_id)
        self.core.alerts.forget(bot_id)
        self._specs.pop(bot_id, None)  # edited since: read it again
        self.tray.update_tooltip()

    def _on_stopped(self, _bot_id: str) -> None:
        self.tray.update_tooltip()

    def _on_rate_paused(self, platform: str, seconds: float, banned: bool) -> None:
        self.presenter.present(self.notifier.on_rate_limit_pause(platform, seconds, banned))
        self.core.alerts.on_rate_limit_pause(platform, seconds, banned)

    # --- settings ---------------------------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        if self.settings_dialog is None:
            dialog = SettingsDialog(
                self.core.settings.data_dir, self.prefs, self.window, alerts=self.core.alerts
            )
            dialog.sig_applied.connect(self._on_settings_applied)
            dialog.finished.connect(self._on_settings_closed)
            self.settings_dialog = dialog
        self.settings_dialog.load()
        self.settings_dialog.open()
        return self.settings_dialog

    def _on_settings_applied(self, changed: list[str]) -> None:
        if prefs.THEME.key in changed:
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_theme(app, self.prefs.get(prefs.THEME))
        if prefs.AUTO_RESUME.key in changed:
            self.window.bots.show_auto_resume(self.prefs.get(prefs.AUTO_RESUME))
        if prefs.LANGUAGE.key in changed:
            self.window.statusBar().showMessage(
                self.tr("The new language applies when Crypty Desktop next starts."), 10_000
            )

    def _on_settings_closed(self, _result: int) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
            self.settings_dialog = None

    # --- diagnostics ------------------------------------------------------------------------------
    def diagnostics_extra(self) -> dict[str, str]:
        return {
            "Qt": qVersion(),
            "PySide6": PYSIDE_VERSION,
            "Qt platform": QGuiApplication.platformName(),
            "Language": current_language(),
            "Theme": self.prefs.get(prefs.THEME),
            "System tray": "yes" if tray_available() else "no",
        }

    def copy_diagnostics(self) -> Job:
        """Build the text in the background (the keychain may be slow), then copy it."""
        core, extra = self.core, self.diagnostics_extra()
        self.diagnostics_job = run_in_background(
            lambda: diagnostics_text(
                core.credentials,
                core.platforms.list(),
                core.bots.list(),
                core.settings.data_dir,
                extra,
            ),
            self._on_diagnostics_ready,
            self._on_diagnostics_failed,
            parent=self,
            name="diagnostics",
        )
        return self.diagnostics_job

    def _on_diagnostics_ready(self, text: object) -> None:
        self.diagnostics_job = None
        QGuiApplication.clipboard().setText(str(text))
        self.window.statusBar().showMessage(
            self.tr("Diagnostics copied to the clipboard: paste them into your message."), 8000
        )

    def _on_diagnostics_failed(self, error: BaseException) -> None:
        self.diagnostics_job = None
        log.warning("Diagnostics failed: %s", type(error).__name__)
        self.window.statusBar().showMessage(self.tr("The diagnostics could not be gathered."))

    # --- window state and closing -----------------------------------------------------------------
    def save_state(self) -> None:
        self.prefs.save_window_state(self.window)
        self.prefs.sync()

    def restore_state(self) -> bool:
        return self.prefs.restore_window_state(self.window)

    def confirm_close(self) -> bool:
        """Closing the window: apply the remembered answer, or ask once and remember it.

        The answer is shown and changed in Settings › Bots. File › Quit (``quitting``) always
        quits: running bots stop (and resume at the next start if auto-resume is on).
        True: the window may close (bots, if any, are stopping with ``resume_later``).
        """
        bots = self.window.bots
        if not bots.running_ids():
            return self._closing()
        remembered = self.prefs.get(prefs.CLOSE_ACTION)
        if self.quitting and remembered == prefs.CLOSE_BACKGROUND:
            bots.stop_for_exit()
            return self._closing()
        if remembered == prefs.CLOSE_BACKGROUND and tray_available():
            self._on_background_requested()
            return False
        if remembered == prefs.CLOSE_STOP:
            bots.stop_for_exit()
            return self._closing()
        self._asked_background = False
        if bots.confirm_close():
            self.prefs.set(prefs.CLOSE_ACTION, prefs.CLOSE_STOP)
            return self._closing()
        if self._asked_background:
            self.prefs.set(prefs.CLOSE_ACTION, prefs.CLOSE_BACKGROUND)
        return False

    def _closing(self) -> bool:
        self.save_state()
        if not QApplication.quitOnLastWindowClosed():  # the window was in the background before
            QApplication.setQuitOnLastWindowClosed(True)
            QTimer.singleShot(0, QApplication.quit)
        return True

    def _on_background_requested(self) -> None:
        """Bots keep running with the window hidden; the tray icon brings it back."""
        self._asked_background = True
        QApplication.setQuitOnLastWindowClosed(False)
        self.save_state()
        self.window.hide()
        if self.tray.icon is not None:
            self.tray.icon.show()
            self.tray.icon.showMessage(
                "Crypty Desktop",
                self.tr(
                    "The bots keep running. Click the icon to open the window again; "
                    "Settings › Bots changes what closing the window does."
                ),
            )

    _asked_background = False


def _menu_of(window: MainWindow, action: QAction) -> QMenu | None:
    for top in window.menuBar().actions():
        menu = top.menu()
        if isinstance(menu, QMenu) and action in menu.actions():
            return menu
    return None


def apply_preferences(app: QApplication, preferences: Preferences | None = None) -> str:
    """At start-up, before any window: the interface language and the colours. Returns the
    language installed."""
    from crypty_desktop.gui.i18n import install_translators, resolve_language

    p = preferences or Preferences()
    language = resolve_language(p.get(prefs.LANGUAGE))
    install_translators(app, language)
    apply_theme(app, p.get(prefs.THEME))
    return language


def start_logging() -> None:
    """The log file in the data folder (an unwritable folder leaves logging to stderr only)."""
    from crypty_desktop.logs import setup_logging
    from crypty_desktop.settings import Settings

    try:
        setup_logging(Settings.from_env())
    except OSError as error:
        log.warning("No log file: %s", error)
