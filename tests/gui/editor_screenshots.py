"""Screenshots at 1366×768: the bot editor with a grid around the live price, and a backtest.

Run under Xvfb, once per language and theme::

    xvfb-run -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        python -m tests.gui.editor_screenshots docs/screenshots fr dark

Writes ``bot-editor-grid[-fr][-dark].png`` and ``backtest-results[-fr][-dark].png``. The whole X
screen is taken, so anything off-screen is visibly missing.
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
from crypty_desktop.gui.qt import QApplication, QDate, QSettings  # noqa: E402
from crypty_desktop.gui.theme import apply_theme  # noqa: E402
from crypty_desktop.settings import Settings  # noqa: E402
from tests.gui.laptop_screenshots import grab_screen, run_for  # noqa: E402
from tests.memory_keyring import MemoryKeyring  # noqa: E402


def wait_until(app: QApplication, done: object, seconds: float = 30) -> None:  # float-ok
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:  # type: ignore[operator]
        run_for(app, 0.1)


def main(folder: Path, language: str, theme: str) -> None:
    from crypty_desktop.credentials import CredentialStore

    folder.mkdir(parents=True, exist_ok=True)
    suffix = ("" if language == "en" else f"-{language}") + ("" if theme == "light" else "-dark")
    app = make_application(sys.argv[:1])
    install_translators(app, language)
    apply_theme(app, theme)
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
        editor.name_edit.setText("BTC grid")
        editor.strategy_box.setCurrentIndex(editor.strategy_box.findData("grid"))
        editor.symbol_edit.setText("BTCUSDT")
        wait_until(app, lambda: editor.market is not None)
        editor.stop_loss_edit.setText("150")  # refused beside the field, before saving
        grab_screen(app, folder / f"bot-editor-grid{suffix}.png")
        editor.reject()
        window.nav.setCurrentRow(NAV_PAGES.index("Backtests"))
        page = window.backtests_page
        run_for(app, 1.5)
        page.strategy_combo.setCurrentIndex(page.strategy_combo.findData("grid"))
        wait_until(app, lambda: page.choices is not None)
        page.start_edit.setDate(QDate(2023, 6, 1))  # a year asked, fewer days in the demo
        page.end_edit.setDate(QDate(2024, 5, 31))
        page.interval_combo.setCurrentText("1h")
        page.run()
        wait_until(app, lambda: page.tabs.count() >= 2, 60)
        grab_screen(app, folder / f"backtest-results{suffix}.png")
        window.bots.supervisor.stop_all("screenshots", wait_ms=5000)
        window.close()
        core.close()


if __name__ == "__main__":
    main(
        Path(sys.argv[1]),
        sys.argv[2] if len(sys.argv) > 2 else "en",
        sys.argv[3] if len(sys.argv) > 3 else "light",
    )
