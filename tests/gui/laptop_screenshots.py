"""Screenshots of the real window on a 1366×768 screen: the bot editor and a backtest result.

Run under Xvfb, once per language (``en`` or ``fr``)::

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        python -m tests.gui.laptop_screenshots docs/screenshots fr

It takes the whole X screen (what ``import -window root`` shows), so anything off-screen is
visibly missing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CRYPTY_NO_ONBOARDING", "1")

from crypty_desktop.app import build_core  # noqa: E402
from crypty_desktop.demo import ensure_demo  # noqa: E402
from crypty_desktop.gui.application import make_application  # noqa: E402
from crypty_desktop.gui.i18n import install_translators  # noqa: E402
from crypty_desktop.gui.main_window import NAV_PAGES, MainWindow  # noqa: E402
from crypty_desktop.gui.qt import QApplication, QDate, QGuiApplication, QSettings  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402


def run_for(app: QApplication, seconds: float) -> None:  # float-ok: wall time
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def grab_screen(app: QApplication, path: Path) -> None:
    run_for(app, 0.8)
    screen = QGuiApplication.primaryScreen()
    screen.grabWindow(0).save(str(path))
    print(path)


def main(folder: Path, language: str) -> None:
    from crypty_desktop.credentials import CredentialStore

    folder.mkdir(parents=True, exist_ok=True)
    suffix = "" if language == "en" else f"-{language}"
    app = make_application(sys.argv[:1])
    install_translators(app, language)
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp + "/qs")
        core = build_core(Settings(data_dir=Path(tmp) / "d"), CredentialStore(MemoryKeyring()))
        ensure_demo(core.platforms, core.bots, with_sample_bot=True)
        window = MainWindow(core)
        window.setGeometry(0, 0, 1366, 768 - 30)  # no window manager under Xvfb: the whole screen
        window.show()
        run_for(app, 2.0)
        editor = window.bots.list.open_editor()
        run_for(app, 1.0)
        editor.symbol_edit.setText("BTCUSDT")
        editor.strategy_box.setCurrentIndex(editor.strategy_box.findData("grid"))
        editor.param_form.field("lower").editor.setText(  # type: ignore[union-attr]
            "60,000" if language == "en" else "60 000"
        )
        editor.param_form.field("upper").editor.setText(  # type: ignore[union-attr]
            "72,000" if language == "en" else "72 000"
        )
        editor.budget_edit.setText("1,5" if language == "en" else "1.000")  # refused
        run_for(app, 1.0)
        editor.save()
        grab_screen(app, folder / f"bot-editor-1366{suffix}.png")
        editor.reject()
        window.nav.setCurrentRow(NAV_PAGES.index("Backtests"))
        page = window.backtests_page
        run_for(app, 1.5)
        page.start_edit.setDate(QDate(2024, 3, 1))
        page.end_edit.setDate(QDate(2024, 3, 31))
        page.run()
        end = time.monotonic() + 60
        while page.tabs.count() < 2 and time.monotonic() < end:
            run_for(app, 0.2)
        window.show_help("backtests")
        grab_screen(app, folder / f"backtest-1366{suffix}.png")
        print("minimum", window.minimumSizeHint().width(), window.minimumSizeHint().height())
        window.bots.supervisor.stop_all("screenshots", wait_ms=5000)
        window.close()
        core.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "en")
