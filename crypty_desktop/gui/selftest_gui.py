"""``crypty-desktop --self-test``: start the real app offscreen and check that it is complete.

It runs in a throw-away data folder with offscreen Qt (set here, whatever the environment says),
checks the database, the keychain backend, the guide, the translations, the icons, the main window,
the charts and a Ghost bot on the simulated exchange (``crypty_desktop.selftest``), then prints
one line:

    self-test ok: v0.1.0, db, keychain=SecretService, help=fr+en, translations=fr, window, charts,
    ghost bot 20 candles 3 fills (1.9 s)

and exits 0, or prints ``self-test failed: <reason>`` and exits 1. A computer without a secure
keychain only gets a ``self-test warning:`` line: that is the computer, not the build.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TextIO

from crypty_desktop import selftest
from crypty_desktop.selftest import SelfTestFailed, SelfTestReport

#: Where a windowed Windows build (no console, no stdout) writes its verdict instead.
FALLBACK_OUTPUT = "crypty-desktop-self-test.txt"


def check_translations(app: object) -> str:
    """Every bundled ``crypty_<lang>.qm`` loads into a translator (none bundled is not an error)."""
    from crypty_desktop.gui.qt import QTranslator

    files = selftest.translation_files()
    for path in files.values():
        translator = QTranslator(app)  # type: ignore[arg-type]
        if not translator.load(str(path)) or translator.isEmpty():
            raise SelfTestFailed(f"translations: {path.name} does not load")
    return "translations=" + ("+".join(files) if files else "none")


def check_window(core: object) -> str:
    """The main window builds, shows and paints offscreen, with its icons."""
    from crypty_desktop.gui.icons import icon
    from crypty_desktop.gui.main_window import MainWindow
    from crypty_desktop.gui.qt import QApplication, QEvent

    if icon("app").pixmap(32, 32).isNull():
        raise SelfTestFailed("window: the app icon does not render (SVG support missing?)")
    window = MainWindow(core)  # type: ignore[arg-type]
    try:
        window.show()
        QApplication.processEvents()
        _settle()  # the window's background loads finish and reach it while it is alive
        if window.grab().isNull():
            raise SelfTestFailed("window: the main window did not paint")
    finally:
        window.hide()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        _settle()
    return "window"


def check_charts() -> str:
    """pyqtgraph (loaded lazily by the charts) imports and draws a line offscreen."""
    from crypty_desktop.gui.qt import QApplication, load_pyqtgraph

    pg = load_pyqtgraph()
    plot = pg.PlotWidget()
    try:
        plot.plot([1.0, 3.0, 2.0])  # float-ok: pixels, not money
        plot.resize(200, 120)
        QApplication.processEvents()
        if plot.grab().isNull():
            raise SelfTestFailed("charts: a chart did not paint")
    finally:
        plot.deleteLater()
    return "charts"


def _settle(rounds: int = 5) -> None:
    """Let background jobs end and deliver their results (which may start further jobs)."""
    from crypty_desktop.gui.jobs import wait_for_jobs
    from crypty_desktop.gui.qt import QApplication

    for _ in range(rounds):
        if not wait_for_jobs(10_000):
            raise SelfTestFailed("window: its background work did not finish")
        QApplication.processEvents()
    if not wait_for_jobs(10_000):
        raise SelfTestFailed("window: its background work did not finish")


def _private_qsettings(folder: Path) -> None:
    """Window state and preferences go to the throw-away folder, not the user's settings."""
    from crypty_desktop.gui.qt import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


def _run_checks(report: SelfTestReport, folder: Path) -> None:
    from crypty_desktop.app import build_core
    from crypty_desktop.gui.application import make_application

    report.add(selftest.check_version())
    _private_qsettings(folder / "settings")
    app = make_application([sys.argv[0] if sys.argv else "crypty-desktop"])
    core = build_core()
    try:
        report.add(selftest.check_database(core.platforms, core.bots))
        report.add(selftest.check_keychain(core.credentials, report))
        report.add(selftest.check_help())
        report.add(check_translations(app))
        candles, fills = selftest.run_ghost_bot(core.bot_context)
        report.add(check_window(core))
        report.add(check_charts())
        report.add(f"ghost bot {candles} candles {fills} fills")
    finally:
        core.close()


def run_self_test(out: TextIO | None = None) -> int:
    """Run every check; print the warnings and the verdict line. Returns the exit code."""
    out = out if out is not None else _stdout()
    report = SelfTestReport()
    try:
        with selftest.isolated_environment() as folder:
            _run_checks(report, folder)
    except SelfTestFailed as failure:
        return _say(out, f"self-test failed: {failure}", report, 1)
    except Exception as error:  # noqa: BLE001 - any crash is a failed self-test, said in one line
        return _say(out, f"self-test failed: {type(error).__name__}: {error}", report, 1)
    return _say(out, report.ok_line(), report, 0)


def _say(out: TextIO, line: str, report: SelfTestReport, code: int) -> int:
    for warning in report.warnings:
        print(f"self-test warning: {warning}", file=out)
    print(line, file=out, flush=True)
    return code


def _stdout() -> TextIO:
    """stdout, or a file in the temp folder when there is none (windowed build on Windows)."""
    if sys.stdout is not None:
        return sys.stdout
    path = Path(tempfile.gettempdir()) / FALLBACK_OUTPUT
    return path.open("w", encoding="utf-8")  # noqa: SIM115 - lives until the process ends
