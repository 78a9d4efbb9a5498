"""Starting the desktop app: the QApplication, the core, the main window, the crash hook.

One window per data folder: a second launch brings the first window to the front and exits
(``single_window``).
"""

from __future__ import annotations

import logging

from crypty_desktop.app import Core, DatabaseDamaged, build_core, restore_newest_backup
from crypty_desktop.domain.errors import CryptyError
from crypty_desktop.gui.crash import CrashReporter
from crypty_desktop.gui.extras import apply_preferences, start_logging
from crypty_desktop.gui.i18n import core_text
from crypty_desktop.gui.icons import icon
from crypty_desktop.gui.jobs import wait_for_jobs
from crypty_desktop.gui.main_window import MainWindow
from crypty_desktop.gui.qt import QApplication, QCoreApplication, QMessageBox, QStyleFactory
from crypty_desktop.gui.single_window import SingleWindow, bring_to_front
from crypty_desktop.settings import Settings

log = logging.getLogger(__name__)

APP_NAME = "Crypty Desktop"
ORG_NAME = "Crypty"
ORG_DOMAIN = "crypty.app"
SHUTDOWN_WAIT_MS = 3000


def make_application(argv: list[str]) -> QApplication:
    """The QApplication with the app's names (used by QSettings) and the Fusion style."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setDesktopFileName("crypty-desktop")
    app.setWindowIcon(icon("app"))
    style = QStyleFactory.create("Fusion")
    if style is not None:
        app.setStyle(style)
    return app


def start_core(settings: Settings | None = None) -> Core | None:
    """Build the core; on failure say why in a dialog and return None.

    A damaged database is kept as it is; the dialog offers to restore the newest automatic
    backup (the damaged file is moved aside, never deleted), then the core is built again.
    """
    try:
        return build_core(settings)
    except DatabaseDamaged as damaged:
        if not damaged.backups:
            _cannot_start(damaged)
            return None
        return _restore_then_start(damaged, settings) if ask_restore(damaged) else None
    except (CryptyError, OSError) as error:
        _cannot_start(error)
        return None


def _cannot_start(error: BaseException) -> None:
    if isinstance(error, DatabaseDamaged):  # two sentences, each translated
        detail = f"{core_text(error.problem)} {core_text(error.offer)}"
    else:
        detail = core_text(error.message) if isinstance(error, CryptyError) else str(error)
    headline = QCoreApplication.translate(
        "Application", "Crypty Desktop could not open its data folder or database."
    )
    QMessageBox.critical(None, APP_NAME, f"{headline}\n\n{detail}")


def ask_restore(damaged: DatabaseDamaged) -> bool:
    """Whether the user chose to restore the newest backup (the default is to quit)."""
    box = QMessageBox()
    box.setObjectName("restoreDatabase")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(APP_NAME)
    box.setText(core_text(damaged.problem))
    when = damaged.backups[0].when_text
    box.setInformativeText(
        QCoreApplication.translate(
            "Application",
            "Restore the automatic backup of %1? What changed since then is not in it. The "
            "damaged file is kept beside it, renamed, in case you need it.",
        ).replace("%1", when)
    )
    restore_button = box.addButton(
        QCoreApplication.translate("Application", "Restore the backup"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    quit_button = box.addButton(
        QCoreApplication.translate("Application", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(quit_button)
    box.exec()
    return box.clickedButton() is restore_button


def _restore_then_start(damaged: DatabaseDamaged, settings: Settings | None) -> Core | None:
    try:
        backup, aside = restore_newest_backup(damaged)
        log.warning(
            "Restored the backup of %s; the damaged file is now %s", backup.when_text, aside
        )
        return build_core(settings)
    except (CryptyError, OSError) as error:
        _cannot_start(error)
        return None


def claim_window(settings: Settings) -> SingleWindow | None:
    """The data folder's window lock; None when a window already has it (it was asked to come to
    the front, or the user was told where it is)."""
    single = SingleWindow(settings.data_dir)
    try:
        settings.ensure_dirs()
        if single.claim():
            return single
    except OSError:
        return single  # start_core says what is wrong with the data folder
    if single.hand_over():
        log.info("A window is already open for %s: brought it to the front.", settings.data_dir)
        return None
    pid = single.owner.pid if single.owner is not None else None
    QMessageBox.information(
        None,
        APP_NAME,
        QCoreApplication.translate(
            "Application",
            "Crypty Desktop is already open for this data folder (process %1). Switch to its "
            "window, or quit it before opening the app again.",
        ).replace("%1", str(pid) if pid is not None else "?"),
    )
    return None


def run(argv: list[str]) -> int:
    """Run the desktop app until its window closes; returns the exit code."""
    app = make_application(argv)
    start_logging()
    apply_preferences(app)  # language and colours, before any window is built
    settings = Settings.from_env()
    single = claim_window(settings)
    if single is None:
        return 0  # the window already open carries on
    crash = CrashReporter(app)
    crash.install()
    core = start_core(settings)
    if core is None:
        crash.uninstall()
        single.release()
        return 1
    try:
        window = MainWindow(core)
        single.sig_show_requested.connect(lambda: bring_to_front(window))
        window.show()
        window.open_onboarding_if_first_run()
        code = int(app.exec())
        window.bots.stop_for_exit()  # any bot still running (quit from elsewhere) ends cleanly
    finally:
        if not wait_for_jobs(SHUTDOWN_WAIT_MS):
            log.warning("Some background work was still running at exit.")
        core.close()
        crash.uninstall()
        single.release()
    return code
